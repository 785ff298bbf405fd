//! The timeline chart's dimensions: the label column, the rows' heights and gaps, and the thresholds
//! below which things are drawn together.
//!
//! This module owns these numbers and nothing else. Every other timeline module reads them and none
//! defines its own, so that the layout, the rows, the marks and the drawing agree on one geometry
//! without importing one another. It imports no other timeline module, so it can never be part of
//! an import cycle; it must not decide what is drawn or compute any position itself.

/// The chart's width in SVG user units; the page scales it to fit.
pub const WIDTH: f64 = 1000.0;
/// Room on the left for lane names.
pub const LABEL_W: f64 = 136.0;
/// Room on the right, so the last tick's label is not cut off.
pub const RIGHT_PAD: f64 = 28.0;
/// Narrower than this, neighbouring segments are drawn as one bar: a sliver cannot be seen or
/// pointed at, and grouping bounds the number of elements by the chart's width rather than by the run.
pub const MIN_PX: f64 = 1.0;
/// Closer than this, two ticks of one kind on one row are drawn as one, which bounds their number
/// by the chart's width too.
pub const TICK_MIN_PX: f64 = 2.0;

/// The title line at the top, which names the run when the chart is exported on its own.
pub const TITLE_H: f64 = 24.0;
/// The two lines under the title that carry the end markers' labels.
pub const MARKS_H: f64 = 32.0;
/// A measured bar's height, and the heartbeat row's.
pub const LANE_H: f64 = 22.0;
/// The gap between a measured bar and its planned strip.
pub const PLAN_GAP: f64 = 2.0;
/// The planned strip's height.
pub const PLAN_H: f64 = 9.0;
/// The space between rows.
pub const ROW_GAP: f64 = 10.0;
/// A task bar's height when there are many task rows.
pub const COMPACT_LANE_H: f64 = 16.0;
/// A planned strip's height when there are many task rows.
pub const COMPACT_PLAN_H: f64 = 6.0;
/// The space between task rows when there are many.
pub const COMPACT_ROW_GAP: f64 = 7.0;
/// The line that stands for the lanes not drawn.
pub const NOTE_H: f64 = 24.0;
/// The long-task row's height.
pub const LONG_H: f64 = 10.0;
/// The axis's height under its line when ticks are written once, in the recipe's own milliseconds.
pub const AXIS_H: f64 = 24.0;
/// The axis's height when ticks are written twice: in the recipe's unit and in real milliseconds.
pub const AXIS_H_TWO_LINES: f64 = 38.0;

/// A gap between frames longer than this is drawn as a freeze: three frames missed at 60 Hz.
pub const FREEZE_MS: f64 = 50.0;
