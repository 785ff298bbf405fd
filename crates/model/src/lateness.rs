//! Lateness: how far each step of a measured run drifted from the prediction.
//!
//! Steps are matched by task instance, step and occurrence (a helper called twice runs its steps
//! twice), so the comparison needs no timing assumptions. This module owns that matching; it does not
//! decide what counts as late enough to show.

use super::recipe::StepId;
use super::sort::sort_stable_by;
use super::trace::{EventKind, Trace};

/// When one occurrence of a step started and ended; `end` is `None` if the run stopped first.
#[derive(Clone, Debug, PartialEq)]
pub struct StepTiming {
    /// The task instance the step ran under.
    pub task: usize,
    /// The step.
    pub step: StepId,
    /// Which occurrence of this step in this instance, from 0.
    pub occurrence: usize,
    /// When the step started.
    pub start: f64,
    /// When the step ended, if it did.
    pub end: Option<f64>,
}

/// One step's planned and measured times.
#[derive(Clone, Debug, PartialEq)]
pub struct StepLateness {
    /// The predicted timing.
    pub planned: StepTiming,
    /// The measured timing, if the step ran at all.
    pub measured: Option<StepTiming>,
}

impl StepLateness {
    /// How much later than planned the step started, in milliseconds (negative if early).
    pub fn start_late(&self) -> Option<f64> {
        self.measured.as_ref().map(|m| m.start - self.planned.start)
    }

    /// How much later than planned the step ended, in milliseconds (negative if early).
    pub fn end_late(&self) -> Option<f64> {
        let measured = self.measured.as_ref()?.end?;
        Some(measured - self.planned.end?)
    }

    /// How much longer than planned the step took, in milliseconds (negative if shorter).
    pub fn duration_late(&self) -> Option<f64> {
        let m = self.measured.as_ref()?;
        Some((m.end? - m.start) - (self.planned.end? - self.planned.start))
    }
}

/// Every step occurrence in a trace, in the order the steps started.
pub fn step_timings(trace: &Trace) -> Vec<StepTiming> {
    let mut timings: Vec<StepTiming> = Vec::new();
    // How often each step has started, per task: a task has few distinct steps, so a short list
    // each rather than a hash map (whose hashing code the page would download for this alone).
    let mut seen: Vec<Vec<(StepId, usize)>> = Vec::new();
    // Open steps per task (by task index), innermost last, as indices into `timings`.
    let mut open: Vec<Vec<usize>> = Vec::new();
    fn open_of(open: &mut Vec<Vec<usize>>, task: usize) -> &mut Vec<usize> {
        if open.len() <= task {
            open.resize_with(task + 1, Vec::new);
        }
        &mut open[task]
    }
    for event in &trace.events {
        match &event.kind {
            EventKind::StepStart { task, step, .. } => {
                if seen.len() <= *task {
                    seen.resize_with(*task + 1, Vec::new);
                }
                let steps = &mut seen[*task];
                let at = match steps.iter().position(|(s, _)| s == step) {
                    Some(at) => at,
                    None => {
                        steps.push((*step, 0));
                        steps.len() - 1
                    }
                };
                let count = &mut steps[at].1;
                open_of(&mut open, *task).push(timings.len());
                timings.push(StepTiming {
                    task: *task,
                    step: *step,
                    occurrence: *count,
                    start: event.at,
                    end: None,
                });
                *count += 1;
            }
            EventKind::StepEnd { task, step } => {
                let stack = open_of(&mut open, *task);
                if let Some(pos) = stack.iter().rposition(|&i| timings[i].step == *step) {
                    let index = stack[pos];
                    timings[index].end = Some(event.at);
                    stack.truncate(pos);
                }
            }
            _ => {}
        }
    }
    timings
}

/// Pairs every predicted step occurrence with its measured one.
pub fn compare(predicted: &Trace, measured: &Trace) -> Vec<StepLateness> {
    // The measured occurrences sorted by (task, step, occurrence), then found by binary search: no
    // hash map, and O(n log n) for a hundred thousand tasks. Each key occurs once.
    let key = |t: &StepTiming| (t.task, t.step, t.occurrence);
    let mut found = step_timings(measured);
    sort_stable_by(&mut found, |a, b| key(a) < key(b));
    step_timings(predicted)
        .into_iter()
        .map(|planned| {
            let measured = found
                .binary_search_by(|t| key(t).cmp(&key(&planned)))
                .ok()
                .map(|at| found[at].clone());
            StepLateness { planned, measured }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recipe::{Action, Recipe, Routine, Step, Task, Unit};
    use crate::{Mode, predict};

    fn fruit() -> Recipe {
        Recipe {
            title: "t".into(),
            story: String::new(),
            unit: Unit::Ms,
            scale_ms: 1.0,
            tasks: vec![Task::new(
                "fruit",
                vec![
                    Step::new(Action::Call("fetch".into())),
                    Step::new(Action::Call("fetch".into())),
                ],
            )],
            helpers: vec![Task::new("fetch", vec![Step::new(Action::Wait(10))])],
            exercises: Vec::new(),
        }
    }

    #[test]
    fn a_helper_called_twice_has_two_occurrences_of_its_steps() {
        let trace = predict::predict(&fruit(), Mode::Gather);
        let waits: Vec<_> = step_timings(&trace)
            .into_iter()
            .filter(|t| t.step.routine == Routine::Helper(0))
            .map(|t| (t.occurrence, t.start, t.end))
            .collect();
        assert_eq!(waits, [(0, 0.0, Some(10.0)), (1, 10.0, Some(20.0))]);
    }

    #[test]
    fn comparing_a_late_run_with_the_plan_gives_each_steps_lateness() {
        let plan = predict::predict(&fruit(), Mode::Gather);
        let mut late = plan.clone();
        // Every event of the measured run happens 3 ms after the plan's.
        late.events.iter_mut().for_each(|e| e.at += 3.0);
        let lateness = compare(&plan, &late);
        assert_eq!(lateness.len(), 4);
        for l in &lateness {
            assert_eq!(l.start_late(), Some(3.0));
            assert_eq!(l.end_late(), Some(3.0));
            assert_eq!(l.duration_late(), Some(0.0));
        }
        // A cancelled run leaves later steps unmatched and open ones unfinished.
        let mut cut = plan.clone();
        cut.events.retain(|e| e.at < 5.0);
        let partial = compare(&plan, &cut);
        assert!(partial.iter().any(|l| l.measured.is_none()));
        assert!(
            partial
                .iter()
                .any(|l| l.measured.is_some() && l.end_late().is_none())
        );
    }
}
