//! The scale lesson: one thread looks after ten thousand waiting tasks.

use super::{Concept, Expected, Lesson, from_text};
use crate::{Mode, Way};

/// How many timers the lesson starts: the story's "ten thousand".
pub const TIMERS: u32 = 10_000;

/// How long each timer waits, in milliseconds: the story's 50 ms.
pub const TIMER_MS: u32 = 50;

/// Ten thousand tasks that each wait 50 ms, in real milliseconds.
///
/// Its blocking run would hold the page for 500 seconds, far beyond the other lessons' few seconds;
/// the story warns about it, and the page's blocking cap is what keeps a classroom tab alive.
pub fn ten_thousand_timers() -> Lesson {
    Lesson {
        id: "ten-thousand-timers",
        concept: Concept::Scale,
        try_this: "Run Gather and compare the measured total with the prediction: the difference is what it \
                   costs to start, wake and finish ten thousand futures. Try Blocking only after cutting the \
                   copies to a dozen or so; at ten thousand it would freeze the page for minutes.",
        expected: Expected {
            blocking: Some(f64::from(TIMERS) * f64::from(TIMER_MS)),
            concurrent: Some(f64::from(TIMER_MS)),
        },
        default_mode: Mode::Gather,
        cooks: None,
        way: Way::Async,
        expected_prints: &[],
        recipe: from_text(include_str!("recipes/ten-thousand-timers.txt")),
    }
}
