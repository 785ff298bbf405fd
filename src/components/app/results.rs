//! The results under the stage: the runs compared in one table, a card per run with its headline
//! numbers, the clock's step said once under them, and the runs not on the stage drawn on the
//! stage's time axis, for comparing; the timelines' legend.
//!
//! The table, the cards and the note are `components::summary`'s, in a chunk with what starts
//! a run (`lazy::RunCards`); what a card says is `kitchen_views::result_card`'s. This file
//! decides what each card is stated against (the tutorial's number, blocking's total, gather's) and keeps the predicted baselines
//! from being simulated again on every render.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::lazy::RunCards;
use crate::components::summary::CardOf;
use crate::components::timeline::{TimelineLegend, TimelineView};
use crate::model::Mode;
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

/// Brings the comparison table into view once a comparison has finished: after *Compare every
/// mode* the results sit below the stage, out of a projector's view, and the table is what the
/// class compares. Once, when the last compared run ends (or the comparison is cancelled), never
/// while runs go on: the stage is what to watch then.
#[hook]
pub fn use_compare_in_view(kitchen: &Kitchen) {
    // Set while a comparison has modes queued; taken by the first render after its last run.
    let armed = use_mut_ref(|| false);
    let now = (!kitchen.queue.is_empty(), kitchen.running.is_some());
    use_effect_with(now, move |&(queued, running)| {
        if queued {
            *armed.borrow_mut() = true;
        } else if !running && std::mem::take(&mut *armed.borrow_mut()) {
            let table = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(".compare").ok().flatten());
            if let Some(table) = table {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                table.scroll_into_view_with_scroll_into_view_options(&options);
            }
        }
    });
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
    /// Whether the latest run can be exported from here (not in an embedded lesson).
    pub exports: bool,
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
    let cards: Rc<[CardOf]> = props
        .shown
        .iter()
        .map(|r| CardOf {
            result: r.clone(),
            expected: props.kitchen.expected_total(r.mode),
            concealed: concealed.hides(r),
        })
        .collect();
    html! {
        <>
            if !cards.is_empty() {
                <RunCards {cards} baseline={ blocking } {gather} clock_step_ms={ props.clock_step_ms }
                    lesson={ props.kitchen.opened.lesson.as_ref().map(|l| l.id) }
                    text={ AttrValue::from(props.kitchen.text.clone()) }
                    latest={ props.kitchen.results.last().cloned().filter(|_| props.exports) } />
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
