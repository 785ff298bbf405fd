//! The runtime: runs a recipe for real on the page's one thread and records what happened.
//!
//! This module owns execution: busy-waits that hold the thread, timers that free it, the executor
//! code of each [`Mode`](kitchen_model::Mode), a run's life (one at a time, capped, cancellable,
//! watched for hidden tabs and long tasks), and the [`Recorder`] that timestamps facts with
//! `performance.now()`. It records facts and never decides what the learner should see; that is
//! [`kitchen_model::timeline`]'s job. It must not touch the DOM beyond `requestAnimationFrame`.

mod busy;
pub mod clock;
pub mod cooks;
mod frames;
mod interpret;
mod modes;
mod observe;
pub mod program;
mod recorder;
mod run;
mod sleep;
mod timer_queue;
mod traced;
mod ways;
mod yield_now;

pub use busy::busy_wait;
pub use clock::now;
pub use frames::{Heartbeat, next_frame};
pub use recorder::Recorder;
pub use run::{
    MAX_FREEZE_MS, Run, RunError, RunHandle, Tracing, expected_freeze_ms, run, start, start_in_way,
    start_on_cooks, start_on_threads, start_with,
};
pub use sleep::Sleep;
pub use timer_queue::{
    armed as armed_timeouts, created as timeouts_created, next_due as next_timer_due,
};
