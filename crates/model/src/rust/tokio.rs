//! The Tokio oracle: every program of the Rust corpus (`corpus/`) built by rustc and run on
//! Tokio's current-thread runtime with its clock paused, for the page's reading of the same
//! program to be held to (as `python::cpython` holds the Python reader to CPython). The code
//! panel's Rust, every lesson's tasks written as callbacks, as state machines and with
//! async/await (`views`), is built and run beside them and held to the page's prediction: the
//! code a learner reads is Rust that rustc accepts and that does what the page says it does.
//!
//! This file owns the harness: it writes a Cargo project of its own into
//! `target/tokio-oracle/` (a `[[bin]]` per program that must run, built once with
//! `cargo build --release --locked`; each program that must not compile built alone, in a second
//! package, its error read from Cargo's JSON messages), runs each binary with a timeout and reads
//! what it printed, and compares that with the page's outcome (`compare`). The project's fixed
//! parts are the templates of `tokio/`: the manifest, the `Cargo.lock` that fixes every version,
//! the shims that give the names of `trpl`, `gloo-timers` (its futures and its callback
//! `Timeout`) and `wasm-bindgen-futures` on Tokio, `oracle.rs`, appended to each program, and
//! `views.rs`, appended to a code view: the helpers its top describes (`work`, `sleep` and its
//! `Sleep`, `yield_now` and its `YieldNow`, `ms`, `soon`, `blocking_sleep`) in the unit its first
//! line states.
//!
//! Why the paused clock: it is Tokio's counterpart of the Python step's virtual clock. A paused
//! runtime's clock moves only when every task is waiting, and then straight to the next timer, so
//! Tokio's own rules of order decide what prints when, and a program's total is the sum of its
//! waits whatever the machine's load. Why `work` and `block` move the clock: CPU-bound work and a
//! blocking sleep hold the thread for a time in which nothing else runs; on a paused clock a real
//! spin or `std::thread::sleep` would take no virtual time, so `oracle.rs` moves the clock on by
//! exactly that time, synchronously, and the timers that fell due meanwhile fire when the thread
//! is free again, as they would have.
//!
//! How a program is rewritten, each line kept where it is so that rustc's line numbers stay the
//! learner's: `std::thread::sleep(` and `thread::sleep(` become the oracle's `block(`,
//! `Instant::now()` becomes `tokio::time::Instant::now()` (the paused clock's), and a
//! `#[tokio::main] async fn main` (or a plain `fn main` that builds no runtime, as a browser
//! program that only calls `spawn_local` does) is renamed `learner_main` and run by a `fn main`
//! written below the learner's last line, on the same runtime `trpl::block_on` builds. That
//! runtime reports its total on standard error (`trpl::TOTAL`), never on standard output, which
//! is the program's own.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::python::asyncio::{MASK, Outcome};

/// The shims' names (the crate each stands for, as a package name) and their sources.
const SHIMS: [(&str, &str); 3] = [
    ("trpl", include_str!("tokio/trpl.rs")),
    ("gloo-timers", include_str!("tokio/gloo_timers.rs")),
    (
        "wasm-bindgen-futures",
        include_str!("tokio/wasm_bindgen_futures.rs"),
    ),
];

/// The line `trpl::block_on` writes on standard error before the total (`trpl::TOTAL`).
const TOTAL: &str = "tokio-oracle total: ";

/// How long one program may run before it is killed: a program of the corpus takes milliseconds
/// of the machine's time, whatever its virtual total.
const TIMEOUT: Duration = Duration::from_secs(10);

/// What a corpus program's header says rustc must do with it.
#[derive(Clone, Debug, PartialEq)]
enum Expect {
    /// Build it and run it (`// corpus: run`).
    Run,
    /// Refuse it with this error code (`// corpus: error E0728`).
    Error(String),
    /// Build it, and it panics when run (`// corpus: panic`): a mistake rustc lets through.
    Panic,
}

/// One program of the corpus.
#[derive(Clone, Debug)]
struct Program {
    /// Its file's name without `.rs`, which is also its binary's name.
    name: String,
    /// Its text, as it is (its header lines are comments).
    source: String,
    /// What its header says.
    expect: Expect,
    /// For a code view of the page, the lines the page predicts and its total in seconds, which
    /// Tokio's run is held to.
    predicted: Option<(Vec<String>, f64)>,
}

/// What Tokio (and rustc) made of one corpus program.
#[derive(Clone, Debug)]
pub(crate) struct TokioRun {
    /// Its file's name, such as `r_trpl_first_example.rs`.
    pub name: String,
    /// Its text, as the learner would write it.
    pub source: String,
    /// What it printed on standard output, line by line.
    pub lines: Vec<String>,
    /// Virtual seconds from the runtime's start to the end of `block_on`.
    pub total: f64,
    /// rustc's error code and its line, for a program rustc refused.
    pub error: Option<(String, usize)>,
    /// The panic's message and, when it is on one of the program's lines, its line.
    pub panic: Option<(String, Option<usize>)>,
    /// rustc's warnings on the learner's lines, each its lint's name, its line and its message's
    /// first line without `warning: `. `unused_imports`
    /// is left out: the rewrite itself leaves `Instant` and `thread` imported and unused.
    pub warnings: Vec<(String, usize, String)>,
    /// Whether the program ran and exited with 0 (for a refused program, whether rustc refused
    /// it); when not, `stderr` says why.
    pub ok: bool,
    /// What the program wrote on standard error besides its total (a panic's message), or what
    /// went wrong building or running it.
    pub stderr: String,
    /// For a code view of the page, the lines and the total (in seconds) the page predicts.
    pub predicted: Option<(Vec<String>, f64)>,
}

/// Where the project is written: `target/tokio-oracle/` of the workspace.
fn project_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/tokio-oracle")
}

/// Every corpus program, by name, with what rustc must do with it.
fn corpus() -> Vec<Program> {
    super::fixtures::corpus()
        .iter()
        .map(|fixture| {
            let header = fixture.header();
            let expect = match header.strip_prefix("error ") {
                _ if header == "run" => Expect::Run,
                _ if header == "panic" => Expect::Panic,
                Some(code) => Expect::Error(code.trim().to_owned()),
                None => panic!("{}: unknown header {header:?}", fixture.path.display()),
            };
            Program {
                name: fixture.stem().to_owned(),
                source: fixture.source.clone(),
                expect,
                predicted: None,
            }
        })
        .collect()
}

/// The longest written program the step builds: rustc takes minutes over a program of ten
/// thousand awaits, one a line, and the step is held to a budget.
const MAX_WRITTEN_BYTES: usize = 64 * 1024;

/// The programs the page writes in Rust (`rust::write`), as the Rust tab shows them: every
/// lesson's twin in every mode whose twin it writes (`l_…`, the lesson's Python read and written
/// in Rust, as the tab writes it from the recipe), and every program of the Python and the Rust
/// corpora (`w_…`). Each must run on Tokio as the page's reading of that text runs: the same
/// check as the corpus's, on the Rust the page itself writes. Texts written twice alike (two
/// modes whose twins are the same program) are built once.
fn written() -> Vec<Program> {
    let mut sources: Vec<(String, String)> = Vec::new();
    for lesson in crate::lesson::all() {
        // The threads twins are no asyncio program: the Python reader does not read them.
        for mode in crate::mode::Mode::ALL.into_iter().filter(|m| !m.threaded()) {
            let file = crate::code::python_file(&lesson.recipe, mode, 2);
            let name = format!("l_{}_{}", lesson.id, mode.id()).replace('-', "_");
            sources.push((name, file));
        }
    }
    for f in crate::python::fixtures::corpus() {
        sources.push((
            format!("w_{}", f.name.trim_end_matches(".py")),
            f.source.clone(),
        ));
    }
    let mut out: Vec<Program> = Vec::new();
    for (name, source) in sources {
        let Ok(program) = crate::python::read(&source, None) else {
            continue;
        };
        let drawn = crate::python::drawn::draw(&program, &source, 1000.0);
        let text = super::write::write(&program, &drawn).text;
        // The ten thousand timers, written one line each, take rustc minutes to build.
        let too_long = text.len() > MAX_WRITTEN_BYTES;
        if too_long
            || text.starts_with("// Not written in Rust:")
            || out.iter().any(|p| p.source == text)
        {
            continue;
        }
        out.push(Program {
            name,
            source: text,
            expect: Expect::Run,
            predicted: None,
        });
    }
    for f in super::fixtures::corpus().iter().filter(|f| f.runs()) {
        let Ok(program) = super::read(&f.source) else {
            continue;
        };
        let drawn = crate::python::drawn::draw(&program, &f.source, 1000.0);
        out.push(Program {
            name: format!("w_{}", f.stem()),
            source: super::write::write(&program, &drawn).text,
            expect: Expect::Run,
            predicted: None,
        });
    }
    out
}

/// The page's code views in Rust (`code::code_in_way`): every lesson's tasks in each way, in
/// every mode with one thread (the More cooks view's tasks run on Web Workers), as the code panel
/// shows them (`v_…`). Each is built by rustc and run on Tokio's paused current-thread runtime with
/// the helpers its top describes (`tokio/views.rs`), and held to the lines and the total the page
/// predicts for the lesson's recipe in that mode. The three ways of a mode must all do what the
/// prediction does, so they do the same.
fn views() -> Vec<Program> {
    use crate::code::{Language, code_in_way};
    use crate::{Mode, Way};
    let mut out = Vec::new();
    for lesson in crate::lesson::all() {
        let recipe = &lesson.recipe;
        // The modes with one thread: the cooks' and the threads' views run no event loop alone.
        for mode in Mode::ALL.into_iter().filter(|&m| !m.on_cooks()) {
            let trace = crate::predict::predict(recipe, mode);
            for way in [Way::Async, Way::Callbacks, Way::StateMachine] {
                if way != Way::Async && !way.applies_to(mode) {
                    continue;
                }
                let text = code_in_way(recipe, mode, Language::Rust, way).text;
                if text.len() > MAX_WRITTEN_BYTES {
                    continue;
                }
                out.push(Program {
                    name: format!("v_{}_{}_{}", lesson.id, mode.id(), way.id()).replace('-', "_"),
                    source: text,
                    expect: Expect::Run,
                    predicted: Some((trace.printed_lines(), trace.end / 1000.0)),
                });
            }
        }
    }
    out
}

/// Whether `text` calls a function named `name` (`block_on(` or `trpl::run(`, not `learner_run(`).
fn calls(text: &str, name: &str) -> bool {
    let call = format!("{name}(");
    text.match_indices(&call).any(|(at, _)| {
        !text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// The program as the oracle builds it: the learner's lines rewritten in place, each keeping its
/// number, then `oracle.rs` and, for a `main` the oracle runs, the `fn main` that runs it.
fn rewrite(source: &str) -> String {
    let tokio_main = source
        .lines()
        .any(|l| l.trim().starts_with("#[tokio::main"));
    // A plain `main` that builds no runtime only spawns local tasks, as a browser program's
    // `main` does: the oracle runs it inside one, and its tasks after it.
    let wrapped = tokio_main || !(calls(source, "block_on") || calls(source, "run"));
    // A code view of the page states its unit's real milliseconds on its first line:
    // `// Times are in min: 1 min = 20 ms of real time.`
    let unit_ms = source
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("// Times are in "))
        .and_then(|l| l.split(" = ").nth(1))
        .and_then(|l| l.strip_suffix(" ms of real time."))
        .and_then(|n| n.parse::<f64>().ok());
    let async_main = source.lines().any(|l| l.trim() == "async fn main() {");
    let mut out = String::with_capacity(source.len() + 4096);
    for line in source.lines() {
        // A view is a browser program: the oracle's runtime stands for the page's event loop,
        // which `#[wasm_bindgen(start)]` hands `main` to. The lines stay, empty.
        if unit_ms.is_some()
            && matches!(
                line.trim(),
                "#[wasm_bindgen(start)]" | "use wasm_bindgen::prelude::*;"
            )
        {
            out.push('\n');
            continue;
        }
        let mut line = line
            .replace("std::thread::sleep(", "crate::oracle::block(")
            .replace("thread::sleep(", "crate::oracle::block(")
            .replace("std::time::Instant", "tokio::time::Instant");
        // `Instant` imported from `std::time` with other names is Tokio's (a parameter of type
        // `Instant` is given the paused clock's readings), imported on the same line.
        if let Some(names) = line
            .trim()
            .strip_prefix("use std::time::{")
            .and_then(|rest| rest.strip_suffix("};"))
            .filter(|names| names.split(", ").any(|n| n == "Instant"))
        {
            let kept: Vec<&str> = names.split(", ").filter(|n| *n != "Instant").collect();
            line = format!(
                "use std::time::{{{}}}; use tokio::time::Instant;",
                kept.join(", ")
            );
        }
        // `Instant::now()` not already Tokio's (the line above may have made it so).
        if line.contains("Instant::now()") && !line.contains("tokio::time::Instant::now()") {
            line = line.replace("Instant::now()", "tokio::time::Instant::now()");
        }
        // The attribute goes (whatever its arguments: the oracle's runtime is always the one
        // thread's), and what may follow it on its line stays.
        if let Some(at) = line.find("#[tokio::main") {
            let end = line[at..].find(']').map_or(line.len(), |end| at + end + 1);
            line.replace_range(at..end, "");
        }
        if wrapped {
            line = line.replace("fn main(", "fn learner_main(");
        }
        out.push_str(&line);
        out.push('\n');
    }
    let oracle = include_str!("tokio/oracle.rs");
    if unit_ms.is_some() {
        // A view's `work(n)` counts its units: the views' own helper, not the corpus's.
        out.push_str(&oracle.replace("#[allow(unused_imports)]\nuse oracle::work;\n", ""));
    } else {
        out.push_str(oracle);
    }
    if let Some(unit_ms) = unit_ms {
        out.push_str(&format!(
            "\n/// The real milliseconds of one of the view's units, from its first line.\nconst \
             UNIT_MS: f64 = {unit_ms:?};\n"
        ));
        out.push_str(include_str!("tokio/views.rs"));
    }
    if wrapped {
        let call = if tokio_main || async_main {
            "learner_main()"
        } else {
            "async { learner_main() }"
        };
        out.push_str(&format!(
            "\n/// The learner's `main`, run on the oracle's runtime.\nfn main() {{\n    \
             oracle::run({call})\n}}\n"
        ));
    }
    out
}

/// Writes `text` to `path` unless it already holds it: Cargo rebuilds what is newer than its
/// last build, and an unchanged program should cost nothing on the next run.
fn write(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// A package's manifest for the oracle's workspace: its name, its targets and its dependencies.
fn manifest(name: &str, targets: &str, dependencies: &[&str]) -> String {
    let mut text = format!(
        "# Written by crates/model/src/rust/tokio.rs.\n[package]\nname = \"{name}\"\nversion = \
         \"0.0.0\"\nedition = \"2024\"\npublish = false\nautobins = false\n\n{targets}\n\
         [dependencies]\n"
    );
    for dependency in dependencies {
        text.push_str(&format!("{dependency}.workspace = true\n"));
    }
    text
}

/// A `[[bin]]` entry.
fn bin(name: &str, path: &str) -> String {
    format!("[[bin]]\nname = \"{name}\"\npath = \"{path}\"\n\n")
}

/// Writes the oracle's project for `programs` and returns its directory: the programs that must
/// run are the `tokio-oracle` package's binaries, those that must not compile the
/// `tokio-oracle-errors` package's, each built alone.
fn write_project(programs: &[Program]) -> PathBuf {
    let dir = project_dir();
    let template = include_str!("tokio/Cargo.toml.template");
    let (mut runs, mut errors) = (String::new(), String::new());
    for program in programs {
        let path = format!("programs/{}.rs", program.name);
        write(&dir.join(&path), &rewrite(&program.source));
        match program.expect {
            Expect::Run | Expect::Panic => runs.push_str(&bin(&program.name, &path)),
            Expect::Error(_) => errors.push_str(&bin(&program.name, &format!("../{path}"))),
        }
    }
    write(&dir.join("Cargo.toml"), &format!("{template}\n{runs}"));
    // The template's lock fixes the versions: it replaces the project's, unless the lock is being
    // updated (`cargo`), when Cargo changes the project's and the template's is only a start.
    let lock = dir.join("Cargo.lock");
    if !lock.exists() || std::env::var_os("TOKIO_ORACLE_UPDATE_LOCK").is_none() {
        write(&lock, include_str!("tokio/Cargo.lock"));
    }
    let everything = [
        "tokio",
        "futures",
        "trpl",
        "gloo-timers",
        "wasm-bindgen-futures",
    ];
    // The errors package has an empty library, so that it is a package even without programs.
    write(
        &dir.join("errors/lib.rs"),
        "//! Nothing: see the binaries.\n",
    );
    write(
        &dir.join("errors/Cargo.toml"),
        &manifest(
            "tokio-oracle-errors",
            &format!("[lib]\npath = \"lib.rs\"\n\n{errors}"),
            &everything,
        ),
    );
    for (shim, source) in SHIMS {
        let dependencies: &[&str] = if shim == "trpl" {
            &["tokio", "futures"]
        } else {
            &["tokio"]
        };
        write(&dir.join(shim).join("lib.rs"), source);
        write(
            &dir.join(shim).join("Cargo.toml"),
            &manifest(shim, "[lib]\npath = \"lib.rs\"\n", dependencies),
        );
    }
    dir
}

/// Cargo, as the test's own build was run with, on the oracle's project, with a target directory
/// of its own so that it never waits for the workspace's lock.
fn cargo(dir: &Path) -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .args([
            "build",
            "--release",
            "--keep-going",
            "--message-format=json",
        ]);
    // `TOKIO_ORACLE_UPDATE_LOCK=1` lets Cargo change the lock, which `write_project` then leaves
    // alone: copy `target/tokio-oracle/Cargo.lock` over `tokio/Cargo.lock` afterwards.
    if std::env::var_os("TOKIO_ORACLE_UPDATE_LOCK").is_none() {
        command.arg("--locked");
    }
    command
}

/// One of rustc's messages, as Cargo's JSON gives it.
#[derive(Debug)]
struct Diagnostic {
    /// The binary it is about.
    target: String,
    /// `error` or `warning`.
    level: String,
    /// Its code (`E0728`) or lint (`unused_must_use`), if it has one.
    code: Option<String>,
    /// The line of its primary span, if that is in the program (not in a macro of a dependency).
    line: Option<usize>,
    /// The message as rustc prints it.
    rendered: String,
}

/// A Cargo build: whether it succeeded, rustc's messages, and Cargo's own words on failure.
fn build(mut command: Command) -> (bool, Vec<Diagnostic>, String) {
    let output = command
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cargo: {e}"));
    let mut diagnostics = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-message" {
            continue;
        }
        let text = |value: &serde_json::Value| value.as_str().map(str::to_owned);
        let inner = &message["message"];
        let line = inner["spans"].as_array().and_then(|spans| {
            spans
                .iter()
                .find(|s| s["is_primary"] == true)
                .filter(|s| {
                    s["file_name"]
                        .as_str()
                        .is_some_and(|f| f.contains("programs/"))
                })
                .and_then(|s| s["line_start"].as_u64())
                .and_then(|l| usize::try_from(l).ok())
        });
        diagnostics.push(Diagnostic {
            target: text(&message["target"]["name"]).unwrap_or_default(),
            level: text(&inner["level"]).unwrap_or_default(),
            code: text(&inner["code"]["code"]),
            line,
            rendered: text(&inner["rendered"]).unwrap_or_default(),
        });
    }
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.success(), diagnostics, stderr)
}

/// Runs a built program, killing it after `TIMEOUT`.
fn execute(path: &Path) -> Result<Output, String> {
    // A panic's message is enough: its backtrace is the runtime's frames.
    let mut child = Command::new(path)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() < TIMEOUT => std::thread::sleep(Duration::from_millis(2)),
            Ok(None) => {
                // Its output so far is still read below: it may say where it got stuck.
                child
                    .kill()
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                let output = child.wait_with_output().map_err(|e| e.to_string())?;
                return Err(format!(
                    "killed after {} s; it printed {:?}",
                    TIMEOUT.as_secs(),
                    String::from_utf8_lossy(&output.stdout)
                ));
            }
            Err(e) => return Err(format!("{}: {e}", path.display())),
        }
    }
    child.wait_with_output().map_err(|e| e.to_string())
}

/// What rustc warned about on `program`'s own lines.
fn warnings(program: &Program, diagnostics: &[Diagnostic]) -> Vec<(String, usize, String)> {
    let lines = program.source.lines().count();
    diagnostics
        .iter()
        .filter(|d| d.target == program.name && d.level == "warning")
        .filter_map(|d| {
            let first = d.rendered.lines().next().unwrap_or_default();
            let message = first.strip_prefix("warning: ").unwrap_or(first).to_owned();
            Some((d.code.clone()?, d.line?, message))
        })
        .filter(|(lint, line, _)| lint != "unused_imports" && *line <= lines)
        .collect()
}

/// Builds every corpus program, runs those that must run on Tokio's paused current-thread
/// runtime, builds those that must not compile one at a time, and returns what each did.
pub(crate) fn run_corpus() -> Vec<TokioRun> {
    let mut programs = corpus();
    programs.extend(written());
    programs.extend(views());
    let dir = write_project(&programs);
    let (built, diagnostics, cargo_stderr) = build(cargo(&dir));
    let mut runs = Vec::new();
    for program in &programs {
        let mut run = TokioRun {
            name: format!("{}.rs", program.name),
            source: program.source.clone(),
            lines: Vec::new(),
            total: 0.0,
            error: None,
            panic: None,
            warnings: warnings(program, &diagnostics),
            ok: false,
            stderr: String::new(),
            predicted: program.predicted.clone(),
        };
        // Cargo keeps going past a program that does not compile, so that each is built or
        // refused on its own: a program is run when rustc gave no error on it and its binary is
        // there.
        let binary = dir.join("target/release").join(&program.name);
        let errors: Vec<&str> = diagnostics
            .iter()
            .filter(|d| d.target == program.name && d.level == "error")
            .map(|d| d.rendered.as_str())
            .collect();
        match &program.expect {
            Expect::Run | Expect::Panic if !errors.is_empty() => {
                run.stderr = format!("it did not compile:\n{}", errors.concat());
            }
            Expect::Run | Expect::Panic if !built && !binary.exists() => {
                run.stderr = format!("the build failed: {cargo_stderr}");
            }
            Expect::Run => execute_into(&mut run, &binary),
            Expect::Panic => panic_into(&mut run, &program.name, &binary),
            Expect::Error(code) => refuse_into(&mut run, program, code, &dir),
        }
        runs.push(run);
    }
    runs
}

/// Runs a built program and writes into `run` the lines it printed; its output, or `None` when
/// it could not be run to its end (`run` then says why).
fn printed_into(run: &mut TokioRun, binary: &Path) -> Option<Output> {
    let output = match execute(binary) {
        Ok(output) => output,
        Err(e) => {
            run.stderr = format!("it did not run to its end: {e}");
            return None;
        }
    };
    run.lines = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    Some(output)
}

/// Runs a built program and writes into `run` what it printed and how long it took on the
/// paused clock, the totals its runtimes reported on standard error added up (a program that
/// blocks on two futures, one after the other, builds two runtimes).
fn execute_into(run: &mut TokioRun, binary: &Path) {
    let Some(output) = printed_into(run, binary) else {
        return;
    };
    let written = String::from_utf8_lossy(&output.stderr);
    let mut stderr = Vec::new();
    let mut totals = 0;
    for line in written.lines() {
        match line.strip_prefix(TOTAL).map(str::parse::<f64>) {
            Some(Ok(seconds)) => {
                run.total += seconds;
                totals += 1;
            }
            _ => stderr.push(line),
        }
    }
    run.ok = output.status.success() && totals > 0;
    let why = if !output.status.success() {
        format!("it ended with {}\n", output.status)
    } else if totals == 0 {
        "no runtime reported a total\n".to_owned()
    } else {
        String::new()
    };
    run.stderr = format!("{why}{}", stderr.join("\n"));
}

/// Runs a built program that must panic and writes into `run` the panic's message and line, from
/// Rust's report on standard error (`thread 'main' panicked at programs/NAME.rs:LINE:COLUMN:`, the
/// message on the next line).
fn panic_into(run: &mut TokioRun, name: &str, binary: &Path) {
    let Some(output) = printed_into(run, binary) else {
        return;
    };
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let mut lines = stderr.lines();
    while let Some(line) = lines.next() {
        let Some((_, place)) = line.split_once("panicked at ") else {
            continue;
        };
        let own = format!("programs/{name}.rs:");
        let at = place
            .strip_prefix(&own)
            .and_then(|rest| rest.split(':').next())
            .and_then(|l| l.parse().ok());
        run.panic = Some((lines.next().unwrap_or_default().to_owned(), at));
        break;
    }
    run.ok = !output.status.success() && run.panic.is_some();
    if !run.ok {
        run.stderr = format!(
            "it should panic, and it ended with {}:\n{stderr}",
            output.status
        );
    }
}

/// Builds a program that rustc must refuse with `code`, alone (a failed build stops Cargo), and
/// writes into `run` the error it gave and where: the first error with a code on one of the
/// program's own lines.
fn refuse_into(run: &mut TokioRun, program: &Program, code: &str, dir: &Path) {
    let mut command = cargo(dir);
    command.args(["--package", "tokio-oracle-errors", "--bin", &program.name]);
    let (built, diagnostics, cargo_stderr) = build(command);
    let lines = program.source.lines().count();
    run.error = diagnostics
        .iter()
        .filter(|d| d.level == "error")
        .find_map(|d| Some((d.code.clone()?, d.line?)));
    run.warnings = warnings(program, &diagnostics);
    run.ok = !built
        && run
            .error
            .as_ref()
            .is_some_and(|(c, line)| c == code && (3..=lines).contains(line));
    if !run.ok {
        let why = match &run.error {
            None if built => format!("rustc accepted it, and its header expects {code}"),
            None => "rustc refused it without an error code on its lines".to_owned(),
            Some((c, line)) => format!(
                "rustc refused it with {c} at line {line}, and its header expects {code} on one \
                 of its own lines"
            ),
        };
        let rendered: Vec<&str> = diagnostics.iter().map(|d| d.rendered.as_str()).collect();
        run.stderr = format!("{why}\n{}{cargo_stderr}", rendered.concat());
    }
}

/// Whether a line of the page's console, whose clock values are masked as `⟨clock⟩`, stands for
/// a line Tokio printed: the literal parts between masks appear in order, the first at the start
/// and the last at the end, and each mask covers at least one character.
fn matches(page: &str, tokio: &str) -> bool {
    let parts: Vec<&str> = page.split(MASK).collect();
    let [first, middle @ .., last] = parts.as_slice() else {
        return page == tokio;
    };
    let Some(mut rest) = tokio.strip_prefix(first) else {
        return false;
    };
    // Each literal after a mask is looked for after at least one character; the leftmost place
    // leaves the most room for what follows, so looking no further is enough.
    for part in middle {
        let Some(skip) = rest.chars().next().map(char::len_utf8) else {
            return false;
        };
        let Some(at) = rest[skip..].find(part) else {
            return false;
        };
        rest = &rest[skip + at + part.len()..];
    }
    rest.len() > last.len() && rest.ends_with(last)
}

/// Compares the page's run of a program with Tokio's; the differences, in words.
///
/// The page's lines mask clock values (`asyncio::MASK`), and each must stand for Tokio's line in
/// the same place (`matches`); the totals must agree within 5 % and 1 ms. A program Tokio ran to
/// its end must end without an error on the page too. Tasks left unfinished are not compared:
/// Tokio drops them with the runtime and says nothing of how many.
fn compare(name: &str, page: &Outcome, tokio: &TokioRun) -> Vec<String> {
    let mut out = Vec::new();
    let same_lines = page.lines.len() == tokio.lines.len()
        && page
            .lines
            .iter()
            .zip(&tokio.lines)
            .all(|(p, t)| matches(p, t));
    if !same_lines {
        out.push(format!(
            "{name}: lines differ\n  page:  {:?}\n  Tokio: {:?}",
            page.lines, tokio.lines
        ));
    }
    if let Some(error) = &page.error {
        out.push(format!(
            "{name}: the page ends with {error:?}, Tokio ran to the end"
        ));
    }
    let low = page.total * 0.95 - 0.001;
    let high = page.total * 1.05 + 0.001;
    if !(low..=high).contains(&tokio.total) {
        out.push(format!(
            "{name}: total differs: page {:.4} s, Tokio {:.4} s",
            page.total, tokio.total
        ));
    }
    out
}

#[test]
#[ignore = "builds and runs every Rust corpus program on Tokio: `cargo xtask test` runs it in a step of its own"]
fn programs_run_on_tokio() {
    let runs = run_corpus();
    let refused = runs.iter().filter(|r| r.error.is_some()).count();
    let mut failures: Vec<String> = runs
        .iter()
        .filter(|r| !r.ok)
        .map(|r| format!("{}: {}", r.name, r.stderr))
        .collect();
    let (mut held, mut refused_alike, mut panicked_alike, mut views_held) = (0, 0, 0, 0);
    // One line per program, so that a changed order or total shows in the step's output.
    for run in &runs {
        let error = run.error.as_ref().map_or(String::new(), |(code, line)| {
            format!(", {code} at line {line}")
        });
        let warnings: String = run
            .warnings
            .iter()
            .map(|(lint, line, _)| format!(", warns {lint} at line {line}"))
            .collect();
        println!(
            "{}: {} lines, {} s{error}{warnings}",
            run.name,
            run.lines.len(),
            run.total
        );
        if !run.ok {
            continue;
        }
        // A code view is held to the page's prediction of its recipe: the same lines in the same
        // order, and the total within 5 %.
        if let Some((lines, total)) = &run.predicted {
            let mut differences = Vec::new();
            if *lines != run.lines {
                differences.push(format!(
                    "{}: lines differ\n  page:  {lines:?}\n  Tokio: {:?}",
                    run.name, run.lines
                ));
            }
            if !(total * 0.95 - 0.001..=total * 1.05 + 0.001).contains(&run.total) {
                differences.push(format!(
                    "{}: total differs: page {total:.4} s, Tokio {:.4} s",
                    run.name, run.total
                ));
            }
            // A view warns only where its mode is about a future never awaited.
            if let Some((lint, line, message)) = run
                .warnings
                .iter()
                .find(|(lint, ..)| lint != "unused_must_use")
            {
                differences.push(format!(
                    "{}: rustc warns {lint} at line {line}: {message}",
                    run.name
                ));
            }
            if differences.is_empty() {
                views_held += 1;
            }
            failures.extend(differences);
            continue;
        }
        // A program that panics on Tokio is refused by the page, quoting the panic, at its line
        // when the panic is placed on one of the program's own.
        if let Some((message, line)) = &run.panic {
            match super::read(&run.source) {
                Err(e)
                    if e.message.contains(message.as_str()) && line.is_none_or(|l| l == e.line) =>
                {
                    panicked_alike += 1;
                }
                Err(e) => failures.push(format!(
                    "{}: Tokio panics with {message:?} at line {line:?}, the page refuses it at \
                     line {}: {}",
                    run.name, e.line, e.message
                )),
                Ok(_) => failures.push(format!(
                    "{}: Tokio panics with {message:?}, the page runs it",
                    run.name
                )),
            }
            continue;
        }
        match (super::read(&run.source), &run.error) {
            (Err(e), Some((code, line))) => {
                if e.line == *line && e.message.contains(&format!("[{code}]")) {
                    refused_alike += 1;
                } else {
                    failures.push(format!(
                        "{}: rustc refuses it with {code} at line {line}, the page at line {}: {}",
                        run.name, e.line, e.message
                    ));
                }
            }
            (Ok(_), Some((code, line))) => failures.push(format!(
                "{}: rustc refuses it with {code} at line {line}, the page reads it",
                run.name
            )),
            (Err(e), None) => failures.push(format!(
                "{}: the page refuses it at {}:{}: {}",
                run.name, e.line, e.column, e.message
            )),
            (Ok(program), None) => {
                let page = crate::python::asyncio::run(&program);
                let mut differences = compare(&run.name, &page, run);
                // rustc's `unused_must_use` is the page's warning of a future never awaited, in
                // the same words up to the page's explanation after the colon.
                let ours: Vec<(usize, &str)> = program
                    .warnings
                    .iter()
                    .filter(|w| w.message.contains(" that must be used"))
                    .map(|w| {
                        let words = w.message.split(": ").next().unwrap_or_default();
                        (w.at.line as usize, words)
                    })
                    .collect();
                let theirs: Vec<(usize, &str)> = run
                    .warnings
                    .iter()
                    .filter(|(lint, _, _)| lint == "unused_must_use")
                    .map(|(_, line, message)| (*line, message.as_str()))
                    .collect();
                if ours != theirs {
                    differences.push(format!(
                        "{}: futures never awaited warned at lines {ours:?} by the page, \
                         {theirs:?} by rustc",
                        run.name
                    ));
                }
                if differences.is_empty() {
                    held += 1;
                }
                failures.extend(differences);
            }
        }
    }
    let in_corpus = runs.iter().filter(|r| r.name.starts_with("r_")).count();
    let views = runs.iter().filter(|r| r.predicted.is_some()).count();
    println!(
        "rust programs: {in_corpus} in the corpus and {} the page writes, {} run on Tokio's \
         paused current-thread runtime, {held} read and held to it (lines and their order, \
         futures never awaited, total within 5 %), {panicked_alike} panicking on Tokio and \
         refused by the page with Tokio's words, {refused_alike} refused by rustc and the page \
         alike, {} differences",
        runs.len() - in_corpus - views,
        runs.len() - refused - views,
        failures.len()
    );
    let ways = |way: &str| {
        let of_way =
            |r: &&TokioRun| r.predicted.is_some() && r.name.ends_with(&format!("_{way}.rs"));
        let all = runs.iter().filter(of_way).count();
        format!("{all} {}", if way == "async" { "async/await" } else { way })
    };
    println!(
        "rust code views: {views} built by rustc and run on Tokio's paused current-thread runtime \
         ({}, {}, {}), {views_held} held to the page's prediction (lines and their order, total \
         within 5 %)",
        ways("callbacks"),
        ways("state_machine").replace("state_machine", "state machines"),
        ways("async"),
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page's outcome of these lines and total.
    fn page(lines: &[&str], total: f64) -> Outcome {
        Outcome {
            lines: lines.iter().map(|&l| l.to_owned()).collect(),
            total,
            cancelled: 0,
            error: None,
        }
    }

    /// Tokio's run of these lines and total.
    fn tokio(lines: &[&str], total: f64) -> TokioRun {
        TokioRun {
            name: "r_test.rs".to_owned(),
            source: String::new(),
            lines: lines.iter().map(|&l| l.to_owned()).collect(),
            total,
            error: None,
            panic: None,
            warnings: Vec::new(),
            ok: true,
            stderr: String::new(),
            predicted: None,
        }
    }

    #[test]
    fn a_masked_line_matches_what_its_literal_parts_surround() {
        assert!(matches("took ⟨clock⟩ s", "took 1.25 s"));
        assert!(matches("⟨clock⟩", "500ms"));
        assert!(matches("a ⟨clock⟩ b ⟨clock⟩", "a 1s b 2s"));
        assert!(matches("⟨clock⟩⟨clock⟩", "12"));
        assert!(matches("no clock here", "no clock here"));
        assert!(matches("[⟨clock⟩] tick ⟨clock⟩", "[1s] tick 2s"));
        // The literal after a mask is found after the mask's text, even when it appears inside it.
        assert!(matches("at ⟨clock⟩s done", "at 1.5s done"));
        assert!(matches("⟨clock⟩ s", "1 s s"));
    }

    #[test]
    fn a_mask_covers_at_least_one_character_and_literals_keep_their_order() {
        assert!(!matches("took ⟨clock⟩ s", "took  s"));
        assert!(!matches("⟨clock⟩", ""));
        assert!(!matches("⟨clock⟩⟨clock⟩", "1"));
        assert!(!matches("a ⟨clock⟩ b ⟨clock⟩", "b 1s a 2s"));
        assert!(!matches("took ⟨clock⟩ s", "took 1.25 ms!"));
        assert!(!matches("no clock here", "no clock there"));
        assert!(!matches("x⟨clock⟩", "y1"));
    }

    #[test]
    fn compare_holds_lines_and_total_within_five_percent() {
        let tokio_run = tokio(&["hi", "took 1.5s"], 1.5);
        assert!(compare("r", &page(&["hi", "took ⟨clock⟩"], 1.5), &tokio_run).is_empty());
        assert!(compare("r", &page(&["hi", "took ⟨clock⟩"], 1.45), &tokio_run).is_empty());
        let late = compare("r", &page(&["hi", "took ⟨clock⟩"], 1.4), &tokio_run);
        assert_eq!(late.len(), 1);
        assert!(late[0].contains("total differs"), "{late:?}");
        let swapped = compare("r", &page(&["took ⟨clock⟩", "hi"], 1.5), &tokio_run);
        assert_eq!(swapped.len(), 1);
        assert!(swapped[0].contains("lines differ"), "{swapped:?}");
        let short = compare("r", &page(&["hi"], 1.5), &tokio_run);
        assert!(short[0].contains("lines differ"), "{short:?}");
        // A program that takes no time is held within a millisecond.
        assert!(compare("r", &page(&[], 0.0), &tokio(&[], 0.0009)).is_empty());
        assert!(!compare("r", &page(&[], 0.0), &tokio(&[], 0.002)).is_empty());
        let mut failed = page(&["hi", "took ⟨clock⟩"], 1.5);
        failed.error = Some("panicked".to_owned());
        assert!(compare("r", &failed, &tokio_run)[0].contains("page ends with"));
    }

    #[test]
    fn rewriting_keeps_every_line_in_its_place() {
        let source = "// corpus: run\n// x\nuse std::time::{Duration, Instant};\n\n\
                      #[tokio::main]\nasync fn main() {\n    let t = Instant::now();\n    \
                      std::thread::sleep(Duration::from_millis(5));\n    \
                      thread::sleep(Duration::from_millis(5));\n}\n";
        let rewritten = rewrite(source);
        let lines: Vec<&str> = rewritten.lines().collect();
        // The oracle's code starts after the learner's last line.
        assert!(lines[10].starts_with("// Appended by the Tokio oracle"));
        assert_eq!(lines[4], "");
        assert_eq!(lines[5], "async fn learner_main() {");
        assert_eq!(lines[6], "    let t = tokio::time::Instant::now();");
        assert_eq!(
            lines[7],
            "    crate::oracle::block(Duration::from_millis(5));"
        );
        assert_eq!(
            lines[8],
            "    crate::oracle::block(Duration::from_millis(5));"
        );
        assert!(rewritten.ends_with("oracle::run(learner_main())\n}\n"));
        // An attribute on the same line as `main` goes alone.
        let one_line = "#[tokio::main(flavor = \"current_thread\")] async fn main() {}\n";
        assert!(rewrite(one_line).starts_with(" async fn learner_main() {}\n"));
        // A `main` that builds its own runtime stays the program's `main`.
        let trpl = "fn main() {\n    trpl::run(async {});\n}\n";
        assert!(rewrite(trpl).starts_with(trpl));
        assert!(!rewrite(trpl).contains("learner_main"));
        // One that only spawns local tasks is run on the oracle's runtime.
        let local = "fn main() {\n    wasm_bindgen_futures::spawn_local(async {});\n}\n";
        assert!(rewrite(local).contains("oracle::run(async { learner_main() })"));
    }

    #[test]
    fn every_corpus_program_says_what_it_shows() {
        for program in corpus() {
            let second = program.source.lines().nth(1).unwrap_or_default();
            assert!(
                second.starts_with("// ") && second.ends_with('.'),
                "{}: the second line says what it shows",
                program.name
            );
        }
    }
}
