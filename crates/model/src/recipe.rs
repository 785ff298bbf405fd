//! Recipes: the scenarios a learner runs, as plain data.
//!
//! A recipe owns its tasks and helpers and the time scale that maps its display unit to real
//! milliseconds. It knows nothing about how it is executed; `runtime` runs it and `timeline` explains it.
//! It also carries the exercises its text asks ([`Asked`]), for `exercise` to turn into questions.

use serde::Serialize;

use crate::mode::Mode;

/// The unit a recipe's durations are written and displayed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Milliseconds.
    Ms,
    /// Seconds.
    S,
    /// Minutes.
    Min,
}

impl Unit {
    /// The short name shown after a number, such as `min`.
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Ms => "ms",
            Unit::S => "s",
            Unit::Min => "min",
        }
    }
}

/// One thing a task or helper does.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Action {
    /// The cook is busy for this many units: CPU-bound work that holds the thread.
    Work(u32),
    /// Waiting on the world for this many units: I/O-bound, the thread is free unless the mode blocks.
    Wait(u32),
    /// A line for the console, stamped with the time it was printed.
    Print(String),
    /// Await the helper with this name inline.
    Call(String),
    /// Give the event loop back once without waiting.
    Yield,
}

impl Action {
    /// The step's duration in units as a perfect cook would spend it; zero for instant steps.
    pub fn units(&self) -> u32 {
        match self {
            Action::Work(n) | Action::Wait(n) => *n,
            Action::Print(_) | Action::Call(_) | Action::Yield => 0,
        }
    }

    /// Whether the step, awaited in a coroutine, gives the loop back once without a timer: `yield`,
    /// and `wait 0`.
    ///
    /// A recipe's `wait 0` is written `await asyncio.sleep(0)` in its Python twin, and CPython's
    /// `asyncio.sleep` arms no timer for a delay of zero or less: it yields once, and the task is
    /// ready again behind what is already ready. A browser timeout of 0 ms would run it after every
    /// pending yield instead, and the two print orders would differ (`twins.txt`, "Wait 0 is a
    /// yield"), so the runtime, the prediction and the views all take `wait 0` for a yield. A wait
    /// that blocks (`time.sleep(0)`) is still a wait of no length.
    pub fn is_bare_yield(&self) -> bool {
        matches!(self, Action::Yield | Action::Wait(0))
    }
}

/// A step of a task or helper: an action and an optional label for people ("bake in the oven").
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Step {
    /// What the step does.
    pub action: Action,
    /// A short description shown on the timeline, if the author gave one.
    pub label: Option<String>,
    /// The author forgot the `await` on a `wait`, `call` or `yield`: in the async modes the future is
    /// created and dropped unpolled, so the step does nothing (the tutorials' missing-`await` bug).
    /// Plain functions have no `await` to forget, so the blocking mode runs the step as written.
    pub missing_await: bool,
}

impl Step {
    /// A step without a label.
    pub fn new(action: Action) -> Self {
        Step {
            action,
            label: None,
            missing_await: false,
        }
    }

    /// A step with a label.
    pub fn labelled(action: Action, label: &str) -> Self {
        Step {
            action,
            label: Some(label.to_owned()),
            missing_await: false,
        }
    }

    /// The same step with its `await` forgotten.
    pub fn without_await(self) -> Self {
        Step {
            missing_await: true,
            ..self
        }
    }

    /// The step in words, such as `wait 45 min — bake in the oven`.
    pub fn describe(&self, unit: Unit) -> String {
        let unit = unit.symbol();
        let what = match &self.action {
            Action::Work(n) => format!("work {n} {unit}"),
            Action::Wait(n) => format!("wait {n} {unit}"),
            Action::Print(text) => format!("print “{text}”"),
            Action::Call(name) => format!("call {name}"),
            Action::Yield => "yield".to_owned(),
        };
        let what = if self.missing_await {
            format!("{what} (await missing)")
        } else {
            what
        };
        match &self.label {
            Some(label) => format!("{what} — {label}"),
            None => what,
        }
    }
}

/// A coroutine: a top-level task, or a helper that tasks call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Task {
    /// The name shown on the task's lane and used as the function's name in code views.
    pub name: String,
    /// How many copies of the task `main` starts (at least one), like `gather(*(f() for _ in range(n)))`.
    /// Helpers always have one.
    pub copies: u32,
    /// What the coroutine does, in order.
    pub steps: Vec<Step>,
}

impl Task {
    /// One copy of a task with these steps.
    pub fn new(name: &str, steps: Vec<Step>) -> Self {
        Task {
            name: name.to_owned(),
            copies: 1,
            steps,
        }
    }
}

/// One running copy of a task: what runs, and what the traces and lanes number.
///
/// Traces and timelines index instances, in order: every copy of the first task, then of the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Instance {
    /// The task, by index into [`Recipe::tasks`].
    pub task: usize,
    /// Which copy, from 0.
    pub copy: u32,
}

/// An exercise a recipe's text asks for with an `exercise` header.
///
/// A teacher writes these into the recipe's text, so an exercise travels in a share link with the
/// recipe. The code views, the runtime and the prediction ignore them; they are for `exercise` to
/// turn into questions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asked {
    /// `exercise order MODE`: in what order will the lines print in this mode?
    Order(Mode),
    /// `exercise total MODE`: how long will a run in this mode take?
    Total(Mode),
    /// `exercise target N [MODE]`: edit the recipe so that a run finishes within `units`.
    Target {
        /// The longest the run may take, in the recipe's unit: at least 1.
        units: u32,
        /// The mode the run must finish in time in, or `None` for whichever mode the learner runs.
        mode: Option<Mode>,
    },
}

/// A scenario: what runs, in which unit, and at what speed.
#[derive(Clone, Debug, PartialEq)]
pub struct Recipe {
    /// The heading shown above the recipe.
    pub title: String,
    /// A few sentences for people: what happens and what to look at. May be empty.
    pub story: String,
    /// The unit durations are written in.
    pub unit: Unit,
    /// Real milliseconds per unit when the recipe runs in the page.
    pub scale_ms: f64,
    /// The top-level tasks, in the order `main` starts them.
    pub tasks: Vec<Task>,
    /// Coroutines that tasks `call`.
    pub helpers: Vec<Task>,
    /// The exercises its text asks (its `exercise` headers), in the order written; empty for most
    /// recipes.
    pub exercises: Vec<Asked>,
}

/// Which coroutine a step belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Routine {
    /// A top-level task, by index into [`Recipe::tasks`].
    Task(usize),
    /// A helper, by index into [`Recipe::helpers`].
    Helper(usize),
}

/// Names one step of one coroutine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct StepId {
    /// The coroutine the step is written in.
    pub routine: Routine,
    /// The step's index in that coroutine.
    pub index: usize,
}

impl Recipe {
    /// Every instance `main` starts, in order: all copies of the first task, then of the next.
    pub fn instances(&self) -> Vec<Instance> {
        self.tasks
            .iter()
            .enumerate()
            .flat_map(|(task, t)| (0..t.copies.max(1)).map(move |copy| Instance { task, copy }))
            .collect()
    }

    /// Every step a run of the recipe takes, as written: each task instance's steps in turn, with a
    /// `call` replaced by the helper's steps (a validated recipe's calls are at most sixteen deep and
    /// never recursive; a depth limit keeps an unvalidated one finite).
    pub fn steps_as_run(&self) -> Vec<&Step> {
        fn walk<'a>(recipe: &'a Recipe, steps: &'a [Step], depth: usize, out: &mut Vec<&'a Step>) {
            for step in steps {
                match &step.action {
                    Action::Call(name) if depth < 32 => {
                        if let Some(helper) = recipe.helpers.iter().find(|h| &h.name == name) {
                            walk(recipe, &helper.steps, depth + 1, out);
                        }
                    }
                    _ => out.push(step),
                }
            }
        }
        let mut out = Vec::new();
        for task in &self.tasks {
            for _ in 0..task.copies.max(1) {
                walk(self, &task.steps, 0, &mut out);
            }
        }
        out
    }

    /// The instance with this index (see [`Recipe::instances`]), found without listing them all.
    pub fn instance(&self, index: usize) -> Option<Instance> {
        let mut first = 0usize;
        for (task, t) in self.tasks.iter().enumerate() {
            let copies = t.copies.max(1) as usize;
            if index < first + copies {
                return Some(Instance {
                    task,
                    copy: (index - first) as u32,
                });
            }
            first += copies;
        }
        None
    }

    /// The name of an instance's lane: the task's name, numbered from 1 when it has several copies.
    pub fn instance_name(&self, instance: Instance) -> String {
        match self.tasks.get(instance.task) {
            Some(t) if t.copies > 1 => format!("{} {}", t.name, instance.copy + 1),
            Some(t) => t.name.clone(),
            None => String::new(),
        }
    }

    /// The name of the lane of the instance with this index ([`Recipe::instance`]), or nothing
    /// for an index past the last.
    pub fn name_of(&self, index: usize) -> String {
        self.instance(index)
            .map(|i| self.instance_name(i))
            .unwrap_or_default()
    }

    /// The coroutine a routine names, if it exists.
    pub fn routine(&self, routine: Routine) -> Option<&Task> {
        match routine {
            Routine::Task(i) => self.tasks.get(i),
            Routine::Helper(i) => self.helpers.get(i),
        }
    }

    /// The step an id names, if it exists.
    pub fn step(&self, id: StepId) -> Option<&Step> {
        self.routine(id.routine)?.steps.get(id.index)
    }

    /// The helper with this name, if there is one.
    pub fn helper_index(&self, name: &str) -> Option<usize> {
        self.helpers.iter().position(|h| h.name == name)
    }

    /// Converts units of this recipe into real milliseconds at its scale.
    pub fn ms(&self, units: f64) -> f64 {
        units * self.scale_ms
    }

    /// Converts real milliseconds back into this recipe's units.
    pub fn units(&self, ms: f64) -> f64 {
        if self.scale_ms > 0.0 {
            ms / self.scale_ms
        } else {
            0.0
        }
    }

    /// How long every step of every instance takes end to end when nothing overlaps: the blocking total.
    ///
    /// Helpers are counted once per call; a step whose `await` is missing still counts, because the
    /// blocking mode has no `await` to forget. Unknown helpers count as zero; validation reports them.
    pub fn serial_units(&self) -> u64 {
        self.tasks
            .iter()
            .map(|t| u64::from(t.copies.max(1)) * self.steps_units(&t.steps, 0))
            .sum()
    }

    fn steps_units(&self, steps: &[Step], depth: usize) -> u64 {
        // The depth guard keeps a recursive helper (which validation rejects) from overflowing the stack.
        if depth > 64 {
            return 0;
        }
        steps
            .iter()
            .map(|s| match &s.action {
                Action::Call(name) => self
                    .helper_index(name)
                    .map_or(0, |i| self.steps_units(&self.helpers[i].steps, depth + 1)),
                other => u64::from(other.units()),
            })
            .sum()
    }
}

/// A recipe for tests: `tasks` and `helpers`, in seconds at 10 ms per second, titled "t".
#[cfg(test)]
pub(crate) fn test_recipe(tasks: Vec<Task>, helpers: Vec<Task>) -> Recipe {
    Recipe {
        title: "t".into(),
        story: String::new(),
        unit: Unit::S,
        scale_ms: 10.0,
        tasks,
        helpers,
        exercises: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::test_recipe as recipe;
    use super::*;

    fn task(name: &str, steps: Vec<Action>) -> Task {
        Task::new(name, steps.into_iter().map(Step::new).collect())
    }

    #[test]
    fn copies_become_numbered_instances_and_count_in_the_serial_total() {
        let mut download = task("download", vec![Action::Wait(3)]);
        download.copies = 5;
        let r = recipe(vec![task("main", vec![Action::Work(1)]), download], vec![]);
        let names: Vec<_> = r
            .instances()
            .into_iter()
            .map(|i| r.instance_name(i))
            .collect();
        assert_eq!(
            names,
            [
                "main",
                "download 1",
                "download 2",
                "download 3",
                "download 4",
                "download 5"
            ]
        );
        assert_eq!(r.serial_units(), 16);
    }

    #[test]
    fn serial_units_counts_helpers_once_per_call() {
        let r = recipe(
            vec![task(
                "a",
                vec![
                    Action::Work(2),
                    Action::Call("h".into()),
                    Action::Call("h".into()),
                ],
            )],
            vec![task("h", vec![Action::Wait(3), Action::Print("x".into())])],
        );
        assert_eq!(r.serial_units(), 8);
    }

    #[test]
    fn steps_describe_themselves_with_unit_and_label() {
        let s = Step::labelled(Action::Wait(45), "bake in the oven");
        assert_eq!(s.describe(Unit::Min), "wait 45 min — bake in the oven");
        assert_eq!(
            Step::new(Action::Print("One".into())).describe(Unit::S),
            "print “One”"
        );
        assert_eq!(Step::new(Action::Yield).describe(Unit::S), "yield");
    }

    #[test]
    fn unit_conversion_round_trips() {
        let r = recipe(vec![], vec![]);
        assert_eq!(r.ms(3.0), 30.0);
        assert_eq!(r.units(30.0), 3.0);
    }
}
