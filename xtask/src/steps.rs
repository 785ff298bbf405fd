//! Running commands as named steps, timing them, and summarising the lot.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::budget::{self, Verdict};
use crate::dist_sizes;
use crate::setup::Env;

/// A command run from the repository root with the tool paths and variables of `env`.
pub fn cmd<I, S>(env: &Env, program: &str, args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut command = Command::new(program);
    command.args(args).current_dir(&env.root);
    for (key, value) in &env.vars {
        command.env(key, value);
    }
    command
}

/// Runs `command` to the end; `what` names it in the error if it cannot start or fails.
pub fn run(mut command: Command, what: &str) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("could not start {what}: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| format!("{what} exited with {status}"))
}

/// How a step ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The command exited with success.
    Passed,
    /// The command failed or could not start.
    Failed,
    /// The step did not run.
    Skipped,
}

/// Runs steps one after another, carrying on after a failure so one run reports everything.
pub struct Runner {
    results: Vec<(String, Outcome, Duration, String)>,
    /// Only the steps whose name contains this run (`--only`), if it is set.
    only: Option<String>,
}

impl Runner {
    /// A runner with no steps yet, which runs every step, or `only` those whose name contains it.
    pub fn new(only: Option<String>) -> Self {
        Runner {
            results: Vec::new(),
            only: only.map(|o| o.to_ascii_lowercase()),
        }
    }

    /// Whether the step `name` is asked for.
    pub fn wants(&self, name: &str) -> bool {
        self.only
            .as_ref()
            .is_none_or(|only| name.to_ascii_lowercase().contains(only.as_str()))
    }

    /// Runs `command` as the step `name`, printing a header so the log shows where each step begins.
    /// A step that is not asked for is left out, unless `needed` by one that is.
    pub fn step_needed(&mut self, needed: bool, name: &str, command: Command) -> Outcome {
        if needed && !self.wants(name) {
            let only = self.only.take();
            let outcome = self.step(name, command);
            self.only = only;
            return outcome;
        }
        self.step(name, command)
    }

    /// Runs `command` as the step `name`, printing a header so the log shows where each step begins.
    pub fn step(&mut self, name: &str, mut command: Command) -> Outcome {
        if !self.wants(name) {
            return Outcome::Skipped;
        }
        println!("\n==> {name}");
        let started = Instant::now();
        let (outcome, note) = match command.status() {
            Ok(status) if status.success() => (Outcome::Passed, String::new()),
            Ok(status) => (Outcome::Failed, format!("exited with {status}")),
            Err(e) => (Outcome::Failed, format!("could not start: {e}")),
        };
        self.results
            .push((name.to_owned(), outcome, started.elapsed(), note));
        outcome
    }

    /// Runs `command` as the step `name` like [`Runner::step`], passing its output through, and
    /// keeps the lines of it that start with `summary` to show beside the step in the summary.
    pub fn step_noting(&mut self, name: &str, mut command: Command, summary: &str) -> Outcome {
        if !self.wants(name) {
            return Outcome::Skipped;
        }
        println!("\n==> {name}");
        let started = Instant::now();
        let mut noted = Vec::new();
        let ran = command
            .stdout(Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                if let Some(out) = child.stdout.take() {
                    for line in BufReader::new(out).lines().map_while(Result::ok) {
                        println!("{line}");
                        if line.starts_with(summary) {
                            noted.push(line);
                        }
                    }
                }
                child.wait()
            });
        let (outcome, mut note) = match ran {
            Ok(status) if status.success() => (Outcome::Passed, String::new()),
            Ok(status) => (Outcome::Failed, format!("exited with {status}")),
            Err(e) => (Outcome::Failed, format!("could not start: {e}")),
        };
        if !noted.is_empty() {
            let lines = noted.join("; ");
            note = if note.is_empty() {
                lines
            } else {
                format!("{note}; {lines}")
            };
        }
        self.results
            .push((name.to_owned(), outcome, started.elapsed(), note));
        outcome
    }

    /// Runs `check` in this process as the step `name`: a check that needs no command of its own.
    pub fn check(&mut self, name: &str, check: impl FnOnce() -> Result<(), String>) -> Outcome {
        if !self.wants(name) {
            return Outcome::Skipped;
        }
        println!("\n==> {name}");
        let started = Instant::now();
        let (outcome, note) = match check() {
            Ok(()) => (Outcome::Passed, String::new()),
            Err(why) => (Outcome::Failed, why),
        };
        self.results
            .push((name.to_owned(), outcome, started.elapsed(), note));
        outcome
    }

    /// Records a step that was not run, and why (if it was asked for).
    pub fn skip(&mut self, name: &str, why: &str) {
        if !self.wants(name) {
            return;
        }
        self.results.push((
            name.to_owned(),
            Outcome::Skipped,
            Duration::ZERO,
            why.to_owned(),
        ));
    }

    /// Prints the summary and fails if any step did not pass.
    pub fn finish(self) -> Result<(), String> {
        println!("\n==> summary");
        for (name, outcome, took, note) in &self.results {
            let word = match outcome {
                Outcome::Passed => "ok     ",
                Outcome::Failed => "FAILED ",
                Outcome::Skipped => "skipped",
            };
            println!("  {word} {:>7.1} s  {name}  {note}", took.as_secs_f64());
        }
        let failed = self
            .results
            .iter()
            .filter(|r| r.1 != Outcome::Passed)
            .count();
        if self.results.is_empty() {
            Err(format!(
                "no step's name contains {:?}",
                self.only.unwrap_or_default()
            ))
        } else if failed == 0 {
            println!("xtask test: all {} steps passed", self.results.len());
            Ok(())
        } else {
            Err(format!(
                "{failed} of {} steps did not pass",
                self.results.len()
            ))
        }
    }
}

/// Prints the built site's sizes (`dist_sizes`): the first look (what `index.html` loads at start),
/// its CSS and HTML, and each lazy module, raw, by `gzip -9` and by brotli q11; then the first look
/// against its budget (`bench/budget.json`). Returns that verdict, or `None` (having said why) if
/// the site or the budget could not be read.
pub fn print_sizes(dir: &Path) -> Option<Verdict> {
    let sizes = match dist_sizes::measure(dir) {
        Ok(sizes) => sizes,
        Err(why) => {
            println!("built site in {}: not measured: {why}", dir.display());
            return None;
        }
    };
    dist_sizes::print(dir, &sizes);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in a subdirectory of the repository");
    match budget::verdict(root, &sizes) {
        Ok(verdict) => {
            budget::print(&verdict);
            Some(verdict)
        }
        Err(why) => {
            println!("  budget: {why}");
            None
        }
    }
}
