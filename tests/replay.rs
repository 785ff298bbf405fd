//! Browser tests: the event loop panel's reconstruction holds for real runs, not only predicted
//! ones — every lesson in every mode, run for real at a fast scale, keeps the replay's properties
//! (`model::replay::check`): every task in one place at every stop, the ready queue in the order the
//! executor really polled, and the replay agreeing with the timeline's lanes.
#![cfg(target_arch = "wasm32")]

mod common;

use async_kitchen::model::replay::check::consistent;
use async_kitchen::model::replay::{Replay, Thread};
use async_kitchen::model::{Mode, lesson, text};
use async_kitchen::runtime;
use common::{EPSILON_MS, busy_waits, fast, jitter, timer_waits};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Runs every lesson in each of `modes` for real and checks its replay.
async fn every_lesson_replays_consistently(modes: &[Mode]) {
    for lesson in lesson::all() {
        let recipe = fast(&lesson.recipe);
        for &mode in modes {
            let trace = runtime::run(recipe.clone(), mode)
                .await
                .expect("the run starts");
            if let Err(why) = consistent(&recipe, mode, &trace) {
                panic!("{} in {}: {why}", lesson.id, mode.id());
            }
        }
    }
}

// Three tests rather than one, so that each stays well inside the test runner's time limit.

#[wasm_bindgen_test]
async fn gathered_and_spawned_runs_replay_consistently() {
    every_lesson_replays_consistently(&[Mode::Gather, Mode::Spawn]).await;
}

#[wasm_bindgen_test]
async fn blocking_and_never_awaited_runs_replay_consistently() {
    every_lesson_replays_consistently(&[Mode::Blocking, Mode::NeverAwaited]).await;
}

#[wasm_bindgen_test]
async fn sequential_and_blocking_inside_async_runs_replay_consistently() {
    every_lesson_replays_consistently(&[Mode::Sequential, Mode::BlockingInAsync]).await;
}

#[wasm_bindgen_test]
async fn a_real_cake_run_shows_groceries_on_the_thread_while_the_cake_bakes() {
    let recipe = text::parse(
        "unit min\nscale 5\n\ntask cake\n  work 15\n  wait 45 \"bake\"\n\ntask groceries\n  work 20\n",
    )
    .expect("the recipe parses");
    let trace = runtime::run(recipe.clone(), Mode::Gather)
        .await
        .expect("the run starts");
    let replay = Replay::new(&recipe, Mode::Gather, &trace, true);
    // Half way through the groceries' work (about 25 minutes in, or later on a busy machine), they
    // hold the thread and the cake's oven timer is armed.
    let shopping = busy_waits(&recipe, &trace)
        .into_iter()
        .find(|b| b.span.task == 1)
        .expect("the groceries worked")
        .span;
    let during = replay.state(replay.seek((shopping.start + shopping.end) / 2.0), 10);
    assert!(
        matches!(during.thread, Thread::Held { task: 1, .. }),
        "{:?}",
        during.thread
    );
    let oven = &during.timers.items[0];
    assert_eq!(oven.task, 0);
    // The oven's timer is armed when the dough is done, 15 minutes in at the earliest, for 45
    // minutes (whole milliseconds at this scale: nothing to round).
    let [armed] = timer_waits(&trace)[..] else {
        panic!("one timer, the oven's");
    };
    assert_eq!(oven.due, armed.due);
    assert!(
        oven.due >= armed.asked + recipe.ms(45.0) - EPSILON_MS
            && oven.due <= armed.armed + recipe.ms(45.0) + EPSILON_MS
            && oven.due >= recipe.ms(60.0) - EPSILON_MS,
        "due {} ms, the wait asked for at {} ms",
        oven.due,
        armed.asked
    );
    // At its deadline the cake is ready (its timer due, fired or not) or already running, unless
    // the clock's rounding showed its timer firing, and the cake finishing, a moment before it.
    let fired = armed.fired.expect("the oven's timer fired");
    let at60 = replay.state(replay.seek(oven.due), 10);
    let cake_ready = at60.ready.items.iter().any(|r| r.task == 0);
    let cake_running = matches!(at60.thread, Thread::Held { task: 0, .. });
    assert!(
        cake_ready || cake_running || (fired <= oven.due && fired >= oven.due - jitter()),
        "{at60:?}"
    );
}
