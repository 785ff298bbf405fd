# corpus: script real
# Three jobs on a pool of two worker processes: the third waits for a worker to be free, each prints when it is done, and main gets their results in the order it asked.
import asyncio
import concurrent.futures
import time


def job(name, seconds):
    time.sleep(seconds)
    print(name, "done")
    return seconds


async def main():
    loop = asyncio.get_running_loop()
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        results = await asyncio.gather(
            loop.run_in_executor(pool, job, "roast", 0.6),
            loop.run_in_executor(pool, job, "toast", 0.2),
            loop.run_in_executor(pool, job, "boil", 0.2),
        )
    print("all done:", results)


if __name__ == "__main__":
    asyncio.run(main())
