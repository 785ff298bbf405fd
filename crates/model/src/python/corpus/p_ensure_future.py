# corpus: script
# ensure_future wraps coroutines in tasks that start at once, like create_task; main waits for both with asyncio.wait (2 s).
import asyncio


async def ring(bell, seconds):
    await asyncio.sleep(seconds)
    print("ding from", bell)


async def main():
    first = asyncio.ensure_future(ring("door", 2))
    second = asyncio.ensure_future(ring("oven", 1))
    print("both bells armed")
    done, pending = await asyncio.wait([first, second])
    print(len(done), "done,", len(pending), "pending")


asyncio.run(main())
