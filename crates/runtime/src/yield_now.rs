//! `yield` as a real one-shot yield to the executor (`await asyncio.sleep(0)`).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::recorder::Recorder;
use kitchen_model::EventKind;

/// Returns `Pending` once, after asking to be polled again, then completes.
///
/// Waking itself before suspending puts the task straight back in the ready queue, behind everything
/// already queued: the task gives the loop back without waiting for anything. The wake is recorded
/// here, for `task` (see [`Traced`](super::traced::Traced) for why wakes are recorded at their source).
pub struct YieldNow {
    task: usize,
    recorder: Recorder,
    yielded: bool,
}

impl YieldNow {
    /// A yield on behalf of `task`, whose wake `recorder` records.
    pub fn new(task: usize, recorder: Recorder) -> Self {
        YieldNow {
            task,
            recorder,
            yielded: false,
        }
    }
}

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            Poll::Ready(())
        } else {
            self.yielded = true;
            self.recorder.record(EventKind::Wake { task: self.task });
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}
