//! The thread row and the long-task row of a timeline chart: who held the one thread, measured and
//! planned (or only predicted, for a prediction shown as a run), and the stretches the browser
//! itself reported as long tasks. The cooks' rows of a processes run (`cooks`) draw their threads
//! with the same parts, a cook's start-up cut into its thread as a stretch of its own.
//!
//! This module owns turning thread spans and long tasks into bars; neighbouring slivers are grouped
//! as in the task rows (`rows::group`), which is what keeps a run of ten thousand short polls
//! down to a bar per pixel. It is pure; it must not place the rows.

use std::rc::Rc;

use super::polls::PollMarks;
use super::rows::{Bar, Paint, Row, RowKind, RowSize, group};
use super::scale::{Scale, text_width};
use super::tips::{self, Holders, ThreadOf};
use kitchen_model::run::RunResult;
use kitchen_model::timeline::CookLane;
use kitchen_model::{Recipe, State, ThreadSpan, Timeline};

/// The thread row, with its top at `y`: who held the thread, measured and planned. A prediction
/// shown as a run is its own plan, so its row has no planned strip. In the processes mode it is the
/// page's own thread, named so, to tell it from the cooks' rows below it.
pub fn thread_row(result: &RunResult, scale: Scale, y: f64, items: &mut Vec<Rc<str>>) -> Row {
    let recipe = &result.recipe;
    let (of, name) = if result.mode.on_cooks() {
        (ThreadOf::Page, "page thread")
    } else {
        (ThreadOf::One, "thread")
    };
    let bars_of = |timeline: &Timeline, items: &mut Vec<Rc<str>>| {
        let pieces = thread_pieces(&timeline.thread);
        thread_bars(recipe, timeline, &pieces, of, scale, items)
    };
    let bars = bars_of(&result.timeline, items);
    let (size, plan) = if result.predicted {
        (RowSize::THREAD.without_plan(), Vec::new())
    } else {
        let plan = bars_of(&result.prediction.timeline, items);
        (RowSize::THREAD, plan)
    };
    Row {
        kind: RowKind::Thread,
        y: y + size.polls,
        name: name.to_owned(),
        size,
        plan_label: !result.predicted,
        bars,
        plan,
        polls: PollMarks::default(),
    }
}

/// The GIL row of a threads run with the lock, with its top at `y`: who held the GIL, measured and
/// planned; `None` for every other run. It is drawn like the thread row, since the GIL is what a
/// thread of a threads run must hold to run Python, as a task must hold the one thread to run.
pub fn gil_row(result: &RunResult, scale: Scale, y: f64, items: &mut Vec<Rc<str>>) -> Option<Row> {
    if result.timeline.gil.is_empty() && result.prediction.timeline.gil.is_empty() {
        return None;
    }
    let recipe = &result.recipe;
    let bars_of = |timeline: &Timeline, items: &mut Vec<Rc<str>>| {
        let pieces = thread_pieces(&timeline.gil);
        thread_bars(recipe, timeline, &pieces, ThreadOf::Gil, scale, items)
    };
    let bars = bars_of(&result.timeline, items);
    let (size, plan) = if result.predicted {
        (RowSize::THREAD.without_plan(), Vec::new())
    } else {
        let plan = bars_of(&result.prediction.timeline, items);
        (RowSize::THREAD, plan)
    };
    Some(Row {
        kind: RowKind::Gil,
        y: y + size.polls,
        name: "GIL".to_owned(),
        size,
        plan_label: !result.predicted,
        bars,
        plan,
        polls: PollMarks::default(),
    })
}

/// What a stretch of a thread's row stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hold {
    /// Nobody held the thread.
    Idle,
    /// A task held it, by instance index.
    Task(usize),
    /// The thread's cook (by index from zero) was starting: nobody could hold it yet.
    Starting(usize),
}

/// One stretch of a thread's row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Piece {
    /// Who held the thread.
    pub hold: Hold,
    /// When the stretch began.
    pub start: f64,
    /// When it ended.
    pub end: f64,
}

/// The page's thread as pieces: who held it, span by span.
pub fn thread_pieces(spans: &[ThreadSpan]) -> Vec<Piece> {
    spans
        .iter()
        .map(|s| Piece {
            hold: s.task.map_or(Hold::Idle, Hold::Task),
            start: s.start,
            end: s.end,
        })
        .collect()
}

/// A cook's thread as pieces, with its start-up cut out of the idle spans it falls in. The thread
/// is idle while its cook starts, since no task can hold it yet; drawn as idle, the start-up would
/// look like a cook with nothing to do.
pub fn cook_pieces(cook: usize, lane: &CookLane) -> Vec<Piece> {
    let mut out = Vec::with_capacity(lane.spans.len() + 2);
    let mut push = |hold: Hold, start: f64, end: f64| out.push(Piece { hold, start, end });
    for span in &lane.spans {
        match (span.task, lane.starting) {
            (None, Some((from, to))) if from < span.end && span.start < to => {
                let (cut_from, cut_to) = (from.max(span.start), to.min(span.end));
                if span.start < cut_from {
                    push(Hold::Idle, span.start, cut_from);
                }
                push(Hold::Starting(cook), cut_from, cut_to);
                if cut_to < span.end {
                    push(Hold::Idle, cut_to, span.end);
                }
            }
            (task, _) => push(task.map_or(Hold::Idle, Hold::Task), span.start, span.end),
        }
    }
    out
}

/// The bars of one thread's `pieces`, worded as `of`'s; `timeline` names the tasks.
pub fn thread_bars(
    recipe: &Recipe,
    timeline: &Timeline,
    pieces: &[Piece],
    of: ThreadOf,
    scale: Scale,
    items: &mut Vec<Rc<str>>,
) -> Vec<Bar> {
    let name = |t: usize| timeline.lanes.get(t).map_or("a task", |l| l.name.as_str());
    // Holding the thread is what a row is for, so it beats a start-up, which beats being idle.
    let rank = |hold: Hold| match hold {
        Hold::Task(_) => 2,
        Hold::Starting(_) => 1,
        Hold::Idle => 0,
    };
    let grouped = pieces.iter().map(|p| (p.start, p.end, rank(p.hold)));
    group(grouped, scale)
        .into_iter()
        .map(|g| {
            let (tip, paint, who) = match pieces[g.pick].hold {
                Hold::Idle => (
                    tips::thread(recipe, of, Holders::Idle, g.start, g.end),
                    Paint::Idle,
                    None,
                ),
                Hold::Starting(cook) => (
                    tips::cook_starting(recipe, of, cook, g.start, g.end),
                    Paint::State(State::Starting),
                    None,
                ),
                Hold::Task(t) => {
                    let holders = holders(&pieces[g.first..=g.last], name(t));
                    let who = match holders {
                        Holders::One(who) => Some(who),
                        Holders::Idle | Holders::Several(_) => None,
                    };
                    let tip = tips::thread(recipe, of, holders, g.start, g.end);
                    (tip, Paint::Held(t % 6), who)
                }
            };
            items.push(tip.into());
            let mut bar = g.bar(scale, paint, items.len() - 1, false);
            if let Some(who) = who
                && text_width(who, 12.0) + 8.0 <= bar.w
            {
                bar.label = Some(who.to_owned());
            }
            bar
        })
        .collect()
}

/// Who the pieces drawn as one held bar stand for: `first`, the task that gives the bar its paint,
/// unless several tasks share the bar.
fn holders<'a>(pieces: &[Piece], first: &'a str) -> Holders<'a> {
    let mut tasks: Vec<usize> = pieces
        .iter()
        .filter_map(|p| match p.hold {
            Hold::Task(t) => Some(t),
            Hold::Idle | Hold::Starting(_) => None,
        })
        .collect();
    kitchen_model::sort::sort_stable_by(&mut tasks, |a, b| a < b);
    tasks.dedup();
    if tasks.len() > 1 {
        Holders::Several(tasks.len())
    } else {
        Holders::One(first)
    }
}

/// The long tasks the browser reported, as bars.
pub fn long_task_bars(
    recipe: &Recipe,
    timeline: &Timeline,
    scale: Scale,
    items: &mut Vec<Rc<str>>,
) -> Vec<Bar> {
    let pieces = timeline
        .long_tasks
        .iter()
        .map(|&(start, duration)| (start, start + duration, 1));
    group(pieces, scale)
        .into_iter()
        .map(|g| {
            let (start, duration) = timeline.long_tasks[g.pick];
            items.push(
                tips::grouped(tips::long_task(recipe, start, duration), g.last - g.first).into(),
            );
            g.bar(scale, Paint::LongTask, items.len() - 1, true)
        })
        .collect()
}
