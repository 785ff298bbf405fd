//! The Rust view: the program `runtime::modes` and `runtime::interpret` really execute, written as a
//! learner would write it for this one recipe (`async fn cake() { work(15); sleep(45).await; }`).
//! The processes mode's worker entry point and pool are in [`processes`].

mod callbacks;
mod machine;
mod processes;
mod threads;

use std::fmt::Write as _;

use super::names::Names;
use super::shared::{Body, Group, Uses, breaks_line, forgotten, groups, step_comment, time_scale};
use super::writer::Writer;
use super::{CodeView, Language};
use crate::mode::Mode;
use crate::recipe::{Action, Recipe, Routine, Step, StepId};

/// rustfmt's default width for the arguments of a call on one line: longer lists go one per line.
const ONE_LINE_ITEMS: usize = 60;

/// The Rust program that runs `recipe` in `mode`; in the processes mode, on `cooks` Web Workers.
pub(super) fn code(recipe: &Recipe, mode: Mode, cooks: usize) -> CodeView {
    let names = Names::new(recipe);
    let body = Body::of(mode);
    let groups = groups(recipe, &names);
    let mut w = Writer::new(Language::Rust);
    header(&mut w, recipe, mode, body, groups.len());
    // Helpers first, so the program reads from the small pieces up to `main`.
    let helpers = (0..recipe.helpers.len()).map(Routine::Helper);
    for routine in helpers.chain((0..recipe.tasks.len()).map(Routine::Task)) {
        function(&mut w, recipe, &names, routine, body);
        w.gap();
    }
    if mode == Mode::Processes {
        processes::run_task(&mut w, &groups);
        w.gap();
    }
    main(&mut w, mode, &groups, cooks);
    w.finish()
}

/// The Rust program that runs `recipe` in `mode` with its tasks written `way`, a way that applies
/// to the mode ([`Way::applies_to`](crate::way::Way::applies_to)).
pub(super) fn in_way(recipe: &Recipe, mode: Mode, way: crate::way::Way) -> CodeView {
    use crate::way::Way;
    match way {
        Way::Callbacks => callbacks::code(recipe, mode),
        Way::StateMachine => machine::code(recipe, mode),
        Way::Async => code(recipe, mode, super::DEFAULT_COOKS),
    }
}

/// The threads mode's program on a pool of `threads` threads ([`threads`]).
pub(super) fn threads_code(recipe: &Recipe, threads: usize, free: bool) -> CodeView {
    threads::program(recipe, threads, free)
}

/// The time scale, what the stand-in functions do (only those the recipe uses), and the imports.
fn header(w: &mut Writer, recipe: &Recipe, mode: Mode, body: Body, tasks: usize) {
    w.comment(0, &time_scale(recipe));
    if mode == Mode::Processes {
        processes::notes(w, recipe);
    } else {
        notes(w, recipe, body);
    }
    // `wasm_bindgen` for the attribute that starts `main` (see `main`).
    let imports: &[&str] = match mode {
        Mode::Gather | Mode::BlockingInAsync if tasks > 1 => &[
            "use futures::future::{FutureExt, join_all};",
            "use wasm_bindgen::prelude::*;",
        ],
        Mode::Gather | Mode::BlockingInAsync => &[
            "use futures::future::join_all;",
            "use wasm_bindgen::prelude::*;",
        ],
        Mode::Spawn => &[
            "use futures::channel::oneshot;",
            "use wasm_bindgen::prelude::*;",
            "use wasm_bindgen_futures::spawn_local;",
        ],
        Mode::Processes => processes::IMPORTS,
        Mode::Sequential | Mode::NeverAwaited => &["use wasm_bindgen::prelude::*;"],
        // `threads::program` writes its own header.
        Mode::Blocking | Mode::Threads | Mode::FreeThreaded => &[],
    };
    if !imports.is_empty() {
        w.line(0, "");
        for import in imports {
            w.line(0, import);
        }
    }
    w.gap();
    if mode == Mode::Spawn {
        spawn_fn(w);
        w.gap();
    }
}

/// What `work`, the sleeps and `yield_now` do on the page's one thread, for those the recipe uses.
fn notes(w: &mut Writer, recipe: &Recipe, body: Body) {
    let uses = Uses::of(recipe);
    let unit = recipe.unit.symbol();
    if uses.work {
        w.comment(
            0,
            &format!(
                "work(n) busy-waits n {unit}: the cook's hands are full and the thread is held."
            ),
        );
    }
    if uses.wait {
        w.comment(
            0,
            &match body {
                Body::Plain | Body::Threads => format!(
                    "blocking_sleep(n) busy-waits n {unit} too: a web page cannot put its thread to \
                     sleep, so it freezes."
                ),
                Body::Async => format!(
                    "sleep(n) is a gloo-timers timeout of n {unit}: awaiting it frees the thread until \
                     it fires."
                ),
                Body::AsyncBlockingWaits => format!(
                    "blocking_sleep(n) busy-waits n {unit}, even in an async fn: it never gives the \
                     thread back."
                ),
            },
        );
    }
    if uses.yields {
        w.comment(
            0,
            if body.is_async() {
                "yield_now() gives the event loop back once, like Python's asyncio.sleep(0)."
            } else {
                "std::thread::yield_now() does nothing here: a plain fn has no event loop to give back to."
            },
        );
    }
}

/// `spawn`: `spawn_local` plus the channel the runtime uses to await each spawned task.
pub(crate) fn spawn_fn(w: &mut Writer) {
    w.comment(
        0,
        "spawn_local starts a future on the event loop but returns nothing to await,",
    );
    w.comment(
        0,
        "so each task says on a oneshot channel that it has finished.",
    );
    w.line(
        0,
        "fn spawn(task: impl Future<Output = ()> + 'static) -> oneshot::Receiver<()> {",
    );
    w.line(1, "let (tx, rx) = oneshot::channel();");
    w.line(1, "spawn_local(async move {");
    w.line(2, "task.await;");
    w.line(2, "let _ = tx.send(());");
    w.line(1, "});");
    w.line(1, "rx");
    w.line(0, "}");
}

/// One task or helper as a function, one line per step.
fn function(w: &mut Writer, recipe: &Recipe, names: &Names, routine: Routine, body: Body) {
    let Some(coroutine) = recipe.routine(routine) else {
        return;
    };
    let name = names.routine(routine);
    let signature = if body.is_async() {
        format!("async fn {name}()")
    } else {
        format!("fn {name}()")
    };
    if coroutine.steps.is_empty() {
        w.line(0, &format!("{signature} {{}}"));
        return;
    }
    w.line(0, &format!("{signature} {{"));
    for (index, step) in coroutine.steps.iter().enumerate() {
        let (code, note) = statement(recipe, names, step, body);
        let comment = step_comment(step, note);
        w.step(StepId { routine, index }, 1, &code, comment.as_deref());
    }
    w.line(0, "}");
}

/// A step's statement, and a note when its `await` is forgotten.
pub(super) fn statement(
    recipe: &Recipe,
    names: &Names,
    step: &Step,
    body: Body,
) -> (String, Option<String>) {
    let forgotten = forgotten(step, body);
    let awaited = |future: &str| {
        if forgotten {
            format!("{future};")
        } else {
            format!("{future}.await;")
        }
    };
    let dropped = |what: &str| {
        forgotten.then(|| format!("missing .await: the future is dropped unpolled, {what}"))
    };
    match &step.action {
        Action::Work(n) => (format!("work({n});"), None),
        Action::Wait(n) if body == Body::Async && *n > 0 => {
            (awaited(&format!("sleep({n})")), dropped("nothing waits"))
        }
        Action::Print(text) => (format!("println!(\"{}\");", format_literal(text)), None),
        Action::Call(name) => {
            let name = names.call(recipe, name);
            if body.is_async() {
                let note = dropped(&format!("{name} never runs"));
                (awaited(&format!("{name}()")), note)
            } else {
                (format!("{name}();"), None)
            }
        }
        // A `wait 0` in an async body is a yield: `asyncio.sleep(0)` arms no timer, and neither
        // does the page (`Action::is_bare_yield`).
        Action::Wait(0) | Action::Yield
            if body == Body::Async || (body.is_async() && matches!(step.action, Action::Yield)) =>
        {
            (awaited("yield_now()"), dropped("nothing is given back"))
        }
        Action::Wait(n) if body == Body::Threads => (format!("sleep({n});"), None),
        Action::Yield if body == Body::Threads => ("sleep(0);".to_owned(), None),
        Action::Wait(n) => (format!("blocking_sleep({n});"), None),
        Action::Yield => ("std::thread::yield_now();".to_owned(), None),
    }
}

/// The inside of a `println!` format string that prints `text` as it is.
pub(crate) fn format_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            // Braces are placeholders in a format string; doubled, they print themselves.
            '{' => out.push_str("{{"),
            '}' => out.push_str("}}"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if breaks_line(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// `main`, driving the tasks the way `runtime::modes` does in `mode` (on `cooks` cooks in the
/// processes mode).
pub(super) fn main(w: &mut Writer, mode: Mode, groups: &[Group], cooks: usize) {
    // A browser program starts where `#[wasm_bindgen(start)]` says, and wasm-bindgen spawns an
    // `async` start function's future as `spawn_local` does: written so, the view is a program
    // the Rust editor reads back (`rust::lower`), run by the browser's rules.
    let signature = if mode == Mode::Blocking {
        "fn main()"
    } else {
        w.comment(
            0,
            "The browser runs main on its event loop when the page loads, with spawn_local.",
        );
        w.line(0, "#[wasm_bindgen(start)]");
        "async fn main()"
    };
    if groups.is_empty() {
        w.line(0, &format!("{signature} {{}}"));
        return;
    }
    w.line(0, &format!("{signature} {{"));
    match mode {
        Mode::Blocking => each(w, groups, |f| format!("{f}();"), None),
        Mode::Sequential => each(w, groups, |f| format!("{f}().await;"), None),
        Mode::Gather | Mode::BlockingInAsync => gather(w, groups),
        Mode::Spawn => spawn(w, groups),
        Mode::Processes => processes::pool(w, groups, cooks),
        // `threads::program` writes its own `main`.
        Mode::Threads | Mode::FreeThreaded => {}
        Mode::NeverAwaited => {
            w.comment(
                1,
                "A future does nothing until it is awaited or polled: these are created and dropped.",
            );
            let warning = "warning: unused implementer of `Future` that must be used";
            each(w, groups, |f| format!("{f}();"), Some(warning));
        }
    }
    w.line(0, "}");
}

/// One statement per task, in a `for` loop when the task has copies.
fn each(w: &mut Writer, groups: &[Group], statement: impl Fn(&str) -> String, note: Option<&str>) {
    for group in groups {
        if group.copies == 1 {
            w.commented(1, &statement(group.name), note);
        } else {
            w.line(1, &format!("for _ in 0..{} {{", group.copies));
            w.commented(2, &statement(group.name), note);
            w.line(1, "}");
        }
    }
}

/// `join_all` over every instance, as `runtime::modes` does for gather and blocking-in-async.
fn gather(w: &mut Writer, groups: &[Group]) {
    if let [group] = groups {
        // Copies of one async fn share a future type, so they join without boxing.
        let futures = if group.copies == 1 {
            format!("vec![{}()]", group.name)
        } else {
            format!("(0..{}).map(|_| {}())", group.copies, group.name)
        };
        w.line(1, &format!("join_all({futures}).await;"));
        return;
    }
    w.comment(
        1,
        "Each async fn returns its own future type: boxing gives join_all one type.",
    );
    let boxed = |f: &str| format!("{f}().boxed_local()");
    if groups.iter().all(|g| g.copies == 1) {
        let items: Vec<String> = groups.iter().map(|g| boxed(g.name)).collect();
        join_all(w, 1, &items);
    } else {
        pushes(w, groups, boxed);
        w.line(1, "join_all(tasks).await;");
    }
}

/// `join_all(vec![…]).await;` over `items` at `depth`: on one line when it fits rustfmt's width for
/// a call's arguments, else one item per line. Inlined into each caller: the recipe's view is in
/// the first look and a program's Rust tab in the Python chunk, and a function both reached would
/// stay in the first look (130 B gzip, measured).
#[inline(always)]
pub(crate) fn join_all(w: &mut Writer, depth: usize, items: &[String]) {
    let one_line = items.join(", ");
    if one_line.chars().count() <= ONE_LINE_ITEMS {
        w.line(depth, &format!("join_all(vec![{one_line}]).await;"));
    } else {
        w.line(depth, "join_all(vec![");
        for item in items {
            w.line(depth + 1, &format!("{item},"));
        }
        w.line(depth, "])");
        w.line(depth, ".await;");
    }
}

/// Every instance spawned, then each awaited in order, as `runtime::modes` does for spawn.
fn spawn(w: &mut Writer, groups: &[Group]) {
    let spawned = |f: &str| format!("spawn({f}())");
    match groups {
        [group] if group.copies > 1 => w.line(
            1,
            &format!(
                "let tasks: Vec<_> = (0..{}).map(|_| {}).collect();",
                group.copies,
                spawned(group.name)
            ),
        ),
        _ if groups.iter().all(|g| g.copies == 1) => {
            let items: Vec<String> = groups.iter().map(|g| spawned(g.name)).collect();
            let one_line = items.join(", ");
            if one_line.chars().count() <= ONE_LINE_ITEMS {
                w.line(1, &format!("let tasks = vec![{one_line}];"));
            } else {
                w.line(1, "let tasks = vec![");
                for item in &items {
                    w.line(2, &format!("{item},"));
                }
                w.line(1, "];");
            }
        }
        _ => pushes(w, groups, spawned),
    }
    w.line(1, "for task in tasks {");
    w.line(2, "task.await.unwrap();");
    w.line(1, "}");
}

/// A `Vec` of every instance built one task at a time, for a mix of tasks with and without copies.
pub(super) fn pushes(w: &mut Writer, groups: &[Group], wrap: impl Fn(&str) -> String) {
    w.line(1, "let mut tasks = Vec::new();");
    for group in groups {
        if group.copies == 1 {
            w.line(1, &format!("tasks.push({});", wrap(group.name)));
        } else {
            w.line(
                1,
                &format!(
                    "tasks.extend((0..{}).map(|_| {}));",
                    group.copies,
                    wrap(group.name)
                ),
            );
        }
    }
}
