//! `trpl`, the support crate of *The Rust Programming Language*'s async chapter, as the Tokio
//! oracle runs it: the names the book uses, re-exported from Tokio and futures as the real crate
//! re-exports them, except `block_on` (and `run`, its older name), which the oracle changes.
//!
//! The real `trpl::block_on` builds Tokio's multi-thread runtime (`Runtime::new`), whose spawned
//! tasks run on worker threads beside the future it blocks on, on the machine's clock. This one
//! builds a new current-thread runtime whose clock is paused (Tokio's `test-util`): every task
//! runs on the one thread, as on the page, and time moves only when every task waits, straight to
//! the next timer, so a program's order and total are the same on any machine and under any load.
//! It is also the one place the oracle builds a runtime: `#[tokio::main]` and a program that only
//! spawns local tasks (`wasm_bindgen_futures::spawn_local`) run through it too.

use std::future::Future;

pub use futures::future::{join, join_all, join3};
pub use futures::join;
pub use tokio::task::{spawn as spawn_task, yield_now};
pub use tokio::time::sleep;

/// What the oracle's harness looks for on standard error, followed by the run's total in seconds.
pub const TOTAL: &str = "tokio-oracle total: ";

/// Runs `future` to its end on a new current-thread runtime with a paused clock, then reports on
/// standard error how long it took on that clock, from the runtime's start to the end.
///
/// The future runs inside a `LocalSet`, so that `spawn_local` works, and the local tasks it
/// leaves are then run to their end, as a page's event loop runs them after `main` returns (a
/// program that spawns none ends at once). Tasks spawned with `spawn_task` are dropped with the
/// runtime when the future ends, as the real `trpl::block_on` drops them.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a current-thread runtime");
    // The paused clock is read inside the runtime: outside it, Tokio reads the machine's.
    let now = || {
        let _inside = runtime.enter();
        tokio::time::Instant::now()
    };
    let start = now();
    let local = tokio::task::LocalSet::new();
    let output = local.block_on(&runtime, future);
    runtime.block_on(local);
    eprintln!("{TOTAL}{}", (now() - start).as_secs_f64());
    output
}

/// The book's older name for `block_on`.
pub fn run<F: Future>(future: F) -> F::Output {
    block_on(future)
}
