//! Values written out as Rust's `format!` writes them: the specs `{:?}`, `{:.2}`, `{:>8}`, `{:05}`
//! and the rest, for the numbers, text and `Duration`s a program of the page's Rust prints.
//!
//! This file owns the formatting rules and nothing else: it reads a spec's text ([`Spec::read`])
//! and writes one value by it ([`write`]). The reader writes the values it knows before the run
//! with it, and a program's run writes the clock values it measures (an `elapsed()`) with it, so
//! that both are Rust's. It leans on core's own formatting for each kind's digits (a float's
//! shortest digits, a `Duration`'s `Debug`): those are the rules, and the page's Python, loaded with
//! this reader, already pays for core's float printing (`python::value::float`). Padding is done
//! here, since `format!` takes its fill character only as a literal. It imports nothing of the
//! page's own.

use std::time::Duration;

/// A value to write.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shown<'a> {
    /// An integer of any width.
    Int(i128),
    /// An `f64`.
    Float(f64),
    /// A string.
    Str(&'a str),
    /// A `char`.
    Char(char),
    /// A `bool`.
    Bool(bool),
    /// A `Duration`.
    Duration(Duration),
}

/// Where padding goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// `<`.
    Left,
    /// `^`.
    Center,
    /// `>`.
    Right,
}

/// A format spec: what follows the `:` in `{name:spec}`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spec {
    /// The fill character and alignment, if given.
    pub align: Option<(char, Align)>,
    /// `+`: a sign on positive numbers too.
    pub plus: bool,
    /// `0`: numbers padded with zeros after their sign.
    pub zero: bool,
    /// The least width in characters.
    pub width: Option<usize>,
    /// `.N`: digits after the point (or characters of a string).
    pub precision: Option<usize>,
    /// `?`: `Debug` rather than `Display`.
    pub debug: bool,
}

impl Spec {
    /// Reads a spec's text, such as `.2?` or `>8`; an error in rustc's words for what the page's
    /// Rust does not write (`x`, `e`, `#`, a width from an argument).
    pub fn read(text: &str) -> Result<Spec, String> {
        let chars: Vec<char> = text.chars().collect();
        let mut at = 0;
        let mut spec = Spec::default();
        let align = |c: char| match c {
            '<' => Some(Align::Left),
            '^' => Some(Align::Center),
            '>' => Some(Align::Right),
            _ => None,
        };
        if let Some(a) = chars.get(1).copied().and_then(align) {
            spec.align = Some((chars[0], a));
            at = 2;
        } else if let Some(a) = chars.first().copied().and_then(align) {
            spec.align = Some((' ', a));
            at = 1;
        }
        if chars.get(at) == Some(&'+') {
            spec.plus = true;
            at += 1;
        }
        if chars.get(at) == Some(&'0') {
            spec.zero = true;
            at += 1;
        }
        let number = |at: &mut usize| {
            let start = *at;
            while chars.get(*at).is_some_and(char::is_ascii_digit) {
                *at += 1;
            }
            let digits: String = chars[start..*at].iter().collect();
            super::digits(&digits)
        };
        spec.width = number(&mut at);
        if chars.get(at) == Some(&'.') {
            at += 1;
            spec.precision = number(&mut at);
            if spec.precision.is_none() {
                return Err(format!(
                    "invalid format string: the precision in `{{:{text}}}` needs a number (the page's Rust takes no `.*`)"
                ));
            }
        }
        if chars.get(at) == Some(&'?') {
            spec.debug = true;
            at += 1;
        }
        if at < chars.len() {
            let rest: String = chars[at..].iter().collect();
            return Err(format!(
                "invalid format string: the page's Rust writes `{{}}`, `{{:?}}`, a width, an alignment and a precision, not `{rest}`"
            ));
        }
        Ok(spec)
    }
}

impl Spec {
    /// The fill and alignment, sign, zero flag and width as a spec writes them (`*^7`, `+08`),
    /// the fill only where `keep_fill` says (a space goes without saying; a Python f-string can
    /// take no brace).
    pub fn padding(&self, keep_fill: impl Fn(char) -> bool) -> String {
        let mut out = String::new();
        if let Some((fill, align)) = self.align {
            if fill != ' ' && keep_fill(fill) {
                out.push(fill);
            }
            out.push(match align {
                Align::Left => '<',
                Align::Center => '^',
                Align::Right => '>',
            });
        }
        if self.plus {
            out.push('+');
        }
        if self.zero {
            out.push('0');
        }
        if let Some(width) = self.width {
            out.push_str(&width.to_string());
        }
        out
    }
}

/// The spec as Rust writes it after the `:`, such as `>8.2?` (empty for `{}`).
impl std::fmt::Display for Spec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.padding(|_| true))?;
        if let Some(precision) = self.precision {
            write!(f, ".{precision}")?;
        }
        if self.debug {
            f.write_str("?")?;
        }
        Ok(())
    }
}

/// `value` written by `spec`, as `format!` writes it.
pub fn write(value: Shown<'_>, spec: &Spec) -> String {
    let numeric = matches!(value, Shown::Int(_) | Shown::Float(_) | Shown::Duration(_));
    let body = match value {
        Shown::Int(n) => {
            let sign = if spec.plus && n >= 0 { "+" } else { "" };
            format!("{sign}{n}")
        }
        Shown::Float(x) => float(x, spec),
        Shown::Str(s) => {
            let s = match spec.precision {
                Some(p) => s.chars().take(p).collect(),
                None => s.to_owned(),
            };
            if spec.debug { format!("{s:?}") } else { s }
        }
        Shown::Char(c) => {
            if spec.debug {
                format!("{c:?}")
            } else {
                c.to_string()
            }
        }
        Shown::Bool(b) => b.to_string(),
        Shown::Duration(d) => match spec.precision {
            Some(p) => format!("{d:.p$?}"),
            None => format!("{d:?}"),
        },
    };
    pad(body, spec, numeric)
}

/// A float's digits: `Display` writes no exponent and `1` for one; `Debug` writes `1.0`, and an
/// exponent below 1e-4 and from 1e16.
fn float(x: f64, spec: &Spec) -> String {
    let text = match (spec.precision, spec.debug) {
        (Some(p), _) => format!("{x:.p$}"),
        (None, false) => format!("{x}"),
        (None, true) => format!("{x:?}"),
    };
    if spec.plus && !text.starts_with('-') {
        format!("+{text}")
    } else {
        text
    }
}

fn pad(body: String, spec: &Spec, numeric: bool) -> String {
    let Some(width) = spec.width else {
        return body;
    };
    let len = body.chars().count();
    if len >= width {
        return body;
    }
    let missing = width - len;
    if spec.zero && numeric {
        // Zeros go after the sign.
        let (sign, digits) = match body.strip_prefix(['-', '+']) {
            Some(rest) => (&body[..1], rest),
            None => ("", body.as_str()),
        };
        return format!("{sign}{}{digits}", "0".repeat(missing));
    }
    let (fill, align) = spec
        .align
        .unwrap_or((' ', if numeric { Align::Right } else { Align::Left }));
    let fill = |n: usize| fill.to_string().repeat(n);
    match align {
        Align::Left => format!("{body}{}", fill(missing)),
        Align::Right => format!("{}{body}", fill(missing)),
        Align::Center => format!("{}{body}{}", fill(missing / 2), fill(missing - missing / 2)),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// Each case is held to `format!` itself.
    #[test]
    fn writes_as_format_does() {
        let d = Duration::from_micros(1_500_250);
        let cases: Vec<(Shown<'_>, &str, String)> = vec![
            (Shown::Int(42), "", format!("{}", 42)),
            (Shown::Int(42), ">5", format!("{:>5}", 42)),
            (Shown::Int(-42), "05", format!("{:05}", -42)),
            (Shown::Int(7), "+", format!("{:+}", 7)),
            (Shown::Int(7), "*^7", format!("{:*^7}", 7)),
            (Shown::Float(1.0), "", format!("{}", 1.0)),
            (Shown::Float(1.0), "?", format!("{:?}", 1.0)),
            (Shown::Float(0.1 + 0.2), "", format!("{}", 0.1 + 0.2)),
            (Shown::Float(1e16), "?", format!("{:?}", 1e16)),
            (Shown::Float(1e-5), "?", format!("{:?}", 1e-5)),
            (Shown::Float(2.675), ".2", format!("{:.2}", 2.675)),
            (Shown::Float(2.5), "8.3", format!("{:8.3}", 2.5)),
            (Shown::Str("tea"), "?", format!("{:?}", "tea")),
            (Shown::Str("tea"), ">6", format!("{:>6}", "tea")),
            (
                Shown::Str("tea"),
                "6",
                format!("{:6}|", "tea").trim_end_matches('|').to_owned(),
            ),
            (Shown::Char('x'), "?", format!("{:?}", 'x')),
            (Shown::Bool(true), "", format!("{}", true)),
            (Shown::Duration(d), "?", format!("{:?}", d)),
            (Shown::Duration(d), ".2?", format!("{:.2?}", d)),
            (
                Shown::Duration(Duration::from_millis(500)),
                "?",
                format!("{:?}", Duration::from_millis(500)),
            ),
            (
                Shown::Duration(Duration::from_secs(2)),
                "?",
                format!("{:?}", Duration::from_secs(2)),
            ),
        ];
        for (value, spec, want) in cases {
            let spec_read = Spec::read(spec).unwrap_or_else(|e| panic!("{spec}: {e}"));
            assert_eq!(write(value, &spec_read), want, "{value:?} with {{:{spec}}}");
        }
    }

    #[test]
    fn refuses_what_the_page_does_not_write() {
        assert!(Spec::read("x").is_err());
        assert!(Spec::read("#?").is_err());
        assert!(Spec::read(".*").is_err());
    }
}
