//! What a Python program does, once read: the reader's answer, before anything runs.
//!
//! This file owns the program's shape as the page will run it. Every function call the program
//! makes is a [`Routine`] of its own, its parameters bound to the values of that call (loops are
//! unrolled, constants computed), so a routine is a plain list of steps: waits, work, prints,
//! clock readings and the routines it awaits or calls. The program's top — the module's
//! statements, with `main` (whatever `asyncio.run` runs) and the coroutines that drive tasks
//! inlined — is a list of [`Op`]s: its own steps, and the tasks it starts and awaits. Every step and
//! op keeps the place in the learner's text it comes from, so a running line is always theirs.
//!
//! What is only known as the program runs — the clock — stays symbolic: a clock reading fills a
//! slot, and a print that shows a time holds an expression over slots ([`Clock`]), which the run
//! computes and formats as Python would. Nothing here runs anything.

use std::collections::BTreeSet;
use std::fmt::{self, Write as _};

use super::ast::{BinOp, UnaryOp};
use super::token::Pos;
use super::value::Value;
use crate::trace::Activity;

/// A program, read.
#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    /// Whether it is a notebook cell (it awaits at its top level): its loop keeps running after
    /// the cell, so tasks it started and did not await still finish.
    pub notebook: bool,
    /// Every call the program makes, each with its own steps.
    pub routines: Vec<Routine>,
    /// The tasks: routines that run with a lane of their own, started by the program's top.
    pub tasks: Vec<TaskRun>,
    /// What the program's top does, in order.
    pub main: Vec<Op>,
    /// How many clock readings the program takes: the slots its prints refer to.
    pub clocks: usize,
    /// The most worker processes its `ProcessPoolExecutor` runs at once (`max_workers`), or
    /// `None` for as many as the machine has cores.
    pub workers: Option<usize>,
    /// Whose rules of order run it: asyncio's for a program read from Python, Tokio's
    /// current-thread runtime's for one read from Rust.
    pub rules: Rules,
    /// What CPython warns about as it runs this program, in the order it would.
    pub warnings: Vec<Warning>,
    /// What the page says about the program that CPython would not (such as: read as a notebook
    /// cell, because it awaits at its top level, which a script cannot).
    pub notes: Vec<Warning>,
    /// The calls the top runs as its own code (`asyncio.run(main())`, and what main awaits that
    /// calls functions of the program's own), in the order they start, each with the top's ops it
    /// made: where one function's body begins and ends in [`Program::main`], which only the recipe
    /// written from the program needs (`as_recipe`).
    pub inlined: Vec<Inlined>,
}

/// Whose rules of order a program runs by: the two loops give the thread to their tasks in
/// different orders, and the model and the runtime follow the program's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Rules {
    /// asyncio's loop: turns that run only the callbacks ready when they began, a timer waking its
    /// task a turn later, `asyncio.run` stopping after the turn its coroutine returned in.
    #[default]
    Asyncio,
    /// Tokio's current-thread runtime: the future `block_on` runs (the top) is polled first
    /// whenever it was woken, and it polls the futures it joins itself; then the tasks in the run
    /// queue, first in, first out, until none is left; then the timers that are due wake their
    /// tasks, and the tasks that yielded are woken after them. `block_on` returns the moment its
    /// future is ready: the tasks still in the queue never run.
    Tokio,
}

/// A call the program's top runs as its own code.
#[derive(Clone, Debug, PartialEq)]
pub struct Inlined {
    /// The function's name.
    pub name: String,
    /// The top's ops it made: `main[start..end]`, which holds those of the calls it inlined.
    pub start: usize,
    /// See `start`.
    pub end: usize,
}

impl Program {
    /// How many worker processes run at once: as many as its `ProcessPoolExecutor` allows (all,
    /// when that is not said), never more than it has; 0 for a program without any.
    pub fn pool_size(&self) -> usize {
        let processes = self.tasks.iter().filter(|t| t.how == How::Process).count();
        self.workers.unwrap_or(processes).min(processes)
    }

    /// Every routine's index, each after the routines it calls (the readers allow no recursion):
    /// the order the writers of a program's other forms take them in.
    pub fn callees_first(&self) -> Vec<usize> {
        let count = self.routines.len();
        let mut order = Vec::with_capacity(count);
        let mut placed = vec![false; count];
        for start in 0..count {
            // An explicit stack, as deep as the calls nest: (routine, whether its callees are
            // placed).
            let mut stack = vec![(start, false)];
            while let Some((r, ready)) = stack.pop() {
                if placed.get(r).copied().unwrap_or(true) {
                    continue;
                }
                if ready {
                    placed[r] = true;
                    order.push(r);
                    continue;
                }
                stack.push((r, true));
                for step in &self.routines[r].steps {
                    if let Action::Call(callee) = step.action
                        && !placed.get(callee).copied().unwrap_or(true)
                    {
                        stack.push((callee, false));
                    }
                }
            }
        }
        order
    }

    /// The clock readings routine `r` prints (itself, or through its callees, whose own are
    /// `params`) without taking them: what a function written from it must be handed.
    pub fn free_slots(&self, r: usize, params: &[Vec<usize>]) -> Vec<usize> {
        let mut read = BTreeSet::new();
        let mut used = BTreeSet::new();
        for step in &self.routines[r].steps {
            match &step.action {
                Action::Clock(slot, _) => {
                    read.insert(*slot);
                }
                Action::Print(pieces) => pieces_slots(pieces, &mut used),
                Action::Call(callee) => {
                    used.extend(params.get(*callee).into_iter().flatten().copied());
                }
                _ => {}
            }
        }
        used.difference(&read).copied().collect()
    }

    /// Whether each task is a future the top polls itself (a part of a Rust `join`), by Tokio's
    /// rules: the model's loop and the runtime's executor both hand such a task the thread from
    /// the top's poll.
    pub fn polled(&self) -> Vec<bool> {
        let mut polled = vec![false; self.tasks.len()];
        for op in &self.main {
            if let Op::Await(members, Join::Poll | Join::Rotate, _) = op {
                for &t in members {
                    if let Some(p) = polled.get_mut(t) {
                        *p = true;
                    }
                }
            }
        }
        polled
    }

    /// The `TaskGroup`s the top awaits: each task's group (by index, `None` outside any), and how
    /// many tasks each group holds. asyncio's model and the runtime's executor both wake the top
    /// from a group's done callbacks when its last task ends.
    pub fn groups(&self) -> (Vec<Option<usize>>, Vec<usize>) {
        let mut of_task = vec![None; self.tasks.len()];
        let mut sizes = Vec::new();
        for op in &self.main {
            if let Op::Await(members, Join::Group, _) = op {
                for &t in members {
                    if let Some(slot) = of_task.get_mut(t) {
                        *slot = Some(sizes.len());
                    }
                }
                sizes.push(members.len());
            }
        }
        (of_task, sizes)
    }
}

/// The console's lines as a terminal shows them: printed text waits for the newline that ends its
/// line (a print's `end` other than a newline leaves the line open for the next print). The model's
/// run and the runtime's record a line when it is complete, by this one rule.
#[derive(Clone, Debug, Default)]
pub struct Lines(String);

impl Lines {
    /// Adds printed text; returns the lines it completes, without their newlines.
    pub fn push(&mut self, text: &str) -> Vec<String> {
        self.0.push_str(text);
        let Some(last) = self.0.rfind('\n') else {
            return Vec::new();
        };
        let done: String = self.0.drain(..=last).collect();
        done[..last].split('\n').map(str::to_owned).collect()
    }

    /// At the run's end: the last line, if a print left it open.
    pub fn finish(&mut self) -> Option<String> {
        (!self.0.is_empty()).then(|| std::mem::take(&mut self.0))
    }
}

/// One call of a function, with its parameters bound.
#[derive(Clone, Debug, PartialEq)]
pub struct Routine {
    /// The function's name.
    pub name: String,
    /// The call as the learner would write it, such as `sleep_and_print(3)`.
    pub call: String,
    /// Whether the function is `async def`.
    pub is_async: bool,
    /// The line of its `def`.
    pub def_line: u32,
    /// What it does, in order.
    pub steps: Vec<Step>,
}

impl Routine {
    /// What a call of it does to the thread: a plain function holds it to its end, a coroutine
    /// may give it back.
    pub fn call_activity(&self) -> Activity {
        if self.is_async {
            Activity::Await
        } else {
            Activity::Work
        }
    }
}

/// A routine run with a lane of its own.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskRun {
    /// The routine it runs.
    pub routine: usize,
    /// How the program's top runs it.
    pub how: How,
}

/// How the program's top runs a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    /// As an asyncio task: `create_task`, `ensure_future`, a coroutine handed to `gather`, a
    /// `TaskGroup`'s `create_task`, or a function handed to `run_in_executor` (a process).
    Task,
    /// A plain function handed to `loop.run_in_executor` on a `ProcessPoolExecutor`: it runs on
    /// a cook of its own, in parallel with the rest.
    Process,
    /// Awaited or called by the top itself (`await count()`, `count()` in a plain program): it
    /// runs in the top's turn, as a sequential program's calls do.
    Inline,
}

/// A step of a routine or of the program's top, and where it is written.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// What it does.
    pub action: Action,
    /// The start of its statement in the learner's text.
    pub at: Pos,
}

/// What a step does. Durations are in seconds, as Python writes them.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// CPU-bound work for this long (`work(x)`): the thread is held.
    Work(f64),
    /// `await asyncio.sleep(x)` with `x` above zero: the coroutine waits on a timer.
    Sleep(f64),
    /// `await asyncio.sleep(0)`: the loop is given back once, and no timer armed.
    Yield,
    /// `time.sleep(x)`: the thread is held, in a coroutine too.
    Block(f64),
    /// Text written to the console: `print`'s arguments joined with its `sep`, then its `end`.
    Print(Vec<Piece>),
    /// Reads the clock into a slot.
    Clock(usize, ClockKind),
    /// Awaits (or calls, for a plain function) another routine, which runs in this one's turn.
    Call(usize),
    /// A coroutine made and never awaited: nothing runs (CPython warns).
    Dropped(Dropped),
    /// The program stops here with an exception: CPython's last line of the traceback, such as
    /// `NameError: name 's' is not defined`. Nothing after it runs.
    Raise(String),
}

/// What was made and never awaited.
#[derive(Clone, Debug, PartialEq)]
pub enum Dropped {
    /// `asyncio.sleep(x)` without `await`: no wait at all.
    Sleep(f64),
    /// A coroutine function called without `await`: its body never runs.
    Coroutine(String),
}

/// A piece of printed text.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    /// Text known before the run.
    Text(String),
    /// A value computed from clock readings as the program runs, and how it is shown.
    Clock(Clock, Show),
}

/// How a value computed as the program runs is turned into text.
#[derive(Clone, Debug, PartialEq)]
pub enum Show {
    /// `str(value)`, as `print` and `{}` show it.
    Str,
    /// `repr(value)`.
    Repr,
    /// `format(value, spec)`.
    Spec(String),
    /// Rust's `format!` of the value, read as a Rust value of this kind, by this spec (a program
    /// of the page's Rust: `{:?}` of an `elapsed()`, `{:.3}` of its `as_secs_f64()`).
    Rust(Measured, crate::rust::fmt::Spec),
}

/// What Rust value a clock value is, once measured: the clock's values are seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measured {
    /// A `Duration` of that many seconds (never below zero, as a `Duration` cannot be).
    Duration,
    /// An `f64`, such as `as_secs_f64()` gives.
    Float,
    /// A whole number, the value's whole part, such as `as_millis()` gives.
    Int,
}

/// Which clock a reading reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockKind {
    /// `time.time()`: seconds since the epoch.
    Time,
    /// `time.perf_counter()`, `time.monotonic()`, `loop.time()`: seconds from an arbitrary start.
    Counter,
    /// `datetime.now()`: the date and time.
    DateTime,
}

impl ClockKind {
    /// The call that reads it, for the program's text form.
    pub fn call(self) -> &'static str {
        match self {
            ClockKind::Time => "time.time()",
            ClockKind::Counter => "time.perf_counter()",
            ClockKind::DateTime => "datetime.now()",
        }
    }
}

/// A value computed from clock readings: Python arithmetic over slots and constants.
#[derive(Clone, Debug, PartialEq)]
pub enum Clock {
    /// The reading in a slot.
    Slot(usize),
    /// A value known before the run.
    Const(Value),
    /// `left op right`.
    Binary(BinOp, Box<Clock>, Box<Clock>),
    /// `-value`.
    Neg(Box<Clock>),
    /// `round(value, digits)`.
    Round(Box<Clock>, Option<i64>),
}

/// What the program's top does.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// A step of its own.
    Step(Step),
    /// Starts a task: it will run when the top next gives the loop back.
    Start(usize, Pos),
    /// Awaits these tasks: one, or all of a `gather` or a `TaskGroup`.
    Await(Vec<usize>, Join, Pos),
    /// Runs a task in the top's own turn: `await f()`, or a plain function's call.
    Run(usize, Pos),
    /// `asyncio.run` (or `run_until_complete`) returns: the tasks still pending are cancelled.
    EndLoop(Pos),
}

/// How the top awaits tasks, which decides how many turns of the loop pass between the last
/// one's end and the top going on: asyncio wakes an awaiting task from a callback of the future
/// it awaits, and `gather` and `TaskGroup` put a callback of their own in between.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Join {
    /// `await task`.
    Task,
    /// `await asyncio.gather(…)`.
    Gather,
    /// The end of `async with asyncio.TaskGroup() as tg:`.
    Group,
    /// Rust's `join` (`trpl::join`, `futures::join!`, `join_all`): the top polls each future
    /// itself, in the order written, whenever it is woken, and goes on in the poll in which the
    /// last one ends.
    Poll,
    /// `tokio::join!`: as [`Join::Poll`], but each poll begins one future further on (the first
    /// poll at the first future, the second at the second…), which Tokio does so that no future
    /// of a join starves the others.
    Rotate,
}

/// Something CPython warns about as the program runs.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    /// Where the cause is written.
    pub at: Pos,
    /// CPython's words, such as `RuntimeWarning: coroutine 'my_func' was never awaited`.
    pub message: String,
}

/// Every slot the clock values of `pieces` read, added to `out`.
pub fn pieces_slots(pieces: &[Piece], out: &mut BTreeSet<usize>) {
    for piece in pieces {
        if let Piece::Clock(clock, _) = piece {
            clock.slots(out);
        }
    }
}

impl Clock {
    /// Every slot the value reads, added to `out`.
    pub fn slots(&self, out: &mut BTreeSet<usize>) {
        match self {
            Clock::Slot(slot) => {
                out.insert(*slot);
            }
            Clock::Const(_) => {}
            Clock::Binary(_, left, right) => {
                left.slots(out);
                right.slots(out);
            }
            Clock::Neg(value) | Clock::Round(value, _) => value.slots(out),
        }
    }

    /// Whether any slot the value reads satisfies `test`.
    pub fn any_slot(&self, test: &dyn Fn(usize) -> bool) -> bool {
        match self {
            Clock::Slot(slot) => test(*slot),
            Clock::Const(_) => false,
            Clock::Binary(_, left, right) => left.any_slot(test) || right.any_slot(test),
            Clock::Neg(value) | Clock::Round(value, _) => value.any_slot(test),
        }
    }

    /// The value, given each slot's reading: Python's arithmetic on them, or its error.
    pub fn evaluate(&self, reading: &dyn Fn(usize) -> Value) -> Result<Value, String> {
        Ok(match self {
            Clock::Slot(slot) => reading(*slot),
            Clock::Const(value) => value.clone(),
            Clock::Binary(op, left, right) => {
                Value::binary(*op, &left.evaluate(reading)?, &right.evaluate(reading)?)?
            }
            Clock::Neg(value) => Value::unary(UnaryOp::Neg, &value.evaluate(reading)?)?,
            Clock::Round(value, digits) => round(&value.evaluate(reading)?, *digits)?,
        })
    }
}

/// `round(value, digits)` as CPython computes it: to the nearest, ties to even, on the exact
/// binary value (so `round(2.675, 2)` is `2.67`).
pub fn round(value: &Value, digits: Option<i64>) -> Result<Value, String> {
    let Some(x) = value.float() else {
        return Err(format!(
            "TypeError: type {} doesn't define __round__ method",
            value.type_name()
        ));
    };
    if let Value::Int(n) = value
        && digits.is_none_or(|d| d >= 0)
    {
        return Ok(Value::Int(*n));
    }
    match digits {
        None => {
            let r = x.round_ties_even();
            if r.abs() < 9.2e18 {
                Ok(Value::Int(r as i64))
            } else {
                Err("OverflowError: cannot convert float infinity to integer".to_owned())
            }
        }
        Some(d) if (0..=17).contains(&d) && x.is_finite() => {
            let text = super::format::format(&Value::Float(x), &format!(".{d}f"))?;
            let negative = text.starts_with('-');
            let magnitude = crate::text::decimal(text.trim_start_matches('-')).unwrap_or(x.abs());
            Ok(Value::Float(if negative { -magnitude } else { magnitude }))
        }
        Some(_) => Ok(Value::Float(x)),
    }
}

/// A clock value written as Rust writes the value it is.
fn rust_shown(value: &Value, kind: Measured, spec: &crate::rust::fmt::Spec) -> String {
    use crate::rust::fmt::{Shown, write};
    let x = value.float().unwrap_or(0.0);
    let shown = match kind {
        Measured::Duration => {
            Shown::Duration(std::time::Duration::from_secs_f64(x.clamp(0.0, 1e15)))
        }
        Measured::Float => Shown::Float(x),
        Measured::Int => Shown::Int(x.trunc() as i128),
    };
    write(shown, spec)
}

/// The text of a print's pieces, given each slot's reading.
pub fn render(pieces: &[Piece], reading: &dyn Fn(usize) -> Value) -> Result<String, String> {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Clock(clock, show) => {
                let value = clock.evaluate(reading)?;
                match show {
                    Show::Str => out.push_str(&value.str()),
                    Show::Repr => out.push_str(&value.repr()),
                    Show::Spec(spec) => out.push_str(&super::format::format(&value, spec)?),
                    Show::Rust(kind, spec) => out.push_str(&rust_shown(&value, *kind, spec)),
                }
            }
        }
    }
    Ok(out)
}

impl fmt::Display for Program {
    /// The program as text: each routine's steps, then the top's ops, one per line with the
    /// line and column it comes from. The reader's tests compare this text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.notebook {
            writeln!(f, "notebook")?;
        }
        for (i, routine) in self.routines.iter().enumerate() {
            let kind = if routine.is_async { "async " } else { "" };
            writeln!(
                f,
                "routine {i} {kind}{} (def at line {})",
                routine.call, routine.def_line
            )?;
            for step in &routine.steps {
                writeln!(f, "  {}", step_text(step, self))?;
            }
        }
        for (i, task) in self.tasks.iter().enumerate() {
            let how = match task.how {
                How::Task => "task",
                How::Process => "process",
                How::Inline => "inline",
            };
            writeln!(f, "task {i}: {how} routine {}", task.routine)?;
        }
        if self.rules == Rules::Tokio {
            writeln!(f, "by Tokio's rules")?;
        }
        writeln!(f, "main")?;
        for op in &self.main {
            let line = match op {
                Op::Step(step) => step_text(step, self),
                Op::Start(t, at) => format!("{}:{} start task {t}", at.line, at.column),
                Op::Await(ts, join, at) => {
                    let ts: Vec<String> = ts.iter().map(usize::to_string).collect();
                    let join = match join {
                        Join::Task => "task",
                        Join::Gather => "gather of",
                        Join::Group => "group of",
                        Join::Poll => "poll of",
                        Join::Rotate => "rotating poll of",
                    };
                    format!("{}:{} await {join} {}", at.line, at.column, ts.join(", "))
                }
                Op::Run(t, at) => format!("{}:{} run task {t}", at.line, at.column),
                Op::EndLoop(at) => format!("{}:{} end of the loop", at.line, at.column),
            };
            writeln!(f, "  {line}")?;
        }
        for (what, list) in [("warning", &self.warnings), ("note", &self.notes)] {
            for w in list {
                writeln!(f, "{what} at {}:{}: {}", w.at.line, w.at.column, w.message)?;
            }
        }
        Ok(())
    }
}

fn step_text(step: &Step, program: &Program) -> String {
    let mut out = format!("{}:{} ", step.at.line, step.at.column);
    let seconds = |x: f64| super::value::Value::Float(x).repr();
    let _ = match &step.action {
        Action::Work(x) => write!(out, "work {}", seconds(*x)),
        Action::Sleep(x) => write!(out, "sleep {}", seconds(*x)),
        Action::Yield => write!(out, "yield"),
        Action::Block(x) => write!(out, "block {}", seconds(*x)),
        Action::Print(pieces) => {
            out.push_str("print ");
            for piece in pieces {
                match piece {
                    Piece::Text(t) => out.push_str(&format!("{t:?}")),
                    Piece::Clock(c, show) => {
                        let show = match show {
                            Show::Str => String::new(),
                            Show::Repr => "!r".to_owned(),
                            Show::Spec(s) => format!(":{s}"),
                            Show::Rust(kind, s) => format!(" as {kind:?} by {s:?}"),
                        };
                        let _ = write!(out, "{{{}{show}}}", clock_text(c));
                    }
                }
            }
            Ok(())
        }
        Action::Clock(slot, kind) => write!(out, "t{slot} = {}", kind.call()),
        Action::Call(r) => write!(
            out,
            "call routine {r} {}",
            program.routines.get(*r).map_or("", |r| r.call.as_str())
        ),
        Action::Dropped(Dropped::Sleep(x)) => {
            write!(out, "dropped asyncio.sleep({})", seconds(*x))
        }
        Action::Dropped(Dropped::Coroutine(name)) => write!(out, "dropped coroutine {name}"),
        Action::Raise(message) => write!(out, "raise {message}"),
    };
    out
}

pub(super) fn clock_text(clock: &Clock) -> String {
    match clock {
        Clock::Slot(s) => format!("t{s}"),
        Clock::Const(v) => v.repr(),
        Clock::Binary(op, l, r) => {
            format!("({} {} {})", clock_text(l), op.symbol(), clock_text(r))
        }
        Clock::Neg(v) => format!("(-{})", clock_text(v)),
        Clock::Round(v, Some(d)) => format!("round({}, {d})", clock_text(v)),
        Clock::Round(v, None) => format!("round({})", clock_text(v)),
    }
}
