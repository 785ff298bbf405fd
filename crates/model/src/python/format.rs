//! How a learner's Python turns values into text: `format(value, spec)` and f-string fields,
//! `str.format`, `%` formatting and `print`, exactly as CPython 3.11 writes them.
//!
//! This module owns formatting only. It is pure (no clock, no browser) and decides nothing about
//! programs: the evaluator hands it values and gets text or CPython's error back, as
//! `ValueError: Unknown format code 'd' for object of type 'str'`. What each value's `str` and
//! `repr` are belongs to `value`; the spec mini-language is `spec`, `str.format` is `template`,
//! `%` is `percent` and `datetime`'s `strftime` is `strftime`.
//!
//! One limit is the page's own: a width or precision over `MAX_WIDTH` in a format spec or a `%`
//! conversion is an error, where CPython would try to build the string, because a browser tab
//! would run out of memory first. (A `strftime` width needs no such limit: CPython's own buffer
//! for it is at most 256 times the format's length, and a longer result is empty.)

mod percent;
mod spec;
mod strftime;
mod template;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use percent::percent;
pub use template::str_format;

use crate::python::value::Value;

/// The widest field (and the longest precision) the page formats.
const MAX_WIDTH: usize = 100_000;

/// The error for a width or precision over `MAX_WIDTH`.
fn too_wide(width: usize) -> String {
    format!("a format width over {MAX_WIDTH} ({width}) is not in the page's Python")
}

/// `format(value, spec)`, as an f-string's `{value:spec}` and `str.format` use it: the
/// mini-language `[[fill]align][sign][z][#][0][width][grouping][.precision][type]` for strings, ints
/// and floats, a `strftime` format for a `datetime`, and `str(value)` for an empty spec. Other types
/// take only the empty spec, as in CPython.
pub fn format(value: &Value, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(value.str());
    }
    match value {
        Value::Str(s) => spec::format_str(s, spec),
        Value::Int(n) => spec::format_int(*n, spec, "int"),
        // A bool formats as the int it is once there is a spec: `format(True, '>5')` is `    1`.
        Value::Bool(b) => spec::format_int(i64::from(*b), spec, "bool"),
        Value::Float(x) => spec::format_float(*x, spec),
        Value::DateTime(seconds) => Ok(strftime::strftime(*seconds, spec)),
        Value::None | Value::List(_) | Value::Tuple(_) | Value::TimeDelta(_) => Err(format!(
            "TypeError: unsupported format string passed to {}.__format__",
            value.type_name()
        )),
    }
}

/// What `print(*args, sep=sep, end=end)` writes: each argument's `str`, separated by `sep`, then
/// `end`.
pub fn print_line(args: &[Value], sep: &str, end: &str) -> String {
    let parts: Vec<String> = args.iter().map(Value::str).collect();
    let mut line = parts.join(sep);
    line.push_str(end);
    line
}
