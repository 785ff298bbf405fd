//! The threads lessons: tasks as plain functions on a pool of threads (Web Workers) that take
//! turns on one lock, the GIL, to compute. Waiting releases the lock, so threads overlap their
//! waits as asyncio does; work needs it, so CPU-bound threads add up unless free-threaded.
//!
//! Both lessons open in the threads mode with a thread per task (the page's default), and their
//! concurrent total is the threads mode's with the GIL on threads that cost nothing to start.

use super::{Concept, Expected, Lesson, from_text};
use crate::{Mode, Way};

/// The five downloads on five threads: as fast as asyncio's one thread, at the price of five.
pub fn threads_for_downloads() -> Lesson {
    Lesson {
        id: "threads-for-downloads",
        concept: Concept::Threads,
        try_this: "Run Threads with 5 threads (about 3 s), then with 1 thread (15 s, like Blocking) \
                   and 2 (9 s). Each thread's row shows it sleeping, and the GIL row shows that \
                   nobody held the lock for long: a sleeping thread does not need it. Then turn \
                   Free-threaded on: still 3 s, for there was no work to share. Then run Gather: \
                   3 s on one thread.",
        expected: Expected {
            blocking: Some(15.0),
            concurrent: Some(3.0),
        },
        default_mode: Mode::Threads,
        cooks: None,
        way: Way::Async,
        expected_prints: &[],
        recipe: from_text(include_str!("recipes/threads-for-downloads.txt")),
    }
}

/// Chop and dice on two threads: the GIL lets one compute at a time, so nothing is gained, until
/// the threads are free-threaded.
pub fn threads_for_chopping() -> Lesson {
    Lesson {
        id: "threads-for-chopping",
        concept: Concept::Threads,
        try_this: "Run Threads with 2 threads: 14 min, as long as Blocking, with the two threads \
                   taking turns on the GIL every 5 ms (point at the GIL row to read a turn). Then \
                   turn Free-threaded on and run again: about 8 min on a machine with two cores, \
                   the salad's 8, for the two threads compute at once. More cooks (processes) \
                   gets the same 8 without the switch.",
        expected: Expected {
            blocking: Some(14.0),
            concurrent: Some(14.0),
        },
        default_mode: Mode::Threads,
        cooks: None,
        way: Way::Async,
        expected_prints: &[],
        recipe: from_text(include_str!("recipes/threads-for-chopping.txt")),
    }
}

/// The four ways against two kinds of work, as a table of real runs (`four_ways`); its own recipe
/// is the I/O-bound column's.
pub fn four_ways() -> Lesson {
    Lesson {
        id: "four-ways",
        concept: Concept::Threads,
        try_this: "Press Fill the table: it runs blocking, threads, gather and processes on the \
                   five downloads and on chop and dice, one after another (about 25 s in all). \
                   Click a cell to see its run on the stage. \
                   The downloads take 15 s blocking, about 3 on threads and gathered, and 9 on \
                   two processes; chop and dice takes 14 min blocking, on threads and gathered \
                   alike, and about 8 on two processes on a machine with two cores.",
        expected: Expected {
            blocking: Some(15.0),
            concurrent: Some(3.0),
        },
        default_mode: Mode::Threads,
        cooks: None,
        way: Way::Async,
        expected_prints: &[],
        recipe: from_text(include_str!("recipes/four-ways.txt")),
    }
}
