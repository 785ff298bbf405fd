//! Cooks: the pool of Web Workers a processes run hands its tasks to, and what a cook costs.
//!
//! A cook is a worker thread with its own event loop and no memory shared with the page: the
//! browser's honest equivalent of a process in `ProcessPoolExecutor`. This module owns the pool's
//! description (how many cooks, how many are already started, what starting one and sending it a
//! message cost) and reading those costs back from a run's trace. It runs nothing: the runtime
//! runs the cooks, and the prediction simulates them with these numbers.

pub mod wire;

use super::recipe::Recipe;
use super::trace::{EventKind, Trace};

/// The most cooks the page will start, whatever the browser reports: Firefox reports up to 16.
pub const MAX_COOKS: usize = 16;
/// What starting a cook costs before any has been measured on this page, in milliseconds: the time
/// for a worker to load and compile its wasm (about 30 to 125 ms on the machines tested).
pub const TYPICAL_STARTUP_MS: f64 = 80.0;
/// What one message between the page and a cook costs before any has been measured, in
/// milliseconds, one way.
pub const TYPICAL_MESSAGE_MS: f64 = 0.3;

/// A pool of cooks as a run finds it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cooks {
    /// How many cooks the run uses, from 1 to [`MAX_COOKS`].
    pub count: usize,
    /// How many of them are already started (a pool is kept and reused between runs).
    pub warm: usize,
    /// Milliseconds a cold cook takes to start.
    pub startup_ms: f64,
    /// Milliseconds a message takes from the page to a cook, or back.
    pub message_ms: f64,
}

impl Cooks {
    /// `count` cold cooks at the typical costs.
    pub fn new(count: usize) -> Cooks {
        Cooks {
            count: count.clamp(1, MAX_COOKS),
            warm: 0,
            startup_ms: TYPICAL_STARTUP_MS,
            message_ms: TYPICAL_MESSAGE_MS,
        }
    }

    /// `count` cooks already started that cost nothing: the perfect pool, for reasoning about the
    /// parallel work alone.
    pub fn perfect(count: usize) -> Cooks {
        Cooks {
            count: count.clamp(1, MAX_COOKS),
            warm: count,
            startup_ms: 0.0,
            message_ms: 0.0,
        }
    }

    /// How many cooks a recipe gets unless the learner says otherwise: one per task, up to the cores
    /// the browser reports.
    pub fn default_count(recipe: &Recipe, cores: usize) -> usize {
        recipe
            .instances()
            .len()
            .min(cores.clamp(1, MAX_COOKS))
            .max(1)
    }

    /// How many cooks a learner may choose on a browser reporting `cores`: one to that many.
    pub fn most(cores: usize) -> usize {
        cores.clamp(1, MAX_COOKS)
    }
}

/// What a run's trace says its cooks cost: the median start-up of the cooks it started and the
/// median latency of a task's message (from the page's `Sent` to the cook's first poll), in
/// milliseconds, each `None` if the run measured none.
pub fn measured_costs(trace: &Trace) -> (Option<f64>, Option<f64>) {
    let mut starting: Vec<(usize, f64)> = Vec::new();
    let mut startups = Vec::new();
    let mut sent: Vec<(usize, f64)> = Vec::new();
    let mut latencies = Vec::new();
    // A cook started in this run reads the recipe before its first task: that first task's wait is
    // not a message's cost, and is left out.
    let mut first_job: Vec<usize> = Vec::new();
    for event in &trace.events {
        match event.kind {
            EventKind::CookStarting { cook } => {
                starting.push((cook, event.at));
                first_job.push(cook);
            }
            EventKind::CookReady { cook } => {
                if let Some(&(_, since)) = starting.iter().rev().find(|(c, _)| *c == cook) {
                    startups.push(event.at - since);
                }
            }
            EventKind::Sent { task, cook } => {
                if let Some(i) = first_job.iter().position(|&c| c == cook) {
                    first_job.swap_remove(i);
                } else {
                    sent.push((task, event.at));
                }
            }
            EventKind::PollStart { task } => {
                if let Some(i) = sent.iter().position(|(t, _)| *t == task) {
                    latencies.push(event.at - sent.swap_remove(i).1);
                }
            }
            _ => {}
        }
    }
    (median(startups), median(latencies))
}

fn median(mut xs: Vec<f64>) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    crate::model::sort::sort_stable_by(&mut xs, |a, b| a < b);
    let mid = xs.len() / 2;
    Some(if xs.len() % 2 == 1 {
        xs[mid]
    } else {
        (xs[mid - 1] + xs[mid]) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::trace::Event;

    #[test]
    fn a_recipe_gets_a_cook_per_task_up_to_the_cores() {
        let recipe = crate::model::lesson::chop_and_dice().recipe;
        assert_eq!(Cooks::default_count(&recipe, 8), 2);
        assert_eq!(Cooks::default_count(&recipe, 1), 1);
        assert_eq!(Cooks::default_count(&recipe, 0), 1);
        assert_eq!(Cooks::most(64), MAX_COOKS);
        assert_eq!(Cooks::new(0).count, 1);
    }

    #[test]
    fn costs_are_read_back_from_the_trace() {
        let at = |at: f64, kind: EventKind| Event { at, kind };
        let trace = Trace {
            events: vec![
                at(0.0, EventKind::CookStarting { cook: 0 }),
                at(0.0, EventKind::CookStarting { cook: 1 }),
                at(40.0, EventKind::CookReady { cook: 1 }),
                at(60.0, EventKind::CookReady { cook: 0 }),
                // The first task of a cook started in the run waits for the recipe to be read.
                at(60.0, EventKind::Sent { task: 0, cook: 0 }),
                at(66.0, EventKind::PollStart { task: 0 }),
                at(61.0, EventKind::Sent { task: 1, cook: 1 }),
                at(67.0, EventKind::PollStart { task: 1 }),
                at(70.0, EventKind::Sent { task: 2, cook: 0 }),
                at(70.5, EventKind::PollStart { task: 2 }),
                at(71.0, EventKind::Sent { task: 3, cook: 1 }),
                at(71.2, EventKind::PollStart { task: 3 }),
            ],
            end: 80.0,
            cancelled: false,
        };
        let (startup, message) = measured_costs(&trace);
        assert_eq!(startup, Some(50.0));
        assert!((message.unwrap() - 0.35).abs() < 1e-9);
        assert_eq!(measured_costs(&Trace::default()), (None, None));
    }
}
