//! The recorder: an append-only list of timestamped facts about one run.

use std::sync::{Arc, Mutex};

use super::clock::now;
use crate::model::{Event, EventKind, Trace};

/// Appends [`Event`]s stamped with the time since the run's origin.
///
/// It is `Send + Sync` (an `Arc<Mutex<…>>`) only because a [`std::task::Waker`] must be, and wakers
/// record wakes; the page has one thread, so the lock is never contended.
#[derive(Clone, Debug)]
pub struct Recorder {
    inner: Arc<Mutex<Trace>>,
    origin: f64,
}

impl Recorder {
    /// A recorder whose time zero is now.
    pub fn new() -> Self {
        Recorder {
            inner: Arc::new(Mutex::new(Trace::default())),
            origin: now(),
        }
    }

    /// Milliseconds since this recorder's origin.
    pub fn elapsed(&self) -> f64 {
        now() - self.origin
    }

    /// Records a fact as happening now.
    pub fn record(&self, kind: EventKind) {
        let at = self.elapsed();
        self.lock().events.push(Event { at, kind });
    }

    /// Marks the run as ended now.
    pub fn finish(&self) {
        let at = self.elapsed();
        self.lock().end = at;
    }

    /// A copy of everything recorded so far.
    pub fn trace(&self) -> Trace {
        self.lock().clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Trace> {
        // A poisoned lock can only follow a panic, which already replaced the page with an error message.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Default for Recorder {
    fn default() -> Self {
        Recorder::new()
    }
}
