//! `datetime.datetime` and `datetime.timedelta` as CPython holds them: whole microseconds, a civil
//! date in the proleptic Gregorian calendar, their arithmetic and how each prints.
//!
//! The page keeps both as seconds in an `f64`; CPython keeps whole microseconds. Every operation
//! here first rounds the seconds to microseconds the way CPython's `fromtimestamp` and
//! `timedelta(seconds=…)` do, works on the integers (multiplying and dividing by a float exactly,
//! through its integer ratio, as CPython does), and gives seconds back, so that sums, differences
//! and printing agree with CPython to the microsecond. Past 2^53 microseconds (about 285 years) a
//! double cannot hold every microsecond, so a timedelta that long is CPython's only to the nearest
//! double.

use std::cmp::Ordering;
use std::fmt::Write as _;

use super::arith::{floor_mod, int_of, true_divide, unsupported};
use super::{INT_OVERFLOW, Value};
use crate::python::ast::BinOp;

/// Microseconds in a second.
const MICROS_PER_SECOND: i128 = 1_000_000;
/// Microseconds in a day.
const MICROS_PER_DAY: i128 = 86_400 * MICROS_PER_SECOND;
/// The largest number of days a `timedelta` holds, either way.
const MAX_DAYS: i128 = 999_999_999;
/// Days from 1970-01-01 to 0001-01-01, the first day a `datetime` holds.
const MIN_DATE_DAYS: i128 = -719_162;
/// Days from 1970-01-01 to 10000-01-01, the first day past the last a `datetime` holds.
const END_DATE_DAYS: i128 = 2_932_897;

/// `seconds` in whole microseconds, rounded as CPython rounds a float to microseconds: the whole
/// seconds exactly, and the fraction times a million (a float product, as in C) to the nearest
/// integer, ties to even. `None` for a NaN, an infinity, or a value past any `timedelta` (about
/// 8.6·10¹³ seconds), so that the microseconds stay below 2^67 for the arithmetic made on them.
pub(super) fn micros(seconds: f64) -> Option<i128> {
    if !seconds.is_finite() || seconds.abs() >= 1e14 {
        return None;
    }
    let whole = seconds.trunc();
    let fraction = ((seconds - whole) * 1e6).round_ties_even();
    Some(whole as i128 * MICROS_PER_SECOND + fraction as i128)
}

/// `micros` for printing, which cannot fail: a value no program of the page can make (a NaN, or
/// beyond a `timedelta`) prints as zero or the nearest bound.
fn micros_for_print(seconds: f64) -> i128 {
    micros(seconds).unwrap_or(if seconds.is_nan() {
        0
    } else if seconds > 0.0 {
        (MAX_DAYS + 1) * MICROS_PER_DAY - 1
    } else {
        -MAX_DAYS * MICROS_PER_DAY
    })
}

/// Seconds from whole microseconds: the whole seconds exactly (up to 2^53 of them), plus the
/// fraction, rounded once.
pub(super) fn seconds(micros: i128) -> f64 {
    let whole = micros.div_euclid(MICROS_PER_SECOND);
    let fraction = micros.rem_euclid(MICROS_PER_SECOND);
    whole as f64 + fraction as f64 / 1e6
}

/// A `timedelta` of `micros`, or CPython's `OverflowError` past its range (first its C `int`'s,
/// then its own).
pub(super) fn timedelta(micros: i128) -> Result<f64, String> {
    let days = micros.div_euclid(MICROS_PER_DAY);
    if i32::try_from(days).is_err() {
        return Err("OverflowError: Python int too large to convert to C int".to_owned());
    }
    if days.abs() > MAX_DAYS {
        return Err(format!(
            "OverflowError: days={days}; must have magnitude <= {MAX_DAYS}"
        ));
    }
    Ok(seconds(micros))
}

/// A `datetime` of `micros` since the epoch, or CPython's `OverflowError` outside years 1 to 9999.
pub(super) fn datetime(micros: i128) -> Result<f64, String> {
    let days = micros.div_euclid(MICROS_PER_DAY);
    if !(MIN_DATE_DAYS..END_DATE_DAYS).contains(&days) {
        return Err("OverflowError: date value out of range".to_owned());
    }
    Ok(seconds(micros))
}

/// A moment's fields in the proleptic Gregorian calendar, as `datetime` has them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::python) struct Civil {
    /// The year.
    pub year: i64,
    /// The month, 1 to 12.
    pub month: u32,
    /// The day of the month, 1 to 31.
    pub day: u32,
    /// The hour, 0 to 23.
    pub hour: u32,
    /// The minute, 0 to 59.
    pub minute: u32,
    /// The second, 0 to 59.
    pub second: u32,
    /// The microsecond, 0 to 999 999.
    pub micro: u32,
    /// The day of the week, Monday 0 to Sunday 6, as `datetime.weekday()`.
    pub weekday: u32,
    /// The day of the year, 1 to 366.
    pub yday: u32,
    /// Whole seconds since the epoch (`%s`).
    pub epoch: i64,
}

impl Civil {
    /// The civil fields of `seconds` since the Unix epoch, in UTC, rounded to microseconds as
    /// `datetime.fromtimestamp` rounds.
    pub(in crate::python) fn of(seconds: f64) -> Civil {
        let micros = micros_for_print(seconds);
        let days = micros.div_euclid(MICROS_PER_DAY) as i64;
        let in_day = micros.rem_euclid(MICROS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        let second_of_day = (in_day / MICROS_PER_SECOND) as u32;
        Civil {
            year,
            month,
            day,
            hour: second_of_day / 3600,
            minute: second_of_day / 60 % 60,
            second: second_of_day % 60,
            micro: (in_day % MICROS_PER_SECOND) as u32,
            // 1970-01-01 was a Thursday, day 3 counting from Monday.
            weekday: (days + 3).rem_euclid(7) as u32,
            yday: (days - days_from_civil(year, 1, 1) + 1) as u32,
            epoch: micros.div_euclid(MICROS_PER_SECOND) as i64,
        }
    }
}

/// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Days from 1970-01-01 to a date (Howard Hinnant's `days_from_civil`).
pub(in crate::python) fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `str(datetime)`: `2023-03-03 02:52:43.361876`, the microseconds left out when they are zero.
pub(super) fn datetime_str(seconds: f64) -> String {
    let c = Civil::of(seconds);
    let mut out = format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    );
    if c.micro != 0 {
        let _ = write!(out, ".{:06}", c.micro);
    }
    out
}

/// `repr(datetime)`: `datetime.datetime(2023, 3, 3, 2, 52, 43, 361876)`, the microseconds left out
/// when they are zero and the seconds too when both are.
pub(super) fn datetime_repr(seconds: f64) -> String {
    let c = Civil::of(seconds);
    let mut out = format!(
        "datetime.datetime({}, {}, {}, {}, {}",
        c.year, c.month, c.day, c.hour, c.minute
    );
    if c.second != 0 || c.micro != 0 {
        let _ = write!(out, ", {}", c.second);
    }
    if c.micro != 0 {
        let _ = write!(out, ", {}", c.micro);
    }
    out.push(')');
    out
}

/// A `timedelta`'s normalised fields: days (of either sign), then seconds and microseconds (never
/// negative), as CPython stores them.
fn timedelta_fields(seconds: f64) -> (i128, i128, i128) {
    let micros = micros_for_print(seconds);
    let in_day = micros.rem_euclid(MICROS_PER_DAY);
    (
        micros.div_euclid(MICROS_PER_DAY),
        in_day / MICROS_PER_SECOND,
        in_day % MICROS_PER_SECOND,
    )
}

/// `str(timedelta)`: `0:00:09.003383`, `1 day, 2:03:04`, `-1 day, 23:59:59`.
pub(super) fn timedelta_str(seconds: f64) -> String {
    let (days, secs, us) = timedelta_fields(seconds);
    let mut out = String::new();
    if days != 0 {
        let plural = if days.abs() == 1 { "" } else { "s" };
        let _ = write!(out, "{days} day{plural}, ");
    }
    let _ = write!(
        out,
        "{}:{:02}:{:02}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    );
    if us != 0 {
        let _ = write!(out, ".{us:06}");
    }
    out
}

/// `repr(timedelta)`: `datetime.timedelta(seconds=9, microseconds=3383)`, each field only when it
/// is not zero, and `datetime.timedelta(0)` when none is.
pub(super) fn timedelta_repr(seconds: f64) -> String {
    let (days, secs, us) = timedelta_fields(seconds);
    let fields: Vec<String> = [("days", days), ("seconds", secs), ("microseconds", us)]
        .iter()
        .filter(|(_, value)| *value != 0)
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
    if fields.is_empty() {
        "datetime.timedelta(0)".to_owned()
    } else {
        format!("datetime.timedelta({})", fields.join(", "))
    }
}

/// The error for a `datetime` or `timedelta` the page's seconds cannot hold in microseconds.
pub(super) fn out_of_range() -> String {
    "OverflowError: date value out of range".to_owned()
}

/// The arithmetic of `datetime` and `timedelta`, in whole microseconds as CPython's, or CPython's
/// error for operands it does not take.
pub(super) fn binary(op: BinOp, a: &Value, b: &Value) -> Result<Value, String> {
    let us = |seconds: &f64| micros(*seconds).ok_or_else(out_of_range);
    match (op, a, b) {
        (BinOp::Sub, Value::DateTime(x), Value::DateTime(y)) => {
            timedelta(us(x)? - us(y)?).map(Value::TimeDelta)
        }
        (BinOp::Add, Value::DateTime(x), Value::TimeDelta(y))
        | (BinOp::Add, Value::TimeDelta(y), Value::DateTime(x)) => {
            datetime(us(x)? + us(y)?).map(Value::DateTime)
        }
        (BinOp::Sub, Value::DateTime(x), Value::TimeDelta(y)) => {
            datetime(us(x)? - us(y)?).map(Value::DateTime)
        }
        (BinOp::Add, Value::TimeDelta(x), Value::TimeDelta(y)) => {
            timedelta(us(x)? + us(y)?).map(Value::TimeDelta)
        }
        (BinOp::Sub, Value::TimeDelta(x), Value::TimeDelta(y)) => {
            timedelta(us(x)? - us(y)?).map(Value::TimeDelta)
        }
        (BinOp::Div, Value::TimeDelta(x), Value::TimeDelta(y)) => {
            let divisor = us(y)?;
            if divisor == 0 {
                return Err("ZeroDivisionError: division by zero".to_owned());
            }
            Ok(Value::Float(true_divide(us(x)?, divisor)))
        }
        (BinOp::FloorDiv, Value::TimeDelta(x), Value::TimeDelta(y)) => {
            let divisor = us(y)?;
            if divisor == 0 {
                return Err("ZeroDivisionError: integer division or modulo by zero".to_owned());
            }
            let quotient = (us(x)? - floor_mod(us(x)?, divisor)) / divisor;
            i64::try_from(quotient)
                .map(Value::Int)
                .map_err(|_| INT_OVERFLOW.to_owned())
        }
        (BinOp::Mod, Value::TimeDelta(x), Value::TimeDelta(y)) => {
            let divisor = us(y)?;
            if divisor == 0 {
                return Err("ZeroDivisionError: integer modulo by zero".to_owned());
            }
            timedelta(floor_mod(us(x)?, divisor)).map(Value::TimeDelta)
        }
        (BinOp::Mul, Value::TimeDelta(x), factor) | (BinOp::Mul, factor, Value::TimeDelta(x))
            if factor.float().is_some() =>
        {
            let micros = match (int_of(factor), factor) {
                (Some(n), _) => us(x)?.checked_mul(i128::from(n)).ok_or_else(too_large)?,
                (None, Value::Float(f)) => multiply_float(us(x)?, *f)?,
                _ => return Err(unsupported(op, a, b)),
            };
            timedelta(micros).map(Value::TimeDelta)
        }
        (BinOp::Div, Value::TimeDelta(x), divisor) if divisor.float().is_some() => {
            let micros = match (int_of(divisor), divisor) {
                (Some(n), _) => divide_nearest(us(x)?, i128::from(n))?,
                (None, Value::Float(f)) => divide_float(us(x)?, *f)?,
                _ => return Err(unsupported(op, a, b)),
            };
            timedelta(micros).map(Value::TimeDelta)
        }
        (BinOp::FloorDiv, Value::TimeDelta(x), divisor) if int_of(divisor).is_some() => {
            let n = i128::from(int_of(divisor).unwrap_or(0));
            if n == 0 {
                return Err("ZeroDivisionError: integer division or modulo by zero".to_owned());
            }
            let micros = us(x)?;
            timedelta((micros - floor_mod(micros, n)) / n).map(Value::TimeDelta)
        }
        _ => Err(unsupported(op, a, b)),
    }
}

/// CPython's error for an int too large for its C `int` of days.
fn too_large() -> String {
    "OverflowError: Python int too large to convert to C int".to_owned()
}

/// A finite float as an exact `mantissa · 2^exponent` (CPython's `as_integer_ratio`, unreduced,
/// which changes no rounding made from it), or CPython's errors for a NaN and an infinity.
fn ratio(x: f64) -> Result<(i128, i32), String> {
    if x.is_nan() {
        return Err("ValueError: cannot convert NaN to integer ratio".to_owned());
    }
    if x.is_infinite() {
        return Err("OverflowError: cannot convert Infinity to integer ratio".to_owned());
    }
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = i128::from(bits & ((1 << 52) - 1));
    // A normal double is (2^52 + fraction) · 2^(exponent - 1075); a subnormal one fraction · 2^-1074.
    let (mantissa, power) = if exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), exponent - 1075)
    };
    Ok((if x < 0.0 { -mantissa } else { mantissa }, power))
}

/// `micros · x`, rounded to the nearest microsecond, ties to even, as CPython multiplies a
/// `timedelta` by a float: exactly, through the float's integer ratio.
fn multiply_float(micros: i128, x: f64) -> Result<i128, String> {
    let (mantissa, power) = ratio(x)?;
    // Both are below 2^67 (a timedelta's microseconds) and 2^53, so the product fits.
    let product = micros * mantissa;
    if product == 0 {
        return Ok(0);
    }
    if power >= 0 {
        let power = u32::try_from(power).map_err(|_| too_large())?;
        return product
            .checked_mul(
                1_i128
                    .checked_shl(power)
                    .filter(|p| *p > 0)
                    .ok_or_else(too_large)?,
            )
            .ok_or_else(too_large);
    }
    let shift = power.unsigned_abs();
    if shift >= 126 {
        // The product is below 2^120, so the exact result is below one half.
        return Ok(0);
    }
    divide_nearest(product, 1 << shift)
}

/// `micros / x`, rounded to the nearest microsecond, ties to even, as CPython divides a `timedelta`
/// by a float: exactly, through the float's integer ratio.
fn divide_float(micros: i128, x: f64) -> Result<i128, String> {
    let (mantissa, power) = ratio(x)?;
    if mantissa == 0 {
        return Err("ZeroDivisionError: integer division or modulo by zero".to_owned());
    }
    if micros == 0 {
        return Ok(0);
    }
    if power >= 0 {
        if power > 70 {
            // The divisor is past 2^70 and the microseconds below 2^67: the result rounds to zero.
            return Ok(0);
        }
        return divide_nearest(micros, mantissa << power);
    }
    let shift = power.unsigned_abs();
    let scaled = 1_i128
        .checked_shl(shift)
        .filter(|p| *p > 0)
        .and_then(|p| micros.checked_mul(p))
        .ok_or_else(too_large)?;
    divide_nearest(scaled, mantissa)
}

/// `n / d` rounded to the nearest integer, ties to even, as CPython's `divide_nearest`, or its
/// `ZeroDivisionError`. `|d|` is below 2^125.
fn divide_nearest(n: i128, d: i128) -> Result<i128, String> {
    if d == 0 {
        return Err("ZeroDivisionError: integer division or modulo by zero".to_owned());
    }
    let (n, d) = if d < 0 {
        (n.checked_neg().ok_or_else(too_large)?, -d)
    } else {
        (n, d)
    };
    let quotient = n.div_euclid(d);
    let twice_remainder = 2 * n.rem_euclid(d);
    Ok(match twice_remainder.cmp(&d) {
        Ordering::Greater => quotient + 1,
        Ordering::Equal if quotient % 2 != 0 => quotient + 1,
        _ => quotient,
    })
}
