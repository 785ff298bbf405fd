//! The width a chart is drawn at, measured from its container while the figure is on the page.
//!
//! This module owns the `ResizeObserver` that watches a figure's scroll container, and the rule for
//! when it reports: only when the chart's width ([`chart_width`], in steps) changes, or whether the
//! container is narrower than the narrowest chart ([`scrolls_sideways`]), so that dragging a window
//! wider by a pixel lays nothing out again. It must not lay out or draw; it holds no timer.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, ResizeObserver};
use yew::prelude::*;

use kitchen_views::timeline::geometry::{DEFAULT_WIDTH, chart_width, scrolls_sideways};

/// The width to draw a chart at inside the element behind `node`: [`DEFAULT_WIDTH`] until the
/// element has been measured, then its width in steps, kept up to date until the component unmounts;
/// and whether the element is narrower than that, so that the chart scrolls sideways in it.
#[hook]
pub fn use_chart_width(node: NodeRef) -> (f64, bool) {
    let width = use_state_eq(|| (DEFAULT_WIDTH, false));
    let set = width.setter();
    use_effect_with(node, move |node| {
        let watcher = node
            .cast::<Element>()
            .map(|element| WidthWatcher::new(element, move |w| set.set(w)));
        // Dropping the watcher disconnects the observer when the figure leaves the page.
        move || drop(watcher)
    });
    *width
}

/// Reports an element's chart width while it is kept; dropping it disconnects the observer.
struct WidthWatcher {
    /// The observer and the callback it calls, which must live as long as the observer does;
    /// `None` when the browser has no `ResizeObserver`, and the chart keeps its first width.
    observer: Option<(ResizeObserver, Closure<dyn FnMut()>)>,
}

impl WidthWatcher {
    /// Calls `on_width` with the chart width for `element`, and whether the element is narrower, now
    /// and whenever either changes.
    fn new(element: Element, mut on_width: impl FnMut((f64, bool)) + 'static) -> WidthWatcher {
        let observed = element.clone();
        let mut last = None;
        let mut report = move || {
            // The observer also fires for changes of height alone, and for widths that round to
            // the same step; only a new chart width is worth a new layout.
            let px = f64::from(observed.client_width());
            let Some(width) = chart_width(px).map(|w| (w, scrolls_sideways(px))) else {
                return;
            };
            if last != Some(width) {
                last = Some(width);
                on_width(width);
            }
        };
        // Measured at once, the first layout after mounting already has the right width, before
        // the browser would first deliver an observation.
        report();
        // The observer passes entries and itself; the callback reads the element instead, so it
        // takes no arguments (JavaScript ignores the extra ones).
        let callback = Closure::<dyn FnMut()>::new(report);
        let observer = ResizeObserver::new(callback.as_ref().unchecked_ref())
            .ok()
            .map(|observer| {
                observer.observe(&element);
                (observer, callback)
            });
        WidthWatcher { observer }
    }
}

impl Drop for WidthWatcher {
    fn drop(&mut self) {
        if let Some((observer, _callback)) = &self.observer {
            observer.disconnect();
        }
    }
}
