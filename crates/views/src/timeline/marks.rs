//! The marks on a timeline chart that are not task bars: the heartbeat (frames and freezes) and the
//! lines at the run's ends (planned end, measured end, "now", or where it was stopped). A prediction
//! shown as a run has only its planned end, and its heartbeat says why it has no frames.
//!
//! This module owns where those marks go and what their labels say. It is pure; the SVG belongs to
//! `chart`, the rows of bars to `rows` and the poll marks to `polls`.

use std::rc::Rc;

use super::geometry::{FREEZE_MS, LABEL_W, TICK_MIN_PX};
use super::scale::{Scale, text_width};
use super::tips;
use kitchen_model::format;
use kitchen_model::run::RunResult;
use kitchen_model::{Recipe, Timeline};

/// A gap in the heartbeat long enough to be a freeze.
#[derive(Clone, Debug, PartialEq)]
pub struct Freeze {
    /// Where it starts.
    pub x: f64,
    /// How wide it is.
    pub w: f64,
    /// Its length, written inside when it fits.
    pub label: Option<String>,
    /// Its tooltip, by index into [`ChartModel::items`](super::layout::ChartModel::items).
    pub item: usize,
}

/// The heartbeat row: the frames the page drew and the gaps between them.
#[derive(Clone, Debug, PartialEq)]
pub struct Heartbeat {
    /// The row's top.
    pub y: f64,
    /// Where frames were drawn, thinned so that ticks stay at least two units apart.
    pub frames: Vec<f64>,
    /// The freezes.
    pub freezes: Vec<Freeze>,
    /// What the row says instead when it has neither frames nor freezes.
    pub blank: Option<&'static str>,
}

/// The heartbeat row of a run that recorded no frames.
pub const NO_FRAMES: &str = "no frames recorded";
/// The heartbeat row of a prediction, which has no frames because nothing ran.
pub const PREDICTION_NO_FRAMES: &str = "a prediction draws no frames: run it to see the page's own";

/// Which end a marker stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerKind {
    /// Where the prediction ends.
    Planned,
    /// Where the finished run ended.
    End,
    /// How far a live run has got.
    Now,
    /// Where a cancelled run was stopped.
    Stopped,
}

impl MarkerKind {
    /// The CSS class of the marker.
    pub fn class(self) -> &'static str {
        match self {
            MarkerKind::Planned => "planned",
            MarkerKind::End => "end",
            MarkerKind::Now => "now",
            MarkerKind::Stopped => "stopped",
        }
    }
}

/// A vertical line across the chart at one of the run's ends, with its label.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    /// What it marks.
    pub kind: MarkerKind,
    /// Where the line is.
    pub x: f64,
    /// The label's baseline; the line starts just below it.
    pub label_y: f64,
    /// The label.
    pub text: String,
    /// Where the label is anchored.
    pub text_x: f64,
    /// Whether the label ends at `text_x` (it sits left of the line) rather than starting there.
    pub anchor_end: bool,
}

/// The heartbeat row of `result`: frame ticks thinned to the chart's resolution, and the freezes
/// between them.
pub fn heartbeat(result: &RunResult, scale: Scale, y: f64, items: &mut Vec<Rc<str>>) -> Heartbeat {
    let (recipe, timeline): (&Recipe, &Timeline) = (&result.recipe, &result.timeline);
    let mut frames: Vec<f64> = Vec::new();
    for &at in &timeline.frames {
        if !(0.0..=scale.span()).contains(&at) {
            continue;
        }
        let x = scale.x(at);
        if frames.last().is_none_or(|&last| x - last >= TICK_MIN_PX) {
            frames.push(x);
        }
    }
    let mut freezes = Vec::new();
    for pair in timeline.frames.windows(2) {
        let gap = pair[1] - pair[0];
        let (start, end) = (pair[0].max(0.0), pair[1].min(scale.span()));
        if gap <= FREEZE_MS || end <= start {
            continue;
        }
        let (x, w) = (scale.x(start), scale.x(end) - scale.x(start));
        let long = format!("frozen {}", format::millis(gap));
        let short = format::millis(gap);
        let label = [long, short]
            .into_iter()
            .find(|text| text_width(text, 12.0) + 8.0 <= w);
        items.push(tips::freeze(recipe, pair[0], pair[1], gap).into());
        freezes.push(Freeze {
            x,
            w,
            label,
            item: items.len() - 1,
        });
    }
    let blank = (frames.is_empty() && freezes.is_empty()).then_some(if result.predicted {
        PREDICTION_NO_FRAMES
    } else {
        NO_FRAMES
    });
    Heartbeat {
        y,
        frames,
        freezes,
        blank,
    }
}

/// The planned end and the measured end (or "now", or where the run was stopped), labelled on the
/// two lines under a title `title_h` high.
pub fn markers(result: &RunResult, scale: Scale, title_h: f64) -> Vec<Marker> {
    let recipe = &result.recipe;
    let units = |ms: f64| format::units(recipe, ms);
    let (kind, word) = if result.live {
        (MarkerKind::Now, "now")
    } else if result.timeline.cancelled {
        (MarkerKind::Stopped, "stopped at")
    } else {
        (MarkerKind::End, "measured end")
    };
    let planned_end = result.prediction.timeline.end;
    let marks = [
        (MarkerKind::Planned, planned_end, "planned end", 0.0),
        (kind, result.timeline.end, word, 15.0),
    ];
    // A prediction's end is its planned end: a second line would claim that something ran.
    let shown = if result.predicted { 1 } else { marks.len() };
    marks
        .into_iter()
        .take(shown)
        .map(|(kind, at, word, row)| {
            let x = scale.x(at);
            let text = format!("{word} {}", units(at));
            let label_y = title_h + 12.0 + row;
            // Left of the line when it fits, so the label reads as "this line is where it ends".
            let anchor_end = x - LABEL_W >= text_width(&text, 12.0) + 6.0;
            let text_x = if anchor_end { x - 5.0 } else { x + 5.0 };
            Marker {
                kind,
                x,
                label_y,
                text,
                text_x,
                anchor_end,
            }
        })
        .collect()
}
