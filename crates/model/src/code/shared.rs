//! What the Rust and Python views have in common: how a mode shapes a body, which steps are
//! forgotten, the tasks `main` starts, and text made safe for one line.
//!
//! Both languages decide everything that is about the *runtime* here (which steps are forgotten, which
//! waits block, how many copies `main` starts), so the two views cannot disagree about what runs.

use super::names::Names;
use crate::format::Short;
use crate::mode::Mode;
use crate::recipe::{Action, Recipe, Routine, Step};

/// How a mode writes the bodies of tasks and helpers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Body {
    /// Plain functions: every wait holds the thread and there is no `await` to forget.
    Plain,
    /// Async functions whose waits await a timer: on the page's event loop, or in the processes mode
    /// on the loop of the cook that runs the task.
    Async,
    /// Async functions whose waits hold the thread (the pitfall of `time.sleep` in `async def`).
    AsyncBlockingWaits,
    /// Plain functions on threads of their own: a wait sleeps its thread and lets the GIL go.
    Threads,
}

impl Body {
    /// The body the runtime gives every routine in `mode`.
    pub(super) fn of(mode: Mode) -> Body {
        match mode {
            Mode::Blocking => Body::Plain,
            Mode::Threads | Mode::FreeThreaded => Body::Threads,
            Mode::BlockingInAsync => Body::AsyncBlockingWaits,
            Mode::Sequential
            | Mode::Gather
            | Mode::Spawn
            | Mode::NeverAwaited
            | Mode::Processes => Body::Async,
        }
    }

    /// Whether the functions are `async`.
    pub(super) fn is_async(self) -> bool {
        matches!(self, Body::Async | Body::AsyncBlockingWaits)
    }
}

/// Whether the runtime builds this step's future and drops it unpolled, so that the step does nothing.
///
/// This mirrors `runtime::interpret`: only async bodies can forget an `await`, and a blocking wait
/// inside an async body is a plain call, which has no `await` to forget either.
pub(super) fn forgotten(step: &Step, body: Body) -> bool {
    step.missing_await
        && match step.action {
            Action::Wait(_) => body == Body::Async,
            Action::Call(_) | Action::Yield => body.is_async(),
            Action::Work(_) | Action::Print(_) => false,
        }
}

/// Which kinds of step occur anywhere in a recipe, so headers explain only what the code uses.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Uses {
    /// Some step is a `work`.
    pub(super) work: bool,
    /// Some step is a `wait`.
    pub(super) wait: bool,
    /// Some step is a `yield` or a `wait 0`, which an async body writes as a yield
    /// (`Action::is_bare_yield`).
    pub(super) yields: bool,
    /// Some step is a `print`.
    pub(super) prints: bool,
}

impl Uses {
    /// What `recipe`'s tasks and helpers use.
    pub(super) fn of(recipe: &Recipe) -> Uses {
        let steps = || {
            recipe
                .tasks
                .iter()
                .chain(&recipe.helpers)
                .flat_map(|t| &t.steps)
        };
        let any = |f: fn(&Action) -> bool| steps().any(|s| f(&s.action));
        Uses {
            work: any(|a| matches!(a, Action::Work(_))),
            wait: any(|a| matches!(a, Action::Wait(_))),
            yields: any(Action::is_bare_yield),
            prints: any(|a| matches!(a, Action::Print(_))),
        }
    }
}

/// The first header line: the unit the numbers are in and what one unit is in real time.
pub(super) fn time_scale(recipe: &Recipe) -> String {
    let unit = recipe.unit.symbol();
    format!(
        "Times are in {unit}: 1 {unit} = {} ms of real time.",
        Short(recipe.scale_ms)
    )
}

/// One group of identical instances that `main` starts: a task's function and how many copies.
pub(super) struct Group<'a> {
    /// The task's function name.
    pub(super) name: &'a str,
    /// How many instances `main` starts, at least one, as in [`Recipe::instances`].
    pub(super) copies: u32,
}

/// The tasks `main` starts, in order.
pub(super) fn groups<'a>(recipe: &Recipe, names: &'a Names) -> Vec<Group<'a>> {
    recipe
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| Group {
            name: names.routine(Routine::Task(i)),
            copies: t.copies.max(1),
        })
        .collect()
}

/// Whether a character would break a line, or make it display in another order than it is read
/// (the bidirectional controls `rustc` rejects in source), so it must never reach the code as is.
pub(super) fn breaks_line(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Text for a comment: on one line, unambiguous, without surrounding spaces.
pub(super) fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if breaks_line(c) { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// A step's own comment: its label, then a note such as why a forgotten `await` does nothing.
pub(super) fn step_comment(step: &Step, note: Option<String>) -> Option<String> {
    let label = step
        .label
        .as_deref()
        .map(one_line)
        .filter(|l| !l.is_empty());
    match (label, note) {
        (Some(label), Some(note)) => Some(format!("{label} — {note}")),
        (label, note) => label.or(note),
    }
}
