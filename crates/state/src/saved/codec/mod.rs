//! What is stored, as text: writing [`Saved`] as JSON, judging what was read back, and the words that
//! tell the learner what went wrong.
//!
//! This file is pure (it touches no storage), so that every case is tested natively. Reading the
//! JSON itself is [`super::decode`]'s: it uses the browser's `JSON.parse`, because `serde_json`'s
//! deserializer would add some 15 KB (gzipped) to the page for one small object read once per visit.

use super::Saved;
use kitchen_model::code::Language;
use kitchen_model::export::json;
use kitchen_model::format::shown;
use kitchen_model::text::limits::{MAX_TEXT_BYTES, scale_in_range};
use kitchen_model::{Mode, lesson};

/// The version written into the stored object. A later page that changes the shape raises it, and
/// this page sets such data aside rather than misreading it.
pub const VERSION: u64 = 1;

/// Why stored text could not be read at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Not a JSON object, or not one of the shape [`Saved`] has.
    Damaged,
    /// Written by a newer page, in this version of the format.
    Newer(u64),
}

/// Stored text read back: what could be used, and what had to be left out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Decoded {
    /// What the page can use.
    pub saved: Saved,
    /// Drafts left out because they are larger than a recipe may be, by lesson id.
    pub oversized: Vec<String>,
    /// Sentences about settings left out (an unknown lesson or mode, a scale out of range). Nothing
    /// the learner wrote is among them, so they are dropped rather than set aside.
    pub notes: Vec<String>,
}

/// The text stored for `saved`, on one line: a JSON object, the version first, then every field
/// (`null` when it has none), written by the page's own JSON writer (`export::json`, which says
/// why it is not serde's).
pub fn encode(saved: &Saved) -> String {
    let mut out = format!("{{\"version\":{VERSION}");
    text_field(&mut out, "lesson", saved.lesson.as_deref());
    json::field(&mut out, "drafts");
    out.push('{');
    for (i, (id, text)) in saved.drafts.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json::string(&mut out, id);
        out.push(':');
        json::string(&mut out, text);
    }
    out.push('}');
    text_field(&mut out, "mode", saved.mode.as_deref());
    json::field(&mut out, "scale_ms");
    json::number(&mut out, saved.scale_ms.unwrap_or(f64::NAN));
    text_field(&mut out, "language", saved.language.as_deref());
    text_field(&mut out, "python", saved.python.as_deref());
    text_field(&mut out, "rust", saved.rust.as_deref());
    text_field(&mut out, "lead", saved.lead.as_deref());
    out.push('}');
    out
}

/// `,"name":` and the text as a JSON string, or `null`.
fn text_field(out: &mut String, name: &str, text: Option<&str>) {
    json::field(out, name);
    json::optional(out, text);
}

/// Judges the stored object's `version` (`None` when it has none, which is read as this version):
/// this page reads only its own, and recognises a newer one so that its data is not misread.
pub fn check_version(version: Option<f64>) -> Result<(), Unreadable> {
    match version {
        None => Ok(()),
        Some(v) if v == VERSION as f64 => Ok(()),
        // `as` saturates, and a version beyond `u64` is as new as any.
        Some(v) if v > VERSION as f64 && v.fract() == 0.0 => Err(Unreadable::Newer(v as u64)),
        Some(_) => Err(Unreadable::Damaged),
    }
}

/// Keeps what the page can use from a stored object that had the right shape: drafts larger than a
/// recipe may be are left out (the caller sets them aside), and so are a lesson, mode or scale this
/// page does not have.
pub fn tidy(mut saved: Saved) -> Decoded {
    let mut decoded = Decoded::default();
    for (id, text) in std::mem::take(&mut saved.drafts) {
        if text.len() <= MAX_TEXT_BYTES {
            saved.drafts.insert(id, text);
        } else {
            decoded.oversized.push(id);
        }
    }
    if let Some(id) = saved.lesson.take_if(|id| !lesson::is_lesson(id)) {
        decoded.notes.push(format!(
            "The lesson you had open (“{}”) is not in this version of the page.",
            shown(&id)
        ));
    }
    if let Some(id) = saved.mode.take_if(|id| Mode::from_id(id).is_none()) {
        decoded.notes.push(format!(
            "The saved mode “{}” is not one this page has, so it was left out.",
            shown(&id)
        ));
    }
    // A language this page does not have is only a preference: the lesson's own is used instead.
    saved.language.take_if(|id| Language::from_id(id).is_none());
    // So is which was the program: anything but the learner's Python or Rust is the recipe.
    saved
        .lead
        .take_if(|id| !matches!(id.as_str(), "python" | "rust"));
    if saved.scale_ms.take_if(|ms| !scale_in_range(*ms)).is_some() {
        decoded
            .notes
            .push("The saved time scale was out of range, so it was left out.".to_owned());
    }
    decoded.saved = saved;
    decoded
}

/// Says that stored text could not be read and where it went: `set_aside` is the key it was copied
/// to, or `None` if it could not be copied and is still under the main key.
pub fn unreadable_notice(why: Unreadable, set_aside: Option<&str>) -> String {
    let problem = match why {
        Unreadable::Damaged => "Your saved work could not be read".to_owned(),
        Unreadable::Newer(version) => format!(
            "Your saved work was written by a newer version of Async Kitchen (format {version}) and \
             cannot be read by this one"
        ),
    };
    match set_aside {
        Some(key) => format!(
            "{problem}; it was set aside under “{key}” in this browser's local storage and the page \
             started fresh."
        ),
        None => format!(
            "{problem}, and there was no room to set it aside: it is still under “{}” in this \
             browser's local storage, the page started fresh, and it will be replaced when the page \
             next saves your work.",
            super::KEY
        ),
    }
}

/// Says that drafts were too large to open and where a copy of them went (`None`: nowhere).
pub fn oversized_notice(ids: &[String], set_aside: Option<&str>) -> String {
    let names: Vec<String> = ids.iter().map(|id| format!("“{}”", shown(id))).collect();
    let (which, these) = match names.len() {
        1 => (format!("Your saved draft of {}", names[0]), "it"),
        _ => (format!("Your saved drafts of {}", names.join(", ")), "them"),
    };
    let limit = MAX_TEXT_BYTES / 1024;
    match set_aside {
        Some(key) => format!(
            "{which} exceeded the {limit} KiB a recipe may have, so the page did not open {these}; a \
             copy of everything saved was set aside under “{key}” in this browser's local storage."
        ),
        None => format!(
            "{which} exceeded the {limit} KiB a recipe may have, so the page did not open {these}, and \
             there was no room to set a copy aside."
        ),
    }
}

#[cfg(test)]
mod tests;
