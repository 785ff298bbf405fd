//! The one clock the runtime reads.

/// Milliseconds since the page loaded, from `performance.now()`.
///
/// Its resolution is what the browser allows: 100 µs normally, 5 µs on cross-origin isolated pages.
pub fn now() -> f64 {
    // A page without a window or a performance object cannot run anything we measure; falling back to
    // Date keeps the runtime alive in odd embeddings instead of panicking.
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}
