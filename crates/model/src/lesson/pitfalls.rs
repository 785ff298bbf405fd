//! The pitfalls: a forgotten `await` on a sleep, `time.sleep` inside `async def`, and a `gather` that
//! is never awaited. Each one is a real mistake from the source tutorials.

use super::create_task::DOWNLOAD_STARTED;
use super::{Concept, Expected, Lesson, from_text};
use crate::{Mode, Way};

/// `sleep_and_print` as its tutorial wrote it: `asyncio.sleep(t)` without `await`.
pub fn missing_await() -> Lesson {
    Lesson {
        id: "missing-await",
        concept: Concept::Pitfalls,
        try_this: "Read the console: starting 3 and finished 3 carry the same timestamp and the run is over \
                   before any sleep could end. Then run Blocking, where time.sleep needs no await: 9 s. The sleep and \
                   print lesson has the await in place and finishes in 6 s.",
        expected: Expected {
            blocking: Some(9.0),
            concurrent: Some(0.0),
        },
        default_mode: Mode::Gather,
        cooks: None,
        way: Way::Async,
        expected_prints: &[
            "starting 3 sleep",
            "finished 3 sleep",
            "starting 6 sleep",
            "finished 6 sleep",
        ],
        recipe: from_text(include_str!("recipes/missing-await.txt")),
    }
}

/// The five downloads gathered as async functions that sleep with `time.sleep`.
pub fn blocking_inside_async() -> Lesson {
    Lesson {
        id: "blocking-inside-async",
        concept: Concept::Pitfalls,
        try_this: "Watch the heartbeat lane stop for the whole run and the start lines arrive 3 s apart. \
                   Then run Gather, where the same five tasks await their sleep: all five start at 0 s and \
                   the run takes 3 s.",
        expected: Expected {
            blocking: Some(15.0),
            concurrent: Some(3.0),
        },
        default_mode: Mode::BlockingInAsync,
        cooks: None,
        way: Way::Async,
        expected_prints: &[DOWNLOAD_STARTED; 5],
        recipe: from_text(include_str!("recipes/blocking-inside-async.txt")),
    }
}

/// `count()` gathered, but the gather is never awaited.
pub fn never_awaited() -> Lesson {
    Lesson {
        id: "never-awaited",
        concept: Concept::Pitfalls,
        try_this: "Run it and find an empty console: not one count() began. Then \
                   run Gather, which awaits the same three futures, and watch them print.",
        expected: Expected {
            blocking: Some(3.0),
            concurrent: Some(1.0),
        },
        default_mode: Mode::NeverAwaited,
        cooks: None,
        way: Way::Async,
        expected_prints: &["One", "One", "One", "Two", "Two", "Two"],
        recipe: from_text(include_str!("recipes/never-awaited.txt")),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{count, downloads, sleep_and_print};
    use super::*;
    use crate::Action;

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
