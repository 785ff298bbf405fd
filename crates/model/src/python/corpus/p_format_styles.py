# corpus: script
# str.format, % formatting and f-strings of numbers and of times: the numbers print as usual, every time (with any format spec, !r or %s) as a clock value.
import asyncio
import time


async def bake(name, minutes):
    await asyncio.sleep(minutes)
    return name, minutes


async def main():
    start = time.time()
    name, minutes = await bake("bread", 1)
    print("{} took {} s".format(name, minutes))
    print("%s baked in %d s" % (name, minutes))
    print("{:>8}|{:<6}|{:05.1f}".format(name, minutes, 2.5))
    elapsed = time.time() - start
    print("elapsed: {:.2f}".format(elapsed))
    print("elapsed: %s" % elapsed)
    print(f"elapsed: {elapsed!r} and {elapsed:.3f}")


asyncio.run(main())
