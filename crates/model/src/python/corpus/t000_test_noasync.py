# corpus: script
# Tutorial 000's test_noasync.py, written from its description: five blocking 3-second time.sleep calls one after another take 15 s.
import time

def example_coroutine(i):
    time_io_wait = 3
    time.sleep(time_io_wait) 

def main():
    t0 = time.time()
    for i in range(5):
        print(f'time after iter {i} is {time.time()-t0}')
        example_coroutine(i)

t0=time.time()
main()
print("\nTotal time needed was {}\n".format(time.time() -t0 ) )
