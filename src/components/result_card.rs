//! One run's headline numbers beside the tutorial's.

use std::rc::Rc;

use yew::prelude::*;

use super::format;
use super::state::RunResult;
use crate::model::{Lesson, Mode};

/// Properties of [`ResultCard`].
#[derive(Properties, PartialEq)]
pub struct ResultCardProps {
    /// The lesson that ran.
    pub lesson: Rc<Lesson>,
    /// The run to summarise.
    pub result: Rc<RunResult>,
    /// The blocking run's total, when there is one, to state the speed-up against.
    #[prop_or_default]
    pub blocking_ms: Option<f64>,
}

/// Shows the measured total in the lesson's unit and in milliseconds, next to the tutorial's number.
#[function_component]
pub fn ResultCard(props: &ResultCardProps) -> Html {
    let recipe = &props.lesson.recipe;
    let result = &props.result;
    let totals = result.totals;
    let expected = match result.mode {
        Mode::Blocking => props.lesson.expected.blocking,
        _ => props.lesson.expected.concurrent,
    };
    let busy_pct = if totals.end > 0.0 {
        100.0 * totals.busy / totals.end
    } else {
        0.0
    };
    let speedup = props
        .blocking_ms
        .filter(|_| result.mode != Mode::Blocking)
        .filter(|_| totals.end > 0.0)
        .map(|b| b / totals.end);
    let id = result.mode.id();
    html! {
        <article class={classes!("result-card", id)} data-testid={format!("result-{id}")}>
            <h3>{ result.mode.label() }</h3>
            <p class="total">
                <span
                    class="measured"
                    data-testid={format!("total-{id}")}
                    data-units={format!("{:.3}", recipe.units(totals.end))}
                    data-ms={format!("{:.3}", totals.end)}
                >
                    { format::units(recipe, totals.end) }
                </span>
                <span class="ms">{ format!(" ({})", format::millis(totals.end)) }</span>
            </p>
            if result.timeline.cancelled {
                <p class="warning" role="note" data-testid={format!("cancelled-{id}")}>
                    { "Cancelled: the run was stopped before it finished, so this total is partial." }
                </p>
            }
            if result.timeline.throttled {
                <p class="warning" role="note" data-testid={format!("throttled-{id}")}>
                    { "The page was hidden during this run. Browsers slow down timers in hidden tabs, \
                       so these numbers are not the page's own: run it again with the tab in view." }
                </p>
            }
            <dl class="figures">
                <dt>{ "predicted" }</dt>
                <dd data-testid={format!("predicted-{id}")}>{ format::units(recipe, result.predicted.end) }</dd>
                if let Some(expected) = expected {
                    <dt>{ "tutorial says" }</dt>
                    <dd>{ format!("{expected} {}", recipe.unit.symbol()) }</dd>
                }
                <dt>{ "thread busy" }</dt>
                <dd>{ format!("{busy_pct:.0} %") }</dd>
                if let Some(freeze) = totals.longest_freeze {
                    <dt>{ "longest freeze" }</dt>
                    <dd data-testid={format!("freeze-{id}")}>{ format::millis(freeze) }</dd>
                }
                if let Some(speedup) = speedup {
                    <dt>{ "vs blocking" }</dt>
                    <dd>{ format!("{speedup:.2}× faster") }</dd>
                }
            </dl>
        </article>
    }
}
