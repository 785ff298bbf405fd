//! A run as a Chrome trace (the Trace Event Format's JSON), which Perfetto's UI and
//! `chrome://tracing` open: the run's facts laid out on the tracks those tools draw.
//!
//! - Each thread that ran something is a thread of one process: the page's thread, then each cook
//!   (the processes mode) or thread (the threads modes) as its own. Polls, and the work and
//!   busy-waits inside them (or, for a plain call, on their own), are *complete* events (`X`) on
//!   the thread they ran on, which nest as the calls did; a cook's start-up is one too.
//! - Each task is an *async* track (`b`/`e` with the task's id) from when it was handed to its
//!   driver to when it returned, with its awaited steps nested in it: a wait, a call, a yield.
//! - A timer's callback is a complete event of no length on the thread it ran on, and a *flow*
//!   (`s` to `f`) goes from it to the task's next poll: the wake, as an arrow.
//! - In a threads run with the GIL, who held it is a track of its own ("the GIL"), since a thread's
//!   step of work spans many turns on the lock and the two cannot nest on one track.
//! - The gaps between the frames the page drew are a *counter* (`C`): where it climbs, the page
//!   froze.
//!
//! Times are microseconds, as the format wants, from the run's start, or from its first fact if one
//! came earlier (the heartbeat's frame just before a run begins): Perfetto's importer takes no
//! time before zero. It reads the trace only and
//! writes text: the download and Perfetto's window are the page's. Unlike the run's JSON export
//! ([`super::run_json`]), which keeps every fact for the page to read back, this is for the tools.

use serde_json::{Value, json};

use crate::mode::Mode;
use crate::recipe::Recipe;
use crate::trace::{Activity, EventKind, Trace};

/// The one process: the page.
const PID: u64 = 1;
/// The page's own thread.
const PAGE_TID: u64 = 1;
/// The GIL's track, in a threads run with the lock.
const GIL_TID: u64 = 999;

/// Microseconds from milliseconds, kept to a tenth of a microsecond: the format's unit.
fn us(ms: f64) -> f64 {
    (ms * 10_000.0).round() / 10.0
}

/// The thread of cook `cook`.
fn cook_tid(cook: usize) -> u64 {
    2 + cook as u64
}

/// The run of `recipe` in `mode` recorded in `trace`, as a Chrome trace: `{"traceEvents": […]}`.
pub fn chrome_trace(recipe: &Recipe, mode: Mode, trace: &Trace) -> String {
    let earliest = trace.events.iter().map(|e| e.at).fold(0.0, f64::min);
    let shifted;
    let trace = if earliest < 0.0 {
        shifted = trace.clone().rebased(earliest);
        &shifted
    } else {
        trace
    };
    let mut out = Writer {
        recipe,
        events: Vec::new(),
    };
    out.meta(
        "process_name",
        PAGE_TID,
        &format!("Async Kitchen: {} ({})", recipe.title, mode.label()),
    );
    out.meta("thread_name", PAGE_TID, "the page's thread");
    let worker = if mode.threaded() { "thread" } else { "cook" };
    let count = trace
        .events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::CookStarting { cook } | EventKind::Sent { cook, .. } => Some(cook + 1),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    for cook in 0..count {
        out.meta(
            "thread_name",
            cook_tid(cook),
            &format!("{worker} {}", cook + 1),
        );
    }
    let gil = trace.events.iter().any(|e| {
        matches!(
            e.kind,
            EventKind::Threads {
                free_threaded: false,
                ..
            }
        )
    });
    if gil {
        out.meta("thread_name", GIL_TID, "the GIL");
    }
    out.facts(trace, gil);
    json!({ "traceEvents": out.events, "displayTimeUnit": "ms" }).to_string()
}

/// The events as they are written.
struct Writer<'a> {
    recipe: &'a Recipe,
    events: Vec<Value>,
}

impl Writer<'_> {
    fn meta(&mut self, name: &str, tid: u64, value: &str) {
        self.events.push(json!({
            "ph": "M", "name": name, "pid": PID, "tid": tid, "args": { "name": value },
        }));
    }

    fn complete(&mut self, tid: u64, name: &str, cat: &str, from: f64, to: f64) {
        self.events.push(json!({
            "ph": "X", "name": name, "cat": cat, "pid": PID, "tid": tid,
            "ts": us(from), "dur": (us(to) - us(from)).max(0.0),
        }));
    }

    fn task_name(&self, task: usize) -> String {
        self.recipe.name_of(task)
    }

    /// Every fact, in the trace's order, into events.
    fn facts(&mut self, trace: &Trace, gil: bool) {
        let tasks = self.recipe.instances().len();
        // Where each task's facts happen (the page, or the cook it was sent to), when its poll
        // began, its steps in progress (their start and whether they hold the thread), the flow
        // waiting for its next poll, and when the GIL was taken.
        let mut tid = vec![PAGE_TID; tasks];
        let mut poll: Vec<Option<f64>> = vec![None; tasks];
        let mut steps: Vec<Vec<(f64, bool, String)>> = vec![Vec::new(); tasks];
        let mut flow: Vec<Option<u64>> = vec![None; tasks];
        let mut held: Vec<Option<f64>> = vec![None; tasks];
        let mut alive = vec![false; tasks];
        let mut starting: Vec<(usize, f64)> = Vec::new();
        let (mut flows, mut last_frame) = (0u64, None::<f64>);
        for event in &trace.events {
            let at = event.at;
            let task = Trace::task_of(&event.kind).filter(|&t| t < tasks);
            match (&event.kind, task) {
                (EventKind::Sent { cook, .. }, Some(t)) => tid[t] = cook_tid(*cook),
                (EventKind::TaskStart { .. }, Some(t)) => {
                    let name = self.task_name(t);
                    self.async_event("b", t, &name, at);
                    alive[t] = true;
                }
                (EventKind::TaskEnd { .. }, Some(t)) => {
                    let name = self.task_name(t);
                    self.async_event("e", t, &name, at);
                    alive[t] = false;
                }
                (EventKind::PollStart { .. }, Some(t)) => {
                    poll[t] = Some(at);
                    if let Some(id) = flow[t].take() {
                        self.events.push(json!({
                            "ph": "f", "bp": "e", "name": "wake", "cat": "wake", "id": id,
                            "pid": PID, "tid": tid[t], "ts": us(at),
                        }));
                    }
                }
                (EventKind::PollEnd { ready, .. }, Some(t)) => {
                    if let Some(from) = poll[t].take() {
                        let name = format!(
                            "poll {}: {}",
                            self.task_name(t),
                            if *ready { "Ready" } else { "Pending" }
                        );
                        self.complete(tid[t], &name, "poll", from, at);
                    }
                }
                (EventKind::StepStart { step, activity, .. }, Some(t)) => {
                    let words = self
                        .recipe
                        .step(*step)
                        .map_or_else(String::new, |s| s.describe(self.recipe.unit));
                    let holds = matches!(activity, Activity::Work | Activity::Sleep);
                    if !holds {
                        self.async_event("b", t, &words, at);
                    }
                    steps[t].push((at, holds, words));
                }
                (EventKind::StepEnd { .. }, Some(t)) => {
                    if let Some((from, holds, words)) = steps[t].pop() {
                        if holds {
                            let cat = if words.starts_with("work") {
                                "work"
                            } else {
                                "busy-wait"
                            };
                            self.complete(tid[t], &words, cat, from, at);
                        } else {
                            self.async_event("e", t, &words, at);
                        }
                    }
                }
                (EventKind::TimerFired { .. }, Some(t)) => {
                    let name = format!("timer: {}", self.task_name(t));
                    self.complete(tid[t], &name, "timer", at, at);
                    flows += 1;
                    self.events.push(json!({
                        "ph": "s", "name": "wake", "cat": "wake", "id": flows,
                        "pid": PID, "tid": tid[t], "ts": us(at),
                    }));
                    flow[t] = Some(flows);
                }
                (EventKind::Print { text, .. }, Some(t)) => {
                    self.events.push(json!({
                        "ph": "i", "s": "t", "name": "print", "cat": "print",
                        "pid": PID, "tid": tid[t], "ts": us(at), "args": { "text": text },
                    }));
                }
                (EventKind::GilTaken { .. }, Some(t)) if gil => held[t] = Some(at),
                (EventKind::GilReleased { .. }, Some(t)) => {
                    if let Some(from) = held[t].take() {
                        let name = self.task_name(t);
                        self.complete(GIL_TID, &name, "gil", from, at);
                    }
                }
                (EventKind::CookStarting { cook }, _) => starting.push((*cook, at)),
                (EventKind::CookReady { cook }, _) => {
                    if let Some(i) = starting.iter().position(|(c, _)| c == cook) {
                        let (_, from) = starting.swap_remove(i);
                        self.complete(cook_tid(*cook), "starting", "start-up", from, at);
                    }
                }
                (EventKind::Frame, _) => {
                    if let Some(before) = last_frame {
                        self.events.push(json!({
                            "ph": "C", "name": "gap between frames (ms)", "pid": PID,
                            "tid": PAGE_TID, "ts": us(at), "args": { "ms": at - before },
                        }));
                    }
                    last_frame = Some(at);
                }
                _ => {}
            }
        }
        // A run cut short (cancelled, or a live snapshot) leaves slices open: each ends where the
        // run did, so that every slice the file begins, it ends.
        for t in 0..tasks {
            let end = trace.end;
            while let Some((from, holds, words)) = steps[t].pop() {
                if holds {
                    self.complete(tid[t], &words, "work", from, end.max(from));
                } else {
                    self.async_event("e", t, &words, end.max(from));
                }
            }
            if let Some(from) = poll[t].take() {
                let name = format!("poll {}: cut short", self.task_name(t));
                self.complete(tid[t], &name, "poll", from, end.max(from));
            }
            if let Some(from) = held[t].take() {
                let name = self.task_name(t);
                self.complete(GIL_TID, &name, "gil", from, end.max(from));
            }
            if alive[t] {
                let name = self.task_name(t);
                self.async_event("e", t, &name, end);
            }
        }
    }

    /// An event of task `t`'s async track: `b` begins a slice, `e` ends the last one begun. One
    /// category for the task and its awaits, since a track is a category and an id.
    fn async_event(&mut self, ph: &str, t: usize, name: &str, at: f64) {
        self.events.push(json!({
            "ph": ph, "name": name, "cat": "task", "id": t as u64 + 1, "pid": PID, "ts": us(at),
        }));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
