//! The timelines: one figure per run, every run on the same time axis, with a legend below.
//!
//! Each figure holds a self-contained SVG chart (`chart`), a detail line that spells out the
//! bar under the pointer or the keyboard focus, and the run as a table (`table`). This module
//! owns the shared axis and the wiring between them; layout, drawing, wording and style live in its
//! submodules, which all read their dimensions from `geometry` and never from one another. It
//! renders model data only: no timers, no timings of its own.

use std::rc::Rc;

use yew::prelude::*;

mod chart;
mod geometry;
mod layout;
mod legend;
mod marks;
mod rows;
mod scale;
mod style;
mod table;
mod thread;
mod tips;

use chart::TimelineChart;
use layout::ChartModel;
use legend::TimelineLegend;
use table::TimelineTable;

use crate::components::state::RunResult;

/// Properties of [`TimelineView`].
#[derive(Properties)]
pub struct TimelineViewProps {
    /// The runs to draw, top to bottom, on one shared time axis.
    pub results: Vec<Rc<RunResult>>,
}

impl PartialEq for TimelineViewProps {
    fn eq(&self, other: &Self) -> bool {
        // A result never changes behind its `Rc`: a new snapshot is a new `Rc`. Comparing pointers
        // keeps an unchanged page from comparing whole traces on every render.
        self.results.len() == other.results.len()
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
    let span = shared_span(&props.results);
    html! {
        <section class="timelines" aria-label="Timelines">
            { for props.results.iter().map(|r| html! {
                <TimelineFigure key={r.mode.id()} result={r.clone()} {span} />
            }) }
            if !props.results.is_empty() {
                <TimelineLegend />
            }
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

/// Properties of [`TimelineFigure`].
#[derive(Properties)]
struct TimelineFigureProps {
    /// The run.
    result: Rc<RunResult>,
    /// The shared axis's span in milliseconds.
    span: f64,
}

impl PartialEq for TimelineFigureProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.result, &other.result) && self.span == other.span
    }
}

/// What a layout depends on, compared by pointer like the props.
struct LayoutKey(Rc<RunResult>, f64);

impl PartialEq for LayoutKey {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) && self.1 == other.1
    }
}

/// One run's figure: its chart, the detail line and its table.
#[function_component]
fn TimelineFigure(props: &TimelineFigureProps) -> Html {
    let model: Rc<ChartModel> = use_memo(LayoutKey(props.result.clone(), props.span), |k| {
        ChartModel::build(&k.0, k.1)
    });
    let detail = use_state(|| None::<Rc<str>>);
    // The setter is stable, so the chart's props stay equal while only the detail line changes.
    let on_pick = use_callback(detail.setter(), |tip: Rc<str>, set| set.set(Some(tip)));
    let result = &props.result;
    let id = result.mode.id();
    let mut notes = Vec::new();
    if result.live {
        notes.push("Running now: the timeline grows as the run goes.");
    }
    if result.timeline.cancelled {
        notes.push("Cancelled: the lanes stop where the run was stopped.");
    }
    if result.timeline.throttled {
        notes.push("The tab was hidden during this run, and browsers slow timers down there: these times are not the page's own.");
    }
    let detail_text = detail.as_deref().map_or_else(
        || "Point at a bar, or tab to it, to read its step, its planned and measured times and how late it was.".to_owned(),
        str::to_owned,
    );
    html! {
        <figure class={if result.live { "timeline live" } else { "timeline" }} data-testid={format!("timeline-{id}")}
                aria-label={model.title.clone()}>
            if !notes.is_empty() {
                <figcaption class="timeline-notes">{ notes.join(" ") }</figcaption>
            }
            <div class="timeline-scroll">
                <TimelineChart model={model.clone()} {on_pick} />
            </div>
            <p class="timeline-detail" data-testid={format!("timeline-detail-{id}")}>{ detail_text }</p>
            <TimelineTable result={result.clone()} />
        </figure>
    }
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
