//! The parent frame: telling the page that embeds a lesson in an `<iframe>` about results, scores and
//! size, and hearing back the learner's state.
//!
//! This module owns `postMessage` to `window.parent`, the `ResizeObserver` that reports the page's
//! height, the `message_id`s of the SPLICE messages, and the `message` listener that takes the state
//! a parent sends back ([`listen`]). The messages themselves are built by [`kitchen_model::export`]
//! and documented in `docs/embedding.md`. When the page is not in a frame, posting does nothing and
//! there is nothing to listen to. It keeps no page state: what it hears it hands on as a string.
//!
//! Messages go to any origin (`"*"`): a static page cannot know which site embeds it, and the
//! messages carry nothing private (a lesson's name, its timings and which of its exercises the
//! learner solved). Parent pages should check `event.source` instead, as `docs/embedding.md` shows,
//! and the page does the same with what it hears: only messages from its own parent window count.

use std::cell::Cell;

use gloo_events::EventListener;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, MessageEvent, ResizeObserver, Window};

use super::{document, window};
use kitchen_model::export::{
    RESTORE_MESSAGE, SPLICE_GET_STATE_RESPONSE, height_message, message_id, splice_get_state,
    splice_report, splice_resize,
};

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

/// Posts the page's content height to the parent frame, once now and again whenever it changes, so
/// that the parent can size the `<iframe>` to fit without a scroll bar. Each height goes out twice:
/// as the page's own `async-kitchen:height` message and as SPLICE's `lti.frameResize`, which the
/// learning systems that embed SPLICE content (PreTeXt, CodeCheck, Canvas and Moodle for LTI tools)
/// already obey; a parent ignores the one it does not know. When the page is not framed it watches
/// nothing.
pub fn watch_height() -> HeightWatcher {
    if !is_framed() {
        return HeightWatcher { observer: None };
    }
    watch_height_with(|height| {
        post(&height_message(height));
        post(&splice_resize(&next_message_id(), height));
    })
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

/// Asks the parent for the learner's state with SPLICE's `SPLICE.getState`. A parent that keeps
/// state answers with `SPLICE.getState.response`, which [`listen`] hands on; one that does not may
/// answer with a `null` state or not at all, so the page must not wait for it. Start listening
/// first: the answer can come back as soon as the request is out. Does nothing when the page is not
/// framed.
pub fn request_state() {
    post(&splice_get_state(&next_message_id()));
}

/// Reports a checked exercise to the parent with SPLICE's `SPLICE.reportScoreAndState`: `score` from
/// 0 to 1, and `state`, JSON text the parent keeps and gives back to [`listen`] on the next visit.
/// Does nothing when the page is not framed.
pub fn report_score(score: f64, state: &str) {
    post(&splice_report(&next_message_id(), score, state));
}

/// Hands on the state the parent sends back while it lives; dropping it stops listening.
///
/// Keep it in an effect's cleanup for as long as the page should restore what its parent sends.
#[must_use = "the parent's state is heard only while the listener is kept"]
pub struct StateListener {
    /// The `message` listener on the page's window; `None` when the page is not framed.
    listener: Option<EventListener>,
}

impl StateListener {
    /// Whether the listener is really listening (the page is framed).
    pub fn is_active(&self) -> bool {
        self.listener.is_some()
    }
}

/// Calls `on_state` with each state the parent frame sends, for as long as the returned listener is
/// kept: the `state` of a `SPLICE.getState.response` (the answer to [`request_state`]) or of the
/// page's own `{"type": "async-kitchen:restore", "state": …}`, which a parent may send at any time.
///
/// Only messages whose `source` is the page's parent window count, and only those whose data is an
/// object with that `subject` or `type`. The state is handed on as JSON text: an object (or any
/// other JSON value) as `JSON.stringify` writes it, and a string as it is, because some parents keep
/// the state as the JSON text they were sent and send that text back. A missing, `null` or empty
/// state means that the parent keeps none, and is not handed on; so is one that `JSON.stringify`
/// cannot write. Nothing is checked beyond that: the text is the parent's, and whoever reads it must
/// expect anything. Odd data is ignored, never a panic. When the page is not framed it listens to
/// nothing.
///
/// The answer's `message_id` is not compared with the request's: the page asks once, and parents
/// spell the echo differently.
///
/// `on_state` must not drop the listener it belongs to.
pub fn listen(mut on_state: impl FnMut(String) + 'static) -> StateListener {
    let (Some(window), Some(parent)) = (window(), parent()) else {
        return StateListener { listener: None };
    };
    let listener = EventListener::new(&window, "message", move |event| {
        let Some(event) = event.dyn_ref::<MessageEvent>() else {
            return;
        };
        if !event
            .source()
            .is_some_and(|source| js_sys::Object::is(&source, &parent))
        {
            return;
        }
        if let Some(state) = state_of(&event.data()) {
            on_state(state);
        }
    });
    StateListener {
        listener: Some(listener),
    }
}

/// The state a message's data carries, as JSON text, if it is a `SPLICE.getState.response` or an
/// `async-kitchen:restore` with a state: what [`listen`] hands on for a message from the parent,
/// by the rules it states. Any other data, however odd, is `None`.
pub fn state_of(data: &JsValue) -> Option<String> {
    // `is_object` is false for `null`, strings, numbers and the other primitives.
    if !data.is_object() {
        return None;
    }
    let field = |name: &str| js_sys::Reflect::get(data, &JsValue::from_str(name)).ok();
    let says = |name: &str, expected: &str| {
        field(name)
            .and_then(|value| value.as_string())
            .is_some_and(|value| value == expected)
    };
    if !says("subject", SPLICE_GET_STATE_RESPONSE) && !says("type", RESTORE_MESSAGE) {
        return None;
    }
    let state = field("state")?;
    let text = match state.as_string() {
        Some(text) => text,
        // `null` and `undefined` are no state; `stringify` throws on a cycle or a BigInt, and gives
        // `undefined` (not a string) for what JSON cannot hold.
        None if state.is_null() || state.is_undefined() => return None,
        None => JsValue::from(js_sys::JSON::stringify(&state).ok()?).as_string()?,
    };
    (!text.trim().is_empty()).then_some(text)
}

/// A new `message_id` for a SPLICE message: the page's random number and how many messages it has
/// numbered before (see [`message_id`]).
fn next_message_id() -> String {
    thread_local! {
        // `random` is at least 0 and below 1, so this is any `u32` (`as` saturates at the top).
        static PAGE: u32 = (js_sys::Math::random() * 4_294_967_296.0) as u32;
        static COUNT: Cell<u32> = const { Cell::new(0) };
    }
    let n = COUNT.with(|count| {
        let n = count.get();
        count.set(n.wrapping_add(1));
        n
    });
    PAGE.with(|page| message_id(*page, n))
}
