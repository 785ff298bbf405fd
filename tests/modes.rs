//! Browser tests: every mode runs for real and lands near its prediction; runs can be cancelled and
//! are refused when they must be. Real timers, wide tolerances.
#![cfg(target_arch = "wasm32")]

mod common;

use async_kitchen::model::{Action, EventKind, Mode, Recipe, Step, Task, Unit};
use async_kitchen::runtime::{self, RunError};
use common::{assert_near, measure, sleep};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Five copies of one wait of 100 ms: the five downloads, in milliseconds.
fn five_waits() -> Recipe {
    Recipe {
        title: "five waits".into(),
        story: String::new(),
        unit: Unit::Ms,
        scale_ms: 1.0,
        tasks: vec![Task {
            name: "download".into(),
            copies: 5,
            steps: vec![
                Step::new(Action::Print("start".into())),
                Step::new(Action::Wait(100)),
            ],
        }],
        helpers: Vec::new(),
        exercises: Vec::new(),
    }
}

#[wasm_bindgen_test]
async fn every_mode_lands_near_its_prediction() {
    let recipe = five_waits();
    for (mode, expect) in [
        (Mode::Blocking, 500.0),
        (Mode::Sequential, 500.0),
        (Mode::Gather, 100.0),
        (Mode::Spawn, 100.0),
        (Mode::BlockingInAsync, 500.0),
        (Mode::NeverAwaited, 0.0),
    ] {
        let (measured, predicted) = measure(&recipe, mode).await;
        assert_eq!(predicted.end, expect, "{mode:?} prediction");
        assert_near(mode.id(), measured.end, predicted.end, 0.25, 30.0);
        assert_eq!(
            measured.console.len(),
            predicted.console.len(),
            "{mode:?} prints"
        );
    }
}

#[wasm_bindgen_test]
async fn never_awaited_runs_no_step_at_all() {
    let trace = runtime::run(five_waits(), Mode::NeverAwaited)
        .await
        .unwrap();
    let ran = trace.events.iter().any(|e| {
        matches!(
            e.kind,
            EventKind::StepStart { .. }
                | EventKind::PollStart { .. }
                | EventKind::TimerArmed { .. }
        )
    });
    assert!(
        !ran,
        "a future that is never awaited must not run: {:?}",
        trace.events
    );
    assert!(trace.end < 5.0, "took {} ms", trace.end);
}

#[wasm_bindgen_test]
async fn the_heartbeat_stops_for_a_blocking_run_and_keeps_going_for_waits() {
    let recipe = five_waits();
    let (blocking, _) = measure(&recipe, Mode::Blocking).await;
    let freeze = blocking
        .totals()
        .longest_freeze
        .expect("frames were recorded");
    assert!(
        freeze >= 450.0,
        "blocking run of {} ms froze for only {freeze} ms",
        blocking.end
    );

    // Waits leave the thread free, so the page keeps drawing: no gap much longer than a few frames.
    let mut waits = recipe.clone();
    waits.tasks[0].copies = 3;
    waits.tasks[0].steps = vec![Step::new(Action::Wait(300))];
    let (gather, _) = measure(&waits, Mode::Gather).await;
    let gap = gather
        .totals()
        .longest_freeze
        .expect("frames were recorded");
    assert!(
        gap < 80.0,
        "a gather of waits left a {gap} ms gap between frames"
    );
}

#[wasm_bindgen_test]
async fn cancel_drops_the_futures_and_clears_their_timers() {
    for mode in [Mode::Gather, Mode::Spawn, Mode::Sequential] {
        let mut recipe = five_waits();
        recipe.tasks[0]
            .steps
            .push(Step::new(Action::Print("after".into())));
        let run = runtime::start(recipe, mode).unwrap();
        let handle = run.handle.clone();
        wasm_bindgen_futures::spawn_local(async move {
            sleep(60).await;
            handle.cancel();
        });
        let trace = run.finished.await;
        assert!(trace.cancelled, "{mode:?}");
        assert!(trace.end < 100.0, "{mode:?} cancelled at {} ms", trace.end);
        // Aborted spawned tasks drop their futures when next polled, a moment later; the waits were
        // due at 100 ms, so a timeout still armed after this is one that cancel failed to clear.
        sleep(1).await;
        assert_eq!(
            runtime::armed_timeouts(),
            0,
            "{mode:?}: browser timeouts left armed after cancel"
        );
        let recorded = run.handle.trace().events.len();
        // Had a timer survived, it would fire by now and record its wake and the print after it.
        sleep(250).await;
        let late: Vec<_> = run.handle.trace().events.split_off(recorded);
        assert!(late.is_empty(), "{mode:?}: events after cancel: {late:?}");
        assert!(
            !trace
                .events
                .iter()
                .any(|e| matches!(&e.kind, EventKind::Print { text, .. } if text == "after")),
            "{mode:?}: a step ran after its wait was cancelled"
        );
    }
}

#[wasm_bindgen_test]
async fn a_second_run_is_refused_while_one_is_running() {
    let first = runtime::start(five_waits(), Mode::Gather).unwrap();
    assert_eq!(
        runtime::start(five_waits(), Mode::Gather).err(),
        Some(RunError::Busy)
    );
    first.handle.cancel();
    first.finished.await;
    // Once it is over, the page may run again.
    let again = runtime::start(five_waits(), Mode::NeverAwaited).expect("free again");
    again.finished.await;
}

#[wasm_bindgen_test]
async fn a_run_that_would_freeze_the_page_too_long_is_refused() {
    let mut long = five_waits();
    long.scale_ms = 100.0; // 5 × 100 ms × 100 = 50 s of blocking
    match runtime::start(long.clone(), Mode::Blocking) {
        Err(RunError::TooLong { freeze_ms }) => assert_eq!(freeze_ms, 50_000.0),
        other => panic!("expected a refusal, got {:?}", other.err()),
    }
    // The same waits done asynchronously hold the thread for no time at all, so they may run.
    let gather = runtime::start(long, Mode::Gather).expect("waits do not freeze the page");
    gather.handle.cancel();
    gather.finished.await;
}
