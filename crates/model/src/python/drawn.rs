//! A read program as the page draws, steps and narrates it: its lanes and steps as a recipe, and
//! the learner's own text as the code view whose lines the cursor marks.
//!
//! This file owns one mapping and nothing else: from a [`Program`]'s tasks, routines and steps to
//! the [`Recipe`] the timeline, the replay and the narration read (lanes by instance, steps by
//! [`StepId`]), and to the [`CodeView`] of the learner's text. The run itself — the model's
//! (`asyncio::trace`) and the runtime's — records its facts against this mapping, so both are
//! drawn by the same code as every other run.
//!
//! The lanes are asyncio's tasks: the program's top first (the coroutine `asyncio.run` runs, the
//! script's module level, or a notebook's cell), then every task it starts. A routine the top
//! awaits or calls in its own turn (`await count()`, `main()` in a plain script) runs in the top's
//! task, as CPython runs it, so it has no lane of its own: its steps are a helper's, called from
//! the top's lane. A task's steps are its routine's, index for index, so a step of the program
//! and a step of the drawing name each other without a table; every routine is also a helper,
//! named by its call (`sleep_and_print(3)`), for the calls between routines.
//!
//! A recipe's steps have a whole number of units, where a program's seconds may be fractions: a
//! program whose every duration is a whole number of seconds is drawn in seconds, any other in
//! milliseconds. A clock reading is drawn as a silent print (an instant step that is part of its
//! neighbour's stop, as a print is), a coroutine made and dropped as the recipe's forgotten
//! `await`, and an exception as a print of CPython's last line of the traceback.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::program::{Action, Dropped, How, Op, Program, Step};
use crate::code::{CodeView, Language};
use crate::mode::Mode;
use crate::recipe::{self, Recipe, Routine, StepId, Task, Unit};

/// The lane of the program's top.
pub const TOP: usize = 0;

/// The mode a program's run is replayed, checked and kept in: asyncio's ready queue is first in,
/// first out, as the replay orders the tasks `spawn_local` runs, and no `join_all` polls children
/// that were not woken. (The narration speaks of the program's own top instead of a `main` that
/// spawns: [`crate::replay::Narrator::as_written`].)
pub const REPLAY_MODE: Mode = Mode::Spawn;

/// A program's drawing. Its recipe and text are shared (`Rc`) with the runs shown of it, which
/// would otherwise each copy a program of up to 256 KiB at every key press.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawn {
    /// The lanes and steps: the top's lane, then one per task that has one; a helper per routine.
    pub recipe: Rc<Recipe>,
    /// The learner's text, with the line of every step.
    pub code: Rc<CodeView>,
    /// Each of the program's tasks' lane, or `None` for a task run in the top's own turn.
    pub lanes: Vec<Option<usize>>,
    /// For each of the top's ops, its step on the top's lane, if it is one (a step of its own, or
    /// a routine run in the top's turn).
    pub top_steps: Vec<Option<usize>>,
}

impl Drawn {
    /// Real milliseconds in one of the program's seconds.
    pub fn ms_per_second(&self) -> f64 {
        match self.recipe.unit {
            Unit::S => self.recipe.scale_ms,
            Unit::Ms => self.recipe.scale_ms * 1000.0,
            Unit::Min => self.recipe.scale_ms / 60.0,
        }
    }

    /// The lane of task `task` of the program, where the top is the task after the program's last
    /// (as asyncio's model and the runtime's executor number it), or `None` for a task run in the
    /// top's own turn.
    pub fn lane(&self, task: usize) -> Option<usize> {
        if task == self.lanes.len() {
            Some(TOP)
        } else {
            self.lanes.get(task).copied().flatten()
        }
    }

    /// The step of the drawing that is step `index` of the top's ops.
    pub fn top_step(&self, op: usize) -> Option<StepId> {
        let index = (*self.top_steps.get(op)?)?;
        Some(StepId {
            routine: Routine::Task(TOP),
            index,
        })
    }

    /// The step of the drawing that is step `index` of routine `routine`, as run by task `task`
    /// (`None` for the top): the task's own routine is the lane's, any other a helper's.
    pub fn routine_step(
        &self,
        program: &Program,
        task: Option<usize>,
        routine: usize,
        index: usize,
    ) -> StepId {
        let lane = task.and_then(|t| self.lanes.get(t).copied().flatten());
        let own = task.and_then(|t| program.tasks.get(t)).map(|t| t.routine);
        match lane {
            Some(lane) if own == Some(routine) => StepId {
                routine: Routine::Task(lane),
                index,
            },
            _ => StepId {
                routine: Routine::Helper(routine),
                index,
            },
        }
    }
}

/// Draws `program`, read from `source`, at `ms_per_second` real milliseconds per program second.
pub fn draw(program: &Program, source: &str, ms_per_second: f64) -> Drawn {
    let (unit, scale_ms) = unit_of(program, ms_per_second);
    let to_units = |seconds: f64| -> u32 {
        let units = match unit {
            Unit::S => seconds,
            _ => seconds * 1000.0,
        };
        units.round().clamp(0.0, f64::from(u32::MAX)) as u32
    };
    // Helpers are found by name, so each routine's must be its own: a call made twice with the
    // same arguments (a loop's `await f(1)`) is numbered. A call's text ends with `)` and a
    // number does not, so counting each call's uses is enough; searching the names taken instead
    // made a recipe's twin of 4 000 tasks take 18 s to draw.
    let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
    let names: Vec<String> = program
        .routines
        .iter()
        .map(|routine| {
            let n = uses.entry(&routine.call).or_insert(0);
            *n += 1;
            if *n == 1 {
                routine.call.clone()
            } else {
                format!("{} #{n}", routine.call)
            }
        })
        .collect();
    let convert = |step: &Step| convert(step, &names, &to_units);
    let helpers: Vec<Task> = program
        .routines
        .iter()
        .zip(&names)
        .map(|(r, name)| Task::new(name, r.steps.iter().map(convert).collect()))
        .collect();

    let mut top_steps = Vec::with_capacity(program.main.len());
    let mut top = Vec::new();
    for op in &program.main {
        let step = match op {
            Op::Step(step) => Some(convert(step)),
            Op::Run(t, _) => program
                .tasks
                .get(*t)
                .and_then(|t| names.get(t.routine))
                .map(|name| recipe::Step::new(recipe::Action::Call(name.clone()))),
            Op::Start(..) | Op::Await(..) | Op::EndLoop(_) => None,
        };
        top_steps.push(step.map(|s| {
            top.push(s);
            top.len() - 1
        }));
    }
    let top_name = if program.notebook {
        "cell"
    } else if program.main.iter().any(|op| matches!(op, Op::EndLoop(_))) {
        "main"
    } else {
        "program"
    };
    let mut tasks = vec![Task::new(top_name, top)];
    let mut lanes = Vec::with_capacity(program.tasks.len());
    for task in &program.tasks {
        if task.how == How::Inline {
            lanes.push(None);
            continue;
        }
        lanes.push(Some(tasks.len()));
        let steps = helpers
            .get(task.routine)
            .map(|h| h.steps.clone())
            .unwrap_or_default();
        let name = names.get(task.routine).map_or("task", String::as_str);
        tasks.push(Task::new(name, steps));
    }
    let recipe = Recipe {
        title: if program.rules == super::program::Rules::Tokio {
            "Your Rust"
        } else {
            "Your Python"
        }
        .to_owned(),
        story: String::new(),
        unit,
        scale_ms,
        tasks,
        helpers,
        exercises: Vec::new(),
    };
    let code = code_view(program, &lanes, &top_steps, source);
    Drawn {
        recipe: Rc::new(recipe),
        code: Rc::new(code),
        lanes,
        top_steps,
    }
}

/// The unit a program is drawn (and written as a recipe) in, and real milliseconds per unit at
/// `ms_per_second`: seconds when every duration is a whole number of them, else milliseconds.
pub(super) fn unit_of(program: &Program, ms_per_second: f64) -> (Unit, f64) {
    if whole_seconds(program) {
        (Unit::S, ms_per_second)
    } else {
        (Unit::Ms, ms_per_second / 1000.0)
    }
}

/// Whether every duration in the program is a whole number of seconds.
fn whole_seconds(program: &Program) -> bool {
    let steps =
        program
            .routines
            .iter()
            .flat_map(|r| &r.steps)
            .chain(program.main.iter().filter_map(|op| match op {
                Op::Step(step) => Some(step),
                _ => None,
            }));
    steps.into_iter().all(|step| match step.action {
        Action::Work(x)
        | Action::Sleep(x)
        | Action::Block(x)
        | Action::Dropped(Dropped::Sleep(x)) => x.fract() == 0.0,
        _ => true,
    })
}

/// A step of the program as a step of the drawing.
fn convert(step: &Step, names: &[String], to_units: &dyn Fn(f64) -> u32) -> recipe::Step {
    use recipe::Action as R;
    let call = |r: usize| names.get(r).cloned().unwrap_or_default();
    match &step.action {
        Action::Work(x) => recipe::Step::new(R::Work(to_units(*x))),
        Action::Sleep(x) | Action::Block(x) => recipe::Step::new(R::Wait(to_units(*x))),
        Action::Yield => recipe::Step::new(R::Yield),
        Action::Print(pieces) => recipe::Step::new(R::Print(super::asyncio::masked(pieces))),
        Action::Clock(_, kind) => recipe::Step::labelled(R::Print(String::new()), kind.call()),
        Action::Call(r) => recipe::Step::new(R::Call(call(*r))),
        Action::Dropped(Dropped::Sleep(x)) => {
            recipe::Step::new(R::Wait(to_units(*x))).without_await()
        }
        Action::Dropped(Dropped::Coroutine(name)) => {
            recipe::Step::new(R::Call(name.clone())).without_await()
        }
        Action::Raise(message) => recipe::Step::new(R::Print(message.clone())),
    }
}

/// The learner's text as a code view: each step of the drawing at the line its statement starts.
fn code_view(
    program: &Program,
    lanes: &[Option<usize>],
    top_steps: &[Option<usize>],
    source: &str,
) -> CodeView {
    let lines: Vec<&str> = source.lines().collect();
    let mut placed: Vec<(StepId, usize)> = Vec::new();
    for (op, step) in program.main.iter().zip(top_steps) {
        let (Some(index), Some(at)) = (step, op_place(op)) else {
            continue;
        };
        let id = StepId {
            routine: Routine::Task(TOP),
            index: *index,
        };
        placed.push((id, at));
    }
    for (t, lane) in lanes.iter().enumerate() {
        let (Some(lane), Some(task)) = (lane, program.tasks.get(t)) else {
            continue;
        };
        if let Some(routine) = program.routines.get(task.routine) {
            for (index, step) in routine.steps.iter().enumerate() {
                let id = StepId {
                    routine: Routine::Task(*lane),
                    index,
                };
                placed.push((id, line_index(step.at.line)));
            }
        }
    }
    for (r, routine) in program.routines.iter().enumerate() {
        for (index, step) in routine.steps.iter().enumerate() {
            let id = StepId {
                routine: Routine::Helper(r),
                index,
            };
            placed.push((id, line_index(step.at.line)));
        }
    }
    placed.sort_by_key(|&(id, line)| (line, id));
    let statements = placed
        .iter()
        .map(|&(_, line)| lines.get(line).map_or("", |l| statement(l)).to_owned())
        .collect();
    let mut text = source.to_owned();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    CodeView {
        // The learner's own text, in the language the program was read from.
        language: if program.rules == super::program::Rules::Tokio {
            Language::Rust
        } else {
            Language::Python
        },
        text,
        step_lines: placed,
        statements,
    }
}

/// A line's statement as the narration quotes it: without its indentation and its comment.
fn statement(line: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match quote {
            Some(_) if escaped => escaped = false,
            Some(_) if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '#' => return line[..i].trim(),
            None => {}
        }
    }
    line.trim()
}

/// The 0-based line of an op that is a step of the top's lane.
fn op_place(op: &Op) -> Option<usize> {
    match op {
        Op::Step(step) => Some(line_index(step.at.line)),
        Op::Run(_, at) => Some(line_index(at.line)),
        Op::Start(..) | Op::Await(..) | Op::EndLoop(_) => None,
    }
}

fn line_index(line: u32) -> usize {
    (line as usize).saturating_sub(1)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
