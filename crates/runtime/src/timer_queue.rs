//! The timer queue: one browser timeout per distinct deadline, however many sleeps share it.
//!
//! A hundred thousand `sleep(50)`s started in one gather used to arm a hundred thousand `setTimeout`s,
//! and the browser's own timer bookkeeping then cost more than the sleeps themselves. Here a sleep
//! joins the timeout already armed for its deadline, if there is one, and each timeout wakes every
//! sleep it carries when it fires.
//!
//! "Its deadline" is judged at the resolution `setTimeout` itself has: whole milliseconds. A lone
//! sleep of `ms` fires `round(ms)` after it is armed, so up to half a millisecond from its exact
//! deadline; a sleep joins a timeout that fires within that same half millisecond of its deadline, so
//! sharing a timeout makes no sleep any earlier or later than its own timeout would have been.
//!
//! A slot carries sleeps (futures, woken through their wakers) and, for tasks written with
//! callbacks (`ways::callbacks`), plain callbacks ([`enqueue_callback`]): both kinds share the
//! slots, so that the queue's sharing, [`next_due`] and [`lull`] hold for a run written either way.
//!
//! This module owns the slots and the browser timeouts. Of traces it knows one thing: as a timeout
//! fires, it records `TimerFired` and `Wake` for each traced waiter, then wakes it (or calls its
//! callback).
//!
//! It also says when the page is free to do something of its own between a run's timers
//! ([`next_due`], [`lull`]): the live timeline's redraw holds the thread, and a timer that comes due
//! meanwhile waits for it.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use futures::future::{Either, select};
use gloo_timers::callback::Timeout;
use gloo_timers::future::TimeoutFuture;

use super::clock::{Held, now, stamp};
use super::recorder::Recorder;
use kitchen_model::EventKind;

/// How far a shared timeout may fire from a sleep's exact deadline, in milliseconds: the rounding
/// error of `setTimeout`'s whole milliseconds, which a sleep with its own timeout has anyway.
const TOLERANCE_MS: f64 = 0.5;

/// Slot keys are nominal firing times in microseconds, so that they order exactly.
type Key = i64;

fn key(at_ms: f64) -> Key {
    (at_ms * 1000.0).round() as Key
}

/// One sleep waiting in the queue: whether its timeout has fired, and whom to wake when it does.
#[derive(Default)]
pub struct Waiter {
    fired: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

impl Waiter {
    /// Whether the timeout this waiter joined has fired.
    pub fn fired(&self) -> bool {
        self.fired.get()
    }

    /// Remembers `waker` to be woken when the timeout fires, replacing any earlier one.
    pub fn set_waker(&self, waker: &Waker) {
        let mut slot = self.waker.borrow_mut();
        match &*slot {
            Some(old) if old.will_wake(waker) => {}
            _ => *slot = Some(waker.clone()),
        }
    }
}

/// What a waiter holds to leave the queue early: its slot and its place in it.
#[derive(Debug)]
pub struct Ticket {
    key: Key,
    index: usize,
}

/// Whom to tell that a waiter's timer fired: the waiter's task and the recorder of its run. Kept as
/// data rather than a closure, because a boxed closure per sleep is a visible share of a
/// 100 000-task run's cost.
pub type OnFire = (usize, Recorder);

/// What a slot's timeout wakes when it fires. Callbacks share the sleeps' slots rather than a
/// queue of their own, so that a run written with callbacks shares timeouts, and is waited for by
/// the live timeline's redraws, as any other run is; the case costs the first look 58 B by gzip
/// (304 117 B before, 304 175 B after, `cargo xtask dist`, the page not yet calling the ways).
enum Wakes {
    /// A sleep: its waiter is marked fired and its waker woken.
    Sleep(Rc<Waiter>),
    /// A timer of a task written with callbacks (`ways::callbacks`): called once. A task written
    /// that way is no future and has no waker; the callback is what a waker is to a sleep.
    Callback(Box<dyn FnOnce()>),
}

/// One armed browser timeout and the sleeps (or callbacks) it will wake.
struct Slot {
    /// Dropping it clears the browser's timer.
    _timeout: Timeout,
    /// The waiters, by the index in their tickets; a cancelled one leaves `None` behind.
    waiters: Vec<Option<(Wakes, Option<OnFire>)>>,
    /// How many entries of `waiters` are still `Some`.
    live: usize,
}

thread_local! {
    /// The page's armed timeouts by nominal firing time. There is one thread, so one queue.
    static SLOTS: RefCell<BTreeMap<Key, Slot>> = RefCell::default();
    /// How many browser timeouts the queue has armed since the page loaded.
    static CREATED: Cell<u64> = const { Cell::new(0) };
    /// How many slots have left the queue (fired, or emptied by cancelled sleeps) since the page
    /// loaded: what a [`Left`] waits to see move.
    static LEFT: Cell<u64> = const { Cell::new(0) };
    /// Whom to wake when a slot leaves the queue.
    static WATCHERS: RefCell<Vec<Waker>> = RefCell::default();
}

/// Adds a sleep of `ms` milliseconds starting now to the queue. Returns the waiter to poll, the ticket
/// to cancel it with, and the moment its timeout is due on the `performance.now()` clock. `on_fire`,
/// if any, is told as the timeout fires, before the waiter is woken (an untraced run is not told).
pub fn enqueue(ms: f64, on_fire: Option<OnFire>) -> (Rc<Waiter>, Ticket, f64) {
    let waiter = Rc::new(Waiter::default());
    let (ticket, due) = place(ms, Wakes::Sleep(Rc::clone(&waiter)), on_fire);
    (waiter, ticket, due)
}

/// Adds a timer of `ms` milliseconds starting now that calls `callback` when it fires, for a task
/// written with callbacks (`ways::callbacks`). Returns the ticket to cancel it with (which drops
/// the callback uncalled) and the moment its timeout is due on the `performance.now()` clock.
/// `on_fire`, if any, is told as the timeout fires, before the callback is called, as a sleep's is.
///
/// The callback is called inside the timeout's own callback, among the slot's other waiters and
/// inside their stretch of shared clock readings: it should only schedule what comes next, as a
/// waker does (a sleep's task is polled after the timeout's callback, not inside it), or the
/// waiters after it would be told late and its facts stamped with the stretch's readings.
pub fn enqueue_callback(
    ms: f64,
    on_fire: Option<OnFire>,
    callback: Box<dyn FnOnce()>,
) -> (Ticket, f64) {
    place(ms, Wakes::Callback(callback), on_fire)
}

/// Puts `wakes` in the slot for a deadline `ms` milliseconds from now, arming a browser timeout
/// when no slot lies within [`TOLERANCE_MS`] of it; returns the ticket and the slot's due time.
fn place(ms: f64, wakes: Wakes, on_fire: Option<OnFire>) -> (Ticket, f64) {
    // Inside a traced poll this is the poll's shared reading, a few microseconds old at most.
    let start = stamp();
    let deadline = start + ms.max(0.0);
    let entry = Some((wakes, on_fire));
    SLOTS.with(|slots| {
        let mut slots = slots.borrow_mut();
        let window = key(deadline - TOLERANCE_MS)..=key(deadline + TOLERANCE_MS);
        if let Some((&k, slot)) = slots.range_mut(window).next() {
            slot.waiters.push(entry);
            slot.live += 1;
            let ticket = Ticket {
                key: k,
                index: slot.waiters.len() - 1,
            };
            return (ticket, k as f64 / 1000.0);
        }
        // setTimeout takes whole milliseconds; rounding keeps the error under half a millisecond.
        let delay = ms.max(0.0).round() as u32;
        let due = start + f64::from(delay);
        let mut k = key(due);
        // Two slots never share a key: a new one is only made when none lies this close.
        while slots.contains_key(&k) {
            k += 1;
        }
        let timeout = Timeout::new(delay, move || fire(k));
        CREATED.with(|c| c.set(c.get() + 1));
        slots.insert(
            k,
            Slot {
                _timeout: timeout,
                waiters: vec![entry],
                live: 1,
            },
        );
        (Ticket { key: k, index: 0 }, due)
    })
}

/// Takes a waiter out of the queue before its timeout fires; the timeout is cleared when it was the
/// last. Does nothing if the timeout has fired already.
pub fn cancel(ticket: &Ticket) {
    // Whatever is removed is dropped after the queue is released: dropping a waker may drop a future,
    // and that future may hold a sleep that cancels itself in turn (a callback, likewise, may hold
    // what cancels another timer when dropped).
    let removed = SLOTS.with(|slots| {
        let mut slots = slots.borrow_mut();
        let slot = slots.get_mut(&ticket.key)?;
        let entry = slot.waiters.get_mut(ticket.index)?.take();
        if entry.is_some() {
            slot.live -= 1;
        }
        let emptied = (slot.live == 0).then(|| slots.remove(&ticket.key));
        Some((entry, emptied))
    });
    if let Some((_, Some(_))) = &removed {
        left();
    }
    drop(removed);
}

/// How many browser timeouts the queue has armed since the page loaded: for tests and the bench.
pub fn created() -> u64 {
    CREATED.with(Cell::get)
}

/// How many browser timeouts are armed now: for tests and the bench.
pub fn armed() -> usize {
    SLOTS.with(|slots| slots.borrow().len())
}

/// When the earliest armed timeout is due, on the `performance.now()` clock; `None` when none is
/// armed. A time already past is a timeout the browser has not yet run: it fires when the thread is
/// free and the browser gets to it.
pub fn next_due() -> Option<f64> {
    SLOTS.with(|slots| slots.borrow().keys().next().map(|&k| k as f64 / 1000.0))
}

/// Completes once no armed timeout is due within `within_ms` of now, every one due sooner (or
/// overdue) having fired, or after `limit_ms` at most, so that what the page does next does not
/// hold back a timer of the run.
///
/// It waits for the timeouts themselves to fire, not for a timeout of its own to come round: after
/// a long stretch of work, Chromium runs a `setTimeout(0)` armed then before a timeout that was
/// already overdue, so a hop through the event loop is no proof that the queue's timers have run.
/// Each time a slot leaves the queue, the waiter is woken after the sleeps the slot woke, so the
/// tasks they resume are polled first.
pub async fn lull(within_ms: f64, limit_ms: u32) {
    let mut limit = TimeoutFuture::new(limit_ms);
    loop {
        if !due_within(next_due(), now(), within_ms) {
            return;
        }
        let left = Left {
            seen: LEFT.with(Cell::get),
        };
        if let Either::Right(_) = select(left, &mut limit).await {
            return;
        }
    }
}

/// Whether a timeout due at `due` (if any is armed) comes due within `within_ms` of `now`; an
/// overdue one does.
fn due_within(due: Option<f64>, now: f64, within_ms: f64) -> bool {
    due.is_some_and(|due| due <= now + within_ms)
}

/// Notes that a slot left the queue, and wakes whoever waits for that.
fn left() {
    LEFT.with(|left| left.set(left.get() + 1));
    let watchers = WATCHERS.with(|w| std::mem::take(&mut *w.borrow_mut()));
    for watcher in watchers {
        watcher.wake();
    }
}

/// Completes once a slot has left the queue since `seen` was read from [`LEFT`].
struct Left {
    seen: u64,
}

impl Future for Left {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if LEFT.with(Cell::get) != self.seen {
            return Poll::Ready(());
        }
        WATCHERS.with(|w| {
            let mut watchers = w.borrow_mut();
            if !watchers.iter().any(|old| old.will_wake(cx.waker())) {
                watchers.push(cx.waker().clone());
            }
        });
        Poll::Pending
    }
}

/// Runs when the timeout of slot `k` fires: every waiter in it is marked fired, told, and woken
/// (a callback is told and called), in the order they joined the slot.
fn fire(k: Key) {
    let Some(slot) = SLOTS.with(|slots| slots.borrow_mut().remove(&k)) else {
        return;
    };
    // Marking and waking is bookkeeping only: the facts it records share clock readings.
    let _held = Held::start();
    for (wakes, on_fire) in slot.waiters.into_iter().flatten() {
        match wakes {
            Wakes::Sleep(waiter) => {
                waiter.fired.set(true);
                let waker = waiter.waker.borrow_mut().take();
                if let Some((task, recorder)) = on_fire {
                    recorder.record(EventKind::TimerFired { task });
                    if waker.is_some() {
                        recorder.record(EventKind::Wake { task });
                    }
                }
                if let Some(waker) = waker {
                    waker.wake();
                }
            }
            Wakes::Callback(callback) => {
                // A callback always waits (it is the rest of its task), so its firing is a wake.
                if let Some((task, recorder)) = on_fire {
                    recorder.record(EventKind::TimerFired { task });
                    recorder.record(EventKind::Wake { task });
                }
                callback();
            }
        }
    }
    // After the sleeps' own wakes, so that the tasks they resume are polled before whoever waited
    // for a lull.
    left();
    // The slot's timeout is dropped here, inside its own callback; wasm-bindgen defers freeing a
    // closure that is running until it returns, so this is safe.
}
