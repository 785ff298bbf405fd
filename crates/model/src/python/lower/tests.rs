//! The reader's tests: programs in, what they do written out as text (each routine's steps, the
//! tasks, the top's ops, each with its line and column), or the error.

use expect_test::{Expect, expect};

use super::{Form, read};
use crate::python::fixtures::{corpus, fixture};

fn check(source: &str, expect: Expect) {
    expect.assert_eq(&shown(source, None));
}

/// A corpus program read in the form its header gives.
fn check_corpus(name: &str, expect: Expect) {
    let program = fixture(name);
    expect.assert_eq(&shown(&program.source, Some(program.form)));
}

/// What the reader makes of a program, as text: the program, or the error.
fn shown(source: &str, form: Option<Form>) -> String {
    match read(source, form) {
        Ok(program) => program.to_string(),
        Err(e) => format!("error: {e}\n"),
    }
}

#[test]
fn test_async_starts_five_tasks_in_a_loop_then_gathers_them() {
    check_corpus(
        "t000_test_async.py",
        expect![[r#"
            routine 0 async example_coroutine(0) (def at line 7)
              9:5 sleep 3.0
            routine 1 async example_coroutine(1) (def at line 7)
              9:5 sleep 3.0
            routine 2 async example_coroutine(2) (def at line 7)
              9:5 sleep 3.0
            routine 3 async example_coroutine(3) (def at line 7)
              9:5 sleep 3.0
            routine 4 async example_coroutine(4) (def at line 7)
              9:5 sleep 3.0
            task 0: task routine 0
            task 1: task routine 1
            task 2: task routine 2
            task 3: task routine 3
            task 4: task routine 4
            main
              22:4 t0 = time.time()
              15:10 t1 = time.time()
              17:48 t2 = time.time()
              17:9 print "time passed after iter 0 is "{(t2 - t1)}"\n"
              18:22 start task 0
              17:48 t3 = time.time()
              17:9 print "time passed after iter 1 is "{(t3 - t1)}"\n"
              18:22 start task 1
              17:48 t4 = time.time()
              17:9 print "time passed after iter 2 is "{(t4 - t1)}"\n"
              18:22 start task 2
              17:48 t5 = time.time()
              17:9 print "time passed after iter 3 is "{(t5 - t1)}"\n"
              18:22 start task 3
              17:48 t6 = time.time()
              17:9 print "time passed after iter 4 is "{(t6 - t1)}"\n"
              18:22 start task 4
              20:5 await gather of 0, 1, 2, 3, 4
              24:1 end of the loop
              26:45 t7 = time.time()
              26:1 print "\nTotal time needed was "{(t7 - t0)}"\n\n"
        "#]],
    );
}

#[test]
fn the_sync_count_stops_at_its_name_error_after_three_counts() {
    check_corpus(
        "t002_count_sync.py",
        expect![[r#"
        routine 0 count() (def at line 7)
          8:5 print "One\n"
          9:5 block 1.0
          10:5 print "Two\n"
        routine 1 count() (def at line 7)
          8:5 print "One\n"
          9:5 block 1.0
          10:5 print "Two\n"
        routine 2 count() (def at line 7)
          8:5 print "One\n"
          9:5 block 1.0
          10:5 print "Two\n"
        task 0: inline routine 0
        task 1: inline routine 1
        task 2: inline routine 2
        main
          15:9 run task 0
          15:9 run task 1
          15:9 run task 2
          16:15 t0 = time.perf_counter()
          16:37 raise NameError: name 's' is not defined
    "#]],
    );
}

#[test]
fn the_notebook_count_starts_three_tasks_it_never_awaits() {
    check_corpus(
        "t002_count_async.py",
        expect![[r#"
        notebook
        routine 0 async count() (def at line 9)
          11:5 print "One\n"
          13:5 sleep 1.0
          14:5 print "Two\n"
        routine 1 async count() (def at line 9)
          11:5 print "One\n"
          13:5 sleep 1.0
          14:5 print "Two\n"
        routine 2 async count() (def at line 9)
          11:5 print "One\n"
          13:5 sleep 1.0
          14:5 print "Two\n"
        task 0: task routine 0
        task 1: task routine 1
        task 2: task routine 2
        main
          18:5 start task 0
          18:5 start task 1
          18:5 start task 2
        note at 20:1: read as a notebook cell, because it awaits at its top level (in a script, CPython says SyntaxError: 'await' outside function)
    "#]],
    );
}

#[test]
fn sleep_and_print_without_await_drops_its_sleeps_and_returns_at_once() {
    check_corpus(
        "t001_sleep_and_print_async_bug.py",
        expect![[r#"
        routine 0 async sleep_and_print(3) (def at line 11)
          15:5 print "starting 3 sleep\n"
          16:5 dropped asyncio.sleep(3.0)
          17:5 print "finished 3 sleep\n"
        routine 1 async sleep_and_print(6) (def at line 11)
          15:5 print "starting 6 sleep\n"
          16:5 dropped asyncio.sleep(6.0)
          17:5 print "finished 6 sleep\n"
        task 0: task routine 0
        task 1: task routine 1
        main
          23:9 t0 = datetime.now()
          21:20 start task 0
          21:20 start task 1
          21:14 await gather of 0, 1
          24:1 end of the loop
          25:16 t1 = datetime.now()
          25:1 print {(t1 - t0)}"\n"
        warning at 16:5: RuntimeWarning: coroutine 'sleep' was never awaited
        warning at 16:5: RuntimeWarning: coroutine 'sleep' was never awaited
    "#]],
    );
}

#[test]
fn the_fruit_shop_passes_return_values_into_its_print() {
    check_corpus(
        "t003_fruit_shop.py",
        expect![[r#"
        notebook
        routine 0 async wait_for_water() (def at line 15)
          16:5 print "fetch water\n"
        routine 1 async wait_for_melon('water') (def at line 19)
          20:5 print "fetch melon\n"
        task 0: inline routine 0
        task 1: inline routine 1
        main
          5:5 print "inside fruit shop\n"
          7:5 print "waiting for water\n"
          8:13 run task 0
          10:5 print "waiting for melon\n"
          11:19 run task 1
          25:1 print "fruit name : water melon\n"
        note at 25:1: read as a notebook cell, because it awaits at its top level (in a script, CPython says SyntaxError: 'await' outside function)
    "#]],
    );
}

#[test]
fn a_task_group_awaits_its_tasks_where_its_block_ends() {
    check_corpus(
        "p_taskgroup.py",
        expect![[r#"
        routine 0 async cook('rice', 3) (def at line 6)
          7:5 print "rice: on the stove\n"
          8:5 sleep 3.0
          9:5 print "rice: ready after 3 s\n"
        routine 1 async cook('soup', 1) (def at line 6)
          7:5 print "soup: on the stove\n"
          8:5 sleep 1.0
          9:5 print "soup: ready after 1 s\n"
        routine 2 async cook('sauce', 2) (def at line 6)
          7:5 print "sauce: on the stove\n"
          8:5 sleep 2.0
          9:5 print "sauce: ready after 2 s\n"
        task 0: task routine 0
        task 1: task routine 1
        task 2: task routine 2
        main
          14:9 start task 0
          15:9 start task 1
          16:9 start task 2
          13:5 await group of 0, 1, 2
          17:5 print "everything is on the table\n"
          20:1 end of the loop
    "#]],
    );
}

#[test]
fn the_busy_loop_of_work_is_work_of_its_length() {
    check_corpus(
        "p_work_busy_loop.py",
        expect![[r#"
        routine 0 async proof() (def at line 20)
          21:5 print "dough proofing\n"
          22:5 sleep 1.0
          23:5 print "proofed\n"
          24:5 call routine 1 work(1)
          25:5 print "shaped\n"
        routine 1 work(1) (def at line 7)
          9:11 t1 = time.perf_counter()
          10:5 work 1.0
        routine 2 async knead() (def at line 14)
          15:5 print "kneading starts\n"
          16:5 call routine 3 work(1.5)
          17:5 print "kneading ends\n"
        routine 3 work(1.5) (def at line 7)
          9:11 t2 = time.perf_counter()
          10:5 work 1.5
        task 0: task routine 0
        task 1: task routine 2
        main
          29:13 t0 = time.perf_counter()
          30:11 start task 0
          30:11 start task 1
          30:5 await gather of 0, 1
          31:15 t3 = time.perf_counter()
          32:5 print "Total time: "{(t3 - t0):.1f}" s\n"
          35:1 end of the loop
    "#]],
    );
}

#[test]
fn red_blue_green_in_sequence_gives_each_call_its_lane() {
    check_corpus(
        "t003_red_blue_green_sync.py",
        expect![[r#"
        routine 0 my_func() (def at line 4)
          5:5 block 1.0
          6:5 print "red\n"
          7:5 block 1.0
          8:5 print "blue\n"
          9:5 block 1.0
          10:5 print "green\n"
        routine 1 my_func() (def at line 4)
          5:5 block 1.0
          6:5 print "red\n"
          7:5 block 1.0
          8:5 print "blue\n"
          9:5 block 1.0
          10:5 print "green\n"
        routine 2 my_func() (def at line 4)
          5:5 block 1.0
          6:5 print "red\n"
          7:5 block 1.0
          8:5 print "blue\n"
          9:5 block 1.0
          10:5 print "green\n"
        task 0: inline routine 0
        task 1: inline routine 1
        task 2: inline routine 2
        main
          18:10 t0 = time.perf_counter()
          13:5 run task 0
          14:5 run task 1
          15:5 run task 2
          20:10 t1 = time.perf_counter()
          21:5 print {(t1 - t0)}" sec\n"
    "#]],
    );
}

#[test]
fn what_the_page_cannot_follow_is_an_error_at_its_place() {
    let cases = [
        (
            "import requests\n",
            expect![[r#"
            error: line 1, column 1: `import requests`: the page reaches no network: `await asyncio.sleep(2)` stands for a two-second download, and `time.sleep(2)` for a blocking one
        "#]],
        ),
        (
            "import asyncio\nasync def f():\n    pass\nasync def chef():\n    await asyncio.gather(f())\nasync def main():\n    await asyncio.create_task(chef())\nasyncio.run(main())\n",
            expect![[r#"
                error: line 5, column 11: only the program's main coroutine (what `asyncio.run` runs, or a notebook's top level) starts and awaits tasks in the page's Python: start every task from main
            "#]],
        ),
        (
            "import random\nx = random.randint(1, 6)\n",
            expect![[r#"
            error: line 2, column 5: `random.randint`: random numbers are not in the page's Python, because the page and CPython must run the same program: write the number
        "#]],
        ),
        (
            "import time\nt = time.time()\nif t > 3:\n    print('late')\n",
            expect![[r#"
            error: line 3, column 4: a comparison on a clock reading is not in the page's Python: the page decides what the program does before it runs, and a reading is only known as it runs
        "#]],
        ),
        (
            "x = 0\nfor i in range(1_000_000):\n    for j in range(1_000_000):\n        x += 1\n",
            expect![[r#"
                error: line 4, column 9: the program runs more than 100 000 statements, its loops' rounds counted: a loop that long computes for a time the page cannot foresee; write `work(x)` for x seconds of CPU-bound work
            "#]],
        ),
        (
            "while True:\n    print('again')\n",
            expect![[r#"
            error: line 1, column 1: `while` loops are not in the page's Python, but for the busy loop of `work` (`while time.perf_counter() < end: pass`): write `for i in range(n):`, which the page unrolls
        "#]],
        ),
    ];
    for (source, expect) in cases {
        check(source, expect);
    }
}

/// Every corpus program reads, or is refused with a message, and those refused are the ones that
/// use what the page leaves out.
#[test]
fn every_corpus_program_reads_or_is_refused_for_what_it_uses() {
    let mut out = String::new();
    for fixture in corpus() {
        let name = &fixture.name;
        let verdict = match read(&fixture.source, Some(fixture.form)) {
            Ok(program) => format!(
                "reads: {} tasks, {} ops{}",
                program.tasks.len(),
                program.main.len(),
                if program.notebook { ", notebook" } else { "" }
            ),
            Err(e) => format!("refused: {e}"),
        };
        out.push_str(&format!("{name}: {verdict}\n"));
    }
    expect![[r#"
        p_arithmetic_results.py: reads: 3 tasks, 7 ops
        p_as_completed.py: refused: line 13, column 22: `as_completed` of the module asyncio is not in the page's Python: it knows sleep, gather, create_task, ensure_future, run, get_event_loop, new_event_loop, set_event_loop and TaskGroup (for `wait` or `as_completed`, await `asyncio.gather(*tasks)`, which gives every result in order)
        p_asyncio_run_in_notebook.py: reads: 0 tasks, 2 ops, notebook
        p_await_in_def.py: refused: line 9, column 5: 'await' outside async function: only an `async def` can await; make this function `async def` (and await it where it is called)
        p_await_out_of_order.py: reads: 3 tasks, 10 ops
        p_coroutine_not_awaited_in_main.py: reads: 0 tasks, 4 ops
        p_create_task_await_each.py: reads: 3 tasks, 8 ops
        p_datetime_elapsed.py: reads: 0 tasks, 9 ops
        p_ensure_future.py: refused: line 15, column 27: `wait` of the module asyncio is not in the page's Python: it knows sleep, gather, create_task, ensure_future, run, get_event_loop, new_event_loop, set_event_loop and TaskGroup (for `wait` or `as_completed`, await `asyncio.gather(*tasks)`, which gives every result in order)
        p_exception_in_task.py: refused: line 10, column 9: `raise` is not in the page's Python: a program here cannot fail on purpose
        p_for_loop_tasks.py: reads: 4 tasks, 10 ops
        p_format_styles.py: reads: 1 tasks, 10 ops
        p_gather_results.py: reads: 3 tasks, 7 ops
        p_mix_helper_then_gather.py: reads: 3 tasks, 6 ops
        p_nested_helpers.py: reads: 1 tasks, 5 ops
        p_new_event_loop.py: reads: 1 tasks, 5 ops
        p_notebook_create_task.py: refused: line 13, column 41: `.done` of a task is not in the page's Python: whether a task is done, and its result, are known only as the program runs; await it instead
        p_print_sep_end.py: reads: 1 tasks, 5 ops
        p_process_pool.py: refused: line 11, column 9: the program runs more than 100 000 statements, its loops' rounds counted: a loop that long computes for a time the page cannot foresee; write `work(x)` for x seconds of CPU-bound work
        p_process_pool_queue.py: reads: 3 tasks, 6 ops
        p_process_pool_work.py: reads: 2 tasks, 8 ops
        p_sleep0_interleave.py: reads: 2 tasks, 4 ops
        p_sleep_not_awaited.py: reads: 1 tasks, 5 ops
        p_taskgroup.py: reads: 3 tasks, 6 ops
        p_taskgroup_error.py: refused: line 13, column 5: `raise` is not in the page's Python: a program here cannot fail on purpose
        p_time_sleep_in_coroutine.py: reads: 2 tasks, 7 ops
        p_timer_while_busy.py: reads: 3 tasks, 6 ops
        p_top_level_await_script.py: refused: line 10, column 1: SyntaxError: 'await' outside function: a script awaits only inside an `async def`; run main with `asyncio.run(main())` (a notebook cell may await at its top level)
        p_unawaited_gather_script.py: reads: 2 tasks, 5 ops
        p_wait_for_timeout.py: refused: line 12, column 5: `try` is not in the page's Python: nothing the page runs raises an exception to catch
        p_work_busy_loop.py: reads: 2 tasks, 7 ops
        t000_test_async.py: reads: 5 tasks, 21 ops
        t000_test_noasync.py: reads: 5 tasks, 19 ops
        t001_sleep_and_print_async_bug.py: reads: 2 tasks, 7 ops
        t001_sleep_and_print_async_fixed.py: reads: 2 tasks, 8 ops
        t001_sleep_and_print_sync.py: reads: 2 tasks, 6 ops
        t002_count_async.py: reads: 3 tasks, 3 ops, notebook
        t002_count_async_script.py: reads: 3 tasks, 4 ops
        t002_count_sync.py: reads: 3 tasks, 5 ops
        t003_fruit_shop.py: reads: 2 tasks, 6 ops, notebook
        t003_my_func_never_awaited.py: reads: 0 tasks, 1 ops
        t003_my_func_sync.py: reads: 1 tasks, 1 ops
        t003_red_blue_green_async.py: reads: 3 tasks, 7 ops, notebook
        t003_red_blue_green_sync.py: reads: 3 tasks, 6 ops
    "#]]
    .assert_eq(&out);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

    /// Programs built from the statements the corpus is made of, shuffled, cut and repeated, read
    /// to a program or an error, and a program runs to its end: never a panic.
    #[test]
    fn any_mix_of_corpus_lines_reads_and_runs_without_a_panic(
        picks in proptest::collection::vec((0usize..4000, 0usize..3), 0..40),
        notebook in proptest::bool::ANY,
    ) {
        let lines: Vec<&str> = corpus().iter().flat_map(|f| f.source.lines()).collect();
        let mut source = String::new();
        for (pick, indent) in picks {
            let line = &lines[pick % lines.len()];
            source.push_str(&"    ".repeat(indent));
            source.push_str(line.trim_start());
            source.push('\n');
        }
        let form = if notebook { Form::Notebook } else { Form::Script };
        if let Ok(program) = read(&source, Some(form)) {
            let _ = crate::python::asyncio::run(&program);
        }
    }

    /// Whole corpus programs with one line dropped or doubled read and run without a panic.
    #[test]
    fn corpus_programs_with_a_line_dropped_or_doubled_read_and_run_without_a_panic(
        file in 0usize..100,
        line in 0usize..200,
        double in proptest::bool::ANY,
    ) {
        let text = &corpus()[file % corpus().len()].source;
        let mut lines: Vec<&str> = text.lines().collect();
        let at = line % lines.len().max(1);
        if double { lines.insert(at, lines[at]); } else { lines.remove(at); }
        let source = lines.join("\n");
        for form in [Form::Script, Form::Notebook] {
            if let Ok(program) = read(&source, Some(form)) {
                let _ = crate::python::asyncio::run(&program);
            }
        }
    }
}
