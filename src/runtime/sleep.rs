//! `wait` as a real timer: a future that suspends its task until a `gloo-timers` timeout fires.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use gloo_timers::callback::Timeout;

use super::clock::now;
use super::recorder::Recorder;
use crate::model::EventKind;

/// Completes `ms` milliseconds after it is first polled, without holding the thread meanwhile.
///
/// The timer is armed on the first poll, not at creation, because futures are lazy: an `asyncio.sleep`
/// that is never awaited never starts either. Dropping the future drops the [`Timeout`], which clears
/// the browser's timer, so a cancelled run leaves nothing behind.
pub struct Sleep {
    ms: f64,
    task: usize,
    recorder: Recorder,
    timer: Option<Timeout>,
    shared: Rc<RefCell<Shared>>,
}

#[derive(Default)]
struct Shared {
    fired: bool,
    waker: Option<Waker>,
}

impl Sleep {
    /// A sleep of `ms` milliseconds on behalf of `task`, recorded by `recorder`.
    pub fn new(ms: f64, task: usize, recorder: Recorder) -> Self {
        Sleep {
            ms,
            task,
            recorder,
            timer: None,
            shared: Rc::default(),
        }
    }

    fn arm(&mut self) {
        // setTimeout takes whole milliseconds; rounding keeps the error under half a millisecond.
        let delay = self.ms.max(0.0).round() as u32;
        let due = now() + f64::from(delay);
        self.recorder.record(EventKind::TimerArmed {
            task: self.task,
            due,
        });
        let shared = Rc::clone(&self.shared);
        let recorder = self.recorder.clone();
        let task = self.task;
        self.timer = Some(Timeout::new(delay, move || {
            recorder.record(EventKind::TimerFired { task });
            let mut shared = shared.borrow_mut();
            shared.fired = true;
            if let Some(waker) = shared.waker.take() {
                waker.wake();
            }
        }));
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        if this.timer.is_none() {
            this.arm();
        }
        let mut shared = this.shared.borrow_mut();
        if shared.fired {
            Poll::Ready(())
        } else {
            shared.waker = Some(cx.waker().clone());
            Poll::Pending
        }
    }
}
