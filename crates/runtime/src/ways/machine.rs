//! The state machine way: each task's future written out by hand, as rustc writes the future an
//! `async fn` returns. A routine instance is a [`Machine`]: made unresumed, suspended at one step
//! at a time holding what that step awaits (its timer, its helper's machine, its yield), returned
//! at its end; its `poll` matches on where it is, polls what it holds, runs the steps that follow
//! up to the next one that suspends, and moves there.
//!
//! This module owns the machines and nothing else: `main` is the mode's own executor code
//! (`modes::drive`, with `join_all`, `spawn_local` or awaits in turn), the polls are recorded by
//! the same `Traced` wrapper, and the timers and yields are the async/await run's own `Sleep` and
//! `YieldNow`, which record their wakes. It must not record anything `interpret::run_async` would
//! not: every step goes through `ways::begin`.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::future::LocalBoxFuture;

use super::super::interpret::Ctx;
use super::super::sleep::Sleep;
use super::super::yield_now::YieldNow;
use super::{Await, Begun, begin};
use kitchen_model::{Routine, StepId};

/// `routine`'s future on behalf of `task`, as a state machine: what `modes::drive` makes of each
/// task in this way (it has the shape of `interpret::run_async`, whose place it takes).
pub(crate) fn write(
    ctx: &Ctx,
    task: usize,
    routine: Routine,
    blocking_waits: bool,
) -> LocalBoxFuture<'_, ()> {
    Box::pin(Machine::new(ctx, task, routine, blocking_waits))
}

/// The future of one routine instance (a task, or a helper called by one), written out as the
/// compiler writes the future of an `async fn`.
struct Machine<'c> {
    ctx: &'c Ctx,
    /// The instance the steps run on behalf of (a helper's steps run under its caller's task).
    task: usize,
    routine: Routine,
    /// Whether `wait` busy-waits (the blocking-inside-async mode): then it is no suspension.
    blocking_waits: bool,
    state: State<'c>,
}

/// Where a machine is, with rustc's names for the variants of an `async fn`'s future.
enum State<'c> {
    /// Made, not yet polled: no step has run.
    Unresumed,
    /// Waiting at step `at` (the code view's `SuspendK`, one per suspending step), holding what
    /// that step awaits.
    Suspended { at: usize, holds: Awaiting<'c> },
    /// Finished: polling it again is a bug.
    Returned,
}

/// What a suspended machine holds: the future its step awaits.
enum Awaiting<'c> {
    /// A `wait`'s timer.
    Timer(Sleep),
    /// A called helper's machine, boxed because a machine holding a machine is recursive.
    Helper(Box<Machine<'c>>),
    /// A `yield` (or `wait 0`).
    Yield(YieldNow),
}

impl Awaiting<'_> {
    fn poll(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        match self {
            Awaiting::Timer(timer) => Pin::new(timer).poll(cx),
            Awaiting::Helper(helper) => Pin::new(&mut **helper).poll(cx),
            Awaiting::Yield(yielded) => Pin::new(yielded).poll(cx),
        }
    }
}

impl<'c> Machine<'c> {
    fn new(ctx: &'c Ctx, task: usize, routine: Routine, blocking_waits: bool) -> Self {
        Machine {
            ctx,
            task,
            routine,
            blocking_waits,
            state: State::Unresumed,
        }
    }

    fn id(&self, index: usize) -> StepId {
        StepId {
            routine: self.routine,
            index,
        }
    }

    /// The future a suspending step awaits, made as `interpret::run_async` makes it (unpolled: a
    /// timer is armed on its first poll).
    fn future(&self, awaited: Await) -> Awaiting<'c> {
        let recorder = self.ctx.recorder.clone();
        match awaited {
            Await::Timer(ms) => Awaiting::Timer(Sleep::new(ms, self.task, recorder)),
            Await::Helper(helper) => Awaiting::Helper(Box::new(Machine::new(
                self.ctx,
                self.task,
                helper,
                self.blocking_waits,
            ))),
            Await::Yield => Awaiting::Yield(YieldNow::new(self.task, recorder)),
        }
    }

    /// Runs the steps from `from` up to the first that suspends, and says where the machine
    /// suspends and what it holds there; `None` when the routine ran to its end.
    fn run_from(&self, from: usize) -> Option<(usize, Awaiting<'c>)> {
        // A routine the recipe lacks has no steps, as `run_async` returns at once for it.
        let steps = &self.ctx.recipe.routine(self.routine)?.steps;
        for (index, step) in steps.iter().enumerate().skip(from) {
            let id = self.id(index);
            match begin(self.ctx, self.task, id, step, self.blocking_waits) {
                Begun::Ran => {}
                // `drop(sleep(45));`: built and dropped without a poll, it does nothing at all.
                Begun::Forgotten(awaited) => {
                    drop(awaited.map(|a| self.future(a)));
                    self.ctx.done(self.task, id);
                }
                Begun::Awaits(awaited) => return Some((index, self.future(awaited))),
            }
        }
        None
    }
}

impl Future for Machine<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // Every field is `Unpin` (the helper's machine is boxed), so the machine is too.
        let this = self.get_mut();
        loop {
            let from = match &mut this.state {
                State::Unresumed => 0,
                State::Suspended { at, holds } => {
                    if holds.poll(cx).is_pending() {
                        return Poll::Pending;
                    }
                    let at = *at;
                    this.ctx.done(this.task, this.id(at));
                    at + 1
                }
                // rustc's own words for polling an `async fn`'s future after it returned.
                State::Returned => panic!("`async fn` resumed after completion"),
            };
            // The step that suspends is polled at once, in its new state, as `.await` polls the
            // future it was given: a timer is armed there, a helper runs its first steps.
            this.state = match this.run_from(from) {
                Some((at, holds)) => State::Suspended { at, holds },
                None => {
                    this.state = State::Returned;
                    return Poll::Ready(());
                }
            };
        }
    }
}
