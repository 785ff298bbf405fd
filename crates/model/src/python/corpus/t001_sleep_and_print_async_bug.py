# corpus: script
# Tutorial 001's async sleep_and_print as printed: asyncio.sleep(t) lacks its await, so nothing waits, both finish at once and two sleeps are never awaited.
## Dont Run this cell!! 
## Jupyter notebook can't run async codes 
## check program 2 in the directory 

import asyncio
from datetime import datetime
import click  # print with style (req pip install)

async def sleep_and_print(t):  # define async function that can later await
    """
    takes a time t in sec, sleeps for t asynchonously and returns t. 
    """
    print(f'starting {t} sleep')
    asyncio.sleep(t)  # non-blocking alternative to time.sleep 
    print(f'finished {t} sleep')
    return t

async def caller():
    result = await asyncio.gather(sleep_and_print(3), sleep_and_print(6)) # takes multiple co-routines and run them concurrently 

start = datetime.now()
asyncio.run(caller()) # should take max(3,6)=6 sec
click.secho(f'{datetime.now()-start}',bold=True, bg='blue', fg='white')
