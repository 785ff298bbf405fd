# corpus: script
# time.sleep inside a coroutine blocks the whole loop: the two gathered cooks run one after the other, 3 s, not 2.
import asyncio
import time


async def chop(what, seconds):
    print("start chopping", what)
    time.sleep(seconds)  # blocks: nobody else can run meanwhile
    print("done chopping", what)


async def main():
    start = time.perf_counter()
    await asyncio.gather(chop("onions", 2), chop("carrots", 1))
    print(f"took {time.perf_counter() - start:.1f} s")


asyncio.run(main())
