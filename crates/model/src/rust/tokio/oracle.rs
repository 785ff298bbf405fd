// Appended by the Tokio oracle (crates/model/src/rust/tokio.rs), below the learner's last line so
// that every line above keeps its number.

#[allow(unused_imports)]
use oracle::work;

/// What the oracle gives every program: `work`, which the corpus calls without defining it, the
/// blocking sleep that `std::thread::sleep` is rewritten into, and the runtime a rewritten `main`
/// runs on.
#[allow(dead_code)]
mod oracle {
    use std::future::Future;
    use std::task::{Context, Waker};
    use std::time::Duration;

    /// CPU-bound work for `d`: the thread is held for `d` while nothing else runs. On the paused
    /// clock, spinning would take no virtual time at all, so the clock is moved on by `d` instead.
    pub fn work(d: Duration) {
        advance(d);
    }

    /// A blocking sleep (`std::thread::sleep`) for `d`: like work, the thread is held and the
    /// clock moves on by `d`; a timer that fell due meanwhile fires when the thread is free again.
    pub fn block(d: Duration) {
        advance(d);
    }

    /// Moves the paused clock on by `d` now, without letting any other task run: the first poll
    /// of `tokio::time::advance` moves the clock and then yields (to let timers fire), and the
    /// future is dropped there, so control comes straight back.
    fn advance(d: Duration) {
        let mut advance = std::pin::pin!(tokio::time::advance(d));
        let _yielded = advance
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()));
    }

    /// Runs a rewritten `main` on the oracle's runtime (`trpl::block_on`).
    pub fn run<F: Future>(main: F) -> F::Output {
        trpl::block_on(main)
    }
}
