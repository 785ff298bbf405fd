//! Browser tests: learners' Python programs, read by the model and run for real by the runtime's
//! asyncio-ordered executor, print what the model's run of asyncio prints (which the CPython step
//! holds to CPython), in the same order, warn and fail alike and cancel as many tasks. Each run is
//! held to its order and to a lower bound on its time, never to how fast it went.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use async_kitchen::model::cooks::job::JobStep;
use async_kitchen::model::python::drawn::{Drawn, REPLAY_MODE, draw};
use async_kitchen::model::python::{Form, asyncio, read};
use async_kitchen::model::replay::check;
use async_kitchen::model::rust;
use async_kitchen::model::{EventKind, Trace};
use async_kitchen::runtime::program::{Job, News, Outcome, run_program};
use async_kitchen::runtime::{Recorder, now};
use futures::StreamExt;
use futures::channel::mpsc::{UnboundedReceiver, UnboundedSender};
use futures::future::LocalBoxFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Real milliseconds per program second: the tutorials' 3 s in 60 ms, their steps at least 10 ms
/// apart, far more than a timer's lateness on a loaded machine can swap.
const SCALE: f64 = 20.0;

/// Corpus programs, each with the form its header gives.
const PROGRAMS: &[(&str, &str)] = &[
    (
        "t000_test_async",
        include_str!("../crates/model/src/python/corpus/t000_test_async.py"),
    ),
    (
        "t000_test_noasync",
        include_str!("../crates/model/src/python/corpus/t000_test_noasync.py"),
    ),
    (
        "t001_sleep_and_print_async_bug",
        include_str!("../crates/model/src/python/corpus/t001_sleep_and_print_async_bug.py"),
    ),
    (
        "t001_sleep_and_print_async_fixed",
        include_str!("../crates/model/src/python/corpus/t001_sleep_and_print_async_fixed.py"),
    ),
    (
        "t002_count_async",
        include_str!("../crates/model/src/python/corpus/t002_count_async.py"),
    ),
    (
        "t002_count_async_script",
        include_str!("../crates/model/src/python/corpus/t002_count_async_script.py"),
    ),
    (
        "t002_count_sync",
        include_str!("../crates/model/src/python/corpus/t002_count_sync.py"),
    ),
    (
        "t003_red_blue_green_async",
        include_str!("../crates/model/src/python/corpus/t003_red_blue_green_async.py"),
    ),
    (
        "t003_fruit_shop",
        include_str!("../crates/model/src/python/corpus/t003_fruit_shop.py"),
    ),
    (
        "p_sleep0_interleave",
        include_str!("../crates/model/src/python/corpus/p_sleep0_interleave.py"),
    ),
    (
        "p_taskgroup",
        include_str!("../crates/model/src/python/corpus/p_taskgroup.py"),
    ),
    (
        "p_unawaited_gather_script",
        include_str!("../crates/model/src/python/corpus/p_unawaited_gather_script.py"),
    ),
    (
        "p_time_sleep_in_coroutine",
        include_str!("../crates/model/src/python/corpus/p_time_sleep_in_coroutine.py"),
    ),
    (
        "p_work_busy_loop",
        include_str!("../crates/model/src/python/corpus/p_work_busy_loop.py"),
    ),
    (
        "p_timer_while_busy",
        include_str!("../crates/model/src/python/corpus/p_timer_while_busy.py"),
    ),
    (
        "p_await_out_of_order",
        include_str!("../crates/model/src/python/corpus/p_await_out_of_order.py"),
    ),
];

#[wasm_bindgen_test]
async fn programs_run_for_real_print_what_asyncio_prints() {
    for (name, source) in PROGRAMS {
        let form = if source.starts_with("# corpus: notebook") {
            Form::Notebook
        } else {
            Form::Script
        };
        let program = read(source, Some(form)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let drawn = draw(&program, source, SCALE);
        // The replay's ready queue in asyncio's order, which `check::consistent` holds.
        runs_as_the_model_says(name, program, drawn, SCALE, check::consistent).await;
    }
}

/// Real milliseconds per second of a Rust program: the Rust corpus waits in milliseconds (a
/// 100 ms wait is 20 ms here), so that its steps stay further apart than a timer's lateness.
const RUST_SCALE: f64 = 200.0;

/// The Rust corpus's programs that run (the one rustc refuses is the reader's tests').
const RUST_PROGRAMS: &[(&str, &str)] = &[
    (
        "r_blocking_sleep_pitfall",
        include_str!("../crates/model/src/rust/corpus/r_blocking_sleep_pitfall.rs"),
    ),
    (
        "r_future_never_awaited",
        include_str!("../crates/model/src/rust/corpus/r_future_never_awaited.rs"),
    ),
    (
        "r_futures_join",
        include_str!("../crates/model/src/rust/corpus/r_futures_join.rs"),
    ),
    (
        "r_gloo_timers",
        include_str!("../crates/model/src/rust/corpus/r_gloo_timers.rs"),
    ),
    (
        "r_instant_elapsed",
        include_str!("../crates/model/src/rust/corpus/r_instant_elapsed.rs"),
    ),
    (
        "r_join_all_vec",
        include_str!("../crates/model/src/rust/corpus/r_join_all_vec.rs"),
    ),
    (
        "r_join_macros_yield",
        include_str!("../crates/model/src/rust/corpus/r_join_macros_yield.rs"),
    ),
    (
        "r_join_spawned_handle",
        include_str!("../crates/model/src/rust/corpus/r_join_spawned_handle.rs"),
    ),
    (
        "r_join_of_joins",
        include_str!("../crates/model/src/rust/corpus/r_join_of_joins.rs"),
    ),
    (
        "r_same_instant_timers",
        include_str!("../crates/model/src/rust/corpus/r_same_instant_timers.rs"),
    ),
    (
        "r_sequential_awaits",
        include_str!("../crates/model/src/rust/corpus/r_sequential_awaits.rs"),
    ),
    (
        "r_sleep_loop_elapsed",
        include_str!("../crates/model/src/rust/corpus/r_sleep_loop_elapsed.rs"),
    ),
    (
        "r_spawn_dropped_main_ends",
        include_str!("../crates/model/src/rust/corpus/r_spawn_dropped_main_ends.rs"),
    ),
    (
        "r_spawn_local_two",
        include_str!("../crates/model/src/rust/corpus/r_spawn_local_two.rs"),
    ),
    (
        "r_timer_while_busy",
        include_str!("../crates/model/src/rust/corpus/r_timer_while_busy.rs"),
    ),
    (
        "r_tokio_join_three",
        include_str!("../crates/model/src/rust/corpus/r_tokio_join_three.rs"),
    ),
    (
        "r_tokio_spawn_await_out_of_order",
        include_str!("../crates/model/src/rust/corpus/r_tokio_spawn_await_out_of_order.rs"),
    ),
    (
        "r_trpl_await_handle",
        include_str!("../crates/model/src/rust/corpus/r_trpl_await_handle.rs"),
    ),
    (
        "r_trpl_first_example",
        include_str!("../crates/model/src/rust/corpus/r_trpl_first_example.rs"),
    ),
    (
        "r_trpl_join_two_loops",
        include_str!("../crates/model/src/rust/corpus/r_trpl_join_two_loops.rs"),
    ),
    (
        "r_work_in_join",
        include_str!("../crates/model/src/rust/corpus/r_work_in_join.rs"),
    ),
    (
        "r_yield_now_interleave",
        include_str!("../crates/model/src/rust/corpus/r_yield_now_interleave.rs"),
    ),
];

/// A program read from Rust runs for real by Tokio's rules (the top first, its joins polled in
/// its own poll, yields after the timers, `block_on` returning at once), as the model's run does,
/// which the Tokio step holds to Tokio's current-thread runtime.
#[wasm_bindgen_test]
async fn rust_programs_run_for_real_print_what_tokio_prints() {
    for (name, source) in RUST_PROGRAMS {
        let program = rust::read(source).unwrap_or_else(|e| panic!("{name}: {e}"));
        let drawn = draw(&program, source, RUST_SCALE);
        // The loop panel's replay of the real run, its ready queue in the order it was polled.
        let consistent = check::consistent_in_recorded_order;
        runs_as_the_model_says(name, program, drawn, RUST_SCALE, consistent).await;
    }
}

#[wasm_bindgen_test]
async fn a_run_prints_the_clock_values_it_reads_in_the_programs_seconds() {
    let source = "import asyncio\nimport time\n\nasync def main():\n    t0 = time.perf_counter()\n    await asyncio.sleep(2)\n    print(f\"{time.perf_counter() - t0:.1f}\")\n\nasyncio.run(main())\n";
    let program = read(source, None).expect("the program reads");
    let drawn = draw(&program, source, SCALE);
    let real = traced_run(program, drawn).await.0.expect("it runs");
    // Two of the program's seconds (40 ms of real time), read on the run's clock: no less, and
    // no more than the whole run took, in the program's seconds.
    let shown: f64 = real.text.trim().parse().expect("a number of seconds");
    let longest = real.total_ms / SCALE + 0.05;
    assert!(
        (1.95..=longest).contains(&shown),
        "printed {shown}, the run took {} ms",
        real.total_ms
    );
}

#[wasm_bindgen_test]
async fn worker_processes_end_through_the_loop_in_asyncios_order() {
    // The page's cooks are Web Workers, which these tests cannot load (the end-to-end tests run
    // them): here each job is carried out on the page's own loop by a pool that waits out its
    // holds on timers, so that the jobs overlap as on cooks. What is held is the loop's side: the
    // jobs handed out, the futures completed from the loop's callbacks, the prints in the order the
    // model gives, each lane's steps.
    for (name, source) in [
        (
            "p_process_pool_work",
            include_str!("../crates/model/src/python/corpus/p_process_pool_work.py"),
        ),
        (
            "p_process_pool_queue",
            include_str!("../crates/model/src/python/corpus/p_process_pool_queue.py"),
        ),
    ] {
        let program = read(source, None).unwrap_or_else(|e| panic!("{name}: {e}"));
        let drawn = draw(&program, source, PROCESS_SCALE);
        let (model, predicted) = asyncio::predict(&program, &drawn);
        let recorder = Recorder::new();
        recorder.set_origin();
        let real = run_program(
            Rc::new(program),
            Rc::new(drawn.clone()),
            recorder.clone(),
            Some(pool_on_timers),
        )
        .await
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        recorder.finish(false);
        let trace = recorder.trace();
        assert_eq!(
            facts(&trace),
            facts(&predicted),
            "{name}: who printed each line, and each lane's steps in order"
        );
        check::consistent(&drawn.recipe, REPLAY_MODE, &trace).unwrap_or_else(|e| {
            let events: Vec<String> = trace
                .events
                .iter()
                .map(|e| format!("{:.3} {:?}", e.at, e.kind))
                .collect();
            panic!("{name}: {e}\n{}", events.join("\n"))
        });
        assert_eq!(real.lines, model.lines, "{name}: the lines and their order");
        let least = model.total * PROCESS_SCALE - 1.0;
        assert!(real.total_ms >= least, "{name}: took {} ms", real.total_ms);
    }
}

/// Real milliseconds per program second for the worker processes' test: its jobs end 0.2 s
/// apart, 20 ms here, which a late timer on a loaded machine does not swap.
const PROCESS_SCALE: f64 = 100.0;

#[wasm_bindgen_test]
async fn worker_processes_with_no_pool_are_refused_in_words() {
    let source = include_str!("../crates/model/src/python/corpus/p_process_pool_work.py");
    let program = read(source, None).expect("it reads");
    let drawn = draw(&program, source, SCALE);
    let refused = traced_run(program, drawn)
        .await
        .0
        .expect_err("no pool, no run");
    assert!(refused.contains("cooks"), "{refused}");
}

/// A pool of `count` "cooks" on the page's own loop: each job goes to the lowest-numbered free one
/// (the rest wait their turn, in order, as `ProcessPoolExecutor`'s do), its holds are timers and
/// its facts are recorded as a cook records them (`runtime::cooks::process`).
fn pool_on_timers(
    recorder: Recorder,
    count: usize,
    jobs: UnboundedReceiver<Job>,
    news: UnboundedSender<News>,
) -> LocalBoxFuture<'static, ()> {
    enum Came {
        Job(Job),
        Over,
        Freed(usize),
    }
    Box::pin(async move {
        let (freed, heard) = futures::channel::mpsc::unbounded();
        let jobs = jobs
            .map(Came::Job)
            .chain(futures::stream::iter([Came::Over]));
        let mut came = futures::stream::select(jobs, heard.map(Came::Freed));
        let mut over = false;
        let mut idle: Vec<bool> = vec![true; count];
        let mut queue = std::collections::VecDeque::new();
        while let Some(next) = came.next().await {
            match next {
                Came::Job(job) => queue.push_back(job),
                Came::Over => over = true,
                Came::Freed(cook) => idle[cook] = true,
            }
            if over && queue.is_empty() && idle.iter().all(|&i| i) {
                return;
            }
            while let Some(cook) = idle.iter().position(|&i| i) {
                let Some(job) = queue.pop_front() else {
                    break;
                };
                idle[cook] = false;
                let (rec, news, freed) = (recorder.clone(), news.clone(), freed.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    carry_out(rec, job, cook, news).await;
                    let _ = freed.unbounded_send(cook);
                });
            }
        }
    })
}

async fn carry_out(rec: Recorder, job: Job, cook: usize, news: UnboundedSender<News>) {
    let task = job.lane;
    // The facts of one moment share a clock reading, as a cook's do (`runtime::cooks::process`).
    let mut at = now();
    rec.record_at(at, EventKind::Sent { task, cook });
    rec.record_at(at, EventKind::PollStart { task });
    let mut open = String::new();
    for step in job.steps {
        match step {
            JobStep::Start(step, activity) => rec.record_at(
                at,
                EventKind::StepStart {
                    task,
                    step,
                    activity,
                },
            ),
            JobStep::End(step) => rec.record_at(at, EventKind::StepEnd { task, step }),
            JobStep::Hold(_, ms) => {
                gloo_timers::future::TimeoutFuture::new(ms.ceil() as u32).await;
                at = now();
            }
            JobStep::Print(text) => {
                open.push_str(&text);
                while let Some(end) = open.find('\n') {
                    let line: String = open.drain(..=end).collect();
                    let line = line.trim_end_matches('\n').to_owned();
                    rec.record_at(
                        at,
                        EventKind::Print {
                            task,
                            text: line.clone(),
                        },
                    );
                    let _ = news.unbounded_send(News::Printed(line));
                }
            }
        }
    }
    rec.record_at(at, EventKind::PollEnd { task, ready: true });
    rec.record_at(at, EventKind::TaskEnd { task });
    let _ = news.unbounded_send(News::Done(job.task));
}

/// Runs `program` for real, recording its facts.
/// Runs `program`, drawn as `drawn` at `scale` real ms a program second, for real, and holds
/// the run to the model's: the trace says what the console says, lane by lane; the replay's
/// properties hold on it (`consistent`, in the order its rules give); the lines and their order,
/// the exception and the tasks cancelled (or dropped with the runtime) are the model's; and the
/// run takes at least the model's time (waits end no earlier than asked, work holds the thread
/// its whole length), less a millisecond of the clock's rounding.
async fn runs_as_the_model_says(
    name: &str,
    program: async_kitchen::model::python::program::Program,
    drawn: Drawn,
    scale: f64,
    consistent: fn(
        &async_kitchen::model::Recipe,
        async_kitchen::model::Mode,
        &Trace,
    ) -> Result<(), String>,
) {
    let (model, predicted) = asyncio::predict(&program, &drawn);
    let (real, trace) = traced_run(program, drawn.clone()).await;
    let real = real.unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(
        facts(&trace),
        facts(&predicted),
        "{name}: who printed each line, and each lane's steps in order"
    );
    consistent(&drawn.recipe, REPLAY_MODE, &trace).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(real.lines, model.lines, "{name}: the lines and their order");
    assert_eq!(real.error, model.error, "{name}: the exception");
    assert_eq!(
        real.cancelled, model.cancelled,
        "{name}: the tasks cancelled or dropped with the runtime"
    );
    let least = model.total * scale - 1.0;
    assert!(
        real.total_ms >= least,
        "{name}: took {} ms, less than the {least} ms its steps need",
        real.total_ms
    );
}

async fn traced_run(
    program: async_kitchen::model::python::program::Program,
    drawn: Drawn,
) -> (Result<Outcome, String>, Trace) {
    let recorder = Recorder::new();
    recorder.set_origin();
    let outcome = run_program(Rc::new(program), Rc::new(drawn), recorder.clone(), None).await;
    recorder.finish(false);
    (outcome, recorder.trace())
}

/// What no machine's load changes in a trace: the lane of each printed line, in order, and each
/// lane's steps, in order.
fn facts(trace: &Trace) -> (Vec<usize>, Vec<Vec<String>>) {
    let mut printed = Vec::new();
    let mut steps: Vec<Vec<String>> = Vec::new();
    for event in &trace.events {
        match &event.kind {
            EventKind::Print { task, .. } => printed.push(*task),
            EventKind::StepStart { task, step, .. } => {
                if steps.len() <= *task {
                    steps.resize(*task + 1, Vec::new());
                }
                steps[*task].push(format!("{step:?}"));
            }
            _ => {}
        }
    }
    (printed, steps)
}
