//! The GIL's turns, natively: CPU-bound threads never compute at once and change hands every
//! switch interval; sleeping threads overlap; free-threaded ones compute at once, as far as the
//! cores go.

use super::*;
use crate::trace::EventKind;

fn work(ms: f64) -> Vec<Piece> {
    vec![Piece::Work(ms), Piece::Touch]
}

fn sleep(ms: f64) -> Vec<Piece> {
    vec![Piece::Touch, Piece::Sleep(ms), Piece::Touch]
}

/// The stretches in which a thread holds the GIL (or computes), as (from, to).
fn runs(s: &Schedule) -> Vec<(f64, f64)> {
    s.stretches
        .iter()
        .filter(|x| x.doing == Doing::Runs)
        .map(|x| (x.from, x.to))
        .collect()
}

fn overlap(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 < b.1 - 1e-9 && b.0 < a.1 - 1e-9
}

#[test]
fn cpu_bound_threads_take_turns_of_a_switch_interval_and_add_up() {
    // Chop and dice: 1 200 ms and 900 ms of work on two threads.
    let s = schedule(&[work(1200.0), work(900.0)], Gil::new(2, 2));
    assert!((s.end - 2100.0).abs() < 1e-6, "{}", s.end);
    let held = runs(&s);
    for (i, a) in held.iter().enumerate() {
        for b in &held[i + 1..] {
            assert!(!overlap(*a, *b), "{a:?} and {b:?} both hold the GIL");
        }
    }
    // While both compute (the first 1 800 ms), the GIL changes hands every 5 ms.
    assert!(s.handovers >= 350, "{} hand-overs", s.handovers);
    assert!(
        held.iter()
            .filter(|r| r.1 <= 1800.0)
            .all(|r| r.1 - r.0 <= 5.0 + 1e-6),
        "{held:?}"
    );
}

#[test]
fn free_threaded_threads_compute_at_once_as_far_as_the_cores_go() {
    let tasks = [work(1200.0), work(900.0)];
    let two = schedule(
        &tasks,
        Gil {
            free_threaded: true,
            ..Gil::new(2, 2)
        },
    );
    assert!((two.end - 1200.0).abs() < 1e-6, "{}", two.end);
    assert_eq!(two.handovers, 0);
    let one = schedule(
        &tasks,
        Gil {
            free_threaded: true,
            ..Gil::new(2, 1)
        },
    );
    assert!((one.end - 2100.0).abs() < 1e-6, "{}", one.end);
}

#[test]
fn sleeping_threads_wait_side_by_side_and_a_pool_hands_tasks_out_in_turn() {
    let downloads: Vec<Vec<Piece>> = (0..5).map(|_| sleep(3000.0)).collect();
    let five = schedule(&downloads, Gil::new(5, 2));
    assert!((five.end - 3000.0).abs() < 1e-6, "{}", five.end);
    let two = schedule(&downloads, Gil::new(2, 2));
    assert!((two.end - 9000.0).abs() < 1e-6, "{}", two.end);
}

#[test]
fn a_thread_back_from_a_sleep_waits_up_to_a_switch_interval_behind_one_that_computes() {
    // The convoy: the sleeper must hold the GIL to start and to go on after its sleep, and each
    // time the computing thread keeps it until the sleeper's switch interval runs out.
    let s = schedule(&[work(100.0), sleep(10.0)], Gil::new(2, 2));
    let sleeper: Vec<(Doing, f64, f64)> = s
        .stretches
        .iter()
        .filter(|x| x.task == 1)
        .map(|x| (x.doing, x.from, x.to))
        .collect();
    assert_eq!(
        sleeper,
        [
            (Doing::Wants, 0.0, 5.0),
            (Doing::Sleeps, 5.0, 15.0),
            (Doing::Wants, 15.0, 20.0),
        ]
    );
    assert!((s.end - 100.0).abs() < 1e-6, "{}", s.end);
}

/// The lesson `id`'s recipe.
fn lesson(id: &str) -> crate::Recipe {
    crate::lesson::by_id(id).expect("a lesson").recipe
}

#[test]
fn the_lessons_on_threads_take_what_the_tutorials_say() {
    // Chop and dice on two threads: the GIL lets one compute at a time, 14 minutes as blocking.
    let chop = lesson("more-cooks");
    let on_two = threads(&chop, Gil::new(2, 2));
    assert!(
        (chop.units(on_two.end) - 14.0).abs() < 1e-6,
        "{}",
        chop.units(on_two.end)
    );
    // Free-threaded on two cores, they compute at once: 8 minutes.
    let free = threads(
        &chop,
        Gil {
            free_threaded: true,
            ..Gil::new(2, 2)
        },
    );
    assert!(
        (chop.units(free.end) - 8.0).abs() < 1e-6,
        "{}",
        chop.units(free.end)
    );
    // Five downloads on five threads wait side by side: 3 seconds, as gathered.
    let downloads = lesson("downloads");
    let five = threads(&downloads, Gil::new(5, 2));
    assert!(
        (downloads.units(five.end) - 3.0).abs() < 1e-6,
        "{}",
        downloads.units(five.end)
    );
}

/// A recipe read from its text.
fn recipe(text: &str) -> crate::Recipe {
    crate::text::parse(text).expect("a good recipe")
}

/// A trace as text, one fact per line, the steps by task and index.
fn facts(trace: &Trace) -> String {
    let mut out = String::new();
    for e in &trace.events {
        let what = match &e.kind {
            EventKind::Threads { free_threaded, .. } => format!("threads free={free_threaded}"),
            EventKind::CookStarting { cook } => format!("thread {cook} starting"),
            EventKind::CookReady { cook } => format!("thread {cook} ready"),
            EventKind::TaskStart { task, .. } => format!("{task} queued"),
            EventKind::Sent { task, cook } => format!("{task} sent to thread {cook}"),
            EventKind::GilWanted { task } => format!("{task} wants the GIL"),
            EventKind::GilTaken { task } => format!("{task} takes the GIL"),
            EventKind::GilReleased { task } => format!("{task} releases the GIL"),
            EventKind::StepStart { task, step, .. } => format!("{task} begins step {}", step.index),
            EventKind::StepEnd { task, step } => format!("{task} ends step {}", step.index),
            EventKind::Print { task, text } => format!("{task} prints {text}"),
            EventKind::TaskEnd { task } => format!("{task} returns"),
            other => format!("{other:?}"),
        };
        out.push_str(&format!("{:.1}: {what}\n", e.at));
    }
    out.push_str(&format!("{:.1}: end\n", trace.end));
    out
}

#[test]
fn a_sleeper_waits_for_the_gil_behind_a_thread_that_computes_and_the_facts_say_so() {
    let r = recipe(
        "recipe \"convoy\"\nunit ms\nscale 1\n\ntask compute\n  work 12\n\ntask nap\n  print \"up\"\n  wait 4\n  print \"again\"\n",
    );
    expect_test::expect![[r#"
        0.0: threads free=false
        0.0: 0 queued
        0.0: 1 queued
        0.0: 0 sent to thread 0
        0.0: 0 takes the GIL
        0.0: 1 sent to thread 1
        0.0: 1 wants the GIL
        0.0: 0 begins step 0
        5.0: 0 releases the GIL
        5.0: 0 wants the GIL
        5.0: 1 takes the GIL
        5.0: 1 begins step 0
        5.0: 1 prints up
        5.0: 1 ends step 0
        5.0: 1 begins step 1
        5.0: 1 releases the GIL
        5.0: 0 takes the GIL
        9.0: 1 wants the GIL
        12.0: 0 ends step 0
        12.0: 0 releases the GIL
        12.0: 0 returns
        12.0: 1 takes the GIL
        12.0: 1 ends step 1
        12.0: 1 begins step 2
        12.0: 1 prints again
        12.0: 1 ends step 2
        12.0: 1 releases the GIL
        12.0: 1 returns
        12.0: end
    "#]]
    .assert_eq(&facts(&run(&r, Gil::new(2, 2))));
}

#[test]
fn the_timeline_of_a_threads_run_has_a_gil_lane_held_by_one_thread_at_a_time() {
    let chop = lesson("more-cooks");
    let trace = run(&chop, Gil::new(2, 2));
    let timeline = crate::Timeline::from_trace(&chop, &trace);
    // The GIL lane covers the run, and changes hands about every switch interval.
    assert_eq!(timeline.gil.first().map(|s| s.start), Some(0.0));
    assert_eq!(timeline.gil.last().map(|s| s.end), Some(trace.end));
    assert!(timeline.gil.windows(2).all(|w| w[0].end == w[1].start));
    let held = timeline.gil.iter().filter(|s| s.task.is_some()).count();
    assert!(held > 300, "{held} turns");
    // Each thread's lane shows who held the GIL on it; the page's own thread stays free.
    assert_eq!(timeline.cooks.len(), 2);
    assert!(timeline.thread.iter().all(|s| s.task.is_none()));
    // Each task is running or wants the GIL, turn and turn about.
    for lane in &timeline.lanes {
        let states: Vec<_> = lane.segments.iter().map(|s| s.state).collect();
        assert!(
            states.contains(&crate::timeline::State::Ready),
            "{states:?}"
        );
        assert!(!states.contains(&crate::timeline::State::Waiting));
    }
    // Free-threaded, there is no lock to draw.
    let free = crate::Timeline::from_trace(&chop, &run(&chop, Gil::new(2, 2).free(true)));
    assert!(free.gil.is_empty());
}

#[test]
fn a_pool_of_the_pages_workers_pays_for_starting_messages_and_hand_overs() {
    let chop = lesson("more-cooks");
    let pool = crate::cooks::Cooks::new(2);
    let gil = Gil::on(pool);
    let s = threads(&chop, gil);
    let ideal = threads(&chop, Gil::new(2, 2)).end;
    let least = ideal + pool.startup_ms + pool.message_ms + pool.reply_ms;
    assert!(s.end >= least, "{} < {least}", s.end);
    // Every hand-over costs its latency, during which nobody runs.
    assert!(
        s.end >= least + s.handovers as f64 * gil.handover_ms - 1e-6,
        "{} for {} hand-overs",
        s.end,
        s.handovers
    );
    // Downloads on five cold threads: three seconds after the threads have started.
    let downloads = lesson("downloads");
    let five = threads(&downloads, Gil::on(crate::cooks::Cooks::new(5)));
    let three = downloads.ms(3.0);
    assert!(
        five.end >= three + crate::cooks::TYPICAL_STARTUP_MS,
        "{}",
        five.end
    );
    assert!(
        five.end < three + crate::cooks::TYPICAL_STARTUP_MS + 5.0,
        "{}",
        five.end
    );
}

#[test]
fn a_threads_run_replays_with_one_thread_holding_the_gil_at_any_instant() {
    use crate::mode::Mode;
    use crate::replay::Replay;
    let chop = lesson("more-cooks");
    let trace = run(&chop, Gil::on(crate::cooks::Cooks::new(2)));
    let replay = Replay::new(&chop, Mode::Threads, &trace, true);
    let mut cursor = replay.first();
    // Stepping goes through the run's stops, not through each of its hundreds of hand-overs.
    let mut stops = 0;
    while cursor != replay.last() && stops < 1000 {
        cursor = replay.step(cursor, 1);
        stops += 1;
    }
    assert!(stops < 50, "{stops} stops");
    for at in [100.0, 500.0, 1000.0, 1500.0] {
        let state = replay.state(replay.seek(at), 10);
        assert_eq!(state.cooks.len(), 2);
        let holding = state
            .cooks
            .iter()
            .filter(|c| matches!(c.thread, crate::replay::Thread::Held { .. }))
            .count();
        assert!(holding <= 1, "{holding} threads hold the GIL at {at} ms");
    }
}
