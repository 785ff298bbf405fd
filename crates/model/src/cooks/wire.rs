//! The facts a cook sends back to the page, as plain numbers: six per fact, printed texts aside.
//!
//! A cook runs a task on its own thread and records what happened there like any run does; the page
//! merges those facts into its trace. They cross between threads as a flat list of numbers (a
//! `Float64Array` the browser copies cheaply) rather than as JSON, so the page needs no parser for
//! them and a task of a thousand steps costs one small message. This module owns that encoding and
//! nothing else; it never panics on what it is given, only skips what it cannot read.

use crate::recipe::{Routine, StepId};
use crate::trace::{Activity, Event, EventKind};

/// Numbers per fact: what it is, when, the task, and three more that depend on what it is.
pub const WIDTH: usize = 6;

const POLL_START: f64 = 1.0;
const POLL_END: f64 = 2.0;
const STEP_START: f64 = 3.0;
const STEP_END: f64 = 4.0;
const TIMER_ARMED: f64 = 5.0;
const TIMER_FIRED: f64 = 6.0;
const WAKE: f64 = 7.0;
const PRINT: f64 = 8.0;
const TASK_END: f64 = 9.0;
const GIL_WANTED: f64 = 10.0;
const GIL_TAKEN: f64 = 11.0;
const GIL_RELEASED: f64 = 12.0;

/// Appends `event` to `numbers`, and its text (for a print) to `texts`. Facts a cook never records
/// (frames, the page's own) are left out.
pub fn encode(event: &Event, numbers: &mut Vec<f64>, texts: &mut Vec<String>) {
    let (code, task, x, y, z) = match &event.kind {
        EventKind::PollStart { task } => (POLL_START, *task, 0.0, 0.0, 0.0),
        EventKind::PollEnd { task, ready } => {
            (POLL_END, *task, f64::from(u8::from(*ready)), 0.0, 0.0)
        }
        EventKind::StepStart {
            task,
            step,
            activity,
        } => {
            let (r, i, s) = step_numbers(*step);
            // The activity rides on the routine's kind (0 or 1), as twice its number.
            let a = match activity {
                Activity::Work => 0.0,
                Activity::Sleep => 1.0,
                Activity::Await => 2.0,
                Activity::Instant => 3.0,
            };
            (STEP_START, *task, r + 2.0 * a, i, s)
        }
        EventKind::StepEnd { task, step } => {
            let (r, i, s) = step_numbers(*step);
            (STEP_END, *task, r, i, s)
        }
        EventKind::TimerArmed { task, due } => (TIMER_ARMED, *task, *due, 0.0, 0.0),
        EventKind::TimerFired { task } => (TIMER_FIRED, *task, 0.0, 0.0, 0.0),
        EventKind::Wake { task } => (WAKE, *task, 0.0, 0.0, 0.0),
        EventKind::Print { task, text } => {
            texts.push(text.clone());
            (PRINT, *task, (texts.len() - 1) as f64, 0.0, 0.0)
        }
        EventKind::TaskEnd { task } => (TASK_END, *task, 0.0, 0.0, 0.0),
        EventKind::GilWanted { task } => (GIL_WANTED, *task, 0.0, 0.0, 0.0),
        EventKind::GilTaken { task } => (GIL_TAKEN, *task, 0.0, 0.0, 0.0),
        EventKind::GilReleased { task } => (GIL_RELEASED, *task, 0.0, 0.0, 0.0),
        _ => return,
    };
    numbers.extend_from_slice(&[code, event.at, task as f64, x, y, z]);
}

fn step_numbers(step: StepId) -> (f64, f64, f64) {
    let (kind, index) = match step.routine {
        Routine::Task(i) => (0.0, i),
        Routine::Helper(i) => (1.0, i),
    };
    (kind, index as f64, step.index as f64)
}

/// The facts in `numbers` (with their `texts`), each time moved by `shift` milliseconds onto the
/// page's clock. Groups that do not make a fact are skipped.
pub fn decode(numbers: &[f64], texts: &[String], shift: f64) -> Vec<Event> {
    numbers
        .chunks_exact(WIDTH)
        .filter_map(|n| {
            let task = whole(n[2])?;
            let step = || {
                let index = whole(n[4])?;
                let routine = match whole(n[3])? % 2 {
                    0 => Routine::Task(index),
                    _ => Routine::Helper(index),
                };
                Some(StepId {
                    routine,
                    index: whole(n[5])?,
                })
            };
            let kind = match n[0] {
                POLL_START => EventKind::PollStart { task },
                POLL_END => EventKind::PollEnd {
                    task,
                    ready: n[3] != 0.0,
                },
                STEP_START => EventKind::StepStart {
                    task,
                    step: step()?,
                    activity: match whole(n[3])? / 2 {
                        0 => Activity::Work,
                        1 => Activity::Sleep,
                        2 => Activity::Await,
                        _ => Activity::Instant,
                    },
                },
                STEP_END => EventKind::StepEnd {
                    task,
                    step: step()?,
                },
                TIMER_ARMED => EventKind::TimerArmed {
                    task,
                    due: n[3] + shift,
                },
                TIMER_FIRED => EventKind::TimerFired { task },
                WAKE => EventKind::Wake { task },
                PRINT => EventKind::Print {
                    task,
                    text: texts.get(whole(n[3])?)?.clone(),
                },
                TASK_END => EventKind::TaskEnd { task },
                GIL_WANTED => EventKind::GilWanted { task },
                GIL_TAKEN => EventKind::GilTaken { task },
                GIL_RELEASED => EventKind::GilReleased { task },
                _ => return None,
            };
            n[1].is_finite().then(|| Event {
                at: n[1] + shift,
                kind,
            })
        })
        .collect()
}

/// A number that must be a small whole one (an index), or `None`.
fn whole(x: f64) -> Option<usize> {
    (x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x < 1e9).then_some(x as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Mode, lesson, predict};

    #[test]
    fn every_fact_a_cook_records_crosses_unchanged() {
        // The fruit shop has prints, helpers, timers and awaits; blocking inside async adds sleeps,
        // the missing await instant steps that do nothing, the chores work.
        for (recipe, mode) in [
            (lesson::fruit_shop().recipe, Mode::Gather),
            (
                lesson::blocking_inside_async().recipe,
                Mode::BlockingInAsync,
            ),
            (lesson::missing_await().recipe, Mode::Gather),
            (lesson::chores().recipe, Mode::Gather),
        ] {
            let events: Vec<Event> = predict::predict(&recipe, mode)
                .events
                .into_iter()
                .filter(|e| !matches!(e.kind, EventKind::TaskStart { .. }))
                .collect();
            let (mut numbers, mut texts) = (Vec::new(), Vec::new());
            for e in &events {
                encode(e, &mut numbers, &mut texts);
            }
            assert_eq!(decode(&numbers, &texts, 0.0), events);
            let shifted = decode(&numbers, &texts, 100.0);
            assert_eq!(shifted[0].at, events[0].at + 100.0);
        }
    }

    #[test]
    fn a_threads_runs_facts_cross_unchanged() {
        // What a thread records of its own: its steps, prints and the GIL's changes of hands.
        let mut wanted = 0;
        for recipe in [
            lesson::fruit_shop(),
            lesson::chores(),
            lesson::boil_and_chop(),
        ] {
            let events: Vec<Event> = crate::gil::run(&recipe.recipe, crate::gil::Gil::new(2, 2))
                .events
                .into_iter()
                .filter(|e| crate::Trace::task_of(&e.kind).is_some())
                .filter(|e| !matches!(e.kind, EventKind::TaskStart { .. } | EventKind::Sent { .. }))
                .collect();
            wanted += events
                .iter()
                .filter(|e| matches!(e.kind, EventKind::GilWanted { .. }))
                .count();
            let (mut numbers, mut texts) = (Vec::new(), Vec::new());
            for e in &events {
                encode(e, &mut numbers, &mut texts);
            }
            assert_eq!(decode(&numbers, &texts, 0.0), events);
        }
        assert!(wanted > 0);
    }

    #[test]
    fn numbers_that_make_no_fact_are_skipped() {
        let bad = [
            99.0,
            1.0,
            0.0,
            0.0,
            0.0,
            0.0, // no such fact
            PRINT,
            1.0,
            0.0,
            7.0,
            0.0,
            0.0, // a text that is not there
            POLL_START,
            f64::NAN,
            0.0,
            0.0,
            0.0,
            0.0, // no time
            WAKE,
            1.0,
            -1.0,
            0.0,
            0.0,
            0.0, // no task
            TIMER_FIRED,
            2.0,
            3.0,
            0.0,
            0.0,
            0.0, // a good one
            1.0,
            2.0, // a group cut short
        ];
        let events = decode(&bad, &[], 0.0);
        assert_eq!(
            events,
            [Event {
                at: 2.0,
                kind: EventKind::TimerFired { task: 3 }
            }]
        );
    }
}
