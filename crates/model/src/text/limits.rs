//! The limits of the recipe text format: how big a recipe may be, so that no text can hang or exhaust
//! the page.
//!
//! This file owns the numbers only. The parser checks each one with its own message; the share-link
//! codec reuses the text size and the scale range. Nothing here reads or prints text.

/// The longest recipe text, in bytes of UTF-8 (256 KiB): hundreds of times the size of any lesson, and
/// small enough to parse in a few milliseconds.
pub const MAX_TEXT_BYTES: usize = 256 * 1024;

/// The most `task` and `helper` definitions in one recipe, counted together.
pub const MAX_ROUTINES: usize = 200;

/// The most copies of one task (`task download x100000`): the ten-thousand-timers lesson goes up to
/// 100 000.
pub const MAX_COPIES: u32 = 100_000;

/// The most task instances a recipe starts in all, every copy of every task counted. Each instance is
/// a lane and a future in the page, so this bounds the page's work however the copies are spread.
pub const MAX_INSTANCES: u64 = 100_000;

/// The most steps in one task or helper.
pub const MAX_STEPS: usize = 1_000;

/// The largest number of units in one `work` or `wait` step.
pub const MAX_UNITS: u32 = 1_000_000;

/// The most `exercise` headers in one recipe: a few questions about one recipe, not a test paper.
/// An `exercise target`'s number of units is at most [`MAX_UNITS`], like one step's.
pub const MAX_EXERCISES: usize = 8;

/// The longest title, `print` text or label, in characters after escapes are resolved.
pub const MAX_STRING_CHARS: usize = 500;

/// The longest `story` line, in characters after escapes are resolved. Stories are paragraphs, so their
/// lines may be longer than other strings.
pub const MAX_STORY_LINE_CHARS: usize = 2_000;

/// The longest task or helper name, in characters.
pub const MAX_NAME_CHARS: usize = 40;

/// The deepest nesting of helpers: a task calling `a`, which calls `b`, is two helpers deep.
pub const MAX_CALL_DEPTH: usize = 16;

/// The largest scale, in real milliseconds per unit (one minute). The smallest is anything above zero.
pub const MAX_SCALE_MS: f64 = 60_000.0;

/// The most errors reported for one text. A text with more stops being read at that point, and the
/// report ends with a note saying so: a page of errors helps nobody, a few fixed at a time do.
pub const MAX_ERRORS: usize = 100;

/// Whether a scale in real milliseconds per unit is allowed: above zero and at most [`MAX_SCALE_MS`].
/// `NaN` is not.
pub fn scale_in_range(ms: f64) -> bool {
    ms > 0.0 && ms <= MAX_SCALE_MS
}
