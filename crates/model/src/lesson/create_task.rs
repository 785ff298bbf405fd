//! The create_task lesson: coroutines handed to the event loop start at once, and awaiting them later
//! only collects them (`test_async.py` against `test_noasync.py`).

use super::{Concept, Expected, Lesson, from_text};
use crate::{Mode, Way};

/// Five downloads that each wait 3 seconds for the network, started as tasks.
pub fn downloads() -> Lesson {
    Lesson {
        id: "downloads",
        concept: Concept::CreateTask,
        try_this: "Run Blocking next to Spawn: the five start lines go from all at 0 s to 3 s apart, and \
                   the totals are the two tutorial programs' numbers. Gather gives the same \
                   total as Spawn, because the tasks were started either way.",
        expected: Expected {
            blocking: Some(15.0),
            concurrent: Some(3.0),
        },
        default_mode: Mode::Spawn,
        cooks: None,
        way: Way::Async,
        expected_prints: &[DOWNLOAD_STARTED; 5],
        recipe: from_text(include_str!("recipes/downloads.txt")),
    }
}

/// The line a download prints as it begins.
pub(super) const DOWNLOAD_STARTED: &str = "download started";
