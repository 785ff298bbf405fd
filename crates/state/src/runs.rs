//! The runs on screen: a run's life as the runtime reports it (started, live snapshots, finished or
//! refused), a comparison's queue, and the pool of cooks a processes run leaves behind.
//!
//! This file owns which runs the page keeps: the latest of each mode for the recipe on screen, a
//! live run's newest snapshot, and nothing that describes a recipe no longer on screen. Starting
//! and cancelling runs is the page's (`components::running`); a finished run's verdict on an
//! exercise is `quiz`'s.

use std::rc::Rc;

use kitchen_model::Mode;
use kitchen_model::cooks;
use kitchen_model::run::RunResult;

use crate::kitchen::{Kitchen, Notice};
use crate::stage;

/// The modes a comparison runs, one after another, in this order: the baseline first.
pub const COMPARED: [Mode; 4] = [Mode::Blocking, Mode::Sequential, Mode::Gather, Mode::Spawn];

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
}

impl Default for Pool {
    fn default() -> Self {
        Pool {
            warm: 0,
            startup_ms: cooks::TYPICAL_STARTUP_MS,
            message_ms: cooks::TYPICAL_MESSAGE_MS,
            reply_ms: cooks::TYPICAL_REPLY_MS,
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
    /// A live snapshot of the run in progress, explained.
    Snapshot(Rc<RunResult>),
    /// The run ended (finished or cancelled), explained.
    Finished(Rc<RunResult>),
    /// A run could not start, for this reason; a comparison stops.
    Refused(String),
    /// A processes run left the pool like this.
    PoolChanged(Pool),
}

/// Applies a run event.
pub(crate) fn apply(kitchen: &mut Kitchen, event: RunEvent) {
    match event {
        RunEvent::Compare => {
            kitchen.queue = COMPARED.to_vec();
            kitchen.results = Rc::default();
            kitchen.notice = None;
        }
        RunEvent::Started(mode) => {
            kitchen.running = Some(mode);
            kitchen.live = None;
            stage::follow_new_run(&mut kitchen.stage);
            // The new run replaces the last one of its mode, from its first snapshot on.
            if kitchen.result(mode).is_some() {
                Rc::make_mut(&mut kitchen.results).retain(|r| r.mode != mode);
            }
            if kitchen.queue.first() == Some(&mode) {
                kitchen.queue.remove(0);
            }
            kitchen.notice = None;
        }
        RunEvent::Snapshot(snapshot) => {
            if kitchen.running == Some(snapshot.mode) {
                kitchen.live = Some(snapshot);
            }
        }
        RunEvent::Finished(result) => finished(kitchen, result),
        RunEvent::Refused(why) => {
            kitchen.queue.clear();
            kitchen.notice = Some(Notice::problem(why));
        }
        RunEvent::PoolChanged(pool) => kitchen.pool = pool,
    }
}

/// A run ended: it replaces the last of its mode if it is of the recipe on screen, and judges the
/// exercise waiting for it; otherwise it is dropped, so switching lessons mid-run can never mix two
/// recipes' numbers.
fn finished(kitchen: &mut Kitchen, result: Rc<RunResult>) {
    kitchen.running = None;
    kitchen.live = None;
    stage::follow_new_run(&mut kitchen.stage);
    if !kitchen.recipe().is_some_and(|now| now == result.recipe) {
        kitchen.queue.clear();
        return;
    }
    // Only an exercise locked in waits for a run: without one the exercises are not copied.
    if kitchen.quiz.waiting.is_some() {
        let quiz = Rc::make_mut(&mut kitchen.quiz);
        if quiz.judge(&result, kitchen.language)
            && let Some(at) = quiz.last
        {
            let right = quiz.correct(at) == Some(true);
            Rc::make_mut(&mut kitchen.progress).record(kitchen.opened.key(), at, right);
        }
    }
    if result.timeline.cancelled {
        kitchen.queue.clear();
    }
    let results = Rc::make_mut(&mut kitchen.results);
    results.retain(|r| r.mode != result.mode);
    results.push(result);
}

/// Drops the results that no longer describe the recipe a run would use now.
pub(crate) fn forget_stale(kitchen: &mut Kitchen) {
    let now = kitchen.recipe();
    let stale = |r: &Rc<RunResult>| !now.as_ref().is_some_and(|now| r.recipe == *now);
    if kitchen.results.iter().any(stale) {
        Rc::make_mut(&mut kitchen.results).retain(|r| !stale(r));
    }
}
