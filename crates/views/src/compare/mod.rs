//! The comparison of runs as one compact table: a row per mode with its total, its longest freeze
//! and whether the page stayed alive, and, when Gather froze longer than Sequential, the sentence
//! that says why.
//!
//! This module owns the table's words and its `data-` hooks; `components::app::results` puts it on the
//! page and in view. Written as markup text ([`Markup`]): the table only shows.

use kitchen_model::format;
use kitchen_model::freeze::{self, FREEZE_MS};
use kitchen_model::run::RunResult;
use kitchen_model::{Mode, Timeline};

use crate::markup::Markup;

/// Whether the page could draw during a run, as the frames it drew show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alive {
    /// No gap between frames of [`FREEZE_MS`] or more.
    Yes,
    /// It drew between freezes.
    Between,
    /// One freeze lasted (nearly) the whole run.
    No,
    /// The run recorded no frames.
    Unknown,
}

impl Alive {
    /// What a run's frames say: a freeze of nine tenths of the run or more is the page frozen
    /// throughout (the frame before a run comes a little before its start, so the gap around a
    /// blocking run is longer than the run).
    pub fn of(timeline: &Timeline) -> Alive {
        if timeline.frames.is_empty() {
            return Alive::Unknown;
        }
        let longest = timeline.totals().longest_freeze.unwrap_or(0.0);
        if longest < FREEZE_MS {
            Alive::Yes
        } else if longest >= 0.9 * timeline.end {
            Alive::No
        } else {
            Alive::Between
        }
    }

    /// The `data-alive` value: `yes`, `partly`, `no` or `unknown`.
    pub fn id(self) -> &'static str {
        match self {
            Alive::Yes => "yes",
            Alive::Between => "partly",
            Alive::No => "no",
            Alive::Unknown => "unknown",
        }
    }

    /// The cell's words.
    pub fn words(self) -> &'static str {
        match self {
            Alive::Yes => "yes, throughout",
            Alive::Between => "yes, between freezes",
            Alive::No => "no: frozen throughout",
            Alive::Unknown => "no frames recorded",
        }
    }
}

/// The table of `runs` (finished runs of one recipe, in the page's order), and under it why Gather
/// froze longer than Sequential when it did.
pub fn write(runs: &[&RunResult]) -> Markup {
    let mut m = Markup::new();
    m.tag(r#"<table class="compare-table" data-testid="compare-table"><caption>"#)
        .text(&caption(runs))
        .tag(
            r#"</caption><thead><tr><th scope="col">mode</th><th scope="col">total</th><th scope="col">longest freeze</th><th scope="col">page alive?</th></tr></thead><tbody>"#,
        );
    for run in runs {
        let id = run.mode.id();
        let alive = Alive::of(&run.timeline);
        let totals = run.totals;
        m.tag(r#"<tr class=""#)
            .tag(id)
            .tag(r#"" data-mode=""#)
            .tag(id)
            .tag(r#"" data-alive=""#)
            .tag(alive.id())
            .tag(r#""><th scope="row">"#)
            .text(run.mode.label())
            .tag(r#"</th><td class="total" data-ms=""#)
            .tag(&format::Fixed(totals.end, 3).to_string())
            .tag(r#"">"#)
            .text(&format::units(&run.recipe, totals.end))
            .tag("</td><td");
        match totals.longest_freeze {
            Some(ms) => {
                m.tag(r#" class="freeze" data-ms=""#)
                    .tag(&format::Fixed(ms, 3).to_string())
                    .tag(r#"">"#)
                    .text(&format::millis(ms));
            }
            None => {
                m.tag(r#" class="freeze">—"#);
            }
        }
        m.tag(r#"</td><td class="alive">"#)
            .text(alive.words())
            .tag("</td></tr>");
    }
    m.tag("</tbody></table>");
    if let Some(why) = why_gather_froze_longer(runs) {
        m.tag(r#"<p class="compare-why" data-testid="compare-why">"#)
            .text(&why)
            .tag("</p>");
    }
    m
}

/// The table's caption: how many modes, and the recipe.
fn caption(runs: &[&RunResult]) -> String {
    let title = runs.first().map_or("", |r| r.recipe.title.as_str());
    format!("{title}: {} modes compared", runs.len())
}

/// When the measured Gather froze longer than the measured Sequential, the sentence that names the
/// tasks whose work ran back to back, from the two predictions (which say why, whatever the
/// machine's noise); `None` otherwise, or when the predictions do not bear it out.
pub fn why_gather_froze_longer(runs: &[&RunResult]) -> Option<String> {
    let find = |mode| runs.iter().find(|r| r.mode == mode);
    let (gather, sequential) = (find(Mode::Gather)?, find(Mode::Sequential)?);
    let (g, s) = (
        gather.totals.longest_freeze?,
        sequential.totals.longest_freeze?,
    );
    if g <= s {
        return None;
    }
    freeze::back_to_back(&gather.prediction.timeline, &sequential.prediction.timeline)
}

#[cfg(test)]
mod tests;
