# corpus: script
# as_completed yields results in the order the coroutines finish: 1 s, 2 s, then 3 s.
import asyncio


async def order(dish, seconds):
    await asyncio.sleep(seconds)
    return dish


async def main():
    orders = [order("steak", 3), order("salad", 1), order("soup", 2)]
    for next_done in asyncio.as_completed(orders):
        print("served", await next_done)


asyncio.run(main())
