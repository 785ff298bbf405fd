//! The format-spec mini-language, `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`,
//! for strings, ints and floats: CPython's `Python/formatter_unicode.c`, its parsing, its checks in
//! their order (which decides which message a wrong spec gets) and its layout of a number's sign,
//! prefix, grouped digits and padding.

use super::{MAX_WIDTH, too_wide};
use crate::python::value::float::{Code, Flags, double_to_string};

/// How thousands are grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Grouping {
    /// No grouping.
    None,
    /// `,` every three digits.
    Comma,
    /// `_` every three digits.
    Underscore,
    /// `_` every four digits, for `b`, `o`, `x` and `X`.
    UnderscoreFour,
}

/// A parsed format spec.
#[derive(Clone, Debug)]
struct Spec {
    /// The padding character.
    fill: char,
    /// `<`, `>`, `^` or `=` (padding after the sign).
    align: char,
    /// `+`, `-` or ` `, if given.
    sign: Option<char>,
    /// `z`: no minus sign on a value that rounds to zero.
    no_negative_zero: bool,
    /// `#`: the alternate form (`0x`, a kept point).
    alternate: bool,
    /// The width, if given.
    width: Option<usize>,
    /// The thousands separator.
    grouping: Grouping,
    /// The precision, if given.
    precision: Option<usize>,
    /// The type code, or the type's default (none for floats).
    kind: Option<char>,
}

/// Reads a run of decimal digits at `pos`: the number, `None` when there are no digits, or
/// CPython's error past `isize::MAX`.
fn integer(chars: &[char], pos: &mut usize) -> Result<Option<usize>, String> {
    let start = *pos;
    let mut value: usize = 0;
    while let Some(digit) = chars.get(*pos).and_then(|c| c.to_digit(10)) {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(digit as usize))
            .filter(|v| isize::try_from(*v).is_ok())
            .ok_or("ValueError: Too many decimal digits in format string")?;
        *pos += 1;
    }
    Ok((*pos > start).then_some(value))
}

/// A type code in a message: the character, or `\x..` for one that is not printable ASCII.
fn code_text(c: char) -> String {
    if c > ' ' && u32::from(c) < 128 {
        c.to_string()
    } else {
        format!("\\x{:x}", u32::from(c))
    }
}

/// CPython's error for a type code the value's type does not have.
fn unknown_type(kind: char, type_name: &str) -> String {
    format!(
        "ValueError: Unknown format code '{}' for object of type '{type_name}'",
        code_text(kind)
    )
}

/// Parses a spec as CPython's `parse_internal_render_format_spec`, with the value type's default
/// alignment (`<` for strings, `>` for numbers) and type (`s` for strings, `d` for ints, none for
/// floats), which the check of a grouping sees.
fn parse(
    spec: &str,
    default_align: char,
    default_kind: Option<char>,
    type_name: &str,
) -> Result<Spec, String> {
    let chars: Vec<char> = spec.chars().collect();
    let is_align = |c: Option<&char>| matches!(c, Some('<' | '>' | '=' | '^'));
    let mut out = Spec {
        fill: ' ',
        align: default_align,
        sign: None,
        no_negative_zero: false,
        alternate: false,
        width: None,
        grouping: Grouping::None,
        precision: None,
        kind: default_kind,
    };
    let mut pos = 0;
    let mut fill_specified = false;
    let mut align_specified = false;
    if chars.len() >= 2 && is_align(chars.get(1)) {
        out.fill = chars[0];
        out.align = chars[1];
        fill_specified = true;
        align_specified = true;
        pos = 2;
    } else if is_align(chars.first()) {
        out.align = chars[0];
        align_specified = true;
        pos = 1;
    }
    if let Some(&c @ ('+' | '-' | ' ')) = chars.get(pos) {
        out.sign = Some(c);
        pos += 1;
    }
    if chars.get(pos) == Some(&'z') {
        out.no_negative_zero = true;
        pos += 1;
    }
    if chars.get(pos) == Some(&'#') {
        out.alternate = true;
        pos += 1;
    }
    // A leading `0` pads with zeros; for numbers it also puts the padding after the sign, unless an
    // alignment was given (CPython 3.10 stopped it changing a string's alignment).
    if !fill_specified && chars.get(pos) == Some(&'0') {
        out.fill = '0';
        if !align_specified && default_align == '>' {
            out.align = '=';
        }
        pos += 1;
    }
    out.width = integer(&chars, &mut pos)?;
    if chars.get(pos) == Some(&',') {
        out.grouping = Grouping::Comma;
        pos += 1;
    }
    if chars.get(pos) == Some(&'_') {
        if out.grouping != Grouping::None {
            return Err("ValueError: Cannot specify both ',' and '_'.".to_owned());
        }
        out.grouping = Grouping::Underscore;
        pos += 1;
    }
    if chars.get(pos) == Some(&',') && out.grouping == Grouping::Underscore {
        return Err("ValueError: Cannot specify both ',' and '_'.".to_owned());
    }
    if chars.get(pos) == Some(&'.') {
        pos += 1;
        out.precision = integer(&chars, &mut pos)?;
        if out.precision.is_none() {
            return Err("ValueError: Format specifier missing precision".to_owned());
        }
    }
    match chars.len() - pos {
        0 => {}
        1 => out.kind = Some(chars[pos]),
        _ => {
            return Err(format!(
                "ValueError: Invalid format specifier '{spec}' for object of type '{type_name}'"
            ));
        }
    }
    if out.grouping != Grouping::None {
        match out.kind {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => {}
            Some('b' | 'o' | 'x' | 'X') if out.grouping == Grouping::Underscore => {
                out.grouping = Grouping::UnderscoreFour;
            }
            Some(kind) => {
                let separator = if out.grouping == Grouping::Comma {
                    ','
                } else {
                    '_'
                };
                return Err(format!(
                    "ValueError: Cannot specify '{separator}' with '{}'.",
                    code_text(kind)
                ));
            }
        }
    }
    Ok(out)
}

/// Left and right padding for `len` characters in `width`, by alignment.
fn padding(len: usize, width: Option<usize>, align: char) -> Result<(usize, usize), String> {
    let width = width.unwrap_or(0);
    if width > MAX_WIDTH {
        return Err(too_wide(width));
    }
    let total = width.saturating_sub(len);
    Ok(match align {
        '>' => (total, 0),
        '^' => (total / 2, total - total / 2),
        _ => (0, total),
    })
}

/// `count` copies of `fill`.
fn push_fill(out: &mut String, fill: char, count: usize) {
    out.extend(std::iter::repeat_n(fill, count));
}

/// A string formatted by a non-empty spec.
pub(super) fn format_str(value: &str, spec: &str) -> Result<String, String> {
    let spec = parse(spec, '<', Some('s'), "str")?;
    let kind = spec.kind.unwrap_or('s');
    if kind != 's' {
        return Err(unknown_type(kind, "str"));
    }
    match spec.sign {
        Some(' ') => {
            return Err("ValueError: Space not allowed in string format specifier".to_owned());
        }
        Some(_) => {
            return Err("ValueError: Sign not allowed in string format specifier".to_owned());
        }
        None => {}
    }
    if spec.no_negative_zero {
        return Err(
            "ValueError: Negative zero coercion (z) not allowed in string format specifier"
                .to_owned(),
        );
    }
    if spec.alternate {
        return Err(
            "ValueError: Alternate form (#) not allowed in string format specifier".to_owned(),
        );
    }
    if spec.align == '=' {
        return Err("ValueError: '=' alignment not allowed in string format specifier".to_owned());
    }
    let text: String = match spec.precision {
        Some(p) => value.chars().take(p).collect(),
        None => value.to_owned(),
    };
    let (left, right) = padding(text.chars().count(), spec.width, spec.align)?;
    let mut out = String::new();
    push_fill(&mut out, spec.fill, left);
    out.push_str(&text);
    push_fill(&mut out, spec.fill, right);
    Ok(out)
}

/// An int (or a bool, `type_name` saying which) formatted by a non-empty spec.
pub(super) fn format_int(value: i64, spec: &str, type_name: &str) -> Result<String, String> {
    let spec = parse(spec, '>', Some('d'), type_name)?;
    let kind = spec.kind.unwrap_or('d');
    match kind {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => {}
        // The float types format the int as a float, as CPython does.
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => return float_layout(value as f64, &spec),
        _ => return Err(unknown_type(kind, type_name)),
    }
    if spec.precision.is_some() {
        return Err("ValueError: Precision not allowed in integer format specifier".to_owned());
    }
    if spec.no_negative_zero {
        return Err(
            "ValueError: Negative zero coercion (z) not allowed in integer format specifier"
                .to_owned(),
        );
    }
    if kind == 'c' {
        if spec.sign.is_some() {
            return Err(
                "ValueError: Sign not allowed with integer format specifier 'c'".to_owned(),
            );
        }
        if spec.alternate {
            return Err(
                "ValueError: Alternate form (#) not allowed with integer format specifier 'c'"
                    .to_owned(),
            );
        }
        let c = code_point(value)?;
        // As CPython, the character is laid out as a number's "remainder": no digits to group.
        return number_layout(false, "", "", &c.to_string(), &spec, false);
    }
    let magnitude = value.unsigned_abs();
    let (digits, prefix) = match kind {
        'b' => (format!("{magnitude:b}"), "0b"),
        'o' => (format!("{magnitude:o}"), "0o"),
        'x' | 'X' => (format!("{magnitude:x}"), "0x"),
        _ => (magnitude.to_string(), ""),
    };
    let prefix = if spec.alternate { prefix } else { "" };
    number_layout(value < 0, prefix, &digits, "", &spec, kind == 'X')
}

/// The character of a code point, or CPython's errors for one out of range (and the page's for a
/// surrogate, which a Rust string cannot hold).
pub(super) fn code_point(value: i64) -> Result<char, String> {
    if !(0..=0x10ffff).contains(&value) {
        return Err("OverflowError: %c arg not in range(0x110000)".to_owned());
    }
    u32::try_from(value)
        .ok()
        .and_then(char::from_u32)
        .ok_or_else(|| "lone surrogate characters are not in the page's Python".to_owned())
}

/// A float formatted by a non-empty spec.
pub(super) fn format_float(value: f64, spec: &str) -> Result<String, String> {
    let spec = parse(spec, '>', None, "float")?;
    match spec.kind {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => float_layout(value, &spec),
        Some(kind) => Err(unknown_type(kind, "float")),
    }
}

/// CPython's `format_float_internal`: the number written by `PyOS_double_to_string`, then laid out.
fn float_layout(value: f64, spec: &Spec) -> Result<String, String> {
    if spec.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err("ValueError: precision too big".to_owned());
    }
    if let Some(p) = spec.precision.filter(|p| *p > MAX_WIDTH) {
        return Err(format!(
            "a precision over {MAX_WIDTH} ({p}) is not in the page's Python"
        ));
    }
    let mut flags = Flags {
        alternate: spec.alternate,
        no_negative_zero: spec.no_negative_zero,
        ..Flags::default()
    };
    let mut value = value;
    let mut percent = false;
    let mut default_precision = 6;
    let code = match spec.kind {
        // No type: `repr` without a precision, else `g` that keeps a `.0` on whole numbers.
        None => {
            flags.add_dot_0 = true;
            default_precision = 0;
            if spec.precision.is_some() {
                Code::General
            } else {
                Code::Repr
            }
        }
        Some('e' | 'E') => Code::Exp,
        Some('f' | 'F') => Code::Fixed,
        Some('%') => {
            value *= 100.0;
            percent = true;
            Code::Fixed
        }
        _ => Code::General,
    };
    flags.upper = matches!(spec.kind, Some('E' | 'F' | 'G'));
    let precision = spec.precision.unwrap_or(default_precision);
    let mut text = double_to_string(value, code, precision, flags);
    if percent {
        text.push('%');
    }
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let split = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let (digits, rest) = body.split_at(split);
    number_layout(negative, "", digits, rest, spec, false)
}

/// CPython's `calc_number_widths` and `fill_number`: padding, sign, prefix, the digits grouped (and
/// zero-padded when the fill is `0` after the sign), then the rest (point, decimals, exponent).
fn number_layout(
    negative: bool,
    prefix: &str,
    digits: &str,
    rest: &str,
    spec: &Spec,
    upper: bool,
) -> Result<String, String> {
    let width = spec.width.unwrap_or(0);
    if width > MAX_WIDTH {
        return Err(too_wide(width));
    }
    let sign = match (spec.sign, negative) {
        (_, true) => Some('-'),
        (Some('+'), false) => Some('+'),
        (Some(' '), false) => Some(' '),
        _ => None,
    };
    let sign_len = usize::from(sign.is_some());
    let rest_len = rest.chars().count();
    let others = sign_len + prefix.len() + rest_len;
    let min_width = if spec.fill == '0' && spec.align == '=' {
        width.saturating_sub(others)
    } else {
        0
    };
    let separator = match spec.grouping {
        Grouping::None => None,
        Grouping::Comma => Some((',', 3)),
        Grouping::Underscore => Some(('_', 3)),
        Grouping::UnderscoreFour => Some(('_', 4)),
    };
    let grouped = if digits.is_empty() {
        String::new()
    } else {
        group(digits, min_width, separator)
    };
    let padding = width.saturating_sub(others + grouped.len());
    let (left, middle, right) = match spec.align {
        '<' => (0, 0, padding),
        '^' => (padding / 2, 0, padding - padding / 2),
        '=' => (0, padding, 0),
        _ => (padding, 0, 0),
    };
    let mut out = String::new();
    push_fill(&mut out, spec.fill, left);
    out.extend(sign);
    if upper {
        out.push_str(&prefix.to_ascii_uppercase());
    } else {
        out.push_str(prefix);
    }
    push_fill(&mut out, spec.fill, middle);
    if upper {
        out.push_str(&grouped.to_ascii_uppercase());
    } else {
        out.push_str(&grouped);
    }
    out.push_str(rest);
    push_fill(&mut out, spec.fill, right);
    Ok(out)
}

/// CPython's `_PyUnicode_InsertThousandsGrouping`: the ASCII digits with a separator between
/// groups, and zeros on the left (grouped too) until at least `min_width` characters.
fn group(digits: &str, min_width: usize, separator: Option<(char, usize)>) -> String {
    let digits = digits.as_bytes();
    let mut remaining = digits.len();
    let mut min_width = min_width as isize;
    // Written from the right, then turned around.
    let mut out: Vec<u8> = Vec::new();
    let take = |out: &mut Vec<u8>, chars: usize, zeros: usize, remaining: usize| {
        out.extend(digits[remaining - chars..remaining].iter().rev());
        out.extend(std::iter::repeat_n(b'0', zeros));
    };
    match separator {
        Some((separator, size)) => {
            let mut first = true;
            loop {
                let len = size.min(remaining.max(min_width.max(0) as usize).max(1));
                let chars = len.min(remaining);
                let zeros = len - chars;
                if !first {
                    out.push(separator as u8);
                }
                first = false;
                take(&mut out, chars, zeros, remaining);
                remaining -= chars;
                min_width -= len as isize;
                if remaining == 0 && min_width <= 0 {
                    break;
                }
                min_width -= 1;
            }
        }
        None => {
            let len = remaining.max(min_width.max(0) as usize).max(1);
            take(&mut out, remaining, len - remaining, remaining);
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}
