//! Helpers shared by the browser tests.
#![allow(dead_code)]

use async_kitchen::model::{Mode, Recipe, Timeline, predict};
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
