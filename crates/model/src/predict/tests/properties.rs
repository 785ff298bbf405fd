//! Properties of the prediction that must hold for every valid recipe (proptest, native only).

use proptest::prelude::*;

use super::super::*;
use crate::arbitrary;
use crate::recipe::{Action, Routine};
use crate::timeline::Timeline;

/// How long a routine takes when it runs alone; `busy_waits` makes every `wait` a busy-wait, as in
/// the blocking-inside-async mode, where even a wait with its `await` missing is a plain blocking call.
fn alone(recipe: &Recipe, routine: Routine, busy_waits: bool) -> u64 {
    recipe.routine(routine).map_or(0, |r| {
        r.steps
            .iter()
            .map(|s| match &s.action {
                Action::Work(n) => u64::from(*n),
                Action::Wait(n) if busy_waits || !s.missing_await => u64::from(*n),
                Action::Call(name) if !s.missing_await => recipe
                    .helper_index(name)
                    .map_or(0, |h| alone(recipe, Routine::Helper(h), busy_waits)),
                _ => 0,
            })
            .sum()
    })
}

/// The units each instance spends holding the thread (work, and busy-waits when `busy_waits`).
fn held(recipe: &Recipe, routine: Routine, busy_waits: bool) -> u64 {
    recipe.routine(routine).map_or(0, |r| {
        r.steps
            .iter()
            .map(|s| match &s.action {
                Action::Work(n) => u64::from(*n),
                Action::Wait(n) if busy_waits => u64::from(*n),
                Action::Call(name) if !s.missing_await => recipe
                    .helper_index(name)
                    .map_or(0, |h| held(recipe, Routine::Helper(h), busy_waits)),
                _ => 0,
            })
            .sum()
    })
}

fn per_instance(recipe: &Recipe, f: impl Fn(Routine) -> u64) -> Vec<u64> {
    recipe
        .instances()
        .iter()
        .map(|i| f(Routine::Task(i.task)))
        .collect()
}

fn units(recipe: &Recipe, ms: f64) -> f64 {
    recipe.units(ms)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Each lane's segments are non-empty and follow one another without gaps or overlaps; the thread
/// lane covers the whole run and no two tasks hold the thread at once.
fn assert_tiles(timeline: &Timeline) {
    for lane in &timeline.lanes {
        for s in &lane.segments {
            assert!(s.start < s.end, "empty segment in {}: {s:?}", lane.name);
        }
        for w in lane.segments.windows(2) {
            assert_eq!(w[0].end, w[1].start, "gap or overlap in {}", lane.name);
        }
    }
    let mut cursor = 0.0;
    for span in &timeline.thread {
        assert_eq!(span.start, cursor, "thread lane gap or overlap");
        assert!(span.end > span.start);
        cursor = span.end;
    }
    if timeline.end > 0.0 {
        assert_eq!(cursor, timeline.end, "thread lane ends early");
    }
}

proptest! {
    #[test]
    fn blocking_takes_the_sum_of_every_step(recipe in arbitrary::recipe()) {
        let end = units(&recipe, predict(&recipe, Mode::Blocking).end);
        prop_assert!(close(end, recipe.serial_units() as f64), "{end} vs {}", recipe.serial_units());
    }

    #[test]
    fn sequential_takes_the_sum_of_each_instance_alone(recipe in arbitrary::recipe()) {
        let expect: u64 = per_instance(&recipe, |r| alone(&recipe, r, false)).iter().sum();
        let end = units(&recipe, predict(&recipe, Mode::Sequential).end);
        prop_assert!(close(end, expect as f64), "{end} vs {expect}");
    }

    #[test]
    fn blocking_inside_async_overlaps_nothing(recipe in arbitrary::recipe()) {
        let expect: u64 = per_instance(&recipe, |r| alone(&recipe, r, true)).iter().sum();
        let end = units(&recipe, predict(&recipe, Mode::BlockingInAsync).end);
        prop_assert!(close(end, expect as f64), "{end} vs {expect}");
    }

    #[test]
    fn gather_is_bounded_by_the_work_and_by_the_longest_instance(recipe in arbitrary::recipe()) {
        let work: u64 = per_instance(&recipe, |r| held(&recipe, r, false)).iter().sum();
        let longest = per_instance(&recipe, |r| alone(&recipe, r, false)).into_iter().max().unwrap_or(0);
        let serial: u64 = per_instance(&recipe, |r| alone(&recipe, r, false)).iter().sum();
        let end = units(&recipe, predict(&recipe, Mode::Gather).end);
        prop_assert!(end + 1e-9 >= work as f64 && end + 1e-9 >= longest as f64, "{end}: work {work}, longest {longest}");
        prop_assert!(end <= serial as f64 + 1e-9, "{end} exceeds the sequential {serial}");
    }

    /// They agree unless timers share a deadline: then one browser timeout wakes them together, and
    /// `join_all` polls the woken in instance order while spawned tasks run in the order they woke.
    #[test]
    fn spawn_and_gather_agree_when_no_timers_share_a_deadline(recipe in arbitrary::recipe()) {
        let mut dues: Vec<u64> = predict(&recipe, Mode::Gather)
            .events
            .iter()
            .filter_map(|e| match e.kind {
                crate::EventKind::TimerArmed { due, .. } => Some(due.to_bits()),
                _ => None,
            })
            .collect();
        let armed = dues.len();
        dues.sort_unstable();
        dues.dedup();
        if dues.len() < armed {
            return Ok(());
        }
        let gather = prediction(&recipe, Mode::Gather);
        let spawn = prediction(&recipe, Mode::Spawn);
        prop_assert_eq!(gather.end, spawn.end);
        let texts = |t: &Timeline| t.console.iter().map(|l| l.text.clone()).collect::<Vec<_>>();
        prop_assert_eq!(texts(&gather), texts(&spawn));
    }

    #[test]
    fn never_awaited_runs_nothing(recipe in arbitrary::recipe()) {
        let trace = predict(&recipe, Mode::NeverAwaited);
        prop_assert!(trace.events.is_empty());
        prop_assert_eq!(trace.end, 0.0);
    }

    #[test]
    fn every_mode_tiles_each_life_and_the_thread(recipe in arbitrary::recipe()) {
        for mode in Mode::ALL {
            assert_tiles(&prediction(&recipe, mode));
        }
    }

    #[test]
    fn the_thread_is_busy_exactly_as_long_as_tasks_hold_it(recipe in arbitrary::recipe()) {
        let work: u64 = per_instance(&recipe, |r| held(&recipe, r, false)).iter().sum();
        let busy = units(&recipe, prediction(&recipe, Mode::Gather).totals().busy);
        prop_assert!(close(busy, work as f64), "busy {busy} vs work {work}");
    }
}
