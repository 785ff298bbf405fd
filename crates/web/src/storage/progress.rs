//! The learner's progress through the exercises, kept under a key of its own ([`PROGRESS_KEY`]), so
//! that damaged progress never costs the learner their drafts, nor damaged drafts their progress.
//!
//! This file owns writing [`Progress`] as JSON, reading it back with the browser's `JSON.parse`
//! (strict about types, lenient about presence, like [`super::decode`]), and setting aside what
//! cannot be read under [`UNREADABLE_PROGRESS_KEY`]. A lesson's record read from a course page's
//! SPLICE state is checked by the same code ([`record`]).

use js_sys::{Array, JSON, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::{local_storage, save_error, set_aside};
use kitchen_model::exercise::progress::{LessonProgress, MAX_TALLIES, Progress, Tally};
use kitchen_model::export::json;

/// The key the progress is stored under.
pub const PROGRESS_KEY: &str = "async-kitchen/v1/progress";

/// Where stored progress this page cannot read is copied before it starts afresh.
pub const UNREADABLE_PROGRESS_KEY: &str = "async-kitchen/v1/progress/unreadable";

/// The lessons' records are kept only for lessons: a recipe of the learner's own changes as they
/// edit it, so its exercises' tallies would soon describe another recipe.
const CUSTOM: &str = super::CUSTOM;

/// The stored text of `progress`, on one line: the version, then the lessons' records in id order.
pub fn encode(progress: &Progress) -> String {
    let mut out = "{\"version\":1,\"lessons\":".to_owned();
    json::progress(
        &mut out,
        progress.lessons().iter().filter(|p| p.lesson != CUSTOM),
    );
    out.push('}');
    out
}

/// One lesson's record as JSON: the state a course page keeps for an embedded exercise.
pub fn state(record: &LessonProgress) -> String {
    let mut out = String::new();
    json::record(&mut out, record);
    out
}

/// Reads the stored progress, setting aside what cannot be read; with a sentence for the learner
/// when something was set aside. Never panics.
pub fn load() -> (Progress, Option<String>) {
    let Some(storage) = local_storage() else {
        return (Progress::default(), None);
    };
    let Ok(Some(raw)) = storage.get_item(PROGRESS_KEY) else {
        return (Progress::default(), None);
    };
    if let Some(progress) = decode(&raw) {
        return (progress, None);
    }
    let notice = match set_aside(
        &storage,
        (PROGRESS_KEY, UNREADABLE_PROGRESS_KEY),
        &raw,
        true,
    ) {
        Some(key) => format!(
            "Your exercise progress could not be read; it was set aside under “{key}” in this \
             browser's local storage, and the library's marks start afresh."
        ),
        None => format!(
            "Your exercise progress could not be read, and there was no room to set it aside: it \
             is still under “{PROGRESS_KEY}” and will be replaced when you next answer an exercise."
        ),
    };
    (Progress::default(), Some(notice))
}

/// Keeps `progress` for the next visit, or says why it could not.
pub fn save(progress: &Progress) -> Result<(), String> {
    let storage = local_storage().ok_or("Your progress could not be saved: this browser does not let the page use its local storage.")?;
    storage
        .set_item(PROGRESS_KEY, &encode(progress))
        .map_err(|e| save_error(&e))
}

/// Stored text read back, or `None` if it is not progress this page wrote: not JSON, another
/// version, or a field of the wrong type.
pub fn decode(raw: &str) -> Option<Progress> {
    let value = JSON::parse(raw).ok()?;
    let object = value
        .dyn_ref::<Object>()
        .filter(|_| !Array::is_array(&value))?;
    match field(object, "version") {
        None => {}
        Some(v) if v.as_f64() == Some(1.0) => {}
        Some(_) => return None,
    }
    let mut progress = Progress::default();
    if let Some(lessons) = field(object, "lessons") {
        let lessons = lessons.dyn_into::<Array>().ok()?;
        for lesson in lessons.iter() {
            progress.set(record(&lesson)?);
        }
    }
    Some(progress)
}

/// One lesson's record, `{"lesson": id, "exercises": [{"attempts": n, "solved": bool}, …]}`, or
/// `None` if the value has another shape. Missing tallies' fields count as zero and unsolved.
pub fn record(value: &JsValue) -> Option<LessonProgress> {
    let object = value
        .dyn_ref::<Object>()
        .filter(|_| !Array::is_array(value))?;
    let lesson = field(object, "lesson")?.as_string()?;
    let mut exercises = Vec::new();
    if let Some(tallies) = field(object, "exercises") {
        for tally in tallies.dyn_into::<Array>().ok()?.iter().take(MAX_TALLIES) {
            let tally = tally.dyn_ref::<Object>()?;
            let attempts = match field(tally, "attempts") {
                None => 0,
                Some(n) => whole(n.as_f64()?)?,
            };
            let solved = match field(tally, "solved") {
                None => false,
                Some(b) => b.as_bool()?,
            };
            exercises.push(Tally { attempts, solved });
        }
    }
    Some(LessonProgress { lesson, exercises })
}

/// A lesson's record from a course page's state, given as JSON text.
pub fn record_from_json(json: &str) -> Option<LessonProgress> {
    record(&JSON::parse(json).ok()?)
}

/// A count: a whole number from 0 to `u32::MAX`.
fn whole(n: f64) -> Option<u32> {
    (n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX)).then_some(n as u32)
}

/// A field's value, or `None` if it is missing or `null`.
fn field(object: &Object, name: &str) -> Option<JsValue> {
    let value = Reflect::get(object, &name.into()).ok()?;
    (!value.is_null() && !value.is_undefined()).then_some(value)
}
