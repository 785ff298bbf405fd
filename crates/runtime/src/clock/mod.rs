//! The one clock the runtime reads, and the readings it may share.
//!
//! A traced run of 100 000 tasks records about a million facts. Reading `performance.now()` costs
//! some 45 ns from wasm, so a fresh reading per fact would more than double the run it measures,
//! while the clock only moves in steps of 100 µs (5 µs on cross-origin isolated pages). So within a
//! stretch of the runtime's own bookkeeping — one poll of a task, one timer callback, one loop that
//! schedules tasks — facts share a reading ([`Held`]), re-read every [`SHARED_USES`] facts and right
//! after every busy-wait. Between such facts the runtime does only its own bookkeeping (a few
//! hundred nanoseconds per fact), so a shared reading is at most a few microseconds old: far inside
//! the clock's own step. Anything that takes real time (a busy-wait) or returns to the event loop
//! (the end of a poll or a callback) ends the sharing.

use std::cell::Cell;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::Performance;

/// How many facts may share one reading before the clock is read again.
const SHARED_USES: u32 = 32;

thread_local! {
    /// The global `performance` object, looked up once: every recorded event reads the clock, and
    /// looking it up each time would triple the cost of tracing. Read from the global scope rather
    /// than from `window`, so that a cook (a Web Worker, which has no window) reads its own.
    static PERFORMANCE: Option<Performance> =
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
            .ok()
            .and_then(|p| p.dyn_into::<Performance>().ok());
    /// The shared reading and how many facts have used it, while a [`Held`] stretch lasts.
    static HELD: Cell<Option<(f64, u32)>> = const { Cell::new(None) };
}

/// Milliseconds since the page loaded, from `performance.now()`: always a fresh reading.
///
/// Its resolution is what the browser allows: 100 µs normally, 5 µs on cross-origin isolated pages.
pub fn now() -> f64 {
    // A page without a performance object cannot run anything we measure; falling back to Date keeps
    // the runtime alive in odd embeddings instead of panicking.
    PERFORMANCE.with(|p| p.as_ref().map_or_else(js_sys::Date::now, Performance::now))
}

/// The smallest step this page's `performance.now()` moves by, in milliseconds: 0.1 in Chromium,
/// 1 in Firefox and WebKit (which round their clocks to the millisecond unless the page is
/// cross-origin isolated), 0.005 on an isolated page. Measured once per thread, on the first call
/// ([`smallest_step`]); a timer's lateness below it is the clock's noise, not the event loop's.
pub fn step() -> f64 {
    thread_local! {
        static STEP: Cell<Option<f64>> = const { Cell::new(None) };
    }
    STEP.with(|cached| {
        if let Some(step) = cached.get() {
            return step;
        }
        let step = smallest_step(now);
        cached.set(Some(step));
        step
    })
}

/// How many changes of the clock [`smallest_step`] looks at.
const STEP_CHANGES: u32 = 8;

/// The longest [`smallest_step`] reads the clock, in milliseconds: also the step it states for a
/// clock that does not move in that time.
const STEP_LOOK_MS: f64 = 50.0;

/// The smallest change among the first [`STEP_CHANGES`] changes of the clock `read`, read for at
/// most [`STEP_LOOK_MS`], rounded to a hundredth of a microsecond.
///
/// A pause of the thread (the browser's own work, another process on the core) can only make a
/// change look longer, never shorter, so the smallest of several changes is the step. Three
/// milliseconds of reading, which see at most three ticks of a millisecond clock, were too few: in
/// WebKit, 4 of 20 fresh loads stated a step of 2 or 3 ms for its 1 ms clock (6 of 20 in an earlier
/// count), and 20 of 20 stated 1 ms with eight changes. Eight changes take 8 ms of a millisecond
/// clock and under a millisecond of Chromium's, once per page.
fn smallest_step(mut read: impl FnMut() -> f64) -> f64 {
    let start = read();
    let (mut last, mut smallest, mut changes) = (start, f64::INFINITY, 0);
    while changes < STEP_CHANGES {
        let at = read();
        if at - start > STEP_LOOK_MS {
            break;
        }
        if at > last {
            smallest = smallest.min(at - last);
            changes += 1;
            last = at;
        }
    }
    // A clock that did not move in the whole look is at least that coarse.
    let step = if smallest.is_finite() {
        smallest
    } else {
        STEP_LOOK_MS
    };
    // Readings are floats: 0.1 may come out as 0.09999999; a hundredth of a microsecond is noise.
    (step * 1e5).round() / 1e5
}

/// When this thread's clock began, on the wall clock (`performance.timeOrigin`), in milliseconds:
/// a cook's readings plus its origin, minus the page's, are the page's readings.
pub fn origin() -> f64 {
    PERFORMANCE.with(|p| p.as_ref().map_or(0.0, Performance::time_origin))
}

/// The time to stamp a fact with: the shared reading inside a [`Held`] stretch (read afresh every
/// [`SHARED_USES`] facts), else a fresh reading.
pub fn stamp() -> f64 {
    HELD.with(|held| match held.get() {
        Some((at, uses)) if uses < SHARED_USES => {
            held.set(Some((at, uses + 1)));
            at
        }
        Some(_) => {
            let at = now();
            held.set(Some((at, 1)));
            at
        }
        None => now(),
    })
}

/// Tells the clock that `at` was just read (the last reading of a busy-wait): inside a [`Held`]
/// stretch it becomes the shared reading, so nothing after a busy-wait is stamped before it ended.
pub fn fresh(at: f64) {
    HELD.with(|held| {
        if held.get().is_some() {
            held.set(Some((at, 0)));
        }
    });
}

/// A stretch of bookkeeping whose facts share clock readings; dropping the stretch that started the
/// sharing ends it.
pub struct Held {
    /// Whether this stretch started the sharing (rather than joining one already under way).
    owner: bool,
}

impl Held {
    /// Reads the clock and starts sharing that reading; returns the stretch and the reading.
    pub fn start() -> (Held, f64) {
        let at = now();
        HELD.with(|held| held.set(Some((at, 0))));
        (Held { owner: true }, at)
    }

    /// Joins the stretch under way, if any (a task polled by `join_all` inside the gather's own
    /// stretch), else starts one. Returns the stretch and the time to stamp its first fact with.
    pub fn join() -> (Held, f64) {
        if HELD.with(Cell::get).is_some() {
            (Held { owner: false }, stamp())
        } else {
            Held::start()
        }
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        if self.owner {
            HELD.with(|held| held.set(None));
        }
    }
}

#[cfg(test)]
mod tests;
