//! A program's tasks as a recipe: the tutorials' programs and the corner cases told as the text the
//! Recipe tab shows, and every lesson's twin read back to a recipe that runs as the lesson's does.

use expect_test::{Expect, expect};

use super::super::fixtures::{corpus, fixture};
use super::super::read;
use super::as_recipe;
use crate::code::python_file;
use crate::lesson;
use crate::mode::Mode;
use crate::predict::predict;
use crate::trace::{EventKind, Trace};

/// The recipe written from `source`, or why there is none.
fn check(source: &str, expect: Expect) {
    let program = read(source, None).unwrap_or_else(|e| panic!("not read: {e}"));
    let got = match as_recipe(&program, 100.0) {
        Ok(written) => written.text,
        Err(why) => format!("refused: {why}\n"),
    };
    expect.assert_eq(&got);
}

fn check_fixture(name: &str, expect: Expect) {
    check(&fixture(&format!("{name}.py")).source, expect);
}

#[test]
fn test_async_is_five_copies_of_one_task() {
    // The top's prints (its clock) are the shape's, which the modes give: only the tasks remain.
    check_fixture(
        "t000_test_async",
        expect![[r#"
            recipe "Your Python's tasks"
            unit s
            scale 100

            task example_coroutine x5
              wait 3
        "#]],
    );
}

#[test]
fn calls_with_different_arguments_are_numbered_helpers() {
    check_fixture(
        "t001_sleep_and_print_async_fixed",
        expect![[r#"
            recipe "Your Python's tasks"
            unit s
            scale 100

            task sleep_and_print
              print "starting 3 sleep"
              wait 3
              print "finished 3 sleep"

            task sleep_and_print_2
              print "starting 6 sleep"
              wait 6
              print "finished 6 sleep"
        "#]],
    );
}

#[test]
fn a_sleep_without_await_is_an_unawaited_wait() {
    check_fixture(
        "t001_sleep_and_print_async_bug",
        expect![[r#"
            recipe "Your Python's tasks"
            unit s
            scale 100

            task sleep_and_print
              print "starting 3 sleep"
              unawaited wait 3
              print "finished 3 sleep"

            task sleep_and_print_2
              print "starting 6 sleep"
              unawaited wait 6
              print "finished 6 sleep"
        "#]],
    );
}

#[test]
fn a_coroutine_never_awaited_calls_an_empty_helper_unawaited() {
    check_fixture(
        "t003_my_func_never_awaited",
        expect![[r#"
            recipe "Your Python's tasks"
            unit s
            scale 100

            task main
              unawaited call my_func

            helper my_func
        "#]],
    );
}

#[test]
fn nested_helpers_and_blocking_sleep() {
    check(
        r#"import asyncio, time

async def step(n):
    await asyncio.sleep(n)

async def cook(name):
    print(f"{name} starts")
    await step(1)
    time.sleep(0.5)
    await step(1)
    print(f"{name} done")

async def main():
    await asyncio.gather(cook("a"), cook("b"))

asyncio.run(main())
"#,
        expect![[r#"
            recipe "Your Python's tasks"
            unit ms
            scale 0.1

            task cook
              print "a starts"
              call step
              work 500 "time.sleep(0.5)"
              call step
              print "a done"

            task cook_2
              print "b starts"
              call step
              work 500 "time.sleep(0.5)"
              call step
              print "b done"

            helper step
              wait 1000
        "#]],
    );
}

#[test]
fn a_top_that_starts_no_task_is_one_task() {
    check(
        "import asyncio\nprint('hi')\nawait asyncio.sleep(1)\nprint('bye')\n",
        expect![[r#"
            recipe "Your Python's tasks"
            unit s
            scale 100

            task cell
              print "hi"
              wait 1
              print "bye"
        "#]],
    );
}

#[test]
fn what_a_recipe_cannot_say_is_refused_with_its_line() {
    check(
        "import asyncio\n\nasync def main():\n    print('a', end='')\n    await asyncio.sleep(1)\n\nasyncio.run(main())\n",
        expect![[r#"
            refused: line 4: this print leaves its line open (its end is not a newline), which a recipe's print cannot say
        "#]],
    );
    check(
        "async def main():\n    print(s)\n\nimport asyncio\nasyncio.run(main())\n",
        expect![[r#"
            refused: line 2: it stops with `NameError: name 's' is not defined`, and a recipe has no exceptions
        "#]],
    );
    check(
        "import asyncio\n\nasync def f(i):\n    await asyncio.sleep(i)\n\nasync def main():\n    await asyncio.gather(*[f(i + 1) for i in range(300)])\n\nasyncio.run(main())\n",
        expect![[r#"
            refused: its tasks and the calls they make do 300 different things, and a recipe has at most 200 tasks and helpers
        "#]],
    );
}

/// The lines a run prints and when it ends.
fn printed(trace: &Trace) -> (Vec<String>, f64) {
    let lines = trace
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Print { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect();
    (lines, trace.end)
}

#[test]
fn every_lessons_twin_is_written_back_as_a_recipe_that_runs_as_the_lessons() {
    // A twin writes each task's steps as the recipe does in the modes that await every step;
    // read back and written as a recipe, it must run, in every mode, as the lesson's recipe runs.
    let mut held = 0;
    let mut failures = Vec::new();
    for lesson in lesson::all() {
        let original = &lesson.recipe;
        for twin_mode in [Mode::Sequential, Mode::Gather, Mode::Spawn] {
            let file = python_file(&lesson.recipe, twin_mode, 2);
            let program = read(&file, None).unwrap_or_else(|e| panic!("{}: {e}", lesson.id));
            // The file's durations are real seconds (`SCALE` in it), which the tests run fast.
            let written = match as_recipe(&program, 1000.0) {
                Ok(written) => (*written.recipe).clone(),
                // Its steps last a twentieth of a millisecond: a recipe written from a program
                // counts whole ones.
                Err(why)
                    if lesson.id == "tiny-tasks"
                        && why.contains("whole number of milliseconds") =>
                {
                    held += 1;
                    continue;
                }
                Err(why) => {
                    failures.push(format!("{} as {}: {why}", lesson.id, twin_mode.id()));
                    continue;
                }
            };
            for mode in Mode::ALL {
                let want = printed(&predict(original, mode));
                let got = printed(&predict(&written, mode));
                if got != want {
                    failures.push(format!(
                        "{} written from {} runs in {} as {got:?}, the lesson as {want:?}",
                        lesson.id,
                        twin_mode.id(),
                        mode.id()
                    ));
                } else {
                    held += 1;
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(held >= 300, "only {held} held");
}

#[test]
fn every_corpus_program_is_written_or_refused_with_a_reason() {
    let (mut written, mut refused) = (0, 0);
    for f in corpus() {
        let Ok(program) = read(&f.source, Some(f.form)) else {
            continue;
        };
        match as_recipe(&program, 100.0) {
            Ok(_) => written += 1,
            Err(why) => {
                assert!(!why.is_empty(), "{}: refused without a reason", f.name);
                refused += 1;
            }
        }
    }
    assert!(written >= 25, "{written} written, {refused} refused");
}

#[test]
fn what_the_top_does_itself_beside_its_tasks_is_left_out_by_line() {
    let source = "import asyncio\n\nasync def f(n):\n    await asyncio.sleep(n)\n\nasync def main():\n    print('start')\n    await asyncio.gather(f(1), f(2))\n    print('end')\n\nasyncio.run(main())\n";
    let program = read(source, None).expect("read");
    let written = as_recipe(&program, 100.0).expect("a recipe");
    assert_eq!(written.left_out, [7, 9]);
    assert_eq!(
        written
            .recipe
            .tasks
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>(),
        ["f", "f_2"]
    );
}

#[test]
fn worker_processes_are_the_recipes_tasks() {
    check_fixture(
        "p_process_pool_queue",
        expect![[r#"
        recipe "Your Python's tasks"
        unit ms
        scale 0.1

        task job
          work 600 "time.sleep(0.6)"
          print "roast done"

        task job_2
          work 200 "time.sleep(0.2)"
          print "toast done"

        task job_3
          work 200 "time.sleep(0.2)"
          print "boil done"
    "#]],
    );
}
