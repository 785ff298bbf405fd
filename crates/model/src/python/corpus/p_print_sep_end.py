# corpus: script
# print with several arguments, sep= and end=: the lines are built exactly as print builds them, across two tasks.
import asyncio


async def label(jar, contents):
    print("jar", jar, "holds", contents)
    print(jar, contents, sep=" -> ")
    print("sealing", end="... ")
    await asyncio.sleep(1)
    print("sealed", jar)


async def main():
    await label(1, "jam")
    print("a", "b", "c", sep="", end="!\n")
    print()
    print("multi", "line", sep="\n")


asyncio.run(main())
