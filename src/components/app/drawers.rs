//! The lesson bar and its drawers: the lesson's name and concept, the tabs (Story, Exercises,
//! Recipe), and the drawer a tab opens above the controls, which Escape closes.
//!
//! Which drawer is open is the page's own view state (a `use_state` in the App), not the kitchen's:
//! it changes no run and is never saved.

use std::rc::Rc;

use yew::prelude::*;

use super::running::Runner;
use crate::components::editor::PythonSource;
use crate::components::lazy::{Editor, Exercises};
use crate::components::lesson_intro::LessonIntro;
use crate::components::store::{KitchenHandle, act};
use crate::model::exercise::Question;
use crate::model::replay::play::Speed;
use crate::model::{Lesson, Recipe, text};
use crate::state::{Action, Opening, StageAction, Staged};
use crate::web;

/// What the drawer above the controls shows, if it is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Drawer {
    /// The lesson's story and what to try.
    Story,
    /// The recipe editor.
    Recipe,
    /// The lesson's exercises.
    Exercises,
}

/// A callback that opens `which` drawer, or closes it if it is the open one.
pub fn toggle<E: 'static>(drawer: &UseStateHandle<Option<Drawer>>, which: Drawer) -> Callback<E> {
    let drawer = drawer.clone();
    Callback::from(move |_| {
        drawer.set(if *drawer == Some(which) {
            None
        } else {
            Some(which)
        })
    })
}

/// Closes the open drawer on Escape while the focus is in it or on its tab, the focus going back
/// to the tab (a press outside leaves it open: it is part of the page, not over it).
#[hook]
pub fn use_drawer_escape(drawer: &UseStateHandle<Option<Drawer>>) {
    let handle = drawer.clone();
    use_effect_with(**drawer, move |&open| {
        let tab = match open {
            Some(Drawer::Story) => Some("show-story"),
            Some(Drawer::Exercises) => Some("show-exercises"),
            Some(Drawer::Recipe) => Some("show-recipe"),
            None => None,
        };
        let close = move || handle.set(None);
        let listeners = tab.and_then(|tab| web::drawer::listen(("drawer", tab), false, close));
        move || drop(listeners)
    });
}

/// The lesson's concept and title, a tab per drawer (no recipe in an embedded lesson), and `tools`
/// after the tabs (the full page's Share link and Embed).
pub fn lesson_bar(
    kitchen: &KitchenHandle,
    lesson: Option<&Rc<Lesson>>,
    title: &str,
    drawer: &UseStateHandle<Option<Drawer>>,
    embed: bool,
    tools: Html,
) -> Html {
    let tab = |which: Drawer, testid: &'static str, label: &str| {
        let open = **drawer == Some(which);
        html! {
            <button class={ if open { "drawer-tab open" } else { "drawer-tab" } } id={ testid } data-testid={ testid }
                    aria-expanded={ open.to_string() } aria-controls="drawer"
                    onclick={ toggle::<MouseEvent>(drawer, which) }>
                { label }
            </button>
        }
    };
    let quiz = &kitchen.quiz;
    let solved = (0..quiz.exercises.len())
        .filter(|&n| quiz.correct(n) == Some(true))
        .count();
    let exercises_label = format!("Exercises {solved}/{}", quiz.exercises.len());
    html! {
        <div class="lesson-bar">
            <div class="lesson-name">
                if let Some(lesson) = lesson {
                    <p class="concept" title={ lesson.concept.summary() }>{ lesson.concept.label() }</p>
                } else {
                    <p class="concept">{ "Your own recipe" }</p>
                }
                <h2 id="lesson-title">{ title.to_owned() }</h2>
            </div>
            <div class="drawer-tabs">
                { tab(Drawer::Story, "show-story", "Story") }
                if !quiz.exercises.is_empty() {
                    { tab(Drawer::Exercises, "show-exercises", &exercises_label) }
                }
                if !embed {
                    { tab(Drawer::Recipe, "show-recipe", "Recipe") }
                }
            </div>
            { tools }
        </div>
    }
}

/// The open drawer: the story, the editor, or the exercises (with the editor beside a "make it"
/// exercise, which is answered in it).
pub fn drawer_body(
    kitchen: &KitchenHandle,
    drawer: &UseStateHandle<Option<Drawer>>,
    runner: &Runner,
    lesson: Option<Rc<Lesson>>,
    recipe: Option<Rc<Recipe>>,
) -> Html {
    let d = kitchen.dispatcher();
    // The Recipe drawer's editor offers the learner's Python beside the recipe (`sources`); a
    // "make it" exercise is answered in the recipe alone.
    let editor = |sources: bool| {
        let python = sources.then(|| PythonSource {
            chosen: kitchen.source,
            lead: kitchen.lead,
            written: kitchen.written.clone(),
            python_draft: kitchen.python_draft.clone(),
            rust_draft: kitchen.rust_draft.clone(),
            recipe: recipe.clone(),
            mode: kitchen.mode,
            cooks: kitchen.cook_plan().count,
            ms_per_second: kitchen.program_scale(),
            cores: kitchen.cores,
            on_source: act(d.clone(), |source| Action::Open(Opening::Source(source))),
            on_written: act(d.clone(), |w| Action::Open(Opening::Written(w))),
            on_lead: act(d.clone(), |source| Action::Open(Opening::Lead(source))),
        });
        html! {
            <Editor
                text={ AttrValue::from(kitchen.text.clone()) }
                errors={ kitchen.parsed.clone().err().unwrap_or_default() }
                edited={ kitchen.edited() }
                on_edit={ act(d.clone(), |text| Action::Open(Opening::Edit(text))) }
                on_reset={ act(d.clone(), |()| Action::Open(Opening::Reset)) }
                {python}
            />
        }
    };
    match **drawer {
        Some(Drawer::Story) => html! {
            <div id="drawer" class="drawer">
                <LessonIntro {lesson} {recipe} />
            </div>
        },
        Some(Drawer::Recipe) => html! {
            <div id="drawer" class="drawer">{ editor(true) }</div>
        },
        Some(Drawer::Exercises) => {
            let quiz = &kitchen.quiz;
            let make_it = quiz
                .shown()
                .is_some_and(|(e, _)| matches!(e.question, Question::MakeIt { .. }));
            // *Show me* closes the drawer and steps through the judging run from its start.
            let on_show = {
                let (d, drawer) = (d.clone(), drawer.clone());
                Callback::from(move |mode| {
                    drawer.set(None);
                    d.dispatch(Action::Stage(StageAction::Show(Staged::Run(mode))));
                    d.dispatch(Action::Stage(StageAction::ToStop(0)));
                    d.dispatch(Action::Stage(StageAction::Play(Some(Speed::StopPerSecond))));
                })
            };
            html! {
                <div id="drawer" class="drawer">
                    <Exercises
                        quiz={ quiz.clone() }
                        unit={ quiz.subjects.get(quiz.current).map_or(text::DEFAULT_UNIT, |r| r.unit) }
                        mode={ kitchen.mode }
                        edited={ kitchen.edited() }
                        parses={ kitchen.parsed.is_ok() }
                        running={ kitchen.running.is_some() }
                        on_action={ act(d.clone(), Action::Quiz) }
                        on_lock={ runner.lock.clone() }
                        on_reset_recipe={ act(d.clone(), |()| Action::Open(Opening::Reset)) }
                        on_start_from={ act(d.clone(), |text| Action::Open(Opening::Edit(text))) }
                        {on_show}
                    />
                    if make_it {
                        { editor(false) }
                    }
                </div>
            }
        }
        None => html! {},
    }
}
