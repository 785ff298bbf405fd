//! Browser tests: the cake lesson run for real, with real timers, in headless Chromium.
//!
//! Tolerances are wide on purpose: a busy-wait cannot finish early but a loaded machine can make
//! anything late, and these tests must fail only when the behaviour is wrong.
#![cfg(target_arch = "wasm32")]

use async_kitchen::model::{Mode, Recipe, State, Timeline, lesson};
use async_kitchen::runtime;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The cake lesson at 10 ms per minute, so a run takes about a second.
fn cake() -> Recipe {
    let mut recipe = lesson::cake_and_groceries().recipe;
    recipe.scale_ms = 10.0;
    recipe
}

async fn run(mode: Mode) -> (Recipe, Timeline) {
    let recipe = cake();
    let trace = runtime::run(recipe.clone(), mode)
        .await
        .expect("the run starts");
    let timeline = Timeline::from_trace(&recipe, &trace);
    (recipe, timeline)
}

#[wasm_bindgen_test]
async fn gather_finishes_near_sixty_minutes() {
    let (recipe, timeline) = run(Mode::Gather).await;
    let total = recipe.units(timeline.end);
    assert!((59.5..=70.0).contains(&total), "gather took {total} min");

    // Groceries start running only when the cake starts waiting in the oven, about 15 min in.
    let groceries = &timeline.lanes[1];
    let first_run = groceries
        .segments
        .iter()
        .find(|s| s.state == State::Running)
        .expect("groceries ran");
    let start = recipe.units(first_run.start);
    assert!(
        (14.5..=20.0).contains(&start),
        "groceries started at {start} min"
    );
    // The cake spends the oven's 45 min waiting. The wait may be split: `join_all` polls every child
    // whenever it is woken for any reason, and such a poll is recorded as a short run.
    let waited: f64 = timeline.lanes[0]
        .segments
        .iter()
        .filter(|s| s.state == State::Waiting)
        .map(|s| recipe.units(s.end - s.start))
        .sum();
    assert!(
        (40.0..=46.0).contains(&waited),
        "the cake waited {waited} min in the oven"
    );
}

#[wasm_bindgen_test]
async fn blocking_finishes_near_eighty_minutes_and_never_lets_go_of_the_thread() {
    let (recipe, timeline) = run(Mode::Blocking).await;
    let total = recipe.units(timeline.end);
    assert!((79.5..=95.0).contains(&total), "blocking took {total} min");
    let totals = timeline.totals();
    assert!(
        totals.busy >= 0.97 * totals.end,
        "busy {} of {} ms",
        totals.busy,
        totals.end
    );
    // The oven step is a busy-wait: blocked, not waiting.
    assert!(
        timeline.lanes[0]
            .segments
            .iter()
            .any(|s| s.state == State::Blocked)
    );
    assert!(
        timeline
            .lanes
            .iter()
            .flat_map(|l| &l.segments)
            .all(|s| s.state != State::Waiting),
        "nothing waits politely in blocking mode"
    );
}

#[wasm_bindgen_test]
async fn the_heartbeat_stops_during_a_blocking_run() {
    let (_, timeline) = run(Mode::Blocking).await;
    let freeze = timeline
        .totals()
        .longest_freeze
        .expect("frames were recorded");
    assert!(
        freeze >= 0.9 * timeline.end,
        "longest gap between frames {freeze} ms in a {} ms run",
        timeline.end
    );
}
