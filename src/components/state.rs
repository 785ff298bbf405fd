//! The page's state and the actions that change it, as a Yew [`Reducible`].

use std::rc::Rc;

use yew::Reducible;

use crate::model::{Lesson, Mode, Timeline, Totals, Trace, lesson, predict};

/// One finished run, explained.
#[derive(Clone, Debug, PartialEq)]
pub struct RunResult {
    /// The mode that ran.
    pub mode: Mode,
    /// What happened, lane by lane.
    pub timeline: Timeline,
    /// The headline numbers.
    pub totals: Totals,
    /// What a perfect single-threaded scheduler would have done, for comparison.
    pub predicted: Totals,
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
                let timeline = Timeline::from_trace(&next.lesson.recipe, &trace);
                let totals = timeline.totals();
                let predicted = predict::prediction(&next.lesson.recipe, mode).totals();
                next.results.retain(|r| r.mode != mode);
                next.results.push(Rc::new(RunResult {
                    mode,
                    timeline,
                    totals,
                    predicted,
                }));
                next.running = None;
            }
        }
        Rc::new(next)
    }
}
