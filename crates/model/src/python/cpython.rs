//! The reader held to CPython: every program of the corpus that the page reads is run by CPython
//! (through `run_in_cpython.py`, on a virtual clock unless it needs processes) and by the page's
//! model of asyncio (`asyncio::run`), and the two must print the same lines in the same order
//! (clock values masked), warn and fail alike, cancel as many tasks and take the same time within
//! 5 %. `cargo xtask test` runs it in a step of its own, "Python programs in CPython".

use std::path::{Path, PathBuf};
use std::process::Command;

use super::asyncio;
use super::fixtures::{Fixture, corpus};
use super::lower::{Form, read};

/// What CPython did, as `run_in_cpython.py` reports it.
#[derive(Debug, serde::Deserialize)]
struct Report {
    lines: Vec<String>,
    total: f64,
    warnings: Vec<String>,
    error: Option<Failure>,
    cancelled: usize,
}

#[derive(Debug, serde::Deserialize)]
struct Failure {
    #[serde(rename = "type")]
    kind: String,
    message: String,
    line: Option<usize>,
}

fn here() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/python")
}

/// Runs one corpus program in CPython, as its header line says.
fn cpython(fixture: &Fixture) -> Result<Report, String> {
    let file = &fixture.path;
    let mut command = Command::new("python3");
    command.arg(here().join("run_in_cpython.py")).arg(file);
    if fixture.form == Form::Notebook {
        command.arg("--notebook");
    }
    if fixture.real {
        command.arg("--real");
    }
    let output = command.output().map_err(|e| format!("python3: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    serde_json::from_str(stdout.trim()).map_err(|e| {
        format!(
            "{}: no report ({e}): {stdout} {}",
            file.display(),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// Compares the page's run of a program with CPython's; the differences, in words.
fn compare(
    name: &str,
    page: &asyncio::Outcome,
    warnings: &[String],
    cpython: &Report,
    real: bool,
) -> Vec<String> {
    let mut out = Vec::new();
    if page.lines != cpython.lines {
        out.push(format!(
            "{name}: lines differ\n  page:    {:?}\n  CPython: {:?}",
            page.lines, cpython.lines
        ));
    }
    let error = cpython
        .error
        .as_ref()
        .map(|e| format!("{}: {}", e.kind, e.message));
    let same_error = match (&page.error, &error) {
        (Some(p), Some(c)) => p.split(':').next() == c.split(':').next(),
        (None, None) => true,
        _ => false,
    };
    if !same_error {
        out.push(format!(
            "{name}: error differs: page {:?}, CPython {error:?}",
            page.error
        ));
    }
    let mut ours: Vec<String> = warnings
        .iter()
        .map(|w| w.trim_start_matches("RuntimeWarning: ").to_owned())
        .collect();
    let mut theirs = cpython.warnings.clone();
    ours.sort();
    theirs.sort();
    if ours != theirs {
        out.push(format!(
            "{name}: warnings differ: page {ours:?}, CPython {theirs:?}"
        ));
    }
    if page.cancelled != cpython.cancelled {
        out.push(format!(
            "{name}: cancelled tasks differ: page {}, CPython {}",
            page.cancelled, cpython.cancelled
        ));
    }
    // Within 5 % (and 1 ms for programs that take no time). In real time (a process pool),
    // CPython also spends each worker process's start-up, which the page's model of asyncio does
    // not count (the page's own run measures its cooks' start-up and predicts with it), and a
    // loaded machine starts processes later still: there, only what no load can change is held,
    // that the run takes no less than its steps need.
    let low = page.total * 0.95 - 0.001;
    let high = if real {
        f64::INFINITY
    } else {
        page.total * 1.05 + 0.001
    };
    if !(low..=high).contains(&cpython.total) {
        out.push(format!(
            "{name}: total differs: page {:.4} s, CPython {:.4} s",
            page.total, cpython.total
        ));
    }
    out
}

#[test]
#[ignore = "runs every corpus program in CPython: `cargo xtask test` runs it in a step of its own"]
fn programs_run_in_cpython() {
    let (mut read_count, mut refused, mut syntax_errors) = (0, 0, 0);
    let mut failures = Vec::new();
    for fixture in corpus() {
        let (name, source, form) = (&fixture.name, &fixture.source, fixture.form);
        let program = match read(source, Some(form)) {
            Ok(program) => program,
            Err(e) => {
                // A syntax error is CPython's answer too: held when CPython fails on the same line.
                match cpython(fixture) {
                    Ok(Report {
                        error: Some(failure),
                        ..
                    }) if failure.kind == "SyntaxError" && failure.line == Some(e.line) => {
                        syntax_errors += 1;
                    }
                    _ => refused += 1,
                }
                continue;
            }
        };
        read_count += 1;
        let page = asyncio::run(&program);
        let warnings: Vec<String> = program.warnings.iter().map(|w| w.message.clone()).collect();
        match cpython(fixture) {
            Ok(report) => {
                failures.extend(compare(name, &page, &warnings, &report, fixture.real));
            }
            Err(e) => failures.push(e),
        }
    }
    println!(
        "python programs: {} in the corpus, {read_count} read and held to CPython (lines and \
         their order, warnings, errors, cancelled tasks, total within 5 %), {syntax_errors} \
         refused with CPython's syntax error on the same line, {refused} refused for what they \
         use, {} differences",
        corpus().len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
