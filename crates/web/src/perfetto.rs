//! Opening a run in Perfetto's UI, by the protocol Perfetto documents for it ("Deep linking to the
//! Perfetto UI"): the page opens `ui.perfetto.dev` in a new tab, posts it `PING` every 50 ms until
//! it answers `PONG` (a window's messages are not kept for a listener that is not there yet), then
//! posts the trace as an `ArrayBuffer` with a title and a file name.
//!
//! This module owns the window, the handshake and the message; the trace's text is the model's
//! (`export::chrome_trace`). The tab must be opened in the click's own handler, before anything is
//! awaited, or the browser blocks it as a popup: hence [`open`], then [`Opened::post`].
//!
//! A cross-origin-isolated page (`Cross-Origin-Opener-Policy: same-origin`, which `trunk serve`
//! sends for the threads' shared memory) is cut off from the windows it opens on other sites, so
//! Perfetto could never answer: [`open`] says so at once, and the learner exports the file instead.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use js_sys::{Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Window};

use super::window;

/// Perfetto's UI: where it opens, and the only origin the page talks to or listens to.
pub const ORIGIN: &str = "https://ui.perfetto.dev";

/// How often the page pings the new tab, in milliseconds (Perfetto's own example's rate).
const PING_MS: i32 = 50;

/// How long the page waits for the tab's `PONG` before it gives up, in milliseconds: Perfetto's UI
/// loads some megabytes before it listens, which on a school's network takes seconds.
const PATIENCE_MS: i32 = 30_000;

/// Perfetto's tab, opened, waiting for the trace.
pub struct Opened {
    tab: Window,
}

/// Opens Perfetto's UI in a new tab; call it in a click's handler. Says why not if the page is
/// cross-origin isolated, or if the browser blocked the tab.
pub fn open() -> Result<Opened, String> {
    let page = window().ok_or("the page has no window")?;
    let isolated = Reflect::get(&page, &JsValue::from_str("crossOriginIsolated"))
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    if isolated {
        return Err(
            "this page is cross-origin isolated, which cuts it off from the tabs it opens: \
             export the Chrome trace and open the file in ui.perfetto.dev"
                .to_owned(),
        );
    }
    match page.open_with_url_and_target(ORIGIN, "_blank") {
        Ok(Some(tab)) => Ok(Opened { tab }),
        _ => Err("the browser blocked the new tab".to_owned()),
    }
}

impl Opened {
    /// Waits for the tab's `PONG`, then posts it `trace` (the Chrome trace's text) as a file named
    /// `file_name` with `title`. Resolves once the trace is posted, or to why it was not.
    pub async fn post(self, trace: &str, title: &str, file_name: &str) -> Result<(), String> {
        let page = window().ok_or("the page has no window")?;
        let tab = self.tab;
        // Kept until the handshake ends, whichever way it ends.
        let held: Rc<RefCell<Option<EventListener>>> = Rc::default();
        let answered = {
            let (held, page) = (held.clone(), page.clone());
            Promise::new(&mut move |resolve, reject| {
                // Only Perfetto's origin is heard, and only its answer.
                let listener = EventListener::new(&page, "message", move |event| {
                    let Some(event) = event.dyn_ref::<MessageEvent>() else {
                        return;
                    };
                    if event.origin() == ORIGIN
                        && event.data().as_string().as_deref() == Some("PONG")
                    {
                        let _ = resolve.call0(&JsValue::NULL);
                    }
                });
                *held.borrow_mut() = Some(listener);
                let give_up = Closure::once_into_js(move || {
                    let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("no answer"));
                });
                let _ = page.set_timeout_with_callback_and_timeout_and_arguments_0(
                    give_up.unchecked_ref(),
                    PATIENCE_MS,
                );
            })
        };
        let ping = {
            let tab = tab.clone();
            Closure::<dyn FnMut()>::new(move || {
                let _ = tab.post_message(&JsValue::from_str("PING"), ORIGIN);
            })
        };
        let pinging = page
            .set_interval_with_callback_and_timeout_and_arguments_0(
                ping.as_ref().unchecked_ref(),
                PING_MS,
            )
            .ok();
        let heard = JsFuture::from(answered).await;
        if let Some(id) = pinging {
            page.clear_interval_with_handle(id);
        }
        drop(ping);
        held.borrow_mut().take();
        if heard.is_err() {
            return Err(if tab.closed().unwrap_or(true) {
                "its tab was closed".to_owned()
            } else {
                "its tab did not answer in 30 s (is ui.perfetto.dev reachable from here?)"
                    .to_owned()
            });
        }
        let buffer = Uint8Array::from(trace.as_bytes()).buffer();
        let inner = Object::new();
        let _ = Reflect::set(&inner, &"buffer".into(), &buffer);
        let _ = Reflect::set(&inner, &"title".into(), &title.into());
        let _ = Reflect::set(&inner, &"fileName".into(), &file_name.into());
        let message = Object::new();
        let _ = Reflect::set(&message, &"perfetto".into(), &inner);
        tab.post_message(&message, ORIGIN)
            .map_err(|_| "its tab refused the trace".to_owned())
    }
}
