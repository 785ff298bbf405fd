//! The stage: which run it shows, where its cursor is, and playback; and what can be done to it.
//!
//! How the cursor moves (by stops when stepped, by time when sought or played) is the reducer's
//! (`reduce::stage`). What the loop looks like at the cursor is the replay's
//! (`kitchen_model::replay`); the page's ticker and keys only send [`StageAction`]s.

use kitchen_model::Mode;
use kitchen_model::replay::play::Speed;

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
