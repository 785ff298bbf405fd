//! Browser tests: a recipe's tasks written with callbacks or as hand-written state machines
//! (`start_in_way`) run for real and do what the async/await run of the same recipe does. Every
//! lesson, made small, in each mode the two ways apply to, is run in the three ways; each other
//! way's trace is held to the async/await run's: the same lines printed in the same order, the same
//! steps in the same order in every task, the same timers, wakes and prints per task, the same
//! tasks waiting together and living together, every poll of a task inside its own life; and the
//! replay's properties hold of it (`replay::check::consistent`) wherever they hold of the
//! async/await run's, since the page replays it alike.
//!
//! Real runs on a loaded machine may differ in what happens at one moment, so what is held is
//! order and overlap, never time: lines the prediction prints at one moment may come in either
//! order, and which tasks' waits and lives overlap is held where the async/await run and the
//! prediction agree on it (they differ only where load or a tie decided it).
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use kitchen_model::replay::check::consistent;
use kitchen_model::{
    Action, EventKind, Mode, Recipe, Start, Step, Task, Trace, Unit, Way, lesson, predict,
};
use kitchen_runtime::{armed_timeouts, start_in_way};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The two ways besides async/await.
const OTHER_WAYS: [Way; 2] = [Way::Callbacks, Way::StateMachine];

/// The most copies of a task a lesson keeps here: enough for tasks of one kind to share timers and
/// queues, few enough that the twelve runs of each lesson stay short.
const COPIES: u32 = 4;

/// Each lesson's blocking run lasts about this long at the test's scale, in milliseconds.
const BLOCKING_MS: f64 = 150.0;

/// No wait is shorter than this, in milliseconds, so that `setTimeout`'s whole milliseconds and the
/// browser's clamping of nested timeouts (4 ms) stay small beside every wait.
const SHORTEST_WAIT_MS: f64 = 10.0;

/// `recipe` made small: at most [`COPIES`] copies of a task, and a scale at which its blocking run
/// takes about [`BLOCKING_MS`], unless that would make a wait shorter than [`SHORTEST_WAIT_MS`].
fn small(recipe: &Recipe) -> Recipe {
    let mut r = recipe.clone();
    for t in &mut r.tasks {
        t.copies = t.copies.min(COPIES);
    }
    let serial = r.serial_units() as f64;
    if serial > 0.0 {
        r.scale_ms = r.scale_ms.min(BLOCKING_MS / serial);
    }
    let shortest = r
        .tasks
        .iter()
        .chain(&r.helpers)
        .flat_map(|t| &t.steps)
        .filter_map(|s| match s.action {
            Action::Wait(n) if n > 0 => Some(f64::from(n)),
            _ => None,
        })
        .fold(f64::INFINITY, f64::min);
    if shortest.is_finite() {
        r.scale_ms = r.scale_ms.max(SHORTEST_WAIT_MS / shortest);
    }
    r
}

/// Runs `recipe` in `mode` with its tasks written in `way`, to the end.
async fn run_in(recipe: &Recipe, mode: Mode, way: Way) -> Trace {
    start_in_way(recipe.clone(), mode, way)
        .expect("the run starts")
        .finished
        .await
}

/// Runs every lesson, made small, in `mode` in the three ways, and holds each other way's run to
/// the async/await run's.
async fn every_lesson_in(mode: Mode) {
    for lesson in lesson::all() {
        let recipe = small(&lesson.recipe);
        hold_ways(lesson.id, &recipe, mode).await;
    }
}

/// Runs `recipe` in `mode` in the three ways and holds each other way's run to the async/await
/// run's and to the replay's properties.
async fn hold_ways(what: &str, recipe: &Recipe, mode: Mode) {
    let predicted = predict::predict(recipe, mode);
    let awaited = run_in(recipe, mode, Way::Async).await;
    // The replay's properties are held of another way's run wherever they hold of the async/await
    // run's: where they do not (the replay's own limits, which its tests are about), the other
    // way's run has nothing to be held to.
    let replayable = consistent(recipe, mode, &awaited).is_ok();
    for way in OTHER_WAYS {
        let trace = run_in(recipe, mode, way).await;
        let what = format!(
            "{what} in {} written as {} at {} ms per unit",
            mode.id(),
            way.id(),
            recipe.scale_ms
        );
        assert!(!trace.cancelled, "{what}: the run was cancelled");
        let found = departures(&awaited, &trace, &predicted);
        assert!(
            found.is_empty(),
            "{what}: the run departs from the async/await run ({} findings):\n{}",
            found.len(),
            found
                .iter()
                .take(20)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
        if let (true, Err(why)) = (replayable, consistent(recipe, mode, &trace)) {
            panic!("{what}: its replay does not hold, as the async/await run's does: {why}");
        }
    }
}

/// Where the run `way` departs from the async/await run `awaited` of the same recipe and mode,
/// as sentences (none when it does what that run does).
fn departures(awaited: &Trace, way: &Trace, predicted: &Trace) -> Vec<String> {
    let mut found = Vec::new();
    same_facts(awaited, way, &mut found);
    same_steps(awaited, way, &mut found);
    same_console(awaited, way, predicted, &mut found);
    same_overlaps("waits", waits, awaited, way, predicted, &mut found);
    same_overlaps("lives", lives, awaited, way, predicted, &mut found);
    polls_inside_lives(way, &mut found);
    found
}

/// A fact about one task, without its time: what is counted per task.
fn fact(kind: &EventKind) -> Option<(usize, String)> {
    let what = match kind {
        EventKind::TaskStart { task, how } => (*task, format!("started {how:?}")),
        EventKind::TaskEnd { task } => (*task, "ended".into()),
        EventKind::StepStart {
            task,
            step,
            activity,
        } => (*task, format!("began {step:?} as {activity:?}")),
        EventKind::StepEnd { task, step } => (*task, format!("ended {step:?}")),
        EventKind::TimerArmed { task, .. } => (*task, "armed a timer".into()),
        EventKind::TimerFired { task } => (*task, "had its timer fire".into()),
        EventKind::Wake { task } => (*task, "was woken".into()),
        EventKind::Print { task, text } => (*task, format!("printed {text:?}")),
        _ => return None,
    };
    Some(what)
}

/// How many times each task did each thing (polls left out: a small `join_all` polls every task
/// it holds whenever one of them is woken, which no chain of callbacks does).
fn facts(trace: &Trace) -> BTreeMap<(usize, String), usize> {
    let mut n = BTreeMap::new();
    for e in &trace.events {
        if let Some(key) = fact(&e.kind) {
            *n.entry(key).or_default() += 1;
        }
    }
    n
}

/// The tasks that started, ended, began or ended a step, armed a timer, had one fire, were woken
/// or printed a line a different number of times than in the async/await run.
fn same_facts(awaited: &Trace, way: &Trace, found: &mut Vec<String>) {
    let (a, w) = (facts(awaited), facts(way));
    let keys: BTreeSet<&(usize, String)> = a.keys().chain(w.keys()).collect();
    for key in keys {
        let (x, y) = (
            a.get(key).copied().unwrap_or(0),
            w.get(key).copied().unwrap_or(0),
        );
        if x != y {
            found.push(format!(
                "task {} {}: {y} times, {x} in the async/await run",
                key.0, key.1
            ));
        }
    }
}

/// Each task's steps begun and ended, in order.
fn steps(trace: &Trace) -> BTreeMap<usize, Vec<String>> {
    let mut steps: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for e in &trace.events {
        if let EventKind::StepStart { task, .. } | EventKind::StepEnd { task, .. } = e.kind
            && let Some((_, what)) = fact(&e.kind)
        {
            steps.entry(task).or_default().push(what);
        }
    }
    steps
}

/// The tasks whose steps began and ended in another order than in the async/await run.
fn same_steps(awaited: &Trace, way: &Trace, found: &mut Vec<String>) {
    let (a, w) = (steps(awaited), steps(way));
    for (task, order) in &w {
        let expected = a.get(task).map_or(&[][..], Vec::as_slice);
        if order != expected {
            found.push(format!(
                "task {task}'s steps went {order:?}; in the async/await run {expected:?}"
            ));
        }
    }
}

/// The printed lines, in order, as `(task, text)`.
fn prints(trace: &Trace) -> Vec<(usize, String)> {
    trace
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Print { task, text } => Some((*task, text.clone())),
            _ => None,
        })
        .collect()
}

/// The console against the async/await run's: the same lines in the same order, but for lines the
/// prediction prints at one moment, which a loaded machine may print in either order. Each
/// stretch of lines predicted at one moment is compared as a set, at the same place in both runs.
fn same_console(awaited: &Trace, way: &Trace, predicted: &Trace, found: &mut Vec<String>) {
    let (a, w) = (prints(awaited), prints(way));
    if a.len() != w.len() {
        found.push(format!(
            "{} lines printed, {} in the async/await run: {w:?}",
            w.len(),
            a.len()
        ));
        return;
    }
    let mut moments: Vec<(f64, usize)> = Vec::new();
    for e in &predicted.events {
        if let EventKind::Print { .. } = e.kind {
            match moments.last_mut() {
                Some((at, n)) if *at == e.at => *n += 1,
                _ => moments.push((e.at, 1)),
            }
        }
    }
    // Lines the prediction lacks (it should have them all) are compared one by one.
    let predicted_lines: usize = moments.iter().map(|m| m.1).sum();
    moments.extend((predicted_lines..a.len()).map(|_| (f64::NAN, 1)));
    let mut from = 0;
    for (at, n) in moments {
        let to = (from + n).min(a.len());
        let mut x = a[from..to].to_vec();
        let mut y = w[from..to].to_vec();
        x.sort();
        y.sort();
        if x != y {
            found.push(format!(
                "lines {from}–{to} (predicted at {at:.3} ms) were {y:?}; the async/await run \
                 printed {x:?} there"
            ));
            return;
        }
        from = to;
    }
}

/// A stretch of one task's, as positions in its trace's events (order, not time).
#[derive(Clone, Copy, Debug)]
struct Stretch {
    task: usize,
    start: usize,
    end: usize,
}

/// Every timer wait: from its arming to its firing (a task waits on one timer at a time).
fn waits(trace: &Trace) -> Vec<Stretch> {
    stretches(trace, |kind| match *kind {
        EventKind::TimerArmed { task, .. } => Some((task, true)),
        EventKind::TimerFired { task } => Some((task, false)),
        _ => None,
    })
}

/// Every task's life: from its start to its end.
fn lives(trace: &Trace) -> Vec<Stretch> {
    stretches(trace, |kind| match *kind {
        EventKind::TaskStart { task, .. } => Some((task, true)),
        EventKind::TaskEnd { task } => Some((task, false)),
        _ => None,
    })
}

/// The stretches between the events `edge` says open one for a task (`true`) and those that close
/// it, by event index; a stretch still open at the trace's end lasts to it.
fn stretches(trace: &Trace, edge: impl Fn(&EventKind) -> Option<(usize, bool)>) -> Vec<Stretch> {
    let mut found = Vec::new();
    let mut open: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, e) in trace.events.iter().enumerate() {
        match edge(&e.kind) {
            Some((task, true)) => {
                open.insert(task, i);
            }
            Some((task, false)) => {
                if let Some(start) = open.remove(&task) {
                    found.push(Stretch {
                        task,
                        start,
                        end: i,
                    });
                }
            }
            None => {}
        }
    }
    let end = trace.events.len();
    found.extend(
        open.into_iter()
            .map(|(task, start)| Stretch { task, start, end }),
    );
    found
}

/// The pairs of tasks (lower first) some of whose stretches overlap: each begins before the other
/// ends.
fn overlapping(stretches: &[Stretch]) -> BTreeSet<(usize, usize)> {
    let mut pairs = BTreeSet::new();
    for (i, a) in stretches.iter().enumerate() {
        for b in &stretches[i + 1..] {
            if a.task != b.task && a.start < b.end && b.start < a.end {
                pairs.insert((a.task.min(b.task), a.task.max(b.task)));
            }
        }
    }
    pairs
}

/// The pairs of tasks whose `what` (waits or lives) overlap in one run and not in the other, where
/// the async/await run and the prediction agree on them. Where those two disagree, a loaded
/// machine or a tie between moments decided it, and the other way may go either way.
fn same_overlaps(
    what: &str,
    stretches: fn(&Trace) -> Vec<Stretch>,
    awaited: &Trace,
    way: &Trace,
    predicted: &Trace,
    found: &mut Vec<String>,
) {
    let (a, w, p) = (
        overlapping(&stretches(awaited)),
        overlapping(&stretches(way)),
        overlapping(&stretches(predicted)),
    );
    let tasks = lives(awaited).len().max(lives(way).len());
    for x in 0..tasks {
        for y in x + 1..tasks {
            let pair = (x, y);
            let agreed = a.contains(&pair);
            if agreed == p.contains(&pair) && agreed != w.contains(&pair) {
                found.push(format!(
                    "the {what} of tasks {x} and {y} {} here and {} in the async/await run \
                     and the prediction",
                    if agreed { "do not overlap" } else { "overlap" },
                    if agreed { "do" } else { "do not" },
                ));
            }
        }
    }
}

/// The polls that are not inside their task's life (after its start, ending before or as it
/// ends), that overlap another poll (the thread runs one callback at a time), or whose outcome
/// is not the chain's: pending until the last, which is ready and followed by the task's end.
fn polls_inside_lives(trace: &Trace, found: &mut Vec<String>) {
    let mut started = BTreeSet::new();
    let mut ended = BTreeSet::new();
    let mut polling: Option<usize> = None;
    let mut last_ready: Option<usize> = None;
    for e in &trace.events {
        match e.kind {
            EventKind::TaskStart { task, how } => {
                if how != Start::Scheduled {
                    found.push(format!("task {task} was started {how:?}"));
                }
                started.insert(task);
            }
            EventKind::PollStart { task } => {
                if !started.contains(&task) || ended.contains(&task) {
                    found.push(format!(
                        "task {task} was polled at {:.3} ms outside its life",
                        e.at
                    ));
                }
                if let Some(other) = polling.replace(task) {
                    found.push(format!(
                        "task {task}'s poll at {:.3} ms began inside task {other}'s",
                        e.at
                    ));
                }
            }
            EventKind::PollEnd { task, ready } => {
                if polling.take() != Some(task) {
                    found.push(format!(
                        "a poll of task {task} ended at {:.3} ms that had not begun",
                        e.at
                    ));
                }
                last_ready = ready.then_some(task);
            }
            EventKind::TaskEnd { task } => {
                if last_ready.take() != Some(task) {
                    found.push(format!(
                        "task {task} ended at {:.3} ms, but not as its last poll was ready",
                        e.at
                    ));
                }
                ended.insert(task);
            }
            _ => {
                if let Some(task) = last_ready.take() {
                    found.push(format!(
                        "task {task}'s poll was ready at {:.3} ms, and its end not recorded next",
                        e.at
                    ));
                }
            }
        }
    }
    if let Some(task) = polling {
        found.push(format!("task {task}'s last poll never ended"));
    }
}

// One test per mode, so that each stays well inside the test runner's time limit.

#[wasm_bindgen_test]
async fn every_lesson_sequential_runs_alike_in_every_way() {
    every_lesson_in(Mode::Sequential).await;
}

#[wasm_bindgen_test]
async fn every_lesson_gathered_runs_alike_in_every_way() {
    every_lesson_in(Mode::Gather).await;
}

#[wasm_bindgen_test]
async fn every_lesson_spawned_runs_alike_in_every_way() {
    every_lesson_in(Mode::Spawn).await;
}

#[wasm_bindgen_test]
async fn every_lesson_blocking_inside_async_runs_alike_in_every_way() {
    every_lesson_in(Mode::BlockingInAsync).await;
}

fn print(text: &str) -> Step {
    Step::new(Action::Print(text.into()))
}

/// A recipe in milliseconds.
fn recipe(tasks: Vec<Task>, helpers: Vec<Task>) -> Recipe {
    Recipe {
        title: "ways".into(),
        story: String::new(),
        unit: Unit::Ms,
        scale_ms: 1.0,
        tasks,
        helpers,
        exercises: Vec::new(),
    }
}

/// Forty tasks, past the thirty up to which `join_all` polls every future it holds at each wake
/// (beyond, it polls only those woken, in the order they woke): with yields that take turns,
/// timers shared and not, helpers that wait and helpers that do not, and awaits forgotten.
///
/// Its order must not hang on the timer queue's sharing, which a loaded machine decides: a task
/// woken by a timer yields only where its timer has a timeout of its own (a millisecond of work
/// lies between any two of their armings), since the tasks one timeout wakes take turns at their
/// yields before the next timeout's tasks start.
#[wasm_bindgen_test]
async fn forty_tasks_with_every_kind_of_step_run_alike_in_every_way() {
    let mut many = Task::new(
        "many",
        vec![
            print("start"),
            // The forty take turns: every task starts, then every one calls, then every one waits.
            Step::new(Action::Yield),
            Step::new(Action::Call("quick".into())),
            Step::new(Action::Wait(0)),
            // Armed in one pass, the forty timers share a timeout (or a few, on a loaded machine).
            Step::new(Action::Wait(12)),
            Step::new(Action::Wait(20)).without_await(),
            Step::new(Action::Call("slow".into())).without_await(),
            // Woken together, the tasks run one after another to their next timers, each a
            // millisecond of work after the last.
            Step::new(Action::Call("slow".into())),
            print("end"),
        ],
    );
    many.copies = 40;
    let helpers = vec![
        Task::new("quick", vec![print("quick"), Step::new(Action::Work(1))]),
        Task::new(
            "slow",
            vec![
                Step::new(Action::Call("quick".into())),
                Step::new(Action::Wait(15)),
                Step::new(Action::Yield),
                print("slow"),
            ],
        ),
    ];
    let lone = Task::new("lone", vec![Step::new(Action::Wait(30)), print("lone")]);
    let recipe = recipe(vec![many, lone], helpers);
    for mode in [
        Mode::Sequential,
        Mode::Gather,
        Mode::Spawn,
        Mode::BlockingInAsync,
    ] {
        hold_ways("forty tasks", &recipe, mode).await;
    }
}

/// `wait 0` between another task's yields: the yield puts `zero` back behind `yields`, which runs
/// to its next yield, in every way as with async/await (asyncio's order too).
#[wasm_bindgen_test]
async fn a_yield_goes_behind_what_is_ready_in_every_way() {
    let recipe = recipe(
        vec![
            Task::new("zero", vec![Step::new(Action::Wait(0)), print("zero")]),
            Task::new(
                "yields",
                vec![
                    print("yields 1"),
                    Step::new(Action::Yield),
                    print("yields 2"),
                    Step::new(Action::Yield),
                    print("yields 3"),
                ],
            ),
        ],
        Vec::new(),
    );
    for mode in [Mode::Gather, Mode::Spawn] {
        for way in Way::ALL {
            let trace = run_in(&recipe, mode, way).await;
            let order: Vec<String> = prints(&trace).into_iter().map(|(_, t)| t).collect();
            assert_eq!(
                order,
                ["yields 1", "zero", "yields 2", "yields 3"],
                "{mode:?} written as {}",
                way.id()
            );
        }
    }
}

/// Five copies of a wait of 100 ms, then a print.
fn five_waits() -> Recipe {
    let mut download = Task::new(
        "download",
        vec![print("start"), Step::new(Action::Wait(100)), print("after")],
    );
    download.copies = 5;
    recipe(vec![download], Vec::new())
}

/// Waits `ms` milliseconds on a browser timer of its own (not the runtime's timer queue).
async fn sleep(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

#[wasm_bindgen_test]
async fn a_cancelled_run_leaves_no_timer_and_no_callback_behind_in_any_way() {
    for way in OTHER_WAYS {
        for mode in [Mode::Gather, Mode::Spawn, Mode::Sequential] {
            let what = format!("{mode:?} written as {}", way.id());
            let run = start_in_way(five_waits(), mode, way).expect("the run starts");
            let handle = run.handle.clone();
            // The cancel's timeout is armed before the run begins (after two frames) and is
            // shorter than the waits, and the browser runs timeouts in the order they are due: it
            // comes before any wait's timeout, however late a busy machine runs both.
            let recorded = Rc::new(Cell::new(None));
            let at_cancel = Rc::clone(&recorded);
            wasm_bindgen_futures::spawn_local(async move {
                sleep(60).await;
                at_cancel.set(Some(handle.trace().events.len()));
                handle.cancel();
            });
            let trace = run.finished.await;
            assert!(trace.cancelled, "{what}");
            let recorded = recorded.get().expect("the cancel came first");
            let after: Vec<_> = trace.events[recorded..]
                .iter()
                .filter(|e| !matches!(e.kind, EventKind::LongTask { .. }))
                .collect();
            assert!(
                after.is_empty(),
                "{what}: events after the cancel: {after:?}"
            );
            let ended = trace.events.iter().any(|e| {
                matches!(
                    e.kind,
                    EventKind::TaskEnd { .. } | EventKind::TimerFired { .. }
                )
            });
            assert!(!ended, "{what}: a wait ended before the cancel");
            // A callback scheduled before the cancel runs at the next turn and must do nothing; a
            // timer still armed is one the cancel failed to clear.
            sleep(1).await;
            assert_eq!(armed_timeouts(), 0, "{what}: timeouts left armed");
            let recorded = run.handle.trace().events.len();
            // Had a timer survived, it would have fired by now and recorded the rest of its task.
            sleep(250).await;
            let late = run.handle.trace().events.split_off(recorded);
            assert!(late.is_empty(), "{what}: events after the cancel: {late:?}");
        }
    }
    // The page is free to run again.
    let again = start_in_way(five_waits(), Mode::Gather, Way::Callbacks).expect("free again");
    again.handle.cancel();
    again.finished.await;
}

#[wasm_bindgen_test]
async fn a_way_that_does_not_apply_to_the_mode_runs_with_async_await() {
    let recipe = five_waits();
    for way in OTHER_WAYS {
        // Blocking: plain functions, called one after another.
        let trace = run_in(&recipe, Mode::Blocking, way).await;
        let called = trace
            .events
            .iter()
            .filter(|e| {
                matches!(
                    e.kind,
                    EventKind::TaskStart {
                        how: Start::Called,
                        ..
                    }
                )
            })
            .count();
        assert_eq!(called, 5, "blocking written as {}", way.id());
        // Never awaited: nothing runs.
        let trace = run_in(&recipe, Mode::NeverAwaited, way).await;
        assert!(
            !trace
                .events
                .iter()
                .any(|e| matches!(e.kind, EventKind::TaskStart { .. })),
            "never awaited written as {}",
            way.id()
        );
    }
}
