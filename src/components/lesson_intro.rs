//! The lesson's title, concept, story and "try this" prompt.

use yew::prelude::*;

use crate::model::Lesson;

/// Properties of [`LessonIntro`].
#[derive(Properties, PartialEq)]
pub struct LessonIntroProps {
    /// The lesson to introduce.
    pub lesson: std::rc::Rc<Lesson>,
}

/// Tells the lesson's story.
#[function_component]
pub fn LessonIntro(props: &LessonIntroProps) -> Html {
    let lesson = &props.lesson;
    html! {
        <section class="lesson-intro" aria-labelledby="lesson-title">
            <p class="concept" title={ lesson.concept.summary() }>{ lesson.concept.label() }</p>
            <h2 id="lesson-title">{ &lesson.recipe.title }</h2>
            <p class="story">{ &lesson.recipe.story }</p>
            <p class="try-this"><strong>{ "Try this: " }</strong>{ lesson.try_this }</p>
        </section>
    }
}
