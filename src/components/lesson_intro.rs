//! The lesson's story and "try this" prompt, or a custom recipe's story (the title and concept are
//! in the lesson bar above).

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
        // A scrolling region when the story is long: focusable, so that keyboard users can scroll it.
        <section class="lesson-intro" aria-label={ format!("The story of {title}") } tabindex="0">
            if story.is_empty() {
                <p class="story empty">{ "This recipe tells no story: its title and steps are all there is." }</p>
            } else {
                <p class="story">{ story }</p>
            }
            if let Some(lesson) = lesson {
                <p class="try-this"><strong>{ "Try this: " }</strong>{ lesson.try_this }</p>
            }
        </section>
    }
}
