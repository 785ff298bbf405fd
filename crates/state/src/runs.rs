//! Runs as the state knows them: a run's life as the runtime reports it ([`RunEvent`]), the modes a
//! comparison runs, and the pool of cooks a processes run leaves behind.
//!
//! Which runs the page keeps is the reducer's (`reduce::runs`); starting and cancelling runs is the
//! page's (`components::app::running`).

use std::rc::Rc;

use kitchen_model::cooks::{self, Cooks};
use kitchen_model::run::RunResult;
use kitchen_model::{Mode, Recipe, gil};

/// The modes a comparison runs, one after another, in this order: the baseline first, then every
/// other mode in the page's order, free-threaded last.
pub const COMPARED: [Mode; 9] = Mode::ALL;

/// The page's pool of cooks as the last processes run left it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pool {
    /// How many cooks are started and kept.
    pub warm: usize,
    /// What starting a cook cost, in milliseconds, as last measured (or typical).
    pub startup_ms: f64,
    /// What a task's message to a cook cost, as last measured (or typical).
    pub message_ms: f64,
    /// What hearing back from a cook cost, as last measured (or typical).
    pub reply_ms: f64,
    /// What handing the GIL from one thread to another cost, as last measured (or typical).
    pub handover_ms: f64,
}

impl Default for Pool {
    fn default() -> Self {
        Pool {
            warm: 0,
            startup_ms: cooks::TYPICAL_STARTUP_MS,
            message_ms: cooks::TYPICAL_MESSAGE_MS,
            reply_ms: cooks::TYPICAL_REPLY_MS,
            handover_ms: kitchen_model::gil::TYPICAL_HANDOVER_MS,
        }
    }
}

impl Pool {
    /// A plan of `count` workers on `cores`, `warm` of them started already, at the costs this
    /// pool last measured: what a run on the workers is predicted with.
    pub fn plan(&self, count: usize, warm: usize, cores: usize) -> Cooks {
        let plan = Cooks::new(count).on_cores(cores);
        Cooks {
            warm: warm.min(plan.count),
            startup_ms: self.startup_ms,
            message_ms: self.message_ms,
            reply_ms: self.reply_ms,
            handover_ms: self.handover_ms,
            ..plan
        }
    }
}

/// Python's own number of workers for a run of `recipe` in `mode` on `cores`: a thread per task
/// in the threads modes (a `ThreadPoolExecutor` has more than the lessons' tasks on any machine),
/// else a process per task up to the cores (a `ProcessPoolExecutor`'s `max_workers`).
pub fn default_workers(recipe: &Recipe, mode: Mode, cores: usize) -> usize {
    if mode.threaded() {
        gil::Gil::default_threads(recipe)
    } else {
        Cooks::default_count(recipe, cores)
    }
}

/// What happens to runs: the learner asks for a comparison, the page starts a run, the runtime
/// reports on it.
#[derive(Clone, Debug, PartialEq)]
pub enum RunEvent {
    /// Queue the compared modes; the first starts when the page is free.
    Compare,
    /// A run of this mode began (a comparison's queue loses its head).
    Started(Mode),
    /// A run of the learner's program as written began.
    StartedWritten,
    /// A live snapshot of the run in progress, explained.
    Snapshot(Rc<RunResult>),
    /// The run ended (finished or cancelled), explained.
    Finished(Rc<RunResult>),
    /// A run could not start, for this reason; a comparison stops.
    Refused(String),
    /// A processes run left the pool like this.
    PoolChanged(Pool),
    /// Show this finished run, kept elsewhere (a cell of the four ways' table), on the stage: it
    /// takes the place of the last run of its mode, if it is of the recipe on screen.
    Show(Rc<RunResult>),
}
