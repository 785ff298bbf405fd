//! The Python twins run in CPython: every lesson, and the recipes of `twins.txt` (ties, yields,
//! helpers, forgotten awaits, awkward prints), in every mode, each written as the file *Download .py*
//! gives ([`super::file`]) at a scale that makes its run short, run by `python3` and held to the
//! page's prediction. Where a mode's tasks can be written the two older ways ([`Way`]), the
//! callbacks twin (`cake_gather_callbacks.py`) and the generators twin (`cake_gather_generators.py`)
//! run too, held to the same prediction as the async/await one. This module owns that test: which
//! twins run, how, and what each run must show.
//!
//! A twin must be the same program as the page's: the same lines in the same order, and the same
//! concurrency (which steps overlap, which wait for which). Real time cannot show that on a shared
//! machine: a timer or a busy loop ends late by whatever the other programs cost, so totals grow and
//! lines that the prediction prints close together can swap. So each twin runs twice:
//!
//! - **On a virtual clock** (every mode but processes): `virtual_clock.py` runs the file unchanged on
//!   CPython's own asyncio, with a clock that only moves when the twin waits or works, each time by
//!   exactly the step's length: the run a perfect machine would give, whatever the load. It must
//!   print the prediction's lines in its order, each at its predicted instant, run every `work`,
//!   sleep and yield from its predicted start to its predicted end, and print the predicted total.
//!   Where asyncio and the page's event loop really order prints differently ([`KNOWN`]), it must
//!   print asyncio's order, so that a change on either side is noticed.
//! - **In real time**, as a learner runs it (`python3 cake_gather.py`): it must print the same
//!   lines, in an order the prediction guarantees on any machine ([`Program::chains`]), take no less
//!   time than its steps need ([`Program::bound_ms`]), and, never awaited, say so. How far its total
//!   is from the prediction is reported, not held: that is the machine's speed and load, the
//!   bench's business.
//!
//! The processes twins run in real time only: their worker processes each keep their own clock,
//! which one virtual clock cannot stand for. So do the threads twins (`ThreadPoolExecutor`, plain
//! functions and `time.sleep`): the operating system decides when each thread runs, and CPython's
//! GIL when each computes, which no virtual clock decides. What they must show holds on any machine:
//! the lines, in an order the page guarantees, and a total no less than every task's work end to
//! end, since the GIL lets one thread compute at a time. Free-threaded twins would need a
//! `python3.13t`, which this test does not look for yet.
//!
//! This is the test that keeps the model and asyncio from drifting apart. It needs `python3` (3.8 or
//! later) and takes some seconds of real time, so it is ignored by `cargo test` and run by its own
//! step of `cargo xtask test` ("Python twins in CPython"), which installs Python where it is missing:
//!
//! ```text
//! cargo test --lib twins_run_in_cpython -- --ignored --nocapture
//! TWINS=cake cargo test --lib twins_run_in_cpython -- --ignored --nocapture   # only cake_*.py
//! TWINS_EACH=1 cargo test --lib twins_run_in_cpython -- --ignored --nocapture  # every total
//! ```

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::code::{python_file, python_file_in_way, python_file_name, threads_python_file};
use crate::cooks::Cooks;
use crate::gil::Gil;
use crate::lesson;
use crate::mode::Mode;
use crate::predict::predict_with;
use crate::recipe::{Action, Recipe};
use crate::text;
use crate::timeline::Timeline;
use crate::trace::{Activity, EventKind, Trace};
use crate::way::Way;

/// The recipes beyond the lessons, as a teacher writes them, separated by lines of three dashes.
const TWINS: &str = include_str!("twins.txt");

/// The program that runs a twin on a virtual clock and writes down when its steps ran.
const VIRTUAL_CLOCK: &str = include_str!("virtual_clock.py");

/// Where CPython prints in another order than the page, and the order it prints: a timer that comes
/// due while the thread is held, whose task yields as soon as it is woken, while a later timer came
/// due too. The browser runs each timer's callback as a task of its own and its microtasks (the
/// woken task, polled again after its yield) before the next timer's, so `a` prints first; asyncio
/// moves every timer that is due to its ready queue at once, and the yield puts `a` behind `b`.
/// The callbacks twins run on asyncio's loop, and the generators' scheduler takes its timers as
/// asyncio's loop does (every one that is due, then what is ready once): both print asyncio's order.
const KNOWN: &[(&str, &[&str])] = &[
    ("yield_after_a_wake_gather.py", &["c worked", "b", "a"]),
    ("yield_after_a_wake_spawn.py", &["c worked", "b", "a"]),
    (
        "yield_after_a_wake_gather_callbacks.py",
        &["c worked", "b", "a"],
    ),
    (
        "yield_after_a_wake_spawn_callbacks.py",
        &["c worked", "b", "a"],
    ),
    (
        "yield_after_a_wake_gather_generators.py",
        &["c worked", "b", "a"],
    ),
    (
        "yield_after_a_wake_spawn_generators.py",
        &["c worked", "b", "a"],
    ),
];

/// How long each twin's run is predicted to take at least, in real milliseconds: long enough that
/// the interpreter's own costs (starting the loop, a task, a print) are a small part of its real
/// run, short enough that every lesson in every mode runs in some seconds.
const TARGET_MS: f64 = 300.0;

/// How long a twin's run is predicted to take at least for each `work` and `wait` it runs: each ends
/// a little late in real time (asyncio rounds the time it lets the operating system sleep up to a
/// whole millisecond), so a recipe of many steps runs longer, up to [`MAX_TARGET_MS`], to keep its
/// reported total meaningful.
const STEP_MS: f64 = 40.0;
/// See [`STEP_MS`].
const MAX_TARGET_MS: f64 = 800.0;

/// How long a processes twin's run is predicted to take.
const PROCESSES_TARGET_MS: f64 = 400.0;

/// How far the virtual clock moves at each read of `time.perf_counter()`, in milliseconds: a `work`
/// busy-waits on it, so a smaller tick makes the virtual run closer to perfect and its busy loops
/// longer in real time (100 iterations per millisecond of work).
const TICK_MS: f64 = 0.01;

/// How much earlier than its steps allow a real run may end: clocks' resolution (asyncio lets a
/// timer fire up to its clock's resolution early; the total and the sleeps may read different
/// clocks on some systems). A busy machine only makes runs later.
const CLOCK_SLACK_MS: f64 = 1.0;

/// How far a total printed as a whole number of milliseconds can be from the true one.
const ROUNDING_MS: f64 = 0.5;

/// More copies than this of one task are cut to this many: the ten thousand timers would otherwise
/// spend their run creating tasks in a gather and sleep microseconds each when blocking, and the two
/// hundred tiny tasks work for a millisecond each, so that the interpreter's and the scheduler's own
/// costs would be the whole story.
const MOST_COPIES: u32 = 10;

/// How many twins run at once (the processes twins, which use every core, run alone).
const AT_ONCE: usize = 2;

/// A call of the twin's that takes time, named as `virtual_clock.py` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Call {
    /// The twin's own `work`, a busy loop: it holds the thread.
    Work,
    /// `time.sleep`: it holds the thread too.
    TimeSleep,
    /// `asyncio.sleep`, awaited (a yield is `asyncio.sleep(0)`): the thread is free meanwhile.
    AsyncioSleep,
}

impl Call {
    /// The name in the virtual clock's trace.
    fn name(self) -> &'static str {
        match self {
            Call::Work => "work",
            Call::TimeSleep => "time.sleep",
            Call::AsyncioSleep => "asyncio.sleep",
        }
    }

    /// The call named `name` in the trace.
    fn named(name: &str) -> Option<Call> {
        [Call::Work, Call::TimeSleep, Call::AsyncioSleep]
            .into_iter()
            .find(|c| c.name() == name)
    }

    /// The call the twin makes for a step the prediction ran this way, if it takes time: a `call`
    /// takes only its helper's steps' time, a print none, and a forgotten `await` (an instant step)
    /// means the sleep is made and dropped. A blocking twin's yield is `time.sleep(0)`, which does
    /// nothing; [`Stretch::counts`] leaves it out on both sides.
    fn of(action: &Action, activity: Activity) -> Option<Call> {
        match (action, activity) {
            (Action::Work(_), _) => Some(Call::Work),
            (Action::Wait(_), Activity::Sleep) => Some(Call::TimeSleep),
            (Action::Wait(_) | Action::Yield, Activity::Await) => Some(Call::AsyncioSleep),
            _ => None,
        }
    }

    /// Whether the call holds the thread for its whole length.
    fn holds(self) -> bool {
        matches!(self, Call::Work | Call::TimeSleep)
    }
}

/// One step that takes time: from when its task began it to when the task went on, in milliseconds.
#[derive(Clone, Debug, PartialEq)]
struct Stretch {
    /// What the twin calls.
    call: Call,
    /// When the step began.
    start: f64,
    /// When its task went on after it (for an awaited sleep, once it had the thread again).
    end: f64,
}

impl Stretch {
    /// Whether the stretch is compared: not a `time.sleep(0)`, which does nothing.
    fn counts(&self) -> bool {
        self.call != Call::TimeSleep || self.end > self.start
    }

    /// The stretch for a message, such as `work 0.00–75.00 ms`.
    fn describe(&self) -> String {
        format!("{} {:.2}–{:.2} ms", self.call.name(), self.start, self.end)
    }
}

/// A line the page's console prints.
struct Line {
    /// When the prediction prints it, in real milliseconds.
    at: f64,
    /// The task instance that prints it.
    task: usize,
    /// One line of the printed text (a print of several lines gives several).
    text: String,
}

/// One twin to run and what the page predicts for it.
struct Program {
    /// The file's name, such as `cake_gather.py`.
    name: String,
    /// The mode it is the twin of.
    mode: Mode,
    /// How its tasks are written: with async/await, as callbacks or as generators.
    way: Way,
    /// The file's text.
    source: String,
    /// The lines the page's console prints, in order.
    lines: Vec<Line>,
    /// The prediction's steps that take time, in the order they end.
    stretches: Vec<Stretch>,
    /// The predicted total, in real milliseconds.
    predicted_ms: f64,
    /// The least a real run can take: the steps that cannot overlap, end to end, in real
    /// milliseconds. One task's steps run one after another; on the one thread, the steps that
    /// hold it do too (but a cook is a thread of its own); in the one-at-a-time modes, the tasks
    /// do. A busy machine only adds to it.
    bound_ms: f64,
    /// Whether the real run prints every line in the prediction's order, on any machine: when one
    /// thing happens at a time and no timer decides what is next (see [`Program::chains`]).
    one_chain: bool,
    /// Whether the recipe has a task at all (a never-awaited twin then warns).
    has_tasks: bool,
    /// Whether it is a threads twin run by a free-threaded CPython.
    free_threaded: bool,
}

impl Program {
    /// Whether the twin also runs on the virtual clock: every mode but processes.
    fn clocked(&self) -> bool {
        !matches!(self.mode, Mode::Processes) && !self.mode.threaded()
    }

    /// The order CPython must print on the virtual clock: asyncio's where it is known to differ
    /// from the page's.
    fn known(&self) -> Option<&'static [&'static str]> {
        KNOWN
            .iter()
            .find(|(name, _)| *name == self.name)
            .map(|&(_, lines)| lines)
    }

    /// The lines the virtual run must print, in order.
    fn expected(&self) -> Vec<&str> {
        match self.known() {
            Some(lines) => lines.to_vec(),
            None => self.lines.iter().map(|l| l.text.as_str()).collect(),
        }
    }

    /// The lines in chains whose order the prediction guarantees on any machine, so that a real run
    /// must print each chain in order, the chains interleaved in any way. Where one thing happens
    /// at a time and no timer decides what is next (the blocking and sequential modes, blocking
    /// inside async, whose waits are no timers, and one cook), that is every line in one chain.
    /// Where tasks run together, which of two lines comes first may depend on how late a timer or
    /// a cook was: then each task's own lines are a chain, its steps running one after another.
    fn chains(&self) -> Vec<Vec<&str>> {
        if self.one_chain {
            return vec![self.lines.iter().map(|l| l.text.as_str()).collect()];
        }
        let mut chains: Vec<(usize, Vec<&str>)> = Vec::new();
        for line in &self.lines {
            match chains.iter_mut().find(|(task, _)| *task == line.task) {
                Some((_, chain)) => chain.push(&line.text),
                None => chains.push((line.task, vec![&line.text])),
            }
        }
        chains.into_iter().map(|(_, chain)| chain).collect()
    }

    /// How far the virtual run may be from perfect, in milliseconds: each `work` reads the clock
    /// once before its busy loop and ends less than a tick after its time is up, two ticks late at
    /// most; the twin's own timing of `main` reads two more; the event loop's reads, a nanosecond
    /// each, stay below the last hundredth of a millisecond. The run is deterministic: this is
    /// what a perfect clock would differ by, not a margin for chance.
    fn tick_slack(&self) -> f64 {
        let works = self
            .stretches
            .iter()
            .filter(|s| s.call == Call::Work)
            .count();
        TICK_MS * (2 * works + 2) as f64 + 0.01
    }
}

/// What one run of a twin printed and, on the virtual clock, when its steps ran.
struct Ran {
    /// The lines it printed before its total.
    printed: Vec<String>,
    /// The total it printed, in real milliseconds, if it printed one.
    total_ms: Option<f64>,
    /// What it wrote to its standard error.
    stderr: String,
    /// On the virtual clock, its steps that took time, in the order they ended.
    stretches: Vec<Stretch>,
    /// On the virtual clock, when it printed each line (its total's last).
    prints: Vec<f64>,
}

/// What came of running one twin both ways.
struct Outcome {
    /// Where the virtual run differs from the prediction (none for a processes twin).
    on_clock: Vec<String>,
    /// Where the real run differs from what the prediction guarantees.
    in_real_time: Vec<String>,
    /// The virtual run's total, in milliseconds.
    virtual_ms: Option<f64>,
    /// How far the virtual run's farthest line or step is from its predicted time, in milliseconds.
    clock_off_ms: f64,
    /// The real run's total, in milliseconds.
    real_ms: Option<f64>,
}

/// The lessons, with their copies cut to [`MOST_COPIES`], then the recipes of `twins.txt`, each with
/// its name (a lesson's id, else none: the title names it) and how many cooks its processes twin has.
fn recipes() -> Vec<(Option<&'static str>, Recipe, usize)> {
    let mut all = Vec::new();
    for lesson in lesson::all() {
        let mut recipe = lesson.recipe.clone();
        for task in &mut recipe.tasks {
            task.copies = task.copies.min(MOST_COPIES);
        }
        let cooks = lesson
            .cooks
            .unwrap_or_else(|| Cooks::default_count(&recipe, cores()));
        all.push((Some(lesson.id), recipe, cooks));
    }
    for text in TWINS.split("\n---\n") {
        let recipe = text::parse(text).unwrap_or_else(|e| panic!("twins.txt: {e:?}"));
        let cooks = Cooks::default_count(&recipe, cores());
        all.push((None, recipe, cooks));
    }
    all
}

/// What a way's twins are called in their files' names and the report: Python's state machines are
/// its generators.
fn way_name(way: Way) -> &'static str {
    match way {
        Way::Callbacks => "callbacks",
        Way::StateMachine => "generators",
        Way::Async => "async",
    }
}

/// The cores this machine has, which the processes twins' prediction shares out.
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// The twin of `recipe` in `mode`, at the scale that makes its predicted run [`TARGET_MS`] long, or
/// [`STEP_MS`] for each timed step ([`PROCESSES_TARGET_MS`] on cooks, perfect ones), and the page's
/// prediction at that scale.
fn program(lesson: Option<&str>, recipe: &Recipe, mode: Mode, cooks: usize, way: Way) -> Program {
    let free = mode == Mode::FreeThreaded;
    let at_page = Timeline::from_trace(recipe, &predicted(recipe, mode, cooks, free)).end;
    let steps = recipe
        .steps_as_run()
        .iter()
        .filter(|s| s.action.units() > 0)
        .count();
    let target = if mode == Mode::Processes {
        PROCESSES_TARGET_MS
    } else {
        (STEP_MS * steps as f64).clamp(TARGET_MS, MAX_TARGET_MS)
    };
    let mut scaled = recipe.clone();
    if at_page > 0.0 {
        scaled.scale_ms = recipe.scale_ms * target / at_page;
    }
    let trace = predicted(&scaled, mode, cooks, free);
    let timeline = Timeline::from_trace(&scaled, &trace);
    let (stretches, bound_ms) = stretches(&scaled, &trace, mode);
    // `cake_free_threaded.py`: the threads file, run by a free-threaded CPython.
    let name = python_file_name(lesson, &recipe.title, mode);
    let (name, source) = match way {
        Way::Async if mode.threaded() => (name, threads_python_file(&scaled, cooks)),
        Way::Async => (name, python_file(&scaled, mode, cooks)),
        // `cake_gather_callbacks.py`, `cake_gather_generators.py`.
        _ => (
            name.replace(".py", &format!("_{}.py", way_name(way))),
            python_file_in_way(&scaled, mode, way),
        ),
    };
    Program {
        name,
        mode,
        way,
        source,
        lines: timeline
            .console
            .iter()
            .flat_map(|l| {
                l.text.split('\n').map(|text| Line {
                    at: l.at,
                    task: l.task,
                    text: text.to_owned(),
                })
            })
            .collect(),
        stretches,
        predicted_ms: timeline.end,
        bound_ms,
        one_chain: match mode {
            Mode::Gather | Mode::Spawn => false,
            Mode::Processes | Mode::Threads | Mode::FreeThreaded => cooks <= 1,
            Mode::Blocking | Mode::Sequential | Mode::BlockingInAsync | Mode::NeverAwaited => true,
        },
        has_tasks: !recipe.tasks.is_empty(),
        free_threaded: free,
    }
}

/// The page's prediction of `recipe` in `mode` on `cooks` perfect cooks (or threads that cost
/// nothing to start, to send a task or to hand the GIL over, as CPython's own come close to;
/// `free`: free-threaded ones, sharing this machine's cores).
fn predicted(recipe: &Recipe, mode: Mode, cooks: usize, free: bool) -> Trace {
    match mode {
        Mode::Threads | Mode::FreeThreaded => {
            crate::gil::run(recipe, Gil::new(cooks, cores()).free(free))
        }
        _ => predict_with(recipe, mode, Cooks::perfect(cooks).on_cores(cores())),
    }
}

/// The steps of a predicted `trace` of `recipe` that take time, in the order they end, and the least
/// time a real run in `mode` can take ([`Program::bound_ms`]).
fn stretches(recipe: &Recipe, trace: &Trace, mode: Mode) -> (Vec<Stretch>, f64) {
    // Steps begun and not yet ended: the task, the step, its call, when it began.
    let mut open = Vec::new();
    let mut stretches = Vec::new();
    // Each task's own steps' planned lengths, end to end; and those that hold the thread.
    let mut own: Vec<f64> = Vec::new();
    let mut holding = 0.0;
    for event in &trace.events {
        match &event.kind {
            EventKind::StepStart {
                task,
                step,
                activity,
            } => {
                let action = recipe.step(*step).map(|s| &s.action);
                let call = action.and_then(|a| Call::of(a, *activity));
                if let (Some(action), Some(call)) = (action, call) {
                    let planned = recipe.ms(f64::from(action.units()));
                    if own.len() <= *task {
                        own.resize(*task + 1, 0.0);
                    }
                    own[*task] += planned;
                    if call.holds() {
                        holding += planned;
                    }
                }
                open.push((*task, *step, call, event.at));
            }
            EventKind::StepEnd { task, step } => {
                if let Some(at) = open.iter().rposition(|o| o.0 == *task && o.1 == *step) {
                    let (_, _, call, start) = open.remove(at);
                    if let Some(call) = call {
                        stretches.push(Stretch {
                            call,
                            start,
                            end: event.at,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    let longest = own.iter().copied().fold(0.0, f64::max);
    let bound = match mode {
        Mode::Blocking | Mode::Sequential => own.iter().sum(),
        Mode::Processes => longest,
        // Free-threaded threads compute at once, as far as the cores go.
        Mode::FreeThreaded => longest.max(holding / cores() as f64),
        _ => longest.max(holding),
    };
    stretches.retain(Stretch::counts);
    (stretches, bound)
}

/// A free-threaded CPython on PATH (`python3.14t`, else `python3.13t`) whose GIL is off, and its
/// version, if there is one: the threads twins run on it too, where their work may overlap.
fn free_threaded_python() -> Option<(PathBuf, String)> {
    for name in ["python3.14t", "python3.13t"] {
        let Ok(out) = Command::new(name)
            .args([
                "-c",
                "import platform, sys; \
                 print(getattr(sys, '_is_gil_enabled', lambda: True)(), \
                 platform.python_version(), sys.executable)",
            ])
            .output()
        else {
            continue;
        };
        let said = String::from_utf8_lossy(&out.stdout).into_owned();
        let mut words = said.trim().splitn(3, ' ');
        if out.status.success() && words.next() == Some("False") {
            let version = words.next().unwrap_or_default().to_owned();
            let executable = words.next().filter(|e| !e.is_empty()).unwrap_or(name);
            return Some((PathBuf::from(executable), version));
        }
    }
    None
}

/// The interpreter `python3` (or `$PYTHON`) starts, after checking that it is 3.8 or later, and its
/// version. The twins run it directly: a `python3` on PATH may be a launcher (pyenv's shims are shell
/// scripts) that would add its own start-up to every one of them.
fn python() -> (PathBuf, String) {
    let python = PathBuf::from(std::env::var_os("PYTHON").unwrap_or_else(|| "python3".into()));
    let out = Command::new(&python)
        .args([
            "-c",
            "import platform, sys; \
             print(sys.version_info >= (3, 8), platform.python_version(), sys.executable)",
        ])
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "could not start {}: {e}; `cargo xtask test` installs python3",
                python.display()
            )
        });
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut words = said.trim().splitn(3, ' ');
    let (recent, version) = (words.next(), words.next().unwrap_or_default());
    assert_eq!(
        recent,
        Some("True"),
        "the twins need CPython 3.8 or later: {said}"
    );
    let executable = words.next().filter(|e| !e.is_empty()).map(PathBuf::from);
    (executable.unwrap_or(python), version.to_owned())
}

/// Runs one twin, already written to `dir`, as is or on the virtual clock (`virtual_clock.py`,
/// written there too), and reads what it printed and, on the clock, its trace.
fn run(python: &Path, dir: &Path, program: &Program, on_clock: bool) -> Result<Ran, String> {
    let trace = dir.join(format!("{}.trace", program.name));
    let mut command = Command::new(python);
    if on_clock {
        command
            .arg(dir.join("virtual_clock.py"))
            .arg(dir.join(&program.name))
            .arg(&trace)
            .arg((TICK_MS / 1000.0).to_string());
    } else {
        command.arg(dir.join(&program.name));
    }
    let out = command
        .current_dir(dir)
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .unwrap_or_else(|e| panic!("could not start {}: {e}", python.display()));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if !out.status.success() {
        return Err(format!("exited with {}:\n{stdout}{stderr}", out.status));
    }
    // Split on newlines only: a printed line may hold a carriage return.
    let mut printed: Vec<String> = stdout
        .strip_suffix('\n')
        .unwrap_or(&stdout)
        .split('\n')
        .map(str::to_owned)
        .collect();
    let last = printed.pop().unwrap_or_default();
    let total_ms = total_of(&last);
    if total_ms.is_none() {
        return Err(format!("printed no total at the end:\n{stdout}"));
    }
    let (mut stretches, mut prints) = (Vec::new(), Vec::new());
    if on_clock {
        let text = std::fs::read_to_string(&trace)
            .map_err(|e| format!("wrote no trace ({e}):\n{stderr}"))?;
        for line in text.lines() {
            let mut words = line.split(' ');
            let (kind, start, end) = (words.next(), words.next(), words.next());
            let time = |t: Option<&str>| t.and_then(|t| t.parse::<f64>().ok());
            let (Some(kind), Some(start), Some(end)) = (kind, time(start), time(end)) else {
                return Err(format!("wrote a trace line it should not have: {line}"));
            };
            match Call::named(kind) {
                Some(call) => stretches.push(Stretch { call, start, end }),
                None if kind == "print" => prints.push(start),
                None => return Err(format!("wrote a trace line it should not have: {line}")),
            }
        }
        stretches.retain(Stretch::counts);
    }
    Ok(Ran {
        printed,
        total_ms,
        stderr,
        stretches,
        prints,
    })
}

/// The total of a line such as `Total time: 60.1 min (1202 ms)`, in real milliseconds: the
/// milliseconds in brackets, or the number itself when a unit is a real millisecond.
fn total_of(line: &str) -> Option<f64> {
    let rest = line.strip_prefix("Total time: ")?;
    if let Some((_, ms)) = rest.split_once('(') {
        return ms.strip_suffix(" ms)")?.parse().ok();
    }
    // `Total time: 50.3 ms`: the scale is one millisecond to the unit.
    rest.strip_suffix(" ms")?.parse().ok()
}

/// Where a run on the virtual clock differs from the prediction, and how far the farthest of its
/// lines and steps is from its predicted time, in milliseconds.
fn check_on_clock(program: &Program, ran: &Ran) -> (Vec<String>, f64) {
    let mut problems = Vec::new();
    let slack = program.tick_slack();
    let expected = program.expected();
    if ran.printed != expected {
        problems.push(format!(
            "printed:\n{}\nbut the page prints:\n{}\n",
            ran.printed.join("\n"),
            expected.join("\n")
        ));
    } else if ran.prints.len() != ran.printed.len() + 1 {
        problems.push(format!(
            "traced {} prints for {} lines and its total",
            ran.prints.len(),
            ran.printed.len()
        ));
    }
    let mut farthest: f64 = 0.0;
    // Each line's time against its own in the prediction, found by its text and which time it is
    // printed, so that asyncio's known orders count too (the total's print is the last).
    if problems.is_empty() {
        for (i, (text, at)) in ran.printed.iter().zip(&ran.prints).enumerate() {
            let nth = ran.printed[..i].iter().filter(|t| *t == text).count();
            let Some(line) = program.lines.iter().filter(|l| l.text == *text).nth(nth) else {
                continue;
            };
            if (at - line.at).abs() > slack {
                problems.push(format!(
                    "printed “{text}” at {at:.2} ms, the page at {:.2} ms",
                    line.at
                ));
            }
            farthest = farthest.max((at - line.at).abs());
        }
    }
    let (missing, extra, off) = unmatched(&program.stretches, &ran.stretches, slack);
    farthest = farthest.max(off);
    if !missing.is_empty() || !extra.is_empty() {
        problems.push(format!(
            "ran its steps otherwise than the page: the page's{}\nhave no match in CPython's{}",
            listed(&missing),
            listed(&extra)
        ));
    }
    if let Some(total) = ran.total_ms
        && (total - program.predicted_ms).abs() > ROUNDING_MS + slack
    {
        problems.push(format!(
            "took {total:.1} ms, the page predicts {:.1} ms",
            program.predicted_ms
        ));
    }
    (problems, farthest)
}

/// Stretches for a message, one a line, the first ten.
fn listed(stretches: &[&Stretch]) -> String {
    const SHOWN: usize = 10;
    let mut out: String = stretches
        .iter()
        .take(SHOWN)
        .map(|s| format!("\n  {}", s.describe()))
        .collect();
    if stretches.is_empty() {
        out.push_str(" (none)");
    } else if stretches.len() > SHOWN {
        out.push_str(&format!("\n  … and {} more", stretches.len() - SHOWN));
    }
    out
}

/// The `predicted` stretches that no `measured` one matches, the measured ones left over, and how
/// far the farthest match is from its prediction: a match is the same call, starting and ending
/// within `slack` of the predicted one.
fn unmatched<'a>(
    predicted: &'a [Stretch],
    measured: &'a [Stretch],
    slack: f64,
) -> (Vec<&'a Stretch>, Vec<&'a Stretch>, f64) {
    let mut taken = vec![false; measured.len()];
    let mut missing = Vec::new();
    let mut farthest: f64 = 0.0;
    for p in predicted {
        let off = |m: &Stretch| (m.start - p.start).abs().max((m.end - p.end).abs());
        let found = measured
            .iter()
            .enumerate()
            .position(|(i, m)| !taken[i] && m.call == p.call && off(m) <= slack);
        match found {
            Some(i) => {
                taken[i] = true;
                farthest = farthest.max(off(&measured[i]));
            }
            None => missing.push(p),
        }
    }
    let extra = measured
        .iter()
        .zip(&taken)
        .filter(|(_, taken)| !**taken)
        .map(|(m, _)| m)
        .collect();
    (missing, extra, farthest)
}

/// Where a real run departs from what the prediction guarantees on any machine.
fn check_in_real_time(program: &Program, ran: &Ran) -> Vec<String> {
    let mut problems = Vec::new();
    let chains = program.chains();
    let printed: Vec<&str> = ran.printed.iter().map(String::as_str).collect();
    if !interleaves(&printed, &chains) {
        let what = if program.one_chain {
            "in this order"
        } else {
            "each task's own lines in their order, the tasks' in any"
        };
        let expected: Vec<&str> = program.lines.iter().map(|l| l.text.as_str()).collect();
        problems.push(format!(
            "printed:\n{}\nbut the page prints, {what}:\n{}\n",
            printed.join("\n"),
            expected.join("\n")
        ));
    }
    if let Some(total) = ran.total_ms
        && total < program.bound_ms - CLOCK_SLACK_MS
    {
        problems.push(format!(
            "took {total:.1} ms, less than its steps need ({:.1} ms)",
            program.bound_ms
        ));
    }
    if program.mode == Mode::NeverAwaited
        && program.has_tasks
        && !ran.stderr.contains("was never awaited")
    {
        problems.push(format!(
            "no RuntimeWarning that a coroutine was never awaited:\n{}",
            ran.stderr
        ));
    }
    problems
}

/// Whether `printed` is every line of `chains`, each chain's lines in their order and the chains
/// interleaved in any way.
fn interleaves(printed: &[&str], chains: &[Vec<&str>]) -> bool {
    /// Whether the rest of `printed` can follow once each chain is `at` its position; positions
    /// found to lead nowhere are kept in `dead`, so that none is tried twice.
    fn rest(
        printed: &[&str],
        chains: &[Vec<&str>],
        at: &mut Vec<usize>,
        dead: &mut BTreeSet<Vec<usize>>,
    ) -> bool {
        let Some(line) = printed.get(at.iter().sum::<usize>()) else {
            return true;
        };
        if dead.contains(at) {
            return false;
        }
        for c in 0..chains.len() {
            // Two copies of one task at the same line are the same choice: try the first only.
            let same = (0..c).any(|d| chains[d] == chains[c] && at[d] == at[c]);
            if !same && chains[c].get(at[c]) == Some(line) {
                at[c] += 1;
                if rest(printed, chains, at, dead) {
                    return true;
                }
                at[c] -= 1;
            }
        }
        dead.insert(at.clone());
        false
    }
    printed.len() == chains.iter().map(Vec::len).sum::<usize>()
        && rest(
            printed,
            chains,
            &mut vec![0; chains.len()],
            &mut BTreeSet::new(),
        )
}

/// Runs `program` both ways and compares.
fn outcome(python: &Path, dir: &Path, program: &Program) -> Outcome {
    let mut outcome = Outcome {
        on_clock: Vec::new(),
        in_real_time: Vec::new(),
        virtual_ms: None,
        clock_off_ms: 0.0,
        real_ms: None,
    };
    if program.clocked() {
        match run(python, dir, program, true) {
            Ok(ran) => {
                (outcome.on_clock, outcome.clock_off_ms) = check_on_clock(program, &ran);
                outcome.virtual_ms = ran.total_ms;
            }
            Err(problem) => outcome.on_clock.push(problem),
        }
    }
    match run(python, dir, program, false) {
        Ok(ran) => {
            outcome.in_real_time = check_in_real_time(program, &ran);
            outcome.real_ms = ran.total_ms;
        }
        Err(problem) => outcome.in_real_time.push(problem),
    }
    outcome
}

/// Runs `programs` (indices into `all`), `at_once` at a time, and stores each outcome.
fn run_all(
    python: &Path,
    dir: &Path,
    all: &[Program],
    programs: &[usize],
    at_once: usize,
    outcomes: &Mutex<Vec<Option<Outcome>>>,
) {
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..at_once {
            scope.spawn(|| {
                while let Some(&i) = programs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let outcome = outcome(python, dir, &all[i]);
                    outcomes.lock().expect("no runner panics")[i] = Some(outcome);
                }
            });
        }
    });
}

/// How far a total is from the prediction, as a signed percentage of it (or in milliseconds when
/// it predicts no time), for the report.
fn difference(program: &Program, total: f64) -> String {
    if program.predicted_ms >= 1.0 {
        format!(
            "{:+.1} %",
            100.0 * (total - program.predicted_ms) / program.predicted_ms
        )
    } else {
        format!("{:+.1} ms", total - program.predicted_ms)
    }
}

/// The real totals of `runs` against the prediction, for the report: the median and the worst (with
/// its twin's name), or `none`.
fn spread<'a>(runs: impl Iterator<Item = (&'a Program, &'a Outcome)>) -> String {
    let mut off: Vec<(f64, &Program, f64)> = runs
        .filter_map(|(p, o)| o.real_ms.map(|t| (p, t)))
        .map(|(p, t)| ((t - p.predicted_ms) / p.predicted_ms.max(1.0), p, t))
        .collect();
    off.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (Some(&(_, p, t)), Some(&(_, mp, mt))) = (off.last(), off.get(off.len() / 2)) else {
        return "none".to_owned();
    };
    format!(
        "median {}, worst {} ({})",
        difference(mp, mt),
        difference(p, t),
        p.name
    )
}

#[test]
#[ignore = "runs every twin in CPython for some seconds: `cargo xtask test` runs it in a step of its own"]
fn twins_run_in_cpython() {
    let (python, version) = python();
    let dir = std::env::temp_dir().join(format!("async-kitchen-twins-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    std::fs::write(dir.join("virtual_clock.py"), VIRTUAL_CLOCK).expect("the clock is written");
    // `TWINS=cake` runs only the twins whose file name holds `cake`.
    let only = std::env::var("TWINS").unwrap_or_default();
    let free_python = free_threaded_python();
    let mut programs = Vec::new();
    for (lesson, recipe, cooks) in recipes() {
        for mode in Mode::ALL {
            // Free-threaded twins need a free-threaded CPython.
            if mode == Mode::FreeThreaded && free_python.is_none() {
                continue;
            }
            // A threads twin has a thread per task, as the page's threads mode does.
            let pool = if mode.threaded() {
                Gil::default_threads(&recipe)
            } else {
                cooks
            };
            for way in Way::ALL.into_iter().filter(|w| w.applies_to(mode)) {
                programs.push(program(lesson, &recipe, mode, pool, way));
            }
        }
    }
    programs.retain(|p| p.name.contains(&only));
    for p in &programs {
        std::fs::write(dir.join(&p.name), &p.source).expect("the twin is written");
    }
    let outcomes = Mutex::new((0..programs.len()).map(|_| None).collect::<Vec<_>>());
    let (free, with_gil): (Vec<usize>, Vec<usize>) =
        (0..programs.len()).partition(|&i| programs[i].free_threaded);
    let (on_cooks, on_one): (Vec<usize>, Vec<usize>) = with_gil
        .into_iter()
        .partition(|&i| programs[i].mode == Mode::Processes);
    run_all(&python, &dir, &programs, &on_one, AT_ONCE, &outcomes);
    // Alone, so that the totals reported for them are the cooks' and not the other twins'.
    run_all(&python, &dir, &programs, &on_cooks, 1, &outcomes);
    match &free_python {
        Some((free_python, version)) => {
            run_all(free_python, &dir, &programs, &free, 1, &outcomes);
            println!(
                "free-threaded twins (CPython {version}, its GIL off): {} run alone",
                free.len()
            );
        }
        None => println!(
            "free-threaded twins: skipped, for no python3.14t or python3.13t on PATH says its \
             GIL is off (sys._is_gil_enabled())"
        ),
    }
    let _ = std::fs::remove_dir_all(&dir);
    let outcomes: Vec<Outcome> = outcomes
        .into_inner()
        .expect("no runner panics")
        .into_iter()
        .map(|o| o.expect("every twin ran"))
        .collect();

    let runs = || programs.iter().zip(&outcomes);
    // `TWINS_EACH=1` lists every twin's totals.
    if std::env::var_os("TWINS_EACH").is_some() {
        let ms = |t: Option<f64>| t.map_or("—".to_owned(), |t| format!("{t:.1} ms"));
        for (p, o) in runs() {
            println!(
                "  {:<45} predicted {:>6.1} ms, virtual clock {:>9}, real {:>9} ({})",
                p.name,
                p.predicted_ms,
                ms(o.virtual_ms),
                ms(o.real_ms),
                o.real_ms.map_or("—".to_owned(), |t| difference(p, t))
            );
        }
    }
    let mut failures = Vec::new();
    for (p, o) in runs() {
        for problem in &o.on_clock {
            failures.push(format!("{} on the virtual clock: {problem}", p.name));
        }
        for problem in &o.in_real_time {
            failures.push(format!("{} in real time: {problem}", p.name));
        }
    }
    let clocked = runs().filter(|(p, _)| p.clocked()).count();
    let clock_ok = runs()
        .filter(|(p, o)| p.clocked() && o.on_clock.is_empty())
        .count();
    let known = runs()
        .filter(|(p, o)| p.clocked() && o.on_clock.is_empty() && p.known().is_some())
        .count();
    let real_ok = outcomes
        .iter()
        .filter(|o| o.in_real_time.is_empty())
        .count();
    // Over the twins that keep to the prediction: a failure's own distance is in its message.
    let farthest = runs()
        .filter(|(p, o)| p.clocked() && o.on_clock.is_empty())
        .map(|(_, o)| o.clock_off_ms)
        .fold(0.0, f64::max);
    let idle = |p: &Program| p.predicted_ms < 1.0;
    // The threads twins are plain functions, in no way of the three: they are counted apart.
    let kinds = Way::ALL.map(Some).into_iter().chain([None]).map(|kind| {
        let threads = |p: &Program| p.mode.threaded();
        let of_kind = runs().filter(|(p, _)| match kind {
            Some(way) => p.way == way && !threads(p),
            None => threads(p),
        });
        let ok = of_kind
            .clone()
            .filter(|(_, o)| o.on_clock.is_empty() && o.in_real_time.is_empty())
            .count();
        format!(
            "{ok} of {} {}",
            of_kind.count(),
            kind.map_or("threads", way_name)
        )
    });
    println!(
        "python twins (CPython {version}): {} programs ({}). On a virtual clock (CPython's own event \
         loop; no load can touch it): {clock_ok} of {clocked} print the page's lines in its order \
         ({known} of them asyncio's, a known difference), print each line and run each step when \
         the page does (at most {farthest:.3} ms off) and take its total. In real time: {real_ok} \
         of {} print them in an order the page guarantees on any machine and take no less than \
         their steps need. Real totals against the prediction, for information: {}; predicted 0: \
         {}; processes and threads (real time only): {}",
        programs.len(),
        kinds.collect::<Vec<_>>().join(", "),
        programs.len(),
        spread(runs().filter(|(p, _)| p.clocked() && !idle(p))),
        spread(runs().filter(|(p, _)| idle(p))),
        spread(runs().filter(|(p, _)| !p.clocked() && !idle(p))),
    );
    assert!(
        failures.is_empty(),
        "{} problems in {} twins:\n\n{}",
        failures.len(),
        runs()
            .filter(|(_, o)| !o.on_clock.is_empty() || !o.in_real_time.is_empty())
            .count(),
        failures.join("\n")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_interleave_only_in_each_chains_order() {
        let chains = vec![vec!["a1", "a2"], vec!["b1", "b2"]];
        assert!(interleaves(&["a1", "b1", "a2", "b2"], &chains));
        assert!(interleaves(&["b1", "b2", "a1", "a2"], &chains));
        assert!(!interleaves(&["a2", "a1", "b1", "b2"], &chains));
        assert!(!interleaves(&["a1", "b1", "a2"], &chains));
        // Copies of one task print the same lines: any line may be either's.
        let copies = vec![vec!["x", "y"], vec!["x", "y"]];
        assert!(interleaves(&["x", "x", "y", "y"], &copies));
        assert!(!interleaves(&["x", "y", "y", "x"], &copies));
    }
}
