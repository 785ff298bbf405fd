//! Runs as the state knows them: a run's life as the runtime reports it ([`RunEvent`]), the modes a
//! comparison runs, and the pool of cooks a processes run leaves behind.
//!
//! Which runs the page keeps is the reducer's (`reduce::runs`); starting and cancelling runs is the
//! page's (`components::app::running`).

use std::rc::Rc;

use kitchen_model::Mode;
use kitchen_model::cooks;
use kitchen_model::run::RunResult;

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
