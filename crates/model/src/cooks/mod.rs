//! Cooks: the pool of Web Workers a processes run hands its tasks to, and what a cook costs.
//!
//! A cook is a worker thread with its own event loop and no memory shared with the page: the
//! browser's honest equivalent of a process in `ProcessPoolExecutor`. This module owns the pool's
//! description (how many cooks, how many are already started, what starting one and sending it a
//! message cost) and reading those costs back from a run's trace. It runs nothing: the runtime
//! runs the cooks, and the prediction simulates them with these numbers.

pub mod job;
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
/// What hearing back from a cook costs before any has been measured, in milliseconds: from a task's
/// end on the cook to the page sending that cook its next task.
pub const TYPICAL_REPLY_MS: f64 = 0.5;

/// A pool of cooks as a run finds it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cooks {
    /// How many cooks the run uses, from 1 to [`MAX_COOKS`].
    pub count: usize,
    /// How many of them are already started (a pool is kept and reused between runs).
    pub warm: usize,
    /// How many cores they share: while more cooks compute than this, they take turns.
    pub cores: usize,
    /// Milliseconds a cold cook takes to start.
    pub startup_ms: f64,
    /// Milliseconds a task's message takes from the page to a cook.
    pub message_ms: f64,
    /// Milliseconds from a task's end on a cook to the page hearing of it and sending that cook its
    /// next task. It is longer than [`Cooks::message_ms`]: the reply carries the task's facts, and
    /// the page reads them on its own thread, between its other callbacks.
    pub reply_ms: f64,
    /// In a threads run, milliseconds from one thread's release of the GIL to the next one's
    /// take while it waits: two messages through the page, which keeps the lock.
    pub handover_ms: f64,
}

impl Cooks {
    /// `count` cold cooks at the typical costs, each on a core of its own.
    pub fn new(count: usize) -> Cooks {
        let count = count.clamp(1, MAX_COOKS);
        Cooks {
            count,
            warm: 0,
            cores: count,
            startup_ms: TYPICAL_STARTUP_MS,
            message_ms: TYPICAL_MESSAGE_MS,
            reply_ms: TYPICAL_REPLY_MS,
            handover_ms: crate::gil::TYPICAL_HANDOVER_MS,
        }
    }

    /// `count` cooks already started, each on a core of its own, that cost nothing: the perfect
    /// pool, for reasoning about the parallel work alone.
    pub fn perfect(count: usize) -> Cooks {
        let count = count.clamp(1, MAX_COOKS);
        Cooks {
            count,
            warm: count,
            cores: count,
            startup_ms: 0.0,
            message_ms: 0.0,
            reply_ms: 0.0,
            handover_ms: 0.0,
        }
    }

    /// The same cooks on a machine of `cores` cores.
    pub fn on_cores(self, cores: usize) -> Cooks {
        Cooks {
            cores: cores.max(1),
            ..self
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

/// What a run's trace says its cooks cost, in milliseconds, or `None` where it measured nothing.
///
/// Start-up is the median of the cooks started, for one slow start should not make every cook look
/// slow. Messages and replies are means: a run pays every one of them, hiccups included, and the
/// clock's 0.1 ms step would make a median of many short ones coarse.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Measured {
    /// From a cook's `CookStarting` to its `CookReady`.
    pub startup: Option<f64>,
    /// From the page's `Sent` to the task's first poll on the cook.
    pub message: Option<f64>,
    /// From a task's end on a cook to the page's next `Sent` to that cook.
    pub reply: Option<f64>,
    /// In a threads run, from a thread's `GilReleased` to the `GilTaken` of a thread that was
    /// waiting for it: the median, for a run has hundreds and a few wait for a busy page.
    pub handover: Option<f64>,
}

/// Reads what the cooks of a run cost from its trace.
pub fn measured_costs(trace: &Trace) -> Measured {
    let mut starting: Vec<(usize, f64)> = Vec::new();
    let mut startups = Vec::new();
    let mut sent: Vec<(usize, f64)> = Vec::new();
    let mut latencies = Vec::new();
    // Which cook each task was sent to, and when each cook last ended a task.
    let mut cook_of: Vec<(usize, usize)> = Vec::new();
    let mut ended: Vec<(usize, f64)> = Vec::new();
    let mut replies = Vec::new();
    // A cook started in this run reads the recipe before its first task: that first task's wait is
    // not a message's cost, and is left out.
    let mut first_job: Vec<usize> = Vec::new();
    // The threads waiting for the GIL, and when it was last let go while one waited.
    let (mut wanting, mut released, mut handovers) = (Vec::new(), None, Vec::new());
    for event in &trace.events {
        match event.kind {
            EventKind::GilWanted { task } => wanting.push(task),
            EventKind::GilReleased { .. } => {
                released = (!wanting.is_empty()).then_some(event.at);
            }
            EventKind::GilTaken { task } => {
                if let Some(i) = wanting.iter().position(|&t| t == task) {
                    wanting.swap_remove(i);
                    if let Some(at) = released.take() {
                        handovers.push(event.at - at);
                    }
                }
            }
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
                cook_of.push((task, cook));
                if let Some(i) = ended.iter().position(|&(c, _)| c == cook) {
                    replies.push(event.at - ended.swap_remove(i).1);
                }
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
            EventKind::TaskEnd { task } => {
                if let Some(&(_, cook)) = cook_of.iter().find(|(t, _)| *t == task) {
                    ended.retain(|&(c, _)| c != cook);
                    ended.push((cook, event.at));
                }
            }
            _ => {}
        }
    }
    Measured {
        startup: median(startups),
        message: mean(&latencies),
        reply: mean(&replies),
        handover: median(handovers),
    }
}

fn mean(xs: &[f64]) -> Option<f64> {
    (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64)
}

fn median(mut xs: Vec<f64>) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    crate::sort::sort_stable_by(&mut xs, |a, b| a < b);
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
    use crate::trace::Event;

    #[test]
    fn a_threads_runs_hand_overs_are_measured_from_release_to_the_waiters_take() {
        let recipe = crate::lesson::chop_and_dice().recipe;
        let pool = Cooks {
            handover_ms: 0.35,
            ..Cooks::new(2)
        };
        let trace = crate::gil::run(&recipe, crate::gil::Gil::on(pool));
        let measured = measured_costs(&trace)
            .handover
            .expect("hand-overs measured");
        assert!((measured - 0.35).abs() < 1e-9, "{measured}");
        // A lone thread waits for nobody: nothing is measured.
        let mut alone = crate::lesson::downloads().recipe;
        alone.tasks[0].copies = 1;
        let trace = crate::gil::run(&alone, crate::gil::Gil::on(Cooks::new(1)));
        assert_eq!(measured_costs(&trace).handover, None);
    }

    #[test]
    fn a_recipe_gets_a_cook_per_task_up_to_the_cores() {
        let recipe = crate::lesson::chop_and_dice().recipe;
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
                // Cook 0 ends task 2 and is sent task 4 two milliseconds later; cook 1, four.
                at(72.0, EventKind::TaskEnd { task: 2 }),
                at(73.0, EventKind::TaskEnd { task: 3 }),
                at(74.0, EventKind::Sent { task: 4, cook: 0 }),
                at(74.1, EventKind::PollStart { task: 4 }),
                at(77.0, EventKind::Sent { task: 5, cook: 1 }),
                at(77.1, EventKind::PollStart { task: 5 }),
            ],
            end: 80.0,
            cancelled: false,
        };
        let measured = measured_costs(&trace);
        assert_eq!(measured.startup, Some(50.0));
        // The four messages measured: 0.5, 0.2, 0.1 and 0.1 ms.
        assert!((measured.message.unwrap() - 0.225).abs() < 1e-9);
        assert_eq!(measured.reply, Some(3.0));
        assert_eq!(measured_costs(&Trace::default()), Measured::default());
    }
}
