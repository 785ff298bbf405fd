//! A program written in Rust: the tutorials' programs as the code panel's Rust tab shows them, and
//! every step of every lane of every corpus program on a line of its own function.

use expect_test::{Expect, expect};

use super::super::drawn::draw;
use super::super::fixtures::{corpus, fixture};
use super::super::read;
use super::as_rust;

/// The Rust view of `source`, its step lines marked at the end of each line that has one:
/// `◂ task 1 #0, helper 0 #0`.
fn check(source: &str, expect: Expect) {
    let program = read(source, None).unwrap_or_else(|e| panic!("not read: {e}"));
    let drawn = draw(&program, source, 1000.0);
    let view = as_rust(&program, &drawn);
    expect.assert_eq(&view.marked());
}

fn check_fixture(name: &str, expect: Expect) {
    check(&fixture(&format!("{name}.py")).source, expect);
}

#[test]
fn test_async_spawns_five_copies_of_one_fn_and_joins_them() {
    check_fixture(
        "t000_test_async",
        expect![[r#"
        // Your Python as the page runs it, in Rust: each call of an async def is an async fn's
        // future, polled on the browser's one thread, and the executor wakes them in asyncio's order.
        // Times are your program's seconds: 1 s = 1000 ms of real time.
        // sleep(s) is a gloo-timers timeout: awaiting it frees the thread until it fires.
        // time_time(), perf_counter() and datetime_now() read the page's clock into a Value (a
        // Python number or date); py!(…) computes with the readings as Python does.

        use futures::channel::oneshot;
        use futures::future::join_all;
        use wasm_bindgen_futures::spawn_local;

        // spawn_local starts a future on the event loop but returns nothing to await,
        // so each task says on a oneshot channel that it has finished.
        fn spawn(task: impl Future<Output = ()> + 'static) -> oneshot::Receiver<()> {
            let (tx, rx) = oneshot::channel();
            spawn_local(async move {
                task.await;
                let _ = tx.send(());
            });
            rx
        }

        // example_coroutine(0), example_coroutine(1), example_coroutine(2) and 2 more
        async fn example_coroutine() {
            sleep(3.0).await;  ◂ task 1 #0, task 2 #0, task 3 #0, task 4 #0, task 5 #0, helper 0 #0, helper 1 #0, helper 2 #0, helper 3 #0, helper 4 #0
        }

        // The page runs main on the browser's event loop, as asyncio.run runs yours.
        async fn main() {
            let t0 = time_time();  ◂ task 0 #0
            let t1 = time_time();  ◂ task 0 #1
            let t2 = time_time();  ◂ task 0 #2
            println!("time passed after iter 0 is {}", py!(t2 - t1));  ◂ task 0 #3
            let task_0 = spawn(example_coroutine());
            let t3 = time_time();  ◂ task 0 #4
            println!("time passed after iter 1 is {}", py!(t3 - t1));  ◂ task 0 #5
            let task_1 = spawn(example_coroutine());
            let t4 = time_time();  ◂ task 0 #6
            println!("time passed after iter 2 is {}", py!(t4 - t1));  ◂ task 0 #7
            let task_2 = spawn(example_coroutine());
            let t5 = time_time();  ◂ task 0 #8
            println!("time passed after iter 3 is {}", py!(t5 - t1));  ◂ task 0 #9
            let task_3 = spawn(example_coroutine());
            let t6 = time_time();  ◂ task 0 #10
            println!("time passed after iter 4 is {}", py!(t6 - t1));  ◂ task 0 #11
            let task_4 = spawn(example_coroutine());
            join_all(vec![task_0, task_1, task_2, task_3, task_4]).await;
            // asyncio.run returns here: the tasks still pending are cancelled.
            let t7 = time_time();  ◂ task 0 #12
            println!("\nTotal time needed was {}\n", py!(t7 - t0));  ◂ task 0 #13
        }
    "#]],
    );
}

#[test]
fn sleep_and_print_is_two_fns_for_two_arguments() {
    check_fixture(
        "t001_sleep_and_print_async_fixed",
        expect![[r#"
        // Your Python as the page runs it, in Rust: each call of an async def is an async fn's
        // future, polled on the browser's one thread, and the executor wakes them in asyncio's order.
        // Times are your program's seconds: 1 s = 1000 ms of real time.
        // sleep(s) is a gloo-timers timeout: awaiting it frees the thread until it fires.
        // time_time(), perf_counter() and datetime_now() read the page's clock into a Value (a
        // Python number or date); py!(…) computes with the readings as Python does.

        use futures::channel::oneshot;
        use futures::future::join_all;
        use wasm_bindgen_futures::spawn_local;

        // spawn_local starts a future on the event loop but returns nothing to await,
        // so each task says on a oneshot channel that it has finished.
        fn spawn(task: impl Future<Output = ()> + 'static) -> oneshot::Receiver<()> {
            let (tx, rx) = oneshot::channel();
            spawn_local(async move {
                task.await;
                let _ = tx.send(());
            });
            rx
        }

        // sleep_and_print(3)
        async fn sleep_and_print() {
            println!("starting 3 sleep");  ◂ task 1 #0, helper 0 #0
            sleep(3.0).await;  ◂ task 1 #1, helper 0 #1
            println!("finished 3 sleep");  ◂ task 1 #2, helper 0 #2
        }

        // sleep_and_print(6)
        async fn sleep_and_print_2() {
            println!("starting 6 sleep");  ◂ task 2 #0, helper 1 #0
            sleep(6.0).await;  ◂ task 2 #1, helper 1 #1
            println!("finished 6 sleep");  ◂ task 2 #2, helper 1 #2
        }

        // The page runs main on the browser's event loop, as asyncio.run runs yours.
        async fn main() {
            let t0 = datetime_now();  ◂ task 0 #0
            let task_0 = spawn(sleep_and_print());
            let task_1 = spawn(sleep_and_print_2());
            join_all(vec![task_0, task_1]).await;
            println!("[3, 6]");  ◂ task 0 #1
            // asyncio.run returns here: the tasks still pending are cancelled.
            let t1 = datetime_now();  ◂ task 0 #2
            println!("{}", py!(t1 - t0));  ◂ task 0 #3
        }
    "#]],
    );
}

#[test]
fn a_plain_script_is_a_plain_main() {
    check_fixture(
        "t000_test_noasync",
        expect![[r#"
        // Your Python as the page runs it, in Rust: each call of an async def is an async fn's
        // future, polled on the browser's one thread, and the executor wakes them in asyncio's order.
        // Times are your program's seconds: 1 s = 1000 ms of real time.
        // blocking_sleep(s) is time.sleep(s): it busy-waits, even in an async fn, and never gives the thread back.
        // time_time(), perf_counter() and datetime_now() read the page's clock into a Value (a
        // Python number or date); py!(…) computes with the readings as Python does.

        // example_coroutine(0), example_coroutine(1), example_coroutine(2) and 2 more
        fn example_coroutine() {
            blocking_sleep(3.0);  ◂ helper 0 #0, helper 1 #0, helper 2 #0, helper 3 #0, helper 4 #0
        }

        fn main() {
            let t0 = time_time();  ◂ task 0 #0
            let t1 = time_time();  ◂ task 0 #1
            let t2 = time_time();  ◂ task 0 #2
            println!("time after iter 0 is {}", py!(t2 - t1));  ◂ task 0 #3
            example_coroutine();  ◂ task 0 #4
            let t3 = time_time();  ◂ task 0 #5
            println!("time after iter 1 is {}", py!(t3 - t1));  ◂ task 0 #6
            example_coroutine();  ◂ task 0 #7
            let t4 = time_time();  ◂ task 0 #8
            println!("time after iter 2 is {}", py!(t4 - t1));  ◂ task 0 #9
            example_coroutine();  ◂ task 0 #10
            let t5 = time_time();  ◂ task 0 #11
            println!("time after iter 3 is {}", py!(t5 - t1));  ◂ task 0 #12
            example_coroutine();  ◂ task 0 #13
            let t6 = time_time();  ◂ task 0 #14
            println!("time after iter 4 is {}", py!(t6 - t1));  ◂ task 0 #15
            example_coroutine();  ◂ task 0 #16
            let t7 = time_time();  ◂ task 0 #17
            println!("\nTotal time needed was {}\n", py!(t7 - t0));  ◂ task 0 #18
        }
    "#]],
    );
}

#[test]
fn the_forgotten_awaits_are_dropped_futures() {
    check_fixture(
        "t001_sleep_and_print_async_bug",
        expect![[r#"
        // Your Python as the page runs it, in Rust: each call of an async def is an async fn's
        // future, polled on the browser's one thread, and the executor wakes them in asyncio's order.
        // Times are your program's seconds: 1 s = 1000 ms of real time.
        // sleep(s) is a gloo-timers timeout: awaiting it frees the thread until it fires.
        // time_time(), perf_counter() and datetime_now() read the page's clock into a Value (a
        // Python number or date); py!(…) computes with the readings as Python does.

        use futures::channel::oneshot;
        use futures::future::join_all;
        use wasm_bindgen_futures::spawn_local;

        // spawn_local starts a future on the event loop but returns nothing to await,
        // so each task says on a oneshot channel that it has finished.
        fn spawn(task: impl Future<Output = ()> + 'static) -> oneshot::Receiver<()> {
            let (tx, rx) = oneshot::channel();
            spawn_local(async move {
                task.await;
                let _ = tx.send(());
            });
            rx
        }

        // sleep_and_print(3)
        async fn sleep_and_print() {
            println!("starting 3 sleep");  ◂ task 1 #0, helper 0 #0
            sleep(3.0); // missing .await: the future is dropped unpolled, nothing waits  ◂ task 1 #1, helper 0 #1
            println!("finished 3 sleep");  ◂ task 1 #2, helper 0 #2
        }

        // sleep_and_print(6)
        async fn sleep_and_print_2() {
            println!("starting 6 sleep");  ◂ task 2 #0, helper 1 #0
            sleep(6.0); // missing .await: the future is dropped unpolled, nothing waits  ◂ task 2 #1, helper 1 #1
            println!("finished 6 sleep");  ◂ task 2 #2, helper 1 #2
        }

        // The page runs main on the browser's event loop, as asyncio.run runs yours.
        async fn main() {
            let t0 = datetime_now();  ◂ task 0 #0
            let task_0 = spawn(sleep_and_print());
            let task_1 = spawn(sleep_and_print_2());
            join_all(vec![task_0, task_1]).await;
            // asyncio.run returns here: the tasks still pending are cancelled.
            let t1 = datetime_now();  ◂ task 0 #1
            println!("{}", py!(t1 - t0));  ◂ task 0 #2
        }
    "#]],
    );
    check_fixture(
        "t003_my_func_never_awaited",
        expect![[r#"
        // Your Python as the page runs it, in Rust: each call of an async def is an async fn's
        // future, polled on the browser's one thread, and the executor wakes them in asyncio's order.
        // Times are your program's seconds: 1 s = 1000 ms of real time.

        fn main() {
            my_func(); // missing .await: the future is dropped unpolled, my_func never runs  ◂ task 0 #0
        }
    "#]],
    );
}

#[test]
fn a_reading_printed_by_a_callee_is_passed_to_it() {
    check(
        r#"import asyncio, time

async def report(n):
    await asyncio.sleep(n)
    print(f"{n} after {time.time() - start:.1f}")

async def main():
    await asyncio.gather(report(1), report(2))

start = time.time()
asyncio.run(main())
"#,
        expect![[r#"
            // Your Python as the page runs it, in Rust: each call of an async def is an async fn's
            // future, polled on the browser's one thread, and the executor wakes them in asyncio's order.
            // Times are your program's seconds: 1 s = 1000 ms of real time.
            // sleep(s) is a gloo-timers timeout: awaiting it frees the thread until it fires.
            // time_time(), perf_counter() and datetime_now() read the page's clock into a Value (a
            // Python number or date); py!(…) computes with the readings as Python does.

            use futures::channel::oneshot;
            use futures::future::join_all;
            use wasm_bindgen_futures::spawn_local;

            // spawn_local starts a future on the event loop but returns nothing to await,
            // so each task says on a oneshot channel that it has finished.
            fn spawn(task: impl Future<Output = ()> + 'static) -> oneshot::Receiver<()> {
                let (tx, rx) = oneshot::channel();
                spawn_local(async move {
                    task.await;
                    let _ = tx.send(());
                });
                rx
            }

            // report(1)
            async fn report(t0: Value) {
                sleep(1.0).await;  ◂ task 1 #0, helper 0 #0
                let t1 = time_time();  ◂ task 1 #1, helper 0 #1
                println!("1 after {}", py!(format(t1 - t0, ".1f")));  ◂ task 1 #2, helper 0 #2
            }

            // report(2)
            async fn report_2(t0: Value) {
                sleep(2.0).await;  ◂ task 2 #0, helper 1 #0
                let t2 = time_time();  ◂ task 2 #1, helper 1 #1
                println!("2 after {}", py!(format(t2 - t0, ".1f")));  ◂ task 2 #2, helper 1 #2
            }

            // The page runs main on the browser's event loop, as asyncio.run runs yours.
            async fn main() {
                let t0 = time_time();  ◂ task 0 #0
                let task_0 = spawn(report(t0));
                let task_1 = spawn(report_2(t0));
                join_all(vec![task_0, task_1]).await;
                // asyncio.run returns here: the tasks still pending are cancelled.
            }
        "#]],
    );
}

#[test]
fn every_step_of_every_lane_of_the_corpus_has_a_line() {
    for fixture in corpus() {
        let Ok(program) = read(&fixture.source, None) else {
            continue;
        };
        let drawn = draw(&program, &fixture.source, 1000.0);
        let view = as_rust(&program, &drawn);
        view.assert_one_line_per_step(&drawn.recipe, &fixture.name);
    }
}

#[test]
fn a_notebook_cell_is_main() {
    check_fixture(
        "t002_count_async",
        expect![[r#"
            // Your Python as the page runs it, in Rust: each call of an async def is an async fn's
            // future, polled on the browser's one thread, and the executor wakes them in asyncio's order.
            // Times are your program's seconds: 1 s = 1000 ms of real time.
            // sleep(s) is a gloo-timers timeout: awaiting it frees the thread until it fires.

            use futures::channel::oneshot;
            use wasm_bindgen_futures::spawn_local;

            // spawn_local starts a future on the event loop but returns nothing to await,
            // so each task says on a oneshot channel that it has finished.
            fn spawn(task: impl Future<Output = ()> + 'static) -> oneshot::Receiver<()> {
                let (tx, rx) = oneshot::channel();
                spawn_local(async move {
                    task.await;
                    let _ = tx.send(());
                });
                rx
            }

            // count()
            async fn count() {
                println!("One");  ◂ task 1 #0, task 2 #0, task 3 #0, helper 0 #0, helper 1 #0, helper 2 #0
                sleep(1.0).await;  ◂ task 1 #1, task 2 #1, task 3 #1, helper 0 #1, helper 1 #1, helper 2 #1
                println!("Two");  ◂ task 1 #2, task 2 #2, task 3 #2, helper 0 #2, helper 1 #2, helper 2 #2
            }

            // Your cell is main: the page runs it on the browser's event loop, as Jupyter runs it on its own.
            async fn main() {
                let task_0 = spawn(count());
                let task_1 = spawn(count());
                let task_2 = spawn(count());
                // The cell ends here, and the loop goes on: it still runs the tasks pending.
            }
        "#]],
    );
}

#[test]
fn worker_processes_are_plain_fns_handed_to_cooks() {
    check_fixture(
        "p_process_pool_work",
        expect![[r#"
        // Your Python as the page runs it, in Rust: each call of an async def is an async fn's
        // future, polled on the browser's one thread, and the executor wakes them in asyncio's order.
        // Times are your program's seconds: 1 s = 1000 ms of real time.
        // work(s) busy-waits s seconds: the cook's hands are full and the thread is held.
        // spawn_on_cook(f) is run_in_executor on your ProcessPoolExecutor: the page sends f's steps to
        // the first free cook, a Web Worker (a thread of its own, kept between runs), which runs them
        // alone while the page's thread stays free; on a cook, work(s) computes and blocking_sleep(s)
        // waits. It returns a receiver that says when the cook has finished. (A worker shares no
        // memory with the page: the steps travel in a message, as a process's arguments are pickled.)
        // time_time(), perf_counter() and datetime_now() read the page's clock into a Value (a
        // Python number or date); py!(…) computes with the readings as Python does.

        use futures::future::join_all;

        // work(0.5)
        fn work_() {
            let t1 = perf_counter();  ◂ helper 1 #0
            work(0.5);  ◂ helper 1 #1
        }

        // job('slicing', 0.5)
        fn job() {
            work_();  ◂ task 1 #0, helper 0 #0
            println!("slicing done");  ◂ task 1 #1, helper 0 #1
        }

        // work(1.0)
        fn work_2() {
            let t2 = perf_counter();  ◂ helper 3 #0
            work(1.0);  ◂ helper 3 #1
        }

        // job('dicing', 1.0)
        fn job_2() {
            work_2();  ◂ task 2 #0, helper 2 #0
            println!("dicing done");  ◂ task 2 #1, helper 2 #1
        }

        // The page runs main on the browser's event loop, as asyncio.run runs yours.
        async fn main() {
            let t0 = perf_counter();  ◂ task 0 #0
            let task_0 = spawn_on_cook(move || job());
            let task_1 = spawn_on_cook(move || job_2());
            join_all(vec![task_0, task_1]).await;
            println!("all done: [0.5, 1.0]");  ◂ task 0 #1
            // asyncio.run returns here: the tasks still pending are cancelled.
            let t3 = perf_counter();  ◂ task 0 #2
            println!("in {} s", py!(format(t3 - t0, ".1f")));  ◂ task 0 #3
        }
    "#]],
    );
}
