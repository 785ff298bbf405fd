//! What an unanswered exercise keeps off the screen: the prediction of the mode it asks about —
//! its totals, its end marker and bars, its console and the forecast's sentence — until its answer
//! is locked in. Predict-then-run is worthless when the prediction is on screen beside the question.
//!
//! This file owns the decision, as data the components read ([`Concealed`]); what they show
//! instead is theirs. It decides nothing about runs: the learner may still run the asked mode
//! before locking in, as the page has always allowed. Such a run judges nothing (an exercise is
//! judged only by a run after its answer was locked in, `kitchen_model::exercise::attempt`), and
//! what it measured is shown whole — the learner ran it and saw it — but the prediction on its
//! card and chart stays hidden like the rest.
//!
//! **When a question counts as asked.** An exercise is *posed* once the page has shown it to the
//! learner: the Exercises drawer drew it open ([`QuizAction::Pose`](crate::QuizAction::Pose)).
//! From then on it keeps its answer hidden until it is locked in, whether or not the drawer is
//! still open: a teacher expects the answer to stay hidden while the question is unanswered, and
//! an answer that came back when the drawer closed would be one click away from the question.
//! Exercises the learner has not opened hide nothing, so the playground shows its predictions
//! to anyone who never asked for a quiz; opening another lesson (or reloading the page) asks
//! everything afresh. After a verdict, *Try again* hides the prediction again until the new answer
//! is locked in.
//!
//! A question hides the prediction only of its own recipe: a lesson's own exercise is about the
//! lesson's recipe as shipped, so once the learner edits the steps the prediction on screen is of
//! another recipe and answers nothing. The scale does not matter (the answer is in the recipe's
//! unit). Another mode's prediction is not hidden even where it happens to be equal (cake's
//! sequential run takes as long as its blocking one): it states another mode's number, and
//! hiding every mode would leave the page with nothing to compare.

use std::rc::Rc;

use kitchen_model::exercise::Question;
use kitchen_model::run::RunResult;
use kitchen_model::{Mode, Recipe};

use crate::kitchen::Kitchen;
use crate::quiz::Quiz;

/// A posed question whose answer is not locked in.
#[derive(Clone, Debug, PartialEq)]
pub struct Withheld {
    /// The exercise's index in the quiz.
    pub exercise: usize,
    /// The mode it asks about.
    pub mode: Mode,
    /// Whether it asks for an order of lines (else for a total, or about states).
    pub order: bool,
    /// Whether it asks about the states of a task's future: it hides the lens, the loop panel's
    /// part that shows them, and the narration's sentences on them, on a prediction of its mode,
    /// rather than the prediction's totals and console.
    pub states: bool,
    /// The recipe it is about.
    subject: Rc<Recipe>,
}

/// Every answer the page must not show yet: the questions posed and not locked in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Concealed {
    /// The withheld questions, in the quiz's order.
    pub withheld: Vec<Withheld>,
}

impl Concealed {
    /// What `quiz`'s posed, unlocked total and order questions keep off the screen.
    pub fn of(quiz: &Quiz) -> Concealed {
        let withheld = quiz
            .exercises
            .iter()
            .enumerate()
            .filter(|&(n, _)| quiz.posed.get(n).copied().unwrap_or(false))
            .filter(|&(n, _)| {
                quiz.attempts
                    .get(n)
                    .is_some_and(|a| !a.locked && a.verdict.is_none())
            })
            .filter_map(|(n, exercise)| {
                let (mode, order, states) = match exercise.question {
                    Question::Order { mode } | Question::FirstCallback { mode, .. } => {
                        (mode, true, false)
                    }
                    Question::Total { mode, .. } => (mode, false, false),
                    Question::States { mode, .. } | Question::StateAt { mode, .. } => {
                        (mode, false, true)
                    }
                    Question::Change { .. } | Question::MakeIt { .. } => return None,
                };
                Some(Withheld {
                    exercise: n,
                    mode,
                    order,
                    states,
                    subject: quiz.subjects.get(n)?.clone(),
                })
            })
            .collect();
        Concealed { withheld }
    }

    /// Whether nothing is hidden.
    pub fn is_empty(&self) -> bool {
        self.withheld.is_empty()
    }

    /// Whether a prediction of `recipe` in `mode` would answer a withheld question.
    pub fn hides_mode(&self, mode: Mode, recipe: &Recipe) -> bool {
        self.asking(mode, recipe).is_some()
    }

    /// The first withheld question that a prediction of `recipe` in `mode` would answer, counted
    /// from one as the drawer counts them, for a sentence that says where to answer it.
    pub fn asking(&self, mode: Mode, recipe: &Recipe) -> Option<usize> {
        self.withheld
            .iter()
            .find(|w| !w.states && w.mode == mode && same_steps(&w.subject, recipe))
            .map(|w| w.exercise + 1)
    }

    /// Whether a withheld question asks about the states of the futures of a run of `recipe` in
    /// `mode`: a prediction of it shows no lens until the answer is locked in.
    pub fn hides_states(&self, mode: Mode, recipe: &Recipe) -> bool {
        self.withheld
            .iter()
            .any(|w| w.states && w.mode == mode && same_steps(&w.subject, recipe))
    }

    /// Whether `run`'s prediction (a prediction shown as a run, or the one a measured run is
    /// stated against) would answer a withheld question: its totals, end marker and, for a
    /// prediction, its console are kept off the screen.
    pub fn hides(&self, run: &RunResult) -> bool {
        self.hides_mode(run.mode, &run.recipe)
    }

    /// Whether an order question is withheld: the tutorial's print order is kept off the screen
    /// as well, since it is what such a question asks.
    pub fn order(&self) -> bool {
        self.withheld.iter().any(|w| w.order)
    }
}

impl Kitchen {
    /// What the exercises keep off the screen now ([`Concealed`]).
    pub fn concealed(&self) -> Concealed {
        Concealed::of(&self.quiz)
    }
}

/// Whether two recipes predict the same in the recipe's unit: the same unit, tasks and helpers.
/// The title, story, scale and exercise headers change no answer.
fn same_steps(a: &Recipe, b: &Recipe) -> bool {
    std::ptr::eq(a, b) || (a.unit == b.unit && a.tasks == b.tasks && a.helpers == b.helpers)
}

#[cfg(test)]
mod tests;
