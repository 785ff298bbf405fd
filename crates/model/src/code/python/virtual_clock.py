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
- `time.sleep(s)` moves it on by `s` at once, and so does the generators' scheduler's idling;
- `time.monotonic()`, which that scheduler reads, moves it on by a nanosecond, as the loop's clock;
- the event loop reads the same clock, and when it has nothing to do until its next timer, it moves
  the clock on to that timer instead of waiting. Each of its reads also moves the clock on by a
  nanosecond: timers armed one after another are due one after another, as on a real clock, where
  two reads are never equal.

TRACE.txt gets one line per step the twin ran and per line it printed, in the order they ended:
`KIND START END`, times in milliseconds since the clock started, KIND one of `work`,
`time.sleep`, `asyncio.sleep` and `print` (which takes no time; one per line of text printed). The
callbacks and generators twins' waits and yields are `asyncio.sleep` too: a `loop.call_later` or
`loop.call_soon` of a task's until its callback is called, a generator's `yield from sleep(n)` until
the generator goes on.
"""

import asyncio
import builtins
import inspect
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
    # The generators' scheduler, `run`, sleeps when it has nothing to do until its next timer, as
    # asyncio's loop waits in `select`: that is the loop idling, not a step of the twin's.
    caller = sys._getframe(1).f_code
    if caller.co_filename != TWIN or caller.co_name != "run":
        stamps.append(("time.sleep", start, now))


def monotonic():
    global now
    now += 1e-9
    return now


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
# a profile hook rather than by replacing it. So is the generators' `sleep(n)`, a generator that
# yields once: the hook sees it begin (its first resume) and end (its return, whose value is None,
# where a yield's is the number it yields), which is when the generator that waits on it goes on.
# Only a sleep that yielded counts: CPython may also report a generator's creation, and the closing
# of one that never ran (a forgotten `yield from`), as a call and a return.
working = []
waiting = {}
yielded = set()


def profile(frame, event, arg):
    code = frame.f_code
    if code.co_filename != TWIN:
        return
    if code.co_name == "work":
        if event == "call":
            working.append(now)
        elif event == "return":
            stamps.append(("work", working.pop(), now))
    elif code.co_name == "sleep" and code.co_flags & inspect.CO_GENERATOR:
        if event == "call":
            waiting.setdefault(frame, now)
        elif event == "return" and arg is not None:
            yielded.add(frame)
        elif event == "return" and frame in yielded:
            yielded.remove(frame)
            stamps.append(("asyncio.sleep", waiting.pop(frame), now))


def from_a_step():
    """Whether the loop is called by one of the twin's tasks, not by main or the module."""
    code = sys._getframe(2).f_code
    return code.co_filename == TWIN and code.co_name not in ("main", "<module>")


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

    # The callbacks twins wait with `loop.call_later` and yield with `loop.call_soon`: such a step
    # lasts from the call to when the loop calls the rest of the task back. asyncio's own calls (a
    # sleep's timer, a task's steps) and main's (which start tasks) are no steps.
    def call_later(self, delay, callback, *args, **rest):
        if not from_a_step():
            return super().call_later(delay, callback, *args, **rest)
        return super().call_later(delay, stamped(callback), *args, **rest)

    def call_soon(self, callback, *args, **rest):
        if not from_a_step():
            return super().call_soon(callback, *args, **rest)
        return super().call_soon(stamped(callback), *args, **rest)


def stamped(callback):
    """`callback`, stamping the step that scheduled it as it is called back."""
    start = now

    def called_back(*args):
        stamps.append(("asyncio.sleep", start, now))
        return callback(*args)

    return called_back


time.perf_counter = perf_counter
time.sleep = blocking_sleep
time.monotonic = monotonic
asyncio.sleep = asyncio_sleep
builtins.print = traced_print
# `asyncio.run` makes its loop with this function (3.8 to 3.14), whatever the policy says.
asyncio.events.new_event_loop = Loop
# The callbacks twins make their loop themselves.
asyncio.new_event_loop = Loop
sys.argv = [TWIN]
sys.setprofile(profile)
runpy.run_path(TWIN, run_name="__main__")
sys.setprofile(None)
with open(TRACE, "w", encoding="utf-8") as trace:
    for kind, start, end in stamps:
        trace.write(f"{kind} {start * 1000:.6f} {end * 1000:.6f}\n")
