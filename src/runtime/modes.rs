//! The executor code of every mode: how `main` drives the tasks, for real.
//!
//! Concurrency here comes only from the executor (`join_all`, `spawn_local`) and timers; blocking
//! comes only from busy-waits that really hold the thread. Nothing is simulated.

use std::rc::Rc;

use futures::channel::oneshot;
use futures::future::join_all;

use super::frames::{Heartbeat, next_frame};
use super::interpret::{Ctx, run_async, run_blocking};
use super::recorder::Recorder;
use super::traced::Traced;
use crate::model::{EventKind, Mode, Recipe, Routine, Start, Trace};

/// The longest the page waits for a frame before and after a run.
const FRAME_LIMIT_MS: u32 = 100;

/// Runs `recipe` in `mode` on this page's thread and returns what was recorded.
///
/// Before the run it lets the page draw two frames: the first one paints whatever the page announced
/// ("the page will freeze…") before the thread is taken, and the second gives the heartbeat a frame
/// just before time zero, so a freeze at the very start of the run is measured from there. After the
/// run it waits for one more frame so that the heartbeat shows where the last freeze ended.
pub async fn run(recipe: Recipe, mode: Mode) -> Trace {
    let recorder = Recorder::new();
    let heartbeat = Heartbeat::start(recorder.clone());
    next_frame(FRAME_LIMIT_MS).await;
    next_frame(FRAME_LIMIT_MS).await;
    let ctx = Rc::new(Ctx {
        recipe,
        recorder: recorder.clone(),
    });
    let origin = recorder.elapsed();
    drive(&ctx, mode).await;
    recorder.finish();
    next_frame(FRAME_LIMIT_MS).await;
    drop(heartbeat);
    rebase(recorder.trace(), origin)
}

/// Shifts a trace so that time zero is the moment `main` started.
fn rebase(mut trace: Trace, origin: f64) -> Trace {
    for event in &mut trace.events {
        event.at -= origin;
        if let EventKind::TimerArmed { due, .. } = &mut event.kind {
            *due -= origin;
        }
    }
    trace.end -= origin;
    trace
}

async fn drive(ctx: &Rc<Ctx>, mode: Mode) {
    // Events number instances (copies of tasks); the code they run is their task's.
    let instances = ctx.recipe.instances();
    let rec = &ctx.recorder;
    let traced = |task: usize, blocking_waits: bool| {
        let routine = Routine::Task(instances[task].task);
        Traced::new(
            task,
            rec.clone(),
            run_async(ctx, task, routine, blocking_waits),
        )
    };
    let scheduled = |task: usize| {
        rec.record(EventKind::TaskStart {
            task,
            how: Start::Scheduled,
        });
    };
    match mode {
        Mode::Blocking => {
            for (task, instance) in instances.iter().enumerate() {
                rec.record(EventKind::TaskStart {
                    task,
                    how: Start::Called,
                });
                run_blocking(ctx, task, Routine::Task(instance.task));
                rec.record(EventKind::TaskEnd { task });
            }
        }
        Mode::Sequential => {
            for task in 0..instances.len() {
                scheduled(task);
                traced(task, false).await;
            }
        }
        Mode::Gather | Mode::BlockingInAsync => {
            let blocking_waits = mode == Mode::BlockingInAsync;
            let futures: Vec<_> = (0..instances.len())
                .map(|t| traced(t, blocking_waits))
                .collect();
            (0..futures.len()).for_each(scheduled);
            join_all(futures).await;
        }
        Mode::Spawn => {
            let mut done = Vec::new();
            for (task, instance) in instances.iter().enumerate() {
                let (tx, rx) = oneshot::channel::<()>();
                let ctx = Rc::clone(ctx);
                let routine = Routine::Task(instance.task);
                scheduled(task);
                wasm_bindgen_futures::spawn_local(async move {
                    let rec = ctx.recorder.clone();
                    Traced::new(task, rec, run_async(&ctx, task, routine, false)).await;
                    let _ = tx.send(());
                });
                done.push(rx);
            }
            for rx in done {
                let _ = rx.await;
            }
        }
        Mode::NeverAwaited => {
            // Creating the futures runs none of their code: Rust futures are lazy and, like a
            // coroutine object in Python, do nothing until something awaits them.
            let futures: Vec<_> = (0..instances.len()).map(|t| traced(t, false)).collect();
            drop(futures);
        }
    }
}
