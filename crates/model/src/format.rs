//! Number formatting shared by the model's words and the components, so every figure on the page
//! reads the same way.
//!
//! Every decimal the page writes goes through [`Fixed`] and [`Short`], never through `f64`'s own
//! `Display`: core's float printing (exact and shortest, with its tables) is about 13 KB of wasm that
//! every learner downloads, while a number with a few decimals is an integer with a point in it.

use std::fmt;

use super::recipe::{Recipe, Unit};

/// `value` with `.0` decimals, rounded half away from zero, such as `Fixed(3.14159, 2)` → `3.14`.
///
/// A value that rounds to zero has no sign (never `-0`), and one too large for the decimals asked
/// (over about 10¹⁸ once scaled) saturates: the page's numbers are milliseconds, percentages and
/// pixels, far below that.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fixed(pub f64, pub u8);

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self(value, decimals) = *self;
        if value.is_nan() {
            return f.write_str("NaN");
        }
        let scale = 10u64.pow(u32::from(decimals.min(9)));
        // `as` saturates, so infinity and huge values print as the largest integer rather than panic.
        let scaled = (value.abs() * scale as f64).round() as u64;
        if value < 0.0 && scaled != 0 {
            f.write_str("-")?;
        }
        write!(f, "{}", scaled / scale)?;
        if decimals > 0 {
            let width = usize::from(decimals.min(9));
            write!(f, ".{:0width$}", scaled % scale)?;
        }
        Ok(())
    }
}

/// `value` as the shortest decimal that reads back as the same double, always written out in full
/// (`2.5`, `20`, `0.000001`, never an exponent), so that `DIGITS.DIGITS` parsers take it: Rust's
/// own `{}` for floats, without linking core's float printer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Short(pub f64);

impl fmt::Display for Short {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = self.0;
        if !value.is_finite() {
            return f.write_str(if value.is_nan() {
                "NaN"
            } else if value > 0.0 {
                "inf"
            } else {
                "-inf"
            });
        }
        let mut buffer = zmij::Buffer::new();
        let printed = buffer.format_finite(value);
        let (negative, printed) = match printed.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, printed),
        };
        // zmij writes `d.ddd`, `ddd.0` or `d.ddde±x`: split it into its digits and where the point goes.
        let (mantissa, exponent) = match printed.split_once('e') {
            Some((m, e)) => (m, e.trim_start_matches('+').parse::<i32>().unwrap_or(0)),
            None => (printed, 0),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let all: String = whole.chars().chain(fraction.chars()).collect();
        // How many of the digits stand before the point; leading zeros move it left.
        let digits = all.trim_start_matches('0');
        let leading = all.len() - digits.len();
        let point = whole.len() as i64 + i64::from(exponent) - leading as i64;
        let digits = digits.trim_end_matches('0');
        if negative {
            f.write_str("-")?;
        }
        if digits.is_empty() {
            return f.write_str("0");
        }
        let len = digits.len() as i64;
        if point <= 0 {
            f.write_str("0.")?;
            for _ in 0..-point {
                f.write_str("0")?;
            }
            f.write_str(digits)
        } else if point >= len {
            f.write_str(digits)?;
            for _ in 0..point - len {
                f.write_str("0")?;
            }
            Ok(())
        } else {
            let (before, after) = digits.split_at(point as usize);
            write!(f, "{before}.{after}")
        }
    }
}

/// `name`'s, as English writes it: "cake's", "groceries'".
pub fn possessive(name: &str) -> String {
    if name.ends_with('s') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

/// A value from outside (a link, stored data) for a message: at most 40 characters, then `…`, with
/// control characters escaped (`\n`, `\t`, `\r`, else `\u{7}`), so that a huge or strange value
/// cannot make a huge or strange message. Escaped without `char::escape_debug`, whose tables of
/// printable characters the page would otherwise download for this alone.
pub fn shown(value: &str) -> String {
    const MAX_CHARS: usize = 40;
    let mut out = String::new();
    for c in value.chars().take(MAX_CHARS) {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    if value.chars().nth(MAX_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// A duration in the recipe's unit with one decimal, such as `80.3 min`.
pub fn units(recipe: &Recipe, ms: f64) -> String {
    format!("{} {}", Fixed(recipe.units(ms), 1), recipe.unit.symbol())
}

/// A count with its thousands grouped, such as `99 998`.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            // A thin space groups thousands without suggesting a decimal point in any locale.
            grouped.push('\u{202f}');
        }
        grouped.push(c);
    }
    grouped
}

/// A duration in milliseconds, whole, such as `1 606 ms`.
pub fn millis(ms: f64) -> String {
    let whole = ms.round() as i64;
    let sign = if whole < 0 { "−" } else { "" };
    format!("{sign}{} ms", count(whole.unsigned_abs() as usize))
}

/// A duration in seconds with one decimal, such as `1.6 s`.
pub fn seconds(ms: f64) -> String {
    format!("{} s", Fixed(ms / 1000.0, 1))
}

/// A duration as a learner reads a freeze: whole milliseconds under a second (`420 ms`), else
/// seconds with one decimal (`1.6 s`).
pub fn duration(ms: f64) -> String {
    if ms < 1000.0 { millis(ms) } else { seconds(ms) }
}

/// An instant of a run in the recipe's unit, with the milliseconds beside unless the unit already
/// is real milliseconds: `20 min (400 ms)`, `1.5 s (150 ms)`, `50 ms`.
pub fn instant(recipe: &Recipe, ms: f64) -> String {
    let units = Fixed(recipe.units(ms), 1).to_string();
    let units = units.strip_suffix(".0").unwrap_or(&units);
    if recipe.unit == Unit::Ms && recipe.scale_ms == 1.0 {
        format!("{units} ms")
    } else {
        format!("{units} {} ({})", recipe.unit.symbol(), millis(ms))
    }
}

/// How the page writes a run's times: in the recipe's unit with the real milliseconds beside it,
/// or, for a projector (the page's Present switch), in the recipe's unit only, so that a class
/// reads one number per time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Times {
    /// `60.2 min (1 204 ms)`: the lesson's unit and what it really took.
    #[default]
    Both,
    /// `60.2 min`: the lesson's unit alone.
    UnitOnly,
}

impl Times {
    /// `text` as these times read it: as it is, or without the milliseconds written beside each
    /// time ([`unit_only`]), for the sentences the narration and the loop panel write.
    pub fn apply(self, text: String) -> String {
        match self {
            Times::Both => text,
            Times::UnitOnly => unit_only(&text),
        }
    }
}

/// `text` without the milliseconds written beside its times, as Present writes them: `60.6 min
/// (121 ms): cake returns` → `60.6 min: cake returns`. Only a parenthesis holding nothing but
/// milliseconds (a number or a range) right after a time in seconds or minutes goes, which is
/// how [`instant`], [`time`] and the chart's ranges write a time's twin; any other parenthesis,
/// and milliseconds said in words (`frozen 76 ms`), stay.
pub fn unit_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(" (") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let twin = after.find(')').filter(|&end| {
            let number = after[..end].strip_suffix(" ms").unwrap_or("");
            !number.is_empty()
                && number
                    .chars()
                    .all(|c| c.is_ascii_digit() || "., \u{202f}−–".contains(c))
                && (out.ends_with(" s") || out.ends_with(" min"))
        });
        match twin {
            Some(end) => rest = &after[end + 1..],
            None => {
                out.push_str(" (");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A duration in the recipe's unit with one decimal, and the real milliseconds beside it when
/// `times` asks for both and the unit is not already real milliseconds: `60.2 min (1 204 ms)`,
/// `60.2 min`, `50.0 ms`.
pub fn time(recipe: &Recipe, ms: f64, times: Times) -> String {
    let real_ms = recipe.unit == Unit::Ms && recipe.scale_ms == 1.0;
    if times == Times::UnitOnly || real_ms {
        units(recipe, ms)
    } else {
        format!("{} ({})", units(recipe, ms), millis(ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recipe::test_recipe;

    fn check(value: impl std::fmt::Display, expect: &str) {
        assert_eq!(value.to_string(), expect);
    }

    #[test]
    fn fixed_rounds_half_away_from_zero_and_never_writes_minus_zero() {
        check(Fixed(1.23456, 2), "1.23");
        check(Fixed(2.25, 1), "2.3");
        check(Fixed(-2.25, 1), "-2.3");
        check(Fixed(0.04, 1), "0.0");
        check(Fixed(-0.04, 1), "0.0");
        check(Fixed(-0.0, 0), "0");
        check(Fixed(99.96, 1), "100.0");
        check(Fixed(1606.4, 0), "1606");
        check(Fixed(0.5, 3), "0.500");
        check(Fixed(7.0, 12), "7.000000000");
        check(Fixed(f64::NAN, 1), "NaN");
        check(Fixed(f64::INFINITY, 0), &u64::MAX.to_string());
    }

    #[test]
    fn short_writes_numbers_out_in_full() {
        check(Short(1e-24), "0.000000000000000000000001");
        check(Short(1.5e30), "1500000000000000000000000000000");
        check(Short(-0.0), "-0");
        check(Short(f64::MAX), &f64::MAX.to_string());
    }

    #[test]
    fn short_drops_the_zeros_a_learner_never_typed() {
        check(Short(2.5), "2.5");
        check(Short(20.0), "20");
        check(Short(0.125), "0.125");
        check(Short(0.1), "0.1");
        check(Short(-1.75), "-1.75");
        check(Short(1000.0), "1000");
    }

    #[test]
    fn values_from_outside_are_cut_and_their_control_characters_escaped() {
        check(shown("cake"), "cake");
        check(shown("a\nb\tc\u{7}\"d\""), "a\\nb\\tc\\u{7}\"d\"");
        check(shown(&"x".repeat(41)), &format!("{}…", "x".repeat(40)));
        check(shown(&"é".repeat(40)), &"é".repeat(40));
    }

    #[test]
    fn a_freeze_reads_in_milliseconds_under_a_second_and_in_seconds_after() {
        assert_eq!(duration(420.4), "420 ms");
        assert_eq!(duration(999.4), "999 ms");
        assert_eq!(duration(1606.0), "1.6 s");
        assert_eq!(seconds(2704.0), "2.7 s");
    }

    #[test]
    fn millis_groups_thousands() {
        assert_eq!(millis(1606.4), "1\u{202f}606 ms");
        assert_eq!(millis(12.6), "13 ms");
        assert_eq!(millis(-1234.0), "−1\u{202f}234 ms");
        assert_eq!(count(99_998), "99\u{202f}998");
    }

    #[test]
    fn instants_read_in_the_recipes_unit_with_milliseconds_beside() {
        let mut r = test_recipe(vec![], vec![]);
        assert_eq!(instant(&r, 30.0), "3 s (30 ms)");
        assert_eq!(instant(&r, 31.6), "3.2 s (32 ms)");
        r.unit = Unit::Ms;
        r.scale_ms = 1.0;
        assert_eq!(instant(&r, 50.0), "50 ms");
    }

    #[test]
    fn times_read_twice_unless_presented_or_already_real_milliseconds() {
        let mut r = test_recipe(vec![], vec![]);
        r.unit = Unit::Min;
        r.scale_ms = 20.0;
        assert_eq!(time(&r, 1204.0, Times::Both), "60.2 min (1\u{202f}204 ms)");
        assert_eq!(time(&r, 1204.0, Times::UnitOnly), "60.2 min");
        r.unit = Unit::Ms;
        r.scale_ms = 1.0;
        assert_eq!(time(&r, 50.0, Times::Both), "50.0 ms");
        assert_eq!(time(&r, 50.0, Times::UnitOnly), "50.0 ms");
    }

    #[test]
    fn presented_sentences_keep_one_time_per_time() {
        let check = |text: &str, expect: &str| {
            assert_eq!(Times::UnitOnly.apply(text.to_owned()), expect, "{text}");
            assert_eq!(Times::Both.apply(text.to_owned()), text);
        };
        check(
            "60.6 min (121 ms): cake returns Ready",
            "60.6 min: cake returns Ready",
        );
        check(
            "the run took 60.7 min (1\u{202f}214 ms).",
            "the run took 60.7 min.",
        );
        check("at 15.0–60.0 min (300–1\u{202f}200 ms)", "at 15.0–60.0 min");
        check(
            "due at 3 s (300 ms), then 6 s (600 ms)",
            "due at 3 s, then 6 s",
        );
        // Not a time's twin: words, a parenthesis of something else, milliseconds as the unit.
        check("frozen 76 ms (the page)", "frozen 76 ms (the page)");
        check("cake (a task) waits", "cake (a task) waits");
        check("50 ms (50 ms)", "50 ms (50 ms)");
        check("unclosed (12 ms", "unclosed (12 ms");
        check("café (1 ms) é", "café (1 ms) é");
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::Short;
    use proptest::prelude::*;

    proptest! {
        /// `Short` prints what Rust's own `{}` prints, for any double: the same text, or — where
        /// the double's exact value lies halfway between its two shortest forms, as
        /// 1127323247501454.25 does — the other of the two, as short and read back as the same
        /// double (zmij, like Python's `repr`, rounds such a tie to even, Rust's printer up). No
        /// time or count the page prints has seventeen digits, where such ties are.
        #[test]
        fn short_reads_like_rusts_display(bits in any::<u64>()) {
            let value = f64::from_bits(bits);
            let (short, rust) = (Short(value).to_string(), value.to_string());
            let tie = short.len() == rust.len()
                && short.parse::<f64>().ok() == Some(value)
                && rust.parse::<f64>().ok() == Some(value);
            prop_assert!(short == rust || tie, "{} against {}", short, rust);
        }

        #[test]
        fn short_reads_like_rusts_display_for_decimals(n in 0u64..10_000_000, k in 0u32..12) {
            let value = n as f64 / 10f64.powi(k as i32);
            prop_assert_eq!(Short(value).to_string(), value.to_string());
        }
    }

    /// The tie the property above allows, found by it: the even one of the two shortest forms.
    #[test]
    fn a_tie_between_two_shortest_forms_rounds_to_even() {
        let value = f64::from_bits(4_832_368_093_531_177_529);
        assert_eq!(Short(value).to_string(), "1127323247501454.2");
        assert_eq!(value.to_string(), "1127323247501454.3");
    }
}
