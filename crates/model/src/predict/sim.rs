//! The simulated event loop: a clock, timer macrotasks, the microtask queue and `main`'s executor.

use std::collections::VecDeque;

use super::coroutine::{Coroutine, Loop, call_blocking};
use crate::mode::Mode;
use crate::recipe::{Recipe, Routine};
use crate::timers::Timers;
use crate::trace::{Event, EventKind, Start, Trace};

/// `join_all` switches from polling every child to polling only woken ones above this many.
pub const JOIN_ALL_SMALL: usize = 30;

/// A task the executor polls: `main` (the run itself) or one spawned instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Exec {
    Main,
    Spawned(usize),
}

/// How far `main` has got.
#[derive(Debug, Default)]
struct Main {
    started: bool,
    done: bool,
    /// Sequential: the instance being awaited. Spawn: the completion being awaited.
    next: usize,
    /// Sequential: whether the instance being awaited has been handed over yet.
    next_started: bool,
    /// Gather with many children: the woken children, oldest first, as `FuturesUnordered` keeps them.
    woken: VecDeque<usize>,
    /// Which children are in `woken`, so a second wake does not queue a child twice.
    in_woken: Vec<bool>,
}

/// The whole simulated page during one run.
pub struct Sim<'r> {
    /// The recipe being run.
    pub recipe: &'r Recipe,
    mode: Mode,
    now: f64,
    events: Vec<Event>,
    timers: Timers<usize>,
    microtasks: VecDeque<Exec>,
    main_queued: bool,
    spawned_queued: Vec<bool>,
    coroutines: Vec<Coroutine>,
    main: Main,
    /// In the processes mode, the one instance this simulation runs: a cook's own loop.
    solo: Option<usize>,
}

impl<'r> Loop<'r> for Sim<'r> {
    fn recipe(&self) -> &'r Recipe {
        self.recipe
    }

    /// Records a fact as happening now.
    fn emit(&mut self, kind: EventKind) {
        self.events.push(Event { at: self.now, kind });
    }

    /// Holds the thread for `ms`: time passes and nothing else can happen.
    fn hold(&mut self, ms: f64) {
        self.now += ms;
    }

    /// Arms a timer for instance `task`, due `ms` from now.
    fn arm_timer(&mut self, task: usize, ms: f64) {
        let due = self.now + ms;
        self.emit(EventKind::TimerArmed { task, due });
        self.timers.arm(due, task);
    }

    /// Wakes whatever polls instance `task`: its own spawned task, or `main`.
    fn wake_driver(&mut self, task: usize) {
        if self.mode == Mode::Spawn {
            self.queue(Exec::Spawned(task));
        } else {
            if self.is_big_gather() && !self.main.in_woken[task] {
                self.main.in_woken[task] = true;
                self.main.woken.push_back(task);
            }
            self.queue(Exec::Main);
        }
    }
}

impl<'r> Sim<'r> {
    /// A page about to run `recipe` in `mode`.
    pub fn new(recipe: &'r Recipe, mode: Mode) -> Self {
        let instances = recipe.instances();
        Sim {
            recipe,
            mode,
            now: 0.0,
            events: Vec::new(),
            timers: Timers::default(),
            microtasks: VecDeque::new(),
            main_queued: false,
            spawned_queued: vec![false; instances.len()],
            coroutines: instances
                .iter()
                .map(|i| Coroutine::new(Routine::Task(i.task)))
                .collect(),
            main: Main::default(),
            solo: None,
        }
    }

    /// A cook's own event loop running instance `task` of `recipe` alone, as a worker runs a task it
    /// was sent: no `main`, no other task, its polls and timers only.
    pub fn solo(recipe: &'r Recipe, task: usize) -> Self {
        Sim {
            solo: Some(task),
            ..Sim::new(recipe, Mode::Processes)
        }
    }

    /// Runs the event loop until `main` returns, and hands back what it recorded.
    pub fn run(mut self) -> Trace {
        self.queue(Exec::Main);
        self.drain_microtasks();
        while !self.main.done {
            // Nothing is ready: the loop sleeps until the earliest timer, or runs it late if the
            // thread was held past its deadline.
            let Some((due, task)) = self.timers.pop() else {
                break;
            };
            self.now = self.now.max(due);
            // Sleeps due at the same moment share one browser timeout (the runtime's timer queue),
            // whose one callback wakes them all before any woken task is polled. None is due
            // before the one just taken, so those due by then are due with it.
            self.fire(task);
            while let Some(next) = self.timers.pop_due(due) {
                self.fire(next);
            }
            self.drain_microtasks();
        }
        Trace {
            events: self.events,
            end: self.now,
            cancelled: false,
        }
    }

    /// A timer of instance `task` fires: its callback marks the sleep done and wakes the task.
    fn fire(&mut self, task: usize) {
        self.emit(EventKind::TimerFired { task });
        self.coroutines[task].timer_fired();
        self.emit(EventKind::Wake { task });
        self.wake_driver(task);
    }

    fn is_big_gather(&self) -> bool {
        matches!(self.mode, Mode::Gather | Mode::BlockingInAsync)
            && self.coroutines.len() > JOIN_ALL_SMALL
    }

    /// Puts an executor task on the microtask queue unless it is already there.
    fn queue(&mut self, exec: Exec) {
        let queued = match exec {
            Exec::Main => &mut self.main_queued,
            Exec::Spawned(i) => &mut self.spawned_queued[i],
        };
        if !*queued {
            *queued = true;
            self.microtasks.push_back(exec);
        }
    }

    fn drain_microtasks(&mut self) {
        while let Some(exec) = self.microtasks.pop_front() {
            // Unqueued before the poll, so that a wake during the poll queues the task again.
            match exec {
                Exec::Main => {
                    self.main_queued = false;
                    self.poll_main();
                }
                Exec::Spawned(task) => {
                    self.spawned_queued[task] = false;
                    self.poll_spawned(task);
                }
            }
        }
    }

    fn poll_instance(&mut self, task: usize, blocking_waits: bool) -> bool {
        // Taken out for the poll, which needs the whole simulation mutably; the placeholder is empty.
        let mut coroutine = std::mem::take(&mut self.coroutines[task]);
        let done = coroutine.poll(self, task, blocking_waits);
        self.coroutines[task] = coroutine;
        done
    }

    fn scheduled(&mut self, task: usize) {
        self.emit(EventKind::TaskStart {
            task,
            how: Start::Scheduled,
        });
    }

    fn poll_main(&mut self) {
        let n = self.coroutines.len();
        let first = !self.main.started;
        self.main.started = true;
        match self.mode {
            Mode::Blocking => {
                for (task, instance) in self.recipe.instances().into_iter().enumerate() {
                    self.emit(EventKind::TaskStart {
                        task,
                        how: Start::Called,
                    });
                    call_blocking(self, task, Routine::Task(instance.task), 0);
                    self.emit(EventKind::TaskEnd { task });
                }
                self.main.done = true;
            }
            Mode::NeverAwaited => self.main.done = true,
            Mode::Sequential => {
                while self.main.next < n {
                    let task = self.main.next;
                    if !self.main.next_started {
                        self.main.next_started = true;
                        self.scheduled(task);
                    }
                    if !self.poll_instance(task, false) {
                        return;
                    }
                    self.main.next += 1;
                    self.main.next_started = false;
                }
                self.main.done = true;
            }
            Mode::Gather | Mode::BlockingInAsync => {
                let blocking_waits = self.mode == Mode::BlockingInAsync;
                if first {
                    (0..n).for_each(|t| self.scheduled(t));
                    if self.is_big_gather() {
                        self.main.woken = (0..n).collect();
                        self.main.in_woken = vec![true; n];
                    }
                }
                if self.is_big_gather() {
                    while let Some(task) = self.main.woken.pop_front() {
                        self.main.in_woken[task] = false;
                        if !self.coroutines[task].done {
                            self.poll_instance(task, blocking_waits);
                        }
                    }
                } else {
                    for task in 0..n {
                        if !self.coroutines[task].done {
                            self.poll_instance(task, blocking_waits);
                        }
                    }
                }
                self.main.done = self.coroutines.iter().all(|c| c.done);
            }
            // A threads run is no event loop's: `predict_with` hands it to `gil`.
            Mode::Threads | Mode::FreeThreaded => self.main.done = true,
            Mode::Processes => match self.solo {
                Some(task) if task < n => {
                    self.main.done = self.poll_instance(task, false);
                }
                _ => self.main.done = true,
            },
            Mode::Spawn => {
                if first {
                    for task in 0..n {
                        self.scheduled(task);
                        self.queue(Exec::Spawned(task));
                    }
                }
                while self.main.next < n && self.coroutines[self.main.next].done {
                    self.main.next += 1;
                }
                self.main.done = self.main.next == n;
            }
        }
    }

    fn poll_spawned(&mut self, task: usize) {
        if self.coroutines[task].done {
            return;
        }
        if self.poll_instance(task, false) && self.main.next == task {
            // The completion `main` is waiting on has arrived: its receiver wakes it.
            self.queue(Exec::Main);
        }
    }
}
