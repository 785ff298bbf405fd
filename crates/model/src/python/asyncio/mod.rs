//! A read program run as CPython's asyncio runs it, on a virtual clock: what it prints, how long it
//! takes, which tasks it leaves to be cancelled.
//!
//! This file owns asyncio's rules of order, as `asyncio/base_events.py` and `tasks.py` apply them,
//! and nothing else: each turn of the loop moves the timers that are due to the ready queue (in the
//! order they are due) and then runs only the callbacks that were ready when the turn began; a
//! sleep's timer sets a future, whose callback wakes the task a turn later; `sleep(0)` puts the task
//! straight back on the ready queue; a task that finishes wakes whoever awaits it from a callback,
//! and `gather` and `TaskGroup` put a callback of their own in between; when `asyncio.run`'s
//! coroutine returns, the loop runs one more turn and then cancels every task still pending. Work and
//! blocking sleeps move the clock on while nothing else runs. A worker process (`run_in_executor`)
//! runs beside the loop on a process of its own, the first free one of the pool: its plan
//! (`process`) is laid out on its own clock, its prints reach the console at their own times (a
//! process writes to the terminal itself), and its end is a callback of the loop's, which completes
//! the future the program awaits. Time is in seconds.
//!
//! The page's own run of a program is held to this; the CPython test holds this to CPython.

use std::collections::VecDeque;

mod tokio;

use super::ast::BinOp;
use super::drawn::Drawn;
use super::format;
use super::process::{Doing, job, plan};
use super::program::{
    Action, Clock, ClockKind, How, Join, Lines, Op, Piece, Program, Rules, render,
};
use super::value::Value;
use crate::cooks::job::JobStep;
use crate::recipe::StepId;
use crate::timers::Timers;
use crate::trace::{Activity, Event, EventKind, Start, Trace};
use crate::turns::Turns;

/// What a run of a program printed and how long it took.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The console's lines, each clock value shown as `⟨clock⟩` (as `run_in_cpython.py` masks
    /// them: times differ between any two runs).
    pub lines: Vec<String>,
    /// Seconds from the program's start to its end.
    pub total: f64,
    /// Tasks still pending when their loop stopped, which asyncio then cancels.
    pub cancelled: usize,
    /// The exception that ended the program, CPython's last line of its traceback.
    pub error: Option<String>,
}

/// The text that stands for a clock value in a masked console.
pub const MASK: &str = "⟨clock⟩";

/// Runs `program` and returns what it printed and how long it took.
pub fn run(program: &Program) -> Outcome {
    let mut sim = Sim::new(program, None);
    sim.go();
    sim.outcome()
}

/// Runs `program` and returns, besides its outcome, the facts a real run of it would record on
/// `drawn`'s lanes, at `drawn`'s scale: the prediction the page draws and steps through. A print
/// shows the clock values the virtual clock gives (a time since the run began, whose differences
/// are the program's exact durations), but the date and time of day, which no prediction knows,
/// as `⟨clock⟩`.
pub fn predict(program: &Program, drawn: &Drawn) -> (Outcome, Trace) {
    let recording = Recording {
        drawn,
        ms_per_second: drawn.ms_per_second(),
        events: Vec::new(),
        suspended: vec![None; program.tasks.len() + 1],
        readings: vec![Value::None; program.clocks],
        lines: Lines::default(),
    };
    let mut sim = Sim::new(program, Some(recording));
    sim.go();
    // A last line without its newline still shows, on the top's lane.
    if let Some(text) = sim.rec.as_mut().and_then(|r| r.lines.finish()) {
        let top = sim.top();
        sim.emit_on(top, |task| EventKind::Print { task, text });
    }
    let outcome = sim.outcome();
    let laid_out = sim.laid_out;
    let (mut events, scale) = sim
        .rec
        .take()
        .map(|r| (r.events, r.ms_per_second))
        .unwrap_or_default();
    if laid_out {
        crate::trace::in_time_order(&mut events);
    }
    let trace = Trace {
        events,
        end: outcome.total * scale,
        cancelled: false,
    };
    (outcome, trace)
}

/// What a run that records keeps besides the model's own state.
struct Recording<'d> {
    drawn: &'d Drawn,
    ms_per_second: f64,
    events: Vec<Event>,
    /// Each task's step it is suspended in (a sleep or a yield), which ends when it next runs.
    suspended: Vec<Option<StepId>>,
    /// The virtual clock's readings.
    readings: Vec<Value>,
    /// The console's line printed so far and not yet ended.
    lines: Lines,
}

impl Sim<'_, '_> {
    fn outcome(&self) -> Outcome {
        // What processes printed after the loop's last print goes in last.
        let mut console = self.console.clone();
        for (_, text) in &self.printed {
            console.push_str(text);
        }
        let mut lines: Vec<String> = console.split('\n').map(str::to_owned).collect();
        if console.ends_with('\n') || console.is_empty() {
            lines.pop();
        }
        Outcome {
            lines,
            total: self.now,
            cancelled: self.cancelled,
            error: self.error.clone(),
        }
    }
}

/// Where a frame's code comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Src {
    Top,
    Routine(usize),
}

/// A callback on the ready queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ready {
    /// A task's next step (`Task.__step`, or its wake-up).
    Step(usize),
    /// A sleep's timer fired: its future's result is set, which wakes the task a turn later.
    SetResult(usize),
    /// One of a gather's children finished: its done callback.
    ChildDone(usize),
    /// One of a `TaskGroup`'s tasks finished: its done callback.
    GroupDone(usize),
    /// `asyncio.run`'s coroutine returned: the loop stops after this turn.
    Stop,
    /// A process finished: its future is done.
    ProcessDone(usize),
}

/// What to do when a task finishes.
#[derive(Clone, Copy, Debug)]
enum Waiter {
    /// Wake the top (`await task`).
    Top,
    /// Tell a gather (its done callback).
    Gather(usize),
}

struct Task {
    frames: Vec<(Src, usize)>,
    /// Whether the top has started it (`create_task`, `gather`, a pool).
    started: bool,
    done: bool,
    waiters: Vec<Waiter>,
    /// The `TaskGroup` whose `async with` awaits it, if any.
    group: Option<usize>,
}

struct Sim<'p, 'd> {
    program: &'p Program,
    /// The facts recorded, when the run records them.
    rec: Option<Recording<'d>>,
    now: f64,
    console: String,
    ready: VecDeque<Ready>,
    /// Each timer with the callback it readies.
    timers: Timers<Ready>,
    /// The program's tasks, then the top.
    tasks: Vec<Task>,
    /// Each gather's children not yet reported done.
    gathers: Vec<usize>,
    /// Each group's tasks whose done callback has not run yet, and whether the top awaits it.
    groups: Vec<(usize, bool)>,
    stopping: bool,
    /// The pool's worker processes (the page's cooks), each with the task it runs, if any; and
    /// the process tasks waiting for one.
    cooks: Vec<Option<usize>>,
    queued: VecDeque<usize>,
    /// What processes print, with when, not yet in the console: a worker process writes to the
    /// terminal itself, not through the loop, so its lines go in at their own times.
    printed: Vec<(f64, String)>,
    /// Whether facts were recorded ahead of the loop's clock, so that the trace must be put in
    /// time order.
    laid_out: bool,
    cancelled: usize,
    error: Option<String>,
    /// What Tokio's rules need, for a program run by them.
    tokio: Option<Turns>,
}

impl<'p, 'd> Sim<'p, 'd> {
    fn new(program: &'p Program, rec: Option<Recording<'d>>) -> Self {
        let mut tasks: Vec<Task> = program
            .tasks
            .iter()
            .map(|t| Task {
                frames: vec![(Src::Routine(t.routine), 0)],
                started: false,
                done: false,
                waiters: Vec::new(),
                group: None,
            })
            .collect();
        let (of_task, sizes) = program.groups();
        for (task, group) in tasks.iter_mut().zip(of_task) {
            task.group = group;
        }
        let groups = sizes.into_iter().map(|n| (n, false)).collect();
        tasks.push(Task {
            frames: vec![(Src::Top, 0)],
            started: true,
            done: false,
            waiters: Vec::new(),
            group: None,
        });
        Sim {
            program,
            rec,
            now: 0.0,
            console: String::new(),
            ready: VecDeque::new(),
            timers: Timers::default(),
            tasks,
            gathers: Vec::new(),
            groups,
            stopping: false,
            cooks: Vec::new(),
            queued: VecDeque::new(),
            printed: Vec::new(),
            laid_out: false,
            cancelled: 0,
            error: None,
            tokio: (program.rules == Rules::Tokio).then(|| Turns::new(program)),
        }
    }

    fn top(&self) -> usize {
        self.tasks.len() - 1
    }

    fn arm(&mut self, due: f64, then: Ready) {
        self.timers.arm(due, then);
    }

    /// Records a fact as happening now, when the run records.
    fn emit(&mut self, kind: impl FnOnce() -> EventKind) {
        if let Some(rate) = self.rec.as_ref().map(|r| r.ms_per_second) {
            self.record(self.now * rate, kind());
        }
    }

    /// Records a fact at `at` real milliseconds, when the run records. (Not generic, so that the
    /// push is written once: more copies of it tipped the compiler into sharing it with the first
    /// look's prediction, which made the first look grow.)
    fn record(&mut self, at: f64, kind: EventKind) {
        if let Some(rec) = &mut self.rec {
            rec.events.push(Event { at, kind });
        }
    }

    /// The lane of a task of the model (the top is the last), if it has one.
    fn lane(&self, task: usize) -> Option<usize> {
        self.rec.as_ref()?.drawn.lane(task)
    }

    /// Records a fact about a task's lane, if it has one.
    fn emit_on(&mut self, task: usize, kind: impl FnOnce(usize) -> EventKind) {
        if let Some(lane) = self.lane(task) {
            self.emit(|| kind(lane));
        }
    }

    /// The step of the drawing that a task's innermost frame is in (its index already moved on).
    fn current(&self, task: usize) -> Option<StepId> {
        let rec = self.rec.as_ref()?;
        let &(src, next) = self.tasks[task].frames.last()?;
        let index = next.checked_sub(1)?;
        match src {
            Src::Top => rec.drawn.top_step(index),
            Src::Routine(r) => {
                let owner = (task != self.top()).then_some(task);
                Some(rec.drawn.routine_step(self.program, owner, r, index))
            }
        }
    }

    /// Records the start of the step `task` is in, doing `activity`.
    fn step_start(&mut self, task: usize, activity: Activity) {
        if let Some(step) = self.current(task) {
            self.emit_on(task, |task| EventKind::StepStart {
                task,
                step,
                activity,
            });
        }
    }

    /// Records the end of the step `task` is in.
    fn step_end(&mut self, task: usize) {
        if let Some(step) = self.current(task) {
            self.emit_on(task, |task| EventKind::StepEnd { task, step });
        }
    }

    /// Records that `task` suspends in the step it is in: its poll returns pending.
    fn suspend(&mut self, task: usize) {
        let step = self.current(task);
        if let Some(rec) = &mut self.rec
            && let Some(slot) = rec.suspended.get_mut(task)
        {
            *slot = step;
        }
        self.emit_on(task, |task| EventKind::PollEnd { task, ready: false });
    }

    /// Wakes `task`: its next step is ready (by Tokio's rules, the top and the futures it
    /// polls wait for the top's next poll instead).
    fn wake(&mut self, task: usize) {
        self.emit_on(task, |task| EventKind::Wake { task });
        if let Some(turns) = &mut self.tokio
            && turns.woken_for_top(task, self.tasks.len() - 1)
        {
            return;
        }
        self.ready.push_back(Ready::Step(task));
    }

    /// The loop, turn by turn, until nothing is ready and no timer is armed.
    fn go(&mut self) {
        if self.tokio.is_some() {
            return self.go_tokio();
        }
        let top = self.top();
        self.emit_on(top, |task| EventKind::TaskStart {
            task,
            how: Start::Scheduled,
        });
        self.ready.push_back(Ready::Step(top));
        while self.error.is_none() {
            if self.ready.is_empty() {
                match self.timers.next_due() {
                    Some(due) => self.now = self.now.max(due),
                    None => break,
                }
            }
            while let Some(then) = self.timers.pop_due(self.now) {
                self.ready.push_back(then);
            }
            // Only what was ready when the turn began runs in it.
            for _ in 0..self.ready.len() {
                let Some(callback) = self.ready.pop_front() else {
                    break;
                };
                self.callback(callback);
                if self.error.is_some() {
                    return;
                }
            }
            if self.stopping {
                self.stop();
            }
        }
    }

    fn callback(&mut self, callback: Ready) {
        match callback {
            Ready::Step(task) => self.step(task),
            Ready::SetResult(task) => {
                self.emit_on(task, |task| EventKind::TimerFired { task });
                self.wake(task);
            }
            Ready::ChildDone(gather) => {
                self.gathers[gather] -= 1;
                if self.gathers[gather] == 0 {
                    let top = self.top();
                    self.wake(top);
                }
            }
            Ready::GroupDone(group) => {
                let (left, awaited) = &mut self.groups[group];
                *left -= 1;
                if *left == 0 && *awaited {
                    let top = self.top();
                    self.wake(top);
                }
            }
            Ready::Stop => self.stopping = true,
            Ready::ProcessDone(task) => {
                if let Some(cook) = self.cooks.iter_mut().find(|c| **c == Some(task)) {
                    *cook = None;
                }
                self.finish(task);
                if let Some(next) = self.queued.pop_front() {
                    self.process(next);
                }
            }
        }
    }

    /// The loop stopped (`asyncio.run`'s coroutine returned): every task still pending is
    /// cancelled, and the top goes on after `asyncio.run` with no loop running.
    fn stop(&mut self) {
        self.stopping = false;
        let top = self.top();
        for (i, task) in self.tasks.iter_mut().enumerate() {
            if i != top && task.started && !task.done {
                task.done = true;
                self.cancelled += 1;
            }
        }
        self.ready.clear();
        self.timers.clear();
        self.wake(top);
    }

    /// A task finished: the callbacks of whoever awaits it.
    fn finish(&mut self, task: usize) {
        self.tasks[task].done = true;
        if let Some(group) = self.tasks[task].group {
            self.ready.push_back(Ready::GroupDone(group));
        }
        let waiters = std::mem::take(&mut self.tasks[task].waiters);
        for waiter in waiters {
            match waiter {
                Waiter::Top => {
                    let top = self.top();
                    self.wake(top);
                }
                Waiter::Gather(g) => self.ready.push_back(Ready::ChildDone(g)),
            }
        }
    }

    /// Runs a task from where it stopped until it suspends or returns: one poll of its future.
    fn step(&mut self, task: usize) {
        if self.tasks[task].done {
            return;
        }
        self.emit_on(task, |task| EventKind::PollStart { task });
        // The sleep or yield it was suspended in ends as it runs again.
        let resumed = self
            .rec
            .as_mut()
            .and_then(|r| r.suspended.get_mut(task).and_then(Option::take));
        if let Some(step) = resumed {
            self.emit_on(task, |task| EventKind::StepEnd { task, step });
        }
        loop {
            let Some(&(src, index)) = self.tasks[task].frames.last() else {
                self.emit_on(task, |task| EventKind::PollEnd { task, ready: true });
                self.emit_on(task, |task| EventKind::TaskEnd { task });
                self.finish(task);
                return;
            };
            if let Some(frame) = self.tasks[task].frames.last_mut() {
                frame.1 += 1;
            }
            let suspends = match src {
                Src::Top => {
                    let Some(op) = self.program.main.get(index) else {
                        self.tasks[task].frames.pop();
                        continue;
                    };
                    self.op(task, op)
                }
                Src::Routine(r) => {
                    let Some(step) = self.program.routines[r].steps.get(index) else {
                        self.tasks[task].frames.pop();
                        // The call that entered the routine ends with it.
                        self.step_end(task);
                        continue;
                    };
                    self.action(task, &step.action)
                }
            };
            if self.error.is_some() {
                self.emit_on(task, |task| EventKind::PollEnd { task, ready: true });
                self.emit_on(task, |task| EventKind::TaskEnd { task });
                return;
            }
            if suspends {
                self.suspend(task);
                return;
            }
        }
    }

    /// Runs one of the top's ops; returns whether the top suspends.
    fn op(&mut self, top: usize, op: &Op) -> bool {
        match op {
            Op::Step(step) => self.action(top, &step.action),
            Op::Start(t, _) => {
                self.tasks[*t].started = true;
                self.emit_on(*t, |task| EventKind::TaskStart {
                    task,
                    how: Start::Scheduled,
                });
                if let Some(turns) = &mut self.tokio
                    && turns.started_by_top(*t)
                {
                    // The top polls the futures it joins itself, in its own poll.
                } else if self.program.tasks[*t].how == How::Process {
                    // The pool hands tasks out in order, each to the first worker free.
                    let busy = self.cooks.iter().filter(|c| c.is_some()).count();
                    if self.program.workers.is_none_or(|n| busy < n) {
                        self.process(*t);
                    } else {
                        self.queued.push_back(*t);
                    }
                } else {
                    self.ready.push_back(Ready::Step(*t));
                }
                false
            }
            Op::Run(t, _) => {
                let routine = self.program.tasks[*t].routine;
                self.step_start(top, self.call_activity(routine));
                self.tasks[top].frames.push((Src::Routine(routine), 0));
                // The routine's own steps are the top's; its lane's task is never stepped.
                self.tasks[*t].done = true;
                false
            }
            Op::Await(members, join, _) => match join {
                Join::Task => {
                    let t = members[0];
                    if self.tasks[t].done {
                        false
                    } else {
                        self.tasks[t].waiters.push(Waiter::Top);
                        true
                    }
                }
                Join::Poll | Join::Rotate if self.tokio.is_some() => {
                    if members.iter().all(|&t| self.tasks[t].done) {
                        return false;
                    }
                    if let Some(turns) = &mut self.tokio {
                        turns.join(members, *join);
                    }
                    true
                }
                Join::Gather | Join::Poll | Join::Rotate => {
                    if members.is_empty() {
                        return false;
                    }
                    let gather = self.gathers.len();
                    self.gathers.push(members.len());
                    for &t in members {
                        if self.tasks[t].done {
                            // A done callback added to a done future is scheduled at once.
                            self.ready.push_back(Ready::ChildDone(gather));
                        } else {
                            self.tasks[t].waiters.push(Waiter::Gather(gather));
                        }
                    }
                    true
                }
                Join::Group => {
                    let group = members
                        .first()
                        .and_then(|&t| self.tasks[t].group)
                        .unwrap_or(0);
                    match self.groups.get_mut(group) {
                        Some((left, awaited)) if *left > 0 => {
                            *awaited = true;
                            true
                        }
                        _ => false,
                    }
                }
            },
            Op::EndLoop(_) => {
                if self.tokio.is_some() {
                    // `block_on` returns the moment its future is ready.
                    self.stopping = true;
                } else {
                    self.ready.push_back(Ready::Stop);
                }
                true
            }
        }
    }

    /// How a call of `routine` holds the thread.
    fn call_activity(&self, routine: usize) -> Activity {
        self.program
            .routines
            .get(routine)
            .map_or(Activity::Work, |r| r.call_activity())
    }

    /// Runs one step of a task; returns whether the task suspends.
    fn action(&mut self, task: usize, action: &Action) -> bool {
        match action {
            Action::Work(x) | Action::Block(x) => {
                let activity = if matches!(action, Action::Work(_)) {
                    Activity::Work
                } else {
                    Activity::Sleep
                };
                self.step_start(task, activity);
                self.now += x;
                self.step_end(task);
                false
            }
            Action::Sleep(x) => {
                self.step_start(task, Activity::Await);
                let due = self.now + x;
                let due_ms = due * self.rec.as_ref().map_or(0.0, |r| r.ms_per_second);
                self.emit_on(task, |task| EventKind::TimerArmed { task, due: due_ms });
                self.arm(due, Ready::SetResult(task));
                true
            }
            Action::Yield => {
                self.step_start(task, Activity::Await);
                match &mut self.tokio {
                    // Tokio's `yield_now` wakes its task only after the timers have been seen to.
                    Some(turns) => turns.defer(task),
                    None => self.wake(task),
                }
                true
            }
            Action::Print(pieces) => {
                let text = masked(pieces);
                self.flush_printed(self.now);
                self.console.push_str(&text);
                self.step_start(task, Activity::Instant);
                if self.rec.is_some() {
                    let shown = self.shown(pieces, text);
                    self.print_lines(task, &shown);
                }
                self.step_end(task);
                false
            }
            Action::Clock(slot, kind) => {
                let now = self.now;
                if let Some(reading) = self.rec.as_mut().and_then(|r| r.readings.get_mut(*slot)) {
                    *reading = match kind {
                        ClockKind::DateTime => Value::None,
                        ClockKind::Time | ClockKind::Counter => Value::Float(now),
                    };
                }
                self.step_start(task, Activity::Instant);
                self.step_end(task);
                false
            }
            Action::Dropped(_) => {
                self.step_start(task, Activity::Instant);
                self.step_end(task);
                false
            }
            Action::Call(routine) => {
                self.step_start(task, self.call_activity(*routine));
                self.tasks[task].frames.push((Src::Routine(*routine), 0));
                false
            }
            Action::Raise(message) => {
                self.step_start(task, Activity::Instant);
                // The traceback goes to stderr: the console shows it, the printed lines do not.
                self.print_lines(task, &format!("{message}\n"));
                self.step_end(task);
                self.error = Some(message.clone());
                true
            }
        }
    }

    /// Records the lines a print completes, each as the console shows it: a print's `end`
    /// other than a newline leaves its line open for the next print to go on.
    fn print_lines(&mut self, task: usize, text: &str) {
        let Some(rec) = &mut self.rec else {
            return;
        };
        for text in rec.lines.push(text) {
            self.emit_on(task, |task| EventKind::Print { task, text });
        }
    }

    /// A print's text in the prediction: its clock values from the virtual clock, or masked
    /// where it shows a date and time, which no prediction can know.
    fn shown(&self, pieces: &[Piece], masked: String) -> String {
        let Some(rec) = &self.rec else {
            return masked;
        };
        shown(pieces, &|slot| {
            rec.readings.get(slot).cloned().unwrap_or(Value::None)
        })
    }

    /// Task `task` run on a worker process of its own (the first free cook), while the loop goes
    /// on: its plan laid out from now on the process's own clock, and, when the run records, the
    /// job a cook is sent for it carried out as the cook carries it out. Its facts are recorded at
    /// their own times, ahead of the loop's (the trace is put in time order at the end, as the
    /// runtime puts the facts from its cooks); its end is a callback of the loop's at its time, by
    /// which the future `run_in_executor` returned is done.
    fn process(&mut self, task: usize) {
        // The first free cook, or one more.
        let cook = match self.cooks.iter_mut().enumerate().find(|(_, c)| c.is_none()) {
            Some((free, slot)) => {
                *slot = Some(task);
                free
            }
            None => {
                self.cooks.push(Some(task));
                self.cooks.len() - 1
            }
        };
        let mut end = self.now;
        for planned in plan(self.program, task) {
            match planned.doing {
                Doing::Hold(_, seconds) => end += seconds,
                Doing::Print(pieces) => {
                    // Kept in time order: processes print side by side.
                    let place = self.printed.partition_point(|(t, _)| *t <= end);
                    self.printed.insert(place, (end, masked(pieces)));
                }
                Doing::Call(_) | Doing::Return | Doing::Instant => {}
            }
        }
        self.emit_on(task, |task| EventKind::Sent { task, cook });
        self.emit_on(task, |task| EventKind::PollStart { task });
        if let (Some(rec), Some(lane)) = (&self.rec, self.lane(task)) {
            let shown = |pieces: &[Piece]| self.shown(pieces, masked(pieces));
            let steps = job(self.program, rec.drawn, task, &shown);
            let rate = rec.ms_per_second;
            let mut at = self.now * rate;
            let mut lines = Lines::default();
            for step in steps {
                match step {
                    JobStep::Start(step, activity) => self.record(
                        at,
                        EventKind::StepStart {
                            task: lane,
                            step,
                            activity,
                        },
                    ),
                    JobStep::End(step) => self.record(at, EventKind::StepEnd { task: lane, step }),
                    JobStep::Hold(_, ms) => at += ms,
                    JobStep::Print(text) => {
                        for text in lines.push(&text) {
                            self.record(at, EventKind::Print { task: lane, text });
                        }
                    }
                }
            }
            let at = end * rate;
            if let Some(text) = lines.finish() {
                self.record(at, EventKind::Print { task: lane, text });
            }
            self.record(
                at,
                EventKind::PollEnd {
                    task: lane,
                    ready: true,
                },
            );
            self.record(at, EventKind::TaskEnd { task: lane });
            self.laid_out = true;
        }
        self.arm(end, Ready::ProcessDone(task));
    }

    /// Moves what processes printed until `now` into the console, before the loop prints there.
    fn flush_printed(&mut self, now: f64) {
        let upto = self.printed.partition_point(|(t, _)| *t <= now);
        for (_, text) in self.printed.drain(..upto) {
            self.console.push_str(&text);
        }
    }
}

/// A print's text given the clock's readings so far (`Value::None` for a slot not read): its
/// values computed and formatted as Python would, or, where a value reads a slot with no reading
/// (a date no prediction knows, a clock a worker process read on its own thread) or cannot be
/// computed, [`masked`].
pub fn shown(pieces: &[Piece], reading: &dyn Fn(usize) -> Value) -> String {
    let unread = pieces.iter().any(|p| match p {
        Piece::Clock(clock, _) => clock.any_slot(&|slot| reading(slot) == Value::None),
        Piece::Text(_) => false,
    });
    if unread {
        return masked(pieces);
    }
    render(pieces, reading).unwrap_or_else(|_| masked(pieces))
}

/// A print's text with each clock value shown as [`MASK`], as `run_in_cpython.py` shows them.
pub fn masked(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            // `'%s' % t`: the template's text stays, the value is masked.
            Piece::Clock(Clock::Binary(BinOp::Mod, template, _), _) => match template.as_ref() {
                Clock::Const(Value::Str(t)) => {
                    let shown = format::percent(t, &Value::Str(MASK.to_owned()));
                    out.push_str(shown.as_deref().unwrap_or(MASK));
                }
                _ => out.push_str(MASK),
            },
            Piece::Clock(..) => out.push_str(MASK),
        }
    }
    out
}
