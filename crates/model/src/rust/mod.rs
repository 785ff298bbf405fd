//! The learner's own Rust, read: the subset of Rust that the async chapter of *The Rust
//! Programming Language* (`trpl`), Tokio's tutorial and the futures crate write their first
//! programs in, from its text to tokens placed where they are written, for the page to run as it
//! runs a learner's Python (issue "Write it in Rust").
//!
//! This module owns reading Rust and knows nothing of the browser. `lex` splits the text into
//! tokens. Why a reader of its own rather than `syn`: the page needs a small part of the grammar
//! with a line and column on everything and rustc's words for its mistakes, and a reader that
//! ships to the browser pays for every byte of it, as the Python reader's module doc says at more
//! length.

pub mod as_python;
pub mod ast;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod fixtures;
pub mod fmt;
pub mod lex;
pub mod lower;
pub mod parse;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod readback;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tokio;
pub mod write;

pub use lower::read;

/// The number a run of ASCII digits writes, if `text` is one and the number fits.
///
/// Written out rather than `str::parse::<usize>`, which the first look also calls (a share link's
/// cooks): a second caller in this chunk made the compiler keep one shared copy of it, in the
/// first look (measured: 357 B more there).
pub(crate) fn digits(text: &str) -> Option<usize> {
    if text.is_empty() {
        return None;
    }
    text.bytes().try_fold(0usize, |n, b| {
        b.is_ascii_digit()
            .then(|| n.checked_mul(10)?.checked_add(usize::from(b - b'0')))
            .flatten()
    })
}
