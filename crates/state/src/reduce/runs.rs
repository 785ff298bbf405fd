//! The runs' reducer: which runs the page keeps — the latest of each mode for the recipe on
//! screen, a live run's newest snapshot, and nothing that describes a recipe no longer on screen.
//! A finished run's verdict on an exercise is `quiz`'s to give.

use std::rc::Rc;

use kitchen_model::python::drawn::REPLAY_MODE;
use kitchen_model::run::RunResult;

use super::stage;
use crate::kitchen::{Kitchen, Notice};
use crate::runs::{COMPARED, RunEvent};

/// Applies a run event.
pub(super) fn apply(kitchen: &mut Kitchen, event: RunEvent) {
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
        RunEvent::StartedWritten => {
            kitchen.running = Some(REPLAY_MODE);
            kitchen.live = None;
            stage::follow_new_run(&mut kitchen.stage);
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
        RunEvent::Show(result) => {
            if kitchen.running.is_some()
                || !kitchen
                    .good_recipe()
                    .is_some_and(|now| now == result.recipe)
            {
                return;
            }
            let mode = result.mode;
            let results = Rc::make_mut(&mut kitchen.results);
            results.retain(|r| r.mode != mode);
            results.push(result);
            kitchen.stage.choice = Some(crate::stage::Staged::Run(mode));
            kitchen.stage.rest();
        }
    }
}

/// A run ended: it replaces the last of its mode if it is of the recipe on the stage (a typo made
/// while it ran leaves that the last good one), and judges the exercise waiting for it; otherwise it
/// is dropped, so switching lessons mid-run can never mix two recipes' numbers.
fn finished(kitchen: &mut Kitchen, result: Rc<RunResult>) {
    kitchen.running = None;
    kitchen.live = None;
    stage::follow_new_run(&mut kitchen.stage);
    if result.written.is_some() {
        // A run of the learner's program is kept with it, if it is still the program on screen.
        if let Some(written) = &mut kitchen.written
            && written
                .last_good
                .as_ref()
                .is_some_and(|g| *g.drawn.recipe == *result.recipe)
        {
            Rc::make_mut(written).result = Some(result);
        }
        return;
    }
    if !kitchen
        .good_recipe()
        .is_some_and(|now| now == result.recipe)
    {
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

/// Drops the results that no longer describe the recipe on the stage: while the text has mistakes,
/// that is the last good one, whose runs stay (out of date) until the text reads as another.
pub(super) fn forget_stale(kitchen: &mut Kitchen) {
    let now = kitchen.good_recipe();
    let stale = |r: &Rc<RunResult>| !now.as_ref().is_some_and(|now| r.recipe == *now);
    if kitchen.results.iter().any(stale) {
        Rc::make_mut(&mut kitchen.results).retain(|r| !stale(r));
    }
}
