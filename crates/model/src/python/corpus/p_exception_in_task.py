# corpus: script
# One gathered coroutine raises after 1 s: gather passes the ValueError to main and the program ends with it, while the other task, still frying, is cancelled by asyncio.run.
import asyncio


async def fry(item, seconds):
    print("frying", item)
    await asyncio.sleep(seconds)
    if item == "ice cream":
        raise ValueError(f"cannot fry {item}")
    print(item, "fried")


async def main():
    await asyncio.gather(fry("potatoes", 2), fry("ice cream", 1))
    print("never printed")


asyncio.run(main())
