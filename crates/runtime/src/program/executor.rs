//! asyncio's loop, on the browser's: what is ready runs in turns, and timers wait behind one
//! browser timeout.
//!
//! The rules are asyncio's (`base_events.py`'s `_run_once`, `tasks.py`'s `__step` and
//! `__wakeup`): a turn first moves every timer that is due to the ready queue, in the order they are
//! due, then runs only the callbacks that were ready when it began; a sleep's timer sets its
//! future's result, and the task wakes in the next turn; a waker (`sleep(0)`, a task that finished)
//! puts the task at the back of the ready queue. Turns run one after another in the browser's
//! microtasks, as `wasm-bindgen-futures` runs futures; when nothing is ready, one gloo timeout waits
//! for the earliest timer. The page's trace of such a run, its lanes and its prediction come with
//! the page's Python editor; this executor is what they will record.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use futures::StreamExt;
use futures::channel::{mpsc, oneshot};
use gloo_timers::callback::Timeout;
use kitchen_model::python::asyncio::shown;
use kitchen_model::python::drawn::Drawn;
use kitchen_model::python::process::job;
use kitchen_model::python::program::{How, Join, Lines, Program, Rules};
use kitchen_model::python::value::Value;
use kitchen_model::timers::Timers;
use kitchen_model::turns::Turns;
use kitchen_model::{EventKind, Start};

use super::tasks;
use super::{Job, News, Outcome, Workers};
use crate::clock;
use crate::recorder::Recorder;

/// A callback on the ready queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ready {
    /// Poll a task (its `__step`, or its wake-up).
    Poll(usize),
    /// A sleep's timer fired: its future's result is set.
    SetResult(usize),
    /// A gather's child finished: its done callback.
    ChildDone(usize),
    /// A `TaskGroup`'s task finished: its done callback.
    GroupDone(usize),
    /// `asyncio.run`'s coroutine returned: the loop stops after this turn.
    Stop,
    /// A worker process ended: the future `run_in_executor` returned is done.
    ProcessDone(usize),
}

thread_local! {
    /// The ready queue: wakers push onto it, so it lives where a waker can reach it. One program
    /// runs at a time (the runtime runs one run at a time).
    static READY: RefCell<VecDeque<Ready>> = const { RefCell::new(VecDeque::new()) };
    /// The executor of the run in progress, for wakers to schedule a turn.
    static CURRENT: RefCell<Option<Rc<Exec>>> = const { RefCell::new(None) };
}

/// When the run in progress next has a timer due, on `performance.now()`'s clock, if it has one.
pub(super) fn next_due() -> Option<f64> {
    CURRENT.with(|c| {
        let exec = c.borrow();
        let exec = exec.as_ref()?;
        let due = exec.timers.borrow().next_due()?;
        Some(exec.origin + due)
    })
}

/// Puts a callback at the back of the ready queue and makes sure a turn will run it.
pub(super) fn call_soon(ready: Ready) {
    READY.with(|r| r.borrow_mut().push_back(ready));
    ensure_turn();
}

/// Makes sure a turn of the run in progress will run.
pub(super) fn ensure_turn() {
    if let Some(exec) = CURRENT.with(|c| c.borrow().clone()) {
        exec.schedule();
    }
}

/// Whether nothing is on the ready queue.
pub(super) fn ready_is_empty() -> bool {
    READY.with(|r| r.borrow().is_empty())
}

/// Takes the callback at the front of the ready queue.
pub(super) fn next_ready() -> Option<Ready> {
    READY.with(|r| r.borrow_mut().pop_front())
}

/// A task's waker: waking it puts its poll on the ready queue, as asyncio's `call_soon` does.
struct TaskWaker(usize);

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        match CURRENT.with(|c| c.borrow().clone()) {
            Some(exec) => exec.wake(self.0),
            None => call_soon(Ready::Poll(self.0)),
        }
    }
}

/// What the executor knows of one task.
#[derive(Default)]
pub(super) struct Slot {
    future: Option<Pin<Box<dyn Future<Output = ()>>>>,
    pub(super) started: bool,
    pub(super) done: bool,
    /// Its sleep's timer has fired.
    pub(super) fired: bool,
    /// Gathers told when it finishes (`None`: the top, awaiting it).
    waiters: Vec<Option<usize>>,
    group: Option<usize>,
}

/// One run's loop.
pub(super) struct Exec {
    pub(super) program: Rc<Program>,
    /// The program's lanes and steps, which the facts name.
    pub(super) drawn: Rc<Drawn>,
    /// Where the facts go.
    pub(super) recorder: Recorder,
    /// The console's line printed so far and not yet ended.
    lines: RefCell<Lines>,
    /// Real milliseconds in one of the program's seconds.
    pub(super) scale: f64,
    /// When the run began, on `performance.now()`'s clock.
    pub(super) origin: f64,
    /// The epoch's seconds when the run began, for `time.time()` and `datetime.now()`.
    pub(super) epoch: f64,
    pub(super) slots: RefCell<Vec<Slot>>,
    /// Each timer with the task whose sleep it ends.
    pub(super) timers: RefCell<Timers<usize>>,
    /// Each gather's children not yet done, and the groups' (tasks left, awaited).
    gathers: RefCell<Vec<usize>>,
    groups: RefCell<Vec<(usize, bool)>>,
    /// The stop's state: asked for in this turn, done (the top goes on after the loop).
    pub(super) stopping: Cell<bool>,
    pub(super) stopped: Cell<bool>,
    pub(super) console: RefCell<(String, String)>,
    pub(super) readings: RefCell<Vec<Value>>,
    pub(super) error: RefCell<Option<String>>,
    cancelled: Cell<usize>,
    /// Where worker processes are handed to the pool, if the program has any.
    jobs: Option<mpsc::UnboundedSender<Job>>,
    /// Worker processes handed out and not yet ended: the run ends after them.
    processes: Cell<usize>,
    /// Why the pool could not go on, which ends the run.
    failure: RefCell<Option<String>>,
    pub(super) turn_scheduled: Cell<bool>,
    pub(super) timeout: RefCell<Option<Timeout>>,
    finished: RefCell<Option<oneshot::Sender<()>>>,
    /// What Tokio's rules keep, for a program run by them (one read from Rust).
    pub(super) tokio: Option<RefCell<Turns>>,
}

/// Ends a run's hold on the thread-locals however the run ends: finished, or dropped when the
/// page cancels it (its futures, its timers and the timeout that would wake it go with it).
struct Current;

impl Drop for Current {
    fn drop(&mut self) {
        if let Some(exec) = CURRENT.with(|c| c.borrow_mut().take()) {
            exec.timeout.borrow_mut().take();
            exec.timers.borrow_mut().clear();
            exec.slots.borrow_mut().clear();
        }
        READY.with(|r| r.borrow_mut().clear());
    }
}

/// Runs `program` to its end, recording its facts on `drawn`'s lanes into `recorder`.
pub(super) async fn run(
    program: Rc<Program>,
    drawn: Rc<Drawn>,
    recorder: Recorder,
    scale: f64,
    workers: Option<Workers>,
) -> Result<Outcome, String> {
    if CURRENT.with(|c| c.borrow().is_some()) {
        return Err("a program is already running".to_owned());
    }
    let pool = match workers {
        Some(workers) if program.pool_size() > 0 => {
            let (jobs, handed) = mpsc::unbounded();
            let (told, news) = mpsc::unbounded();
            let count = program.pool_size();
            Some((jobs, (workers(recorder.clone(), count, handed, told), news)))
        }
        _ => None,
    };
    let (jobs, pool) = pool.unzip();
    let mut slots: Vec<Slot> = (0..=program.tasks.len()).map(|_| Slot::default()).collect();
    let (of_task, sizes) = program.groups();
    for (slot, group) in slots.iter_mut().zip(of_task) {
        slot.group = group;
    }
    let groups = sizes.into_iter().map(|n| (n, false)).collect();
    let (done_tx, done_rx) = oneshot::channel();
    let exec = Rc::new(Exec {
        readings: RefCell::new(vec![Value::None; program.clocks]),
        program: Rc::clone(&program),
        drawn,
        recorder,
        lines: RefCell::default(),
        scale,
        origin: clock::now(),
        epoch: js_sys::Date::now() / 1000.0,
        slots: RefCell::new(Vec::new()),
        timers: RefCell::new(Timers::default()),
        gathers: RefCell::new(Vec::new()),
        groups: RefCell::new(groups),
        stopping: Cell::new(false),
        stopped: Cell::new(false),
        console: RefCell::new((String::new(), String::new())),
        error: RefCell::new(None),
        cancelled: Cell::new(0),
        jobs,
        processes: Cell::new(0),
        failure: RefCell::new(None),
        turn_scheduled: Cell::new(false),
        timeout: RefCell::new(None),
        finished: RefCell::new(Some(done_tx)),
        tokio: (program.rules == Rules::Tokio).then(|| RefCell::new(Turns::new(&program))),
    });
    // Every task's future, and the top's, made before anything runs: futures are lazy.
    let top = program.tasks.len();
    for (t, slot) in slots.iter_mut().enumerate() {
        slot.future = Some(if t == top {
            Box::pin(tasks::top(Rc::clone(&exec), top))
        } else {
            Box::pin(tasks::task(Rc::clone(&exec), t))
        });
    }
    slots[top].started = true;
    *exec.slots.borrow_mut() = slots;
    READY.with(|r| r.borrow_mut().clear());
    CURRENT.with(|c| *c.borrow_mut() = Some(Rc::clone(&exec)));
    let current = Current;
    exec.record_on(top, |task| EventKind::TaskStart {
        task,
        how: Start::Scheduled,
    });
    if let Some((serve, news)) = pool {
        // The pool and what the run hears from it, as one future.
        let heard = listen(Rc::downgrade(&exec), news);
        wasm_bindgen_futures::spawn_local(async move {
            futures::future::join(serve, heard).await;
        });
    }
    if exec.tokio.is_some() {
        // By Tokio's rules the top is polled first, from its own flag.
        ensure_turn();
    } else {
        call_soon(Ready::Poll(top));
    }
    let _ = done_rx.await;
    if let Some(why) = exec.failure.borrow_mut().take() {
        return Err(why);
    }
    let total_ms = clock::now() - exec.origin;
    // A last line without its newline still shows, on the top's lane.
    let last = exec.lines.borrow_mut().finish();
    if let Some(text) = last {
        exec.record_on(top, |task| EventKind::Print { task, text });
    }
    drop(current);
    let (masked, text) = exec.console.borrow().clone();
    let mut lines: Vec<String> = masked.split('\n').map(str::to_owned).collect();
    if masked.ends_with('\n') || masked.is_empty() {
        lines.pop();
    }
    let error = exec.error.borrow().clone();
    // Drop every future (the cancelled tasks' among them) before the run ends.
    exec.slots.borrow_mut().clear();
    Ok(Outcome {
        lines,
        text,
        total_ms,
        cancelled: exec.cancelled.get(),
        error,
    })
}

impl Exec {
    /// The lane of a task (the top is the last), if it has one.
    fn lane(&self, task: usize) -> Option<usize> {
        self.drawn.lane(task)
    }

    /// Records a fact about a task's lane, if it has one.
    pub(super) fn record_on(&self, task: usize, kind: impl FnOnce(usize) -> EventKind) {
        if let Some(lane) = self.lane(task) {
            self.recorder.record(kind(lane));
        }
    }

    /// Wakes `task`: its poll joins the back of the ready queue (by Tokio's rules, the top and
    /// the futures it joins wait for the top's next poll instead).
    pub(super) fn wake(&self, task: usize) {
        self.record_on(task, |task| EventKind::Wake { task });
        if let Some(turns) = &self.tokio
            && turns.borrow_mut().woken_for_top(task, self.top())
        {
            ensure_turn();
            return;
        }
        call_soon(Ready::Poll(task));
    }

    /// Records the lines a print completes, as the model's run does (`asyncio::predict`): a
    /// print's `end` other than a newline leaves its line open for the next print.
    pub(super) fn print_lines(&self, task: usize, text: &str) {
        let done = self.lines.borrow_mut().push(text);
        for text in done {
            self.record_on(task, |task| EventKind::Print { task, text });
        }
    }

    /// Milliseconds since the run began.
    pub(super) fn elapsed(&self) -> f64 {
        clock::now() - self.origin
    }

    pub(super) fn top(&self) -> usize {
        self.program.tasks.len()
    }

    /// Makes sure a turn runs soon: in a microtask, as `spawn_local` runs futures.
    fn schedule(self: &Rc<Self>) {
        if self.turn_scheduled.replace(true) {
            return;
        }
        let exec = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move { exec.turn() });
    }

    /// Arms a timer ending `task`'s sleep `ms` from now.
    pub(super) fn arm(&self, task: usize, ms: f64) {
        let due = self.elapsed() + ms;
        self.timers.borrow_mut().arm(due, task);
        let at = self.origin + due;
        self.record_on(task, |task| EventKind::TimerArmed { task, due: at });
    }

    /// One turn of the loop.
    fn turn(self: &Rc<Self>) {
        if self.tokio.is_some() {
            return self.turn_tokio();
        }
        self.turn_scheduled.set(false);
        self.timeout.borrow_mut().take();
        let now = self.elapsed();
        loop {
            let due = self.timers.borrow_mut().pop_due(now);
            let Some(task) = due else {
                break;
            };
            READY.with(|r| r.borrow_mut().push_back(Ready::SetResult(task)));
        }
        let count = READY.with(|r| r.borrow().len());
        for _ in 0..count {
            let Some(ready) = READY.with(|r| r.borrow_mut().pop_front()) else {
                break;
            };
            self.callback(ready);
            if self.error.borrow().is_some() {
                self.finish_run();
                return;
            }
        }
        if self.stopping.replace(false) {
            self.stop();
        }
        self.next();
    }

    /// What follows a turn: another at once, a timeout for the next timer, or the run's end.
    pub(super) fn next(self: &Rc<Self>) {
        if READY.with(|r| !r.borrow().is_empty()) {
            self.schedule();
            return;
        }
        let next_due = self.timers.borrow().next_due();
        match next_due {
            Some(due) => {
                let wait = (due - self.elapsed()).max(0.0);
                let exec = Rc::clone(self);
                // A browser timeout takes whole milliseconds: round up, so it never fires early.
                let ms = u32::try_from(wait.ceil() as u64).unwrap_or(u32::MAX);
                *self.timeout.borrow_mut() = Some(Timeout::new(ms, move || exec.schedule()));
            }
            None => {
                let top_done = self.slots.borrow().get(self.top()).is_none_or(|s| s.done);
                // A worker process still running ends later, from the pool's news.
                if top_done && self.processes.get() == 0 {
                    self.finish_run();
                }
            }
        }
    }

    pub(super) fn finish_run(&self) {
        self.timeout.borrow_mut().take();
        if let Some(tx) = self.finished.borrow_mut().take() {
            let _ = tx.send(());
        }
    }

    pub(super) fn callback(self: &Rc<Self>, ready: Ready) {
        match ready {
            Ready::Poll(task) => self.poll(task),
            Ready::SetResult(task) => {
                if let Some(slot) = self.slots.borrow_mut().get_mut(task) {
                    slot.fired = true;
                }
                self.record_on(task, |task| EventKind::TimerFired { task });
                self.wake(task);
            }
            Ready::ChildDone(gather) => {
                let left = {
                    let mut gathers = self.gathers.borrow_mut();
                    gathers[gather] -= 1;
                    gathers[gather]
                };
                if left == 0 {
                    self.wake(self.top());
                }
            }
            Ready::GroupDone(group) => {
                let wake = {
                    let mut groups = self.groups.borrow_mut();
                    let (left, awaited) = &mut groups[group];
                    *left -= 1;
                    *left == 0 && *awaited
                };
                if wake {
                    self.wake(self.top());
                }
            }
            Ready::Stop => self.stopping.set(true),
            Ready::ProcessDone(task) => {
                self.processes.set(self.processes.get().saturating_sub(1));
                // A process the loop's stop cancelled ends with nobody waiting for it.
                if self.slots.borrow().get(task).is_some_and(|s| !s.done) {
                    self.finished(task);
                }
            }
        }
    }

    /// Polls a task's future once, with its own waker.
    pub(super) fn poll(self: &Rc<Self>, task: usize) {
        let future = {
            let mut slots = self.slots.borrow_mut();
            match slots.get_mut(task) {
                Some(slot) if !slot.done => slot.future.take(),
                _ => None,
            }
        };
        let Some(mut future) = future else {
            return;
        };
        let waker = Waker::from(Arc::new(TaskWaker(task)));
        let mut cx = Context::from_waker(&waker);
        let (_held, at) = clock::Held::join();
        if let Some(lane) = self.lane(task) {
            self.recorder
                .record_at(at, EventKind::PollStart { task: lane });
        }
        let result = future.as_mut().poll(&mut cx);
        let ready = result.is_ready();
        self.record_on(task, |task| EventKind::PollEnd { task, ready });
        if ready {
            self.record_on(task, |task| EventKind::TaskEnd { task });
        }
        match result {
            Poll::Ready(()) => self.finished(task),
            Poll::Pending => {
                if let Some(slot) = self.slots.borrow_mut().get_mut(task) {
                    slot.future = Some(future);
                }
            }
        }
    }

    /// A task finished: the done callbacks of whoever awaits it.
    fn finished(&self, task: usize) {
        let (group, waiters) = {
            let mut slots = self.slots.borrow_mut();
            let Some(slot) = slots.get_mut(task) else {
                return;
            };
            slot.done = true;
            (slot.group, std::mem::take(&mut slot.waiters))
        };
        if let Some(group) = group {
            call_soon(Ready::GroupDone(group));
        }
        for waiter in waiters {
            match waiter {
                None => self.wake(self.top()),
                Some(gather) => call_soon(Ready::ChildDone(gather)),
            }
        }
    }

    /// Starts a task: its first step is ready, or, for a worker process, it is handed to the
    /// pool, its prints' clock values those read so far.
    pub(super) fn start(&self, task: usize) {
        if let Some(slot) = self.slots.borrow_mut().get_mut(task) {
            slot.started = true;
        }
        self.record_on(task, |task| EventKind::TaskStart {
            task,
            how: Start::Scheduled,
        });
        let on_process = self
            .program
            .tasks
            .get(task)
            .is_some_and(|t| t.how == How::Process);
        if let Some(turns) = &self.tokio
            && turns.borrow_mut().started_by_top(task)
        {
            // The top polls the futures it joins itself, in its own poll.
            return;
        }
        let (Some(jobs), Some(lane), true) = (&self.jobs, self.lane(task), on_process) else {
            call_soon(Ready::Poll(task));
            return;
        };
        let text = |pieces: &[_]| {
            let readings = self.readings.borrow();
            shown(pieces, &|slot| {
                readings.get(slot).cloned().unwrap_or(Value::None)
            })
        };
        let steps = job(&self.program, &self.drawn, task, &text);
        self.processes.set(self.processes.get() + 1);
        let _ = jobs.unbounded_send(Job { task, lane, steps });
    }

    /// The pool could not go on: the run ends, saying why.
    fn fail(&self, why: String) {
        self.failure.borrow_mut().get_or_insert(why);
        self.finish_run();
    }

    /// Whether the top awaiting these tasks must wait, registering its wake-up if so.
    pub(super) fn join(&self, members: &[usize], join: Join) -> bool {
        let mut slots = self.slots.borrow_mut();
        match join {
            Join::Task => match members.first().and_then(|&t| slots.get_mut(t)) {
                Some(slot) if !slot.done => {
                    slot.waiters.push(None);
                    true
                }
                _ => false,
            },
            Join::Poll | Join::Rotate if self.tokio.is_some() => {
                if members.iter().all(|&t| slots.get(t).is_none_or(|s| s.done)) {
                    return false;
                }
                if let Some(turns) = &self.tokio {
                    turns.borrow_mut().join(members, join);
                }
                true
            }
            Join::Gather | Join::Poll | Join::Rotate => {
                if members.is_empty() {
                    return false;
                }
                let gather = {
                    let mut gathers = self.gathers.borrow_mut();
                    gathers.push(members.len());
                    gathers.len() - 1
                };
                for &t in members {
                    match slots.get_mut(t) {
                        Some(slot) if !slot.done => slot.waiters.push(Some(gather)),
                        // A done callback added to a done future is scheduled at once.
                        _ => call_soon(Ready::ChildDone(gather)),
                    }
                }
                true
            }
            Join::Group => {
                let group = members
                    .first()
                    .and_then(|&t| slots.get(t))
                    .and_then(|s| s.group);
                let mut groups = self.groups.borrow_mut();
                match group.and_then(|g| groups.get_mut(g)) {
                    Some((left, awaited)) if *left > 0 => {
                        *awaited = true;
                        true
                    }
                    _ => false,
                }
            }
        }
    }

    /// Whether the tasks the top awaits are all done, so that it goes on.
    pub(super) fn joined(&self, members: &[usize], join: Join) -> bool {
        let slots = self.slots.borrow();
        match join {
            Join::Task => members
                .first()
                .is_none_or(|&t| slots.get(t).is_none_or(|s| s.done)),
            // The gather's and group's own callbacks wake the top only once all are done.
            Join::Gather | Join::Group | Join::Poll | Join::Rotate => {
                members.iter().all(|&t| slots.get(t).is_none_or(|s| s.done))
            }
        }
    }

    /// `asyncio.run`'s coroutine returned: after this turn the loop stops, every task still
    /// pending is cancelled (its future dropped, its timer cleared) and the top goes on.
    pub(super) fn ask_stop(&self) {
        if self.tokio.is_some() {
            // `block_on` returns the moment its future is ready.
            self.stopping.set(true);
        } else {
            call_soon(Ready::Stop);
        }
    }

    pub(super) fn stop(self: &Rc<Self>) {
        let top = self.top();
        if let Some(turns) = &self.tokio {
            turns.borrow_mut().stopped();
        }
        let mut cancelled = 0;
        {
            let mut slots = self.slots.borrow_mut();
            for (i, slot) in slots.iter_mut().enumerate() {
                if i != top && slot.started && !slot.done {
                    slot.done = true;
                    slot.future = None;
                    cancelled += 1;
                }
            }
        }
        self.cancelled.set(self.cancelled.get() + cancelled);
        self.timers.borrow_mut().clear();
        READY.with(|r| r.borrow_mut().clear());
        self.stopped.set(true);
        self.wake(top);
    }
}

/// Hears what the pool says of the run's worker processes until it stops talking: a line a process
/// printed goes into the console, a process's end is a callback of the loop's (as the future
/// `run_in_executor` returns is completed with `call_soon_threadsafe`), a failure ends the run.
/// Holds the run's loop only weakly, so that a cancelled run is dropped whole.
async fn listen(exec: std::rc::Weak<Exec>, mut news: mpsc::UnboundedReceiver<News>) {
    while let Some(told) = news.next().await {
        let Some(exec) = exec.upgrade() else {
            return;
        };
        match told {
            News::Printed(line) => {
                let (masked, text) = &mut *exec.console.borrow_mut();
                for console in [masked, text] {
                    console.push_str(&line);
                    console.push('\n');
                }
            }
            News::Done(task) => call_soon(Ready::ProcessDone(task)),
            News::Failed(why) => exec.fail(why),
        }
    }
}
