//! The lesson library: every shipped lesson, grouped by the concept it teaches.

use yew::prelude::*;

use crate::model::{Concept, Lesson};

/// Properties of [`Library`].
#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    /// Every lesson, in the library's order.
    pub lessons: std::rc::Rc<Vec<Lesson>>,
    /// The id of the lesson on screen, if a lesson is.
    #[prop_or_default]
    pub current: Option<&'static str>,
    /// Opens the lesson with this id.
    pub on_open: Callback<&'static str>,
}

/// A navigation list of lessons under their concept headings; the open one is marked as current.
#[function_component]
pub fn Library(props: &LibraryProps) -> Html {
    html! {
        <nav class="library" aria-label="Lessons">
            <h2 class="library-title">{ "Lessons" }</h2>
            { for Concept::ALL.iter().map(|&concept| {
                let lessons: Vec<&Lesson> =
                    props.lessons.iter().filter(|l| l.concept == concept).collect();
                html! {
                    <section class="concept-group">
                        <h3 title={ concept.summary() }>{ concept.label() }</h3>
                        <ul>
                            { for lessons.into_iter().map(|lesson| {
                                let id = lesson.id;
                                let on_open = props.on_open.clone();
                                let current = props.current == Some(id);
                                html! {
                                    <li>
                                        <button
                                            class={if current { "lesson-link current" } else { "lesson-link" }}
                                            aria-current={ current.then_some("page") }
                                            data-testid={ format!("lesson-{id}") }
                                            title={ lesson.try_this }
                                            onclick={ Callback::from(move |_| on_open.emit(id)) }
                                        >
                                            { &lesson.recipe.title }
                                        </button>
                                    </li>
                                }
                            }) }
                        </ul>
                    </section>
                }
            }) }
        </nav>
    }
}
