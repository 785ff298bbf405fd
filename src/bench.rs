//! The bench's hooks into the built page: runs that `cargo xtask bench` starts from JavaScript.
//!
//! They are compiled only with the `bench` feature: `cargo xtask bench` and the tests that call them
//! build the release site a second time with it, into `target/dist-bench/`, while `dist/` (what a
//! learner downloads, and what the bench's sizes and start-up are measured on) goes without them,
//! since they weigh about 10 KB of gzipped wasm. They use the same runtime and model as the
//! page (nothing here is bench-only arithmetic beyond picking the recipe) and return JSON, which the
//! bench's script collects. This module must not touch the page's components or state: a bench run
//! is refused while the page runs something, exactly as a second run of the page would be.

use serde::Serialize;
use wasm_bindgen::prelude::wasm_bindgen;

use crate::model::cooks::Cooks;
use crate::model::export::to_json;
use crate::model::fidelity::{Fidelity, fidelity};
use crate::model::predict::predict;
use crate::model::{Mode, Way, lesson};
use crate::runtime::{
    Run, RunError, Tracing, cooks, start_in_way, start_on_cooks, start_with, timeouts_created,
};

/// One lesson's run at its default scale, compared with its prediction.
#[derive(Serialize)]
struct LessonRun {
    lesson: &'static str,
    mode: &'static str,
    /// How the tasks were written: `async`, `callbacks` or `state-machine`.
    way: &'static str,
    scale_ms: f64,
    /// Why the run was refused (a blocking run over the freeze limit), if it was.
    refused: Option<String>,
    fidelity: Option<Fidelity>,
    /// The step the page's clock moves by, in milliseconds: lateness below it is noise.
    clock_step_ms: f64,
}

/// One gather of many equal waits.
#[derive(Serialize)]
struct GatherRun {
    tasks: u32,
    wait_ms: u32,
    traced: bool,
    total_ms: f64,
    /// How many browser timeouts the run armed: one per distinct deadline.
    timeouts: u64,
}

/// Runs the lesson `id` in the mode `mode` (an id such as `gather`) at the lesson's own scale, traced
/// as the page traces it, and resolves to a JSON [`LessonRun`].
#[wasm_bindgen(js_name = benchLesson)]
pub async fn bench_lesson(id: String, mode: String) -> Result<String, String> {
    lesson_run(&id, &mode, Way::Async, |recipe, mode| {
        start_with(recipe, mode, Tracing::On)
    })
    .await
}

/// Runs the lesson `id` in the mode `mode` with its tasks written `way` (`callbacks`,
/// `state-machine` or `async`), as the page runs a way, and resolves to a JSON [`LessonRun`]: the
/// three ways' totals, side by side in the bench, are the same program's.
#[wasm_bindgen(js_name = benchWay)]
pub async fn bench_way(id: String, mode: String, way: String) -> Result<String, String> {
    let way = Way::from_id(&way).ok_or_else(|| format!("no way {way:?}"))?;
    lesson_run(&id, &mode, way, move |recipe, mode| {
        start_in_way(recipe, mode, way)
    })
    .await
}

/// Runs the lesson `id` in `mode` with `start`, and compares the run with its prediction.
async fn lesson_run(
    id: &str,
    mode: &str,
    way: Way,
    start: impl FnOnce(crate::model::Recipe, Mode) -> Result<Run, RunError>,
) -> Result<String, String> {
    let lesson = lesson::by_id(id).ok_or_else(|| format!("no lesson {id:?}"))?;
    let mode = Mode::from_id(mode).ok_or_else(|| format!("no mode {mode:?}"))?;
    let recipe = lesson.recipe;
    let mut result = LessonRun {
        lesson: lesson.id,
        mode: mode.id(),
        way: way.id(),
        scale_ms: recipe.scale_ms,
        refused: None,
        fidelity: None,
        clock_step_ms: crate::runtime::clock::step(),
    };
    match start(recipe.clone(), mode) {
        Ok(run) => {
            let measured = run.finished.await;
            let predicted = predict(&recipe, mode);
            result.fidelity = Some(fidelity(&recipe, mode, &predicted, &measured));
        }
        Err(e) => result.refused = Some(e.to_string()),
    }
    Ok(to_json(&result, false))
}

/// Runs the ten-thousand-timers lesson with `tasks` copies of its task, each waiting `wait_ms`, in
/// gather mode, traced or not, and resolves to a JSON [`GatherRun`].
#[wasm_bindgen(js_name = benchGather)]
pub async fn bench_gather(tasks: u32, wait_ms: u32, traced: bool) -> Result<String, String> {
    let mut recipe = lesson::by_id("ten-thousand-timers")
        .ok_or("the ten-thousand-timers lesson is missing")?
        .recipe;
    recipe.scale_ms = 1.0;
    recipe.tasks[0].copies = tasks;
    recipe.tasks[0].steps[0].action = crate::model::Action::Wait(wait_ms);
    let tracing = if traced { Tracing::On } else { Tracing::Off };
    let before = timeouts_created();
    let run = start_with(recipe, Mode::Gather, tracing).map_err(|e| e.to_string())?;
    let trace = run.finished.await;
    let result = GatherRun {
        tasks,
        wait_ms,
        traced,
        total_ms: trace.end,
        timeouts: timeouts_created() - before,
    };
    Ok(to_json(&result, false))
}

/// One lesson run on cooks.
#[derive(Serialize)]
struct CooksRun {
    lesson: &'static str,
    cooks: usize,
    /// How many of the cooks were started before the run.
    warm: usize,
    total_ms: f64,
    predicted_ms: f64,
}

/// Runs the lesson `id` in the processes mode on `count` cooks (the pool as the page left it) and
/// resolves to a JSON [`CooksRun`].
#[wasm_bindgen(js_name = benchCooks)]
pub async fn bench_cooks(id: String, count: usize) -> Result<String, String> {
    let lesson = lesson::by_id(&id).ok_or_else(|| format!("no lesson {id:?}"))?;
    // The cooks' work is as fast as the page measured this machine to be: measured in full first,
    // as choosing the mode does, lest a speed-up count cooks that do less work than blocking.
    cooks::prepare().await;
    let warm = cooks::warm().min(count);
    let run = start_on_cooks(lesson.recipe.clone(), count).map_err(|e| e.to_string())?;
    let handle = run.handle.clone();
    let trace = run.finished.await;
    if let Some(why) = handle.failure() {
        return Err(why);
    }
    let plan = Cooks {
        warm,
        ..Cooks::new(count).on_cores(crate::web::cores())
    };
    let predicted = crate::model::predict::predict_with(&lesson.recipe, Mode::Processes, plan);
    Ok(to_json(
        &CooksRun {
            lesson: lesson.id,
            cooks: count,
            warm,
            total_ms: trace.end,
            predicted_ms: predicted.end,
        },
        false,
    ))
}

/// Starts `times` cooks one after another, each from an empty pool, and resolves to a JSON list of
/// how long each took to be ready, in milliseconds; the pool is left empty.
#[wasm_bindgen(js_name = benchCookStartup)]
pub async fn bench_cook_startup(times: usize) -> Result<String, String> {
    let mut took = Vec::with_capacity(times);
    for _ in 0..times {
        cooks::terminate();
        took.push(cooks::start_one_more().await?);
    }
    cooks::terminate();
    Ok(to_json(&took, false))
}

/// Starts a cook if none is ready, pings it `times` times and resolves to a JSON list of the round
/// trips, in milliseconds.
#[wasm_bindgen(js_name = benchCookPing)]
pub async fn bench_cook_ping(times: usize) -> Result<String, String> {
    if cooks::warm() == 0 {
        cooks::start_one_more().await?;
    }
    Ok(to_json(&cooks::ping(times).await?, false))
}

/// Asks the pool's first cook to fail, so that a test sees how the page reports it.
#[wasm_bindgen(js_name = benchCookFault)]
pub fn bench_cook_fault() {
    cooks::fault(0);
}

/// One lesson run on threads, and what its trace shows of the GIL.
#[derive(Serialize)]
struct ThreadsRun {
    lesson: &'static str,
    threads: usize,
    free_threaded: bool,
    /// How many of the threads' workers were started before the run.
    warm: usize,
    total_ms: f64,
    predicted_ms: f64,
    /// Each task's stretches holding the GIL (free-threaded: running Python), as `[from, to]`.
    running: Vec<Vec<(f64, f64)>>,
    /// Each task's stretches asleep, without the GIL.
    sleeping: Vec<Vec<(f64, f64)>>,
    /// How many times the GIL went from one thread to another.
    handovers: usize,
    /// From a thread's release to the next thread's take, each time the GIL changed hands, in
    /// milliseconds, sorted.
    handover_ms: Vec<f64>,
}

/// Runs the lesson `id` in the threads mode on `count` threads (the pool as the page left it),
/// with the GIL or `free_threaded`, and resolves to a JSON [`ThreadsRun`].
#[wasm_bindgen(js_name = benchThreads)]
pub async fn bench_threads(
    id: String,
    count: usize,
    free_threaded: bool,
) -> Result<String, String> {
    use crate::model::gil::{Gil, run as simulate};
    use crate::model::timeline::{State, Timeline};
    use crate::model::{EventKind, sort::sort_stable_by};
    let lesson = lesson::by_id(&id).ok_or_else(|| format!("no lesson {id:?}"))?;
    cooks::prepare().await;
    let warm = cooks::warm().min(count);
    let run = crate::runtime::start_on_threads(lesson.recipe.clone(), count, free_threaded)
        .map_err(|e| e.to_string())?;
    let handle = run.handle.clone();
    let trace = run.finished.await;
    if let Some(why) = handle.failure() {
        return Err(why);
    }
    let gil = Gil {
        warm,
        ..Gil::on(Cooks::new(count).on_cores(crate::web::cores()))
    };
    let predicted = simulate(&lesson.recipe, gil.free(free_threaded));
    let timeline = Timeline::from_trace(&lesson.recipe, &trace);
    let stretches = |state: State| -> Vec<Vec<(f64, f64)>> {
        timeline
            .lanes
            .iter()
            .map(|lane| {
                lane.segments
                    .iter()
                    .filter(|s| s.state == state)
                    .map(|s| (s.start, s.end))
                    .collect()
            })
            .collect()
    };
    // A hand-over: a release, then a take by another thread that was already waiting for it.
    let mut released: Option<(usize, f64)> = None;
    let mut wanted: Vec<Option<f64>> = vec![None; timeline.lanes.len()];
    let mut handover_ms = Vec::new();
    for event in &trace.events {
        match event.kind {
            EventKind::GilWanted { task } if task < wanted.len() => wanted[task] = Some(event.at),
            EventKind::GilReleased { task } => released = Some((task, event.at)),
            EventKind::GilTaken { task } if task < wanted.len() => {
                if let (Some((from, at)), Some(since)) = (released.take(), wanted[task].take())
                    && from != task
                    && since <= at
                {
                    handover_ms.push(event.at - at);
                }
            }
            _ => {}
        }
    }
    sort_stable_by(&mut handover_ms, |a, b| a < b);
    Ok(to_json(
        &ThreadsRun {
            lesson: lesson.id,
            threads: count,
            free_threaded,
            warm,
            total_ms: trace.end,
            predicted_ms: predicted.end,
            running: stretches(State::Running),
            sleeping: stretches(State::Waiting),
            handovers: handover_ms.len(),
            handover_ms,
        },
        false,
    ))
}
