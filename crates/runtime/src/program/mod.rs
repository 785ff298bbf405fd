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

use std::cell::Cell;
use std::rc::Rc;

use kitchen_model::python::asyncio;
use kitchen_model::python::drawn::Drawn;
use kitchen_model::python::program::{How, Program};
use kitchen_model::timeline::Timeline;

use crate::clock;
use crate::recorder::Recorder;
use crate::run::{
    LULL_LIMIT_MS, LULL_MS, MAX_FREEZE_MS, RUNNING, Run, RunError, Tracing, start_driven,
};

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

/// Why a program cannot run here, if it cannot.
fn refusal(program: &Program) -> Option<String> {
    program
        .tasks
        .iter()
        .any(|t| t.how == How::Process)
        .then(|| "worker processes are not run by the page's own Python yet".to_owned())
}

/// Runs `program`, drawn as `drawn` (whose scale it runs at), recording its facts on `drawn`'s
/// lanes into `recorder`; returns what it printed, or why it cannot run here.
pub async fn run_program(
    program: Rc<Program>,
    drawn: Rc<Drawn>,
    recorder: Recorder,
) -> Result<Outcome, String> {
    if let Some(why) = refusal(&program) {
        return Err(why);
    }
    let scale = drawn.ms_per_second();
    executor::run(program, drawn, recorder, scale).await
}

/// Completes at a lull in the program's run, as [`RunHandle::lull`](crate::RunHandle::lull) does
/// for a recipe's: once none of its timers is due within the next 50 ms (one due sooner has fired
/// first: the wait ends just after it), or after 150 ms at most. A redraw of the live timeline
/// then holds back none of its timers, which WebKit would otherwise run late.
pub async fn lull() {
    let start = clock::now();
    while let Some(due) = executor::next_due() {
        let now = clock::now();
        if due > now + LULL_MS || now - start >= f64::from(LULL_LIMIT_MS) {
            return;
        }
        // A timeout armed after the executor's for the same moment fires after it.
        let wait = (due - now).max(0.0).ceil() as u32;
        gloo_timers::future::TimeoutFuture::new(wait).await;
    }
}

/// Starts running `program` as written, as the page starts a recipe's run ([`crate::start`]): its
/// two frames before, its heartbeat, the frame after, the cancel; unless a run is in progress, it
/// cannot run here, or the page would freeze too long (its prediction's longest hold), which the
/// error says in words. (Words rather than a [`RunError`]: only the Python chunk asks, and a case
/// of the first look's `RunError` would be the first look's to write.)
pub fn start_program(program: Rc<Program>, drawn: Rc<Drawn>) -> Result<Run, String> {
    if RUNNING.with(Cell::get) {
        return Err(RunError::Busy.to_string());
    }
    if let Some(why) = refusal(&program) {
        return Err(format!("This program cannot run in the page: {why}."));
    }
    let (_, trace) = asyncio::predict(&program, &drawn);
    let freeze_ms = Timeline::from_trace(&drawn.recipe, &trace)
        .totals()
        .longest_hold;
    if freeze_ms > MAX_FREEZE_MS {
        return Err(RunError::TooLong { freeze_ms }.to_string());
    }
    Ok(start_driven(Tracing::On, move |rec| async move {
        let scale = drawn.ms_per_second();
        executor::run(program, drawn, rec, scale).await.map(|_| ())
    }))
}
