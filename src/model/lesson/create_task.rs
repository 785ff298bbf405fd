//! The create_task lesson: coroutines handed to the event loop start at once, and awaiting them later
//! only collects them (`test_async.py` against `test_noasync.py`).

use super::{Concept, Expected, Lesson, Task, Unit, copies, print, recipe, wait};
use crate::model::Mode;

/// Five downloads that each wait 3 seconds for the network, started as tasks.
pub fn downloads() -> Lesson {
    Lesson {
        id: "downloads",
        concept: Concept::CreateTask,
        try_this: "Run Blocking next to Spawn: the five start lines go from all at 0 s to 3 s apart, and \
                   the total from 3 s to 15 s, the two tutorial programs' numbers. Gather gives the same \
                   3 s as Spawn, because the tasks were started either way.",
        expected: Expected {
            blocking: Some(15.0),
            concurrent: Some(3.0),
        },
        default_mode: Mode::Spawn,
        cooks: None,
        expected_prints: &[DOWNLOAD_STARTED; 5],
        recipe: recipe(
            "Five downloads",
            "main starts five downloads, and each one notes that it has begun and then waits 3 \
             seconds for the network to answer. With plain functions and time.sleep, a download can \
             only begin once the one before it is over, so the start lines come 3 seconds apart and \
             the program needs 15 seconds. The async version hands every coroutine to the event loop \
             with ensure_future (create_task in newer Python, spawn_local in Rust) before awaiting any \
             of them, so all five start at 0 seconds and all five are done after 3. The tutorial \
             printed the time after each turn of main's loop; the console's timestamps show the same \
             pattern.",
            Unit::S,
            200.0,
            vec![download_task()],
            Vec::new(),
        ),
    }
}

/// The line a download prints as it begins.
pub(super) const DOWNLOAD_STARTED: &str = "download started";

/// Five copies of the download; the blocking-inside-async pitfall starts from this too.
pub(super) fn download_task() -> Task {
    copies(
        Task::new(
            "download",
            vec![print(DOWNLOAD_STARTED), wait(3, "wait for the network")],
        ),
        5,
    )
}
