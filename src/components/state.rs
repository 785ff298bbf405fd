//! The page's state and the actions that change it, as a Yew [`Reducible`].
//!
//! This file owns what the learner is looking at: the lesson, the text in the editor and whether it
//! parses, the chosen mode and scale, the runs and the queue of a comparison. It must not start runs,
//! touch storage or read the address bar: the [`App`](super::App) does those and reports back here
//! through [`KitchenAction`]s, so every change of state is a plain function, tested natively.

use std::rc::Rc;

use yew::Reducible;

use super::quiz::{Quiz, QuizAction};
use crate::model::code::Language;
use crate::model::cooks::{self, Cooks};
use crate::model::exercise::progress::{LessonProgress, Progress};
use crate::model::fidelity;
use crate::model::lateness::{self, StepLateness};
use crate::model::replay::play::{self, Playhead, Speed};
use crate::model::replay::{Cursor, Replay};
use crate::model::text::{self, ParseError};
use crate::model::{Lesson, Mode, Recipe, Timeline, Totals, Trace, lesson, predict};

/// The modes a comparison runs, one after another, in this order: the baseline first.
pub const COMPARED: [Mode; 4] = [Mode::Blocking, Mode::Sequential, Mode::Gather, Mode::Spawn];

/// What a perfect single-threaded scheduler would do with a recipe in one mode: worked out once per
/// run and shared by every live snapshot of it, since a simulation of ten thousand tasks is not free.
#[derive(Clone, Debug, PartialEq)]
pub struct Prediction {
    /// The events the simulation emitted.
    pub trace: Trace,
    /// The prediction, lane by lane.
    pub timeline: Timeline,
    /// The predicted headline numbers.
    pub totals: Totals,
}

impl Prediction {
    /// Simulates `recipe` in `mode` (in the processes mode, on two cold cooks).
    pub fn new(recipe: &Recipe, mode: Mode) -> Prediction {
        Prediction::on(recipe, mode, Cooks::new(2))
    }

    /// Simulates `recipe` in `mode`, on `cooks` if the mode uses cooks.
    pub fn on(recipe: &Recipe, mode: Mode, cooks: Cooks) -> Prediction {
        let trace = predict::predict_with(recipe, mode, cooks);
        let timeline = Timeline::from_trace(recipe, &trace);
        let totals = timeline.totals();
        Prediction {
            trace,
            timeline,
            totals,
        }
    }
}

/// One run, measured and predicted, explained: finished, or still growing while it runs.
#[derive(Clone, Debug)]
pub struct RunResult {
    /// The mode that ran.
    pub mode: Mode,
    /// The recipe as it ran, with the scale the learner chose.
    pub recipe: Rc<Recipe>,
    /// Everything the runtime recorded.
    pub trace: Rc<Trace>,
    /// What happened, lane by lane.
    pub timeline: Timeline,
    /// The measured headline numbers.
    pub totals: Totals,
    /// What a perfect single-threaded scheduler would have done.
    pub prediction: Rc<Prediction>,
    /// Each step occurrence's planned and measured times, in the prediction's order.
    pub lateness: Vec<StepLateness>,
    /// Whether the run is still in progress: its trace is a snapshot and will grow.
    pub live: bool,
    /// Whether this is the model's prediction shown as a run: its trace is the simulation's, nothing ran.
    pub predicted: bool,
    /// The run's events indexed for the stage's cursor, built once per run (or live snapshot).
    pub replay: Rc<Replay>,
    /// Whether the browser coarsened the finished run's timers (a hidden tab, Low Power Mode,
    /// Safari's untouched cross-origin frame): its lateness is the browser's, not the event loop's.
    pub coarsened: bool,
}

/// Two results are the same run when they share their recorded trace, prediction and replay (every
/// snapshot and every finished run has its own). Comparing a hundred thousand events one by one
/// whenever a component's properties are compared would cost more time than the render it saves,
/// and the wasm of a deep comparison of every type a run holds.
impl PartialEq for RunResult {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.trace, &other.trace)
            && Rc::ptr_eq(&self.prediction, &other.prediction)
            && Rc::ptr_eq(&self.replay, &other.replay)
            && self.mode == other.mode
            && self.live == other.live
            && self.predicted == other.predicted
    }
}

impl RunResult {
    /// Explains a run of `recipe` in `mode` from its recorded `trace`.
    pub fn new(recipe: Rc<Recipe>, mode: Mode, trace: Trace, live: bool) -> RunResult {
        let prediction = Rc::new(Prediction::new(&recipe, mode));
        Self::with_prediction(recipe, mode, trace, prediction, live)
    }

    /// Explains a run whose prediction is already known: a live run's snapshots all share one, so the
    /// simulation runs once per run, not once per snapshot.
    pub fn with_prediction(
        recipe: Rc<Recipe>,
        mode: Mode,
        trace: Trace,
        prediction: Rc<Prediction>,
        live: bool,
    ) -> RunResult {
        let timeline = Timeline::from_trace(&recipe, &trace);
        let totals = timeline.totals();
        let lateness = lateness::compare(&prediction.trace, &trace);
        let replay = Rc::new(Replay::new(&recipe, mode, &trace, !live));
        let coarsened = !live && fidelity::coarsened(&recipe, mode, &lateness);
        RunResult {
            coarsened,
            mode,
            recipe,
            trace: Rc::new(trace),
            timeline,
            totals,
            prediction,
            lateness,
            live,
            predicted: false,
            replay,
        }
    }

    /// The prediction of `recipe` in `mode` shown as a run: its trace, timeline and totals are the
    /// prediction's own, and with nothing measured there is no lateness to compare.
    pub fn predicted(recipe: Rc<Recipe>, mode: Mode, prediction: Rc<Prediction>) -> RunResult {
        let replay = Rc::new(Replay::new(&recipe, mode, &prediction.trace, true));
        RunResult {
            mode,
            recipe,
            trace: Rc::new(prediction.trace.clone()),
            timeline: prediction.timeline.clone(),
            totals: prediction.totals,
            prediction,
            lateness: Vec::new(),
            live: false,
            predicted: true,
            replay,
            coarsened: false,
        }
    }
}

/// The page's pool of cooks as the last processes run left it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pool {
    /// How many cooks are started and kept.
    pub warm: usize,
    /// What starting a cook cost, in milliseconds, as last measured (or typical).
    pub startup_ms: f64,
    /// What a task's message to a cook cost, as last measured (or typical).
    pub message_ms: f64,
    /// What hearing back from a cook cost, as last measured (or typical).
    pub reply_ms: f64,
}

impl Default for Pool {
    fn default() -> Self {
        Pool {
            warm: 0,
            startup_ms: cooks::TYPICAL_STARTUP_MS,
            message_ms: cooks::TYPICAL_MESSAGE_MS,
            reply_ms: cooks::TYPICAL_REPLY_MS,
        }
    }
}

/// Which run the stage shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Staged {
    /// The prediction of the chosen mode.
    Prediction,
    /// The latest measured run of this mode.
    Run(Mode),
}

/// The stage: which run it shows, where its cursor is and whether it plays.
#[derive(Clone, Debug, PartialEq)]
pub struct StageView {
    /// The run the learner put on the stage; `None` shows the newest run, else the prediction.
    pub choice: Option<Staged>,
    /// Where the learner put the cursor (a stop and a time); `None` rests it where a run is read
    /// from: the start of a prediction, the end of a finished run, the head of a live one.
    pub cursor: Option<(usize, f64)>,
    /// A moment a link asked for, in milliseconds, kept until the learner moves the cursor.
    pub link_at: Option<f64>,
    /// The speed playback runs at, while it plays.
    pub playing: Option<Speed>,
    /// The speed the play button uses.
    pub speed: Speed,
    /// Milliseconds played towards the next stop, when playing one stop a second.
    pub carried: f64,
    /// Whether the cursor was last moved by hand, so that its sentence is announced.
    pub announce: bool,
}

impl Default for StageView {
    fn default() -> Self {
        StageView {
            choice: None,
            cursor: None,
            link_at: None,
            playing: None,
            speed: Speed::StopPerSecond,
            carried: 0.0,
            announce: false,
        }
    }
}

impl StageView {
    /// Back to where a new run is read from; the speed and a link's moment stay.
    fn rest(&mut self) {
        self.cursor = None;
        self.playing = None;
        self.carried = 0.0;
        self.announce = false;
    }
}

/// A message for the learner above the page's controls.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Whether something went wrong (a refused run, a broken link) or is only worth knowing.
    pub problem: bool,
    /// The message, in full sentences.
    pub text: String,
}

impl Notice {
    /// Something that went wrong and what the page did instead.
    pub fn problem(text: impl Into<String>) -> Notice {
        Notice {
            problem: true,
            text: text.into(),
        }
    }

    /// Something worth knowing.
    pub fn info(text: impl Into<String>) -> Notice {
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

    /// The lesson's id, or `custom`: the key of the learner's draft in local storage.
    pub fn key(&self) -> &str {
        self.lesson.as_ref().map_or(CUSTOM, |l| l.id)
    }
}

/// However few cores a browser reports, a learner may choose up to this many cooks: more cooks than
/// cores is a lesson of its own (they take turns on the cores).
pub const MIN_COOK_CHOICE: usize = 4;

/// The storage key and link word for a recipe that is not a shipped lesson.
pub const CUSTOM: &str = "custom";

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Kitchen {
    /// What is open.
    pub opened: Opened,
    /// The text in the editor.
    pub text: String,
    /// The text parsed, or everything wrong with it.
    pub parsed: Result<Rc<Recipe>, Rc<Vec<ParseError>>>,
    /// The mode the next run uses.
    pub mode: Mode,
    /// Real milliseconds per unit chosen by the learner, overriding the recipe's own `scale`.
    pub scale_ms: Option<f64>,
    /// The latest finished run of each mode for the recipe on screen, in the order they finished.
    pub results: Vec<Rc<RunResult>>,
    /// The run in progress, as of its latest snapshot, once it has one.
    pub live: Option<Rc<RunResult>>,
    /// The mode running now, if any.
    pub running: Option<Mode>,
    /// The modes a comparison has still to run, in order.
    pub queue: Vec<Mode>,
    /// A message for the learner, if there is one.
    pub notice: Option<Notice>,
    /// The language the code panel shows.
    pub language: Language,
    /// The prediction of the chosen mode shown as a run, for the stage before anything has run.
    pub predicted: Option<Rc<RunResult>>,
    /// The pool the prediction was made for, in the processes mode.
    pub predicted_on: Cooks,
    /// How many cooks the learner chose for the processes mode, if they did.
    pub cooks: Option<usize>,
    /// How many cores the browser reports (`navigator.hardwareConcurrency`).
    pub cores: usize,
    /// What the page's pool of cooks is like now: how many are started, and what they cost.
    pub pool: Pool,
    /// The stage's run, cursor and playback.
    pub stage: StageView,
    /// The exercises of what is open and the learner's attempts at them.
    pub quiz: Quiz,
    /// The learner's progress through every lesson's exercises.
    pub progress: Progress,
}

impl Default for Kitchen {
    fn default() -> Self {
        Kitchen::open(Opened::lesson(lesson::cake_and_groceries()), None)
    }
}

impl Kitchen {
    /// A page with `opened` in the editor, showing `draft` if the learner had changed it.
    pub fn open(opened: Opened, draft: Option<String>) -> Kitchen {
        let text = draft.unwrap_or_else(|| opened.original.to_string());
        let opened_cooks = opened.lesson.as_ref().and_then(|l| l.cooks);
        let mode = opened
            .lesson
            .as_ref()
            .map_or(Mode::Gather, |l| l.default_mode);
        let mut kitchen = Kitchen {
            parsed: parse(&text),
            text,
            opened,
            mode,
            scale_ms: None,
            results: Vec::new(),
            live: None,
            running: None,
            queue: Vec::new(),
            notice: None,
            language: Language::Rust,
            predicted: None,
            predicted_on: Cooks::new(1),
            cooks: opened_cooks,
            cores: 2,
            pool: Pool::default(),
            stage: StageView::default(),
            quiz: Quiz::default(),
            progress: Progress::default(),
        };
        kitchen.quiz = quiz_of(&kitchen.opened, kitchen.parsed.as_ref().ok());
        kitchen.predict();
        kitchen
    }

    /// The pool a processes run would use now: the learner's number of cooks, else the lesson's,
    /// else one per task up to the cores; started cooks are warm; the last measured costs.
    pub fn cook_plan(&self) -> Cooks {
        let most = Cooks::most(self.cores.max(MIN_COOK_CHOICE));
        let count = self
            .cooks
            .or_else(|| self.recipe().map(|r| Cooks::default_count(&r, self.cores)))
            .unwrap_or(1)
            .clamp(1, most);
        Cooks {
            count,
            warm: self.pool.warm.min(count),
            cores: self.cores.max(1),
            startup_ms: self.pool.startup_ms,
            message_ms: self.pool.message_ms,
            reply_ms: self.pool.reply_ms,
        }
    }

    /// Works out the prediction of the chosen mode for the recipe a run would use now, unless it
    /// already has; the stage rests where a prediction is read from.
    pub fn predict(&mut self) {
        let recipe = self.recipe();
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
        self.predicted = recipe.map(|recipe| {
            let prediction = Rc::new(Prediction::on(&recipe, self.mode, plan));
            Rc::new(RunResult::predicted(recipe, self.mode, prediction))
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
        match self.stage.choice {
            Some(Staged::Prediction) => self.predicted.clone(),
            Some(Staged::Run(mode)) => self.result(mode).cloned(),
            None => None,
        }
        .or_else(|| self.results.last().cloned())
        .or_else(|| self.predicted.clone())
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

    /// Moves the stage's cursor with `to`, which gets the staged run's replay and the cursor now.
    fn move_cursor(&mut self, to: impl FnOnce(&Replay, Cursor) -> Cursor) {
        let Some(staged) = self.staged().filter(|s| !s.live) else {
            return;
        };
        let next = to(&staged.replay, self.cursor(&staged));
        self.stage.cursor = Some((next.stop, next.at));
        self.stage.link_at = None;
        self.stage.playing = None;
        self.stage.announce = true;
    }

    /// Advances playback by `elapsed` milliseconds of the page's clock.
    fn tick(&mut self, elapsed: f64) {
        let (Some(speed), Some(staged)) = (self.stage.playing, self.staged()) else {
            return;
        };
        let head = Playhead {
            cursor: self.cursor(&staged),
            carried: self.stage.carried,
        };
        let (next, ended) = play::advance(&staged.replay, head, speed, elapsed);
        self.stage.cursor = Some((next.cursor.stop, next.cursor.at));
        self.stage.carried = next.carried;
        self.stage.announce = false;
        if ended {
            self.stage.playing = None;
        }
    }

    /// The recipe that a run would use now: the editor's text with the learner's scale, if it parses.
    pub fn recipe(&self) -> Option<Rc<Recipe>> {
        let recipe = self.parsed.as_ref().ok()?;
        match self.scale_ms {
            Some(ms) if ms != recipe.scale_ms => Some(Rc::new(Recipe {
                scale_ms: ms,
                ..(**recipe).clone()
            })),
            _ => Some(recipe.clone()),
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

    /// Drops the results that no longer describe the recipe a run would use now.
    fn forget_stale(&mut self) {
        let now = self.recipe();
        self.results
            .retain(|r| now.as_ref().is_some_and(|now| r.recipe == *now));
    }
}

/// The exercises of what is open: a lesson's own, then those the recipe on screen asks.
fn quiz_of(opened: &Opened, on_screen: Option<&Rc<Recipe>>) -> Quiz {
    match &opened.lesson {
        Some(lesson) => Quiz::new(
            lesson::exercises::of(lesson),
            Some(Rc::new(lesson.recipe.clone())),
            on_screen,
        ),
        None => Quiz::new(Vec::new(), None, on_screen),
    }
}

/// Parses editor text into what the page keeps.
fn parse(text: &str) -> Result<Rc<Recipe>, Rc<Vec<ParseError>>> {
    text::parse(text).map(Rc::new).map_err(Rc::new)
}

/// What can happen to the page.
pub enum KitchenAction {
    /// Replace what is open, as when a link's compressed recipe has been inflated; the cores, the
    /// pool of cooks and the progress stay.
    Load(Box<Kitchen>),
    /// Open a lesson (or a custom recipe), with the learner's draft of it if there is one.
    Open(Opened, Option<String>),
    /// The learner typed: this is the editor's whole text now.
    Edit(String),
    /// Bring the opened text back.
    Reset,
    /// Choose the mode of the next run.
    ChooseMode(Mode),
    /// Choose the scale in real milliseconds per unit, or `None` for the recipe's own.
    ChooseScale(Option<f64>),
    /// Choose the code panel's language.
    ChooseLanguage(Language),
    /// Queue the compared modes; the first starts when the page is free.
    Compare,
    /// A run of this mode began (a comparison's queue loses its head).
    Started(Mode),
    /// A live snapshot of the run in progress.
    Progress(Rc<RunResult>),
    /// The run ended (finished or cancelled), explained.
    Finished(Rc<RunResult>),
    /// A run could not start, for this reason; a comparison stops.
    Refused(String),
    /// Show a message, or clear it.
    Notify(Option<Notice>),
    /// Choose how many cooks the processes mode uses, or `None` for the default.
    ChooseCooks(Option<usize>),
    /// A processes run left the pool like this.
    PoolChanged(Pool),
    /// Put another run on the stage.
    Show(Staged),
    /// Move the stage's cursor by this many stops.
    Step(isize),
    /// Put the stage's cursor on this stop.
    ToStop(usize),
    /// Put the stage's cursor at this time, in milliseconds.
    Seek(f64),
    /// Play the staged run at this speed, or pause.
    Play(Option<Speed>),
    /// Choose the playback speed.
    Speed(Speed),
    /// This many milliseconds of the page's clock passed while playing.
    Tick(f64),
    /// The learner answered, locked in or started an exercise again.
    Quiz(QuizAction),
    /// A lesson's progress as a course page kept it, to put back.
    Restore(LessonProgress),
    /// Forget the progress through every lesson.
    ResetProgress,
}

impl Reducible for Kitchen {
    type Action = KitchenAction;

    fn reduce(self: Rc<Self>, action: KitchenAction) -> Rc<Self> {
        let mut next = (*self).clone();
        let recipe_or_mode_may_change = matches!(
            action,
            KitchenAction::Open(..)
                | KitchenAction::Edit(_)
                | KitchenAction::Reset
                | KitchenAction::ChooseMode(_)
                | KitchenAction::ChooseScale(_)
                | KitchenAction::ChooseCooks(_)
                | KitchenAction::PoolChanged(_)
        );
        match action {
            KitchenAction::Load(kitchen) => {
                // What the page knows of the browser and of the learner stays.
                let mut loaded = Kitchen {
                    cores: next.cores,
                    pool: next.pool,
                    progress: next.progress,
                    ..*kitchen
                };
                loaded.predict();
                return Rc::new(loaded);
            }
            KitchenAction::Open(opened, draft) => {
                let fresh = Kitchen::open(opened, draft);
                // A run in progress keeps going until the App has cancelled it; its result will not
                // match the new recipe and is dropped when it arrives.
                next = Kitchen {
                    running: next.running,
                    language: next.language,
                    cores: next.cores,
                    pool: next.pool,
                    progress: next.progress,
                    stage: StageView {
                        speed: next.stage.speed,
                        ..StageView::default()
                    },
                    ..fresh
                };
            }
            KitchenAction::Edit(text) => {
                next.parsed = parse(&text);
                next.text = text;
                next.forget_stale();
            }
            KitchenAction::Reset => {
                next.text = next.opened.original.to_string();
                next.parsed = parse(&next.text);
                next.scale_ms = None;
                next.forget_stale();
            }
            KitchenAction::ChooseMode(mode) => next.mode = mode,
            KitchenAction::ChooseScale(ms) => {
                next.scale_ms = ms.filter(|ms| text::limits::scale_in_range(*ms));
                next.forget_stale();
            }
            KitchenAction::ChooseLanguage(language) => next.language = language,
            KitchenAction::Compare => {
                next.queue = COMPARED.to_vec();
                next.results.clear();
                next.notice = None;
            }
            KitchenAction::Started(mode) => {
                next.running = Some(mode);
                next.live = None;
                next.stage.choice = None;
                next.stage.rest();
                // The new run replaces the last one of its mode, from its first snapshot on.
                next.results.retain(|r| r.mode != mode);
                if next.queue.first() == Some(&mode) {
                    next.queue.remove(0);
                }
                next.notice = None;
            }
            KitchenAction::Progress(snapshot) => {
                if next.running == Some(snapshot.mode) {
                    next.live = Some(snapshot);
                }
            }
            KitchenAction::Finished(result) => {
                next.running = None;
                next.live = None;
                next.stage.choice = None;
                next.stage.rest();
                if next.recipe().is_some_and(|now| now == result.recipe) {
                    if next.quiz.judge(&result, next.language)
                        && let Some(at) = next.quiz.last
                    {
                        let right = next.quiz.correct(at) == Some(true);
                        next.progress.record(next.opened.key(), at, right);
                    }
                    next.results.retain(|r| r.mode != result.mode);
                    if result.timeline.cancelled {
                        next.queue.clear();
                    }
                    next.results.push(result);
                } else {
                    next.queue.clear();
                }
            }
            KitchenAction::Refused(why) => {
                next.queue.clear();
                next.notice = Some(Notice::problem(why));
            }
            KitchenAction::Notify(notice) => next.notice = notice,
            KitchenAction::ChooseCooks(cooks) => {
                next.cooks = cooks.map(|c| c.clamp(1, cooks::MAX_COOKS));
                next.results.retain(|r| r.mode != Mode::Processes);
            }
            KitchenAction::PoolChanged(pool) => next.pool = pool,
            KitchenAction::Show(which) => {
                next.stage.choice = Some(which);
                next.stage.rest();
            }
            KitchenAction::Step(delta) => next.move_cursor(|r, c| r.step(c, delta)),
            KitchenAction::ToStop(stop) => next.move_cursor(|r, _| r.at_stop(stop)),
            KitchenAction::Seek(at) => next.move_cursor(|r, _| r.seek(at)),
            KitchenAction::Play(speed) => {
                if let Some(staged) = next.staged().filter(|s| !s.live) {
                    // Playing from the end starts again from the beginning.
                    if speed.is_some() && next.cursor(&staged) == staged.replay.last() {
                        let first = staged.replay.first();
                        next.stage.cursor = Some((first.stop, first.at));
                    }
                    next.stage.playing = speed;
                    next.stage.carried = 0.0;
                    next.stage.link_at = None;
                    next.stage.announce = speed.is_none();
                }
            }
            KitchenAction::Speed(speed) => {
                next.stage.speed = speed;
                if next.stage.playing.is_some() {
                    next.stage.playing = Some(speed);
                }
            }
            KitchenAction::Tick(elapsed) => next.tick(elapsed),
            KitchenAction::Quiz(action) => {
                next.quiz.apply(action);
            }
            KitchenAction::Restore(record) => {
                if record.lesson == next.opened.key() {
                    next.progress.set(record);
                }
            }
            KitchenAction::ResetProgress => next.progress.reset(),
        }
        if recipe_or_mode_may_change {
            next.predict();
            let on_screen = next.parsed.as_ref().ok().cloned();
            next.quiz.follow(on_screen.as_ref());
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(kitchen: Kitchen, actions: Vec<KitchenAction>) -> Kitchen {
        let mut state = Rc::new(kitchen);
        for action in actions {
            state = state.reduce(action);
        }
        (*state).clone()
    }

    fn finished(kitchen: &Kitchen, mode: Mode) -> Rc<RunResult> {
        let recipe = kitchen.recipe().expect("the recipe parses");
        let trace = predict::predict(&recipe, mode);
        Rc::new(RunResult::new(recipe, mode, trace, false))
    }

    #[test]
    fn the_default_page_is_the_cake_lesson_unedited_and_runnable() {
        let kitchen = Kitchen::default();
        assert_eq!(kitchen.opened.key(), "cake");
        assert!(!kitchen.edited());
        assert_eq!(kitchen.recipe().unwrap().title, "Cake and groceries");
        assert_eq!(kitchen.mode, Mode::Gather);
    }

    #[test]
    fn a_broken_edit_has_errors_and_no_recipe_and_reset_brings_the_lesson_back() {
        let kitchen = reduce(
            Kitchen::default(),
            vec![KitchenAction::Edit("task cake\n  wait ten\n".into())],
        );
        let errors = kitchen.parsed.clone().unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (2, 8));
        assert!(kitchen.recipe().is_none() && kitchen.edited());
        let kitchen = reduce(kitchen, vec![KitchenAction::Reset]);
        assert!(kitchen.recipe().is_some() && !kitchen.edited());
    }

    #[test]
    fn results_are_kept_until_the_recipe_or_scale_changes() {
        let kitchen = Kitchen::default();
        let gather = finished(&kitchen, Mode::Gather);
        let kitchen = reduce(
            kitchen,
            vec![
                KitchenAction::Started(Mode::Gather),
                KitchenAction::Finished(gather),
            ],
        );
        assert_eq!(kitchen.results.len(), 1);
        assert_eq!(kitchen.running, None);
        // Choosing a mode or a language changes nothing about the recipe.
        let same = reduce(
            kitchen.clone(),
            vec![
                KitchenAction::ChooseMode(Mode::Blocking),
                KitchenAction::ChooseLanguage(Language::Python),
            ],
        );
        assert_eq!(same.results.len(), 1);
        let rescaled = reduce(kitchen.clone(), vec![KitchenAction::ChooseScale(Some(5.0))]);
        assert!(rescaled.results.is_empty());
        assert_eq!(rescaled.recipe().unwrap().scale_ms, 5.0);
        let edited = reduce(
            kitchen,
            vec![KitchenAction::Edit("task a\n  wait 1\n".into())],
        );
        assert!(edited.results.is_empty());
    }

    #[test]
    fn a_scale_out_of_range_falls_back_to_the_recipes_own() {
        for bad in [0.0, -1.0, f64::NAN, 1e9] {
            let kitchen = reduce(
                Kitchen::default(),
                vec![KitchenAction::ChooseScale(Some(bad))],
            );
            assert_eq!(kitchen.scale_ms, None, "{bad}");
            assert_eq!(kitchen.effective_scale(), Some(20.0));
        }
    }

    #[test]
    fn a_comparison_runs_its_modes_in_order_and_stops_when_one_is_refused() {
        let kitchen = reduce(
            Kitchen::default(),
            vec![
                KitchenAction::Compare,
                KitchenAction::Started(Mode::Blocking),
            ],
        );
        assert_eq!(kitchen.queue, COMPARED[1..].to_vec());
        let blocking = finished(&kitchen, Mode::Blocking);
        let kitchen = reduce(
            kitchen,
            vec![
                KitchenAction::Finished(blocking),
                KitchenAction::Refused("no".into()),
            ],
        );
        assert!(kitchen.queue.is_empty());
        assert!(kitchen.notice.as_ref().is_some_and(|n| n.problem));
        assert_eq!(kitchen.results.len(), 1);
    }

    #[test]
    fn a_result_for_a_recipe_no_longer_on_screen_is_dropped() {
        let kitchen = Kitchen::default();
        let gather = finished(&kitchen, Mode::Gather);
        let kitchen = reduce(
            kitchen,
            vec![
                KitchenAction::Started(Mode::Gather),
                KitchenAction::Open(Opened::lesson(lesson::chores()), None),
                KitchenAction::Finished(gather),
            ],
        );
        assert_eq!(kitchen.opened.key(), "chores");
        assert!(kitchen.results.is_empty() && kitchen.running.is_none());
    }

    #[test]
    fn live_snapshots_replace_each_other_and_shown_lists_modes_in_page_order() {
        let kitchen = Kitchen::default();
        let gather = finished(&kitchen, Mode::Gather);
        let blocking = finished(&kitchen, Mode::Blocking);
        let live = Rc::new(RunResult {
            live: true,
            ..(*finished(&kitchen, Mode::Spawn)).clone()
        });
        let kitchen = reduce(
            kitchen,
            vec![
                KitchenAction::Started(Mode::Gather),
                KitchenAction::Finished(gather),
                KitchenAction::Started(Mode::Blocking),
                KitchenAction::Finished(blocking),
                KitchenAction::Started(Mode::Spawn),
                KitchenAction::Progress(live),
            ],
        );
        let modes: Vec<_> = kitchen.shown().iter().map(|r| r.mode).collect();
        assert_eq!(modes, [Mode::Blocking, Mode::Gather, Mode::Spawn]);
        assert!(kitchen.focused().unwrap().live);
    }
}
