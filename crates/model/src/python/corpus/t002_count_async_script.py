# corpus: script
# Tutorial 002's async count as a script: asyncio.run returns as soon as call_count does, so the un-awaited gather's three tasks print One and are cancelled before Two.
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
    
asyncio.run(call_count())
