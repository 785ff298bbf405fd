//! The rows of bars on a timeline chart, and one row per drawn task (measured, with its planned
//! strip below and its poll strip above); the thread row is built from the same parts in `thread`,
//! and the cooks' rows in `cooks`.
//!
//! This module owns turning segments into bars at the chart's resolution: neighbouring
//! slivers narrower than [`MIN_PX`] become one bar, painted as the most telling of them (holding the
//! thread beats being ready, which beats waiting), so a row never has more bars than the chart has
//! room for. A prediction shown as a run draws the prediction as its bars and has no planned strip.
//! It is pure; it must not pick the lanes or place the rows' neighbours, and the poll marks are
//! `polls`'s.

use std::rc::Rc;

use super::geometry::{
    COMPACT_LANE_H, COMPACT_PLAN_H, COMPACT_ROW_GAP, DENSE_LANE_H, DENSE_PLAN_H, DENSE_POLL_H,
    DENSE_ROW_GAP, LANE_H, MIN_PX, PLAN_GAP, PLAN_H, POLL_GAP, POLL_H, ROW_GAP, TIGHT_ROW_GAP,
};
use super::polls::{self, PollMarks};
use super::scale::Scale;
use super::tips::{self, StepLookup};
use kitchen_model::run::RunResult;
use kitchen_model::{Lane, Recipe, Segment, State};

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
    /// The one thread, or in the processes mode the page's own thread.
    Thread,
    /// A cook's thread, in the processes mode, or a thread of the threads mode.
    Cook,
    /// Who held the GIL, in a threads run with the lock.
    Gil,
}

/// One row: the measured bars, just below them the planned strip, and for a task just above them
/// its polls and wakes.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// What the row stands for.
    pub kind: RowKind,
    /// The top of the measured bars (the poll strip is above it).
    pub y: f64,
    /// The name in the label column, shortened to fit.
    pub name: String,
    /// The heights of its parts.
    pub size: RowSize,
    /// Whether its planned strip is labelled; with many lanes only the first one is.
    pub plan_label: bool,
    /// The measured bars.
    pub bars: Vec<Bar>,
    /// The planned bars; none when the row's bars are themselves the prediction.
    pub plan: Vec<Bar>,
    /// The polls and wakes of a task row; none for a thread's.
    pub polls: PollMarks,
}

impl Row {
    /// The planned strip's top.
    pub fn plan_y(&self) -> f64 {
        self.y + self.size.bar + PLAN_GAP
    }

    /// The poll strip's top and bottom: just above the bar, in room the row keeps for it.
    pub fn poll_strip(&self) -> (f64, f64) {
        let bottom = self.y - POLL_GAP;
        (bottom - (self.size.polls - POLL_GAP), bottom)
    }
}

/// The heights of a row's parts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RowSize {
    /// The room above the bar for the poll strip; zero for the thread.
    pub polls: f64,
    /// The measured bar.
    pub bar: f64,
    /// The planned strip; zero when there is none.
    pub plan: f64,
    /// The space below the row.
    pub gap: f64,
}

impl RowSize {
    /// The size of task rows when there are few.
    pub const FULL: RowSize = RowSize {
        polls: POLL_H + POLL_GAP,
        bar: LANE_H,
        plan: PLAN_H,
        gap: ROW_GAP,
    };
    /// The size of task rows when there are many, so that a capped chart still fits a projector's
    /// screen: they are all alike, and the thread row below stays full size.
    pub const COMPACT: RowSize = RowSize {
        polls: POLL_H + POLL_GAP,
        bar: COMPACT_LANE_H,
        plan: COMPACT_PLAN_H,
        gap: COMPACT_ROW_GAP,
    };
    /// The size of task rows when a stage's chart must fit a short screen: the smallest that still
    /// reads.
    pub const DENSE: RowSize = RowSize {
        polls: DENSE_POLL_H + POLL_GAP,
        bar: DENSE_LANE_H,
        plan: DENSE_PLAN_H,
        gap: DENSE_ROW_GAP,
    };
    /// The size of task rows when even dense ones do not fit the lanes a chart must keep: no
    /// planned strip and almost no space between rows, the last size before the chart grows taller
    /// than it was asked to be.
    pub const TIGHT: RowSize = RowSize {
        plan: 0.0,
        gap: TIGHT_ROW_GAP,
        ..RowSize::DENSE
    };
    /// The size of the thread row, which has no polls of its own, and of a few cooks' rows.
    pub const THREAD: RowSize = RowSize {
        polls: 0.0,
        ..RowSize::FULL
    };
    /// The size of cooks' rows when there are many: as compact as task rows, and without polls.
    pub const COMPACT_THREAD: RowSize = RowSize {
        polls: 0.0,
        ..RowSize::COMPACT
    };

    /// The same row without a planned strip, for a prediction shown as a run.
    pub fn without_plan(self) -> RowSize {
        RowSize { plan: 0.0, ..self }
    }

    /// How far a row of this size reaches down from the top of its poll strip, gap included.
    pub fn pitch(self) -> f64 {
        let plan = if self.plan > 0.0 {
            PLAN_GAP + self.plan
        } else {
            0.0
        };
        self.polls + self.bar + plan + self.gap
    }
}

/// From this many task rows on, they are drawn compact.
pub const COMPACT_FROM: usize = 7;

/// The size task rows are drawn at when nothing limits the chart's height: full when there are few,
/// compact from [`COMPACT_FROM`] on; without a planned strip for a prediction shown as a run.
pub fn row_size(result: &RunResult, lanes: usize) -> RowSize {
    let size = if lanes >= COMPACT_FROM {
        RowSize::COMPACT
    } else {
        RowSize::FULL
    };
    size_for(result, size)
}

/// `size` for `result`'s rows: a prediction shown as a run is its own plan, and a strip under it
/// would repeat its bars.
pub fn size_for(result: &RunResult, size: RowSize) -> RowSize {
    if result.predicted {
        size.without_plan()
    } else {
        size
    }
}

/// The rows of the drawn task lanes at `size`, from `y` down; `y` ends below the last.
pub fn task_rows(
    result: &RunResult,
    drawn: &[usize],
    size: RowSize,
    scale: Scale,
    y: &mut f64,
    items: &mut Vec<Rc<str>>,
) -> Vec<Row> {
    let recipe = &result.recipe;
    let lookup = StepLookup::new(&result.lateness, drawn);
    // A row without room for a planned strip draws none: a short chart gives its strips up first.
    let (bars_of, plan_of) = if result.predicted {
        (Drawn::Predicted, None)
    } else {
        (Drawn::Measured, (size.plan > 0.0).then_some(Drawn::Planned))
    };
    let no_lane = Lane {
        name: String::new(),
        segments: Vec::new(),
    };
    let mut polls = polls::lane_marks(&result.trace.events, drawn, scale).into_iter();
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
                y: *y + size.polls,
                name: shorten(name),
                size,
                plan_label: plan_of.is_some()
                    && size.bar > DENSE_LANE_H
                    && (nth == 0 || size == RowSize::FULL),
                bars: lane.bars(&measured.segments, bars_of, scale, items),
                plan: plan_of.map_or_else(Vec::new, |of| {
                    lane.bars(&planned.segments, of, scale, items)
                }),
                polls: polls.next().unwrap_or_default(),
            };
            *y += size.pitch();
            row
        })
        .collect()
}

/// What a lane's bars stand for, which decides their words and whether they are keyboard stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Drawn {
    /// What the run did.
    Measured,
    /// The prediction, as the strip under a measured lane.
    Planned,
    /// The prediction, drawn as the lane itself because nothing has run.
    Predicted,
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
        drawn: Drawn,
        scale: Scale,
        items: &mut Vec<Rc<str>>,
    ) -> Vec<Bar> {
        // The planned strip and a prediction both run on the prediction's clock.
        let on_plan = drawn != Drawn::Measured;
        let tag = match drawn {
            Drawn::Measured => None,
            Drawn::Planned => Some("planned"),
            Drawn::Predicted => Some("predicted"),
        };
        let pieces = segments.iter().map(|s| (s.start, s.end, rank(s.state)));
        group(pieces, scale)
            .into_iter()
            .map(|g| {
                let seg = &segments[g.pick];
                let mid = (seg.start + seg.end) / 2.0;
                let found = seg
                    .step
                    .and_then(|id| self.lookup.find(self.index, id, mid, on_plan));
                let tip = tips::segment(self.recipe, self.name, seg, tag, found);
                items.push(tips::grouped(tip, g.last - g.first).into());
                let focusable = drawn != Drawn::Planned;
                g.bar(scale, Paint::State(seg.state), items.len() - 1, focusable)
            })
            .collect()
    }
}

/// Which of several slivers drawn as one bar gives the bar its paint.
fn rank(state: State) -> u8 {
    match state {
        State::Running | State::Blocked => 3,
        State::Ready | State::Starting => 2,
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

/// Groups time-ordered `(start, end, rank)` pieces so that no bar is narrower than the scale's
/// [`Scale::min_px`] unless
/// it is alone. Pieces past the axis are zero wide and join the last group.
pub fn group(pieces: impl Iterator<Item = (f64, f64, u8)>, scale: Scale) -> Vec<Group> {
    let narrow = |start: f64, end: f64| scale.x(end) - scale.x(start) < scale.min_px();
    let mut out: Vec<Group> = Vec::new();
    for (i, (start, end, rank)) in pieces.enumerate() {
        // A piece too narrow to see joins the bar before it: with the narrow ones before it, or
        // with a wide one, as the GIL's 0.1 ms hand-overs between 5 ms turns do (drawn apart, a run
        // of chop and dice was 800 bars, and its live redraws froze the page).
        if let Some(g) = out.last_mut()
            && narrow(start, end)
            && (narrow(g.start, g.end) || rank <= g.rank)
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
