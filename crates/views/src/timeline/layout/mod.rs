//! The timeline chart of one run, laid out: every bar, tick and label with its position and words,
//! computed once per snapshot so that drawing is a plain walk over the result.
//!
//! This module owns the chart's plan: the order and heights of the rows, the title and the note for
//! the lanes left out. Which lanes are drawn (at most [`MAX_LANES`], so a run of ten thousand tasks
//! costs no more to draw than one of twelve, and always those the story names) and at what size is
//! `lanes`'s. The bars come from `rows`, `thread` and `cooks`, the heartbeat and end markers from
//! `marks`, the dimensions from `geometry`. It is pure; the SVG itself belongs to `chart`.

mod lanes;

use std::rc::Rc;

pub use lanes::{KEEP_LANES, kept_lanes, named_tasks, pick_lanes};

use super::cooks;
use super::geometry::{
    AXIS_H, AXIS_H_TWO_LINES, LABEL_W, LANE_H, LONG_H, MARKS_H, NOTE_H, NOTE_LINE_H, ROW_GAP,
    SUBTITLE_H, TITLE_H,
};
use super::marks::{self, Heartbeat, Marker};
use super::rows::{self, Bar, Row, RowSize};
use super::scale::{self, Scale, Tick, text_width};
use super::thread;
use kitchen_model::Recipe;
use kitchen_model::format;
use kitchen_model::run::RunResult;
use lanes::{first_lanes, fit};

/// The most task lanes drawn; the rest are summed up in one line.
pub const MAX_LANES: usize = 12;
/// The note on a chart where no task ran at all, as when futures are never awaited.
pub const NOTHING_RAN: &str =
    "No task ran: no future was polled, so nothing happened and nothing took time.";
/// The same note on a prediction, which speaks of what would happen.
pub const NOTHING_WOULD_RUN: &str =
    "No task would run: no future is polled, so nothing happens and nothing takes time.";

/// The heartbeat row of a prediction on a chart too narrow for `marks::PREDICTION_NO_FRAMES`.
pub const NOTHING_RAN_YET: &str = "nothing ran yet";

/// Everything the chart of one run draws.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartModel {
    /// The chart's id (see [`chart_id`]), which suffixes the SVG's id and its pattern ids.
    pub id: String,
    /// Where times fall across the chart's width, which is the chart's width in CSS pixels.
    pub scale: Scale,
    /// The title line: mode and recipe.
    pub title: String,
    /// The totals written after the title.
    pub subtitle: String,
    /// Whether the subtitle has a line of its own under the title, because beside it it would run
    /// off a narrow chart.
    pub subtitle_below: bool,
    /// The title as drawn: one line, or on a narrow chart (a phone's) as many as it needs.
    pub title_lines: Vec<String>,
    /// The subtitle as drawn under the title, in as many lines as it needs; empty when it is
    /// drawn beside the title.
    pub subtitle_lines: Vec<String>,
    /// The chart's height in SVG units.
    pub height: f64,
    /// The task rows, then the thread row, then in a processes run one row per cook.
    pub rows: Vec<Row>,
    /// The note standing for the lanes not drawn: its first baseline and its lines, wrapped to the
    /// chart's width.
    pub note: Option<(f64, Vec<String>)>,
    /// The frames and freezes.
    pub heartbeat: Heartbeat,
    /// The long tasks the browser reported, with the row's top, if there were any.
    pub long_tasks: Option<(f64, Vec<Bar>)>,
    /// The end markers.
    pub markers: Vec<Marker>,
    /// Where the plotting area starts and the axis line is.
    pub plot: (f64, f64),
    /// The axis ticks.
    pub ticks: Vec<Tick>,
    /// Every tooltip, by item index: bars point into it, and the detail line shows one.
    pub items: Vec<Rc<str>>,
    /// Whether each bar carries its tooltip as a `<title>` as well. A live run's snapshots do not:
    /// they are redrawn every half second, and on chop and dice on two GIL threads (a turn every
    /// 5 ms, each a bar) their titles made the markup 900 KB, whose building and parsing froze the
    /// page 57 to 109 ms a snapshot and held back the threads' hand-overs of the GIL, which the
    /// page keeps. The detail line still names a bar pointed at, from `items`.
    pub titled: bool,
}

impl ChartModel {
    /// Lays out `result` on an axis of `span` milliseconds, on a chart `width` CSS pixels wide.
    #[cfg(test)]
    pub fn build(result: &RunResult, span: f64, width: f64) -> ChartModel {
        Self::build_within(result, span, width, None)
    }

    /// Lays out `result` like [`ChartModel::build`], in at most `height` CSS pixels if given: task
    /// rows are drawn smaller, then without their planned strips and spacing, then fewer (the rest
    /// summed up in the note), until the chart fits; but the lanes the story names and the first
    /// [`KEEP_LANES`] are always drawn, and the chart grows past `height` rather than drop one
    /// (`lanes::fit`). A stage on a projector's short screen uses this, so that its chart stays in
    /// view wherever it can.
    pub fn build_within(
        result: &RunResult,
        span: f64,
        width: f64,
        height: Option<f64>,
    ) -> ChartModel {
        let recipe: &Recipe = &result.recipe;
        let scale = if result.live {
            Scale::new(span, width).live()
        } else {
            Scale::new(span, width)
        };
        let mut items: Vec<Rc<str>> = Vec::new();
        let title = if result.predicted {
            format!("Prediction · {} · {}", result.label(), recipe.title)
        } else {
            format!("{} · {}", result.label(), recipe.title)
        };
        let subtitle = subtitle(result);
        // The title's 15 px bold is about as wide as 16 px plain text; the subtitle starts 12 units
        // after it, and 8 units of margin stay free at each end.
        let beside = text_width(&title, 16.0) + 12.0 + text_width(&subtitle, 13.0) + 16.0;
        // On a phone's chart even the title alone can be wider than the chart: it wraps, and the
        // subtitle goes under it, wrapped too, so that no word runs off the right edge.
        let title_lines = scale::wrap(&title, scale.width() - 16.0, 16.0);
        let subtitle_below = beside > scale.width() || title_lines.len() > 1;
        let subtitle_lines = if subtitle_below {
            scale::wrap(&subtitle, scale.width() - 16.0, 13.0)
        } else {
            Vec::new()
        };
        let title_h = TITLE_H + SUBTITLE_H * (title_lines.len() - 1 + subtitle_lines.len()) as f64;
        let mut y = title_h + MARKS_H;
        let plot_top = y;

        let total = result
            .timeline
            .lanes
            .len()
            .max(result.prediction.timeline.lanes.len());
        let (size, cap) = fit(result, total, height.map(|h| h - y - fixed_below(result)));
        let drawn = pick_lanes(recipe, total, cap);
        let mut rows = rows::task_rows(result, &drawn, size, scale, &mut y, &mut items);
        let idle = |t: &kitchen_model::Timeline| t.lanes.iter().all(|l| l.segments.is_empty());
        let words = if drawn.len() < total {
            Some(hidden_note(recipe, &drawn, total, result.mode.on_cooks()))
        } else if !result.live && idle(&result.timeline) && idle(&result.prediction.timeline) {
            // An empty chart would look broken; say that the emptiness is the result.
            let words = if result.predicted {
                NOTHING_WOULD_RUN
            } else {
                NOTHING_RAN
            };
            Some(words.to_owned())
        } else {
            None
        };
        let note = words.map(|text| {
            let lines = scale::wrap(&text, scale.right() - LABEL_W, 13.0);
            let first = y + NOTE_H * 0.55;
            y += NOTE_H + NOTE_LINE_H * (lines.len().saturating_sub(1)) as f64;
            (first, lines)
        });
        let thread = thread::thread_row(result, scale, y, &mut items);
        y += thread.size.pitch();
        rows.push(thread);
        if let Some(gil) = thread::gil_row(result, scale, y, &mut items) {
            y += gil.size.pitch();
            rows.push(gil);
        }
        rows.extend(cooks::cook_rows(result, scale, &mut y, &mut items));
        let mut heartbeat = marks::heartbeat(result, scale, y, &mut items);
        // On a phone's chart the row's sentence would run off the right edge: a shorter one stands in.
        if let Some(text) = heartbeat.blank
            && text_width(text, 13.0) + 4.0 > scale.right() - LABEL_W
        {
            heartbeat.blank = Some(if result.predicted {
                NOTHING_RAN_YET
            } else {
                "none recorded"
            });
        }
        y += LANE_H + ROW_GAP;
        let long_tasks = (!result.timeline.long_tasks.is_empty()).then(|| {
            let bars = thread::long_task_bars(recipe, &result.timeline, scale, &mut items);
            let row = (y, bars);
            y += LONG_H + ROW_GAP;
            row
        });
        let axis_y = y + 2.0;
        let axis_h = if scale::in_real_ms(recipe) {
            AXIS_H
        } else {
            AXIS_H_TWO_LINES
        };
        ChartModel {
            id: chart_id(result),
            scale,
            title,
            subtitle,
            subtitle_below,
            title_lines,
            subtitle_lines,
            height: axis_y + axis_h,
            rows,
            note,
            heartbeat,
            long_tasks,
            markers: marks::markers(result, scale, title_h),
            plot: (plot_top, axis_y),
            ticks: scale::ticks(recipe, scale),
            items,
            titled: !result.live,
        }
    }
}

/// The height of everything below the task rows: the thread, the cooks if any, the heartbeat, the
/// long tasks if any and the axis.
fn fixed_below(result: &RunResult) -> f64 {
    let long = if result.timeline.long_tasks.is_empty() {
        0.0
    } else {
        LONG_H + ROW_GAP
    };
    let axis = if scale::in_real_ms(&result.recipe) {
        AXIS_H
    } else {
        AXIS_H_TWO_LINES
    };
    let thread = rows::size_for(result, RowSize::THREAD).pitch();
    let gil = if result.timeline.gil.is_empty() && result.prediction.timeline.gil.is_empty() {
        0.0
    } else {
        thread
    };
    thread + gil + cooks::height(result) + LANE_H + ROW_GAP + long + 2.0 + axis
}

/// What tells one run's figure, chart and table from another's on the page: the mode's id, and for
/// a prediction shown as a run `predicted-` before it, so that a prediction and a run of the same
/// mode can be on one page.
pub fn chart_id(result: &RunResult) -> String {
    if result.predicted {
        format!("predicted-{}", result.id())
    } else {
        result.id().to_owned()
    }
}

/// The totals after the title, such as `measured 60.1 min, planned 60.0 min`.
fn subtitle(result: &RunResult) -> String {
    let recipe = &result.recipe;
    let units = |ms: f64| format::units(recipe, ms);
    if result.predicted {
        return format!(
            "predicted {}; nothing has run yet",
            units(result.prediction.timeline.end)
        );
    }
    let measured = if result.live {
        format!("running, {} so far", units(result.timeline.end))
    } else if result.timeline.cancelled {
        format!("cancelled at {}", units(result.timeline.end))
    } else {
        format!("measured {}", units(result.timeline.end))
    };
    format!(
        "{measured}; planned {}",
        units(result.prediction.timeline.end)
    )
}

/// The line that stands for the lanes not drawn, pointing at the rows that count them all: the
/// thread's, or with cooks (`on_cooks`) the cooks'.
pub fn hidden_note(recipe: &Recipe, drawn: &[usize], total: usize, on_cooks: bool) -> String {
    let hidden = total - drawn.len();
    let firsts = first_lanes(recipe);
    // Tasks with hidden copies, and whether every one of them has a copy on screen to stand for it.
    let mut names: Vec<&str> = Vec::new();
    let mut all_shown = true;
    for (t, task) in recipe.tasks.iter().enumerate() {
        let start = firsts[t];
        let end = firsts.get(t + 1).copied().unwrap_or(total).min(total);
        let on_screen = drawn.iter().filter(|&&i| (start..end).contains(&i)).count();
        if end > start + on_screen {
            names.push(&task.name);
            all_shown &= on_screen > 0;
        }
    }
    let n = scale::count(hidden);
    let counted = if on_cooks {
        "The cook lanes count them all"
    } else {
        "The thread lane counts them all"
    };
    match names.as_slice() {
        [name] if all_shown => format!(
            "… and {n} more {name} tasks, not drawn: they run like the {name} lanes above. {counted}."
        ),
        _ if all_shown => format!(
            "… and {n} more tasks ({}), not drawn: they run like their lanes above. {counted}.",
            names.join(", ")
        ),
        _ => format!("… and {n} more tasks, not drawn. {counted}; the table lists their steps."),
    }
}

#[cfg(test)]
mod tests;
