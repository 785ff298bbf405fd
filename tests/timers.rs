//! Browser tests of the timer queue: sleeps due together share one browser timeout, none wakes before
//! its time (beyond `setTimeout`'s own half-millisecond rounding), cancelled sleeps leave no timeout
//! behind, and a run's lull waits for its timers due soon. Each sleep is recorded as a run's wait is
//! (its step's start, its timer armed and fired, its step's end), and held to what that trace
//! shows: never to how late a busy machine let it end.
#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use async_kitchen::model::{
    Action, Activity, EventKind, Mode, Recipe, Routine, Step, StepId, Task, Trace, Unit,
};
use async_kitchen::runtime::{
    self, Recorder, Sleep, armed_timeouts, next_timer_due, timeouts_created,
};
use common::{EPSILON_MS, ROUNDING_MS, TimerWait, jitter, timer_waits};
use futures::FutureExt;
use futures::future::join_all;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The step every recorded sleep stands for.
const WAIT: StepId = StepId {
    routine: Routine::Task(0),
    index: 0,
};

/// A sleep of `ms` on behalf of `task`, recorded by `recorder` as `interpret` records a `wait`: the
/// step's start, the timer armed and fired, the step's end. `ended` notes the order sleeps end in.
async fn recorded(ms: f64, task: usize, recorder: Recorder, ended: Rc<RefCell<Vec<usize>>>) {
    recorder.record(EventKind::StepStart {
        task,
        step: WAIT,
        activity: Activity::Await,
    });
    Sleep::new(ms, task, recorder.clone()).await;
    recorder.record(EventKind::StepEnd { task, step: WAIT });
    ended.borrow_mut().push(task);
}

/// Runs sleeps of `lengths` together (task `i` sleeps `lengths[i]`); returns their trace, the
/// timers they armed (by task), the order they ended in, and how many browser timeouts were made.
async fn sleep_together(lengths: &[f64]) -> (Trace, Vec<TimerWait>, Vec<usize>, usize) {
    let recorder = Recorder::new();
    let ended = Rc::default();
    let before = timeouts_created();
    join_all(
        lengths
            .iter()
            .enumerate()
            .map(|(task, &ms)| recorded(ms, task, recorder.clone(), Rc::clone(&ended))),
    )
    .await;
    let created = (timeouts_created() - before) as usize;
    let trace = recorder.trace();
    let mut timers = timer_waits(&trace);
    timers.sort_by_key(|w| w.task);
    assert_eq!(timers.len(), lengths.len(), "one timer per sleep");
    let ended = ended.take();
    (trace, timers, ended, created)
}

/// What every sleep of `lengths` must show: armed for its own deadline to `setTimeout`'s rounding
/// (so that a shared timeout is one due within half a millisecond of it), fired no earlier than
/// due, ended no earlier than its length; one browser timeout per distinct deadline, no two of them
/// within half a millisecond (a sleep joins a timeout that close); and ends in the order of the
/// deadlines, each sleep before any later timeout fired.
fn hold_sleeps(
    lengths: &[f64],
    trace: &Trace,
    timers: &[TimerWait],
    ended: &[usize],
    created: usize,
) {
    let jitter = jitter();
    for (w, &ms) in timers.iter().zip(lengths) {
        // The sleep read its start between its step's start and its armed event.
        assert!(
            w.due >= w.asked + ms - ROUNDING_MS - EPSILON_MS
                && w.due <= w.armed + ms + ROUNDING_MS + EPSILON_MS,
            "a {ms} ms sleep asked for at {} and armed at {} was due at {}",
            w.asked,
            w.armed,
            w.due
        );
        let fired = w.fired.expect("every timer fired");
        assert!(
            fired >= w.due - jitter,
            "a timer due at {} fired at {fired}",
            w.due
        );
        let ended = w.ended.expect("every sleep ended");
        assert!(
            ended >= fired && ended - w.asked >= ms - ROUNDING_MS - jitter,
            "a {ms} ms sleep asked for at {} ended at {ended}, its timer fired at {fired}",
            w.asked
        );
    }
    let mut dues: Vec<f64> = timers.iter().map(|w| w.due).collect();
    dues.sort_by(f64::total_cmp);
    // The first sleep on a timeout reads its deadline from the clock, those that join it from the
    // queue's key, kept in whole microseconds: the same deadline, a fraction of a microsecond apart.
    dues.dedup_by(|later, kept| *later - *kept < EPSILON_MS);
    assert_eq!(
        created,
        dues.len(),
        "timeouts made for the distinct deadlines {dues:?}"
    );
    for pair in dues.windows(2) {
        assert!(
            pair[1] - pair[0] > ROUNDING_MS - EPSILON_MS,
            "two timeouts due within half a millisecond: {pair:?}"
        );
    }
    // Ends in the order of the deadlines (sleeps sharing a timeout in either order).
    let order: Vec<f64> = ended.iter().map(|&t| timers[t].due).collect();
    assert!(
        order.windows(2).all(|p| p[0] <= p[1] + EPSILON_MS),
        "sleeps ended out of the order of their deadlines: {order:?}"
    );
    // Each sleep ends as soon as its own timeout fires: before the next timeout's callback runs.
    let mut latest_fired = f64::MIN;
    for e in &trace.events {
        match e.kind {
            EventKind::TimerFired { task } => latest_fired = latest_fired.max(timers[task].due),
            EventKind::StepEnd { task, .. } => assert!(
                latest_fired <= timers[task].due + EPSILON_MS,
                "a sleep due at {} ended after the timeout due at {latest_fired} fired",
                timers[task].due
            ),
            _ => {}
        }
    }
    assert_eq!(armed_timeouts(), 0);
}

#[wasm_bindgen_test]
async fn a_thousand_sleeps_due_together_share_a_few_timeouts_and_none_wakes_early() {
    let lengths = [50.0; 1000];
    let (trace, timers, ended, created) = sleep_together(&lengths).await;
    hold_sleeps(&lengths, &trace, &timers, &ended, created);
}

#[wasm_bindgen_test]
async fn sleeps_due_at_different_times_get_their_own_timeouts_and_end_in_order() {
    let lengths = [30.0, 10.0, 20.0, 10.0];
    let (trace, timers, ended, created) = sleep_together(&lengths).await;
    hold_sleeps(&lengths, &trace, &timers, &ended, created);
}

#[wasm_bindgen_test]
async fn a_cancelled_sleep_leaves_its_partners_and_the_last_one_clears_the_timeout() {
    let recorder = Recorder::untraced();
    let mut first = Sleep::new(20.0, 0, recorder.clone());
    let mut second = Sleep::new(20.0, 1, recorder);
    // One poll each arms them; both join the same timeout.
    assert!((&mut first).now_or_never().is_none());
    assert!((&mut second).now_or_never().is_none());
    assert_eq!(armed_timeouts(), 1);
    drop(first);
    assert_eq!(
        armed_timeouts(),
        1,
        "the second sleep still needs the timeout"
    );
    let start = runtime::now();
    second.await;
    assert!(
        runtime::now() - start >= 10.0,
        "the second sleep still waited"
    );
    assert_eq!(armed_timeouts(), 0);

    let mut lone = Sleep::new(1000.0, 0, Recorder::untraced());
    assert!((&mut lone).now_or_never().is_none());
    assert_eq!(armed_timeouts(), 1);
    drop(lone);
    assert_eq!(
        armed_timeouts(),
        0,
        "dropping the last sleep clears the timeout"
    );
    // Had the timeout survived, firing it now would find no slot and do nothing; wait past it anyway.
    common::sleep(30).await;
}

/// One task that waits `ms[0]`, then `ms[1]`, …, in milliseconds.
fn waits(ms: &[u32]) -> Recipe {
    Recipe {
        title: "waits".into(),
        story: String::new(),
        unit: Unit::Ms,
        scale_ms: 1.0,
        tasks: vec![Task {
            name: "timer".into(),
            copies: 1,
            steps: ms.iter().map(|&n| Step::new(Action::Wait(n))).collect(),
        }],
        helpers: Vec::new(),
        exercises: Vec::new(),
    }
}

/// How far ahead of the run's next timer a lull leaves the page free, and the longest it waits
/// (`RunHandle::lull`).
const LULL_MS: f64 = 50.0;
const LULL_LIMIT_MS: f64 = 150.0;

#[wasm_bindgen_test]
async fn a_lull_waits_for_the_timers_due_soon_or_for_its_limit() {
    let jitter = jitter();
    // A first wait due inside the lull's window and a long one after it; then waits that keep
    // coming every 10 ms, so that only the limit ends the lull.
    for (recipe, only_the_limit) in [(waits(&[30, 2000]), false), (waits(&[10; 100]), true)] {
        let what = format!("{} waits", recipe.tasks[0].steps.len());
        let run = runtime::start(recipe, Mode::Gather).expect("the run starts");
        let handle = run.handle.clone();
        let (done, finished) = futures::channel::oneshot::channel();
        wasm_bindgen_futures::spawn_local(async move {
            let _ = done.send(run.finished.await);
        });
        // The run arms its first timer once the page has drawn two frames.
        let mut armed = 0;
        while armed == 0 && !handle.is_over() {
            common::sleep(1).await;
            armed = timer_waits(&handle.trace()).len();
        }
        // The run has one task, so one timer armed at a time: the last one armed so far.
        let soon = next_timer_due();
        let start = runtime::now();
        handle.lull().await;
        let elapsed = runtime::now() - start;
        let next = next_timer_due();
        let timers = timer_waits(&handle.trace());

        // Judged once the run is cancelled, so that a failure leaves no run or timeout behind.
        let limited = elapsed >= LULL_LIMIT_MS - jitter;
        let mut wrong = Vec::new();
        if !limited {
            // It returned before its limit: no timer of the run was due within its window.
            if next.is_some_and(|due| due <= start + LULL_MS) {
                wrong.push(format!(
                    "returned after {elapsed} ms with a timer due {} ms after it began",
                    next.map_or(f64::NAN, |due| due - start)
                ));
            }
            // The timer due within the window when it began has fired, and its task was polled
            // on: the wait's step ended before the lull returned.
            let waited = timers.get(armed - 1).copied();
            if soon.is_some_and(|due| due <= start + LULL_MS)
                && waited.is_none_or(|w| w.fired.is_none() || w.ended.is_none())
            {
                wrong.push(format!(
                    "returned after {elapsed} ms, before the timer due {} ms after it began \
                     had fired and its task resumed: {waited:?}",
                    soon.map_or(f64::NAN, |due| due - start)
                ));
            }
        }
        // With a timer always due within 10 ms, only the limit can end the lull.
        if only_the_limit && !limited {
            wrong.push(format!(
                "returned after {elapsed} ms, before its limit, with timers due every 10 ms"
            ));
        }

        handle.cancel();
        let trace = finished.await.expect("the run ended");
        assert!(trace.cancelled, "{what}");
        assert_eq!(armed_timeouts(), 0, "{what}: timeouts left armed");
        assert_eq!(next_timer_due(), None, "{what}");
        assert!(wrong.is_empty(), "{what}: the lull {}", wrong.join("; "));
    }
}
