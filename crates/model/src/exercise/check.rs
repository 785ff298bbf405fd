//! Judging answers: each function takes what the learner answered and what a run (or a prediction)
//! did, and says right or wrong, part by part, in sentences for the learner.

use super::{Choice, Goal, Tolerance};
use crate::format::{Fixed, possessive};
use crate::mode::Mode;
use crate::predict;
use crate::recipe::{Action, Recipe, Unit};
use crate::replay::machine::Variant;
use crate::sort::sort_stable_by;

/// Right or wrong, with the reasons.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// Whether every part is right.
    pub correct: bool,
    /// Each thing checked, in the order the learner reads them.
    pub parts: Vec<Part>,
}

/// One thing checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    /// Whether it is right.
    pub correct: bool,
    /// What was found, in a sentence.
    pub text: String,
}

impl Verdict {
    fn of(parts: Vec<Part>) -> Verdict {
        Verdict {
            correct: parts.iter().all(|p| p.correct),
            parts,
        }
    }
}

fn part(correct: bool, text: String) -> Part {
    Part { correct, text }
}

/// An amount in the recipe's unit, with one decimal where it needs one: `60 min`, `2.5 s`.
pub fn amount(unit: Unit, units: f64) -> String {
    let text = Fixed(units, 1).to_string();
    let text = text.strip_suffix(".0").unwrap_or(&text);
    format!("{text} {}", unit.symbol())
}

/// An order answer against the lines the run printed: right when they are the same lines in the
/// same order. A wrong answer is told where it first differs.
pub fn order(answer: &[String], printed: &[String]) -> Verdict {
    if answer == printed {
        return Verdict::of(vec![part(
            true,
            format!(
                "Right: the run printed these {} lines in this order.",
                printed.len()
            ),
        )]);
    }
    let first = answer
        .iter()
        .zip(printed)
        .position(|(a, p)| a != p)
        .unwrap_or(answer.len().min(printed.len()));
    let text = match (answer.get(first), printed.get(first)) {
        (Some(a), Some(p)) => format!(
            "Line {} differs: you put “{a}” there, and the run printed “{p}”.",
            first + 1
        ),
        (None, Some(p)) => format!(
            "The run printed more lines than your answer has: line {} was “{p}”.",
            first + 1
        ),
        (Some(a), None) => format!(
            "Your answer has more lines than the run printed: it never printed line {} (“{a}”).",
            first + 1
        ),
        (None, None) => "Your answer and the run differ.".to_owned(),
    };
    Verdict::of(vec![part(false, text)])
}

/// A total answered in the recipe's unit against the predicted total: right within the tolerance.
pub fn total(answer: f64, predicted: f64, tolerance: Tolerance, unit: Unit) -> Verdict {
    let allowed = tolerance.around(predicted);
    let off = (answer - predicted).abs();
    let right = answer.is_finite() && off <= allowed;
    let text = if !answer.is_finite() {
        format!(
            "That is not a number of {}: write the total as a number, such as `12` or `2.5`.",
            unit.symbol()
        )
    } else if right {
        format!(
            "Right: the prediction is {}, and your {} is within {} of it.",
            amount(unit, predicted),
            amount(unit, answer),
            amount(unit, allowed)
        )
    } else {
        let way = if answer > predicted { "over" } else { "under" };
        format!(
            "The prediction is {}: your {} is {} {way} (up to {} either way counts).",
            amount(unit, predicted),
            amount(unit, answer),
            amount(unit, off),
            amount(unit, allowed)
        )
    };
    Verdict::of(vec![part(right, text)])
}

/// How many states a future went through, answered as `answer`, against the variants `through`
/// its future was in during the run, in order: right when the count is theirs. `task` names the
/// task whose future it is.
pub fn states(answer: u32, through: &[Variant], task: &str) -> Verdict {
    let names: Vec<String> = through.iter().map(ToString::to_string).collect();
    let count = names.len();
    let went = format!(
        "{} future went through {count} state{}: {}",
        possessive(task),
        if count == 1 { "" } else { "s" },
        names.join(", then ")
    );
    let right = usize::try_from(answer).is_ok_and(|a| a == count);
    let text = if right {
        format!("Right: {went}.")
    } else {
        let awaits = match count.saturating_sub(2) {
            0 => "none here".to_owned(),
            1 => "one here".to_owned(),
            n => format!("{n} here"),
        };
        format!(
            "{went}, not {answer}: one for each `.await` that suspended it ({awaits}), and the \
             first and the last."
        )
    };
    Verdict::of(vec![part(right, text)])
}

/// Which state a future was in at a moment, answered as `answer` (`None`: no choice), against
/// `state`, the one the run showed; `names` are the asked task's and the one whose return is the
/// moment.
pub fn state_at(
    answer: Option<Variant>,
    state: Variant,
    (task, when): (String, String),
) -> Verdict {
    let right = answer == Some(state);
    let why = match state {
        Variant::Unresumed => "it had not been polled yet",
        Variant::Returned => "it had already returned",
        Variant::Suspend(_) => "it was waiting at that `.await`",
    };
    let text = if right {
        format!(
            "Right: when {when} returned, {} future was in {state}: {why}.",
            possessive(&task)
        )
    } else {
        format!(
            "When {when} returned, {} future was in {state}, not {}: {why}.",
            possessive(&task),
            answer.map_or_else(|| "none".to_owned(), |a| a.to_string())
        )
    };
    Verdict::of(vec![part(right, text)])
}

/// Whose callback was called first, answered as `answer` (`None`: no choice), against `first`, the
/// task the run called back first.
pub fn first_callback(answer: Option<String>, first: &str) -> Verdict {
    let right = answer.as_deref() == Some(first);
    let text = if right {
        format!(
            "Right: {} callback was called first: callbacks are called by their due time (a \
             yield's at once), and at a tie in the order they were registered.",
            possessive(first)
        )
    } else {
        format!(
            "{} callback was called first, not {}: callbacks are called by their due time (a \
             yield's at once), and at a tie in the order they were registered.",
            possessive(first),
            answer.map_or_else(|| "none".to_owned(), |a| possessive(&a))
        )
    };
    Verdict::of(vec![part(right, text)])
}

/// Whether a run in `mode` that took `total` units and printed `printed` meets `goal`, in words.
pub fn goal(goal: &Goal, mode: Mode, total: f64, printed: &[String], unit: Unit) -> Part {
    if let Some(wanted) = goal.mode().filter(|&m| m != mode) {
        return part(
            false,
            format!(
                "The goal is for a run in {}; this run was in {}.",
                wanted.label(),
                mode.label()
            ),
        );
    }
    match goal {
        Goal::FinishWithin {
            units, tolerance, ..
        } => {
            let limit = units + tolerance.around(*units);
            let met = total <= limit;
            let text = if met {
                format!(
                    "It took {}, within the {} the goal allows.",
                    amount(unit, total),
                    amount(unit, *units)
                )
            } else {
                format!(
                    "It took {}, over the {} the goal allows.",
                    amount(unit, total),
                    amount(unit, *units)
                )
            };
            part(met, text)
        }
        Goal::Prints { lines, .. } => {
            let met = printed == lines.as_slice();
            let text = if met {
                "It printed the lines in the order the goal asks for.".to_owned()
            } else {
                format!("It printed {}.", printed.join(" "))
            };
            part(met, text)
        }
    }
}

/// What one choice of a "which change" exercise would do: its predicted total and prints, and
/// whether they meet the goal.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The predicted total, in the recipe's unit.
    pub total: f64,
    /// The predicted console, in order.
    pub printed: Vec<String>,
    /// Whether the choice meets the goal.
    pub meets: bool,
}

/// Predicts every choice and judges it against `goal`.
pub fn outcomes(goal_: &Goal, choices: &[Choice]) -> Vec<Outcome> {
    choices
        .iter()
        .map(|choice| {
            let timeline = predict::prediction(&choice.recipe, choice.mode);
            let total = choice.recipe.units(timeline.end);
            let printed: Vec<String> = timeline.console.into_iter().map(|l| l.text).collect();
            let meets = goal(goal_, choice.mode, total, &printed, choice.recipe.unit).correct;
            Outcome {
                total,
                printed,
                meets,
            }
        })
        .collect()
}

/// The choices picked (by index) against what each would do: right when exactly the choices that
/// meet the goal are picked. Every choice is told, picked or not.
pub fn picked(choices: &[Choice], outcomes: &[Outcome], picked: &[usize], unit: Unit) -> Verdict {
    let parts = choices
        .iter()
        .zip(outcomes)
        .enumerate()
        .map(|(i, (choice, outcome))| {
            let chosen = picked.contains(&i);
            let would = format!(
                "“{}” would take {}{}",
                choice.label,
                amount(unit, outcome.total),
                if outcome.printed.is_empty() {
                    String::from(" and print nothing")
                } else {
                    format!(" and print {}", outcome.printed.join(" "))
                }
            );
            let text = match (chosen, outcome.meets) {
                (true, true) => format!("{would}: it meets the goal."),
                (true, false) => format!("{would}: it does not meet the goal."),
                (false, true) => format!("{would}: it meets the goal too."),
                (false, false) => format!("{would}, which misses the goal."),
            };
            part(chosen == outcome.meets, text)
        })
        .collect();
    Verdict::of(parts)
}

/// A "make it" answer: the learner's `edited` recipe keeps every step's length (against
/// `original`), and its run meets `goal`. The run took `total` units and the prediction of the same
/// edit `predicted`: a time goal is judged by the prediction (what the recipe's arrangement does),
/// and the measured total is told beside it when the browser's timers made it longer, so that a
/// slow machine, or a scale of a few milliseconds, cannot make a right arrangement wrong. The lines
/// are the run's own.
pub fn make_it(
    goal_: &Goal,
    original: &Recipe,
    edited: &Recipe,
    mode: Mode,
    (total, predicted): (f64, f64),
    printed: &[String],
) -> Verdict {
    let kept = same_steps(original, edited);
    let steps = match kept {
        Ok(()) => part(
            true,
            "Every step takes as long as in the lesson.".to_owned(),
        ),
        Err(why) => part(false, why),
    };
    let mut met = goal(goal_, mode, predicted, printed, edited.unit);
    if matches!(goal_, Goal::FinishWithin { .. }) && (total - predicted).abs() >= 0.05 {
        met.text = format!(
            "{} (Planned {}; the run measured {}: the difference is the browser's timers and \
             bookkeeping.)",
            met.text,
            amount(edited.unit, predicted),
            amount(edited.unit, total)
        );
    }
    Verdict::of(vec![steps, met])
}

/// A step that takes time, as it runs: work or wait, how many units, and whether its await is
/// missing (an unawaited wait takes no time, so dropping an await is a change of length too).
type Timed = (bool, u32, bool);

/// Whether `edited` runs the same timed steps as `original` (each `work` and `wait` of each task
/// instance, helpers' steps counted once per call), in any order and in any task. If not, the first
/// difference in words.
pub fn same_steps(original: &Recipe, edited: &Recipe) -> Result<(), String> {
    if original.unit != edited.unit {
        return Err(format!(
            "The recipe's unit changed from {} to {}: keep the lesson's.",
            original.unit.symbol(),
            edited.unit.symbol()
        ));
    }
    let (before, after) = (timed_steps(original), timed_steps(edited));
    let unit = edited.unit.symbol();
    let word = |&(work, n, unawaited): &Timed| {
        let what = if work { "work" } else { "wait" };
        let how = if unawaited { ", unawaited" } else { "" };
        format!("{what} {n} {unit}{how}")
    };
    let missing = before.iter().find(|s| count(&before, s) > count(&after, s));
    let extra = after.iter().find(|s| count(&after, s) > count(&before, s));
    match (missing, extra) {
        (None, None) => Ok(()),
        (Some(m), Some(e)) => Err(format!(
            "The steps' lengths changed: the lesson has a `{}` your recipe lacks, and yours has a `{}` it does not.",
            word(m),
            word(e)
        )),
        (Some(m), None) => Err(format!(
            "A step is missing: the lesson's recipe runs `{}` once more than yours.",
            word(m)
        )),
        (None, Some(e)) => Err(format!(
            "Your recipe runs `{}` once more than the lesson's: keep the steps as they are.",
            word(e)
        )),
    }
}

fn count(steps: &[Timed], step: &Timed) -> usize {
    steps.iter().filter(|s| *s == step).count()
}

/// Every `work` and `wait` a run of `recipe` executes, sorted.
fn timed_steps(recipe: &Recipe) -> Vec<Timed> {
    let mut out: Vec<Timed> = recipe
        .steps_as_run()
        .into_iter()
        .filter_map(|step| match step.action {
            Action::Work(n) => Some((true, n, step.missing_await)),
            Action::Wait(n) => Some((false, n, step.missing_await)),
            _ => None,
        })
        .collect();
    sort_stable_by(&mut out, |a, b| a < b);
    out
}
