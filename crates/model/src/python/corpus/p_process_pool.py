# corpus: script real
# Two CPU-bound jobs run in a ProcessPoolExecutor through loop.run_in_executor, in parallel worker processes; main prints their results.
import asyncio
import concurrent.futures
import time


def crunch(n):
    total = 0
    for k in range(n):
        total += k * k
    return total


async def main():
    loop = asyncio.get_running_loop()
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        results = await asyncio.gather(
            loop.run_in_executor(pool, crunch, 200_000),
            loop.run_in_executor(pool, crunch, 300_000),
        )
    print("sums of squares:", results)


if __name__ == "__main__":
    start = time.perf_counter()
    asyncio.run(main())
    print(f"done in {time.perf_counter() - start:.2f} s")
