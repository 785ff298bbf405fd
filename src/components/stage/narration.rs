//! The narration: the sentence of the stop at the cursor, highlighted among its neighbours, and
//! announced to screen readers when the learner steps.
//!
//! Sentences come from [`Narrator`]; this component only asks for the few on screen, so a run of
//! a million stops costs no more to narrate than one of ten. It holds no state.

use std::rc::Rc;

use yew::prelude::*;

use super::super::lazy::Ways;
use super::{code_text, use_code};
use crate::model::Way;
use crate::model::code::Language;
use crate::model::format::Times;
use crate::model::replay::Cursor;
use crate::model::run::RunResult;

/// How many sentences before and after the current one are shown.
const BEFORE: usize = 1;
const AFTER: usize = 1;

/// Properties of [`Narration`].
#[derive(Properties)]
pub struct NarrationProps {
    /// The run on the stage.
    pub result: Rc<RunResult>,
    /// The instant shown.
    pub cursor: Cursor,
    /// The language whose code the sentences quote.
    pub language: Language,
    /// Whether the learner moved the cursor by hand, so that the new sentence is announced (while a
    /// run plays or grows, announcing every stop would drown a screen reader).
    pub announce: bool,
    /// Puts the cursor on a stop: a sentence is a button that goes to its moment.
    pub on_stop: Callback<usize>,
    /// How the sentences write times: in the lesson's unit only while presenting.
    #[prop_or_default]
    pub times: Times,
    /// The ways' chunk and the way the code is shown in, while it is shown as callbacks or state
    /// machines (and the chunk is here): a sentence says how a task moved through that code's
    /// states.
    #[prop_or_default]
    pub ways: Option<(Ways, Way)>,
}

impl PartialEq for NarrationProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.result, &other.result)
            && self.cursor == other.cursor
            && self.language == other.language
            && self.announce == other.announce
            && self.on_stop == other.on_stop
            && self.times == other.times
            && self.ways == other.ways
    }
}

/// The current stop's sentence among its neighbours.
#[function_component]
pub fn Narration(props: &NarrationProps) -> Html {
    let view = use_code(&props.result, props.language);
    let replay = &props.result.replay;
    let narrator = props.result.narrator(&view);
    let current = props.cursor.stop;
    let first = current.saturating_sub(BEFORE);
    let last = (current + AFTER).min(replay.stops().len() - 1);
    // In another way than async/await, a stop where a task's state changed says so too.
    let sentence_of = |i: usize| {
        let mut sentence = narrator.sentence(i);
        let more = props
            .ways
            .and_then(|(ways, way)| (ways.moved)(&props.result, i, way, props.language));
        if let Some(more) = more {
            sentence.push(' ');
            sentence.push_str(&more);
        }
        props.times.apply(sentence)
    };
    let sentence = sentence_of(current);
    let plain = sentence.replace('`', "");
    html! {
        <section class="narration" aria-label="What happens">
            <ol class="narration-list" start={ (first + 1).to_string() }>
                { for (first..=last).map(|i| {
                    let on_stop = props.on_stop.clone();
                    let text = if i == current { sentence.clone() } else { sentence_of(i) };
                    let is_current = i == current;
                    html! {
                        <li class={ if is_current { "current" } else { "" } }
                            data-testid={ is_current.then_some("narration") }
                            aria-current={ is_current.then_some("step") }>
                            <button class="sentence" onclick={ Callback::from(move |_| on_stop.emit(i)) }>
                                { code_text(&text) }
                            </button>
                        </li>
                    }
                }) }
            </ol>
            <p class="sr-only" aria-live="polite" aria-atomic="true" data-testid="narration-live">
                { if props.announce { plain } else { String::new() } }
            </p>
        </section>
    }
}
