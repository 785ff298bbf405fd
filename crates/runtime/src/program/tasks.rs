//! The futures a program runs as: each task's routine, and the program's top, step by step.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use futures::future::LocalBoxFuture;
use kitchen_model::python::asyncio::masked;
use kitchen_model::python::program::{Action, ClockKind, Join, Op, render};
use kitchen_model::python::value::Value;

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
    for op in &program.main {
        let went_on = match op {
            Op::Step(step) => step_of(&exec, me, &step.action).await,
            Op::Start(t, _) => {
                exec.start(*t);
                Ok(())
            }
            Op::Run(t, _) => {
                let routine = program.tasks[*t].routine;
                routine_steps(Rc::clone(&exec), me, routine).await
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
        let Some(routine) = program.routines.get(routine) else {
            return Ok(());
        };
        for step in &routine.steps {
            step_of(&exec, task, &step.action).await?;
        }
        Ok(())
    })
}

/// One step, for real.
async fn step_of(exec: &Rc<Exec>, task: usize, action: &Action) -> Result<(), Raised> {
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
        Action::Yield => YieldNow { yielded: false }.await,
        Action::Print(pieces) => {
            // The readings this print shows, looked up in place rather than copied at each print.
            let text = {
                let readings = exec.readings.borrow();
                let reading = |slot: usize| readings.get(slot).cloned().unwrap_or(Value::None);
                render(pieces, &reading).unwrap_or_else(|e| e)
            };
            let mut console = exec.console.borrow_mut();
            console.0.push_str(&masked(pieces));
            console.1.push_str(&text);
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
        Action::Call(routine) => routine_steps(Rc::clone(exec), task, *routine).await?,
        Action::Dropped(_) => {}
        Action::Raise(message) => {
            *exec.error.borrow_mut() = Some(message.clone());
            return Err(Raised);
        }
    }
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

/// `await asyncio.sleep(0)`: the task goes to the back of the ready queue once.
struct YieldNow {
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        cx.waker().wake_by_ref();
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
