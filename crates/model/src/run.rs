//! One run explained: what the runtime recorded, laid beside what a perfect scheduler would have
//! done, with the timeline, the totals, each step's lateness and the replay the stage reads.
//!
//! This module owns how a trace becomes everything the page shows about it, once per run (or once
//! per live snapshot): the views only read a [`RunResult`]. It starts nothing and keeps no state of
//! the page; which runs the page keeps is the page state's business.

use std::rc::Rc;

use crate::code::{CodeView, ProgramCode};
use crate::cooks::Cooks;
use crate::lateness::{self, StepLateness};
use crate::python::program::Rules;
use crate::replay::{Narrator, Replay};
use crate::{Mode, Recipe, Timeline, Totals, Trace, fidelity, predict};
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
        Prediction::of_trace(recipe, predict::predict_with(recipe, mode, cooks))
    }

    /// Simulates `recipe` in `mode` on the page's own thread ([`predict::on_page`]: a mode on the
    /// page's workers is simulated by [`Prediction::on`], which the page's first look never calls).
    pub fn on_page(recipe: &Recipe, mode: Mode) -> Prediction {
        Prediction::of_trace(recipe, predict::on_page(recipe, mode))
    }

    /// A prediction simulated elsewhere (a program's, by `python::asyncio`), on `recipe`'s lanes.
    pub fn of_trace(recipe: &Recipe, trace: Trace) -> Prediction {
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
    /// For a run of the learner's own program as written (`python::drawn`), its code: their text
    /// and its Rust, which the stage shows and marks in place of the code a mode writes.
    pub written: Option<Rc<ProgramCode>>,
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
            written: None,
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
            written: None,
        }
    }

    /// What the page calls the run: its mode, or "As written" for a learner's program.
    pub fn label(&self) -> &'static str {
        if self.written.is_some() {
            "As written"
        } else {
            self.mode.label()
        }
    }

    /// The run's stable identifier in test hooks: its mode's, or `as-written`.
    pub fn id(&self) -> &'static str {
        if self.written.is_some() {
            "as-written"
        } else {
            self.mode.id()
        }
    }

    /// The same run, of a learner's program as written in `code`, run by `rules`: by Tokio's,
    /// the replay lists the ready queue in the order the record polls it
    /// ([`Replay::list_in_recorded_order`]).
    pub fn written_as(mut self, code: Rc<ProgramCode>, rules: Rules) -> RunResult {
        if rules == Rules::Tokio {
            // Built just now and not yet shared: nothing is copied.
            Rc::make_mut(&mut self.replay).list_in_recorded_order();
        }
        RunResult {
            written: Some(code),
            ..self
        }
    }

    /// The narrator of this run, quoting `view`: for a program as written, its top is its first
    /// lane ([`Narrator::as_written`]).
    pub fn narrator<'a>(&'a self, view: &'a CodeView) -> Narrator<'a> {
        let narrator = Narrator::new(&self.replay, &self.recipe, view);
        if self.written.is_some() {
            narrator.as_written()
        } else {
            narrator
        }
    }
}
