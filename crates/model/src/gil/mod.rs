//! Threads taking turns on CPython's global interpreter lock, simulated: the threads mode's
//! prediction (`predict` asks [`run`] for its trace).
//!
//! Each task instance is a plain function on a thread of the pool, up to [`Gil::threads`] threads,
//! handed out in order as `ThreadPoolExecutor` hands out work. A thread must hold the GIL to run
//! Python: to compute (`work`), and for an instant to start, to print or to go on after a sleep.
//! `time.sleep` (`wait`) releases it. The rule for handing it over is CPython's since 3.2: a thread
//! that wants the GIL waits for it up to the switch interval ([`Gil::switch_ms`],
//! `sys.getswitchinterval()`, 5 ms); if it is still held then, the waiter asks the holder to drop
//! it, and the holder does at its next check, handing it to the thread that asked (waiters are
//! served in the order they came, as the operating system's condition variable usually serves
//! them). So CPU-bound threads take turns of about 5 ms and never compute at once, and a thread back
//! from a sleep may wait up to a switch interval behind one that computes (the convoy effect).
//!
//! Free-threaded ([`Gil::free_threaded`], Python 3.13t and later): no lock; the threads compute at
//! once, as far as the cores go ([`Gil::cores`]), each slowed in proportion while more compute than
//! there are cores.
//!
//! The page's threads are Web Workers, as its cooks are: a cold one takes its time to start, a task
//! reaches it by a message and its end reaches the page by another, and a hand-over of the lock
//! takes its time too ([`Gil::handover_ms`]: the waiter must be woken). [`Gil::new`] costs nothing,
//! the ideal that CPython's own threads come close to; [`Gil::on`] takes a pool's costs.
//!
//! The simulation (`sim`) emits the facts a real run records ([`EventKind::GilWanted`],
//! [`EventKind::GilTaken`], [`EventKind::GilReleased`] beside the steps and prints), so predicted and
//! measured runs are drawn by the same code; it also keeps each thread's stretches, which its tests
//! read. It must not know about the page or read a clock.

mod sim;

use crate::cooks::Cooks;
use crate::recipe::{Action, Recipe, Routine, StepId};
use crate::trace::{Activity, EventKind, Trace};

/// CPython's switch interval, `sys.getswitchinterval()`, in milliseconds: how long a thread waits
/// for a GIL another holds before it asks the holder to drop it.
pub const SWITCH_MS: f64 = 5.0;

/// What a hand-over of the GIL between two of the page's threads costs before any has been
/// measured, in milliseconds: the release goes to the page and the grant to the waiter, two
/// messages. Measured 0.20 ms at p50 over five runs of chop and dice on two threads in Chromium on
/// a two-core machine (`bench/threads.mjs`, the bench's threads table).
pub const TYPICAL_HANDOVER_MS: f64 = 0.2;

/// The threads' pool and lock.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gil {
    /// How many threads the pool has.
    pub threads: usize,
    /// The switch interval, in milliseconds.
    pub switch_ms: f64,
    /// Whether the threads run without the lock.
    pub free_threaded: bool,
    /// The cores the threads share.
    pub cores: usize,
    /// How many of the threads are already started.
    pub warm: usize,
    /// Milliseconds a cold thread takes to start.
    pub startup_ms: f64,
    /// Milliseconds a task's message takes from the page to its thread.
    pub message_ms: f64,
    /// Milliseconds from a task's end on its thread to the page hearing of it.
    pub reply_ms: f64,
    /// Milliseconds from the GIL's release to the waiter it goes to running.
    pub handover_ms: f64,
}

impl Gil {
    /// How many threads a recipe gets unless the learner says otherwise: one per task, up to the
    /// most workers the page starts. Cores do not count: with the GIL only one computes at a time,
    /// and a thread that sleeps needs no core.
    pub fn default_threads(recipe: &Recipe) -> usize {
        recipe.instances().len().clamp(1, crate::cooks::MAX_COOKS)
    }

    /// CPython's default, a switch interval of 5 ms with the lock, on threads that cost nothing.
    pub fn new(threads: usize, cores: usize) -> Gil {
        let threads = threads.max(1);
        Gil {
            threads,
            switch_ms: SWITCH_MS,
            free_threaded: false,
            cores: cores.max(1),
            warm: threads,
            startup_ms: 0.0,
            message_ms: 0.0,
            reply_ms: 0.0,
            handover_ms: 0.0,
        }
    }

    /// The lock over a pool of the page's workers, at the pool's costs, its hand-over's among them
    /// (as last measured on the page, or [`TYPICAL_HANDOVER_MS`]); a perfect pool
    /// (`Cooks::perfect`) hands the GIL over for nothing.
    pub fn on(pool: Cooks) -> Gil {
        Gil {
            warm: pool.warm,
            startup_ms: pool.startup_ms,
            message_ms: pool.message_ms,
            reply_ms: pool.reply_ms,
            handover_ms: pool.handover_ms,
            ..Gil::new(pool.count, pool.cores)
        }
    }

    /// The same threads without the lock (`free_threaded`) or with it.
    pub fn free(self, free_threaded: bool) -> Gil {
        Gil {
            free_threaded,
            ..self
        }
    }
}

/// What a thread does over a stretch of time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Doing {
    /// It holds the GIL (or, free-threaded, computes).
    Runs,
    /// It wants the GIL and waits for it.
    Wants,
    /// It sleeps, without the GIL.
    Sleeps,
}

/// One stretch of one thread's time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stretch {
    /// The thread.
    pub thread: usize,
    /// The task instance it runs.
    pub task: usize,
    /// What it does.
    pub doing: Doing,
    /// From when, in milliseconds since the run began.
    pub from: f64,
    /// Until when.
    pub to: f64,
}

/// A piece of a task as a thread runs it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Piece {
    /// Compute for this many milliseconds, holding the GIL.
    Work(f64),
    /// Sleep for this many milliseconds, without it.
    Sleep(f64),
    /// Hold the GIL for an instant: a print, or going on after a sleep.
    Touch,
}

/// One thing a thread does in its task, in order: a piece that takes time (or the GIL), or a fact
/// recorded between pieces (a step begun or ended, a line printed).
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// A piece of the task.
    Piece(Piece),
    /// A fact, recorded when the thread gets to it.
    Fact(EventKind),
}

/// The run: every thread's stretches, in the order they began, the facts a real run records, and
/// when the run ended.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    /// The stretches.
    pub stretches: Vec<Stretch>,
    /// When the page heard the last task end, in milliseconds.
    pub end: f64,
    /// How many times the GIL changed hands.
    pub handovers: usize,
    /// The facts, in the order they happened.
    pub trace: Trace,
}

/// What task instance `instance` of `recipe` does on its thread, as a plain function: `work`
/// computes, `wait` is `time.sleep` (and the thread must hold the GIL again to go on after it), a
/// `print` holds the GIL for an instant, a `call` runs its helper's steps inside its own, a `yield`
/// is `time.sleep(0)` (the GIL let go and asked for again at once); a thread holds the GIL for an
/// instant to start, too. A forgotten `await` means nothing here, as in the blocking mode.
pub fn ops(recipe: &Recipe, instance: usize) -> Vec<Op> {
    let mut out = vec![Op::Piece(Piece::Touch)];
    if let Some(i) = recipe.instance(instance) {
        walk(recipe, instance, Routine::Task(i.task), 0, &mut out);
    }
    out
}

/// The steps of `routine` for instance `task`, appended to `out`.
fn walk(recipe: &Recipe, task: usize, routine: Routine, depth: usize, out: &mut Vec<Op>) {
    // Validated recipes cannot recurse; the guard only keeps a hand-built one from overflowing.
    let Some(steps) = recipe.routine(routine).filter(|_| depth <= 64) else {
        return;
    };
    for (index, step) in steps.steps.iter().enumerate() {
        let id = StepId { routine, index };
        let ms = recipe.ms(f64::from(step.action.units()));
        let activity = match step.action {
            Action::Work(_) => Activity::Work,
            Action::Wait(_) | Action::Call(_) => Activity::Await,
            Action::Print(_) | Action::Yield => Activity::Instant,
        };
        out.push(Op::Fact(EventKind::StepStart {
            task,
            step: id,
            activity,
        }));
        match &step.action {
            Action::Work(_) => out.push(Op::Piece(Piece::Work(ms))),
            Action::Wait(_) => {
                out.push(Op::Piece(Piece::Sleep(ms)));
                out.push(Op::Piece(Piece::Touch));
            }
            Action::Print(text) => {
                out.push(Op::Piece(Piece::Touch));
                out.push(Op::Fact(EventKind::Print {
                    task,
                    text: text.clone(),
                }));
            }
            Action::Call(name) => {
                if let Some(h) = recipe.helper_index(name) {
                    walk(recipe, task, Routine::Helper(h), depth + 1, out);
                }
            }
            // `time.sleep(0)`: the thread lets the GIL go and asks for it again at once.
            Action::Yield => {
                out.push(Op::Piece(Piece::Sleep(0.0)));
                out.push(Op::Piece(Piece::Touch));
            }
        }
        out.push(Op::Fact(EventKind::StepEnd { task, step: id }));
    }
}

/// The pieces of task instance `instance` of `recipe` as a thread runs it, in milliseconds.
pub fn pieces(recipe: &Recipe, instance: usize) -> Vec<Piece> {
    ops(recipe, instance)
        .into_iter()
        .filter_map(|op| match op {
            Op::Piece(p) => Some(p),
            Op::Fact(_) => None,
        })
        .collect()
}

/// `recipe`'s task instances, each a plain function, run on `gil`'s threads.
pub fn threads(recipe: &Recipe, gil: Gil) -> Schedule {
    let tasks: Vec<Vec<Op>> = (0..recipe.instances().len())
        .map(|i| ops(recipe, i))
        .collect();
    sim::run(&tasks, gil)
}

/// The trace of a perfect threads run of `recipe` on `gil`'s threads.
pub fn run(recipe: &Recipe, gil: Gil) -> Trace {
    threads(recipe, gil).trace
}

/// The pieces of each task, in instance order (`tasks`), run on `gil`'s threads.
pub fn schedule(tasks: &[Vec<Piece>], gil: Gil) -> Schedule {
    let tasks: Vec<Vec<Op>> = tasks
        .iter()
        .map(|pieces| pieces.iter().map(|&p| Op::Piece(p)).collect())
        .collect();
    sim::run(&tasks, gil)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
