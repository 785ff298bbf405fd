//! A recipe's tasks written in the two other ways of [`Way`] and run for real: with callbacks
//! ([`callbacks`]) and as hand-written state machines ([`machine`]). Each records what the thread
//! does exactly as an async/await run records it (the same steps, prints, timers, wakes and
//! polls), so that the model turns it into a timeline and a replay as it does any run, and a run
//! in one way can be laid beside a run in another.
//!
//! This module owns what the two ways share: which way drives a run ([`drive`]), and what a step
//! of an async routine does once it begins ([`begin`]), the one place besides
//! `interpret::run_async` that says, arm by arm, what each kind of step records. It must not
//! change what a run does: a way is how the tasks are written, never what they do, so every fact
//! is recorded through `interpret::Ctx`'s own helpers and the timers go through the page's timer
//! queue.
//!
//! It is reached only through `run::start_in_way`, which the page calls from a chunk of its own:
//! nothing the first look runs (`run::start`, the async copy of `modes::drive`) calls into it, so
//! a learner who never switches the way downloads none of it.

mod callbacks;
mod machine;

use std::rc::Rc;

use super::interpret::{Ctx, run_async};
use super::modes;
use kitchen_model::{Action, Activity, Mode, Routine, Step, StepId, Way};

/// Runs every instance of the recipe in `mode`, its tasks written in `way`; returns when `main`
/// would, or why the run could not go on. `run::start_in_way` passes only the modes `way`
/// applies to ([`Way::applies_to`]); the callbacks way says so and stops for any other.
pub(crate) async fn drive(ctx: &Rc<Ctx>, mode: Mode, way: Way) -> Result<(), String> {
    match way {
        Way::Callbacks => callbacks::drive(ctx, mode).await,
        // The state machines are futures, so `main` is the mode's own code: the same `join_all`,
        // `spawn_local` or awaits in turn as an async/await run's, over other futures.
        Way::StateMachine => modes::drive(ctx, mode, machine::write).await,
        Way::Async => modes::drive(ctx, mode, run_async).await,
    }
}

/// What a begun step waits for.
pub(crate) enum Await {
    /// A timer of this many milliseconds.
    Timer(f64),
    /// A helper's steps, run on behalf of the caller's task.
    Helper(Routine),
    /// One turn of the loop: the task goes behind what is ready now.
    Yield,
}

/// What became of a step [`begin`] began.
pub(crate) enum Begun {
    /// It ran whole and its end is recorded: work, a blocking wait, a print, or a call of a helper
    /// the recipe lacks.
    Ran,
    /// It began and waits for this; the way waits, then records the step's end (`Ctx::done`).
    Awaits(Await),
    /// Its `.await` is missing: it began, and what it would have waited for (if anything) is never
    /// waited for. The way builds it and drops it, or schedules nothing, then records the step's
    /// end at once.
    Forgotten(Option<Await>),
}

/// Begins step `id` (`step`) of an async routine on behalf of `task`: runs it whole if it does not
/// suspend, else records its start and says what it waits for.
///
/// The arms are `interpret::run_async`'s, in its order and with its records, so that a task
/// written in another way records each step as the async/await task does; change the two
/// together (the browser tests of `tests/ways.rs` hold their traces to each other's).
pub(crate) fn begin(
    ctx: &Ctx,
    task: usize,
    id: StepId,
    step: &Step,
    blocking_waits: bool,
) -> Begun {
    match &step.action {
        Action::Work(n) => ctx.busy(task, id, Activity::Work, *n),
        // A missing `.await`: the future is built and dropped without a poll, so it never even
        // arms its timer. (`wait` with blocking waits is a plain call: there is no await to miss.)
        Action::Wait(_) | Action::Call(_) | Action::Yield
            if step.missing_await
                && !(blocking_waits && matches!(step.action, Action::Wait(_))) =>
        {
            ctx.step(task, id, Activity::Instant);
            return Begun::Forgotten(awaited(ctx, step));
        }
        Action::Wait(n) if blocking_waits => ctx.busy(task, id, Activity::Sleep, *n),
        Action::Wait(n) if !step.action.is_bare_yield() => {
            ctx.step(task, id, Activity::Await);
            return Begun::Awaits(Await::Timer(ctx.ms(*n)));
        }
        Action::Print(text) => {
            ctx.step(task, id, Activity::Instant);
            ctx.print(task, text);
        }
        Action::Call(name) => {
            ctx.step(task, id, Activity::Await);
            if let Some(helper) = ctx.helper(name) {
                return Begun::Awaits(Await::Helper(helper));
            }
        }
        // `yield`, and `wait 0`, which `asyncio.sleep(0)` makes a yield too (see
        // `Action::is_bare_yield`): no timer is armed.
        Action::Wait(_) | Action::Yield => {
            ctx.step(task, id, Activity::Await);
            return Begun::Awaits(Await::Yield);
        }
    }
    ctx.done(task, id);
    Begun::Ran
}

/// What a step whose `.await` is missing would have waited for: nothing for a call of a helper
/// the recipe lacks (as `interpret`'s unpolled future is a ready one).
fn awaited(ctx: &Ctx, step: &Step) -> Option<Await> {
    match &step.action {
        // Never polled, a sleep arms no timer whatever its length: `wait 0` needs no case here.
        Action::Wait(n) => Some(Await::Timer(ctx.ms(*n))),
        Action::Call(name) => ctx.helper(name).map(Await::Helper),
        _ => Some(Await::Yield),
    }
}
