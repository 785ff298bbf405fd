//! The pitfalls: a forgotten `await` on a sleep, `time.sleep` inside `async def`, and a `gather` that
//! is never awaited. Each one is a real mistake from the source tutorials.

use super::create_task::{DOWNLOAD_STARTED, download_task};
use super::gather::{count_task, sleep_and_print_tasks};
use super::{Action, Concept, Expected, Lesson, Unit, recipe};
use crate::model::Mode;

/// `sleep_and_print` as its tutorial wrote it: `asyncio.sleep(t)` without `await`.
pub fn missing_await() -> Lesson {
    let mut tasks = sleep_and_print_tasks();
    for step in tasks.iter_mut().flat_map(|t| t.steps.iter_mut()) {
        if matches!(step.action, Action::Wait(_)) {
            *step = step.clone().without_await();
        }
    }
    Lesson {
        id: "missing-await",
        concept: Concept::Pitfalls,
        try_this: "Read the console: starting 3 and finished 3 carry the same timestamp and the run is over \
                   at about 0 s. Then run Blocking, where time.sleep needs no await: 9 s. The sleep and \
                   print lesson has the await in place and finishes in 6 s.",
        expected: Expected {
            blocking: Some(9.0),
            concurrent: Some(0.0),
        },
        default_mode: Mode::Gather,
        cooks: None,
        expected_prints: &[
            "starting 3 sleep",
            "finished 3 sleep",
            "starting 6 sleep",
            "finished 6 sleep",
        ],
        recipe: recipe(
            "The missing await",
            "This is sleep_and_print as the tutorial wrote it: the line meant to sleep calls \
             asyncio.sleep(t) but never awaits it. An un-awaited sleep is only created, never run, so \
             each coroutine prints starting and finished back to back and the gathered run ends at once \
             instead of after the 6 seconds the tutorial promised; Python adds a warning that the \
             coroutine was never awaited. Rust does the same with a future that is built and dropped \
             without an .await, and its compiler warns that futures do nothing unless awaited. The \
             blocking mode still takes 9 seconds, because a plain function's time.sleep has no await to \
             forget.",
            Unit::S,
            250.0,
            tasks,
            Vec::new(),
        ),
    }
}

/// The five downloads gathered as async functions that sleep with `time.sleep`.
pub fn blocking_inside_async() -> Lesson {
    Lesson {
        id: "blocking-inside-async",
        concept: Concept::Pitfalls,
        try_this: "Watch the heartbeat lane stop for the whole 15 s and the start lines arrive 3 s apart. \
                   Then run Gather, where the same five tasks await their sleep: all five start at 0 s and \
                   the run takes 3 s.",
        expected: Expected {
            blocking: Some(15.0),
            concurrent: Some(3.0),
        },
        default_mode: Mode::BlockingInAsync,
        cooks: None,
        expected_prints: &[DOWNLOAD_STARTED; 5],
        recipe: recipe(
            "Blocking inside async",
            "These are the five downloads again, written as async functions and gathered, but each one \
             waits with time.sleep instead of awaiting asyncio.sleep. time.sleep never hands the thread \
             back, so the event loop cannot start the next download until the current one has slept its \
             whole 3 seconds. The run takes 15 seconds, as long as the blocking program, and the page is \
             frozen throughout even though every function is async. The 3 seconds the tutorial measured \
             only come back when the wait is awaited, as in the gather mode.",
            Unit::S,
            200.0,
            vec![download_task()],
            Vec::new(),
        ),
    }
}

/// `count()` gathered, but the gather is never awaited.
pub fn never_awaited() -> Lesson {
    Lesson {
        id: "never-awaited",
        concept: Concept::Pitfalls,
        try_this: "Run it and find an empty console and a total of about 0 s: not one count() began. Then \
                   run Gather, which awaits the same three futures: One One One at once, Two Two Two a \
                   second later.",
        expected: Expected {
            blocking: Some(3.0),
            concurrent: Some(1.0),
        },
        default_mode: Mode::NeverAwaited,
        cooks: None,
        expected_prints: &["One", "One", "One", "Two", "Two", "Two"],
        recipe: recipe(
            "Never awaited",
            "The count() tutorial gathers three count() coroutines but forgets to await the gather. \
             Rust futures are lazy and marked #[must_use]: a join_all that nobody awaits is dropped \
             without a single poll, so nothing runs, nothing prints, and the compiler warns about the \
             unused future. Python is looser here, because gather wraps its coroutines in tasks at \
             once; the notebook's event loop kept running, so the tutorial still printed its Ones and \
             Twos, whereas a script would shut its loop down before any Two. Call count() without an \
             await and Python, too, runs nothing and warns that the coroutine was never awaited.",
            Unit::S,
            1000.0,
            vec![count_task()],
            Vec::new(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{count, downloads, sleep_and_print};
    use super::*;

    #[test]
    fn the_missing_await_lesson_is_sleep_and_print_without_the_awaits_on_its_sleeps() {
        let buggy = missing_await().recipe;
        let good = sleep_and_print().recipe;
        assert_eq!(buggy.tasks.len(), good.tasks.len());
        for (b, g) in buggy.tasks.iter().zip(&good.tasks) {
            assert_eq!(b.name, g.name);
            for (bs, gs) in b.steps.iter().zip(&g.steps) {
                assert_eq!(bs.action, gs.action);
                assert_eq!(bs.missing_await, matches!(bs.action, Action::Wait(_)));
            }
        }
    }

    #[test]
    fn the_other_pitfalls_run_their_tutorials_recipes_unchanged() {
        assert_eq!(
            blocking_inside_async().recipe.tasks,
            downloads().recipe.tasks
        );
        assert_eq!(never_awaited().recipe.tasks, count().recipe.tasks);
    }
}
