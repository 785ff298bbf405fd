//! `wait` as a real timer: a future that suspends its task until a browser timeout fires.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use super::recorder::Recorder;
use super::timer_queue::{self, Ticket, Waiter};
use kitchen_model::EventKind;

/// Completes `ms` milliseconds after it is first polled, without holding the thread meanwhile.
///
/// The timer is armed on the first poll, not at creation, because futures are lazy: an `asyncio.sleep`
/// that is never awaited never starts either. Sleeps due at the same moment share one browser timeout
/// (see [`timer_queue`]). Dropping the future takes it out of the queue, and clears the browser's
/// timer when it was the last on it, so a cancelled run leaves nothing behind.
pub struct Sleep {
    ms: f64,
    task: usize,
    recorder: Recorder,
    armed: Option<(Rc<Waiter>, Ticket)>,
}

impl Sleep {
    /// A sleep of `ms` milliseconds on behalf of `task`, recorded by `recorder`.
    pub fn new(ms: f64, task: usize, recorder: Recorder) -> Self {
        Sleep {
            ms,
            task,
            recorder,
            armed: None,
        }
    }

    fn arm(&mut self) -> Rc<Waiter> {
        let task = self.task;
        let on_fire = self
            .recorder
            .is_tracing()
            .then(|| (task, self.recorder.clone()));
        let (waiter, ticket, due) = timer_queue::enqueue(self.ms, on_fire);
        self.recorder.record(EventKind::TimerArmed { task, due });
        self.armed = Some((Rc::clone(&waiter), ticket));
        waiter
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        let waiter = match &this.armed {
            Some((waiter, _)) => Rc::clone(waiter),
            None => this.arm(),
        };
        if waiter.fired() {
            Poll::Ready(())
        } else {
            waiter.set_waker(cx.waker());
            Poll::Pending
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if let Some((waiter, ticket)) = &self.armed
            && !waiter.fired()
        {
            timer_queue::cancel(ticket);
        }
    }
}
