# corpus: script
# gather hands back its coroutines' results in the order they were passed, not the order they finished.
import asyncio


async def weigh(item, grams, delay):
    await asyncio.sleep(delay)
    print("weighed", item)
    return grams


async def main():
    weights = await asyncio.gather(weigh("flour", 500, 2), weigh("sugar", 200, 0.5), weigh("butter", 250, 1))
    print(weights)
    print("total grams:", sum(weights))


asyncio.run(main())
