"""Runs a learner's asyncio program in CPython and prints what it did as one JSON object.

    python3 run_in_cpython.py PROGRAM.py [--notebook] [--real]

A test runs every program of the corpus (`corpus/`) through this file and compares the page's
console and total with CPython's. The program runs unchanged: all is done from outside. The JSON,
alone on stdout, is {"lines", "total", "warnings", "error", "cancelled"}:

- `lines`: what the program wrote to stdout, split at each "\n" (a final "\n" adds no empty line).
  Stdout is redirected at its file descriptor, so that worker processes' lines are caught too.
- `total`: seconds from the program's start to its end, on the virtual clock (or the real one).
- `warnings`: the text of each RuntimeWarning, such as "coroutine 'f' was never awaited".
- `error`: null, or {"type", "message", "line", "column"} of the exception that ended the program:
  `line` the deepest line of the program in its traceback (or null), `column` a SyntaxError's
  1-based offset (else null). A SystemExit of status 0 or None is no error.
- `cancelled`: tasks still pending when their loop finished: cancelled by `asyncio.run`, left
  pending by `loop.close()` or, in a notebook, waiting for ever.

Why each patch exists:

- The virtual clock (unless `--real`, for worker processes, which cannot share it): no real time
  passes, so a run is the one a perfect machine would give, whatever the load. The event loop is
  CPython's own (ready queue, timer heap, gather, TaskGroup); only its clock and selector are
  replaced. With nothing to do until its next timer, the selector moves the clock on to the timer
  instead of waiting; each read of the loop's clock moves it on by a nanosecond, so that timers
  armed one after another are due in that order, as on a real clock. `time.sleep(s)` moves it on by
  `s`; each read of `time.time`, `perf_counter`, `monotonic` or `datetime.now` by 10 us, so that a
  busy loop on them ends. A loop policy makes every new loop (`asyncio.run`, `get_event_loop`,
  `new_event_loop`) virtual. Threads run for real with virtual sleeps: a program whose threads race
  its timers may not run the same way twice. The ns clocks, thread_time and process_time are real.
- Masked clock values: times differ from run to run, so the page and CPython cannot print the same
  number. Every time read is a `Clock`, a float whose str, repr and format (f-strings, '%s') give
  ⟨clock⟩ ('%f' % t shows the number) and whose arithmetic gives `Clock`s. `datetime.now()` prints
  as ⟨clock⟩ (str, repr, format, isoformat, strftime, ctime) and so does a difference of two. They
  compare and convert as numbers; attributes (.hour, .seconds) and round(t) are not masked.
- `click` is a stub whose `echo` and `secho` print the text without style (tutorial 001 uses it).
- Warnings are always shown, RuntimeWarnings collected, others left to stderr. At the end the
  program's globals are cleared and the garbage collected, as at exit, so that every coroutine never
  awaited is reported.
- `asyncio.runners._cancel_all_tasks`, which `asyncio.run` calls when its main coroutine returns,
  counts the tasks it cancels.
- A program is stopped (error `TooLong`) after an hour of virtual time or two minutes of real time;
  a virtual loop with nothing to run, no timer and no thread, which would wait for ever, raises
  `Stalled` in the program.

With `--notebook` the file is one Jupyter cell, compiled with top-level await allowed and run in a
task of one long-lived loop (so that `asyncio.run` fails there, as in Jupyter). Then, as a kernel
leaves its loop running, the loop runs on until no task is pending: tasks the cell started and did
not await still finish. Jupyter's display of the cell's last value is not imitated.
"""

import ast
import asyncio
import asyncio.runners
import builtins
import datetime as dt
import gc
import inspect
import io
import json
import logging
import os
import selectors
import signal
import sys
import tempfile
import threading
import time
import types
import warnings

MARK = "⟨clock⟩"
TICK = 1e-5  # seconds the clock moves on at each read of a program's clock
LOOP_TICK = 1e-9  # seconds it moves on at each read of the event loop's clock
LIMIT = 3600.0  # virtual seconds after which a program is stopped: it would run for hours
REAL_LIMIT = 120  # real seconds after which it is stopped: it loops or waits for ever
THREAD_WAIT = 60.0  # real seconds the loop waits for a thread before it is said to wait for ever

VIRTUAL = "--real" not in sys.argv[2:]
real_time, real_monotonic, real_perf_counter = time.time, time.monotonic, time.perf_counter
real_datetime = dt.datetime
real_clocks = types.SimpleNamespace(**vars(time))
now = 0.0  # the virtual clock, in seconds since the harness started
epoch = real_time()  # what time.time() says when the virtual clock reads 0


class Stalled(RuntimeError):
    """The event loop has nothing to run, no timer and no thread: CPython would wait for ever."""


class TooLong(RuntimeError):
    """The program ran for more than LIMIT virtual seconds or REAL_LIMIT real ones."""


def advance(seconds):
    """Moves the virtual clock on by `seconds` and gives its new reading."""
    global now
    passed_limit = now <= LIMIT < now + seconds
    now += float(seconds)
    if passed_limit:  # only once: asyncio.run must still be able to cancel its tasks and close
        raise TooLong(f"the program ran for more than {LIMIT:.0f} virtual seconds")
    return now


def masked(value):
    """`value`, masked if it is a float, a timedelta or a datetime."""
    if isinstance(value, float) and not isinstance(value, Clock):
        return Clock(value)
    if isinstance(value, dt.timedelta) and not isinstance(value, ClockDelta):
        return ClockDelta(value.days, value.seconds, value.microseconds)
    if isinstance(value, real_datetime) and not isinstance(value, ClockDatetime):
        return ClockDatetime.combine(value, value.timetz())
    return value


def show_mark(self, *_spec):
    return MARK


def keep_masked(cls, base, names):
    """Gives `cls` each of `base`'s methods `names`, with a masked result."""
    for name in names.split():
        method = getattr(base, name)
        setattr(cls, name, lambda self, *args, _m=method: masked(_m(self, *args)))


class Clock(float):
    """A time read from a clock, or computed from one."""

    __str__ = __repr__ = __format__ = show_mark

    def __reduce__(self):  # sent to a worker process, it is a plain float
        return float, (float(self),)

    def __round__(self, ndigits=None):
        return round(float(self)) if ndigits is None else Clock(round(float(self), ndigits))


class ClockDelta(dt.timedelta):
    """The difference of two masked datetimes, or a time computed from one."""

    __str__ = __repr__ = __format__ = show_mark


class datetime(real_datetime):  # noqa: N801 -- it replaces datetime.datetime, so it has its name
    """datetime.datetime, whose now(), today() and utcnow() read the clock and are masked."""

    @classmethod
    def now(cls, tz=None):
        return ClockDatetime.fromtimestamp(time.time(), tz)

    @classmethod
    def today(cls):
        return cls.now()

    @classmethod
    def utcnow(cls):
        return cls.now(dt.timezone.utc).replace(tzinfo=None)


class ClockDatetime(datetime):
    """A datetime read from the clock, or computed from one."""

    __str__ = __repr__ = __format__ = isoformat = strftime = ctime = show_mark


datetime.__module__ = "datetime"
keep_masked(Clock, float, "__add__ __radd__ __sub__ __rsub__ __mul__ __rmul__ __truediv__ "
            "__rtruediv__ __floordiv__ __rfloordiv__ __mod__ __rmod__ __pow__ __rpow__ __neg__ "
            "__pos__ __abs__")
keep_masked(ClockDelta, dt.timedelta, "__add__ __radd__ __sub__ __rsub__ __mul__ __rmul__ "
            "__truediv__ __floordiv__ __mod__ __neg__ __pos__ __abs__ total_seconds")
keep_masked(ClockDatetime, real_datetime, "__add__ __radd__ __sub__ __rsub__ timestamp")


def patch_clocks():
    """Replaces the program's clocks by masked ones, virtual unless --real."""

    def virtual_sleep(seconds):
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        advance(seconds)

    if VIRTUAL:
        time.time = lambda: Clock(epoch + advance(TICK))
        time.perf_counter = time.monotonic = lambda: Clock(advance(TICK))
        time.sleep = virtual_sleep
    else:
        time.time = lambda: Clock(real_time())
        time.perf_counter = lambda: Clock(real_perf_counter())
        time.monotonic = lambda: Clock(real_monotonic())
    dt.datetime = datetime
    # asyncio's log messages (a task destroyed while pending, an exception never retrieved) read
    # the time through logging: the real clock, so that they move the virtual one on by nothing.
    logging.time = real_clocks


class Selector(selectors.DefaultSelector):
    """Waits for nothing: the time until the next timer passes at once."""

    def select(self, timeout=None):
        events = super().select(0)
        if events or timeout == 0:
            return events
        if timeout is not None:
            advance(timeout)
            return []
        # No timer and nothing ready: only a thread (run_in_executor, to_thread) can wake the loop.
        if threading.active_count() > 1 and (events := super().select(THREAD_WAIT)):
            return events
        raise Stalled("the event loop has nothing to run and no timer: it would wait for ever")


loops = []  # every loop the program made, to count the tasks left pending in those never closed
cancelled = 0  # tasks still pending when their loop finished
harness_tasks = set()  # the notebook's own task, which is not the program's


def pending_tasks(loop):
    return [t for t in asyncio.all_tasks(loop) if not t.done() and t not in harness_tasks]


class Loop(asyncio.SelectorEventLoop):
    """CPython's event loop, with a masked clock, virtual unless --real."""

    def __init__(self):
        super().__init__(Selector() if VIRTUAL else None)
        loops.append(self)

    def time(self):
        return Clock(advance(LOOP_TICK) if VIRTUAL else real_monotonic())

    def close(self):
        global cancelled
        if not self.is_closed() and not self.is_running():
            cancelled += len(pending_tasks(self))
        super().close()


class Policy(asyncio.DefaultEventLoopPolicy):
    _loop_factory = Loop


def cancel_all_tasks(loop, real=asyncio.runners._cancel_all_tasks):
    """asyncio.run's last step: it cancels the tasks still pending, here counted first."""
    global cancelled
    cancelled += len(pending_tasks(loop))
    real(loop)


def echo(message=None, file=None, nl=True, err=False, color=None, **_style):
    """click's echo and secho, without the style."""
    text = "" if message is None else str(message)
    print(text, end="\n" if nl else "", file=file or (sys.stderr if err else sys.stdout))


collected_warnings = []
real_showwarning = warnings.showwarning


def show_warning(message, category, filename, lineno, file=None, line=None):
    if issubclass(category, RuntimeWarning):
        collected_warnings.append(str(message))
    else:
        real_showwarning(message, category, filename, lineno, file, line)


def out_of_time(_signal, _frame):
    raise TooLong(f"the program ran for more than {REAL_LIMIT} real seconds")


def capture_stdout():
    """Points file descriptor 1 at a temporary file: gives the file and a copy of the real one."""
    sys.stdout.flush()
    saved = os.dup(1)
    sink = tempfile.TemporaryFile()
    os.dup2(sink.fileno(), 1)
    sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False,
                      buffering=1)
    return sink, saved


async def notebook_cell(code, namespace, ran):
    """Runs the cell, then waits, as a kernel's running loop does, for the tasks it left."""
    result = eval(code, namespace)
    if code.co_flags & inspect.CO_COROUTINE:
        await result
    ran.append(True)
    me = asyncio.current_task()
    while tasks := [t for t in asyncio.all_tasks() if t is not me]:
        await asyncio.wait(tasks)


def run(path, notebook):
    """Runs the program at `path` as __main__: a script, or a notebook's cell."""
    with open(path, encoding="utf-8") as file:
        source = file.read()
    module = types.ModuleType("__main__")
    module.__file__, module.__builtins__ = path, builtins
    sys.modules["__main__"] = module  # worker processes find the program's functions there
    sys.argv, sys.path[0] = [path], os.path.dirname(path)
    flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT if notebook else 0
    code = compile(source, path, "exec", flags=flags, dont_inherit=True)
    if not notebook:
        exec(code, module.__dict__)
        return
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    ran = []
    cell = loop.create_task(notebook_cell(code, module.__dict__, ran))
    harness_tasks.add(cell)
    try:
        loop.run_until_complete(cell)
    except Stalled:
        if not ran:  # the cell itself waits for ever; else a task it left does, and stays pending
            raise


def describe(exc, path):
    """The exception that ended the program, as the JSON's `error`."""
    if isinstance(exc, SyntaxError) and exc.filename == path:
        return {"type": type(exc).__name__, "message": exc.msg, "line": exc.lineno,
                "column": exc.offset}
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == path:
            line = tb.tb_lineno
        tb = tb.tb_next
    return {"type": type(exc).__name__, "message": str(exc), "line": line, "column": None}


def main():
    global cancelled
    path = os.path.abspath(sys.argv[1])
    sink, saved = capture_stdout()
    sys.stdin = io.StringIO("")
    sys.modules["click"] = types.SimpleNamespace(echo=echo, secho=echo, style=lambda t, **_: t)
    warnings.simplefilter("always")
    warnings.showwarning = show_warning
    asyncio.set_event_loop_policy(Policy())
    asyncio.runners._cancel_all_tasks = cancel_all_tasks
    patch_clocks()
    signal.signal(signal.SIGALRM, out_of_time)
    start, real_start, error = now, real_perf_counter(), None
    signal.alarm(REAL_LIMIT)
    try:
        run(path, "--notebook" in sys.argv[2:])
    except SystemExit as exc:
        if exc.code not in (None, 0):
            error = describe(exc, path)
    except BaseException as exc:  # the program's own error, whatever it is
        error = describe(exc, path)
    signal.alarm(0)
    total = now - start if VIRTUAL else real_perf_counter() - real_start
    try:
        cancelled += sum(len(pending_tasks(loop)) for loop in loops if not loop.is_closed())
        harness_tasks.clear()  # the cell's task holds the error that ended it, and its frames
        # As at exit: the program's globals go, and with them its coroutines never awaited.
        sys.modules["__main__"].__dict__.clear()
        gc.collect()
        sys.stdout.flush()
    except BaseException as exc:  # a __del__ of the program's may fail too
        error = error or describe(exc, path)
    sink.seek(0)
    lines = sink.read().decode("utf-8", errors="replace").split("\n")
    sink.close()
    if lines[-1] == "":
        lines.pop()
    report = {"lines": lines, "total": round(total, 6), "warnings": collected_warnings,
              "error": error, "cancelled": cancelled}
    with os.fdopen(saved, "w", encoding="utf-8") as out:
        out.write(json.dumps(report, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
