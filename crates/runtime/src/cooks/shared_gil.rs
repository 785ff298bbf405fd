//! The GIL as a lock in the threads' shared memory, where the page is cross-origin isolated: four
//! 32-bit words of a `SharedArrayBuffer` that every thread of the run reads and writes with
//! `Atomics`, so that a hand-over goes from one worker to the next without the page's thread.
//!
//! Shared memory is what CPython's own GIL lives in, and it makes a hand-over cheap (a
//! `notify` wakes the waiter in tens of microseconds, against two messages through the page); but a
//! page gets a `SharedArrayBuffer` only when it is cross-origin isolated (`Cross-Origin-Opener-
//! Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`), which `trunk serve`
//! sends and most static hosts do not. Elsewhere the page keeps the lock (`threads`).
//!
//! The rule is the page's lock's, which is CPython's since 3.2: the threads that ask take it in
//! the order they asked (a ticket lock: [`NEXT`] is the next ticket, [`SERVING`] the holder's); a
//! waiter that has waited a switch interval with no change of hands asks the holder to drop it
//! ([`DROP`] names the take it asks to end, so that a request that comes too late, after the
//! holder let go, asks nobody); the holder looks at that word between slices of its work.
//!
//! This module owns the words and what a thread does with them; `thread` decides when.

use js_sys::{Atomics, Int32Array, Reflect, SharedArrayBuffer};
use wasm_bindgen::{JsCast, JsValue};

use crate::clock;

/// The next ticket to be drawn by a thread that asks for the GIL.
const NEXT: u32 = 0;
/// The ticket that holds the GIL, or may take it now.
const SERVING: u32 = 1;
/// How many times the GIL has been taken: a take's number, which a drop request names.
const TAKES: u32 = 2;
/// The number of the take asked to drop the GIL (0: none yet).
const DROP: u32 = 3;

/// The lock's words, for the page to send to every thread of a run: `None` where the page is not
/// cross-origin isolated (no `SharedArrayBuffer` can be shared with the workers there), or has no
/// shared memory all the same: WebKitGTK's MiniBrowser says it is isolated and defines neither
/// `SharedArrayBuffer` nor a way to make one (seen here), and constructing it would throw.
pub(super) fn new_lock() -> Option<Int32Array> {
    let global = js_sys::global();
    let has = |name: &str| {
        Reflect::get(&global, &JsValue::from_str(name)).is_ok_and(|v| !v.is_undefined())
    };
    let isolated = Reflect::get(&global, &JsValue::from_str("crossOriginIsolated"))
        .ok()?
        .as_bool()?;
    if !isolated || !has("SharedArrayBuffer") || !has("Atomics") {
        return None;
    }
    let buffer = SharedArrayBuffer::new(16);
    Some(Int32Array::new(&buffer))
}

/// The lock's words as a thread received them in its task's message, if they are.
pub(super) fn from_message(value: JsValue) -> Option<SharedGil> {
    let words = value.dyn_into::<Int32Array>().ok()?;
    Some(SharedGil {
        words,
        ticket: 0,
        since: (0.0, 0),
        take: 0,
    })
}

/// One thread's handle on the shared lock.
pub(super) struct SharedGil {
    words: Int32Array,
    /// The ticket this thread drew when it last asked.
    ticket: i32,
    /// Since when this thread has waited with no change of hands, and the takes' count then.
    since: (f64, i32),
    /// The number of this thread's current take, while it holds the GIL; 0 while it does not.
    take: i32,
}

impl SharedGil {
    fn load(&self, word: u32) -> i32 {
        Atomics::load(&self.words, word).unwrap_or(0)
    }

    /// Asks for the GIL: draws this thread's ticket, behind the threads already waiting.
    pub(super) fn ask(&mut self) {
        self.ticket = Atomics::add(&self.words, NEXT, 1).unwrap_or(0);
        self.since = (clock::now(), self.load(TAKES));
    }

    /// Waits for this thread's turn, blocking the worker, at most until its switch interval
    /// (`switch_ms`) runs out; then, if nobody took the GIL meanwhile, asks the holder to drop it.
    /// Returns whether the thread now holds the GIL. The worker's own loop waits meanwhile, so
    /// the caller gives it a turn between two calls now and then.
    pub(super) fn wait(&mut self, switch_ms: f64) -> bool {
        loop {
            let serving = self.load(SERVING);
            if serving == self.ticket {
                self.take = Atomics::add(&self.words, TAKES, 1).unwrap_or(0) + 1;
                return true;
            }
            let now = clock::now();
            let left = self.since.0 + switch_ms - now;
            if left <= 0.0 {
                let takes = self.load(TAKES);
                if takes == self.since.1 {
                    // Nobody took the GIL for a whole interval: its holder is asked to drop it.
                    let _ = Atomics::store(&self.words, DROP, takes);
                }
                self.since = (now, takes);
                return false;
            }
            // Woken by a release, or at the interval's end; either way, look again.
            let _ = Atomics::wait_with_timeout(&self.words, SERVING, serving, left);
        }
    }

    /// Whether a waiter has asked this thread to drop the GIL since it took it.
    pub(super) fn drop_asked(&self) -> bool {
        self.take != 0 && self.load(DROP) == self.take
    }

    /// Lets the GIL go to the next ticket, waking the threads that wait for it.
    pub(super) fn release(&mut self) {
        self.take = 0;
        let _ = Atomics::add(&self.words, SERVING, 1);
        let _ = Atomics::notify(&self.words, SERVING);
    }
}
