//! The lesson's title, concept, story and "try this" prompt, or a custom recipe's title and story.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::{Lesson, Recipe};

/// Properties of [`LessonIntro`].
#[derive(Properties, PartialEq)]
pub struct LessonIntroProps {
    /// The lesson to introduce, or `None` for a recipe that came without one.
    pub lesson: Option<Rc<Lesson>>,
    /// The recipe in the editor, when it parses: its title and story win over the lesson's once edited.
    pub recipe: Option<Rc<Recipe>>,
}

/// Tells the lesson's story.
#[function_component]
pub fn LessonIntro(props: &LessonIntroProps) -> Html {
    let lesson = props.lesson.as_deref();
    let recipe = props.recipe.as_deref().or(lesson.map(|l| &l.recipe));
    let title = recipe.map_or("Your recipe", |r| r.title.as_str());
    let story = recipe.map_or("", |r| r.story.as_str());
    html! {
        <section class="lesson-intro" aria-labelledby="lesson-title">
            if let Some(lesson) = lesson {
                <p class="concept" title={ lesson.concept.summary() }>{ lesson.concept.label() }</p>
            } else {
                <p class="concept">{ "Your own recipe" }</p>
            }
            <h2 id="lesson-title">{ title }</h2>
            if !story.is_empty() {
                <p class="story">{ story }</p>
            }
            if let Some(lesson) = lesson {
                <p class="try-this"><strong>{ "Try this: " }</strong>{ lesson.try_this }</p>
            }
        </section>
    }
}
