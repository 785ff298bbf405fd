//! The page's keyboard shortcuts for the stage: ← and → step, Home and End go to the start and end.
//!
//! The shortcuts listen on the whole document, so they work wherever the focus is, except where a
//! key already means something: in a text field, a number field, a select, a slider or a radio group
//! (which move their own value with the arrows), or with a modifier held.

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};

/// A stage shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// ←: the previous event.
    Previous,
    /// →: the next event.
    Next,
    /// Home: the start.
    Start,
    /// End: the end.
    End,
}

/// Calls `on_key` for each stage shortcut pressed, until the returned listener is dropped.
pub fn listen(on_key: impl Fn(Key) + 'static) -> Option<EventListener> {
    let document = super::document()?;
    // Not passive (gloo's default): the keys it takes must not also scroll the page.
    let options = EventListenerOptions::enable_prevent_default();
    Some(EventListener::new_with_options(
        &document,
        "keydown",
        options,
        move |event| {
            let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            if event.alt_key() || event.ctrl_key() || event.meta_key() || event.shift_key() {
                return;
            }
            if event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .is_some_and(|e| owns_keys(&e))
            {
                return;
            }
            let key = match event.key().as_str() {
                "ArrowLeft" => Key::Previous,
                "ArrowRight" => Key::Next,
                "Home" => Key::Start,
                "End" => Key::End,
                _ => return,
            };
            event.prevent_default();
            on_key(key);
        },
    ))
}

/// Whether an element uses the arrow keys, Home and End itself.
fn owns_keys(element: &Element) -> bool {
    match element.tag_name().to_ascii_lowercase().as_str() {
        "textarea" | "select" => true,
        "input" => element
            .get_attribute("type")
            .is_none_or(|t| t != "button" && t != "checkbox"),
        _ => element.get_attribute("contenteditable").is_some(),
    }
}
