//! Which task lanes a chart draws and how tall their rows are, in the room a stage leaves it.
//!
//! This module owns the rule the chart keeps on every screen: the lanes a recipe's story names and
//! the first [`KEEP_LANES`] are always drawn. When they do not fit, the rows give up their height
//! first (compact, then dense), then their planned strips, then the space between them; only then
//! does the chart grow taller than it was asked to be, so that the page scrolls to it, rather than
//! a lane the story points at going missing. Lanes beyond those are drawn while there is room, and
//! the rest counted in the chart's note. It is pure; the rows' dimensions are `geometry`'s.

use super::MAX_LANES;
use crate::timeline::geometry::NOTE_H;
use crate::timeline::rows::{self, RowSize};
use kitchen_model::Recipe;
use kitchen_model::run::RunResult;

/// The lanes every chart draws from the top, however short its room: a lesson's tasks, and the
/// first copies of a copied task, which are what its story and exercises speak of.
pub const KEEP_LANES: usize = 6;

/// The tasks (by index into the recipe's tasks) whose names the recipe's story uses as words, such
/// as `groceries` in "the groceries lane starts the moment the cake goes into the oven". A name
/// counts in any ASCII case and with a plural `s` after it ("five downloads" names `download`), but
/// not inside a longer word ("cakes" names `cake`, "pancake" does not).
pub fn named_tasks(recipe: &Recipe) -> Vec<usize> {
    let story = recipe.story.as_bytes();
    recipe
        .tasks
        .iter()
        .enumerate()
        .filter(|(_, task)| names(story, task.name.as_bytes()))
        .map(|(i, _)| i)
        .collect()
}

/// Whether `text` has `name` as a word of its own, or with a plural `s`.
fn names(text: &[u8], name: &[u8]) -> bool {
    // A byte of a word: ASCII letters, digits and `_`, and every byte of a non-ASCII character, so
    // that no Unicode table is needed to keep "café" from naming `caf`.
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || !b.is_ascii();
    let ends_word = |at: usize| text.get(at).is_none_or(|&b| !word(b));
    !name.is_empty()
        && (0..text.len().saturating_sub(name.len() - 1)).any(|at| {
            let end = at + name.len();
            text[at..end].eq_ignore_ascii_case(name)
                && (at == 0 || !word(text[at - 1]))
                && (ends_word(end) || (text[end].eq_ignore_ascii_case(&b's') && ends_word(end + 1)))
        })
}

/// The lanes a chart of `total` lanes must draw, in order: the first [`KEEP_LANES`], then the first
/// lane of each task the story names, at most [`MAX_LANES`] in all.
pub fn kept_lanes(recipe: &Recipe, total: usize) -> Vec<usize> {
    let mut kept: Vec<usize> = (0..total.min(KEEP_LANES)).collect();
    let firsts = first_lanes(recipe);
    // Tasks' first lanes rise with the tasks, so the list stays in order as it grows.
    for task in named_tasks(recipe) {
        let lane = firsts[task];
        if lane < total && !kept.contains(&lane) && kept.len() < MAX_LANES {
            kept.push(lane);
        }
    }
    kept
}

/// Which lanes to draw, in order: the kept lanes ([`kept_lanes`]) whatever `cap` says, then the
/// first copy of every other task, then further copies in order, up to `cap`.
///
/// Every task keeps a lane while there is room, so that a recipe of one task and ten thousand
/// copies of another still shows both kinds.
pub fn pick_lanes(recipe: &Recipe, total: usize, cap: usize) -> Vec<usize> {
    let mut chosen = kept_lanes(recipe, total);
    let cap = cap.max(chosen.len()).min(total);
    for lane in first_lanes(recipe) {
        if chosen.len() < cap && lane < total && !chosen.contains(&lane) {
            chosen.push(lane);
        }
    }
    let mut next = 0;
    while chosen.len() < cap {
        if !chosen.contains(&next) {
            chosen.push(next);
        }
        next += 1;
    }
    kitchen_model::sort::sort_stable_by(&mut chosen, |a, b| a < b);
    chosen
}

/// The lane index of each task's first copy.
pub fn first_lanes(recipe: &Recipe) -> Vec<usize> {
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

/// The task rows' size and how many lanes to draw at most (at least the kept ones), given `room`
/// for the rows (none: no limit). Every lane that is drawn at all (up to [`MAX_LANES`]) is drawn
/// at the first size of [`ladder`] at which they all fit; if none, the kept lanes at the first
/// size at which they fit, with as many more as that leaves room for beside the note that counts
/// the rest; if even the last size is too tall for them, the kept lanes at the last size.
pub fn fit(result: &RunResult, total: usize, room: Option<f64>) -> (RowSize, usize) {
    let lanes = total.min(MAX_LANES);
    let ladder = ladder(result, lanes);
    let Some(room) = room else {
        return (ladder[0], MAX_LANES);
    };
    let kept = kept_lanes(&result.recipe, total).len();
    let needs = |n: usize, size: RowSize| {
        let note = if total > n { NOTE_H } else { 0.0 };
        n as f64 * size.pitch() + note
    };
    if let Some(&size) = ladder.iter().find(|&&s| needs(lanes, s) <= room) {
        return (size, MAX_LANES);
    }
    match ladder.iter().find(|&&s| needs(kept, s) <= room) {
        Some(&size) => {
            let more = ((room - NOTE_H) / size.pitch()).floor().max(0.0) as usize;
            (size, more.clamp(kept, lanes))
        }
        None => (ladder[ladder.len() - 1], kept),
    }
}

/// The sizes task rows are tried at, from the roomiest: the usual size for `lanes` rows, compact,
/// dense, dense without planned strips, and tight (without them and with almost no space between
/// rows). A prediction shown as a run has no planned strips at any size.
pub fn ladder(result: &RunResult, lanes: usize) -> [RowSize; 5] {
    [
        rows::row_size(result, lanes),
        rows::size_for(result, RowSize::COMPACT),
        rows::size_for(result, RowSize::DENSE),
        RowSize::DENSE.without_plan(),
        RowSize::TIGHT,
    ]
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
