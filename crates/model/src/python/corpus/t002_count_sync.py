# corpus: script
# Tutorial 002's synchronous count: three blocking counts take 3 s, then the line timing them fails with a NameError on s, which was never defined.
# Synchronous Example

import time

def count():
    print("One")
    time.sleep(1)
    print("Two")


if __name__ == "__main__":
    for _ in range(3):
        count()
    elapsed = time.perf_counter() - s
