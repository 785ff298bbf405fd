//! The writer held by its readers: the tutorials' programs and two of the Rust corpus's as the
//! Rust tab shows them, every step of every lane on a line of its own; and every corpus program,
//! Python and Rust, written and read back by `rust::read`, printing what the original prints by
//! the same rules in the same time, or refused with its reason.

use expect_test::{Expect, expect};

use super::write;
use crate::code::Language;
use crate::python::asyncio;
use crate::python::drawn::draw;
use crate::python::program::{Program, Rules};

/// The corpus programs the writer does not write, each with the words its comment gives why.
/// Every other program the readers read must be written and read back.
const NOT_WRITTEN: [(&str, &str); 5] = [
    // `print(f"started at {t0}")`: a datetime printed as itself.
    ("p_datetime_elapsed.py", "prints a clock reading itself"),
    ("p_process_pool_queue.py", "worker processes"),
    ("p_process_pool_work.py", "worker processes"),
    // `print(f'[{datetime.now()}]starting {t} sleep')`.
    (
        "t001_sleep_and_print_sync.py",
        "prints a clock reading itself",
    ),
    // `elapsed = time.perf_counter() - s`: a NameError.
    ("t002_count_sync.py", "exception"),
];

/// Every corpus program its reader reads: the Python corpus's, then the Rust corpus's that run
/// (`// corpus: run`), each with its name and text.
fn programs() -> Vec<(String, String, Program)> {
    let mut out = Vec::new();
    for f in crate::python::fixtures::corpus() {
        if let Ok(program) = crate::python::read(&f.source, None) {
            out.push((f.name.clone(), f.source.clone(), program));
        }
    }
    for f in super::super::fixtures::corpus().iter().filter(|f| f.runs()) {
        let program = crate::rust::read(&f.source).unwrap_or_else(|e| panic!("{}: {e:?}", f.name));
        out.push((f.name.clone(), f.source.clone(), program));
    }
    out
}

/// The written view of a program, its step lines marked at the end of each line that has one:
/// `◂ task 1 #0, helper 0 #0`.
fn marked(program: &Program, source: &str) -> String {
    let drawn = draw(program, source, 1000.0);
    let view = write(program, &drawn);
    view.marked()
}

fn check_python(source: &str, expect: Expect) {
    let program = crate::python::read(source, None).unwrap_or_else(|e| panic!("not read: {e}"));
    expect.assert_eq(&marked(&program, source));
}

fn check_corpus(name: &str, expect: Expect) {
    let (_, source, program) = programs()
        .into_iter()
        .find(|(n, _, _)| n == name)
        .unwrap_or_else(|| panic!("no corpus program {name}"));
    expect.assert_eq(&marked(&program, &source));
}

#[test]
fn test_async_spawns_five_tasks_between_its_prints_and_awaits_each() {
    check_corpus(
        "t000_test_async.py",
        expect![[r#"
            // The Python program as a learner of Rust's async chapter (trpl) would write it: an
            // async fn per coroutine, trpl::run for asyncio.run, trpl::spawn_task for create_task,
            // trpl::join! for gather. The page runs it by Tokio's rules where the Python ran by
            // asyncio's: the two differ only when two things are ready at the same instant (Tokio
            // polls main first, and yield_now lets the timers that are due go first).
            // A time prints as the Duration between two Instants ({:?}), where Python printed seconds.

            use std::time::{Duration, Instant};

            // example_coroutine(0), example_coroutine(1), example_coroutine(2) and 2 more
            async fn example_coroutine() {
                trpl::sleep(Duration::from_secs(3)).await;  ◂ task 1 #0, task 2 #0, task 3 #0, task 4 #0, task 5 #0, helper 0 #0, helper 1 #0, helper 2 #0, helper 3 #0, helper 4 #0
            }

            fn main() {
                let t0 = Instant::now();  ◂ task 0 #0
                trpl::run(async {
                    let t1 = Instant::now();  ◂ task 0 #1
                    let t2 = Instant::now();  ◂ task 0 #2
                    println!("time passed after iter 0 is {:?}", t2 - t1);  ◂ task 0 #3
                    let task_0 = trpl::spawn_task(example_coroutine());
                    let t3 = Instant::now();  ◂ task 0 #4
                    println!("time passed after iter 1 is {:?}", t3 - t1);  ◂ task 0 #5
                    let task_1 = trpl::spawn_task(example_coroutine());
                    let t4 = Instant::now();  ◂ task 0 #6
                    println!("time passed after iter 2 is {:?}", t4 - t1);  ◂ task 0 #7
                    let task_2 = trpl::spawn_task(example_coroutine());
                    let t5 = Instant::now();  ◂ task 0 #8
                    println!("time passed after iter 3 is {:?}", t5 - t1);  ◂ task 0 #9
                    let task_3 = trpl::spawn_task(example_coroutine());
                    let t6 = Instant::now();  ◂ task 0 #10
                    println!("time passed after iter 4 is {:?}", t6 - t1);  ◂ task 0 #11
                    let task_4 = trpl::spawn_task(example_coroutine());
                    for task in [task_0, task_1, task_2, task_3, task_4] { task.await.unwrap(); } // the gather: its tasks run meanwhile, awaited in turn
                });
                let t7 = Instant::now();  ◂ task 0 #12
                println!("\nTotal time needed was {:?}\n", t7 - t0);  ◂ task 0 #13
            }
        "#]],
    );
}

#[test]
fn sleep_and_print_is_one_fn_whose_parameter_is_the_sleep() {
    check_corpus(
        "t001_sleep_and_print_async_fixed.py",
        expect![[r#"
            // The Python program as a learner of Rust's async chapter (trpl) would write it: an
            // async fn per coroutine, trpl::run for asyncio.run, trpl::spawn_task for create_task,
            // trpl::join! for gather. The page runs it by Tokio's rules where the Python ran by
            // asyncio's: the two differ only when two things are ready at the same instant (Tokio
            // polls main first, and yield_now lets the timers that are due go first).
            // A time prints as the Duration between two Instants ({:?}), where Python printed seconds.

            use std::time::{Duration, Instant};

            async fn sleep_and_print(t: u64) {
                println!("starting {t} sleep");  ◂ task 1 #0, task 2 #0, helper 0 #0, helper 1 #0
                trpl::sleep(Duration::from_secs(t)).await;  ◂ task 1 #1, task 2 #1, helper 0 #1, helper 1 #1
                println!("finished {t} sleep");  ◂ task 1 #2, task 2 #2, helper 0 #2, helper 1 #2
            }

            fn main() {
                let t0 = Instant::now();  ◂ task 0 #0
                trpl::run(async {
                    trpl::join!(sleep_and_print(3), sleep_and_print(6));
                    println!("[3, 6]");  ◂ task 0 #1
                });
                let t1 = Instant::now();  ◂ task 0 #2
                println!("{:?}", t1 - t0);  ◂ task 0 #3
            }
        "#]],
    );
}

#[test]
fn the_fruit_shop_cell_is_main_and_its_helpers_are_awaited_in_turn() {
    check_corpus(
        "t003_fruit_shop.py",
        expect![[r#"
            // The Python program as a learner of Rust's async chapter (trpl) would write it: an
            // async fn per coroutine, trpl::run for asyncio.run, trpl::spawn_task for create_task,
            // trpl::join! for gather. The page runs it by Tokio's rules where the Python ran by
            // asyncio's: the two differ only when two things are ready at the same instant (Tokio
            // polls main first, and yield_now lets the timers that are due go first).

            async fn wait_for_water() {
                println!("fetch water");  ◂ helper 0 #0
            }

            // wait_for_melon('water')
            async fn wait_for_melon() {
                println!("fetch melon");  ◂ helper 1 #0
            }

            // Your cell awaits, so it is main's future here: trpl::run runs it, as Jupyter's loop ran it.
            fn main() {
                trpl::run(async {
                    println!("inside fruit shop");  ◂ task 0 #0
                    println!("waiting for water");  ◂ task 0 #1
                    wait_for_water().await;  ◂ task 0 #2
                    println!("waiting for melon");  ◂ task 0 #3
                    wait_for_melon().await;  ◂ task 0 #4
                    println!("fruit name : water melon");  ◂ task 0 #5
                });
            }
        "#]],
    );
}

#[test]
fn a_reading_a_function_prints_is_passed_to_it() {
    check_python(
        r#"import asyncio, time

async def report(n):
    await asyncio.sleep(n)
    print(f"{n} after {time.time() - start:.1f}")
    print("took", round(time.time() - start, 2), "s")

async def main():
    await asyncio.gather(report(1), report(2))

start = time.time()
asyncio.run(main())
print(f"{{done}} in {(time.time() - start) * 1000:.0f} ms")
"#,
        expect![[r#"
            // The Python program as a learner of Rust's async chapter (trpl) would write it: an
            // async fn per coroutine, trpl::run for asyncio.run, trpl::spawn_task for create_task,
            // trpl::join! for gather. The page runs it by Tokio's rules where the Python ran by
            // asyncio's: the two differ only when two things are ready at the same instant (Tokio
            // polls main first, and yield_now lets the timers that are due go first).
            // A time prints as the Duration between two Instants ({:?}), where Python printed seconds.

            use std::time::{Duration, Instant};

            async fn report(n: u64, start: Instant) {
                trpl::sleep(Duration::from_secs(n)).await;  ◂ task 1 #0, task 2 #0, helper 0 #0, helper 1 #0
                let now = Instant::now();  ◂ task 1 #1, task 2 #1, helper 0 #1, helper 1 #1
                println!("{n} after {:.1}", (now - start).as_secs_f64());  ◂ task 1 #2, task 2 #2, helper 0 #2, helper 1 #2
                let now_2 = Instant::now();  ◂ task 1 #3, task 2 #3, helper 0 #3, helper 1 #3
                println!("took {:.2} s", (now_2 - start).as_secs_f64());  ◂ task 1 #4, task 2 #4, helper 0 #4, helper 1 #4
            }

            fn main() {
                let t0 = Instant::now();  ◂ task 0 #0
                trpl::run(async {
                    trpl::join!(report(1, t0), report(2, t0));
                });
                let t5 = Instant::now();  ◂ task 0 #1
                println!("{{done}} in {:.0} ms", (t5 - t0).as_secs_f64() * 1000.0);  ◂ task 0 #2
            }
        "#]],
    );
}

#[test]
fn a_program_with_worker_processes_is_not_written() {
    check_corpus(
        "p_process_pool_work.py",
        expect![[r#"
        // Not written in Rust: it hands functions to worker processes (a ProcessPoolExecutor), which the page's Rust has no counterpart for.
    "#]],
    );
}

#[test]
fn a_rust_program_is_written_back_with_its_async_block_as_a_fn() {
    check_corpus(
        "r_blocking_sleep_pitfall.rs",
        expect![[r#"
            // Your Rust as the page reads it, written back: loops unrolled, values computed, one
            // fn per call that does something different. The page runs it by Tokio's rules.

            use std::time::{Duration, Instant};

            async fn async_block_14(start: Instant) {
                let now = Instant::now();  ◂ task 1 #0, helper 0 #0
                println!("tick 1 at {:?}", now - start);  ◂ task 1 #1, helper 0 #1
                trpl::sleep(Duration::from_millis(100)).await;  ◂ task 1 #2, helper 0 #2
                let now_2 = Instant::now();  ◂ task 1 #3, helper 0 #3
                println!("tick 2 at {:?}", now_2 - start);  ◂ task 1 #4, helper 0 #4
                trpl::sleep(Duration::from_millis(100)).await;  ◂ task 1 #5, helper 0 #5
                let now_3 = Instant::now();  ◂ task 1 #6, helper 0 #6
                println!("tick 3 at {:?}", now_3 - start);  ◂ task 1 #7, helper 0 #7
                trpl::sleep(Duration::from_millis(100)).await;  ◂ task 1 #8, helper 0 #8
            }

            async fn chop() {
                println!("chopping starts");  ◂ helper 1 #0
                std::thread::sleep(Duration::from_millis(500));  ◂ helper 1 #1
                println!("chopping ends");  ◂ helper 1 #2
            }

            fn main() {
                trpl::run(async {
                    let t0 = Instant::now();  ◂ task 0 #0
                    let task_0 = trpl::spawn_task(async_block_14(t0));
                    trpl::sleep(Duration::from_millis(50)).await;  ◂ task 0 #1
                    chop().await;  ◂ task 0 #2
                    task_0.await.unwrap();
                });
            }
        "#]],
    );
}

#[test]
fn a_rust_join_all_is_one_fn_whose_sleep_follows_from_its_parameter() {
    check_corpus(
        "r_join_all_vec.rs",
        expect![[r#"
        // Your Rust as the page reads it, written back: loops unrolled, values computed, one
        // fn per call that does something different. The page runs it by Tokio's rules.

        use std::time::Duration;

        async fn bake(minutes: u64) {
            println!("tray of {minutes} goes in");  ◂ task 1 #0, task 2 #0, task 3 #0, helper 0 #0, helper 1 #0, helper 2 #0
            trpl::sleep(Duration::from_millis(minutes * 100)).await;  ◂ task 1 #1, task 2 #1, task 3 #1, helper 0 #1, helper 1 #1, helper 2 #1
            println!("tray of {minutes} comes out");  ◂ task 1 #2, task 2 #2, task 3 #2, helper 0 #2, helper 1 #2, helper 2 #2
        }

        fn main() {
            trpl::run(async {
                trpl::join!(bake(9), bake(3), bake(6));
                println!("cookies per tray: [18, 6, 12]");  ◂ task 0 #0
            });
        }
    "#]],
    );
}

/// Every corpus program, written and read back, prints the lines the original prints by the
/// same rules (Tokio's: the page runs the written Rust by them), clock values masked, and takes
/// the same time; or it is one the writer does not write, and its view says why.
#[test]
fn every_corpus_program_reads_back_and_runs_as_the_original() {
    let mut written = 0;
    for (name, source, program) in programs() {
        let drawn = draw(&program, &source, 1000.0);
        let view = write(&program, &drawn);
        assert_eq!(view.language, Language::Rust);
        let refused = view.text.starts_with("// Not written in Rust:");
        match NOT_WRITTEN.iter().find(|(n, _)| *n == name) {
            Some((_, why)) => {
                assert!(
                    refused && view.text.lines().next().is_some_and(|l| l.contains(why)),
                    "{name} should be refused ({why}), but is written:\n{}",
                    view.text
                );
                assert!(
                    view.step_lines.is_empty(),
                    "{name}: a refusal marks no step"
                );
                continue;
            }
            None => assert!(!refused, "{name} is refused: {}", view.text),
        }
        let back = crate::rust::read(&view.text).unwrap_or_else(|e| {
            panic!(
                "{name}: not read back at {}:{}: {}\n{}",
                e.line, e.column, e.message, view.text
            )
        });
        let mut original = program.clone();
        original.rules = Rules::Tokio;
        let want = asyncio::run(&original);
        let got = asyncio::run(&back);
        assert_eq!(got.lines, want.lines, "{name}:\n{}", view.text);
        assert!(
            (got.total - want.total).abs() < 1e-6,
            "{name}: {} s written, {} s originally",
            got.total,
            want.total
        );
        assert_eq!(got.error, want.error, "{name}");
        written += 1;
    }
    let read = programs().len();
    assert_eq!(written + NOT_WRITTEN.len(), read);
}

/// Every step of every task and helper of the drawing has exactly one line, and the steps are
/// in the order of their lines, as the stage's cursor needs.
#[test]
fn every_step_of_every_lane_has_one_line() {
    for (name, source, program) in programs() {
        let drawn = draw(&program, &source, 1000.0);
        let view = write(&program, &drawn);
        if view.text.starts_with("// Not written in Rust:") {
            continue;
        }
        view.assert_one_line_per_step(&drawn.recipe, &name);
    }
}

/// Programs beyond the corpus, each read back and run as the original, or refused for its
/// reason: a gather while another task runs, text to escape, a coroutine both dropped and
/// awaited, readings passed down through calls and across two event loops, calls that differ in
/// what their arguments do not show.
#[test]
fn corner_cases_read_back_or_are_refused() {
    let cases: [(&str, Option<&str>); 8] = [
        // A gather while another task runs: spawned, and awaited in turn.
        (
            r#"import asyncio

async def tick(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0.25)

async def cook(name, s):
    print(name, "starts")
    await asyncio.sleep(s)
    print(name, "ends")

async def main():
    t = asyncio.create_task(tick(5))
    await asyncio.sleep(0)
    await asyncio.gather(cook("rice", 0.5), cook("soup", 1))
    await t

asyncio.run(main())
"#,
            None,
        ),
        // Text that needs escaping, prints that leave the line open, blocking at the top.
        (
            r#"import time
print('a {brace} and "quotes" and \\ back', end='')
print(" ... done")
time.sleep(0.5)
print("tab\there", 'it\'s', sep=' | ')
"#,
            None,
        ),
        // A coroutine never awaited that is awaited elsewhere.
        (
            r#"import asyncio

async def ping():
    print("ping")

async def main():
    ping()
    await ping()

asyncio.run(main())
"#,
            None,
        ),
        // A reading taken in a function, printed at the top.
        (
            r#"import asyncio, time

async def stamp():
    await asyncio.sleep(1)
    return time.perf_counter()

async def main():
    start = time.perf_counter()
    end = await stamp()
    print(f"{end - start:.2f}")

asyncio.run(main())
"#,
            Some("a function took"),
        ),
        // A notebook cell that awaits and leaves a task running.
        (
            r#"import asyncio

async def later():
    await asyncio.sleep(2)
    print("later")

t = asyncio.create_task(later())
await asyncio.sleep(1)
print("cell ends")
"#,
            Some("notebook cell that awaits and leaves tasks running"),
        ),
        // Functions whose calls differ in ways their arguments do not show.
        (
            r#"import asyncio

async def brew(kind, cups):
    for _ in range(cups):
        print("pour", kind)
        await asyncio.sleep(0.1)

async def main():
    await asyncio.gather(brew("tea", 2), brew("coffee", 3))

asyncio.run(main())
"#,
            None,
        ),
        // Nested calls with arguments passed down, and a reading passed down two levels.
        (
            r#"import asyncio, time

async def leg(name, s):
    await asyncio.sleep(s)
    print(f"{name} after {time.perf_counter() - t0:.1f}")

async def trip(name, s):
    print("off to", name)
    await leg(name, s)

async def main():
    await asyncio.gather(trip("rome", 2), trip("oslo", 1.5))

t0 = time.perf_counter()
asyncio.run(main())
"#,
            None,
        ),
        // Two event loops, one after the other, a reading taken in the first used in the second.
        (
            r#"import asyncio, time

async def a():
    await asyncio.sleep(1)
    print("a")

asyncio.run(a())
start = time.perf_counter()
asyncio.run(a())
print(round(time.perf_counter() - start, 1))
"#,
            None,
        ),
    ];
    for (source, why) in cases {
        let program = crate::python::read(source, None).unwrap_or_else(|e| panic!("{e:?}"));
        let drawn = draw(&program, source, 1000.0);
        let view = write(&program, &drawn);
        if let Some(why) = why {
            let first = view.text.lines().next().unwrap_or_default();
            assert!(
                first.starts_with("// Not written in Rust:") && first.contains(why),
                "should be refused ({why}):\n{}",
                view.text
            );
            continue;
        }
        let back = crate::rust::read(&view.text)
            .unwrap_or_else(|e| panic!("not read back: {e:?}\n{}", view.text));
        let mut original = program.clone();
        original.rules = Rules::Tokio;
        let (want, got) = (asyncio::run(&original), asyncio::run(&back));
        assert_eq!(got.lines, want.lines, "{}", view.text);
        assert!((got.total - want.total).abs() < 1e-6, "{}", view.text);
    }
}
