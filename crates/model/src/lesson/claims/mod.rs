//! What each lesson's text says about the page freezing, as data beside the text: the mode, what
//! the heartbeat does in it, and the words that say so.
//!
//! This module owns the claims only. Its tests hold each claim to the lesson's predicted run in
//! that mode, find the claim's words in the lesson's story or "try this", and find a declared claim
//! in every sentence of those texts that speaks of the heartbeat, a freeze or drawing, so that a
//! sentence cannot promise what the run will not show.

use crate::Mode;

/// What a lesson says the heartbeat does during a run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Heartbeat {
    /// It never stops: no hold of the thread as long as [`FREEZE_MS`](crate::freeze::FREEZE_MS).
    Beats,
    /// It stops for the whole run: one hold from the start to the end.
    StopsThroughout,
    /// It stops at least once.
    Stops,
    /// It stops exactly this many times, for these lengths in the recipe's unit, in order.
    StopsFor(&'static [f64]),
}

/// One claim a lesson's text makes about the page freezing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Claim {
    /// The mode the claim is about.
    pub mode: Mode,
    /// What the heartbeat does in it.
    pub heartbeat: Heartbeat,
    /// The words of the story or "try this" that make the claim, as they are written there.
    pub says: &'static str,
}

const fn claim(mode: Mode, heartbeat: Heartbeat, says: &'static str) -> Claim {
    Claim {
        mode,
        heartbeat,
        says,
    }
}

/// The claims about freezes in the text of the lesson `id` (empty for a lesson that makes none).
pub fn of(id: &str) -> &'static [Claim] {
    CLAIMS
        .iter()
        .find(|(lesson, _)| *lesson == id)
        .map_or(&[], |(_, claims)| claims)
}

use Heartbeat::{Beats, StopsFor, StopsThroughout};
use Mode::{Blocking, BlockingInAsync, Gather, Processes, Sequential};

/// Each lesson's claims, by its id.
const CLAIMS: &[(&str, &[Claim])] = &[
    (
        "cake",
        &[claim(
            Blocking,
            StopsThroughout,
            "watch the heartbeat lane stop: the page itself could not draw for the whole run",
        )],
    ),
    (
        "chores",
        &[
            claim(
                Sequential,
                StopsFor(&[60.0, 30.0]),
                "the heartbeat stops only while the cook works, for dinner's 60 minutes and the \
                 plants' 30",
            ),
            claim(
                Blocking,
                StopsThroughout,
                "Blocking stops it for the whole run",
            ),
        ],
    ),
    (
        "chop-and-dice",
        &[
            claim(
                Gather,
                StopsThroughout,
                "in both the heartbeat lane stops for the whole run",
            ),
            claim(
                Blocking,
                StopsThroughout,
                "in both the heartbeat lane stops for the whole run",
            ),
            claim(Gather, StopsThroughout, "Even in Gather the page freezes"),
        ],
    ),
    (
        "blocking-inside-async",
        &[
            claim(
                BlockingInAsync,
                StopsThroughout,
                "The page is frozen throughout even though every function is async",
            ),
            claim(
                BlockingInAsync,
                StopsThroughout,
                "Watch the heartbeat lane stop for the whole run",
            ),
        ],
    ),
    (
        "ten-thousand-timers",
        &[
            claim(
                Blocking,
                StopsThroughout,
                "Run as blocking functions the same waits would add up to 500 seconds, over eight \
                 minutes of frozen page",
            ),
            claim(
                Blocking,
                StopsThroughout,
                "at ten thousand it would freeze the page for minutes",
            ),
        ],
    ),
    (
        "more-cooks",
        &[
            claim(
                Processes,
                Beats,
                "the page's own thread stays free to draw all along",
            ),
            claim(
                Gather,
                StopsThroughout,
                "Then run Gather, which takes as long and freezes the page",
            ),
        ],
    ),
];

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
