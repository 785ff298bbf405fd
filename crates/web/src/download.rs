//! Downloads: saving text the page made (an exported run, a timeline picture) as a file.
//!
//! This module owns handing a file to the browser: a `Blob`, an object URL for it, and a click on a
//! temporary `<a download>`. What the file contains is [`kitchen_model::export`]'s business.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

use super::{describe, document, window};

/// How long the file's object URL outlives the click, in milliseconds. Browsers read the blob after
/// the click handler returns, and some (older Safari and Firefox) lose the download if the URL is
/// revoked at once; a minute is far longer than any of them needs, and the memory is released then.
const REVOKE_AFTER_MS: i32 = 60_000;

/// Offers `contents` to the learner as a file named `filename` with the media type `mime` (such as
/// `application/json` or `image/svg+xml`), or says why it could not.
///
/// Call it from a click handler: browsers may block downloads a page starts on its own.
pub fn save(filename: &str, mime: &str, contents: &str) -> Result<(), String> {
    let refused = |e: JsValue| format!("The file could not be saved: {}.", describe(&e));
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(refused)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(refused)?;
    let clicked = click_link(&url, filename);
    revoke_later(url);
    clicked
}

/// Clicks a temporary link to `url` that asks for a download named `filename`.
fn click_link(url: &str, filename: &str) -> Result<(), String> {
    let missing = || "The file could not be saved: the page has no document.".to_owned();
    let document = document().ok_or_else(missing)?;
    let body = document.body().ok_or_else(missing)?;
    let link: HtmlAnchorElement = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into().ok())
        .ok_or_else(missing)?;
    link.set_href(url);
    link.set_download(filename);
    let _ = link.set_attribute("hidden", "");
    // Firefox follows only links that are in the document.
    body.append_child(&link)
        .map_err(|e| format!("The file could not be saved: {}.", describe(&e)))?;
    link.click();
    link.remove();
    Ok(())
}

/// Revokes the object URL after [`REVOKE_AFTER_MS`]; if no timer can be set, right away.
fn revoke_later(url: String) {
    let Some(window) = window() else {
        let _ = Url::revoke_object_url(&url);
        return;
    };
    // `once_into_js` frees the closure when it has run, so no handle needs to be kept.
    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
        revoke.unchecked_ref(),
        REVOKE_AFTER_MS,
    );
}
