//! The "gather vs sequential" lessons: the same coroutines awaited one by one or joined, and what that
//! does to the total and to the order of the console's lines.

use super::{Concept, Expected, Lesson, from_text};
use crate::{Mode, Way};

/// `sleep_and_print(3)` and `sleep_and_print(6)`: two sleeps that add up when run one after the other
/// and overlap when gathered.
pub fn sleep_and_print() -> Lesson {
    Lesson {
        id: "sleep-and-print",
        concept: Concept::GatherVsSequential,
        try_this: "Run Blocking and read the console: finished 3 comes before starting 6, and the total is \
                   9 s. Back in Gather, compare the console's time stamps with the blocking run's.",
        expected: Expected {
            blocking: Some(9.0),
            concurrent: Some(6.0),
        },
        default_mode: Mode::Gather,
        cooks: None,
        way: Way::Async,
        expected_prints: &[
            "starting 3 sleep",
            "starting 6 sleep",
            "finished 3 sleep",
            "finished 6 sleep",
        ],
        recipe: from_text(include_str!("recipes/sleep-and-print.txt")),
    }
}

/// `count()`, three times: One, a second's sleep, Two.
pub fn count() -> Lesson {
    Lesson {
        id: "count",
        concept: Concept::GatherVsSequential,
        try_this: "Run Sequential: the run takes as long as the tutorial's plain version, even though the \
                   page stays alive. Then compare its console with Gather's.",
        expected: Expected {
            blocking: Some(3.0),
            concurrent: Some(1.0),
        },
        default_mode: Mode::Gather,
        cooks: None,
        way: Way::Async,
        expected_prints: &["One", "One", "One", "Two", "Two", "Two"],
        recipe: from_text(include_str!("recipes/count.txt")),
    }
}

/// Three tasks that each sleep before printing red, blue and green.
pub fn colours() -> Lesson {
    Lesson {
        id: "colours",
        concept: Concept::GatherVsSequential,
        try_this: "Run Blocking and read the console: red, blue, green, three times over. Then \
                   Gather again, and compare the two consoles and totals.",
        expected: Expected {
            blocking: Some(9.0),
            concurrent: Some(3.0),
        },
        default_mode: Mode::Gather,
        cooks: None,
        way: Way::Async,
        expected_prints: &[
            "red", "red", "red", "blue", "blue", "blue", "green", "green", "green",
        ],
        recipe: from_text(include_str!("recipes/colours.txt")),
    }
}
