# Times are in min: 1 min = 20 ms of real time.
# work(n) computes for n min of the cook's CPU time: a busy loop, its hands are full.
# asyncio.sleep(n * SCALE) suspends the coroutine for n min: the process is free meanwhile.
# Each cook is a worker process with its own interpreter, event loop and memory: nothing is
# shared with main or the other cooks. Threads (ThreadPoolExecutor) would not speed work up:
# CPython's GIL lets only one thread run Python code at a time. Each process has its own GIL,
# so the cooks' work runs in parallel, as far as the machine has cores.
import asyncio
import concurrent.futures
import time

SCALE = 20 / 1000  # seconds of real time in 1 min


def work(units):
    # CPU time, not the wall clock: a cook that shares its core with another, or a thread
    # waiting for the GIL, gets no further with its work meanwhile.
    end = time.thread_time() + units * SCALE
    while time.thread_time() < end:
        pass


async def cake():
    work(15)  # prepare the dough
    await asyncio.sleep(45 * SCALE)  # bake in the oven


async def groceries():
    work(20)  # buy groceries


def cook(task):
    # In a worker process: the task runs alone on this process's own event loop.
    asyncio.run(task())


async def main():
    loop = asyncio.get_running_loop()
    # The pool hands the tasks out in order, each to the first cook that is free.
    tasks = [cake, groceries]
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        await asyncio.gather(*(loop.run_in_executor(pool, cook, task) for task in tasks))


if __name__ == "__main__":
    # Worker processes started with the spawn method import this file; the guard
    # keeps them from running main again.
    start = time.perf_counter()
    asyncio.run(main())
    elapsed = time.perf_counter() - start
    print(f"Total time: {elapsed / SCALE:.1f} min ({elapsed * 1000:.0f} ms)")
