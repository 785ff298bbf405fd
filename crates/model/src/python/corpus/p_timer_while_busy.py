# corpus: script
# A timer comes due while main computes: the sleeper wakes a turn after its timer is handled, so the spinner, already ready, prints twice first.
import asyncio
import time


def work(seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


async def sleeper():
    await asyncio.sleep(0.5)
    print("sleeper wakes")


async def spinner():
    for i in range(3):
        print("spin", i)
        await asyncio.sleep(0)


async def main():
    first = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    work(0.6)
    second = asyncio.create_task(spinner())
    await asyncio.gather(first, second)


asyncio.run(main())
