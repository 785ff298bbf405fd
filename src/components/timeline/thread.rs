//! The thread row and the long-task row of a timeline chart: who held the one thread, measured and
//! planned (or only predicted, for a prediction shown as a run), and the stretches the browser
//! itself reported as long tasks.
//!
//! This module owns turning thread spans and long tasks into bars; neighbouring slivers are grouped
//! as in the task rows (`rows::group`), which is what keeps a run of ten thousand short polls
//! down to a bar per pixel. It is pure; it must not place the rows.

use std::rc::Rc;

use super::polls::PollMarks;
use super::rows::{Bar, Paint, Row, RowKind, RowSize, group};
use super::scale::{Scale, text_width};
use super::tips::{self, Holders};
use crate::components::state::RunResult;
use crate::model::{Recipe, ThreadSpan, Timeline};

/// The thread row, with its top at `y`: who held the thread, measured and planned. A prediction
/// shown as a run is its own plan, so its row has no planned strip.
pub fn thread_row(result: &RunResult, scale: Scale, y: f64, items: &mut Vec<Rc<str>>) -> Row {
    let recipe = &result.recipe;
    let bars = thread_bars(recipe, &result.timeline, scale, items);
    let (size, plan) = if result.predicted {
        (RowSize::THREAD.without_plan(), Vec::new())
    } else {
        let plan = thread_bars(recipe, &result.prediction.timeline, scale, items);
        (RowSize::THREAD, plan)
    };
    Row {
        kind: RowKind::Thread,
        y: y + size.polls,
        name: "thread".to_owned(),
        size,
        plan_label: !result.predicted,
        bars,
        plan,
        polls: PollMarks::default(),
    }
}

fn thread_bars(
    recipe: &Recipe,
    timeline: &Timeline,
    scale: Scale,
    items: &mut Vec<Rc<str>>,
) -> Vec<Bar> {
    let spans: &[ThreadSpan] = &timeline.thread;
    let name = |t: usize| timeline.lanes.get(t).map_or("a task", |l| l.name.as_str());
    let pieces = spans
        .iter()
        .map(|s| (s.start, s.end, u8::from(s.task.is_some())));
    group(pieces, scale)
        .into_iter()
        .map(|g| {
            let span = &spans[g.pick];
            let holders = match span.task {
                None => Holders::Idle,
                Some(t) => {
                    let mut tasks: Vec<usize> = spans[g.first..=g.last]
                        .iter()
                        .filter_map(|s| s.task)
                        .collect();
                    crate::model::sort::sort_stable_by(&mut tasks, |a, b| a < b);
                    tasks.dedup();
                    if tasks.len() > 1 {
                        Holders::Several(tasks.len())
                    } else {
                        Holders::One(name(t))
                    }
                }
            };
            items.push(tips::thread(recipe, holders, g.start, g.end).into());
            let paint = span.task.map_or(Paint::Idle, |t| Paint::Held(t % 6));
            let mut bar = g.bar(scale, paint, items.len() - 1, false);
            if let Holders::One(who) = holders
                && text_width(who, 12.0) + 8.0 <= bar.w
            {
                bar.label = Some(who.to_owned());
            }
            bar
        })
        .collect()
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
