//! The Python twins of Rust programs: corpus programs as the code panel's Python tab shows them;
//! every step of every lane on a line; and every twin read back by the page's Python reader and run
//! by the model of asyncio, held line for line to the Rust program's own run by asyncio's rules.

use std::path::Path;
use std::process::Command;

use expect_test::{Expect, expect};

use super::as_python;
use crate::code::CodeView;
use crate::python::asyncio::{self, Outcome};
use crate::python::drawn::{Drawn, draw};
use crate::python::program::{Action, Measured, Op, Piece, Program, Rules, Show};

/// Every corpus program that reads, by name, with its text (the ones rustc must refuse do not
/// read, and have no twin).
fn corpus() -> Vec<(String, String)> {
    super::super::fixtures::corpus()
        .iter()
        .filter(|f| crate::rust::read(&f.source).is_ok())
        .map(|f| (f.stem().to_owned(), f.source.clone()))
        .collect()
}

/// Programs of shapes the corpus does not have: a reading passed down two calls and shown with a
/// width, a spawned handle joined beside an `async` block, a line left open by `print!`, braces
/// and quotes in a print, a future dropped in a task and at the top with no body the reader kept,
/// a reading taken before the runtime and shown after it; a plain `main`; two runtimes, one after
/// the other.
const SHAPES: [(&str, &str); 3] = [
    (
        "readings_handles_and_dropped_futures",
        r#"use std::time::{Duration, Instant};
async fn inner(n: u64) { trpl::sleep(Duration::from_millis(n)).await; println!("inner {n}"); }
async fn outer(start: Instant) {
    inner(100).await;
    println!("outer after {:>8.3}", start.elapsed().as_secs_f64());
    say();
}
async fn say() { println!("say"); }
fn main() {
    let start = Instant::now();
    trpl::run(async {
        let h = trpl::spawn_task(outer(start));
        let f = async { print!("no newline "); trpl::yield_now().await; println!("{{braces}} \"q\""); };
        trpl::join(h, f).await;
        let _ = say();
    });
    println!("all in {:?} or {} ms", start.elapsed(), start.elapsed().as_millis());
}
"#,
    ),
    ("plain_main", r#"fn main() { println!("hi"); }"#),
    (
        "two_runtimes",
        r#"use std::time::Duration;
fn main() {
    trpl::run(async { trpl::sleep(Duration::from_millis(100)).await; println!("one"); });
    trpl::run(async { trpl::sleep(Duration::from_millis(100)).await; println!("two"); });
}
"#,
    ),
];

/// Every program the tests hold: the corpus's, then [`SHAPES`].
fn programs() -> Vec<(String, String)> {
    let mut all = corpus();
    all.extend(
        SHAPES
            .iter()
            .map(|(name, source)| ((*name).to_owned(), (*source).to_owned())),
    );
    all
}

/// A program read from Rust, its drawing and its twin.
fn twin(source: &str) -> (Program, Drawn, CodeView) {
    let program = crate::rust::read(source).unwrap_or_else(|e| panic!("not read: {e:?}"));
    let drawn = draw(&program, source, 1000.0);
    let view = as_python(&program, &drawn);
    (program, drawn, view)
}

/// The twin of `source`, its step lines marked at the end of each line that has one:
/// `◂ task 1 #0, helper 0 #0`.
fn check(source: &str, expect: Expect) {
    let (_, _, view) = twin(source);
    expect.assert_eq(&view.marked());
}

fn check_corpus(name: &str, expect: Expect) {
    let fixture = super::super::fixtures::corpus()
        .iter()
        .find(|f| f.stem() == name)
        .unwrap_or_else(|| panic!("no corpus program {name}"));
    check(&fixture.source, expect);
}

#[test]
fn the_books_first_example_spawns_a_task_that_main_outlives_not() {
    check_corpus(
        "r_trpl_first_example",
        expect![[r##"
            # Your Rust as a Python learner would write it with asyncio: each async fn an async def,
            # a spawn asyncio.create_task, a join asyncio.gather, main's future run by asyncio.run.
            # Tokio and asyncio both run every task on one thread, but take turns by different
            # rules, so the two may print in different orders:
            # - when main and a task wake at the same instant, Tokio resumes main first; asyncio
            #   resumes them in the order their timers were set;
            # - when main's future ends, Tokio drops the tasks still running at once; asyncio.run
            #   cancels them after one more turn of its loop, in which a task due then still runs.
            import asyncio


            # block at line 7
            async def async_block_7():
                print("hi number 1 from the first task!")  ◂ task 1 #0, helper 0 #0
                await asyncio.sleep(0.5)  ◂ task 1 #1, helper 0 #1
                print("hi number 2 from the first task!")  ◂ task 1 #2, helper 0 #2
                await asyncio.sleep(0.5)  ◂ task 1 #3, helper 0 #3
                print("hi number 3 from the first task!")  ◂ task 1 #4, helper 0 #4
                await asyncio.sleep(0.5)  ◂ task 1 #5, helper 0 #5
                print("hi number 4 from the first task!")  ◂ task 1 #6, helper 0 #6
                await asyncio.sleep(0.5)  ◂ task 1 #7, helper 0 #7
                print("hi number 5 from the first task!")  ◂ task 1 #8, helper 0 #8
                await asyncio.sleep(0.5)  ◂ task 1 #9, helper 0 #9
                print("hi number 6 from the first task!")  ◂ task 1 #10, helper 0 #10
                await asyncio.sleep(0.5)  ◂ task 1 #11, helper 0 #11
                print("hi number 7 from the first task!")  ◂ task 1 #12, helper 0 #12
                await asyncio.sleep(0.5)  ◂ task 1 #13, helper 0 #13
                print("hi number 8 from the first task!")  ◂ task 1 #14, helper 0 #14
                await asyncio.sleep(0.5)  ◂ task 1 #15, helper 0 #15
                print("hi number 9 from the first task!")  ◂ task 1 #16, helper 0 #16
                await asyncio.sleep(0.5)  ◂ task 1 #17, helper 0 #17


            async def main():
                task_0 = asyncio.create_task(async_block_7())
                print("hi number 1 from the second task!")  ◂ task 0 #0
                await asyncio.sleep(0.5)  ◂ task 0 #1
                print("hi number 2 from the second task!")  ◂ task 0 #2
                await asyncio.sleep(0.5)  ◂ task 0 #3
                print("hi number 3 from the second task!")  ◂ task 0 #4
                await asyncio.sleep(0.5)  ◂ task 0 #5
                print("hi number 4 from the second task!")  ◂ task 0 #6
                await asyncio.sleep(0.5)  ◂ task 0 #7


            asyncio.run(main())
        "##]],
    );
}

#[test]
fn tokio_join_of_three_is_a_gather_of_three() {
    check_corpus(
        "r_tokio_join_three",
        expect![[r##"
        # Your Rust as a Python learner would write it with asyncio: each async fn an async def,
        # a spawn asyncio.create_task, a join asyncio.gather, main's future run by asyncio.run.
        # Tokio and asyncio both run every task on one thread, but take turns by different
        # rules, so the two may print in different orders:
        # - when main and a task wake at the same instant, Tokio resumes main first; asyncio
        #   resumes them in the order their timers were set;
        # - tokio::join! starts each round of polls one future further on; gather's tasks
        #   simply run in the order they wake.
        import asyncio


        # boil_water()
        async def boil_water():
            print("water on")  ◂ task 1 #0, helper 0 #0
            await asyncio.sleep(2.0)  ◂ task 1 #1, helper 0 #1
            print("water boils")  ◂ task 1 #2, helper 0 #2


        # toast_bread()
        async def toast_bread():
            print("bread in")  ◂ task 2 #0, helper 1 #0
            await asyncio.sleep(1.5)  ◂ task 2 #1, helper 1 #1
            print("toast pops")  ◂ task 2 #2, helper 1 #2


        # fry_egg()
        async def fry_egg():
            print("egg in the pan")  ◂ task 3 #0, helper 2 #0
            await asyncio.sleep(0.7)  ◂ task 3 #1, helper 2 #1
            print("egg fried")  ◂ task 3 #2, helper 2 #2


        async def main():
            # tokio::join! in your Rust: gather runs them as tasks, with no rounds.
            await asyncio.gather(boil_water(), toast_bread(), fry_egg())
            print("breakfast: water at 100 degrees, 2 slices, 1 egg")  ◂ task 0 #0


        asyncio.run(main())
    "##]],
    );
}

#[test]
fn a_future_never_awaited_is_a_coroutine_never_awaited() {
    check_corpus(
        "r_future_never_awaited",
        expect![[r##"
        # Your Rust as a Python learner would write it with asyncio: each async fn an async def,
        # a spawn asyncio.create_task, a join asyncio.gather, main's future run by asyncio.run.
        import asyncio


        # Called without await, so its body never runs: the twin leaves it out.
        async def say_hello():
            pass


        async def main():
            print("before")  ◂ task 0 #0
            say_hello()  # never awaited: none of it runs, and CPython warns, as rustc does  ◂ task 0 #1
            print("after")  ◂ task 0 #2


        asyncio.run(main())
    "##]],
    );
}

#[test]
fn an_instants_readings_are_perf_counters() {
    check_corpus(
        "r_instant_elapsed",
        expect![[r##"
        # Your Rust as a Python learner would write it with asyncio: each async fn an async def,
        # a spawn asyncio.create_task, a join asyncio.gather, main's future run by asyncio.run.
        # Rust's {:?} of a Duration picks its unit (250ms, 1.5s); Python has no such format, so
        # the twin prints seconds: f"{t1 - t0:.3f}s".
        # as_secs() and as_millis() drop the fraction, as // 1 does (then :.0f shows no point).
        import asyncio
        import time


        # steep(1000)
        async def steep():
            await asyncio.sleep(1.0)  ◂ helper 0 #0


        # steep(250)
        async def steep_2():
            await asyncio.sleep(0.25)  ◂ helper 1 #0


        async def main():
            t0 = time.perf_counter()  ◂ task 0 #0
            await steep()  ◂ task 0 #1
            t1 = time.perf_counter()  ◂ task 0 #2
            print(f"first cup after {t1 - t0:.3f}s")  ◂ task 0 #3
            await steep_2()  ◂ task 0 #4
            t2 = time.perf_counter()  ◂ task 0 #5
            print(f"second cup after {t2 - t0:.2f}s")  ◂ task 0 #6
            t3 = time.perf_counter()  ◂ task 0 #7
            print(f"in ms: {(t3 - t0) * 1000.0 // 1:.0f}")  ◂ task 0 #8
            t4 = time.perf_counter()  ◂ task 0 #9
            print(f"in s: {t4 - t0}")  ◂ task 0 #10


        asyncio.run(main())
    "##]],
    );
}

#[test]
fn every_step_of_every_lane_has_a_line() {
    for (name, source) in programs() {
        let (_, drawn, view) = twin(&source);
        view.assert_one_line_per_step(&drawn.recipe, &name);
    }
}

/// The corpus programs that print a `Duration` with `{:?}`: Rust writes it with its unit
/// (`1.25s`, `250ms`), masked whole as ⟨clock⟩, where the twin writes `f"{t1 - t0:.3f}s"`, whose
/// unit is text of its own (⟨clock⟩s). Python has no format that picks a unit, and a twin that
/// printed seconds without saying so would read worse, so these hold only with an `s` after each
/// such value in the Rust program's lines: [`with_units`]. Every other program holds as it is.
const DURATIONS: [&str; 3] = [
    "r_blocking_sleep_pitfall",
    "r_instant_elapsed",
    "r_sleep_loop_elapsed",
];

/// `program` with the unit the twin writes after each `Duration` it prints (`s`), as text.
fn with_units(program: &Program) -> Program {
    let mut program = program.clone();
    let add = |pieces: &mut Vec<Piece>| {
        let mut out = Vec::with_capacity(pieces.len());
        for piece in pieces.drain(..) {
            let duration = matches!(piece, Piece::Clock(_, Show::Rust(Measured::Duration, _)));
            out.push(piece);
            if duration {
                out.push(Piece::Text("s".to_owned()));
            }
        }
        *pieces = out;
    };
    for routine in &mut program.routines {
        for step in &mut routine.steps {
            if let Action::Print(pieces) = &mut step.action {
                add(pieces);
            }
        }
    }
    for op in &mut program.main {
        if let Op::Step(step) = op
            && let Action::Print(pieces) = &mut step.action
        {
            add(pieces);
        }
    }
    program
}

/// The Rust program's run by asyncio's rules, and its twin's, read back by the page's Python
/// reader and run by the model of asyncio.
fn runs(source: &str) -> (Program, Outcome, Outcome) {
    let (program, _, view) = twin(source);
    let read = crate::python::read(&view.text, None)
        .unwrap_or_else(|e| panic!("the twin does not read: {e:?}\n{}", view.text));
    let mut by_asyncio = program.clone();
    by_asyncio.rules = Rules::Asyncio;
    let original = asyncio::run(&by_asyncio);
    (by_asyncio, asyncio::run(&read), original)
}

#[test]
fn every_twin_reads_back_and_prints_what_its_program_prints_by_asyncios_rules() {
    let mut differ = Vec::new();
    for (name, source) in programs() {
        let (by_asyncio, twin, original) = runs(&source);
        assert!(
            (twin.total - original.total).abs() < 1e-6,
            "{name}: total {} s, its program's {} s",
            twin.total,
            original.total
        );
        assert_eq!(twin.error, original.error, "{name}: error");
        if twin.lines != original.lines {
            differ.push(name.clone());
            // Only the unit after a `Duration` may differ, and nothing else.
            assert_eq!(
                twin.lines,
                asyncio::run(&with_units(&by_asyncio)).lines,
                "{name}: lines differ"
            );
        }
    }
    // The programs held only with units after their `Duration`s are those of `DURATIONS` (and
    // the shape that prints one); every other program prints what its twin prints, as it is.
    let mut expected: Vec<&str> = DURATIONS.to_vec();
    expected.push("readings_handles_and_dropped_futures");
    assert_eq!(differ, expected);
}

/// What CPython did with a twin, as `run_in_cpython.py` reports it.
fn in_cpython(name: &str, text: &str) -> serde_json::Value {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/python-twins-of-rust");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let file = dir.join(format!("{name}.py"));
    std::fs::write(&file, text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/python/run_in_cpython.py");
    let output = Command::new("python3")
        .arg(script)
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("python3: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
        panic!(
            "{name}: no report ({e}): {stdout} {}",
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

#[test]
#[ignore = "runs every twin in CPython (python3 on the path): run it with --ignored"]
fn every_twin_runs_in_cpython_as_the_model_of_asyncio_runs_it() {
    let mut failures = Vec::new();
    for (name, source) in programs() {
        let (program, _, view) = twin(&source);
        let (_, model, _) = runs(&source);
        let report = in_cpython(&name, &view.text);
        let lines: Vec<String> = report["lines"]
            .as_array()
            .map(|lines| {
                lines
                    .iter()
                    .map(|l| l.as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default();
        if lines != model.lines {
            failures.push(format!(
                "{name}: lines differ\n  model:   {:?}\n  CPython: {lines:?}",
                model.lines
            ));
        }
        if !report["error"].is_null() {
            failures.push(format!("{name}: CPython failed: {}", report["error"]));
        }
        // Within 5 % and 1 ms, as the CPython step holds the Python corpus: each reading of
        // CPython's virtual clock moves it on by 10 µs, and `work`'s busy loop reads it often.
        let total = report["total"].as_f64().unwrap_or(f64::NAN);
        let (low, high) = (model.total * 0.95 - 0.001, model.total * 1.05 + 0.001);
        if !(low..=high).contains(&total) {
            failures.push(format!(
                "{name}: total {total} s in CPython, {} s by the model",
                model.total
            ));
        }
        // CPython warns once for each coroutine made and never awaited, as rustc does for each
        // future.
        let warned = report["warnings"].as_array().map_or(0, Vec::len);
        let dropped = super::all_steps(&program)
            .filter(|s| matches!(s.action, Action::Dropped(_)))
            .count();
        if warned != dropped {
            failures.push(format!(
                "{name}: {warned} warnings in CPython, {dropped} coroutines never awaited"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every lesson's code view (a browser program, run by the browser's rules, asyncio's) has a
/// twin that reads back and prints what the view prints, in the same time, with no word of
/// Tokio: the two loops take turns alike.
#[test]
fn every_lesson_views_twin_prints_what_the_view_prints() {
    let mut held = 0;
    for lesson in crate::lesson::all() {
        for mode in crate::mode::Mode::ALL {
            let view = crate::code::code(&lesson.recipe, mode, crate::code::Language::Rust);
            if mode == crate::mode::Mode::Processes || mode.threaded() {
                continue;
            }
            let name = format!("{} in {}", lesson.id, mode.id());
            let (_, _, twin_view) = twin(&view.text);
            assert!(
                !twin_view.text.contains("Tokio"),
                "{name}:\n{}",
                twin_view.text
            );
            // The twin writes each lane's steps a line each: ten thousand timers make a twin past
            // the page's 256 KiB, which it says rather than writes (the writer does not fold
            // lanes into loops).
            if twin_view
                .text
                .starts_with("# Not written in Python: written a step a line")
            {
                assert_eq!(lesson.id, "ten-thousand-timers", "{name}");
                continue;
            }
            let (_, twin, original) = runs(&view.text);
            assert_eq!(twin.lines, original.lines, "{name}");
            assert!((twin.total - original.total).abs() < 1e-6, "{name}");
            held += 1;
        }
    }
    assert!(held >= 90, "only {held} views");
}
