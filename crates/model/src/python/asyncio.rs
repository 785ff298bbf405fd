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
//! blocking sleeps move the clock on while nothing else runs. Time is in seconds.
//!
//! The page's own run of a program is held to this; the CPython test holds this to CPython.

use std::collections::VecDeque;

use super::ast::BinOp;
use super::format;
use super::program::{Action, Clock, How, Join, Op, Piece, Program};
use super::value::Value;
use crate::timers::Timers;

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
    let mut sim = Sim::new(program);
    sim.go();
    let mut lines: Vec<String> = sim.console.split('\n').map(str::to_owned).collect();
    if sim.console.ends_with('\n') || sim.console.is_empty() {
        lines.pop();
    }
    Outcome {
        lines,
        total: sim.now,
        cancelled: sim.cancelled,
        error: sim.error,
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
    /// A process's line reaches the console: the print step of a routine, by routine and index.
    ProcessPrint(usize, usize),
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

struct Sim<'p> {
    program: &'p Program,
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
    /// Worker processes running, and the process tasks waiting for one.
    busy: usize,
    queued: VecDeque<usize>,
    cancelled: usize,
    error: Option<String>,
}

impl<'p> Sim<'p> {
    fn new(program: &'p Program) -> Self {
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
        let mut groups = Vec::new();
        for op in &program.main {
            if let Op::Await(members, Join::Group, _) = op {
                for &t in members {
                    if let Some(task) = tasks.get_mut(t) {
                        task.group = Some(groups.len());
                    }
                }
                groups.push((members.len(), false));
            }
        }
        tasks.push(Task {
            frames: vec![(Src::Top, 0)],
            started: true,
            done: false,
            waiters: Vec::new(),
            group: None,
        });
        Sim {
            program,
            now: 0.0,
            console: String::new(),
            ready: VecDeque::new(),
            timers: Timers::default(),
            tasks,
            gathers: Vec::new(),
            groups,
            stopping: false,
            busy: 0,
            queued: VecDeque::new(),
            cancelled: 0,
            error: None,
        }
    }

    fn top(&self) -> usize {
        self.tasks.len() - 1
    }

    fn arm(&mut self, due: f64, then: Ready) {
        self.timers.arm(due, then);
    }

    /// The loop, turn by turn, until nothing is ready and no timer is armed.
    fn go(&mut self) {
        let top = self.top();
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
            Ready::SetResult(task) => self.ready.push_back(Ready::Step(task)),
            Ready::ChildDone(gather) => {
                self.gathers[gather] -= 1;
                if self.gathers[gather] == 0 {
                    let top = self.top();
                    self.ready.push_back(Ready::Step(top));
                }
            }
            Ready::GroupDone(group) => {
                let (left, awaited) = &mut self.groups[group];
                *left -= 1;
                if *left == 0 && *awaited {
                    let top = self.top();
                    self.ready.push_back(Ready::Step(top));
                }
            }
            Ready::Stop => self.stopping = true,
            Ready::ProcessPrint(routine, step) => {
                if let Some(Action::Print(pieces)) = self.program.routines[routine]
                    .steps
                    .get(step)
                    .map(|s| &s.action)
                {
                    let text = masked(pieces);
                    self.console.push_str(&text);
                }
            }
            Ready::ProcessDone(task) => {
                self.busy -= 1;
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
        self.ready.push_back(Ready::Step(top));
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
                    self.ready.push_back(Ready::Step(top));
                }
                Waiter::Gather(g) => self.ready.push_back(Ready::ChildDone(g)),
            }
        }
    }

    /// Runs a task from where it stopped until it suspends or returns.
    fn step(&mut self, task: usize) {
        if self.tasks[task].done {
            return;
        }
        loop {
            let Some(&(src, index)) = self.tasks[task].frames.last() else {
                self.finish(task);
                return;
            };
            if let Some(frame) = self.tasks[task].frames.last_mut() {
                frame.1 += 1;
            }
            match src {
                Src::Top => {
                    let Some(op) = self.program.main.get(index) else {
                        self.tasks[task].frames.pop();
                        continue;
                    };
                    if self.op(task, op) {
                        return;
                    }
                }
                Src::Routine(r) => {
                    let Some(step) = self.program.routines[r].steps.get(index) else {
                        self.tasks[task].frames.pop();
                        continue;
                    };
                    if self.action(task, &step.action) {
                        return;
                    }
                }
            }
            if self.error.is_some() {
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
                if self.program.tasks[*t].how == How::Process {
                    // The pool hands tasks out in order, each to the first worker free.
                    if self.program.workers.is_none_or(|n| self.busy < n) {
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
                Join::Gather => {
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
                self.ready.push_back(Ready::Stop);
                true
            }
        }
    }

    /// Runs one step of a task; returns whether the task suspends.
    fn action(&mut self, task: usize, action: &Action) -> bool {
        match action {
            Action::Work(x) | Action::Block(x) => {
                self.now += x;
                false
            }
            Action::Sleep(x) => {
                let due = self.now + x;
                self.arm(due, Ready::SetResult(task));
                true
            }
            Action::Yield => {
                self.ready.push_back(Ready::Step(task));
                true
            }
            Action::Print(pieces) => {
                let text = masked(pieces);
                self.console.push_str(&text);
                false
            }
            Action::Clock(..) | Action::Dropped(_) => false,
            Action::Call(routine) => {
                self.tasks[task].frames.push((Src::Routine(*routine), 0));
                false
            }
            Action::Raise(message) => {
                self.error = Some(message.clone());
                true
            }
        }
    }

    /// A plain function run on a process of its own: its prints and its end reach the page at
    /// the times its own clock gives them, while the loop goes on.
    fn process(&mut self, task: usize) {
        self.busy += 1;
        let routine = self.program.tasks[task].routine;
        let mut clock = self.now;
        let mut stack = vec![(routine, 0usize)];
        while let Some((r, i)) = stack.pop() {
            let Some(step) = self.program.routines[r].steps.get(i) else {
                continue;
            };
            stack.push((r, i + 1));
            match &step.action {
                Action::Work(x) | Action::Block(x) | Action::Sleep(x) => clock += x,
                Action::Print(_) => self.arm(clock, Ready::ProcessPrint(r, i)),
                Action::Call(inner) => stack.push((*inner, 0)),
                _ => {}
            }
        }
        self.arm(clock, Ready::ProcessDone(task));
    }
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
