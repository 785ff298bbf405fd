# corpus: script
# Tutorial 001's synchronous sleep_and_print: time.sleep(3) then time.sleep(6) one after the other take 9 s, timed with datetime.now() and printed with click.secho.
import time 
from datetime import datetime
import click  # print with style (req pip install)

def sleep_and_print(t): 
    """
    takes a time t in sec, sleeps for t and returns t. 
    """
    print(f'[{datetime.now()}]starting {t} sleep')
    time.sleep(t)  # sleeping for t sec.
    print(f'[{datetime.now()}]finished {t} sleep')
    return t

# caller 
start = datetime.now()
print([sleep_and_print(3), sleep_and_print(6)]) # should take 3+6=9 sec
click.secho(f'Time taken: {datetime.now()-start}',bold=True, bg='blue', fg='white')

