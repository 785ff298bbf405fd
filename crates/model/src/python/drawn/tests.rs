//! A program's drawing and its predicted run: every corpus program drawn and replayed under the
//! replay's own properties, and a few told stop by stop.

use expect_test::{Expect, expect};

use super::super::fixtures::{corpus, fixture};
use super::super::program::How;
use super::super::{asyncio, read};
use super::{REPLAY_MODE, draw};
use crate::replay::{Narrator, Replay, check};
use crate::timeline::Timeline;

/// The scale the tests draw at: 100 ms per second of the program.
const SCALE: f64 = 100.0;

#[test]
fn every_corpus_program_is_drawn_and_replayed_consistently() {
    let mut drawn_count = 0;
    let mut failures = Vec::new();
    for f in corpus() {
        let Ok(program) = read(&f.source, Some(f.form)) else {
            continue;
        };
        if program.tasks.iter().any(|t| t.how == How::Process) {
            continue;
        }
        let drawn = draw(&program, &f.source, SCALE);
        let (outcome, trace) = asyncio::predict(&program, &drawn);
        if outcome != asyncio::run(&program) {
            failures.push(format!("{}: the recorded run differs from the run", f.name));
        }
        let timeline = Timeline::from_trace(&drawn.recipe, &trace);
        if timeline.lanes.len() != drawn.recipe.tasks.len() {
            failures.push(format!("{}: {} lanes", f.name, timeline.lanes.len()));
        }
        // asyncio's ready queue is first in, first out, the replay's rule for spawned tasks.
        if let Err(e) = check::consistent(&drawn.recipe, REPLAY_MODE, &trace) {
            failures.push(format!("{}: {e}", f.name));
        }
        // Every step the run takes is on a line of the learner's text.
        for event in &trace.events {
            if let crate::trace::EventKind::StepStart { step, .. } = event.kind
                && drawn.code.line_of(step).is_none()
            {
                failures.push(format!("{}: {step:?} has no line", f.name));
            }
        }
        drawn_count += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(drawn_count >= 30, "only {drawn_count} programs drawn");
}

/// Every stop's time and sentence, one per line, then the lanes and the console.
fn check_story(name: &str, expect: Expect) {
    let f = fixture(name);
    let program = read(&f.source, Some(f.form)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let drawn = draw(&program, &f.source, SCALE);
    let (_, trace) = asyncio::predict(&program, &drawn);
    let replay = Replay::new(&drawn.recipe, REPLAY_MODE, &trace, true);
    let narrator = Narrator::new(&replay, &drawn.recipe, &drawn.code).as_written();
    let mut out: Vec<String> = (0..replay.stops().len())
        .map(|i| narrator.sentence(i))
        .collect();
    let timeline = Timeline::from_trace(&drawn.recipe, &trace);
    for lane in &timeline.lanes {
        out.push(format!("lane {}", lane.name));
    }
    for line in &timeline.console {
        out.push(format!("console {:?}", line.text));
    }
    expect.assert_eq(&(out.join("\n") + "\n"));
}

#[test]
fn test_async_gathers_five_sleeps() {
    check_story(
        "t000_test_async.py",
        expect![[r#"
        0 s (0 ms): the run begins: the event loop runs main.
        0 s (0 ms): the loop is handed main: it is ready, waiting for the thread.
        0 s (0 ms): main is run by the loop for the first time.
        0 s (0 ms): main prints “time passed after iter 0 is 0.0” (console line 1).
        0 s (0 ms): main starts example_coroutine(0) as a task: it is ready, waiting for the thread.
        0 s (0 ms): main prints “time passed after iter 1 is 0.0” (console line 2).
        0 s (0 ms): main starts example_coroutine(1) as a task: it is ready, waiting for the thread.
        0 s (0 ms): main prints “time passed after iter 2 is 0.0” (console line 3).
        0 s (0 ms): main starts example_coroutine(2) as a task: it is ready, waiting for the thread.
        0 s (0 ms): main prints “time passed after iter 3 is 0.0” (console line 4).
        0 s (0 ms): main starts example_coroutine(3) as a task: it is ready, waiting for the thread.
        0 s (0 ms): main prints “time passed after iter 4 is 0.0” (console line 5).
        0 s (0 ms): main starts example_coroutine(4) as a task: it is ready, waiting for the thread.
        0 s (0 ms): main suspends.
        0 s (0 ms): example_coroutine(0) is run by the loop for the first time.
        0 s (0 ms): example_coroutine(0) awaits `await asyncio.sleep(time_io_wait)`: it arms a timer due at 3 s (300 ms) and suspends; it costs the thread nothing until the timer fires.
        0 s (0 ms): example_coroutine(1) is run by the loop for the first time.
        0 s (0 ms): example_coroutine(1) awaits `await asyncio.sleep(time_io_wait)`: it arms a timer due at 3 s (300 ms) and suspends; it costs the thread nothing until the timer fires.
        0 s (0 ms): example_coroutine(2) is run by the loop for the first time.
        0 s (0 ms): example_coroutine(2) awaits `await asyncio.sleep(time_io_wait)`: it arms a timer due at 3 s (300 ms) and suspends; it costs the thread nothing until the timer fires.
        0 s (0 ms): example_coroutine(3) is run by the loop for the first time.
        0 s (0 ms): example_coroutine(3) awaits `await asyncio.sleep(time_io_wait)`: it arms a timer due at 3 s (300 ms) and suspends; it costs the thread nothing until the timer fires.
        0 s (0 ms): example_coroutine(4) is run by the loop for the first time.
        0 s (0 ms): example_coroutine(4) awaits `await asyncio.sleep(time_io_wait)`: it arms a timer due at 3 s (300 ms) and suspends; it costs the thread nothing until the timer fires. Nothing is ready: the thread is idle until the next timer, example_coroutine(0)'s at 3 s (300 ms).
        3 s (300 ms): one browser timeout fires for 5 sleeps due at 3 s (300 ms); example_coroutine(0), example_coroutine(1) … and 3 more are woken and join the ready queue.
        3 s (300 ms): example_coroutine(0) is resumed by the loop after `await asyncio.sleep(time_io_wait)`.
        3 s (300 ms): example_coroutine(0) returns: example_coroutine(0) is done, 1 of 6 tasks.
        3 s (300 ms): example_coroutine(1) is resumed by the loop after `await asyncio.sleep(time_io_wait)`.
        3 s (300 ms): example_coroutine(1) returns: example_coroutine(1) is done, 2 of 6 tasks.
        3 s (300 ms): example_coroutine(2) is resumed by the loop after `await asyncio.sleep(time_io_wait)`.
        3 s (300 ms): example_coroutine(2) returns: example_coroutine(2) is done, 3 of 6 tasks.
        3 s (300 ms): example_coroutine(3) is resumed by the loop after `await asyncio.sleep(time_io_wait)`.
        3 s (300 ms): example_coroutine(3) returns: example_coroutine(3) is done, 4 of 6 tasks.
        3 s (300 ms): example_coroutine(4) is resumed by the loop after `await asyncio.sleep(time_io_wait)`.
        3 s (300 ms): example_coroutine(4) returns: example_coroutine(4) is done, 5 of 6 tasks.
        3 s (300 ms): main is woken and joins the ready queue.
        3 s (300 ms): main is resumed by the loop.
        3 s (300 ms): main suspends.
        3 s (300 ms): main is woken and joins the ready queue.
        3 s (300 ms): main is resumed by the loop.
        3 s (300 ms): main prints “” (console line 6).
        3 s (300 ms): main prints “Total time needed was 3.0” (console line 7).
        3 s (300 ms): main prints “” (console line 8).
        3 s (300 ms): main returns: every task is done (6 of 6).
        3 s (300 ms): nothing is left to run: the run took 3 s (300 ms).
        lane main
        lane example_coroutine(0)
        lane example_coroutine(1)
        lane example_coroutine(2)
        lane example_coroutine(3)
        lane example_coroutine(4)
        console "time passed after iter 0 is 0.0"
        console "time passed after iter 1 is 0.0"
        console "time passed after iter 2 is 0.0"
        console "time passed after iter 3 is 0.0"
        console "time passed after iter 4 is 0.0"
        console ""
        console "Total time needed was 3.0"
        console ""
    "#]],
    );
}

#[test]
fn test_noasync_sleeps_in_the_programs_own_turn() {
    check_story(
        "t000_test_noasync.py",
        expect![[r#"
        0 s (0 ms): the run begins: the event loop runs program.
        0 s (0 ms): the loop is handed program: it is ready, waiting for the thread.
        0 s (0 ms): program is run by the loop for the first time.
        0 s (0 ms): program prints “time after iter 0 is 0.0” (console line 1).
        0 s (0 ms): program runs `time.sleep(time_io_wait)`: a blocking sleep inside async code holds the thread until 3 s (300 ms), so the loop can run nothing else.
        3 s (300 ms): program prints “time after iter 1 is 3.0” (console line 2).
        3 s (300 ms): program runs `time.sleep(time_io_wait)`: a blocking sleep inside async code holds the thread until 6 s (600 ms), so the loop can run nothing else.
        6 s (600 ms): program prints “time after iter 2 is 6.0” (console line 3).
        6 s (600 ms): program runs `time.sleep(time_io_wait)`: a blocking sleep inside async code holds the thread until 9 s (900 ms), so the loop can run nothing else.
        9 s (900 ms): program prints “time after iter 3 is 9.0” (console line 4).
        9 s (900 ms): program runs `time.sleep(time_io_wait)`: a blocking sleep inside async code holds the thread until 12 s (1 200 ms), so the loop can run nothing else.
        12 s (1 200 ms): program prints “time after iter 4 is 12.0” (console line 5).
        12 s (1 200 ms): program runs `time.sleep(time_io_wait)`: a blocking sleep inside async code holds the thread until 15 s (1 500 ms), so the loop can run nothing else.
        15 s (1 500 ms): program prints “” (console line 6).
        15 s (1 500 ms): program prints “Total time needed was 15.0” (console line 7).
        15 s (1 500 ms): program prints “” (console line 8).
        15 s (1 500 ms): program returns: every task is done (1 of 1).
        15 s (1 500 ms): nothing is left to run: the run took 15 s (1 500 ms).
        lane program
        console "time after iter 0 is 0.0"
        console "time after iter 1 is 3.0"
        console "time after iter 2 is 6.0"
        console "time after iter 3 is 9.0"
        console "time after iter 4 is 12.0"
        console ""
        console "Total time needed was 15.0"
        console ""
    "#]],
    );
}

#[test]
fn the_unawaited_gathers_tasks_run_on_in_a_notebook() {
    check_story(
        "t002_count_async.py",
        expect![[r#"
        0 s (0 ms): the run begins: the event loop runs cell.
        0 s (0 ms): the loop is handed cell: it is ready, waiting for the thread.
        0 s (0 ms): cell is run by the loop for the first time.
        0 s (0 ms): cell starts count(), count() #2 and count() #3 as tasks: they are ready, waiting for the thread.
        0 s (0 ms): cell returns: cell is done, 1 of 4 tasks.
        0 s (0 ms): count() is run by the loop for the first time.
        0 s (0 ms): count() prints “One” (console line 1).
        0 s (0 ms): count() awaits `await asyncio.sleep(1)`: it arms a timer due at 1 s (100 ms) and suspends; it costs the thread nothing until the timer fires.
        0 s (0 ms): count() #2 is run by the loop for the first time.
        0 s (0 ms): count() #2 prints “One” (console line 2).
        0 s (0 ms): count() #2 awaits `await asyncio.sleep(1)`: it arms a timer due at 1 s (100 ms) and suspends; it costs the thread nothing until the timer fires.
        0 s (0 ms): count() #3 is run by the loop for the first time.
        0 s (0 ms): count() #3 prints “One” (console line 3).
        0 s (0 ms): count() #3 awaits `await asyncio.sleep(1)`: it arms a timer due at 1 s (100 ms) and suspends; it costs the thread nothing until the timer fires. Nothing is ready: the thread is idle until the next timer, count()'s at 1 s (100 ms).
        1 s (100 ms): one browser timeout fires for 3 sleeps due at 1 s (100 ms); count(), count() #2 and count() #3 are woken and join the ready queue.
        1 s (100 ms): count() is resumed by the loop after `await asyncio.sleep(1)`.
        1 s (100 ms): count() prints “Two” (console line 4).
        1 s (100 ms): count() returns: count() is done, 2 of 4 tasks.
        1 s (100 ms): count() #2 is resumed by the loop after `await asyncio.sleep(1)`.
        1 s (100 ms): count() #2 prints “Two” (console line 5).
        1 s (100 ms): count() #2 returns: count() #2 is done, 3 of 4 tasks.
        1 s (100 ms): count() #3 is resumed by the loop after `await asyncio.sleep(1)`.
        1 s (100 ms): count() #3 prints “Two” (console line 6).
        1 s (100 ms): count() #3 returns: every task is done (4 of 4).
        1 s (100 ms): nothing is left to run: the run took 1 s (100 ms).
        lane cell
        lane count()
        lane count() #2
        lane count() #3
        console "One"
        console "One"
        console "One"
        console "Two"
        console "Two"
        console "Two"
    "#]],
    );
}
