//! The chained-awaits lesson: a coroutine that awaits helpers in turn, each needing the one before.

use super::{Concept, Expected, Lesson, from_text};
use crate::{Mode, Way};

/// The fruit shop: `fruit()` awaits `wait_for_water()`, then `wait_for_melon()`, and reports
/// "water melon".
pub fn fruit_shop() -> Lesson {
    Lesson {
        id: "fruit-shop",
        concept: Concept::ChainedAwaits,
        try_this: "Run Blocking, Sequential and Gather in turn: the console shows the same six lines in \
                   the same order every time, and every total is the same. Awaiting a helper means waiting \
                   for its answer; nothing else is waiting to use the gap.",
        expected: Expected {
            blocking: Some(2.0),
            concurrent: Some(2.0),
        },
        default_mode: Mode::Gather,
        cooks: None,
        way: Way::Async,
        expected_prints: &[
            "inside fruit shop",
            "waiting for water",
            "fetch water",
            "waiting for melon",
            "fetch melon",
            "fruit name : water melon",
        ],
        recipe: from_text(include_str!("recipes/fruit-shop.txt")),
    }
}
