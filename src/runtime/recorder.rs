//! The recorder: an append-only list of timestamped facts about one run.

use std::sync::{Arc, Mutex, MutexGuard};

use super::clock::{now, stamp};
use crate::model::{Event, EventKind, Trace};

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
}

impl Recorder {
    /// A recorder whose time zero is now, until [`Recorder::set_origin`] moves it.
    pub fn new() -> Self {
        Recorder {
            inner: Arc::new(Mutex::new(Inner {
                trace: Trace::default(),
                origin: now(),
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

    /// Marks the run as ended now, cancelled or not.
    pub fn finish(&self, cancelled: bool) {
        let mut inner = self.lock();
        inner.trace.end = now();
        inner.trace.cancelled = cancelled;
    }

    /// Everything recorded so far, with times relative to the origin; a live run's end is now.
    pub fn trace(&self) -> Trace {
        let inner = self.lock();
        let mut trace = inner.trace.clone();
        if trace.end == 0.0 {
            trace.end = now();
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
