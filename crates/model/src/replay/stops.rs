//! Stops: a run's events grouped into the changes a learner can see, one cursor step each.
//!
//! A trace records bookkeeping a learner would not step through on its own (a step ending, a timer
//! being armed, the `StepStart` of a print). Each such event joins the stop it belongs to: the stop
//! in progress, unless that stop began a stretch in which the thread is held (a `work`, a blocking
//! sleep) — then time passed, and what happens at the stretch's end belongs to the next stop. Runs of
//! the same change at one instant (main handing ten thousand tasks to `join_all`, one browser timeout
//! waking every sleep it carries) are one stop. This module owns those rules; what a stop *means*
//! is the query's and the narrator's business.

use crate::recipe::{Action, Recipe, StepId};
use crate::trace::{Activity, EventKind, Start};

/// One change a learner can step to.
#[derive(Clone, Debug, PartialEq)]
pub struct Stop {
    /// When it happened, in milliseconds since the run began.
    pub at: f64,
    /// The events up to (not including) this index have happened once the cursor is on this stop.
    pub end: u32,
    /// The event that makes this stop (the first of a run of same changes).
    pub event: u32,
    /// For a poll or call that begins with a step holding the thread, when that step began: a
    /// moment later than the poll, on the busy-wait's own reading. Minus infinity for other stops.
    pub held_from: f64,
    /// For a stop that holds the thread, when the hold ended: the time of the first event after it
    /// that waits for the next stop (the step's end). Infinite until then, and for other stops.
    pub held_until: f64,
    /// What happened.
    pub kind: StopKind,
}

/// What a stop is.
#[derive(Clone, Debug, PartialEq)]
pub enum StopKind {
    /// The run begins: nothing has happened yet.
    Begin,
    /// `main` handed tasks to its driver (`join_all`, `spawn_local`, an `.await`): instances
    /// `first .. first + count`, which are now ready.
    Handed {
        /// The first instance handed over.
        first: usize,
        /// How many, in instance order.
        count: usize,
    },
    /// `main` called a task as a plain function (blocking mode): it holds the thread until it returns.
    Called {
        /// The instance.
        task: usize,
        /// The step that holds the thread from here, if the call began with one.
        step: Option<StepId>,
    },
    /// The executor began polling a task.
    Polled {
        /// The instance.
        task: usize,
        /// A `work` or blocking sleep the poll began with at once, holding the thread from here.
        step: Option<StepId>,
        /// Whether nothing had woken the task (`join_all` polls every child when any of them wakes).
        spurious: bool,
        /// Whether the task had been polled before.
        again: bool,
    },
    /// A step that holds the thread began inside a poll or a call: `work`, or a blocking sleep.
    Held {
        /// The instance.
        task: usize,
        /// The step.
        step: StepId,
    },
    /// A task printed the console's line `line` (0-based).
    Printed {
        /// The instance.
        task: usize,
        /// The console line.
        line: usize,
    },
    /// A step did nothing: an await forgotten (the future is created and dropped), or a yield in a
    /// plain function, which has no loop to give back to.
    Skipped {
        /// The instance.
        task: usize,
        /// The step.
        step: StepId,
    },
    /// A poll returned `Pending`: the task is suspended, or ready again at once after a yield.
    Suspended {
        /// The instance.
        task: usize,
    },
    /// A task finished: its poll returned `Ready`, or its function returned.
    Returned {
        /// The instance.
        task: usize,
    },
    /// A browser timeout fired and its callback woke the tasks of every sleep it carried.
    Fired {
        /// The timeout, as numbered by the replay.
        timeout: usize,
        /// The tasks woken, in the order the callback woke them.
        tasks: Vec<usize>,
    },
    /// Something woke a task from outside its own poll.
    Woken {
        /// The instance.
        task: usize,
    },
    /// The pool began starting cooks `first .. first + count` (each a Web Worker loading its code).
    CooksStarting {
        /// The first cook started.
        first: usize,
        /// How many.
        count: usize,
    },
    /// A cook finished starting and can take tasks.
    CookReady {
        /// The cook.
        cook: usize,
    },
    /// The page sent a task to a cook.
    Sent {
        /// The instance.
        task: usize,
        /// The cook.
        cook: usize,
    },
    /// The page was hidden (its timers are throttled from here) or shown again.
    Visibility {
        /// Whether it became hidden.
        hidden: bool,
    },
    /// The run is over: every task finished, nothing ran at all, or it was cancelled.
    End {
        /// Whether the run was cancelled.
        cancelled: bool,
    },
}

impl StopKind {
    /// The task the stop is about, if it is about one.
    pub fn task(&self) -> Option<usize> {
        match *self {
            StopKind::Called { task, .. }
            | StopKind::Polled { task, .. }
            | StopKind::Held { task, .. }
            | StopKind::Printed { task, .. }
            | StopKind::Skipped { task, .. }
            | StopKind::Suspended { task }
            | StopKind::Returned { task }
            | StopKind::Sent { task, .. }
            | StopKind::Woken { task } => Some(task),
            StopKind::Fired { ref tasks, .. } => tasks.first().copied(),
            StopKind::Handed { first, .. } => Some(first),
            StopKind::Begin
            | StopKind::Visibility { .. }
            | StopKind::End { .. }
            | StopKind::CooksStarting { .. }
            | StopKind::CookReady { .. } => None,
        }
    }

    /// Whether the thread is held from this stop until the next: time passes inside it.
    fn holds(&self) -> bool {
        matches!(
            self,
            StopKind::Held { .. }
                | StopKind::Called { step: Some(_), .. }
                | StopKind::Polled { step: Some(_), .. }
        )
    }
}

/// What the stop builder needs to know about a task's state as each event arrives.
#[derive(Default)]
pub(super) struct Context {
    /// Whether the task was waiting (not woken) when the event arrived.
    pub waiting: bool,
    /// Whether the task had been polled before.
    pub polled_before: bool,
    /// The browser timeout of the timer that is firing, for `TimerFired`.
    pub timeout: u32,
    /// The console line a `Print` writes.
    pub line: usize,
    /// Whether the task runs on a cook, a thread of its own.
    pub on_cook: bool,
}

/// Groups events into stops as they arrive.
pub(super) struct StopBuilder<'r> {
    recipe: &'r Recipe,
    pub(super) stops: Vec<Stop>,
}

impl<'r> StopBuilder<'r> {
    /// A builder whose only stop is the beginning.
    pub(super) fn new(recipe: &'r Recipe) -> Self {
        StopBuilder {
            recipe,
            stops: vec![Stop {
                at: 0.0,
                end: 0,
                event: 0,
                held_from: f64::NEG_INFINITY,
                held_until: f64::INFINITY,
                kind: StopKind::Begin,
            }],
        }
    }

    fn last(&mut self) -> &mut Stop {
        let n = self.stops.len() - 1;
        &mut self.stops[n]
    }

    /// Makes event `index` a new stop of `kind`.
    fn open(&mut self, index: u32, at: f64, kind: StopKind) {
        self.stops.push(Stop {
            at,
            end: index + 1,
            event: index,
            held_from: f64::NEG_INFINITY,
            held_until: f64::INFINITY,
            kind,
        });
    }

    /// Folds event `index` (at `at`) into the stop in progress, or holds it for the next stop when
    /// the one in progress holds the thread (the event happened at the hold's end, after time
    /// passed); the first such event says when the hold ended. So is an event of a task on a cook
    /// (`elsewhere`) that happened after the stop in progress: that stop is another thread's, and
    /// the cook's step that ends meanwhile (a worker process's `time.sleep`) must end when it
    /// ended, not at that stop's moment.
    fn fold(&mut self, index: u32, at: f64, elsewhere: bool) {
        let last = self.last();
        // Once one event is held over, so is every later one: the stop's events end before it.
        let held_over =
            last.kind.holds() || last.held_until.is_finite() || (elsewhere && at > last.at);
        if !held_over {
            last.end = index + 1;
        } else if last.held_until.is_infinite() {
            last.held_until = at;
        }
    }

    /// Takes event `index` of `kind` at `at`; `cx` is the state of the event's task before it.
    pub(super) fn push(&mut self, index: u32, at: f64, kind: &EventKind, cx: Context) {
        let last = self.stops.len() - 1;
        let same_instant = self.stops[last].at == at;
        // Whether the stop in progress ends just before this event: runs extend only when adjacent.
        let adjacent = self.stops[last].end == index;
        match *kind {
            EventKind::TaskStart {
                task,
                how: Start::Scheduled,
            } => match &mut self.stops[last].kind {
                StopKind::Handed { first, count }
                    if same_instant && adjacent && *first + *count == task =>
                {
                    *count += 1;
                    self.stops[last].end = index + 1;
                }
                _ => self.open(
                    index,
                    at,
                    StopKind::Handed {
                        first: task,
                        count: 1,
                    },
                ),
            },
            EventKind::TaskStart {
                task,
                how: Start::Called,
            } => self.open(index, at, StopKind::Called { task, step: None }),
            EventKind::PollStart { task } => self.open(
                index,
                at,
                StopKind::Polled {
                    task,
                    step: None,
                    spurious: cx.waiting,
                    again: cx.polled_before,
                },
            ),
            EventKind::StepStart {
                task,
                step,
                activity,
            } => self.step_start(index, at, task, step, activity, cx.on_cook),
            EventKind::Print { task, .. } => self.open(
                index,
                at,
                StopKind::Printed {
                    task,
                    line: cx.line,
                },
            ),
            EventKind::PollEnd { task, ready: false } => {
                self.open(index, at, StopKind::Suspended { task })
            }
            EventKind::PollEnd { task, ready: true } => {
                self.open(index, at, StopKind::Returned { task })
            }
            EventKind::TaskEnd { task } => match self.stops[last].kind {
                // A poll that returned `Ready` already said the task finished.
                StopKind::Returned { task: t } if t == task && adjacent => {
                    self.stops[last].end = index + 1
                }
                _ => self.open(index, at, StopKind::Returned { task }),
            },
            EventKind::TimerFired { task } => match &mut self.stops[last].kind {
                StopKind::Fired { timeout, tasks }
                    if same_instant && *timeout == cx.timeout as usize =>
                {
                    tasks.push(task);
                    self.stops[last].end = index + 1;
                }
                _ => self.open(
                    index,
                    at,
                    StopKind::Fired {
                        timeout: cx.timeout as usize,
                        tasks: vec![task],
                    },
                ),
            },
            EventKind::Wake { task } => match &self.stops[last].kind {
                // The timeout's callback wakes each task it fired for, and a yield wakes its own
                // task from inside the poll: both are part of the stop in progress.
                // The callback records each sleep's wake right after its firing: the last task.
                StopKind::Fired { tasks, .. } if tasks.last() == Some(&task) => {
                    self.stops[last].end = index + 1
                }
                _ if !cx.waiting => self.fold(index, at, cx.on_cook),
                _ => self.open(index, at, StopKind::Woken { task }),
            },
            EventKind::CookStarting { cook } => match &mut self.stops[last].kind {
                StopKind::CooksStarting { first, count }
                    if same_instant && adjacent && *first + *count == cook =>
                {
                    *count += 1;
                    self.stops[last].end = index + 1;
                }
                _ => self.open(
                    index,
                    at,
                    StopKind::CooksStarting {
                        first: cook,
                        count: 1,
                    },
                ),
            },
            EventKind::CookReady { cook } => self.open(index, at, StopKind::CookReady { cook }),
            EventKind::Sent { task, cook } => self.open(index, at, StopKind::Sent { task, cook }),
            EventKind::Hidden => self.open(index, at, StopKind::Visibility { hidden: true }),
            EventKind::Visible => self.open(index, at, StopKind::Visibility { hidden: false }),
            // The GIL changes hands every few milliseconds while threads compute: its facts belong
            // to the stops around them, or stepping would take a learner through hundreds.
            EventKind::StepEnd { .. }
            | EventKind::TimerArmed { .. }
            | EventKind::GilWanted { .. }
            | EventKind::GilTaken { .. }
            | EventKind::GilReleased { .. } => self.fold(index, at, cx.on_cook),
            EventKind::Threads { .. } => self.fold(index, at, false),
            EventKind::Frame | EventKind::LongTask { .. } => self.fold(index, at, false),
        }
    }

    fn step_start(
        &mut self,
        index: u32,
        at: f64,
        task: usize,
        step: StepId,
        activity: Activity,
        on_cook: bool,
    ) {
        match activity {
            // A plain function calling a helper holds the thread through the helper's own steps,
            // which are the stops; the call itself is only the way in.
            Activity::Work if self.is_call(step) => self.fold(index, at, on_cook),
            Activity::Work | Activity::Sleep => {
                let last = self.stops.len() - 1;
                let end = self.stops[last].end;
                match &mut self.stops[last].kind {
                    // A poll or call that begins with a step holding the thread is one stop: "cake is
                    // polled and starts preparing the dough".
                    StopKind::Polled {
                        task: t,
                        step: s @ None,
                        ..
                    }
                    | StopKind::Called {
                        task: t,
                        step: s @ None,
                    } if *t == task && end == index => {
                        *s = Some(step);
                        self.stops[last].end = index + 1;
                        self.stops[last].held_from = at;
                    }
                    _ => self.open(index, at, StopKind::Held { task, step }),
                }
            }
            Activity::Instant if self.does_nothing(step) => {
                self.open(index, at, StopKind::Skipped { task, step })
            }
            Activity::Await | Activity::Instant => self.fold(index, at, on_cook),
        }
    }

    fn is_call(&self, step: StepId) -> bool {
        self.recipe
            .step(step)
            .is_some_and(|s| matches!(s.action, Action::Call(_)))
    }

    /// Whether a step recorded as instant does nothing: a forgotten await or a yield in a plain
    /// function. (A print is instant too, and is its own stop when it prints.)
    fn does_nothing(&self, step: StepId) -> bool {
        self.recipe
            .step(step)
            .is_some_and(|s| !matches!(s.action, Action::Print(_)))
    }

    /// Ends the stops with the run's end, when the run is over.
    pub(super) fn finish(&mut self, events: u32, end: f64, cancelled: bool) {
        // Whatever a final hold was waiting to hand on belongs to the end.
        self.stops.push(Stop {
            at: end.max(self.stops[self.stops.len() - 1].at),
            end: events,
            event: events,
            held_from: f64::NEG_INFINITY,
            held_until: f64::INFINITY,
            kind: StopKind::End { cancelled },
        });
    }
}
