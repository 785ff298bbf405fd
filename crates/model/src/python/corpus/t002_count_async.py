# corpus: notebook
# Tutorial 002's async count cell: the gather is never awaited, yet in a notebook its three tasks still run on the kernel's loop and print One One One Two Two Two in 1 s.
# Asynchronous Example
# code pulled/modified from https://realpython.com/async-io-python

import time
import asyncio

async def count():
    # asynchronous co-routine
    print("One")
    # pause here and come back when sleep() is complete
    await asyncio.sleep(1) 
    print("Two")
    
async def call_count():
    # run coroutines concurrently
    asyncio.gather(count(), count(), count()) 
    
await call_count()
