# corpus: script
# Three tasks start when created; awaiting them in another order changes only when main hears of them, and the whole takes the longest, 3 s.
import asyncio


async def delivery(name, seconds):
    print(f"{name} sets off")
    await asyncio.sleep(seconds)
    print(f"{name} arrives")
    return name


async def main():
    van = asyncio.create_task(delivery("van", 3))
    bike = asyncio.create_task(delivery("bike", 1))
    truck = asyncio.create_task(delivery("truck", 2))
    for task in (truck, van, bike):
        print("main got", await task)


asyncio.run(main())
