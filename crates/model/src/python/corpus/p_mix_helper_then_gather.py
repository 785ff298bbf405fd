# corpus: script
# main first awaits one helper alone (1 s), then gathers two more that overlap (2 s): 3 s in all.
import asyncio


async def step(name, seconds):
    print(f"begin {name}")
    await asyncio.sleep(seconds)
    print(f"end {name}")
    return seconds


async def main():
    first = await step("preheat", 1)
    rest = await asyncio.gather(step("knead", 2), step("grease tin", 0.5))
    print("seconds per step:", first, rest)


asyncio.run(main())
