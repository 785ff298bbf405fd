//! The Python twins run in CPython: every lesson, and the recipes of `twins.txt` (ties, yields,
//! helpers, forgotten awaits, awkward prints), in every mode, each written as the file *Download .py*
//! gives ([`super::file`]) at a scale that makes its run short, run by `python3`, and held to the
//! page's prediction: the lines it prints must be the prediction's console exactly, in order, and its
//! total must be within [`TOLERANCE`] of the predicted one. A never-awaited twin must also really say
//! that its coroutines were never awaited.
//!
//! The processes twins are held to their order only, up to lines printed at the same moment by
//! different cooks, whose order no one decides: on a small machine shared with other programs a
//! worker process's CPU time comes as the scheduler allows, and starting the pool costs tens of
//! milliseconds that the prediction's perfect cooks do not, so their totals are reported, not held.
//!
//! Where asyncio and the page's event loop really order prints differently ([`KNOWN`]), CPython must
//! print asyncio's order, so that a change on either side is noticed.
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
//!
//! A twin that differs is run again, alone, up to [`ATTEMPTS`] times in all before it counts: the
//! machine is shared, and a wait that wakes late because another program held the core says nothing
//! about the twin. Timers and busy loops are late, never early, so the best attempt is the one kept.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::code::{python_file, python_file_name};
use crate::cooks::Cooks;
use crate::lesson;
use crate::mode::Mode;
use crate::predict::predict_with;
use crate::recipe::Recipe;
use crate::text;
use crate::timeline::Timeline;

/// The recipes beyond the lessons, as a teacher writes them, separated by lines of three dashes.
const TWINS: &str = include_str!("twins.txt");

/// Where CPython prints in another order than the page, and the order it prints: a timer that comes
/// due while the thread is held, whose task yields as soon as it is woken, while a later timer came
/// due too. The browser runs each timer's callback as a task of its own and its microtasks (the
/// woken task, polled again after its yield) before the next timer's, so `a` prints first; asyncio
/// moves every timer that is due to its ready queue at once, and the yield puts `a` behind `b`.
const KNOWN: &[(&str, &[&str])] = &[
    ("yield_after_a_wake_gather.py", &["c worked", "b", "a"]),
    ("yield_after_a_wake_spawn.py", &["c worked", "b", "a"]),
];

/// How long each twin's run is predicted to take at least, in real milliseconds: long enough that
/// the interpreter's own costs (starting the loop, a task, a print) are a small part of it, short
/// enough that every lesson in every mode runs in some seconds.
const TARGET_MS: f64 = 300.0;

/// How long a twin's run is predicted to take at least for each `work` and `wait` it runs: every
/// one of them ends a little late (asyncio rounds the time it lets the operating system sleep up to
/// a whole millisecond, and a busy machine may not give the thread back at once when a busy loop's
/// time is up), so a recipe of many steps runs longer, up to [`MAX_TARGET_MS`].
const STEP_MS: f64 = 40.0;
/// See [`STEP_MS`].
const MAX_TARGET_MS: f64 = 800.0;

/// How long a processes twin's run is predicted to take.
const PROCESSES_TARGET_MS: f64 = 400.0;

/// Lines a processes twin's prediction prints within this part of its run of the first of them are
/// one moment, in any order: worker processes start some milliseconds apart.
const MOMENT: f64 = 0.05;

/// How far a total may be from the prediction: 5 %, or [`SLACK_MS`] for the runs predicted to take
/// (almost) no time, such as the never-awaited ones, which still start and close an event loop and
/// print their warnings, and which a busy machine slows by some milliseconds.
const TOLERANCE: f64 = 0.05;
/// See [`TOLERANCE`]: less than 5 % of the shortest run that is predicted to take any time.
const SLACK_MS: f64 = 10.0;

/// More copies than this of one task are cut to this many: the ten thousand timers would otherwise
/// spend their run creating tasks in a gather and sleep microseconds each when blocking, and the two
/// hundred tiny tasks work for a millisecond each, so that the interpreter's and the scheduler's own
/// costs would be the whole story.
const MOST_COPIES: u32 = 10;

/// How many twins run at once (the processes twins, which use every core, run alone).
const AT_ONCE: usize = 2;

/// How many times a twin runs before it counts as different from the page.
const ATTEMPTS: usize = 5;

/// One twin to run and what the page predicts for it.
struct Program {
    /// The file's name, such as `cake_gather.py`.
    name: String,
    /// The mode it is the twin of.
    mode: Mode,
    /// The file's text.
    source: String,
    /// The lines the page's console prints, in order, each with when it is predicted to print.
    prints: Vec<(f64, String)>,
    /// The predicted total, in real milliseconds.
    predicted_ms: f64,
    /// The recipe's real milliseconds per unit, as the file's `SCALE` says.
    scale_ms: f64,
    /// Whether the recipe has a task at all (a never-awaited twin then warns).
    has_tasks: bool,
}

impl Program {
    /// Whether the total is held to the prediction: everywhere but on cooks.
    fn timed(&self) -> bool {
        self.mode != Mode::Processes
    }

    /// Whether `total` is within the tolerance of the prediction.
    fn on_time(&self, total: f64) -> bool {
        (total - self.predicted_ms).abs() <= (TOLERANCE * self.predicted_ms).max(SLACK_MS)
    }

    /// The order CPython must print: asyncio's where it is known to differ from the page's.
    fn known(&self) -> Option<&'static [&'static str]> {
        KNOWN
            .iter()
            .find(|(name, _)| *name == self.name)
            .map(|&(_, lines)| lines)
    }

    /// Whether `printed`, the lines before the total, are the page's (or asyncio's known) order; on
    /// cooks, up to the order within each moment.
    fn in_order(&self, printed: &str) -> bool {
        if let Some(lines) = self.known() {
            return printed == lines.join("\n");
        }
        if self.mode != Mode::Processes {
            let expected: Vec<&str> = self.prints.iter().map(|(_, t)| t.as_str()).collect();
            return printed == expected.join("\n");
        }
        let mut printed: Vec<&str> = printed.lines().collect();
        let mut at = 0;
        for moment in self.moments() {
            let mut expected: Vec<&str> = moment.iter().flat_map(|t| t.lines()).collect();
            let Some(got) = printed.get_mut(at..at + expected.len()) else {
                return false;
            };
            got.sort_unstable();
            expected.sort_unstable();
            if *got != *expected {
                return false;
            }
            at += expected.len();
        }
        at == printed.len()
    }

    /// The predicted prints grouped into moments: each line with the lines after it that are
    /// predicted within [`MOMENT`] of the run of it.
    fn moments(&self) -> Vec<Vec<&str>> {
        let window = MOMENT * self.predicted_ms;
        let mut moments: Vec<(f64, Vec<&str>)> = Vec::new();
        for (at, text) in &self.prints {
            match moments.last_mut() {
                Some((first, lines)) if at - *first <= window => lines.push(text),
                _ => moments.push((*at, vec![text])),
            }
        }
        moments.into_iter().map(|(_, lines)| lines).collect()
    }
}

/// What a run of one twin printed, and what came of comparing it.
struct Outcome {
    /// Whether the printed lines were in order (see [`Program::in_order`]).
    order: bool,
    /// The total the twin printed, in real milliseconds, if it printed one.
    total_ms: Option<f64>,
    /// What was wrong with the run, if anything (its total aside), for the report.
    problem: Option<String>,
}

impl Outcome {
    /// Whether the run is what the page predicts.
    fn passed(&self, program: &Program) -> bool {
        self.problem.is_none()
            && (!program.timed() || self.total_ms.is_some_and(|t| program.on_time(t)))
    }

    /// How far the total is from the prediction, in milliseconds (the larger, the worse).
    fn off_by(&self, program: &Program) -> f64 {
        self.total_ms
            .map_or(f64::INFINITY, |t| (t - program.predicted_ms).abs())
    }
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

/// The cores this machine has, which the processes twins' prediction shares out.
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// The twin of `recipe` in `mode`, at the scale that makes its predicted run [`TARGET_MS`] long, or
/// [`STEP_MS`] for each timed step ([`PROCESSES_TARGET_MS`] on cooks, perfect ones), and the page's
/// prediction at that scale.
fn program(lesson: Option<&str>, recipe: &Recipe, mode: Mode, cooks: usize) -> Program {
    let pool = Cooks::perfect(cooks).on_cores(cores());
    let predicted =
        |recipe: &Recipe| Timeline::from_trace(recipe, &predict_with(recipe, mode, pool));
    let at_page = predicted(recipe).end;
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
    let timeline = predicted(&scaled);
    Program {
        name: python_file_name(lesson, &recipe.title, mode),
        mode,
        source: python_file(&scaled, mode, cooks),
        prints: timeline
            .console
            .into_iter()
            .map(|l| (l.at, l.text))
            .collect(),
        predicted_ms: timeline.end,
        scale_ms: scaled.scale_ms,
        has_tasks: !recipe.tasks.is_empty(),
    }
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

/// Runs one twin, already written to `dir`, and compares what it printed with the prediction.
fn run(python: &Path, dir: &Path, program: &Program) -> Outcome {
    let out = Command::new(python)
        .arg(dir.join(&program.name))
        .current_dir(dir)
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .unwrap_or_else(|e| panic!("could not start {}: {e}", python.display()));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Outcome {
            order: false,
            total_ms: None,
            problem: Some(format!("exited with {}:\n{stderr}", out.status)),
        };
    }
    let body = stdout.trim_end_matches('\n');
    let (printed, last) = body.rsplit_once('\n').unwrap_or(("", body));
    let total_ms = total_of(last, program.scale_ms);
    let order = total_ms.is_some() && program.in_order(printed);
    let problem = if !order {
        let expected: Vec<&str> = match program.known() {
            Some(lines) => lines.to_vec(),
            None => program.prints.iter().map(|(_, t)| t.as_str()).collect(),
        };
        Some(format!(
            "printed:\n{stdout}\nbut the page prints:\n{}\n",
            expected.join("\n")
        ))
    } else if program.mode == Mode::NeverAwaited
        && program.has_tasks
        && !stderr.contains("was never awaited")
    {
        Some(format!(
            "no RuntimeWarning that a coroutine was never awaited:\n{stderr}"
        ))
    } else {
        None
    };
    Outcome {
        order,
        total_ms,
        problem,
    }
}

/// The total of a line such as `Total time: 60.1 min (1202 ms)`, in real milliseconds: the
/// milliseconds in brackets, or the units times the scale when a unit is a real millisecond.
fn total_of(line: &str, scale_ms: f64) -> Option<f64> {
    let rest = line.strip_prefix("Total time: ")?;
    if let Some((_, ms)) = rest.split_once('(') {
        return ms.strip_suffix(" ms)")?.parse().ok();
    }
    let units: f64 = rest.split_whitespace().next()?.parse().ok()?;
    Some(units * scale_ms)
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
                    let outcome = run(python, dir, &all[i]);
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

/// The worst of `programs`' totals, as a difference and the twin's name, or `none`.
fn worst<'a>(runs: impl Iterator<Item = (&'a Program, &'a Outcome)>) -> String {
    runs.filter_map(|(p, o)| o.total_ms.map(|t| (p, t)))
        .map(|(p, t)| ((t - p.predicted_ms).abs() / p.predicted_ms.max(1.0), p, t))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map_or("none".to_owned(), |(_, p, t)| {
            format!("{} ({})", difference(p, t), p.name)
        })
}

#[test]
#[ignore = "runs every twin in CPython for some seconds: `cargo xtask test` runs it in a step of its own"]
fn twins_run_in_cpython() {
    let (python, version) = python();
    let dir = std::env::temp_dir().join(format!("async-kitchen-twins-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    // `TWINS=cake` runs only the twins whose file name holds `cake`.
    let only = std::env::var("TWINS").unwrap_or_default();
    let mut programs = Vec::new();
    for (lesson, recipe, cooks) in recipes() {
        for mode in Mode::ALL {
            programs.push(program(lesson, &recipe, mode, cooks));
        }
    }
    programs.retain(|p| p.name.contains(&only));
    for p in &programs {
        std::fs::write(dir.join(&p.name), &p.source).expect("the twin is written");
    }
    let outcomes = Mutex::new((0..programs.len()).map(|_| None).collect::<Vec<_>>());
    let (on_cooks, on_one): (Vec<usize>, Vec<usize>) =
        (0..programs.len()).partition(|&i| programs[i].mode == Mode::Processes);
    run_all(&python, &dir, &programs, &on_one, AT_ONCE, &outcomes);
    run_all(&python, &dir, &programs, &on_cooks, 1, &outcomes);
    let mut outcomes: Vec<Outcome> = outcomes
        .into_inner()
        .expect("no runner panics")
        .into_iter()
        .map(|o| o.expect("every twin ran"))
        .collect();
    // A twin that differs runs again, alone; the best attempt counts.
    let mut again = 0;
    for (program, outcome) in programs.iter().zip(&mut outcomes) {
        if outcome.passed(program) {
            continue;
        }
        again += 1;
        for _ in 1..ATTEMPTS {
            let next = run(&python, &dir, program);
            let better = next.problem.is_none() && outcome.problem.is_some()
                || next.problem.is_none() == outcome.problem.is_none()
                    && next.off_by(program) < outcome.off_by(program);
            if better {
                *outcome = next;
            }
            if outcome.passed(program) {
                break;
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);

    let runs = || programs.iter().zip(&outcomes);
    // `TWINS_EACH=1` lists every twin's total.
    if std::env::var_os("TWINS_EACH").is_some() {
        for (p, o) in runs() {
            let total = o.total_ms.unwrap_or(f64::NAN);
            println!(
                "  {:<45} {total:>7.1} ms, predicted {:>6.1} ms ({})",
                p.name,
                p.predicted_ms,
                difference(p, total)
            );
        }
    }
    let failures: Vec<String> = runs()
        .filter(|(p, o)| !o.passed(p))
        .map(|(p, o)| match (&o.problem, o.total_ms) {
            (Some(problem), _) => format!("{}: {problem}", p.name),
            (None, total) => format!(
                "{}: took {:.1} ms, the page predicts {:.1} ms ({})",
                p.name,
                total.unwrap_or(f64::NAN),
                p.predicted_ms,
                difference(p, total.unwrap_or(f64::NAN))
            ),
        })
        .collect();
    let ordered = outcomes.iter().filter(|o| o.order).count();
    let timed = runs().filter(|(p, _)| p.timed()).count();
    let on_time = runs()
        .filter(|(p, o)| p.timed() && o.total_ms.is_some_and(|t| p.on_time(t)))
        .count();
    let idle = |p: &Program| p.predicted_ms < 1.0;
    let worst_timed = worst(runs().filter(|(p, _)| p.timed() && !idle(p)));
    let worst_idle = worst(runs().filter(|(p, _)| p.timed() && idle(p)));
    let worst_cooks = worst(runs().filter(|(p, _)| !p.timed() && !idle(p)));
    println!(
        "python twins (CPython {version}): {} programs, {ordered} print the page's order ({} of them \
         asyncio's, a known difference), {on_time} of {timed} within 5 % of its total (worst {worst_timed}; \
         predicted 0: worst {worst_idle}); processes: order only, totals {worst_cooks} at worst; \
         {again} run again alone",
        programs.len(),
        runs()
            .filter(|(p, o)| o.order && p.known().is_some())
            .count(),
    );
    assert!(
        failures.is_empty(),
        "{} of {} twins differ from the page:\n\n{}",
        failures.len(),
        programs.len(),
        failures.join("\n")
    );
}
