# corpus: script
# asyncio.wait_for gives up on a 3 s wait after 1 s: the TimeoutError is caught and the program goes on.
import asyncio


async def slow_oven():
    await asyncio.sleep(3)
    return "roast"


async def main():
    try:
        dish = await asyncio.wait_for(slow_oven(), timeout=1)
        print("got", dish)
    except asyncio.TimeoutError:
        print("gave up waiting for the oven")
    await asyncio.sleep(0.5)
    print("ordered a pizza instead")


asyncio.run(main())
