//! The results under the stage: a card per run with its headline numbers, and the runs not on the
//! stage drawn on the stage's time axis, for comparing; the timelines' legend.
//!
//! What a card says is `kitchen_views::result_card`'s; this file decides what each card is stated
//! against (the tutorial's number, blocking's total, gather's) and keeps the predicted baselines
//! from being simulated again on every render.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::summary::Summary;
use crate::components::timeline::{TimelineLegend, TimelineView};
use crate::model::Mode;
use crate::model::format::Short;
use crate::model::run::RunResult;
use crate::state::{Concealed, Kitchen};
use crate::views::result_card::Baseline;

/// The totals runs are stated against.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Baselines {
    /// Blocking's predicted total, which the controls' forecast compares with.
    pub blocking_predicted: Option<Baseline>,
    /// Blocking's total: measured if it ran, else predicted.
    pub blocking: Option<Baseline>,
    /// Gather's total for a run on cooks: measured if it ran, else predicted (only while the
    /// processes mode is chosen, since a 100 000-task gather is not free to simulate).
    pub gather: Option<Baseline>,
}

/// The baselines for the recipe a run of `kitchen` would use now.
#[hook]
pub fn use_baselines(kitchen: &Kitchen) -> Baselines {
    let recipe = kitchen.recipe();
    let blocking = use_memo(recipe.clone(), |recipe| {
        recipe
            .as_ref()
            .map(|r| Baseline::predicted(r, Mode::Blocking))
    });
    let gather = use_memo((recipe, kitchen.mode.on_cooks()), |(recipe, on_cooks)| {
        recipe
            .as_ref()
            .filter(|_| *on_cooks)
            .map(|r| Baseline::predicted(r, Mode::Gather))
    });
    let measured = |mode| kitchen.result(mode).map(|r| Baseline::measured(r));
    Baselines {
        blocking_predicted: *blocking,
        blocking: measured(Mode::Blocking).or(*blocking),
        gather: measured(Mode::Gather).or(*gather),
    }
}

/// What [`results`] shows.
pub struct Shown<'a> {
    /// The page's state, which says what each run's tutorial total is.
    pub kitchen: &'a Kitchen,
    /// Every run to show, in the page's order, the live one in its place.
    pub shown: &'a [Rc<RunResult>],
    /// The run on the stage, drawn there rather than here.
    pub staged: Option<&'a Rc<RunResult>>,
    /// The time axis's span, shared with the stage.
    pub span: f64,
    /// What the runs are stated against.
    pub baselines: Baselines,
    /// The step the page's clock moves by, in milliseconds.
    pub clock_step_ms: f64,
    /// What an open exercise keeps hidden: the predictions it asks about.
    pub concealed: &'a Concealed,
    /// Whether Present is on: the key is then beside the stage's chart, not here.
    pub present: bool,
}

/// The result cards, the other runs' timelines and the legend. A view function rather than a
/// component: it holds no state, and the App renders it whenever it renders anyway.
pub fn results(props: Shown<'_>) -> Html {
    let staged = props.staged;
    let others: Vec<Rc<RunResult>> = props
        .shown
        .iter()
        .filter(|r| !staged.is_some_and(|s| Rc::ptr_eq(s, r)))
        .cloned()
        .collect();
    // A predicted baseline states its mode's total: hidden while an exercise asks it.
    let concealed = props.concealed;
    let open = |b: Option<Baseline>, mode| {
        let hidden = |b: &Baseline| {
            !b.measured
                && props
                    .kitchen
                    .recipe()
                    .is_some_and(|r| concealed.hides_mode(mode, &r))
        };
        b.filter(|b| !hidden(b))
    };
    let (blocking, gather) = (
        open(props.baselines.blocking, Mode::Blocking),
        open(props.baselines.gather, Mode::Gather),
    );
    html! {
        <>
            if !props.shown.is_empty() {
                <section class="results" aria-label="Results" data-testid="results"
                         data-clock-step-ms={ Short(props.clock_step_ms).to_string() }>
                    { for props.shown.iter().map(|r| html! {
                        <Summary
                            result={ r.clone() }
                            expected={ props.kitchen.expected_total(r.mode) }
                            baseline={ blocking }
                            {gather}
                            clock_step_ms={ props.clock_step_ms }
                            concealed={ concealed.hides(r) }
                        />
                    }) }
                </section>
            }
            if !others.is_empty() {
                <TimelineView results={ others } span={ Some(props.span) } concealed={ concealed.clone() } />
            }
            if staged.is_some() && !props.present {
                <TimelineLegend />
            }
        </>
    }
}
