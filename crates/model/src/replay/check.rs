//! What must hold between a replay, the finished trace it indexes and the timeline built from the
//! same trace, checked at every stop: for tests, natively on predictions and random recipes, and in
//! the browser on real runs.
//!
//! This module owns the properties, stated once: every task is in exactly one place; the ready
//! queue lists tasks in the order the executor really polls them next (a task whose timer is
//! overdue after its timer's callback has woken it); inside every segment of every lane the replay
//! puts the task where the lane does. It changes nothing and is not used by the page.

use super::query::Why;
use super::{Replay, Thread};
use crate::mode::Mode;
use crate::recipe::Recipe;
use crate::timeline::{State, Timeline};
use crate::trace::{Activity, EventKind, Trace};

/// Checks every property at every stop of `trace`, a finished run of `recipe` in `mode`; the error
/// says where the first one fails.
pub fn consistent(recipe: &Recipe, mode: Mode, trace: &Trace) -> Result<(), String> {
    holds(&Replay::new(recipe, mode, trace, true), recipe, mode, trace)
}

/// [`consistent`], for a run whose replay lists its ready queue in the recorded order
/// ([`Replay::list_in_recorded_order`]: a run by Tokio's rules). Its queue's order is the record's
/// by construction, so what this holds of it is that a task listed is polled later, unless the
/// runtime ended first: the tasks it dropped unpolled come last.
pub fn consistent_in_recorded_order(
    recipe: &Recipe,
    mode: Mode,
    trace: &Trace,
) -> Result<(), String> {
    let mut replay = Replay::new(recipe, mode, trace, true);
    replay.list_in_recorded_order();
    holds(&replay, recipe, mode, trace)
}

fn holds(replay: &Replay, recipe: &Recipe, mode: Mode, trace: &Trace) -> Result<(), String> {
    let timeline = Timeline::from_trace(recipe, trace);
    let n = replay.tasks();
    for stop in 0..replay.stops().len() {
        let cursor = replay.at_stop(stop);
        let state = replay.state(cursor, usize::MAX);
        // Every task is in exactly one place: a thread (the page's or a cook's), a list, or done.
        let held = usize::from(state.thread != Thread::Idle)
            + state
                .cooks
                .iter()
                .filter(|c| c.thread != Thread::Idle)
                .count();
        let counted = held
            + state.ready.total
            + state.suspended.total
            + state.done.total
            + state.not_started.total;
        if counted != n {
            return Err(format!(
                "stop {stop}: {counted} places for {n} tasks: {state:?}"
            ));
        }
        // The ready queue is the order in which the executor really polls those tasks next. (Cooks
        // poll on threads of their own, each in its own order: their queue has no one order.)
        if mode.on_cooks() {
            continue;
        }
        let limit = replay.limit(stop) as usize;
        // A task whose timer is overdue is polled for real once the timer's callback has woken it
        // (a small gather may poll it before that, in vain).
        let next = |from: usize, task: usize, wake: bool| {
            trace.events[from..]
                .iter()
                .position(|e| match e.kind {
                    EventKind::PollStart { task: t } => !wake && t == task,
                    EventKind::Wake { task: t } => wake && t == task,
                    _ => false,
                })
                .map(|i| i + from)
        };
        let order: Vec<Option<usize>> = state
            .ready
            .items
            .iter()
            .map(|r| match r.why {
                Why::Overdue(_) => next(limit, r.task, true).and_then(|w| next(w, r.task, false)),
                _ => next(limit, r.task, false),
            })
            .collect();
        // Tasks never polled again may only come last, in a run whose runtime dropped them.
        let polled = order.iter().take_while(|o| o.is_some()).count();
        let dropped_last = polled == order.len()
            || (replay.recorded.is_some()
                && !trace.cancelled
                && order[polled..].iter().all(Option::is_none));
        let order = &order[..polled];
        if !dropped_last || !order.windows(2).all(|w| w[0] < w[1]) {
            let tasks: Vec<usize> = state.ready.items.iter().map(|r| r.task).collect();
            return Err(format!(
                "stop {stop} ({:?}): ready queue {tasks:?} is polled in the order {order:?}",
                replay.stops()[stop].kind
            ));
        }
    }
    // Inside every segment of every lane, the replay puts the task where the lane does.
    for (task, lane) in timeline.lanes.iter().enumerate() {
        for segment in &lane.segments {
            if segment.end - segment.start < 1e-6 {
                continue;
            }
            // Inside the segment, away from its ends and from the stops (at a stop's exact time the
            // cursor rests on the first stop there, which may be just before the segment's change).
            for quarter in [0.25, 0.5, 0.75] {
                let at = segment.start + quarter * (segment.end - segment.start);
                if replay.stops().iter().any(|s| s.at == at) {
                    continue;
                }
                place_agrees(replay, &lane.name, task, at, segment.state)?;
            }
        }
    }
    Ok(())
}

/// Whether the replay puts `task` at `at` where its lane does (`expected`).
fn place_agrees(
    replay: &Replay,
    lane: &str,
    task: usize,
    at: f64,
    expected: State,
) -> Result<(), String> {
    let state = replay.state(replay.seek(at), usize::MAX);
    let holding = std::iter::once(&state.thread)
        .chain(state.cooks.iter().map(|c| &c.thread))
        .find_map(|thread| match thread {
            Thread::Held {
                task: t, activity, ..
            } if *t == task => Some(*activity),
            _ => None,
        });
    let place = if let Some(activity) = holding {
        if activity == Some(Activity::Sleep) {
            State::Blocked
        } else {
            State::Running
        }
    } else if let Some(r) = state.ready.items.iter().find(|r| r.task == task) {
        match r.why {
            Why::Sent(_) => State::Starting,
            _ => State::Ready,
        }
    } else if state.suspended.items.iter().any(|s| s.task == task) {
        State::Waiting
    } else {
        return Err(format!("{lane} at {at}: nowhere, lane says {expected:?}"));
    };
    if place != expected {
        return Err(format!(
            "{lane} at {at}: replay says {place:?}, lane says {expected:?}"
        ));
    }
    Ok(())
}
