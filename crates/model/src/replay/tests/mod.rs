//! Data-driven checks of the replay: the loop's state at an instant of a predicted run, written out
//! in words (`check(recipe, mode, at, expect![...])`), every stop's sentence for small recipes, and
//! properties that tie the replay to the timeline and to the trace's own future.

use expect_test::{Expect, expect};

use super::*;
use crate::code::{self, Language};
use crate::lesson;
use crate::predict::predict;
use crate::text;

mod machine;
mod properties;

/// A recipe from its text, as a teacher would write it.
fn recipe(text: &str) -> Recipe {
    text::parse(text).unwrap_or_else(|e| panic!("bad test recipe: {e:?}"))
}

/// Everything the panel would show at `at` ms of the predicted run, one line per part.
fn render(recipe: &Recipe, mode: Mode, at: f64) -> String {
    let replay = Replay::new(recipe, mode, &predict(recipe, mode), true);
    let view = code::code(recipe, mode, Language::Rust);
    let narrator = Narrator::new(&replay, recipe, &view);
    let cursor = replay.seek(at);
    let state = replay.state(cursor, 4);
    let name = |t: usize| narrator.name(t);
    let step = |s: Option<StepId>| {
        s.and_then(|s| recipe.step(s))
            .map_or("-".to_owned(), |s| s.describe(recipe.unit))
    };
    let list = |items: Vec<String>, more: usize| {
        let mut text = if items.is_empty() {
            "-".to_owned()
        } else {
            items.join("; ")
        };
        if more > 0 {
            text.push_str(&format!(" … and {more} more"));
        }
        text
    };
    let thread = match &state.thread {
        Thread::Idle => "idle".to_owned(),
        Thread::Held {
            task,
            chain,
            activity,
            ..
        } => format!(
            "{} {:?} at {}",
            name(*task),
            activity,
            step(chain.last().copied())
        ),
    };
    let ready = state
        .ready
        .items
        .iter()
        .map(|r| format!("{} ({:?})", name(r.task), r.why))
        .collect();
    let timers = state
        .timers
        .items
        .iter()
        .map(|t| {
            format!(
                "{} due {} left {} timeout {}/{}",
                name(t.task),
                t.due,
                t.left,
                t.timeout,
                t.sharing
            )
        })
        .collect();
    let suspended = state
        .suspended
        .items
        .iter()
        .map(|s| {
            let chain: Vec<String> = s.chain.iter().map(|&c| step(Some(c))).collect();
            format!(
                "{} awaits {} on {:?}",
                name(s.task),
                chain.join(" > "),
                s.on
            )
        })
        .collect();
    let done = state.done.items.iter().map(|&t| name(t)).collect();
    let lines: Vec<String> = state
        .lines
        .iter()
        .map(|(s, st)| format!("{}={}", step(Some(*s)), st.word()))
        .collect();
    format!(
        "{}\nthread: {thread}\nready: {}\ntimers: {}\nsuspended: {}\ndone: {} of {}: {}\n\
         not started: {}\nprinted: {}\nlines: {}\n",
        narrator.sentence(cursor.stop),
        list(ready, state.ready.more()),
        list(timers, state.timers.more()),
        list(suspended, state.suspended.more()),
        state.done.total,
        state.tasks,
        list(done, state.done.more()),
        state.not_started.total,
        state.printed,
        lines.join(", ")
    )
}

fn check(recipe: &Recipe, mode: Mode, at: f64, expect: Expect) {
    expect.assert_eq(&render(recipe, mode, at));
}

/// Every stop's sentence, one per line, in `language`.
fn check_story(recipe: &Recipe, mode: Mode, language: Language, expect: Expect) {
    let replay = Replay::new(recipe, mode, &predict(recipe, mode), true);
    let view = code::code(recipe, mode, language);
    let narrator = Narrator::new(&replay, recipe, &view);
    let story: Vec<String> = (0..replay.stops().len())
        .map(|i| narrator.sentence(i))
        .collect();
    expect.assert_eq(&(story.join("\n") + "\n"));
}

fn cake() -> Recipe {
    lesson::cake_and_groceries().recipe
}

#[test]
fn cake_at_20_minutes_groceries_holds_the_thread_and_the_oven_timer_is_due_at_60() {
    // 20 ms per minute: 20 min is 400 ms.
    check(
        &cake(),
        Mode::Gather,
        400.0,
        expect![[r#"
            15 min (300 ms): groceries is polled for the first time and runs `work(20)` (buy groceries): the thread is busy until 35 min (700 ms).
            thread: groceries Some(Work) at work 20 min — buy groceries
            ready: -
            timers: cake due 1200 left 800 timeout 1/1
            suspended: cake awaits wait 45 min — bake in the oven on Timer(1200.0)
            done: 0 of 2: -
            not started: 0
            printed: 0
            lines: work 20 min — buy groceries=running, wait 45 min — bake in the oven=waiting
        "#]],
    );
}

#[test]
fn cake_at_60_minutes_the_timer_fires_and_cake_is_ready() {
    check(
        &cake(),
        Mode::Gather,
        1200.0,
        expect![[r#"
            60 min (1 200 ms): cake's timer (bake in the oven) fires; cake is woken and joins the ready queue.
            thread: idle
            ready: cake (Woken)
            timers: -
            suspended: -
            done: 1 of 2: groceries
            not started: 0
            printed: 0
            lines: wait 45 min — bake in the oven=ready
        "#]],
    );
}

#[test]
fn the_cake_lesson_told_stop_by_stop() {
    check_story(
        &cake(),
        Mode::Gather,
        Language::Rust,
        expect![[r#"
            0 min (0 ms): the run begins: main gathers 2 tasks with `join_all`.
            0 min (0 ms): main hands cake and groceries to `join_all`: they are ready, waiting for the thread.
            0 min (0 ms): cake is polled for the first time and runs `work(15)` (prepare the dough): the thread is busy until 15 min (300 ms).
            15 min (300 ms): cake awaits `sleep(45).await` (bake in the oven): it arms a timer due at 60 min (1 200 ms) and returns Pending; it costs the thread nothing until the timer fires.
            15 min (300 ms): groceries is polled for the first time and runs `work(20)` (buy groceries): the thread is busy until 35 min (700 ms).
            35 min (700 ms): groceries returns Ready: groceries is done, 1 of 2 tasks. Nothing is ready: the thread is idle until the next timer, cake's at 60 min (1 200 ms).
            60 min (1 200 ms): cake's timer (bake in the oven) fires; cake is woken and joins the ready queue.
            60 min (1 200 ms): cake is polled again and resumes after `sleep(45).await`.
            60 min (1 200 ms): cake returns Ready: every task is done (2 of 2).
            60 min (1 200 ms): `join_all` returns, and main with it: the run took 60 min (1 200 ms).
        "#]],
    );
}

#[test]
fn chores_laundry_is_ready_while_the_thread_is_busy() {
    // 15 ms per minute: at 75 min (1 125 ms) the plants hold the thread and the laundry's timer,
    // due at 60 min, has come due without its callback being able to run.
    let chores = lesson::chores().recipe;
    check(
        &chores,
        Mode::Gather,
        chores.ms(75.0),
        expect![[r#"
        60 min (900 ms): plants is polled for the first time and runs `work(30)` (water the plants): the thread is busy until 90 min (1 350 ms).
        thread: plants Some(Work) at work 30 min — water the plants
        ready: laundry (Overdue(900.0))
        timers: evening due 1350 left 225 timeout 2/1
        suspended: evening awaits wait 30 min — dishwasher runs on Timer(1350.0)
        done: 0 of 3: -
        not started: 0
        printed: 0
        lines: work 30 min — water the plants=running, wait 60 min — washing machine runs=ready, wait 30 min — dishwasher runs=waiting
    "#]],
    );
    check_story(
        &chores,
        Mode::Gather,
        Language::Rust,
        expect![[r#"
            0 min (0 ms): the run begins: main gathers 3 tasks with `join_all`.
            0 min (0 ms): main hands laundry, evening and plants to `join_all`: they are ready, waiting for the thread.
            0 min (0 ms): laundry is polled for the first time.
            0 min (0 ms): laundry awaits `sleep(60).await` (washing machine runs): it arms a timer due at 60 min (900 ms) and returns Pending; it costs the thread nothing until the timer fires.
            0 min (0 ms): evening is polled for the first time and runs `work(60)` (make dinner): the thread is busy until 60 min (900 ms).
            60 min (900 ms): evening awaits `sleep(30).await` (dishwasher runs): it arms a timer due at 90 min (1 350 ms) and returns Pending; it costs the thread nothing until the timer fires.
            60 min (900 ms): plants is polled for the first time and runs `work(30)` (water the plants): the thread is busy until 90 min (1 350 ms).
            90 min (1 350 ms): plants returns Ready: plants is done, 1 of 3 tasks. The thread is free again, so laundry's timer, due since 60 min (900 ms), can fire at last.
            90 min (1 350 ms): laundry's timer (washing machine runs) fires, 30 min after it came due at 60 min (900 ms): the thread was busy until now; laundry is woken and joins the ready queue.
            90 min (1 350 ms): laundry is polled again and resumes after `sleep(60).await`.
            90 min (1 350 ms): laundry returns Ready: laundry is done, 2 of 3 tasks.
            90 min (1 350 ms): `join_all` polls evening again, although nothing woke it: each time it is polled, it polls every child that has not finished.
            90 min (1 350 ms): evening is still waiting for its timer, due at 90 min (1 350 ms), and returns Pending again. evening's timer is due now: it fires next.
            90 min (1 350 ms): evening's timer (dishwasher runs) fires; evening is woken and joins the ready queue.
            90 min (1 350 ms): evening is polled again and resumes after `sleep(30).await`.
            90 min (1 350 ms): evening returns Ready: every task is done (3 of 3).
            90 min (1 350 ms): `join_all` returns, and main with it: the run took 90 min (1 350 ms).
        "#]],
    );
}

#[test]
fn the_fruit_shop_awaits_a_chain_of_helpers() {
    let fruit = lesson::fruit_shop().recipe;
    check(
        &fruit,
        Mode::Gather,
        fruit.ms(0.5),
        expect![[r#"
        0 s (0 ms): fruit, inside wait_for_water, awaits `sleep(1).await` (fetch the water): it arms a timer due at 1 s (500 ms) and returns Pending; it costs the thread nothing until the timer fires. Nothing is ready: the thread is idle until the next timer, fruit's at 1 s (500 ms).
        thread: idle
        ready: -
        timers: fruit due 500 left 250 timeout 1/1
        suspended: fruit awaits call wait_for_water > wait 1 s — fetch the water on Timer(500.0)
        done: 0 of 1: -
        not started: 0
        printed: 3
        lines: wait 1 s — fetch the water=waiting
    "#]],
    );
    check_story(
        &fruit,
        Mode::Gather,
        Language::Python,
        expect![[r#"
            0 s (0 ms): the run begins: main gathers 1 task with `asyncio.gather`.
            0 s (0 ms): main hands fruit to `asyncio.gather`: it is ready, waiting for the thread.
            0 s (0 ms): fruit is run by the loop for the first time.
            0 s (0 ms): fruit prints “inside fruit shop” (console line 1).
            0 s (0 ms): fruit prints “waiting for water” (console line 2).
            0 s (0 ms): fruit prints “fetch water” (console line 3).
            0 s (0 ms): fruit, inside wait_for_water, awaits `await asyncio.sleep(1)` (fetch the water): it arms a timer due at 1 s (500 ms) and suspends; it costs the thread nothing until the timer fires. Nothing is ready: the thread is idle until the next timer, fruit's at 1 s (500 ms).
            1 s (500 ms): fruit's timer (fetch the water) fires; fruit is woken and joins the ready queue.
            1 s (500 ms): fruit is resumed by the loop after `await asyncio.sleep(1)`.
            1 s (500 ms): fruit prints “waiting for melon” (console line 4).
            1 s (500 ms): fruit prints “fetch melon” (console line 5).
            1 s (500 ms): fruit, inside wait_for_melon, awaits `await asyncio.sleep(1)` (fetch the melon): it arms a timer due at 2 s (1 000 ms) and suspends; it costs the thread nothing until the timer fires. Nothing is ready: the thread is idle until the next timer, fruit's at 2 s (1 000 ms).
            2 s (1 000 ms): fruit's timer (fetch the melon) fires; fruit is woken and joins the ready queue.
            2 s (1 000 ms): fruit is resumed by the loop after `await asyncio.sleep(1)`.
            2 s (1 000 ms): fruit prints “fruit name : water melon” (console line 6).
            2 s (1 000 ms): fruit returns: every task is done (1 of 1).
            2 s (1 000 ms): `asyncio.gather` returns, and main with it: the run took 2 s (1 000 ms).
        "#]],
    );
}

#[test]
fn count_polls_every_child_and_prints_one_one_one_two_two_two() {
    let count = lesson::count().recipe;
    check_story(
        &count,
        Mode::Gather,
        Language::Python,
        expect![[r#"
            0 s (0 ms): the run begins: main gathers 3 tasks with `asyncio.gather`.
            0 s (0 ms): main hands count 1, count 2 and count 3 to `asyncio.gather`: they are ready, waiting for the thread.
            0 s (0 ms): count 1 is run by the loop for the first time.
            0 s (0 ms): count 1 prints “One” (console line 1).
            0 s (0 ms): count 1 awaits `await asyncio.sleep(1)` (sleep 1 s): it arms a timer due at 1 s (1 000 ms) and suspends; it costs the thread nothing until the timer fires.
            0 s (0 ms): count 2 is run by the loop for the first time.
            0 s (0 ms): count 2 prints “One” (console line 2).
            0 s (0 ms): count 2 awaits `await asyncio.sleep(1)` (sleep 1 s): it arms a timer due at 1 s (1 000 ms) and suspends; it costs the thread nothing until the timer fires.
            0 s (0 ms): count 3 is run by the loop for the first time.
            0 s (0 ms): count 3 prints “One” (console line 3).
            0 s (0 ms): count 3 awaits `await asyncio.sleep(1)` (sleep 1 s): it arms a timer due at 1 s (1 000 ms) and suspends; it costs the thread nothing until the timer fires. Nothing is ready: the thread is idle until the next timer, count 1's at 1 s (1 000 ms).
            1 s (1 000 ms): one browser timeout fires for 3 sleeps due at 1 s (1 000 ms); count 1, count 2 and count 3 are woken and join the ready queue.
            1 s (1 000 ms): count 1 is resumed by the loop after `await asyncio.sleep(1)`.
            1 s (1 000 ms): count 1 prints “Two” (console line 4).
            1 s (1 000 ms): count 1 returns: count 1 is done, 1 of 3 tasks.
            1 s (1 000 ms): count 2 is resumed by the loop after `await asyncio.sleep(1)`.
            1 s (1 000 ms): count 2 prints “Two” (console line 5).
            1 s (1 000 ms): count 2 returns: count 2 is done, 2 of 3 tasks.
            1 s (1 000 ms): count 3 is resumed by the loop after `await asyncio.sleep(1)`.
            1 s (1 000 ms): count 3 prints “Two” (console line 6).
            1 s (1 000 ms): count 3 returns: every task is done (3 of 3).
            1 s (1 000 ms): `asyncio.gather` returns, and main with it: the run took 1 s (1 000 ms).
        "#]],
    );
    check_story(
        &count,
        Mode::Spawn,
        Language::Rust,
        expect![[r#"
            0 s (0 ms): the run begins: main spawns 3 tasks with `spawn_local` and then awaits each.
            0 s (0 ms): main spawns count 1, count 2 and count 3 with `spawn_local`: they are ready, waiting for the thread.
            0 s (0 ms): count 1 is polled for the first time.
            0 s (0 ms): count 1 prints “One” (console line 1).
            0 s (0 ms): count 1 awaits `sleep(1).await` (sleep 1 s): it arms a timer due at 1 s (1 000 ms) and returns Pending; it costs the thread nothing until the timer fires.
            0 s (0 ms): count 2 is polled for the first time.
            0 s (0 ms): count 2 prints “One” (console line 2).
            0 s (0 ms): count 2 awaits `sleep(1).await` (sleep 1 s): it arms a timer due at 1 s (1 000 ms) and returns Pending; it costs the thread nothing until the timer fires.
            0 s (0 ms): count 3 is polled for the first time.
            0 s (0 ms): count 3 prints “One” (console line 3).
            0 s (0 ms): count 3 awaits `sleep(1).await` (sleep 1 s): it arms a timer due at 1 s (1 000 ms) and returns Pending; it costs the thread nothing until the timer fires. Nothing is ready: the thread is idle until the next timer, count 1's at 1 s (1 000 ms).
            1 s (1 000 ms): one browser timeout fires for 3 sleeps due at 1 s (1 000 ms); count 1, count 2 and count 3 are woken and join the ready queue.
            1 s (1 000 ms): count 1 is polled again and resumes after `sleep(1).await`.
            1 s (1 000 ms): count 1 prints “Two” (console line 4).
            1 s (1 000 ms): count 1 returns Ready: count 1 is done, 1 of 3 tasks.
            1 s (1 000 ms): count 2 is polled again and resumes after `sleep(1).await`.
            1 s (1 000 ms): count 2 prints “Two” (console line 5).
            1 s (1 000 ms): count 2 returns Ready: count 2 is done, 2 of 3 tasks.
            1 s (1 000 ms): count 3 is polled again and resumes after `sleep(1).await`.
            1 s (1 000 ms): count 3 prints “Two” (console line 6).
            1 s (1 000 ms): count 3 returns Ready: every task is done (3 of 3).
            1 s (1 000 ms): main returns: the run took 1 s (1 000 ms).
        "#]],
    );
}

#[test]
fn blocking_holds_the_thread_and_draws_no_frame() {
    check_story(
        &cake(),
        Mode::Blocking,
        Language::Python,
        expect![[r#"
            0 min (0 ms): the run begins: main calls 2 tasks as plain functions, one after another.
            0 min (0 ms): main calls `cake()`: a plain function holds the thread until it returns; it runs `work(15)` (prepare the dough): the thread is busy until 15 min (300 ms).
            15 min (300 ms): cake runs `time.sleep(45)` (bake in the oven): in blocking mode the sleep holds the thread until 60 min (1 200 ms), so no timer can fire and no frame is drawn.
            60 min (1 200 ms): `cake()` returns: cake is done, 1 of 2 tasks.
            60 min (1 200 ms): main calls `groceries()`: a plain function holds the thread until it returns; it runs `work(20)` (buy groceries): the thread is busy until 80 min (1 600 ms).
            80 min (1 600 ms): `groceries()` returns: every task is done (2 of 2).
            80 min (1 600 ms): main returns: the run took 80 min (1 600 ms).
        "#]],
    );
    check(
        &cake(),
        Mode::Blocking,
        500.0,
        expect![[r#"
        15 min (300 ms): cake runs `blocking_sleep(45)` (bake in the oven): in blocking mode the sleep holds the thread until 60 min (1 200 ms), so no timer can fire and no frame is drawn.
        thread: cake Some(Sleep) at wait 45 min — bake in the oven
        ready: -
        timers: -
        suspended: -
        done: 0 of 2: -
        not started: 1
        printed: 0
        lines: wait 45 min — bake in the oven=blocked
    "#]],
    );
    let pitfall = lesson::blocking_inside_async().recipe;
    check_story(
        &pitfall,
        Mode::BlockingInAsync,
        Language::Python,
        expect![[r#"
            0 s (0 ms): the run begins: main gathers 5 tasks with `asyncio.gather`, but their waits block the thread.
            0 s (0 ms): main hands download 1, download 2 … and 3 more to `asyncio.gather`: they are ready, waiting for the thread.
            0 s (0 ms): download 1 is run by the loop for the first time.
            0 s (0 ms): download 1 prints “download started” (console line 1).
            0 s (0 ms): download 1 runs `time.sleep(3)` (wait for the network): a blocking sleep inside async code holds the thread until 3 s (600 ms), so the loop can run nothing else.
            3 s (600 ms): download 1 returns: download 1 is done, 1 of 5 tasks.
            3 s (600 ms): download 2 is run by the loop for the first time.
            3 s (600 ms): download 2 prints “download started” (console line 2).
            3 s (600 ms): download 2 runs `time.sleep(3)` (wait for the network): a blocking sleep inside async code holds the thread until 6 s (1 200 ms), so the loop can run nothing else.
            6 s (1 200 ms): download 2 returns: download 2 is done, 2 of 5 tasks.
            6 s (1 200 ms): download 3 is run by the loop for the first time.
            6 s (1 200 ms): download 3 prints “download started” (console line 3).
            6 s (1 200 ms): download 3 runs `time.sleep(3)` (wait for the network): a blocking sleep inside async code holds the thread until 9 s (1 800 ms), so the loop can run nothing else.
            9 s (1 800 ms): download 3 returns: download 3 is done, 3 of 5 tasks.
            9 s (1 800 ms): download 4 is run by the loop for the first time.
            9 s (1 800 ms): download 4 prints “download started” (console line 4).
            9 s (1 800 ms): download 4 runs `time.sleep(3)` (wait for the network): a blocking sleep inside async code holds the thread until 12 s (2 400 ms), so the loop can run nothing else.
            12 s (2 400 ms): download 4 returns: download 4 is done, 4 of 5 tasks.
            12 s (2 400 ms): download 5 is run by the loop for the first time.
            12 s (2 400 ms): download 5 prints “download started” (console line 5).
            12 s (2 400 ms): download 5 runs `time.sleep(3)` (wait for the network): a blocking sleep inside async code holds the thread until 15 s (3 000 ms), so the loop can run nothing else.
            15 s (3 000 ms): download 5 returns: every task is done (5 of 5).
            15 s (3 000 ms): `asyncio.gather` returns, and main with it: the run took 15 s (3 000 ms).
        "#]],
    );
}

#[test]
fn a_missing_await_creates_and_drops_the_future_and_never_awaited_runs_nothing() {
    let missing = lesson::missing_await().recipe;
    check_story(
        &missing,
        Mode::Gather,
        Language::Python,
        expect![[r#"
            0 s (0 ms): the run begins: main gathers 2 tasks with `asyncio.gather`.
            0 s (0 ms): main hands sleep_and_print_3 and sleep_and_print_6 to `asyncio.gather`: they are ready, waiting for the thread.
            0 s (0 ms): sleep_and_print_3 is run by the loop for the first time.
            0 s (0 ms): sleep_and_print_3 prints “starting 3 sleep” (console line 1).
            0 s (0 ms): sleep_and_print_3 creates `asyncio.sleep(3)` and drops it without awaiting it: nothing waits.
            0 s (0 ms): sleep_and_print_3 prints “finished 3 sleep” (console line 2).
            0 s (0 ms): sleep_and_print_3 returns: sleep_and_print_3 is done, 1 of 2 tasks.
            0 s (0 ms): sleep_and_print_6 is run by the loop for the first time.
            0 s (0 ms): sleep_and_print_6 prints “starting 6 sleep” (console line 3).
            0 s (0 ms): sleep_and_print_6 creates `asyncio.sleep(6)` and drops it without awaiting it: nothing waits.
            0 s (0 ms): sleep_and_print_6 prints “finished 6 sleep” (console line 4).
            0 s (0 ms): sleep_and_print_6 returns: every task is done (2 of 2).
            0 s (0 ms): `asyncio.gather` returns, and main with it: the run took 0 s (0 ms).
        "#]],
    );
    let never = lesson::never_awaited().recipe;
    check_story(
        &never,
        Mode::NeverAwaited,
        Language::Rust,
        expect![[r#"
        0 s (0 ms): the run begins: main creates 3 tasks and never awaits them.
        0 s (0 ms): nothing was awaited, so no task ever ran: the run ends at once.
    "#]],
    );
}

#[test]
fn sequential_yields_and_ties() {
    let r = recipe(
        "unit s\nscale 10\n\ntask a\n  yield\n  print \"a\"\n\ntask b\n  wait 1\n\ntask c\n  wait 1\n",
    );
    check_story(
        &r,
        Mode::Gather,
        Language::Rust,
        expect![[r#"
            0 s (0 ms): the run begins: main gathers 3 tasks with `join_all`.
            0 s (0 ms): main hands a, b and c to `join_all`: they are ready, waiting for the thread.
            0 s (0 ms): a is polled for the first time.
            0 s (0 ms): a yields with `yield_now().await`: it wakes itself and returns Pending, going to the back of the ready queue.
            0 s (0 ms): b is polled for the first time.
            0 s (0 ms): b awaits `sleep(1).await`: it arms a timer due at 1 s (10 ms) and returns Pending; it costs the thread nothing until the timer fires.
            0 s (0 ms): c is polled for the first time.
            0 s (0 ms): c awaits `sleep(1).await`: it arms a timer due at 1 s (10 ms) and returns Pending; it costs the thread nothing until the timer fires.
            0 s (0 ms): a is polled again and resumes after `yield_now().await`.
            0 s (0 ms): a prints “a” (console line 1).
            0 s (0 ms): a returns Ready: a is done, 1 of 3 tasks.
            0 s (0 ms): `join_all` polls b again, although nothing woke it: each time it is polled, it polls every child that has not finished.
            0 s (0 ms): b is still waiting for its timer, due at 1 s (10 ms), and returns Pending again.
            0 s (0 ms): `join_all` polls c again, although nothing woke it: each time it is polled, it polls every child that has not finished.
            0 s (0 ms): c is still waiting for its timer, due at 1 s (10 ms), and returns Pending again. Nothing is ready: the thread is idle until the next timer, b's at 1 s (10 ms).
            1 s (10 ms): one browser timeout fires for 2 sleeps due at 1 s (10 ms); b and c are woken and join the ready queue.
            1 s (10 ms): b is polled again and resumes after `sleep(1).await`.
            1 s (10 ms): b returns Ready: b is done, 2 of 3 tasks.
            1 s (10 ms): c is polled again and resumes after `sleep(1).await`.
            1 s (10 ms): c returns Ready: every task is done (3 of 3).
            1 s (10 ms): `join_all` returns, and main with it: the run took 1 s (10 ms).
        "#]],
    );
    check_story(
        &r,
        Mode::Sequential,
        Language::Rust,
        expect![[r#"
            0 s (0 ms): the run begins: main awaits 3 tasks one after another.
            0 s (0 ms): main awaits a: it is ready to be polled.
            0 s (0 ms): a is polled for the first time.
            0 s (0 ms): a yields with `yield_now().await`: it wakes itself and returns Pending, going to the back of the ready queue.
            0 s (0 ms): a is polled again and resumes after `yield_now().await`.
            0 s (0 ms): a prints “a” (console line 1).
            0 s (0 ms): a returns Ready: a is done, 1 of 3 tasks.
            0 s (0 ms): main awaits b: it is ready to be polled.
            0 s (0 ms): b is polled for the first time.
            0 s (0 ms): b awaits `sleep(1).await`: it arms a timer due at 1 s (10 ms) and returns Pending; it costs the thread nothing until the timer fires. Nothing is ready: the thread is idle until the next timer, b's at 1 s (10 ms).
            1 s (10 ms): b's timer fires; b is woken and joins the ready queue.
            1 s (10 ms): b is polled again and resumes after `sleep(1).await`.
            1 s (10 ms): b returns Ready: b is done, 2 of 3 tasks.
            1 s (10 ms): main awaits c: it is ready to be polled.
            1 s (10 ms): c is polled for the first time.
            1 s (10 ms): c awaits `sleep(1).await`: it arms a timer due at 2 s (20 ms) and returns Pending; it costs the thread nothing until the timer fires. Nothing is ready: the thread is idle until the next timer, c's at 2 s (20 ms).
            2 s (20 ms): c's timer fires; c is woken and joins the ready queue.
            2 s (20 ms): c is polled again and resumes after `sleep(1).await`.
            2 s (20 ms): c returns Ready: every task is done (3 of 3).
            2 s (20 ms): main returns: the run took 2 s (20 ms).
        "#]],
    );
    check(
        &r,
        Mode::Gather,
        5.0,
        expect![[r#"
        0 s (0 ms): c is still waiting for its timer, due at 1 s (10 ms), and returns Pending again. Nothing is ready: the thread is idle until the next timer, b's at 1 s (10 ms).
        thread: idle
        ready: -
        timers: b due 10 left 5 timeout 1/2; c due 10 left 5 timeout 1/2
        suspended: b awaits wait 1 s on Timer(10.0); c awaits wait 1 s on Timer(10.0)
        done: 1 of 3: a
        not started: 0
        printed: 1
        lines: wait 1 s=waiting, wait 1 s=waiting
    "#]],
    );
}

#[test]
fn ten_thousand_timers_are_summed_up() {
    let timers = lesson::ten_thousand_timers().recipe;
    check(
        &timers,
        Mode::Gather,
        25.0,
        expect![[r#"
        0 ms: timer 10000 awaits `sleep(50).await` (sleep): it arms a timer due at 50 ms and returns Pending; it costs the thread nothing until the timer fires. Nothing is ready: the thread is idle until the next timer, timer 1's at 50 ms.
        thread: idle
        ready: -
        timers: timer 1 due 50 left 25 timeout 1/10000; timer 2 due 50 left 25 timeout 1/10000; timer 3 due 50 left 25 timeout 1/10000; timer 4 due 50 left 25 timeout 1/10000 … and 9996 more
        suspended: timer 1 awaits wait 50 ms — sleep on Timer(50.0); timer 2 awaits wait 50 ms — sleep on Timer(50.0); timer 3 awaits wait 50 ms — sleep on Timer(50.0); timer 4 awaits wait 50 ms — sleep on Timer(50.0) … and 9996 more
        done: 0 of 10000: -
        not started: 0
        printed: 0
        lines: wait 50 ms — sleep=waiting
    "#]],
    );
}

#[test]
fn five_downloads_wait_together_on_one_timeout() {
    let downloads = lesson::downloads().recipe;
    check_story(
        &downloads,
        Mode::Gather,
        Language::Rust,
        expect![[r#"
        0 s (0 ms): the run begins: main gathers 5 tasks with `join_all`.
        0 s (0 ms): main hands download 1, download 2 … and 3 more to `join_all`: they are ready, waiting for the thread.
        0 s (0 ms): download 1 is polled for the first time.
        0 s (0 ms): download 1 prints “download started” (console line 1).
        0 s (0 ms): download 1 awaits `sleep(3).await` (wait for the network): it arms a timer due at 3 s (600 ms) and returns Pending; it costs the thread nothing until the timer fires.
        0 s (0 ms): download 2 is polled for the first time.
        0 s (0 ms): download 2 prints “download started” (console line 2).
        0 s (0 ms): download 2 awaits `sleep(3).await` (wait for the network): it arms a timer due at 3 s (600 ms) and returns Pending; it costs the thread nothing until the timer fires.
        0 s (0 ms): download 3 is polled for the first time.
        0 s (0 ms): download 3 prints “download started” (console line 3).
        0 s (0 ms): download 3 awaits `sleep(3).await` (wait for the network): it arms a timer due at 3 s (600 ms) and returns Pending; it costs the thread nothing until the timer fires.
        0 s (0 ms): download 4 is polled for the first time.
        0 s (0 ms): download 4 prints “download started” (console line 4).
        0 s (0 ms): download 4 awaits `sleep(3).await` (wait for the network): it arms a timer due at 3 s (600 ms) and returns Pending; it costs the thread nothing until the timer fires.
        0 s (0 ms): download 5 is polled for the first time.
        0 s (0 ms): download 5 prints “download started” (console line 5).
        0 s (0 ms): download 5 awaits `sleep(3).await` (wait for the network): it arms a timer due at 3 s (600 ms) and returns Pending; it costs the thread nothing until the timer fires. Nothing is ready: the thread is idle until the next timer, download 1's at 3 s (600 ms).
        3 s (600 ms): one browser timeout fires for 5 sleeps due at 3 s (600 ms); download 1, download 2 … and 3 more are woken and join the ready queue.
        3 s (600 ms): download 1 is polled again and resumes after `sleep(3).await`.
        3 s (600 ms): download 1 returns Ready: download 1 is done, 1 of 5 tasks.
        3 s (600 ms): download 2 is polled again and resumes after `sleep(3).await`.
        3 s (600 ms): download 2 returns Ready: download 2 is done, 2 of 5 tasks.
        3 s (600 ms): download 3 is polled again and resumes after `sleep(3).await`.
        3 s (600 ms): download 3 returns Ready: download 3 is done, 3 of 5 tasks.
        3 s (600 ms): download 4 is polled again and resumes after `sleep(3).await`.
        3 s (600 ms): download 4 returns Ready: download 4 is done, 4 of 5 tasks.
        3 s (600 ms): download 5 is polled again and resumes after `sleep(3).await`.
        3 s (600 ms): download 5 returns Ready: every task is done (5 of 5).
        3 s (600 ms): `join_all` returns, and main with it: the run took 3 s (600 ms).
    "#]],
    );
}
