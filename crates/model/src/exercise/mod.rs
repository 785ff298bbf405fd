//! Exercises: a question about a recipe that the learner answers before the run, and the page checks
//! against the run (or, where the question is about edits, against the prediction of each edit).
//!
//! This module owns what an exercise asks ([`Question`], [`Goal`], [`Choice`]) and how an answer is
//! judged ([`check`]): every verdict comes from a run or a prediction handed in, never from an answer
//! written down beside the question. It decides nothing about when a run happens or how the page shows
//! a verdict; the components lock answers and run recipes.

pub mod attempt;
pub mod check;
pub mod explain;
pub mod progress;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use super::mode::Mode;
use super::recipe::{Asked, Recipe, Unit};
use super::replay::machine::Variant;

/// One exercise on a recipe.
#[derive(Clone, Debug, PartialEq)]
pub struct Exercise {
    /// What it asks, in a sentence for the learner.
    pub prompt: Prompt,
    /// The kind of answer it wants and what decides it.
    pub question: Question,
}

/// What an exercise asks, in a sentence for the learner.
#[derive(Clone, Debug, PartialEq)]
pub enum Prompt {
    /// Written for a recipe's own `exercise` header.
    Text(String),
    /// The prompt of a shipped lesson's exercise (its id and the exercise's place), whose words
    /// [`lesson::exercises::prompts`](crate::lesson::exercises::prompts) keeps out of the first look.
    Lesson(&'static str, usize),
}

impl Prompt {
    /// The sentence. Only the Exercises drawer calls this: a shipped lesson's words come with it.
    pub fn text(&self) -> &str {
        match self {
            Prompt::Text(text) => text,
            Prompt::Lesson(id, index) => crate::lesson::exercises::prompts(id)
                .get(*index)
                .copied()
                .unwrap_or_default(),
        }
    }
}

impl Exercise {
    /// The exercise an `exercise` header of a recipe's text asks, in words for the learner.
    pub fn asked(asked: Asked, unit: Unit) -> Exercise {
        let in_mode = |mode: Mode| mode.label().to_ascii_lowercase();
        match asked {
            Asked::Order(mode) => Exercise {
                prompt: Prompt::Text(format!(
                    "Run in {}, in what order do the lines print?",
                    in_mode(mode)
                )),
                question: Question::Order { mode },
            },
            Asked::Total(mode) => Exercise {
                prompt: Prompt::Text(format!(
                    "Run in {}, how long does it take, in {}?",
                    in_mode(mode),
                    unit.symbol()
                )),
                question: Question::Total {
                    mode,
                    tolerance: Tolerance::USUAL,
                },
            },
            Asked::Target { units, mode } => Exercise {
                prompt: Prompt::Text(format!(
                    "Edit the recipe so that a run{} finishes within {units} {}, without changing \
                     how long any step takes.",
                    mode.map_or(String::new(), |m| format!(" in {}", in_mode(m))),
                    unit.symbol()
                )),
                question: Question::MakeIt {
                    start: None,
                    goal: Goal::FinishWithin {
                        mode,
                        units: f64::from(units),
                        tolerance: Tolerance::USUAL,
                    },
                },
            },
        }
    }

    /// The kind of question, as the page's `data-kind` and its messages to a course page name it:
    /// `order`, `total`, `change`, `make-it`, `states`, `state-at` or `first-callback`.
    pub fn kind(&self) -> &'static str {
        match self.question {
            Question::Order { .. } => "order",
            Question::Total { .. } => "total",
            Question::Change { .. } => "change",
            Question::MakeIt { .. } => "make-it",
            Question::States { .. } => "states",
            Question::StateAt { .. } => "state-at",
            Question::FirstCallback { .. } => "first-callback",
        }
    }
}

/// What an exercise asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Question {
    /// In what order will the recipe's lines print in `mode`? Checked against the run's console.
    Order {
        /// The mode the recipe runs in.
        mode: Mode,
    },
    /// How long will a run in `mode` take, in the recipe's unit? Checked against the prediction
    /// (what a perfect scheduler would do, so that a slow machine cannot make a right answer wrong),
    /// then shown beside the measured total.
    Total {
        /// The mode the recipe runs in.
        mode: Mode,
        /// How far an answer may be from the prediction and still count.
        tolerance: Tolerance,
    },
    /// Which of these edits make the run meet `goal`? Each is checked by predicting it, so the
    /// right answers are the model's.
    Change {
        /// What a right edit achieves.
        goal: Goal,
        /// The edits to choose from; any number of them may be right.
        choices: Vec<Choice>,
    },
    /// How many states will the future of task instance `task` go through in a run in `mode`,
    /// `Unresumed` and `Returned` included: one per `.await` that suspends it, and the first and
    /// the last. Checked against the run: the variants of the state machine rustc writes that its
    /// future was in, stop by stop ([`Replay::states_through`](crate::replay::Replay::states_through)).
    States {
        /// The mode the recipe runs in.
        mode: Mode,
        /// The task instance whose future is asked about.
        task: usize,
    },
    /// Which state is the future of task instance `task` in when task instance `when` returns, in
    /// a run in `mode`? One of `choices`, the variants of its state machine. Checked against the
    /// run ([`Replay::state_when_returns`](crate::replay::Replay::state_when_returns)).
    StateAt {
        /// The mode the recipe runs in.
        mode: Mode,
        /// The task instance whose future is asked about.
        task: usize,
        /// The task instance whose return is the moment asked about.
        when: usize,
        /// The variants to choose from, in their order.
        choices: Vec<Variant>,
    },
    /// Written as callbacks, whose callback is called first in a run in `mode`, once every task
    /// has registered its own: one of `choices`, task instances. Checked against the run: the
    /// first task polled again after a `Pending`
    /// ([`Replay::first_called_back`](crate::replay::Replay::first_called_back)).
    FirstCallback {
        /// The mode the recipe runs in.
        mode: Mode,
        /// The task instances to choose from.
        choices: Vec<usize>,
    },
    /// Edit the recipe so that its run meets `goal` without changing how long any step takes.
    /// Checked on the real run of the learner's edit.
    MakeIt {
        /// The recipe the learner starts from, if not the lesson's own (the chores done one after
        /// another in one task, say); its steps are the ones every edit must keep.
        start: Option<Recipe>,
        /// What the edited recipe's run must do.
        goal: Goal,
    },
}

/// How far a total may be from the right one: the larger of `units` and `share` of the total.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tolerance {
    /// An allowance in the recipe's unit.
    pub units: f64,
    /// An allowance as a share of the right total (0.05 for five per cent).
    pub share: f64,
}

impl Tolerance {
    /// Five per cent of the total, and never less than half a unit: a learner's round number for a
    /// run that a timer's lateness makes a little longer still counts.
    pub const USUAL: Tolerance = Tolerance {
        units: 0.5,
        share: 0.05,
    };

    /// Ten per cent, and never less than half a unit, for a run on the page's threads: they cost
    /// a start (a Web Worker loads, a tenth of a second and more) and each hand-over of the GIL
    /// costs 0.2 ms, 4 % of a 5 ms turn. CPython's answer, which a learner gives (chop and dice's
    /// 14 minutes on two GIL threads, predicted at 15 on the page's cold threads), still counts.
    pub const ON_THREADS: Tolerance = Tolerance {
        units: 0.5,
        share: 0.1,
    };

    /// The allowance around `total`.
    pub fn around(self, total: f64) -> f64 {
        self.units.max(self.share * total.abs())
    }
}

/// What a run must do to meet an exercise's goal.
#[derive(Clone, Debug, PartialEq)]
pub enum Goal {
    /// End within `units` of the recipe's unit (plus the tolerance).
    FinishWithin {
        /// The mode the run must be in, or `None` for whichever the learner runs.
        mode: Option<Mode>,
        /// The longest total that meets the goal.
        units: f64,
        /// How far past `units` still counts.
        tolerance: Tolerance,
    },
    /// Print exactly these lines, in this order.
    Prints {
        /// The mode the run must be in, or `None` for whichever the learner runs.
        mode: Option<Mode>,
        /// The console's lines, in order.
        lines: Vec<String>,
    },
}

impl Goal {
    /// The mode the goal requires, if it requires one.
    pub fn mode(&self) -> Option<Mode> {
        match self {
            Goal::FinishWithin { mode, .. } | Goal::Prints { mode, .. } => *mode,
        }
    }
}

/// One edit a "which change" exercise offers: the recipe as edited and the mode to run it in.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// The edit in words, such as "await the sleep".
    pub label: String,
    /// The recipe with the edit made.
    pub recipe: Recipe,
    /// The mode the edited recipe runs in (an edit may be "gather instead of awaiting one by one").
    pub mode: Mode,
}
