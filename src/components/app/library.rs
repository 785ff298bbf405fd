//! The full page's frame: the masthead with its Lessons toggle, and the lesson library beside the
//! lesson (a drawer on a small screen), each lesson marked with the learner's progress.
//!
//! Whether the library is open is this view's own state; which lesson opens, with the learner's
//! draft, is the App's.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::library::Library;
use crate::model::exercise::progress::{Mark, Progress};
use crate::model::{Lesson, lesson};

/// Properties of [`LibraryLayout`].
#[derive(Properties, PartialEq)]
pub struct LibraryLayoutProps {
    /// The id of the lesson on screen, if a lesson is.
    pub current: Option<&'static str>,
    /// The learner's progress through every lesson's exercises.
    pub progress: Rc<Progress>,
    /// Opens this lesson.
    pub on_open: Callback<Lesson>,
    /// Forgets the progress through every lesson.
    pub on_reset_progress: Callback<()>,
    /// The lesson itself, beside the library.
    pub children: Html,
}

/// The masthead, the library and the lesson beside it.
#[function_component]
pub fn LibraryLayout(props: &LibraryLayoutProps) -> Html {
    let lessons = use_memo((), |()| lesson::all());
    // How many exercises each lesson asks, for the library's marks.
    let counts = use_memo(lessons.clone(), |lessons| {
        lessons
            .iter()
            .map(|l| (l.id, lesson::exercises::of(l).len()))
            .collect::<Vec<_>>()
    });
    let marks: Rc<Vec<Mark>> = Rc::new(
        counts
            .iter()
            .map(|&(id, of)| props.progress.mark(id, of))
            .collect(),
    );
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    // The library's own list, rather than building every lesson again on each click.
    let on_open = {
        let (open, lessons, on_open) = (open.clone(), lessons.clone(), props.on_open.clone());
        Callback::from(move |id: &'static str| {
            open.set(false);
            if let Some(lesson) = lessons.iter().find(|l| l.id == id) {
                on_open.emit(lesson.clone());
            }
        })
    };
    html! {
        <>
            <header class="masthead">
                <button class="secondary lessons-toggle" data-testid="lessons-toggle"
                        aria-expanded={ open.to_string() } aria-controls="library"
                        onclick={ toggle }>
                    { "☰ Lessons" }
                </button>
                <h1>{ "Async Kitchen" }</h1>
                <p class="tagline">{ "One cook, one thread: real Rust futures on your browser's event loop." }</p>
            </header>
            <div class={ if *open { "layout library-open" } else { "layout" } }>
                <Library
                    { lessons }
                    current={ props.current }
                    { marks }
                    { on_open }
                    on_reset_progress={ props.on_reset_progress.clone() }
                />
                { props.children.clone() }
            </div>
        </>
    }
}
