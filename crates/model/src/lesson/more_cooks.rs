//! The "more cooks" lessons: tasks handed to a pool of Web Workers, each its own thread and event
//! loop. Work can be shared out, up to the cores the machine has; waiting gains nothing, because one
//! thread already waits for everything at once; and every cook costs a start and two messages a task.
//!
//! Every lesson here opens in the processes mode with the cooks it names, and its concurrent total is
//! the processes mode's on that many perfect cooks (started, and free to talk to). The stories keep
//! to the tutorials' arithmetic: what real cooks cost is for the run to show.

use super::{Concept, Expected, Lesson, from_text};
use crate::{Mode, Way};

/// Chop salad and dice onions again, each on a cook of its own: the two jobs of work overlap.
pub fn more_cooks() -> Lesson {
    Lesson {
        id: "more-cooks",
        concept: Concept::MoreCooks,
        try_this: "Run More cooks with 2 cooks (about 8 min), then with 1 cook (as long as \
                   Blocking): one cook is one thread again. Then run Gather, which takes as long and \
                   freezes the page, because every job is on the page's own thread. Measured on a \
                   two-core machine in Chromium, cooks already started: 8.6 to 8.8 min on 2 cooks \
                   (the 8 of the salad, and two threads that share one machine are each a little \
                   slower than one alone), 8.6 to 9.1 on 4.",
        expected: Expected {
            blocking: Some(14.0),
            concurrent: Some(8.0),
        },
        default_mode: Mode::Processes,
        cooks: Some(2),
        way: Way::Async,
        expected_prints: &[],
        recipe: from_text(include_str!("recipes/more-cooks.txt")),
    }
}

/// Four copies of the same job: more cooks help up to the number of cores, and no further.
pub fn four_jobs() -> Lesson {
    Lesson {
        id: "four-jobs",
        concept: Concept::MoreCooks,
        try_this: "Run More cooks with 1, 2 and then 4 cooks: about 10 s on 2 and 5 s on 4 on a machine with \
                   four cores or more. The page says how many cores your browser reports; with two, four \
                   cooks still need about 10 s, because only two of them can work at any moment. \
                   Measured on a two-core machine in Chromium, cooks already started: \
                   11.5 to 12.0 s on 2, 11.2 to 11.3 on 4.",
        expected: Expected {
            blocking: Some(20.0),
            concurrent: Some(10.0),
        },
        default_mode: Mode::Processes,
        cooks: Some(2),
        way: Way::Async,
        expected_prints: &[],
        recipe: from_text(include_str!("recipes/four-jobs.txt")),
    }
}

/// Two hundred tasks of a quarter of a real millisecond each: handing them out costs more than
/// doing them.
pub fn tiny_tasks() -> Lesson {
    Lesson {
        id: "tiny-tasks",
        concept: Concept::MoreCooks,
        try_this: "Run Blocking (50 ms of real time), then More cooks with 2 cooks: the first run takes \
                   twice as long or more, most of it spent starting cooks, and every later one longer \
                   than Blocking still, spent passing messages. Measured on a two-core machine in \
                   Chromium: Blocking 61 ms of real time; 2 cooks 121 ms as they start, then 76 to 88; \
                   1 cook 89 to 96. Then raise each task's work to 40 (10 ms of real time) and run both \
                   again: now the work is worth handing out, and two cooks finish in little more than \
                   half the 2 s that Blocking needs.",
        expected: Expected {
            blocking: Some(200.0),
            // On perfect cooks the work would halve, which is the very thing real cooks do not do here.
            concurrent: None,
        },
        default_mode: Mode::Processes,
        cooks: Some(2),
        way: Way::Async,
        expected_prints: &[],
        recipe: from_text(include_str!("recipes/tiny-tasks.txt")),
    }
}

/// The five downloads on two cooks: waiting is what one thread already shares out best.
pub fn downloads_on_cooks() -> Lesson {
    Lesson {
        id: "downloads-on-cooks",
        concept: Concept::MoreCooks,
        try_this: "Run Gather (3 s) and then More cooks with 2 cooks (about 9 s): the console shows the \
                   downloads starting in pairs, 3 s apart. Give the kitchen 5 cooks and it comes back to \
                   about 3 s, plus the time the cooks take to start, and still cannot beat Gather. \
                   Measured on a two-core machine in Chromium, cooks already started: 15.0 s on 1 cook, \
                   9.0 on 2, 6.0 on 4; Gather 3.0 and Blocking 15.0. Waiting needs no core, so here \
                   cooks beyond the cores still help.",
        expected: Expected {
            blocking: Some(15.0),
            concurrent: Some(9.0),
        },
        default_mode: Mode::Processes,
        cooks: Some(2),
        way: Way::Async,
        expected_prints: &[],
        recipe: from_text(include_str!("recipes/downloads-on-cooks.txt")),
    }
}
