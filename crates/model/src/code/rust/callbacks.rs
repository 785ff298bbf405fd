//! The Rust view of a recipe written with callbacks: continuation passing, as JavaScript was
//! written before promises. Every task and helper takes `then`, what comes after it, and a step
//! that suspends hands the rest of its routine on as a closure (to a gloo-timers `Timeout`, to
//! `soon`, or to the helper it calls), so the closures nest in step order: the callback pyramid.
//!
//! This module owns that text, and [`Pause`], where a task written without `await` is cut, which
//! the state machine shares. It must do what the async/await view does, step for step, as
//! `runtime::interpret` runs it, and it leaves the async/await writers and the Python views alone:
//! the steps that do not suspend are written by the parent's `statement`, so they read the same in
//! every way.

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use super::super::names::{Names, reserved};
use super::super::shared::{Body, Group, forgotten, groups, step_comment, time_scale};
use super::super::writer::Writer;
use super::super::{CodeView, Language};
use crate::mode::Mode;
use crate::recipe::{Action, Recipe, Routine, Step, StepId};

/// What a step is to a task written without `await`: whether it suspends the task, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Pause {
    /// It runs to its end without giving the thread back: a `work`, a print, a blocking sleep, or
    /// a step whose `await` is forgotten (its future is made and dropped).
    No,
    /// It waits for a timer of this many units.
    Timer(u32),
    /// It gives the event loop back once: a yield, or a `wait 0` (`Action::is_bare_yield`).
    Yield,
    /// It runs a helper to its end, which may suspend.
    Call,
}

impl Pause {
    /// How `step` suspends in a body of `body`, as `runtime::interpret` runs it: a wait in the
    /// blocking-in-async mode holds the thread even when it is a `wait 0`.
    pub(super) fn of(step: &Step, body: Body) -> Pause {
        if forgotten(step, body) || !body.is_async() {
            return Pause::No;
        }
        match step.action {
            Action::Work(_) | Action::Print(_) => Pause::No,
            Action::Call(_) => Pause::Call,
            Action::Wait(_) if body == Body::AsyncBlockingWaits => Pause::No,
            Action::Wait(0) | Action::Yield => Pause::Yield,
            Action::Wait(n) => Pause::Timer(n),
        }
    }
}

/// The page's helpers and imports a callbacks program uses, so its header explains only those.
#[derive(Clone, Copy, Debug, Default)]
struct Uses {
    /// `work(n)`.
    work: bool,
    /// `ms(n)`: an awaited wait, or a forgotten one, which still says how long it was.
    ms: bool,
    /// `Timeout`: a timer that really runs the rest of a routine.
    timeout: bool,
    /// `soon(f)`: a yield, or `main` starting the tasks as `spawn_local` does.
    soon: bool,
    /// `blocking_sleep(n)`: a wait in the blocking-in-async mode.
    blocking_sleep: bool,
    /// `Rc<Cell<_>>`: the count that stands in for `join_all` or the spawned tasks' channels.
    counter: bool,
}

impl Uses {
    fn of(recipe: &Recipe, mode: Mode, body: Body) -> Uses {
        let mut uses = Uses::default();
        let starts = !recipe.tasks.is_empty();
        uses.counter = starts && matches!(mode, Mode::Gather | Mode::BlockingInAsync | Mode::Spawn);
        uses.soon = starts && mode == Mode::Spawn;
        for step in recipe
            .tasks
            .iter()
            .chain(&recipe.helpers)
            .flat_map(|t| &t.steps)
        {
            match (Pause::of(step, body), &step.action) {
                (Pause::Timer(_), _) => (uses.ms, uses.timeout) = (true, true),
                (Pause::Yield, _) => uses.soon = true,
                (_, Action::Work(_)) => uses.work = true,
                (_, Action::Wait(_)) if body == Body::AsyncBlockingWaits => {
                    uses.blocking_sleep = true;
                }
                (_, Action::Wait(n)) if *n > 0 => uses.ms = true,
                // A forgotten yield is a closure that would call `soon`, never called.
                (_, Action::Wait(_) | Action::Yield) if step.missing_await => uses.soon = true,
                _ => {}
            }
        }
        uses
    }
}

/// The program that runs `recipe` in `mode` (one that [`Way::Callbacks`](crate::way::Way)
/// applies to), every task and helper written as a function that takes its continuation.
pub(super) fn code(recipe: &Recipe, mode: Mode) -> CodeView {
    let names = Names::new(recipe);
    let body = Body::of(mode);
    let groups = groups(recipe, &names);
    let mut w = Writer::new(Language::Rust);
    header(&mut w, recipe, Uses::of(recipe, mode, body));
    // Helpers first, as in the async/await view, so both read from the small pieces up to `main`.
    let helpers = (0..recipe.helpers.len()).map(Routine::Helper);
    for routine in helpers.chain((0..recipe.tasks.len()).map(Routine::Task)) {
        function(&mut w, recipe, &names, routine, body);
        w.gap();
    }
    // One after another, a task's copies are a loop, and a loop of callbacks is a function that
    // calls itself from its own continuation.
    let repeats = repeat_names(recipe, &names, mode, &groups);
    for (group, repeat) in groups.iter().zip(&repeats) {
        if let Some(repeat) = repeat {
            repeat_fn(&mut w, group, repeat);
            w.gap();
        }
    }
    main(&mut w, mode, &groups, &repeats);
    w.finish()
}

/// The time scale, what the page's helpers do (only those used), how `then` works, the imports.
fn header(w: &mut Writer, recipe: &Recipe, uses: Uses) {
    let unit = recipe.unit.symbol();
    w.comment(0, &time_scale(recipe));
    if uses.work {
        w.comment(
            0,
            &format!(
                "work(n) busy-waits n {unit}: the cook's hands are full and the thread is held."
            ),
        );
    }
    if uses.ms {
        w.comment(
            0,
            &format!("ms(n) is n {unit} in the milliseconds a gloo-timers Timeout counts."),
        );
    }
    if uses.timeout {
        w.comment(
            0,
            &format!(
                "Timeout::new(ms(n), f) calls f after n {unit}; dropping it cancels it, so .forget() lets it run."
            ),
        );
    }
    if uses.soon {
        w.comment(
            0,
            "soon(f) calls f once what is ready now has run, as spawn_local polls a woken future.",
        );
    }
    if uses.blocking_sleep {
        w.comment(
            0,
            &format!("blocking_sleep(n) busy-waits n {unit}: it never gives the thread back."),
        );
    }
    w.comment(
        0,
        "Each function takes then, what comes after it, and calls it once it has finished.",
    );
    w.line(0, "");
    if uses.counter {
        w.line(0, "use std::cell::Cell;");
        w.line(0, "use std::rc::Rc;");
        w.line(0, "");
    }
    if uses.timeout {
        w.line(0, "use gloo_timers::callback::Timeout;");
    }
    // `wasm_bindgen` for the attribute that starts `main`.
    w.line(0, "use wasm_bindgen::prelude::*;");
    w.gap();
}

/// One task or helper as a function of its continuation, one line per step: each step that
/// suspends opens a closure that holds the rest, and the innermost calls `then`.
fn function(w: &mut Writer, recipe: &Recipe, names: &Names, routine: Routine, body: Body) {
    let Some(coroutine) = recipe.routine(routine) else {
        return;
    };
    let name = names.routine(routine);
    w.line(0, &format!("fn {name}(then: impl FnOnce() + 'static) {{"));
    // The closures still open, the innermost last: each is closed after the routine's last step.
    let mut open: Vec<Pause> = Vec::new();
    for (index, step) in coroutine.steps.iter().enumerate() {
        let pause = Pause::of(step, body);
        let (code, note) = match (pause, &step.action) {
            (Pause::Timer(n), _) => (format!("Timeout::new(ms({n}), move || {{"), None),
            (Pause::Yield, _) => ("soon(move || {".to_owned(), None),
            (Pause::Call, Action::Call(helper)) => {
                (format!("{}(move || {{", names.call(recipe, helper)), None)
            }
            _ => still(recipe, names, step, body),
        };
        let comment = step_comment(step, note);
        w.step(
            StepId { routine, index },
            1 + open.len(),
            &code,
            comment.as_deref(),
        );
        if pause != Pause::No {
            open.push(pause);
        }
    }
    w.line(1 + open.len(), "then();");
    while let Some(pause) = open.pop() {
        let depth = 1 + open.len();
        if let Pause::Timer(_) = pause {
            // rustfmt's layout: a method called on a call that spans lines starts a line of its own.
            w.line(depth, "})");
            w.line(depth, ".forget();");
        } else {
            w.line(depth, "});");
        }
    }
    w.line(0, "}");
}

/// A step that does not suspend: what the async/await view writes, but for a forgotten `await`,
/// which here must still do nothing. A future is a call not yet made, so a forgotten step makes
/// the call into a closure that is never called; a forgotten wait only works out its length.
fn still(recipe: &Recipe, names: &Names, step: &Step, body: Body) -> (String, Option<String>) {
    if !forgotten(step, body) {
        return super::statement(recipe, names, step, body);
    }
    let missing = |what: &str| Some(format!("missing .await: {what}"));
    match &step.action {
        Action::Call(helper) => {
            let helper = names.call(recipe, helper);
            (
                format!("let _ = || {helper}(|| {{}});"),
                missing(&format!("a closure never called, so {helper} never runs")),
            )
        }
        Action::Wait(n) if *n > 0 => (
            format!("let _ = ms({n});"),
            missing("no timer is set and nothing waits"),
        ),
        _ => (
            "let _ = || soon(|| {});".to_owned(),
            missing("a closure never called, so nothing is given back"),
        ),
    }
}

/// The name of the function that runs each group's copies one after another, for the groups with
/// copies in the sequential mode: `repeat_` and the task's name, never a name the program uses.
fn repeat_names(
    recipe: &Recipe,
    names: &Names,
    mode: Mode,
    groups: &[Group],
) -> Vec<Option<String>> {
    let routines: Vec<&str> = (0..recipe.tasks.len())
        .map(Routine::Task)
        .chain((0..recipe.helpers.len()).map(Routine::Helper))
        .map(|r| names.routine(r))
        .collect();
    groups
        .iter()
        .map(|group| {
            (mode == Mode::Sequential && group.copies > 1).then(|| {
                let mut name = format!("repeat_{}", group.name);
                while reserved(&name) || routines.contains(&name.as_str()) {
                    name.push('_');
                }
                name
            })
        })
        .collect()
}

/// `repeat_download(times, then)`: the task `times` times, each copy started by the one before it.
fn repeat_fn(w: &mut Writer, group: &Group, repeat: &str) {
    w.comment(
        0,
        &format!(
            "A loop of callbacks: each {} starts the next when it finishes; the last calls then.",
            group.name
        ),
    );
    w.line(
        0,
        &format!("fn {repeat}(times: u32, then: impl FnOnce() + 'static) {{"),
    );
    w.line(1, "if times == 0 {");
    w.line(2, "then();");
    w.line(1, "} else {");
    w.line(
        2,
        &format!("{}(move || {repeat}(times - 1, then));", group.name),
    );
    w.line(1, "}");
    w.line(0, "}");
}

/// `main`, starting the tasks as `runtime::modes` does in `mode`.
fn main(w: &mut Writer, mode: Mode, groups: &[Group], repeats: &[Option<String>]) {
    w.comment(0, "The browser runs main when the page loads.");
    w.line(0, "#[wasm_bindgen(start)]");
    if groups.is_empty() {
        w.line(0, "fn main() {}");
        return;
    }
    w.line(0, "fn main() {");
    if mode == Mode::Sequential {
        one_after_another(w, groups, repeats);
    } else {
        let instances: u32 = groups.iter().map(|g| g.copies).sum();
        let why = if mode == Mode::Spawn {
            [
                "spawn by hand: each task starts once main has returned, in order, and counts itself off",
                "as it finishes; once left is 0 all have, and main has nothing more to await.",
            ]
        } else {
            [
                "join_all by hand: each task starts now, in order, and counts itself off as it finishes;",
                "once left is 0 all have, and main has nothing more to do.",
            ]
        };
        for line in why {
            w.comment(1, line);
        }
        w.line(1, &format!("let left = Rc::new(Cell::new({instances}));"));
        w.line(1, "let done = move || left.set(left.get() - 1);");
        for (i, group) in groups.iter().enumerate() {
            // The last call may have `done` itself; every other needs its own copy.
            let last = i + 1 == groups.len() && group.copies == 1;
            let depth = if group.copies == 1 {
                1
            } else {
                w.line(1, &format!("for _ in 0..{} {{", group.copies));
                2
            };
            let name = group.name;
            match (mode, last) {
                (Mode::Spawn, true) => w.line(depth, &format!("soon(move || {name}(done));")),
                (Mode::Spawn, false) => {
                    w.line(depth, "let then = done.clone();");
                    w.line(depth, &format!("soon(move || {name}(then));"));
                }
                (_, true) => w.line(depth, &format!("{name}(done);")),
                (_, false) => w.line(depth, &format!("{name}(done.clone());")),
            }
            if group.copies > 1 {
                w.line(1, "}");
            }
        }
    }
    w.line(0, "}");
}

/// The tasks one after another: each one's continuation starts the next, the last's does nothing.
fn one_after_another(w: &mut Writer, groups: &[Group], repeats: &[Option<String>]) {
    for (i, (group, repeat)) in groups.iter().zip(repeats).enumerate() {
        let call = match repeat {
            Some(repeat) => format!("{repeat}({}, ", group.copies),
            None => format!("{}(", group.name),
        };
        if i + 1 == groups.len() {
            w.line(1 + i, &format!("{call}move || {{}});"));
        } else {
            w.line(1 + i, &format!("{call}move || {{"));
        }
    }
    for depth in (1..groups.len()).rev() {
        w.line(depth, "});");
    }
}
