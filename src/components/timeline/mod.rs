//! The timelines: one figure per run, every run on the same time axis, and the legend.
//!
//! Each figure (`figure`) holds a self-contained SVG chart (`chart`) drawn at the width of its
//! container, a detail line that spells out the bar under the pointer or the keyboard focus, and the
//! run as a table (`table`); a figure can also carry a cursor and report clicks as times, for a
//! stage that shows one run. This module owns the shared axis; layout, drawing, wording and style
//! live in its submodules, which all read their dimensions from `geometry` and never from one
//! another. It renders model data only: no timers, no timings of its own.

mod chart;
mod cooks;
mod figure;
mod geometry;
mod layout;
mod legend;
mod marks;
mod measure;
mod polls;
mod rows;
mod scale;
mod style;
mod table;
mod thread;
mod tips;

use std::rc::Rc;

use yew::prelude::*;

pub use figure::{TimelineFigure, TimelineFigureProps};
use layout::chart_id;
pub use legend::TimelineLegend;

use crate::components::state::RunResult;

/// Properties of [`TimelineView`].
#[derive(Properties)]
pub struct TimelineViewProps {
    /// The runs to draw, top to bottom, on one shared time axis.
    pub results: Vec<Rc<RunResult>>,
    /// The axis's span in milliseconds, when it is shared with runs drawn elsewhere (the stage's);
    /// otherwise the longest of these runs.
    #[prop_or_default]
    pub span: Option<f64>,
}

impl PartialEq for TimelineViewProps {
    fn eq(&self, other: &Self) -> bool {
        // A result never changes behind its `Rc`: a new snapshot is a new `Rc`. Comparing pointers
        // keeps an unchanged page from comparing whole traces on every render.
        self.span == other.span
            && self.results.len() == other.results.len()
            && self
                .results
                .iter()
                .zip(&other.results)
                .all(|(a, b)| Rc::ptr_eq(a, b))
    }
}

/// Draws every run on one shared time axis, so their lengths compare at a glance.
#[function_component]
pub fn TimelineView(props: &TimelineViewProps) -> Html {
    let span = props.span.unwrap_or_else(|| shared_span(&props.results));
    html! {
        <section class="timelines" aria-label="Other runs">
            { for props.results.iter().map(|r| html! {
                <TimelineFigure key={chart_id(r)} result={r.clone()} {span} />
            }) }
        </section>
    }
}

/// The span every chart's axis covers: the longest of the runs and of their predictions.
///
/// Counting the prediction keeps a live run's axis still: it is known before the run starts, so the
/// axis only grows if the run overruns it.
pub fn shared_span(results: &[Rc<RunResult>]) -> f64 {
    results
        .iter()
        .map(|r| r.timeline.end.max(r.prediction.timeline.end))
        .fold(0.0, f64::max)
        .max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Mode, lesson, predict};

    #[test]
    fn a_live_runs_axis_is_as_long_as_its_prediction_from_the_start() {
        let recipe = Rc::new(lesson::cake_and_groceries().recipe);
        let mut trace = predict::predict(&recipe, Mode::Gather);
        trace.events.retain(|e| e.at <= 100.0);
        trace.end = 100.0;
        let live = Rc::new(RunResult::new(recipe.clone(), Mode::Gather, trace, true));
        assert_eq!(shared_span(std::slice::from_ref(&live)), 1200.0);
        let blocking = predict::predict(&recipe, Mode::Blocking);
        let done = Rc::new(RunResult::new(recipe, Mode::Blocking, blocking, false));
        assert_eq!(shared_span(&[live, done]), 1600.0);
        assert_eq!(shared_span(&[]), 1.0);
    }
}
