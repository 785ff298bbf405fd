//! Watching the page during a run: its visibility, and the long tasks the browser reports.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{
    PerformanceEntry, PerformanceObserver, PerformanceObserverEntryList, PerformanceObserverInit,
};

use super::recorder::Recorder;
use kitchen_model::EventKind;

/// The browser's observer and the Rust closure it calls, which must live as long as it does.
type LongTaskObserver = (
    PerformanceObserver,
    Closure<dyn FnMut(PerformanceObserverEntryList)>,
);

/// Records [`EventKind::Hidden`] / [`EventKind::Visible`] and [`EventKind::LongTask`] until dropped.
pub struct Observers {
    _visibility: Option<EventListener>,
    long_tasks: Option<LongTaskObserver>,
    recorder: Recorder,
}

impl Observers {
    /// Starts watching; records at once if the page is already hidden.
    pub fn start(recorder: Recorder) -> Observers {
        let document = web_sys::window().and_then(|w| w.document());
        let visibility = document.map(|document| {
            if document.hidden() {
                recorder.record(EventKind::Hidden);
            }
            let rec = recorder.clone();
            let doc = document.clone();
            EventListener::new(&document, "visibilitychange", move |_| {
                rec.record(if doc.hidden() {
                    EventKind::Hidden
                } else {
                    EventKind::Visible
                });
            })
        });
        Observers {
            _visibility: visibility,
            long_tasks: long_task_observer(&recorder),
            recorder,
        }
    }

    /// Records the long tasks the browser has measured but not yet delivered.
    ///
    /// Long-task entries arrive asynchronously, after the task; taking them here keeps the one that
    /// ends a blocking run in its trace.
    pub fn flush(&self) {
        if let Some((observer, _)) = &self.long_tasks {
            record_entries(&self.recorder, observer.take_records());
        }
    }
}

impl Drop for Observers {
    fn drop(&mut self) {
        // Disconnect before the closure goes, or the browser would call a dropped closure.
        if let Some((observer, _)) = &self.long_tasks {
            observer.disconnect();
        }
    }
}

/// A `PerformanceObserver` for `longtask` entries, where the browser has one (Chromium does).
fn long_task_observer(recorder: &Recorder) -> Option<LongTaskObserver> {
    let rec = recorder.clone();
    let closure = Closure::<dyn FnMut(PerformanceObserverEntryList)>::new(
        move |list: PerformanceObserverEntryList| {
            record_entries(&rec, list.get_entries());
        },
    );
    let observer = PerformanceObserver::new(closure.as_ref().unchecked_ref()).ok()?;
    let types = js_sys::Array::of1(&"longtask".into());
    observer.observe(&PerformanceObserverInit::new(&types));
    Some((observer, closure))
}

fn record_entries(recorder: &Recorder, entries: js_sys::Array) {
    for entry in entries.iter() {
        if let Ok(entry) = entry.dyn_into::<PerformanceEntry>() {
            recorder.record_at(
                entry.start_time(),
                EventKind::LongTask {
                    duration: entry.duration(),
                },
            );
        }
    }
}
