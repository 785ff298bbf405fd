//! The page's own markup, read back: for exporting the timeline as an SVG file.
//!
//! This module owns serialising elements the components rendered. It changes nothing on screen.

use wasm_bindgen::JsCast;
use web_sys::{Element, XmlSerializer};

use super::document;

/// The markup of the element with this id (its `outerHTML`), or `None` if there is no such element.
pub fn outer_html(id: &str) -> Option<String> {
    element(id).map(|e| e.outer_html())
}

/// The element with this id as a standalone SVG file, or `None` if there is no such element or the
/// browser cannot serialise it.
///
/// Unlike [`outer_html`], the file declares the SVG namespace (`outerHTML` of an `<svg>` inside an
/// HTML page leaves it out, and image viewers then refuse the file). The page's stylesheets do not
/// travel with an element, so `css` is put into the file as a `<style>` element: pass the rules the
/// drawing needs, custom properties included (`:root` matches the `<svg>` of a standalone file).
/// The page itself is not changed: a copy is serialised.
pub fn svg_file(id: &str, css: &str) -> Option<String> {
    let original = element(id)?;
    let copy: Element = original.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    if !css.is_empty() {
        let document = copy.owner_document()?;
        let style = document
            .create_element_ns(Some("http://www.w3.org/2000/svg"), "style")
            .ok()?;
        style.set_text_content(Some(css));
        copy.prepend_with_node_1(&style).ok()?;
    }
    XmlSerializer::new().ok()?.serialize_to_string(&copy).ok()
}

fn element(id: &str) -> Option<Element> {
    document()?.get_element_by_id(id)
}
