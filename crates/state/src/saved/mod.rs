//! What the page keeps between visits, as data: the lesson on screen, the learner's drafts, the
//! chosen mode and scale, the code's language once chosen, the learner's Python ([`Saved`]), and how they are written and judged when read back
//! ([`codec`]).
//!
//! This module is pure: `web::storage` moves the text in and out of the browser's local storage and
//! reads the JSON with the browser's own parser.

pub mod codec;
mod drafts;

pub use drafts::Drafts;

use serde::{Deserialize, Serialize};

/// The key the page's work is stored under. The version in it is the format's: a page that changes
/// the format incompatibly uses a new key, and may read this one to carry work over.
pub const KEY: &str = "async-kitchen/v1";

/// Where stored data this page cannot read is copied before the page starts fresh. If it is taken
/// by other data, `/2` to `/9` are appended to it, and the last of those is overwritten when all are.
pub const UNREADABLE_KEY: &str = "async-kitchen/v1/unreadable";

/// The [`Saved::drafts`] key of a recipe that is not a lesson.
pub const CUSTOM: &str = "custom";

/// What the page keeps between visits.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Saved {
    /// The id of the lesson on screen, or `None` for a recipe of the learner's own.
    pub lesson: Option<String>,
    /// The learner's recipe text by lesson id (or [`CUSTOM`]), kept only where it differs from the
    /// lesson's own.
    pub drafts: Drafts,
    /// The chosen mode, as [`Mode::id`](kitchen_model::Mode::id).
    pub mode: Option<String>,
    /// The chosen scale, in real milliseconds per unit.
    pub scale_ms: Option<f64>,
    /// The code's language, as [`Language::id`](kitchen_model::code::Language::id), once the
    /// learner chose one (until then each lesson opens in its own).
    pub language: Option<String>,
    /// The learner's own Python program, as typed (one for the page, whatever lesson is open).
    pub python: Option<String>,
    /// The learner's own Rust program, as typed (one for the page, as the Python is).
    pub rust: Option<String>,
    /// Which was the program when the learner left, as [`Source::id`](crate::Source::id): the
    /// recipe, or their Python (`python`) or Rust (`rust`).
    pub lead: Option<String>,
}
