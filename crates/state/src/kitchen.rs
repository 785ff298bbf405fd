//! The state itself: what is open, the editor's text and whether it parses, the learner's choices,
//! the runs, the stage, the exercises and the progress, and the questions the views ask of it.
//!
//! This file owns the shape of the state and what can be read off it. How an action changes it is
//! `action`'s and the concern's own module's (`runs`, `stage`, `quiz`).

use std::rc::Rc;

use kitchen_model::code::Language;
use kitchen_model::cooks::Cooks;
use kitchen_model::exercise::progress::Progress;
use kitchen_model::replay::Cursor;
use kitchen_model::run::{Prediction, RunResult};
use kitchen_model::text::{self, ParseError};
use kitchen_model::{Lesson, Mode, Recipe, Way, lesson};

use crate::quiz::Quiz;
use crate::runs::{Pool, default_workers};
use crate::saved::CUSTOM;
use crate::stage::{StageView, Staged};
use crate::written::{Source, Written};

/// How the modes on the page's workers (the processes and threads modes) are predicted:
/// `kitchen_model::predict::predict_with`, handed over by the page with the workers' chunk
/// (`Choice::Simulate`), which it fetches when a learner chooses such a mode. Until it has come,
/// such a mode has no prediction; the first look holds none of the workers' simulations.
#[derive(Clone, Copy)]
pub struct Simulate(pub fn(&Recipe, Mode, Cooks) -> kitchen_model::Trace);

/// There is one simulation: two are always equal, so that an action can carry one.
impl PartialEq for Simulate {
    fn eq(&self, _: &Simulate) -> bool {
        true
    }
}

impl std::fmt::Debug for Simulate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Simulate")
    }
}

/// A message for the learner above the page's controls.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Whether something went wrong (a refused run, a broken link) or is only worth knowing.
    pub problem: bool,
    /// The message, in full sentences.
    pub text: Rc<str>,
}

impl Notice {
    /// Something that went wrong and what the page did instead.
    pub fn problem(text: impl Into<Rc<str>>) -> Notice {
        Notice {
            problem: true,
            text: text.into(),
        }
    }

    /// Something worth knowing.
    pub fn info(text: impl Into<Rc<str>>) -> Notice {
        Notice {
            problem: false,
            text: text.into(),
        }
    }
}

/// What opens in the editor: a shipped lesson, or a recipe that came without one (from a link).
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    /// The lesson, or `None` for a custom recipe.
    pub lesson: Option<Rc<Lesson>>,
    /// The text that "Reset" brings back: the lesson's recipe printed, or the shared text.
    pub original: Rc<str>,
}

impl Opened {
    /// A shipped lesson, with its recipe's canonical text as the original.
    pub fn lesson(lesson: Lesson) -> Opened {
        let original: Rc<str> = text::print(&lesson.recipe).into();
        Opened {
            lesson: Some(Rc::new(lesson)),
            original,
        }
    }

    /// A recipe text without a lesson.
    pub fn custom(text: &str) -> Opened {
        Opened {
            lesson: None,
            original: text.into(),
        }
    }

    /// The lesson's id, or [`CUSTOM`]: the key of the learner's draft in local storage.
    pub fn key(&self) -> &str {
        self.lesson.as_ref().map_or(CUSTOM, |l| l.id)
    }
}

/// Real milliseconds per second of a learner's program when nothing says otherwise
/// ([`Kitchen::program_scale`]): `test_async.py`'s 3 s in 300 ms.
pub const DEFAULT_PROGRAM_SCALE: f64 = 100.0;

/// However few cores a browser reports, a learner may choose up to this many cooks: more cooks than
/// cores is a lesson of its own (they take turns on the cores).
pub const MIN_COOK_CHOICE: usize = 4;

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Kitchen {
    /// What is open.
    pub opened: Opened,
    /// The text in the editor.
    pub text: Rc<str>,
    /// The text parsed, or everything wrong with it.
    pub parsed: Result<Rc<Recipe>, Rc<Vec<ParseError>>>,
    /// The last recipe the editor's text read as (the lesson's own if it never did): what the
    /// stage keeps showing, marked out of date, while the text has mistakes, so that one typo
    /// never takes the chart, the narration and the code away.
    pub last_good: Option<Rc<Recipe>>,
    /// The mode the next run uses.
    pub mode: Mode,
    /// Real milliseconds per unit chosen by the learner, overriding the recipe's own `scale`.
    pub scale_ms: Option<f64>,
    /// The latest finished run of each mode for the recipe on screen, in the order they finished.
    pub results: Rc<Vec<Rc<RunResult>>>,
    /// The run in progress, as of its latest snapshot, once it has one.
    pub live: Option<Rc<RunResult>>,
    /// The mode running now, if any.
    pub running: Option<Mode>,
    /// The modes a comparison has still to run, in order.
    pub queue: Vec<Mode>,
    /// A message for the learner, if there is one.
    pub notice: Option<Notice>,
    /// The language the code panel shows: the learner's choice, else the lesson's own.
    pub language: Language,
    /// The language the learner chose, which every lesson then opens in (and the page keeps).
    pub chosen_language: Option<Language>,
    /// How the tasks are written in the code panel and in the runs the page starts: as callbacks,
    /// as state machines (generators in Python) or with async/await. A way that does not apply to
    /// the mode ([`Way::applies_to`]) gives async/await ([`Kitchen::way_of`]).
    pub way: Way,
    /// The prediction of the chosen mode shown as a run, for the stage before anything has run.
    pub predicted: Option<Rc<RunResult>>,
    /// The pool the prediction was made for, in the processes mode.
    pub predicted_on: Cooks,
    /// How the modes on the page's workers are predicted, once the page has it ([`Simulate`]).
    pub simulate: Option<Simulate>,
    /// How many cooks the learner chose for the processes mode, if they did.
    pub cooks: Option<usize>,
    /// How many cores the browser reports (`navigator.hardwareConcurrency`).
    pub cores: usize,
    /// What the page's pool of cooks is like now: how many are started, and what they cost.
    pub pool: Pool,
    /// The stage's run, cursor and playback.
    pub stage: StageView,
    /// The exercises of what is open and the learner's attempts at them.
    pub quiz: Rc<Quiz>,
    /// The learner's progress through every lesson's exercises.
    pub progress: Rc<Progress>,
    /// What the editor drawer edits: the recipe, or the learner's Python or Rust.
    pub source: Source,
    /// The learner's own program (Python or Rust), once they have written one.
    pub written: Option<Rc<Written>>,
    /// Whether the stage shows, and Run runs, the learner's program as written rather than the
    /// recipe in a mode.
    pub as_written: bool,
    /// Real milliseconds per second of the learner's program, if they chose it (the scale field
    /// sets it while their program is chosen).
    pub program_scale_ms: Option<f64>,
    /// The learner's Python as saved on an earlier visit, which the Python editor starts from
    /// (rather than the recipe's twin) until it has read a text of this visit.
    pub python_draft: Option<Rc<str>>,
    /// The learner's Rust as saved on an earlier visit, as `python_draft` is their Python.
    pub rust_draft: Option<Rc<str>>,
    /// Which of the recipe and the learner's Python or Rust is the program, the others being
    /// written from it: the one the learner last edited (or chose, or a link carried). While a
    /// program is, the Recipe tab shows its tasks written as a recipe and the modes run that
    /// recipe, and the other language's tab shows it in that language; while the recipe is, the
    /// Python and Rust tabs show the recipe's twin, and the learner's own programs stay saved
    /// until they edit a twin.
    pub lead: Source,
}

impl Default for Kitchen {
    fn default() -> Self {
        Kitchen::open(Opened::lesson(lesson::cake_and_groceries()), None)
    }
}

impl Kitchen {
    /// A page with `opened` in the editor, showing `draft` if the learner had changed it.
    pub fn open(opened: Opened, draft: Option<String>) -> Kitchen {
        let text: Rc<str> = draft.map_or_else(|| opened.original.clone(), Rc::from);
        let opened_cooks = opened.lesson.as_ref().and_then(|l| l.cooks);
        let mode = opened
            .lesson
            .as_ref()
            .map_or(Mode::Gather, |l| l.default_mode);
        let parsed = parse(&text);
        let last_good = match (&parsed, &opened.lesson) {
            (Ok(recipe), _) => Some(recipe.clone()),
            (Err(_), Some(lesson)) => Some(Rc::new(lesson.recipe.clone())),
            (Err(_), None) => None,
        };
        let language = first_language(&opened);
        let way = opened.lesson.as_ref().map_or(Way::Async, |l| l.way);
        let mut kitchen = Kitchen {
            parsed,
            last_good,
            text,
            opened,
            mode,
            scale_ms: None,
            results: Rc::default(),
            live: None,
            running: None,
            queue: Vec::new(),
            notice: None,
            language,
            chosen_language: None,
            way,
            predicted: None,
            predicted_on: Cooks::new(1),
            simulate: None,
            cooks: opened_cooks,
            cores: 2,
            pool: Pool::default(),
            stage: StageView::default(),
            quiz: Rc::default(),
            progress: Rc::default(),
            source: Source::Recipe,
            written: None,
            as_written: false,
            program_scale_ms: None,
            python_draft: None,
            rust_draft: None,
            lead: Source::Recipe,
        };
        kitchen.quiz = Rc::new(quiz_of(&kitchen.opened, kitchen.parsed.as_ref().ok()));
        kitchen.predict();
        kitchen
    }

    /// The pool a processes run would use now: the learner's number of cooks, else the lesson's,
    /// else one per task up to the cores; started cooks are warm; the last measured costs.
    ///
    /// In the threads modes the pool is threads: one per task unless the learner chose, up to the
    /// most workers the page starts whatever the cores (with the GIL one computes at a time).
    pub fn cook_plan(&self) -> Cooks {
        self.cook_plan_for(self.mode)
    }

    /// [`Kitchen::cook_plan`] for a run of `mode`, which a comparison runs whatever mode is chosen.
    pub fn cook_plan_for(&self, mode: Mode) -> Cooks {
        let threaded = mode.threaded();
        let most = if threaded {
            kitchen_model::cooks::MAX_COOKS
        } else {
            Cooks::most(self.cores.max(MIN_COOK_CHOICE))
        };
        let count = self
            .cooks
            .or_else(|| {
                self.good_recipe()
                    .map(|r| default_workers(&r, mode, self.cores))
            })
            .unwrap_or(1)
            .clamp(1, most);
        self.pool.plan(count, self.pool.warm, self.cores)
    }

    /// Works out the prediction of the chosen mode for the recipe on the stage (the one a run would
    /// use now, or the last good one while the text has mistakes), unless it already has; the stage
    /// rests where a prediction is read from.
    pub fn predict(&mut self) {
        let recipe = self.good_recipe();
        let plan = self.cook_plan();
        let current = self.predicted.as_ref().is_some_and(|p| {
            Some(&p.recipe) == recipe.as_ref()
                && p.mode == self.mode
                && (!self.mode.on_cooks() || self.predicted_on == plan)
        });
        if current {
            return;
        }
        self.predicted_on = plan;
        let (mode, simulate) = (self.mode, self.simulate);
        self.predicted = recipe.and_then(|recipe| {
            let prediction = if mode.on_cooks() {
                let Simulate(simulate) = simulate?;
                Prediction::of_trace(&recipe, simulate(&recipe, mode, plan))
            } else {
                Prediction::on_page(&recipe, mode)
            };
            Some(Rc::new(RunResult::predicted(
                recipe,
                mode,
                Rc::new(prediction),
            )))
        });
        if self.stage.choice == Some(Staged::Prediction) || self.results.is_empty() {
            self.stage.rest();
        }
    }

    /// The run on the stage: a live run while one runs, else the learner's choice, else the newest
    /// finished run, else the prediction.
    pub fn staged(&self) -> Option<Rc<RunResult>> {
        if let Some(live) = &self.live {
            return Some(live.clone());
        }
        if let Some(written) = self.written_program() {
            let prediction = written.last_good.as_ref().map(|g| g.prediction.clone());
            return match self.stage.choice {
                Some(Staged::Prediction) => prediction,
                _ => written.result.clone().or(prediction),
            };
        }
        match self.stage.choice {
            Some(Staged::Prediction) => self.predicted.clone(),
            Some(Staged::Run(mode)) => self.result(mode).cloned(),
            None => None,
        }
        .or_else(|| self.results.last().cloned())
        .or_else(|| self.predicted.clone())
    }

    /// Real milliseconds per second of the learner's program: theirs if they chose one, else the
    /// scale of the recipe on the stage when it counts in seconds (a lesson's pace), else a tenth
    /// of real time.
    pub fn program_scale(&self) -> f64 {
        self.program_scale_ms.unwrap_or_else(|| {
            self.last_good
                .as_ref()
                .map(|r| self.scaled(r))
                .filter(|r| r.unit == kitchen_model::Unit::S)
                .map_or(DEFAULT_PROGRAM_SCALE, |r| r.scale_ms)
        })
    }

    /// The learner's program, when the stage shows it as written.
    pub fn written_program(&self) -> Option<&Written> {
        self.leading_program().filter(|_| self.as_written)
    }

    /// The way a program in `mode` is written and run: the chosen one where it applies, else
    /// async/await, the only way there is (and always for the learner's program as written).
    pub fn way_of(&self, mode: Mode) -> Way {
        if self.way.applies_to(mode) && !self.as_written {
            self.way
        } else {
            Way::Async
        }
    }

    /// The language the code panel shows `run` in: the one the learner chose, else, for their
    /// program as written, their own Python, else the lesson's ([`Kitchen::language`]).
    pub fn code_language(&self, run: &RunResult) -> Language {
        match self.chosen_language {
            None if run.written.is_some() => run
                .written
                .as_ref()
                .map_or(Language::Python, |code| code.own.language),
            _ => self.language,
        }
    }

    /// The learner's program in `language` as saved on an earlier visit (or as a link brought it).
    pub fn draft(&self, language: Language) -> Option<&Rc<str>> {
        match language {
            Language::Python => self.python_draft.as_ref(),
            Language::Rust => self.rust_draft.as_ref(),
        }
    }

    /// The learner's program, when it is the program (the recipe is written from it) and the
    /// Python editor has read it.
    pub fn leading_program(&self) -> Option<&Written> {
        self.written
            .as_deref()
            .filter(|w| self.lead.language() == Some(w.language))
    }

    /// The learner's program's tasks as a recipe (at the scale the program was drawn at, unless
    /// the learner chose one for the recipe), while their program is the program: `Some(None)`
    /// when it has a mistake (`current`) or a recipe cannot say what it does; `None` while the
    /// recipe is the program.
    fn python_recipe(&self, current: bool) -> Option<Option<Rc<Recipe>>> {
        let written = self.leading_program()?;
        let read = if current {
            written.read.as_ref().ok()
        } else {
            written.last_good.as_ref()
        };
        Some(read.and_then(|r| Some(self.scaled(&r.as_recipe.as_ref().ok()?.recipe))))
    }

    /// Where the stage's cursor is on `staged`: the head of a live run, the learner's place, a link's
    /// moment, or where the run is read from (a prediction's start, a finished run's end).
    pub fn cursor(&self, staged: &RunResult) -> Cursor {
        let replay = &staged.replay;
        if staged.live {
            return replay.last();
        }
        if let Some((stop, at)) = self.stage.cursor {
            let stop = stop.min(replay.stops().len() - 1);
            return Cursor {
                stop,
                at: at.max(replay.stops()[stop].at),
            };
        }
        if let Some(at) = self.stage.link_at {
            return replay.seek(at);
        }
        if staged.predicted {
            replay.first()
        } else {
            replay.last()
        }
    }

    /// The recipe that a run would use now: the editor's text with the learner's scale, if it
    /// parses; while the learner's Python is the program, its tasks written as a recipe.
    pub fn recipe(&self) -> Option<Rc<Recipe>> {
        if let Some(python) = self.python_recipe(true) {
            return python;
        }
        self.parsed.as_ref().ok().map(|recipe| self.scaled(recipe))
    }

    /// The recipe the stage shows: the one a run would use now, or while the editor's text has
    /// mistakes the last good one (with the learner's scale), if there was one; the same of the
    /// learner's Python's tasks while it is the program.
    pub fn good_recipe(&self) -> Option<Rc<Recipe>> {
        if let Some(python) = self.python_recipe(false) {
            return python;
        }
        self.last_good.as_ref().map(|recipe| self.scaled(recipe))
    }

    /// Whether the stage shows an older recipe than the editor's text, because the text has
    /// mistakes: the page marks it out of date.
    pub fn out_of_date(&self) -> bool {
        self.parsed.is_err() && self.last_good.is_some()
    }

    /// `recipe` with the learner's scale.
    fn scaled(&self, recipe: &Rc<Recipe>) -> Rc<Recipe> {
        match self.scale_ms {
            Some(ms) if ms != recipe.scale_ms => Rc::new(Recipe {
                scale_ms: ms,
                ..(**recipe).clone()
            }),
            _ => recipe.clone(),
        }
    }

    /// The scale in effect: the learner's, or the recipe's own, or `None` while the text is broken.
    pub fn effective_scale(&self) -> Option<f64> {
        self.scale_ms
            .or_else(|| self.parsed.as_ref().ok().map(|r| r.scale_ms))
    }

    /// Whether the editor holds something else than what was opened.
    pub fn edited(&self) -> bool {
        *self.text != *self.opened.original
    }

    /// The latest finished result of `mode`, if it has run.
    pub fn result(&self, mode: Mode) -> Option<&Rc<RunResult>> {
        self.results.iter().find(|r| r.mode == mode)
    }

    /// The run the console, code and export speak about: the live one, else the latest finished.
    pub fn focused(&self) -> Option<&Rc<RunResult>> {
        self.live.as_ref().or_else(|| self.results.last())
    }

    /// Every run to draw, in the order the page lists them (the compared order, then the pitfalls),
    /// with the live run in its place.
    pub fn shown(&self) -> Vec<Rc<RunResult>> {
        Mode::ALL
            .iter()
            .filter_map(|&mode| match &self.live {
                Some(live) if live.mode == mode => Some(live.clone()),
                _ => self.result(mode).cloned(),
            })
            .collect()
    }

    /// The tutorial's total for a run of `mode`, in the recipe's unit, where the lesson states one
    /// and it still holds: the lesson as shipped (not edited, not rescaled) and, on cooks, run on the
    /// number of cooks its total is stated for.
    pub fn expected_total(&self, mode: Mode) -> Option<f64> {
        let lesson = self.opened.lesson.as_ref()?;
        let as_shipped = !self.edited() && self.scale_ms.is_none();
        let cooks_as_shipped = lesson.cooks.is_none_or(|n| n == self.cook_plan().count);
        (as_shipped && (!mode.on_cooks() || cooks_as_shipped))
            .then(|| lesson.expected_total(mode))
            .flatten()
    }

    /// Replaces the editor's text, parsing it again; a text that reads becomes the last good one.
    pub(crate) fn set_text(&mut self, text: Rc<str>) {
        self.parsed = parse(&text);
        if let Ok(recipe) = &self.parsed {
            self.last_good = Some(recipe.clone());
        }
        self.text = text;
    }
}

/// The exercises of what is open: a lesson's own, then those the recipe on screen asks.
pub(crate) fn quiz_of(opened: &Opened, on_screen: Option<&Rc<Recipe>>) -> Quiz {
    match &opened.lesson {
        Some(lesson) => Quiz::new(
            lesson::exercises::of(lesson),
            Some(Rc::new(lesson.recipe.clone())),
            on_screen,
        ),
        None => Quiz::new(Vec::new(), None, on_screen),
    }
}

/// The language `opened` shows its code in until the learner chooses one: Python for the lessons
/// from the Python tutorials, whose readers know it, else Rust, the code that runs.
pub(crate) fn first_language(opened: &Opened) -> Language {
    match &opened.lesson {
        Some(lesson) if lesson.from_python_tutorial() => Language::Python,
        _ => Language::Rust,
    }
}

/// Parses editor text into what the page keeps.
fn parse(text: &str) -> Result<Rc<Recipe>, Rc<Vec<ParseError>>> {
    text::parse(text).map(Rc::new).map_err(Rc::new)
}
