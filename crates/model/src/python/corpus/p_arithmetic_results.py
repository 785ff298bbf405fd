# corpus: script
# Values returned by awaited coroutines are used in arithmetic and printed; the awaits run one after another (1.5 s).
import asyncio


async def price(item, euros):
    await asyncio.sleep(0.5)
    return euros


async def main():
    bread = await price("bread", 2)
    cheese = await price("cheese", 7)
    wine = await price("wine", 12)
    total = bread * 2 + cheese + wine
    print("total:", total)
    print("average:", total / 4)
    print("change from 50:", 50 - total, "and", (50 - total) // 5, "coins of 5")


asyncio.run(main())
