//! The rows of bars on a timeline chart, and one row per drawn task (measured, with its planned
//! strip); the thread row is built from the same parts in `thread`.
//!
//! This module owns turning segments into bars at the chart's resolution: neighbouring
//! slivers narrower than [`MIN_PX`] become one bar, painted as the most telling of them (holding the
//! thread beats being ready, which beats waiting), so a row never has more bars than the chart has
//! room for. It is pure; it must not pick the lanes or place the rows' neighbours.

use std::rc::Rc;

use super::geometry::{
    COMPACT_LANE_H, COMPACT_PLAN_H, COMPACT_ROW_GAP, LANE_H, MIN_PX, PLAN_GAP, PLAN_H, ROW_GAP,
};
use super::scale::Scale;
use super::tips::{self, StepLookup};
use crate::components::state::RunResult;
use crate::model::{Lane, Recipe, Segment, State};

/// How a bar is painted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paint {
    /// A task's state: each has its own pattern.
    State(State),
    /// The thread held by a task, by colour index (the task's index modulo the palette's six).
    Held(usize),
    /// The thread idle.
    Idle,
    /// A long task the browser reported.
    LongTask,
}

/// One drawn rectangle.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// Where it starts.
    pub x: f64,
    /// How wide it is; slivers are drawn at least [`MIN_PX`] wide.
    pub w: f64,
    /// How it is painted.
    pub paint: Paint,
    /// Its tooltip, by index into the chart's items.
    pub item: usize,
    /// Whether keyboard users can tab to it: the measured segments, not the planned strip or the
    /// thread, which the segments already describe.
    pub focusable: bool,
    /// A name written inside it, when it fits.
    pub label: Option<String>,
}

/// What a row stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// One task instance.
    Task,
    /// The one thread.
    Thread,
}

/// One row: the measured bars and, just below, the planned strip.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// What the row stands for.
    pub kind: RowKind,
    /// The row's top.
    pub y: f64,
    /// The name in the label column, shortened to fit.
    pub name: String,
    /// The heights of its parts.
    pub size: RowSize,
    /// Whether its planned strip is labelled; with many lanes only the first one is.
    pub plan_label: bool,
    /// The measured bars.
    pub bars: Vec<Bar>,
    /// The planned bars.
    pub plan: Vec<Bar>,
}

impl Row {
    /// The planned strip's top.
    pub fn plan_y(&self) -> f64 {
        self.y + self.size.bar + PLAN_GAP
    }
}

/// The heights of a row's parts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RowSize {
    /// The measured bar.
    pub bar: f64,
    /// The planned strip.
    pub plan: f64,
    /// The space below the row.
    pub gap: f64,
}

impl RowSize {
    /// The size of the thread row, and of task rows when there are few.
    pub const FULL: RowSize = RowSize {
        bar: LANE_H,
        plan: PLAN_H,
        gap: ROW_GAP,
    };
    /// The size of task rows when there are many, so that a capped chart still fits a projector's
    /// screen: they are all alike, and the thread row below stays full size.
    pub const COMPACT: RowSize = RowSize {
        bar: COMPACT_LANE_H,
        plan: COMPACT_PLAN_H,
        gap: COMPACT_ROW_GAP,
    };

    /// How far a row of this size reaches down, gap included.
    pub fn pitch(self) -> f64 {
        self.bar + PLAN_GAP + self.plan + self.gap
    }
}

/// From this many task rows on, they are drawn compact.
pub const COMPACT_FROM: usize = 7;

/// The rows of the drawn task lanes, from `y` down; `y` ends below the last.
pub fn task_rows(
    result: &RunResult,
    drawn: &[usize],
    scale: Scale,
    y: &mut f64,
    items: &mut Vec<Rc<str>>,
) -> Vec<Row> {
    let recipe = &result.recipe;
    let lookup = StepLookup::new(&result.lateness, drawn);
    let size = if drawn.len() >= COMPACT_FROM {
        RowSize::COMPACT
    } else {
        RowSize::FULL
    };
    let no_lane = Lane {
        name: String::new(),
        segments: Vec::new(),
    };
    drawn
        .iter()
        .enumerate()
        .map(|(nth, &index)| {
            let measured = result.timeline.lanes.get(index).unwrap_or(&no_lane);
            let planned = result
                .prediction
                .timeline
                .lanes
                .get(index)
                .unwrap_or(&no_lane);
            let name = if measured.name.is_empty() {
                &planned.name
            } else {
                &measured.name
            };
            let lane = LaneRef {
                recipe,
                name,
                index,
                lookup: &lookup,
            };
            let row = Row {
                kind: RowKind::Task,
                y: *y,
                name: shorten(name),
                size,
                plan_label: nth == 0 || size == RowSize::FULL,
                bars: lane.bars(&measured.segments, false, scale, items),
                plan: lane.bars(&planned.segments, true, scale, items),
            };
            *y += size.pitch();
            row
        })
        .collect()
}

/// One drawn lane and what its tooltips need.
struct LaneRef<'a> {
    recipe: &'a Recipe,
    name: &'a str,
    index: usize,
    lookup: &'a StepLookup<'a>,
}

impl LaneRef<'_> {
    fn bars(
        &self,
        segments: &[Segment],
        planned: bool,
        scale: Scale,
        items: &mut Vec<Rc<str>>,
    ) -> Vec<Bar> {
        let pieces = segments.iter().map(|s| (s.start, s.end, rank(s.state)));
        group(pieces, scale)
            .into_iter()
            .map(|g| {
                let seg = &segments[g.pick];
                let mid = (seg.start + seg.end) / 2.0;
                let found = seg
                    .step
                    .and_then(|id| self.lookup.find(self.index, id, mid, planned));
                let tip = tips::segment(self.recipe, self.name, seg, planned, found);
                items.push(tips::grouped(tip, g.last - g.first).into());
                g.bar(scale, Paint::State(seg.state), items.len() - 1, !planned)
            })
            .collect()
    }
}

/// Which of several slivers drawn as one bar gives the bar its paint.
fn rank(state: State) -> u8 {
    match state {
        State::Running | State::Blocked => 3,
        State::Ready => 2,
        State::Waiting => 1,
    }
}

/// Pieces drawn as one bar: a wide piece alone, or a run of neighbouring slivers.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// When the first piece starts.
    pub start: f64,
    /// When the last piece ends.
    pub end: f64,
    /// The first piece's index.
    pub first: usize,
    /// The last piece's index.
    pub last: usize,
    /// The piece that gives the bar its paint and its tooltip: the highest-ranked, first on ties.
    pub pick: usize,
    rank: u8,
}

impl Group {
    /// The bar the group is drawn as.
    pub fn bar(&self, scale: Scale, paint: Paint, item: usize, focusable: bool) -> Bar {
        let x = scale.x(self.start);
        Bar {
            x,
            w: (scale.x(self.end) - x).max(MIN_PX),
            paint,
            item,
            focusable,
            label: None,
        }
    }
}

/// Groups time-ordered `(start, end, rank)` pieces so that no bar is narrower than [`MIN_PX`] unless
/// it is alone. Pieces past the axis are zero wide and join the last group.
pub fn group(pieces: impl Iterator<Item = (f64, f64, u8)>, scale: Scale) -> Vec<Group> {
    let narrow = |start: f64, end: f64| scale.x(end) - scale.x(start) < MIN_PX;
    let mut out: Vec<Group> = Vec::new();
    for (i, (start, end, rank)) in pieces.enumerate() {
        if let Some(g) = out.last_mut()
            && narrow(start, end)
            && narrow(g.start, g.end)
        {
            g.end = g.end.max(end);
            g.last = i;
            if rank > g.rank {
                g.rank = rank;
                g.pick = i;
            }
            continue;
        }
        out.push(Group {
            start,
            end,
            first: i,
            last: i,
            pick: i,
            rank,
        });
    }
    out
}

/// A lane name short enough for the label column.
pub fn shorten(name: &str) -> String {
    const MAX: usize = 17;
    if name.chars().count() <= MAX {
        name.to_owned()
    } else {
        let mut short: String = name.chars().take(MAX - 1).collect();
        short.push('…');
        short
    }
}
