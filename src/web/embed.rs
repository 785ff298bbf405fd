//! The parent frame: telling the page that embeds a lesson in an `<iframe>` about results and size.
//!
//! This module owns `postMessage` to `window.parent` and the `ResizeObserver` that reports the page's
//! height. The messages themselves are built by [`crate::model::export`] and documented in
//! `docs/embedding.md`. When the page is not in a frame, posting does nothing.
//!
//! Messages go to any origin (`"*"`): a static page cannot know which site embeds it, and the
//! messages carry nothing private (a lesson's name and its timings). Parent pages should check
//! `event.source` instead, as `docs/embedding.md` shows.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, ResizeObserver, Window};

use super::{document, window};
use crate::model::export::height_message;

/// Whether the page is shown inside a frame (`window.parent` is another window).
pub fn is_framed() -> bool {
    parent().is_some()
}

/// Posts a message to the parent frame: `json` is parsed with `JSON.parse` and the resulting object
/// is sent, so the parent receives an object, not a string. Does nothing when the page is not
/// framed, and logs to the console instead of posting if `json` is not valid JSON.
pub fn post(json: &str) {
    let Some(parent) = parent() else {
        return;
    };
    match js_sys::JSON::parse(json) {
        // A parent that is closing can refuse; there is nobody left to tell.
        Ok(message) => drop(parent.post_message(&message, "*")),
        Err(_) => web_sys::console::warn_1(
            &"async-kitchen: not posting a message that is not JSON".into(),
        ),
    }
}

/// The parent window, if the page is framed.
fn parent() -> Option<Window> {
    let window = window()?;
    let parent = window.parent().ok()??;
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

/// Reports the page's height while it lives; dropping it stops the reports.
///
/// Keep it in a component's state or an effect's cleanup for as long as the page should report.
#[must_use = "the height is reported only while the watcher is kept"]
pub struct HeightWatcher {
    /// The observer and the callback it calls; `None` when there is nothing to watch or nobody to tell.
    observer: Option<(ResizeObserver, Closure<dyn FnMut()>)>,
}

impl HeightWatcher {
    /// Whether the watcher is really observing (the page is framed and the browser has
    /// `ResizeObserver`).
    pub fn is_active(&self) -> bool {
        self.observer.is_some()
    }
}

impl Drop for HeightWatcher {
    fn drop(&mut self) {
        if let Some((observer, _callback)) = &self.observer {
            observer.disconnect();
        }
    }
}

/// Posts the page's content height to the parent frame as an `async-kitchen:height` message, once
/// now and again whenever it changes, so that the parent can size the `<iframe>` to fit without a
/// scroll bar. When the page is not framed it watches nothing.
pub fn watch_height() -> HeightWatcher {
    if !is_framed() {
        return HeightWatcher { observer: None };
    }
    watch_height_with(|height| post(&height_message(height)))
}

/// Calls `on_change` with the height of the page's content in whole CSS pixels (rounded up), once now
/// and again whenever it changes, for as long as the returned watcher is kept. [`watch_height`] is
/// this with a sink that posts to the parent; tests and other sinks can use it directly.
///
/// `on_change` must not drop the watcher it belongs to.
pub fn watch_height_with(mut on_change: impl FnMut(u32) + 'static) -> HeightWatcher {
    let Some(root) = document().and_then(|d| d.document_element()) else {
        return HeightWatcher { observer: None };
    };
    let mut last = None;
    let observed = root.clone();
    let mut report = move || {
        let height = content_height(&observed);
        // The observer also fires for changes of width alone; the parent only needs new heights.
        if last != Some(height) {
            last = Some(height);
            on_change(height);
        }
    };
    report();
    // The observer passes entries and itself; the callback reads the element instead, so it takes
    // no arguments (JavaScript ignores the extra ones).
    let callback = Closure::<dyn FnMut()>::new(report);
    let Ok(observer) = ResizeObserver::new(callback.as_ref().unchecked_ref()) else {
        return HeightWatcher { observer: None };
    };
    observer.observe(&root);
    HeightWatcher {
        observer: Some((observer, callback)),
    }
}

/// The height of the root element's box, rounded up so that the frame never needs a scroll bar.
/// The root element's height is its content's (the stylesheet leaves it `auto`), so it shrinks as
/// well as grows, unlike `scrollHeight`, which never drops below the frame's own height.
fn content_height(root: &Element) -> u32 {
    let height = root.get_bounding_client_rect().height().ceil();
    // `as` saturates: a negative height or NaN becomes 0, a huge one `u32::MAX`.
    height as u32
}
