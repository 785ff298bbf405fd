//! One run's headline numbers: measured beside predicted and the tutorial's, with warnings.

use std::rc::Rc;

use yew::prelude::*;

use super::format::{self, Fixed, Short};
use super::state::RunResult;
use crate::model::{Mode, Recipe, predict};

/// A total a run's speed-up is stated against: blocking's, and gather's for a run on cooks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Baseline {
    /// The total, in milliseconds.
    pub ms: f64,
    /// Whether it was measured (a run of that mode happened) or only predicted.
    pub measured: bool,
}

impl Baseline {
    /// The prediction's total for `recipe` in `mode`.
    pub fn predicted(recipe: &Recipe, mode: Mode) -> Baseline {
        Baseline {
            ms: predict::prediction(recipe, mode).totals().end,
            measured: false,
        }
    }

    /// What the run `result` measured.
    pub fn measured(result: &RunResult) -> Baseline {
        Baseline {
            ms: result.totals.end,
            measured: true,
        }
    }
}

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
    /// The step the page's clock moves by, in milliseconds (`runtime::clock::step`).
    #[prop_or_default]
    pub clock_step_ms: f64,
}

/// A card with the measured total in the recipe's unit and in milliseconds, the prediction, the
/// tutorial's number, the speed-up against blocking, how busy the thread was and the longest freeze.
#[function_component]
pub fn Summary(props: &SummaryProps) -> Html {
    let result = &props.result;
    let recipe = &result.recipe;
    let totals = result.totals;
    let id = result.mode.id();
    let expected = props.expected;
    let busy_pct = (totals.end > 0.0).then(|| 100.0 * totals.busy / totals.end);
    let speedup = props
        .baseline
        .filter(|_| result.mode != Mode::Blocking && totals.end > 0.0 && !result.live)
        .map(|b| (b.ms / totals.end, b.measured));
    let against_gather = props
        .gather
        .filter(|_| result.mode.on_cooks() && totals.end > 0.0 && !result.live)
        .map(|g| (g.ms / totals.end, g.measured));
    let late = totals.end - result.prediction.totals.end;
    html! {
        <article
            class={ format!("summary {id}{}", if result.live { " live" } else { "" }) }
            data-testid={ format!("result-{id}") }
            aria-busy={ result.live.to_string() }
        >
            <h3>{ result.mode.label() }{ if result.live { " — running…" } else { "" } }</h3>
            <p class="total">
                <span
                    class="measured"
                    data-testid={ (!result.live).then(|| format!("total-{id}")) }
                    data-units={ Fixed(recipe.units(totals.end), 3).to_string() }
                    data-ms={ Fixed(totals.end, 3).to_string() }
                >
                    { format::units(recipe, totals.end) }
                </span>
                <span class="ms">{ format!(" ({})", format::millis(totals.end)) }</span>
            </p>
            if result.timeline.cancelled {
                <p class="warning" role="note" data-testid={ format!("cancelled-{id}") }>
                    { "Cancelled: the run was stopped before it finished, so this total is partial." }
                </p>
            }
            if result.timeline.throttled {
                <p class="warning" role="note" data-testid={ format!("throttled-{id}") }>
                    { "The page was hidden during this run. Browsers slow timers down in hidden tabs, \
                       so these numbers are not the page's own: run it again with the tab in view." }
                </p>
            }
            if result.coarsened {
                <p class="warning" role="note" data-testid={ format!("coarsened-{id}") }>
                    { "The browser held this run's timers back (by 10 ms or more at the median): \
                       browsers do so in a hidden tab, in Low Power Mode, and Safari in a frame from \
                       another site until you click it. These timings are the browser's, not the event \
                       loop's: click the page, keep it in view and run again." }
                </p>
            }
            <dl class="figures">
                <dt>{ "predicted" }</dt>
                <dd data-testid={ format!("predicted-{id}") } data-ms={ Fixed(result.prediction.totals.end, 3).to_string() }>
                    { format::units(recipe, result.prediction.totals.end) }
                    if !result.live {
                        <span class="late">{ format!(" ({} late)", signed_ms(late)) }</span>
                    }
                </dd>
                if let Some(expected) = expected {
                    <dt>{ "tutorial says" }</dt>
                    <dd>{ format!("{} {}", Short(expected), recipe.unit.symbol()) }</dd>
                }
                if let Some((speedup, measured)) = speedup {
                    <dt>{ if measured { "vs blocking" } else { "vs blocking (predicted)" } }</dt>
                    <dd data-testid={ format!("speedup-{id}") }>{ format!("{}× as fast", Fixed(speedup, 2)) }</dd>
                }
                if let Some((ratio, measured)) = against_gather {
                    <dt>{ if measured { "vs gather" } else { "vs gather (predicted)" } }</dt>
                    <dd data-testid={ format!("vs-gather-{id}") }>{ format!("{}× as fast", Fixed(ratio, 2)) }</dd>
                }
                if let Some(busy_pct) = busy_pct {
                    <dt>{ if result.mode.on_cooks() { "page thread busy" } else { "thread busy" } }</dt>
                    <dd>{ format!("{} %", Fixed(busy_pct, 0)) }</dd>
                }
                if props.clock_step_ms > 0.0 && !result.live {
                    <dt>{ "clock" }</dt>
                    <dd data-testid={ format!("clock-step-{id}") } data-ms={ Short(props.clock_step_ms).to_string() }>
                        { format!("ticks every {} ms: lateness below that is noise", Short(props.clock_step_ms)) }
                    </dd>
                }
                if let Some(freeze) = totals.longest_freeze {
                    <dt>{ "longest freeze" }</dt>
                    <dd data-testid={ format!("freeze-{id}") }>{ format::millis(freeze) }</dd>
                }
            </dl>
        </article>
    }
}

/// A signed duration such as `+1.2 ms` or `−0.4 ms`.
fn signed_ms(ms: f64) -> String {
    let sign = if ms < 0.0 { "−" } else { "+" };
    format!("{sign}{} ms", Fixed(ms.abs(), 1))
}
