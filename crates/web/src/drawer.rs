//! A drawer over the page (the lesson library on a screen too narrow to keep it beside the lesson)
//! closes as a dialog does: on Escape, and on a press anywhere outside it and the button that
//! opens it. Escape gives the focus back to that button when the focus was in the drawer, so a
//! keyboard user lands where they opened it; a press outside leaves the focus where it went.
//! A drawer in the page's flow (the lesson's story, exercises and recipe) closes on Escape only
//! while the focus is in it or on its button: a press outside it must not fold it, since the page
//! below would move under the finger between the press and the click.
//!
//! This module owns the listeners and the focus; whether a drawer is open, and what closing it
//! does, is the page's.

use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent, Node};

use super::document;

/// The listeners that close an open drawer; dropping them stops listening.
pub struct Dismiss {
    _keys: EventListener,
    _presses: Option<EventListener>,
}

/// Calls `on_close` when Escape is pressed (anywhere for a drawer `over` the page, else with the
/// focus in the drawer or on its button) or, for a drawer over the page, when the page is pressed
/// outside the elements with ids `drawer` and `toggle`, until the returned [`Dismiss`] is dropped.
/// Listen only while the drawer is open.
pub fn listen(
    (drawer, toggle): (&'static str, &'static str),
    over: bool,
    on_close: impl Fn() + 'static,
) -> Option<Dismiss> {
    let document = document()?;
    let on_close = Rc::new(on_close);
    let close = on_close.clone();
    let keys = EventListener::new(&document, "keydown", move |event| {
        let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        // An input method uses Escape to cancel what is being composed, not to close anything.
        if event.key() != "Escape" || event.is_composing() {
            return;
        }
        let inside = super::document()
            .and_then(|d| d.active_element())
            .is_some_and(|active| within(&active, drawer) || active.id() == toggle);
        if over || inside {
            close();
        }
        if inside {
            focus(toggle);
        }
    });
    let presses = over.then(|| {
        EventListener::new(&document, "pointerdown", move |event| {
            let outside = event
                .target()
                .and_then(|t| t.dyn_into::<Node>().ok())
                .is_some_and(|node| !contains(drawer, &node) && !contains(toggle, &node));
            if outside {
                on_close();
            }
        })
    });
    Some(Dismiss {
        _keys: keys,
        _presses: presses,
    })
}

/// Whether `element` is the element with id `id` or inside it.
fn within(element: &Element, id: &str) -> bool {
    contains(id, element)
}

/// Whether the element with id `id` contains `node` (or is it).
fn contains(id: &str, node: &Node) -> bool {
    document()
        .and_then(|d| d.get_element_by_id(id))
        .is_some_and(|e| e.contains(Some(node)))
}

/// Moves the focus to the element with id `id`, if it can take it (one not displayed cannot).
pub fn focus(id: &str) {
    if let Some(element) = document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Sets or removes the class `name` on the page's root element (`<html>`), for a switch that
/// restyles the whole page, such as Present.
pub fn root_class(name: &str, on: bool) {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        let _ = root.class_list().toggle_with_force(name, on);
    }
}
