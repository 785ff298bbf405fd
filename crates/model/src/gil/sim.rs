//! The simulation behind [`super::run`]: threads stepped from one change to the next (a piece of
//! work done, a sleep over, a task arriving, a hand-over landing, a waiter's switch interval run
//! out), recording each thread's stretches and the facts a real run records.
//!
//! Each thread records its own facts: it takes, wants and releases the GIL (`begin` writes the
//! change of what it does as those facts, so the two never disagree), and it records its steps and
//! prints as it gets to them. The releasing thread's fact always comes before the next holder's.

use super::{Doing, Gil, Op, Piece, Schedule, Stretch};
use crate::trace::{Event, EventKind, Start, Trace};

/// Runs the tasks' `ops` on `gil`'s threads.
pub(super) fn run(tasks: &[Vec<Op>], gil: Gil) -> Schedule {
    let count = gil.threads.min(tasks.len());
    let mut sim = Sim {
        gil,
        tasks,
        queued: 0,
        done: 0,
        threads: (0..count)
            .map(|t| Thread {
                free: if t < gil.warm { 0.0 } else { gil.startup_ms },
                ..Thread::default()
            })
            .collect(),
        holder: None,
        waiters: Vec::new(),
        now: 0.0,
        out: Vec::new(),
        events: Vec::new(),
        handovers: 0,
        heard: 0.0,
    };
    sim.run()
}

/// A thread's place in its task.
#[derive(Clone, Debug, Default)]
struct Thread {
    /// The task it runs, once the task has reached it.
    task: Option<usize>,
    /// The task on its way to it, and when it arrives.
    arriving: Option<(usize, f64)>,
    /// The next of its task's ops.
    op: usize,
    /// What it does now and since when.
    doing: Option<(Doing, f64)>,
    /// How much work is left of its piece, while it runs one.
    left: f64,
    /// When its sleep ends.
    wakes: f64,
    /// The GIL was handed to it and it runs from then (the hand-over's latency).
    granted: Option<f64>,
    /// When the page may send it a task: once it has started, and has heard its last task end.
    free: f64,
}

struct Sim<'a> {
    gil: Gil,
    tasks: &'a [Vec<Op>],
    /// The next task to hand out.
    queued: usize,
    /// How many tasks have ended.
    done: usize,
    threads: Vec<Thread>,
    /// The thread that holds the GIL (or has been handed it).
    holder: Option<usize>,
    /// Threads waiting for the GIL, in the order they asked, each with the moment its switch
    /// interval counts from.
    waiters: Vec<(usize, f64)>,
    now: f64,
    out: Vec<Stretch>,
    events: Vec<Event>,
    handovers: usize,
    /// When the page heard the last task end.
    heard: f64,
}

impl Sim<'_> {
    fn run(&mut self) -> Schedule {
        self.emit(EventKind::Threads {
            free_threaded: self.gil.free_threaded,
            shared_memory: false,
        });
        for t in self.gil.warm..self.threads.len() {
            self.emit(EventKind::CookStarting { cook: t });
        }
        for t in self.gil.warm..self.threads.len() {
            let at = self.gil.startup_ms;
            self.events.push(Event {
                at,
                kind: EventKind::CookReady { cook: t },
            });
        }
        for task in 0..self.tasks.len() {
            let how = Start::Scheduled;
            self.emit(EventKind::TaskStart { task, how });
        }
        self.dispatch();
        // Each turn moves time to the next change and makes it happen; the bound only keeps a
        // mistake from spinning for ever.
        for _ in 0..50_000_000 {
            if self.done >= self.tasks.len() {
                break;
            }
            self.step();
        }
        let mut stretches = std::mem::take(&mut self.out);
        crate::sort::sort_stable_by(&mut stretches, |a, b| a.from < b.from);
        let mut events = std::mem::take(&mut self.events);
        crate::trace::in_time_order(&mut events);
        Schedule {
            stretches,
            end: self.heard,
            handovers: self.handovers,
            trace: Trace {
                events,
                end: self.heard,
                cancelled: false,
            },
        }
    }

    /// Records a fact as happening now.
    fn emit(&mut self, kind: EventKind) {
        self.events.push(Event { at: self.now, kind });
    }

    /// Sends the queued tasks to the threads the page may send them to now, each to the one free
    /// the longest (ties to the lowest-numbered).
    fn dispatch(&mut self) {
        while self.queued < self.tasks.len() {
            let now = self.now;
            let Some(t) = (0..self.threads.len())
                .filter(|&t| self.idle(t) && self.threads[t].free <= now)
                .min_by(|&a, &b| self.threads[a].free.total_cmp(&self.threads[b].free))
            else {
                return;
            };
            let task = self.queued;
            self.queued += 1;
            self.emit(EventKind::Sent { task, cook: t });
            self.threads[t].arriving = Some((task, now + self.gil.message_ms));
            if self.gil.message_ms <= 0.0 {
                self.arrive(t);
            }
        }
    }

    fn idle(&self, t: usize) -> bool {
        self.threads[t].task.is_none() && self.threads[t].arriving.is_none()
    }

    /// Thread `t`'s task reaches it: it starts on its first op.
    fn arrive(&mut self, t: usize) {
        let Some((task, _)) = self.threads[t].arriving.take() else {
            return;
        };
        let thread = &mut self.threads[t];
        thread.task = Some(task);
        thread.op = 0;
        self.next_op(t);
    }

    /// Records thread `t`'s facts up to its next piece and starts that piece, or ends its task.
    fn next_op(&mut self, t: usize) {
        let Some(task) = self.threads[t].task else {
            return;
        };
        loop {
            let op = self.threads[t].op;
            self.threads[t].op += 1;
            match self.tasks[task].get(op) {
                Some(Op::Fact(kind)) => self.emit(kind.clone()),
                Some(Op::Piece(piece)) => return self.start(t, *piece),
                None => return self.end_task(t, task),
            }
        }
    }

    /// Starts piece `piece` on thread `t`.
    fn start(&mut self, t: usize, piece: Piece) {
        match piece {
            Piece::Sleep(ms) => {
                self.threads[t].wakes = self.now + ms;
                self.begin(t, Doing::Sleeps);
                self.let_go(t);
            }
            Piece::Work(ms) => {
                self.threads[t].left = ms;
                self.want(t);
            }
            Piece::Touch => {
                self.threads[t].left = 0.0;
                self.want(t);
            }
        }
    }

    /// Thread `t`'s task returned: it lets the GIL go and the page hears of it a reply later.
    fn end_task(&mut self, t: usize, task: usize) {
        self.close(t);
        if self.threads[t]
            .doing
            .take()
            .is_some_and(|(d, _)| d == Doing::Runs)
        {
            self.emit(EventKind::GilReleased { task });
        }
        self.emit(EventKind::TaskEnd { task });
        self.let_go(t);
        self.done += 1;
        let heard = self.now + self.gil.reply_ms;
        self.heard = self.heard.max(heard);
        let thread = &mut self.threads[t];
        thread.task = None;
        thread.free = heard;
        self.dispatch();
    }

    /// Thread `t` needs the GIL for its piece: it runs at once if it holds it or nobody does (or
    /// there is no lock), else it queues for it.
    fn want(&mut self, t: usize) {
        let runs = matches!(self.threads[t].doing, Some((Doing::Runs, _)));
        if self.gil.free_threaded || self.holder == Some(t) {
            if !runs {
                self.begin(t, Doing::Runs);
            }
        } else if self.holder.is_none() && self.waiters.is_empty() {
            self.holder = Some(t);
            self.begin(t, Doing::Runs);
        } else {
            self.waiters.push((t, self.now));
            self.begin(t, Doing::Wants);
        }
    }

    /// Thread `t` has stopped running Python (its state is already changed): if it held the GIL,
    /// the first waiter gets it, running once the hand-over has landed.
    fn let_go(&mut self, t: usize) {
        if self.gil.free_threaded || self.holder != Some(t) {
            return;
        }
        self.holder = None;
        if self.waiters.is_empty() {
            return;
        }
        let (next, _) = self.waiters.remove(0);
        self.handovers += 1;
        self.holder = Some(next);
        let lands = self.now + self.gil.handover_ms;
        // CPython's waiters start their switch interval again whenever the GIL changes hands.
        for w in &mut self.waiters {
            w.1 = w.1.max(lands);
        }
        if self.gil.handover_ms > 0.0 {
            self.threads[next].granted = Some(lands);
        } else {
            self.begin(next, Doing::Runs);
        }
    }

    /// Records that thread `t` does `doing` from now, with the facts the change means.
    fn begin(&mut self, t: usize, doing: Doing) {
        let was = self.threads[t].doing.map(|(d, _)| d);
        self.close(t);
        if let Some(task) = self.threads[t].task {
            if was == Some(Doing::Runs) && doing != Doing::Runs {
                self.emit(EventKind::GilReleased { task });
            }
            match doing {
                Doing::Runs if was != Some(Doing::Runs) => self.emit(EventKind::GilTaken { task }),
                Doing::Wants if was != Some(Doing::Wants) => {
                    self.emit(EventKind::GilWanted { task })
                }
                _ => {}
            }
        }
        self.threads[t].doing = Some((doing, self.now));
    }

    /// Ends thread `t`'s current stretch now.
    fn close(&mut self, t: usize) {
        let (doing, task) = (self.threads[t].doing, self.threads[t].task);
        if let (Some((doing, from)), Some(task)) = (doing, task)
            && self.now > from
        {
            self.out.push(Stretch {
                thread: t,
                task,
                doing,
                from,
                to: self.now,
            });
        }
        self.threads[t].doing = doing.map(|(d, _)| (d, self.now));
    }

    /// Whether thread `t` computes now (it runs a piece, and a hand-over to it has landed).
    fn computing(&self, t: usize) -> bool {
        matches!(self.threads[t].doing, Some((Doing::Runs, _)))
    }

    /// How fast the threads that compute go now: 1, or a share of the cores when free-threaded
    /// threads outnumber them (with the lock, one computes at a time).
    fn pace(&self) -> f64 {
        let computing = (0..self.threads.len())
            .filter(|&t| self.computing(t))
            .count();
        if computing > self.gil.cores {
            self.gil.cores as f64 / computing as f64
        } else {
            1.0
        }
    }

    /// When the first waiter asks the holder to drop the GIL, if the holder is computing.
    fn drop_request(&self) -> Option<f64> {
        let holder = self.holder?;
        let &(_, since) = self.waiters.first()?;
        (self.computing(holder) && self.threads[holder].left > 1e-9)
            .then_some(since + self.gil.switch_ms)
    }

    /// Moves to the next change, and makes it happen.
    fn step(&mut self) {
        let pace = self.pace();
        let mut soonest = f64::INFINITY;
        for (t, thread) in self.threads.iter().enumerate() {
            let next = match thread.doing {
                _ if thread.arriving.is_some() => thread.arriving.map_or(soonest, |(_, at)| at),
                _ if thread.granted.is_some() => thread.granted.unwrap_or(soonest),
                Some((Doing::Runs, _)) => self.now + thread.left / pace,
                Some((Doing::Sleeps, _)) => thread.wakes,
                _ if self.idle(t) && self.queued < self.tasks.len() => thread.free,
                _ => soonest,
            };
            soonest = soonest.min(next);
        }
        if let Some(at) = self.drop_request() {
            soonest = soonest.min(at);
        }
        if !soonest.is_finite() {
            // Nothing can change: only a mistake in the simulation gets here.
            self.done = self.tasks.len();
            return;
        }
        let soonest = soonest.max(self.now);
        let elapsed = soonest - self.now;
        for t in 0..self.threads.len() {
            if self.computing(t) {
                let thread = &mut self.threads[t];
                thread.left = (thread.left - elapsed * pace).max(0.0);
            }
        }
        self.now = soonest;
        let now = self.now + 1e-9;
        for t in 0..self.threads.len() {
            if self.threads[t].arriving.is_some_and(|(_, at)| at <= now) {
                self.arrive(t);
            }
        }
        for t in 0..self.threads.len() {
            if self.threads[t].granted.is_some_and(|at| at <= now) {
                self.threads[t].granted = None;
                self.begin(t, Doing::Runs);
            }
        }
        for t in 0..self.threads.len() {
            if self.computing(t) && self.threads[t].left <= 1e-9 {
                self.next_op(t);
            }
        }
        for t in 0..self.threads.len() {
            let thread = &self.threads[t];
            if matches!(thread.doing, Some((Doing::Sleeps, _))) && thread.wakes <= now {
                self.next_op(t);
            }
        }
        // A waiter whose switch interval ran out asks the holder to drop the GIL, and gets it; the
        // holder still has work, and queues for the GIL again.
        if let (Some(holder), Some(at)) = (self.holder, self.drop_request())
            && at <= now
        {
            self.begin(holder, Doing::Wants);
            self.let_go(holder);
            self.waiters.push((holder, self.now));
        }
        self.dispatch();
    }
}
