//! The lesson library: every shipped lesson, grouped by the concept it teaches, each with a mark of
//! the learner's progress through its exercises.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::Concept;
use crate::model::exercise::progress::Mark;
use crate::model::lesson::{CATALOG, Entry};

/// Properties of [`Library`].
#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    /// The id of the lesson on screen, if a lesson is.
    #[prop_or_default]
    pub current: Option<&'static str>,
    /// Each lesson's progress mark, in the library's order ([`CATALOG`]).
    pub marks: Rc<Vec<Mark>>,
    /// Opens the lesson with this id.
    pub on_open: Callback<&'static str>,
    /// Forgets the progress through every lesson.
    pub on_reset_progress: Callback<()>,
}

/// A navigation list of lessons under their concept headings; the open one is marked as current.
#[function_component]
pub fn Library(props: &LibraryProps) -> Html {
    // Forgetting every lesson's progress takes a second click, so that it is never an accident.
    let confirming = use_state(|| false);
    let any = props.marks.iter().any(|m| m.attempts > 0);
    let reset = {
        let (confirming, on_reset) = (confirming.clone(), props.on_reset_progress.clone());
        Callback::from(move |_: MouseEvent| {
            if *confirming {
                on_reset.emit(());
            }
            confirming.set(!*confirming);
        })
    };
    html! {
        <nav class="library" id="library" aria-label="Lessons">
            <h2 class="library-title">{ "Lessons" }</h2>
            { for Concept::ALL.iter().map(|&concept| {
                let lessons: Vec<(&Entry, Mark)> = CATALOG
                    .iter()
                    .zip(props.marks.iter().copied().chain(std::iter::repeat(Mark::default())))
                    .filter(|(l, _)| l.concept == concept)
                    .collect();
                html! {
                    <section class="concept-group">
                        <h3 title={ concept.summary() }>{ concept.label() }</h3>
                        <ul>
                            { for lessons.into_iter().map(|(lesson, mark)| {
                                let id = lesson.id;
                                let on_open = props.on_open.clone();
                                let current = props.current == Some(id);
                                html! {
                                    <li>
                                        <button
                                            class={if current { "lesson-link current" } else { "lesson-link" }}
                                            aria-current={ current.then_some("page") }
                                            data-testid={ format!("lesson-{id}") }
                                            onclick={ Callback::from(move |_| on_open.emit(id)) }
                                        >
                                            { lesson.title }
                                            if mark.attempts > 0 {
                                                { progress_mark(id, mark) }
                                            }
                                        </button>
                                    </li>
                                }
                            }) }
                        </ul>
                    </section>
                }
            }) }
            if any {
                <p class="progress-reset">
                    <button class="link" data-testid="progress-reset" onclick={ reset }>
                        { if *confirming { "Click again to forget every lesson's progress" } else { "Reset progress" } }
                    </button>
                </p>
            }
        </nav>
    }
}

/// A lesson's mark: ✓ when every exercise is solved, else how many are.
fn progress_mark(id: &str, mark: Mark) -> Html {
    let words = format!(
        "{} of {} exercises solved, {} answers judged",
        mark.solved, mark.of, mark.attempts
    );
    html! {
        <span class={ if mark.complete() { "progress done" } else { "progress" } }
              data-testid={ format!("progress-{id}") } title={ words.clone() }>
            <span aria-hidden="true">
                { if mark.complete() { "✓".to_owned() } else { format!("{}/{}", mark.solved, mark.of) } }
            </span>
            <span class="sr-only">{ format!(" ({words})") }</span>
        </span>
    }
}
