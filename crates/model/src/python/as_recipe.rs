//! A read program's tasks written as a recipe: what the Recipe tab shows of the learner's Python,
//! and what the page's other modes run when their Python is the program.
//!
//! This file owns one translation, from a [`Program`] to recipe text, and the rules it follows:
//!
//! - **The tasks are the program's tasks**: every routine its top starts or runs (`create_task`,
//!   `gather`'s coroutines, a `TaskGroup`'s, `await count()`, a plain `count()`), in the order the
//!   top starts them. How the top drives them — one after another, gathered, started then awaited —
//!   is the program's *shape*, which is what the modes are about, so the recipe leaves it out, with
//!   the top's own steps (its prints, its clock readings): each mode gives its own `main`. A
//!   program whose top starts no task (a notebook cell that only sleeps and prints) is one task,
//!   the top's own steps.
//! - **Routines are helpers**, by their function's name; the calls of one function that do the
//!   same (`example_coroutine(i)` for each `i`, whose bodies differ only in what they do not use)
//!   are one helper, and those that differ are numbered (`sleep_and_print`, `sleep_and_print_2`).
//!   Tasks that follow each other doing the same are one task with copies (`task
//!   example_coroutine x5`), as a recipe writes `gather(*(f() for _ in range(n)))`.
//! - **Steps are the recipe's**: `work(x)` is `work`, `await asyncio.sleep(x)` is `wait`,
//!   `asyncio.sleep(0)` is `yield`, and `time.sleep(x)` is `work` labelled `time.sleep(x)`: it holds
//!   the thread as work does, in a coroutine too, where a recipe's `wait` would let the loop go on.
//!   A coroutine made and never awaited is the recipe's `unawaited` step. A clock reading is
//!   dropped (a recipe prints no clock), and a print that shows one prints `…` in its place.
//! - Durations are seconds when every one is a whole number of seconds, else milliseconds; one
//!   that is not a whole number of milliseconds is refused rather than rounded (a sleep rounded
//!   to nothing would be a yield).
//!
//! What a recipe cannot say is refused with the place and the reason: an exception (a recipe has
//! none), a print that leaves its line open (`end=''`, which a recipe's lines cannot), and
//! whatever breaks the recipe format's rules (two hundred routines, a thousand steps in one). The
//! text is written, then read by the recipe's own parser, so the recipe the modes run is exactly
//! the text the learner sees, and every rule of the format is the parser's, not repeated here.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::asyncio::masked;
use super::drawn::unit_of;
use super::program::{Action, Dropped, Inlined, Op, Piece, Program, Step};
use super::value::Value;
use crate::recipe::{self, Recipe, Task, Unit};
use crate::text::{
    self,
    limits::{MAX_NAME_CHARS, MAX_ROUTINES},
};

/// The title of every recipe written from a Python program.
pub const TITLE: &str = "Your Python's tasks";

/// The title of every recipe written from a Rust program.
pub const RUST_TITLE: &str = "Your Rust's tasks";

/// A program's tasks as a recipe: the text the learner sees, and the recipe it reads as.
#[derive(Clone, Debug, PartialEq)]
pub struct AsRecipe {
    /// The recipe's text, in the format's canonical layout.
    pub text: String,
    /// The text, read (shared with the runs of it, as a drawing's recipe is).
    pub recipe: Rc<Recipe>,
    /// The lines of the top's own steps left out, because the top also starts tasks: how it
    /// drives them is the mode's to say (the module's doc).
    pub left_out: Vec<u32>,
}

/// `program`'s tasks as a recipe at `ms_per_second` real milliseconds per program second, or why a
/// recipe cannot say what it does (with the line of the learner's text where there is one).
pub fn as_recipe(program: &Program, ms_per_second: f64) -> Result<AsRecipe, String> {
    let (unit, scale_ms) = unit_of(program, ms_per_second);
    let seconds = unit == Unit::S;
    // The routines that do the same are one group, found by their function's name and steps. A
    // routine's calls must be grouped before it, so routines are taken callees first (the reader
    // allows no recursion); a call names its group by number (`GROUP` and the number) until the
    // groups have names.
    let mut groups = Groups::default();
    let mut group_of: Vec<Option<usize>> = vec![None; program.routines.len()];
    for r in program.callees_first() {
        let routine = &program.routines[r];
        let steps = convert(routine.steps.iter(), seconds, &group_of, &mut groups)?;
        group_of[r] = Some(groups.find_or_add(&routine.name, steps));
    }
    // The tasks, in the order the top starts them; one after another doing the same are copies.
    let mut found = Found::default();
    let whole = Inlined {
        name: if program.notebook { "cell" } else { "main" }.to_owned(),
        start: 0,
        end: program.main.len(),
    };
    found.range(program, &whole, 0, seconds, &group_of, &mut groups)?;
    if found.tasks.is_empty() {
        return Err("it starts no task and does nothing but read the clock, so a recipe would have nothing to run".to_owned());
    }
    let mut tasks: Vec<(usize, u32)> = Vec::new();
    for group in found.tasks {
        match tasks.last_mut() {
            Some((last, copies)) if *last == group => *copies += 1,
            _ => tasks.push((group, 1)),
        }
    }
    let called = groups.called_from(tasks.iter().map(|&(g, _)| g));
    // Checked before the text is written: a loop of a thousand different calls would otherwise be
    // written out and read in full to be refused.
    let routines = tasks.len() + called.iter().filter(|&&c| c).count();
    if routines > MAX_ROUTINES {
        return Err(format!(
            "its tasks and the calls they make do {routines} different things, and a recipe has at most {MAX_ROUTINES} tasks and helpers"
        ));
    }
    let mut recipe = groups.into_recipe(&tasks, &called, unit, scale_ms);
    if program.rules == super::program::Rules::Tokio {
        recipe.title = RUST_TITLE.to_owned();
    }
    let text = text::print(&recipe);
    match text::parse(&text) {
        Ok(recipe) => Ok(AsRecipe {
            text,
            recipe: Rc::new(recipe),
            left_out: found.left_out,
        }),
        Err(errors) => Err(errors.first().map_or_else(String::new, |e| {
            format!(
                "the recipe written from it breaks a rule of recipes: {}",
                e.message
            )
        })),
    }
}

/// The tasks found in the top, and the lines of its own steps left out.
#[derive(Default)]
struct Found {
    tasks: Vec<usize>,
    left_out: Vec<u32>,
}

impl Found {
    /// The tasks of `range`, a stretch of the top's ops (the whole top, or a call it ran as its
    /// own code): the stretch itself, as one task, when it starts no task of its own but does
    /// something itself (the fruit shop's `fruit()`, a notebook cell that sleeps and prints), else
    /// the tasks it starts and runs, and those of the calls it ran as its own code, in order. The
    /// calls it ran are in `program.inlined` from `inner` on (a call is listed before those it
    /// runs).
    fn range(
        &mut self,
        program: &Program,
        range: &Inlined,
        inner: usize,
        seconds: bool,
        group_of: &[Option<usize>],
        groups: &mut Groups,
    ) -> Result<(), String> {
        let ops = program.main.get(range.start..range.end).unwrap_or_default();
        let starts = ops
            .iter()
            .any(|op| matches!(op, Op::Start(..) | Op::Await(..)));
        let acts = ops
            .iter()
            .any(|op| matches!(op, Op::Step(step) if !times(step)));
        if acts && !starts {
            let steps = self.one_task(program, ops, seconds, group_of, groups)?;
            self.tasks.push(groups.find_or_add(&range.name, steps));
            return Ok(());
        }
        let mut seen = vec![false; program.tasks.len()];
        let mut task = |t: usize, found: &mut Found| {
            if let (Some(false), Some(g)) =
                (seen.get(t).copied(), group_of_task(program, group_of, t))
            {
                seen[t] = true;
                found.tasks.push(g);
            }
        };
        let mut at = range.start;
        while at < range.end {
            // A call run as the top's own code, directly inside this stretch, is a stretch of its own.
            let call = (inner..program.inlined.len()).find(|&i| {
                let call = &program.inlined[i];
                call.start == at && call.end <= range.end && call.end > call.start
            });
            if let Some(i) = call {
                self.range(
                    program,
                    &program.inlined[i],
                    i + 1,
                    seconds,
                    group_of,
                    groups,
                )?;
                at = program.inlined[i].end;
                continue;
            }
            match &program.main[at] {
                Op::Run(t, _) | Op::Start(t, _) => task(*t, self),
                Op::Await(members, ..) => {
                    for &t in members {
                        task(t, self);
                    }
                }
                Op::Step(step) if !times(step) => self.left_out.push(step.at.line),
                Op::Step(_) | Op::EndLoop(_) => {}
            }
            at += 1;
        }
        Ok(())
    }

    /// A stretch of the top that starts no task as one task's steps: its own, and a call of each
    /// routine it runs in its turn.
    fn one_task(
        &mut self,
        program: &Program,
        ops: &[Op],
        seconds: bool,
        group_of: &[Option<usize>],
        groups: &mut Groups,
    ) -> Result<Vec<recipe::Step>, String> {
        let mut steps = Vec::new();
        for op in ops {
            match op {
                Op::Step(step) if times(step) => {}
                Op::Step(step) => {
                    steps.extend(convert(std::iter::once(step), seconds, group_of, groups)?);
                }
                Op::Run(t, _) => {
                    if let Some(g) = group_of_task(program, group_of, *t) {
                        steps.push(recipe::Step::new(recipe::Action::Call(format!(
                            "{GROUP}{g}"
                        ))));
                    }
                }
                Op::Start(..) | Op::Await(..) | Op::EndLoop(_) => {}
            }
        }
        Ok(steps)
    }
}

/// The group of task `t`'s routine.
fn group_of_task(program: &Program, group_of: &[Option<usize>], t: usize) -> Option<usize> {
    let routine = program.tasks.get(t)?.routine;
    group_of.get(routine).copied().flatten()
}

/// Whether a step of the top only times the run: a clock reading, or a print that shows one
/// (`Total time needed was …`). A mode's `main` times its run its own way, so these are not the
/// program's to give a recipe.
fn times(step: &Step) -> bool {
    match &step.action {
        Action::Clock(..) => true,
        Action::Print(pieces) => pieces.iter().any(|p| matches!(p, Piece::Clock(..))),
        _ => false,
    }
}

/// The mark a step's call carries, with a group's number, until the groups have names: a name
/// never starts with it, so it cannot be taken for one.
const GROUP: char = '#';

/// Routines that do the same, one per function name and steps, in the order first met.
#[derive(Default)]
struct Groups {
    list: Vec<(String, Vec<recipe::Step>)>,
    index: BTreeMap<(String, Vec<recipe::Step>), usize>,
}

impl Groups {
    fn find_or_add(&mut self, name: &str, steps: Vec<recipe::Step>) -> usize {
        let key = (name.to_owned(), steps);
        if let Some(&at) = self.index.get(&key) {
            return at;
        }
        self.list.push(key.clone());
        self.index.insert(key, self.list.len() - 1);
        self.list.len() - 1
    }

    /// Which groups a step of `tasks`, or of a group they call, calls.
    fn called_from(&self, tasks: impl Iterator<Item = usize>) -> Vec<bool> {
        let mut called = vec![false; self.list.len()];
        let mut todo: Vec<usize> = tasks.collect();
        let mut seen = vec![false; self.list.len()];
        while let Some(g) = todo.pop() {
            if std::mem::replace(&mut seen[g], true) {
                continue;
            }
            for step in &self.list[g].1 {
                if let Some(callee) = group_called(step) {
                    called[callee] = true;
                    todo.push(callee);
                }
            }
        }
        called
    }

    /// The recipe: `tasks` (group, copies) in order, then a helper per `called` group; each a name
    /// of its own (a function's name when free, else with the first free number: `count_2`).
    fn into_recipe(
        self,
        tasks: &[(usize, u32)],
        called: &[bool],
        unit: Unit,
        scale_ms: f64,
    ) -> Recipe {
        let mut taken: BTreeMap<String, ()> = BTreeMap::new();
        let mut take = |wanted: &str| {
            let base: String = wanted.chars().take(MAX_NAME_CHARS - 6).collect();
            let mut name: String = wanted.chars().take(MAX_NAME_CHARS).collect();
            let mut n = 1;
            while taken.contains_key(&name) {
                n += 1;
                name = format!("{base}_{n}");
            }
            taken.insert(name.clone(), ());
            name
        };
        let helper_names: Vec<Option<String>> = self
            .list
            .iter()
            .zip(called)
            .map(|((name, _), &called)| called.then(|| take(name)))
            .collect();
        let named = |steps: &[recipe::Step]| -> Vec<recipe::Step> {
            steps
                .iter()
                .map(|step| match group_called(step) {
                    Some(g) => recipe::Step {
                        action: recipe::Action::Call(helper_names[g].clone().unwrap_or_default()),
                        ..step.clone()
                    },
                    None => step.clone(),
                })
                .collect()
        };
        let tasks = tasks
            .iter()
            .map(|&(g, copies)| Task {
                name: take(&self.list[g].0),
                copies,
                steps: named(&self.list[g].1),
            })
            .collect();
        let helpers = self
            .list
            .iter()
            .zip(&helper_names)
            .filter_map(|((_, steps), name)| Some(Task::new(name.as_ref()?, named(steps))))
            .collect();
        Recipe {
            title: TITLE.to_owned(),
            story: String::new(),
            unit,
            scale_ms,
            tasks,
            helpers,
            exercises: Vec::new(),
        }
    }
}

/// The group a step calls, while calls name groups by number.
fn group_called(step: &recipe::Step) -> Option<usize> {
    match &step.action {
        // Read by hand: `str::parse`, shared with the page, would be moved into its first look.
        recipe::Action::Call(name) => name.strip_prefix(GROUP).map(|digits| {
            digits
                .bytes()
                .fold(0, |n, b| n * 10 + usize::from(b.wrapping_sub(b'0')))
        }),
        _ => None,
    }
}

/// The program's steps as the recipe's (see the module's doc for the rules), calls naming groups.
fn convert<'a>(
    steps: impl Iterator<Item = &'a Step>,
    seconds: bool,
    group_of: &[Option<usize>],
    groups: &mut Groups,
) -> Result<Vec<recipe::Step>, String> {
    use recipe::Action as R;
    // A recipe counts whole units: a duration that is not a whole number of milliseconds would be
    // rounded to another, a sleep perhaps to nothing (a yield), so it is refused instead.
    let units = |x: f64, line: u32| -> Result<u32, String> {
        let units = if seconds { x } else { x * 1000.0 };
        let whole = units.round();
        if (units - whole).abs() > 1e-6 * whole.max(1.0) || whole > f64::from(u32::MAX) {
            return Err(format!(
                "line {line}: {} s is not a whole number of milliseconds, and a recipe counts whole ones",
                Value::Float(x).str()
            ));
        }
        Ok(whole.max(0.0) as u32)
    };
    let call = |g: usize| R::Call(format!("{GROUP}{g}"));
    let mut out = Vec::new();
    for step in steps {
        let line = step.at.line;
        match &step.action {
            Action::Work(x) => out.push(recipe::Step::new(R::Work(units(*x, line)?))),
            Action::Sleep(x) => out.push(recipe::Step::new(R::Wait(units(*x, line)?))),
            Action::Yield => out.push(recipe::Step::new(R::Yield)),
            Action::Block(x) => out.push(recipe::Step::labelled(
                R::Work(units(*x, line)?),
                &format!("time.sleep({})", Value::Float(*x).str()),
            )),
            Action::Print(pieces) => {
                let text = masked(pieces);
                // A print ends its line with its `end`, by default a newline.
                let Some(text) = text.ends_with('\n').then(|| &text[..text.len() - 1]) else {
                    return Err(format!(
                        "line {line}: this print leaves its line open (its end is not a newline), which a recipe's print cannot say"
                    ));
                };
                out.extend(
                    text.split('\n')
                        .map(|l| recipe::Step::new(R::Print(l.to_owned()))),
                );
            }
            // A recipe reads no clock: what a print shows of one is masked.
            Action::Clock(..) => {}
            Action::Call(r) => {
                let Some(g) = group_of.get(*r).copied().flatten() else {
                    return Err(format!("line {line}: a call the page could not place"));
                };
                out.push(recipe::Step::new(call(g)));
            }
            Action::Dropped(Dropped::Sleep(x)) => {
                out.push(recipe::Step::new(R::Wait(units(*x, line)?)).without_await());
            }
            Action::Dropped(Dropped::Coroutine(function)) => {
                // The coroutine's body never runs, so the reader never read what it would do: a
                // helper of that name with nothing in it says as much.
                let g = groups.find_or_add(function, Vec::new());
                out.push(recipe::Step::new(call(g)).without_await());
            }
            Action::Raise(message) => {
                return Err(format!(
                    "line {line}: it stops with `{message}`, and a recipe has no exceptions"
                ));
            }
        }
    }
    Ok(out)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
