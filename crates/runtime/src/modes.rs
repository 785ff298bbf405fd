//! The executor code of every mode: how `main` drives the tasks, for real.
//!
//! Concurrency here comes only from the executor (`join_all`, `spawn_local`) and timers; blocking
//! comes only from busy-waits that really hold the thread. Nothing is simulated.

use std::rc::Rc;

use futures::FutureExt;
use futures::channel::oneshot;
use futures::future::{AbortHandle, Abortable, LocalBoxFuture, join_all, poll_fn};

use super::clock::Held;
use super::interpret::{Ctx, run_blocking};
use super::traced::Traced;
use kitchen_model::{EventKind, Mode, Routine, Start};

/// Aborts spawned tasks when dropped, so that cancelling a spawn run stops them and clears their timers.
struct AbortOnDrop(Vec<AbortHandle>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.iter().for_each(AbortHandle::abort);
    }
}

/// Runs every instance of the recipe in `mode`, each task's future made by `write`; returns when
/// `main` would, or why the run could not go on. The processes mode is not driven here:
/// `run::start_on_cooks` drives it on the cooks, so that the page's first look holds none of their
/// code.
///
/// `write` is how a task is written: `interpret::run_async` (async/await) for every run the page
/// starts with `run::start`, or the state machine way's hand-written futures (`ways::machine`),
/// which `run::start_in_way` alone passes. It is a type parameter rather than a function pointer,
/// so that the async run's copy of this function is the one it always was, and the state
/// machine's copy is reachable from that one entry only (the page's chunk of its own).
pub async fn drive<W>(ctx: &Rc<Ctx>, mode: Mode, write: W) -> Result<(), String>
where
    W: for<'c> Fn(&'c Ctx, usize, Routine, bool) -> LocalBoxFuture<'c, ()> + Copy + 'static,
{
    // Events number instances (copies of tasks); the code they run is their task's.
    let instances = ctx.recipe.instances();
    let rec = &ctx.recorder;
    // Untraced, the wrapper only passes polls through: one kind of future either way, no extra box.
    let traced = |task: usize, blocking_waits: bool| -> Traced<'_> {
        let routine = Routine::Task(instances[task].task);
        Traced::new(task, rec.clone(), write(ctx, task, routine, blocking_waits))
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
            {
                // Scheduling is bookkeeping only: these facts share clock readings.
                let _held = Held::start();
                (0..futures.len()).for_each(scheduled);
            }
            let mut all = join_all(futures);
            poll_fn(|cx| {
                // Between its tasks' polls `join_all` only does bookkeeping, so the facts of every
                // task it polls in one go share clock readings (see `clock`).
                let _held = Held::start();
                all.poll_unpin(cx)
            })
            .await;
        }
        Mode::Spawn => {
            let mut done = Vec::new();
            let mut spawned = AbortOnDrop(Vec::new());
            for (task, instance) in instances.iter().enumerate() {
                let (tx, rx) = oneshot::channel::<()>();
                let (abort, registration) = AbortHandle::new_pair();
                let ctx = Rc::clone(ctx);
                let routine = Routine::Task(instance.task);
                scheduled(task);
                let body = async move {
                    let run = write(&ctx, task, routine, false);
                    Traced::new(task, ctx.recorder.clone(), run).await;
                    let _ = tx.send(());
                };
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = Abortable::new(body, registration).await;
                });
                spawned.0.push(abort);
                done.push(rx);
            }
            for rx in done {
                let _ = rx.await;
            }
        }
        Mode::Processes => {
            return Err("the processes mode runs on cooks, which start_on_cooks starts".to_owned());
        }
        Mode::Threads | Mode::FreeThreaded => {
            return Err(
                "the threads mode runs on workers, which start_on_threads starts".to_owned(),
            );
        }
        Mode::NeverAwaited => {
            // Creating the futures runs none of their code: Rust futures are lazy and, like a
            // coroutine object in Python, do nothing until something awaits them.
            let futures: Vec<_> = (0..instances.len()).map(|t| traced(t, false)).collect();
            drop(futures);
        }
    }
    Ok(())
}
