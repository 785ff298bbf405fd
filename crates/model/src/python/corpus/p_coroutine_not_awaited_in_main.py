# corpus: script
# main calls a coroutine function without await: the coroutine is made and dropped, nothing of it runs, and CPython warns.
import asyncio


async def wash_dishes():
    print("washing")
    await asyncio.sleep(2)
    print("dishes clean")


async def main():
    print("before")
    wash_dishes()
    print("after")


asyncio.run(main())
