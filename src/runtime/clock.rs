//! The one clock the runtime reads.

use web_sys::Performance;

thread_local! {
    /// The page's `performance` object, looked up once: every recorded event reads the clock, and
    /// looking it up through `window` each time would triple the cost of tracing.
    static PERFORMANCE: Option<Performance> = web_sys::window().and_then(|w| w.performance());
}

/// Milliseconds since the page loaded, from `performance.now()`.
///
/// Its resolution is what the browser allows: 100 µs normally, 5 µs on cross-origin isolated pages.
pub fn now() -> f64 {
    // A page without a performance object cannot run anything we measure; falling back to Date keeps
    // the runtime alive in odd embeddings instead of panicking.
    PERFORMANCE.with(|p| p.as_ref().map_or_else(js_sys::Date::now, Performance::now))
}
