//! The futures a program runs as: each task's routine, and the program's top, step by step.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use futures::future::LocalBoxFuture;
use kitchen_model::python::asyncio::masked;
use kitchen_model::python::program::{Action, ClockKind, Join, Op, render};
use kitchen_model::python::value::Value;
use kitchen_model::{Activity, EventKind, StepId};

use super::executor::Exec;
use crate::busy::busy_wait;

/// The program stopped with an exception: nothing after it runs.
struct Raised;

/// Task `task`'s routine, run as its own future.
pub(super) async fn task(exec: Rc<Exec>, task: usize) {
    let routine = exec.program.tasks[task].routine;
    let _ = routine_steps(Rc::clone(&exec), task, routine).await;
}

/// The program's top: its ops, in order.
pub(super) async fn top(exec: Rc<Exec>, me: usize) {
    let program = Rc::clone(&exec.program);
    for (index, op) in program.main.iter().enumerate() {
        let id = exec.drawn.top_step(index);
        let went_on = match op {
            Op::Step(step) => step_of(&exec, me, id, &step.action).await,
            Op::Start(t, _) => {
                exec.start(*t);
                Ok(())
            }
            Op::Run(t, _) => {
                let routine = program.tasks[*t].routine;
                called(&exec, me, id, routine).await
            }
            Op::Await(members, join, _) => {
                Joined {
                    exec: &exec,
                    members,
                    join: *join,
                    registered: false,
                }
                .await;
                Ok(())
            }
            Op::EndLoop(_) => {
                Stopped {
                    exec: &exec,
                    asked: false,
                }
                .await;
                Ok(())
            }
        };
        if went_on.is_err() {
            return;
        }
    }
}

/// A routine's steps, on behalf of task `task`. Boxed: routines call routines.
fn routine_steps(
    exec: Rc<Exec>,
    task: usize,
    routine: usize,
) -> LocalBoxFuture<'static, Result<(), Raised>> {
    Box::pin(async move {
        let program = Rc::clone(&exec.program);
        let Some(steps) = program.routines.get(routine).map(|r| &r.steps) else {
            return Ok(());
        };
        // The top runs routines in its own turn: they are helpers on its lane.
        let owner = (task != program.tasks.len()).then_some(task);
        for (index, step) in steps.iter().enumerate() {
            let id = exec.drawn.routine_step(&program, owner, routine, index);
            step_of(&exec, task, Some(id), &step.action).await?;
        }
        Ok(())
    })
}

/// A call of `routine` in `task`'s own turn, as step `id`: the routine's steps between the step's
/// start and end.
async fn called(
    exec: &Rc<Exec>,
    task: usize,
    id: Option<StepId>,
    routine: usize,
) -> Result<(), Raised> {
    let activity = exec
        .program
        .routines
        .get(routine)
        .map_or(Activity::Work, |r| r.call_activity());
    started(exec, task, id, activity);
    routine_steps(Rc::clone(exec), task, routine).await?;
    ended(exec, task, id);
    Ok(())
}

/// Records the start of step `id` of `task`.
fn started(exec: &Exec, task: usize, id: Option<StepId>, activity: Activity) {
    if let Some(step) = id {
        exec.record_on(task, |task| EventKind::StepStart {
            task,
            step,
            activity,
        });
    }
}

/// Records the end of step `id` of `task`.
fn ended(exec: &Exec, task: usize, id: Option<StepId>) {
    if let Some(step) = id {
        exec.record_on(task, |task| EventKind::StepEnd { task, step });
    }
}

/// One step, for real, recorded as step `id` of `task`.
async fn step_of(
    exec: &Rc<Exec>,
    task: usize,
    id: Option<StepId>,
    action: &Action,
) -> Result<(), Raised> {
    let activity = match action {
        Action::Call(routine) => return called(exec, task, id, *routine).await,
        Action::Work(_) => Activity::Work,
        Action::Block(_) => Activity::Sleep,
        Action::Sleep(_) | Action::Yield => Activity::Await,
        Action::Print(_) | Action::Clock(..) | Action::Dropped(_) | Action::Raise(_) => {
            Activity::Instant
        }
    };
    started(exec, task, id, activity);
    match action {
        Action::Work(seconds) | Action::Block(seconds) => busy_wait(seconds * exec.scale),
        Action::Sleep(seconds) => {
            Sleep {
                exec,
                task,
                ms: seconds * exec.scale,
                armed: false,
            }
            .await
        }
        Action::Yield => {
            YieldNow {
                exec,
                task,
                yielded: false,
            }
            .await
        }
        Action::Print(pieces) => {
            // The readings this print shows, looked up in place rather than copied at each print.
            let text = {
                let readings = exec.readings.borrow();
                let reading = |slot: usize| readings.get(slot).cloned().unwrap_or(Value::None);
                render(pieces, &reading).unwrap_or_else(|e| e)
            };
            {
                let mut console = exec.console.borrow_mut();
                console.0.push_str(&masked(pieces));
                console.1.push_str(&text);
            }
            exec.print_lines(task, &text);
        }
        Action::Clock(slot, kind) => {
            // The program's seconds: a run at a tenth of real time reads a tenth as much.
            let seconds = exec.elapsed() / exec.scale;
            let value = match kind {
                ClockKind::Counter => Value::Float(exec.origin / 1000.0 + seconds),
                ClockKind::Time => Value::Float(exec.epoch + seconds),
                ClockKind::DateTime => Value::DateTime(exec.epoch + seconds),
            };
            if let Some(reading) = exec.readings.borrow_mut().get_mut(*slot) {
                *reading = value;
            }
        }
        Action::Call(_) | Action::Dropped(_) => {}
        Action::Raise(message) => {
            // The traceback's last line shows in the console, not among the printed lines.
            exec.print_lines(task, &format!("{message}\n"));
            ended(exec, task, id);
            *exec.error.borrow_mut() = Some(message.clone());
            return Err(Raised);
        }
    }
    ended(exec, task, id);
    Ok(())
}

/// `await asyncio.sleep(x)`: a timer of the loop's, armed on the first poll (futures are lazy).
struct Sleep<'e> {
    exec: &'e Exec,
    task: usize,
    ms: f64,
    armed: bool,
}

impl Future for Sleep<'_> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if !self.armed {
            self.armed = true;
            if let Some(slot) = self.exec.slots.borrow_mut().get_mut(self.task) {
                slot.fired = false;
            }
            self.exec.arm(self.task, self.ms);
            return Poll::Pending;
        }
        let fired = self
            .exec
            .slots
            .borrow()
            .get(self.task)
            .is_some_and(|s| s.fired);
        if fired {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

/// `await asyncio.sleep(0)`: the task goes to the back of the ready queue once. (Tokio's
/// `yield_now` waits until the timers due have woken their tasks: `Exec::defer`.)
struct YieldNow<'e> {
    exec: &'e Exec,
    task: usize,
    yielded: bool,
}

impl Future for YieldNow<'_> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        if self.exec.tokio.is_some() {
            self.exec.defer(self.task);
        } else {
            cx.waker().wake_by_ref();
        }
        Poll::Pending
    }
}

/// The top awaiting tasks: one, a gather's or a group's.
struct Joined<'e> {
    exec: &'e Exec,
    members: &'e [usize],
    join: Join,
    registered: bool,
}

impl Future for Joined<'_> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if !self.registered {
            self.registered = true;
            if self.exec.join(self.members, self.join) {
                return Poll::Pending;
            }
            return Poll::Ready(());
        }
        if self.exec.joined(self.members, self.join) {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

/// `asyncio.run` returning: the loop stops after this turn, and the top goes on after it.
struct Stopped<'e> {
    exec: &'e Exec,
    asked: bool,
}

impl Future for Stopped<'_> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if !self.asked {
            self.asked = true;
            self.exec.stopped.set(false);
            self.exec.ask_stop();
            return Poll::Pending;
        }
        if self.exec.stopped.get() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}
