//! Threads taking turns on CPython's global interpreter lock, simulated (issue 24, first part: the
//! model alone; the trace events, the runtime on Web Workers and the views come next).
//!
//! Each task instance is a plain function on a thread of its own, up to [`Gil::threads`] threads,
//! handed out in order as `ThreadPoolExecutor` hands out work. A thread must hold the GIL to run
//! Python: to compute (`work`), and for an instant to print or to go on after a sleep. `time.sleep`
//! (`wait`) releases it. The rule for handing it over is CPython's since 3.2: a thread that wants
//! the GIL waits for it up to the switch interval ([`Gil::switch_ms`], `sys.getswitchinterval()`,
//! 5 ms); if it is still held then, the waiter asks the holder to drop it, and the holder does at
//! its next check, handing it to the thread that asked (waiters are served in the order they came,
//! as the operating system's condition variable usually serves them). So CPU-bound threads take
//! turns of about 5 ms and never compute at once, and a thread back from a sleep may wait up to a
//! switch interval behind one that computes (the convoy effect).
//!
//! Free-threaded (`Gil::free_threaded`, Python 3.13t and later): no lock; the threads compute at
//! once, as far as the cores go ([`Gil::cores`]), each slowed in proportion while more compute than
//! there are cores.

use crate::recipe::{Action, Recipe};

/// The threads' pool and lock.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gil {
    /// How many threads the pool has.
    pub threads: usize,
    /// The switch interval, in milliseconds.
    pub switch_ms: f64,
    /// Whether the threads run without the lock.
    pub free_threaded: bool,
    /// The cores the threads share.
    pub cores: usize,
}

impl Gil {
    /// CPython's default: a switch interval of 5 ms, with the lock.
    pub fn new(threads: usize, cores: usize) -> Gil {
        Gil {
            threads: threads.max(1),
            switch_ms: 5.0,
            free_threaded: false,
            cores: cores.max(1),
        }
    }
}

/// What a thread does over a stretch of time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Doing {
    /// It holds the GIL (or, free-threaded, computes).
    Runs,
    /// It wants the GIL and waits for it.
    Wants,
    /// It sleeps, without the GIL.
    Sleeps,
}

/// One stretch of one thread's time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stretch {
    /// The thread.
    pub thread: usize,
    /// The task instance it runs.
    pub task: usize,
    /// What it does.
    pub doing: Doing,
    /// From when, in milliseconds since the run began.
    pub from: f64,
    /// Until when.
    pub to: f64,
}

/// A piece of a task as a thread runs it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Piece {
    /// Compute for this many milliseconds, holding the GIL.
    Work(f64),
    /// Sleep for this many milliseconds, without it.
    Sleep(f64),
    /// Hold the GIL for an instant: a print, or going on after a sleep.
    Touch,
}

/// The run: every thread's stretches, in the order they began, and when the last task ended.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    /// The stretches.
    pub stretches: Vec<Stretch>,
    /// When the last task ended, in milliseconds.
    pub end: f64,
    /// How many times the GIL changed hands.
    pub handovers: usize,
}

/// The pieces of task instance `instance` of `recipe` as a thread runs it, in milliseconds: `work`
/// computes, `wait` is `time.sleep` (and the thread must hold the GIL again to go on after it), a
/// `print` holds the GIL for an instant; a thread holds it for an instant to start, too.
pub fn pieces(recipe: &Recipe, instance: usize) -> Vec<Piece> {
    let Some(task) = recipe
        .instance(instance)
        .and_then(|i| recipe.tasks.get(i.task))
    else {
        return Vec::new();
    };
    let mut out = vec![Piece::Touch];
    for step in recipe.task_as_run(task) {
        match step.action {
            Action::Work(n) => out.push(Piece::Work(recipe.ms(f64::from(n)))),
            Action::Wait(n) => {
                out.push(Piece::Sleep(recipe.ms(f64::from(n))));
                out.push(Piece::Touch);
            }
            Action::Print(_) => out.push(Piece::Touch),
            Action::Call(_) | Action::Yield => {}
        }
    }
    out
}

/// `recipe`'s task instances, each a plain function, run on `gil`'s threads.
pub fn threads(recipe: &Recipe, gil: Gil) -> Schedule {
    let tasks: Vec<Vec<Piece>> = (0..recipe.instances().len())
        .map(|i| pieces(recipe, i))
        .collect();
    schedule(&tasks, gil)
}

/// A thread's place in its task.
#[derive(Clone, Debug)]
struct Thread {
    task: Option<usize>,
    pieces: Vec<Piece>,
    next: usize,
    /// What it does now and since when; for `Runs`, how much work is left of its piece.
    doing: Option<(Doing, f64)>,
    left: f64,
    /// When its sleep ends.
    wakes: f64,
}

/// The pieces of each task, in instance order (`tasks`), run on `gil`'s threads.
pub fn schedule(tasks: &[Vec<Piece>], gil: Gil) -> Schedule {
    let mut sim = Sim {
        gil,
        tasks,
        queued: 0,
        threads: Vec::new(),
        holder: None,
        waiters: Vec::new(),
        now: 0.0,
        out: Vec::new(),
        handovers: 0,
    };
    sim.run()
}

struct Sim<'a> {
    gil: Gil,
    tasks: &'a [Vec<Piece>],
    /// The next task to hand out.
    queued: usize,
    threads: Vec<Thread>,
    /// The thread that holds the GIL, and since when it has held it while another wanted it.
    holder: Option<usize>,
    /// Threads waiting for the GIL, in the order they asked, with when they asked.
    waiters: Vec<(usize, f64)>,
    now: f64,
    out: Vec<Stretch>,
    handovers: usize,
}

impl Sim<'_> {
    fn run(&mut self) -> Schedule {
        for t in 0..self.gil.threads.min(self.tasks.len()) {
            self.threads.push(Thread {
                task: None,
                pieces: Vec::new(),
                next: 0,
                doing: None,
                left: 0.0,
                wakes: 0.0,
            });
            self.hand_out(t);
        }
        // Each turn moves time to the next thing that happens: a piece of work ends, a sleep
        // ends, or a waiter's switch interval runs out.
        for _ in 0..10_000_000 {
            if self.threads.iter().all(|t| t.task.is_none()) {
                break;
            }
            self.step();
        }
        let end = self.out.iter().map(|s| s.to).fold(0.0, f64::max);
        let mut stretches = std::mem::take(&mut self.out);
        crate::sort::sort_stable_by(&mut stretches, |a, b| a.from < b.from);
        Schedule {
            stretches,
            end,
            handovers: self.handovers,
        }
    }

    /// Gives thread `t` the next task, if one is left, and starts its first piece.
    fn hand_out(&mut self, t: usize) {
        if self.queued >= self.tasks.len() {
            self.threads[t].task = None;
            return;
        }
        let task = self.queued;
        self.queued += 1;
        let thread = &mut self.threads[t];
        thread.task = Some(task);
        thread.pieces = self.tasks[task].clone();
        thread.next = 0;
        self.start_piece(t);
    }

    /// Starts thread `t`'s next piece, or its next task when its pieces are done.
    fn start_piece(&mut self, t: usize) {
        let thread = &mut self.threads[t];
        let Some(&piece) = thread.pieces.get(thread.next) else {
            self.release(t);
            self.close(t);
            self.hand_out(t);
            return;
        };
        thread.next += 1;
        match piece {
            Piece::Sleep(ms) => {
                self.release(t);
                let thread = &mut self.threads[t];
                thread.wakes = self.now + ms;
                self.begin(t, Doing::Sleeps);
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

    /// Thread `t` needs the GIL for its piece: it runs at once if it holds it or nobody does (or
    /// there is no lock), else it waits.
    fn want(&mut self, t: usize) {
        if self.gil.free_threaded || self.holder == Some(t) {
            self.begin(t, Doing::Runs);
        } else if self.holder.is_none() && self.waiters.is_empty() {
            self.take(t);
        } else {
            self.waiters.push((t, self.now));
            self.begin(t, Doing::Wants);
        }
    }

    /// Thread `t` takes the GIL.
    fn take(&mut self, t: usize) {
        if self.holder.is_some_and(|h| h != t) {
            self.handovers += 1;
        }
        self.holder = Some(t);
        self.begin(t, Doing::Runs);
    }

    /// Thread `t` lets the GIL go, if it holds it: the first waiter takes it.
    fn release(&mut self, t: usize) {
        if self.holder != Some(t) {
            return;
        }
        self.holder = None;
        if !self.waiters.is_empty() {
            let (next, _) = self.waiters.remove(0);
            self.handovers += 1;
            self.holder = Some(next);
            // The waiters who asked meanwhile keep their turn's clock from now.
            for w in &mut self.waiters {
                w.1 = w.1.max(self.now);
            }
            self.begin(next, Doing::Runs);
        }
    }

    /// Records that thread `t` does `doing` from now.
    fn begin(&mut self, t: usize, doing: Doing) {
        self.close(t);
        self.threads[t].doing = Some((doing, self.now));
    }

    /// Ends thread `t`'s current stretch now.
    fn close(&mut self, t: usize) {
        let thread = &mut self.threads[t];
        if let (Some((doing, from)), Some(task)) = (thread.doing.take(), thread.task)
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
    }

    /// How fast the threads that compute go now: 1, or a share of the cores when free-threaded
    /// threads outnumber them.
    fn pace(&self) -> f64 {
        if !self.gil.free_threaded {
            return 1.0;
        }
        let computing = self
            .threads
            .iter()
            .filter(|t| matches!(t.doing, Some((Doing::Runs, _))))
            .count();
        if computing > self.gil.cores {
            self.gil.cores as f64 / computing as f64
        } else {
            1.0
        }
    }

    /// Moves to the next thing that happens, and makes it happen.
    fn step(&mut self) {
        let pace = self.pace();
        let mut soonest = f64::INFINITY;
        for thread in &self.threads {
            match thread.doing {
                Some((Doing::Runs, _)) => soonest = soonest.min(self.now + thread.left / pace),
                Some((Doing::Sleeps, _)) => soonest = soonest.min(thread.wakes),
                _ => {}
            }
        }
        if let Some(&(_, asked)) = self.waiters.first()
            && self.holder.is_some()
        {
            soonest = soonest.min(asked + self.gil.switch_ms);
        }
        let soonest = soonest.max(self.now);
        let elapsed = soonest - self.now;
        for thread in &mut self.threads {
            if matches!(thread.doing, Some((Doing::Runs, _))) {
                thread.left = (thread.left - elapsed * pace).max(0.0);
            }
        }
        self.now = soonest;
        // Pieces of work done, in thread order.
        for t in 0..self.threads.len() {
            let thread = &self.threads[t];
            if matches!(thread.doing, Some((Doing::Runs, _))) && thread.left <= 1e-9 {
                self.start_piece(t);
            }
        }
        for t in 0..self.threads.len() {
            let thread = &self.threads[t];
            if matches!(thread.doing, Some((Doing::Sleeps, _))) && thread.wakes <= self.now {
                // Back from a sleep, it must hold the GIL to go on.
                self.threads[t].left = 0.0;
                self.want(t);
            }
        }
        // A waiter whose switch interval ran out asks the holder to drop the GIL, and gets it.
        if let (Some(holder), Some(&(_, asked))) = (self.holder, self.waiters.first())
            && asked + self.gil.switch_ms <= self.now + 1e-9
        {
            self.release(holder);
            // The holder still has work: it queues for the GIL again.
            if self.threads[holder].left > 0.0 {
                self.waiters.push((holder, self.now));
                self.begin(holder, Doing::Wants);
            }
        }
    }
}

#[cfg(test)]
mod tests;
