//! Filling the four ways' table: recipes and modes run one after another, each told to the state
//! as a run and handed to the table as it ends.
//!
//! The runs take the runner's one slot (`app::running::RunSlot`), so that Cancel stops the one in
//! progress and no other run can start meanwhile. Here rather than in the runner because only
//! this lesson fills a table: the code comes with the table's chunk. A recipe other than the one on screen runs too: the state then keeps
//! its result off the stage (`reduce::runs`), and the table keeps it.

use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use yew::prelude::*;

use super::Job;
use crate::components::app::RunSlot;
use crate::components::lazy;
use crate::components::store::KitchenHandle;
use crate::model::Mode;
use crate::model::run::{Prediction, RunResult};
use crate::runtime;
use crate::state::{Action, Notice, Pool, RunEvent, default_workers};

/// How long the page rests between two runs of a table, in milliseconds: time to draw the cell
/// just filled before a blocking run freezes the page again.
const BETWEEN_MS: u32 = 150;

/// Runs `jobs` in order, unless a run is in progress, and hands each result to `each`. A run that
/// is cancelled or fails stops the rest.
pub(super) fn fill(
    kitchen: &KitchenHandle,
    slot: &RunSlot,
    jobs: Vec<Job>,
    each: Callback<Rc<RunResult>>,
) {
    if slot.0.borrow().is_some() || kitchen.running.is_some() {
        return;
    }
    let (dispatcher, handle, cores, pool) = (
        kitchen.dispatcher(),
        slot.0.clone(),
        kitchen.cores.max(1),
        kitchen.pool,
    );
    wasm_bindgen_futures::spawn_local(async move {
        // The threads and the processes run on the workers, whose code is the cooks' chunk.
        let Ok(cooks) = lazy::COOKS.get().await else {
            dispatcher.dispatch(Action::Run(RunEvent::Refused(
                "The page could not download what runs the threads and the cooks. Check the \
                 connection, then fill the table again."
                    .to_owned(),
            )));
            return;
        };
        for (recipe, mode) in jobs {
            // Python's own defaults, whatever the learner chose for the stage's runs.
            let count = default_workers(&recipe, mode, cores);
            let plan = pool.plan(count, (cooks.warm)(), cores);
            let started = match mode {
                Mode::Processes => (cooks.start)((*recipe).clone(), count),
                Mode::Threads | Mode::FreeThreaded => {
                    (cooks.start_threads)((*recipe).clone(), count, mode == Mode::FreeThreaded)
                }
                _ => runtime::start((*recipe).clone(), mode),
            };
            let run = match started {
                Ok(run) => run,
                Err(refused) => {
                    dispatcher.dispatch(Action::Run(RunEvent::Refused(refused.to_string())));
                    return;
                }
            };
            dispatcher.dispatch(Action::Run(RunEvent::Started(mode)));
            *handle.borrow_mut() = Some(run.handle.clone());
            let trace = run.finished.await;
            let failure = run.handle.failure();
            handle.borrow_mut().take();
            let prediction = Rc::new(if mode.on_cooks() {
                Prediction::of_trace(&recipe, (cooks.simulate.0)(&recipe, mode, plan))
            } else {
                Prediction::on_page(&recipe, mode)
            });
            let result = Rc::new(RunResult::with_prediction(
                recipe, mode, trace, prediction, false,
            ));
            let cancelled = result.timeline.cancelled;
            each.emit(result.clone());
            dispatcher.dispatch(Action::Run(RunEvent::Finished(result)));
            if mode.on_cooks() {
                dispatcher.dispatch(Action::Run(RunEvent::PoolChanged(Pool {
                    warm: (cooks.warm)(),
                    ..pool
                })));
            }
            if let Some(why) = failure {
                dispatcher.dispatch(Action::Notify(Some(Notice::problem(format!(
                    "The run stopped: {why}. The table is filled as far as it got."
                )))));
                return;
            }
            if cancelled {
                return;
            }
            TimeoutFuture::new(BETWEEN_MS).await;
        }
    });
}
