//! The processes mode simulated: a pool of cooks, each running the tasks it is sent alone on its
//! own event loop, as `ProcessPoolExecutor` hands work to its processes.
//!
//! The page queues every task at time zero and hands them out in order, each to the first cook that
//! is free (ties to the lowest-numbered); a cook is free once it has started and once the page has
//! heard that its last task ended. A task's message takes [`Cooks::message_ms`] to reach its cook;
//! the page hears that it ended [`Cooks::reply_ms`] after; a cold cook takes [`Cooks::startup_ms`]
//! to start. The run ends when the page has heard from every task.
//!
//! Cooks share [`Cooks::cores`]: while more cooks compute than there are cores, the operating
//! system gives each a share of them, and their `work` takes longer in proportion (waits do not:
//! a timer is due when it is due). The page's own thread is left out of the count, for it is idle
//! while its cooks work.

use super::sim::Sim;
use crate::cooks::Cooks;
use crate::recipe::Recipe;
use crate::trace::{Activity, Event, EventKind, Start, Trace};

/// A stretch of a task's run alone: computing (its pace depends on the cores) or not.
#[derive(Clone, Copy, Debug)]
struct Piece {
    /// Where it ends, in the task's own time (milliseconds since the task arrived, run alone).
    until: f64,
    /// Whether the cook computes through it.
    work: bool,
}

/// A task on its way to or running on a cook.
struct Job {
    cook: usize,
    /// When its message reaches the cook, on the page's clock.
    arrives: f64,
    /// The task run alone, in its own time.
    alone: Trace,
    pieces: Vec<Piece>,
    /// The piece it is in, and how far it has got in its own time.
    piece: usize,
    own: f64,
    /// Points (own time, page time) between which its own time ran at one pace.
    pace: Vec<(f64, f64)>,
}

impl Job {
    fn new(recipe: &Recipe, task: usize, cook: usize, arrives: f64) -> Job {
        let alone = Sim::solo(recipe, task).run();
        let pieces = pieces(&alone);
        Job {
            cook,
            arrives,
            alone,
            pieces,
            piece: 0,
            own: 0.0,
            pace: Vec::new(),
        }
    }

    fn computing(&self, now: f64) -> bool {
        now >= self.arrives && self.pieces.get(self.piece).is_some_and(|p| p.work)
    }

    fn done(&self) -> bool {
        self.piece >= self.pieces.len()
    }

    /// How long, on the page's clock, until this job's next change at `pace` (own time per page
    /// millisecond while computing).
    fn next_change(&self, now: f64, pace: f64) -> f64 {
        if now < self.arrives {
            return self.arrives - now;
        }
        match self.pieces.get(self.piece) {
            Some(p) if p.work => (p.until - self.own) / pace,
            Some(p) => p.until - self.own,
            None => 0.0,
        }
    }

    /// Moves the job on by `dt` page milliseconds, to `now`, at `pace` while computing.
    fn advance(&mut self, dt: f64, now: f64, pace: f64) {
        if now < self.arrives {
            return;
        }
        if self.pace.is_empty() {
            self.pace.push((0.0, self.arrives));
        }
        let (was, at) = (self.own, now - dt);
        // A job that arrived within this step has run only since it arrived.
        let ran = now - at.max(self.arrives);
        if let Some(p) = self.pieces.get(self.piece) {
            let step = if p.work { ran * pace } else { ran };
            self.own = (was + step).min(p.until);
            // Floating-point error must not leave a piece a hair short of its end.
            if p.until - self.own < 1e-9 {
                self.own = p.until;
                self.piece += 1;
                // Pieces of no length end at once.
                while self
                    .pieces
                    .get(self.piece)
                    .is_some_and(|p| p.until <= self.own)
                {
                    self.piece += 1;
                }
            }
        }
        self.pace.push((self.own, now));
    }

    /// When on the page's clock the job reached `own` in its own time.
    fn page_time(&self, own: f64) -> f64 {
        let i = self.pace.partition_point(|&(o, _)| o < own);
        match (i.checked_sub(1).map(|j| self.pace[j]), self.pace.get(i)) {
            (_, Some(&(o, t))) if o == own => t,
            (Some((o0, t0)), Some(&(o1, t1))) => t0 + (own - o0) * (t1 - t0) / (o1 - o0),
            (Some((o0, t0)), None) => t0 + (own - o0),
            (None, _) => self.arrives + own,
        }
    }

    /// The job's facts on the page's clock.
    fn events(&self) -> impl Iterator<Item = Event> + '_ {
        self.alone.events.iter().map(|e| {
            let mut e = e.clone();
            e.at = self.page_time(e.at);
            if let EventKind::TimerArmed { due, .. } = &mut e.kind {
                *due = self.page_time(*due);
            }
            e
        })
    }
}

/// A task's run alone cut into stretches of computing and not.
fn pieces(alone: &Trace) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut since: Option<f64> = None;
    let mut depth = 0usize;
    for event in &alone.events {
        match event.kind {
            EventKind::StepStart {
                activity: Activity::Work,
                ..
            } => {
                if depth == 0 {
                    since = Some(event.at);
                }
                depth += 1;
            }
            EventKind::StepEnd { .. } if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let start = since.take().unwrap_or(event.at);
                    if event.at > start {
                        pieces.push(Piece {
                            until: start,
                            work: false,
                        });
                        pieces.push(Piece {
                            until: event.at,
                            work: true,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    pieces.push(Piece {
        until: alone.end,
        work: false,
    });
    pieces
}

/// The trace of `recipe` run on `cooks`.
pub fn simulate(recipe: &Recipe, cooks: Cooks) -> Trace {
    let tasks = recipe.instances().len();
    let mut events: Vec<Event> = Vec::new();
    let at = |at: f64, kind: EventKind| Event { at, kind };
    let cold = cooks.warm.min(cooks.count)..cooks.count;
    // When each cook is free, as far as the page knows, unless it has a job.
    let mut free: Vec<f64> = (0..cooks.count)
        .map(|cook| {
            if cold.contains(&cook) {
                cooks.startup_ms
            } else {
                0.0
            }
        })
        .collect();
    for cook in cold.clone() {
        events.push(at(0.0, EventKind::CookStarting { cook }));
    }
    for cook in cold {
        events.push(at(cooks.startup_ms, EventKind::CookReady { cook }));
    }
    for task in 0..tasks {
        let how = Start::Scheduled;
        events.push(at(0.0, EventKind::TaskStart { task, how }));
    }
    let mut busy = vec![false; cooks.count];
    let mut jobs: Vec<Job> = Vec::new();
    let (mut next, mut now, mut end) = (0usize, 0.0f64, 0.0f64);
    loop {
        // Hear from the jobs that are done.
        for job in jobs.extract_if(.., |j| j.done()) {
            let heard = now + cooks.reply_ms;
            free[job.cook] = heard;
            busy[job.cook] = false;
            end = end.max(heard);
            events.extend(job.events());
        }
        // Hand out what can be handed out now, each task to the cook free the longest.
        while next < tasks {
            let Some(cook) = (0..cooks.count)
                .filter(|&c| !busy[c] && free[c] <= now)
                .min_by(|&a, &b| free[a].total_cmp(&free[b]))
            else {
                break;
            };
            events.push(at(free[cook], EventKind::Sent { task: next, cook }));
            let arrives = free[cook] + cooks.message_ms;
            jobs.push(Job::new(recipe, next, cook, arrives));
            busy[cook] = true;
            next += 1;
        }
        if jobs.is_empty() && next >= tasks {
            break;
        }
        // The pace of computing now: full while there are cores enough for every cook computing.
        let computing = jobs.iter().filter(|j| j.computing(now)).count();
        let pace = (cooks.cores.max(1) as f64 / computing.max(1) as f64).min(1.0);
        let waiting = (0..cooks.count)
            .filter(|&c| !busy[c] && free[c] > now && next < tasks)
            .map(|c| free[c] - now);
        let Some(dt) = jobs
            .iter()
            .map(|j| j.next_change(now, pace))
            .chain(waiting)
            .min_by(f64::total_cmp)
        else {
            break;
        };
        now += dt.max(0.0);
        for job in &mut jobs {
            job.advance(dt.max(0.0), now, pace);
        }
    }
    if tasks == 0 {
        end = free.iter().copied().fold(0.0, f64::max);
    }
    // Facts happen on several threads at once: the trace lists them in time order, as the page
    // merges what its cooks report (stable, so that each thread's own order stays).
    crate::trace::in_time_order(&mut events);
    Trace {
        events,
        end,
        cancelled: false,
    }
}
