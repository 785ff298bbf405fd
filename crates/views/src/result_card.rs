//! A run's result card: its headline numbers, measured beside predicted and the tutorial's, with
//! its warnings (cancelled, hidden, coarsened timers); and the clock's step, said once under them.
//!
//! This module owns the card's words and figures and the `data-testid` hooks on them; the
//! component around it (`components::summary`) only puts the card on the page. Written as markup
//! text ([`Markup`]): the card only shows.

use kitchen_model::format::{self, Fixed, Short};
use kitchen_model::run::RunResult;
use kitchen_model::{Mode, Recipe, predict};

use crate::markup::Markup;

/// A total a run's speed-up is stated against: blocking's, and gather's for a run on cooks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Baseline {
    /// The total, in milliseconds.
    pub ms: f64,
    /// Whether it was measured (a run of that mode happened) or only predicted.
    pub measured: bool,
}

impl Baseline {
    /// The prediction's total for `recipe` in `mode`, a mode on the page's own thread (blocking
    /// or gather: [`predict::on_page`], which the first look holds).
    pub fn predicted(recipe: &Recipe, mode: Mode) -> Baseline {
        let trace = predict::on_page(recipe, mode);
        Baseline {
            ms: kitchen_model::Timeline::from_trace(recipe, &trace)
                .totals()
                .end,
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

/// What a card shows beside the run itself.
#[derive(Clone, Copy, Debug)]
pub struct Card<'a> {
    /// The run to summarise.
    pub result: &'a RunResult,
    /// The tutorial's total for this run's mode, when the recipe is an unedited lesson that states
    /// one ([`Lesson::expected_total`](kitchen_model::Lesson::expected_total)).
    pub expected: Option<f64>,
    /// The blocking total to state the speed-up against.
    pub baseline: Option<Baseline>,
    /// The gather total, which a processes run is compared with as well: one cook that overlaps its
    /// waits against several that share the work out.
    pub gather: Option<Baseline>,
    /// Whether an open exercise asks this run's prediction (`kitchen_state::conceal`): the
    /// predicted total, the lateness against it and the tutorial's number are then hidden.
    pub concealed: bool,
}

/// The inside of the card: the measured total in the recipe's unit and in milliseconds, the
/// prediction, the tutorial's number, the speed-up against blocking, how busy the thread was and
/// the longest freeze.
pub fn write(card: Card<'_>) -> Markup {
    let result = card.result;
    let recipe = &result.recipe;
    let totals = result.totals;
    let id = result.mode.id();
    let expected = card.expected.filter(|_| !card.concealed);
    let busy_pct = (totals.end > 0.0).then(|| 100.0 * totals.busy / totals.end);
    let speedup = card
        .baseline
        .filter(|_| result.mode != Mode::Blocking && totals.end > 0.0 && !result.live)
        .map(|b| (b.ms / totals.end, b.measured));
    let against_gather = card
        .gather
        .filter(|_| result.mode.on_cooks() && totals.end > 0.0 && !result.live)
        .map(|g| (g.ms / totals.end, g.measured));
    let mut m = Markup::new();
    m.tag("<h3>").text(result.mode.label());
    m.tag(if result.live {
        " — running…</h3>"
    } else {
        "</h3>"
    });
    m.tag(r#"<p class="total"><span class="measured""#);
    if !result.live {
        m.tag(r#" data-testid="total-"#).tag(id).tag(r#"""#);
    }
    m.tag(r#" data-units=""#)
        .tag(&Fixed(recipe.units(totals.end), 3).to_string())
        .tag(r#"" data-ms=""#)
        .tag(&Fixed(totals.end, 3).to_string())
        .tag(r#"">"#)
        .text(&format::units(recipe, totals.end))
        .tag(r#"</span><span class="ms"> ("#)
        .text(&format::millis(totals.end))
        .tag(")</span></p>");
    let warning = |m: &mut Markup, which: &str, text: &str| {
        m.tag(r#"<p class="warning" role="note" data-testid=""#)
            .tag(which)
            .tag("-")
            .tag(id)
            .tag(r#"">"#)
            .tag(text)
            .tag("</p>");
    };
    if result.timeline.cancelled {
        warning(
            &mut m,
            "cancelled",
            "Cancelled: the run was stopped before it finished, so this total is partial.",
        );
    }
    if result.timeline.throttled {
        warning(
            &mut m,
            "throttled",
            "The page was hidden during this run. Browsers slow timers down in hidden tabs, \
             so these numbers are not the page's own: run it again with the tab in view.",
        );
    }
    if result.coarsened {
        warning(
            &mut m,
            "coarsened",
            "The browser held this run's timers back (by 10 ms or more at the median): \
             browsers do so in a hidden tab, in Low Power Mode, and Safari in a frame from \
             another site until you click it. These timings are the browser's, not the event \
             loop's: click the page, keep it in view and run again.",
        );
    }
    // One figure: its term, then its value with a test id where tests read it.
    let figure = |m: &mut Markup, term: &str, testid: Option<&str>, value: &str| {
        m.tag("<dt>").tag(term).tag("</dt><dd");
        if let Some(testid) = testid {
            m.tag(r#" data-testid=""#)
                .tag(testid)
                .tag("-")
                .tag(id)
                .tag(r#"""#);
        }
        m.tag(">").text(value).tag("</dd>");
    };
    if card.concealed {
        m.tag(r#"<dl class="figures"><dt>predicted</dt><dd data-testid="predicted-"#)
            .tag(id)
            .tag(r#"" data-hidden="true">hidden until you lock in your answer</dd>"#);
    } else {
        predicted(&mut m, result);
    }
    if let Some(expected) = expected {
        let said = format!("{} {}", Short(expected), recipe.unit.symbol());
        figure(&mut m, "tutorial says", None, &said);
    }
    // The speed-up against blocking, and against gather for a run on cooks.
    for (against, testid, ratio) in [
        ("blocking", "speedup", speedup),
        ("gather", "vs-gather", against_gather),
    ] {
        if let Some((ratio, measured)) = ratio {
            let term = format!("vs {against}{}", if measured { "" } else { " (predicted)" });
            let value = format!("{}× as fast", Fixed(ratio, 2));
            figure(&mut m, &term, Some(testid), &value);
        }
    }
    if let Some(busy_pct) = busy_pct {
        let term = if result.mode.on_cooks() {
            "page thread busy"
        } else {
            "thread busy"
        };
        figure(&mut m, term, None, &format!("{} %", Fixed(busy_pct, 0)));
    }
    if let Some(freeze) = totals.longest_freeze {
        figure(
            &mut m,
            "longest freeze",
            Some("freeze"),
            &format::millis(freeze),
        );
    }
    m.tag("</dl>");
    m
}

/// The predicted total, with how late the run ended against it once it has ended.
fn predicted(m: &mut Markup, result: &RunResult) {
    let recipe = &result.recipe;
    let late = result.totals.end - result.prediction.totals.end;
    m.tag(r#"<dl class="figures"><dt>predicted</dt><dd data-testid="predicted-"#)
        .tag(result.mode.id())
        .tag(r#"" data-ms=""#)
        .tag(&Fixed(result.prediction.totals.end, 3).to_string())
        .tag(r#"">"#)
        .text(&format::units(recipe, result.prediction.totals.end));
    if !result.live {
        m.tag(r#"<span class="late"> ("#)
            .text(&signed_ms(late))
            .tag(" late)</span>");
    }
    m.tag("</dd>");
}

/// The note under the cards on the step the page's clock moves by (`runtime::clock::step`, in
/// milliseconds): said once, since it is the same for every run. Empty when the step is unknown.
pub fn clock_note(step_ms: f64) -> Markup {
    let mut m = Markup::new();
    if step_ms > 0.0 {
        let step = Short(step_ms).to_string();
        m.tag(r#"<p class="clock-note">The page's clock <span data-testid="clock-step" data-ms=""#)
            .tag(&step)
            .tag(r#"">ticks every "#)
            .text(&step)
            .tag(" ms: lateness below that is noise</span>.</p>");
    }
    m
}

/// A signed duration such as `+1.2 ms` or `−0.4 ms`.
fn signed_ms(ms: f64) -> String {
    let sign = if ms < 0.0 { "−" } else { "+" };
    format!("{sign}{} ms", Fixed(ms.abs(), 1))
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use kitchen_model::lesson;

    /// The card of a gather run of the cake, measured as predicted, stating the tutorial's 60.
    fn card(concealed: bool) -> String {
        let recipe = Rc::new(lesson::cake_and_groceries().recipe);
        let trace = predict::predict(&recipe, Mode::Gather);
        let result = RunResult::new(recipe, Mode::Gather, trace, false);
        write(Card {
            result: &result,
            expected: Some(60.0),
            baseline: None,
            gather: None,
            concealed,
        })
        .into_string()
    }

    #[test]
    fn a_concealed_card_keeps_its_measured_total_and_hides_the_predicted_one() {
        let shown = card(false);
        assert!(shown.contains(r#"data-testid="predicted-gather" data-ms="1200.000">60.0 min"#));
        assert!(shown.contains("tutorial says"));
        let hidden = card(true);
        assert!(hidden.contains(r#"data-testid="total-gather""#), "{hidden}");
        assert!(hidden.contains(r#"data-testid="predicted-gather" data-hidden="true""#));
        assert!(
            !hidden.contains("tutorial says") && !hidden.contains(" late)"),
            "{hidden}"
        );
    }
}
