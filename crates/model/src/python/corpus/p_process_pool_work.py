# corpus: script real
# Two jobs of CPU-bound work on a pool of two worker processes run side by side: about 1 s in all, not 1.5 s.
import asyncio
import concurrent.futures
import time


def work(seconds):
    # A busy loop on this process's own CPU time.
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


def job(name, seconds):
    work(seconds)
    print(name, "done")
    return seconds


async def main():
    loop = asyncio.get_running_loop()
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        done = await asyncio.gather(
            loop.run_in_executor(pool, job, "slicing", 0.5),
            loop.run_in_executor(pool, job, "dicing", 1.0),
        )
    print("all done:", done)


if __name__ == "__main__":
    start = time.perf_counter()
    asyncio.run(main())
    print(f"in {time.perf_counter() - start:.1f} s")
