# corpus: notebook
# asyncio.run in a notebook cell fails, the kernel's loop already running: a RuntimeError, and main is never awaited.
import asyncio


async def main():
    print("hello from main")
    await asyncio.sleep(1)


print("cell starts")
asyncio.run(main())
