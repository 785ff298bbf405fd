# corpus: script
# asyncio.sleep(1) without await inside a coroutine waits for nothing: the task runs straight through and CPython warns about sleep.
import asyncio
import time


async def simmer():
    print("simmer starts")
    asyncio.sleep(1)
    print("simmer ends")


async def main():
    start = time.monotonic()
    await simmer()
    print("took", time.monotonic() - start)


asyncio.run(main())
