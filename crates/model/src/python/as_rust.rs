//! A read program written in Rust: the code panel's Rust tab beside the learner's own Python, when
//! the stage shows their program as written.
//!
//! This file owns one translation, from a [`Program`] and its [`Drawn`] lanes to a [`CodeView`],
//! and must stay faithful to what `runtime::program` runs: every call of an `async def` is an
//! `async fn`'s future, polled on the browser's one thread; `create_task`, `ensure_future`,
//! `gather` and a `TaskGroup` spawn them; `await asyncio.sleep(x)` awaits a timer, `sleep(0)` gives
//! the loop back once, `work(x)` and `time.sleep(x)` busy-wait. The view writes that in the names
//! a Rust learner knows (`spawn_local`, `join_all`, gloo-timers' sleep) and keeps the program's
//! shape: one statement of `main` per statement of the learner's top, in their order.
//!
//! The rules it follows:
//!
//! - **A function per thing done.** The reader binds each call's arguments (`sleep_and_print(3)`
//!   and `sleep_and_print(6)` are two routines), so the calls of one `def` that do the same are
//!   one `fn` with the `def`'s name, and those that differ are numbered (`sleep_and_print_2`),
//!   each with a comment giving the calls it stands for. Functions come callees first, `main`
//!   last, as the recipe's Rust view reads from the small pieces up.
//! - **Every step has its line**, for each lane that runs it: a routine's steps are those of the
//!   helper it is drawn as and of every task lane that runs it, so the stage's cursor marks the
//!   Rust line as it marks the learner's (`drawn`'s module doc says which steps exist).
//! - **Clock readings are the run's**: `let t0 = perf_counter();` reads the page's clock, and a
//!   print that shows a time computes it with `py!(…)`, Python's arithmetic and formatting on the
//!   readings, which is what the page does (`program::render`). A function that prints a reading
//!   it did not take gets it as a parameter, from its caller.
//!
//! - **A worker process is a plain `fn` handed to a cook**: `spawn_on_cook(move || job())`, which
//!   the header explains, as the page runs it (`python::process` is the job a cook is sent).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::drawn::Drawn;
use super::program::{
    Action, Clock, ClockKind, Dropped, How, Join, Op, Piece, Program, Show, Step, clock_text,
};
use super::value::Value;
use crate::code::functions::{Function, Functions, Line};
use crate::code::names::{identifier, reserved};
use crate::code::rust::{format_literal, join_all, spawn_fn};
use crate::code::writer::Writer;
use crate::code::{CodeView, Language};
use crate::format::Short;
use crate::recipe::{Routine as Lane, StepId};

/// The Rust the page runs for `program`, drawn as `drawn`, with the line of every step.
pub fn as_rust(program: &Program, drawn: &Drawn) -> CodeView {
    let fns = Functions::of(program, &mut BTreeSet::new(), &fresh_name, &statement);
    let mut w = Writer::new(Language::Rust);
    header(&mut w, program, drawn);
    for (g, f) in fns.list.iter().enumerate() {
        function(&mut w, &fns, g, f, program, drawn);
        w.gap();
    }
    main(&mut w, program, drawn, &fns);
    w.finish()
}

/// `name`, or `name_2` and on for its later functions, made an identifier no other function has.
fn fresh_name(name: &str, n: &mut usize, taken: &mut BTreeSet<String>) -> String {
    let base = identifier(name);
    loop {
        *n += 1;
        let mut candidate = if *n == 1 {
            base.clone()
        } else {
            format!("{base}_{n}")
        };
        while reserved(&candidate) {
            candidate.push('_');
        }
        if taken.insert(candidate.clone()) {
            return candidate;
        }
    }
}

/// Which kinds of step the program has, so the header explains only what the code uses.
#[derive(Default)]
struct Uses {
    sleep: bool,
    work: bool,
    block: bool,
    yields: bool,
    clock: bool,
    spawns: bool,
    processes: bool,
    joins: bool,
}

impl Uses {
    fn of(program: &Program) -> Uses {
        let mut uses = Uses::default();
        let own = program.main.iter().filter_map(|op| match op {
            Op::Step(step) => Some(step),
            _ => None,
        });
        for step in program.routines.iter().flat_map(|r| &r.steps).chain(own) {
            match step.action {
                Action::Sleep(_) | Action::Dropped(Dropped::Sleep(_)) => uses.sleep = true,
                Action::Work(_) => uses.work = true,
                Action::Block(_) => uses.block = true,
                Action::Yield => uses.yields = true,
                Action::Clock(..) => uses.clock = true,
                _ => {}
            }
        }
        for op in &program.main {
            match op {
                Op::Start(t, _) => {
                    if program.tasks.get(*t).is_some_and(|t| t.how == How::Process) {
                        uses.processes = true;
                    } else {
                        uses.spawns = true;
                    }
                }
                Op::Await(_, Join::Gather | Join::Group | Join::Poll | Join::Rotate, _) => {
                    uses.joins = true
                }
                _ => {}
            }
        }
        uses
    }
}

/// What the program is, the time scale, what the stand-in functions do, and the imports.
fn header(w: &mut Writer, program: &Program, drawn: &Drawn) {
    w.comment(
        0,
        "Your Python as the page runs it, in Rust: each call of an async def is an async fn's",
    );
    w.comment(
        0,
        "future, polled on the browser's one thread, and the executor wakes them in asyncio's order.",
    );
    w.comment(
        0,
        &format!(
            "Times are your program's seconds: 1 s = {} ms of real time.",
            Short(drawn.ms_per_second())
        ),
    );
    let uses = Uses::of(program);
    let notes = [
        (
            uses.sleep,
            "sleep(s) is a gloo-timers timeout: awaiting it frees the thread until it fires.",
        ),
        (
            uses.work,
            "work(s) busy-waits s seconds: the cook's hands are full and the thread is held.",
        ),
        (
            uses.block,
            "blocking_sleep(s) is time.sleep(s): it busy-waits, even in an async fn, and never gives the thread back.",
        ),
        (
            uses.yields,
            "yield_now() gives the event loop back once, as asyncio.sleep(0) does.",
        ),
        (
            uses.processes,
            "spawn_on_cook(f) is run_in_executor on your ProcessPoolExecutor: the page sends f's steps to\n\
             the first free cook, a Web Worker (a thread of its own, kept between runs), which runs them\n\
             alone while the page's thread stays free; on a cook, work(s) computes and blocking_sleep(s)\n\
             waits. It returns a receiver that says when the cook has finished. (A worker shares no\n\
             memory with the page: the steps travel in a message, as a process's arguments are pickled.)",
        ),
        (
            uses.clock,
            "time_time(), perf_counter() and datetime_now() read the page's clock into a Value (a\nPython number or date); py!(…) computes with the readings as Python does.",
        ),
    ];
    for (used, note) in notes {
        if used {
            for line in note.lines() {
                w.comment(0, line);
            }
        }
    }
    let mut imports = Vec::new();
    if uses.spawns {
        imports.push("use futures::channel::oneshot;");
    }
    if uses.joins {
        imports.push("use futures::future::join_all;");
    }
    if uses.spawns {
        imports.push("use wasm_bindgen_futures::spawn_local;");
    }
    if !imports.is_empty() {
        w.line(0, "");
        for import in imports {
            w.line(0, import);
        }
    }
    w.gap();
    if uses.spawns {
        spawn_fn(w);
        w.gap();
    }
}

/// Function `g` of the view, one line per step, each marked for every lane that runs it.
fn function(
    w: &mut Writer,
    fns: &Functions,
    g: usize,
    f: &Function,
    program: &Program,
    drawn: &Drawn,
) {
    let shown: Vec<&str> = f.calls.iter().take(3).map(String::as_str).collect();
    let more = f.calls.len().saturating_sub(shown.len());
    let mut calls = shown.join(", ");
    if more > 0 {
        let _ = write!(calls, " and {more} more");
    }
    w.comment(0, &calls);
    let params: Vec<String> = f.params.iter().map(|s| format!("t{s}: Value")).collect();
    let signature = format!(
        "{}fn {}({})",
        if f.is_async { "async " } else { "" },
        f.name,
        params.join(", ")
    );
    if f.body.is_empty() {
        w.line(0, &format!("{signature} {{}}"));
        return;
    }
    // Every lane that runs one of the function's routines: the routine's helper, and the lane of
    // each task that runs it.
    let mut lanes: Vec<Lane> = f.routines.iter().map(|&r| Lane::Helper(r)).collect();
    for (t, task) in program.tasks.iter().enumerate() {
        if let Some(lane) = drawn.lanes.get(t).copied().flatten()
            && fns.of.get(task.routine) == Some(&g)
        {
            lanes.push(Lane::Task(lane));
        }
    }
    lanes.sort();
    w.line(0, &format!("{signature} {{"));
    for (index, (code, comment)) in f.body.iter().enumerate() {
        let ids = lanes.iter().map(|&routine| StepId { routine, index });
        w.steps(ids, 1, code, comment.as_deref());
    }
    w.line(0, "}");
}

/// A step's statement and its comment, `call` giving a callee's call and whether it is async.
fn statement(step: &Step, call: &dyn Fn(usize) -> (String, bool)) -> Line {
    let seconds = |x: f64| Value::Float(x).repr();
    let dropped = |what: &str| {
        Some(format!(
            "missing .await: the future is dropped unpolled, {what}"
        ))
    };
    match &step.action {
        Action::Work(x) => (format!("work({});", seconds(*x)), None),
        Action::Sleep(x) => (format!("sleep({}).await;", seconds(*x)), None),
        Action::Yield => ("yield_now().await;".to_owned(), None),
        Action::Block(x) => (format!("blocking_sleep({});", seconds(*x)), None),
        Action::Print(pieces) => (print(pieces), None),
        Action::Clock(slot, kind) => {
            let read = match kind {
                ClockKind::Time => "time_time",
                ClockKind::Counter => "perf_counter",
                ClockKind::DateTime => "datetime_now",
            };
            (format!("let t{slot} = {read}();"), None)
        }
        Action::Call(callee) => {
            let (text, is_async) = call(*callee);
            if is_async {
                (format!("{text}.await;"), None)
            } else {
                (format!("{text};"), None)
            }
        }
        Action::Dropped(Dropped::Sleep(x)) => {
            (format!("sleep({});", seconds(*x)), dropped("nothing waits"))
        }
        Action::Dropped(Dropped::Coroutine(name)) => {
            let mut id = identifier(name);
            while reserved(&id) {
                id.push('_');
            }
            (format!("{id}();"), dropped(&format!("{name} never runs")))
        }
        Action::Raise(message) => (
            format!("panic!(\"{}\");", format_literal(message)),
            Some("the program stops here, as CPython's exception stops it".to_owned()),
        ),
    }
}

/// A print as `println!` (or `print!`, when it leaves its line open), its readings computed by
/// `py!`.
fn print(pieces: &[Piece]) -> String {
    let (mut format, mut args) = (String::new(), Vec::new());
    for piece in pieces {
        match piece {
            Piece::Text(text) => format.push_str(text),
            Piece::Clock(clock, show) => {
                // A placeholder, which the literal's escaping must leave alone.
                format.push('\u{0}');
                // The expression's outermost parentheses are `py!`'s own.
                let text = clock_text(clock);
                let value = match text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
                    Some(inner) if matches!(clock, Clock::Binary(..) | Clock::Neg(_)) => inner,
                    _ => text.as_str(),
                };
                args.push(match show {
                    Show::Str => format!("py!({value})"),
                    Show::Repr => format!("py!(repr({value}))"),
                    Show::Spec(spec) => format!("py!(format({value}, {spec:?}))"),
                    // A program read from Rust shows its own text, never this view.
                    Show::Rust(..) => format!("py!({value})"),
                });
            }
        }
    }
    let (mac, format) = match format.strip_suffix('\n') {
        Some(line) => ("println!", line),
        None => ("print!", format.as_str()),
    };
    let literal = format_literal(format).replace("\\u{0}", "{}");
    let mut out = format!("{mac}(\"{literal}\"");
    for arg in args {
        let _ = write!(out, ", {arg}");
    }
    out.push_str(");");
    out
}

/// `main`: the learner's top, one statement per op.
fn main(w: &mut Writer, program: &Program, drawn: &Drawn, fns: &Functions) {
    let is_async = program.notebook
        || program.main.iter().any(|op| match op {
            Op::Start(..) | Op::Await(..) | Op::EndLoop(_) => true,
            Op::Run(t, _) => program
                .tasks
                .get(*t)
                .and_then(|t| program.routines.get(t.routine))
                .is_some_and(|r| r.is_async),
            Op::Step(step) => matches!(step.action, Action::Sleep(_) | Action::Yield),
        });
    let signature = if is_async {
        w.comment(
            0,
            if program.notebook {
                "Your cell is main: the page runs it on the browser's event loop, as Jupyter runs it on its own."
            } else {
                "The page runs main on the browser's event loop, as asyncio.run runs yours."
            },
        );
        "async fn main()"
    } else {
        "fn main()"
    };
    if program.main.is_empty() {
        w.line(0, &format!("{signature} {{}}"));
        return;
    }
    w.line(0, &format!("{signature} {{"));
    let task_call = |t: usize| {
        program
            .tasks
            .get(t)
            .map_or_else(|| "missing()".to_owned(), |task| fns.call(task.routine))
    };
    for (i, op) in program.main.iter().enumerate() {
        let id = drawn.top_step(i);
        let step = |w: &mut Writer, code: &str, comment: Option<&str>| match id {
            Some(id) => w.step(id, 1, code, comment),
            None => w.commented(1, code, comment),
        };
        match op {
            Op::Step(s) => {
                let (code, comment) = statement(s, &|callee| {
                    (fns.call(callee), is_async_routine(program, callee))
                });
                step(w, &code, comment.as_deref());
            }
            Op::Run(t, _) => {
                let routine = program.tasks.get(*t).map(|t| t.routine);
                let awaits = routine.is_some_and(|r| is_async_routine(program, r));
                let code = if awaits {
                    format!("{}.await;", task_call(*t))
                } else {
                    format!("{};", task_call(*t))
                };
                step(w, &code, None);
            }
            Op::Start(t, _) => {
                let process = program.tasks.get(*t).is_some_and(|t| t.how == How::Process);
                if process {
                    w.line(
                        1,
                        &format!("let task_{t} = spawn_on_cook(move || {});", task_call(*t)),
                    );
                } else {
                    w.line(1, &format!("let task_{t} = spawn({});", task_call(*t)));
                }
            }
            Op::Await(members, join, _) => awaits(w, members, *join),
            Op::EndLoop(_) => w.comment(
                1,
                "asyncio.run returns here: the tasks still pending are cancelled.",
            ),
        }
    }
    if program.notebook {
        w.comment(
            1,
            "The cell ends here, and the loop goes on: it still runs the tasks pending.",
        );
    }
    w.line(0, "}");
}

fn is_async_routine(program: &Program, r: usize) -> bool {
    program.routines.get(r).is_some_and(|r| r.is_async)
}

/// The top awaiting its tasks: one, or all of a `gather` or a `TaskGroup`.
fn awaits(w: &mut Writer, members: &[usize], join: Join) {
    let names: Vec<String> = members.iter().map(|t| format!("task_{t}")).collect();
    match (join, names.as_slice()) {
        (Join::Task, [one]) => w.line(1, &format!("{one}.await.unwrap();")),
        _ => {
            if join == Join::Group {
                w.comment(
                    1,
                    "The TaskGroup's end: it waits for every task it started.",
                );
            }
            join_all(w, 1, &names);
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
