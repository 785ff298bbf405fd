
// Appended by the Tokio oracle (crates/model/src/rust/tokio.rs) to a code view of the page
// (`code::code_in_way`), below its last line so that every line above keeps its number: the
// helpers a view calls without defining them, as their comments at the view's top describe them,
// on the oracle's paused clock. `UNIT_MS`, the real milliseconds of one of the view's units, is
// read from its first line and written above.

#[allow(unused_imports)]
use views::*;

/// The helpers of the page's code views.
#[allow(dead_code)]
mod views {
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    use std::time::Duration;

    use gloo_timers::future::TimeoutFuture;

    /// `n` of the view's units as the time they stand for.
    fn span(n: f64) -> Duration {
        Duration::from_secs_f64(n * super::UNIT_MS / 1000.0)
    }

    /// `work(n)`: the thread is held for `n` units while nothing else runs.
    pub fn work(n: impl Into<f64>) {
        crate::oracle::work(span(n.into()));
    }

    /// `blocking_sleep(n)`: a blocking sleep inside async code holds the thread as work does.
    pub fn blocking_sleep(n: impl Into<f64>) {
        crate::oracle::block(span(n.into()));
    }

    /// `ms(n)`: `n` units in the whole milliseconds a gloo-timers timeout counts.
    pub fn ms(n: impl Into<f64>) -> u32 {
        (n.into() * super::UNIT_MS).round() as u32
    }

    /// `sleep(n)`'s future: a gloo-timers timeout of `n` units, armed when it is made.
    pub struct Sleep(TimeoutFuture);

    /// `sleep(n)`: Pending until `n` units have passed.
    pub fn sleep(n: impl Into<f64>) -> Sleep {
        Sleep(TimeoutFuture::new(ms(n)))
    }

    impl Future for Sleep {
        type Output = ();

        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            Pin::new(&mut self.0).poll(cx)
        }
    }

    /// `yield_now()`'s future: Pending once, after waking its task.
    pub struct YieldNow(bool);

    /// `yield_now()`: lets what is ready run before the task goes on.
    pub fn yield_now() -> YieldNow {
        YieldNow(false)
    }

    impl Future for YieldNow {
        type Output = ();

        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 {
                return Poll::Ready(());
            }
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }

    /// `soon(f)`: calls `f` once what is ready now has run, as a woken future is polled.
    pub fn soon(f: impl FnOnce() + 'static) {
        wasm_bindgen_futures::spawn_local(async move { f() });
    }
}
