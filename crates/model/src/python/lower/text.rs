//! What a print writes: values turned into text now, or pieces the run fills in with clock values.

use super::val::Val;
use super::{Frame, Lowerer, Res, error};
use crate::python::format;
use crate::python::program::{Clock, ClockKind, Piece, Show};
use crate::python::token::Pos;
use crate::python::value::Value;

/// How a field shows a clock value: `str`, `repr`, or a format spec.
fn show(conversion: Option<char>, spec: &str, at: Pos) -> Res<Show> {
    match (conversion, spec.is_empty()) {
        (None | Some('s'), true) => Ok(Show::Str),
        (Some('r' | 'a'), true) => Ok(Show::Repr),
        (None, false) => Ok(Show::Spec(spec.to_owned())),
        _ => Err(error(
            at,
            "a conversion and a format spec together on a clock value are not in the page's Python",
        )
        .into()),
    }
}

/// A replacement field: `{value!conversion:spec}`, as text or pieces.
pub(super) fn field<'m>(
    value: Val,
    conversion: Option<char>,
    spec: &str,
    at: Pos,
    frame: &mut Frame,
    lowerer: &mut Lowerer<'m>,
) -> Res<Vec<Piece>> {
    match value {
        Val::Plain(v) => {
            let v = match conversion {
                Some('r' | 'a') => Value::Str(v.repr()),
                Some(_) => Value::Str(v.str()),
                None => v,
            };
            match format::format(&v, spec) {
                Ok(text) => Ok(vec![Piece::Text(text)]),
                Err(message) => lowerer.raise(frame, message, at),
            }
        }
        Val::Clock(clock) => Ok(vec![Piece::Clock(clock, show(conversion, spec, at)?)]),
        Val::Text(pieces) if conversion.is_none() && spec.is_empty() => Ok(pieces),
        Val::Text(_) => Err(error(
            at,
            "a format spec on text that shows a clock value is not in the page's Python",
        )
        .into()),
        other => Err(error(
            at,
            format!(
                "printing a {} is not in the page's Python: CPython shows its address, which \
                 changes at every run",
                other.type_name()
            ),
        )
        .into()),
    }
}

/// Pieces joined: neighbouring text merged, and plain text when no piece shows a clock.
pub(super) fn joined(pieces: Vec<Piece>) -> Val {
    let mut out: Vec<Piece> = Vec::new();
    for piece in pieces {
        match (out.last_mut(), piece) {
            (Some(Piece::Text(last)), Piece::Text(text)) => last.push_str(&text),
            (_, piece) => out.push(piece),
        }
    }
    match out.as_slice() {
        [] => Val::Plain(Value::Str(String::new())),
        [Piece::Text(text)] => Val::Plain(Value::Str(text.clone())),
        _ => Val::Text(out),
    }
}

/// A clock expression evaluated on sample readings, so that a type error shows when it is read.
pub(super) fn sample(clock: &Clock, kinds: &[ClockKind]) -> Result<Value, String> {
    clock.evaluate(&|slot| match kinds.get(slot) {
        Some(ClockKind::DateTime) => Value::DateTime(1_700_000_000.0),
        Some(ClockKind::Time) => Value::Float(1_700_000_000.0),
        _ => Value::Float(1.0),
    })
}

impl<'m> Lowerer<'m> {
    /// `print(*args, sep=sep, end=end)`: each argument by `str`, as pieces.
    pub(super) fn print_pieces(
        &mut self,
        args: Vec<Val>,
        sep: &str,
        end: &str,
        at: Pos,
        frame: &mut Frame,
    ) -> Res<Vec<Piece>> {
        let mut pieces = Vec::new();
        for (i, arg) in args.into_iter().enumerate() {
            if i > 0 {
                pieces.push(Piece::Text(sep.to_owned()));
            }
            let arg = match arg {
                Val::Seq(items, tuple)
                    if items
                        .iter()
                        .all(|v| matches!(v, Val::Plain(_) | Val::Clock(_))) =>
                {
                    // A list that holds clock values prints each by `repr`.
                    let (open, close) = if tuple { ("(", ")") } else { ("[", "]") };
                    let mut inner = vec![Piece::Text(open.to_owned())];
                    let one = items.len() == 1;
                    for (k, item) in items.into_iter().enumerate() {
                        if k > 0 {
                            inner.push(Piece::Text(", ".to_owned()));
                        }
                        inner.extend(field(item, Some('r'), "", at, frame, self)?);
                    }
                    if tuple && one {
                        inner.push(Piece::Text(",".to_owned()));
                    }
                    inner.push(Piece::Text(close.to_owned()));
                    pieces.extend(inner);
                    continue;
                }
                other => other,
            };
            pieces.extend(field(arg, None, "", at, frame, self)?);
        }
        pieces.push(Piece::Text(end.to_owned()));
        match joined(pieces) {
            Val::Plain(Value::Str(text)) => Ok(vec![Piece::Text(text)]),
            Val::Text(pieces) => Ok(pieces),
            _ => Ok(Vec::new()),
        }
    }

    /// `template.format(*args, **kwargs)`, its fields filled in now, or as pieces when an argument
    /// is a clock value.
    pub(super) fn str_format(
        &mut self,
        template: &str,
        args: Vec<Val>,
        keywords: Vec<(String, Val)>,
        at: Pos,
        frame: &mut Frame,
    ) -> Res<Val> {
        let plain = args
            .iter()
            .chain(keywords.iter().map(|(_, v)| v))
            .all(|v| matches!(v, Val::Plain(_)));
        if plain {
            let positional: Vec<Value> = args.into_iter().filter_map(plain_value).collect();
            let named: Vec<(String, Value)> = keywords
                .into_iter()
                .filter_map(|(k, v)| plain_value(v).map(|v| (k, v)))
                .collect();
            return match format::str_format(template, &positional, &named) {
                Ok(text) => Ok(Val::Plain(Value::Str(text))),
                Err(message) => self.raise(frame, message, at),
            };
        }
        // Walk the fields here, so that each clock value becomes a piece of its own.
        let chars: Vec<char> = template.chars().collect();
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut next = 0usize;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if (c == '{' || c == '}') && chars.get(i + 1) == Some(&c) {
                text.push(c);
                i += 2;
                continue;
            }
            if c != '{' {
                text.push(c);
                i += 1;
                continue;
            }
            let Some(close) = chars[i..].iter().position(|&d| d == '}') else {
                return self.raise(
                    frame,
                    "ValueError: Single '{' encountered in format string".to_owned(),
                    at,
                );
            };
            let inside: String = chars[i + 1..i + close].iter().collect();
            i += close + 1;
            let (name, rest) = inside.split_at(inside.find(['!', ':']).unwrap_or(inside.len()));
            let (conversion, spec) = match rest.strip_prefix('!') {
                Some(r) => {
                    let mut cs = r.chars();
                    let conversion = cs.next();
                    (
                        conversion,
                        cs.as_str().strip_prefix(':').unwrap_or("").to_owned(),
                    )
                }
                None => (None, rest.strip_prefix(':').unwrap_or("").to_owned()),
            };
            let value = if name.is_empty() {
                next += 1;
                args.get(next - 1).cloned()
            } else if let Some(k) = name
                .parse::<u64>()
                .ok()
                .and_then(|k| usize::try_from(k).ok())
            {
                args.get(k).cloned()
            } else {
                keywords
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.clone())
            };
            let Some(value) = value else {
                return self.raise(
                    frame,
                    format!(
                        "IndexError: Replacement index {} out of range for positional args tuple",
                        next.saturating_sub(1)
                    ),
                    at,
                );
            };
            if !text.is_empty() {
                pieces.push(Piece::Text(std::mem::take(&mut text)));
            }
            pieces.extend(field(value, conversion, &spec, at, frame, self)?);
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(joined(pieces))
    }
}

fn plain_value(v: Val) -> Option<Value> {
    match v {
        Val::Plain(p) => Some(p),
        _ => None,
    }
}
