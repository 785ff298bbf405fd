# Times are in s: 1 s = 2.5 ms of real time.
# work(n) keeps the thread busy for n s: a busy loop, the cook's hands are full.
# asyncio.sleep(n * SCALE) suspends the coroutine for n s: the thread is free meanwhile.
# asyncio.sleep(0) gives the event loop back once without waiting.
import asyncio
import time

SCALE = 2.5 / 1000  # seconds of real time in 1 s, as on the page


def work(units):
    # A busy loop: the thread computes until the time is up and can do nothing else.
    end = time.perf_counter() + units * SCALE
    while time.perf_counter() < end:
        pass


async def boil():
    await asyncio.sleep(3 * SCALE)  # water "boils"
    print("it's boiling")


async def tea():
    await boil()
    await asyncio.sleep(0)  # let others run
    print("it's \"done\"")


async def brew():
    work(2)  # grind # beans
    await tea()  # make "tea"
    asyncio.sleep(1 * SCALE)  # cool \ down — missing await: the coroutine never runs, nothing waits
    boil()  # missing await: boil never runs
    asyncio.sleep(0)  # missing await: the event loop is not given back
    print('said "hi" \\ {x}')


async def download():
    print("start")
    await asyncio.sleep(3 * SCALE)  # the server is slow


async def main():
    # Calling an async function only creates a coroutine: none of these ever runs.
    brew()  # RuntimeWarning: coroutine 'brew' was never awaited
    for _ in range(3):
        download()  # RuntimeWarning: coroutine 'download' was never awaited


start = time.perf_counter()
asyncio.run(main())
elapsed = time.perf_counter() - start
print(f"Total time: {elapsed / SCALE:.1f} s ({elapsed * 1000:.0f} ms)")
