//! A worker process's run, planned before it starts: what `loop.run_in_executor` hands a cook.
//!
//! A plain function handed to a `ProcessPoolExecutor` runs alone on a process of its own. Nothing
//! else runs there, so what it does and in what order is its text's, from its first step to its
//! last, with the calls it makes entered and left in place: no loop decides anything. This module
//! owns that walk and nothing else. The model of asyncio (`asyncio`) lays the plan out on its
//! virtual clock, and the runtime sends it to a cook, which carries it out on its own thread; both
//! name each step by its routine and index, as every other step of a program is named.
//!
//! What a process may do is what `lower` lets it: work (computing), `time.sleep` (the process
//! waits, computing nothing), prints, and calls of other plain functions. A print's clock values
//! are those main read before it handed the process its arguments, known by the time the process
//! starts; a clock read inside the process (as the twins' `work` reads `time.thread_time()` for
//! its loop) takes no time, and a print of it shows the mask, for the page runs the process's
//! steps on a cook, whose readings the page does not ask back.

use super::drawn::Drawn;
use super::program::{Action, Piece, Program};
use crate::cooks::job::JobStep;
use crate::trace::Activity;

/// One thing a process does, with the step of the program it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Planned<'p> {
    /// The routine whose step it is.
    pub routine: usize,
    /// The step's index in that routine.
    pub index: usize,
    /// What it does.
    pub doing: Doing<'p>,
}

/// What a planned step does.
#[derive(Clone, Debug, PartialEq)]
pub enum Doing<'p> {
    /// A call of another routine begins (its steps follow, then its [`Doing::Return`]), doing
    /// this to the process's thread.
    Call(Activity),
    /// The call this step (the calling one) began ends.
    Return,
    /// The process is held this many seconds: computing ([`Activity::Work`]) or waiting
    /// ([`Activity::Sleep`]: `time.sleep`, or `asyncio.sleep` on the process's own loop, where
    /// nothing else could run meanwhile).
    Hold(Activity, f64),
    /// A print of these pieces.
    Print(&'p [Piece]),
    /// A step that takes no time and shows nothing (`sleep(0)`, a coroutine made and dropped).
    Instant,
}

/// The plan of task `task` of `program`, run on a process of its own: its routine's steps, and
/// those of the routines it calls, in order. Empty for a task the program does not have.
pub fn plan(program: &Program, task: usize) -> Vec<Planned<'_>> {
    let mut out = Vec::new();
    let Some(routine) = program.tasks.get(task).map(|t| t.routine) else {
        return out;
    };
    // A stack of routines being walked and the next step of each, as a call stack is.
    let mut stack = vec![(routine, 0usize)];
    while let Some((r, i)) = stack.pop() {
        let Some(step) = program.routines.get(r).and_then(|r| r.steps.get(i)) else {
            // The routine has ended: the step that called it ends too.
            if let Some(&(caller, next)) = stack.last() {
                out.push(Planned {
                    routine: caller,
                    index: next - 1,
                    doing: Doing::Return,
                });
            }
            continue;
        };
        stack.push((r, i + 1));
        let doing = match &step.action {
            Action::Work(x) => Doing::Hold(Activity::Work, *x),
            Action::Block(x) | Action::Sleep(x) => Doing::Hold(Activity::Sleep, *x),
            Action::Print(pieces) => Doing::Print(pieces),
            Action::Call(inner) => {
                stack.push((*inner, 0));
                let activity = program
                    .routines
                    .get(*inner)
                    .map_or(Activity::Work, |r| r.call_activity());
                Doing::Call(activity)
            }
            // The reader refuses exceptions in a process; were one here, it would take no time.
            Action::Yield | Action::Clock(..) | Action::Dropped(_) | Action::Raise(_) => {
                Doing::Instant
            }
        };
        out.push(Planned {
            routine: r,
            index: i,
            doing,
        });
    }
    out
}

/// Task `task`'s plan as the job a cook carries out: its steps named as `drawn` names them, its
/// seconds as real milliseconds at `drawn`'s scale, and each print's text as `text` writes it
/// (the page fills in the clock values its main has read).
pub fn job(
    program: &Program,
    drawn: &Drawn,
    task: usize,
    text: &dyn Fn(&[Piece]) -> String,
) -> Vec<JobStep> {
    let scale = drawn.ms_per_second();
    let mut out = Vec::new();
    for planned in plan(program, task) {
        let step = drawn.routine_step(program, Some(task), planned.routine, planned.index);
        match planned.doing {
            Doing::Call(activity) => out.push(JobStep::Start(step, activity)),
            // A return names the step that made the call.
            Doing::Return => out.push(JobStep::End(step)),
            Doing::Hold(activity, seconds) => {
                out.push(JobStep::Start(step, activity));
                out.push(JobStep::Hold(activity, seconds * scale));
                out.push(JobStep::End(step));
            }
            Doing::Print(pieces) => {
                out.push(JobStep::Start(step, Activity::Instant));
                out.push(JobStep::Print(text(pieces)));
                out.push(JobStep::End(step));
            }
            Doing::Instant => {
                out.push(JobStep::Start(step, Activity::Instant));
                out.push(JobStep::End(step));
            }
        }
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
