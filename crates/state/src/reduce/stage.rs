//! The stage's reducer: how the cursor moves (by stops when stepped, by time when sought or
//! played) and when it rests where a run is read from.

use kitchen_model::replay::play::{self, Playhead, Speed};
use kitchen_model::replay::{Cursor, Replay};

use crate::kitchen::Kitchen;
use crate::stage::{StageAction, StageView};

/// Applies a stage action. None of them changes anything but the stage, so a playback tick copies
/// nothing large.
pub(super) fn apply(kitchen: &mut Kitchen, action: StageAction) {
    match action {
        StageAction::Show(which) => {
            kitchen.stage.choice = Some(which);
            kitchen.stage.rest();
        }
        StageAction::Step(delta) => move_cursor(kitchen, |r, c| r.step(c, delta)),
        StageAction::ToStop(stop) => move_cursor(kitchen, |r, _| r.at_stop(stop)),
        StageAction::Seek(at) => move_cursor(kitchen, |r, _| r.seek(at)),
        StageAction::Play(speed) => play(kitchen, speed),
        StageAction::Speed(speed) => {
            kitchen.stage.speed = speed;
            if kitchen.stage.playing.is_some() {
                kitchen.stage.playing = Some(speed);
            }
        }
        StageAction::Tick(elapsed) => tick(kitchen, elapsed),
    }
}

/// Moves the cursor with `to`, which gets the staged run's replay and the cursor now. A live run's
/// cursor follows its head and cannot be moved.
fn move_cursor(kitchen: &mut Kitchen, to: impl FnOnce(&Replay, Cursor) -> Cursor) {
    let Some(staged) = kitchen.staged().filter(|s| !s.live) else {
        return;
    };
    let next = to(&staged.replay, kitchen.cursor(&staged));
    let stage = &mut kitchen.stage;
    stage.cursor = Some((next.stop, next.at));
    stage.link_at = None;
    stage.playing = None;
    stage.announce = true;
}

/// Plays the staged run at `speed`, or pauses; playing from the end starts again from the beginning.
fn play(kitchen: &mut Kitchen, speed: Option<Speed>) {
    let Some(staged) = kitchen.staged().filter(|s| !s.live) else {
        return;
    };
    if speed.is_some() && kitchen.cursor(&staged) == staged.replay.last() {
        let first = staged.replay.first();
        kitchen.stage.cursor = Some((first.stop, first.at));
    }
    let stage = &mut kitchen.stage;
    stage.playing = speed;
    stage.carried = 0.0;
    stage.link_at = None;
    stage.announce = speed.is_none();
}

/// Advances playback by `elapsed` milliseconds of the page's clock.
fn tick(kitchen: &mut Kitchen, elapsed: f64) {
    let (Some(speed), Some(staged)) = (kitchen.stage.playing, kitchen.staged()) else {
        return;
    };
    let head = Playhead {
        cursor: kitchen.cursor(&staged),
        carried: kitchen.stage.carried,
    };
    let (next, ended) = play::advance(&staged.replay, head, speed, elapsed);
    let stage = &mut kitchen.stage;
    stage.cursor = Some((next.cursor.stop, next.cursor.at));
    stage.carried = next.carried;
    stage.announce = false;
    if ended {
        stage.playing = None;
    }
}

/// The stage when a run begins or ends: that run on it, its cursor where the run is read from.
pub(super) fn follow_new_run(stage: &mut StageView) {
    stage.choice = None;
    stage.rest();
}
