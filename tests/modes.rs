//! Browser tests: every mode runs for real and keeps to what its prediction guarantees; runs can
//! be cancelled and are refused when they must be. Real timers; each run is held to what its trace
//! shows (order, overlap, who held the thread, lower bounds), never to how fast it went.
#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::Cell;
use std::rc::Rc;

use async_kitchen::model::{Action, EventKind, Mode, Recipe, Step, Task, Trace, Unit};
use async_kitchen::runtime::{self, RunError};
use common::{assert_frozen, hold_run, measure, prints, sleep, timer_waits};
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
async fn every_mode_keeps_to_what_its_prediction_guarantees() {
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
        hold_run(mode.id(), &recipe, mode, &measured, &predicted);
    }
}

/// `wait 0` between another task's yields: `await asyncio.sleep(0)` in the Python twin, which
/// CPython runs as a bare yield (`twins.txt`, "Wait 0 is a yield").
#[wasm_bindgen_test]
async fn wait_0_is_a_bare_yield_as_asyncio_sleep_0_is() {
    let print = |text: &str| Step::new(Action::Print(text.into()));
    let recipe = Recipe {
        title: "wait 0".into(),
        story: String::new(),
        unit: Unit::Ms,
        scale_ms: 1.0,
        tasks: vec![
            Task::new("zero", vec![Step::new(Action::Wait(0)), print("zero")]),
            Task::new(
                "yields",
                vec![
                    print("yields 1"),
                    Step::new(Action::Yield),
                    print("yields 2"),
                    Step::new(Action::Yield),
                    print("yields 3"),
                ],
            ),
        ],
        helpers: Vec::new(),
        exercises: Vec::new(),
    };
    for mode in [Mode::Gather, Mode::Spawn] {
        let (measured, predicted) = measure(&recipe, mode).await;
        let order = |trace| prints(trace).into_iter().map(|(_, text)| text);
        // asyncio's order: the yield puts zero back behind yields, which runs to its next yield.
        let asyncio = ["yields 1", "zero", "yields 2", "yields 3"];
        assert!(
            order(&measured).eq(asyncio),
            "{mode:?}: {:?}",
            prints(&measured)
        );
        assert!(order(&predicted).eq(asyncio), "{mode:?} prediction");
        let timers = |trace: &Trace| {
            trace
                .events
                .iter()
                .filter(|e| matches!(e.kind, EventKind::TimerArmed { .. }))
                .count()
        };
        assert_eq!(timers(&measured), 0, "{mode:?}: wait 0 armed a timer");
        hold_run(mode.id(), &recipe, mode, &measured, &predicted);
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
            EventKind::TaskStart { .. }
                | EventKind::StepStart { .. }
                | EventKind::PollStart { .. }
                | EventKind::TimerArmed { .. }
                | EventKind::Print { .. }
        )
    });
    assert!(
        !ran,
        "a future that is never awaited must not run: {:?}",
        trace.events
    );
}

#[wasm_bindgen_test]
async fn the_heartbeat_stops_for_a_blocking_run_and_keeps_going_for_waits() {
    let recipe = five_waits();
    let (blocking, _) = measure(&recipe, Mode::Blocking).await;
    // Five busy-waits of 100 ms, one after another, and no frame drawn from the first to the last.
    let held = assert_frozen("five waits blocking", &recipe, &blocking);
    assert!(
        held >= 500.0 - common::EPSILON_MS,
        "the blocking run held the thread for only {held} ms"
    );

    // Waits leave the thread free, so the page keeps drawing: a frame while all three wait.
    let mut waits = recipe.clone();
    waits.tasks[0].copies = 3;
    waits.tasks[0].steps = vec![Step::new(Action::Wait(300))];
    let (gather, predicted) = measure(&waits, Mode::Gather).await;
    hold_run(
        "three waits gathered",
        &waits,
        Mode::Gather,
        &gather,
        &predicted,
    );
    let timers = timer_waits(&gather);
    assert_eq!(timers.len(), 3, "{timers:?}");
    let from = timers.iter().map(|w| w.armed).fold(f64::MIN, f64::max);
    let to = timers
        .iter()
        .map(|w| w.fired.expect("every timer fired"))
        .fold(f64::MAX, f64::min);
    let frames = gather.frames();
    assert!(
        frames.iter().any(|&f| from < f && f < to),
        "no frame was drawn while the three tasks waited ({from}–{to} ms): {frames:?}"
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
        // How many events the run had recorded when it was cancelled. The cancel's timeout is armed
        // before the run begins (after two frames) and is shorter than the waits, and the browser
        // runs timeouts in the order they are due: it comes before any wait's timeout, however
        // late a busy machine runs both.
        let recorded = Rc::new(Cell::new(None));
        let at_cancel = Rc::clone(&recorded);
        wasm_bindgen_futures::spawn_local(async move {
            sleep(60).await;
            at_cancel.set(Some(handle.trace().events.len()));
            handle.cancel();
        });
        let trace = run.finished.await;
        assert!(trace.cancelled, "{mode:?}");
        let recorded = recorded.get().expect("the cancel came first");
        // Nothing happened in the run after the cancel, but for what the page's observers report
        // about the page itself (a long task is reported after it ends).
        let after: Vec<_> = trace.events[recorded..]
            .iter()
            .filter(|e| !matches!(e.kind, EventKind::LongTask { .. }))
            .collect();
        assert!(
            after.is_empty(),
            "{mode:?}: events after the cancel: {after:?}"
        );
        let done: Vec<_> = trace
            .events
            .iter()
            .filter(|e| {
                matches!(
                    e.kind,
                    EventKind::TaskEnd { .. }
                        | EventKind::TimerFired { .. }
                        | EventKind::Wake { .. }
                ) || matches!(&e.kind, EventKind::Print { text, .. } if text == "after")
            })
            .collect();
        assert!(
            done.is_empty(),
            "{mode:?}: a wait ended or a task finished before the cancel: {done:?}"
        );
        // Aborted spawned tasks drop their futures when next polled, which their abort asks for
        // at once: before the next timeout. A timeout still armed after this is one that cancel
        // failed to clear.
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

#[wasm_bindgen_test]
async fn the_processes_mode_is_started_on_cooks_and_start_says_so() {
    // `start` has no cooks to hand the tasks to (what does is the page's chunk of its own,
    // `start_on_cooks`): the run stops at once, saying why, and the page is free again.
    let run = runtime::start(five_waits(), Mode::Processes).expect("the run starts");
    let handle = run.handle.clone();
    let trace = run.finished.await;
    let failure = handle.failure().unwrap_or_default();
    assert!(failure.contains("start_on_cooks"), "{failure:?}");
    assert!(
        !trace
            .events
            .iter()
            .any(|e| matches!(e.kind, EventKind::TaskStart { .. })),
        "no task started"
    );
    let again = runtime::start(five_waits(), Mode::NeverAwaited).expect("free again");
    again.finished.await;
}
