//! The reader held by data-driven tests: each program as the page reads it (its routines, tasks
//! and top, every step at its line and column), then its run by the model of asyncio (the
//! console, clock values masked, and the total), or the reader's error with its place.

use expect_test::{Expect, expect};

use super::read;
use crate::python::asyncio;

fn check(source: &str, expect: Expect) {
    let out = match read(source) {
        Ok(program) => {
            let outcome = asyncio::run(&program);
            let mut out = program.to_string();
            out.push_str("console\n");
            for line in &outcome.lines {
                out.push_str(&format!("  {line}\n"));
            }
            out.push_str(&format!(
                "total {:.3} s, {} cancelled\n",
                outcome.total, outcome.cancelled
            ));
            out
        }
        Err(e) => format!("error at {}:{}: {}\n", e.line, e.column, e.message),
    };
    expect.assert_eq(&out);
}

#[test]
fn the_async_chapters_first_example_spawns_one_and_runs_one_inline() {
    check(
        r#"use std::time::Duration;

fn main() {
    trpl::run(async {
        trpl::spawn_task(async {
            for i in 1..10 {
                println!("hi number {i} from the first task!");
                trpl::sleep(Duration::from_millis(500)).await;
            }
        });

        for i in 1..5 {
            println!("hi number {i} from the second task!");
            trpl::sleep(Duration::from_millis(500)).await;
        }
    });
}
"#,
        expect![[r#"
            routine 0 async block at line 5 (def at line 5)
              7:17 print "hi number 1 from the first task!\n"
              8:57 sleep 0.5
              7:17 print "hi number 2 from the first task!\n"
              8:57 sleep 0.5
              7:17 print "hi number 3 from the first task!\n"
              8:57 sleep 0.5
              7:17 print "hi number 4 from the first task!\n"
              8:57 sleep 0.5
              7:17 print "hi number 5 from the first task!\n"
              8:57 sleep 0.5
              7:17 print "hi number 6 from the first task!\n"
              8:57 sleep 0.5
              7:17 print "hi number 7 from the first task!\n"
              8:57 sleep 0.5
              7:17 print "hi number 8 from the first task!\n"
              8:57 sleep 0.5
              7:17 print "hi number 9 from the first task!\n"
              8:57 sleep 0.5
            task 0: task routine 0
            by Tokio's rules
            main
              5:9 start task 0
              13:13 print "hi number 1 from the second task!\n"
              14:53 sleep 0.5
              13:13 print "hi number 2 from the second task!\n"
              14:53 sleep 0.5
              13:13 print "hi number 3 from the second task!\n"
              14:53 sleep 0.5
              13:13 print "hi number 4 from the second task!\n"
              14:53 sleep 0.5
              4:5 end of the loop
            note at 5:9: `trpl` starts Tokio's multi-thread runtime: there, a spawned task may run on another thread, and lines may print in another order from run to run. The page runs it on one thread, as `#[tokio::main(flavor = "current_thread")]` would
            note at 5:9: The handle of the `async` block spawned here is dropped: it runs beside main until main returns, when Tokio's runtime drops it wherever it is, as the page does (in a browser, `spawn_local`'s futures go on after main)
            console
              hi number 1 from the second task!
              hi number 1 from the first task!
              hi number 2 from the second task!
              hi number 2 from the first task!
              hi number 3 from the second task!
              hi number 3 from the first task!
              hi number 4 from the second task!
              hi number 4 from the first task!
            total 2.000 s, 1 cancelled
        "#]],
    );
}

#[test]
fn tokio_main_joins_async_fns_and_prints_their_values() {
    check(
        r#"use std::time::{Duration, Instant};
use tokio::time::sleep;

async fn cook(name: &str, ms: u64) -> u64 {
    println!("{name} starts");
    sleep(Duration::from_millis(ms)).await;
    println!("{name} is done");
    ms * 2
}

#[tokio::main]
async fn main() {
    let start = Instant::now();
    let (tea, toast) = tokio::join!(cook("tea", 300), cook("toast", 200));
    let handle = tokio::spawn(cook("eggs", 100));
    let eggs = handle.await.unwrap();
    println!("{tea} {toast} {eggs:?} after {:.1?}", start.elapsed());
    println!("{:>6}|{:.3}", "ok", start.elapsed().as_secs_f64());
}
"#,
        expect![[r#"
            routine 0 async cook("tea", 300) (def at line 4)
              5:5 print "tea starts\n"
              6:38 sleep 0.3
              7:5 print "tea is done\n"
            routine 1 async cook("toast", 200) (def at line 4)
              5:5 print "toast starts\n"
              6:38 sleep 0.2
              7:5 print "toast is done\n"
            routine 2 async cook("eggs", 100) (def at line 4)
              5:5 print "eggs starts\n"
              6:38 sleep 0.1
              7:5 print "eggs is done\n"
            task 0: task routine 0
            task 1: task routine 1
            task 2: task routine 2
            by Tokio's rules
            main
              13:17 t0 = time.perf_counter()
              14:37 start task 0
              14:55 start task 1
              14:24 await rotating poll of 0, 1
              15:18 start task 2
              16:23 await task 2
              17:53 t1 = time.perf_counter()
              17:5 print "600 400 200 after "{(t1 - t0) as Duration by Spec { align: None, plus: false, zero: false, width: None, precision: Some(1), debug: true }}"\n"
              18:35 t2 = time.perf_counter()
              18:5 print "    ok|"{(t2 - t0) as Float by Spec { align: None, plus: false, zero: false, width: None, precision: Some(3), debug: false }}"\n"
              12:17 end of the loop
            note at 15:18: `#[tokio::main]` starts Tokio's multi-thread runtime: there, a spawned task may run on another thread, and lines may print in another order from run to run. The page runs it on one thread, as `#[tokio::main(flavor = "current_thread")]` would
            console
              tea starts
              toast starts
              toast is done
              tea is done
              eggs starts
              eggs is done
              600 400 200 after ⟨clock⟩
                  ok|⟨clock⟩
            total 0.400 s, 0 cancelled
        "#]],
    );
}

#[test]
fn mistakes_the_page_names() {
    // A future made and dropped: rustc warns, nothing runs.
    check(
        r#"async fn say_hello() { println!("hello"); }
fn main() {
    trpl::run(async {
        say_hello();
        println!("done");
    });
}
"#,
        expect![[r#"
            by Tokio's rules
            main
              4:9 dropped coroutine say_hello
              5:9 print "done\n"
              3:5 end of the loop
            warning at 4:9: unused implementer of `Future` that must be used: futures do nothing unless you `.await` or poll them
            console
              done
            total 0.000 s, 0 cancelled
        "#]],
    );
    // A timer never awaited, in a function that runs twice: rustc names the timer's type and
    // warns once for its place.
    check(
        r#"use std::time::Duration;
async fn nap(s: u64) {
    trpl::sleep(Duration::from_secs(s));
    gloo_timers::future::TimeoutFuture::new(5);
}
fn main() {
    trpl::run(async {
        trpl::join(nap(1), nap(2)).await;
    });
}
"#,
        expect![[r#"
            routine 0 async nap(1) (def at line 2)
              3:5 dropped asyncio.sleep(1.0)
              4:5 dropped asyncio.sleep(0.005)
            routine 1 async nap(2) (def at line 2)
              3:5 dropped asyncio.sleep(2.0)
              4:5 dropped asyncio.sleep(0.005)
            task 0: task routine 0
            task 1: task routine 1
            by Tokio's rules
            main
              8:20 start task 0
              8:28 start task 1
              8:36 await poll of 0, 1
              7:5 end of the loop
            warning at 3:5: unused `Sleep` that must be used: futures do nothing unless you `.await` or poll them
            warning at 4:5: unused `TimeoutFuture` that must be used: futures do nothing unless you `.await` or poll them
            console
            total 0.000 s, 0 cancelled
        "#]],
    );
    // No runtime: `futures::executor::block_on` fires no Tokio timer, and Tokio panics.
    check(
        r#"fn main() {
    futures::executor::block_on(async {
        println!("kettle on");
        trpl::sleep(std::time::Duration::from_millis(300)).await;
    });
}
"#,
        expect![[r#"
            error at 4:9: a timer made inside `futures::executor::block_on` needs a runtime, and `block_on` is none: Tokio panics here ("there is no reactor running, must be called from the context of a Tokio 1.x runtime"), and in a browser the timer could never fire while `block_on` holds the thread; run the future with `trpl::run` or `#[tokio::main]`
        "#]],
    );
    // Nor a task spawned there.
    check(
        r#"fn main() {
    futures::executor::block_on(async {
        trpl::spawn_task(async { println!("never"); });
    });
}
"#,
        expect![[r#"
            error at 3:9: a task spawned inside `futures::executor::block_on` needs a runtime, and `block_on` is none: Tokio panics here ("there is no reactor running, must be called from the context of a Tokio 1.x runtime"); run the future with `trpl::run` or `#[tokio::main]`
        "#]],
    );
    // `tokio::task::spawn_local` outside a `LocalSet`, which Tokio refuses at run time.
    check(
        r#"#[tokio::main(flavor = "current_thread")]
async fn main() {
    tokio::task::spawn_local(async { println!("local"); }).await.unwrap();
}
"#,
        expect![[r#"
            error at 3:5: `tokio::task::spawn_local` runs only inside a `LocalSet`, which the page's Rust leaves out (Tokio panics: "`spawn_local` called from outside of a `task::LocalSet`"): write `tokio::spawn`, or `wasm_bindgen_futures::spawn_local` as a browser program does
        "#]],
    );
    // A task spawned on the multi-thread runtime: once, the page says what threads would change.
    check(
        r#"#[tokio::main]
async fn main() {
    let a = tokio::spawn(async { println!("a"); });
    let b = tokio::spawn(async { println!("b"); });
    a.await.unwrap();
    b.await.unwrap();
}
"#,
        expect![[r#"
            routine 0 async block at line 3 (def at line 3)
              3:34 print "a\n"
            routine 1 async block at line 4 (def at line 4)
              4:34 print "b\n"
            task 0: task routine 0
            task 1: task routine 1
            by Tokio's rules
            main
              3:13 start task 0
              4:13 start task 1
              5:7 await task 0
              6:7 await task 1
              2:17 end of the loop
            note at 3:13: `#[tokio::main]` starts Tokio's multi-thread runtime: there, a spawned task may run on another thread, and lines may print in another order from run to run. The page runs it on one thread, as `#[tokio::main(flavor = "current_thread")]` would
            console
              a
              b
            total 0.000 s, 0 cancelled
        "#]],
    );
    // On the current-thread runtime, as the page runs it, there is nothing to say.
    check(
        r#"#[tokio::main(flavor = "current_thread")]
async fn main() {
    tokio::spawn(async { println!("a"); }).await.unwrap();
}
"#,
        expect![[r#"
            routine 0 async block at line 3 (def at line 3)
              3:26 print "a\n"
            task 0: task routine 0
            by Tokio's rules
            main
              3:5 start task 0
              3:44 await task 0
              2:17 end of the loop
            console
              a
            total 0.000 s, 0 cancelled
        "#]],
    );
    // `.await` in a plain function, called or not.
    check(
        r#"fn late() {
    trpl::sleep(std::time::Duration::from_secs(1)).await;
}
fn main() {}
"#,
        expect![[r#"
            error at 2:52: error[E0728]: `await` is only allowed inside `async` functions and blocks: make the function `async fn`, or await inside `trpl::run(async { … })`
        "#]],
    );
    // Blocking inside async code runs, and is noted.
    check(
        r#"use std::time::Duration;
async fn slow() { std::thread::sleep(Duration::from_millis(300)); }
#[tokio::main]
async fn main() {
    let h = tokio::spawn(async { trpl::sleep(Duration::from_millis(100)).await; println!("timer"); });
    slow().await;
    println!("slow done");
    h.await.unwrap();
}
"#,
        expect![[r#"
            routine 0 async block at line 5 (def at line 5)
              5:74 sleep 0.1
              5:81 print "timer\n"
            routine 1 async slow() (def at line 2)
              2:19 block 0.3
            task 0: task routine 0
            task 1: inline routine 1
            by Tokio's rules
            main
              5:13 start task 0
              6:12 run task 1
              7:5 print "slow done\n"
              8:7 await task 0
              4:17 end of the loop
            note at 5:13: `#[tokio::main]` starts Tokio's multi-thread runtime: there, a spawned task may run on another thread, and lines may print in another order from run to run. The page runs it on one thread, as `#[tokio::main(flavor = "current_thread")]` would
            note at 2:19: `std::thread::sleep` blocks the thread: in async code it holds the one thread every task and the page share for 300ms, so nothing else runs and the page freezes; write `trpl::sleep(…).await` to wait without blocking
            console
              slow done
              timer
            total 0.400 s, 0 cancelled
        "#]],
    );
    check(
        "fn main() { reqwest::get(\"https://example.com\"); }",
        expect![[r#"
            error at 1:13: `reqwest::get`: the page has no network; a download is a wait, so write `trpl::sleep(Duration::from_secs(2)).await` where it would download
        "#]],
    );
    check(
        "async fn main() {}",
        expect![[r#"
        error at 1:7: error[E0752]: `main` function is not allowed to be `async`: run its body with `trpl::run(async { … })`, or mark it `#[tokio::main]`
    "#]],
    );
    check(
        "fn main() { println!(\"{} {}\", 1); }",
        expect![[r#"
            error at 1:13: error: 2 positional arguments in format string, but there is 1 argument
        "#]],
    );
}

/// Every Rust corpus program that runs, read, drawn and predicted by Tokio's rules, replayed
/// under the replay's own properties, each step on a line of the learner's text.
#[test]
fn every_rust_corpus_program_is_drawn_and_replayed_consistently() {
    use crate::python::drawn::{REPLAY_MODE, draw};
    use crate::replay::check;
    let (mut drawn_count, mut failures) = (0, Vec::new());
    for fixture in super::super::fixtures::corpus().iter().filter(|f| f.runs()) {
        let (name, source) = (fixture.name.clone(), &fixture.source);
        let program = read(source).unwrap_or_else(|e| panic!("{name}: {e}"));
        let drawn = draw(&program, source, 100.0);
        let (outcome, trace) = asyncio::predict(&program, &drawn);
        if outcome != asyncio::run(&program) {
            failures.push(format!("{name}: the recorded run differs from the run"));
        }
        if let Err(e) = check::consistent_in_recorded_order(&drawn.recipe, REPLAY_MODE, &trace) {
            failures.push(format!("{name}: {e}"));
        }
        for event in &trace.events {
            if let crate::trace::EventKind::StepStart { step, .. } = event.kind
                && drawn.code.line_of(step).is_none()
            {
                failures.push(format!("{name}: {step:?} has no line"));
            }
        }
        drawn_count += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(drawn_count >= 20, "only {drawn_count} programs drawn");
}

#[test]
fn a_spawned_tasks_handle_in_a_join_is_awaited_while_the_task_runs_from_its_spawn() {
    check(
        r#"use std::time::Duration;
async fn tick(name: &str, ms: u64) { println!("{name} starts"); trpl::sleep(Duration::from_millis(ms)).await; println!("{name} ends"); }
fn main() {
    trpl::run(async {
        let early = trpl::spawn_task(tick("early", 300));
        trpl::sleep(Duration::from_millis(100)).await;
        let (a, b) = trpl::join!(early, tick("joined", 100));
        println!("{a:?} {b:?}");
    });
}
"#,
        expect![[r#"
            routine 0 async tick("early", 300) (def at line 2)
              2:38 print "early starts\n"
              2:104 sleep 0.3
              2:111 print "early ends\n"
            routine 1 async tick("joined", 100) (def at line 2)
              2:38 print "joined starts\n"
              2:104 sleep 0.1
              2:111 print "joined ends\n"
            task 0: task routine 0
            task 1: task routine 1
            by Tokio's rules
            main
              5:21 start task 0
              6:49 sleep 0.1
              7:41 start task 1
              7:22 await poll of 1
              7:22 await task 0
              8:9 print "Ok(()) ()\n"
              4:5 end of the loop
            note at 5:21: `trpl` starts Tokio's multi-thread runtime: there, a spawned task may run on another thread, and lines may print in another order from run to run. The page runs it on one thread, as `#[tokio::main(flavor = "current_thread")]` would
            console
              early starts
              joined starts
              joined ends
              early ends
              Ok(()) ()
            total 0.300 s, 0 cancelled
        "#]],
    );
}

/// The loop panel's ready queue at each stop where two or more futures wait for the thread,
/// listed as the stage shows them: by Tokio's rules, the order the run polls them in.
fn check_queues(name: &str, expect: Expect) {
    use crate::python::drawn::{REPLAY_MODE, draw};
    use crate::replay::{Narrator, Replay};
    let fixture = super::super::fixtures::corpus()
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no corpus program {name}"));
    let program = read(&fixture.source).unwrap_or_else(|e| panic!("{name}: {e}"));
    let drawn = draw(&program, &fixture.source, 100.0);
    let (_, trace) = asyncio::predict(&program, &drawn);
    let mut replay = Replay::new(&drawn.recipe, REPLAY_MODE, &trace, true);
    replay.list_in_recorded_order();
    let narrator = Narrator::new(&replay, &drawn.recipe, &drawn.code).as_written();
    let mut out = String::new();
    for stop in 0..replay.stops().len() {
        let state = replay.state(replay.at_stop(stop), usize::MAX);
        if state.ready.items.len() < 2 {
            continue;
        }
        let names: Vec<String> = state
            .ready
            .items
            .iter()
            .map(|r| narrator.name(r.task))
            .collect();
        out.push_str(&format!(
            "{}\n  ready: {}\n",
            narrator.sentence(stop),
            names.join(", ")
        ));
    }
    expect.assert_eq(&out);
}

#[test]
fn the_loop_panel_lists_the_ready_queue_in_tokios_order() {
    // Three timers due at 100 ms: Tokio polls main first, though its timer was armed last.
    check_queues(
        "r_same_instant_timers.rs",
        expect![[r#"
        0 ms (0 ms): main starts bell("first") and bell("second") as tasks: they are ready, waiting for the thread.
          ready: bell("first"), bell("second")
        0 ms (0 ms): main returns Pending.
          ready: bell("first"), bell("second")
        100 ms (10 ms): one browser timeout fires for 3 sleeps due at 100 ms (10 ms); bell("first"), bell("second") and main are woken and join the ready queue.
          ready: main, bell("first"), bell("second")
        100 ms (10 ms): main is polled again and resumes after `tokio::time::sleep(Duration::from_millis(100)).await`.
          ready: bell("first"), bell("second")
        100 ms (10 ms): main prints “main's bell rings” (console line 4).
          ready: bell("first"), bell("second")
        100 ms (10 ms): main returns Pending.
          ready: bell("first"), bell("second")
        100 ms (10 ms): main is woken and joins the ready queue.
          ready: bell("second"), main
    "#]],
    );
    // `block_on` returns with the first example's spawned task still queued: it is never polled.
    check_queues(
        "r_trpl_first_example.rs",
        expect![[r#"
        500 ms (50 ms): one browser timeout fires for 2 sleeps due at 500 ms (50 ms); main and block at line 7 are woken and join the ready queue.
          ready: main, block at line 7
        1000 ms (100 ms): one browser timeout fires for 2 sleeps due at 1000 ms (100 ms); main and block at line 7 are woken and join the ready queue.
          ready: main, block at line 7
        1500 ms (150 ms): one browser timeout fires for 2 sleeps due at 1500 ms (150 ms); main and block at line 7 are woken and join the ready queue.
          ready: main, block at line 7
        2000 ms (200 ms): one browser timeout fires for 2 sleeps due at 2000 ms (200 ms); main and block at line 7 are woken and join the ready queue.
          ready: main, block at line 7
        2000 ms (200 ms): main is woken and joins the ready queue.
          ready: main, block at line 7
    "#]],
    );
}
