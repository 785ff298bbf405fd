//! The timelines: one figure per run, every run on the same time axis, and the legend.
//!
//! Each figure (`figure`) holds a self-contained SVG chart (`chart`) drawn at the width of its
//! container (`measure`), a detail line that spells out the bar under the pointer or the keyboard
//! focus, and the run as a table (`table`); a figure can also carry a cursor and report clicks as
//! times, for a stage that shows one run. The layout, the drawing, the words and the style are
//! `kitchen_views::timeline`'s, natively tested: these components only put them on the page and
//! listen. They render model data only: no timers, no timings of their own.

mod chart;
mod figure;
mod legend;
mod measure;
pub(crate) mod table;

use std::rc::Rc;

use yew::prelude::*;

pub use figure::{TimelineFigure, TimelineFigureProps};
pub use kitchen_views::timeline::shared_span;
pub use legend::TimelineLegend;

use crate::state::Concealed;
use kitchen_model::run::RunResult;
use kitchen_views::timeline::chart_id;

/// Properties of [`TimelineView`].
#[derive(Properties)]
pub struct TimelineViewProps {
    /// The runs to draw, top to bottom, on one shared time axis.
    pub results: Vec<Rc<RunResult>>,
    /// The axis's span in milliseconds, when it is shared with runs drawn elsewhere (the stage's);
    /// otherwise the longest of these runs.
    #[prop_or_default]
    pub span: Option<f64>,
    /// What an open exercise keeps hidden: the predictions it asks about.
    #[prop_or_default]
    pub concealed: Concealed,
}

impl PartialEq for TimelineViewProps {
    fn eq(&self, other: &Self) -> bool {
        // A result never changes behind its `Rc`: a new snapshot is a new `Rc`. Comparing pointers
        // keeps an unchanged page from comparing whole traces on every render.
        self.span == other.span
            && self.concealed == other.concealed
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
                <TimelineFigure key={chart_id(r)} result={r.clone()} {span} conceal={props.concealed.hides(r)} />
            }) }
        </section>
    }
}
