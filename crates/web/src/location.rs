//! The address bar: the parameters the page was opened with (from the fragment, or the query of an
//! older link), links to the page with other parameters in the fragment, and taking them out of the
//! address once read.
//!
//! This module owns reading and writing the page's URL. It does not know what the parameters mean;
//! [`kitchen_model::share`] encodes and decodes them.

use wasm_bindgen::JsValue;

use super::window;

/// The parameters the page was opened with: its fragment (after `#`) when it has one, else its query
/// string (after `?`, as links written before version 2 carry them), without the `#` or `?`; empty
/// when there are none or the address cannot be read.
pub fn params() -> String {
    params_of(&href()).to_owned()
}

/// A link to this page with `params` in its fragment (no `#` when they are empty) and no query.
/// Browsers never send a fragment to the server, so no host refuses a link for its length.
///
/// The link keeps the page's whole path, so a page hosted under a sub-path such as
/// `/course/async-kitchen/` links to itself there. It is built from `location.href` rather than
/// `origin` and `pathname`, because a page opened from a `file:` URL has the origin `null`.
pub fn link_with(params: &str) -> String {
    with_fragment(&href(), params)
}

/// Takes the link's parameters out of the address (query and fragment) without reloading or adding
/// a history entry (`history.replaceState`), so that reloading opens the learner's saved work
/// rather than the link again. Does nothing if the browser refuses.
pub fn forget_link() {
    let Some(history) = window().and_then(|w| w.history().ok()) else {
        return;
    };
    let url = with_fragment(&href(), "");
    let state = history.state().unwrap_or(JsValue::NULL);
    // A refusal (a sandboxed frame, a URL the browser thinks is cross-origin) leaves the address as
    // it was, which is harmless: only a reload is affected.
    let _ = history.replace_state_with_url(&state, "", Some(&url));
}

/// Calls `on_change` with the new parameters whenever the fragment changes while the page is open
/// (a link to this page pasted into the address bar changes only the fragment, and the browser does
/// not reload for that), for as long as the returned listener is kept.
pub fn watch(on_change: impl Fn(String) + 'static) -> Option<gloo_events::EventListener> {
    let window = window()?;
    Some(gloo_events::EventListener::new(
        &window,
        "hashchange",
        move |_| on_change(params()),
    ))
}

/// Reloads the page, as opening a new link does.
pub fn reload() {
    if let Some(window) = window() {
        let _ = window.location().reload();
    }
}

/// The page's full address, or empty if it cannot be read.
fn href() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// `href`'s parameters: the fragment's when it has one, else the query's.
fn params_of(href: &str) -> &str {
    let (before, fragment) = href.split_once('#').unwrap_or((href, ""));
    if !fragment.is_empty() {
        return fragment;
    }
    before.split_once('?').map_or("", |(_, query)| query)
}

/// `href` without its query and fragment, then `#params` if `params` is not empty.
fn with_fragment(href: &str, params: &str) -> String {
    let base = href.split('#').next().unwrap_or_default();
    let base = base.split('?').next().unwrap_or_default();
    let params = params
        .strip_prefix('#')
        .or_else(|| params.strip_prefix('?'))
        .unwrap_or(params);
    if params.is_empty() {
        base.to_owned()
    } else {
        format!("{base}#{params}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_the_path_and_carry_the_parameters_in_the_fragment() {
        let table = [
            (
                "https://example.org/",
                "lesson=cake",
                "https://example.org/#lesson=cake",
            ),
            (
                "https://example.org/course/async-kitchen/?mode=gather#top",
                "lesson=cake&embed=1",
                "https://example.org/course/async-kitchen/#lesson=cake&embed=1",
            ),
            (
                "https://example.org/course/async-kitchen/index.html#a?b",
                "?x=1",
                "https://example.org/course/async-kitchen/index.html#x=1",
            ),
            (
                "http://127.0.0.1:8080/?old=1#z=1",
                "",
                "http://127.0.0.1:8080/",
            ),
            (
                "file:///home/me/dist/index.html",
                "a=b",
                "file:///home/me/dist/index.html#a=b",
            ),
            ("", "a=b", "#a=b"),
        ];
        for (href, params, expect) in table {
            assert_eq!(with_fragment(href, params), expect, "{href} + {params}");
        }
    }

    #[test]
    fn the_fragment_is_read_before_the_query() {
        assert_eq!(params_of("https://example.org/?a=1#b=2?c"), "b=2?c");
        assert_eq!(params_of("https://example.org/?a=1"), "a=1");
        assert_eq!(params_of("https://example.org/?a=1#"), "a=1");
        assert_eq!(params_of("https://example.org/"), "");
    }
}
