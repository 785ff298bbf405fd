//! The loop's state at a cursor: who holds the thread, the ready queue, the timers, the suspended
//! tasks and their await chains, what is done and what was printed.
//!
//! A query looks at every task once (a binary search in its views) and at no event, then keeps only
//! the first entries of each list in order (a partial sort), so a hundred thousand tasks cost a few
//! milliseconds however far the cursor jumps. This module owns the meaning of a task's place at an
//! instant, which must agree with the timeline's lanes: a task whose timer came due while the thread
//! was busy is ready from the deadline, although the browser runs the timer's callback only later.

use std::cmp::Ordering;

use super::{Cursor, NONE, Phase, Replay, Snap};
use crate::mode::Mode;
use crate::recipe::StepId;
use crate::sort::sort_stable_by;
use crate::timeline::State;
use crate::trace::Activity;

/// At most this many entries of one list are kept; the rest are counted.
pub const DEFAULT_CAP: usize = 50;

/// At most this many distinct steps are highlighted in the code at once.
const MAX_LINES: usize = 64;

/// A list cut to its first entries, with the length it has in full.
#[derive(Clone, Debug, PartialEq)]
pub struct Listing<T> {
    /// The first entries, in order.
    pub items: Vec<T>,
    /// How many entries the list has in all.
    pub total: usize,
}

impl<T> Listing<T> {
    /// How many entries were left out.
    pub fn more(&self) -> usize {
        self.total - self.items.len()
    }
}

/// Who holds the one thread.
#[derive(Clone, Debug, PartialEq)]
pub enum Thread {
    /// Nobody: the loop is waiting for a timer, or the run is over.
    Idle,
    /// A task is being polled (or, in blocking mode, its function is running).
    Held {
        /// The instance.
        task: usize,
        /// Its steps in progress, outermost first (a `call` and then the helper's step).
        chain: Vec<StepId>,
        /// What the innermost step does to the thread, if a step is in progress.
        activity: Option<Activity>,
        /// When the innermost step began.
        since: f64,
    },
}

/// Why a task is in the ready queue.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Why {
    /// `main` handed it over and it has not been polled yet.
    Handed,
    /// It was woken: its timer's callback ran, or it yielded.
    Woken,
    /// Its timer came due at this time, but the thread is busy, so the callback has not run yet.
    Overdue(f64),
    /// In the processes mode: queued in the pool, waiting for a cook to be free.
    Queued,
    /// In the processes mode: sent to this cook, the message on its way.
    Sent(usize),
    /// In the threads mode: its thread asked for the GIL at this time and waits for it.
    WantsGil(f64),
}

/// One cook's thread, in the processes mode.
#[derive(Clone, Debug, PartialEq)]
pub struct CookThread {
    /// Who holds it.
    pub thread: Thread,
    /// Whether the cook is still starting (its worker loading its code).
    pub starting: bool,
}

/// A task waiting for the thread.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadyEntry {
    /// The instance.
    pub task: usize,
    /// The step it will resume at (the innermost one in progress), if any.
    pub step: Option<StepId>,
    /// Why it is ready.
    pub why: Why,
}

/// An armed timer that has not come due yet.
#[derive(Clone, Debug, PartialEq)]
pub struct TimerEntry {
    /// The instance that armed it.
    pub task: usize,
    /// The `wait` step that armed it.
    pub step: Option<StepId>,
    /// When it was armed and when it is due, in milliseconds.
    pub armed: f64,
    /// When it is due.
    pub due: f64,
    /// How long until it is due, from the cursor.
    pub left: f64,
    /// The browser timeout it rides on, numbered from 1 in the order the run armed them.
    pub timeout: usize,
    /// How many sleeps that timeout carries in all, this one included.
    pub sharing: usize,
}

/// What a suspended task waits for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Awaiting {
    /// A timer, due then.
    Timer(f64),
    /// In the threads modes: its thread sleeps (`time.sleep`, which lets the GIL go), since then.
    Sleep(f64),
    /// Nothing the trace names (a future that has not armed anything).
    Unknown,
}

/// A task suspended on an await.
#[derive(Clone, Debug, PartialEq)]
pub struct SuspendedEntry {
    /// The instance.
    pub task: usize,
    /// Its steps in progress, outermost first: `fruit`'s `call wait_for_water`, then that helper's `wait`.
    pub chain: Vec<StepId>,
    /// What the innermost await waits for.
    pub on: Awaiting,
}

/// The event loop at one instant.
#[derive(Clone, Debug, PartialEq)]
pub struct LoopState {
    /// The cursor this state is for.
    pub cursor: Cursor,
    /// Who holds the thread.
    pub thread: Thread,
    /// Tasks waiting for the thread, in the order the executor will poll them.
    pub ready: Listing<ReadyEntry>,
    /// Armed timers not yet due, soonest first.
    pub timers: Listing<TimerEntry>,
    /// Suspended tasks, in instance order, with what they await.
    pub suspended: Listing<SuspendedEntry>,
    /// Finished tasks, in the order they finished.
    pub done: Listing<usize>,
    /// Tasks `main` has not reached yet, in instance order.
    pub not_started: Listing<usize>,
    /// Each cook's thread, in the processes mode; empty in the others.
    pub cooks: Vec<CookThread>,
    /// How many task instances the run has.
    pub tasks: usize,
    /// How many console lines had been printed.
    pub printed: usize,
    /// Each step in progress and the state its task is in, for highlighting code lines: one entry
    /// per step and state, the thread's first.
    pub lines: Vec<(StepId, State)>,
}

impl Replay {
    /// The loop's state at `cursor`, each list cut to its first `cap` entries.
    pub fn state(&self, cursor: Cursor, cap: usize) -> LoopState {
        let stop = cursor.stop.min(self.stops.len() - 1);
        let limit = self.limit_at(Cursor {
            stop,
            at: cursor.at,
        });
        let at = cursor.at;
        let holder = last_before(&self.holders, limit).filter(|&t| t != NONE);
        let cook_holder: Vec<Option<u32>> = self
            .cook_holders
            .iter()
            .map(|h| last_before(h, limit).filter(|&t| t != NONE))
            .collect();
        let mut cooks: Vec<CookThread> = (0..self.cook_holders.len())
            .map(|cook| CookThread {
                thread: Thread::Idle,
                starting: self.cook_is_starting(cook, limit),
            })
            .collect();
        // Small gathers poll every child in index order on each pass: the next to be polled is the
        // first ready one after the child polled last.
        let pass = (self.small_gather())
            .then(|| last_before(&self.polls, limit))
            .flatten();

        let mut ready: Vec<(ReadyKey, ReadyEntry)> = Vec::new();
        // Deadline key, arming time, task and timer: entries are built only for the timers kept.
        let mut timers: Vec<(i64, f64, u32, u32)> = Vec::new();
        // Tasks and their views: chains are built only for the entries kept, not for every task.
        let mut suspended: Vec<(usize, Snap)> = Vec::new();
        let mut not_started: Vec<usize> = Vec::new();
        let mut lines: Vec<(StepId, State)> = Vec::new();
        let mut note = |step: Option<StepId>, state: State| {
            // Most tasks are at the step the previous one was at: that is checked first.
            if let Some(step) = step
                && lines.last() != Some(&(step, state))
                && !lines.contains(&(step, state))
                && lines.len() < MAX_LINES
            {
                lines.push((step, state));
            }
        };
        let mut thread = Thread::Idle;
        let mut thread_line = None;
        // A poll (or a call) that begins with a step holding the thread is one stop, and its
        // sentence names that step; on a measured clock the step begins a moment after the poll,
        // so until then the thread's line is read where the step has begun: the code never shows
        // another line than the narration says is running.
        let folded = &self.stops[stop];
        let line_limit = if at < folded.held_from {
            folded.end
        } else {
            limit
        };

        for task in 0..self.tasks {
            let snap = self.view(task, limit);
            let step = self.innermost(snap);
            let timer = (snap.timer != NONE).then(|| self.timers[snap.timer as usize]);
            match snap.phase {
                Phase::NotStarted => not_started.push(task),
                Phase::Done => {}
                Phase::Running if self.holds(task, holder, &cook_holder) => {
                    let frame = (snap.frame != NONE).then(|| self.frames[snap.frame as usize]);
                    let activity = frame.map(|f| f.activity);
                    let state = match activity {
                        Some(Activity::Sleep) => State::Blocked,
                        _ => State::Running,
                    };
                    let held = Thread::Held {
                        task,
                        chain: self.chain(snap.frame),
                        activity,
                        // A thread holds the GIL since it took it; others since the step began.
                        since: self
                            .gil_event_at(snap.since)
                            .or(frame.map(|f| f.start))
                            .unwrap_or(at),
                    };
                    match cooks.get_mut(self.cook_of[task] as usize) {
                        Some(cook) => {
                            note(step, state);
                            cook.thread = held;
                        }
                        None => {
                            thread_line = self.thread_line(task, line_limit);
                            thread = held;
                        }
                    }
                }
                Phase::Starting => {
                    note(step, State::Starting);
                    let why = Why::Sent(self.cook_of[task] as usize);
                    ready.push((ReadyKey::woken(snap.since), ReadyEntry { task, step, why }));
                }
                Phase::Ready => {
                    note(step, State::Ready);
                    let why = if self.mode.threaded() {
                        Why::WantsGil(self.gil_event_at(snap.since).unwrap_or(at))
                    } else if snap.polled {
                        Why::Woken
                    } else if self.mode.on_cooks() {
                        Why::Queued
                    } else {
                        Why::Handed
                    };
                    let key = match pass {
                        Some(last) => ReadyKey::in_pass(task as u32, last),
                        None => ReadyKey::woken(snap.since),
                    };
                    ready.push((key, ReadyEntry { task, step, why }));
                }
                // A task whose timer came due is ready from its deadline, as its lane shows.
                _ if timer.is_some_and(|t| t.due <= at) => {
                    let (due, key) = timer.map_or((at, 0), |t| (t.due, t.key));
                    note(step, State::Ready);
                    // A small gather polls everything one callback woke in instance order.
                    let order = if pass.is_some() {
                        task as u32
                    } else {
                        snap.timer
                    };
                    ready.push((
                        ReadyKey::overdue(key, order),
                        ReadyEntry {
                            task,
                            step,
                            why: Why::Overdue(due),
                        },
                    ));
                }
                // Waiting (or, in a hand-made trace, running without holding the thread).
                _ => {
                    note(step, State::Waiting);
                    if let Some(t) = timer {
                        timers.push((t.key, t.armed, task as u32, snap.timer));
                    }
                    suspended.push((task, snap));
                }
            }
        }
        if let Some(line) = thread_line {
            lines.retain(|l| l.0 != line.0);
            lines.insert(0, line);
        }

        if let (Some(next_poll), true) = (self.recorded, self.finished) {
            for (key, entry) in &mut ready {
                *key = match (next_poll.0)(self, entry.task, limit) {
                    Some(event) => ReadyKey(0, u64::from(event), 0),
                    // Never polled again (dropped with the runtime): last, in the wakes' order.
                    None => ReadyKey(key.0 + 2, key.1, key.2),
                };
            }
        }
        let ready = first_sorted(ready, cap, |a, b| a.0.cmp(&b.0));
        let ready = Listing {
            total: ready.total,
            items: ready.items.into_iter().map(|(_, e)| e).collect(),
        };
        let timers = first_sorted(timers, cap, |a, b| {
            a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2))
        });
        let timers = Listing {
            total: timers.total,
            items: timers
                .items
                .into_iter()
                .map(|(_, _, task, timer)| {
                    let t = self.timers[timer as usize];
                    TimerEntry {
                        task: task as usize,
                        step: t.step,
                        armed: t.armed,
                        due: t.due,
                        left: t.due - at,
                        timeout: t.timeout as usize + 1,
                        sharing: self.timeout_sleeps[t.timeout as usize] as usize,
                    }
                })
                .collect(),
        };
        let done_count = self.ends.partition_point(|&(e, _)| e < limit);
        let done = Listing {
            items: self.ends[..done_count]
                .iter()
                .take(cap)
                .map(|&(_, t)| t as usize)
                .collect(),
            total: done_count,
        };
        LoopState {
            cursor,
            thread,
            ready,
            timers,
            suspended: Listing {
                total: suspended.len(),
                items: suspended
                    .into_iter()
                    .take(cap)
                    .map(|(task, snap)| SuspendedEntry {
                        task,
                        chain: self.chain(snap.frame),
                        on: match snap.timer {
                            NONE => self.sleeping_since(snap.frame),
                            t => Awaiting::Timer(self.timers[t as usize].due),
                        },
                    })
                    .collect(),
            },
            done,
            not_started: cut(not_started, cap),
            cooks,
            tasks: self.tasks,
            printed: self.prints.partition_point(|&e| e < limit),
            lines,
        }
    }

    /// Whether `task` holds the thread it runs on: the page's, or its cook's.
    fn holds(&self, task: usize, page: Option<u32>, cooks: &[Option<u32>]) -> bool {
        let holder = match cooks.get(self.cook_of[task] as usize) {
            Some(cook) => *cook,
            None => page,
        };
        holder == Some(task as u32)
    }

    /// Whether cook `cook` was starting (its worker loading) just before event `limit`.
    fn cook_is_starting(&self, cook: usize, limit: u32) -> bool {
        self.cook_starts
            .iter()
            .take_while(|(e, _, _)| *e < limit)
            .filter(|(_, c, _)| *c as usize == cook)
            .last()
            .is_some_and(|(_, _, ready)| !ready)
    }

    fn small_gather(&self) -> bool {
        matches!(self.mode, Mode::Gather | Mode::BlockingInAsync)
            && self.tasks <= crate::predict::JOIN_ALL_SMALL
    }

    /// The innermost step a task's view has in progress.
    pub(super) fn innermost(&self, snap: Snap) -> Option<StepId> {
        (snap.frame != NONE).then(|| self.frames[snap.frame as usize].step)
    }

    /// The step of `task`, which holds the page's thread, just before event `limit`, and whether it
    /// runs or sleeps there: the line the code view shows strongly.
    fn thread_line(&self, task: usize, limit: u32) -> Option<(StepId, State)> {
        let snap = self.view(task, limit);
        let frame = (snap.frame != NONE).then(|| self.frames[snap.frame as usize])?;
        let state = match frame.activity {
            Activity::Sleep => State::Blocked,
            _ => State::Running,
        };
        Some((frame.step, state))
    }

    /// When the GIL's fact at event `event` happened (a task's `since` while it wants or holds it).
    fn gil_event_at(&self, event: u32) -> Option<f64> {
        let i = self.gil_events.partition_point(|&(e, _)| e < event);
        self.gil_events.get(i).filter(|w| w.0 == event).map(|w| w.1)
    }

    /// What a waiting task with innermost frame `frame` waits for when no timer is armed: in the
    /// threads modes a sleep on its own thread (`time.sleep`), since the sleep began.
    fn sleeping_since(&self, frame: u32) -> Awaiting {
        match self.frames.get(frame as usize) {
            // A thread's `time.sleep` is recorded as a wait that lets the GIL go (`Await`).
            Some(f)
                if self.mode.threaded()
                    && matches!(f.activity, Activity::Await | Activity::Sleep) =>
            {
                Awaiting::Sleep(f.start)
            }
            _ => Awaiting::Unknown,
        }
    }
}

/// The executor's order for ready tasks: woken ones in the order they were woken (or, in a small
/// gather's pass, by position after the child polled last), then tasks whose timer is overdue — the
/// microtasks already queued run before the browser gets to the timer's callback — by deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct ReadyKey(u8, u64, u32);

impl ReadyKey {
    fn woken(since: u32) -> ReadyKey {
        ReadyKey(0, u64::from(since), 0)
    }

    fn in_pass(task: u32, last_polled: u32) -> ReadyKey {
        ReadyKey(0, u64::from(task <= last_polled), task)
    }

    /// Timers due at the same moment share one callback, which wakes them all at once; the executor
    /// then polls them in `order` (instance order in a small gather, waking order otherwise).
    fn overdue(key: i64, order: u32) -> ReadyKey {
        // Deadlines are never negative; a hand-made trace's are clamped.
        ReadyKey(1, key.max(0) as u64, order)
    }
}

/// The value of the last `(event, value)` pair before event `limit`.
fn last_before(pairs: &[(u32, u32)], limit: u32) -> Option<u32> {
    let n = pairs.partition_point(|&(e, _)| e < limit);
    n.checked_sub(1).map(|i| pairs[i].1)
}

/// The first `cap` entries of `all` in the order `cmp` gives, and how many there were.
///
/// The stage asks for a handful: one pass keeps the smallest few in order, linear in a 100 000-entry
/// list. Asked for many, everything is sorted by the model's one stable sort. (The standard
/// library's selection and unstable sort would be compiled again for each entry type, some 3 KB
/// of the download each.)
fn first_sorted<T>(
    mut all: Vec<T>,
    cap: usize,
    mut cmp: impl FnMut(&T, &T) -> Ordering,
) -> Listing<T> {
    /// Up to this many, entries are kept by insertion rather than by sorting everything.
    const FEW: usize = 64;
    let total = all.len();
    if cap <= FEW && cap < total {
        let mut items: Vec<T> = Vec::with_capacity(cap + 1);
        for entry in all {
            // After every kept entry that is not greater: equal entries keep their order.
            let at = items.partition_point(|kept| cmp(kept, &entry) != Ordering::Greater);
            if at < cap {
                items.insert(at, entry);
                items.truncate(cap);
            }
        }
        return Listing { items, total };
    }
    sort_stable_by(&mut all, |a, b| cmp(a, b) == Ordering::Less);
    all.truncate(cap);
    Listing { items: all, total }
}

/// The first `cap` entries of a list already in order.
fn cut<T>(mut all: Vec<T>, cap: usize) -> Listing<T> {
    let total = all.len();
    all.truncate(cap);
    Listing { items: all, total }
}
