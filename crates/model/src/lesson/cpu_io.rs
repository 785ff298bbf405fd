//! The CPU-bound against I/O-bound lessons: waiting can be overlapped, work cannot.

use super::{Concept, Expected, Lesson, from_text};
use crate::{Mode, Way};

/// Boiling water (waiting) and chopping salad (work): the chopping fills the boiling time.
pub fn boil_and_chop() -> Lesson {
    Lesson {
        id: "boil-and-chop",
        concept: Concept::CpuVsIo,
        try_this: "Run Blocking and then Gather, and compare the thread lanes: in Gather \
                   the cook chops for 8 minutes and is idle only while the last of the water \
                   heats. Then open the next lesson, where nothing is left to wait for.",
        expected: Expected {
            blocking: Some(18.0),
            concurrent: Some(10.0),
        },
        default_mode: Mode::Gather,
        cooks: None,
        way: Way::Async,
        expected_prints: &[],
        recipe: from_text(include_str!("recipes/boil-and-chop.txt")),
    }
}

/// Two hands-on jobs and nothing to wait for: async cannot save any time.
pub fn chop_and_dice() -> Lesson {
    Lesson {
        id: "chop-and-dice",
        concept: Concept::CpuVsIo,
        try_this: "Run Gather and then Blocking: both take as long, and in both the heartbeat lane stops \
                   for the whole run. Sequential and Spawn take just as long too.",
        expected: Expected {
            blocking: Some(14.0),
            concurrent: Some(14.0),
        },
        default_mode: Mode::Gather,
        cooks: None,
        way: Way::Async,
        expected_prints: &[],
        recipe: from_text(include_str!("recipes/chop-and-dice.txt")),
    }
}
