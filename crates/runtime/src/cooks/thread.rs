//! A cook's side of a threads run: one task instance run as a plain function, piece by piece as
//! the model plans it (`model::gil::ops`, the plan the prediction simulates), holding the GIL to
//! compute and to print and letting it go to sleep.
//!
//! The GIL is a real lock, kept by the page (`threads`): a thread asks for it with a message and
//! runs only once the page has handed it over. A thread that computes goes on until the page
//! passes on a drop request (another thread has waited a switch interval), then lets the GIL go
//! and asks for it again at the back of the queue, as CPython's threads do. A worker that computes
//! cannot read a message, so while nobody waits it computes in slices of [`SLICE_MS`] and, between
//! them, gives its event loop one turn ([`next_turn`]): a drop request is honoured within a slice.
//! A thread handed the GIL while others wait is told for how long it may hold it (one switch
//! interval, when CPython's waiter would ask for it) and hands it over then by its own clock, so
//! that threads taking turns pause for nothing but the hand-overs themselves.
//!
//! Where the page is cross-origin isolated, the GIL is a lock in the threads' shared memory instead
//! (`shared_gil`), which they hand over among themselves with `Atomics`: the same rule, with no
//! message and no turn of the page's thread in a hand-over. A thread that waits for it then blocks
//! its worker, as a waiting CPython thread blocks, and a thread that computes looks at the drop
//! request word between slices of [`SHARED_SLICE_MS`]; either gives its worker's loop a turn every
//! [`FLUSH_MS`] or so, so that its facts still reach the page as it goes.
//!
//! Free-threaded, there is no lock: the thread records when it runs Python and when it sleeps,
//! and sends the page nothing but its facts.
//!
//! Every change of hands is recorded as a fact with its time (`GilWanted`, `GilTaken`,
//! `GilReleased`), so the run's GIL lane is what happened, not what was planned.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures::channel::oneshot;
use gloo_timers::callback::Interval;
use gloo_timers::future::TimeoutFuture;
use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, MessageChannel};

use super::pool::message;
use super::shared_gil::SharedGil;
use super::worker::{FLUSH_MS, fail, report};
use crate::busy::{busy_until, compute};
use crate::clock;
use crate::interpret::Ctx;
use kitchen_model::EventKind;
use kitchen_model::gil::{Op, Piece, SWITCH_MS, ops};

/// How long a thread computes between two looks at its messages, in milliseconds. A turn of the
/// worker's loop costs some tens of microseconds; a slice of 1 ms keeps that to a few per cent of
/// the work while a drop request waits at most about a millisecond (CPython's threads check
/// every few bytecodes; the switch interval they honour is 5 ms).
pub const SLICE_MS: f64 = 1.0;

/// How long a thread holding the shared lock computes between two looks at its drop request word:
/// a look is one atomic load, so the slice can be short, and a drop request is honoured within it.
pub const SHARED_SLICE_MS: f64 = 0.1;

thread_local! {
    /// The page's answer this thread awaits: the GIL handed over, and for how long, in
    /// milliseconds, if others wait for it.
    static TAKE: RefCell<Option<oneshot::Sender<Option<f64>>>> = const { RefCell::new(None) };
    /// Whether the page has passed on a drop request since this thread last took the GIL.
    static DROP_ASKED: Cell<bool> = const { Cell::new(false) };
    /// The channel [`next_turn`] posts to itself through.
    static CHANNEL: Option<MessageChannel> = MessageChannel::new().ok();
}

/// The page handed this thread the GIL; `for_ms`: others wait, and it hands it over after that long.
pub(super) fn taken(for_ms: Option<f64>) {
    if let Some(tx) = TAKE.with(|t| t.borrow_mut().take()) {
        let _ = tx.send(for_ms);
    }
}

/// Another thread has waited a switch interval for the GIL: the page asks this one to drop it.
pub(super) fn drop_asked() {
    DROP_ASKED.with(|d| d.set(true));
}

/// One turn of the worker's event loop, so that the messages that came meanwhile are read: a
/// message posted to itself (a timeout of 0 would be held back 4 ms once timeouts nest).
async fn next_turn() {
    let Some(promise) = CHANNEL.with(|channel| {
        let channel = channel.as_ref()?;
        let promise = Promise::new(&mut |resolve, _| {
            channel.port1().set_onmessage(Some(resolve.unchecked_ref()));
        });
        channel.port2().post_message(&JsValue::NULL).ok()?;
        Some(promise)
    }) else {
        // No channel in this worker: a timeout still gives the loop a turn, only later.
        TimeoutFuture::new(0).await;
        return;
    };
    let _ = JsFuture::from(promise).await;
}

fn send(message: &JsValue) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let _ = scope.post_message(message);
}

/// The thread's hold on the GIL.
struct Hold<'a> {
    ctx: &'a Ctx,
    task: usize,
    free: bool,
    holding: bool,
    /// When, on this worker's clock, it hands the GIL over, if others wait for it.
    until: Option<f64>,
    /// The lock in shared memory, if the page sent one; else the page keeps the lock.
    shared: Option<SharedGil>,
    /// When the worker's loop last had a turn, on its clock: the shared lock gives it one every
    /// [`FLUSH_MS`], so that the facts of a thread that waits or computes for long are still sent.
    turned: f64,
}

impl Hold<'_> {
    fn record(&self, kind: EventKind) {
        self.ctx.recorder.record(kind);
    }

    /// Gives the worker's loop a turn if it has had none for [`FLUSH_MS`].
    async fn turn_if_due(&mut self) {
        if clock::now() - self.turned >= f64::from(FLUSH_MS) {
            next_turn().await;
            self.turned = clock::now();
        }
    }

    /// Waits for the GIL, having asked for it: on the shared lock, its ticket's turn; else, for the
    /// page to hand it over (`message` asks for it, or lets it go and asks again).
    async fn wait_for_it(&mut self, message: &JsValue) {
        self.record(EventKind::GilWanted { task: self.task });
        if let Some(mut shared) = self.shared.take() {
            shared.ask();
            while !shared.wait(SWITCH_MS) {
                self.turn_if_due().await;
            }
            self.shared = Some(shared);
            self.record(EventKind::GilTaken { task: self.task });
            self.holding = true;
            return;
        }
        let (tx, rx) = oneshot::channel();
        TAKE.with(|t| *t.borrow_mut() = Some(tx));
        send(message);
        let for_ms = rx.await.ok().flatten();
        DROP_ASKED.with(|d| d.set(false));
        self.record(EventKind::GilTaken { task: self.task });
        self.holding = true;
        self.until = for_ms.map(|ms| clock::now() + ms);
    }

    /// Makes sure the thread holds the GIL.
    async fn take(&mut self) {
        if self.holding {
            return;
        }
        if self.free {
            self.record(EventKind::GilTaken { task: self.task });
            self.holding = true;
            return;
        }
        let want = message(&[("k", "want".into())]);
        self.wait_for_it(&want).await;
    }

    /// Lets the GIL go, if the thread holds it.
    fn release(&mut self) {
        if !self.holding {
            return;
        }
        self.holding = false;
        self.until = None;
        self.record(EventKind::GilReleased { task: self.task });
        if let Some(shared) = self.shared.as_mut() {
            shared.release();
        } else if !self.free {
            send(&message(&[
                ("k", "release".into()),
                ("again", false.into()),
            ]));
        }
    }

    /// Honours a drop request: lets the GIL go and queues for it again, in one message.
    async fn hand_over(&mut self) {
        self.holding = false;
        self.until = None;
        self.record(EventKind::GilReleased { task: self.task });
        if let Some(shared) = self.shared.as_mut() {
            shared.release();
        }
        let again = message(&[("k", "release".into()), ("again", true.into())]);
        self.wait_for_it(&again).await;
    }

    /// Computes `ms` of work, holding the GIL: while others wait, up to the moment it must hand it
    /// over; while nobody does, in slices between which a drop request is heard.
    async fn work(&mut self, ms: f64, rate: f64) {
        self.take().await;
        let mut left = (rate * ms).round() as u64;
        if self.shared.is_some() {
            let slice = ((rate * SHARED_SLICE_MS).round() as u64).max(1);
            while left > 0 {
                let n = left.min(slice);
                compute(n);
                left -= n;
                if left > 0 {
                    if self.shared.as_ref().is_some_and(SharedGil::drop_asked) {
                        self.hand_over().await;
                    }
                    self.turn_if_due().await;
                }
            }
            return;
        }
        let slice = ((rate * SLICE_MS).round() as u64).max(1);
        while left > 0 {
            if let Some(until) = self.until {
                // Computed to the deadline in pieces of a slice, reading the clock between them.
                let n = left.min(slice);
                compute(n);
                left -= n;
                if left > 0 && clock::now() >= until {
                    self.hand_over().await;
                }
                continue;
            }
            let n = left.min(slice);
            compute(n);
            left -= n;
            if !self.free && left > 0 {
                next_turn().await;
                if DROP_ASKED.with(Cell::get) {
                    self.hand_over().await;
                }
            }
        }
    }

    /// Sleeps `ms` without the GIL.
    async fn sleep(&mut self, ms: f64) {
        self.release();
        if ms > 0.0 {
            let until = clock::now() + ms;
            // A browser timer may fire a little early on some engines: the rest is spun, so that
            // a sleep is never shorter than asked.
            TimeoutFuture::new(ms.floor() as u32).await;
            busy_until(until);
        }
    }
}

/// Runs task instance `task` of the cook's recipe as a plain function on this thread, with the
/// GIL unless `free`, computing `rate` rounds a millisecond of work; reports its facts as it goes
/// and when it ends.
/// `shared`: the lock in shared memory, if the page sent one.
pub(super) async fn run(
    ctx: Rc<Ctx>,
    task: usize,
    free: bool,
    rate: f64,
    shared: Option<SharedGil>,
) {
    if ctx.recipe.instance(task).is_none() {
        fail("the page sent a task the recipe does not have");
        return;
    }
    let flusher = {
        let recorder = ctx.recorder.clone();
        Interval::new(FLUSH_MS, move || report(&recorder, task, false))
    };
    let mut hold = Hold {
        ctx: &ctx,
        task,
        free,
        holding: false,
        until: None,
        shared,
        turned: clock::now(),
    };
    for op in ops(&ctx.recipe, task) {
        match op {
            Op::Fact(kind) => hold.record(kind),
            Op::Piece(Piece::Touch) => hold.take().await,
            Op::Piece(Piece::Work(ms)) => hold.work(ms, rate).await,
            Op::Piece(Piece::Sleep(ms)) => hold.sleep(ms).await,
        }
    }
    hold.release();
    hold.record(EventKind::TaskEnd { task });
    drop(flusher);
    report(&ctx.recorder, task, true);
}
