//! `gloo-timers`' futures as the Tokio oracle runs them: a timeout is Tokio's `sleep` on the
//! oracle's paused clock.
//!
//! The real `TimeoutFuture` arms the browser's `setTimeout` when it is created; Tokio's `Sleep`
//! also fixes its deadline when it is created, so a timeout created early and awaited late falls
//! due at the same time in both.

/// The `futures` feature's module, where the real crate keeps its timeouts.
pub mod future {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    use std::time::Duration;

    /// A timeout of some milliseconds, done when its time has passed.
    pub struct TimeoutFuture(Pin<Box<tokio::time::Sleep>>);

    impl TimeoutFuture {
        /// A timeout `millis` milliseconds from now.
        pub fn new(millis: u32) -> TimeoutFuture {
            TimeoutFuture(Box::pin(tokio::time::sleep(Duration::from_millis(
                millis.into(),
            ))))
        }
    }

    impl Future for TimeoutFuture {
        type Output = ();

        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            self.0.as_mut().poll(cx)
        }
    }

    /// A timeout of `duration`, in whole milliseconds as the browser's timers count.
    pub fn sleep(duration: Duration) -> TimeoutFuture {
        TimeoutFuture::new(u32::try_from(duration.as_millis()).unwrap_or(u32::MAX))
    }
}

/// The `callback` module: a timeout that calls a closure.
pub mod callback {
    use std::time::Duration;

    /// A timeout that calls its closure after some milliseconds, as a local task of the oracle's
    /// runtime; dropping it cancels it, as dropping the real one clears the browser's timer.
    pub struct Timeout(Option<tokio::task::JoinHandle<()>>);

    impl Timeout {
        /// Calls `callback` `millis` milliseconds from now.
        pub fn new<F: FnOnce() + 'static>(millis: u32, callback: F) -> Timeout {
            // The deadline is fixed now, as `setTimeout` fixes it, not when the task first runs.
            let sleep = tokio::time::sleep(Duration::from_millis(millis.into()));
            Timeout(Some(tokio::task::spawn_local(async move {
                sleep.await;
                callback();
            })))
        }

        /// Lets the timeout run to its end without being kept.
        pub fn forget(mut self) {
            self.0 = None;
        }
    }

    impl Drop for Timeout {
        fn drop(&mut self) {
            if let Some(task) = self.0.take() {
                task.abort();
            }
        }
    }
}
