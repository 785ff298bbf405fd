//! `str.format`: CPython's `Objects/stringlib/unicode_format.h`, its reading of `{field!conv:spec}`
//! and its errors in the order it meets them.

use super::format;
use crate::python::value::Value;

/// How fields without a number are numbered: not yet known, automatically (`{}`), or by hand
/// (`{0}`); a template may not mix the two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Numbering {
    /// No numbered or unnumbered field yet.
    Unknown,
    /// `{}`: each field takes the next argument.
    Automatic,
    /// `{0}`: each field names its argument.
    Manual,
}

/// The arguments and the numbering state of one `str.format` call.
struct Call<'a> {
    /// The positional arguments.
    positional: &'a [Value],
    /// The keyword arguments, by name.
    keywords: &'a [(String, Value)],
    /// How the fields are numbered so far.
    numbering: Numbering,
    /// The argument the next `{}` takes.
    next: usize,
}

/// `template.format(*positional, **keywords)`, or CPython's error: `{}`, `{0}`, `{name}`,
/// `{0[1]}` (an index into a list, a tuple or a string), `{!r}`, `{!s}`, `{!a}`, `{:spec}` with
/// nested fields in the spec (`{:{width}}`), and `{{` and `}}` for braces. Attributes (`{0.x}`) are
/// not in the page's Python.
pub fn str_format(
    template: &str,
    positional: &[Value],
    keywords: &[(String, Value)],
) -> Result<String, String> {
    let mut call = Call {
        positional,
        keywords,
        numbering: Numbering::Unknown,
        next: 0,
    };
    // CPython allows one level of fields inside a spec, no more.
    build(template, &mut call, 2)
}

/// One field as written: its name, its conversion and its spec.
struct Field<'t> {
    /// The argument and its indexes, `0[1]`.
    name: &'t str,
    /// The character after `!`, if any.
    conversion: Option<char>,
    /// The text after `:`.
    spec: &'t str,
    /// Whether the spec holds fields of its own, to fill in before it is used.
    spec_has_fields: bool,
}

/// CPython's `build_string`: the literal text and the fields of a template, in order.
fn build(template: &str, call: &mut Call<'_>, depth: u32) -> Result<String, String> {
    if depth == 0 {
        return Err("ValueError: Max string recursion exceeded".to_owned());
    }
    let bytes = template.as_bytes();
    let mut out = String::new();
    let mut pos = 0;
    while pos < bytes.len() {
        // The literal text up to the first brace (braces are ASCII, so byte positions are safe).
        let start = pos;
        let mut brace = None;
        while pos < bytes.len() {
            let c = bytes[pos];
            pos += 1;
            if c == b'{' || c == b'}' {
                brace = Some(c);
                break;
            }
        }
        let at_end = pos >= bytes.len();
        let mut literal_end = pos;
        if brace == Some(b'}') && (at_end || bytes[pos] != b'}') {
            return Err("ValueError: Single '}' encountered in format string".to_owned());
        }
        if at_end && brace == Some(b'{') {
            return Err("ValueError: Single '{' encountered in format string".to_owned());
        }
        let mut field = brace == Some(b'{');
        if brace.is_some() {
            if Some(bytes[pos]) == brace {
                // `{{` or `}}`: one brace of text, no field.
                pos += 1;
                field = false;
            } else {
                literal_end -= 1;
            }
        }
        out.push_str(&template[start..literal_end]);
        if field {
            let (parsed, next) = parse_field(template, pos)?;
            pos = next;
            out.push_str(&render(&parsed, call, depth)?);
        }
    }
    Ok(out)
}

/// CPython's `parse_field`: reads a field from just after its `{` to just after its `}`.
fn parse_field(template: &str, start: usize) -> Result<(Field<'_>, usize), String> {
    let bytes = template.as_bytes();
    let mut pos = start;
    let mut last = None;
    while pos < bytes.len() {
        let c = bytes[pos];
        pos += 1;
        match c {
            b'{' => return Err("ValueError: unexpected '{' in field name".to_owned()),
            b'[' => {
                while pos < bytes.len() && bytes[pos] != b']' {
                    pos += 1;
                }
                last = Some(c);
            }
            b'}' | b':' | b'!' => {
                last = Some(c);
                break;
            }
            _ => last = Some(c),
        }
    }
    if !matches!(last, Some(b'!' | b':' | b'}')) {
        return Err("ValueError: expected '}' before end of string".to_owned());
    }
    // The name ends before the ASCII character that ended it.
    let mut field = Field {
        name: &template[start..pos - 1],
        conversion: None,
        spec: "",
        spec_has_fields: false,
    };
    if last == Some(b'}') {
        return Ok((field, pos));
    }
    if last == Some(b'!') {
        let Some(conversion) = template[pos..].chars().next() else {
            return Err(
                "ValueError: end of string while looking for conversion specifier".to_owned(),
            );
        };
        field.conversion = Some(conversion);
        pos += conversion.len_utf8();
        if pos < bytes.len() {
            let c = bytes[pos];
            pos += 1;
            if c == b'}' {
                return Ok((field, pos));
            }
            if c != b':' {
                return Err("ValueError: expected ':' after conversion specifier".to_owned());
            }
        }
    }
    let spec_start = pos;
    let mut count = 1;
    while pos < bytes.len() {
        let c = bytes[pos];
        pos += 1;
        match c {
            b'{' => {
                field.spec_has_fields = true;
                count += 1;
            }
            b'}' => {
                count -= 1;
                if count == 0 {
                    field.spec = &template[spec_start..pos - 1];
                    return Ok((field, pos));
                }
            }
            _ => {}
        }
    }
    Err("ValueError: unmatched '{' in format spec".to_owned())
}

/// CPython's `get_integer`: a field name made only of decimal digits as a number, `None` for any
/// other, or the error for one too long.
fn index(text: &str) -> Result<Option<usize>, String> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    let mut value: usize = 0;
    for digit in text.bytes().map(|b| usize::from(b - b'0')) {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(digit))
            .filter(|v| isize::try_from(*v).is_ok())
            .ok_or("ValueError: Too many decimal digits in format string")?;
    }
    Ok(Some(value))
}

/// A field's value, converted and formatted.
fn render(field: &Field<'_>, call: &mut Call<'_>, depth: u32) -> Result<String, String> {
    let value = lookup(field.name, call)?;
    let value = match field.conversion {
        None => value,
        Some('r') => Value::Str(value.repr()),
        Some('s') => Value::Str(value.str()),
        Some('a') => Value::Str(value.ascii()),
        Some(c) => {
            let shown = if c > ' ' && u32::from(c) < 127 {
                c.to_string()
            } else {
                format!("\\x{:x}", u32::from(c))
            };
            return Err(format!("ValueError: Unknown conversion specifier {shown}"));
        }
    };
    let spec = if field.spec_has_fields {
        build(field.spec, call, depth - 1)?
    } else {
        field.spec.to_owned()
    };
    format(&value, &spec)
}

/// CPython's `get_field_object`: the argument a field names, then its indexes.
fn lookup(name: &str, call: &mut Call<'_>) -> Result<Value, String> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let (first, mut rest) = name.split_at(first_end);
    let number = index(first)?;
    let empty = first.is_empty();
    if empty || number.is_some() {
        if call.numbering == Numbering::Unknown {
            call.numbering = if empty {
                Numbering::Automatic
            } else {
                Numbering::Manual
            };
        }
        match (call.numbering, empty) {
            (Numbering::Manual, true) => {
                return Err(
                    "ValueError: cannot switch from manual field specification to \
                            automatic field numbering"
                        .to_owned(),
                );
            }
            (Numbering::Automatic, false) => {
                return Err(
                    "ValueError: cannot switch from automatic field numbering to \
                            manual field specification"
                        .to_owned(),
                );
            }
            _ => {}
        }
    }
    let mut value = match number {
        _ if empty => {
            let n = call.next;
            call.next += 1;
            positional(call, n)?
        }
        Some(n) => positional(call, n)?,
        None => call
            .keywords
            .iter()
            .find(|(key, _)| key == first)
            .map(|(_, value)| value.clone())
            .ok_or_else(|| format!("KeyError: {}", Value::Str(first.to_owned()).repr()))?,
    };
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        match c {
            '.' => {
                let end = rest.find(['.', '[']).unwrap_or(rest.len());
                if end == 0 {
                    return Err("ValueError: Empty attribute in format string".to_owned());
                }
                return Err(format!(
                    "attributes in a format field (`.{}`) are not in the page's Python: pass the \
                     value itself",
                    &rest[..end]
                ));
            }
            '[' => {
                let Some(end) = rest.find(']') else {
                    return Err("ValueError: Missing ']' in format string".to_owned());
                };
                let key = &rest[..end];
                rest = &rest[end + 1..];
                if key.is_empty() {
                    return Err("ValueError: Empty attribute in format string".to_owned());
                }
                value = item(&value, key)?;
            }
            _ => {
                return Err(
                    "ValueError: Only '.' or '[' may follow ']' in format field specifier"
                        .to_owned(),
                );
            }
        }
    }
    Ok(value)
}

/// A positional argument, or CPython's `IndexError`.
fn positional(call: &Call<'_>, n: usize) -> Result<Value, String> {
    call.positional.get(n).cloned().ok_or_else(|| {
        format!("IndexError: Replacement index {n} out of range for positional args tuple")
    })
}

/// `value[key]` as a format field reads it: a key of digits is an int, any other a string.
fn item(value: &Value, key: &str) -> Result<Value, String> {
    let number = index(key)?;
    match (value, number) {
        (Value::List(items), Some(n)) => items
            .get(n)
            .cloned()
            .ok_or_else(|| "IndexError: list index out of range".to_owned()),
        (Value::Tuple(items), Some(n)) => items
            .get(n)
            .cloned()
            .ok_or_else(|| "IndexError: tuple index out of range".to_owned()),
        (Value::Str(s), Some(n)) => s
            .chars()
            .nth(n)
            .map(|c| Value::Str(c.to_string()))
            .ok_or_else(|| "IndexError: string index out of range".to_owned()),
        (Value::List(_) | Value::Tuple(_), None) => Err(format!(
            "TypeError: {} indices must be integers or slices, not str",
            value.type_name()
        )),
        (Value::Str(_), None) => {
            Err("TypeError: string indices must be integers, not 'str'".to_owned())
        }
        _ => Err(format!(
            "TypeError: '{}' object is not subscriptable",
            value.type_name()
        )),
    }
}
