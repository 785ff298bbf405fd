//! Data-driven tests: a trace written as text, the timeline it must give written as text.

use super::*;
use crate::recipe::{Routine, Task, Unit};
use crate::trace::{Event, Trace};

/// Parses one event per line: `<ms> <verb> <task> [arguments]`. The last line's time is the trace's end.
fn trace(text: &str) -> Trace {
    let mut events = Vec::new();
    let mut end = 0.0;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let at: f64 = words[0].parse().unwrap();
        end = at;
        let num = |i: usize| words[i].parse::<usize>().unwrap();
        let activity = |w: &str| match w {
            "work" => Activity::Work,
            "sleep" => Activity::Sleep,
            "await" => Activity::Await,
            "instant" => Activity::Instant,
            other => panic!("unknown activity {other}"),
        };
        let step = |routine: &str, index: usize| StepId {
            routine: match routine.split_at(1) {
                ("t", i) => Routine::Task(i.parse().unwrap()),
                ("h", i) => Routine::Helper(i.parse().unwrap()),
                _ => panic!("bad routine {routine}"),
            },
            index,
        };
        let kind = match words[1] {
            "end-run" => break,
            "frame" => EventKind::Frame,
            verb => {
                let task = num(2);
                match verb {
                    "called" => EventKind::TaskStart {
                        task,
                        how: Start::Called,
                    },
                    "scheduled" => EventKind::TaskStart {
                        task,
                        how: Start::Scheduled,
                    },
                    "end" => EventKind::TaskEnd { task },
                    "poll" => EventKind::PollStart { task },
                    "pending" => EventKind::PollEnd { task, ready: false },
                    "ready" => EventKind::PollEnd { task, ready: true },
                    "step" => EventKind::StepStart {
                        task,
                        step: step(words[3], num(4)),
                        activity: activity(words[5]),
                    },
                    "done" => EventKind::StepEnd {
                        task,
                        step: step(words[3], num(4)),
                    },
                    "armed" => EventKind::TimerArmed {
                        task,
                        due: words[3].parse().unwrap(),
                    },
                    "fired" => EventKind::TimerFired { task },
                    "wake" => EventKind::Wake { task },
                    "print" => EventKind::Print {
                        task,
                        text: words[3..].join(" "),
                    },
                    other => panic!("unknown verb {other}"),
                }
            }
        };
        events.push(Event { at, kind });
    }
    Trace {
        events,
        end,
        cancelled: false,
    }
}

/// Renders lanes, the thread lane and the console as one line each.
fn render(timeline: &Timeline) -> String {
    let step = |s: &Option<StepId>| match s {
        Some(StepId {
            routine: Routine::Task(t),
            index,
        }) => format!(" t{t}.{index}"),
        Some(StepId {
            routine: Routine::Helper(h),
            index,
        }) => format!(" h{h}.{index}"),
        None => String::new(),
    };
    let mut out = String::new();
    for lane in &timeline.lanes {
        let segs: Vec<String> = lane
            .segments
            .iter()
            .map(|s| format!("{} {}-{}{}", s.state.word(), s.start, s.end, step(&s.step)))
            .collect();
        out += &format!("{}: {}\n", lane.name, segs.join(", "));
    }
    let spans: Vec<String> = timeline
        .thread
        .iter()
        .map(|s| {
            let who = s
                .task
                .map_or("idle".to_owned(), |t| timeline.lanes[t].name.clone());
            format!("{who} {}-{}", s.start, s.end)
        })
        .collect();
    out += &format!("thread: {}\n", spans.join(", "));
    for line in &timeline.console {
        out += &format!("@{} {}\n", line.at, line.text);
    }
    out
}

fn check(tasks: &[&str], events: &str, expect: &str) {
    let recipe = Recipe {
        title: "test".into(),
        story: String::new(),
        unit: Unit::Min,
        scale_ms: 1.0,
        tasks: tasks.iter().map(|n| Task::new(n, Vec::new())).collect(),
        helpers: Vec::new(),
        exercises: Vec::new(),
    };
    let timeline = Timeline::from_trace(&recipe, &trace(events));
    let expect: String = expect
        .lines()
        .map(|l| format!("{}\n", l.trim()))
        .filter(|l| l != "\n")
        .collect();
    assert_eq!(render(&timeline), expect);
}

#[test]
fn gathered_cake_waits_while_groceries_run() {
    check(
        &["cake", "groceries"],
        "0 scheduled 0
         0 scheduled 1
         0 poll 0
         0 step 0 t0 0 work
         15 done 0 t0 0
         15 step 0 t0 1 await
         15 armed 0 60
         15 pending 0
         15 poll 1
         15 step 1 t1 0 work
         35 done 1 t1 0
         35 ready 1
         35 end 1
         60 fired 0
         60 wake 0
         61 poll 0
         62 done 0 t0 1
         62 ready 0
         62 end 0
         62 end-run",
        "cake: running 0-15 t0.0, waiting 15-60 t0.1, ready 60-61 t0.1, running 61-62 t0.1
         groceries: ready 0-15, running 15-35 t1.0
         thread: cake 0-15, groceries 15-35, idle 35-61, cake 61-62",
    );
}

#[test]
fn blocking_calls_hold_the_thread_and_sleep_is_blocked() {
    check(
        &["cake", "groceries"],
        "0 called 0
         0 step 0 t0 0 work
         15 done 0 t0 0
         15 step 0 t0 1 sleep
         60 done 0 t0 1
         60 end 0
         60 called 1
         60 step 1 t1 0 work
         80 done 1 t1 0
         80 end 1
         80 end-run",
        "cake: running 0-15 t0.0, blocked 15-60 t0.1
         groceries: running 60-80 t1.0
         thread: cake 0-60, groceries 60-80",
    );
}

#[test]
fn a_timer_that_comes_due_while_the_thread_is_busy_leaves_its_task_ready() {
    // Chores: laundry's timer is due at 60 while dinner holds the thread until 90, so its callback
    // runs only at 90; from 60 on, laundry is ready, not waiting.
    check(
        &["laundry", "evening"],
        "0 scheduled 0
         0 scheduled 1
         0 poll 0
         0 step 0 t0 0 await
         0 armed 0 60
         0 pending 0
         0 poll 1
         0 step 1 t1 0 work
         90 done 1 t1 0
         90 pending 1
         90 fired 0
         90 wake 0
         91 poll 0
         91 done 0 t0 0
         91 ready 0
         91 end 0
         91 end-run",
        "laundry: waiting 0-60 t0.0, ready 60-91 t0.0
         evening: running 0-90 t1.0, waiting 90-91
         thread: evening 0-90, idle 90-91",
    );
}

#[test]
fn a_yield_wakes_itself_so_the_task_is_ready_not_waiting() {
    check(
        &["a"],
        "0 scheduled 0
         1 poll 0
         1 step 0 t0 0 await
         2 wake 0
         2 pending 0
         5 poll 0
         5 done 0 t0 0
         5 print 0 after the yield
         6 ready 0
         6 end 0
         6 end-run",
        "a: ready 0-1, running 1-2 t0.0, ready 2-5 t0.0, running 5-6
         thread: idle 0-1, a 1-2, idle 2-5, a 5-6
         @5 after the yield",
    );
}

#[test]
fn helper_steps_nest_inside_the_call_and_blocking_sleep_inside_a_poll_is_blocked() {
    check(
        &["fruit"],
        "0 scheduled 0
         0 poll 0
         0 step 0 t0 0 await
         0 step 0 h0 0 sleep
         3 done 0 h0 0
         3 print 0 fetch water
         3 done 0 t0 0
         4 ready 0
         4 end 0
         4 end-run",
        "fruit: blocked 0-3 h0.0, running 3-4
         thread: fruit 0-4
         @3 fetch water",
    );
}

#[test]
fn a_cancelled_run_closes_open_segments_at_its_end() {
    check(
        &["a"],
        "0 scheduled 0
         0 poll 0
         0 step 0 t0 0 await
         0 pending 0
         7 end-run",
        "a: waiting 0-7 t0.0
         thread: idle 0-7",
    );
}

#[test]
fn totals_count_busy_time_and_the_longest_gap_between_frames() {
    let t = trace(
        "-3 frame
         0 called 0
         13 frame
         40 end 0
         41 frame
         57 frame
         57 end-run",
    );
    let totals = Timeline::from_trace(&one_task(), &t).totals();
    assert_eq!(totals.end, 57.0);
    assert_eq!(totals.busy, 40.0);
    assert_eq!(totals.longest_freeze, Some(28.0));
    assert_eq!(totals.longest_hold, 40.0);
}

/// A recipe of one task, in milliseconds.
fn one_task() -> Recipe {
    Recipe {
        title: "t".into(),
        story: String::new(),
        unit: Unit::Ms,
        scale_ms: 1.0,
        tasks: vec![Task::new("a", Vec::new())],
        helpers: Vec::new(),
        exercises: Vec::new(),
    }
}

#[test]
fn a_blocking_run_with_no_frame_after_it_froze_from_its_last_frame_to_its_end() {
    // Under load, the frame after a 306 ms blocking run came too late to be recorded: the freeze is
    // the run itself, not the 17 ms between the two frames before it.
    let t = trace(
        "-33 frame
         -16 frame
         0 called 0
         306 end 0
         306 end-run",
    );
    let totals = Timeline::from_trace(&one_task(), &t).totals();
    assert_eq!(totals.longest_freeze, Some(322.0));
    assert_eq!(totals.longest_hold, 306.0);
}

#[test]
fn the_frame_after_a_run_ends_its_last_freeze() {
    let mut t = trace(
        "-33 frame
         -16 frame
         0 called 0
         306 end 0
         306 end-run",
    );
    t.events.push(Event {
        at: 330.0,
        kind: EventKind::Frame,
    });
    let totals = Timeline::from_trace(&one_task(), &t).totals();
    assert_eq!(totals.longest_freeze, Some(346.0));
}

#[test]
fn a_run_without_frames_has_no_freeze_to_report() {
    let t = trace(
        "0 called 0
         40 end 0
         40 end-run",
    );
    assert_eq!(
        Timeline::from_trace(&one_task(), &t)
            .totals()
            .longest_freeze,
        None
    );
}

#[test]
fn a_run_in_which_nothing_held_the_thread_is_zero_busy_not_minus_zero() {
    let recipe = crate::lesson::count().recipe;
    let trace = crate::predict::predict(&recipe, crate::Mode::Gather);
    let busy = Timeline::from_trace(&recipe, &trace).totals().busy;
    assert!(busy == 0.0 && busy.is_sign_positive(), "{busy}");
}
