//! The event loop panel as a node of the page: `kitchen_views::loop_panel`'s words for the loop's
//! state at the cursor, inside a section that stays one element from render to render.

use std::rc::Rc;

use yew::prelude::*;

use super::super::lazy::Ways;
use super::use_code;
use kitchen_model::Way;
use kitchen_model::code::Language;
use kitchen_model::format::{Fixed, Times};
use kitchen_model::replay::{LoopState, time_words};
use kitchen_model::run::RunResult;
use kitchen_views::loop_panel;

/// Properties of [`LoopPanel`].
#[derive(Properties)]
pub struct LoopPanelProps {
    /// The run on the stage.
    pub result: Rc<RunResult>,
    /// The loop's state at the cursor.
    pub state: Rc<LoopState>,
    /// The language whose names the panel uses (`join_all`'s queue or asyncio's ready queue).
    pub language: Language,
    /// How the panel writes times: in the lesson's unit only while presenting.
    #[prop_or_default]
    pub times: Times,
    /// The ways' chunk and the way the code is shown in, while it is shown as callbacks or state
    /// machines (and the chunk is here): the panel ends with the lens, where each task is in
    /// that code.
    #[prop_or_default]
    pub ways: Option<(Ways, Way)>,
}

impl PartialEq for LoopPanelProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.result, &other.result)
            && Rc::ptr_eq(&self.state, &other.state)
            && self.language == other.language
            && self.times == other.times
            && self.ways == other.ways
    }
}

/// The loop at the cursor, in five parts.
#[function_component]
pub fn LoopPanel(props: &LoopPanelProps) -> Html {
    let view = use_code(&props.result, props.language);
    let state = &props.state;
    let at = state.cursor.at;
    let when = props.times.apply(time_words(&props.result.recipe, at));
    // A threads run's panel comes with the threads' chunk, which ran it.
    let threads = super::super::lazy::COOKS
        .now()
        .filter(|_| props.result.mode.threaded());
    let mut m = match threads {
        Some(cooks) => (cooks.threads_panel)(&props.result, state, &view),
        None => loop_panel::write(&props.result, state, &view, props.language),
    };
    let what = if threads.is_some() {
        "The threads"
    } else {
        "The event loop"
    };
    if let Some((ways, way)) = props.ways {
        m.append((ways.lens)(
            &props.result,
            state.cursor,
            way,
            props.language,
        ));
    }
    // The section itself stays one element from render to render, so that what holds it (a
    // screen reader's place, a test's locator) keeps it while its contents are written anew.
    html! {
        <section class="loop-panel" data-testid="loop-panel" data-at={ Fixed(at, 3).to_string() }
                 aria-label={ format!("{what} at {when}") }>
            // As `components::markup::into_html` puts it, less the milliseconds' parentheses while
            // presenting: taking out text made of digits and ` ms` leaves the escaped markup whole.
            { Html::from_html_unchecked(AttrValue::from(props.times.apply(m.into_string()))) }
        </section>
    }
}
