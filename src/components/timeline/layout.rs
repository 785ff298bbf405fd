//! The timeline chart of one run, laid out: every bar, tick and label with its position and words,
//! computed once per snapshot so that drawing is a plain walk over the result.
//!
//! This module owns the chart's plan: which lanes are drawn (at most [`MAX_LANES`], so a run of ten
//! thousand tasks costs no more to draw than one of twelve), the order and heights of the rows, the
//! title and the note for the lanes left out. The bars come from `rows` and `thread`, the heartbeat
//! and end markers from `marks`, the dimensions from `geometry`. It is pure; the SVG itself belongs
//! to `chart`.

use std::rc::Rc;

use super::geometry::{
    AXIS_H, AXIS_H_TWO_LINES, LANE_H, LONG_H, MARKS_H, NOTE_H, ROW_GAP, TITLE_H,
};
use super::marks::{self, Heartbeat, Marker};
use super::rows::{self, Bar, Row, RowSize};
use super::scale::{self, Scale, Tick};
use super::thread;
use crate::components::state::RunResult;
use crate::model::Recipe;

/// The most task lanes drawn; the rest are summed up in one line.
pub const MAX_LANES: usize = 12;
/// The note on a chart where no task ran at all, as when futures are never awaited.
pub const NOTHING_RAN: &str =
    "No task ran: no future was polled, so nothing happened and nothing took time.";

/// Everything the chart of one run draws.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartModel {
    /// The mode's id, which suffixes the SVG's id and its pattern ids.
    pub id: &'static str,
    /// The title line: mode and recipe.
    pub title: String,
    /// The totals written after the title.
    pub subtitle: String,
    /// The chart's height in SVG units.
    pub height: f64,
    /// The task rows, then the thread row.
    pub rows: Vec<Row>,
    /// The line standing for the lanes not drawn, with its baseline.
    pub note: Option<(f64, String)>,
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
}

impl ChartModel {
    /// Lays out `result` on an axis of `span` milliseconds.
    pub fn build(result: &RunResult, span: f64) -> ChartModel {
        let recipe: &Recipe = &result.recipe;
        let scale = Scale::new(span);
        let mut items: Vec<Rc<str>> = Vec::new();
        let mut y = TITLE_H + MARKS_H;
        let plot_top = y;

        let total = result
            .timeline
            .lanes
            .len()
            .max(result.prediction.timeline.lanes.len());
        let drawn = pick_lanes(recipe, total, MAX_LANES);
        let mut rows = rows::task_rows(result, &drawn, scale, &mut y, &mut items);
        let idle = |t: &crate::model::Timeline| t.lanes.iter().all(|l| l.segments.is_empty());
        let words = if drawn.len() < total {
            Some(hidden_note(recipe, &drawn, total))
        } else if !result.live && idle(&result.timeline) && idle(&result.prediction.timeline) {
            // An empty chart would look broken; say that the emptiness is the result.
            Some(NOTHING_RAN.to_owned())
        } else {
            None
        };
        let note = words.map(|text| {
            let line = (y + NOTE_H * 0.55, text);
            y += NOTE_H;
            line
        });
        rows.push(thread::thread_row(result, scale, y, &mut items));
        y += RowSize::FULL.pitch();
        let heartbeat = marks::heartbeat(recipe, &result.timeline, scale, y, &mut items);
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
            id: result.mode.id(),
            title: format!("{} · {}", result.mode.label(), recipe.title),
            subtitle: subtitle(result),
            height: axis_y + axis_h,
            rows,
            note,
            heartbeat,
            long_tasks,
            markers: marks::markers(result, scale),
            plot: (plot_top, axis_y),
            ticks: scale::ticks(recipe, scale),
            items,
        }
    }
}

/// The totals after the title, such as `measured 60.1 min, planned 60.0 min`.
fn subtitle(result: &RunResult) -> String {
    let recipe = &result.recipe;
    let units = |ms: f64| format!("{:.1} {}", recipe.units(ms), recipe.unit.symbol());
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

/// Which lanes to draw: the first copy of every task, then further copies in order, up to `cap`.
///
/// Every task keeps a lane so that a recipe of one task and ten thousand copies of another still
/// shows both kinds.
pub fn pick_lanes(recipe: &Recipe, total: usize, cap: usize) -> Vec<usize> {
    let mut chosen: Vec<usize> = first_lanes(recipe)
        .into_iter()
        .filter(|&i| i < total)
        .take(cap)
        .collect();
    let mut next = 0;
    while chosen.len() < cap.min(total) {
        if !chosen.contains(&next) {
            chosen.push(next);
        }
        next += 1;
    }
    crate::model::sort::sort_stable_by(&mut chosen, |a, b| a < b);
    chosen
}

/// The lane index of each task's first copy.
fn first_lanes(recipe: &Recipe) -> Vec<usize> {
    let mut at = 0;
    recipe
        .tasks
        .iter()
        .map(|t| {
            let first = at;
            at += t.copies.max(1) as usize;
            first
        })
        .collect()
}

/// The line that stands for the lanes not drawn.
pub fn hidden_note(recipe: &Recipe, drawn: &[usize], total: usize) -> String {
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
    match names.as_slice() {
        [name] if all_shown => format!(
            "… and {n} more {name} tasks, not drawn: they run like the {name} lanes above. The thread lane counts them all."
        ),
        _ if all_shown => format!(
            "… and {n} more tasks ({}), not drawn: they run like their lanes above. The thread lane counts them all.",
            names.join(", ")
        ),
        _ => format!(
            "… and {n} more tasks, not drawn. The thread lane counts them all; the table lists their steps."
        ),
    }
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
