//! Parse errors: a position in the text and a sentence for the person who wrote it.
//!
//! This file owns how an error looks; it knows nothing of the grammar that produces it.

use std::fmt;

/// Something wrong in a recipe text, with where it is.
///
/// Lines and columns count from 1; columns count characters (a tab is one), not bytes, so an editor
/// can put its cursor there. The message says what was expected and what was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
    /// What was expected and what was found, such as ``expected a number of units after `wait`, found `ten` ``.
    pub message: String,
}

impl ParseError {
    /// An error at a line and column.
    pub fn new(line: usize, column: usize, message: impl Into<String>) -> Self {
        ParseError {
            line,
            column,
            message: message.into(),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for ParseError {}

/// Shows a piece of the learner's text in backticks, cut short so that a huge token cannot make a huge
/// message.
pub(super) fn show(raw: &str) -> String {
    const MAX_CHARS: usize = 32;
    let mut out = String::from("`");
    for (i, c) in raw.chars().enumerate() {
        if i == MAX_CHARS {
            out.push('…');
            break;
        }
        out.push(c);
    }
    out.push('`');
    out
}

/// Names a control character for a message, such as `a tab (U+0009)` or `the control character U+0007`.
pub(super) fn control(c: char) -> String {
    let code = u32::from(c);
    match c {
        '\t' => format!("a tab (U+{code:04X})"),
        '\r' => format!("a carriage return (U+{code:04X})"),
        _ => format!("the control character U+{code:04X}"),
    }
}

/// Shows a chain of names joined by arrows, such as `` `a` → `b` → `a` ``, eliding the middle of a long
/// one so that a message stays short.
pub(super) fn chain(names: &[&str]) -> String {
    const MAX_NAMES: usize = 10;
    let quoted = |names: &[&str]| {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(" → ")
    };
    if names.len() <= MAX_NAMES {
        quoted(names)
    } else {
        let (head, tail) = (&names[..5], &names[names.len() - 4..]);
        format!("{} → … → {}", quoted(head), quoted(tail))
    }
}
