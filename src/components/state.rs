//! The page's state and the actions that change it, as a Yew [`Reducible`].

use std::rc::Rc;

use yew::Reducible;

use crate::model::lateness::{self, StepLateness};
use crate::model::{Lesson, Mode, Recipe, Timeline, Totals, Trace, lesson, predict};

/// One run, measured and predicted, explained: finished, or still growing while it runs.
#[derive(Clone, Debug, PartialEq)]
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
    /// What a perfect single-threaded scheduler would have recorded.
    pub predicted_trace: Rc<Trace>,
    /// The prediction, lane by lane.
    pub prediction: Timeline,
    /// The predicted headline numbers.
    pub predicted: Totals,
    /// Each step occurrence's planned and measured times, in the prediction's order.
    pub lateness: Vec<StepLateness>,
    /// Whether the run is still in progress: its trace is a snapshot and will grow.
    pub live: bool,
}

impl RunResult {
    /// Explains a run of `recipe` in `mode` from its recorded `trace`.
    pub fn new(recipe: Rc<Recipe>, mode: Mode, trace: Trace, live: bool) -> RunResult {
        let timeline = Timeline::from_trace(&recipe, &trace);
        let totals = timeline.totals();
        let predicted_trace = predict::predict(&recipe, mode);
        let prediction = Timeline::from_trace(&recipe, &predicted_trace);
        let predicted = prediction.totals();
        let lateness = lateness::compare(&predicted_trace, &trace);
        RunResult {
            mode,
            recipe,
            trace: Rc::new(trace),
            timeline,
            totals,
            predicted_trace: Rc::new(predicted_trace),
            prediction,
            predicted,
            lateness,
            live,
        }
    }
}

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Kitchen {
    /// The lesson on screen.
    pub lesson: Rc<Lesson>,
    /// The latest result of each mode that has run, in the order they finished.
    pub results: Vec<Rc<RunResult>>,
    /// The mode running now, if any.
    pub running: Option<Mode>,
    /// Why the last run was refused, if it was.
    pub notice: Option<String>,
}

impl Default for Kitchen {
    fn default() -> Self {
        Kitchen {
            lesson: Rc::new(lesson::cake_and_groceries()),
            results: Vec::new(),
            running: None,
            notice: None,
        }
    }
}

impl Kitchen {
    /// The latest result of `mode`, if it has run.
    pub fn result(&self, mode: Mode) -> Option<&Rc<RunResult>> {
        self.results.iter().find(|r| r.mode == mode)
    }
}

/// What can happen to the page.
pub enum KitchenAction {
    /// A run of this mode began.
    Started(Mode),
    /// A run of this mode ended with this trace.
    Finished(Mode, Trace),
    /// A run was refused, for this reason.
    Refused(String),
}

impl Reducible for Kitchen {
    type Action = KitchenAction;

    fn reduce(self: Rc<Self>, action: KitchenAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            KitchenAction::Started(mode) => {
                next.running = Some(mode);
                next.notice = None;
            }
            KitchenAction::Refused(why) => next.notice = Some(why),
            KitchenAction::Finished(mode, trace) => {
                let recipe = Rc::new(next.lesson.recipe.clone());
                next.results.retain(|r| r.mode != mode);
                next.results
                    .push(Rc::new(RunResult::new(recipe, mode, trace, false)));
                next.running = None;
            }
        }
        Rc::new(next)
    }
}
