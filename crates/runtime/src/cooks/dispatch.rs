//! A processes run: every task queued at once and handed out in order, each to the first cook that
//! is free, and every fact the cooks report merged into the run's trace on the page's clock.
//!
//! This is `ProcessPoolExecutor` as the page does it: the page's own thread only sends and
//! receives messages, so the heartbeat keeps beating however long the cooks work. A cook is free
//! once it has started and once the page has heard that its last task ended; the pool's cooks start
//! (and are counted as starting) only if they are not already there from an earlier run.

use std::collections::VecDeque;
use std::rc::Rc;

use futures::StreamExt;
use futures::channel::mpsc;
use js_sys::Int32Array;
use wasm_bindgen::JsValue;

use futures::future::{self, Either};

use super::pool::{self, Heard};
use super::shared_gil;
use super::threads::Lock;
use crate::busy;
use crate::clock::{self, Held};
use crate::interpret::Ctx;
use crate::recorder::Recorder;
use kitchen_model::gil::SWITCH_MS;
use kitchen_model::{EventKind, Start, text};

/// Runs every instance of the recipe on `count` cooks; returns when the page has heard from every
/// task, or why the run could not go on.
pub async fn drive(ctx: &Rc<Ctx>, count: usize) -> Result<(), String> {
    drive_on(ctx, count, None).await
}

/// Runs every instance of the recipe as a plain function on `count` threads (the pool's cooks),
/// taking turns on a GIL with CPython's switch interval — in the threads' shared memory where the
/// page is cross-origin isolated (`shared_gil`), else kept by the page ([`Lock`]) — or
/// `free_threaded`, with none; returns as [`drive`] does.
pub async fn drive_threads(ctx: &Rc<Ctx>, count: usize, free_threaded: bool) -> Result<(), String> {
    let shared = if free_threaded {
        None
    } else {
        shared_gil::new_lock()
    };
    ctx.recorder.record(EventKind::Threads {
        free_threaded,
        shared_memory: shared.is_some(),
    });
    let threads = OnThreads {
        lock: (!free_threaded && shared.is_none()).then(|| Lock::new(SWITCH_MS)),
        free: free_threaded,
        shared,
    };
    drive_on(ctx, count, Some(threads)).await
}

/// How a threads run's threads take turns.
struct OnThreads {
    /// The GIL the page keeps, if it keeps one.
    lock: Option<Lock>,
    /// Whether the threads run free-threaded, with no lock.
    free: bool,
    /// The GIL in the threads' shared memory, if the page is cross-origin isolated.
    shared: Option<Int32Array>,
}

/// [`drive`], or on threads ([`drive_threads`]: the lock, if any, and whether the threads are
/// free-threaded).
async fn drive_on(ctx: &Rc<Ctx>, count: usize, threads: Option<OnThreads>) -> Result<(), String> {
    let rec = &ctx.recorder;
    let free = threads.as_ref().map(|t| t.free);
    let shared = threads.as_ref().and_then(|t| t.shared.clone());
    let mut lock = threads.and_then(|t| t.lock);
    let tasks = ctx.recipe.instances().len();
    let (inbox, mut heard) = mpsc::unbounded();
    pool::listen(Some(inbox));
    // However the run ends (finished, failed or cancelled by dropping this future), the pool stops
    // telling it anything; a run that did not finish takes the pool down with it.
    let mut guard = Guard { finished: false };

    // Measured before any cook starts, for a starting cook's compiling takes a share of the cores.
    let rate = rate();
    let mut ready = cooks(rec, count)?;
    let recipe_text = JsValue::from_str(&text::print(&ctx.recipe));
    let recipe_message = pool::message(&[
        ("k", "recipe".into()),
        ("text", recipe_text),
        ("rate", rate.into()),
    ]);
    for cook in (0..count).filter(|&c| ready[c]) {
        pool::post(cook, &recipe_message);
    }
    {
        let _held = Held::start();
        for task in 0..tasks {
            rec.record(EventKind::TaskStart {
                task,
                how: Start::Scheduled,
            });
        }
    }

    let mut queue: VecDeque<usize> = (0..tasks).collect();
    let mut busy: Vec<Option<usize>> = vec![None; count];
    let mut left = tasks;
    let hand_out = |queue: &mut VecDeque<usize>, busy: &mut Vec<Option<usize>>, ready: &[bool]| {
        for cook in 0..count {
            if ready[cook] && busy[cook].is_none() {
                let Some(task) = queue.pop_front() else {
                    return;
                };
                rec.record(EventKind::Sent { task, cook });
                let job = match free {
                    Some(free) => pool::message(&[
                        ("k", "thread".into()),
                        ("task", (task as f64).into()),
                        ("free", free.into()),
                        ("rate", rate.into()),
                        (
                            "gil",
                            shared.clone().map_or(JsValue::UNDEFINED, JsValue::from),
                        ),
                    ]),
                    None => pool::message(&[("k", "job".into()), ("task", (task as f64).into())]),
                };
                pool::post(cook, &job);
                busy[cook] = Some(task);
            }
        }
    };
    hand_out(&mut queue, &mut busy, &ready);
    while left > 0 {
        // The GIL's switch interval runs on the page's clock, between the threads' messages.
        let deadline = lock.as_ref().and_then(Lock::deadline);
        let note = match deadline {
            Some(deadline) => {
                let wait = (deadline - clock::now()).max(0.0).ceil() as u32;
                let timer = gloo_timers::future::TimeoutFuture::new(wait);
                match future::select(heard.next(), timer).await {
                    Either::Left((note, _)) => note,
                    Either::Right(_) => {
                        if let Some(lock) = lock.as_mut() {
                            lock.tick(clock::now());
                        }
                        continue;
                    }
                }
            }
            None => heard.next().await,
        };
        let Some(note) = note else {
            return Err("the pool stopped answering".to_owned());
        };
        match note {
            Heard::Want { cook } => {
                if let Some(lock) = lock.as_mut() {
                    lock.want(cook, clock::now());
                }
            }
            Heard::Release { cook, again } => {
                if let Some(lock) = lock.as_mut() {
                    lock.release(cook, again, clock::now());
                }
            }
            Heard::Ready { cook, .. } if cook < count => {
                rec.record(EventKind::CookReady { cook });
                ready[cook] = true;
                pool::post(cook, &recipe_message);
                hand_out(&mut queue, &mut busy, &ready);
            }
            Heard::Facts {
                cook,
                task,
                done,
                numbers,
                texts,
            } => {
                rec.record_all(pool::facts(cook, &numbers, &texts));
                if done && busy.get(cook).copied().flatten() == Some(task) {
                    busy[cook] = None;
                    left -= 1;
                    hand_out(&mut queue, &mut busy, &ready);
                }
            }
            Heard::Failed { cook, message } => {
                return Err(format!("cook {} failed: {message}", cook + 1));
            }
            Heard::Ready { .. } | Heard::Pong { .. } => {}
        }
    }
    guard.finished = true;
    Ok(())
}

/// The pool's first `count` cooks, each ready or not: those already started (ready, or still
/// saying so), and those missing started now and recorded as starting, which say when they are.
/// A processes run and a program's worker processes both take their cooks this way.
pub(super) fn cooks(rec: &Recorder, count: usize) -> Result<Vec<bool>, String> {
    let mut ready: Vec<bool> = (0..count.min(pool::size()))
        .map(|cook| pool::origin(cook).is_some())
        .collect();
    while ready.len() < count {
        let started = pool::start_one()?;
        rec.record(EventKind::CookStarting { cook: started });
        ready.push(false);
    }
    Ok(ready)
}

thread_local! {
    /// The fastest rate measured so far on this page, and how many stretches measured it.
    static RATE: std::cell::Cell<(f64, u32)> = const { std::cell::Cell::new((0.0, 0)) };
    /// Whether a [`prepare`] is measuring now.
    static PREPARING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// How many stretches of [`busy::measure`] make the rate known: enough computing (about 0.6 s in
/// all) for the engine's optimising compiler to have taken over, which here happens after 0.2 s.
const CALIBRATION_WINDOWS: u32 = 40;

/// The fewest stretches a run measures itself before its cooks start, if [`prepare`] has not.
const RUN_WINDOWS: u32 = 3;

fn measure_once() {
    let rate = busy::measure();
    RATE.with(|r| {
        let (best, n) = r.get();
        r.set((best.max(rate), n + 1));
    });
}

/// How many rounds of computation make a millisecond of work on a cook: measured on the page's own
/// thread while no cook works, so that no other thread takes a share of the core. A run started
/// before [`prepare`] has finished uses the fastest rate measured so far.
pub fn rate() -> f64 {
    while RATE.with(|r| r.get().1) < RUN_WINDOWS {
        measure_once();
    }
    RATE.with(|r| r.get().0)
}

/// Measures the rate, one stretch at a time between the page's other tasks, until it is known;
/// stops while a run is going (a run's cooks would share the cores with it, and its page thread
/// would look busy), and goes on when it is called again.
pub async fn prepare() {
    if PREPARING.with(|p| p.replace(true)) {
        return;
    }
    while RATE.with(|r| r.get().1) < CALIBRATION_WINDOWS && !pool::listening() {
        measure_once();
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
    PREPARING.with(|p| p.set(false));
}

/// Undoes the pool's link to a run as it ends; a run that did not finish terminates the pool.
pub(super) struct Guard {
    /// Whether the run finished, so that its cooks are kept for the next.
    pub(super) finished: bool,
}

impl Drop for Guard {
    fn drop(&mut self) {
        pool::listen(None);
        if !self.finished {
            pool::terminate_all();
        }
    }
}
