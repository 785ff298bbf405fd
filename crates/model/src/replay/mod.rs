//! Replay: the event loop's state at any instant of a recorded run, and the run's events one by one.
//!
//! A [`Replay`] is an index built once from a [`Trace`] (measured or predicted — the same events
//! either way). From it the page asks, at a [`Cursor`], what the loop looked like: who held the
//! thread and on which step, which tasks were ready and in which order the executor would poll them,
//! which timers were armed, what each suspended task awaited, what was done, and how many lines had
//! been printed ([`LoopState`]). The cursor moves over [`Stop`]s: the changes a learner can see (a
//! poll starting or ending, a wake, a timer firing, a print, a task starting or ending), each folding
//! in the bookkeeping events around it, and each told in one sentence by [`narrate`].
//!
//! This module owns that reconstruction and nothing else: it runs no simulation (the trace already
//! holds every fact), reads no clock and knows nothing of the page. Building the index walks the
//! trace once; a query walks the tasks once (a binary search each), never the trace, so stepping
//! through a run of a hundred thousand tasks costs the same at every step.

pub mod check;
mod index;
pub mod machine;
mod narrate;
pub mod play;
mod query;
mod stops;

// expect-test and proptest are native-only dev-dependencies.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use narrate::{Narrator, time_words};
pub use query::{
    Awaiting, CookThread, DEFAULT_CAP, Listing, LoopState, ReadyEntry, SuspendedEntry, Thread,
    TimerEntry, Why,
};
pub use stops::{Stop, StopKind};

use super::mode::Mode;
use super::recipe::{Recipe, StepId};
use super::trace::{Activity, Trace};

/// "No such thing" in the index's compact `u32` links.
const NONE: u32 = u32::MAX;

/// Where a task stands, as the executor sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Not yet handed to its driver: `main` has not reached it.
    NotStarted,
    /// Woken or newly handed over: it waits for the thread.
    Ready,
    /// Being polled, or called as a plain function: it holds the thread.
    Running,
    /// Suspended on something that has not happened yet: it costs the thread nothing.
    Waiting,
    /// Handed to a cook, which has not polled it yet: the message is on its way.
    Starting,
    /// Finished.
    Done,
}

/// One task's view from one event on: the result of replaying its events up to that one.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Snap {
    /// The index of the event from which this view holds (that event included).
    event: u32,
    phase: Phase,
    /// The innermost step in progress, as an index into [`Replay::frames`], or [`NONE`].
    frame: u32,
    /// The timer armed and not yet fired, as an index into [`Replay::timers`], or [`NONE`].
    timer: u32,
    /// The event at which the task last became ready: the executor polls in this order.
    since: u32,
    /// Whether the task has been polled (or called) before.
    polled: bool,
}

impl Snap {
    /// A task's view before its first event: not started, nothing in progress.
    const START: Snap = Snap {
        event: 0,
        phase: Phase::NotStarted,
        frame: NONE,
        timer: NONE,
        since: 0,
        polled: false,
    };
}

/// A step in progress: a link in a task's chain of awaits (a `call` holds its helper's steps).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Frame {
    step: StepId,
    activity: Activity,
    /// The step this one runs inside, or [`NONE`].
    parent: u32,
    /// When the step began.
    start: f64,
}

/// A timer a task armed.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Timer {
    task: u32,
    /// The `wait` step that armed it, if one was in progress.
    step: Option<StepId>,
    /// When it was armed and when it is due.
    armed: f64,
    due: f64,
    /// The due time in whole microseconds, as the timer queue keys its timeouts: sleeps that share
    /// one record due times that differ in their last bits, and this orders them as one.
    key: i64,
    /// When its callback ran, or NaN if it never did.
    fired: f64,
    /// The browser timeout it shares with every other timer due at the same moment.
    timeout: u32,
}

/// The index of one run: build it once with [`Replay::new`], then query it at any cursor.
#[derive(Clone, Debug, PartialEq)]
pub struct Replay {
    mode: Mode,
    tasks: usize,
    /// The stops, in order; the first is the run's beginning.
    stops: Vec<Stop>,
    /// Every task's views, task by task (`snaps[offsets[t]..offsets[t + 1]]`), each in event order.
    snaps: Vec<Snap>,
    offsets: Vec<u32>,
    frames: Vec<Frame>,
    timers: Vec<Timer>,
    /// How many sleeps each browser timeout carries, by timeout.
    timeout_sleeps: Vec<u32>,
    /// Who holds the thread from an event on: `(event, task or NONE)`, in event order.
    holders: Vec<(u32, u32)>,
    /// When each change in `holders` happened.
    holder_times: Vec<f64>,
    /// In the processes mode, the cook each task was sent to (`NONE` before, and in other modes).
    cook_of: Vec<u32>,
    /// Who holds each cook's thread from an event on, like `holders` for the page's.
    cook_holders: Vec<Vec<(u32, u32)>>,
    /// When cooks began and finished starting: `(event, cook, ready)`, in event order.
    cook_starts: Vec<(u32, u32, bool)>,
    /// In the threads modes, when each thread asked for, took or let go the GIL: `(event, at)`, in
    /// event order. The stops fold these facts (a run of chop and dice has hundreds), so a cursor
    /// between two stops reads them by time ([`Replay::limit_at`]).
    gil_events: Vec<(u32, f64)>,
    /// Every poll's start: `(event, task)`, in event order.
    polls: Vec<(u32, u32)>,
    /// The events at which tasks ended, and the tasks, in order.
    ends: Vec<(u32, u32)>,
    /// The events at which lines were printed, in order, and the lines' texts.
    prints: Vec<u32>,
    print_texts: Vec<String>,
    /// When the trace ends, and whether the run is over (a live snapshot is not).
    end: f64,
    finished: bool,
    /// How the ready queue is listed in the order the record polls it, if it is
    /// ([`Replay::list_in_recorded_order`]): the next poll of a task from an event on. A function
    /// rather than a flag, so that its code loads with the programs read from Rust, whose runs
    /// alone use it, not with the page's first look (measured: 294 B gzip there).
    recorded: Option<NextPoll>,
    cancelled: bool,
    /// How many events the trace has.
    events: u32,
}

/// Finds a task's next poll in a finished record ([`Replay::list_in_recorded_order`]).
#[derive(Clone, Copy)]
struct NextPoll(fn(&Replay, usize, u32) -> Option<u32>);

/// There is one such function: two replays that list in recorded order list alike.
impl PartialEq for NextPoll {
    fn eq(&self, _: &NextPoll) -> bool {
        true
    }
}

impl std::fmt::Debug for NextPoll {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NextPoll")
    }
}

/// An instant of a run: a stop, and a time at or after it (before the next stop).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cursor {
    /// The last stop at or before the instant.
    pub stop: usize,
    /// The instant, in milliseconds since the run began.
    pub at: f64,
}

impl Replay {
    /// Indexes `trace`, a run of `recipe` in `mode`. `finished` says whether the run is over (a live
    /// snapshot is not), so that its last stop says how it ended.
    pub fn new(recipe: &Recipe, mode: Mode, trace: &Trace, finished: bool) -> Replay {
        index::build(recipe, mode, trace, finished)
    }

    /// The same index, listing the ready queue in the order the finished record polls it, for a
    /// run by an executor whose order its wakes do not give: Tokio's (a program read from Rust),
    /// whose top is polled first when a timer woke it, whose `tokio::join!` starts each poll one
    /// future further on, and whose tasks still queued when `block_on` returns are never polled
    /// (they are listed last). The order the wakes give is asyncio's and the browser's, which
    /// `check` holds to the record; Tokio's is decided by `turns`, which the model and the
    /// runtime share and the Tokio step holds to Tokio. A live snapshot, whose record has no
    /// future yet, keeps the wakes' order.
    pub fn list_in_recorded_order(&mut self) {
        self.recorded = Some(NextPoll(Replay::next_poll));
    }

    /// The event at which `task`'s next poll after event `limit` starts, if the record has one:
    /// its first view from `limit` on that holds the thread after one that did not.
    fn next_poll(&self, task: usize, limit: u32) -> Option<u32> {
        let snaps = &self.snaps[self.offsets[task] as usize..self.offsets[task + 1] as usize];
        let from = snaps.partition_point(|s| s.event < limit);
        let mut running = from
            .checked_sub(1)
            .is_some_and(|i| snaps[i].phase == Phase::Running);
        for snap in &snaps[from..] {
            if snap.phase == Phase::Running && !running {
                return Some(snap.event);
            }
            running = snap.phase == Phase::Running;
        }
        None
    }

    /// The mode the run used.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// How many task instances the run has.
    pub fn tasks(&self) -> usize {
        self.tasks
    }

    /// The stops, in order: the first is the run's beginning and, once it is over, the last its end.
    pub fn stops(&self) -> &[Stop] {
        &self.stops
    }

    /// When the recorded run ends (or a live one has got to), in milliseconds.
    pub fn end(&self) -> f64 {
        self.end
    }

    /// The cursor at the run's first stop.
    pub fn first(&self) -> Cursor {
        self.at_stop(0)
    }

    /// The cursor at the run's last stop, at the end of the trace.
    pub fn last(&self) -> Cursor {
        Cursor {
            stop: self.stops.len() - 1,
            at: self.end.max(self.stops[self.stops.len() - 1].at),
        }
    }

    /// The cursor on a stop (clamped to the stops there are), at that stop's time.
    pub fn at_stop(&self, stop: usize) -> Cursor {
        let stop = stop.min(self.stops.len() - 1);
        Cursor {
            stop,
            at: self.stops[stop].at,
        }
    }

    /// The cursor `delta` stops away from `cursor`, clamped to the first and last stops.
    pub fn step(&self, cursor: Cursor, delta: isize) -> Cursor {
        self.at_stop(cursor.stop.saturating_add_signed(delta))
    }

    /// The cursor at `at` milliseconds (clamped to the run). Strictly between stops it rests on the
    /// last stop before; exactly on a stop's time it rests on the first stop at that time, so that a
    /// link to the moment a timer fires shows the timer firing rather than what followed.
    pub fn seek(&self, at: f64) -> Cursor {
        let at = if at.is_finite() {
            at.clamp(0.0, self.end.max(0.0))
        } else {
            0.0
        };
        let after = self.stops.partition_point(|s| s.at <= at);
        let last = after.saturating_sub(1);
        let first_same = self.stops[..after].partition_point(|s| s.at < self.stops[last].at);
        let stop = if self.stops[last].at == at {
            first_same
        } else {
            last
        };
        Cursor { stop, at }
    }

    /// The events that stop `stop` covers end before this event index.
    fn limit(&self, stop: usize) -> u32 {
        self.stops[stop].end
    }

    /// The events that have happened at `cursor` end before this index: its stop's (but the step a
    /// poll begins with, in the microseconds before it begins), and once a hold the stop began is
    /// over, the bookkeeping after it that waits for the next stop.
    fn limit_at(&self, cursor: Cursor) -> u32 {
        let stop = &self.stops[cursor.stop];
        if cursor.at < stop.held_from {
            // The step folded into the poll has not begun yet: it is the stop's last event.
            return stop.end - 1;
        }
        if cursor.at < stop.held_until {
            return stop.end;
        }
        let next = self
            .stops
            .get(cursor.stop + 1)
            .map_or(self.events, |next| next.event);
        // The GIL's facts folded into the stop count up to the cursor's instant, so that the
        // threads panel says who holds the GIL then, as the GIL's row shows it.
        let from = self.gil_events.partition_point(|&(e, _)| e < stop.end);
        match self.gil_events[from..]
            .iter()
            .find(|&&(e, at)| e >= next || at > cursor.at)
        {
            Some(&(e, _)) => e.min(next),
            None => next,
        }
    }

    /// Task `task`'s view just before event `limit`.
    fn view(&self, task: usize, limit: u32) -> Snap {
        let (from, to) = (self.offsets[task] as usize, self.offsets[task + 1] as usize);
        let snaps = &self.snaps[from..to];
        let n = snaps.partition_point(|s| s.event < limit);
        if n == 0 { Snap::START } else { snaps[n - 1] }
    }

    /// The cook task `task` was sent to, in the processes mode.
    pub fn cook_of(&self, task: usize) -> Option<usize> {
        self.cook_of
            .get(task)
            .filter(|&&c| c != NONE)
            .map(|&c| c as usize)
    }

    /// How many cooks the run used (none outside the processes mode).
    pub fn cook_count(&self) -> usize {
        self.cook_holders.len()
    }

    /// When cook `cook` began starting, before stop `stop`.
    fn cook_started_at(&self, cook: usize, stop: usize) -> Option<f64> {
        let limit = self.limit(stop);
        self.cook_starts
            .iter()
            .take_while(|(e, _, _)| *e < limit)
            .filter(|(_, c, ready)| *c as usize == cook && !ready)
            .last()
            .map(|(e, _, _)| self.stops[self.stops.partition_point(|s| s.end <= *e)].at)
    }

    /// How many tasks had finished before event `limit`.
    fn done_before(&self, limit: u32) -> usize {
        self.ends.partition_point(|&(e, _)| e < limit)
    }

    /// How long, within `from..to`, some task held the thread.
    fn held_between(&self, from: f64, to: f64) -> f64 {
        let mut held = 0.0;
        let first = self.holder_times.partition_point(|&t| t <= from);
        // Who held the thread at `from`, then each change up to `to`.
        let mut since = from;
        let mut holding = first
            .checked_sub(1)
            .is_some_and(|i| self.holders[i].1 != NONE);
        for i in first..self.holders.len() {
            let t = self.holder_times[i];
            if t >= to {
                break;
            }
            if holding {
                held += t - since;
            }
            since = t;
            holding = self.holders[i].1 != NONE;
        }
        if holding {
            held += to - since;
        }
        held
    }

    /// The chain of steps in progress from frame `frame` outwards, outermost first.
    fn chain(&self, mut frame: u32) -> Vec<StepId> {
        let mut chain = Vec::new();
        while frame != NONE {
            let f = self.frames[frame as usize];
            chain.push(f.step);
            frame = f.parent;
        }
        chain.reverse();
        chain
    }
}
