//! The timeline as a table, for screen readers and for anyone who wants the numbers: every step
//! occurrence of one run with its planned and measured times and its lateness.
//!
//! This module owns the table alternative. Its rows are built only while the `<details>` is open,
//! so a live run's snapshots cost nothing here until someone asks for the table. It must not compute
//! timings; the lateness records come with the run (a prediction shown as a run has none).

use kitchen_model::Timeline;
use kitchen_model::format::{self, Fixed};
use kitchen_model::run::RunResult;

use super::geometry::FREEZE_MS;
use super::layout::chart_id;
use super::scale::{count, in_real_ms, range, signed_millis};
use super::tips;
use crate::markup::Markup;

/// The most rows the table lists; the rest are counted in a note.
pub const MAX_ROWS: usize = 200;

/// The table and the sentences around it. Written as markup text ([`Markup`]): it only shows, and
/// is written again only for another run, while its two hundred rows as virtual nodes would be a
/// good part of the view's wasm.
pub fn table(result: &RunResult) -> Markup {
    let mut m = Markup::new();
    m.tag("<p>").text(&overview(result)).tag("</p>");
    if result.predicted {
        m.tag(r#"<p class="table-note">Nothing has run yet, so no step has measured times: run it to list every step's planned and measured times and how late each was.</p>"#);
        return m;
    }
    let recipe = &result.recipe;
    let task_name = |t: usize| {
        result
            .prediction
            .timeline
            .lanes
            .get(t)
            .or_else(|| result.timeline.lanes.get(t))
            .map_or_else(String::new, |l| l.name.clone())
    };
    let total = result.lateness.len();
    // A scrolling region: focusable, so that keyboard users can scroll it too, and named by its caption.
    let caption = format!("table-caption-{}", chart_id(result));
    m.tag(r#"<div class="table-scroll" role="region" tabindex="0" aria-labelledby=""#)
        .text(&caption)
        .tag(r#""><table><caption id=""#)
        .text(&caption)
        .tag(r#"">"#)
        .text(&format!(
            "Every step of the {} run: planned, measured and how late",
            result.label()
        ))
        .tag(concat!(
            r#"</caption><thead><tr><th scope="col">Task</th><th scope="col">Step</th>"#,
            r#"<th scope="col">Planned</th><th scope="col">Measured</th>"#,
            r#"<th scope="col">Late at start</th><th scope="col">Late at end</th></tr></thead><tbody>"#
        ));
    for record in result.lateness.iter().take(MAX_ROWS) {
        let (measured, start_late, end_late) = match &record.measured {
            Some(at) => (
                range(recipe, at.start, at.end),
                record.start_late().map_or("—".to_owned(), signed_millis),
                record.end_late().map_or("—".to_owned(), signed_millis),
            ),
            None => ("not measured".to_owned(), "—".to_owned(), "—".to_owned()),
        };
        m.tag(r#"<tr><th scope="row">"#)
            .text(&task_name(record.planned.task))
            .tag("</th><td>")
            .text(&tips::step_words(recipe, record.planned.step))
            .tag("</td><td>")
            .text(&range(recipe, record.planned.start, record.planned.end))
            .tag("</td><td>")
            .text(&measured)
            .tag(r#"</td><td class="num">"#)
            .text(&start_late)
            .tag(r#"</td><td class="num">"#)
            .text(&end_late)
            .tag("</td></tr>");
    }
    m.tag("</tbody></table></div>");
    if total > MAX_ROWS {
        m.tag(r#"<p class="table-note">"#)
            .text(&format!(
                "Showing the first {MAX_ROWS} of {} step occurrences.",
                count(total)
            ))
            .tag("</p>");
    }
    if total == 0 {
        m.tag(r#"<p class="table-note">This run has no steps to list.</p>"#);
    }
    m
}

/// The chart's other rows in words: the totals, the thread (and the cooks'), and the heartbeat.
pub fn overview(result: &RunResult) -> String {
    let recipe = &result.recipe;
    let units = |ms: f64| format::units(recipe, ms);
    let t = &result.totals;
    let busy = if t.end > 0.0 {
        100.0 * t.busy / t.end
    } else {
        0.0
    };
    // Adding zero turns the empty sum's negative zero into a plain one.
    let busy = busy + 0.0;
    let in_ms = |ms: f64| {
        if in_real_ms(recipe) {
            String::new()
        } else {
            format!(" ({})", format::millis(ms))
        }
    };
    let held = if result.mode.on_cooks() {
        cooks_words(&result.timeline, busy, result.predicted)
    } else if result.predicted {
        format!(
            "Some task would hold the thread {} % of the time.",
            Fixed(busy, 0)
        )
    } else {
        format!(
            "Some task held the thread {} % of the time.",
            Fixed(busy, 0)
        )
    };
    if result.predicted {
        return format!(
            "The prediction takes {}{}; nothing has run yet. {held} A prediction draws no frames: \
             run it to see the page's own.",
            units(t.end),
            in_ms(t.end),
        );
    }
    let state = if result.live {
        "So far the run has taken"
    } else if result.timeline.cancelled {
        "The run was cancelled after"
    } else {
        "The run took"
    };
    let mut text = format!(
        "{state} {}{}; the prediction is {}. {held}",
        units(t.end),
        in_ms(t.end),
        units(result.prediction.totals.end),
    );
    let frames = &result.timeline.frames;
    let freezes = frames
        .windows(2)
        .filter(|w| w[1] - w[0] > FREEZE_MS)
        .count();
    let longest = t.longest_freeze.map_or_else(String::new, format::millis);
    let drew = format!(
        " Its heartbeat: the page drew {} frames",
        count(frames.len())
    );
    match freezes {
        _ if frames.is_empty() => text.push_str(" No frames were recorded."),
        0 => text.push_str(&format!(
            "{drew} and never stopped for more than {} ms.",
            Fixed(FREEZE_MS, 0)
        )),
        1 => text.push_str(&format!("{drew} and froze once, for {longest}.")),
        n => text.push_str(&format!(
            "{drew} and froze {} times, at most for {longest}.",
            count(n)
        )),
    }
    if let Some((start, duration)) = result.timeline.long_tasks.first() {
        text.push(' ');
        text.push_str(&tips::long_task(recipe, *start, *duration));
    }
    text
}

/// The page's thread and the cooks' in words, for a processes run: how much of the run the page's
/// thread was held (`busy`, a percentage), and each cook's start-up and share of the run, in the
/// future tense for a prediction (`would`).
fn cooks_words(timeline: &Timeline, busy: f64, would: bool) -> String {
    let (held, doing) = if would {
        ("would be held", "the cooks would do the work")
    } else {
        ("was held", "the cooks did the work")
    };
    let mut text = format!(
        "The page's own thread {held} {} % of the time: {doing}.",
        Fixed(busy, 0)
    );
    let end = timeline.end;
    let cooks: Vec<String> = timeline
        .cooks
        .iter()
        .enumerate()
        .map(|(i, cook)| {
            let worked = cook
                .spans
                .iter()
                .filter(|s| s.task.is_some())
                .fold(0.0, |sum, s| sum + (s.end - s.start));
            let share = if end > 0.0 { 100.0 * worked / end } else { 0.0 };
            let name = tips::cook_name(i);
            match (cook.starting, would) {
                (Some((from, to)), true) => format!(
                    "{name} would take {} to start and be busy {} % of the time",
                    format::millis(to - from),
                    Fixed(share, 0)
                ),
                (Some((from, to)), false) => format!(
                    "{name} took {} to start and was busy {} % of the time",
                    format::millis(to - from),
                    Fixed(share, 0)
                ),
                (None, true) => {
                    format!(
                        "{name} is started already and would be busy {} % of the time",
                        Fixed(share, 0)
                    )
                }
                (None, false) => {
                    format!(
                        "{name} was started already and was busy {} % of the time",
                        Fixed(share, 0)
                    )
                }
            }
        })
        .collect();
    if !cooks.is_empty() {
        text.push(' ');
        text.push_str(&tips::capitalise(&cooks.join("; ")));
        text.push('.');
    }
    text
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use kitchen_model::run::Prediction;
    use kitchen_model::{Mode, lesson, predict};

    #[test]
    fn the_overview_tells_a_run_from_a_prediction() {
        let recipe = Rc::new(lesson::cake_and_groceries().recipe);
        let trace = predict::predict(&recipe, Mode::Blocking);
        let run = RunResult::new(recipe.clone(), Mode::Blocking, trace, false);
        let text = overview(&run);
        assert!(
            text.starts_with(
                "The run took 80.0 min (1\u{202f}600 ms); the prediction is 80.0 min."
            ),
            "{text}"
        );
        assert!(text.ends_with("No frames were recorded."), "{text}");
        let prediction = Rc::new(Prediction::new(&recipe, Mode::Gather));
        let predicted = RunResult::predicted(recipe, Mode::Gather, prediction);
        let text = overview(&predicted);
        assert!(
            text.starts_with(
                "The prediction takes 60.0 min (1\u{202f}200 ms); nothing has run yet."
            ),
            "{text}"
        );
        assert!(text.contains("would hold the thread 58 %"), "{text}");
    }

    #[test]
    fn the_overview_of_a_processes_run_speaks_of_its_cooks() {
        let recipe = Rc::new(lesson::chop_and_dice().recipe);
        let trace = predict::predict(&recipe, Mode::Processes);
        let run = RunResult::new(recipe.clone(), Mode::Processes, trace, false);
        let text = overview(&run);
        assert!(
            text.contains(
                "The page's own thread was held 0 % of the time: the cooks did the work. \
                 Cook 1 took 80 ms to start and was busy "
            ),
            "{text}"
        );
        assert!(text.contains("; cook 2 took 80 ms to start"), "{text}");
        let prediction = Rc::new(Prediction::new(&recipe, Mode::Processes));
        let predicted = RunResult::predicted(recipe, Mode::Processes, prediction);
        let text = overview(&predicted);
        assert!(
            text.contains("Cook 1 would take 80 ms to start and be busy "),
            "{text}"
        );
    }
}
