# corpus: script
# work(), a busy loop on time.perf_counter as the page's Python files define it, holds the thread: the sleeping task wakes late, 2.5 s in all.
import asyncio
import time


def work(seconds):
    # A busy loop: the thread computes until the time is up and can do nothing else.
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


async def knead():
    print("kneading starts")
    work(1.5)
    print("kneading ends")


async def proof():
    print("dough proofing")
    await asyncio.sleep(1)
    print("proofed")
    work(1)
    print("shaped")


async def main():
    start = time.perf_counter()
    await asyncio.gather(proof(), knead())
    elapsed = time.perf_counter() - start
    print(f"Total time: {elapsed:.1f} s")


asyncio.run(main())
