//! Browser tests of the timer queue: sleeps due together share one browser timeout, none wakes before
//! its time (beyond `setTimeout`'s own half-millisecond rounding), and cancelled sleeps leave no
//! timeout behind.
#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use async_kitchen::runtime::{self, Recorder, Sleep, armed_timeouts, timeouts_created};
use futures::FutureExt;
use futures::future::join_all;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// A sleep of `ms` that notes, in `log`, its length, when it was first polled and when it ended.
async fn logged(ms: f64, log: Rc<RefCell<Vec<(f64, f64, f64)>>>) {
    let start = runtime::now();
    Sleep::new(ms, 0, Recorder::untraced()).await;
    log.borrow_mut().push((ms, start, runtime::now()));
}

#[wasm_bindgen_test]
async fn a_thousand_sleeps_due_together_share_a_few_timeouts_and_none_wakes_early() {
    let log = Rc::default();
    let before = timeouts_created();
    join_all((0..1000).map(|_| logged(50.0, Rc::clone(&log)))).await;
    let timeouts = timeouts_created() - before;
    // Polling a thousand futures takes a few milliseconds in a debug build; a timeout is shared by
    // every sleep due within half a millisecond of it, so there are a handful, not a thousand.
    assert!(timeouts <= 50, "{timeouts} timeouts for 1000 sleeps");
    for &(ms, start, end) in log.borrow().iter() {
        // Half a millisecond of rounding, plus the clock's 0.1 ms resolution.
        assert!(
            end - start >= ms - 0.6,
            "a {ms} ms sleep ended after {} ms",
            end - start
        );
        assert!(
            end - start <= ms + 100.0,
            "a {ms} ms sleep ended after {} ms",
            end - start
        );
    }
    assert_eq!(armed_timeouts(), 0);
}

#[wasm_bindgen_test]
async fn sleeps_due_at_different_times_get_their_own_timeouts_and_end_in_order() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let before = timeouts_created();
    join_all([30.0, 10.0, 20.0, 10.0].map(|ms| logged(ms, Rc::clone(&log)))).await;
    // Three distinct deadlines, never shared. The two 10 ms sleeps share one unless a debug build on
    // a busy machine takes over half a millisecond between their polls, so three or four in all.
    let timeouts = timeouts_created() - before;
    assert!((3..=4).contains(&timeouts), "{timeouts} timeouts");
    let order: Vec<f64> = log.borrow().iter().map(|&(ms, _, _)| ms).collect();
    assert_eq!(order, [10.0, 10.0, 20.0, 30.0]);
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
