//! Fidelity: how closely a measured run kept to its prediction, summarised step by step.
//!
//! The bench reports this for every lesson: how much longer each timer wait and each busy-wait took
//! than planned (the spread of [`StepLateness::duration_late`]) and how late the whole run ended. This
//! module owns the classification of steps into timers and busy-waits and the percentile arithmetic;
//! it does not run anything or judge whether a figure is good enough.

use serde::Serialize;

use super::lateness::{StepLateness, compare};
use super::mode::Mode;
use super::recipe::{Action, Recipe};
use super::trace::Trace;

/// The spread of a set of figures in milliseconds: how many, the median, the 99th percentile, the most.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Spread {
    /// How many figures.
    pub count: usize,
    /// The median (nearest rank).
    pub p50: f64,
    /// The 95th percentile (nearest rank).
    pub p95: f64,
    /// The 99th percentile (nearest rank).
    pub p99: f64,
    /// The largest.
    pub max: f64,
}

impl Spread {
    /// The spread of `values`, or `None` if there are none. NaNs are ignored.
    pub fn of(values: impl IntoIterator<Item = f64>) -> Option<Spread> {
        let mut sorted: Vec<f64> = values.into_iter().filter(|v| !v.is_nan()).collect();
        sorted.sort_by(f64::total_cmp);
        let rank = |p: f64| {
            // Nearest rank: the smallest value with at least p of the values at or below it.
            let index = (p * sorted.len() as f64).ceil() as usize;
            sorted[index.clamp(1, sorted.len()) - 1]
        };
        (!sorted.is_empty()).then(|| Spread {
            count: sorted.len(),
            p50: rank(0.50),
            p95: rank(0.95),
            p99: rank(0.99),
            max: sorted[sorted.len() - 1],
        })
    }
}

/// What a step costs the thread, as far as timing precision goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    /// A wait on a browser timer: as precise as the timer and the event loop.
    Timer,
    /// A busy-wait on the clock (`work`, or a `wait` that blocks): as precise as the clock.
    Busy,
}

/// Which precision applies to an action in `mode`: `None` for steps that take no time of their own
/// (prints, yields, un-awaited calls) or only the time of other steps (calls).
pub fn precision(action: &Action, missing_await: bool, mode: Mode) -> Option<Precision> {
    let blocking_waits = matches!(mode, Mode::Blocking | Mode::BlockingInAsync);
    match action {
        Action::Work(_) => Some(Precision::Busy),
        Action::Wait(_) if blocking_waits => Some(Precision::Busy),
        Action::Wait(_) if !missing_await && !action.is_bare_yield() => Some(Precision::Timer),
        _ => None,
    }
}

/// How closely one run kept to its prediction.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fidelity {
    /// The predicted total, in milliseconds.
    pub predicted_ms: f64,
    /// The measured total, in milliseconds.
    pub measured_ms: f64,
    /// How much longer timer waits took than planned, in milliseconds; `None` if there were none.
    pub timer: Option<Spread>,
    /// How much longer busy-waits took than planned, in milliseconds; `None` if there were none.
    pub busy: Option<Spread>,
    /// Planned steps that never ran or never ended (a cancelled run): they are not in the spreads.
    pub unmatched: usize,
}

/// The median lateness of timer waits from which a run's timers count as coarsened by the browser,
/// in milliseconds: Chromium's timers are 1–2 ms late and Firefox's 3–6 ms, while a hidden tab,
/// Low Power Mode or Safari's alignment of timers in an untouched cross-origin frame (to 30 ms)
/// makes them later than this.
pub const COARSENED_MS: f64 = 10.0;

/// Whether the browser coarsened a run's timers: at least three timer waits, and their median
/// lateness at least [`COARSENED_MS`]. `steps` are the run's steps compared with the prediction.
pub fn coarsened(recipe: &Recipe, mode: Mode, steps: &[StepLateness]) -> bool {
    spread(recipe, mode, steps, Precision::Timer)
        .is_some_and(|s| s.count >= 3 && s.p50 >= COARSENED_MS)
}

/// How much longer than planned the steps of one precision took.
fn spread(recipe: &Recipe, mode: Mode, steps: &[StepLateness], want: Precision) -> Option<Spread> {
    let of_kind = |l: &&StepLateness| {
        recipe
            .step(l.planned.step)
            .and_then(|s| precision(&s.action, s.missing_await, mode))
            == Some(want)
    };
    Spread::of(
        steps
            .iter()
            .filter(of_kind)
            .filter_map(StepLateness::duration_late),
    )
}

/// Compares `measured` with `predicted`, both runs of `recipe` in `mode`.
pub fn fidelity(recipe: &Recipe, mode: Mode, predicted: &Trace, measured: &Trace) -> Fidelity {
    let steps = compare(predicted, measured);
    let late = |want: Precision| spread(recipe, mode, &steps, want);
    Fidelity {
        predicted_ms: predicted.end,
        measured_ms: measured.end,
        timer: late(Precision::Timer),
        busy: late(Precision::Busy),
        unmatched: steps.iter().filter(|l| l.duration_late().is_none()).count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lesson;
    use crate::predict::predict;

    fn check(values: &[f64], expect: Option<[f64; 4]>) {
        let got = Spread::of(values.iter().copied()).map(|s| [s.p50, s.p95, s.p99, s.max]);
        assert_eq!(got, expect, "spread of {values:?}");
    }

    #[test]
    fn timers_a_browser_coarsened_are_told_apart_from_late_ones() {
        use crate::lateness::StepTiming;
        use crate::recipe::{Routine, StepId};
        let recipe = lesson::by_id("downloads").unwrap().recipe;
        // The download's `wait 3`, after its print.
        let wait = StepId {
            routine: Routine::Task(0),
            index: 1,
        };
        let late = |by: &[f64]| -> Vec<StepLateness> {
            by.iter()
                .enumerate()
                .map(|(task, &late)| {
                    let planned = StepTiming {
                        task,
                        step: wait,
                        occurrence: 0,
                        start: 0.0,
                        end: Some(300.0),
                    };
                    StepLateness {
                        measured: Some(StepTiming {
                            end: Some(300.0 + late),
                            ..planned.clone()
                        }),
                        planned,
                    }
                })
                .collect()
        };
        let table: &[(&[f64], bool)] = &[
            (&[1.0, 2.0, 1.5, 1.2, 1.1], false),
            (&[3.0, 6.0, 4.0], false),
            (&[12.0, 29.0, 3.0, 17.0, 25.0], true),
            (&[30.0, 30.0], false),
        ];
        for (by, expect) in table {
            assert_eq!(
                coarsened(&recipe, Mode::Gather, &late(by)),
                *expect,
                "{by:?}"
            );
        }
        // Blocking sleeps are busy-waits, which no browser coarsens.
        assert!(!coarsened(
            &recipe,
            Mode::Blocking,
            &late(&[30.0, 30.0, 30.0])
        ));
    }

    #[test]
    fn spreads_use_the_nearest_rank() {
        check(&[], None);
        check(&[f64::NAN], None);
        check(&[2.0], Some([2.0, 2.0, 2.0, 2.0]));
        check(&[3.0, 1.0, 2.0, f64::NAN], Some([2.0, 3.0, 3.0, 3.0]));
        let hundred: Vec<f64> = (1..=100).map(f64::from).collect();
        check(&hundred, Some([50.0, 95.0, 99.0, 100.0]));
        let thousand: Vec<f64> = (1..=1000).rev().map(f64::from).collect();
        check(&thousand, Some([500.0, 950.0, 990.0, 1000.0]));
    }

    #[test]
    fn steps_are_timers_or_busy_waits_by_mode() {
        let wait = Action::Wait(1);
        let cases = [
            (&wait, false, Mode::Gather, Some(Precision::Timer)),
            (&wait, false, Mode::Blocking, Some(Precision::Busy)),
            (&wait, false, Mode::BlockingInAsync, Some(Precision::Busy)),
            (&wait, true, Mode::Gather, None),
            (&Action::Work(1), false, Mode::Gather, Some(Precision::Busy)),
            (&Action::Yield, false, Mode::Gather, None),
            (&Action::Call("f".into()), false, Mode::Gather, None),
        ];
        for (action, missing_await, mode, want) in cases {
            assert_eq!(
                precision(action, missing_await, mode),
                want,
                "{action:?} in {mode:?}"
            );
        }
    }

    #[test]
    fn a_run_that_keeps_to_its_plan_is_late_by_nothing() {
        let recipe = lesson::by_id("cake").expect("the cake lesson").recipe;
        let plan = predict(&recipe, Mode::Gather);
        let f = fidelity(&recipe, Mode::Gather, &plan, &plan);
        assert_eq!(f.unmatched, 0);
        assert_eq!(f.timer.as_ref().map(|s| (s.count, s.max)), Some((1, 0.0)));
        assert_eq!(f.busy.as_ref().map(|s| (s.count, s.max)), Some((2, 0.0)));
    }

    #[test]
    fn a_slow_busy_wait_shows_in_the_busy_spread_only() {
        let recipe = lesson::by_id("cake").expect("the cake lesson").recipe;
        let plan = predict(&recipe, Mode::Blocking);
        let mut slow = plan.clone();
        // Every event after the first step started happens 0.5 ms late: the first step took longer.
        let first_end = slow
            .events
            .iter()
            .position(|e| matches!(e.kind, crate::EventKind::StepEnd { .. }));
        for e in &mut slow.events[first_end.expect("a step ends")..] {
            e.at += 0.5;
        }
        slow.end += 0.5;
        let f = fidelity(&recipe, Mode::Blocking, &plan, &slow);
        assert!(f.timer.is_none(), "blocking has no timers");
        let busy = f.busy.expect("busy-waits");
        assert_eq!((busy.count, busy.max, busy.p50), (3, 0.5, 0.0));
        assert_eq!(f.measured_ms - f.predicted_ms, 0.5);
    }
}
