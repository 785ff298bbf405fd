//! Runs a coroutine's steps, as an `async fn` or as a plain function.
//!
//! These two functions are the Rust the code views show: for `cake` they do exactly what
//! `async fn cake() { work(15); sleep(45).await; }` (or its blocking twin) does, step by step, with
//! every step's start and end recorded.

use futures::future::LocalBoxFuture;

use super::busy::{busy_until, compute};
use super::clock::now;
use super::recorder::Recorder;
use super::sleep::Sleep;
use super::yield_now::YieldNow;
use kitchen_model::{Action, Activity, EventKind, Recipe, Routine, Step, StepId};

/// What a running recipe needs: the recipe and the recorder.
pub struct Ctx {
    /// The recipe being run.
    pub recipe: Recipe,
    /// Where facts go.
    pub recorder: Recorder,
    /// On a cook: how many rounds of computation make a millisecond of `work` (see
    /// [`busy`](super::busy)); `None` on the page, where `work` is a busy-wait.
    pub rounds_per_ms: Option<f64>,
}

// The helpers below are the steps' records, shared with the other ways of writing a task
// (`ways::machine`, `ways::callbacks`), so that every way records a step exactly as `run_async` does.
impl Ctx {
    /// `units` of the recipe in real milliseconds at its scale.
    pub(crate) fn ms(&self, units: u32) -> f64 {
        self.recipe.ms(f64::from(units))
    }

    /// Records that `task` began `step`, doing `activity` to the thread.
    pub(crate) fn step(&self, task: usize, step: StepId, activity: Activity) {
        self.recorder.record(EventKind::StepStart {
            task,
            step,
            activity,
        });
    }

    /// A step that busy-waits `units`: it starts on the busy-wait's own first reading of the clock
    /// (never on one shared with earlier facts), so its recorded length is exactly the busy-wait's.
    pub(crate) fn busy(&self, task: usize, step: StepId, activity: Activity, units: u32) {
        let start = now();
        self.recorder.record_at(
            start,
            EventKind::StepStart {
                task,
                step,
                activity,
            },
        );
        match self.rounds_per_ms {
            // Work on a cook is computation; a wait that blocks is a busy-wait everywhere.
            Some(rate) if activity == Activity::Work => {
                compute((rate * self.ms(units)).round() as u64)
            }
            _ => busy_until(start + self.ms(units)),
        }
    }

    /// Records that `task` ended `step`.
    pub(crate) fn done(&self, task: usize, step: StepId) {
        self.recorder.record(EventKind::StepEnd { task, step });
    }

    /// Records that `task` printed `text`.
    pub(crate) fn print(&self, task: usize, text: &str) {
        self.recorder.record(EventKind::Print {
            task,
            text: text.to_owned(),
        });
    }

    /// The helper a `call` names, if the recipe has it.
    pub(crate) fn helper(&self, name: &str) -> Option<Routine> {
        self.recipe.helper_index(name).map(Routine::Helper)
    }
}

/// Runs `routine`'s steps as an async function on behalf of `task` (an instance index).
///
/// `work` busy-waits; `wait` awaits a timer, or busy-waits when `blocking_waits` is set (the pitfall of
/// `time.sleep` inside `async def`); `call` awaits the helper; `yield` gives the loop back once.
pub fn run_async<'a>(
    ctx: &'a Ctx,
    task: usize,
    routine: Routine,
    blocking_waits: bool,
) -> LocalBoxFuture<'a, ()> {
    // Boxed because helpers make this recursive, and recursive async functions need indirection.
    Box::pin(async move {
        let Some(coroutine) = ctx.recipe.routine(routine) else {
            return;
        };
        for (index, step) in coroutine.steps.iter().enumerate() {
            let id = StepId { routine, index };
            match &step.action {
                Action::Work(n) => {
                    ctx.busy(task, id, Activity::Work, *n);
                }
                // `sleep(3);` without `.await`: the future is built and dropped without a poll, so it
                // never even arms its timer. (`wait` with blocking waits is a plain call: no await.)
                Action::Wait(_) | Action::Call(_) | Action::Yield
                    if step.missing_await
                        && !(blocking_waits && matches!(step.action, Action::Wait(_))) =>
                {
                    ctx.step(task, id, Activity::Instant);
                    drop(unpolled(ctx, task, step));
                }
                Action::Wait(n) if blocking_waits => {
                    ctx.busy(task, id, Activity::Sleep, *n);
                }
                Action::Wait(n) if !step.action.is_bare_yield() => {
                    ctx.step(task, id, Activity::Await);
                    Sleep::new(ctx.ms(*n), task, ctx.recorder.clone()).await;
                }
                Action::Print(text) => {
                    ctx.step(task, id, Activity::Instant);
                    ctx.print(task, text);
                }
                Action::Call(name) => {
                    ctx.step(task, id, Activity::Await);
                    if let Some(helper) = ctx.helper(name) {
                        run_async(ctx, task, helper, blocking_waits).await;
                    }
                }
                // `yield`, and `wait 0`, which `asyncio.sleep(0)` makes a yield too (see
                // `Action::is_bare_yield`): no timer is armed.
                Action::Wait(_) | Action::Yield => {
                    ctx.step(task, id, Activity::Await);
                    YieldNow::new(task, ctx.recorder.clone()).await;
                }
            }
            ctx.done(task, id);
        }
    })
}

/// The future a step would have awaited, built and never polled.
fn unpolled<'a>(ctx: &'a Ctx, task: usize, step: &Step) -> LocalBoxFuture<'a, ()> {
    match &step.action {
        // Never polled, a sleep arms no timer whatever its length: `wait 0` needs no case here.
        Action::Wait(n) => Box::pin(Sleep::new(ctx.ms(*n), task, ctx.recorder.clone())),
        Action::Call(name) => match ctx.helper(name) {
            Some(helper) => run_async(ctx, task, helper, false),
            None => Box::pin(std::future::ready(())),
        },
        _ => Box::pin(YieldNow::new(task, ctx.recorder.clone())),
    }
}

/// Runs `routine`'s steps as a plain function on behalf of `task`: every wait holds the thread.
pub fn run_blocking(ctx: &Ctx, task: usize, routine: Routine) {
    let Some(coroutine) = ctx.recipe.routine(routine) else {
        return;
    };
    for (index, step) in coroutine.steps.iter().enumerate() {
        let id = StepId { routine, index };
        match &step.action {
            Action::Work(n) => {
                ctx.busy(task, id, Activity::Work, *n);
            }
            Action::Wait(n) => {
                ctx.busy(task, id, Activity::Sleep, *n);
            }
            Action::Print(text) => {
                ctx.step(task, id, Activity::Instant);
                ctx.print(task, text);
            }
            Action::Call(name) => {
                ctx.step(task, id, Activity::Work);
                if let Some(helper) = ctx.helper(name) {
                    run_blocking(ctx, task, helper);
                }
            }
            // A plain function has no loop to give back to: the yield is recorded and does nothing.
            Action::Yield => ctx.step(task, id, Activity::Instant),
        }
        ctx.done(task, id);
    }
}
