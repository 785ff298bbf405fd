# corpus: script
# await asyncio.sleep(0) hands the loop over without waiting: two tasks' prints alternate and no time passes.
import asyncio


async def speaker(name, words):
    for word in words:
        print(name, "says", word)
        await asyncio.sleep(0)


async def main():
    await asyncio.gather(speaker("ping", ["a", "b", "c"]), speaker("pong", ["x", "y", "z"]))


asyncio.run(main())
