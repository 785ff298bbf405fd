"""Runs a Python twin on asyncio with a virtual clock, and says when each of its steps ran.

    python3 virtual_clock.py TWIN.py TRACE.txt TICK

The CPython test (cpython.rs) runs every twin but the processes ones through this file. The twin
is the file a learner downloads, unchanged: everything here is done from outside, before it runs.
Its event loop is CPython's own (the same ready queue, timer heap, gather and create_task), but no
real time passes: a timer's wait, a blocking sleep and a busy loop each move the clock on by exactly
their length, so the run is the one a perfect machine would give, whatever else the machine is
doing. That is what the page's prediction is, so the two can be compared to the microsecond.

- `time.perf_counter()` (which `work` busy-waits on, and which times `main`) moves the clock on by
  TICK seconds at each read, so that a busy loop ends, as late as a real one, by less than a tick;
- `time.sleep(s)` moves it on by `s` at once;
- the event loop reads the same clock, and when it has nothing to do until its next timer, it moves
  the clock on to that timer instead of waiting. Each of its reads also moves the clock on by a
  nanosecond: timers armed one after another are due one after another, as on a real clock, where
  two reads are never equal.

TRACE.txt gets one line per step the twin ran and per line it printed, in the order they ended:
`KIND START END`, times in milliseconds since the clock started, KIND one of `work`,
`time.sleep`, `asyncio.sleep` and `print` (which takes no time; one per line of text printed).
"""

import asyncio
import builtins
import runpy
import selectors
import sys
import time

TWIN, TRACE, TICK = sys.argv[1], sys.argv[2], float(sys.argv[3])

# The virtual clock, in seconds, and what the twin did: (kind, start, end).
now = 0.0
stamps = []


def perf_counter():
    global now
    now += TICK
    return now


def blocking_sleep(seconds):
    global now
    start = now
    now += seconds
    stamps.append(("time.sleep", start, now))


real_asyncio_sleep = asyncio.sleep


async def asyncio_sleep(delay, result=None):
    start = now
    try:
        return await real_asyncio_sleep(delay, result)
    finally:
        # The coroutine that awaited the sleep goes on from here: the end of its step.
        stamps.append(("asyncio.sleep", start, now))


# A sleep made and never awaited is reported under its own name, as asyncio's would be.
asyncio_sleep.__name__ = asyncio_sleep.__qualname__ = "sleep"

real_print = builtins.print


def traced_print(*values, sep=" ", **rest):
    text = (" " if sep is None else sep).join(map(str, values))
    stamps.extend(("print", now, now) for _ in range(text.count("\n") + 1))
    real_print(*values, sep=sep, **rest)


# `work` is the twin's own function, defined when the twin runs: its calls and returns are seen by
# a profile hook rather than by replacing it.
working = []


def profile(frame, event, _arg):
    code = frame.f_code
    if code.co_name == "work" and code.co_filename == TWIN:
        if event == "call":
            working.append(now)
        elif event == "return":
            stamps.append(("work", working.pop(), now))


class Selector(selectors.DefaultSelector):
    """Waits for nothing: the time until the next timer passes at once."""

    def select(self, timeout=None):
        global now
        if timeout is None:
            # No timer and nothing ready: a real loop would wait for ever.
            raise RuntimeError("the event loop has nothing left to wait for")
        now += timeout
        return super().select(0)


class Loop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__(Selector())

    def time(self):
        global now
        now += 1e-9
        return now


time.perf_counter = perf_counter
time.sleep = blocking_sleep
asyncio.sleep = asyncio_sleep
builtins.print = traced_print
# `asyncio.run` makes its loop with this function (3.8 to 3.14), whatever the policy says.
asyncio.events.new_event_loop = Loop
sys.argv = [TWIN]
sys.setprofile(profile)
runpy.run_path(TWIN, run_name="__main__")
sys.setprofile(None)
with open(TRACE, "w", encoding="utf-8") as trace:
    for kind, start, end in stamps:
        trace.write(f"{kind} {start * 1000:.6f} {end * 1000:.6f}\n")
