# corpus: script
# A top-level await works in a notebook but is a SyntaxError in a script: nothing runs.
import asyncio


async def greet():
    await asyncio.sleep(1)
    print("hello")

await greet()
