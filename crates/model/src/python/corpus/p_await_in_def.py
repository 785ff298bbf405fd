# corpus: script
# await inside a plain def is a SyntaxError: nothing runs, not even the print before it.
import asyncio

print("this never prints")


def fetch():
    await asyncio.sleep(1)
    return "data"


async def main():
    print(fetch())


asyncio.run(main())
