//! A future wrapper that records every poll of a task, and the task's end.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::future::LocalBoxFuture;

use super::clock::Held;
use super::recorder::Recorder;
use kitchen_model::EventKind;

/// A task's future, observed: each poll is recorded with its outcome, and the task's end. With an
/// untraced recorder it only passes polls through.
///
/// Wakes are recorded where they come from, not by wrapping the executor's waker: a task runs only
/// the steps of [`interpret`](super::interpret), whose futures are woken by nothing but their timer
/// ([`timer_queue`](super::timer_queue)) or their own yield ([`YieldNow`](super::yield_now::YieldNow)),
/// and both record the wake. A recording waker per task cost a sixth of a traced 100 000-task run;
/// a new kind of await in `interpret` must record its wakes the same way.
pub struct Traced<'a> {
    task: usize,
    recorder: Recorder,
    inner: LocalBoxFuture<'a, ()>,
}

impl<'a> Traced<'a> {
    /// Wraps the future of `task`.
    pub fn new(task: usize, recorder: Recorder, inner: LocalBoxFuture<'a, ()>) -> Self {
        Traced {
            task,
            recorder,
            inner,
        }
    }
}

impl Future for Traced<'_> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if !self.recorder.is_tracing() {
            return self.inner.as_mut().poll(cx);
        }
        let task = self.task;
        // The poll's facts share clock readings until it returns (or a busy-wait in it ends); polled
        // by the gather's `join_all`, it shares the gather's readings.
        let (_held, at) = Held::join();
        self.recorder.record_at(at, EventKind::PollStart { task });
        let result = self.inner.as_mut().poll(cx);
        let ready = result.is_ready();
        self.recorder.record(EventKind::PollEnd { task, ready });
        if ready {
            self.recorder.record(EventKind::TaskEnd { task });
        }
        result
    }
}
