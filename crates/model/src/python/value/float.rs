//! A double written out as CPython writes it: `repr`'s shortest digits and the `e`, `f`, `g` forms
//! of format specs and `%` formatting, laid out by the rules of CPython's `format_float_short`
//! (`Python/pystrtod.c`).
//!
//! Two sources give the digits. The shortest digits that read back as the same double come from
//! `zmij`, as the rest of the crate's floats do. Digits at a given precision come from core's exact
//! formatter (`{:.*}` and `{:.*e}`): it is correctly rounded from the binary value, ties to even on
//! the exact decimal expansion, which is what CPython's `dtoa` does (`format(2.675, '.2f')` is
//! `2.67`, `format(0.125, '.2f')` is `0.12`). Core's float printing costs about 13 KB of wasm, paid
//! only by the page's Python, which is loaded when a learner opens the Python editor.

use std::fmt::Write as _;

/// More digits than any double's exact decimal expansion has, after the point (1 074) or in all
/// (767): formatting to more only adds zeros.
const EXACT_DIGITS: usize = 1_100;

/// The decimal digits of a finite double's magnitude: the value is `0.DIGITS × 10^point`. There are
/// no leading or trailing zeros, except that zero is `"0"` with `point` 1, as CPython's `dtoa` gives.
#[derive(Clone, Debug, PartialEq)]
struct Digits {
    digits: String,
    point: i64,
}

impl Digits {
    /// Reads `WHOLE[.FRACTION][e±EXP]` (no sign) into digits and the point's place.
    fn read(text: &str) -> Digits {
        let (mantissa, exponent) = match text.split_once(['e', 'E']) {
            Some((m, e)) => (m, e.trim_start_matches('+').parse::<i64>().unwrap_or(0)),
            None => (text, 0),
        };
        let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let all: String = whole.chars().chain(fraction.chars()).collect();
        let significant = all.trim_start_matches('0');
        let leading = all.len() - significant.len();
        let digits = significant.trim_end_matches('0');
        if digits.is_empty() {
            return Digits {
                digits: "0".to_owned(),
                point: 1,
            };
        }
        Digits {
            digits: digits.to_owned(),
            point: whole.len() as i64 + exponent - leading as i64,
        }
    }

    /// The shortest digits that read back as `x` (`repr`'s digits).
    fn shortest(x: f64) -> Digits {
        let mut buffer = zmij::Buffer::new();
        Digits::read(buffer.format_finite(x.abs()))
    }

    /// `x` correctly rounded to `count` significant digits (at least one).
    fn significant(x: f64, count: usize) -> Digits {
        // A double's exact decimal expansion has at most 767 significant digits, so asking for
        // more changes nothing (the layout adds the zeros); and core's formatter refuses a
        // precision past 65 535.
        let count = count.clamp(1, EXACT_DIGITS);
        Digits::read(&format!("{:.*e}", count - 1, x.abs()))
    }

    /// `x` correctly rounded to `decimals` digits after the point.
    fn decimals(x: f64, decimals: usize) -> Digits {
        // A double has at most 1 074 digits after the point, for the same reason as above.
        Digits::read(&format!("{:.*}", decimals.min(EXACT_DIGITS), x.abs()))
    }
}

/// How a double is written: CPython's format codes for `PyOS_double_to_string`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::python) enum Code {
    /// `e`: one digit, the point, `precision` digits and an exponent.
    Exp,
    /// `f`: `precision` digits after the point, never an exponent.
    Fixed,
    /// `g`: `precision` significant digits, an exponent only when the number is very large or small,
    /// trailing zeros dropped.
    General,
    /// `r`: `repr`, the shortest digits that read back, an exponent below 1e-4 and from 1e16 on.
    Repr,
}

/// The options of `PyOS_double_to_string` beside the code and precision.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(in crate::python) struct Flags {
    /// `E`, `F`, `G`: the exponent's `E`, `INF` and `NAN` in capitals.
    pub upper: bool,
    /// `#`: keep the point and trailing zeros.
    pub alternate: bool,
    /// A number that looks whole gets `.0` (`repr`, and a format spec without a type).
    pub add_dot_0: bool,
    /// `z`: a value that rounds to zero has no minus sign.
    pub no_negative_zero: bool,
}

/// `x` as CPython's `PyOS_double_to_string(x, code, precision, flags)` writes it: a minus sign for
/// negative values (never for a NaN, whose sign CPython does not print), no plus sign.
pub(in crate::python) fn double_to_string(
    x: f64,
    code: Code,
    precision: usize,
    flags: Flags,
) -> String {
    if x.is_nan() {
        return if flags.upper { "NAN" } else { "nan" }.to_owned();
    }
    if x.is_infinite() {
        let inf = if flags.upper { "INF" } else { "inf" };
        return if x < 0.0 {
            format!("-{inf}")
        } else {
            inf.to_owned()
        };
    }
    let p = precision as i64;
    // Which digits, whether an exponent is used, and how far the zeros run on the right (CPython's
    // `vdigits_end`, counted in digits from the first one).
    let (digits, use_exp, end) = match code {
        Code::Exp => (Digits::significant(x, precision + 1), true, p + 1),
        Code::Fixed => {
            let d = Digits::decimals(x, precision);
            let end = d.point + p;
            (d, false, end)
        }
        Code::General => {
            // A precision of 0 makes no sense for `g`: CPython reads it as 1.
            let p = p.max(1);
            let d = Digits::significant(x, p as usize);
            let limit = if flags.add_dot_0 { p - 1 } else { p };
            let use_exp = d.point <= -4 || d.point > limit;
            let end = if flags.alternate {
                p
            } else {
                d.digits.len() as i64
            };
            (d, use_exp, end)
        }
        Code::Repr => {
            let d = Digits::shortest(x);
            // CPython switches to an exponent at 1e16 rather than 1e17, so that a 16-digit shortest
            // repr is never padded with zeros that are not the value's own.
            let use_exp = d.point <= -4 || d.point > 16;
            let end = d.digits.len() as i64;
            (d, use_exp, end)
        }
    };
    let negative = x.is_sign_negative() && !(flags.no_negative_zero && digits.digits == "0");
    layout(negative, &digits, use_exp, end, flags)
}

/// Writes the digits with zeros on either side and one point, then the exponent: the second half of
/// CPython's `format_float_short`, which sees the digits as a slice of an infinite string of zeros.
fn layout(negative: bool, digits: &Digits, use_exp: bool, end: i64, flags: Flags) -> String {
    let text = digits.digits.as_str();
    let len = text.len() as i64;
    let mut point = digits.point;
    let mut exponent = 0;
    if use_exp {
        exponent = point - 1;
        point = 1;
    }
    let start = if point <= 0 { point - 1 } else { 0 };
    let end = if !use_exp && flags.add_dot_0 {
        end.max(point + 1)
    } else {
        end.max(point)
    };
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    let zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    if point <= 0 {
        zeros(&mut out, point - start);
        out.push('.');
        zeros(&mut out, -point);
    } else {
        zeros(&mut out, -start);
    }
    if 0 < point && point <= len {
        let (before, after) = text.split_at(point as usize);
        out.push_str(before);
        out.push('.');
        out.push_str(after);
    } else {
        out.push_str(text);
    }
    if len < point {
        zeros(&mut out, point - len);
        out.push('.');
        zeros(&mut out, end - point);
    } else {
        zeros(&mut out, end - len);
    }
    if out.ends_with('.') && !flags.alternate {
        out.pop();
    }
    if use_exp {
        out.push(if flags.upper { 'E' } else { 'e' });
        // C's `%+.02d`: a sign, then at least two digits.
        let sign = if exponent < 0 { '-' } else { '+' };
        let _ = write!(out, "{sign}{:02}", exponent.unsigned_abs());
    }
    out
}

/// `repr(x)` and `str(x)` for a float: `0.1`, `3.0`, `1e-05`, `1.5e+16`, `inf`, `nan`, `-0.0`.
pub(in crate::python) fn repr(x: f64) -> String {
    double_to_string(
        x,
        Code::Repr,
        0,
        Flags {
            add_dot_0: true,
            ..Flags::default()
        },
    )
}
