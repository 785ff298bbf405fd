//! `wasm-bindgen-futures`' `spawn_local` as the Tokio oracle runs it: a local task on the
//! `LocalSet` the oracle's runtime runs every program in (`trpl::block_on`).
//!
//! In the browser, a task spawned with `spawn_local` first runs after the code that spawned it
//! returns, and the page's event loop runs it to its end even when `main` has returned; the
//! oracle runs a program's local tasks to their end before it stops the clock.

use std::future::Future;

/// Starts `future` as a task of the current thread's `LocalSet`.
pub fn spawn_local<F>(future: F)
where
    F: Future<Output = ()> + 'static,
{
    tokio::task::spawn_local(future);
}
