//! The executor's visits to each drawn task: where its polls began, how each ended, and where it
//! was woken, as x positions on the strip above the task's bar.
//!
//! This module owns reading polls and wakes out of a trace for the drawn lanes and thinning them to
//! the chart's resolution: marks of one kind on one row closer than [`TICK_MIN_PX`] are drawn once,
//! so a row never carries more marks than the chart has pixels, however many polls a run made. It is
//! pure; it must not choose the lanes or place the rows, and the drawing belongs to `chart`.

use super::geometry::TICK_MIN_PX;
use super::scale::Scale;
use kitchen_model::{Event, EventKind};

/// One drawn lane's polls and wakes, as x positions in time order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PollMarks {
    /// The starts of polls that returned `Poll::Pending`: the task gave the thread back to wait.
    pub pending: Vec<f64>,
    /// The starts of polls that returned `Poll::Ready`: the task finished in that poll.
    pub ready: Vec<f64>,
    /// The wakes: something asked for the task to be polled again.
    pub wakes: Vec<f64>,
}

/// The marks of each lane in `drawn` (task instance indices), in the same order, in one pass over
/// `events`. A poll that has not returned yet, as at the edge of a live snapshot, gets no mark until
/// its outcome is known.
pub fn lane_marks(events: &[Event], drawn: &[usize], scale: Scale) -> Vec<PollMarks> {
    // By task instance index: where its marks go, if it is drawn. Sized by the drawn lanes, not by the
    // run, so ten thousand tasks cost one short table.
    let mut slot_of: Vec<Option<usize>> = vec![None; drawn.iter().max().map_or(0, |&t| t + 1)];
    for (slot, &task) in drawn.iter().enumerate() {
        slot_of[task] = Some(slot);
    }
    let mut open: Vec<Option<f64>> = vec![None; drawn.len()];
    let mut marks = vec![PollMarks::default(); drawn.len()];
    for event in events {
        let task = match event.kind {
            EventKind::PollStart { task }
            | EventKind::PollEnd { task, .. }
            | EventKind::Wake { task } => task,
            _ => continue,
        };
        let Some(slot) = slot_of.get(task).copied().flatten() else {
            continue;
        };
        let lane = &mut marks[slot];
        match event.kind {
            EventKind::PollStart { .. } => open[slot] = Some(event.at),
            EventKind::PollEnd { ready, .. } => {
                if let Some(start) = open[slot].take() {
                    let ticks = if ready {
                        &mut lane.ready
                    } else {
                        &mut lane.pending
                    };
                    push_thinned(ticks, scale.x(start));
                }
            }
            _ => push_thinned(&mut lane.wakes, scale.x(event.at)),
        }
    }
    marks
}

/// Appends `x` unless the last mark is closer than [`TICK_MIN_PX`]: two marks that would be drawn on
/// top of each other say no more than one.
fn push_thinned(xs: &mut Vec<f64>, x: f64) {
    if xs
        .last()
        .is_none_or(|&last| (x - last).abs() >= TICK_MIN_PX)
    {
        xs.push(x);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kitchen_model::{Mode, lesson, predict};

    fn at(at: f64, kind: EventKind) -> Event {
        Event { at, kind }
    }

    #[test]
    fn polls_are_marked_at_their_start_by_outcome_and_wakes_on_their_own() {
        let scale = Scale::new(100.0, 1000.0);
        let events = [
            at(0.0, EventKind::PollStart { task: 1 }),
            at(
                1.0,
                EventKind::PollEnd {
                    task: 1,
                    ready: false,
                },
            ),
            at(40.0, EventKind::Wake { task: 1 }),
            at(50.0, EventKind::PollStart { task: 1 }),
            at(
                51.0,
                EventKind::PollEnd {
                    task: 1,
                    ready: true,
                },
            ),
            // Task 0 is not drawn, and task 2's poll has not returned yet.
            at(5.0, EventKind::PollStart { task: 0 }),
            at(60.0, EventKind::PollStart { task: 2 }),
        ];
        let marks = lane_marks(&events, &[1, 2], scale);
        assert_eq!(marks[0].pending, [scale.x(0.0)]);
        assert_eq!(marks[0].ready, [scale.x(50.0)]);
        assert_eq!(marks[0].wakes, [scale.x(40.0)]);
        assert_eq!(marks[1], PollMarks::default());
    }

    #[test]
    fn marks_closer_than_two_pixels_are_drawn_once() {
        // A thousand polls within one millisecond of a second-long axis fall on one pixel.
        let scale = Scale::new(1000.0, 1000.0);
        let mut events = Vec::new();
        for i in 0..1000 {
            let t = f64::from(i) * 0.001;
            events.push(at(t, EventKind::Wake { task: 0 }));
            events.push(at(t, EventKind::PollStart { task: 0 }));
            events.push(at(
                t,
                EventKind::PollEnd {
                    task: 0,
                    ready: false,
                },
            ));
        }
        events.push(at(500.0, EventKind::PollStart { task: 0 }));
        events.push(at(
            500.0,
            EventKind::PollEnd {
                task: 0,
                ready: false,
            },
        ));
        let marks = lane_marks(&events, &[0], scale);
        assert_eq!(marks[0].pending, [scale.x(0.0), scale.x(500.0)]);
        assert_eq!(marks[0].wakes, [scale.x(0.0)]);
    }

    #[test]
    fn a_gather_prediction_polls_each_task_until_it_is_ready() {
        let recipe = lesson::cake_and_groceries().recipe;
        let trace = predict::predict(&recipe, Mode::Gather);
        let scale = Scale::new(1200.0, 1000.0);
        let marks = lane_marks(&trace.events, &[0, 1], scale);
        // The cake prepares the dough in its first poll and returns Pending to bake; the oven's
        // timer wakes it, and the next poll finishes it. Groceries is done in its first poll.
        assert_eq!(marks[0].pending, [scale.x(0.0)]);
        assert_eq!(marks[0].wakes, [scale.x(1200.0)]);
        assert_eq!(marks[0].ready, [scale.x(1200.0)]);
        assert!(marks[1].pending.is_empty() && marks[1].wakes.is_empty());
        assert_eq!(marks[1].ready.len(), 1);
    }
}
