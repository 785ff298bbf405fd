# corpus: script
# Tasks made with create_task in a list comprehension all run at once; awaiting each in turn collects their results in 2.5 s.
import asyncio


async def boil(pot, seconds):
    await asyncio.sleep(seconds)
    print(f"pot {pot} boils")
    return pot * 10


async def main():
    tasks = [asyncio.create_task(boil(n, 2.5 - n)) for n in range(3)]
    results = []
    for task in tasks:
        results.append(await task)
    print("results:", results)


asyncio.run(main())
