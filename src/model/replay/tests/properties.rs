//! Properties that tie the replay to the trace it indexes and to the timeline built from it: for
//! every lesson in every mode, and (natively) for random recipes.

use super::*;
use crate::model::EventKind;

/// The lessons, with the ten-thousand-timers lesson cut to forty copies: still above `join_all`'s
/// small-gather threshold, and small enough to query at every stop.
fn lessons() -> Vec<(String, Recipe)> {
    lesson::all()
        .into_iter()
        .map(|l| {
            let mut recipe = l.recipe;
            for task in &mut recipe.tasks {
                task.copies = task.copies.min(40);
            }
            (l.id.to_owned(), recipe)
        })
        .collect()
}

/// Checks every property at every stop of `recipe` run in `mode` as predicted.
pub(super) fn holds(recipe: &Recipe, mode: Mode) -> Result<(), String> {
    let trace = predict(recipe, mode);
    let replay = Replay::new(recipe, mode, &trace, true);
    let timeline = Timeline::from_trace(recipe, &trace);
    let n = replay.tasks();
    for stop in 0..replay.stops().len() {
        let cursor = replay.at_stop(stop);
        let state = replay.state(cursor, usize::MAX);
        // Every task is in exactly one place.
        let held = usize::from(state.thread != Thread::Idle);
        let counted = held
            + state.ready.total
            + state.suspended.total
            + state.done.total
            + state.not_started.total;
        if counted != n {
            return Err(format!(
                "stop {stop}: {counted} places for {n} tasks: {state:?}"
            ));
        }
        // The ready queue is the order in which the executor really polls those tasks next.
        let limit = replay.limit(stop) as usize;
        // A task whose timer is overdue is polled for real once the timer's callback has woken it
        // (a small gather may poll it before that, in vain).
        let next = |from: usize, task: usize, wake: bool| {
            trace.events[from..]
                .iter()
                .position(|e| match e.kind {
                    EventKind::PollStart { task: t } => !wake && t == task,
                    EventKind::Wake { task: t } => wake && t == task,
                    _ => false,
                })
                .map(|i| i + from)
        };
        let order: Vec<Option<usize>> = state
            .ready
            .items
            .iter()
            .map(|r| match r.why {
                Why::Overdue(_) => next(limit, r.task, true).and_then(|w| next(w, r.task, false)),
                _ => next(limit, r.task, false),
            })
            .collect();
        if order.iter().any(Option::is_none) || !order.windows(2).all(|w| w[0] < w[1]) {
            let tasks: Vec<usize> = state.ready.items.iter().map(|r| r.task).collect();
            return Err(format!(
                "stop {stop} ({:?}): ready queue {tasks:?} is polled in the order {order:?}",
                replay.stops()[stop].kind
            ));
        }
    }
    // Inside every segment of every lane, the replay puts the task where the lane does.
    for (task, lane) in timeline.lanes.iter().enumerate() {
        for segment in &lane.segments {
            if segment.end - segment.start < 1e-6 {
                continue;
            }
            // Inside the segment, away from its ends and from the stops (at a stop's exact time the
            // cursor rests on the first stop there, which may be just before the segment's change).
            for quarter in [0.25, 0.5, 0.75] {
                let at = segment.start + quarter * (segment.end - segment.start);
                if replay.stops().iter().any(|s| s.at == at) {
                    continue;
                }
                place_agrees(&replay, &lane.name, task, at, segment.state)?;
            }
        }
    }
    Ok(())
}

/// Whether the replay puts `task` at `at` where its lane does (`expected`).
fn place_agrees(
    replay: &Replay,
    lane: &str,
    task: usize,
    at: f64,
    expected: State,
) -> Result<(), String> {
    let state = replay.state(replay.seek(at), usize::MAX);
    let holding = match &state.thread {
        Thread::Held {
            task: t, activity, ..
        } if *t == task => Some(*activity),
        _ => None,
    };
    let place = if let Some(activity) = holding {
        if activity == Some(Activity::Sleep) {
            State::Blocked
        } else {
            State::Running
        }
    } else if state.ready.items.iter().any(|r| r.task == task) {
        State::Ready
    } else if state.suspended.items.iter().any(|s| s.task == task) {
        State::Waiting
    } else {
        return Err(format!("{lane} at {at}: nowhere, lane says {expected:?}"));
    };
    if place != expected {
        return Err(format!(
            "{lane} at {at}: replay says {place:?}, lane says {expected:?}"
        ));
    }
    Ok(())
}

#[test]
fn every_lesson_in_every_mode_keeps_the_replays_properties() {
    for (id, recipe) in lessons() {
        for mode in Mode::ALL {
            if let Err(why) = holds(&recipe, mode) {
                panic!("{id} in {mode:?}: {why}");
            }
        }
    }
}

#[test]
fn stepping_is_exact_both_ways_and_seeking_a_stops_time_finds_its_first_stop() {
    let recipe = lesson::count().recipe;
    let replay = Replay::new(&recipe, Mode::Gather, &predict(&recipe, Mode::Gather), true);
    let last = replay.stops().len() - 1;
    let mut cursor = replay.first();
    let forward: Vec<LoopState> = (0..=last)
        .map(|_| {
            let state = replay.state(cursor, usize::MAX);
            cursor = replay.step(cursor, 1);
            state
        })
        .collect();
    assert_eq!(cursor, replay.last());
    for expected in forward.iter().rev() {
        assert_eq!(&replay.state(cursor, usize::MAX), expected);
        cursor = replay.step(cursor, -1);
    }
    assert_eq!(cursor, replay.first());
    for (i, stop) in replay.stops().iter().enumerate() {
        let found = replay.seek(stop.at);
        assert!(found.stop <= i && replay.stops()[found.stop].at == stop.at);
    }
    assert_eq!(replay.seek(f64::NAN), replay.first());
    assert_eq!(replay.seek(1e12).at, replay.end());
}

#[test]
fn long_lists_are_cut_and_counted() {
    let mut recipe = recipe("task timer x1000\n  wait 5\n");
    recipe.tasks[0].copies = 1000;
    let replay = Replay::new(&recipe, Mode::Gather, &predict(&recipe, Mode::Gather), true);
    let handed = replay.state(replay.at_stop(1), 5);
    assert_eq!((handed.ready.items.len(), handed.ready.total), (5, 1000));
    let ready: Vec<usize> = handed.ready.items.iter().map(|r| r.task).collect();
    assert_eq!(ready, [0, 1, 2, 3, 4]);
    let waiting = replay.state(replay.seek(10.0), 3);
    assert_eq!(
        (waiting.timers.items.len(), waiting.timers.total),
        (3, 1000)
    );
    assert!(
        waiting
            .timers
            .items
            .iter()
            .all(|t| t.sharing == 1000 && t.timeout == 1)
    );
    assert_eq!(waiting.suspended.more(), 997);
    let view = code::code(&recipe, Mode::Gather, Language::Rust);
    let narrator = Narrator::new(&replay, &recipe, &view);
    assert_eq!(
        narrator.sentence(1),
        "0 s (0 ms): main hands timer 1, timer 2 … and 998 more to `join_all`: they are ready, \
         waiting for the thread."
    );
}

#[test]
fn a_hand_made_trace_with_strange_events_does_not_panic() {
    use crate::model::trace::Event;
    let recipe = cake();
    let at = |at: f64, kind: EventKind| Event { at, kind };
    let trace = Trace {
        events: vec![
            at(
                0.0,
                EventKind::PollEnd {
                    task: 7,
                    ready: true,
                },
            ),
            at(1.0, EventKind::Wake { task: 0 }),
            at(2.0, EventKind::TimerFired { task: 1 }),
            at(3.0, EventKind::TaskEnd { task: 0 }),
            at(
                3.0,
                EventKind::StepEnd {
                    task: 1,
                    step: StepId {
                        routine: crate::model::Routine::Helper(9),
                        index: 3,
                    },
                },
            ),
        ],
        end: 4.0,
        cancelled: true,
    };
    for mode in Mode::ALL {
        let replay = Replay::new(&recipe, mode, &trace, true);
        let view = code::code(&recipe, mode, Language::Python);
        let narrator = Narrator::new(&replay, &recipe, &view);
        for stop in 0..replay.stops().len() {
            let _ = replay.state(replay.at_stop(stop), 3);
            assert!(!narrator.sentence(stop).is_empty());
        }
    }
}

mod random {
    use proptest::prelude::*;

    use super::*;
    use crate::model::arbitrary;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn random_recipes_keep_the_replays_properties(recipe in arbitrary::recipe()) {
            for mode in Mode::ALL {
                prop_assert_eq!(holds(&recipe, mode), Ok(()), "{:?}\n{}", mode, crate::model::text::print(&recipe));
            }
        }
    }
}
