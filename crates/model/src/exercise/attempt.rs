//! One learner's attempt at one exercise: the answer being written, locked in before the run, then
//! judged by the run — the flow the page walks a learner through, as plain data.
//!
//! Answers cannot change once locked (the page locks them when the run starts); a verdict is given
//! only to a locked answer and only by a run in the mode the question is about; *Try again* keeps
//! the count of attempts and starts a fresh answer.

use super::check::{self, Verdict};
use super::{Exercise, Goal, Question};
use crate::code::CodeView;
use crate::mode::Mode;
use crate::predict;
use crate::recipe::{Action, Recipe};
use crate::replay::Replay;

/// What the learner answered, by kind of question.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// The lines in the order the learner expects them.
    Order(Vec<String>),
    /// A total in the recipe's unit, once the learner has written one.
    Total(Option<f64>),
    /// The indices of the choices picked.
    Choices(Vec<usize>),
    /// A "make it" exercise is answered by editing the recipe; the edit is judged by its run.
    Edit,
    /// A count (of states), once the learner has written a whole number.
    Count(Option<u32>),
    /// The index of the one choice picked (a state), once one is.
    Pick(Option<usize>),
}

/// What a run that judges an attempt did.
#[derive(Clone, Copy, Debug)]
pub struct Run<'a> {
    /// The recipe as it ran.
    pub recipe: &'a Recipe,
    /// The mode it ran in.
    pub mode: Mode,
    /// Its total, in the recipe's unit.
    pub total: f64,
    /// The lines it printed, in order.
    pub printed: &'a [String],
    /// The prediction's total for the same recipe and mode, in the recipe's unit.
    pub predicted: f64,
    /// The run's replay and its async/await Rust, whose `.await`s number the states of its
    /// futures: what a question on states is judged by (`None` where none is asked).
    pub machine: Option<(&'a Replay, &'a CodeView)>,
}

/// One attempt at an exercise.
#[derive(Clone, Debug, PartialEq)]
pub struct Attempt {
    /// The answer so far.
    pub answer: Answer,
    /// Whether the answer is locked in.
    pub locked: bool,
    /// The verdict, once a run has judged the locked answer.
    pub verdict: Option<Verdict>,
    /// How many answers have been judged, this one included.
    pub attempts: u32,
}

/// Why an answer cannot be locked in yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotReady {
    /// A total has not been written.
    NoTotal,
    /// No choice is picked.
    NoChoice,
}

impl Attempt {
    /// A fresh attempt at `exercise` on `recipe`. An order starts as the recipe's lines in reverse of
    /// the order they are written, moved on by one if that happens to be the order the prediction
    /// gives, so that the starting arrangement never hands the learner the answer. (A mode on the
    /// page's workers is not simulated here, for the first look holds no such simulation
    /// ([`predict::on_page`]): its order starts reversed as written.)
    pub fn new(exercise: &Exercise, recipe: &Recipe) -> Attempt {
        let answer = match &exercise.question {
            Question::Order { mode } => {
                let mut lines = written_lines(recipe);
                lines.reverse();
                let trace = predict::on_page(recipe, *mode);
                let predicted: Vec<String> = crate::Timeline::from_trace(recipe, &trace)
                    .console
                    .into_iter()
                    .map(|l| l.text)
                    .collect();
                if lines == predicted && !lines.is_empty() {
                    lines.rotate_left(1);
                }
                Answer::Order(lines)
            }
            Question::Total { .. } => Answer::Total(None),
            Question::Change { .. } => Answer::Choices(Vec::new()),
            Question::MakeIt { .. } => Answer::Edit,
            Question::States { .. } => Answer::Count(None),
            Question::StateAt { .. } | Question::FirstCallback { .. } => Answer::Pick(None),
        };
        Attempt {
            answer,
            locked: false,
            verdict: None,
            attempts: 0,
        }
    }

    /// Replaces the answer, unless it is locked. Says whether it did.
    pub fn set(&mut self, answer: Answer) -> bool {
        if self.locked {
            return false;
        }
        self.answer = answer;
        true
    }

    /// Moves line `index` of an order one place up (`up`) or down, unless locked or at the edge.
    pub fn move_line(&mut self, index: usize, up: bool) -> bool {
        let Answer::Order(lines) = &mut self.answer else {
            return false;
        };
        let other = if up {
            index.checked_sub(1)
        } else {
            Some(index + 1)
        };
        match other {
            Some(other) if !self.locked && other < lines.len() && index < lines.len() => {
                lines.swap(index, other);
                true
            }
            _ => false,
        }
    }

    /// Moves line `from` of an order to place `to`, the lines between shifting by one (a drag and
    /// drop), unless locked or either is out of range.
    pub fn place(&mut self, from: usize, to: usize) -> bool {
        let Answer::Order(lines) = &mut self.answer else {
            return false;
        };
        if self.locked || from >= lines.len() || to >= lines.len() || from == to {
            return false;
        }
        let line = lines.remove(from);
        lines.insert(to, line);
        true
    }

    /// Picks or unpicks choice `index`, unless locked.
    pub fn toggle(&mut self, index: usize) -> bool {
        let Answer::Choices(picked) = &mut self.answer else {
            return false;
        };
        if self.locked {
            return false;
        }
        match picked.iter().position(|&p| p == index) {
            Some(at) => {
                picked.remove(at);
            }
            None => picked.push(index),
        }
        true
    }

    /// Locks the answer in, if it is complete.
    pub fn lock(&mut self) -> Result<(), NotReady> {
        match &self.answer {
            Answer::Total(None) | Answer::Count(None) => return Err(NotReady::NoTotal),
            Answer::Choices(picked) if picked.is_empty() => return Err(NotReady::NoChoice),
            Answer::Pick(None) => return Err(NotReady::NoChoice),
            _ => {}
        }
        self.locked = true;
        Ok(())
    }

    /// The mode whose run judges this exercise (`None`: whichever the learner runs).
    pub fn judged_by(exercise: &Exercise) -> Option<Mode> {
        match &exercise.question {
            Question::Order { mode }
            | Question::Total { mode, .. }
            | Question::States { mode, .. }
            | Question::StateAt { mode, .. }
            | Question::FirstCallback { mode, .. } => Some(*mode),
            Question::Change { .. } => None,
            Question::MakeIt { goal, .. } => goal.mode(),
        }
    }

    /// Judges the locked answer by `run`, a run of `original` (the lesson's recipe) or of the
    /// learner's edit of it. Does nothing, and says so, when the answer is not locked, is judged
    /// already, or the run is in a mode the question is not about.
    pub fn judge(&mut self, exercise: &Exercise, original: &Recipe, run: Run<'_>) -> bool {
        if !self.locked || self.verdict.is_some() {
            return false;
        }
        if Attempt::judged_by(exercise).is_some_and(|m| m != run.mode) {
            return false;
        }
        let unit = run.recipe.unit;
        let verdict = match (&exercise.question, &self.answer) {
            (Question::Order { .. }, Answer::Order(lines)) => check::order(lines, run.printed),
            (Question::Total { tolerance, .. }, Answer::Total(Some(total))) => {
                check::total(*total, run.predicted, *tolerance, unit)
            }
            (Question::Change { goal, choices }, Answer::Choices(picked)) => {
                let outcomes = check::outcomes(goal, choices);
                check::picked(choices, &outcomes, picked, unit)
            }
            (Question::MakeIt { start, goal }, Answer::Edit) => {
                let start = start.as_ref().unwrap_or(original);
                make_it(goal, start, run)
            }
            (Question::States { task, .. }, Answer::Count(Some(count))) => {
                let Some((replay, view)) = run.machine else {
                    return false;
                };
                let through = replay.states_through(*task, view);
                check::states(*count, &through, &run.recipe.name_of(*task))
            }
            (
                Question::StateAt {
                    task,
                    when,
                    choices,
                    ..
                },
                Answer::Pick(Some(picked)),
            ) => {
                let Some((replay, view)) = run.machine else {
                    return false;
                };
                let Some(state) = replay.state_when_returns(*task, *when, view) else {
                    return false;
                };
                let names = (run.recipe.name_of(*task), run.recipe.name_of(*when));
                check::state_at(choices.get(*picked).copied(), state, names)
            }
            (Question::FirstCallback { choices, .. }, Answer::Pick(Some(picked))) => {
                let Some((replay, _)) = run.machine else {
                    return false;
                };
                let Some(first) = replay.first_called_back() else {
                    return false;
                };
                let picked = choices.get(*picked).map(|&task| run.recipe.name_of(task));
                check::first_callback(picked, &run.recipe.name_of(first))
            }
            _ => return false,
        };
        self.verdict = Some(verdict);
        self.attempts += 1;
        true
    }

    /// Starts a fresh answer, keeping the count of attempts.
    pub fn try_again(&mut self, exercise: &Exercise, recipe: &Recipe) {
        let attempts = self.attempts;
        *self = Attempt::new(exercise, recipe);
        self.attempts = attempts;
    }
}

fn make_it(goal: &Goal, start: &Recipe, run: Run<'_>) -> Verdict {
    check::make_it(
        goal,
        start,
        run.recipe,
        run.mode,
        (run.total, run.predicted),
        run.printed,
    )
}

/// The texts of the recipe's `print` steps as written: each task instance's in turn, calls followed.
fn written_lines(recipe: &Recipe) -> Vec<String> {
    recipe
        .steps_as_run()
        .into_iter()
        .filter_map(|step| match &step.action {
            Action::Print(text) => Some(text.clone()),
            _ => None,
        })
        .collect()
}
