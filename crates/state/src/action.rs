//! Everything that can happen to the page, grouped by concern. [`Kitchen::apply`] (`reduce`)
//! applies them.

use std::rc::Rc;

use kitchen_model::code::Language;
use kitchen_model::exercise::progress::LessonProgress;
use kitchen_model::{Mode, Way};

use crate::kitchen::{Kitchen, Notice, Opened};
use crate::quiz::QuizAction;
use crate::runs::RunEvent;
use crate::stage::StageAction;
use crate::written::{Source, Written};

/// What can happen to the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// What is open and what the editor holds.
    Open(Opening),
    /// The learner chose something for the next run.
    Choose(Choice),
    /// A run's life.
    Run(RunEvent),
    /// The stage's run, cursor and playback.
    Stage(StageAction),
    /// The learner answered, locked in or started an exercise again.
    Quiz(QuizAction),
    /// The learner's progress through every lesson's exercises.
    Progress(ProgressAction),
    /// Show a message, or clear it.
    Notify(Option<Notice>),
}

/// What is open and what the editor holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Opening {
    /// Replace what is open, as when a link's compressed recipe has been inflated; the cores, the
    /// pool of cooks and the progress stay.
    Load(Box<Kitchen>),
    /// Open a lesson (or a custom recipe), with the learner's draft of it if there is one.
    Lesson(Opened, Option<String>),
    /// The learner typed: this is the editor's whole text now.
    Edit(String),
    /// Bring the opened text back (which makes the recipe the program).
    Reset,
    /// Edit the recipe or the learner's Python.
    Source(Source),
    /// The learner's Python, as typed and as the Python editor read it (which makes it the
    /// program: only the learner's own Python is read, never the recipe's twin).
    Written(Rc<Written>),
    /// Make the recipe or the learner's Python the program without editing it ("Open my Python",
    /// "Back to the lesson's recipe").
    Lead(Source),
}

/// What the learner chooses for the next run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Choice {
    /// The mode of the next run.
    Mode(Mode),
    /// The scale in real milliseconds per unit, or `None` for the recipe's own.
    Scale(Option<f64>),
    /// The code panel's language.
    Language(Language),
    /// How the tasks are written, in the code panel and the runs.
    Way(Way),
    /// How many cooks the processes mode uses, or `None` for the default.
    Cooks(Option<usize>),
    /// Show and run the learner's program as written (a mode, when the recipe's modes are chosen).
    AsWritten,
    /// The workers' chunk has come with how their modes are predicted.
    Simulate(crate::kitchen::Simulate),
}

/// What happens to the learner's progress.
#[derive(Clone, Debug, PartialEq)]
pub enum ProgressAction {
    /// A lesson's progress as a course page kept it, to put back.
    Restore(LessonProgress),
    /// Forget the progress through every lesson.
    Reset,
}
