//! One task instance's coroutine, stepped like the runtime's interpreter runs it.
//!
//! A coroutine asks the event loop it runs on for four things ([`Loop`]); the simulated loop
//! (`sim`) implements them, so this file knows nothing of the loop's queues and timers, and the
//! two do not import each other.

use crate::recipe::{Action, Recipe, Routine, StepId};
use crate::trace::{Activity, EventKind};

/// What a coroutine asks of the event loop it runs on.
pub trait Loop<'r> {
    /// The recipe being run.
    fn recipe(&self) -> &'r Recipe;
    /// Records a fact as happening now.
    fn emit(&mut self, kind: EventKind);
    /// Holds the thread for `ms`: time passes and nothing else can happen.
    fn hold(&mut self, ms: f64);
    /// Arms a timer for instance `task`, due `ms` from now.
    fn arm_timer(&mut self, task: usize, ms: f64);
    /// Wakes whatever polls instance `task`.
    fn wake_driver(&mut self, task: usize);
}

/// What a suspended coroutine is waiting for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Suspended {
    /// A timer; `fired` once its callback has run.
    Timer { fired: bool },
    /// A yield, which completes on the next poll.
    Yield,
}

/// A coroutine in progress: the stack of routines it is in (a `call` pushes the helper) and what it
/// is suspended on, if anything.
#[derive(Clone, Debug, Default)]
pub struct Coroutine {
    /// The routines entered, outermost first, each with the index of its current step.
    frames: Vec<(Routine, usize)>,
    suspended: Option<Suspended>,
    /// Whether the coroutine has returned.
    pub done: bool,
}

impl Coroutine {
    /// A coroutine about to run `routine` from its first step.
    pub fn new(routine: Routine) -> Self {
        Coroutine {
            frames: vec![(routine, 0)],
            suspended: None,
            done: false,
        }
    }

    /// Marks the timer this coroutine waits on as fired.
    pub fn timer_fired(&mut self) {
        self.suspended = Some(Suspended::Timer { fired: true });
    }

    fn current(&self) -> Option<StepId> {
        self.frames
            .last()
            .map(|&(routine, index)| StepId { routine, index })
    }

    /// Polls the coroutine as instance `task`, like `Traced` around `run_async`: runs steps until one
    /// suspends or the coroutine returns. Returns whether it completed.
    pub fn poll<'r>(&mut self, sim: &mut impl Loop<'r>, task: usize, blocking_waits: bool) -> bool {
        let recipe = sim.recipe();
        sim.emit(EventKind::PollStart { task });
        match self.suspended.take() {
            Some(Suspended::Timer { fired: false }) => {
                // A spurious poll (`join_all` polls every child when any of them wakes it).
                self.suspended = Some(Suspended::Timer { fired: false });
                sim.emit(EventKind::PollEnd { task, ready: false });
                return false;
            }
            Some(Suspended::Timer { fired: true } | Suspended::Yield) => {
                self.finish_step(sim, task)
            }
            None => {}
        }
        loop {
            let Some(id) = self.current() else {
                sim.emit(EventKind::PollEnd { task, ready: true });
                sim.emit(EventKind::TaskEnd { task });
                self.done = true;
                return true;
            };
            let Some(step) = recipe.step(id) else {
                // Past the routine's last step: return to the caller, whose `call` step ends here.
                self.frames.pop();
                if !self.frames.is_empty() {
                    self.finish_step(sim, task);
                }
                continue;
            };
            let ms = recipe.ms(f64::from(step.action.units()));
            let is_wait = matches!(step.action, Action::Wait(_));
            if step.missing_await && !(blocking_waits && is_wait) {
                // The future is built and dropped unpolled: the step does nothing at all.
                sim.emit(EventKind::StepStart {
                    task,
                    step: id,
                    activity: Activity::Instant,
                });
                self.finish_step(sim, task);
                continue;
            }
            match &step.action {
                Action::Work(_) => self.hold_step(sim, task, id, Activity::Work, ms),
                Action::Wait(_) if blocking_waits => {
                    self.hold_step(sim, task, id, Activity::Sleep, ms)
                }
                Action::Wait(_) if !step.action.is_bare_yield() => {
                    sim.emit(EventKind::StepStart {
                        task,
                        step: id,
                        activity: Activity::Await,
                    });
                    sim.arm_timer(task, ms);
                    self.suspended = Some(Suspended::Timer { fired: false });
                    sim.emit(EventKind::PollEnd { task, ready: false });
                    return false;
                }
                Action::Print(text) => {
                    sim.emit(EventKind::StepStart {
                        task,
                        step: id,
                        activity: Activity::Instant,
                    });
                    sim.emit(EventKind::Print {
                        task,
                        text: text.clone(),
                    });
                    self.finish_step(sim, task);
                }
                Action::Call(name) => {
                    sim.emit(EventKind::StepStart {
                        task,
                        step: id,
                        activity: Activity::Await,
                    });
                    match recipe.helper_index(name) {
                        Some(h) => self.frames.push((Routine::Helper(h), 0)),
                        None => self.finish_step(sim, task),
                    }
                }
                // `wait 0` too: `asyncio.sleep(0)` arms no timer (`Action::is_bare_yield`).
                Action::Wait(_) | Action::Yield => {
                    sim.emit(EventKind::StepStart {
                        task,
                        step: id,
                        activity: Activity::Await,
                    });
                    // The yield future wakes its own task before it returns Pending.
                    sim.emit(EventKind::Wake { task });
                    sim.wake_driver(task);
                    self.suspended = Some(Suspended::Yield);
                    sim.emit(EventKind::PollEnd { task, ready: false });
                    return false;
                }
            }
        }
    }

    /// Runs a step that holds the thread for its whole length: work, or a wait done as a busy-wait.
    fn hold_step<'r>(
        &mut self,
        sim: &mut impl Loop<'r>,
        task: usize,
        step: StepId,
        activity: Activity,
        ms: f64,
    ) {
        sim.emit(EventKind::StepStart {
            task,
            step,
            activity,
        });
        sim.hold(ms);
        self.finish_step(sim, task);
    }

    /// Ends the current step and moves to the next one in the same routine.
    fn finish_step<'r>(&mut self, sim: &mut impl Loop<'r>, task: usize) {
        if let Some(step) = self.current() {
            sim.emit(EventKind::StepEnd { task, step });
        }
        if let Some(frame) = self.frames.last_mut() {
            frame.1 += 1;
        }
    }
}

/// Runs `routine` as a plain function for instance `task`, like the runtime's `run_blocking`.
pub fn call_blocking<'r>(sim: &mut impl Loop<'r>, task: usize, routine: Routine, depth: usize) {
    let recipe = sim.recipe();
    let Some(coroutine) = recipe.routine(routine) else {
        return;
    };
    // Validated recipes cannot recurse; the guard only keeps a hand-built one from overflowing the stack.
    if depth > 64 {
        return;
    }
    for (index, step) in coroutine.steps.iter().enumerate() {
        let id = StepId { routine, index };
        let ms = recipe.ms(f64::from(step.action.units()));
        let activity = match step.action {
            Action::Work(_) | Action::Call(_) => Activity::Work,
            Action::Wait(_) => Activity::Sleep,
            Action::Print(_) | Action::Yield => Activity::Instant,
        };
        sim.emit(EventKind::StepStart {
            task,
            step: id,
            activity,
        });
        match &step.action {
            Action::Work(_) | Action::Wait(_) => sim.hold(ms),
            Action::Print(text) => sim.emit(EventKind::Print {
                task,
                text: text.clone(),
            }),
            Action::Call(name) => {
                if let Some(h) = recipe.helper_index(name) {
                    call_blocking(sim, task, Routine::Helper(h), depth + 1);
                }
            }
            Action::Yield => {}
        }
        sim.emit(EventKind::StepEnd { task, step: id });
    }
}
