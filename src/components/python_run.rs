//! A run of the learner's program as written, from its start to its result: started with the
//! runtime's asyncio executor (`runtime::program`), its live snapshots and its result explained
//! against the program's own prediction and drawn on its own text, and reported to the state.
//!
//! Part of the Python chunk (`lazy::Python`), with the editor and the reader: only a learner who
//! wrote a program runs one. It follows a run as `app::running` follows a recipe's (the same
//! snapshot rhythm, the same events), without what only recipes have (cooks, a course page to
//! tell): kept apart so that none of it is in the first look.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;

use super::app::running::SNAPSHOT_MS;
use super::lazy;
use super::store::KitchenHandle;
use crate::model::Trace;
use crate::model::run::RunResult;
use crate::runtime::RunHandle;
use crate::runtime::program::{Workers, start_program};
use crate::state::{Action, Notice, Opening, ReadProgram, RunEvent, Written};

/// Starts the learner's program, if it reads and no run is in progress, and follows it to its end.
/// A program with worker processes first fetches the cooks' chunk (`lazy::COOKS`), which runs
/// them, lets it measure how fast the machine computes, as choosing *More cooks* does, and starts
/// as many cooks as the program's pool may use at once.
pub fn run(kitchen: KitchenHandle, handle: Rc<RefCell<Option<RunHandle>>>) {
    // A scale chosen while the Python editor was closed: the program is drawn again at it first.
    let scale = kitchen.program_scale();
    let mut written = kitchen.written.clone();
    if let Some(w) = &written
        && w.last_good
            .as_ref()
            .is_some_and(|g| g.drawn.ms_per_second() != scale)
    {
        let again = Rc::new(Written::read(
            &w.text,
            w.language,
            Some(w),
            scale,
            kitchen.cores,
        ));
        kitchen.dispatch(Action::Open(Opening::Written(again.clone())));
        written = Some(again);
    }
    let Some(read) = written.as_ref().and_then(|w| w.read.as_ref().ok()).cloned() else {
        return;
    };
    if handle.borrow().is_some() {
        return;
    }
    // One future follows the whole run (one call site of `spawn_local` rather than three keeps
    // its code out of the first look: measured, 0.3 KB).
    wasm_bindgen_futures::spawn_local(async move {
        let count = read.program.pool_size();
        let workers = if count > 0 {
            let Ok(cooks) = lazy::COOKS.get().await else {
                kitchen.dispatch(Action::Run(RunEvent::Refused(
                    "The page could not download what runs the cooks, which run this program's \
                     worker processes: check the connection and press Run again."
                        .to_owned(),
                )));
                return;
            };
            (cooks.prepare)().await;
            // The cooks are started before the run begins (`runtime::cooks::ready` says why).
            if let Err(why) = (cooks.ready)(count).await {
                kitchen.dispatch(Action::Run(RunEvent::Refused(format!(
                    "The page could not start the cooks that run this program's worker \
                     processes: {why}."
                ))));
                return;
            }
            Some(cooks.programs)
        } else {
            None
        };
        // Another run may have started meanwhile.
        if handle.borrow().is_none() {
            follow(&kitchen, handle, read, workers).await;
        }
    });
}

/// Starts `read`, its worker processes on `workers`, and follows the run to its end.
async fn follow(
    kitchen: &KitchenHandle,
    handle: Rc<RefCell<Option<RunHandle>>>,
    read: Rc<ReadProgram>,
    workers: Option<Workers>,
) {
    let run = match start_program(read.program.clone(), read.drawn.clone(), workers) {
        Ok(run) => run,
        Err(refused) => {
            kitchen.dispatch(Action::Run(RunEvent::Refused(refused)));
            return;
        }
    };
    kitchen.dispatch(Action::Run(RunEvent::StartedWritten));
    *handle.borrow_mut() = Some(run.handle.clone());
    // Live snapshots, as a recipe's run has them: each after a lull in the run's timers.
    let snapshots = {
        let (dispatcher, read, run) = (kitchen.dispatcher(), read.clone(), run.handle.clone());
        async move {
            loop {
                TimeoutFuture::new(SNAPSHOT_MS).await;
                crate::runtime::program::lull().await;
                if run.is_over() {
                    break;
                }
                let snapshot = explain(&read, run.trace(), true);
                dispatcher.dispatch(Action::Run(RunEvent::Snapshot(Rc::new(snapshot))));
            }
        }
    };
    let dispatcher = kitchen.dispatcher();
    let finished = async move {
        let trace = run.finished.await;
        handle.borrow_mut().take();
        // A cook that failed ends the run of a program's worker processes, as it ends a recipe's.
        if let Some(why) = run.handle.failure() {
            dispatcher.dispatch(Action::Notify(Some(Notice::problem(format!(
                "The run stopped: {why}."
            )))));
        }
        let result = explain(&read, trace, false);
        dispatcher.dispatch(Action::Run(RunEvent::Finished(Rc::new(result))));
    };
    futures::future::join(snapshots, finished).await;
}

/// A trace of a run of `read`, explained against its prediction and shown on its own text.
fn explain(read: &ReadProgram, trace: Trace, live: bool) -> RunResult {
    let shown = &read.prediction;
    let result = RunResult::with_prediction(
        shown.recipe.clone(),
        shown.mode,
        trace,
        shown.prediction.clone(),
        live,
    );
    match &shown.written {
        Some(code) => result.written_as(code.clone(), read.program.rules),
        None => result,
    }
}
