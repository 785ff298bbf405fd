//! The processes mode simulated: a pool of cooks, each running the tasks it is sent alone on its
//! own event loop, as `ProcessPoolExecutor` hands work to its processes.
//!
//! The page queues every task at time zero and hands them out in order, each to the first cook that
//! is free (ties to the lowest-numbered); a cook is free once it has started and once the page has
//! heard that its last task ended. A message takes [`Cooks::message_ms`] each way; a cold cook takes
//! [`Cooks::startup_ms`] to start. The run ends when the page has heard from every task.

use super::sim::Sim;
use crate::model::cooks::Cooks;
use crate::model::recipe::Recipe;
use crate::model::trace::{Event, EventKind, Start, Trace};

/// The trace of `recipe` run on `cooks`.
pub fn simulate(recipe: &Recipe, cooks: Cooks) -> Trace {
    let tasks = recipe.instances().len();
    let mut events: Vec<Event> = Vec::new();
    let at = |at: f64, kind: EventKind| Event { at, kind };
    // When each cook is free, as far as the page knows.
    let mut free: Vec<f64> = (0..cooks.count)
        .map(|cook| {
            if cook < cooks.warm {
                0.0
            } else {
                cooks.startup_ms
            }
        })
        .collect();
    for cook in cooks.warm.min(cooks.count)..cooks.count {
        events.push(at(0.0, EventKind::CookStarting { cook }));
    }
    for cook in cooks.warm.min(cooks.count)..cooks.count {
        events.push(at(cooks.startup_ms, EventKind::CookReady { cook }));
    }
    for task in 0..tasks {
        events.push(at(
            0.0,
            EventKind::TaskStart {
                task,
                how: Start::Scheduled,
            },
        ));
    }
    let mut end: f64 = 0.0;
    for task in 0..tasks {
        let (cook, &sent) = free
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.total_cmp(b.1))
            .unwrap_or((0, &0.0));
        events.push(at(sent, EventKind::Sent { task, cook }));
        let arrives = sent + cooks.message_ms;
        let alone = Sim::solo(recipe, task).run();
        events.extend(alone.events.into_iter().map(|mut e| {
            e.at += arrives;
            if let EventKind::TimerArmed { due, .. } = &mut e.kind {
                *due += arrives;
            }
            e
        }));
        let heard = arrives + alone.end + cooks.message_ms;
        free[cook] = heard;
        end = end.max(heard);
    }
    if tasks == 0 {
        end = free.iter().copied().fold(0.0, f64::max);
    }
    // Facts happen on several threads at once: the trace lists them in time order, as the page
    // merges what its cooks report (stable, so that each thread's own order stays).
    crate::model::sort::sort_stable_by(&mut events, |a, b| a.at < b.at);
    Trace {
        events,
        end,
        cancelled: false,
    }
}
