# corpus: script
# Tutorial 003's synchronous red/blue/green: three my_func calls of three blocking 1-second sleeps each take 9 s.
import time
def my_func():
    time.sleep(1)
    print('red')
    time.sleep(1)
    print('blue')
    time.sleep(1)
    print('green')

def main():
    my_func()
    my_func()
    my_func()

if __name__ == '__main__':
    t1 = time.perf_counter()
    main()
    t2 = time.perf_counter()
    print(f'{t2-t1} sec')
