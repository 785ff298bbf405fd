//! The learner's own Python program, as the page keeps it: the text as they typed it, what it read
//! as (or its mistakes), the last program that read, its prediction and its last run as written.
//!
//! This file owns the shape, what the views ask of it, and [`Written::read`], which reads a text
//! with the model's `python` module. Only the Python editor's chunk calls it — the reader is more
//! than most learners need, so it stays out of the first look — and reports the result here
//! ([`Opening::Written`]); the reducer only keeps it. Comparisons are by identity, as a run's are: a program of a hundred thousand steps is
//! never compared step by step on a render.
//!
//! [`Opening::Written`]: crate::Opening::Written

use std::rc::Rc;

use kitchen_model::code::{Language, ProgramCode};
use kitchen_model::python::as_recipe::{AsRecipe, as_recipe};
use kitchen_model::python::as_rust::as_rust;
use kitchen_model::python::drawn::{Drawn, REPLAY_MODE, draw};
use kitchen_model::python::program::Program;
use kitchen_model::python::{asyncio, read};
use kitchen_model::run::{Prediction, RunResult};
use kitchen_model::text::ParseError;

/// What the editor drawer edits, and which of the three is the program: the others are written
/// from it ([`Kitchen::lead`](crate::Kitchen::lead)).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Source {
    /// The recipe's text.
    #[default]
    Recipe,
    /// The learner's Python.
    Python,
    /// The learner's Rust.
    Rust,
}

impl Source {
    /// The stable identifier used in share links, saved work and test hooks.
    pub fn id(self) -> &'static str {
        match self {
            Source::Recipe => "recipe",
            Source::Python => "python",
            Source::Rust => "rust",
        }
    }

    /// The language of a learner's program, for the sources that are one.
    pub fn language(self) -> Option<Language> {
        match self {
            Source::Recipe => None,
            Source::Python => Some(Language::Python),
            Source::Rust => Some(Language::Rust),
        }
    }

    /// The source a learner's program in `language` is.
    pub fn of(language: Language) -> Source {
        match language {
            Language::Python => Source::Python,
            Language::Rust => Source::Rust,
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
    /// Its tasks written as a recipe, which the Recipe tab shows and the other modes run while the
    /// Python is the program ([`Kitchen::lead`]), or why a recipe cannot say what it does.
    ///
    /// [`Kitchen::lead`]: crate::Kitchen::lead
    pub as_recipe: Result<Rc<AsRecipe>, Rc<str>>,
}

impl PartialEq for ReadProgram {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.program, &other.program)
            && Rc::ptr_eq(&self.drawn, &other.drawn)
            && Rc::ptr_eq(&self.prediction, &other.prediction)
    }
}

/// The learner's program, in Python or Rust, as the page keeps it.
#[derive(Clone, Debug)]
pub struct Written {
    /// The language it is written in.
    pub language: Language,
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

/// The same when it holds the very same text, reading and runs: every change makes new ones, so
/// identity is enough, and no program is ever compared step by step.
impl PartialEq for Written {
    fn eq(&self, other: &Self) -> bool {
        fn same<T: ?Sized>(a: Option<&Rc<T>>, b: Option<&Rc<T>>) -> bool {
            match (a, b) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
        }
        self.language == other.language
            && Rc::ptr_eq(&self.text, &other.text)
            && same(self.read.as_ref().ok(), other.read.as_ref().ok())
            && same(self.read.as_ref().err(), other.read.as_ref().err())
            && same(self.last_good.as_ref(), other.last_good.as_ref())
            && same(self.result.as_ref(), other.result.as_ref())
    }
}

impl Written {
    /// `text`, read as `read`, following `before` (the learner's previous text, if any): a
    /// program that reads becomes the last good one, and the last run is kept while it is the
    /// last good program's.
    pub fn new(
        language: Language,
        text: Rc<str>,
        read: Result<Rc<ReadProgram>, Rc<Vec<ParseError>>>,
        before: Option<&Written>,
    ) -> Written {
        // A program in the other language is another program: its last good reading is not this
        // text's.
        let before = before.filter(|b| b.language == language);
        let last_good = match &read {
            Ok(program) => Some(program.clone()),
            Err(_) => before.and_then(|b| b.last_good.clone()),
        };
        let result = before.and_then(|b| b.result.clone()).filter(|r| {
            last_good
                .as_ref()
                .is_some_and(|g| *g.drawn.recipe == *r.recipe)
        });
        Written {
            language,
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

    /// `text`, in `language`, read, drawn at `ms_per_second` and predicted, following `before`
    /// (see [`Written::new`]), its worker processes (if it has any) as many at once as its
    /// `ProcessPoolExecutor` allows, or as `cores` (the machine's, which is CPython's default).
    /// Only the program editor's chunk calls this, so the readers it calls stay out of the first
    /// look.
    pub fn read(
        text: &str,
        language: Language,
        before: Option<&Written>,
        ms_per_second: f64,
        cores: usize,
    ) -> Written {
        let read = match language {
            Language::Python => read(text, None),
            Language::Rust => kitchen_model::rust::read(text),
        };
        let read = read
            .map(|mut program| {
                if program.workers.is_none() {
                    program.workers = Some(cores.max(1));
                }
                program
            })
            .map(|program| {
                let drawn = Rc::new(draw(&program, text, ms_per_second));
                let (_, trace) = asyncio::predict(&program, &drawn);
                let prediction = Rc::new(Prediction::of_trace(&drawn.recipe, trace));
                let as_recipe = as_recipe(&program, ms_per_second)
                    .map(Rc::new)
                    .map_err(Rc::from);
                let program = Rc::new(program);
                // The other language is written when the code panel first shows it, not at every
                // key press.
                let code = {
                    let (program, drawn) = (program.clone(), drawn.clone());
                    ProgramCode::new(drawn.code.clone(), move || match language {
                        Language::Python => as_rust(&program, &drawn),
                        Language::Rust => {
                            kitchen_model::rust::as_python::as_python(&program, &drawn)
                        }
                    })
                };
                let shown = RunResult::predicted(drawn.recipe.clone(), REPLAY_MODE, prediction)
                    .written_as(Rc::new(code), program.rules);
                Rc::new(ReadProgram {
                    program,
                    drawn,
                    prediction: Rc::new(shown),
                    as_recipe,
                })
            })
            .map_err(|e| Rc::new(vec![e]));
        Written::new(language, text.into(), read, before)
    }
}
