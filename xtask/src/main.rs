//! `cargo xtask`: the project's commands, each setting up what it needs first.
//!
//! - `serve [trunk args…]`: install what is missing, then `trunk serve`.
//! - `dist [--public-url PATH]`: install what is missing, then the release build in `dist/`.
//! - `test [--only WORD]`: install what is missing, then every check CI runs (or those whose name
//!   contains WORD), with a summary.
//! - `bless`: update the snapshot tests' expectations (insta's and expect-test's) to what the code
//!   now writes, for a change that means to change them; review the diff before committing.
//! - `bench [--quick] [--update-budget]`: install what is missing, build the release site, measure
//!   its sizes (`dist_sizes`, against `bench/budget.json`) and the rest in headless Chromium
//!   (`bench/run.mjs`), write `target/bench/bench.json` and print the tables; `--update-budget`
//!   writes the first look's new figure to `bench/budget.json`.
//! - `size [--top N]`: the page's wasm by crate and module, and its N largest functions (twiggy).
//!
//! Install steps skip whatever is already there at the right version, so warm runs go straight on.
#![forbid(unsafe_code)]

mod budget;
mod dist_sizes;
mod layers;
mod setup;
mod size;
mod steps;

use std::process::ExitCode;

use steps::{Outcome, Runner, cmd};

const USAGE: &str = "usage: cargo xtask <command>

commands:
  serve [ARGS…]              set up, then `trunk serve` on http://127.0.0.1:8080/ (ARGS go to trunk)
  dist [--public-url PATH]   set up, then build the release site into dist/
  test [--only WORD]         set up, then the layers, fmt, clippy (host and wasm32), unit tests,
                             the Python twins and programs in CPython, browser tests, the release
                             builds and the end-to-end tests; prints a summary (--only: the steps
                             whose name contains WORD, e.g. `--only firefox`; an end-to-end step
                             brings the release builds it tests)
  bless                      update the insta and expect-test snapshots to what the code writes
                             now (review the diff before committing)
  bench [--quick] [--update-budget]
                             set up, build the release site, measure fidelity, scale, frames, size
                             and start-up in headless Chromium; writes target/bench/bench.json and
                             prints the tables (--quick: fewer repeats, no 100 000-task runs;
                             --update-budget: write the first look's new figure to
                             bench/budget.json, after a change that shrinks it)
  size [--top N]             the page's wasm (cargo's, with names, before wasm-opt) by crate and
                             module, and its N largest functions (default 25), with twiggy";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
        Some("dist") => dist(&args[1..]),
        Some("test") => test(&args[1..]),
        Some("bless") => bless(),
        Some("bench") => bench(&args[1..]),
        Some("size") => size::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown or missing command\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve(args: &[String]) -> Result<(), String> {
    let env = setup::build_tools()?;
    // Trunk.toml's port unless the caller passed one through to trunk.
    let port = args
        .iter()
        .position(|a| a == "--port" || a == "-p")
        .and_then(|i| args.get(i + 1))
        .map_or("8080", String::as_str);
    println!("xtask: serving Async Kitchen on http://127.0.0.1:{port}/ (Ctrl-C stops it)");
    let mut trunk = cmd(&env, "trunk", ["serve"]);
    trunk.args(args);
    steps::run(trunk, "trunk serve")
}

fn dist(args: &[String]) -> Result<(), String> {
    let env = setup::build_tools()?;
    let mut trunk_args: Vec<String> = RELEASE_BUILD.map(str::to_owned).to_vec();
    match args {
        [] => {}
        [flag, path] if flag == "--public-url" => {
            trunk_args.extend(["--public-url".to_owned(), path.clone()])
        }
        [flag] if flag.starts_with("--public-url=") => trunk_args.push(flag.clone()),
        _ => return Err(format!("dist takes only --public-url PATH\n\n{USAGE}")),
    }
    steps::run(cmd(&env, "trunk", &trunk_args), "trunk build")?;
    steps::print_sizes(&env.root.join("dist"));
    Ok(())
}

/// The release site into `dist/`, split: the views only some learners open load on first use
/// (`split`, `src/components/lazy.rs`; build/release.mjs splits the wasm). A plain `trunk build
/// --release` still works, unsplit.
const RELEASE_BUILD: [&str; 4] = ["build", "--release", "--features", "split"];

/// The release site again, with the bench's hooks (`--features bench`), into `target/dist-bench/`:
/// the bench and the tests that call the hooks use it, while `dist/` stays what learners download.
const BENCH_BUILD: [&str; 6] = [
    "build",
    "--release",
    "--features",
    "bench,split",
    "--dist",
    "target/dist-bench",
];

/// The end-to-end steps, which test the release builds.
const END_TO_END: [&str; 3] = [
    "end-to-end tests (built site, headless Chromium)",
    "end-to-end tests in Firefox (built site, headless Firefox ESR over WebDriver BiDi)",
    "end-to-end tests in WebKit (built site, WebKitGTK's MiniBrowser under Xvfb over WebDriver)",
];

fn test(args: &[String]) -> Result<(), String> {
    let only = match args {
        [] => None,
        [flag, word] if flag == "--only" => Some(word.clone()),
        _ => return Err(format!("test takes only --only WORD\n\n{USAGE}")),
    };
    let env = setup::test_tools()?;
    let mut run = Runner::new(only);
    let end_to_end = END_TO_END.iter().any(|step| run.wants(step));
    run.check(
        "layers (each crate reaches only the layers below it)",
        || layers::check(&env),
    );
    run.step(
        "rustfmt",
        cmd(&env, "cargo", ["fmt", "--all", "--", "--check"]),
    );
    run.step(
        "clippy (host)",
        cmd(
            &env,
            "cargo",
            [
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        ),
    );
    run.step(
        "clippy (wasm32)",
        cmd(
            &env,
            "cargo",
            [
                "clippy",
                "--workspace",
                "--exclude",
                "xtask",
                "--all-targets",
                "--target",
                "wasm32-unknown-unknown",
                // The bench's hooks are wasm-only and behind this feature, and the split points are
                // wasm stubs only with `split`: check them too.
                "--features",
                "async-kitchen/bench,async-kitchen/split",
                "--",
                "-D",
                "warnings",
            ],
        ),
    );
    run.step(
        "unit tests (native)",
        cmd(&env, "cargo", ["test", "--workspace"]),
    );
    // The model's ignored tests, each in the unit tests' own build and a step of its own, whose
    // summary line the step notes: every lesson's Python twin in every mode, run by CPython and held
    // to the page's prediction (crates/model/src/code/python/cpython.rs); the reader of learners'
    // own Python, every corpus program it reads run by CPython and by the page's model of asyncio
    // (crates/model/src/python/cpython.rs); and the Rust corpus, every program built by rustc and
    // run on Tokio's current-thread runtime with its clock paused, in a Cargo project of its own
    // under target/tokio-oracle/ (crates/model/src/rust/tokio.rs).
    for (step, test, summary) in [
        (
            "Python twins in CPython",
            "twins_run_in_cpython",
            "python twins",
        ),
        (
            "Python programs in CPython",
            "programs_run_in_cpython",
            "python programs",
        ),
        (
            "Rust programs on Tokio",
            "programs_run_on_tokio",
            // Two lines: the programs', then the code views'.
            "rust ",
        ),
    ] {
        let args = [
            "test",
            "--package",
            "kitchen-model",
            "--lib",
            test,
            "--",
            "--ignored",
            "--nocapture",
        ];
        run.step_noting(step, cmd(&env, "cargo", args), summary);
    }
    // The page's browser tests (tests/) and the runtime's own (crates/runtime/tests/: the ways'
    // runs held to the async/await run's), in one step.
    run.step(
        "browser tests (wasm32, headless Chromium)",
        cmd(
            &env,
            "cargo",
            [
                "test",
                "--package",
                "async-kitchen",
                "--package",
                "kitchen-runtime",
                "--target",
                "wasm32-unknown-unknown",
                "--test",
                "*",
            ],
        ),
    );
    let built = run.step_needed(
        end_to_end || run.wants(budget::STEP),
        "release build (trunk)",
        cmd(&env, "trunk", RELEASE_BUILD),
    );
    let hooks = run.step_needed(
        end_to_end,
        "release build with the bench hooks (trunk, into target/dist-bench)",
        cmd(&env, "trunk", BENCH_BUILD),
    );
    // Sizes are deterministic for a given toolchain: the first look's budget can fail the run.
    if built == Outcome::Passed {
        let verdict = steps::print_sizes(&env.root.join("dist"));
        run.check(budget::STEP, || match verdict {
            Some(verdict) => budget::check(&verdict),
            None => Err("the built site or bench/budget.json could not be read".to_owned()),
        });
    } else {
        run.skip(budget::STEP, "the release build failed");
    }
    let [chromium, firefox, webkit] = END_TO_END;
    if built == Outcome::Passed && hooks == Outcome::Passed {
        run.step(chromium, cmd(&env, "node", ["--test", "e2e/"]));
        run.step(firefox, cmd(&env, "node", ["--test", "e2e-firefox/"]));
        run.step(webkit, cmd(&env, "node", ["--test", "e2e-webkit/"]));
    } else {
        for step in END_TO_END {
            run.skip(step, "the release build failed");
        }
    }
    run.finish()
}

/// Updates the snapshot tests' expectations: insta's `.snap` files and expect-test's `expect![…]`
/// literals, rewritten in place by the tests themselves.
fn bless() -> Result<(), String> {
    let env = setup::build_tools()?;
    let mut test = cmd(&env, "cargo", ["test", "--workspace"]);
    test.env("INSTA_UPDATE", "always").env("UPDATE_EXPECT", "1");
    steps::run(test, "cargo test --workspace (blessing snapshots)")?;
    println!("xtask: snapshots blessed; `git diff` shows what changed");
    Ok(())
}

fn bench(args: &[String]) -> Result<(), String> {
    let (mut quick, mut update_budget) = (false, false);
    for arg in args {
        match arg.as_str() {
            "--quick" => quick = true,
            "--update-budget" => update_budget = true,
            _ => {
                return Err(format!(
                    "bench takes only --quick and --update-budget\n\n{USAGE}"
                ));
            }
        }
    }
    let env = setup::test_tools()?;
    steps::run(cmd(&env, "trunk", RELEASE_BUILD), "trunk build")?;
    steps::run(cmd(&env, "trunk", BENCH_BUILD), "trunk build (bench hooks)")?;
    // The sizes and the budget, measured as `cargo xtask test` measures them, for bench/run.mjs.
    budget::for_bench(&env.root, update_budget)?;
    let mut node = cmd(&env, "node", ["bench/run.mjs"]);
    if quick {
        node.arg("--quick");
    }
    steps::run(node, "the bench (node bench/run.mjs)")
}
