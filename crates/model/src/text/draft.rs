//! The draft of a recipe: what the parser read, with the positions that later checks point at.
//!
//! This file owns the shapes passed from `parse` to `validate` and `mod.rs`; it holds no grammar and
//! no checks.

use super::error::ParseError;
use crate::recipe::{Asked, Step, Unit};

/// A place in the text: line and column from 1, the column in characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Pos {
    pub line: usize,
    pub column: usize,
}

impl Pos {
    pub fn error(self, message: impl Into<String>) -> ParseError {
        ParseError::new(self.line, self.column, message)
    }
}

/// Whether a routine is a top-level task or a helper.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Task,
    Helper,
}

impl Kind {
    pub fn keyword(self) -> &'static str {
        match self {
            Kind::Task => "task",
            Kind::Helper => "helper",
        }
    }
}

/// A `call` step's helper name and where it is written, for `validate`.
#[derive(Clone, Debug)]
pub(super) struct CallSite {
    pub name: String,
    pub pos: Pos,
}

/// A task or helper as read, before its calls are checked.
#[derive(Clone, Debug)]
pub(super) struct Routine {
    pub kind: Kind,
    /// `None` when the header's name was not a valid name (already reported): the routine still
    /// collects the steps below it, so they are checked and not blamed on the routine above.
    pub name: Option<String>,
    /// Where the name is, or where it should have been.
    pub pos: Pos,
    pub copies: u32,
    pub steps: Vec<Step>,
    pub calls: Vec<CallSite>,
}

/// Everything read from a text, with the positions `validate` needs.
#[derive(Clone, Debug, Default)]
pub(super) struct Draft {
    pub title: Option<String>,
    pub unit: Option<Unit>,
    pub scale_ms: Option<f64>,
    pub story: Vec<String>,
    pub exercises: Vec<Asked>,
    pub routines: Vec<Routine>,
    /// Just after the last character of the text, where "found the end of the text" errors go.
    pub end: Pos,
}
