# Times are in s: 1 s = 2.5 ms of real time.
# work(n) keeps the thread busy for n s: a busy loop, the cook's hands are full.
# time.sleep(n * SCALE) holds the thread for n s; the page busy-waits, so it freezes.
# time.sleep(0) does nothing here: a plain function has no event loop to give back to.
import time

SCALE = 2.5 / 1000  # seconds of real time in 1 s, as on the page


def work(units):
    # A busy loop: the thread computes until the time is up and can do nothing else.
    end = time.perf_counter() + units * SCALE
    while time.perf_counter() < end:
        pass


def boil():
    time.sleep(3 * SCALE)  # water "boils"
    print("it's boiling")


def tea():
    boil()
    time.sleep(0)  # let others run
    print("it's \"done\"")


def brew():
    work(2)  # grind # beans
    tea()  # make "tea"
    time.sleep(1 * SCALE)  # cool \ down
    boil()
    time.sleep(0)
    print('said "hi" \\ {x}')


def download():
    print("start")
    time.sleep(3 * SCALE)  # the server is slow


def main():
    brew()
    for _ in range(3):
        download()


start = time.perf_counter()
main()
elapsed = time.perf_counter() - start
print(f"Total time: {elapsed / SCALE:.1f} s ({elapsed * 1000:.0f} ms)")
