# corpus: script
# A task of a TaskGroup fails after 1 s: the group cancels its sibling and raises an ExceptionGroup, which ends the program.
import asyncio


async def mix(seconds):
    await asyncio.sleep(seconds)
    print("mixed")


async def burn():
    await asyncio.sleep(1)
    raise RuntimeError("the pan caught fire")


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(mix(3))
        tg.create_task(burn())
    print("unreachable")


asyncio.run(main())
