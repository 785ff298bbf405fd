//! The learner's own Python program, as the page keeps it: the text as they typed it, what it read
//! as (or its mistakes), the last program that read, its prediction and its last run as written.
//!
//! This file owns the shape and what the views ask of it; it reads nothing. Reading Python is the
//! model's `python` module, whose code only some learners use, so the page reads a text in the
//! Python editor's own chunk and reports the result here ([`Opening::Written`]); the reducer only
//! keeps it. Comparisons are by identity, as a run's are: a program of a hundred thousand steps is
//! never compared step by step on a render.
//!
//! [`Opening::Written`]: crate::Opening::Written

use std::rc::Rc;

use kitchen_model::python::drawn::Drawn;
use kitchen_model::python::program::Program;
use kitchen_model::run::RunResult;
use kitchen_model::text::ParseError;

/// What the editor drawer edits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Source {
    /// The recipe's text.
    #[default]
    Recipe,
    /// The learner's Python.
    Python,
}

impl Source {
    /// The stable identifier used in share links, saved work and test hooks.
    pub fn id(self) -> &'static str {
        match self {
            Source::Recipe => "recipe",
            Source::Python => "python",
        }
    }
}

/// A program that read: itself, its drawing, and its prediction shown as a run.
#[derive(Clone, Debug)]
pub struct ReadProgram {
    /// The program.
    pub program: Rc<Program>,
    /// Its lanes, steps and text, at the scale it was drawn at.
    pub drawn: Rc<Drawn>,
    /// What the model of asyncio says a run of it does, as a run the stage can show.
    pub prediction: Rc<RunResult>,
}

impl PartialEq for ReadProgram {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.program, &other.program)
            && Rc::ptr_eq(&self.drawn, &other.drawn)
            && Rc::ptr_eq(&self.prediction, &other.prediction)
    }
}

/// The learner's Python, as the page keeps it.
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    /// The text, exactly as typed.
    pub text: Rc<str>,
    /// What it read as, or everything wrong with it (for now, the first mistake).
    pub read: Result<Rc<ReadProgram>, Rc<Vec<ParseError>>>,
    /// The last program the text read as, which the stage keeps showing, marked out of date, while
    /// the text has a mistake.
    pub last_good: Option<Rc<ReadProgram>>,
    /// The last run of `last_good` as written, finished or cancelled.
    pub result: Option<Rc<RunResult>>,
}

impl Written {
    /// `text`, read as `read`, following `before` (the learner's previous text, if any): a
    /// program that reads becomes the last good one, and the last run is kept while it is the
    /// last good program's.
    pub fn new(
        text: Rc<str>,
        read: Result<Rc<ReadProgram>, Rc<Vec<ParseError>>>,
        before: Option<&Written>,
    ) -> Written {
        let last_good = match &read {
            Ok(program) => Some(program.clone()),
            Err(_) => before.and_then(|b| b.last_good.clone()),
        };
        let result = before.and_then(|b| b.result.clone()).filter(|r| {
            last_good
                .as_ref()
                .is_some_and(|g| g.drawn.recipe == *r.recipe)
        });
        Written {
            text,
            read,
            last_good,
            result,
        }
    }

    /// Whether the stage shows an older program than the text, because the text has a mistake.
    pub fn out_of_date(&self) -> bool {
        self.read.is_err() && self.last_good.is_some()
    }
}
