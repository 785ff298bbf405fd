# corpus: script
# Tutorial 001's async sleep_and_print with its await restored and the gather's result printed: the 3 s and 6 s sleeps overlap, 6 s in all.
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
    await asyncio.sleep(t)  # non-blocking alternative to time.sleep 
    print(f'finished {t} sleep')
    return t

async def caller():
    result = await asyncio.gather(sleep_and_print(3), sleep_and_print(6)) # takes multiple co-routines and run them concurrently 
    print(result)

start = datetime.now()
asyncio.run(caller()) # should take max(3,6)=6 sec
click.secho(f'{datetime.now()-start}',bold=True, bg='blue', fg='white')
