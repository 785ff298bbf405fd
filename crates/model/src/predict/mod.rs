//! Prediction: what a perfect single-threaded cooperative scheduler would do with a recipe.
//!
//! The prediction is a deterministic simulation of the page's event loop as the runtime meets it:
//! timer callbacks are macrotasks run in deadline order (sleeps due at the same moment share one
//! callback, as they share one browser timeout in the runtime's timer queue), each
//! followed by a drain of the FIFO microtask queue in which `wasm-bindgen-futures` polls woken tasks;
//! `join_all` polls its children in order (every unfinished child on each wake when there are at
//! most 30, only the woken ones, oldest first, above that, as `futures-util` does); spawned tasks
//! first run on the next microtask; `work` and blocking waits hold the thread so that a timer that
//! comes due meanwhile fires only when the thread is free again. Nothing takes time but `work` and
//! waits, so the prediction is the tutorial's arithmetic made exact.
//!
//! In the processes mode each task runs alone on one of several cooks, each its own loop: tasks are
//! handed out in order to the first cook free, a message taking its time each way, and cold cooks
//! first take their time to start (`cooks`).
//!
//! In the threads mode each task is a plain function on a thread of the pool, and the threads take
//! turns on the GIL (`crate::gil`, which simulates CPython's lock).
//!
//! It emits the same [`Trace`] events the runtime records, so predicted and measured timelines are
//! built by the same code ([`Timeline::from_trace`]) and can be laid over each other. This module
//! owns the scheduling rules; it must not know about the page or read a clock.

mod cooks;
mod coroutine;
mod sim;

pub use sim::JOIN_ALL_SMALL;

use super::cooks::Cooks;
use super::mode::Mode;
use super::recipe::Recipe;
use super::timeline::Timeline;
use super::trace::Trace;

/// The events a perfect run of `recipe` in `mode` would record, in milliseconds at the recipe's scale.
/// In the processes mode: on two cold cooks at the typical costs ([`predict_with`] says how many);
/// in the threads modes, on as many cold threads as the page starts by default (a thread per task,
/// [`Gil::default_threads`](crate::gil::Gil::default_threads)).
pub fn predict(recipe: &Recipe, mode: Mode) -> Trace {
    let count = if mode.threaded() {
        crate::gil::Gil::default_threads(recipe)
    } else {
        2
    };
    predict_with(recipe, mode, Cooks::new(count))
}

/// [`predict`], with the pool a processes run would find, or the threads a threads run would (the
/// other modes use neither).
pub fn predict_with(recipe: &Recipe, mode: Mode, cooks: Cooks) -> Trace {
    match mode {
        Mode::Processes => cooks::simulate(recipe, cooks),
        Mode::Threads => crate::gil::run(recipe, crate::gil::Gil::on(cooks)),
        Mode::FreeThreaded => crate::gil::run(recipe, crate::gil::Gil::on(cooks).free(true)),
        _ => on_page(recipe, mode),
    }
}

/// The prediction of a mode whose tasks run on the page's own thread; a mode on the page's
/// workers (`Mode::on_cooks`) gets an empty trace, for [`predict_with`] simulates those.
///
/// The page's first look predicts with this alone: the workers' simulations come with the
/// workers' chunk, which the page fetches when a learner chooses such a mode, and hands to its
/// state (`kitchen_state`'s `Simulate`).
pub fn on_page(recipe: &Recipe, mode: Mode) -> Trace {
    if mode.on_cooks() {
        return Trace::default();
    }
    sim::Sim::new(recipe, mode).run()
}

/// The timeline of a perfect run: [`predict`] explained by [`Timeline::from_trace`].
pub fn prediction(recipe: &Recipe, mode: Mode) -> Timeline {
    Timeline::from_trace(recipe, &predict(recipe, mode))
}

#[cfg(test)]
mod tests;
