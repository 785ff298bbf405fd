//! The address bar: the query string the page was opened with, links to the page with another query,
//! and replacing the query in place.
//!
//! This module owns reading and writing the page's URL. It does not know what the parameters mean;
//! [`crate::model::share`] encodes and decodes them.

use wasm_bindgen::JsValue;

use super::window;

/// The page's query string (`location.search`) without the leading `?`; empty when there is none or
/// it cannot be read.
pub fn query() -> String {
    let search = window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    match search.strip_prefix('?') {
        Some(query) => query.to_owned(),
        None => search,
    }
}

/// A link to this page with `query` as its query string (no `?` when it is empty) and no fragment.
///
/// The link keeps the page's whole path, so a page hosted under a sub-path such as
/// `/course/async-kitchen/` links to itself there. It is built from `location.href` rather than
/// `origin` and `pathname`, because a page opened from a `file:` URL has the origin `null`.
pub fn link_with(query: &str) -> String {
    with_query(&href(), query)
}

/// Replaces the page's query string with `query` without reloading or adding a history entry
/// (`history.replaceState`), so that reloading opens what is on screen. The fragment and the history
/// entry's state are kept. Does nothing if the browser refuses.
pub fn replace_query(query: &str) {
    let Some(history) = window().and_then(|w| w.history().ok()) else {
        return;
    };
    let href = href();
    let url = format!("{}{}", with_query(&href, query), fragment(&href));
    let state = history.state().unwrap_or(JsValue::NULL);
    // A refusal (a sandboxed frame, a URL the browser thinks is cross-origin) leaves the address as
    // it was, which is harmless: only a reload is affected.
    let _ = history.replace_state_with_url(&state, "", Some(&url));
}

/// The page's full address, or empty if it cannot be read.
fn href() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// `href` without its query and fragment, then `?query` if `query` is not empty.
fn with_query(href: &str, query: &str) -> String {
    // The fragment begins at the first `#`; the query at the first `?` before it.
    let base = href.split('#').next().unwrap_or_default();
    let base = base.split('?').next().unwrap_or_default();
    let query = query.strip_prefix('?').unwrap_or(query);
    if query.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{query}")
    }
}

/// `href`'s fragment with its `#`, or empty.
fn fragment(href: &str) -> &str {
    href.find('#').map_or("", |at| &href[at..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_the_path_and_drop_the_old_query_and_fragment() {
        let table = [
            (
                "https://example.org/",
                "lesson=cake",
                "https://example.org/?lesson=cake",
            ),
            (
                "https://example.org/course/async-kitchen/?mode=gather#top",
                "lesson=cake&embed=1",
                "https://example.org/course/async-kitchen/?lesson=cake&embed=1",
            ),
            (
                "https://example.org/course/async-kitchen/index.html#a?b",
                "?x=1",
                "https://example.org/course/async-kitchen/index.html?x=1",
            ),
            ("http://127.0.0.1:8080/?old=1", "", "http://127.0.0.1:8080/"),
            (
                "file:///home/me/dist/index.html",
                "a=b",
                "file:///home/me/dist/index.html?a=b",
            ),
            ("", "a=b", "?a=b"),
        ];
        for (href, query, expect) in table {
            assert_eq!(with_query(href, query), expect, "{href} + {query}");
        }
    }

    #[test]
    fn the_fragment_is_found_after_the_query() {
        assert_eq!(fragment("https://example.org/?a=1#b?c"), "#b?c");
        assert_eq!(fragment("https://example.org/?a=1"), "");
    }
}
