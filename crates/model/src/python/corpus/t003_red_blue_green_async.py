# corpus: notebook
# Tutorial 003's async red/blue/green cell: three gathered my_func coroutines sleep together, print red red red, blue blue blue, green green green, and take 3 s.
import time
import asyncio

async def my_func():
    await asyncio.sleep(1)
    print('red')
    await asyncio.sleep(1)
    print('blue')
    await asyncio.sleep(1)
    print('green')

async def main():
#     task = [count() for _ in range(0,3)]
#     await asyncio.gather(*task)
    await asyncio.gather(my_func(),my_func(),my_func())

if __name__ == '__main__':
    t1 = time.perf_counter()
    await main()
#     asyncio.run(main())
    t2 = time.perf_counter()
    print(f'{t2-t1} sec')
   
