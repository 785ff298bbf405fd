//! The "gather vs sequential" lessons: the same coroutines awaited one by one or joined, and what that
//! does to the total and to the order of the console's lines.

use super::{Concept, Expected, Lesson, Task, Unit, copies, print, recipe, wait};
use crate::model::Mode;

/// `sleep_and_print(3)` and `sleep_and_print(6)`: two sleeps that add up when run one after the other
/// and overlap when gathered.
pub fn sleep_and_print() -> Lesson {
    Lesson {
        id: "sleep-and-print",
        concept: Concept::GatherVsSequential,
        try_this: "Run Blocking and read the console: finished 3 comes before starting 6, and the total is \
                   9 s. Back in Gather, both starting lines share the 0 s stamp and the run ends at 6 s, \
                   when the longer sleep does.",
        expected: Expected {
            blocking: Some(9.0),
            concurrent: Some(6.0),
        },
        default_mode: Mode::Gather,
        cooks: None,
        expected_prints: &[
            "starting 3 sleep",
            "starting 6 sleep",
            "finished 3 sleep",
            "finished 6 sleep",
        ],
        recipe: recipe(
            "sleep_and_print(3) and sleep_and_print(6)",
            "sleep_and_print(t) says it is starting, sleeps for t seconds, then says it has finished. \
             Called one after the other with 3 and then 6, the two sleeps add up to 9 seconds. Gathered, \
             both coroutines start at once and their sleeps overlap, so the run lasts only as long as \
             the longer sleep: 6 seconds. In the console both starting lines come first, then finished \
             3 at the 3 second mark and finished 6 at the 6 second mark.",
            Unit::S,
            250.0,
            sleep_and_print_tasks(),
            Vec::new(),
        ),
    }
}

/// The two `sleep_and_print` coroutines, with their sleeps awaited; the missing-`await` pitfall
/// starts from these too.
pub(super) fn sleep_and_print_tasks() -> Vec<Task> {
    [3, 6]
        .into_iter()
        .map(|t| {
            Task::new(
                &format!("sleep_and_print_{t}"),
                vec![
                    print(&format!("starting {t} sleep")),
                    wait(t, &format!("sleep {t} s")),
                    print(&format!("finished {t} sleep")),
                ],
            )
        })
        .collect()
}

/// `count()`, three times: One, a second's sleep, Two.
pub fn count() -> Lesson {
    Lesson {
        id: "count",
        concept: Concept::GatherVsSequential,
        try_this: "Run Sequential: the console reads One Two three times over and the run takes 3 s, like \
                   the tutorial's plain version, even though the page stays alive. Gather prints the three \
                   Ones together, then the three Twos a second later.",
        expected: Expected {
            blocking: Some(3.0),
            concurrent: Some(1.0),
        },
        default_mode: Mode::Gather,
        cooks: None,
        expected_prints: &["One", "One", "One", "Two", "Two", "Two"],
        recipe: recipe(
            "count(): One … Two",
            "count() prints One, sleeps for a second and prints Two, and main runs three of them. As \
             plain functions they take turns, One Two, One Two, One Two, and need three seconds. \
             Gathered, each count() prints One and hands the thread back while it sleeps, so the three \
             Ones come first, the three sleeps overlap and the three Twos arrive together one second \
             later. This lesson runs at real speed: a second in the recipe is a second on your clock.",
            Unit::S,
            1000.0,
            vec![count_task()],
            Vec::new(),
        ),
    }
}

/// Three copies of `count()`; the never-awaited pitfall starts from this too.
pub(super) fn count_task() -> Task {
    copies(
        Task::new(
            "count",
            vec![print("One"), wait(1, "sleep 1 s"), print("Two")],
        ),
        3,
    )
}

/// Three tasks that each sleep before printing red, blue and green.
pub fn colours() -> Lesson {
    Lesson {
        id: "colours",
        concept: Concept::GatherVsSequential,
        try_this: "Run Blocking and read the console: red, blue, green, three times over, in 9 s. Then \
                   Gather again: every colour three times in a row, and 3 s in all.",
        expected: Expected {
            blocking: Some(9.0),
            concurrent: Some(3.0),
        },
        default_mode: Mode::Gather,
        cooks: None,
        expected_prints: &[
            "red", "red", "red", "blue", "blue", "blue", "green", "green", "green",
        ],
        recipe: recipe(
            "red, blue, green",
            "Each colours task sleeps a second and prints red, sleeps again and prints blue, sleeps \
             once more and prints green, and main runs three of them. One after another that is nine \
             one-second sleeps, 9 seconds, and the console repeats red, blue, green three times. \
             Gathered, the three tasks sleep side by side, so each colour is printed three times in a \
             row and the whole run takes 3 seconds. On the timeline the three lanes wait, wake and \
             print in step.",
            Unit::S,
            300.0,
            vec![copies(
                Task::new(
                    "colours",
                    vec![
                        wait(1, "sleep 1 s"),
                        print("red"),
                        wait(1, "sleep 1 s"),
                        print("blue"),
                        wait(1, "sleep 1 s"),
                        print("green"),
                    ],
                ),
                3,
            )],
            Vec::new(),
        ),
    }
}
