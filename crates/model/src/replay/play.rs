//! Playing a run back: the cursor moved by the clock, at a speed in real-run time or one stop a
//! second.
//!
//! This module owns the arithmetic of playback and nothing else: the page's ticker says how much
//! time passed since the last frame, and [`advance`] says where the cursor goes.

use super::{Cursor, Replay};

/// How fast a run plays back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Speed {
    /// A quarter of the run's real speed.
    Quarter,
    /// The run's real speed.
    One,
    /// Four times the run's real speed.
    Four,
    /// One stop a second, whatever their times: for a class to follow.
    StopPerSecond,
}

impl Speed {
    /// Every speed, in the order the page offers them.
    pub const ALL: [Speed; 4] = [
        Speed::StopPerSecond,
        Speed::Quarter,
        Speed::One,
        Speed::Four,
    ];

    /// The stable identifier used in the page's markup.
    pub fn id(self) -> &'static str {
        match self {
            Speed::Quarter => "0.25",
            Speed::One => "1",
            Speed::Four => "4",
            Speed::StopPerSecond => "step",
        }
    }

    /// The speed an identifier names.
    pub fn from_id(id: &str) -> Option<Speed> {
        Speed::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The name shown in the speed picker.
    pub fn label(self) -> &'static str {
        match self {
            Speed::Quarter => "¼× real time",
            Speed::One => "1× real time",
            Speed::Four => "4× real time",
            Speed::StopPerSecond => "one event a second",
        }
    }
}

/// Where playback has got to: the cursor, and time carried over towards the next stop.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Playhead {
    /// The cursor.
    pub cursor: Cursor,
    /// Milliseconds of the page's clock played since the last stop, when playing stop by stop.
    pub carried: f64,
}

/// Moves `head` on by `elapsed` milliseconds of the page's clock at `speed`. Returns the new head
/// and whether playback reached the run's end.
pub fn advance(replay: &Replay, head: Playhead, speed: Speed, elapsed: f64) -> (Playhead, bool) {
    let elapsed = if elapsed.is_finite() {
        elapsed.max(0.0)
    } else {
        0.0
    };
    let last = replay.last();
    let next = match speed {
        Speed::StopPerSecond => {
            let carried = head.carried + elapsed;
            let steps = (carried / 1000.0).floor();
            let cursor = replay.step(head.cursor, steps as isize);
            Playhead {
                cursor,
                carried: carried - steps * 1000.0,
            }
        }
        _ => {
            let factor = match speed {
                Speed::Quarter => 0.25,
                Speed::Four => 4.0,
                _ => 1.0,
            };
            let at = head.cursor.at + elapsed * factor;
            let mut cursor = if at >= last.at { last } else { replay.seek(at) };
            // Moving forward never goes back to the first of several stops at one instant.
            if cursor.stop < head.cursor.stop {
                cursor.stop = head.cursor.stop;
            }
            Playhead {
                cursor,
                carried: 0.0,
            }
        }
    };
    let ended = next.cursor.stop == last.stop && next.cursor.at >= last.at;
    (next, ended)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Mode, lesson, predict::predict};

    fn cake() -> (crate::Recipe, Replay) {
        let recipe = lesson::cake_and_groceries().recipe;
        let replay = Replay::new(&recipe, Mode::Gather, &predict(&recipe, Mode::Gather), true);
        (recipe, replay)
    }

    #[test]
    fn real_time_playback_moves_the_cursor_by_the_clock_times_the_speed() {
        let (_, replay) = cake();
        let head = Playhead {
            cursor: replay.first(),
            carried: 0.0,
        };
        let (quarter, _) = advance(&replay, head, Speed::Quarter, 1600.0);
        assert_eq!(quarter.cursor.at, 400.0);
        let (four, ended) = advance(&replay, head, Speed::Four, 100.0);
        assert_eq!((four.cursor.at, ended), (400.0, false));
        let (done, ended) = advance(&replay, four, Speed::One, 10_000.0);
        assert_eq!((done.cursor, ended), (replay.last(), true));
    }

    #[test]
    fn stop_by_stop_playback_takes_one_stop_a_second_and_carries_the_rest() {
        let (_, replay) = cake();
        let head = Playhead {
            cursor: replay.first(),
            carried: 0.0,
        };
        let (a, _) = advance(&replay, head, Speed::StopPerSecond, 600.0);
        assert_eq!((a.cursor.stop, a.carried), (0, 600.0));
        let (b, _) = advance(&replay, a, Speed::StopPerSecond, 1500.0);
        assert_eq!((b.cursor.stop, b.carried), (2, 100.0));
        assert_eq!(b.cursor.at, replay.stops()[2].at);
    }
}
