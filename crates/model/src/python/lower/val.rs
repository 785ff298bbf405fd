//! The values the reader works with while it reads a program: Python's plain values, and what only
//! a running program has — clock readings, coroutines, tasks, functions, modules.

use std::rc::Rc;

use crate::python::program::{Clock, Piece};
use crate::python::token::Pos;
use crate::python::value::Value;

/// A value as the reader knows it.
#[derive(Clone, Debug)]
pub(super) enum Val {
    /// A value known before the run.
    Plain(Value),
    /// A value computed from clock readings as the program runs.
    Clock(Clock),
    /// A string that shows clock values: its pieces, computed as the program runs.
    Text(Vec<Piece>),
    /// A list (`false`) or tuple (`true`) holding something that is not plain: tasks, coroutines.
    Seq(Vec<Val>, bool),
    /// An `async def` called and not yet awaited.
    Coroutine(Rc<Coro>),
    /// A task's handle.
    Task(usize),
    /// A function the program defines, by index into the reader's definitions.
    Function(usize),
    /// A module or something a module holds.
    Lib(Lib),
    /// A method of a value, such as `tasks.append` or `loop.run_until_complete`.
    Method(Box<Val>, String),
    /// `asyncio.sleep(x)`, not yet awaited.
    Sleep(f64),
    /// `asyncio.gather(…)`'s future: its tasks, already started, and whether it has been awaited.
    Gather(Vec<usize>),
    /// An event loop (`asyncio.get_event_loop()`).
    Loop,
    /// A `TaskGroup` inside its `async with`, by index into the groups open.
    Group(usize),
    /// A `ProcessPoolExecutor`.
    Executor,
    /// `loop.run_in_executor(pool, f, args…)`'s future: the task running `f` on a cook.
    InExecutor(usize),
}

/// A coroutine object: a call of an `async def`, waiting to be awaited.
#[derive(Debug)]
pub(super) struct Coro {
    /// The function, by index into the reader's definitions.
    pub function: usize,
    /// Its arguments, bound to its parameters.
    pub args: Vec<(String, Val)>,
    /// Where it was called.
    pub at: Pos,
    /// Set once it is awaited or made a task: a coroutine dropped without it is never run.
    pub used: std::cell::Cell<bool>,
}

/// A module, or a function or class one holds, that the page knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Lib {
    Asyncio,
    Time,
    DateTimeModule,
    DateTimeClass,
    Random,
    Click,
    Concurrent,
    Futures,
    Sys,
    AsyncioSleep,
    Gather,
    CreateTask,
    EnsureFuture,
    Run,
    GetEventLoop,
    SetEventLoop,
    TaskGroup,
    TimeTime,
    PerfCounter,
    Stdout,
    StdoutWrite,
    NoOp,
    TimeSleep,
    Now,
    Secho,
    ProcessPool,
    Print,
    Range,
    Len,
    Str,
    Repr,
    Int,
    Float,
    Round,
    Abs,
    Min,
    Max,
    Sum,
    Enumerate,
    List,
    /// The page's own `work(x)`, for a program that calls it without defining it (the code views'
    /// Python does).
    Work,
}

impl Lib {
    /// The built-in function a name stands for when the program does not define it.
    pub(super) fn builtin(name: &str) -> Option<Lib> {
        Some(match name {
            "print" => Lib::Print,
            "range" => Lib::Range,
            "len" => Lib::Len,
            "str" => Lib::Str,
            "repr" => Lib::Repr,
            "int" => Lib::Int,
            "float" => Lib::Float,
            "round" => Lib::Round,
            "abs" => Lib::Abs,
            "min" => Lib::Min,
            "max" => Lib::Max,
            "sum" => Lib::Sum,
            "enumerate" => Lib::Enumerate,
            "list" => Lib::List,
            "work" => Lib::Work,
            _ => return None,
        })
    }

    /// A module by its dotted name, as `import` binds it.
    pub(super) fn module(name: &str) -> Option<Lib> {
        Some(match name {
            "asyncio" => Lib::Asyncio,
            "time" => Lib::Time,
            "datetime" => Lib::DateTimeModule,
            "random" => Lib::Random,
            "click" => Lib::Click,
            "concurrent" => Lib::Concurrent,
            "concurrent.futures" => Lib::Futures,
            "sys" => Lib::Sys,
            _ => return None,
        })
    }

    /// What `module.name` is, for the names the page knows.
    pub(super) fn attribute(self, name: &str) -> Option<Lib> {
        Some(match (self, name) {
            (Lib::Asyncio, "sleep") => Lib::AsyncioSleep,
            (Lib::Asyncio, "gather") => Lib::Gather,
            (Lib::Asyncio, "create_task") => Lib::CreateTask,
            (Lib::Asyncio, "ensure_future") => Lib::EnsureFuture,
            (Lib::Asyncio, "run") => Lib::Run,
            (Lib::Asyncio, "get_event_loop" | "new_event_loop" | "get_running_loop") => {
                Lib::GetEventLoop
            }
            (Lib::Asyncio, "TaskGroup") => Lib::TaskGroup,
            (Lib::Asyncio, "set_event_loop") => Lib::SetEventLoop,
            (Lib::Time, "time") => Lib::TimeTime,
            (Lib::Time, "perf_counter" | "monotonic" | "thread_time" | "process_time") => {
                Lib::PerfCounter
            }
            (Lib::Sys, "stdout") => Lib::Stdout,
            (Lib::Stdout, "write") => Lib::StdoutWrite,
            (Lib::Stdout, "reconfigure" | "flush") => Lib::NoOp,
            (Lib::Time, "sleep") => Lib::TimeSleep,
            (Lib::DateTimeModule, "datetime") => Lib::DateTimeClass,
            (Lib::DateTimeClass, "now") => Lib::Now,
            (Lib::Click, "secho" | "echo") => Lib::Secho,
            (Lib::Concurrent, "futures") => Lib::Futures,
            (Lib::Futures, "ProcessPoolExecutor") => Lib::ProcessPool,
            _ => return None,
        })
    }

    /// The name a program writes it by, for messages.
    pub(super) fn describe(self) -> &'static str {
        match self {
            Lib::Asyncio => "the module asyncio",
            Lib::Time => "the module time",
            Lib::DateTimeModule => "the module datetime",
            Lib::DateTimeClass => "datetime",
            Lib::Random => "the module random",
            Lib::Click => "the module click",
            Lib::Concurrent => "the module concurrent",
            Lib::Futures => "the module concurrent.futures",
            Lib::Sys => "the module sys",
            Lib::AsyncioSleep => "asyncio.sleep",
            Lib::Gather => "asyncio.gather",
            Lib::CreateTask => "asyncio.create_task",
            Lib::EnsureFuture => "asyncio.ensure_future",
            Lib::Run => "asyncio.run",
            Lib::GetEventLoop => "asyncio.get_event_loop",
            Lib::SetEventLoop => "asyncio.set_event_loop",
            Lib::TaskGroup => "asyncio.TaskGroup",
            Lib::TimeTime => "time.time",
            Lib::PerfCounter => "time.perf_counter",
            Lib::Stdout => "sys.stdout",
            Lib::StdoutWrite => "sys.stdout.write",
            Lib::NoOp => "a call that changes nothing the page shows",
            Lib::TimeSleep => "time.sleep",
            Lib::Now => "datetime.now",
            Lib::Secho => "click.secho",
            Lib::ProcessPool => "ProcessPoolExecutor",
            Lib::Print => "print",
            Lib::Range => "range",
            Lib::Len => "len",
            Lib::Str => "str",
            Lib::Repr => "repr",
            Lib::Int => "int",
            Lib::Float => "float",
            Lib::Round => "round",
            Lib::Abs => "abs",
            Lib::Min => "min",
            Lib::Max => "max",
            Lib::Sum => "sum",
            Lib::Enumerate => "enumerate",
            Lib::List => "list",
            Lib::Work => "work",
        }
    }
}

impl Val {
    /// The Python type's name, for messages such as CPython's `TypeError`s.
    pub(super) fn type_name(&self) -> &'static str {
        match self {
            Val::Plain(v) => v.type_name(),
            Val::Clock(_) => "float",
            Val::Text(_) => "str",
            Val::Seq(_, false) => "list",
            Val::Seq(_, true) => "tuple",
            Val::Coroutine(_) | Val::Sleep(_) => "coroutine",
            Val::Task(_) => "_asyncio.Task",
            Val::Gather(_) | Val::InExecutor(_) => "_asyncio.Future",
            Val::Function(_) => "function",
            Val::Lib(Lib::Asyncio | Lib::Time | Lib::DateTimeModule | Lib::Random)
            | Val::Lib(Lib::Click | Lib::Concurrent | Lib::Futures | Lib::Sys) => "module",
            Val::Lib(Lib::Stdout) => "_io.TextIOWrapper",
            Val::Lib(_) | Val::Method(..) => "builtin_function_or_method",
            Val::Loop => "_UnixSelectorEventLoop",
            Val::Group(_) => "TaskGroup",
            Val::Executor => "ProcessPoolExecutor",
        }
    }

    /// The items of a list or tuple, plain or not.
    pub(super) fn items(&self) -> Option<Vec<Val>> {
        match self {
            Val::Plain(Value::List(items) | Value::Tuple(items)) => {
                Some(items.iter().cloned().map(Val::Plain).collect())
            }
            Val::Seq(items, _) => Some(items.clone()),
            _ => None,
        }
    }

    /// A list or tuple of these items: plain when every item is.
    pub(super) fn sequence(items: Vec<Val>, tuple: bool) -> Val {
        if items.iter().all(|v| matches!(v, Val::Plain(_))) {
            let plain = items
                .into_iter()
                .filter_map(|v| match v {
                    Val::Plain(p) => Some(p),
                    _ => None,
                })
                .collect();
            Val::Plain(if tuple {
                Value::Tuple(plain)
            } else {
                Value::List(plain)
            })
        } else {
            Val::Seq(items, tuple)
        }
    }
}
