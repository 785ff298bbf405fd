//! The recorder: an append-only list of timestamped facts about one run.

use std::sync::{Arc, Mutex, MutexGuard};

use super::clock::{now, stamp};
use kitchen_model::{Event, EventKind, Trace};

/// Appends [`Event`]s stamped with `performance.now()`, and hands them out relative to the run's origin.
///
/// Times are stored as the clock gives them and shifted only when read, so that events recorded
/// before time zero (the frames just before a run) and the timer deadlines share one clock. It is
/// `Send + Sync` (an `Arc<Mutex<…>>`) only because a [`std::task::Waker`] must be, and wakers record
/// wakes; the page has one thread, so the lock is never contended.
#[derive(Clone, Debug)]
pub struct Recorder {
    inner: Arc<Mutex<Inner>>,
    /// Whether events are kept; an untraced run only measures its start and end.
    enabled: bool,
}

#[derive(Debug)]
struct Inner {
    trace: Trace,
    origin: f64,
    /// Why the run could not go on, if something failed.
    failure: Option<String>,
    /// Whether facts arrive out of time order (a processes run's cooks report in batches), so that
    /// the trace is put in time order when read.
    merged: bool,
}

impl Recorder {
    /// A recorder whose time zero is now, until [`Recorder::set_origin`] moves it.
    pub fn new() -> Self {
        Recorder {
            inner: Arc::new(Mutex::new(Inner {
                trace: Trace::default(),
                origin: now(),
                failure: None,
                merged: false,
            })),
            enabled: true,
        }
    }

    /// A recorder that keeps no events, only the run's origin and end: what tracing costs is
    /// measured by comparing runs with and without it.
    pub fn untraced() -> Self {
        Recorder {
            enabled: false,
            ..Recorder::new()
        }
    }

    /// Whether this recorder keeps events.
    pub fn is_tracing(&self) -> bool {
        self.enabled
    }

    /// Makes now the run's time zero.
    pub fn set_origin(&self) {
        self.lock().origin = now();
    }

    /// Records a fact as happening now (a shared reading, inside a [`Held`](super::clock::Held)
    /// stretch).
    pub fn record(&self, kind: EventKind) {
        // An untraced run must not even read the clock: its cost is what tracing is measured against.
        if self.enabled {
            self.record_at(stamp(), kind);
        }
    }

    /// Records a fact that happened at `at` on the `performance.now()` clock.
    pub fn record_at(&self, at: f64, kind: EventKind) {
        if !self.enabled {
            return;
        }
        self.lock().trace.events.push(Event { at, kind });
    }

    /// Records facts that happened elsewhere (on a cook), already on the page's clock; they may be
    /// older than facts recorded before them, and the trace is put in time order when read.
    pub fn record_all(&self, events: Vec<Event>) {
        if !self.enabled {
            return;
        }
        let mut inner = self.lock();
        inner.merged = true;
        inner.trace.events.extend(events);
    }

    /// Takes every fact recorded so far, on this thread's clock (not shifted to the origin): what a
    /// cook sends back to the page.
    pub fn drain(&self) -> Vec<Event> {
        std::mem::take(&mut self.lock().trace.events)
    }

    /// Says why the run could not go on.
    pub fn fail(&self, why: String) {
        self.lock().failure = Some(why);
    }

    /// Why the run could not go on, if it failed.
    pub fn failure(&self) -> Option<String> {
        self.lock().failure.clone()
    }

    /// Marks the run as ended now, cancelled or not.
    pub fn finish(&self, cancelled: bool) {
        let mut inner = self.lock();
        inner.trace.end = now();
        inner.trace.cancelled = cancelled;
    }

    /// Whether the run has ended ([`Recorder::finish`]), finished, failed or cancelled.
    pub fn is_finished(&self) -> bool {
        // The same test as `trace`'s: a run that has not ended has no end yet.
        self.lock().trace.end != 0.0
    }

    /// Everything recorded so far, with times relative to the origin; a live run's end is now.
    pub fn trace(&self) -> Trace {
        let inner = self.lock();
        let mut trace = inner.trace.clone();
        if trace.end == 0.0 {
            trace.end = now();
        }
        if inner.merged {
            // Stable: each thread's facts keep their own order, however they interleave.
            kitchen_model::trace::in_time_order(&mut trace.events);
        }
        trace.rebased(inner.origin)
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A poisoned lock can only follow a panic, which already replaced the page with an error message.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Default for Recorder {
    fn default() -> Self {
        Recorder::new()
    }
}
