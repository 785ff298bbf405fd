//! Trace events: the facts a real run records, in the order they happened.
//!
//! The runtime appends events; it never interprets them. Turning facts into what the learner sees
//! (segments, the thread lane, totals) is [`crate::timeline`]'s job, so that it is tested natively.

use serde::Serialize;

use super::recipe::StepId;

/// How a task was handed to whatever drives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Start {
    /// A plain function call: the task holds the thread from this moment until it returns.
    Called,
    /// Given to an executor (`join_all`, `spawn_local`, an `.await`): ready, but it runs when polled.
    Scheduled,
}

/// What a step does to the thread while it is in progress, as far as the timeline is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Activity {
    /// CPU-bound work: the task runs and holds the thread.
    Work,
    /// A wait done as a busy-wait: the task holds the thread while doing nothing useful (blocked).
    Sleep,
    /// A wait, call or yield done by awaiting: the task may suspend and free the thread.
    Await,
    /// A step that takes no time, such as a print.
    Instant,
}

/// One recorded fact.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum EventKind {
    /// The task was handed to its driver.
    TaskStart {
        /// Index of the task in the recipe.
        task: usize,
        /// How it was handed over.
        how: Start,
    },
    /// The task's future completed or its function returned.
    TaskEnd {
        /// Index of the task in the recipe.
        task: usize,
    },
    /// The executor began polling the task's future.
    PollStart {
        /// Index of the task in the recipe.
        task: usize,
    },
    /// A poll of the task's future returned.
    PollEnd {
        /// Index of the task in the recipe.
        task: usize,
        /// `true` for `Poll::Ready`, `false` for `Poll::Pending`.
        ready: bool,
    },
    /// A step began.
    StepStart {
        /// Index of the task the step runs under (a helper's step runs under its caller's task).
        task: usize,
        /// The step.
        step: StepId,
        /// What the step does to the thread.
        activity: Activity,
    },
    /// A step ended.
    StepEnd {
        /// Index of the task the step ran under.
        task: usize,
        /// The step.
        step: StepId,
    },
    /// A real timer was armed for a task.
    TimerArmed {
        /// Index of the task in the recipe.
        task: usize,
        /// When the timer is due, in milliseconds since the run began.
        due: f64,
    },
    /// A task's timer callback ran.
    TimerFired {
        /// Index of the task in the recipe.
        task: usize,
    },
    /// Something woke the task's future (its waker was called).
    Wake {
        /// Index of the task in the recipe.
        task: usize,
    },
    /// The task printed a line.
    Print {
        /// Index of the task in the recipe.
        task: usize,
        /// The printed text.
        text: String,
    },
    /// The page drew a frame (a `requestAnimationFrame` callback ran).
    Frame,
    /// The page became hidden (another tab, a minimised window): browsers throttle its timers.
    Hidden,
    /// The page became visible again.
    Visible,
    /// The browser reported a long task: the main thread was busy for `duration` ms from `at` on.
    LongTask {
        /// How long the task held the main thread, in milliseconds.
        duration: f64,
    },
    /// A cook (a Web Worker of the pool) began starting: its worker is created and loads its code.
    CookStarting {
        /// The cook, from 0.
        cook: usize,
    },
    /// A cook finished starting and can take tasks.
    CookReady {
        /// The cook, from 0.
        cook: usize,
    },
    /// A threads run began: its threads take turns on the GIL, or run free-threaded (no lock: their
    /// `GilTaken` and `GilReleased` then say when each ran Python, and nobody ever waits).
    Threads {
        /// Whether the threads run without the GIL.
        free_threaded: bool,
        /// Whether the GIL is a lock in the threads' shared memory, handed from one to the next
        /// with `Atomics` (on a cross-origin-isolated page), rather than kept by the page and
        /// handed over by messages. A prediction's is the page's: what differs between the two is
        /// a hand-over's cost, which the prediction takes from the last run's.
        shared_memory: bool,
    },
    /// The task's thread asked for the GIL and waits for it.
    GilWanted {
        /// Index of the task in the recipe.
        task: usize,
    },
    /// The task's thread took the GIL (free-threaded: began running Python).
    GilTaken {
        /// Index of the task in the recipe.
        task: usize,
    },
    /// The task's thread let the GIL go: to sleep, at the end of its task, or because another
    /// thread asked for it (free-threaded: stopped running Python).
    GilReleased {
        /// Index of the task in the recipe.
        task: usize,
    },
    /// The page handed a task to a cook: the message is on its way, and the task's every later fact
    /// happens on that cook's own thread.
    Sent {
        /// Index of the task in the recipe.
        task: usize,
        /// The cook, from 0.
        cook: usize,
    },
}

/// A fact and the moment it happened, in milliseconds since the run began.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    /// Milliseconds since the run began.
    pub at: f64,
    /// What happened.
    pub kind: EventKind,
}

/// Everything recorded during one run.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Trace {
    /// The facts, in the order they were recorded.
    pub events: Vec<Event>,
    /// When the run's driver returned or was cancelled, in milliseconds since the run began.
    pub end: f64,
    /// Whether the run was cancelled before it finished.
    pub cancelled: bool,
}

/// Puts `events` in time order, keeping the order of those at the same time: the facts of a run
/// made on several threads (cooks, a program's worker processes) each keep their thread's order,
/// however the threads interleave. One function for every caller, so that its code is written
/// once (three copies of the sort made the first look grow).
pub fn in_time_order(events: &mut Vec<Event>) {
    crate::sort::sort_stable_by(events, |a, b| a.at < b.at);
}

impl Trace {
    /// The lines the run printed, in order, as its console shows them (a print that ends without
    /// a newline goes on on the next one's line).
    #[cfg(all(test, not(target_arch = "wasm32")))]
    pub(crate) fn printed_lines(&self) -> Vec<String> {
        let mut printed = String::new();
        for event in &self.events {
            if let EventKind::Print { text, .. } = &event.kind {
                printed.push_str(text);
                printed.push('\n');
            }
        }
        printed.lines().map(str::to_owned).collect()
    }

    /// The event's task, if it concerns one.
    pub fn task_of(kind: &EventKind) -> Option<usize> {
        match kind {
            EventKind::TaskStart { task, .. }
            | EventKind::TaskEnd { task }
            | EventKind::PollStart { task }
            | EventKind::PollEnd { task, .. }
            | EventKind::StepStart { task, .. }
            | EventKind::StepEnd { task, .. }
            | EventKind::TimerArmed { task, .. }
            | EventKind::TimerFired { task }
            | EventKind::Wake { task }
            | EventKind::Sent { task, .. }
            | EventKind::GilWanted { task }
            | EventKind::GilTaken { task }
            | EventKind::GilReleased { task }
            | EventKind::Print { task, .. } => Some(*task),
            EventKind::Frame
            | EventKind::Hidden
            | EventKind::Visible
            | EventKind::LongTask { .. }
            | EventKind::CookStarting { .. }
            | EventKind::CookReady { .. }
            | EventKind::Threads { .. } => None,
        }
    }

    /// Whether the page was hidden at any moment of the run, so that its timers were throttled.
    pub fn was_hidden(&self) -> bool {
        self.events.iter().any(|e| e.kind == EventKind::Hidden)
    }

    /// Shifts every time in the trace by `-origin`, so that `origin` becomes time zero.
    pub fn rebased(mut self, origin: f64) -> Trace {
        for event in &mut self.events {
            event.at -= origin;
            if let EventKind::TimerArmed { due, .. } = &mut event.kind {
                *due -= origin;
            }
        }
        self.end -= origin;
        self
    }

    /// Which cook each of `tasks` task instances was sent to, if any (none outside the processes mode).
    pub fn cooks_of(&self, tasks: usize) -> Vec<Option<usize>> {
        let mut cooks = vec![None; tasks];
        for event in &self.events {
            if let EventKind::Sent { task, cook } = event.kind
                && let Some(slot) = cooks.get_mut(task)
            {
                *slot = Some(cook);
            }
        }
        cooks
    }

    /// The times of the frames the page drew during the run.
    pub fn frames(&self) -> Vec<f64> {
        self.events
            .iter()
            .filter(|e| e.kind == EventKind::Frame)
            .map(|e| e.at)
            .collect()
    }
}
