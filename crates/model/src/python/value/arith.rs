//! Python's operators on plain values: `+ - * / // % **`, unary `-` and `+`, and comparisons, with
//! CPython's rules and its messages for what it refuses.
//!
//! Bool counts as int throughout. Int results are checked against 64 bits (see `INT_OVERFLOW`);
//! float results follow IEEE as CPython's do, with CPython's own floor division, modulo and power
//! (its special cases come before the C library's). `time` has the arithmetic of `datetime` and
//! `timedelta`; `format` has `%` on strings.

use std::cmp::Ordering;

use super::time;
use super::{INT_OVERFLOW, MAX_ITEMS, Value};
use crate::python::ast::{BinOp, CmpOp, UnaryOp};
use crate::python::format;

impl Value {
    /// `a op b` for the arithmetic operators, as CPython computes it, or CPython's error.
    pub fn binary(op: BinOp, a: &Value, b: &Value) -> Result<Value, String> {
        // `%` with a string on the left is formatting, whatever is on the right.
        if let (BinOp::Mod, Value::Str(template)) = (op, a) {
            return format::percent(template, b).map(Value::Str);
        }
        if let (Some(x), Some(y)) = (int_of(a), int_of(b)) {
            return int_binary(op, x, y);
        }
        if let (Some(x), Some(y)) = (a.float(), b.float()) {
            return float_binary(op, x, y).map(Value::Float);
        }
        match (op, a, b) {
            (BinOp::Add, Value::Str(x), Value::Str(y)) => {
                check_size(x.len().saturating_add(y.len()))?;
                Ok(Value::Str(format!("{x}{y}")))
            }
            (BinOp::Add, Value::List(x), Value::List(y)) => Ok(Value::List(concat(x, y)?)),
            (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => Ok(Value::Tuple(concat(x, y)?)),
            (BinOp::Add, Value::Str(_) | Value::List(_) | Value::Tuple(_), _) => Err(format!(
                "TypeError: can only concatenate {} (not \"{}\") to {}",
                a.type_name(),
                b.type_name(),
                a.type_name()
            )),
            (BinOp::Mul, Value::Str(_) | Value::List(_) | Value::Tuple(_), _) => repeat(a, b),
            (BinOp::Mul, _, Value::Str(_) | Value::List(_) | Value::Tuple(_)) => repeat(b, a),
            _ => time::binary(op, a, b),
        }
    }

    /// `-value` and `+value`, as CPython computes them, or CPython's error.
    pub fn unary(op: UnaryOp, value: &Value) -> Result<Value, String> {
        match (op, value) {
            (UnaryOp::Neg, Value::Bool(_) | Value::Int(_)) => int_of(value)
                .and_then(i64::checked_neg)
                .map(Value::Int)
                .ok_or_else(|| INT_OVERFLOW.to_owned()),
            (UnaryOp::Plus, Value::Bool(_) | Value::Int(_)) => {
                Ok(Value::Int(int_of(value).unwrap_or(0)))
            }
            (UnaryOp::Neg, Value::Float(x)) => Ok(Value::Float(-x)),
            (UnaryOp::Plus, Value::Float(x)) => Ok(Value::Float(*x)),
            (UnaryOp::Neg, Value::TimeDelta(seconds)) => {
                let micros = time::micros(*seconds).ok_or_else(time::out_of_range)?;
                time::timedelta(-micros).map(Value::TimeDelta)
            }
            (UnaryOp::Plus, Value::TimeDelta(seconds)) => Ok(Value::TimeDelta(*seconds)),
            _ => Err(format!(
                "TypeError: bad operand type for unary {}: '{}'",
                match op {
                    UnaryOp::Neg => "-",
                    UnaryOp::Plus => "+",
                },
                value.type_name()
            )),
        }
    }

    /// `a op b` for the comparison operators. `==` and `!=` take any two values (values of
    /// different types are unequal, except numbers, which compare exactly: `1 == 1.0`,
    /// `True == 1`); ordering takes numbers, strings (by code point), lists with lists and tuples
    /// with tuples (item by item), datetimes and timedeltas, and is CPython's `TypeError` otherwise.
    pub fn compare(op: CmpOp, a: &Value, b: &Value) -> Result<bool, String> {
        match op {
            CmpOp::Eq => return Ok(equal(a, b)),
            CmpOp::Ne => return Ok(!equal(a, b)),
            _ => {}
        }
        let ordering = match (a, b) {
            (Value::List(x), Value::List(y)) | (Value::Tuple(x), Value::Tuple(y)) => {
                // As CPython: the first items that differ decide, else the lengths do.
                return match x.iter().zip(y).find(|(p, q)| !equal(p, q)) {
                    Some((p, q)) => Value::compare(op, p, q),
                    None => Ok(holds(op, Some(x.len().cmp(&y.len())))),
                };
            }
            (Value::Str(x), Value::Str(y)) => Some(x.cmp(y)),
            (Value::DateTime(x), Value::DateTime(y))
            | (Value::TimeDelta(x), Value::TimeDelta(y)) => {
                Some(time::micros(*x).cmp(&time::micros(*y)))
            }
            _ => match number_order(a, b) {
                Some(ordering) => ordering,
                None => {
                    return Err(format!(
                        "TypeError: '{}' not supported between instances of '{}' and '{}'",
                        op.symbol(),
                        a.type_name(),
                        b.type_name()
                    ));
                }
            },
        };
        Ok(holds(op, ordering))
    }
}

/// Whether an ordering satisfies the operator; `None` (a NaN was compared) satisfies only `!=`.
fn holds(op: CmpOp, ordering: Option<Ordering>) -> bool {
    match (op, ordering) {
        (CmpOp::Ne, None) => true,
        (_, None) => false,
        (CmpOp::Eq, Some(o)) => o.is_eq(),
        (CmpOp::Ne, Some(o)) => o.is_ne(),
        (CmpOp::Lt, Some(o)) => o.is_lt(),
        (CmpOp::Le, Some(o)) => o.is_le(),
        (CmpOp::Gt, Some(o)) => o.is_gt(),
        (CmpOp::Ge, Some(o)) => o.is_ge(),
    }
}

/// Python's `==`.
fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::None, Value::None) => true,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::List(x), Value::List(y)) | (Value::Tuple(x), Value::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| equal(p, q))
        }
        (Value::DateTime(x), Value::DateTime(y)) | (Value::TimeDelta(x), Value::TimeDelta(y)) => {
            time::micros(*x) == time::micros(*y)
        }
        _ => number_order(a, b) == Some(Some(Ordering::Equal)),
    }
}

/// How two numbers compare, exactly (an int and a float are not compared as floats: CPython says
/// `2**53 + 1 != 2.0**53`). The outer `None` when either is not a number, the inner when a NaN was
/// compared.
fn number_order(a: &Value, b: &Value) -> Option<Option<Ordering>> {
    Some(match (int_of(a), int_of(b)) {
        (Some(x), Some(y)) => Some(x.cmp(&y)),
        (Some(x), None) => int_float_order(x, b.float()?),
        (None, Some(y)) => int_float_order(y, a.float()?).map(Ordering::reverse),
        (None, None) => a.float()?.partial_cmp(&b.float()?),
    })
}

/// How an int compares with a float, exactly.
fn int_float_order(n: i64, x: f64) -> Option<Ordering> {
    if x.is_nan() {
        return None;
    }
    // 2^63 as a double: every float at or past it is larger than every i64, and every float below
    // -2^63 smaller.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if x >= LIMIT {
        return Some(Ordering::Less);
    }
    if x < -LIMIT {
        return Some(Ordering::Greater);
    }
    let whole = x.trunc();
    // `whole` is an integer within i64's range, so the conversion is exact.
    Some(n.cmp(&(whole as i64)).then_with(|| {
        // Equal whole parts: the float's fraction decides.
        0.0_f64.partial_cmp(&(x - whole)).unwrap_or(Ordering::Equal)
    }))
}

/// The value as an int, for an int or a bool.
pub(super) fn int_of(value: &Value) -> Option<i64> {
    match value {
        Value::Bool(b) => Some(i64::from(*b)),
        Value::Int(n) => Some(*n),
        _ => None,
    }
}

/// CPython's message for operands an operator does not take.
pub(super) fn unsupported(op: BinOp, a: &Value, b: &Value) -> String {
    let symbol = match op {
        BinOp::Pow => "** or pow()",
        op => op.symbol(),
    };
    format!(
        "TypeError: unsupported operand type(s) for {symbol}: '{}' and '{}'",
        a.type_name(),
        b.type_name()
    )
}

/// An int operation, checked against 64 bits.
fn int_binary(op: BinOp, a: i64, b: i64) -> Result<Value, String> {
    let overflow = || INT_OVERFLOW.to_owned();
    let n = match op {
        BinOp::Add => a.checked_add(b).ok_or_else(overflow)?,
        BinOp::Sub => a.checked_sub(b).ok_or_else(overflow)?,
        BinOp::Mul => a.checked_mul(b).ok_or_else(overflow)?,
        BinOp::Div => {
            if b == 0 {
                return Err("ZeroDivisionError: division by zero".to_owned());
            }
            return Ok(Value::Float(true_divide(i128::from(a), i128::from(b))));
        }
        BinOp::FloorDiv => {
            if b == 0 {
                return Err("ZeroDivisionError: integer division or modulo by zero".to_owned());
            }
            i64::try_from(i128::from(a).div_euclid(i128::from(b)) - floor_fix(a, b))
                .map_err(|_| overflow())?
        }
        BinOp::Mod => {
            if b == 0 {
                return Err("ZeroDivisionError: integer modulo by zero".to_owned());
            }
            floor_mod(i128::from(a), i128::from(b)) as i64
        }
        BinOp::Pow => {
            if b < 0 {
                // A negative exponent makes a float, computed as CPython does: as floats.
                return float_pow(a as f64, b as f64).map(Value::Float);
            }
            int_pow(a, b).ok_or_else(overflow)?
        }
    };
    Ok(Value::Int(n))
}

/// The correction from Euclid's quotient to the floor quotient: they differ by one when the
/// divisor is negative and the division is not exact.
fn floor_fix(a: i64, b: i64) -> i128 {
    let (a, b) = (i128::from(a), i128::from(b));
    i128::from(b < 0 && a.rem_euclid(b) != 0)
}

/// The remainder with the divisor's sign, as Python's `%`.
pub(super) fn floor_mod(a: i128, b: i128) -> i128 {
    let r = a % b;
    if r != 0 && (r < 0) != (b < 0) {
        r + b
    } else {
        r
    }
}

/// `base ** exp` for `exp >= 0`, or `None` past 64 bits.
fn int_pow(base: i64, exp: i64) -> Option<i64> {
    match base {
        0 => return Some(i64::from(exp == 0)),
        1 => return Some(1),
        -1 => return Some(if exp % 2 == 0 { 1 } else { -1 }),
        _ => {}
    }
    // Any other base overflows long before an exponent of 64.
    base.checked_pow(u32::try_from(exp).ok()?)
}

/// `a / b` for integers, correctly rounded as CPython's int division is (converting both to floats
/// first would round twice past 2^53). `b` is not zero and both are below 2^100.
pub(super) fn true_divide(a: i128, b: i128) -> f64 {
    let negative = (a < 0) != (b < 0);
    let (a, b) = (a.unsigned_abs(), b.unsigned_abs());
    let magnitude = if a == 0 {
        0.0
    } else {
        // Shift the dividend up to the top of 128 bits, so the quotient has at least 28 more bits
        // than a double keeps; a remainder sets the lowest bit, so the one rounding (to a double) sees
        // the exact quotient's side of every tie.
        let shift = a.leading_zeros();
        let numerator = a << shift;
        let quotient = (numerator / b) | u128::from(numerator % b != 0);
        // 2^-shift, exactly: a double's exponent field is the power plus 1023.
        let scale = f64::from_bits(u64::from(1023 - shift) << 52);
        quotient as f64 * scale
    };
    if negative { -magnitude } else { magnitude }
}

/// A float operation, with CPython's rules and messages.
fn float_binary(op: BinOp, a: f64, b: f64) -> Result<f64, String> {
    Ok(match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::Div => {
            if b == 0.0 {
                return Err("ZeroDivisionError: float division by zero".to_owned());
            }
            a / b
        }
        BinOp::FloorDiv => {
            if b == 0.0 {
                return Err("ZeroDivisionError: float floor division by zero".to_owned());
            }
            float_divmod(a, b).0
        }
        BinOp::Mod => {
            if b == 0.0 {
                return Err("ZeroDivisionError: float modulo".to_owned());
            }
            float_divmod(a, b).1
        }
        BinOp::Pow => return float_pow(a, b),
    })
}

/// CPython's `float_divmod`: the floor quotient and the remainder with the divisor's sign, from the
/// exact `fmod` (Rust's `%` on floats), the quotient snapped to the nearest integer.
fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    let mut rem = a % b;
    let mut div = (a - rem) / b;
    if rem != 0.0 {
        if (b < 0.0) != (rem < 0.0) {
            rem += b;
            div -= 1.0;
        }
    } else {
        rem = 0.0_f64.copysign(b);
    }
    let floor = if div != 0.0 {
        let mut floor = div.floor();
        if div - floor > 0.5 {
            floor += 1.0;
        }
        floor
    } else {
        0.0_f64.copysign(a / b)
    };
    (floor, rem)
}

/// Whether a float is an odd integer.
fn odd_integer(x: f64) -> bool {
    x.is_finite() && x.trunc() == x && (x / 2.0).trunc() != x / 2.0
}

/// CPython's `float_pow`: its special cases (zero, one, infinities, NaN, negative bases) before
/// the C library's `pow`, and its errors.
fn float_pow(base: f64, exp: f64) -> Result<f64, String> {
    if exp == 0.0 {
        return Ok(1.0);
    }
    if base.is_nan() {
        return Ok(if base == 1.0 { 1.0 } else { base });
    }
    if exp.is_nan() {
        return Ok(if base == 1.0 { 1.0 } else { exp });
    }
    if exp.is_infinite() {
        let base = base.abs();
        return Ok(if base == 1.0 {
            1.0
        } else if (exp > 0.0) == (base > 1.0) {
            f64::INFINITY
        } else {
            0.0
        });
    }
    if base.is_infinite() {
        let odd = odd_integer(exp);
        return Ok(if exp > 0.0 {
            if odd { base } else { base.abs() }
        } else if odd {
            0.0_f64.copysign(base)
        } else {
            0.0
        });
    }
    if base == 0.0 {
        if exp < 0.0 {
            return Err("ZeroDivisionError: 0.0 cannot be raised to a negative power".to_owned());
        }
        return Ok(if odd_integer(exp) { base } else { 0.0 });
    }
    let mut base = base;
    let mut negate = false;
    if base < 0.0 {
        if exp != exp.floor() {
            return Err(
                "complex numbers are not in the page's Python: a negative number raised to a \
                 fractional power is one"
                    .to_owned(),
            );
        }
        base = -base;
        negate = odd_integer(exp);
    }
    if base == 1.0 {
        return Ok(if negate { -1.0 } else { 1.0 });
    }
    let result = base.powf(exp);
    if result.is_infinite() {
        return Err("OverflowError: (34, 'Numerical result out of range')".to_owned());
    }
    Ok(if negate { -result } else { result })
}

/// A string, list or tuple times a count: repeated, or empty for a count below one.
fn repeat(sequence: &Value, count: &Value) -> Result<Value, String> {
    let Some(n) = int_of(count) else {
        return Err(format!(
            "TypeError: can't multiply sequence by non-int of type '{}'",
            count.type_name()
        ));
    };
    let n = usize::try_from(n).unwrap_or(0);
    match sequence {
        Value::Str(s) => {
            check_size(s.chars().count().saturating_mul(n))?;
            Ok(Value::Str(s.repeat(n)))
        }
        Value::List(items) => Ok(Value::List(repeat_items(items, n)?)),
        Value::Tuple(items) => Ok(Value::Tuple(repeat_items(items, n)?)),
        _ => Err(format!(
            "TypeError: can't multiply sequence by non-int of type '{}'",
            count.type_name()
        )),
    }
}

/// The items `n` times over.
fn repeat_items(items: &[Value], n: usize) -> Result<Vec<Value>, String> {
    if items.is_empty() {
        // Nothing repeated any number of times is nothing, without counting to the number.
        return Ok(Vec::new());
    }
    check_size(items.len().saturating_mul(n))?;
    let mut out = Vec::with_capacity(items.len() * n);
    for _ in 0..n {
        out.extend_from_slice(items);
    }
    Ok(out)
}

/// Two lists' or tuples' items, one after the other.
fn concat(x: &[Value], y: &[Value]) -> Result<Vec<Value>, String> {
    check_size(x.len().saturating_add(y.len()))?;
    let mut out = x.to_vec();
    out.extend_from_slice(y);
    Ok(out)
}

/// A `MemoryError` for a value larger than the page holds.
fn check_size(items: usize) -> Result<(), String> {
    if items > MAX_ITEMS {
        return Err(format!(
            "MemoryError: a value of {items} items is beyond the page's Python, which holds at \
             most {MAX_ITEMS}"
        ));
    }
    Ok(())
}
