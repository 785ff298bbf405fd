//! The Python view: the `asyncio` program the tutorials would write for the same recipe and mode
//! (`async def cake(): work(15); await asyncio.sleep(45)`), step for step the twin of the Rust view,
//! and the same program as a file that runs as is in CPython ([`file`]). The processes mode's
//! program, which runs as is in its view too, has its own parts in [`processes`].
//!
//! The view and the file are written by the same code, so they cannot disagree: the file is the view
//! with its waits in seconds of real time (`n * SCALE`), `SCALE` and a real `work` in its header, and
//! `main` timed at its end ([`Form`]).

mod file;
mod processes;
mod threads;
mod ways;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod cpython;

use std::fmt::Write as _;

use super::names::Names;
use super::shared::{Body, Group, Uses, breaks_line, forgotten, groups, step_comment, time_scale};
use super::writer::Writer;
use super::{CodeView, Language};
use crate::mode::Mode;
use crate::recipe::{Action, Recipe, Routine, Step, StepId};

/// Black's line length: a longer call puts one argument per line.
const LINE_WIDTH: usize = 88;

pub(super) use file::file_name;

/// What the writer writes: the view the page shows, or the file a learner copies or downloads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    /// The program as the page shows it: waits in the recipe's units, `work` explained in a comment.
    View,
    /// The program as a file that runs as is: waits scaled, `SCALE` and `work` defined, the total
    /// printed at the end.
    File,
}

/// The Python program that does what the page runs for `recipe` in `mode`; in the processes mode, on
/// a pool of `cooks` worker processes.
pub(super) fn code(recipe: &Recipe, mode: Mode, cooks: usize) -> CodeView {
    program(recipe, mode, cooks, Form::View)
}

/// [`code`] as a file that runs as is in CPython 3.8 or later and prints what the page's console
/// prints, then the total time.
pub(super) fn file(recipe: &Recipe, mode: Mode, cooks: usize) -> String {
    program(recipe, mode, cooks, Form::File).text
}

/// The Python program that does what the page runs for `recipe` in `mode`, its tasks written
/// `way` (a way that applies to the mode).
pub(super) fn in_way(recipe: &Recipe, mode: Mode, way: crate::way::Way) -> CodeView {
    ways::program(recipe, mode, way, Form::View)
}

/// [`in_way`] as a file that runs as is in CPython 3.8 or later, as [`file`] is.
pub(super) fn file_in_way(recipe: &Recipe, mode: Mode, way: crate::way::Way) -> String {
    ways::program(recipe, mode, way, Form::File).text
}

/// The threads mode's program on a pool of `threads` threads ([`threads`]).
pub(super) fn threads_code(recipe: &Recipe, threads: usize, free: bool) -> CodeView {
    threads::program(recipe, threads, Form::View, free)
}

/// [`threads_code`] as a file that runs as is, as [`file`] is.
pub(super) fn threads_file(recipe: &Recipe, threads: usize, free: bool) -> String {
    threads::program(recipe, threads, Form::File, free).text
}

/// [`file`] with the line of every step, for the property tests (native only, as proptest is).
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(super) fn file_view(recipe: &Recipe, mode: Mode, cooks: usize) -> CodeView {
    program(recipe, mode, cooks, Form::File)
}

/// The program in `form`.
fn program(recipe: &Recipe, mode: Mode, cooks: usize, form: Form) -> CodeView {
    let names = Names::new(recipe);
    let mut w = Writer::new(Language::Python);
    if mode == Mode::Processes {
        processes::header(&mut w, recipe, form);
    } else {
        header(&mut w, recipe, Body::of(mode), form);
    }
    // Helpers first, so the program reads from the small pieces up to `main`.
    let helpers = (0..recipe.helpers.len()).map(Routine::Helper);
    for routine in helpers.chain((0..recipe.tasks.len()).map(Routine::Task)) {
        function(&mut w, recipe, &names, routine, mode, form);
        w.gap();
    }
    if mode == Mode::Processes {
        processes::cook(&mut w, recipe);
        w.gap();
    }
    main(&mut w, mode, &groups(recipe, &names), cooks);
    w.gap();
    match mode {
        Mode::Processes => processes::guard(&mut w, recipe, form),
        Mode::Blocking => file::run(&mut w, 0, "main()", recipe, form),
        _ => file::run(&mut w, 0, "asyncio.run(main())", recipe, form),
    }
    w.finish()
}

/// The time scale, what `work` and the sleeps do (only those the recipe uses), and the imports; in
/// the file, `SCALE` and `work` too.
fn header(w: &mut Writer, recipe: &Recipe, body: Body, form: Form) {
    let uses = Uses::of(recipe);
    let unit = recipe.unit.symbol();
    let n = match form {
        Form::View => "n",
        Form::File => "n * SCALE",
    };
    w.comment(0, &time_scale(recipe));
    if uses.work {
        w.comment(
            0,
            &format!("work(n) keeps the thread busy for n {unit}: a busy loop, the cook's hands are full."),
        );
    }
    if uses.wait {
        w.comment(
            0,
            &match body {
                Body::Plain | Body::Threads => format!(
                    "time.sleep({n}) holds the thread for n {unit}; the page busy-waits, so it freezes."
                ),
                Body::Async => format!(
                    "asyncio.sleep({n}) suspends the coroutine for n {unit}: the thread is free \
                     meanwhile."
                ),
                Body::AsyncBlockingWaits => format!(
                    "time.sleep({n}) inside async def holds the thread for n {unit}: the event loop \
                     is stuck."
                ),
            },
        );
    }
    if uses.yields {
        w.comment(
            0,
            if body.is_async() {
                "asyncio.sleep(0) gives the event loop back once without waiting."
            } else {
                "time.sleep(0) does nothing here: a plain function has no event loop to give back to."
            },
        );
    }
    if body.is_async() {
        w.line(0, "import asyncio");
    }
    let blocks = match body {
        Body::Plain | Body::Threads => uses.wait || uses.yields,
        Body::AsyncBlockingWaits => uses.wait,
        Body::Async => false,
    };
    // The file reads the clock for `work` and for the total.
    if blocks || form == Form::File {
        w.line(0, "import time");
    }
    if form == Form::File {
        file::scale_and_work(w, recipe);
    } else {
        w.gap();
    }
}

/// One task or helper as a function, one line per step.
fn function(
    w: &mut Writer,
    recipe: &Recipe,
    names: &Names,
    routine: Routine,
    mode: Mode,
    form: Form,
) {
    let Some(coroutine) = recipe.routine(routine) else {
        return;
    };
    let name = names.routine(routine);
    let body = Body::of(mode);
    if body.is_async() {
        w.line(0, &format!("async def {name}():"));
    } else {
        w.line(0, &format!("def {name}():"));
    }
    if coroutine.steps.is_empty() {
        w.line(1, "pass");
    }
    for (index, step) in coroutine.steps.iter().enumerate() {
        let (code, note) = statement(recipe, names, step, mode, form);
        let comment = step_comment(step, note);
        w.step(StepId { routine, index }, 1, &code, comment.as_deref());
    }
}

/// A step's statement, and a note when its `await` is forgotten.
///
/// The file and the processes view run as is, so their waits are in seconds of real time
/// (`n * SCALE`).
fn statement(
    recipe: &Recipe,
    names: &Names,
    step: &Step,
    mode: Mode,
    form: Form,
) -> (String, Option<String>) {
    let body = Body::of(mode);
    let runnable = mode == Mode::Processes || form == Form::File;
    let forgotten = forgotten(step, body);
    let awaited = |coroutine: String| {
        if forgotten {
            coroutine
        } else {
            format!("await {coroutine}")
        }
    };
    let note = |what: &str| forgotten.then(|| format!("missing await: {what}"));
    match &step.action {
        Action::Work(n) => (format!("work({n})"), None),
        Action::Wait(n) => {
            let seconds = if runnable {
                format!("{n} * SCALE")
            } else {
                n.to_string()
            };
            if body == Body::Async {
                (
                    awaited(format!("asyncio.sleep({seconds})")),
                    note("the coroutine never runs, nothing waits"),
                )
            } else {
                (format!("time.sleep({seconds})"), None)
            }
        }
        // `print` writes its text and its newline apart, and a thread that computes may take the
        // GIL in between (the twins printed `careful startscareful starts` so): on threads, the
        // newline goes with the text, in one write.
        Action::Print(text) if mode == Mode::Threads => (
            format!("print({}, end=\"\")", string_literal(&format!("{text}\n"))),
            None,
        ),
        Action::Print(text) => (format!("print({})", string_literal(text)), None),
        Action::Call(name) => {
            let name = names.call(recipe, name);
            if body.is_async() {
                let note = note(&format!("{name} never runs"));
                (awaited(format!("{name}()")), note)
            } else {
                (format!("{name}()"), None)
            }
        }
        Action::Yield if body.is_async() => (
            awaited("asyncio.sleep(0)".to_owned()),
            note("the event loop is not given back"),
        ),
        Action::Yield => ("time.sleep(0)".to_owned(), None),
    }
}

/// A Python string literal for `text`, quoted the way `repr` would: double quotes, or single quotes
/// when the text holds a double quote and no single one.
fn string_literal(text: &str) -> String {
    let quote = if text.contains('"') && !text.contains('\'') {
        '\''
    } else {
        '"'
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
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
            c if breaks_line(c) => {
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
    out.push(quote);
    out
}

/// `main`, the twin of the Rust `main` in `mode` (on `cooks` worker processes in the processes mode).
fn main(w: &mut Writer, mode: Mode, groups: &[Group], cooks: usize) {
    if mode == Mode::Blocking {
        w.line(0, "def main():");
    } else {
        w.line(0, "async def main():");
    }
    if groups.is_empty() {
        w.line(1, "pass");
        return;
    }
    match mode {
        Mode::Blocking => each(w, groups, |f| format!("{f}()"), |_| None),
        Mode::Sequential => each(w, groups, |f| format!("await {f}()"), |_| None),
        Mode::Gather | Mode::BlockingInAsync => gather(w, groups),
        Mode::Spawn => spawn(w, groups),
        Mode::Processes => processes::pool(w, groups, cooks),
        // `threads::program` writes its own `main`.
        Mode::Threads | Mode::FreeThreaded => {}
        Mode::NeverAwaited => {
            w.comment(
                1,
                "Calling an async function only creates a coroutine: none of these ever runs.",
            );
            each(
                w,
                groups,
                |f| format!("{f}()"),
                |f| Some(format!("RuntimeWarning: coroutine '{f}' was never awaited")),
            );
        }
    }
}

/// One statement per task, in a `for` loop when the task has copies.
fn each(
    w: &mut Writer,
    groups: &[Group],
    statement: impl Fn(&str) -> String,
    note: impl Fn(&str) -> Option<String>,
) {
    for group in groups {
        let note = note(group.name);
        if group.copies == 1 {
            w.commented(1, &statement(group.name), note.as_deref());
        } else {
            w.line(1, &format!("for _ in range({}):", group.copies));
            w.commented(2, &statement(group.name), note.as_deref());
        }
    }
}

/// `asyncio.gather` over every instance.
fn gather(w: &mut Writer, groups: &[Group]) {
    let args: Vec<String> = groups
        .iter()
        .map(|g| {
            if g.copies == 1 {
                format!("{}()", g.name)
            } else {
                format!("*({}() for _ in range({}))", g.name, g.copies)
            }
        })
        .collect();
    call(w, "await asyncio.gather(", &args, ")");
}

/// Every instance made a task with `asyncio.create_task`, then each awaited in order.
fn spawn(w: &mut Writer, groups: &[Group]) {
    let task = |f: &str| format!("asyncio.create_task({f}())");
    match groups {
        [group] if group.copies > 1 => w.line(
            1,
            &format!(
                "tasks = [{} for _ in range({})]",
                task(group.name),
                group.copies
            ),
        ),
        _ if groups.iter().all(|g| g.copies == 1) => {
            let items: Vec<String> = groups.iter().map(|g| task(g.name)).collect();
            call(w, "tasks = [", &items, "]");
        }
        _ => {
            w.line(1, "tasks = []");
            for group in groups {
                if group.copies == 1 {
                    w.line(1, &format!("tasks.append({})", task(group.name)));
                } else {
                    w.line(
                        1,
                        &format!(
                            "tasks.extend({} for _ in range({}))",
                            task(group.name),
                            group.copies
                        ),
                    );
                }
            }
        }
    }
    w.line(1, "for task in tasks:");
    w.line(2, "await task");
}

/// `open` + items + `close` on one line inside `main`, or one item per line when that is too long.
fn call(w: &mut Writer, open: &str, items: &[String], close: &str) {
    let one_line = format!("{open}{}{close}", items.join(", "));
    if 4 + one_line.chars().count() <= LINE_WIDTH {
        w.line(1, &one_line);
    } else {
        w.line(1, open);
        for item in items {
            w.line(2, &format!("{item},"));
        }
        w.line(1, close);
    }
}
