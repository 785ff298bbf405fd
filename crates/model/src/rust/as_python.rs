//! A program read from the learner's Rust written as Python: its asyncio twin, the program a
//! Python learner would write for the same afternoon, which the code panel shows beside their Rust.
//!
//! This file owns one translation, from a [`Program`] read from Rust (`rust::lower`) and its
//! [`Drawn`] lanes to a [`CodeView`] in Python, and nothing else: it must not change how a program
//! is read, drawn or run. It is `python::as_rust` turned around, and follows its rules:
//!
//! - **A function per thing done.** The reader binds each call's arguments (`cook("tea", 300)`
//!   and `cook("toast", 200)` are two routines), so the calls of one `async fn` (or `async`
//!   block) that do the same are one `async def` with its name, and those that differ are
//!   numbered (`cook_2`), each with a comment giving the calls it stands for. Functions come
//!   callees first, `main` last.
//! - **Every step has its line**, for each lane that runs it: a routine's steps are those of the
//!   helper it is drawn as and of every task lane that runs it, so the stage's cursor marks the
//!   Python line as it marks the learner's Rust.
//! - **Line for line where Python can say it**: `sleep(d).await` is `await asyncio.sleep(s)`,
//!   `yield_now().await` is `await asyncio.sleep(0)`, `std::thread::sleep(d)` is `time.sleep(s)`,
//!   `work(d)` is `work(s)` (a busy loop on `time.perf_counter()`, defined at the top), a spawn is
//!   `asyncio.create_task`, awaiting a handle is `await task`, a join is `asyncio.gather`, and
//!   main's future is `async def main()` run by `asyncio.run`. A future dropped unpolled is a
//!   coroutine called without `await`, which CPython warns about as rustc does.
//! - **Clock readings are the run's**: `Instant::now()` and `elapsed()` are readings of
//!   `time.perf_counter()`, and a print that shows a time computes it in an f-string; a function
//!   that prints a reading it did not take gets it as a parameter, from its caller.
//!
//! The twin runs by asyncio's rules, not Tokio's: the header says where the two differ, and the
//! tests hold the twin's run to the Rust program's run by asyncio's rules, line for line.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::code::functions::{Function, Functions, Line};
use crate::code::names::{identifier, reserved};
use crate::code::writer::Writer;
use crate::code::{CodeView, Language};
use crate::python::ast::BinOp;
use crate::python::drawn::Drawn;
use crate::python::program::{
    Action, Clock, ClockKind, Dropped, How, Join, Measured, Op, Piece, Program, Rules, Show, Step,
};
use crate::python::value::Value;
use crate::recipe::{Routine as Lane, StepId};
use crate::rust::fmt::Spec;
use crate::text::limits::MAX_TEXT_BYTES;

/// Black's line length: a longer `gather` puts one argument per line.
const LINE_WIDTH: usize = 88;

/// The Python asyncio twin of `program`, read from Rust and drawn as `drawn`, with the line of
/// every step of every lane.
pub fn as_python(program: &Program, drawn: &Drawn) -> CodeView {
    let twin = written(program, drawn);
    // Every step has a line of its own, for the cursor: a program of ten thousand timers has a
    // twin past what the page reads back. Said rather than shown unreadable, as `rust::write`
    // says it.
    if twin.text.len() <= MAX_TEXT_BYTES {
        return twin;
    }
    let mut w = Writer::new(Language::Python);
    w.comment(
        0,
        &format!(
            "Not written in Python: written a step a line, it would be {} KiB, past the {} KiB \
             the page reads.",
            twin.text.len().div_ceil(1024),
            MAX_TEXT_BYTES / 1024
        ),
    );
    w.finish()
}

/// The twin, whatever its length.
fn written(program: &Program, drawn: &Drawn) -> CodeView {
    let fns = Fns::of(program);
    let segments = Segments::of(program, &fns);
    let mut w = Writer::new(Language::Python);
    header(&mut w, program);
    for (g, f) in fns.functions.list.iter().enumerate() {
        function(&mut w, &fns, g, f, program, drawn);
        w.gap();
    }
    for stub in &fns.stubs {
        w.comment(
            0,
            "Called without await, so its body never runs: the twin leaves it out.",
        );
        w.line(0, &format!("async def {stub}():"));
        w.line(1, "pass");
        w.gap();
    }
    for &op in &segments.hoisted {
        top_step(&mut w, program, drawn, &fns, op, 0);
    }
    if !segments.hoisted.is_empty() {
        w.gap();
    }
    for (k, segment) in segments.mains.iter().enumerate() {
        main(&mut w, program, drawn, &fns, segment, &segments.name(k));
        w.gap();
    }
    for k in 0..segments.mains.len() {
        w.line(0, &format!("asyncio.run({}())", segments.name(k)));
    }
    for &op in &segments.after {
        top_step(&mut w, program, drawn, &fns, op, 0);
    }
    w.finish()
}

/// The twin's functions, which one each routine is, and the coroutines called without `await`
/// that no routine stands for (their bodies never ran, so the reader kept none).
struct Fns {
    /// The functions, and which one each routine is.
    functions: Functions,
    /// Each dropped coroutine's name as the program says it, and the function it calls.
    dropped: BTreeMap<String, String>,
    /// The functions written only to be called without `await`.
    stubs: Vec<String>,
}

impl Fns {
    fn of(program: &Program) -> Fns {
        // The names the twin's own code uses are taken first, so a function never shadows them.
        let mut taken: BTreeSet<String> = BTreeSet::new();
        taken.extend(["main".to_owned(), "work".to_owned()]);
        let mut fns = Fns {
            functions: Functions::of(program, &mut taken, &fresh_name, &statement),
            dropped: BTreeMap::new(),
            stubs: Vec::new(),
        };
        // A coroutine called without `await` calls the function of its name when there is one
        // that takes no readings, and otherwise a stub of its own: nothing of it runs either way.
        for step in all_steps(program) {
            let Action::Dropped(Dropped::Coroutine(name)) = &step.action else {
                continue;
            };
            if fns.dropped.contains_key(name) {
                continue;
            }
            let existing = fns
                .functions
                .list
                .iter()
                .find(|f| f.is_async && f.params.is_empty() && f.name == identifier(name));
            let called = match existing {
                Some(f) => f.name.clone(),
                None => {
                    let stub = fresh_name(name, &mut 0, &mut taken);
                    fns.stubs.push(stub.clone());
                    stub
                }
            };
            fns.dropped.insert(name.clone(), called);
        }
        fns
    }

    /// The readings routine `r`'s function is passed.
    fn params(&self, r: usize) -> Vec<usize> {
        self.functions.params(r)
    }

    /// The call of routine `r`, its readings passed.
    fn call(&self, r: usize) -> String {
        self.functions.call(r)
    }
}

/// Every step of the program: its routines' and the top's own.
fn all_steps(program: &Program) -> impl Iterator<Item = &Step> {
    let own = program.main.iter().filter_map(|op| match op {
        Op::Step(step) => Some(step),
        _ => None,
    });
    program.routines.iter().flat_map(|r| &r.steps).chain(own)
}

/// `name`, or `name_2` and on for its later functions, made an identifier no other function, no
/// reading (`t0`) and no task (`task_0`) of the twin has.
fn fresh_name(name: &str, n: &mut usize, taken: &mut BTreeSet<String>) -> String {
    let base = identifier(name);
    loop {
        *n += 1;
        let mut candidate = if *n == 1 {
            base.clone()
        } else {
            format!("{base}_{n}")
        };
        while reserved(&candidate) || names_a_value(&candidate) {
            candidate.push('_');
        }
        if taken.insert(candidate.clone()) {
            return candidate;
        }
    }
}

/// Whether the twin names a value so: a reading `t3` or a task `task_3`.
fn names_a_value(name: &str) -> bool {
    let number = |rest: &str| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit());
    name.strip_prefix('t').is_some_and(number) || name.strip_prefix("task_").is_some_and(number)
}

fn is_async_routine(program: &Program, r: usize) -> bool {
    program.routines.get(r).is_some_and(|r| r.is_async)
}

/// The top's ops as the twin writes them: the readings taken before the runtime whose values a
/// later part uses (at the module's level, so every part sees them), each `async def main` (one
/// per runtime the program runs, `asyncio.run` each), and the plain steps after the last runtime
/// ended (at the module's level, after the `asyncio.run` lines).
struct Segments {
    /// Readings written at the module's level before everything, by op.
    hoisted: Vec<usize>,
    /// Each `main`'s ops, by index, and whether the Rust's runtime ends with it (else, as in
    /// the browser, the tasks it spawned go on after it, and the twin's main awaits them).
    mains: Vec<Segment>,
    /// Plain steps after the last runtime ended, by op.
    after: Vec<usize>,
}

/// The ops of one `async def main`.
struct Segment {
    ops: Vec<usize>,
    /// Whether the program's runtime ends where it ends (`Op::EndLoop`).
    ends_loop: bool,
}

impl Segments {
    fn of(program: &Program, fns: &Fns) -> Segments {
        let mut mains: Vec<Segment> = Vec::new();
        let mut current = Vec::new();
        for (i, op) in program.main.iter().enumerate() {
            if let Op::EndLoop(_) = op {
                mains.push(Segment {
                    ops: std::mem::take(&mut current),
                    ends_loop: true,
                });
            } else {
                current.push(i);
            }
        }
        let mut after = Vec::new();
        // What follows the last runtime's end runs at the module's level when it is only plain
        // steps; anything that needs a loop (or a program that never built a runtime, as a
        // browser's) is a `main` of its own.
        let plain = current.iter().all(|&i| match &program.main[i] {
            Op::Step(step) => !matches!(step.action, Action::Sleep(_) | Action::Yield),
            Op::Run(t, _) => program
                .tasks
                .get(*t)
                .is_none_or(|t| !is_async_routine(program, t.routine)),
            Op::Start(..) | Op::Await(..) | Op::EndLoop(_) => false,
        });
        if !current.is_empty() && plain && !mains.is_empty() {
            after = current;
        } else if !current.is_empty() || mains.is_empty() {
            mains.push(Segment {
                ops: current,
                ends_loop: false,
            });
        }
        // A reading one part takes and a later part shows must be a global: the leading readings
        // of the first main move to the module's level when a later part uses them.
        let mut hoisted = Vec::new();
        if mains.len() > 1 || !after.is_empty() {
            let mut later = BTreeSet::new();
            let later_ops = mains.iter().skip(1).flat_map(|s| &s.ops).chain(&after);
            for &i in later_ops {
                match &program.main[i] {
                    Op::Step(Step {
                        action: Action::Print(pieces),
                        ..
                    }) => crate::python::program::pieces_slots(pieces, &mut later),
                    Op::Step(Step {
                        action: Action::Call(r),
                        ..
                    }) => later.extend(fns.params(*r)),
                    Op::Start(t, _) | Op::Run(t, _) => {
                        if let Some(task) = program.tasks.get(*t) {
                            later.extend(fns.params(task.routine));
                        }
                    }
                    _ => {}
                }
            }
            if let Some(first) = mains.first_mut() {
                let reading = |i: usize| match &program.main[i] {
                    Op::Step(Step {
                        action: Action::Clock(slot, _),
                        ..
                    }) => Some(*slot),
                    _ => None,
                };
                let lead = first.ops.iter().take_while(|&&i| reading(i).is_some());
                let lead = lead.count();
                let (leading, rest) = first.ops.split_at(lead);
                let mut kept: Vec<usize> = Vec::new();
                for &i in leading {
                    if reading(i).is_some_and(|slot| later.contains(&slot)) {
                        hoisted.push(i);
                    } else {
                        kept.push(i);
                    }
                }
                kept.extend_from_slice(rest);
                first.ops = kept;
            }
        }
        Segments {
            hoisted,
            mains,
            after,
        }
    }

    /// The name of main `k`: `main`, then `main_2` and on.
    fn name(&self, k: usize) -> String {
        if k == 0 {
            "main".to_owned()
        } else {
            format!("main_{}", k + 1)
        }
    }
}

/// Which kinds of step the program has, so the header explains only what the twin uses.
#[derive(Default)]
struct Uses {
    work: bool,
    block: bool,
    /// Readings of `time.perf_counter()` or `time.time()`.
    clock: bool,
    /// Readings of `datetime.now()`.
    datetime: bool,
    duration: bool,
    whole: bool,
    yields: bool,
    tasks: bool,
    rotates: bool,
    dropped_tasks: bool,
}

impl Uses {
    fn of(program: &Program) -> Uses {
        let mut uses = Uses::default();
        for step in all_steps(program) {
            match &step.action {
                Action::Work(_) => uses.work = true,
                Action::Block(_) => uses.block = true,
                Action::Yield => uses.yields = true,
                Action::Clock(_, ClockKind::DateTime) => uses.datetime = true,
                Action::Clock(..) => uses.clock = true,
                Action::Print(pieces) => {
                    for piece in pieces {
                        match piece {
                            Piece::Clock(_, Show::Rust(Measured::Duration, _)) => {
                                uses.duration = true;
                            }
                            Piece::Clock(_, Show::Rust(Measured::Int, _)) => uses.whole = true,
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        let mut awaited = BTreeSet::new();
        let mut started = BTreeSet::new();
        let mut ends = false;
        for op in &program.main {
            match op {
                Op::Start(t, _) => {
                    uses.tasks = true;
                    started.insert(*t);
                }
                Op::Await(members, join, _) => {
                    uses.rotates |= *join == Join::Rotate;
                    awaited.extend(members.iter().copied());
                }
                Op::EndLoop(_) => ends = true,
                _ => {}
            }
        }
        uses.dropped_tasks = ends && started.difference(&awaited).next().is_some();
        uses
    }
}

/// What the twin is, where asyncio's order and Tokio's differ (only where the program could
/// show it), what its stand-ins do, and the imports; then `work`, if the program works.
fn header(w: &mut Writer, program: &Program) {
    let uses = Uses::of(program);
    for line in [
        "Your Rust as a Python learner would write it with asyncio: each async fn an async def,",
        "a spawn asyncio.create_task, a join asyncio.gather, main's future run by asyncio.run.",
    ] {
        w.comment(0, line);
    }
    // A browser program runs by the browser's loop, which takes turns as asyncio's does.
    if uses.tasks && program.rules == Rules::Tokio {
        let differences = [
            (
                true,
                "when main and a task wake at the same instant, Tokio resumes main first; asyncio\n  \
                 resumes them in the order their timers were set;",
            ),
            (
                uses.rotates,
                "tokio::join! starts each round of polls one future further on; gather's tasks\n  \
                 simply run in the order they wake;",
            ),
            (
                uses.yields,
                "yield_now() lets the timers that are due fire before it resumes; asyncio.sleep(0)\n  \
                 is back in line at once, ahead of them;",
            ),
            (
                uses.dropped_tasks,
                "when main's future ends, Tokio drops the tasks still running at once; asyncio.run\n  \
                 cancels them after one more turn of its loop, in which a task due then still runs;",
            ),
        ];
        w.comment(
            0,
            "Tokio and asyncio both run every task on one thread, but take turns by different",
        );
        w.comment(0, "rules, so the two may print in different orders:");
        let applying: Vec<&str> = differences
            .iter()
            .filter(|(applies, _)| *applies)
            .map(|(_, text)| *text)
            .collect();
        for (k, text) in applying.iter().enumerate() {
            // The list is one sentence: the last difference ends it.
            let text = match text.strip_suffix(';') {
                Some(text) if k + 1 == applying.len() => format!("{text}."),
                _ => (*text).to_owned(),
            };
            for (i, line) in text.lines().enumerate() {
                let bullet = if i == 0 { "- " } else { "" };
                w.comment(0, &format!("{bullet}{line}"));
            }
        }
    }
    let notes = [
        (
            uses.block,
            "time.sleep(s) is std::thread::sleep: it holds the thread, even in an async def.",
        ),
        (
            uses.duration,
            "Rust's {:?} of a Duration picks its unit (250ms, 1.5s); Python has no such format, so\n\
             the twin prints seconds: f\"{t1 - t0:.3f}s\".",
        ),
        (
            uses.whole,
            "as_secs() and as_millis() drop the fraction, as // 1 does (then :.0f shows no point).",
        ),
    ];
    for (used, note) in notes {
        if used {
            for line in note.lines() {
                w.comment(0, line);
            }
        }
    }
    w.line(0, "import asyncio");
    if uses.work || uses.block || uses.clock {
        w.line(0, "import time");
    }
    if uses.datetime {
        w.line(0, "from datetime import datetime");
    }
    w.gap();
    if uses.work {
        w.line(0, "def work(seconds):");
        w.comment(
            1,
            "CPU-bound work, as work(d): a busy loop, and the thread can do nothing else.",
        );
        w.line(1, "end = time.perf_counter() + seconds");
        w.line(1, "while time.perf_counter() < end:");
        w.line(2, "pass");
        w.gap();
    }
}

/// Function `g` of the twin, one line per step, each marked for every lane that runs it.
fn function(w: &mut Writer, fns: &Fns, g: usize, f: &Function, program: &Program, drawn: &Drawn) {
    let calls: Vec<String> = f
        .routines
        .iter()
        .filter_map(|&r| program.routines.get(r))
        .map(|r| {
            if r.call.starts_with("async {") {
                format!("the async block of line {}", r.def_line)
            } else {
                r.call.clone()
            }
        })
        .fold(Vec::new(), |mut calls, call| {
            if !calls.contains(&call) {
                calls.push(call);
            }
            calls
        });
    let shown: Vec<&str> = calls.iter().take(3).map(String::as_str).collect();
    let more = calls.len().saturating_sub(shown.len());
    let mut comment = shown.join(", ");
    if more > 0 {
        let _ = write!(comment, " and {more} more");
    }
    w.comment(0, &comment);
    let params: Vec<String> = f.params.iter().map(|s| format!("t{s}")).collect();
    w.line(
        0,
        &format!(
            "{}def {}({}):",
            if f.is_async { "async " } else { "" },
            f.name,
            params.join(", ")
        ),
    );
    if f.body.is_empty() {
        w.line(1, "pass");
        return;
    }
    // Every lane that runs one of the function's routines: the routine's helper, and the lane of
    // each task that runs it.
    let mut lanes: Vec<Lane> = f.routines.iter().map(|&r| Lane::Helper(r)).collect();
    for (t, task) in program.tasks.iter().enumerate() {
        if let Some(lane) = drawn.lanes.get(t).copied().flatten()
            && fns.functions.of.get(task.routine) == Some(&g)
        {
            lanes.push(Lane::Task(lane));
        }
    }
    lanes.sort();
    let steps = f
        .routines
        .first()
        .and_then(|&r| program.routines.get(r))
        .map_or(&[][..], |r| r.steps.as_slice());
    for (index, (code, comment)) in f.body.iter().enumerate() {
        let ids = lanes.iter().map(|&routine| StepId { routine, index });
        let code = match steps.get(index).map(|s| &s.action) {
            Some(Action::Dropped(Dropped::Coroutine(name))) => fns
                .dropped
                .get(name)
                .map_or_else(|| code.clone(), |called| format!("{called}()")),
            _ => code.clone(),
        };
        w.steps(ids, 1, &code, comment.as_deref());
    }
}

/// A step's statement and its comment, `call` giving a callee's call and whether it is async.
fn statement(step: &Step, call: &dyn Fn(usize) -> (String, bool)) -> Line {
    let seconds = |x: f64| Value::Float(x).repr();
    let never = |what: &str| {
        Some(format!(
            "never awaited: {what}, and CPython warns, as rustc does"
        ))
    };
    match &step.action {
        Action::Work(x) => (format!("work({})", seconds(*x)), None),
        Action::Sleep(x) => (format!("await asyncio.sleep({})", seconds(*x)), None),
        Action::Yield => ("await asyncio.sleep(0)".to_owned(), None),
        Action::Block(x) => (format!("time.sleep({})", seconds(*x)), None),
        Action::Print(pieces) => (print(pieces), None),
        Action::Clock(slot, kind) => (format!("t{slot} = {}", kind.call()), None),
        Action::Call(callee) => {
            let (text, is_async) = call(*callee);
            if is_async {
                (format!("await {text}"), None)
            } else {
                (text, None)
            }
        }
        Action::Dropped(Dropped::Sleep(x)) => (
            format!("asyncio.sleep({})", seconds(*x)),
            never("nothing waits"),
        ),
        // The name is replaced by the function the twin calls (`Fns::dropped`) where it is
        // written, as only the twin's functions know it.
        Action::Dropped(Dropped::Coroutine(name)) => {
            (format!("{}()", identifier(name)), never("none of it runs"))
        }
        Action::Raise(message) => {
            // CPython's last line of a traceback is `Type: message`; a Rust program has no
            // exceptions, so this is only for a program whose reading made one.
            let (kind, text) = match message.split_once(": ") {
                Some((kind, text))
                    if kind.ends_with("Error")
                        && kind.bytes().all(|b| b.is_ascii_alphanumeric()) =>
                {
                    (kind, text)
                }
                _ => ("RuntimeError", message.as_str()),
            };
            (format!("raise {kind}({})", literal(text)), None)
        }
    }
}

/// The statement of a top op that is a step of its own, or a routine run in the top's turn.
fn top_statement(program: &Program, fns: &Fns, op: &Op) -> Option<Line> {
    match op {
        Op::Step(step) => {
            let mut line = statement(step, &|callee| {
                (fns.call(callee), is_async_routine(program, callee))
            });
            if let Action::Dropped(Dropped::Coroutine(name)) = &step.action
                && let Some(called) = fns.dropped.get(name)
            {
                line.0 = format!("{called}()");
            }
            Some(line)
        }
        Op::Run(t, _) => {
            let routine = program.tasks.get(*t).map(|t| t.routine);
            let call = routine.map_or_else(|| "missing()".to_owned(), |r| fns.call(r));
            let awaits = routine.is_some_and(|r| is_async_routine(program, r));
            Some((
                if awaits {
                    format!("await {call}")
                } else {
                    call
                },
                None,
            ))
        }
        Op::Start(..) | Op::Await(..) | Op::EndLoop(_) => None,
    }
}

/// Writes top op `i`, a step, at `depth`, marked as its step of the top's lane.
fn top_step(w: &mut Writer, program: &Program, drawn: &Drawn, fns: &Fns, i: usize, depth: usize) {
    let Some((code, comment)) = program
        .main
        .get(i)
        .and_then(|op| top_statement(program, fns, op))
    else {
        return;
    };
    match drawn.top_step(i) {
        Some(id) => w.step(id, depth, &code, comment.as_deref()),
        None => w.commented(depth, &code, comment.as_deref()),
    }
}

/// An `async def main`: the top's ops of one runtime, one statement per op.
fn main(
    w: &mut Writer,
    program: &Program,
    drawn: &Drawn,
    fns: &Fns,
    segment: &Segment,
    name: &str,
) {
    w.line(0, &format!("async def {name}():"));
    let ops = &segment.ops;
    // The tasks a join starts right before it are its coroutines, as `gather(f(), g())` starts
    // them; a task started earlier (a spawned handle joined) is passed as its task.
    let mut fresh: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    let mut joined: BTreeSet<usize> = BTreeSet::new();
    for (k, &i) in ops.iter().enumerate() {
        let Some(Op::Await(members, join, _)) = program.main.get(i) else {
            continue;
        };
        if *join == Join::Task {
            continue;
        }
        let mut tasks = BTreeSet::new();
        for &j in ops[..k].iter().rev() {
            match program.main.get(j) {
                Some(Op::Start(t, _)) if members.contains(t) => {
                    joined.insert(j);
                    tasks.insert(*t);
                }
                _ => break,
            }
        }
        fresh.insert(i, tasks);
    }
    let task_call = |t: usize| {
        program
            .tasks
            .get(t)
            .map_or_else(|| "missing()".to_owned(), |task| fns.call(task.routine))
    };
    let mut started: Vec<usize> = Vec::new();
    let mut awaited: BTreeSet<usize> = BTreeSet::new();
    let mut wrote = false;
    for &i in ops {
        match &program.main[i] {
            Op::Start(t, _) => {
                if joined.contains(&i) {
                    continue;
                }
                started.push(*t);
                let how = program.tasks.get(*t).map(|t| t.how);
                let comment = (how == Some(How::Process))
                    .then_some("a worker process in Python; a task here, as the page runs it");
                w.commented(
                    1,
                    &format!("task_{t} = asyncio.create_task({})", task_call(*t)),
                    comment,
                );
            }
            Op::Await(members, join, _) => {
                awaited.extend(members.iter().copied());
                match (join, members.as_slice()) {
                    (Join::Task, [one]) => w.line(1, &format!("await task_{one}")),
                    _ => {
                        let none = BTreeSet::new();
                        let fresh = fresh.get(&i).unwrap_or(&none);
                        let args: Vec<String> = members
                            .iter()
                            .map(|&t| {
                                if fresh.contains(&t) {
                                    task_call(t)
                                } else {
                                    format!("task_{t}")
                                }
                            })
                            .collect();
                        started.extend(members.iter().copied());
                        if *join == Join::Rotate {
                            w.comment(
                                1,
                                "tokio::join! in your Rust: gather runs them as tasks, with no rounds.",
                            );
                        }
                        gather(w, 1, "await ", &args);
                    }
                }
            }
            Op::Step(_) | Op::Run(..) => top_step(w, program, drawn, fns, i, 1),
            Op::EndLoop(_) => {}
        }
        wrote = true;
    }
    let left: Vec<String> = started
        .iter()
        .filter(|t| !awaited.contains(t))
        .map(|t| format!("task_{t}"))
        .collect();
    if !segment.ends_loop && !left.is_empty() {
        w.comment(
            1,
            "In the browser main returns here and its tasks run on after it; asyncio.run would",
        );
        w.comment(1, "cancel them, so main awaits them.");
        match left.as_slice() {
            [one] => w.line(1, &format!("await {one}")),
            _ => gather(w, 1, "await ", &left),
        }
        wrote = true;
    }
    if !wrote {
        w.line(1, "pass");
    }
}

/// `asyncio.gather(…)` of `args`, on one line if it fits in Black's width, else one per line.
fn gather(w: &mut Writer, depth: usize, prefix: &str, args: &[String]) {
    let one = format!("{prefix}asyncio.gather({})", args.join(", "));
    if 4 * depth + one.len() <= LINE_WIDTH {
        w.line(depth, &one);
        return;
    }
    w.line(depth, &format!("{prefix}asyncio.gather("));
    for arg in args {
        w.line(depth + 1, &format!("{arg},"));
    }
    w.line(depth, ")");
}

/// A print as Python's `print`: its text a string literal, an f-string when it shows clock
/// values, and `end=""` when it leaves its line open.
fn print(pieces: &[Piece]) -> String {
    let mut parts: Vec<Piece> = pieces.to_vec();
    let mut newline = false;
    if let Some(Piece::Text(last)) = parts.last_mut()
        && let Some(text) = last.strip_suffix('\n')
    {
        *last = text.to_owned();
        newline = true;
    }
    let texts: String = parts
        .iter()
        .filter_map(|p| match p {
            Piece::Text(t) => Some(t.as_str()),
            Piece::Clock(..) => None,
        })
        .collect();
    let quote = if texts.contains('"') && !texts.contains('\'') {
        '\''
    } else {
        '"'
    };
    let shows = parts.iter().any(|p| matches!(p, Piece::Clock(..)));
    let mut body = String::new();
    for piece in &parts {
        match piece {
            Piece::Text(text) => body.push_str(&escaped(text, quote, shows)),
            Piece::Clock(clock, show) => body.push_str(&field(clock, show)),
        }
    }
    let mut args = Vec::new();
    if !body.is_empty() || shows {
        let f = if shows { "f" } else { "" };
        args.push(format!("{f}{quote}{body}{quote}"));
    }
    if !newline {
        args.push("end=\"\"".to_owned());
    }
    format!("print({})", args.join(", "))
}

/// `text` as a Python string literal, quoted the way `repr` would.
fn literal(text: &str) -> String {
    let quote = if text.contains('"') && !text.contains('\'') {
        '\''
    } else {
        '"'
    };
    format!("{quote}{}{quote}", escaped(text, quote, false))
}

/// `text` escaped for a literal in `quote`s; braces doubled in an f-string.
///
/// A copy of the lessons' Python views' escaping (`code::python`), on purpose: calling theirs from
/// this chunk made the compiler keep it as functions of their own in the first look, which grew
/// by about 300 B (measured by splitting the build).
fn escaped(text: &str, quote: char, f_string: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '{' | '}' if f_string => {
                out.push(c);
                out.push(c);
            }
            // Characters that end a line or cannot be seen are written as escapes, as `repr`
            // writes them.
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => {
                let code = u32::from(c);
                let _ = if code <= 0xff {
                    write!(out, "\\x{code:02x}")
                } else {
                    write!(out, "\\u{code:04x}")
                };
            }
            c => out.push(c),
        }
    }
    out
}

/// An f-string's field for a clock value shown as the program shows it.
fn field(clock: &Clock, show: &Show) -> String {
    match show {
        Show::Str => format!("{{{}}}", expression(clock, 0)),
        Show::Repr => format!("{{{}!r}}", expression(clock, 0)),
        Show::Spec(spec) => format!("{{{}:{spec}}}", expression(clock, 0)),
        // Rust's `{:?}` of a `Duration` picks its unit; Python has no such format, so the twin
        // writes seconds, with the spec's precision or three decimals (the header says so).
        Show::Rust(Measured::Duration, spec) => format!(
            "{{{}:.{}f}}s",
            expression(clock, 0),
            spec.precision.unwrap_or(3)
        ),
        Show::Rust(Measured::Float, spec) => {
            let mut python = padding(spec);
            if let Some(p) = spec.precision {
                let _ = write!(python, ".{p}f");
            }
            if python.is_empty() {
                format!("{{{}}}", expression(clock, 0))
            } else {
                format!("{{{}:{python}}}", expression(clock, 0))
            }
        }
        // A whole number (`as_millis()`) drops the fraction: `// 1` floors, which for a time
        // (never below zero) is the same, and `.0f` shows it without a point.
        Show::Rust(Measured::Int, spec) => {
            let whole = Clock::Binary(
                BinOp::FloorDiv,
                Box::new(clock.clone()),
                Box::new(Clock::Const(Value::Int(1))),
            );
            format!("{{{}:{}.0f}}", expression(&whole, 0), padding(spec))
        }
    }
}

/// A Rust spec's padding as an f-string writes it: its fill, unless a brace, which an f-string
/// cannot take (a space then), alignment, sign, zero flag and width.
fn padding(spec: &Spec) -> String {
    spec.padding(|fill| fill != '{' && fill != '}')
}

/// A clock value as a Python expression, parenthesized where Python's precedence needs it (where
/// it binds less tightly than `at_least`).
fn expression(clock: &Clock, at_least: u8) -> String {
    let (text, binds) = match clock {
        Clock::Slot(slot) => (format!("t{slot}"), 9),
        Clock::Const(value) => {
            let text = value.repr();
            let binds = if text.starts_with('-') { 3 } else { 9 };
            (text, binds)
        }
        Clock::Binary(op, left, right) => {
            let p = precedence(*op);
            // `**` groups from the right, the others from the left.
            let (l, r) = if *op == BinOp::Pow {
                (p + 1, p)
            } else {
                (p, p + 1)
            };
            (
                format!(
                    "{} {} {}",
                    expression(left, l),
                    op.symbol(),
                    expression(right, r)
                ),
                p,
            )
        }
        Clock::Neg(value) => (format!("-{}", expression(value, 3)), 3),
        Clock::Round(value, Some(digits)) => {
            (format!("round({}, {digits})", expression(value, 0)), 9)
        }
        Clock::Round(value, None) => (format!("round({})", expression(value, 0)), 9),
    };
    if binds < at_least {
        format!("({text})")
    } else {
        text
    }
}

/// How tightly a binary operator binds in Python.
fn precedence(op: BinOp) -> u8 {
    match op {
        BinOp::Add | BinOp::Sub => 1,
        BinOp::Mul | BinOp::Div | BinOp::FloorDiv | BinOp::Mod => 2,
        BinOp::Pow => 4,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
