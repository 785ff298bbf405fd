//! More cooks: the processes mode's Web Workers, the page's side and the cook's.
//!
//! The page keeps a pool of cooks (`pool`) and hands a run's tasks out to them (`dispatch`); each
//! cook (`worker`, run by the `cook` binary Trunk builds as a worker) runs the tasks it is sent on
//! its own thread and event loop and reports their facts back in `model::cooks::wire`'s numbers.
//! This module owns the workers and the messages between them and the page; what a run means is
//! the model's, as for every other mode.

mod dispatch;
mod pool;
mod worker;

pub use dispatch::drive;
pub use worker::serve;

/// How many cooks the page has started and kept for the next run.
pub fn warm() -> usize {
    pool::size()
}

/// Stops every cook at once and empties the pool.
pub fn terminate() {
    pool::terminate_all();
}
