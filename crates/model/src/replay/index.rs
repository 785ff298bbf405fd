//! Building a [`Replay`]: one walk over the trace, replaying each task's events into views.
//!
//! Each task is replayed like `timeline`'s lane builder replays it (the same events mean the same
//! things), but instead of segments it keeps a [`Snap`] per event: the task's phase, its chain of
//! steps in progress and its armed timer from that event on. Steps in progress are linked frames in
//! one arena, so a snap is a few words however deep the task's awaits go.

use super::stops::{Context, StopBuilder};
use super::{Frame, NONE, Phase, Replay, Snap, Timer};
use crate::mode::Mode;
use crate::recipe::Recipe;
use crate::trace::{EventKind, Start, Trace};

/// One task as the walk has replayed it so far.
#[derive(Clone, Copy)]
struct Live {
    snap: Snap,
    /// Whether the poll in progress woke the task (a yield wakes itself before suspending).
    woken_in_poll: bool,
}

/// Indexes `trace`; see [`Replay::new`].
pub(super) fn build(recipe: &Recipe, mode: Mode, trace: &Trace, finished: bool) -> Replay {
    let tasks = recipe.instances().len();
    let start = Snap::START;
    let mut live = vec![
        Live {
            snap: start,
            woken_in_poll: false,
        };
        tasks
    ];
    let mut per_task: Vec<Vec<Snap>> = vec![Vec::new(); tasks];
    let mut frames: Vec<Frame> = Vec::new();
    let mut timers: Vec<Timer> = Vec::new();
    // The browser timeouts seen so far by their key, sorted by key: there are few (sleeps due
    // together share one), so a sorted list rather than a hash map the page would download for this.
    let mut timeout_of_due: Vec<(i64, u32)> = Vec::new();
    let mut timeout_sleeps: Vec<u32> = Vec::new();
    let mut holder_times = Vec::new();
    let mut print_texts = Vec::new();
    let (mut holders, mut polls, mut ends, mut prints) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    // In the processes mode: the cook each task was sent to, and who holds each cook's thread.
    let mut cook_of: Vec<u32> = vec![NONE; tasks];
    let mut cook_holders: Vec<Vec<(u32, u32)>> = Vec::new();
    let mut cook_starts: Vec<(u32, u32, bool)> = Vec::new();
    let mut gil_events: Vec<(u32, f64)> = Vec::new();
    let mut stops = StopBuilder::new(recipe);

    for (i, event) in trace.events.iter().enumerate() {
        let index = i as u32;
        let at = event.at;
        let Some(task) = crate::Trace::task_of(&event.kind) else {
            if let EventKind::CookStarting { cook } | EventKind::CookReady { cook } = event.kind {
                let ready = matches!(event.kind, EventKind::CookReady { .. });
                cook_starts.push((index, cook as u32, ready));
                grow(&mut cook_holders, cook);
            }
            stops.push(index, at, &event.kind, Context::default());
            continue;
        };
        let Some(state) = live.get_mut(task) else {
            // An event for a task the recipe lacks cannot be placed; the timeline ignores it too.
            continue;
        };
        let before = *state;
        let mut snap = before.snap;
        snap.event = index;
        let mut timeout = NONE;
        if matches!(
            event.kind,
            EventKind::GilWanted { .. }
                | EventKind::GilTaken { .. }
                | EventKind::GilReleased { .. }
        ) {
            gil_events.push((index, at));
        }
        match event.kind {
            EventKind::TaskStart { how, .. } => {
                snap.phase = match how {
                    Start::Called => {
                        holders.push((index, task as u32));
                        snap.polled = true;
                        Phase::Running
                    }
                    Start::Scheduled => Phase::Ready,
                };
                snap.since = index;
            }
            EventKind::PollStart { .. } => {
                on_thread(
                    &mut holders,
                    &mut cook_holders,
                    cook_of[task],
                    (index, task as u32),
                );
                polls.push((index, task as u32));
                snap.phase = Phase::Running;
                state.woken_in_poll = false;
                snap.polled = true;
            }
            EventKind::PollEnd { ready, .. } => {
                on_thread(
                    &mut holders,
                    &mut cook_holders,
                    cook_of[task],
                    (index, NONE),
                );
                snap.phase = if ready {
                    Phase::Done
                } else if state.woken_in_poll {
                    Phase::Ready
                } else {
                    Phase::Waiting
                };
            }
            EventKind::StepStart { step, activity, .. } => {
                frames.push(Frame {
                    step,
                    activity,
                    parent: snap.frame,
                    start: at,
                });
                snap.frame = (frames.len() - 1) as u32;
            }
            EventKind::StepEnd { step, .. } => {
                // Close the innermost open occurrence of the step and everything inside it, as the
                // lane builder does: a helper's steps end before its `call` does.
                let mut f = snap.frame;
                while f != NONE && frames[f as usize].step != step {
                    f = frames[f as usize].parent;
                }
                if f != NONE {
                    snap.frame = frames[f as usize].parent;
                }
            }
            EventKind::TimerArmed { due, .. } => {
                let next = timeout_sleeps.len() as u32;
                // The timer queue keys its browser timeouts by the microsecond, and a sleep that joins
                // one records the key's time, which may differ in the last bits from the time the
                // first sleep recorded: the key, not the bits, says which timeout a sleep rides on.
                let key = (due * 1000.0).round() as i64;
                let id = match timeout_of_due.binary_search_by_key(&key, |&(k, _)| k) {
                    Ok(at) => timeout_of_due[at].1,
                    Err(at) => {
                        timeout_of_due.insert(at, (key, next));
                        next
                    }
                };
                if id == next {
                    timeout_sleeps.push(0);
                }
                timeout_sleeps[id as usize] += 1;
                let step = (snap.frame != NONE).then(|| frames[snap.frame as usize].step);
                timers.push(Timer {
                    task: task as u32,
                    step,
                    armed: at,
                    due,
                    key,
                    fired: f64::NAN,
                    timeout: id,
                });
                snap.timer = (timers.len() - 1) as u32;
            }
            EventKind::TimerFired { .. } => {
                if snap.timer != NONE {
                    let timer = &mut timers[snap.timer as usize];
                    timer.fired = at;
                    timeout = timer.timeout;
                    snap.timer = NONE;
                }
            }
            EventKind::Wake { .. } => {
                if snap.phase == Phase::Running {
                    state.woken_in_poll = true;
                    snap.since = index;
                } else if snap.phase == Phase::Waiting {
                    snap.phase = Phase::Ready;
                    snap.since = index;
                }
            }
            EventKind::TaskEnd { .. } => {
                if snap.phase == Phase::Running {
                    on_thread(
                        &mut holders,
                        &mut cook_holders,
                        cook_of[task],
                        (index, NONE),
                    );
                }
                snap.phase = Phase::Done;
                snap.frame = NONE;
                ends.push((index, task as u32));
            }
            EventKind::Print { ref text, .. } => {
                prints.push(index);
                print_texts.push(text.clone());
            }
            EventKind::GilTaken { .. } => {
                on_thread(
                    &mut holders,
                    &mut cook_holders,
                    cook_of[task],
                    (index, task as u32),
                );
                snap.phase = Phase::Running;
                snap.polled = true;
                snap.since = index;
            }
            EventKind::GilReleased { .. } => {
                on_thread(
                    &mut holders,
                    &mut cook_holders,
                    cook_of[task],
                    (index, NONE),
                );
                snap.phase = Phase::Waiting;
                snap.since = index;
            }
            EventKind::GilWanted { .. } => {
                snap.phase = Phase::Ready;
                snap.since = index;
            }
            EventKind::Sent { cook, .. } => {
                cook_of[task] = cook as u32;
                grow(&mut cook_holders, cook);
                snap.phase = Phase::Starting;
            }
            EventKind::Frame
            | EventKind::Hidden
            | EventKind::Visible
            | EventKind::LongTask { .. }
            | EventKind::CookStarting { .. }
            | EventKind::CookReady { .. }
            | EventKind::Threads { .. } => {}
        }
        let cx = Context {
            waiting: before.snap.phase == Phase::Waiting,
            polled_before: before.snap.polled,
            timeout,
            line: prints.len().saturating_sub(1),
            on_cook: cook_of[task] != NONE,
        };
        stops.push(index, at, &event.kind, cx);
        if holder_times.len() < holders.len() {
            holder_times.push(at);
        }
        if snap != before.snap {
            state.snap = snap;
            per_task[task].push(snap);
        }
    }
    let events = trace.events.len() as u32;
    if finished {
        stops.finish(events, trace.end, trace.cancelled);
    }

    let mut offsets = Vec::with_capacity(tasks + 1);
    let mut snaps = Vec::with_capacity(per_task.iter().map(Vec::len).sum());
    offsets.push(0);
    for task_snaps in per_task {
        snaps.extend(task_snaps);
        offsets.push(snaps.len() as u32);
    }
    Replay {
        mode,
        tasks,
        stops: stops.stops,
        snaps,
        offsets,
        frames,
        timers,
        timeout_sleeps,
        holders,
        holder_times,
        cook_of,
        cook_holders,
        cook_starts,
        gil_events,
        polls,
        ends,
        prints,
        print_texts,
        end: trace.end,
        finished,
        recorded: None,
        cancelled: trace.cancelled,
        events,
    }
}

/// Records a change of who holds a thread: the page's, or cook `cook`'s (`NONE` for the page).
fn on_thread(
    page: &mut Vec<(u32, u32)>,
    cooks: &mut [Vec<(u32, u32)>],
    cook: u32,
    change: (u32, u32),
) {
    match cooks.get_mut(cook as usize) {
        Some(holders) => holders.push(change),
        None => page.push(change),
    }
}

/// Makes room for cook `cook`'s thread.
fn grow(cooks: &mut Vec<Vec<(u32, u32)>>, cook: usize) {
    // A cook number is an index the runtime gave out; a hand-made trace's may be absurd.
    let cook = cook.min(crate::cooks::MAX_COOKS * 4);
    if cooks.len() <= cook {
        cooks.resize(cook + 1, Vec::new());
    }
}
