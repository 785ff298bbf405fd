//! Helpers shared by the browser tests.
#![allow(dead_code)]

use async_kitchen::model::{Action, Mode, Recipe, Timeline, predict};
use async_kitchen::runtime;

/// Runs `recipe` in `mode` for real and returns the measured and the predicted timelines.
pub async fn measure(recipe: &Recipe, mode: Mode) -> (Timeline, Timeline) {
    let trace = runtime::run(recipe.clone(), mode)
        .await
        .expect("the run starts");
    (
        Timeline::from_trace(recipe, &trace),
        predict::prediction(recipe, mode),
    )
}

/// Waits `ms` milliseconds on a real timer.
pub async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

/// Asserts that a measured total is close to the predicted one: never early (beyond the clock's
/// rounding), and late by at most `slack` of the prediction plus `floor_ms`, which covers timer
/// jitter and the page's own work on a loaded machine.
pub fn assert_near(what: &str, measured: f64, predicted: f64, slack: f64, floor_ms: f64) {
    assert!(
        measured >= predicted - 2.0 && measured <= predicted * (1.0 + slack) + floor_ms,
        "{what}: measured {measured:.1} ms, predicted {predicted:.1} ms"
    );
}

/// The printed lines, in order.
pub fn prints(timeline: &Timeline) -> Vec<String> {
    timeline.console.iter().map(|l| l.text.clone()).collect()
}

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
