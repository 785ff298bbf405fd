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
/// 1 in Firefox (which rounds its clock to the millisecond unless the page is cross-origin
/// isolated), 0.005 on an isolated page. Measured once per thread, on the first call, by reading the
/// clock for at most 3 ms and keeping the smallest change seen; a timer's lateness below it is the
/// clock's noise, not the event loop's.
pub fn step() -> f64 {
    thread_local! {
        static STEP: Cell<Option<f64>> = const { Cell::new(None) };
    }
    STEP.with(|cached| {
        if let Some(step) = cached.get() {
            return step;
        }
        let start = now();
        let (mut last, mut smallest, mut changes) = (start, f64::INFINITY, 0);
        while changes < 24 {
            let at = now();
            if at - start > 3.0 {
                break;
            }
            if at > last {
                smallest = smallest.min(at - last);
                changes += 1;
                last = at;
            }
        }
        // Three milliseconds without a change is a clock coarser than that.
        let step = if smallest.is_finite() { smallest } else { 3.0 };
        // Readings are floats: 0.1 may come out as 0.09999999; a hundredth of a microsecond is noise.
        let step = (step * 1e5).round() / 1e5;
        cached.set(Some(step));
        step
    })
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
