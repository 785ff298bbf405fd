//! The callbacks way: no future for any task. Each task is a chain of callbacks, continuation
//! passing as JavaScript wrote it before promises: its steps run in order inside a callback; a
//! timer wait arms a timer whose callback schedules the rest of the task; a yield schedules the
//! rest behind what is ready now; a helper call runs the helper's chain with the rest of the
//! caller as its continuation. `main`'s joins are counters.
//!
//! The thread does what an async/await run's does, and it is recorded alike, so that the two
//! timelines and replays compare: every callback that runs a task's code is recorded as a poll of
//! that task (`PollStart` … `PollEnd`, ready at the chain's end, then `TaskEnd`), `TaskStart` as
//! the async modes record it, the steps through `ways::begin`, the timers through the page's
//! timer queue ([`enqueue_callback`](super::super::timer_queue::enqueue_callback)), which records
//! `TimerFired` and `Wake` as it does for a sleep.
//!
//! Where the rest of a task runs is where an async/await run polls the woken task: a timer's
//! callback and a yield hand it to `wasm_bindgen_futures::spawn_local`, whose queue is the one
//! woken futures go to, so it runs right after the timer's callback, behind what was ready
//! already. Running it inside the timer's callback instead would tell the slot's later waiters
//! that their timer fired only after this task's work, which no async/await run records.
//!
//! This module owns the chains, the counters and the run's cancel. It must leave nothing behind a
//! cancelled run: its timers are cancelled and every callback already scheduled does nothing.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use futures::channel::oneshot;

use super::super::clock::Held;
use super::super::interpret::Ctx;
use super::super::timer_queue::{self, Ticket};
use super::{Await, Begun, begin};
use kitchen_model::{EventKind, Mode, Routine, Start, StepId};

/// Runs every instance of the recipe in `mode` as chains of callbacks; returns when the last
/// chain `main` waits for has ended, or why the mode cannot be written this way.
pub(crate) async fn drive(ctx: &Rc<Ctx>, mode: Mode) -> Result<(), String> {
    let tasks: Vec<Routine> = ctx
        .recipe
        .instances()
        .iter()
        .map(|i| Routine::Task(i.task))
        .collect();
    let count = tasks.len();
    let (done, finished) = oneshot::channel();
    let kitchen = Rc::new(Kitchen {
        ctx: Rc::clone(ctx),
        mode,
        tasks,
        blocking_waits: mode == Mode::BlockingInAsync,
        cancelled: Cell::new(false),
        ended: Cell::new(false),
        left: Cell::new(count),
        done: RefCell::new(Some(done)),
        timers: RefCell::default(),
        next_timer: Cell::new(0),
    });
    // Cancelling the run drops this future, and the guard with it.
    let _cancel = CancelOnDrop(Rc::clone(&kitchen));
    match mode {
        // One task after another: each starts when the previous one's chain ends.
        Mode::Sequential => start_from(&kitchen, 0),
        // The counter stands in for `join_all`: every task starts now, in order, inside `main`.
        Mode::Gather | Mode::BlockingInAsync => {
            {
                // Scheduling is bookkeeping only: these facts share clock readings.
                let _held = Held::start();
                (0..count).for_each(|task| kitchen.scheduled(task));
            }
            // As `join_all` polls its futures in one go, the tasks' first callbacks share readings.
            let _held = Held::start();
            for task in 0..count {
                if kitchen.start(task) {
                    kitchen.ended(task);
                }
            }
        }
        // Like `spawn_local`'s tasks, each starts once `main` has given the thread back, in order.
        Mode::Spawn => {
            for task in 0..count {
                kitchen.scheduled(task);
                let kitchen = Rc::clone(&kitchen);
                wasm_bindgen_futures::spawn_local(async move {
                    if !kitchen.cancelled.get() && kitchen.start(task) {
                        kitchen.ended(task);
                    }
                });
            }
        }
        // `Way::applies_to` keeps these from `run::start_in_way`: none of them suspends a task on
        // the page's thread, so none has a chain of callbacks to write.
        Mode::Blocking
        | Mode::NeverAwaited
        | Mode::Processes
        | Mode::Threads
        | Mode::FreeThreaded => {
            return Err(format!(
                "the {} mode is written only with async/await",
                mode.id()
            ));
        }
    }
    if count == 0 {
        kitchen.finish();
    }
    // The sender lives in the kitchen, which this future holds: the channel ends only by a send.
    let _ = finished.await;
    Ok(())
}

/// One run's chains: what they run, the counter `main` waits on, and what a cancel must clear.
struct Kitchen {
    ctx: Rc<Ctx>,
    mode: Mode,
    /// Each instance's routine, by instance.
    tasks: Vec<Routine>,
    /// Whether `wait` busy-waits (the blocking-inside-async mode).
    blocking_waits: bool,
    /// Set when the run is cancelled (or over): a callback scheduled before then does nothing.
    cancelled: Cell<bool>,
    /// Whether the chain of the task whose callback is running reached its end. One flag serves
    /// every task, since callbacks never nest: the next task `main` starts is started after the
    /// callback that ended the last one has returned.
    ended: Cell<bool>,
    /// How many chains `main` still waits for, in the modes that join.
    left: Cell<usize>,
    /// Told when `main`'s run is over.
    done: RefCell<Option<oneshot::Sender<()>>>,
    /// Every armed timer's ticket, by a number of its own, so that a cancel clears them; a timer
    /// leaves as it fires, so a ticket is never used after its slot has gone (a later slot may
    /// take its key).
    timers: RefCell<BTreeMap<u64, Ticket>>,
    next_timer: Cell<u64>,
}

/// The rest of a chain: called when what it waits for is over, it runs on and hands back what to
/// call next (its caller's rest, at a routine's end), or `None` once it waits again.
///
/// A routine's end hands its continuation back rather than calling it, and [`go`] calls it, so
/// that a run of helpers that end without waiting does not nest a stack frame per call: a routine
/// has up to 1 000 steps and helpers go 16 deep, which nested calls could not hold.
struct Then(Box<dyn FnOnce() -> Option<Then>>);

/// Calls each continuation handed back until one waits.
fn go(mut next: Option<Then>) {
    while let Some(Then(rest)) = next {
        next = rest();
    }
}

/// Schedules and starts tasks from `first` on, one after another, as sequential awaits do: a task
/// whose chain ended inside its first callback is followed at once by the next (in a loop, so that
/// many such tasks nest no stack frames); one that waits starts the next from its last callback.
fn start_from(kitchen: &Rc<Kitchen>, first: usize) {
    for task in first..kitchen.tasks.len() {
        kitchen.scheduled(task);
        if !kitchen.start(task) {
            return;
        }
    }
    kitchen.finish();
}

impl Kitchen {
    fn scheduled(&self, task: usize) {
        self.ctx.recorder.record(EventKind::TaskStart {
            task,
            how: Start::Scheduled,
        });
    }

    /// Runs `task`'s chain from its first step, in a callback recorded as its first poll; says
    /// whether the chain ended there.
    fn start(self: &Rc<Self>, task: usize) -> bool {
        let kitchen = Rc::clone(self);
        let end = Then(Box::new(move || {
            kitchen.ended.set(true);
            None
        }));
        self.poll(task, || run(self, task, self.tasks[task], 0, end))
    }

    /// Runs `body` (a callback's share of `task`'s chain) recorded as a poll of the task, as
    /// `Traced` records a future's: the poll's facts share clock readings (or join the readings of
    /// the stretch under way), and it is ready when the chain ended in it. Says whether it did.
    fn poll(&self, task: usize, body: impl FnOnce() -> Option<Then>) -> bool {
        let recorder = &self.ctx.recorder;
        let held = recorder.is_tracing().then(|| {
            let (held, at) = Held::join();
            recorder.record_at(at, EventKind::PollStart { task });
            held
        });
        self.ended.set(false);
        go(body());
        let ready = self.ended.replace(false);
        if held.is_some() {
            recorder.record(EventKind::PollEnd { task, ready });
            if ready {
                recorder.record(EventKind::TaskEnd { task });
            }
        }
        ready
    }

    /// What `main` does when `task`'s chain has ended (after its last poll is recorded): starts
    /// the next task in the sequential mode, counts it off in the others.
    fn ended(self: &Rc<Self>, task: usize) {
        if self.mode == Mode::Sequential {
            start_from(self, task + 1);
            return;
        }
        let left = self.left.get().saturating_sub(1);
        self.left.set(left);
        if left == 0 {
            self.finish();
        }
    }

    /// Ends `main`'s run.
    fn finish(&self) {
        if let Some(done) = self.done.borrow_mut().take() {
            let _ = done.send(());
        }
    }

    /// Runs `rest` of `task`'s chain as an async/await run polls a woken task: once what is ready
    /// now has run, from the queue woken futures go to, in a callback recorded as a poll.
    fn soon(self: &Rc<Self>, task: usize, rest: Then) {
        let kitchen = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            if !kitchen.cancelled.get() && kitchen.poll(task, || Some(rest)) {
                kitchen.ended(task);
            }
        });
    }

    /// Arms a timer of `ms` for `task` in the page's timer queue, whose callback schedules `rest`.
    fn arm(self: &Rc<Self>, task: usize, ms: f64, rest: Then) {
        let recorder = &self.ctx.recorder;
        let on_fire = recorder.is_tracing().then(|| (task, recorder.clone()));
        let number = self.next_timer.get();
        self.next_timer.set(number + 1);
        let kitchen = Rc::clone(self);
        let callback = Box::new(move || {
            kitchen.timers.borrow_mut().remove(&number);
            kitchen.soon(task, rest);
        });
        let (ticket, due) = timer_queue::enqueue_callback(ms, on_fire, callback);
        recorder.record(EventKind::TimerArmed { task, due });
        self.timers.borrow_mut().insert(number, ticket);
    }
}

/// Runs `routine`'s steps from `from` on behalf of `task`, then hands back `then` (the rest of its
/// caller); at a step that waits, hands the rest of the routine to what it waits for and returns
/// `None`.
fn run(
    kitchen: &Rc<Kitchen>,
    task: usize,
    routine: Routine,
    from: usize,
    then: Then,
) -> Option<Then> {
    let ctx = &kitchen.ctx;
    // A routine the recipe lacks has no steps, as `run_async` returns at once for it.
    let Some(coroutine) = ctx.recipe.routine(routine) else {
        return Some(then);
    };
    for (index, step) in coroutine.steps.iter().enumerate().skip(from) {
        let id = StepId { routine, index };
        let awaited = match begin(ctx, task, id, step, kitchen.blocking_waits) {
            Begun::Ran => continue,
            // Nothing is scheduled: the timer is never armed, the helper never runs, the loop is
            // not given back, and the routine goes straight on.
            Begun::Forgotten(_) => {
                ctx.done(task, id);
                continue;
            }
            Begun::Awaits(awaited) => awaited,
        };
        let next = Rc::clone(kitchen);
        let rest = Then(Box::new(move || {
            next.ctx.done(task, id);
            run(&next, task, routine, index + 1, then)
        }));
        match awaited {
            Await::Timer(ms) => kitchen.arm(task, ms, rest),
            Await::Yield => {
                // The task wakes itself, as a yield's future does, before giving the loop back.
                ctx.recorder.record(EventKind::Wake { task });
                kitchen.soon(task, rest);
            }
            // The helper runs now, with the rest of this routine as its continuation.
            Await::Helper(helper) => return run(kitchen, task, helper, 0, rest),
        }
        return None;
    }
    Some(then)
}

/// Cancels a run's timers when `main`'s future is dropped (the run cancelled, or over), and makes
/// every callback already scheduled do nothing, so that nothing of the run happens later.
struct CancelOnDrop(Rc<Kitchen>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancelled.set(true);
        // Taken out first: cancelling drops each timer's callback, and with it the kitchen's
        // other handles, which must not find the list borrowed.
        let timers = std::mem::take(&mut *self.0.timers.borrow_mut());
        for ticket in timers.values() {
            timer_queue::cancel(ticket);
        }
    }
}
