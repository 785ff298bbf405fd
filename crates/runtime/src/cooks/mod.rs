//! More cooks: the processes mode's Web Workers, the page's side and the cook's.
//!
//! The page keeps a pool of cooks (`pool`) and hands a run's tasks out to them (`dispatch`), or a
//! learner's program's worker processes (`programs`); each cook (`worker`, run by the `cook`
//! binary Trunk builds as a worker) runs the tasks it is sent on its own thread and event loop, or
//! a process's job (`process`), and reports their facts back in `model::cooks::wire`'s numbers.
//! This module owns the workers and the messages between them and the page; what a run means is
//! the model's, as for every other mode.

mod dispatch;
mod pool;
mod process;
pub mod programs;
mod shared_gil;
mod thread;
mod threads;
mod worker;

pub use dispatch::{drive, drive_threads};
pub use worker::serve;

/// Measures how fast this machine computes, once per page, if it has not yet: a processes run
/// needs it before its cooks start. Computes for about 0.6 s in all, in stretches of 16 ms between
/// the page's other tasks, so the page calls it when the learner chooses the mode (not on load,
/// which every learner would pay for) and after each run on cooks, in case a run interrupted it.
pub async fn prepare() {
    dispatch::prepare().await;
}

/// How many cooks the page has started and kept for the next run.
pub fn warm() -> usize {
    pool::size()
}

/// Starts cooks until the pool has `count`, and resolves once all of them are ready, or to why
/// one could not start. A learner's program starts its worker processes' cooks this way before its
/// run begins: a Web Worker takes a hundred milliseconds and more to load and compile, where
/// CPython forks a worker process in a few, and a pool whose first cook is ready long before the
/// second would hand out the program's jobs in another order than CPython's.
pub async fn ready(count: usize) -> Result<(), String> {
    let (inbox, mut heard) = futures::channel::mpsc::unbounded();
    pool::listen(Some(inbox));
    let outcome = async {
        while pool::size() < count {
            pool::start_one()?;
        }
        // A cook that said it was ready before the page listened has its origin already.
        while (0..count).any(|cook| pool::origin(cook).is_none()) {
            match futures::StreamExt::next(&mut heard).await {
                Some(pool::Heard::Failed { cook, message }) => {
                    return Err(format!("cook {} failed: {message}", cook + 1));
                }
                Some(_) => {}
                None => return Err("the pool stopped answering".to_owned()),
            }
        }
        Ok(())
    }
    .await;
    pool::listen(None);
    if outcome.is_err() {
        pool::terminate_all();
    }
    outcome
}

/// Stops every cook at once and empties the pool.
pub fn terminate() {
    pool::terminate_all();
}

/// For the bench: starts one more cook and waits until it is ready; resolves to how long it took,
/// in milliseconds on the page's clock.
pub async fn start_one_more() -> Result<f64, String> {
    let (inbox, mut heard) = futures::channel::mpsc::unbounded();
    pool::listen(Some(inbox));
    let started = crate::clock::now();
    let cook = pool::start_one()?;
    let outcome = loop {
        match futures::StreamExt::next(&mut heard).await {
            Some(pool::Heard::Ready { cook: c, .. }) if c == cook => {
                break Ok(crate::clock::now() - started);
            }
            Some(pool::Heard::Failed { message, .. }) => break Err(message),
            Some(_) => {}
            None => break Err("the pool stopped answering".to_owned()),
        }
    };
    pool::listen(None);
    outcome
}

/// For the bench: sends cook 0 a ping `times` times, one after another; resolves to each round
/// trip, in milliseconds.
pub async fn ping(times: usize) -> Result<Vec<f64>, String> {
    if pool::origin(0).is_none() {
        return Err("no cook is ready to ping".to_owned());
    }
    let (inbox, mut heard) = futures::channel::mpsc::unbounded();
    pool::listen(Some(inbox));
    let mut trips = Vec::with_capacity(times);
    let ping = pool::message(&[("k", "ping".into())]);
    for _ in 0..times {
        let sent = crate::clock::now();
        pool::post(0, &ping);
        loop {
            match futures::StreamExt::next(&mut heard).await {
                Some(pool::Heard::Pong { cook: 0 }) => break,
                Some(pool::Heard::Failed { message, .. }) => {
                    pool::listen(None);
                    return Err(message);
                }
                Some(_) => {}
                None => return Err("the pool stopped answering".to_owned()),
            }
        }
        trips.push(crate::clock::now() - sent);
    }
    pool::listen(None);
    Ok(trips)
}

/// For tests of how the page reports a cook that fails: asks cook `cook` to panic.
pub fn fault(cook: usize) {
    pool::post(cook, &pool::message(&[("k", "fault".into())]));
}
