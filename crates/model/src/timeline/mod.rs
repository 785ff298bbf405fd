//! Timelines: what a run looked like, lane by lane, built from its recorded [`Trace`].
//!
//! This module owns the meaning of the task states and of the thread lanes (the page's, and each
//! cook's in the processes mode). It decides nothing
//! from arithmetic: every segment starts and ends at a recorded event, so a measured timeline shows
//! exactly what the browser did. Times are milliseconds since the run began.

use serde::Serialize;

use super::recipe::{Recipe, StepId};
use super::trace::{Activity, EventKind, Start, Trace};

/// What a task is doing during a segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum State {
    /// Being polled or called: it holds the one thread.
    Running,
    /// Suspended on a timer: it holds nothing and needs nothing yet.
    Waiting,
    /// Could run now, but the thread is busy elsewhere: queued.
    Ready,
    /// Sleeping while holding the thread, so nobody else can run.
    Blocked,
    /// Handed to a cook and not yet running there: the message is on its way.
    Starting,
}

impl State {
    /// A lower-case word for the state, used in labels and CSS classes.
    pub fn word(self) -> &'static str {
        match self {
            State::Running => "running",
            State::Waiting => "waiting",
            State::Ready => "ready",
            State::Blocked => "blocked",
            State::Starting => "starting",
        }
    }

    /// Whether a task in this state holds the thread.
    pub fn holds_thread(self) -> bool {
        matches!(self, State::Running | State::Blocked)
    }
}

/// A stretch of one task's life spent in one state, on behalf of one step.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Segment {
    /// The state the task was in.
    pub state: State,
    /// When the segment began.
    pub start: f64,
    /// When the segment ended.
    pub end: f64,
    /// The innermost step in progress, or `None` between steps.
    pub step: Option<StepId>,
}

/// One task instance's life, tiled by segments with no gaps and no overlaps.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Lane {
    /// The task's name.
    pub name: String,
    /// The segments, in time order.
    pub segments: Vec<Segment>,
}

/// A stretch of time during which one task held the thread, or nobody did.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ThreadSpan {
    /// The task holding the thread, or `None` when it was idle.
    pub task: Option<usize>,
    /// When the span began.
    pub start: f64,
    /// When the span ended.
    pub end: f64,
}

/// One cook's thread: who held it, and when the cook was starting.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CookLane {
    /// Who held the cook's thread, covering the whole run.
    pub spans: Vec<ThreadSpan>,
    /// When the cook was starting (its worker loading), if it started during the run.
    pub starting: Option<(f64, f64)>,
}

/// A printed line and when it was printed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ConsoleLine {
    /// When the line was printed.
    pub at: f64,
    /// The task that printed it.
    pub task: usize,
    /// The text.
    pub text: String,
}

/// Everything the page draws for one run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Timeline {
    /// One lane per task instance, in [`Recipe::instances`] order.
    pub lanes: Vec<Lane>,
    /// Who held the page's own thread, covering the whole run.
    pub thread: Vec<ThreadSpan>,
    /// Each cook's thread, in the processes mode, or each thread's in the threads mode (who held
    /// the GIL on it); empty otherwise.
    pub cooks: Vec<CookLane>,
    /// Who held the GIL, covering the whole run, in a threads run with the lock; empty otherwise
    /// (free-threaded threads hold no lock, and overlap).
    pub gil: Vec<ThreadSpan>,
    /// The prints, in the order they happened.
    pub console: Vec<ConsoleLine>,
    /// The frames the page drew (the heartbeat).
    pub frames: Vec<f64>,
    /// Long tasks the browser reported, as start and duration.
    pub long_tasks: Vec<(f64, f64)>,
    /// When the run ended.
    pub end: f64,
    /// Whether the run was cancelled: its lanes stop where it was stopped.
    pub cancelled: bool,
    /// Whether the page was hidden during the run: browsers throttle timers there, so the numbers
    /// are not the page's own.
    pub throttled: bool,
}

/// The headline numbers of a run.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Totals {
    /// How long the run took.
    pub end: f64,
    /// How long some task held the thread.
    pub busy: f64,
    /// The longest stretch in which the page drew no frame, between two frames or from the last
    /// frame to the run's end, if frames were recorded.
    pub longest_freeze: Option<f64>,
    /// The longest stretch in which some task held the thread without a break: the freeze a perfect
    /// page would show, since nothing can be drawn until the thread is let go.
    pub longest_hold: f64,
}

impl Timeline {
    /// Builds the timeline a trace describes, one lane per instance, named after the recipe's tasks.
    pub fn from_trace(recipe: &Recipe, trace: &Trace) -> Timeline {
        let mut lanes: Vec<LaneBuilder> = recipe
            .instances()
            .into_iter()
            .map(|i| LaneBuilder::new(&recipe.instance_name(i)))
            .collect();
        let mut console = Vec::new();
        let mut long_tasks = Vec::new();
        for event in &trace.events {
            if let EventKind::LongTask { duration } = event.kind {
                long_tasks.push((event.at, duration));
            }
            if let EventKind::Print { task, text } = &event.kind {
                console.push(ConsoleLine {
                    at: event.at,
                    task: *task,
                    text: text.clone(),
                });
            }
            if let Some(lane) = Trace::task_of(&event.kind).and_then(|t| lanes.get_mut(t)) {
                lane.apply(event.at, &event.kind);
            }
        }
        let lanes: Vec<Lane> = lanes.into_iter().map(|l| l.finish(trace.end)).collect();
        let on = trace.cooks_of(lanes.len());
        let held_by = |cook: Option<usize>| thread_lane(&lanes, &|t| on[t] == cook, trace.end);
        let thread = held_by(None);
        let cooks = (0..cook_count(trace))
            .map(|cook| CookLane {
                spans: held_by(Some(cook)),
                starting: cook_starting(trace, cook),
            })
            .collect();
        let gil = if gil_run(trace) {
            thread_lane(&lanes, &|_| true, trace.end)
        } else {
            Vec::new()
        };
        Timeline {
            lanes,
            thread,
            cooks,
            gil,
            console,
            frames: trace.frames(),
            long_tasks,
            end: trace.end,
            cancelled: trace.cancelled,
            throttled: trace.was_hidden(),
        }
    }

    /// The headline numbers.
    pub fn totals(&self) -> Totals {
        // A fold from +0, not `sum`, whose f64 starts from -0 and made an idle run "-0 %" busy.
        let busy = self
            .thread
            .iter()
            .filter(|s| s.task.is_some())
            .fold(0.0, |busy, s| busy + (s.end - s.start));
        // The page drew nothing from its last frame up to the run's end either: when the frame after
        // the run is missing (a busy machine had not drawn it when the page stopped waiting), that
        // stretch is the freeze a blocking run caused, which the gaps between the frames before the
        // run know nothing of. When the frame after the run is there, its gap covers the stretch.
        let tail = self
            .frames
            .iter()
            .rev()
            .find(|&&at| at <= self.end)
            .map(|&last| self.end - last);
        let longest_freeze = self
            .frames
            .windows(2)
            .map(|w| w[1] - w[0])
            .chain(tail)
            .fold(None, |max: Option<f64>, gap| {
                Some(max.map_or(gap, |m| m.max(gap)))
            });
        let mut longest_hold: f64 = 0.0;
        let mut stretch = 0.0;
        for span in &self.thread {
            match span.task {
                Some(_) => stretch += span.end - span.start,
                None => stretch = 0.0,
            }
            longest_hold = longest_hold.max(stretch);
        }
        Totals {
            end: self.end,
            busy,
            longest_freeze,
            longest_hold,
        }
    }
}

/// Replays one task's events into segments.
struct LaneBuilder {
    name: String,
    segments: Vec<Segment>,
    /// The open segment's state and start, if the task is alive.
    open: Option<(State, f64)>,
    /// Steps in progress, outermost first; a `call` keeps its step open while the helper's steps run.
    steps: Vec<(StepId, Activity)>,
    in_poll: bool,
    /// Whether the future was woken during the poll in progress (a yield wakes itself before suspending).
    woken_in_poll: bool,
    /// When the timer the task last armed is due, if it has not fired yet.
    timer_due: Option<f64>,
}

impl LaneBuilder {
    fn new(name: &str) -> Self {
        LaneBuilder {
            name: name.to_owned(),
            segments: Vec::new(),
            open: None,
            steps: Vec::new(),
            in_poll: false,
            woken_in_poll: false,
            timer_due: None,
        }
    }

    /// Closes the open segment at `at` and opens one in `state` (or none), attributed to the current step.
    fn switch(&mut self, at: f64, state: Option<State>) {
        if let Some((old, since)) = self.open.take() {
            let step = self.steps.last().map(|(id, _)| *id);
            if at > since {
                match self.segments.last_mut() {
                    // Merging keeps a lane readable when a step's events split one stretch in two.
                    Some(last) if last.state == old && last.step == step && last.end == since => {
                        last.end = at
                    }
                    _ => self.segments.push(Segment {
                        state: old,
                        start: since,
                        end: at,
                        step,
                    }),
                }
            }
        }
        self.open = state.map(|s| (s, at));
    }

    fn state(&self) -> Option<State> {
        self.open.map(|(s, _)| s)
    }

    /// The state a running task is in, given the innermost step in progress.
    fn holding_state(&self) -> State {
        match self.steps.last() {
            Some((_, Activity::Sleep)) => State::Blocked,
            _ => State::Running,
        }
    }

    fn apply(&mut self, at: f64, kind: &EventKind) {
        match kind {
            EventKind::TaskStart { how, .. } => {
                let state = match how {
                    Start::Called => State::Running,
                    Start::Scheduled => State::Ready,
                };
                self.switch(at, Some(state));
            }
            EventKind::TaskEnd { .. } => self.switch(at, None),
            EventKind::PollStart { .. } => {
                self.in_poll = true;
                self.woken_in_poll = false;
                // A spurious poll (`join_all` polls every child) of a task whose timer is overdue:
                // it was ready from the deadline, as if the timer had fired.
                self.ready_from_deadline(at);
                self.switch(at, Some(self.holding_state()));
            }
            EventKind::PollEnd { ready, .. } => {
                self.in_poll = false;
                if !ready {
                    let overdue = self.timer_due.is_some_and(|due| due <= at);
                    let next = if self.woken_in_poll || overdue {
                        State::Ready
                    } else {
                        State::Waiting
                    };
                    self.switch(at, Some(next));
                }
            }
            EventKind::StepStart { step, activity, .. } => {
                // Close the stretch before the step so that the step's own time is attributed to it.
                let state = self.state();
                self.switch(at, state);
                self.steps.push((*step, *activity));
                if state.is_some_and(State::holds_thread) {
                    self.switch(at, Some(self.holding_state()));
                }
            }
            EventKind::StepEnd { step, .. } => {
                let state = self.state();
                self.switch(at, state);
                if let Some(pos) = self.steps.iter().rposition(|(id, _)| id == step) {
                    self.steps.truncate(pos);
                }
                if state.is_some_and(State::holds_thread) {
                    self.switch(at, Some(self.holding_state()));
                }
            }
            EventKind::Wake { .. } => {
                if self.in_poll {
                    self.woken_in_poll = true;
                } else {
                    self.ready_from_deadline(at);
                    if self.state() == Some(State::Waiting) {
                        self.switch(at, Some(State::Ready));
                    }
                    self.timer_due = None;
                }
            }
            EventKind::TimerArmed { due, .. } => self.timer_due = Some(*due),
            EventKind::Sent { .. } => self.switch(at, Some(State::Starting)),
            EventKind::GilWanted { .. } => self.switch(at, Some(State::Ready)),
            EventKind::GilTaken { .. } => self.switch(at, Some(State::Running)),
            EventKind::GilReleased { .. } => self.switch(at, Some(State::Waiting)),
            EventKind::CookStarting { .. }
            | EventKind::CookReady { .. }
            | EventKind::Threads { .. } => {}
            EventKind::TimerFired { .. }
            | EventKind::Print { .. }
            | EventKind::Frame
            | EventKind::Hidden
            | EventKind::Visible
            | EventKind::LongTask { .. } => {}
        }
    }

    /// A timer that came due while the thread was busy could only fire once it was free again; the
    /// task was ready (its wait was over) from the deadline on, not from then. Switches a waiting
    /// task to ready at its deadline if that has passed by `at`.
    fn ready_from_deadline(&mut self, at: f64) {
        if let (Some((State::Waiting, since)), Some(due)) = (self.open, self.timer_due)
            && due <= at
        {
            self.switch(clamp(due, since, at), Some(State::Ready));
        }
    }

    fn finish(mut self, end: f64) -> Lane {
        self.switch(end, None);
        Lane {
            name: self.name,
            segments: self.segments,
        }
    }
}

/// Whether a trace's run was on threads taking turns on a GIL.
fn gil_run(trace: &Trace) -> bool {
    trace.events.iter().any(|e| {
        matches!(
            e.kind,
            EventKind::Threads {
                free_threaded: false,
                ..
            }
        )
    })
}

/// How many cooks a trace's run used.
fn cook_count(trace: &Trace) -> usize {
    trace
        .events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::CookStarting { cook }
            | EventKind::CookReady { cook }
            | EventKind::Sent { cook, .. } => Some(cook + 1),
            _ => None,
        })
        .max()
        .unwrap_or(0)
}

/// When a cook was starting during the run, from its `CookStarting` to its `CookReady` (or the end).
fn cook_starting(trace: &Trace, cook: usize) -> Option<(f64, f64)> {
    let from = trace
        .events
        .iter()
        .find(|e| e.kind == EventKind::CookStarting { cook })?
        .at;
    let to = trace
        .events
        .iter()
        .find(|e| e.kind == EventKind::CookReady { cook })
        .map_or(trace.end, |e| e.at);
    Some((from, to))
}

/// Derives who held one thread (or the GIL) from the lanes of the tasks `on` it, filling the rest
/// of `[0, end]` with idle spans. The choice of lanes is a `dyn` function so that one copy of this
/// code serves every thread (two generic copies cost the page's first look 1.3 KB).
fn thread_lane(lanes: &[Lane], on: &dyn Fn(usize) -> bool, end: f64) -> Vec<ThreadSpan> {
    let mut held: Vec<ThreadSpan> = lanes
        .iter()
        .enumerate()
        .filter(|&(task, _)| on(task))
        .flat_map(|(task, lane)| {
            lane.segments
                .iter()
                .filter(|s| s.state.holds_thread())
                .map(move |s| ThreadSpan {
                    task: Some(task),
                    start: s.start,
                    end: s.end,
                })
        })
        .collect();
    crate::sort::sort_stable_by(&mut held, |a, b| a.start.total_cmp(&b.start).is_lt());
    let mut spans: Vec<ThreadSpan> = Vec::new();
    let mut cursor = 0.0;
    for span in held {
        if span.start > cursor {
            push_span(&mut spans, None, cursor, span.start);
        }
        // One thread cannot be held twice; clamping keeps the lane readable if timestamps touch.
        let start = span.start.max(cursor);
        if span.end > start {
            push_span(&mut spans, span.task, start, span.end);
            cursor = span.end;
        }
    }
    if end > cursor {
        push_span(&mut spans, None, cursor, end);
    }
    spans
}

fn push_span(spans: &mut Vec<ThreadSpan>, task: Option<usize>, start: f64, end: f64) {
    match spans.last_mut() {
        Some(last) if last.task == task && last.end == start => last.end = end,
        _ => spans.push(ThreadSpan { task, start, end }),
    }
}

#[cfg(test)]
mod tests;

/// `x.clamp(lo, hi)` without its panic when `lo > hi` (whose message links `f64`'s `Debug` and the
/// float formatting behind it). The same result whenever `f64::clamp` returns; NaN stays NaN.
pub fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    if x < lo {
        lo
    } else if x > hi {
        hi
    } else {
        x
    }
}
