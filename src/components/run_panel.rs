//! The recipe at a glance and the buttons that run it.

use std::rc::Rc;

use yew::prelude::*;

use super::format;
use crate::model::{Lesson, Mode, Recipe};
use crate::runtime;

/// Properties of [`RunPanel`].
#[derive(Properties, PartialEq)]
pub struct RunPanelProps {
    /// The lesson whose recipe runs.
    pub lesson: Rc<Lesson>,
    /// The modes offered, in order.
    pub modes: Vec<Mode>,
    /// The mode running now, if any; every button is disabled meanwhile.
    pub running: Option<Mode>,
    /// Why the last run was refused, if it was.
    #[prop_or_default]
    pub notice: Option<String>,
    /// Asks for a run of the given mode.
    pub on_run: Callback<Mode>,
}

/// Shows the recipe's tasks and one run button per mode, with what each mode will do to the page.
#[function_component]
pub fn RunPanel(props: &RunPanelProps) -> Html {
    let recipe = &props.lesson.recipe;
    // The blocking mode's announced freeze is the prediction's longest hold of the thread, which is
    // also what the runtime checks against its cap.
    let freeze_ms = runtime::expected_freeze_ms(recipe, Mode::Blocking);
    html! {
        <section class="run-panel" aria-label="Recipe and run controls">
            <RecipeCard recipe={recipe.clone()} />
            <div class="run-buttons">
                { for props.modes.iter().map(|&mode| {
                    let on_run = props.on_run.clone();
                    let note = format!("The page will freeze for about {:.1} s.", freeze_ms / 1000.0);
                    html! {
                        <div class="run-choice">
                            <button
                                class={classes!("run", mode.id())}
                                data-testid={format!("run-{}", mode.id())}
                                disabled={props.running.is_some()}
                                onclick={Callback::from(move |_| on_run.emit(mode))}
                            >
                                { format!("Run {}", mode.label().to_lowercase()) }
                            </button>
                            <p class="mode-explanation">{ mode.explanation() }</p>
                            <p class="mode-note">{ if mode.freezes_page() { note } else { String::new() } }</p>
                        </div>
                    }
                }) }
            </div>
            <p class="status" role="status" aria-live="polite" data-testid="status">
                { props.notice.clone().unwrap_or_else(|| status(props.running, freeze_ms)) }
            </p>
        </section>
    }
}

fn status(running: Option<Mode>, freeze_ms: f64) -> String {
    match running {
        Some(mode) if mode.freezes_page() => format!(
            "Running {}: the page is frozen for about {}. Nothing on it can move until the run ends.",
            mode.label().to_lowercase(),
            format::millis(freeze_ms)
        ),
        Some(mode) => format!("Running {}…", mode.label().to_lowercase()),
        None => String::new(),
    }
}

/// Properties of [`RecipeCard`].
#[derive(Properties, PartialEq)]
struct RecipeCardProps {
    recipe: Recipe,
}

/// Lists each task's steps in plain words.
#[function_component]
fn RecipeCard(props: &RecipeCardProps) -> Html {
    let recipe = &props.recipe;
    html! {
        <dl class="recipe-card">
            { for recipe.tasks.iter().map(|task| html! {
                <>
                    <dt>{ &task.name }</dt>
                    <dd>
                        <ol>
                            { for task.steps.iter().map(|step| html! {
                                <li>{ step.describe(recipe.unit) }</li>
                            }) }
                        </ol>
                    </dd>
                </>
            }) }
        </dl>
    }
}
