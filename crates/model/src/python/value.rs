//! The plain values a learner's Python computes — `None`, booleans, ints, floats, strings, lists,
//! tuples, and the `datetime` and `timedelta` the tutorials time things with — with their
//! arithmetic, comparisons, truth and printing, exactly as CPython 3.11 has them.
//!
//! This module owns values only: it is pure (no clock, no browser) and decides nothing about
//! programs — which names exist, what a call does, when a task runs are the evaluator's. An
//! operation Python refuses is an `Err` holding CPython's message with its exception type, such as
//! `TypeError: unsupported operand type(s) for +: 'int' and 'str'`, so that the page can say what
//! CPython would. `format` builds on these values for format specs, `str.format` and `%`.
//!
//! Python's ints are unbounded; the page's stop at 64 bits (`i64`), and a result beyond that is an
//! `OverflowError` that says so rather than a wrong number.

mod arith;
pub(in crate::python) mod float;
pub(in crate::python) mod time;

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(in crate::python) mod tests;

/// A value a Python program computes, as CPython holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `None`.
    None,
    /// `True` or `False`.
    Bool(bool),
    /// An int; Python's are unbounded, the page's stop at `i64`.
    Int(i64),
    /// A float.
    Float(f64),
    /// A string.
    Str(String),
    /// A list.
    List(Vec<Value>),
    /// A tuple.
    Tuple(Vec<Value>),
    /// `datetime.datetime.now()`: seconds since the Unix epoch, in UTC.
    DateTime(f64),
    /// A `datetime.timedelta` (the difference of two datetimes): seconds.
    TimeDelta(f64),
}

/// The message for an int result beyond 64 bits, which Python would simply compute.
pub(in crate::python) const INT_OVERFLOW: &str = "OverflowError: the result is beyond 64 bits: \
     Python's ints are unbounded, the page's stop at -9223372036854775808 and 9223372036854775807";

/// The most items (characters of a string, items of a list) one value may hold: a browser tab has
/// far less memory than CPython's limit, so a huge repetition is a `MemoryError` before it is made.
pub(in crate::python) const MAX_ITEMS: usize = 1 << 24;

impl Value {
    /// The name of the value's type, as CPython's messages write it: `'int'`, `'NoneType'`,
    /// `'datetime.datetime'`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::DateTime(_) => "datetime.datetime",
            Value::TimeDelta(_) => "datetime.timedelta",
        }
    }

    /// Whether the value counts as true in an `if`: zero, empty and `None` are false (a NaN is
    /// true, a `timedelta` of zero false, a `datetime` always true).
    pub fn truthy(&self) -> bool {
        match self {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(n) => *n != 0,
            Value::Float(x) => *x != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(items) | Value::Tuple(items) => !items.is_empty(),
            Value::DateTime(_) => true,
            Value::TimeDelta(seconds) => time::micros(*seconds) != Some(0),
        }
    }

    /// The value as a float, for an int, a float or a bool (which Python counts as 0 and 1).
    pub fn float(&self) -> Option<f64> {
        match self {
            Value::Bool(b) => Some(f64::from(u8::from(*b))),
            // `as` rounds to the nearest double, ties to even, as CPython's int-to-float does.
            Value::Int(n) => Some(*n as f64),
            Value::Float(x) => Some(*x),
            _ => None,
        }
    }

    /// `str(value)`: what `print` writes. A string is itself; containers show their items by `repr`.
    pub fn str(&self) -> String {
        match self {
            Value::Str(s) => s.clone(),
            Value::DateTime(seconds) => time::datetime_str(*seconds),
            Value::TimeDelta(seconds) => time::timedelta_str(*seconds),
            _ => self.repr(),
        }
    }

    /// `repr(value)`: `'a'`, `[1, 'a', 2.5]`, `(1,)`, `0.1`, `datetime.timedelta(seconds=9)`.
    pub fn repr(&self) -> String {
        match self {
            Value::None => "None".to_owned(),
            Value::Bool(true) => "True".to_owned(),
            Value::Bool(false) => "False".to_owned(),
            Value::Int(n) => n.to_string(),
            Value::Float(x) => float::repr(*x),
            Value::Str(s) => str_repr(s),
            Value::List(items) => format!("[{}]", items_repr(items)),
            Value::Tuple(items) if items.len() == 1 => format!("({},)", items_repr(items)),
            Value::Tuple(items) => format!("({})", items_repr(items)),
            Value::DateTime(seconds) => time::datetime_repr(*seconds),
            Value::TimeDelta(seconds) => time::timedelta_repr(*seconds),
        }
    }

    /// `ascii(value)`: `repr` with every character outside ASCII escaped (`'\xe9'`), as `{!a}` and
    /// `%a` write it.
    pub fn ascii(&self) -> String {
        let mut out = String::new();
        for c in self.repr().chars() {
            if c.is_ascii() {
                out.push(c);
            } else {
                push_escape(&mut out, c);
            }
        }
        out
    }
}

/// Items by `repr`, separated by `, `.
fn items_repr(items: &[Value]) -> String {
    let reprs: Vec<String> = items.iter().map(Value::repr).collect();
    reprs.join(", ")
}

/// `repr` of a string: in single quotes unless it holds a single quote and no double quote; a
/// backslash, the quote, `\n`, `\r`, `\t` escaped, and every character Python does not print
/// (controls, formats, separators other than the space, private use) as `\x`, `\u` or `\U`.
fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !printable(c) => push_escape(&mut out, c),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// `\xNN`, `\uNNNN` or `\UNNNNNNNN`, the shortest of CPython's forms that holds the character.
fn push_escape(out: &mut String, c: char) {
    use std::fmt::Write as _;
    let code = u32::from(c);
    let _ = if code < 0x100 {
        write!(out, "\\x{code:02x}")
    } else if code < 0x10000 {
        write!(out, "\\u{code:04x}")
    } else {
        write!(out, "\\U{code:08x}")
    };
}

/// The characters beyond Latin-1's controls that Python's `str.isprintable` refuses and `repr`
/// escapes, as ranges: the space separators other than the space, the line and paragraph
/// separators, the format characters and the private-use areas of Unicode 14 (CPython 3.11's).
/// The code points Unicode has not assigned yet are the one class left out (a table of them would
/// be larger than the rest of this module): they print as themselves here, where CPython escapes
/// them.
const NOT_PRINTABLE: &[(u32, u32)] = &[
    (0xa0, 0xa0),
    (0xad, 0xad),
    (0x600, 0x605),
    (0x61c, 0x61c),
    (0x6dd, 0x6dd),
    (0x70f, 0x70f),
    (0x890, 0x891),
    (0x8e2, 0x8e2),
    (0x1680, 0x1680),
    (0x180e, 0x180e),
    (0x2000, 0x200f),
    (0x2028, 0x202f),
    (0x205f, 0x2064),
    (0x2066, 0x206f),
    (0x3000, 0x3000),
    (0xe000, 0xf8ff),
    (0xfdd0, 0xfdef),
    (0xfeff, 0xfeff),
    (0xfff9, 0xfffb),
    (0x110bd, 0x110bd),
    (0x110cd, 0x110cd),
    (0x13430, 0x13438),
    (0x1bca0, 0x1bca3),
    (0x1d173, 0x1d17a),
    (0xe0001, 0xe0001),
    (0xe0020, 0xe007f),
    (0xf0000, 0x10ffff),
];

/// Whether `repr` writes the character as it is.
fn printable(c: char) -> bool {
    let code = u32::from(c);
    if code < 0x20 || (0x7f..0xa0).contains(&code) {
        return false;
    }
    // The last two code points of every plane are noncharacters, which Python does not print.
    if code & 0xfffe == 0xfffe {
        return false;
    }
    !NOT_PRINTABLE
        .iter()
        .any(|&(first, last)| (first..=last).contains(&code))
}
