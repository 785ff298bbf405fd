//! The callbacks way in Python: every task a chain of plain functions on asyncio's own loop, each
//! step that would `await` handing the rest of the task to the loop (`loop.call_later` for a timer,
//! `loop.call_soon` for a yield) or to a helper, which calls it back when it has finished.
//!
//! Python's lambdas cannot hold statements, so the rest of a task is a function of its own
//! (`cake_2`), written after the part that schedules it: the parts read top to bottom in the order
//! they run, where Rust's closures nest them into a pyramid. This module writes those parts and
//! `main`; the steps that do not suspend are the parent's.

use super::super::super::names::{Names, reserved};
use super::super::super::shared::{Body, Group, forgotten, groups, step_comment};
use super::super::super::writer::Writer;
use super::super::{Form, file, statement};
use super::{Pause, header, seconds};
use crate::mode::Mode;
use crate::recipe::{Action, Recipe, Routine, StepId};

/// The whole program: header, the loop, each helper and task as its parts, `main`, and the run.
pub(super) fn program(w: &mut Writer, recipe: &Recipe, names: &Names, mode: Mode, form: Form) {
    let body = Body::of(mode);
    let routines: Vec<Routine> = (0..recipe.helpers.len())
        .map(Routine::Helper)
        .chain((0..recipe.tasks.len()).map(Routine::Task))
        .collect();
    let pauses = |p: fn(Pause) -> bool| {
        routines.iter().any(|&r| {
            recipe
                .routine(r)
                .is_some_and(|t| t.steps.iter().any(|s| p(Pause::of(s, body))))
        })
    };
    let unit = recipe.unit.symbol();
    let mut extra = vec![
        "Each function takes then, the rest of the program, and calls it when it has finished."
            .to_owned(),
    ];
    if pauses(|p| matches!(p, Pause::Timer(_))) {
        extra.push(format!(
            "loop.call_later(n, f, *args) calls f(*args) in n {unit}: the thread is free meanwhile."
        ));
    }
    if pauses(|p| p == Pause::Yield) || mode == Mode::Spawn {
        extra.push(
            "loop.call_soon(f, *args) calls f(*args) once what is ready now has run.".to_owned(),
        );
    }
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    header(w, recipe, mode, form, &extra, &["import asyncio"]);
    w.line(0, "loop = asyncio.new_event_loop()");
    w.gap();
    let mut taken = Taken::new(recipe, names);
    for routine in routines {
        parts(w, recipe, names, routine, mode, form, &mut taken);
        w.gap();
    }
    let groups = groups(recipe, names);
    let instances: u32 = groups.iter().map(|g| g.copies).sum();
    if mode == Mode::Sequential && instances > 1 {
        in_turn(w);
        w.gap();
    }
    main(w, mode, &groups, instances);
    w.gap();
    w.line(0, "loop.call_soon(main, loop.stop)");
    file::run(w, 0, "loop.run_forever()", recipe, form);
}

/// The names functions have, so that a part's name is never one of them.
struct Taken(Vec<String>);

impl Taken {
    fn new(recipe: &Recipe, names: &Names) -> Taken {
        let mut all: Vec<String> = (0..recipe.tasks.len())
            .map(Routine::Task)
            .chain((0..recipe.helpers.len()).map(Routine::Helper))
            .map(|r| names.routine(r).to_owned())
            .chain(["in_turn", "one_done", "left", "then", "loop"].map(str::to_owned))
            .collect();
        all.sort();
        Taken(all)
    }

    /// The name of part `k` of `name` (`cake_2`), made distinct from every function's.
    fn part(&mut self, name: &str, k: usize) -> String {
        let mut candidate = format!("{name}_{k}");
        while reserved(&candidate) || self.0.binary_search(&candidate).is_ok() {
            candidate.push('_');
        }
        if let Err(i) = self.0.binary_search(&candidate) {
            self.0.insert(i, candidate.clone());
        }
        candidate
    }
}

/// One task or helper as its parts: the first named after it, each later one the rest of it after
/// a step that suspends, with a comment saying what it waits for.
fn parts(
    w: &mut Writer,
    recipe: &Recipe,
    names: &Names,
    routine: Routine,
    mode: Mode,
    form: Form,
    taken: &mut Taken,
) {
    let body = Body::of(mode);
    let Some(coroutine) = recipe.routine(routine) else {
        return;
    };
    let name = names.routine(routine);
    w.line(0, &format!("def {name}(then):"));
    let mut part = 1;
    let mut called_back = false;
    for (index, step) in coroutine.steps.iter().enumerate() {
        let id = StepId { routine, index };
        let last = index + 1 == coroutine.steps.len();
        let pause = Pause::of(step, body);
        if pause == Pause::No {
            let (code, note) = match &step.action {
                // A forgotten call in this way names the helper and never calls it.
                Action::Call(callee) if forgotten(step, body) => {
                    let callee = names.call(recipe, callee);
                    let note = format!("missing await: {callee} never runs");
                    (callee, Some(note))
                }
                _ => statement(recipe, names, step, mode, form),
            };
            w.step(id, 1, &code, step_comment(step, note).as_deref());
            continue;
        }
        let next = if last {
            "then".to_owned()
        } else {
            part += 1;
            taken.part(name, part)
        };
        let (code, why) = match (pause, &step.action) {
            (Pause::Timer(n), _) if last => (
                format!("loop.call_later({}, then)", seconds(n, form)),
                String::new(),
            ),
            (Pause::Timer(n), _) => (
                format!("loop.call_later({}, {next}, then)", seconds(n, form)),
                "its timer fires".to_owned(),
            ),
            (Pause::Yield, _) if last => ("loop.call_soon(then)".to_owned(), String::new()),
            (Pause::Yield, _) => (
                format!("loop.call_soon({next}, then)"),
                "the loop has run what was ready".to_owned(),
            ),
            (_, Action::Call(callee)) => {
                let callee = names.call(recipe, callee);
                if last {
                    (format!("{callee}(then)"), String::new())
                } else {
                    let why = format!("{callee} calls back");
                    (format!("{callee}(lambda: {next}(then))"), why)
                }
            }
            _ => continue,
        };
        w.step(id, 1, &code, step_comment(step, None).as_deref());
        called_back = last;
        if !last {
            w.gap();
            w.comment(0, &format!("The rest of {name}, once {why}."));
            w.line(0, &format!("def {next}(then):"));
        }
    }
    if !called_back {
        w.line(1, "then()");
    }
}

/// `in_turn`, which the sequential `main` runs its tasks with.
fn in_turn(w: &mut Writer) {
    w.line(0, "def in_turn(tasks, then):");
    w.comment(
        1,
        "Runs the tasks one after another: each starts when the one before calls back.",
    );
    w.line(1, "if tasks:");
    w.line(2, "tasks[0](lambda: in_turn(tasks[1:], then))");
    w.line(1, "else:");
    w.line(2, "then()");
}

/// `main`, driving the tasks as the mode's `main` does, and calling `then` once every one has.
fn main(w: &mut Writer, mode: Mode, groups: &[Group], instances: u32) {
    w.line(0, "def main(then):");
    match (mode, groups) {
        (_, []) => w.line(1, "then()"),
        (Mode::Sequential, [group]) if group.copies == 1 => {
            w.line(1, &format!("{}(then)", group.name));
        }
        (Mode::Sequential, _) => {
            let list: Vec<String> = groups
                .iter()
                .map(|g| match g.copies {
                    1 => format!("[{}]", g.name),
                    n => format!("[{}] * {n}", g.name),
                })
                .collect();
            w.line(1, &format!("in_turn({}, then)", list.join(" + ")));
        }
        _ => {
            let (what, start): (_, fn(&str) -> String) = if mode == Mode::Spawn {
                (
                    "asyncio.create_task: each task starts on the loop's next turn",
                    |f| format!("loop.call_soon({f}, one_done)"),
                )
            } else {
                ("asyncio.gather", |f| format!("{f}(one_done)"))
            };
            w.comment(1, &format!("A counter stands in for {what}."));
            w.line(1, &format!("left = {instances}"));
            w.line(0, "");
            w.line(1, "def one_done():");
            w.line(2, "nonlocal left");
            w.line(2, "left -= 1");
            w.line(2, "if left == 0:");
            w.line(3, "then()");
            w.line(0, "");
            for group in groups {
                if group.copies == 1 {
                    w.line(1, &start(group.name));
                } else {
                    w.line(1, &format!("for _ in range({}):", group.copies));
                    w.line(2, &start(group.name));
                }
            }
        }
    }
}
