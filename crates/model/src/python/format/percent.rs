//! `template % args`: CPython's `PyUnicode_Format` (`Objects/unicodeobject.c`), its reading of
//! `%[flags][width][.precision][length]type`, its conversions and its errors in the order it meets
//! them.

use super::spec::code_point;
use super::{MAX_WIDTH, too_wide};
use crate::python::value::float::{Code, Flags, double_to_string};
use crate::python::value::{INT_OVERFLOW, Value};

/// The flags of one conversion.
#[derive(Clone, Copy, Debug, Default)]
struct Conversion {
    /// `-`: pad on the right.
    left: bool,
    /// `+`: a plus sign on positive numbers.
    plus: bool,
    /// ` `: a space on positive numbers.
    blank: bool,
    /// `#`: the alternate form (`0x`, `0o`, a kept point).
    alternate: bool,
    /// `0`: pad numbers with zeros.
    zero: bool,
    /// The width, if given.
    width: Option<usize>,
    /// The precision, if given.
    precision: Option<usize>,
    /// The type character.
    kind: char,
}

/// The arguments as CPython walks them: a tuple gives its items in turn, anything else is the one
/// argument.
struct Args<'a> {
    items: &'a [Value],
    single: Option<&'a Value>,
    next: usize,
}

impl<'a> Args<'a> {
    /// The next argument, or CPython's `TypeError` when there is none.
    fn next(&mut self) -> Result<&'a Value, String> {
        let value = match self.single {
            Some(value) if self.next == 0 => Some(value),
            Some(_) => None,
            None => self.items.get(self.next),
        };
        self.next += 1;
        value.ok_or_else(|| "TypeError: not enough arguments for format string".to_owned())
    }

    /// Whether some argument was not used.
    fn left_over(&self) -> bool {
        match self.single {
            Some(_) => self.next == 0,
            None => self.next < self.items.len(),
        }
    }
}

/// `template % args`: `%s %r %a %d %i %u %f %F %e %E %g %G %x %X %o %c %%` with the flags `-+ 0#`,
/// a width (or `*`), a precision (or `.*`), and a length letter (`h`, `l`, `L`, which Python
/// ignores). A tuple gives several arguments, any other value one. `%(name)s` needs a dict, which
/// the page's Python does not have.
pub fn percent(template: &str, args: &Value) -> Result<String, String> {
    let mut args = match args {
        Value::Tuple(items) => Args {
            items,
            single: None,
            next: 0,
        },
        other => Args {
            items: &[],
            single: Some(other),
            next: 0,
        },
    };
    // CPython counts a list as a mapping (it has `__getitem__`): a list argument is never "not all
    // converted", and `%(name)s` looks the name up in it.
    let mapping = matches!(args.single, Some(Value::List(_)));
    let chars: Vec<char> = template.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        i += 1;
        if chars.get(i) == Some(&'%') {
            out.push('%');
            i += 1;
            continue;
        }
        if chars.get(i) == Some(&'(') {
            if !mapping {
                return Err("TypeError: format requires a mapping".to_owned());
            }
            let mut depth = 1;
            i += 1;
            while depth > 0 && i < chars.len() {
                match chars[i] {
                    ')' => depth -= 1,
                    '(' => depth += 1,
                    _ => {}
                }
                i += 1;
            }
            if depth > 0 {
                return Err("ValueError: incomplete format key".to_owned());
            }
            return Err("TypeError: list indices must be integers or slices, not str".to_owned());
        }
        let conversion = parse(&chars, &mut i, &mut args)?;
        let value = args.next()?;
        let text = convert(value, &conversion, i - 1)?;
        output(&mut out, &conversion, &text)?;
    }
    if args.left_over() && !mapping {
        return Err("TypeError: not all arguments converted during string formatting".to_owned());
    }
    Ok(out)
}

/// Reads flags, width, precision, length and type after a `%`, taking `*` widths from the
/// arguments; `i` ends just after the type.
fn parse(chars: &[char], i: &mut usize, args: &mut Args<'_>) -> Result<Conversion, String> {
    let mut c = Conversion::default();
    let read = |i: &mut usize| -> Result<char, String> {
        let ch = chars
            .get(*i)
            .copied()
            .ok_or_else(|| "ValueError: incomplete format".to_owned())?;
        *i += 1;
        Ok(ch)
    };
    let mut ch = read(i)?;
    loop {
        match ch {
            '-' => c.left = true,
            '+' => c.plus = true,
            ' ' => c.blank = true,
            '#' => c.alternate = true,
            '0' => c.zero = true,
            _ => break,
        }
        ch = read(i)?;
    }
    if ch == '*' {
        let width = star(args.next()?)?;
        if width < 0 {
            c.left = true;
        }
        c.width = Some(usize::try_from(width.unsigned_abs()).unwrap_or(usize::MAX));
        ch = read(i)?;
    } else if let Some(digit) = ch.to_digit(10) {
        let mut width = digit as usize;
        loop {
            ch = read(i)?;
            let Some(digit) = ch.to_digit(10) else { break };
            width = width
                .checked_mul(10)
                .and_then(|w| w.checked_add(digit as usize))
                .filter(|w| isize::try_from(*w).is_ok())
                .ok_or("ValueError: width too big")?;
        }
        c.width = Some(width);
    }
    if ch == '.' {
        ch = read(i)?;
        if ch == '*' {
            let precision = star(args.next()?)?;
            if i32::try_from(precision).is_err() {
                return Err("OverflowError: Python int too large to convert to C int".to_owned());
            }
            c.precision = Some(usize::try_from(precision.max(0)).unwrap_or(0));
            ch = read(i)?;
        } else if let Some(digit) = ch.to_digit(10) {
            let mut precision = digit as usize;
            loop {
                ch = read(i)?;
                let Some(digit) = ch.to_digit(10) else { break };
                precision = precision
                    .checked_mul(10)
                    .and_then(|p| p.checked_add(digit as usize))
                    .filter(|p| i32::try_from(*p).is_ok())
                    .ok_or("ValueError: precision too big")?;
            }
            c.precision = Some(precision);
        } else {
            c.precision = Some(0);
        }
    }
    if matches!(ch, 'h' | 'l' | 'L') {
        ch = read(i)?;
    }
    c.kind = ch;
    Ok(c)
}

/// A `*` width or precision: an int, or CPython's `TypeError`.
fn star(value: &Value) -> Result<i64, String> {
    match value {
        Value::Int(n) => Ok(*n),
        Value::Bool(b) => Ok(i64::from(*b)),
        _ => Err("TypeError: * wants int".to_owned()),
    }
}

/// The text of one conversion, before padding; `at` is the type character's index, for messages.
fn convert(value: &Value, c: &Conversion, at: usize) -> Result<String, String> {
    match c.kind {
        's' => Ok(value.str()),
        'r' => Ok(value.repr()),
        'a' => Ok(value.ascii()),
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => integer(value, c),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let Some(x) = value.float() else {
                return Err(format!(
                    "TypeError: must be real number, not {}",
                    value.type_name()
                ));
            };
            let precision = c.precision.unwrap_or(6);
            if precision > MAX_WIDTH {
                return Err(format!(
                    "a precision over {MAX_WIDTH} ({precision}) is not in the page's Python"
                ));
            }
            let code = match c.kind {
                'e' | 'E' => Code::Exp,
                'f' | 'F' => Code::Fixed,
                _ => Code::General,
            };
            let flags = Flags {
                upper: c.kind.is_ascii_uppercase(),
                alternate: c.alternate,
                ..Flags::default()
            };
            Ok(double_to_string(x, code, precision, flags))
        }
        'c' => match value {
            Value::Str(s) if s.chars().count() == 1 => Ok(s.clone()),
            Value::Int(n) => code_point(*n).map(|ch| ch.to_string()),
            Value::Bool(b) => code_point(i64::from(*b)).map(|ch| ch.to_string()),
            _ => Err("TypeError: %c requires int or char".to_owned()),
        },
        other => Err(format!(
            "ValueError: unsupported format character '{}' (0x{:x}) at index {at}",
            if (' '..='~').contains(&other) {
                other
            } else {
                '?'
            },
            u32::from(other)
        )),
    }
}

/// `%d`, `%i`, `%u`, `%o`, `%x`, `%X`: CPython's `mainformatlong` and `_PyUnicode_FormatLong`.
fn integer(value: &Value, c: &Conversion) -> Result<String, String> {
    let n = match value {
        Value::Int(n) => *n,
        Value::Bool(b) => i64::from(*b),
        // A float is truncated for `%d`, `%i`, `%u`; `%o`, `%x`, `%X` want a true int.
        Value::Float(x) if !matches!(c.kind, 'o' | 'x' | 'X') => {
            if x.is_nan() {
                return Err("ValueError: cannot convert float NaN to integer".to_owned());
            }
            if x.is_infinite() {
                return Err("OverflowError: cannot convert float infinity to integer".to_owned());
            }
            let whole = x.trunc();
            if !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&whole) {
                return Err(INT_OVERFLOW.to_owned());
            }
            whole as i64
        }
        _ => {
            let wanted = if matches!(c.kind, 'o' | 'x' | 'X') {
                "an integer"
            } else {
                "a real number"
            };
            return Err(format!(
                "TypeError: %{} format: {wanted} is required, not {}",
                c.kind,
                value.type_name()
            ));
        }
    };
    let magnitude = n.unsigned_abs();
    let mut digits = match c.kind {
        'o' => format!("{magnitude:o}"),
        'x' => format!("{magnitude:x}"),
        'X' => format!("{magnitude:X}"),
        _ => magnitude.to_string(),
    };
    if let Some(precision) = c.precision {
        if precision > MAX_WIDTH {
            return Err(too_wide(precision));
        }
        if digits.len() < precision {
            digits = format!("{}{digits}", "0".repeat(precision - digits.len()));
        }
    }
    let prefix = match c.kind {
        'o' if c.alternate => "0o",
        'x' if c.alternate => "0x",
        'X' if c.alternate => "0X",
        _ => "",
    };
    let sign = if n < 0 { "-" } else { "" };
    Ok(format!("{sign}{prefix}{digits}"))
}

/// CPython's `unicode_format_arg_output`: the text truncated by the precision (for `%s`, `%r`,
/// `%a`), the sign and the `0x` prefix placed before or after the padding, padded to the width.
fn output(out: &mut String, c: &Conversion, text: &str) -> Result<(), String> {
    let numeric = matches!(
        c.kind,
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G'
    );
    let chars: Vec<char> = text.chars().collect();
    let mut len = chars.len();
    if let (Some(precision), 's' | 'r' | 'a') = (c.precision, c.kind) {
        len = len.min(precision);
    }
    let mut width = c.width.unwrap_or(0);
    if width > MAX_WIDTH {
        return Err(too_wide(width));
    }
    let fill = if numeric && c.zero { '0' } else { ' ' };
    let mut start = 0;
    let mut sign = None;
    if numeric {
        match chars.first() {
            Some(&s @ ('-' | '+')) => {
                sign = Some(s);
                len -= 1;
                start = 1;
            }
            _ if c.plus => sign = Some('+'),
            _ if c.blank => sign = Some(' '),
            _ => {}
        }
    }
    width = width.max(len);
    if let Some(s) = sign {
        if fill != ' ' {
            out.push(s);
        }
        if width > len {
            width -= 1;
        }
    }
    let prefixed = c.alternate && matches!(c.kind, 'x' | 'X' | 'o');
    if prefixed {
        if fill != ' ' {
            out.extend(&chars[start..start + 2]);
            start += 2;
        }
        width = width.saturating_sub(2);
        len -= 2;
    }
    if width > len && !c.left {
        out.extend(std::iter::repeat_n(fill, width - len));
        width = len;
    }
    if fill == ' ' {
        out.extend(sign);
        if prefixed {
            out.extend(&chars[start..start + 2]);
            start += 2;
        }
    }
    out.extend(&chars[start..start + len]);
    if width > len {
        out.extend(std::iter::repeat_n(' ', width - len));
    }
    Ok(())
}
