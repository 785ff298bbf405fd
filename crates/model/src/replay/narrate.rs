//! Narration: one plain sentence per stop, generated from the trace and the code the run executed.
//!
//! Nothing here is written per lesson: a sentence is built from what the stop is, the loop's state
//! there ([`Replay::state`]) and the statement of the step concerned, quoted from the code view in the
//! learner's language (`sleep(45).await` or `await asyncio.sleep(45)`). Code is set between
//! backticks so the page can show it as code. Times are in the recipe's unit with milliseconds
//! beside. Sentences are made on demand, for the stops on screen, never for a whole run at once.

use super::stops::StopKind;
use super::{NONE, Phase, Replay};
use crate::code::{CodeView, Language};
use crate::format;
use crate::mode::Mode;
use crate::recipe::{Action, Recipe, Routine, StepId};

/// An instant of a run in words: the recipe's unit, with milliseconds beside.
pub fn time_words(recipe: &Recipe, ms: f64) -> String {
    format::instant(recipe, ms)
}

/// Tells a replayed run stop by stop.
pub struct Narrator<'a> {
    replay: &'a Replay,
    recipe: &'a Recipe,
    code: &'a CodeView,
    /// The run is a learner's program as written: its first lane is its own top (`main`), which
    /// starts the other tasks, rather than tasks a hidden `main` drives in a mode.
    written: bool,
}

/// The names the two languages give the same things.
struct Words {
    gather: &'static str,
    spawn: &'static str,
    polled: &'static str,
    polled_again: &'static str,
    resumes: &'static str,
    pending: &'static str,
    ready: &'static str,
}

impl Words {
    fn of(language: Language) -> Words {
        match language {
            Language::Rust => Words {
                gather: "`join_all`",
                spawn: "`spawn_local`",
                polled: "is polled",
                polled_again: "is polled again",
                resumes: "is polled again and resumes after",
                pending: "returns Pending",
                ready: "returns Ready",
            },
            Language::Python => Words {
                gather: "`asyncio.gather`",
                spawn: "`asyncio.create_task`",
                polled: "is run by the loop",
                polled_again: "is resumed by the loop",
                resumes: "is resumed by the loop after",
                pending: "suspends",
                ready: "returns",
            },
        }
    }
}

impl<'a> Narrator<'a> {
    /// A narrator of `replay`, a run of `recipe`, quoting statements from `code` (whose language
    /// decides the words).
    pub fn new(replay: &'a Replay, recipe: &'a Recipe, code: &'a CodeView) -> Self {
        Narrator {
            replay,
            recipe,
            code,
            written: false,
        }
    }

    /// The same narrator, for a learner's program run as written (`python::drawn`): the first lane
    /// is the program's top, and it starts the others.
    pub fn as_written(self) -> Self {
        Narrator {
            written: true,
            ..self
        }
    }

    /// Who starts the tasks: `main`, or a learner's program's own top (its first lane).
    pub fn starter(&self) -> String {
        if self.written {
            self.name(0)
        } else {
            "main".to_owned()
        }
    }

    fn words(&self) -> Words {
        Words::of(self.code.language)
    }

    /// The sentence of stop `stop`, starting with its time.
    pub fn sentence(&self, stop: usize) -> String {
        let stops = self.replay.stops();
        let Some(s) = stops.get(stop) else {
            return String::new();
        };
        let when = time_words(self.recipe, s.at);
        let w = self.words();
        let body = match &s.kind {
            StopKind::Begin => self.begin(),
            StopKind::Handed { first, count } => self.handed(*first, *count),
            StopKind::Called { task, step } => {
                let mut text = format!(
                    "main calls {}: a plain function holds the thread until it returns",
                    self.call_name(*task)
                );
                if let Some(step) = step {
                    text.push_str(&format!("; it {}", self.hold_words(stop, *step)));
                }
                text
            }
            StopKind::Polled {
                task,
                step,
                spurious,
                again,
            } => {
                let name = format!("{}{}", self.name(*task), self.on_cook(*task));
                let mut text = if *spurious {
                    format!(
                        "{} polls {name} again, although nothing woke it: each time it is polled, \
                         it polls every child that has not finished",
                        w.gather
                    )
                } else if *again {
                    // The step it resumes in is the one it was suspended on, before this poll.
                    let before = self.replay.view(*task, self.replay.limit(stop - 1));
                    match self.replay.innermost(before).and_then(|a| self.code(a)) {
                        Some(code) => format!("{name} {} {code}", w.resumes),
                        None => format!("{name} {}", w.polled_again),
                    }
                } else {
                    format!("{name} {} for the first time", w.polled)
                };
                if let Some(step) = step {
                    text.push_str(&format!(" and {}", self.hold_words(stop, *step)));
                }
                text
            }
            StopKind::Held { task, step } => {
                format!("{} {}", self.name(*task), self.hold_words(stop, *step))
            }
            StopKind::CooksStarting { first, count } => {
                let cooks = if *count == 1 {
                    format!("cook {}", first + 1)
                } else {
                    format!("cooks {} to {}", first + 1, first + count)
                };
                format!(
                    "the pool starts {cooks}: each is a Web Worker, a thread of its own that loads \
                     its own copy of the code before it can take a task"
                )
            }
            StopKind::CookReady { cook } => {
                let since = self.replay.cook_started_at(*cook, stop);
                let took = since.map_or(String::new(), |from| {
                    format!(" after {}", format::millis(s.at - from))
                });
                format!("cook {} is ready{took}: it can take a task", cook + 1)
            }
            StopKind::Sent { task, cook } => format!(
                "main sends {} to cook {}, the first one free: the message is on its way, and \
                 the page's own thread stays free",
                self.name(*task),
                cook + 1
            ),
            StopKind::Printed { task, line } => {
                let text = self
                    .replay
                    .print_texts
                    .get(*line)
                    .map_or("", String::as_str);
                format!(
                    "{} prints “{text}” (console line {})",
                    self.name(*task),
                    line + 1
                )
            }
            StopKind::Skipped { task, step } => self.skipped(*task, *step),
            StopKind::Suspended { task } => {
                let mut text = self.suspended(stop, *task);
                text.push_str(&self.idle_note(stop));
                text
            }
            StopKind::Returned { task } => {
                let name = self.name(*task);
                let how = if self.replay.mode() == Mode::Blocking {
                    format!("{} returns", self.call_name(*task))
                } else {
                    format!("{name} {}", w.ready)
                };
                let finished = self.replay.done_before(self.replay.limit(stop));
                let tasks = self.replay.tasks();
                let (done, all) = (format::count(finished), format::count(tasks));
                let mut text = if finished == tasks {
                    format!("{how}: every task is done ({done} of {all})")
                } else {
                    format!("{how}: {name} is done, {done} of {all} tasks")
                };
                text.push_str(&self.idle_note(stop));
                text
            }
            StopKind::Fired { timeout, tasks } => self.fired(stop, *timeout, tasks),
            StopKind::Woken { task } => {
                format!("{} is woken and joins the ready queue", self.name(*task))
            }
            StopKind::Visibility { hidden: true } => "the tab is hidden: the browser throttles \
                its timers from here, so these times are not the page's own"
                .to_owned(),
            StopKind::Visibility { hidden: false } => "the tab is visible again".to_owned(),
            StopKind::End { cancelled } => self.end(s.at, *cancelled),
        };
        format!("{when}: {}.", body)
    }

    fn begin(&self) -> String {
        let n = self.replay.tasks();
        let tasks = plural(n, "task", "tasks");
        let w = self.words();
        if self.written {
            return format!("the run begins: the event loop runs {}", self.name(0));
        }
        match self.replay.mode() {
            Mode::Blocking => {
                format!("the run begins: main calls {tasks} as plain functions, one after another")
            }
            Mode::Sequential => {
                format!("the run begins: main awaits {tasks} one after another")
            }
            Mode::Gather => format!("the run begins: main gathers {tasks} with {}", w.gather),
            Mode::Spawn => format!(
                "the run begins: main spawns {tasks} with {} and then awaits each",
                w.spawn
            ),
            Mode::BlockingInAsync => format!(
                "the run begins: main gathers {tasks} with {}, but their waits block the thread",
                w.gather
            ),
            Mode::NeverAwaited => format!(
                "the run begins: main creates {tasks} and never awaits {}",
                if n == 1 { "it" } else { "them" }
            ),
            Mode::Processes => format!(
                "the run begins: main hands {tasks} to a pool of {} ({}), each a thread with its \
                 own event loop",
                plural(self.replay.cook_count(), "cook", "cooks"),
                match self.code.language {
                    Language::Rust => "Web Workers",
                    Language::Python => "`ProcessPoolExecutor`",
                }
            ),
            Mode::FreeThreaded => format!(
                "the run begins: main hands {tasks} to a pool of {} ({}), plain functions on a \
                 Python without the GIL, which compute at once as far as the cores go",
                plural(self.replay.cook_count(), "thread", "threads"),
                match self.code.language {
                    Language::Rust => "Web Workers",
                    Language::Python => "`ThreadPoolExecutor`",
                }
            ),
            Mode::Threads => format!(
                "the run begins: main hands {tasks} to a pool of {} ({}), plain functions that \
                 take turns on the GIL to compute",
                plural(self.replay.cook_count(), "thread", "threads"),
                match self.code.language {
                    Language::Rust => "Web Workers",
                    Language::Python => "`ThreadPoolExecutor`",
                }
            ),
        }
    }

    fn handed(&self, first: usize, count: usize) -> String {
        let names = self.names(first..first + count, count);
        let they = if count == 1 { "it is" } else { "they are" };
        let w = self.words();
        if self.written {
            return if first == 0 {
                format!("the loop is handed {names}: {they} ready, waiting for the thread")
            } else {
                format!(
                    "{} starts {names} as {}: {they} ready, waiting for the thread",
                    self.name(0),
                    if count == 1 { "a task" } else { "tasks" }
                )
            };
        }
        match self.replay.mode() {
            Mode::Processes => {
                format!("main queues {names} in the pool: {they} waiting for a free cook")
            }
            Mode::Spawn => format!(
                "main spawns {names} with {}: {they} ready, waiting for the thread",
                w.spawn
            ),
            Mode::Sequential => format!("main awaits {names}: it is ready to be polled"),
            _ => format!(
                "main hands {names} to {}: {they} ready, waiting for the thread",
                w.gather
            ),
        }
    }

    /// "runs `work(20)` (buy groceries): the thread is busy until 35 min (700 ms)", or the same for a
    /// blocking sleep.
    fn hold_words(&self, stop: usize, step: StepId) -> String {
        let code = self.code(step).unwrap_or_else(|| "a step".to_owned());
        let label = self.label(step);
        let until = match self.replay.stops().get(stop + 1) {
            Some(next) => format!("until {}", time_words(self.recipe, next.at)),
            None => {
                let units = self.recipe.step(step).map_or(0, |s| s.action.units());
                format!(
                    "for {}",
                    time_words(self.recipe, self.recipe.ms(f64::from(units)))
                )
            }
        };
        let sleeping = self
            .recipe
            .step(step)
            .is_some_and(|s| matches!(s.action, Action::Wait(_)));
        match (sleeping, self.replay.mode()) {
            (true, Mode::Blocking) => format!(
                "runs {code}{label}: in blocking mode the sleep holds the thread {until}, so no \
                 timer can fire and no frame is drawn"
            ),
            (true, _) => format!(
                "runs {code}{label}: a blocking sleep inside async code holds the thread {until}, \
                 so the loop can run nothing else"
            ),
            (false, _) => format!("runs {code}{label}: the thread is busy {until}"),
        }
    }

    fn skipped(&self, task: usize, step: StepId) -> String {
        let name = self.name(task);
        let code = self.code(step).unwrap_or_else(|| "a step".to_owned());
        let Some(s) = self.recipe.step(step) else {
            return format!("{name} skips a step");
        };
        if !s.missing_await {
            return format!(
                "{name} runs {code}: a plain function has no event loop to give the thread to, so \
                 it does nothing"
            );
        }
        match &s.action {
            Action::Call(helper) => format!(
                "{name} calls {code} without awaiting it: the coroutine is created and dropped, so \
                 {helper} never runs"
            ),
            Action::Yield => format!(
                "{name} writes {code} without awaiting it: nothing is given back to the loop"
            ),
            _ => format!("{name} creates {code} and drops it without awaiting it: nothing waits"),
        }
    }

    fn suspended(&self, stop: usize, task: usize) -> String {
        let name = self.name(task);
        let w = self.words();
        let replay = self.replay;
        let snap = replay.view(task, replay.limit(stop));
        let chain = replay.chain(snap.frame);
        let inside = self.inside(&chain);
        let awaited = chain.last().and_then(|&s| self.code(s));
        let timer = (snap.timer != NONE).then(|| replay.timers[snap.timer as usize]);
        // A yield wakes its own task before the poll returns: it is ready again at once.
        if snap.phase == Phase::Ready && timer.is_none() {
            return format!(
                "{name}{inside} yields{}: it wakes itself and {}, going to the back of the ready queue",
                awaited.map_or(String::new(), |c| format!(" with {c}")),
                w.pending
            );
        }
        let spurious = matches!(
            replay.stops()[stop - 1].kind,
            StopKind::Polled { task: t, spurious: true, .. } if t == task
        );
        match (timer, awaited) {
            (Some(t), _) if spurious => format!(
                "{name} is still waiting for its timer, due at {}, and {} again",
                time_words(self.recipe, t.due),
                w.pending
            ),
            (Some(t), Some(code)) => format!(
                "{name}{inside} awaits {code}{}: it arms a timer due at {} and {}; it costs the \
                 thread nothing until the timer fires",
                t.step.map(|s| self.label(s)).unwrap_or_default(),
                time_words(self.recipe, t.due),
                w.pending
            ),
            _ => format!("{name}{inside} {}", w.pending),
        }
    }

    /// What the loop does next when nothing can run: wait for the next timer. Said only when the
    /// next thing to happen is a timer firing (a gather's pass over its other children still runs).
    fn idle_note(&self, stop: usize) -> String {
        // When a timer's callback is the next thing to happen, the microtask queue is empty: nobody
        // holds the thread or is ready, and that timer is the soonest.
        let stops = self.replay.stops();
        let Some(StopKind::Fired { tasks, .. }) = stops.get(stop + 1).map(|s| &s.kind) else {
            return String::new();
        };
        let at = stops[stop].at;
        match tasks.first().and_then(|&t| self.armed_timer(t, stop + 1)) {
            Some(timer) if timer.due < at => format!(
                ". The thread is free again, so {}'s timer, due since {}, can fire at last",
                self.name(timer.task as usize),
                time_words(self.recipe, timer.due)
            ),
            Some(timer) if timer.due == at => {
                format!(
                    ". {}'s timer is due now: it fires next",
                    self.name(timer.task as usize)
                )
            }
            Some(timer) => format!(
                ". Nothing is ready: the thread is idle until the next timer, {}'s at {}",
                self.name(timer.task as usize),
                time_words(self.recipe, timer.due)
            ),
            None => String::new(),
        }
    }

    /// The timer `task` had armed just before stop `stop`.
    fn armed_timer(&self, task: usize, stop: usize) -> Option<super::Timer> {
        let snap = self
            .replay
            .view(task, self.replay.limit(stop.checked_sub(1)?));
        (snap.timer != NONE).then(|| self.replay.timers[snap.timer as usize])
    }

    fn fired(&self, stop: usize, timeout: usize, tasks: &[usize]) -> String {
        let replay = self.replay;
        let timer = tasks
            .first()
            .and_then(|&t| self.armed_timer(t, stop))
            .filter(|t| t.timeout as usize == timeout);
        let due = timer.map_or(replay.stops()[stop].at, |t| t.due);
        let at = replay.stops()[stop].at;
        let late = at - due;
        // Timers fire a little late anyway; "busy" is when the thread was held for most of the delay.
        let busy = late > 0.5 && replay.held_between(due, at) >= 0.5 * late;
        let lateness = if busy {
            format!(
                ", {} after it came due at {}: the thread was busy until now",
                time_words(self.recipe, late)
                    .split(" (")
                    .next()
                    .unwrap_or(""),
                time_words(self.recipe, due)
            )
        } else {
            String::new()
        };
        match tasks {
            [task] => {
                let label = timer
                    .and_then(|t| t.step)
                    .map(|s| self.label(s))
                    .unwrap_or_default();
                let name = self.name(*task);
                format!(
                    "{name}'s timer{label} fires{lateness}; {name} is woken and joins the ready queue"
                )
            }
            _ => format!(
                "one browser timeout fires for {} sleeps due at {}{lateness}; {} are woken and \
                 join the ready queue",
                format::count(tasks.len()),
                time_words(self.recipe, due),
                self.names(tasks.iter().copied(), tasks.len())
            ),
        }
    }

    fn end(&self, at: f64, cancelled: bool) -> String {
        let total = time_words(self.recipe, at);
        if cancelled {
            return format!(
                "the run is cancelled: its futures are dropped, which clears their timers, after {total}"
            );
        }
        if self.replay.mode().threaded() {
            // No event loop: each thread ran its function to the end, and the pool's `with`
            // block waited for them all.
            return format!(
                "every thread's function has returned, so the pool's `with` block ends: the run \
                 took {total}"
            );
        }
        let polled = !self.replay.polls.is_empty() || !self.replay.holders.is_empty();
        if !polled {
            return "nothing was awaited, so no task ever ran: the run ends at once".to_owned();
        }
        if self.written {
            return format!("nothing is left to run: the run took {total}");
        }
        match self.replay.mode() {
            Mode::Gather | Mode::BlockingInAsync => {
                format!(
                    "{} returns, and main with it: the run took {total}",
                    self.words().gather
                )
            }
            _ => format!("main returns: the run took {total}"),
        }
    }

    /// ", inside wait_for_water," for a chain that goes through helpers.
    fn inside(&self, chain: &[StepId]) -> String {
        let helpers: Vec<&str> = chain
            .iter()
            .skip(1)
            .filter_map(|s| match s.routine {
                Routine::Helper(h) => self.recipe.helpers.get(h).map(|h| h.name.as_str()),
                Routine::Task(_) => None,
            })
            .collect();
        match helpers.last() {
            Some(h) => format!(", inside {h},"),
            None => String::new(),
        }
    }

    /// A step's statement as code, such as `` `sleep(45).await` ``.
    fn code(&self, step: StepId) -> Option<String> {
        let text = self.code.statement_of(step)?;
        Some(format!("`{}`", text.trim_end_matches(';')))
    }

    /// " (bake in the oven)" when the step has a label.
    fn label(&self, step: StepId) -> String {
        self.recipe
            .step(step)
            .and_then(|s| s.label.as_deref())
            .map_or(String::new(), |l| format!(" ({l})"))
    }

    /// " on cook 2" for a task run on a cook (" on thread 2" in the threads modes), else nothing.
    fn on_cook(&self, task: usize) -> String {
        let worker = if self.replay.mode().threaded() {
            "thread"
        } else {
            "cook"
        };
        self.replay
            .cook_of(task)
            .map_or(String::new(), |cook| format!(" on {worker} {}", cook + 1))
    }

    /// An instance's lane name.
    pub fn name(&self, task: usize) -> String {
        self.recipe.instance(task).map_or_else(
            || format!("task {}", task + 1),
            |i| self.recipe.instance_name(i),
        )
    }

    /// How the code calls an instance's function: `` `cake()` ``.
    fn call_name(&self, task: usize) -> String {
        let name = self
            .recipe
            .instance(task)
            .and_then(|i| self.recipe.tasks.get(i.task))
            .map_or("task", |t| t.name.as_str());
        format!("`{name}()`")
    }

    /// "cake and groceries", "timer 1, timer 2 … and 9 998 more".
    fn names(&self, tasks: impl Iterator<Item = usize>, count: usize) -> String {
        let shown: Vec<String> = tasks
            .take(if count > 3 { 2 } else { 3 })
            .map(|t| self.name(t))
            .collect();
        match shown.as_slice() {
            [] => "no task".to_owned(),
            [one] => one.clone(),
            [a, b] if count == 2 => format!("{a} and {b}"),
            [a, b, c] => format!("{a}, {b} and {c}"),
            [a, b] => format!("{a}, {b} … and {} more", format::count(count - 2)),
            _ => shown.join(", "),
        }
    }
}

/// "1 task", "10 000 tasks".
fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", format::count(n))
    }
}
