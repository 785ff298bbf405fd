//! The results' numbers under the stage: the runs compared in one table, a card per run (the
//! views' `result_card` markup inside an article that stays one element while a live run's
//! snapshots rewrite it), the clock's step said once under them, and the latest run's exports.
//!
//! In a chunk with what starts a run (`lazy::RUNNER`, drawn by `lazy::RunCards`): a learner sees
//! these only once a run has started, so their code — the cards' and the table's words, the
//! sentence on why Gather froze longer — is fetched as the learner reaches for the run controls
//! rather than with the first look (`cargo xtask dist` prints the chunk's size). Nothing outside
//! `lazy` names [`RunCards`].

use std::rc::Rc;

use yew::prelude::*;

use super::export_bar::ExportBar;
use super::markup::into_html;
use kitchen_model::format::Short;
use kitchen_model::run::RunResult;
use kitchen_views::compare;
use kitchen_views::result_card::{self, Baseline, Card, clock_note};

/// One run's card, as the page states it.
#[derive(Clone)]
pub struct CardOf {
    /// The run to summarise.
    pub result: Rc<RunResult>,
    /// The tutorial's total for this run's mode, when the recipe is an unedited lesson that states
    /// one ([`Lesson::expected_total`](crate::model::Lesson::expected_total)).
    pub expected: Option<f64>,
    /// Whether an open exercise asks this run's prediction, which the card then hides.
    pub concealed: bool,
}

/// A run is never changed once made (a live run's snapshot is a new one): the same run is the same
/// `Rc`, which spares comparing whole traces on every render.
impl PartialEq for CardOf {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.result, &other.result)
            && self.expected == other.expected
            && self.concealed == other.concealed
    }
}

/// Properties of [`RunCards`].
#[derive(Properties, Clone, PartialEq)]
pub struct RunCardsProps {
    /// Every run to show, in the page's order, the live one in its place.
    pub cards: Rc<[CardOf]>,
    /// The blocking total to state the speed-ups against.
    #[prop_or_default]
    pub baseline: Option<Baseline>,
    /// The gather total, which a processes run is compared with as well: one cook that overlaps its
    /// waits against several that share the work out.
    #[prop_or_default]
    pub gather: Option<Baseline>,
    /// The step the page's clock moves by, in milliseconds (`runtime::clock::step`).
    pub clock_step_ms: f64,
    /// The lesson's id, if a lesson is open, for the exported files' names.
    #[prop_or_default]
    pub lesson: Option<&'static str>,
    /// The editor's text, which the Export JSON file keeps beside the run.
    pub text: AttrValue,
    /// The latest finished run, which Export SVG and Export JSON save; none, no exports (as in an
    /// embedded lesson).
    #[prop_or_default]
    pub latest: Option<Rc<RunResult>>,
}

/// The comparison table once two runs have finished, right under the stage, where
/// `app::results::use_compare_in_view` finds it; a card per run; the clock's note; the exports of
/// the latest run (here, since a page that has not run has nothing to export).
#[function_component]
pub fn RunCards(props: &RunCardsProps) -> Html {
    // The table walks every finished run's trace: written again only when the runs change, not at
    // every keystroke that renders the results.
    let compared = use_memo(props.cards.clone(), |cards| {
        let finished: Vec<&RunResult> = cards
            .iter()
            .filter(|c| !c.result.live)
            .map(|c| c.result.as_ref())
            .collect();
        (finished.len() >= 2).then(|| into_html(compare::write(&finished)))
    });
    html! {
        <>
            if let Some(table) = (*compared).clone() {
                <section class="compare" aria-label="Runs compared">{ table }</section>
            }
            <section class="results" aria-label="Results" data-testid="results"
                     data-clock-step-ms={ Short(props.clock_step_ms).to_string() }>
                { for props.cards.iter().map(|c| html! { <Summary card={ c.clone() } baseline={ props.baseline } gather={ props.gather } /> }) }
            </section>
            <div class="clock-note-row">{ into_html(clock_note(props.clock_step_ms)) }</div>
            if props.latest.is_some() {
                <ExportBar
                    lesson={ props.lesson }
                    text={ props.text.clone() }
                    result={ props.latest.clone() }
                    clock_step_ms={ props.clock_step_ms }
                />
            }
        </>
    }
}

/// Properties of [`Summary`].
#[derive(Properties, PartialEq)]
struct SummaryProps {
    card: CardOf,
    baseline: Option<Baseline>,
    gather: Option<Baseline>,
}

/// A card with the measured total in the recipe's unit and in milliseconds, the prediction, the
/// tutorial's number, the speed-up against blocking, how busy the thread was and the longest freeze.
/// A component of its own, so that a card is written again only when its run or what it is stated
/// against changes, not at every keystroke that renders the results.
#[function_component]
fn Summary(props: &SummaryProps) -> Html {
    let result = &props.card.result;
    let id = result.mode.id();
    let m = result_card::write(Card {
        result,
        expected: props.card.expected,
        baseline: props.baseline,
        gather: props.gather,
        concealed: props.card.concealed,
    });
    // The card itself stays one element while a live run's snapshots rewrite its contents.
    html! {
        <article class={ format!("summary {id}{}", if result.live { " live" } else { "" }) }
                 data-testid={ format!("result-{id}") } aria-busy={ result.live.to_string() }>
            { into_html(m) }
        </article>
    }
}
