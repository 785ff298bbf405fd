//! The exercises panel: each of the lesson's questions, the learner's answer to the one open, **Lock
//! in and run**, then the verdict part by part and why, from the run that judged it.
//!
//! This folder renders [`Quiz`] and sends the learner's intent up: `answer` draws the answers of each
//! kind, this file the panel and the verdict. It judges nothing and starts no run; the App locks the
//! answer in and runs the recipe when asked.

mod answer;

use std::rc::Rc;

use yew::prelude::*;

use super::stage::code_text;
use crate::model::Mode;
use crate::model::exercise::attempt::NotReady;
use crate::model::exercise::{Exercise, Question};
use crate::model::recipe::Unit;
use crate::state::QuizAction;
use crate::state::quiz::{Blocked, Quiz};

/// How many sentences of an explanation are shown; the rest are counted.
const TOLD: usize = 24;

/// Properties of [`Exercises`].
#[derive(Properties, PartialEq, Clone)]
pub struct ExercisesProps {
    /// The exercises and the learner's attempts.
    pub quiz: Rc<Quiz>,
    /// The recipe's unit, for totals.
    pub unit: Unit,
    /// The mode the controls have chosen, which judges exercises that name none.
    pub mode: Mode,
    /// Whether the editor holds something else than what was opened.
    pub edited: bool,
    /// Whether the editor's recipe parses.
    pub parses: bool,
    /// Whether a run is in progress.
    pub running: bool,
    /// The learner answered, moved a line, picked a choice, chose an exercise or started again.
    pub on_action: Callback<QuizAction>,
    /// Lock the open exercise in and run (or run a locked answer that still waits for its run).
    pub on_lock: Callback<()>,
    /// Put the opened recipe back in the editor.
    pub on_reset_recipe: Callback<()>,
    /// Put this recipe text in the editor and show it: a "make it" exercise's starting point.
    pub on_start_from: Callback<String>,
    /// Step through the run that judged the open exercise, in this mode.
    pub on_show: Callback<Mode>,
}

/// Every exercise as a heading that opens it; the open one with its answer, lock and verdict.
#[function_component]
pub fn Exercises(props: &ExercisesProps) -> Html {
    let quiz = &props.quiz;
    if quiz.exercises.is_empty() {
        return html! {
            <p class="exercise-none">{ "This recipe asks no exercises. A recipe's text can ask its own: see the README's `exercise` headers." }</p>
        };
    }
    let count = quiz.exercises.len();
    // A verdict arrives below the answer, perhaps below the drawer's fold: bring it into view.
    let panel = use_node_ref();
    {
        let panel = panel.clone();
        use_effect_with(quiz.verdicts, move |_| {
            let verdict = panel.cast::<web_sys::Element>().and_then(|p| {
                p.query_selector("[data-testid=exercise-verdict]")
                    .ok()
                    .flatten()
            });
            if let Some(verdict) = verdict {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                verdict.scroll_into_view_with_scroll_into_view_options(&options);
            }
        });
    }
    // The question drawn open is asked from now on: until its answer is locked in, the page hides
    // the prediction that would answer it, with this drawer open or closed (`state::conceal`).
    {
        let on_action = props.on_action.clone();
        use_effect_with((quiz.current, quiz.exercises.clone()), move |(n, _)| {
            on_action.emit(QuizAction::Pose(*n));
        });
    }
    html! {
        <section class="exercises" aria-label="Exercises" ref={ panel }>
            { for quiz.exercises.iter().enumerate().map(|(n, exercise)| {
                let open = n == quiz.current;
                let mark = match quiz.correct(n) {
                    Some(true) => "✓ ",
                    Some(false) => "✗ ",
                    None => "",
                };
                let choose = props.on_action.reform(move |_: MouseEvent| QuizAction::Choose(n));
                html! {
                    <article class={ if open { "exercise open" } else { "exercise" } }
                             data-testid="exercise" data-kind={ exercise.kind() }>
                        <h3 class="exercise-head">
                            <button class="exercise-title" aria-expanded={ open.to_string() } onclick={ choose }>
                                <span class="exercise-count">{ format!("{mark}{} of {count} · {}", n + 1, kind_words(exercise)) }</span>
                                { exercise.prompt.text() }
                            </button>
                        </h3>
                        if open {
                            { body(props) }
                        }
                    </article>
                }
            }) }
        </section>
    }
}

/// The open exercise's answer, lock and verdict.
fn body(props: &ExercisesProps) -> Html {
    let quiz = &props.quiz;
    let Some((exercise, attempt)) = quiz.shown() else {
        return html! {};
    };
    let at = quiz.current;
    let mode = quiz.mode_for(props.mode);
    let waiting = quiz.waiting.is_some_and(|(n, _)| n == at);
    let blocked = quiz.can_lock(props.edited, props.parses);
    let make_it = matches!(exercise.question, Question::MakeIt { .. });
    let label = if props.running {
        "Running…".to_owned()
    } else if waiting {
        format!("Run to check ({})", mode.label())
    } else if make_it {
        format!("Lock in and run your recipe ({})", mode.label())
    } else {
        format!("Lock in and run ({})", mode.label())
    };
    let can = !props.running && (waiting || blocked.is_ok());
    let hint = match blocked {
        _ if waiting || attempt.verdict.is_some() => html! {},
        Err(Blocked::Edited) => html! {
            <span class="exercise-hint">
                { "You changed the recipe; this question is about the lesson's own. " }
                <button class="link" onclick={ props.on_reset_recipe.reform(|_| ()) }>{ "Put it back" }</button>
            </span>
        },
        Err(Blocked::NotReady(NotReady::NoTotal)) => hint("Write your answer first."),
        Err(Blocked::NotReady(NotReady::NoChoice)) => hint(match exercise.question {
            Question::StateAt { .. } | Question::FirstCallback { .. } => "Pick one.",
            _ => "Pick at least one.",
        }),
        Err(Blocked::Broken) => hint("Your recipe has mistakes: fix them to run it."),
        Err(Blocked::Locked) | Ok(()) => hint("Your answer cannot change once the run starts."),
    };
    html! {
        <div class="exercise-body">
            <div class="exercise-answer-col">
            <answer::AnswerView
                key={ attempt.attempts }
                exercise={ exercise.clone() }
                attempt={ attempt.clone() }
                unit={ props.unit }
                subject={ quiz.subjects.get(at).cloned() }
                on_action={ props.on_action.clone() }
                on_start_from={ props.on_start_from.clone() }
            />
            if attempt.verdict.is_none() {
                <p class="exercise-actions">
                    <button data-testid="exercise-lock" disabled={ !can } onclick={ props.on_lock.reform(|_| ()) }>
                        { label }
                    </button>
                    { hint }
                </p>
            }
            </div>
            <div class="exercise-result-col">{ verdict(props) }</div>
        </div>
    }
}

fn hint(text: &'static str) -> Html {
    html! { <span class="exercise-hint">{ text }</span> }
}

/// The verdict of the open exercise, why, and what to do next.
fn verdict(props: &ExercisesProps) -> Html {
    let quiz = &props.quiz;
    let at = quiz.current;
    let Some((_, attempt)) = quiz.shown() else {
        return html! {};
    };
    let Some(verdict) = &attempt.verdict else {
        return html! {};
    };
    let judged = quiz.judged[at].as_ref();
    let told: &[String] = judged.map_or(&[], |j| &j.told);
    let more = told.len().saturating_sub(TOLD);
    let shown_in = judged.map(|j| j.mode);
    html! {
        <>
            <div class={ if verdict.correct { "verdict right" } else { "verdict wrong" } }
                 data-testid="exercise-verdict" data-correct={ verdict.correct.to_string() } role="status">
                <p class="verdict-head">{ if verdict.correct { "✓ Right" } else { "✗ Not this time" } }</p>
                <ul>
                    { for verdict.parts.iter().map(|p| html! {
                        <li class={ if p.correct { "right" } else { "wrong" } }>{ code_text(&p.text) }</li>
                    }) }
                </ul>
            </div>
            <p class="exercise-actions">
                <button class="secondary" data-testid="exercise-retry"
                        onclick={ props.on_action.reform(|_| QuizAction::TryAgain) }>{ "Try again" }</button>
                if let Some(mode) = shown_in {
                    <button class="secondary" data-testid="exercise-show"
                            onclick={ props.on_show.reform(move |_| mode) }>{ "Show me, step by step" }</button>
                }
                <span class="exercise-hint">{ format!("Answers judged: {}", attempt.attempts) }</span>
            </p>
            if !told.is_empty() {
                <div class="explain" data-testid="exercise-explain">
                    <p class="explain-head">{ "What the run did:" }</p>
                    <ol>
                        { for told.iter().take(TOLD).map(|s| html! { <li>{ code_text(s) }</li> }) }
                    </ol>
                    if more > 0 {
                        <p class="explain-more">{ format!("… and {more} more moments: step through them on the stage.") }</p>
                    }
                </div>
            }
        </>
    }
}

/// The kind of an exercise, for the learner.
fn kind_words(exercise: &Exercise) -> &'static str {
    match exercise.question {
        Question::Order { .. } => "predict the order",
        Question::Total { .. } => "predict the time",
        Question::Change { .. } => "which change?",
        Question::MakeIt { .. } => "make it",
        Question::States { .. } => "count the states",
        Question::StateAt { .. } => "which state?",
        Question::FirstCallback { .. } => "which callback first?",
    }
}
