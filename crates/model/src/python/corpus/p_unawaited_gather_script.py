# corpus: script
# A gather nobody awaits still starts its tasks, but main returns after 1 s: the 0.5 s task finishes, the 2 s one is cancelled by asyncio.run.
import asyncio


async def timer(name, seconds):
    print(name, "started")
    await asyncio.sleep(seconds)
    print(name, "finished")


async def main():
    asyncio.gather(timer("short", 0.5), timer("long", 2))
    await asyncio.sleep(1)
    print("main returns")


asyncio.run(main())
