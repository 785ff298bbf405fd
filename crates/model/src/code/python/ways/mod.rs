//! The Python twin written the two older ways the first tutorial names: as callbacks on asyncio's
//! own loop ([`callbacks`]) and as generators driven by a small scheduler written out in the view
//! ([`generators`]). Each runs as is in CPython, prints what the async/await twin prints, in the same
//! order, and takes the same time: the CPython step holds all three to the page's prediction.
//!
//! This module owns what the two share: which steps suspend a task, the parts a task is cut into
//! at them, and the header. The steps that do not suspend are written by the parent's `statement`,
//! so that a `work`, a print or a blocking sleep reads the same in every way.

mod callbacks;
mod generators;

use super::super::names::Names;
use super::super::shared::{Body, Uses, forgotten, time_scale};
use super::super::writer::Writer;
use super::super::{CodeView, Language};
use super::{Form, file};
use crate::mode::Mode;
use crate::recipe::{Action, Recipe, Step};
use crate::way::Way;

/// The program in `way` (callbacks or generators), in `form`.
pub(super) fn program(recipe: &Recipe, mode: Mode, way: Way, form: Form) -> CodeView {
    let names = Names::new(recipe);
    let mut w = Writer::new(Language::Python);
    match way {
        Way::Callbacks => callbacks::program(&mut w, recipe, &names, mode, form),
        Way::StateMachine | Way::Async => generators::program(&mut w, recipe, &names, mode, form),
    }
    w.finish()
}

/// What a step is to a task written without `await`: whether it suspends the task, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pause {
    /// It runs to its end without giving the thread back: a `work`, a print, a blocking sleep, or
    /// a step whose `await` is forgotten (its coroutine is made and dropped).
    No,
    /// It waits for a timer of this many units.
    Timer(u32),
    /// It gives the loop back once: a yield, or a `wait 0`, which `asyncio.sleep(0)` makes one.
    Yield,
    /// It runs a helper, which may suspend.
    Call,
}

impl Pause {
    /// How `step` suspends in a body of `body`, as `runtime::interpret` runs it.
    fn of(step: &Step, body: Body) -> Pause {
        if forgotten(step, body) || !body.is_async() {
            return Pause::No;
        }
        match step.action {
            Action::Work(_) | Action::Print(_) => Pause::No,
            Action::Call(_) => Pause::Call,
            // A wait in `time.sleep` inside `async def` holds the thread, `wait 0` too.
            Action::Wait(_) if body != Body::Async => Pause::No,
            Action::Wait(0) | Action::Yield => Pause::Yield,
            Action::Wait(n) => Pause::Timer(n),
        }
    }
}

/// The comments every way's header has (the time scale, `work`, blocking sleeps), then `extra`
/// (the way's own words on waiting), then `imports`, and in the file `SCALE` and `work`.
fn header(
    w: &mut Writer,
    recipe: &Recipe,
    mode: Mode,
    form: Form,
    extra: &[&str],
    imports: &[&str],
) {
    let uses = Uses::of(recipe);
    let unit = recipe.unit.symbol();
    w.comment(0, &time_scale(recipe));
    if uses.work {
        w.comment(
            0,
            &format!("work(n) keeps the thread busy for n {unit}: a busy loop, the cook's hands are full."),
        );
    }
    if uses.wait && Body::of(mode) == Body::AsyncBlockingWaits {
        w.comment(
            0,
            &format!("time.sleep(n) holds the thread for n {unit}: the event loop is stuck."),
        );
    }
    for line in extra {
        w.comment(0, line);
    }
    let blocks = uses.wait && Body::of(mode) == Body::AsyncBlockingWaits;
    let mut all: Vec<&str> = imports.to_vec();
    if blocks || form == Form::File {
        all.push("import time");
    }
    all.sort_by_key(|i| (i.starts_with("from "), *i));
    all.dedup();
    for import in all {
        w.line(0, import);
    }
    if form == Form::File {
        file::scale_and_work(w, recipe);
    } else {
        w.gap();
    }
}

/// `n` units as the form writes a length of time: as is in the view, in seconds in the file.
fn seconds(n: u32, form: Form) -> String {
    match form {
        Form::View => n.to_string(),
        Form::File => format!("{n} * SCALE"),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
