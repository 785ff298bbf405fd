# Times are in min: 1 min = 20 ms of real time.
# work(n) keeps the thread busy for n min: a busy loop, the cook's hands are full.
# asyncio.sleep(n * SCALE) suspends the coroutine for n min: the thread is free meanwhile.
import asyncio
import time

SCALE = 20 / 1000  # seconds of real time in 1 min, as on the page


def work(units):
    # A busy loop: the thread computes until the time is up and can do nothing else.
    end = time.perf_counter() + units * SCALE
    while time.perf_counter() < end:
        pass


async def cake():
    work(15)  # prepare the dough
    await asyncio.sleep(45 * SCALE)  # bake in the oven


async def groceries():
    work(20)  # buy groceries


async def main():
    await asyncio.gather(cake(), groceries())


start = time.perf_counter()
asyncio.run(main())
elapsed = time.perf_counter() - start
print(f"Total time: {elapsed / SCALE:.1f} min ({elapsed * 1000:.0f} ms)")
