//! The timeline's scale and numbers: where a time falls on the chart, which ticks the axis gets,
//! and how times, ranges and lateness are written.
//!
//! This module owns the mapping from milliseconds to the chart's x axis and every number format the
//! timeline shows; the dimensions it maps onto are `geometry`'s. It is pure (no Yew, no browser), so
//! it is tested natively; it must not decide what is drawn.

use super::geometry::{
    AXIS_TICK_GAP, DEFAULT_WIDTH, LABEL_W, LIVE_MIN_PX, MAX_WIDTH, MIN_PX, MIN_WIDTH, RIGHT_PAD,
};
use kitchen_model::format::{self, Fixed};
use kitchen_model::{Recipe, Unit};

/// Maps milliseconds since the run began onto the chart's x axis, and back.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    span: f64,
    width: f64,
    /// Narrower than this, neighbouring segments are drawn as one bar ([`MIN_PX`], or
    /// [`LIVE_MIN_PX`] for a live snapshot).
    min_px: f64,
}

impl Scale {
    /// A scale on which `span` milliseconds fill the plotting area of a chart `width` pixels wide. A
    /// zero span becomes one millisecond; a width is kept within the chart's bounds.
    pub fn new(span: f64, width: f64) -> Scale {
        Scale {
            span: if span.is_finite() && span > 0.0 {
                span
            } else {
                1.0
            },
            width: if width.is_finite() {
                width.clamp(MIN_WIDTH, MAX_WIDTH)
            } else {
                DEFAULT_WIDTH
            },
            min_px: MIN_PX,
        }
    }

    /// The same scale for a live snapshot, whose bars are grouped coarser ([`LIVE_MIN_PX`]).
    pub fn live(self) -> Scale {
        Scale {
            min_px: LIVE_MIN_PX,
            ..self
        }
    }

    /// Narrower than this, neighbouring segments are drawn as one bar.
    pub fn min_px(self) -> f64 {
        self.min_px
    }

    /// The milliseconds the axis covers.
    pub fn span(self) -> f64 {
        self.span
    }

    /// The chart's width, in CSS pixels and SVG units alike.
    pub fn width(self) -> f64 {
        self.width
    }

    /// Where the plotting area ends on the right: the end of the axis.
    pub fn right(self) -> f64 {
        self.width - RIGHT_PAD
    }

    /// The x coordinate of a time, clamped to the plotting area.
    pub fn x(self, ms: f64) -> f64 {
        LABEL_W + kitchen_model::timeline::clamp(ms, 0.0, self.span) / self.span * self.plot_w()
    }

    /// The time under an x coordinate, clamped to the axis: the inverse of [`Scale::x`].
    pub fn time_at(self, x: f64) -> f64 {
        kitchen_model::timeline::clamp((x - LABEL_W) / self.plot_w(), 0.0, 1.0) * self.span
    }

    /// The time a click at `x` asks for, or `None` when it falls in the label column, which names
    /// the lanes rather than standing for a time.
    pub fn seek(self, x: f64) -> Option<f64> {
        (x >= LABEL_W).then(|| self.time_at(x))
    }

    fn plot_w(self) -> f64 {
        self.width - LABEL_W - RIGHT_PAD
    }
}

/// One labelled tick of the time axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Where the tick is.
    pub x: f64,
    /// The time in the recipe's unit, such as `20 min`.
    pub units: String,
    /// The same time in real milliseconds, or `None` when the recipe's times already are.
    pub ms: Option<String>,
}

/// The axis ticks for a recipe over a scale: round numbers of the recipe's unit, at least
/// [`AXIS_TICK_GAP`] apart.
pub fn ticks(recipe: &Recipe, scale: Scale) -> Vec<Tick> {
    let span_units = recipe.units(scale.span());
    // As many intervals as keep ticks AXIS_TICK_GAP apart: a span a little over a round number (60.4
    // min) still gets the ticks of that number (20, 40, 60 min), which are as far apart as it allows.
    let most = (scale.plot_w() / AXIS_TICK_GAP).clamp(2.0, 10.0);
    let step = tick_step(span_units, most);
    let decimals = decimals_of(step);
    let count = (span_units / step + 1e-9).floor() as usize;
    (0..=count)
        .map(|i| {
            let units = i as f64 * step;
            let ms = recipe.ms(units);
            Tick {
                x: scale.x(ms),
                // Zero needs no decimals whatever the step: "0 s", not "0.0 s".
                units: if i == 0 {
                    format!("0 {}", recipe.unit.symbol())
                } else {
                    format!("{} {}", Fixed(units, decimals as u8), recipe.unit.symbol())
                },
                ms: (!in_real_ms(recipe)).then(|| format::millis(ms)),
            }
        })
        .collect()
}

/// A round tick spacing (1, 2 or 5 times a power of ten) that gives at most `most` intervals.
pub fn tick_step(span: f64, most: f64) -> f64 {
    const NICE: [f64; 3] = [1.0, 2.0, 5.0];
    if !(span.is_finite() && span > 0.0) {
        return 1.0;
    }
    let mut magnitude = power_of_ten_below(span) / 10.0;
    loop {
        for n in NICE {
            let step = n * magnitude;
            if span / step <= most + 1e-9 {
                return step;
            }
        }
        magnitude *= 10.0;
    }
}

/// The largest power of ten at most `x` (a positive, finite number): `10^floor(log10 x)`, found by
/// counting rather than with `log10` and `powf`, whose libm code (3.5 KB raw) every learner would
/// download for the axis's ticks. Powers of ten up to 10^22 are exact doubles, and a negative
/// power is one division by an exact one, so each is the double nearest its value.
fn power_of_ten_below(x: f64) -> f64 {
    let exact = |k: i32| (0..k.unsigned_abs()).fold(1.0, |p, _| p * 10.0);
    let mut k = 0;
    if x >= 1.0 {
        while k < 308 && exact(k + 1) <= x {
            k += 1;
        }
        exact(k)
    } else {
        while k < 308 && x * exact(k) < 1.0 {
            k += 1;
        }
        1.0 / exact(k)
    }
}

/// How many decimals a tick step needs to be written exactly (0 for whole steps).
fn decimals_of(step: f64) -> usize {
    let mut decimals = 0;
    let mut scaled = step;
    // A step is 1, 2 or 5 times a power of ten: a tenth of it rounds to just under a whole one.
    while scaled < 1.0 - 1e-9 && decimals < 20 {
        scaled *= 10.0;
        decimals += 1;
    }
    decimals
}

/// A time range in the recipe's unit and in milliseconds, such as `15.0–60.0 min (300–1 200 ms)`;
/// an instant, such as a print, is written as one time: `at 1.0 s (1 000 ms)`.
pub fn range(recipe: &Recipe, start: f64, end: Option<f64>) -> String {
    let unit = recipe.unit.symbol();
    let units = |v: f64| Fixed(recipe.units(v), 1).to_string();
    if end.is_some_and(|e| (e - start).abs() < 0.05) {
        return if in_real_ms(recipe) {
            format!("at {} {unit}", units(start))
        } else {
            format!("at {} {unit} ({})", units(start), format::millis(start))
        };
    }
    let end_units = end.map_or_else(|| "…".to_owned(), units);
    let in_units = format!("{}–{end_units} {unit}", units(start));
    if in_real_ms(recipe) {
        return in_units;
    }
    // Whole milliseconds would write a sliver of a millisecond as "1–1 ms".
    let fine = end.is_some_and(|e| e - start < 10.0);
    let ms = |v: f64| {
        if fine && v.abs() < 1000.0 {
            Fixed(v, 1).to_string()
        } else {
            bare_millis(v)
        }
    };
    let end_ms = end.map_or_else(|| "…".to_owned(), ms);
    format!("{in_units} ({}–{end_ms} ms)", ms(start))
}

/// Whether the recipe's times already are real milliseconds, so writing them twice would say nothing.
pub fn in_real_ms(recipe: &Recipe) -> bool {
    recipe.unit == Unit::Ms && (recipe.scale_ms - 1.0).abs() < 1e-9
}

/// A signed difference in milliseconds, such as `+12 ms`, `−3 ms` or `±0 ms`.
pub fn signed_millis(ms: f64) -> String {
    let whole = ms.round();
    if whole == 0.0 {
        "±0 ms".to_owned()
    } else if whole > 0.0 {
        format!("+{}", format::millis(whole))
    } else {
        format::millis(whole)
    }
}

/// Milliseconds without the unit, grouped like [`format::millis`].
fn bare_millis(ms: f64) -> String {
    let text = format::millis(ms);
    text.trim_end_matches(" ms").to_owned()
}

/// A count with thin-space thousands, such as `9 988`.
pub fn count(n: usize) -> String {
    bare_millis(n as f64)
}

/// A rough width of a label in SVG units, for deciding whether it fits: system fonts average a little
/// over half an em per character.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    text.chars().count() as f64 * font_px * 0.58
}

/// `text` broken at spaces into lines no wider than `max_w` at `font_px`, as far as words allow: a
/// word longer than a line gets a line of its own.
pub fn wrap(text: &str, max_w: f64, font_px: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(line) if text_width(&format!("{line} {word}"), font_px) <= max_w => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use kitchen_model::lesson;

    #[test]
    fn powers_of_ten_and_decimals_are_what_logarithms_give() {
        // Every span an axis may have, from a tenth of a millisecond to days, at many points of
        // each decade, and the exact powers themselves.
        let mut x: f64 = 1e-4;
        while x < 1e9 {
            for at in [x, x * 1.000_001, x * 2.5, x * 9.999_999] {
                let expected = 10f64.powf(at.log10().floor());
                assert_eq!(power_of_ten_below(at), expected, "{at}");
            }
            x *= 10.0;
        }
        for (step, decimals) in [
            (5.0_f64, 0),
            (1.0, 0),
            (0.5, 1),
            (0.2, 1),
            (0.1, 1),
            (0.05, 2),
            (0.001, 3),
        ] {
            assert_eq!(decimals_of(step), decimals, "{step}");
            assert_eq!(decimals_of(step), (-step.log10()).ceil().max(0.0) as usize);
        }
    }

    #[test]
    fn tick_steps_are_round_and_few() {
        for (span, step) in [
            (80.0, 10.0),
            (60.0, 10.0),
            (9.0, 1.0),
            (15.0, 2.0),
            (180.0, 20.0),
            (3.0, 0.5),
            (1.0, 0.1),
            (0.05, 0.005),
            (312.0, 50.0),
        ] {
            assert_eq!(tick_step(span, 10.0), step, "span {span}");
        }
        assert_eq!(tick_step(0.0, 10.0), 1.0);
        assert_eq!(tick_step(80.0, 6.0), 20.0);
    }

    #[test]
    fn a_narrow_chart_gets_fewer_ticks_never_closer_than_their_labels_need() {
        let recipe = lesson::cake_and_groceries().recipe;
        for width in [600.0, 760.0, 1000.0, 1600.0] {
            let ticks = ticks(&recipe, Scale::new(recipe.ms(80.0), width));
            assert!(ticks.len() >= 3, "{width}: {ticks:?}");
            for pair in ticks.windows(2) {
                assert!(pair[1].x - pair[0].x >= AXIS_TICK_GAP, "{width}: {pair:?}");
            }
        }
    }

    #[test]
    fn long_words_wrap_at_spaces_to_the_width_given() {
        let text = "… and 9 988 more timer tasks, not drawn: they run like the timer lanes above.";
        let lines = wrap(text, 300.0, 13.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(
            lines.iter().all(|l| text_width(l, 13.0) <= 300.0),
            "{lines:?}"
        );
        assert_eq!(lines.join(" "), text);
        assert_eq!(wrap("short", 300.0, 13.0), ["short"]);
    }

    #[test]
    fn cake_ticks_are_in_minutes_and_milliseconds() {
        let recipe = lesson::cake_and_groceries().recipe;
        let ticks = ticks(&recipe, Scale::new(recipe.ms(80.0), 1000.0));
        let labels: Vec<_> = ticks.iter().map(|t| t.units.as_str()).collect();
        assert_eq!(
            labels,
            [
                "0 min", "10 min", "20 min", "30 min", "40 min", "50 min", "60 min", "70 min",
                "80 min"
            ]
        );
        assert_eq!(ticks[8].ms.as_deref(), Some("1\u{202f}600 ms"));
        assert_eq!(ticks[0].x, LABEL_W);
        assert_eq!(ticks[8].x, 1000.0 - RIGHT_PAD);
    }

    #[test]
    fn fractional_ticks_are_written_exactly_and_ms_recipes_get_one_row() {
        let mut recipe = lesson::count().recipe;
        recipe.scale_ms = 1000.0;
        let labels: Vec<_> = ticks(&recipe, Scale::new(1000.0, 1000.0))
            .into_iter()
            .map(|t| t.units)
            .collect();
        assert_eq!(labels[1], "0.1 s");
        assert_eq!(labels.last().map(String::as_str), Some("1.0 s"));
        let mut timers = lesson::ten_thousand_timers().recipe;
        assert!(
            ticks(&timers, Scale::new(50.0, 1000.0))
                .iter()
                .all(|t| t.ms.is_none())
        );
        // Slowed down, the recipe's milliseconds are no longer the page's.
        timers.scale_ms = 40.0;
        assert_eq!(
            ticks(&timers, Scale::new(2000.0, 1000.0))[1].ms.as_deref(),
            Some("200 ms")
        );
    }

    #[test]
    fn ranges_and_lateness_read_naturally() {
        let recipe = lesson::cake_and_groceries().recipe;
        assert_eq!(
            range(&recipe, 300.0, Some(1200.0)),
            "15.0–60.0 min (300–1\u{202f}200 ms)"
        );
        assert_eq!(range(&recipe, 300.0, None), "15.0–… min (300–… ms)");
        assert_eq!(range(&recipe, 0.6, Some(1.2)), "0.0–0.1 min (0.6–1.2 ms)");
        assert_eq!(
            range(&recipe, 1000.0, Some(1000.0)),
            "at 50.0 min (1\u{202f}000 ms)"
        );
        assert_eq!(signed_millis(2.4), "+2 ms");
        assert_eq!(signed_millis(-1234.0), "−1\u{202f}234 ms");
        assert_eq!(signed_millis(0.3), "±0 ms");
        assert_eq!(count(9988), "9\u{202f}988");
    }

    #[test]
    fn times_outside_the_axis_are_clamped() {
        let scale = Scale::new(100.0, 1000.0);
        assert_eq!(scale.x(-5.0), LABEL_W);
        assert_eq!(scale.x(500.0), 1000.0 - RIGHT_PAD);
        assert_eq!(Scale::new(0.0, 1000.0).span(), 1.0);
        assert_eq!(Scale::new(1.0, 200.0).width(), MIN_WIDTH);
        assert_eq!(Scale::new(1.0, f64::INFINITY).width(), DEFAULT_WIDTH);
    }

    #[test]
    fn the_x_of_a_time_and_the_time_of_an_x_are_inverses() {
        for width in [600.0, 760.0, 1000.0, 1600.0] {
            let scale = Scale::new(1200.0, width);
            for ms in [0.0, 0.5, 299.9, 600.0, 1199.0, 1200.0] {
                let back = scale.time_at(scale.x(ms));
                assert!(
                    (back - ms).abs() < 1e-9,
                    "{ms} ms came back as {back} at {width}"
                );
            }
            for x in [LABEL_W, LABEL_W + 1.0, width / 2.0, scale.right()] {
                assert!(
                    (scale.x(scale.time_at(x)) - x).abs() < 1e-9,
                    "{x} at {width}"
                );
            }
            // A click is clamped to the axis, and one in the label column asks for nothing.
            assert_eq!(scale.seek(width), Some(1200.0));
            assert_eq!(scale.seek(LABEL_W), Some(0.0));
            assert_eq!(scale.seek(LABEL_W - 1.0), None);
        }
        // The same time is further right on a wider chart: the plotting area stretches.
        assert!(Scale::new(100.0, 1600.0).x(50.0) > Scale::new(100.0, 600.0).x(50.0));
    }
}
