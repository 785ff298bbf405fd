"""The scale bench's reference: N asyncio tasks that each sleep, gathered, as the tutorials write it.

`cargo xtask bench` runs this on the same machine as the browser figures and prints it beside them:
it is the number readers of the Python tutorials know. It prints one JSON object per line:
{"tasks": N, "wait_ms": W, "total_ms": [...one per repeat...]}.
"""

import argparse
import asyncio
import json
import time


async def gather(tasks: int, wait_ms: float) -> float:
    """Gathers `tasks` sleeps of `wait_ms` and returns how long that took, in milliseconds."""
    start = time.perf_counter()
    await asyncio.gather(*(asyncio.sleep(wait_ms / 1000) for _ in range(tasks)))
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--wait-ms", type=float, default=50.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for tasks in args.tasks:
        # A fresh event loop per repeat, as `asyncio.run` gives each tutorial script.
        totals = [asyncio.run(gather(tasks, args.wait_ms)) for _ in range(args.repeat)]
        print(json.dumps({"tasks": tasks, "wait_ms": args.wait_ms, "total_ms": totals}), flush=True)


if __name__ == "__main__":
    main()
