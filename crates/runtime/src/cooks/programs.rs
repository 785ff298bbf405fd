//! A learner's program's worker processes on the page's cooks: the pool behind its
//! `ProcessPoolExecutor`, as the page's side of `run_in_executor`.
//!
//! The program's loop (`program::executor`) hands each process over as a job when its
//! `run_in_executor` call runs; the jobs wait in order and each goes to the first cook free, as a
//! `ProcessPoolExecutor` hands work to its processes, with no more cooks than the executor's
//! `max_workers`. The page starts the cooks before the run begins (`cooks::ready` says why); one
//! missing is started here, as a processes run starts its cooks. They are kept for the next run,
//! and all stopped if the run is cancelled with a process still running (a process cannot be
//! stopped mid-step otherwise). Every fact a cook reports is recorded on the page's clock; what became of
//! each process goes back to the loop as [`News`].

use std::collections::VecDeque;

use futures::channel::mpsc::{self, UnboundedReceiver, UnboundedSender};
use futures::future::LocalBoxFuture;
use futures::{StreamExt, stream};
use wasm_bindgen::JsValue;

use super::dispatch::{Guard, cooks, rate};
use super::pool::{self, Heard};
use crate::program::{Job, News};
use crate::recorder::Recorder;
use kitchen_model::EventKind;
use kitchen_model::cooks::job;

/// Serves a program run's worker processes on `count` cooks: a [`crate::program::Workers`].
pub fn serve(
    recorder: Recorder,
    count: usize,
    jobs: UnboundedReceiver<Job>,
    news: UnboundedSender<News>,
) -> LocalBoxFuture<'static, ()> {
    Box::pin(async move {
        if let Err(why) = run(&recorder, count, jobs, &news).await {
            let _ = news.unbounded_send(News::Failed(why));
        }
    })
}

/// What the pool hears next: a job from the run, the run's end, or a cook.
enum Came {
    Job(Job),
    RunOver,
    Cook(Heard),
}

async fn run(
    rec: &Recorder,
    count: usize,
    jobs: UnboundedReceiver<Job>,
    news: &UnboundedSender<News>,
) -> Result<(), String> {
    let (inbox, heard) = mpsc::unbounded();
    pool::listen(Some(inbox));
    // However the pool stops, the cooks stop telling it anything; a pool that stops with a
    // process running (the run was cancelled, or a cook failed) takes the cooks down with it.
    let mut guard = Guard { finished: false };
    // Measured before any cook starts, for a starting cook's compiling takes a share of the cores
    // (the page measures it when a program with processes is first run, so this is at once).
    let rate = rate();
    let mut ready = cooks(rec, count)?;
    let mut came = stream::select(
        jobs.map(Came::Job).chain(stream::iter([Came::RunOver])),
        heard.map(Came::Cook),
    );
    let mut queue: VecDeque<Job> = VecDeque::new();
    // Each cook's process: the program's task and its lane.
    let mut busy: Vec<Option<(usize, usize)>> = vec![None; count];
    let mut run_over = false;
    loop {
        for cook in 0..count {
            if ready[cook] && busy[cook].is_none() {
                let Some(job) = queue.pop_front() else {
                    break;
                };
                rec.record(EventKind::Sent {
                    task: job.lane,
                    cook,
                });
                pool::post(cook, &message(&job, rate));
                busy[cook] = Some((job.task, job.lane));
            }
        }
        if run_over {
            // After every process ended, the cooks are kept for the next run.
            guard.finished = queue.is_empty() && busy.iter().all(Option::is_none);
            return Ok(());
        }
        match came.next().await {
            Some(Came::Job(job)) => queue.push_back(job),
            Some(Came::RunOver) => run_over = true,
            Some(Came::Cook(Heard::Ready { cook, .. })) if cook < count => {
                rec.record(EventKind::CookReady { cook });
                ready[cook] = true;
            }
            Some(Came::Cook(Heard::Facts {
                cook,
                task: lane,
                done,
                numbers,
                texts,
            })) => {
                let facts = pool::facts(cook, &numbers, &texts);
                for fact in &facts {
                    if let EventKind::Print { text, .. } = &fact.kind {
                        let _ = news.unbounded_send(News::Printed(text.clone()));
                    }
                }
                rec.record_all(facts);
                let mine = busy.get(cook).copied().flatten();
                if let (true, Some((task, on))) = (done, mine)
                    && on == lane
                {
                    busy[cook] = None;
                    let _ = news.unbounded_send(News::Done(task));
                }
            }
            Some(Came::Cook(Heard::Failed { cook, message })) => {
                return Err(format!("cook {} failed: {message}", cook + 1));
            }
            Some(Came::Cook(
                Heard::Ready { .. }
                | Heard::Pong { .. }
                | Heard::Want { .. }
                | Heard::Release { .. },
            )) => {}
            None => return Err("the pool stopped answering".to_owned()),
        }
    }
}

/// The message that hands `job` to a cook: its steps as JSON text (`model::cooks::job`).
fn message(job: &Job, rate: f64) -> JsValue {
    pool::message(&[
        ("k", "process".into()),
        ("task", (job.lane as f64).into()),
        ("job", job::to_json(&job.steps).into()),
        ("rate", rate.into()),
    ])
}
