//! The generators way in Python: every task a generator function that `yield`s what it waits for,
//! and `yield from`s a helper or a sleep, driven by a round-robin scheduler written out in the view.
//! These are the generators the tutorial says coroutines are built on: `yield from` is what `await`
//! grew out of (PEP 380, then PEP 492), and the scheduler is what asyncio's event loop does at heart.
//!
//! No asyncio here: the scheduler, `run`, keeps a queue of generators ready to go on and a heap of
//! sleeping ones by the time they are due, and steps them as asyncio's loop steps its tasks (each
//! turn, every timer that is due joins the queue, then what was ready runs once), so that the
//! program prints what the async/await twin prints, in the same order. This module writes the
//! generators, `sleep`, `run` and `main`; the steps that do not suspend are the parent's.

use super::super::super::names::Names;
use super::super::super::shared::{Body, Group, Uses, forgotten, groups, step_comment};
use super::super::super::writer::Writer;
use super::super::{Form, LINE_WIDTH, file, statement};
use super::{Pause, header, seconds};
use crate::mode::Mode;
use crate::recipe::{Action, Recipe, Routine, StepId};

/// The whole program: header, `sleep`, each helper and task as a generator, the scheduler, `main`
/// and the run.
pub(super) fn program(w: &mut Writer, recipe: &Recipe, names: &Names, mode: Mode, form: Form) {
    let unit = recipe.unit.symbol();
    let uses = Uses::of(recipe);
    let sleeps = uses.yields || (uses.wait && Body::of(mode) == Body::Async);
    let extra = [
        "A generator runs until its next yield, where it hands the scheduler below what it waits"
            .to_owned(),
        format!(
            "for: n {unit}, or 0 to give the loop back once. yield from runs a generator inside"
        ),
        "another, as await runs a coroutine.".to_owned(),
    ];
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    header(
        w,
        recipe,
        mode,
        form,
        &extra,
        &[
            "import heapq",
            "import time",
            "from collections import deque",
        ],
    );
    if sleeps {
        w.line(0, "def sleep(n):");
        w.line(1, "yield n");
        w.gap();
    }
    let body = Body::of(mode);
    let routines = (0..recipe.helpers.len())
        .map(Routine::Helper)
        .chain((0..recipe.tasks.len()).map(Routine::Task));
    for routine in routines {
        generator(w, recipe, names, routine, mode, body, form);
        w.gap();
    }
    scheduler(w);
    w.gap();
    let groups = groups(recipe, names);
    let call = if mode == Mode::Sequential {
        sequential(w, &groups);
        w.gap();
        "run(main())".to_owned()
    } else {
        let what = if mode == Mode::Spawn {
            "asyncio.create_task hands each task to the loop"
        } else {
            "asyncio.gather runs its coroutines"
        };
        w.comment(
            0,
            &format!("The scheduler runs every task at once, as {what}."),
        );
        let items: Vec<String> = groups
            .iter()
            .map(|g| match g.copies {
                1 => format!("{}()", g.name),
                n => format!("*({}() for _ in range({n}))", g.name),
            })
            .collect();
        let one_line = format!("run({})", items.join(", "));
        if one_line.chars().count() <= LINE_WIDTH {
            one_line
        } else {
            format!("run(\n    {},\n)", items.join(",\n    "))
        }
    };
    for (i, line) in call.lines().enumerate() {
        if i + 1 == call.lines().count() {
            file::run(w, 0, line, recipe, form);
        } else {
            w.line(0, line);
        }
    }
}

/// One task or helper as a generator function, one line per step. A routine that never waits
/// still ends with `yield from ()`, which waits for nothing: without a `yield` the function would
/// be a plain one, whose call runs it at once, as `async def` makes a coroutine whatever it holds.
fn generator(
    w: &mut Writer,
    recipe: &Recipe,
    names: &Names,
    routine: Routine,
    mode: Mode,
    body: Body,
    form: Form,
) {
    let Some(coroutine) = recipe.routine(routine) else {
        return;
    };
    let name = names.routine(routine);
    w.line(0, &format!("def {name}():"));
    let mut yields = false;
    for (index, step) in coroutine.steps.iter().enumerate() {
        let id = StepId { routine, index };
        let (code, note) = match (Pause::of(step, body), &step.action) {
            (Pause::Timer(n), _) => (format!("yield from sleep({})", seconds(n, form)), None),
            (Pause::Yield, _) => ("yield from sleep(0)".to_owned(), None),
            (Pause::Call, Action::Call(callee)) => {
                (format!("yield from {}()", names.call(recipe, callee)), None)
            }
            (_, action) if forgotten(step, body) => {
                let made = match action {
                    Action::Call(callee) => names.call(recipe, callee),
                    Action::Wait(n) if !action.is_bare_yield() => {
                        format!("sleep({})", seconds(*n, form))
                    }
                    _ => "sleep(0)".to_owned(),
                };
                let what = match action {
                    Action::Call(_) => format!("{made} never runs"),
                    Action::Wait(_) if !action.is_bare_yield() => {
                        "the generator never runs, nothing waits".to_owned()
                    }
                    _ => "the loop is not given back".to_owned(),
                };
                let made = if matches!(action, Action::Call(_)) {
                    format!("{made}()")
                } else {
                    made
                };
                (made, Some(format!("missing yield from: {what}")))
            }
            _ => statement(recipe, names, step, mode, form),
        };
        yields |= code.starts_with("yield");
        w.step(id, 1, &code, step_comment(step, note).as_deref());
    }
    if !yields {
        w.commented(
            1,
            "yield from ()",
            Some("waits for nothing: it makes this function a generator"),
        );
    }
}

/// `run`, the scheduler.
fn scheduler(w: &mut Writer) {
    for (depth, line) in [
        (0, "def run(*tasks):"),
        (
            1,
            "# Runs the generators until every one has finished, as asyncio's event loop runs its",
        ),
        (
            1,
            "# tasks: those ready to go on in a queue, sleeping ones in a heap by when they are due.",
        ),
        (1, "ready = deque(tasks)"),
        (
            1,
            "sleeping = []  # (due, order, generator): the earliest first, ties in order of sleep",
        ),
        (1, "order = 0"),
        (1, "while ready or sleeping:"),
        (2, "if not ready:"),
        (
            3,
            "# Nothing to do until the first timer is due: the thread idles.",
        ),
        (3, "time.sleep(max(0.0, sleeping[0][0] - time.monotonic()))"),
        (2, "now = time.monotonic()"),
        (2, "while sleeping and sleeping[0][0] <= now:"),
        (3, "ready.append(heapq.heappop(sleeping)[2])"),
        (2, "for _ in range(len(ready)):"),
        (3, "task = ready.popleft()"),
        (3, "try:"),
        (
            4,
            "delay = next(task)  # the task runs until its next yield",
        ),
        (3, "except StopIteration:"),
        (4, "continue  # it has finished"),
        (3, "if delay > 0:"),
        (
            4,
            "heapq.heappush(sleeping, (time.monotonic() + delay, order, task))",
        ),
        (4, "order += 1"),
        (3, "else:"),
        (4, "ready.append(task)  # it only gives the loop back"),
    ] {
        w.line(depth, line);
    }
}

/// The sequential `main`: a generator that runs each task inside it in turn, as `await` does.
fn sequential(w: &mut Writer, groups: &[Group]) {
    w.line(0, "def main():");
    if groups.is_empty() {
        w.line(1, "yield from ()");
    }
    for group in groups {
        if group.copies == 1 {
            w.line(1, &format!("yield from {}()", group.name));
        } else {
            w.line(1, &format!("for _ in range({}):", group.copies));
            w.line(2, &format!("yield from {}()", group.name));
        }
    }
}
