//! Browser tests: the cake lesson run for real, with real timers, in headless Chromium.
//!
//! A busy-wait cannot finish early but a loaded machine can make anything late, so these hold what
//! the trace shows: which task waited while which worked, who held the thread, and lower bounds
//! (the cake needs its 15 minutes of dough and 45 in the oven, one after the other). How long the
//! runs took is the bench's.
#![cfg(target_arch = "wasm32")]

mod common;

use async_kitchen::model::{EventKind, Mode, Recipe, State, Timeline, Trace, lesson, predict};
use async_kitchen::runtime;
use common::{EPSILON_MS, assert_frozen, busy_waits, hold_run, holds, jitter, timer_waits};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The cake lesson at 10 ms per minute, so a run takes about a second and every step lasts whole
/// milliseconds (`setTimeout` rounds nothing away).
fn cake() -> Recipe {
    let mut recipe = lesson::cake_and_groceries().recipe;
    recipe.scale_ms = 10.0;
    recipe
}

const CAKE: usize = 0;
const GROCERIES: usize = 1;

/// Runs the cake in `mode`, holds the run to what its prediction guarantees on any machine
/// (`common::departures`), and returns it with its timeline.
async fn run(mode: Mode) -> (Recipe, Trace, Timeline) {
    let recipe = cake();
    let trace = runtime::run(recipe.clone(), mode)
        .await
        .expect("the run starts");
    hold_run(
        &format!("cake in {}", mode.id()),
        &recipe,
        mode,
        &trace,
        &predict::predict(&recipe, mode),
    );
    let timeline = Timeline::from_trace(&recipe, &trace);
    (recipe, trace, timeline)
}

/// The index in `trace` of the first event that `is` picks.
fn first(trace: &Trace, is: impl Fn(&EventKind) -> bool) -> usize {
    trace
        .events
        .iter()
        .position(|e| is(&e.kind))
        .expect("the event was recorded")
}

#[wasm_bindgen_test]
async fn gather_bakes_the_cake_while_the_groceries_are_bought() {
    let (recipe, trace, timeline) = run(Mode::Gather).await;
    let jitter = jitter();
    let [oven] = timer_waits(&trace)[..] else {
        panic!("one timer, the oven's: {:?}", timer_waits(&trace));
    };
    assert_eq!(oven.task, CAKE);
    // No shorter than the cake's own steps: 15 minutes of dough, then a 45-minute timer.
    assert!(
        oven.due - oven.asked >= recipe.ms(45.0) - EPSILON_MS,
        "the oven was set for {} ms",
        oven.due - oven.asked
    );
    assert!(
        timeline.end >= recipe.ms(60.0) - jitter - EPSILON_MS,
        "gather took {} min",
        recipe.units(timeline.end)
    );

    // Groceries start running only once the cake waits in the oven: their first poll comes after
    // the oven's timer was armed, and after the dough's 15 minutes on the one thread.
    let armed = first(&trace, |k| {
        matches!(k, EventKind::TimerArmed { task: CAKE, .. })
    });
    let polled = first(&trace, |k| {
        matches!(k, EventKind::PollStart { task: GROCERIES })
    });
    assert!(
        armed < polled,
        "groceries were polled (event {polled}) before the oven was set (event {armed})"
    );
    let shopping = timeline.lanes[GROCERIES]
        .segments
        .iter()
        .find(|s| s.state == State::Running)
        .expect("groceries ran");
    assert!(
        shopping.start >= recipe.ms(15.0) - EPSILON_MS,
        "groceries started at {} min",
        recipe.units(shopping.start)
    );

    // The cake waits on its timer while the groceries are bought: the shopping lies inside the
    // oven's wait (whose timer can only fire once the thread is free).
    let [buying] = busy_waits(&recipe, &trace)
        .into_iter()
        .filter(|b| b.span.task == GROCERIES)
        .collect::<Vec<_>>()[..]
    else {
        panic!("one busy-wait of the groceries'");
    };
    let fired = oven.fired.expect("the oven's timer fired");
    assert!(
        oven.armed <= buying.span.start && buying.span.end <= fired,
        "groceries bought {:?}, the oven waited {}–{fired} ms",
        buying.span,
        oven.armed
    );
    // The cake is shown waiting from the poll that set the oven up to the oven's deadline, never
    // beyond (a timer that fires late leaves the task ready from its deadline, not waiting).
    let set = holds(&trace)
        .into_iter()
        .find(|h| h.task == CAKE)
        .expect("the cake was polled");
    let waited: f64 = timeline.lanes[CAKE]
        .segments
        .iter()
        .filter(|s| s.state == State::Waiting)
        .map(|s| s.end - s.start)
        .sum();
    let oven_time = oven.due - set.end;
    assert!(
        waited <= oven_time + EPSILON_MS && waited >= oven_time - jitter - EPSILON_MS,
        "the cake waited {waited} ms in an oven due {oven_time} ms after it was set"
    );
}

#[wasm_bindgen_test]
async fn blocking_never_lets_go_of_the_thread() {
    let (recipe, trace, timeline) = run(Mode::Blocking).await;
    // Every step is a busy-wait, one after another: 80 minutes on the thread at least.
    let totals = timeline.totals();
    assert!(
        totals.busy >= recipe.ms(80.0) - EPSILON_MS,
        "busy {} min",
        recipe.units(totals.busy)
    );
    // Nothing was scheduled, polled or timed: the tasks were plain calls, and no frame was drawn
    // from the first one's start to the last one's end.
    let scheduled: Vec<_> = trace
        .events
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                EventKind::TaskStart {
                    how: async_kitchen::model::Start::Scheduled,
                    ..
                } | EventKind::PollStart { .. }
                    | EventKind::TimerArmed { .. }
            )
        })
        .collect();
    assert!(scheduled.is_empty(), "{scheduled:?}");
    assert_frozen("cake blocking", &recipe, &trace);
    // The oven step is a busy-wait: blocked, not waiting.
    assert!(
        timeline.lanes[CAKE]
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
    let (recipe, trace, _) = run(Mode::Blocking).await;
    let held = assert_frozen("cake blocking", &recipe, &trace);
    assert!(
        held >= recipe.ms(80.0) - EPSILON_MS,
        "the thread was held {held} ms without a break"
    );
}
