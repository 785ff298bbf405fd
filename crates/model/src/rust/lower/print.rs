//! What `println!`, `print!` and `format!` write: the template read as `format_args!` reads it
//! (`{}`, `{:?}`, `{0}`, `{name}` captured or named, `{{`), each value written by Rust's rules
//! (`rust::fmt`), the values known before the run as text and those the run measures (an
//! `elapsed()`) as pieces the run fills in.

use super::super::ast::{ExprKind, MacroArg};
use super::super::fmt::{Shown, Spec, write};
use super::val::Val;
use super::{Frame, Lowerer, Res, error};
use crate::python::program::{Measured, Piece, Show};
use crate::python::token::Pos;

impl<'a> Lowerer<'a> {
    /// The pieces a printing macro writes, with `println!`'s newline.
    pub(super) fn format_args(
        &mut self,
        args: &'a [MacroArg],
        mac: &str,
        at: Pos,
        frame: &mut Frame<'a>,
    ) -> Res<Vec<Piece>> {
        let Some((template, rest)) = args.split_first() else {
            return match mac {
                "println" => Ok(vec![Piece::Text("\n".to_owned())]),
                _ => Err(error(
                    at,
                    format!(
                        "error: requires at least a format string argument: write `{mac}!(\"…\")`"
                    ),
                )),
            };
        };
        let ExprKind::Str(template) = &template.value.kind else {
            return Err(error(
                template.value.start,
                "error: format argument must be a string literal: write `println!(\"{}\", value)`",
            ));
        };
        let mut positional = Vec::new();
        let mut named = Vec::new();
        for arg in rest {
            let value = self.eval(&arg.value, frame)?;
            match &arg.name {
                Some(name) => named.push((name.clone(), value)),
                None => positional.push(value),
            }
        }
        let mut used = vec![false; positional.len()];
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut next = 0;
        let mut chars = template.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    text.push('}');
                }
                '}' => {
                    return Err(error(
                        at,
                        "error: invalid format string: unmatched `}` found: write `}}` for a brace",
                    ));
                }
                '{' => {
                    let mut inner = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) => inner.push(c),
                            None => {
                                return Err(error(
                                    at,
                                    "error: invalid format string: expected `}` but string was terminated: write `{{` for a brace",
                                ));
                            }
                        }
                    }
                    let (arg, spec) = inner.split_once(':').unwrap_or((inner.as_str(), ""));
                    let spec = Spec::read(spec).map_err(|e| error(at, format!("error: {e}")))?;
                    let arg = arg.trim();
                    let value = if arg.is_empty() || arg.chars().all(|c| c.is_ascii_digit()) {
                        let index = if arg.is_empty() {
                            next += 1;
                            next - 1
                        } else {
                            crate::rust::digits(arg).unwrap_or(usize::MAX)
                        };
                        let Some(value) = positional.get(index) else {
                            return Err(error(
                                at,
                                format!(
                                    "error: {} positional argument{} in format string, but there {}",
                                    index + 1,
                                    if index == 0 { "" } else { "s" },
                                    match positional.len() {
                                        0 => "are no arguments".to_owned(),
                                        1 => "is 1 argument".to_owned(),
                                        n => format!("are {n} arguments"),
                                    }
                                ),
                            ));
                        };
                        used[index] = true;
                        value.clone()
                    } else if let Some((_, value)) = named.iter().find(|(n, _)| n == arg) {
                        value.clone()
                    } else {
                        self.lookup(&[arg.to_owned()], at, frame)?
                    };
                    match shown(&value, &spec) {
                        Ok(Some(piece)) => {
                            text.push_str(&piece);
                        }
                        Ok(None) => {
                            if !text.is_empty() {
                                pieces.push(Piece::Text(std::mem::take(&mut text)));
                            }
                            pieces.push(measured_piece(&value, spec));
                        }
                        Err(message) => return Err(error(at, message)),
                    }
                }
                c => text.push(c),
            }
        }
        if used.iter().any(|u| !u) {
            return Err(error(
                at,
                "error: argument never used: every argument after the format string needs its `{}`",
            ));
        }
        if mac == "println" {
            text.push('\n');
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(pieces)
    }
}

/// A value measured by the run, as a piece the run writes.
fn measured_piece(value: &Val<'_>, spec: Spec) -> Piece {
    match value {
        Val::Elapsed(clock) => Piece::Clock(clock.clone(), Show::Rust(Measured::Duration, spec)),
        Val::Measured(clock, kind) => Piece::Clock(clock.clone(), Show::Rust(*kind, spec)),
        _ => Piece::Text(String::new()),
    }
}

/// A value known before the run, written by `spec`; `None` for one the run measures; an error in
/// rustc's words for a value that cannot be written so.
fn shown(value: &Val<'_>, spec: &Spec) -> Result<Option<String>, String> {
    let one = |shown: Shown<'_>| Ok(Some(write(shown, spec)));
    match value {
        Val::Int(n) => one(Shown::Int(*n)),
        Val::Float(x) => one(Shown::Float(*x)),
        Val::Str(s) => one(Shown::Str(s)),
        Val::Char(c) => one(Shown::Char(*c)),
        Val::Bool(b) => one(Shown::Bool(*b)),
        Val::Duration(n) if spec.debug => one(Shown::Duration(duration(*n))),
        Val::Elapsed(_) if spec.debug => Ok(None),
        Val::Measured(..) => Ok(None),
        Val::Unit | Val::Tuple(_) | Val::Array(_) | Val::Ok(_) if spec.debug => {
            Ok(Some(debug_text(value)))
        }
        Val::Instant(_) => Err(
            "an `Instant` prints as the machine's clock, which says nothing: print its `elapsed()`"
                .to_owned(),
        ),
        other => Err(format!(
            "error[E0277]: `{}` doesn't implement `std::fmt::{}`{}",
            other.type_name(),
            if spec.debug { "Debug" } else { "Display" },
            if matches!(
                other,
                Val::Duration(_) | Val::Elapsed(_) | Val::Tuple(_) | Val::Array(_)
            ) {
                ": write `{:?}`"
            } else {
                ""
            }
        )),
    }
}

/// A value known before the run as `{:?}` writes it; a future or a handle by its kind.
pub(super) fn debug_text(value: &Val<'_>) -> String {
    let debug = Spec {
        debug: true,
        ..Spec::default()
    };
    let list = |items: &[Val<'_>]| items.iter().map(debug_text).collect::<Vec<_>>().join(", ");
    match value {
        Val::Unit => "()".to_owned(),
        Val::Tuple(items) if items.len() == 1 => format!("({},)", list(items)),
        Val::Tuple(items) => format!("({})", list(items)),
        Val::Array(items) => format!("[{}]", list(items)),
        Val::Ok(inner) => format!("Ok({})", debug_text(inner)),
        Val::Duration(n) => write(Shown::Duration(duration(*n)), &debug),
        other => match shown(other, &debug) {
            Ok(Some(text)) => text,
            _ => other.type_name().to_owned(),
        },
    }
}

/// A `Duration` of this many nanoseconds.
fn duration(nanos: u128) -> std::time::Duration {
    let secs = (nanos / 1_000_000_000).min(u64::MAX as u128) as u64;
    std::time::Duration::new(secs, (nanos % 1_000_000_000) as u32)
}

/// A `Duration` in words for a message, as `{:?}` writes it (`1.5s`).
pub(super) fn duration_text(nanos: u128) -> String {
    format!("{:?}", duration(nanos))
}

/// The text of pieces that are all known before the run, for `format!`.
pub(super) fn constant(pieces: &[Piece]) -> Option<String> {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Clock(..) => return None,
        }
    }
    Some(out)
}
