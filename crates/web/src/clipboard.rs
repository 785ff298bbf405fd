//! The clipboard: copying a share link or an export for the learner.
//!
//! This module owns putting text on the clipboard. It tries the asynchronous clipboard
//! (`navigator.clipboard.writeText`) first, and falls back on selecting the text in a hidden
//! `<textarea>` and `document.execCommand("copy")`, because the asynchronous clipboard is missing on
//! pages served over plain `http:` from anywhere but `localhost`, and refused in frames that were not
//! given `allow="clipboard-write"`. It never reads the clipboard.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Clipboard, HtmlDocument, HtmlElement, HtmlTextAreaElement};

use super::{describe, document, window};

/// Puts `text` on the clipboard, or says why it could not, in words for the learner.
///
/// Call it from a click or key handler: browsers only let a page copy in answer to the user.
pub async fn copy(text: &str) -> Result<(), String> {
    let refused = match write_text(text).await {
        Ok(()) => return Ok(()),
        Err(reason) => reason,
    };
    copy_selection(text).map_err(|fallback| {
        format!(
            "The browser did not let the page copy: select the text and copy it with Ctrl+C (⌘C on \
             a Mac). ({}; {})",
            refused.trim_end_matches('.'),
            fallback.trim_end_matches('.')
        )
    })
}

/// The asynchronous clipboard, if the page has it.
async fn write_text(text: &str) -> Result<(), String> {
    let navigator = window().ok_or("no window")?.navigator();
    // `navigator.clipboard` is undefined outside secure contexts; web-sys's getter assumes it is
    // there, so look before calling anything on it.
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .ok()
        .and_then(|value| value.dyn_into::<Clipboard>().ok())
        .ok_or("the clipboard needs https")?;
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|e| describe(&e))
}

/// The old way: select the text in a hidden, read-only `<textarea>` and run the `copy` command.
fn copy_selection(text: &str) -> Result<(), String> {
    let document = document().ok_or("no document")?;
    let body = document.body().ok_or("no page body")?;
    let area: HtmlTextAreaElement = document
        .create_element("textarea")
        .ok()
        .and_then(|e| e.dyn_into().ok())
        .ok_or("no text area")?;
    area.set_value(text);
    // Read-only keeps phones from opening a keyboard; a fixed position keeps the page from
    // scrolling to it; it stays in the layout (no `display: none`) because hidden text cannot be
    // selected.
    let _ = area.set_attribute("readonly", "");
    let _ = area.set_attribute("aria-hidden", "true");
    let _ = area.set_attribute(
        "style",
        "position:fixed;top:0;left:0;width:1px;height:1px;padding:0;border:0;opacity:0;pointer-events:none",
    );
    let focused = document.active_element();
    body.append_child(&area).map_err(|e| describe(&e))?;
    area.select();
    let copied = document
        .dyn_ref::<HtmlDocument>()
        .map(|html| html.exec_command("copy"));
    area.remove();
    // Selecting moved the focus; give it back so that keyboard users stay where they were.
    if let Some(element) = focused.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = element.focus();
    }
    match copied {
        Some(Ok(true)) => Ok(()),
        Some(Ok(false)) => Err("the copy command was refused".to_owned()),
        Some(Err(e)) => Err(describe(&e)),
        None => Err("the page is not an HTML document".to_owned()),
    }
}
