//! The stage: which run it shows, where its cursor is, and playback.
//!
//! This file owns how the cursor moves (by stops when stepped, by time when sought or played) and
//! when it rests where a run is read from. What the loop looks like at the cursor is the replay's
//! (`kitchen_model::replay`); the page's ticker and keys only send [`StageAction`]s.

use kitchen_model::Mode;
use kitchen_model::replay::play::{self, Playhead, Speed};
use kitchen_model::replay::{Cursor, Replay};

use crate::kitchen::Kitchen;

/// Which run the stage shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Staged {
    /// The prediction of the chosen mode.
    Prediction,
    /// The latest measured run of this mode.
    Run(Mode),
}

/// The stage: which run it shows, where its cursor is and whether it plays.
#[derive(Clone, Debug, PartialEq)]
pub struct StageView {
    /// The run the learner put on the stage; `None` shows the newest run, else the prediction.
    pub choice: Option<Staged>,
    /// Where the learner put the cursor (a stop and a time); `None` rests it where a run is read
    /// from: the start of a prediction, the end of a finished run, the head of a live one.
    pub cursor: Option<(usize, f64)>,
    /// A moment a link asked for, in milliseconds, kept until the learner moves the cursor.
    pub link_at: Option<f64>,
    /// The speed playback runs at, while it plays.
    pub playing: Option<Speed>,
    /// The speed the play button uses.
    pub speed: Speed,
    /// Milliseconds played towards the next stop, when playing one stop a second.
    pub carried: f64,
    /// Whether the cursor was last moved by hand, so that its sentence is announced.
    pub announce: bool,
}

impl Default for StageView {
    fn default() -> Self {
        StageView {
            choice: None,
            cursor: None,
            link_at: None,
            playing: None,
            speed: Speed::StopPerSecond,
            carried: 0.0,
            announce: false,
        }
    }
}

impl StageView {
    /// Back to where a new run is read from; the speed and a link's moment stay.
    pub(crate) fn rest(&mut self) {
        self.cursor = None;
        self.playing = None;
        self.carried = 0.0;
        self.announce = false;
    }
}

/// What the learner (or playback) does to the stage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum StageAction {
    /// Put another run on the stage.
    Show(Staged),
    /// Move the cursor by this many stops.
    Step(isize),
    /// Put the cursor on this stop.
    ToStop(usize),
    /// Put the cursor at this time, in milliseconds.
    Seek(f64),
    /// Play the staged run at this speed, or pause.
    Play(Option<Speed>),
    /// Choose the playback speed.
    Speed(Speed),
    /// This many milliseconds of the page's clock passed while playing.
    Tick(f64),
}

/// Applies a stage action. None of them changes anything but the stage, so a playback tick copies
/// nothing large.
pub(crate) fn apply(kitchen: &mut Kitchen, action: StageAction) {
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
pub(crate) fn follow_new_run(stage: &mut StageView) {
    stage.choice = None;
    stage.rest();
}
