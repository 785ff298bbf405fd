//! The console: a run's prints in the order they happened, stamped with their times.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::format::Fixed;
use crate::model::run::RunResult;

/// Properties of [`Console`].
#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    /// The run whose prints are shown, if there is one.
    pub result: Option<Rc<RunResult>>,
    /// The order the tutorial prints its lines in, when that order is the lesson.
    #[prop_or_default]
    pub expected: &'static [&'static str],
    /// How many lines had been printed at the stage's cursor; later lines are dimmed.
    #[prop_or_default]
    pub printed: Option<usize>,
    /// Whether an open exercise asks what this prediction prints (or when): its lines are then
    /// hidden until the answer is locked in.
    #[prop_or_default]
    pub conceal: bool,
}

/// The prints as a terminal would show them, with the time each was printed in the recipe's unit.
#[function_component]
pub fn Console(props: &ConsoleProps) -> Html {
    let Some(result) = props.result.as_deref() else {
        return html! {
            <section class="console" aria-label="Console">
                <h3>{ "Console" }</h3>
                <p class="empty">{ "Run the recipe: its prints appear here, in the order they happen." }</p>
            </section>
        };
    };
    let recipe = &result.recipe;
    let lines = &result.timeline.console;
    let printed: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    let order_matches = !props.expected.is_empty() && !result.live && printed == props.expected;
    html! {
        <section class="console" aria-label="Console">
            <h3>{ format!("Console — {}", result.label().to_ascii_lowercase()) }</h3>
            if props.conceal && result.predicted {
                <p class="empty" data-testid="console-hidden">
                    { "The prediction's lines are hidden until you lock in your answer: run it to see them." }
                </p>
            } else if lines.is_empty() {
                <p class="empty">
                    { if result.live { "Nothing printed yet." } else { "This run printed nothing." } }
                </p>
            } else {
                // A scrolling region when there are many lines: focusable, so keyboard users can scroll it.
                <ol class="console-lines" data-testid="console" tabindex="0" aria-label="Printed lines">
                    { for lines.iter().enumerate().map(|(i, line)| html! {
                        <li class={ props.printed.is_some_and(|p| i >= p).then_some("later") }>
                            <span class="at">
                                { format!("{:>7} {}", Fixed(recipe.units(line.at), 2).to_string(), recipe.unit.symbol()) }
                            </span>
                            <span class="who">{ recipe_name(result, line.task) }</span>
                            <span class="text">{ &line.text }</span>
                        </li>
                    }) }
                </ol>
            }
            if !props.expected.is_empty() && !result.live {
                <p class={ if order_matches { "order same" } else { "order different" } }>
                    { if order_matches {
                        "Same order as the tutorial's output.".to_owned()
                    } else {
                        format!("The tutorial prints: {}", props.expected.join(", "))
                    } }
                </p>
            }
        </section>
    }
}

/// The name of a task instance's lane, or a placeholder if the trace names one the recipe lacks.
fn recipe_name(result: &RunResult, task: usize) -> String {
    result
        .timeline
        .lanes
        .get(task)
        .map_or_else(|| format!("task {task}"), |lane| lane.name.clone())
}
