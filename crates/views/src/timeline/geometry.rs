//! The timeline chart's dimensions: the label column, the rows' heights and gaps, and the thresholds
//! below which things are drawn together.
//!
//! This module owns these numbers, and the rule that turns the width of a chart's container into the
//! chart's own. Every other timeline module reads them and none defines its own, so that the layout,
//! the rows, the marks and the drawing agree on one geometry without importing one another. It
//! imports no other timeline module, so it can never be part of an import cycle; it must not decide
//! what is drawn or where.
//!
//! The chart is drawn one SVG unit to one CSS pixel, so that its text shows at its nominal size on
//! any screen: its width follows its container instead of being scaled to fit it.

/// The chart's width before its container has been measured.
pub const DEFAULT_WIDTH: f64 = 1000.0;
/// The narrowest chart: a phone's 390 px screen leaves a stage's chart about 340 px, which it fills,
/// so that the end of a run is on screen rather than past the right edge; the label column keeps
/// its width and the axis gets fewer ticks. Below this the plotting area would be too short to
/// read, so a narrower container scrolls instead, and says so ([`scrolls_sideways`]).
pub const MIN_WIDTH: f64 = 320.0;
/// The widest chart: wider, a run's bars would only stretch, and the lines would be long to follow.
pub const MAX_WIDTH: f64 = 1600.0;
/// The chart's width moves in steps of this many pixels, so that resizing a window by a few pixels
/// does not lay the chart out again.
pub const WIDTH_STEP: f64 = 20.0;
/// Room on the left for lane names.
pub const LABEL_W: f64 = 136.0;
/// Room on the right, so the last tick's label is not cut off.
pub const RIGHT_PAD: f64 = 28.0;
/// Narrower than this, neighbouring segments are drawn as one bar: a sliver cannot be seen or
/// pointed at, and grouping bounds the number of elements by the chart's width rather than by the run.
pub const MIN_PX: f64 = 1.0;
/// The same for a live run's snapshots, redrawn every half second while the run goes. Chop and
/// dice on two GIL threads changes hands every 5 ms, 2 px at 1 000 px: its snapshots were 1 700
/// bars, whose drawing froze the page over 100 ms each, and the page keeps the GIL, which sat idle
/// meanwhile (the heartbeat's and the GIL row's gaps lined up). Grouped at 6 px, a snapshot shows
/// the turns as one stretch, and the finished run's chart draws every turn.
pub const LIVE_MIN_PX: f64 = 6.0;
/// Closer than this, two ticks of one kind on one row are drawn as one, which bounds their number
/// by the chart's width too.
pub const TICK_MIN_PX: f64 = 2.0;
/// The least room between two labelled ticks of the axis, so that labels such as `1 200 ms` never
/// touch: a narrow chart gets fewer ticks rather than smaller text. `1 200 ms` at the axis's 11 px is
/// about 45 px wide in system-ui, and `60 min` at 13 px about 42; 56 px keeps them apart and still
/// gives a phone's 176 px plotting area three intervals (0, 20, 40, 60 min) rather than one.
pub const AXIS_TICK_GAP: f64 = 56.0;

/// The title line at the top, which names the run when the chart is exported on its own.
pub const TITLE_H: f64 = 24.0;
/// The line the subtitle moves to when it does not fit beside the title on a narrow chart.
pub const SUBTITLE_H: f64 = 17.0;
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
/// The strip just above a task's bar that carries its wakes along its top and its poll ticks below
/// them.
pub const POLL_H: f64 = 9.0;
/// The top of the poll strip, where wakes are drawn: a wake is usually followed at once by the poll
/// it asked for, and one above the other the two stay apart instead of hiding each other.
pub const WAKE_H: f64 = 4.0;
/// The space between the poll strip and the bar it belongs to.
pub const POLL_GAP: f64 = 1.0;
/// A task bar's height when there are many task rows.
pub const COMPACT_LANE_H: f64 = 16.0;
/// A planned strip's height when there are many task rows.
pub const COMPACT_PLAN_H: f64 = 6.0;
/// The space between task rows when there are many: less than [`ROW_GAP`], since the next row's
/// poll strip already keeps the bars apart.
pub const COMPACT_ROW_GAP: f64 = 5.0;
/// A task bar's height when a stage's chart must fit a short screen.
pub const DENSE_LANE_H: f64 = 12.0;
/// A planned strip's height then.
pub const DENSE_PLAN_H: f64 = 4.0;
/// The strip above a bar for its polls and wakes then.
pub const DENSE_POLL_H: f64 = 7.0;
/// The space between task rows then.
pub const DENSE_ROW_GAP: f64 = 3.0;
/// The space between task rows when even dense rows without their planned strips do not fit: the
/// poll strip above each bar still keeps the bars apart.
pub const TIGHT_ROW_GAP: f64 = 1.0;
/// The line that stands for the lanes not drawn.
pub const NOTE_H: f64 = 24.0;
/// Each further line of that note, when it has to wrap on a narrow chart.
pub const NOTE_LINE_H: f64 = 16.0;
/// The long-task row's height.
pub const LONG_H: f64 = 10.0;
/// The axis's height under its line when ticks are written once, in the recipe's own milliseconds.
pub const AXIS_H: f64 = 24.0;
/// The axis's height when ticks are written twice: in the recipe's unit and in real milliseconds.
pub const AXIS_H_TWO_LINES: f64 = 38.0;

/// A gap between frames longer than this is drawn as a freeze: three frames missed at 60 Hz.
pub const FREEZE_MS: f64 = 50.0;

/// The chart's width for a container `px` CSS pixels wide: rounded down to a [`WIDTH_STEP`], so that
/// it fits without a scroll bar, and kept within [`MIN_WIDTH`] and [`MAX_WIDTH`]. `None` for a
/// container with no width (hidden, or not laid out yet), so that the chart keeps the width it had.
pub fn chart_width(px: f64) -> Option<f64> {
    (px.is_finite() && px > 0.0)
        .then(|| ((px / WIDTH_STEP).floor() * WIDTH_STEP).clamp(MIN_WIDTH, MAX_WIDTH))
}

/// Whether a container `px` CSS pixels wide is narrower than the narrowest chart, so that the chart
/// runs past its right edge and the figure must say that it scrolls. `false` for a container with no
/// width, which shows nothing yet.
pub fn scrolls_sideways(px: f64) -> bool {
    px.is_finite() && px > 0.0 && px < MIN_WIDTH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chart_follows_its_container_in_steps_within_bounds() {
        // A projector's 1280 px page leaves the chart a column of about 760 px.
        assert_eq!(chart_width(765.4), Some(760.0));
        assert_eq!(chart_width(760.0), Some(760.0));
        assert_eq!(chart_width(779.9), Some(760.0));
        // A phone's 390 px screen leaves the stage's chart a box of about 340 px, which it fills.
        assert_eq!(chart_width(340.0), Some(340.0));
        assert_eq!(chart_width(300.0), Some(MIN_WIDTH));
        assert_eq!(chart_width(4000.0), Some(MAX_WIDTH));
        assert_eq!(chart_width(0.0), None);
        assert_eq!(chart_width(f64::NAN), None);
    }

    #[test]
    fn only_a_box_narrower_than_the_narrowest_chart_scrolls() {
        assert!(!scrolls_sideways(340.0));
        assert!(!scrolls_sideways(MIN_WIDTH));
        assert!(scrolls_sideways(300.0));
        assert!(!scrolls_sideways(0.0));
        assert!(!scrolls_sideways(f64::NAN));
    }
}
