//! The learner's answer to one exercise, drawn by kind: lines to put in order (drag them, or move
//! them with buttons, which the keyboard reaches), a total or a count of states to type, edits to
//! pick, a state to pick, or a recipe to edit.

use wasm_bindgen::JsCast;
use web_sys::{DragEvent, HtmlElement, HtmlInputElement};
use yew::prelude::*;

use crate::model::exercise::attempt::{Answer, Attempt};
use crate::model::exercise::{Exercise, Question};
use crate::model::recipe::Unit;
use crate::model::text;
use crate::state::QuizAction;

/// Properties of [`AnswerView`].
#[derive(Properties, PartialEq)]
pub struct AnswerProps {
    /// The exercise.
    pub exercise: Exercise,
    /// The learner's attempt at it.
    pub attempt: Attempt,
    /// The recipe's unit, for totals.
    pub unit: Unit,
    /// The recipe the exercise is about, for its tasks' names.
    #[prop_or_default]
    pub subject: Option<std::rc::Rc<crate::model::Recipe>>,
    /// The learner changed the answer.
    pub on_action: Callback<QuizAction>,
    /// Put this recipe text in the editor.
    pub on_start_from: Callback<String>,
}

/// The answer, by kind of question; every kind is inside one `exercise-answer`.
#[function_component]
pub fn AnswerView(props: &AnswerProps) -> Html {
    let typed = use_state(String::new);
    let list = use_node_ref();
    // After a line moves, the focus follows it: the button pressed, on the line's new place.
    let focus = use_state(|| None::<(usize, &'static str)>);
    {
        let list = list.clone();
        use_effect_with(*focus, move |focus| {
            if let (Some((line, which)), Some(list)) = (focus, list.cast::<HtmlElement>()) {
                let selector = format!("li:nth-child({}) [data-testid={which}]", line + 1);
                if let Ok(Some(button)) = list.query_selector(&selector)
                    && let Ok(button) = button.dyn_into::<HtmlElement>()
                {
                    let _ = button.focus();
                }
            }
        });
    }
    let locked = props.attempt.locked;
    match (&props.exercise.question, &props.attempt.answer) {
        (Question::Order { .. }, Answer::Order(lines)) => {
            let last = lines.len().saturating_sub(1);
            let moved = |line: usize, up: bool| {
                let (on_action, focus) = (props.on_action.clone(), focus.clone());
                Callback::from(move |_: MouseEvent| {
                    let to = if up { line - 1 } else { line + 1 };
                    on_action.emit(QuizAction::Move(line, up));
                    // At an edge the button that moved it is disabled: the other one takes focus.
                    let which = match (up, to) {
                        (true, 0) => "move-down",
                        (false, t) if t == last => "move-up",
                        (true, _) => "move-up",
                        (false, _) => "move-down",
                    };
                    focus.set(Some((to, which)));
                })
            };
            html! {
                <ol class="order-answer" data-testid="exercise-answer" ref={ list }
                    aria-label="Your order: first line at the top">
                    { for lines.iter().enumerate().map(|(n, line)| {
                        let on_action = props.on_action.clone();
                        let dropped = Callback::from(move |e: DragEvent| {
                            e.prevent_default();
                            let from = e.data_transfer().and_then(|d| d.get_data("text/plain").ok());
                            if let Some(from) = from.and_then(|f| f.parse::<usize>().ok()) {
                                on_action.emit(QuizAction::Place(from, n));
                            }
                        });
                        html! {
                            <li draggable={ (!locked).to_string() }
                                ondragstart={ Callback::from(move |e: DragEvent| {
                                    if let Some(data) = e.data_transfer() {
                                        let _ = data.set_data("text/plain", &n.to_string());
                                    }
                                }) }
                                ondragover={ Callback::from(|e: DragEvent| e.prevent_default()) }
                                ondrop={ dropped }>
                                <span class="order-line">{ line }</span>
                                <button class="icon" data-testid="move-up" disabled={ locked || n == 0 }
                                        aria-label={ format!("Move line {} up", n + 1) } onclick={ moved(n, true) }>{ "↑" }</button>
                                <button class="icon" data-testid="move-down" disabled={ locked || n == last }
                                        aria-label={ format!("Move line {} down", n + 1) } onclick={ moved(n, false) }>{ "↓" }</button>
                            </li>
                        }
                    }) }
                </ol>
            }
        }
        (Question::Total { .. }, Answer::Total(total)) => number(
            Number {
                typed: &typed,
                locked,
                answered: total.is_some(),
                inputmode: "decimal",
                size: "8",
                suffix: format!(" {}", props.unit.symbol()),
                hint: "Write a number, such as 12 or 2.5.",
            },
            props.on_action.reform(|v: String| {
                QuizAction::Answer(Answer::Total(text::decimal(
                    v.trim().replace(',', ".").as_str(),
                )))
            }),
        ),
        (Question::States { .. }, Answer::Count(count)) => number(
            Number {
                typed: &typed,
                locked,
                answered: count.is_some(),
                inputmode: "numeric",
                size: "4",
                suffix: " states".to_owned(),
                hint: "Write a whole number, such as 3.",
            },
            props
                .on_action
                .reform(|v: String| QuizAction::Answer(Answer::Count(v.trim().parse().ok()))),
        ),
        (Question::StateAt { choices, .. }, Answer::Pick(picked)) => pick_one(
            "Pick the state:",
            "state-at",
            choices
                .iter()
                .map(|state| html! { <code>{ state.to_string() }</code> }),
            *picked,
            locked,
            &props.on_action,
        ),
        (Question::FirstCallback { choices, .. }, Answer::Pick(picked)) => pick_one(
            "Pick the task whose callback is called first:",
            "first-callback",
            choices.iter().map(|&task| {
                html! { props.subject.as_ref().map(|r| r.name_of(task)).unwrap_or_default() }
            }),
            *picked,
            locked,
            &props.on_action,
        ),
        (Question::Change { choices, .. }, Answer::Choices(picked)) => html! {
            <fieldset class="choice-answer" data-testid="exercise-answer" disabled={ locked }>
                <legend>{ "Pick every change that works:" }</legend>
                { for choices.iter().enumerate().map(|(n, choice)| html! {
                    <label>
                        <input type="checkbox" checked={ picked.contains(&n) }
                               onchange={ props.on_action.reform(move |_| QuizAction::Toggle(n)) } />
                        { &choice.label }
                    </label>
                }) }
            </fieldset>
        },
        (Question::MakeIt { start, .. }, _) => {
            let start = start.as_ref().map(text::print);
            html! {
                <div class="make-it-answer" data-testid="exercise-answer">
                    <p>{ "Edit the recipe below, then lock in: the page runs your recipe and checks it." }</p>
                    if let Some(start) = start {
                        if !locked {
                            <button class="secondary" data-testid="exercise-start"
                                    onclick={ props.on_start_from.reform(move |_| start.clone()) }>
                                { "Put the starting recipe in the editor" }
                            </button>
                        }
                    }
                </div>
            }
        }
        _ => html! {},
    }
}

/// A number typed as the answer: the text as typed (kept so that a half-written number stays in
/// the field), whether it reads as an answer, and the words around the field.
struct Number<'a> {
    typed: &'a UseStateHandle<String>,
    locked: bool,
    answered: bool,
    inputmode: &'static str,
    size: &'static str,
    suffix: String,
    hint: &'static str,
}

/// A text field for a number, which sends each edit as typed to `on_typed`, and says how to write
/// one while what is typed does not read.
fn number(n: Number<'_>, on_typed: Callback<String>) -> Html {
    let on_input = {
        let typed = n.typed.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                let value = input.value();
                typed.set(value.clone());
                on_typed.emit(value);
            }
        })
    };
    let unclear = !n.typed.trim().is_empty() && !n.answered;
    html! {
        <p class="total-answer" data-testid="exercise-answer">
            <label>
                { "Your answer: " }
                <input type="text" inputmode={ n.inputmode } size={ n.size } disabled={ n.locked }
                       value={ (**n.typed).clone() } oninput={ on_input }
                       aria-invalid={ unclear.to_string() } />
                { n.suffix }
            </label>
            if unclear {
                <span class="exercise-hint">{ n.hint }</span>
            }
        </p>
    }
}

/// One of `choices` to pick, as radio buttons named `group` under `legend`.
fn pick_one(
    legend: &'static str,
    group: &'static str,
    choices: impl Iterator<Item = Html>,
    picked: Option<usize>,
    locked: bool,
    on_action: &Callback<QuizAction>,
) -> Html {
    html! {
        <fieldset class="choice-answer" data-testid="exercise-answer" disabled={ locked }>
            <legend>{ legend }</legend>
            { for choices.enumerate().map(|(n, label)| html! {
                <label>
                    <input type="radio" name={ group } checked={ picked == Some(n) }
                           onchange={ on_action.reform(move |_| QuizAction::Answer(Answer::Pick(Some(n)))) } />
                    { label }
                </label>
            }) }
        </fieldset>
    }
}
