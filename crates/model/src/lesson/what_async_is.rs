//! The "what async is" lessons: one person, chores with waiting in them, and the time saved by
//! filling the waits.

use super::{Concept, Expected, Lesson, from_text};
use crate::{Mode, Way};

/// One cook bakes a cake (15 minutes of dough, 45 in the oven) and shops for groceries (20 minutes).
pub fn cake_and_groceries() -> Lesson {
    Lesson {
        id: "cake",
        concept: Concept::WhatAsyncIs,
        try_this: "Run Blocking and watch the heartbeat lane stop: the page itself could not draw for the \
                   whole run. Then run Gather and find the last 25 minutes, where the thread lane is \
                   idle and only the oven is working.",
        expected: Expected {
            blocking: Some(80.0),
            concurrent: Some(60.0),
        },
        default_mode: Mode::Gather,
        cooks: None,
        way: Way::Async,
        expected_prints: &[],
        recipe: from_text(include_str!("recipes/cake.txt")),
    }
}

/// Four chores for one person: two of them are machines to wait for, two keep the hands busy.
pub fn chores() -> Lesson {
    Lesson {
        id: "chores",
        concept: Concept::WhatAsyncIs,
        try_this: "Run Gather and look at the laundry lane after 60 minutes: the wash is done, yet the \
                   lane is ready rather than running, because the thread is busy with the plants. Then run \
                   Sequential: 180 minutes, as slow as Blocking, but the heartbeat stops only while the \
                   cook works, for dinner's 60 minutes and the plants' 30, and beats on while the machines \
                   run. Blocking stops it for the whole run.",
        expected: Expected {
            blocking: Some(180.0),
            concurrent: Some(90.0),
        },
        default_mode: Mode::Gather,
        cooks: None,
        way: Way::Async,
        expected_prints: &[],
        recipe: from_text(include_str!("recipes/chores.txt")),
    }
}

/// The cake and groceries again, with the tasks' code written as callbacks, as the state machine
/// the compiler writes, and with async/await: it opens as callbacks.
pub fn three_ways() -> Lesson {
    Lesson {
        id: "three-ways",
        concept: Concept::WhatAsyncIs,
        try_this: "Step through Gather as callbacks: the lens in the event loop panel says which \
                   callback each task has registered and when it fires. Then switch the code's Way \
                   to State machine and step again, watching cake's future move from Unresumed to \
                   Suspend0 as the cake goes into the oven and to Returned as it comes out. Run all \
                   three ways and compare their consoles and timelines.",
        expected: Expected {
            blocking: Some(80.0),
            concurrent: Some(60.0),
        },
        default_mode: Mode::Gather,
        cooks: None,
        way: Way::Callbacks,
        expected_prints: &[],
        recipe: from_text(include_str!("recipes/three-ways.txt")),
    }
}
