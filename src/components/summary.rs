//! One run's result card on the page: `kitchen_views::result_card`'s markup inside an article that
//! stays one element while a live run's snapshots rewrite it.

use std::rc::Rc;

use yew::prelude::*;

use super::markup::into_html;
use kitchen_model::run::RunResult;
use kitchen_views::result_card::{self, Baseline, Card};

/// Properties of [`Summary`].
#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    /// The run to summarise.
    pub result: Rc<RunResult>,
    /// The tutorial's total for this run's mode, when the recipe is an unedited lesson that states
    /// one ([`Lesson::expected_total`](crate::model::Lesson::expected_total)).
    #[prop_or_default]
    pub expected: Option<f64>,
    /// The blocking total to state the speed-up against.
    #[prop_or_default]
    pub baseline: Option<Baseline>,
    /// The gather total, which a processes run is compared with as well: one cook that overlaps its
    /// waits against several that share the work out.
    #[prop_or_default]
    pub gather: Option<Baseline>,
    /// Whether an open exercise asks this run's prediction, which the card then hides.
    #[prop_or_default]
    pub concealed: bool,
}

/// A card with the measured total in the recipe's unit and in milliseconds, the prediction, the
/// tutorial's number, the speed-up against blocking, how busy the thread was and the longest freeze.
#[function_component]
pub fn Summary(props: &SummaryProps) -> Html {
    let result = &props.result;
    let id = result.mode.id();
    let m = result_card::write(Card {
        result,
        expected: props.expected,
        baseline: props.baseline,
        gather: props.gather,
        concealed: props.concealed,
    });
    // The card itself stays one element while a live run's snapshots rewrite its contents.
    html! {
        <article class={ format!("summary {id}{}", if result.live { " live" } else { "" }) }
                 data-testid={ format!("result-{id}") } aria-busy={ result.live.to_string() }>
            { into_html(m) }
        </article>
    }
}
