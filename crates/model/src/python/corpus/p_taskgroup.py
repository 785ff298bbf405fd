# corpus: script
# A TaskGroup starts three dishes that cook at once: the block ends when the slowest, 3 s, is done.
import asyncio


async def cook(dish, minutes):
    print(f"{dish}: on the stove")
    await asyncio.sleep(minutes)
    print(f"{dish}: ready after {minutes} s")


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(cook("rice", 3))
        tg.create_task(cook("soup", 1))
        tg.create_task(cook("sauce", 2))
    print("everything is on the table")


asyncio.run(main())
