//! The cooks' rows of a processes run, under the page's thread row: one per cook, each drawn like
//! the thread row (who held the cook's thread, one colour per task, dashed when idle), its start-up
//! as a starting bar, and under it the prediction's cook as its planned strip.
//!
//! This module owns which cook rows a chart has, their names and their size, and what they add to
//! the chart's height, which `layout` counts among the rows below the task rows when it fits a chart
//! to a screen. The bars come from `thread`. It is pure; it must not place the other rows, and the
//! drawing belongs to `chart`.

use std::rc::Rc;

use super::polls::PollMarks;
use super::rows::{Bar, Row, RowKind, RowSize, size_for};
use super::scale::Scale;
use super::thread::{cook_pieces, thread_bars};
use super::tips::{ThreadOf, cook_name, thread_name};
use kitchen_model::Mode;
use kitchen_model::Timeline;
use kitchen_model::run::RunResult;

/// From this many cooks on, their rows are drawn compact: sixteen full rows would take a projector's
/// screen from the tasks.
pub const COMPACT_FROM: usize = 5;

/// How many cook rows `result` has: one per cook that the run or its prediction used, and none in
/// the modes without cooks.
pub fn count(result: &RunResult) -> usize {
    result
        .timeline
        .cooks
        .len()
        .max(result.prediction.timeline.cooks.len())
}

/// The size of `result`'s cook rows: full like the thread row when there are few, compact from
/// [`COMPACT_FROM`] on, and without a planned strip for a prediction shown as a run.
pub fn size(result: &RunResult) -> RowSize {
    let size = if count(result) >= COMPACT_FROM {
        RowSize::COMPACT_THREAD
    } else {
        RowSize::THREAD
    };
    size_for(result, size)
}

/// The height the cook rows take, gaps included; zero without cooks.
pub fn height(result: &RunResult) -> f64 {
    count(result) as f64 * size(result).pitch()
}

/// The cook rows from `y` down, named `cook 1`, `cook 2`, …; `y` ends below the last. A cook the run
/// has not reported yet (early in a live run) has an empty row over its planned strip.
pub fn cook_rows(
    result: &RunResult,
    scale: Scale,
    y: &mut f64,
    items: &mut Vec<Rc<str>>,
) -> Vec<Row> {
    let size = size(result);
    let recipe = &result.recipe;
    // A threads run's workers are its threads, named so.
    let threads = result.mode == Mode::Threads;
    let of = |cook: usize| {
        if threads {
            ThreadOf::Thread(cook)
        } else {
            ThreadOf::Cook(cook)
        }
    };
    let bars_of = |timeline: &Timeline, cook: usize, items: &mut Vec<Rc<str>>| -> Vec<Bar> {
        timeline.cooks.get(cook).map_or_else(Vec::new, |lane| {
            let pieces = cook_pieces(cook, lane);
            thread_bars(recipe, timeline, &pieces, of(cook), scale, items)
        })
    };
    (0..count(result))
        .map(|cook| {
            let bars = bars_of(&result.timeline, cook, items);
            let plan = if result.predicted {
                Vec::new()
            } else {
                bars_of(&result.prediction.timeline, cook, items)
            };
            let row = Row {
                kind: RowKind::Cook,
                y: *y + size.polls,
                name: if threads {
                    thread_name(cook)
                } else {
                    cook_name(cook)
                },
                size,
                // Compact rows label only the first planned strip, as compact task rows do.
                plan_label: !result.predicted && (cook == 0 || size == RowSize::THREAD),
                bars,
                plan,
                polls: PollMarks::default(),
            };
            *y += size.pitch();
            row
        })
        .collect()
}

#[cfg(test)]
mod tests;
