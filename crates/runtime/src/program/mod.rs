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
//! the run's own. A worker process (`run_in_executor` on a `ProcessPoolExecutor`) is handed to a
//! cook as a job (`model::python::process`) through [`Workers`], which the page gives from the
//! cooks' chunk, so that the Python chunk holds none of the cooks' code; its facts come back on
//! the run's clock and its end is a callback of the loop's, as asyncio's `run_in_executor` future
//! completes through `call_soon_threadsafe`.

mod executor;
mod tasks;
mod tokio;

use std::cell::Cell;
use std::rc::Rc;

use futures::channel::mpsc::{UnboundedReceiver, UnboundedSender};
use futures::future::LocalBoxFuture;
use kitchen_model::cooks::job::JobStep;
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

/// A worker process handed to the pool: the program's task, its lane and the job a cook does.
#[derive(Clone, Debug, PartialEq)]
pub struct Job {
    /// The program's task it runs.
    pub task: usize,
    /// The task's lane, which its facts name.
    pub lane: usize,
    /// What the cook does, in order.
    pub steps: Vec<JobStep>,
}

/// What the pool tells the run about its worker processes.
#[derive(Clone, Debug, PartialEq)]
pub enum News {
    /// A process printed this line (its facts are already recorded).
    Printed(String),
    /// The process running this task of the program has ended.
    Done(usize),
    /// The pool cannot go on: a cook failed, or none could start. The run ends with this.
    Failed(String),
}

/// The pool a program's worker processes run on: given the run's recorder (where it records
/// the cooks' facts, on the page's clock), how many processes may run at once, the jobs as the
/// program hands them out and where to tell the run what became of them, it serves them until
/// the run drops its jobs' sender (after every job is done, or when the run is cancelled, which
/// stops the cooks). [`crate::cooks::programs`] is the page's, given by the cooks' chunk.
pub type Workers = fn(
    Recorder,
    usize,
    UnboundedReceiver<Job>,
    UnboundedSender<News>,
) -> LocalBoxFuture<'static, ()>;

/// Why a program cannot run here, if it cannot: worker processes with no pool to run them.
fn refusal(program: &Program, workers: Option<Workers>) -> Option<String> {
    (workers.is_none() && program.tasks.iter().any(|t| t.how == How::Process))
        .then(|| "its worker processes need the page's cooks, which did not come".to_owned())
}

/// Runs `program`, drawn as `drawn` (whose scale it runs at), its worker processes (if any) on
/// `workers`, recording its facts on `drawn`'s lanes into `recorder`; returns what it printed,
/// or why it cannot run here.
pub async fn run_program(
    program: Rc<Program>,
    drawn: Rc<Drawn>,
    recorder: Recorder,
    workers: Option<Workers>,
) -> Result<Outcome, String> {
    if let Some(why) = refusal(&program, workers) {
        return Err(why);
    }
    let scale = drawn.ms_per_second();
    executor::run(program, drawn, recorder, scale, workers).await
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
/// of the first look's `RunError` would be the first look's to write.) Its worker processes, if
/// it has any, run on `workers`.
pub fn start_program(
    program: Rc<Program>,
    drawn: Rc<Drawn>,
    workers: Option<Workers>,
) -> Result<Run, String> {
    if RUNNING.with(Cell::get) {
        return Err(RunError::Busy.to_string());
    }
    if let Some(why) = refusal(&program, workers) {
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
        executor::run(program, drawn, rec, scale, workers)
            .await
            .map(|_| ())
    }))
}
