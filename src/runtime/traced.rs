//! A future wrapper that records every poll of a task and every wake of its waker.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use futures::future::LocalBoxFuture;

use super::clock::Held;
use super::recorder::Recorder;
use crate::model::EventKind;

/// A task's future, observed: each poll is recorded with its outcome, and the task's end.
pub struct Traced<'a> {
    task: usize,
    recorder: Recorder,
    inner: LocalBoxFuture<'a, ()>,
    /// The executor's waker seen last and the recording waker built around it, reused while the
    /// executor keeps the same one: a new waker per poll would cost an allocation per poll.
    waker: Option<(Waker, Waker)>,
}

impl<'a> Traced<'a> {
    /// Wraps the future of `task`.
    pub fn new(task: usize, recorder: Recorder, inner: LocalBoxFuture<'a, ()>) -> Self {
        Traced {
            task,
            recorder,
            inner,
            waker: None,
        }
    }
}

impl Future for Traced<'_> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let task = self.task;
        // The poll's facts share clock readings until it returns (or a busy-wait in it ends).
        let (_held, at) = Held::start();
        self.recorder.record_at(at, EventKind::PollStart { task });
        let waker = match &self.waker {
            Some((outer, ours)) if outer.will_wake(cx.waker()) => ours.clone(),
            _ => {
                let ours = Waker::from(Arc::new(TracedWaker {
                    task,
                    recorder: self.recorder.clone(),
                    inner: cx.waker().clone(),
                }));
                self.waker = Some((cx.waker().clone(), ours.clone()));
                ours
            }
        };
        let result = self.inner.as_mut().poll(&mut Context::from_waker(&waker));
        let ready = result.is_ready();
        self.recorder.record(EventKind::PollEnd { task, ready });
        if ready {
            self.recorder.record(EventKind::TaskEnd { task });
        }
        result
    }
}

/// Records a wake for its task, then passes it on to the executor's own waker.
struct TracedWaker {
    task: usize,
    recorder: Recorder,
    inner: Waker,
}

impl Wake for TracedWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.recorder.record(EventKind::Wake { task: self.task });
        self.inner.wake_by_ref();
    }
}
