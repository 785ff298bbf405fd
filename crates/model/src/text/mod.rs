//! The recipe text format: how teachers write recipes by hand, and how the page prints them.
//!
//! This module owns the format's grammar, its error messages and its limits, and nothing else: it
//! turns text into a [`Recipe`] and back, and must not run, explain or store recipes. The format is
//! line-oriented:
//!
//! ```text
//! recipe "Cake and groceries"   # headers first; each has a default
//! unit min
//! scale 20                      # real milliseconds per unit
//! story "You have to bake a cake and buy groceries."
//! exercise total gather         # asks: how long will a gather run take?
//!
//! task cake
//!   work 15 "prepare the dough"
//!   wait 45 "bake in the oven"
//!
//! task download x5              # five copies
//!   unawaited wait 3            # the `await` is missing
//!
//! helper fetch_water
//!   print "fetch water"
//! ```
//!
//! [`parse`] reads it (reporting every error it can, each with a position), [`print()`] writes the
//! canonical form, and [`limits`] bounds everything so that no text can hang the page. The files
//! split the work: `lex` (tokens), `cursor` (single values), `parse` (lines), `validate` (names),
//! `print`, `error` and `limits`.

mod cursor;
mod draft;
mod error;
mod lex;
pub mod limits;
mod parse;
mod print;
pub mod reference;
mod validate;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use error::ParseError;
pub use print::print;

// Share links read `scale=` with the same decimal grammar as the `scale` header.
pub use cursor::{decimal, scientific};

use draft::{Draft, Kind};
use limits::{MAX_ERRORS, MAX_TEXT_BYTES};

use super::recipe::{Recipe, Task, Unit};

/// The title of a recipe without a `recipe` line.
pub const DEFAULT_TITLE: &str = "Untitled recipe";

/// The unit of a recipe without a `unit` line.
pub const DEFAULT_UNIT: Unit = Unit::S;

/// The scale of a recipe without a `scale` line, in real milliseconds per unit: fast enough to watch a
/// whole lesson, slow enough to see the steps (100 for seconds, 20 for minutes, 1 for milliseconds).
pub fn default_scale_ms(unit: Unit) -> f64 {
    match unit {
        Unit::Ms => 1.0,
        Unit::S => 100.0,
        Unit::Min => 20.0,
    }
}

/// Reads a recipe from text, or reports every error found, sorted by position.
///
/// Never panics, whatever the input. Reading stops after [`limits::MAX_ERRORS`] errors; the report then
/// ends with a note saying so.
pub fn parse(text: &str) -> Result<Recipe, Vec<ParseError>> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(vec![ParseError::new(
            1,
            1,
            format!(
                "expected a recipe of at most {MAX_TEXT_BYTES} bytes (256 KiB), found {} bytes",
                text.len()
            ),
        )]);
    }
    let read = parse::read(text);
    let mut errors = read.errors;
    // Name checks on a text that was not read to the end would blame calls to helpers defined
    // further down, so they run only on complete texts.
    if read.complete {
        errors.extend(validate::check(&read.draft));
        if !read.draft.routines.iter().any(|r| r.kind == Kind::Task) {
            errors.push(read.draft.end.error(
                "expected at least one `task`, found none (write `task NAME` and its steps below the headers)",
            ));
        }
    }
    if errors.is_empty() {
        return Ok(recipe(read.draft));
    }
    // A stable sort keeps errors at the same position in the order they were found.
    crate::sort::sort_stable_by(&mut errors, |a, b| (a.line, a.column) < (b.line, b.column));
    if errors.len() > MAX_ERRORS {
        errors.truncate(MAX_ERRORS);
        let last = &errors[MAX_ERRORS - 1];
        let note = ParseError::new(
            last.line,
            last.column,
            format!(
                "expected at most {MAX_ERRORS} errors, found more: fix these and the rest will be shown"
            ),
        );
        errors.push(note);
    }
    Err(errors)
}

/// Builds the recipe from a draft that has no errors, filling in the defaults.
fn recipe(draft: Draft) -> Recipe {
    let unit = draft.unit.unwrap_or(DEFAULT_UNIT);
    let mut tasks = Vec::new();
    let mut helpers = Vec::new();
    for routine in draft.routines {
        let task = Task {
            name: routine.name.unwrap_or_default(),
            copies: routine.copies,
            steps: routine.steps,
        };
        match routine.kind {
            Kind::Task => tasks.push(task),
            Kind::Helper => helpers.push(task),
        }
    }
    Recipe {
        title: draft.title.unwrap_or_else(|| DEFAULT_TITLE.to_owned()),
        story: draft.story.join("\n"),
        unit,
        scale_ms: draft.scale_ms.unwrap_or_else(|| default_scale_ms(unit)),
        tasks,
        helpers,
        exercises: draft.exercises,
    }
}
