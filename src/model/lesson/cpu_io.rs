//! The CPU-bound against I/O-bound lessons: waiting can be overlapped, work cannot.

use super::{Concept, Expected, Lesson, Task, Unit, recipe, wait, work};
use crate::model::Mode;

/// The kitchen lessons run at this speed so that their totals can be compared on screen: these two
/// and the first lesson on more cooks.
pub(super) const KITCHEN_MS_PER_MIN: f64 = 150.0;

/// Boiling water (waiting) and chopping salad (work): the chopping fills the boiling time.
pub fn boil_and_chop() -> Lesson {
    Lesson {
        id: "boil-and-chop",
        concept: Concept::CpuVsIo,
        try_this: "Run Blocking (18 min) and then Gather (10 min), and compare the thread lanes: in Gather \
                   the cook chops for 8 of the 10 minutes and is idle only while the last of the water \
                   heats. Then open the next lesson, where nothing is left to wait for.",
        expected: Expected {
            blocking: Some(18.0),
            concurrent: Some(10.0),
        },
        default_mode: Mode::Gather,
        cooks: None,
        expected_prints: &[],
        recipe: recipe(
            "Boil water, chop salad",
            "Boiling water is waiting: the pot goes on the stove and the stove does the rest. Chopping \
             salad is work: your hands are busy until the last leaf is cut. Put the water on first and \
             chop while it heats, and the two jobs take 10 minutes instead of 18. The time saved is \
             exactly the part spent waiting, which is why async helps with I/O-bound jobs.",
            Unit::Min,
            KITCHEN_MS_PER_MIN,
            vec![
                Task::new("boil_water", vec![wait(10, "water heats on the stove")]),
                Task::new("chop_salad", vec![work(8, "chop the salad")]),
            ],
            Vec::new(),
        ),
    }
}

/// Two hands-on jobs and nothing to wait for: async cannot save any time.
pub fn chop_and_dice() -> Lesson {
    Lesson {
        id: "chop-and-dice",
        concept: Concept::CpuVsIo,
        try_this: "Run Gather and then Blocking: both take 14 minutes, and in both the heartbeat lane stops \
                   for the whole run. Sequential and Spawn give the same 14 minutes too.",
        expected: Expected {
            blocking: Some(14.0),
            concurrent: Some(14.0),
        },
        default_mode: Mode::Gather,
        cooks: None,
        expected_prints: &[],
        recipe: recipe(
            "Chop salad, dice onions",
            "This time both jobs keep your hands busy: 8 minutes of chopping salad and 6 of dicing \
             onions. There is no waiting in either, so there is no gap for the other job to fill, and \
             one cook needs 14 minutes whatever the mode. Even in Gather the page freezes, because work \
             holds the one thread until it is finished. CPU-bound work needs more cooks, such as \
             threads, processes or web workers, not async.",
            Unit::Min,
            KITCHEN_MS_PER_MIN,
            vec![
                Task::new("chop_salad", vec![work(8, "chop the salad")]),
                Task::new("dice_onions", vec![work(6, "dice the onions")]),
            ],
            Vec::new(),
        ),
    }
}
