//! Reading stored JSON with the browser's `JSON.parse`, then checking its shape field by field.
//!
//! `serde_json` writes what is stored; reading with it too would add its deserializer and float
//! parser to the page (some 15 KB gzipped) for one small object read once per visit, while the
//! browser's parser is already there. The checks are strict about types and lenient about presence,
//! as a `#[serde(default)]` struct would be: a missing field (or `null`) takes its default, a field
//! of the wrong type makes the whole value unreadable, unknown fields are ignored.

use js_sys::{JSON, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::codec::{self, Decoded, Unreadable};
use super::{Drafts, Saved};

/// Reads stored text: what the page can use, or why none of it can be used. Runs only in a browser.
pub fn decode(raw: &str) -> Result<Decoded, Unreadable> {
    let value = JSON::parse(raw).map_err(|_| Unreadable::Damaged)?;
    let object = as_object(&value).ok_or(Unreadable::Damaged)?;
    // The version first, so that a newer shape is recognised before its fields are misread.
    codec::check_version(optional(object, "version", |v| v.as_f64())?)?;
    let drafts = match field(object, "drafts")? {
        None => Drafts::default(),
        Some(value) => drafts(&value)?,
    };
    let saved = Saved {
        lesson: optional(object, "lesson", JsValue::as_string)?,
        drafts,
        mode: optional(object, "mode", JsValue::as_string)?,
        scale_ms: optional(object, "scale_ms", JsValue::as_f64)?,
        language: optional(object, "language", JsValue::as_string)?,
        python: optional(object, "python", JsValue::as_string)?,
        rust: optional(object, "rust", JsValue::as_string)?,
        lead: optional(object, "lead", JsValue::as_string)?,
    };
    Ok(codec::tidy(saved))
}

/// The value as a plain object: not `null`, not an array, not a primitive.
fn as_object(value: &JsValue) -> Option<&Object> {
    (value.is_object() && !js_sys::Array::is_array(value)).then(|| value.unchecked_ref())
}

/// A field's value, or `None` if it is missing or `null`.
fn field(object: &Object, name: &str) -> Result<Option<JsValue>, Unreadable> {
    let value = Reflect::get(object, &name.into()).map_err(|_| Unreadable::Damaged)?;
    Ok((!value.is_null() && !value.is_undefined()).then_some(value))
}

/// A field converted by `read`; a value `read` refuses is damage.
fn optional<T>(
    object: &Object,
    name: &str,
    read: impl Fn(&JsValue) -> Option<T>,
) -> Result<Option<T>, Unreadable> {
    match field(object, name)? {
        None => Ok(None),
        Some(value) => read(&value).map(Some).ok_or(Unreadable::Damaged),
    }
}

/// The drafts: an object whose every value is a string.
fn drafts(value: &JsValue) -> Result<Drafts, Unreadable> {
    let object = as_object(value).ok_or(Unreadable::Damaged)?;
    let mut drafts = Drafts::default();
    for entry in Object::entries(object).iter() {
        let id = Reflect::get_u32(&entry, 0).ok().and_then(|k| k.as_string());
        let text = Reflect::get_u32(&entry, 1).ok().and_then(|t| t.as_string());
        let (id, text) = id.zip(text).ok_or(Unreadable::Damaged)?;
        drafts.insert(id, text);
    }
    Ok(drafts)
}
