//! The full page's frame: the masthead with its Lessons toggle and the Present switch, and the
//! lesson library beside the lesson (a drawer on a small screen, which Escape and a press outside
//! close), each lesson marked with the learner's progress.
//!
//! Whether the library is open is the page's own view state; which lesson opens, with the learner's
//! draft, is the App's.

use std::rc::Rc;

use yew::prelude::*;

use super::present::Present;
use crate::model::exercise::progress::{Mark, Progress};
use crate::model::lesson;
use crate::web;

/// Each lesson's mark of the learner's `progress`, in the library's order ([`lesson::CATALOG`]).
#[hook]
pub fn use_marks(progress: &Progress) -> Rc<Vec<Mark>> {
    Rc::new(
        lesson::CATALOG
            .iter()
            .map(|entry| progress.mark(entry.id, entry.exercises))
            .collect(),
    )
}

/// The masthead: the Lessons toggle for `open`, the page's name, its tagline and the Present switch,
/// a toggle button.
pub fn masthead(open: &UseStateHandle<bool>, present: &Present) -> Html {
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <header class="masthead">
            <button class="secondary lessons-toggle" id="lessons-toggle" data-testid="lessons-toggle"
                    aria-expanded={ open.to_string() } aria-controls="library"
                    onclick={ toggle }>
                { "☰ Lessons" }
            </button>
            <h1>{ "Async Kitchen" }</h1>
            <p class="tagline">{ "One cook, one thread: real Rust futures on your browser's event loop." }</p>
            <button class="secondary present-toggle" data-testid="present" aria-pressed={ present.on.to_string() }
                    title="For a projector: larger text, times in the lesson's unit only, no planned strips, the key beside the chart"
                    onclick={ present.toggle.clone() }>
                { "Present" }
            </button>
        </header>
    }
}

/// Closes the library's drawer, while it is open, on Escape (the focus going back to the Lessons
/// button) and on a press outside it, as a dialog closes.
#[hook]
pub fn use_library_dismiss(open: &UseStateHandle<bool>) {
    let handle = open.clone();
    use_effect_with(**open, move |&is_open| {
        let listeners = is_open
            .then(|| {
                let close = move || handle.set(false);
                web::drawer::listen(("library", "lessons-toggle"), true, close)
            })
            .flatten();
        move || drop(listeners)
    });
}
