//! Local storage: what the page keeps between visits (the lesson on screen, the learner's drafts,
//! the chosen mode and scale, the code's language once chosen), under one key.
//!
//! This module owns the key [`KEY`], moving text in and out of `localStorage`, and never losing what
//! is stored there: data this page cannot read is set aside under [`UNREADABLE_KEY`] before the page
//! starts fresh. Writing the JSON and judging what was read is [`codec`]'s; reading it is
//! [`decode`]'s. When to save is the components' decision.
//!
//! It uses `web_sys::Storage` directly rather than `gloo-storage`: gloo's `LocalStorage::raw()`
//! panics (`expect_throw`) when `window.localStorage` throws, which is exactly what a sandboxed frame
//! or a browser with site data blocked does, and its `get` returns only the parsed value, while a
//! value that does not parse must be copied aside as raw text.

pub mod present;
pub mod progress;
mod read;

pub use kitchen_state::saved::{CUSTOM, Drafts, KEY, Saved, UNREADABLE_KEY, codec};
pub use read::decode;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DomException, Storage};

use super::{describe, window};

/// What [`load`] found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    /// What the page can use: the defaults when nothing was stored or it could not be read.
    pub saved: Saved,
    /// Something to tell the learner, in full sentences: stored work could not be read and was set
    /// aside, a draft was too large to open, or the browser does not let the page keep anything.
    pub notice: Option<String>,
}

/// Why nothing can be stored, in the words of a notice on load.
const UNAVAILABLE_ON_LOAD: &str = "This browser does not let the page keep your work (private \
    browsing, blocked site data, or a frame that may not store anything), so nothing you change \
    will be here on your next visit.";

/// Why nothing can be stored, in the words of a failed save.
const UNAVAILABLE_ON_SAVE: &str = "Your work could not be saved: this browser does not let the page \
    use its local storage (private browsing, blocked site data, or a frame that may not store \
    anything).";

/// How many places [`UNREADABLE_KEY`] offers, itself included.
const UNREADABLE_SLOTS: u32 = 9;

/// Reads what the page kept, setting aside whatever cannot be read. Never panics.
pub fn load() -> Loaded {
    let Some(storage) = local_storage() else {
        return fresh(UNAVAILABLE_ON_LOAD.to_owned());
    };
    let raw = match storage.get_item(KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => return Loaded::default(),
        Err(_) => return fresh(UNAVAILABLE_ON_LOAD.to_owned()),
    };
    let decoded = match decode(&raw) {
        Ok(decoded) => decoded,
        Err(why) => {
            let key = set_aside(&storage, (KEY, UNREADABLE_KEY), &raw, true);
            return fresh(codec::unreadable_notice(why, key.as_deref()));
        }
    };
    let mut notes = decoded.notes;
    if !decoded.oversized.is_empty() {
        let key = set_aside(&storage, (KEY, UNREADABLE_KEY), &raw, false);
        if key.is_some() {
            // The copy keeps the drafts; the main key need not carry them into every later load.
            let _ = save(&decoded.saved);
        }
        notes.push(codec::oversized_notice(&decoded.oversized, key.as_deref()));
    }
    Loaded {
        saved: decoded.saved,
        notice: (!notes.is_empty()).then(|| notes.join(" ")),
    }
}

/// Keeps `saved` for the next visit, or says why it could not, in words for the learner (storage
/// full, storage turned off).
pub fn save(saved: &Saved) -> Result<(), String> {
    let storage = local_storage().ok_or(UNAVAILABLE_ON_SAVE)?;
    storage
        .set_item(KEY, &codec::encode(saved))
        .map_err(|e| save_error(&e))
}

/// A fresh start, and why.
fn fresh(notice: String) -> Loaded {
    Loaded {
        saved: Saved::default(),
        notice: Some(notice),
    }
}

/// `localStorage`, if the browser lets the page use it. Reading the property throws a
/// `SecurityError` in a sandboxed frame and when site data is blocked.
fn local_storage() -> Option<Storage> {
    window()?.local_storage().ok()?
}

/// Copies `raw`, read from `key`, to a free slot of `aside` (or the one that already holds it),
/// removing it from `key` first if `remove` is set, so that its room is free for the copy. Returns
/// the slot, or `None` if the copy failed, in which case `key` holds `raw` as before. ([`KEY`]'s
/// place is [`UNREADABLE_KEY`]; the progress has its own.)
fn set_aside(
    storage: &Storage,
    (key, aside): (&str, &str),
    raw: &str,
    remove: bool,
) -> Option<String> {
    let slots = (1..=UNREADABLE_SLOTS).map(|n| match n {
        1 => aside.to_owned(),
        n => format!("{aside}/{n}"),
    });
    let mut chosen = None;
    for slot in slots {
        match storage.get_item(&slot) {
            Ok(Some(held)) if held == raw => return removed(storage, key, remove).then_some(slot),
            Ok(Some(_)) => chosen = Some(slot),
            Ok(None) => {
                chosen = Some(slot);
                break;
            }
            Err(_) => return None,
        }
    }
    let slot = chosen?;
    if remove && storage.remove_item(key).is_err() {
        return None;
    }
    if storage.set_item(&slot, raw).is_ok() {
        return Some(slot);
    }
    if remove {
        // Put it back where it was, so that it is not lost before the learner hears about it.
        let _ = storage.set_item(key, raw);
    }
    None
}

/// Removes `key` if `remove` is set; whether that went well.
fn removed(storage: &Storage, key: &str, remove: bool) -> bool {
    !remove || storage.remove_item(key).is_ok()
}

/// A failed `setItem` in words for the learner.
fn save_error(error: &JsValue) -> String {
    let quota = error.dyn_ref::<DomException>().is_some_and(|e| {
        // The standard name, Firefox's old one, and the legacy codes of both.
        matches!(
            e.name().as_str(),
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED"
        ) || matches!(e.code(), 22 | 1014)
    });
    if quota {
        "Your work could not be saved: this browser's storage for the page is full. Delete drafts \
         you no longer need, or clear the site's data in the browser's settings."
            .to_owned()
    } else {
        format!(
            "Your work could not be saved: the browser refused ({}).",
            describe(error)
        )
    }
}
