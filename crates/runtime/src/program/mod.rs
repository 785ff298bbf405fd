//! A learner's Python program, read by `kitchen_model::python`, run for real: each task a real Rust
//! future, polled on the browser's one thread by an executor that keeps asyncio's order.
//!
//! This module owns running a [`Program`] and what the run printed. The executor (`executor`) is
//! asyncio's loop on top of the browser's: a ready queue of callbacks, a heap of timers behind one
//! browser timeout for the earliest, and turns that run only what was ready when they began, so
//! that the page prints what CPython prints in the order CPython prints it (the model's
//! `python::asyncio` says the same rules without a clock, and the browser tests hold the two
//! together). `tasks` is the code of the futures: `work` and `time.sleep` busy-wait, `asyncio.sleep`
//! waits on the loop's timers, `sleep(0)` gives the loop back once, prints and clock readings are
//! the run's own. Worker processes are not run here yet.

mod executor;
mod tasks;

use std::rc::Rc;

use kitchen_model::python::program::{How, Program};

/// What a run of a program printed, and how long it took.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The console's lines with each clock value masked (`⟨clock⟩`), as the model's run and
    /// CPython's are compared.
    pub lines: Vec<String>,
    /// The console's text as it printed, clock values and all.
    pub text: String,
    /// Real milliseconds from the run's start to its end.
    pub total_ms: f64,
    /// Tasks still pending when their loop stopped, cancelled.
    pub cancelled: usize,
    /// The exception that ended the program, CPython's last line of it.
    pub error: Option<String>,
}

/// Runs `program`, one of its seconds lasting `ms_per_second` real milliseconds, and returns what
/// it printed; or why it cannot run here.
pub async fn run_program(program: Rc<Program>, ms_per_second: f64) -> Result<Outcome, String> {
    if program.tasks.iter().any(|t| t.how == How::Process) {
        return Err("worker processes are not run by the page's own Python yet".to_owned());
    }
    executor::run(program, ms_per_second).await
}
