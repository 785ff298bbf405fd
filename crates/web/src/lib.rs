//! The page's browser glue that is neither execution (`kitchen-runtime`) nor rendering (the page's
//! `components`): local storage, the address bar, the clipboard, downloads, the parent frame of an
//! embedded page, a drawer's Escape and press outside and the root's classes, reading the page's
//! own markup back, the stage's keyboard shortcuts and the ticker that drives playback.
//!
//! Each submodule wraps one browser facility behind a small Rust API that never panics: a missing
//! `window`, a storage that throws, a clipboard that refuses, all come back as `None`, a default or an
//! error worded for the learner. What the page does with them (when to save, what to show, which
//! message to post) is the components' decision; what the messages and files contain is
//! [`kitchen_model::export`]'s. This module runs no recipe and renders nothing.

pub mod clipboard;
pub mod deflate;
pub mod dom;
pub mod download;
pub mod drawer;
pub mod embed;
pub mod heartbeat;
pub mod keys;
pub mod location;
pub mod perfetto;
pub mod storage;
pub mod ticker;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, DomException, Window};

/// How many cores the browser reports (`navigator.hardwareConcurrency`): all of them in Chromium,
/// at most 16 in Firefox, 4 or 8 in Safari; 1 if it says nothing.
pub fn cores() -> usize {
    window()
        .map(|w| w.navigator().hardware_concurrency())
        .filter(|n| n.is_finite() && *n >= 1.0)
        .map_or(1, |n| n as usize)
}

/// The page's window, if there is one (there is none in a worker or outside a browser).
fn window() -> Option<Window> {
    web_sys::window()
}

/// The page's document.
fn document() -> Option<Document> {
    window().and_then(|w| w.document())
}

/// A thrown JavaScript value in a few words, for a message: a `DOMException`'s name and message, an
/// `Error`'s message, or the value as text.
fn describe(error: &JsValue) -> String {
    if let Some(exception) = error.dyn_ref::<DomException>() {
        return format!("{}: {}", exception.name(), exception.message());
    }
    if let Some(error) = error.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    error
        .as_string()
        .unwrap_or_else(|| "the browser gave no reason".to_owned())
}
