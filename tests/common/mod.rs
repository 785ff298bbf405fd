//! Helpers shared by the browser tests: running a recipe for real beside its prediction, the
//! clock's allowances, a lesson sped up; and, in `facts`, what a recorded run shows.
//!
//! A test that fails on a busy machine is a defect, so runs are held to what their traces show and
//! never to how fast they went: who held the thread, which stretches overlapped, what was printed
//! and in which order, and lower bounds that a loaded machine cannot break (a timer never fires
//! before it is due, a busy-wait never ends early), less the clock's own rounding. Speed and
//! totals are the bench's (`cargo xtask bench`).
#![allow(dead_code)]

mod facts;

// Each test binary compiles this module and uses a part of it.
#[allow(unused_imports)]
pub use facts::*;

use async_kitchen::model::{Action, Mode, Recipe, Trace, predict};
use async_kitchen::runtime;

/// Runs `recipe` in `mode` for real; returns the measured trace and the predicted one.
pub async fn measure(recipe: &Recipe, mode: Mode) -> (Trace, Trace) {
    let trace = runtime::run(recipe.clone(), mode)
        .await
        .expect("the run starts");
    (trace, predict::predict(recipe, mode))
}

/// Waits `ms` milliseconds on a real timer of the browser's own (not the runtime's timer queue).
pub async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

/// How much shorter than the time between them two readings of the clock may say, in
/// milliseconds: two of its steps (0.1 ms each in Chromium). Chromium rounds `performance.now()` to
/// its step up or down (at a random point of each step), so each reading may be a step off either
/// way. Every lower bound between two readings allows this, and nothing more; a busy-wait needs
/// none, for it spins until its own readings are its length apart.
pub fn jitter() -> f64 {
    2.0 * runtime::clock::step()
}

/// How far `setTimeout`'s whole milliseconds put a timer from its exact deadline, at most: the timer
/// queue arms each timeout for a rounded delay, and a sleep shares a timeout due within half a
/// millisecond of its own deadline.
pub const ROUNDING_MS: f64 = 0.5;

/// Float noise, and the microsecond the timer queue keys its deadlines by.
pub const EPSILON_MS: f64 = 1e-3;

/// The blocking run of each lesson lasts about this long at the test's scale.
pub const BLOCKING_MS: f64 = 400.0;
/// No wait is shorter than this, so timer granularity stays small beside it.
pub const SHORTEST_WAIT_MS: f64 = 10.0;

/// The lesson sped up (and with at most 100 copies of a task) so that the test stays short.
pub fn fast(recipe: &Recipe) -> Recipe {
    let mut r = recipe.clone();
    for t in &mut r.tasks {
        t.copies = t.copies.min(100);
    }
    let serial = r.serial_units() as f64;
    if serial > 0.0 {
        r.scale_ms = r.scale_ms.min(BLOCKING_MS / serial);
    }
    let shortest = r
        .tasks
        .iter()
        .chain(&r.helpers)
        .flat_map(|t| &t.steps)
        .filter_map(|s| match s.action {
            Action::Wait(n) if n > 0 => Some(f64::from(n)),
            _ => None,
        })
        .fold(f64::INFINITY, f64::min);
    if shortest.is_finite() {
        r.scale_ms = r.scale_ms.max(SHORTEST_WAIT_MS / shortest);
    }
    r
}
