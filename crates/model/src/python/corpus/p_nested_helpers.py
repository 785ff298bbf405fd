# corpus: script
# main awaits a helper that awaits another helper; each returns a value the caller prints, one after the other (1.5 s).
import asyncio


async def fetch_eggs(count):
    await asyncio.sleep(0.5)
    return count * 2


async def make_omelette(people):
    eggs = await fetch_eggs(people)
    print("eggs fetched:", eggs)
    await asyncio.sleep(1)
    return f"omelette of {eggs} eggs"


async def main():
    plate = await make_omelette(3)
    print("served:", plate)


asyncio.run(main())
