# corpus: script
# A for loop creates four tasks whose waits grow with i; they finish in order of their waits, 2 s in all.
import asyncio


async def toast(i, seconds):
    print(f"slice {i} goes in for {seconds} s")
    await asyncio.sleep(seconds)
    print(f"slice {i} pops up")


async def main():
    tasks = []
    for i in range(4):
        tasks.append(asyncio.create_task(toast(i, 0.5 * (i + 1))))
    for task in tasks:
        await task
    print("all toast done")


asyncio.run(main())
