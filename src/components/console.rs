//! The console: a run's prints in the order they happened, stamped with their times.

use std::rc::Rc;

use yew::prelude::*;

use super::blocks::{BLOCK_LINES, Block, Lines};

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
    let Some(shared) = props.result.as_ref() else {
        return html! {
            <section class="console" aria-label="Console">
                <h3>{ "Console" }</h3>
                <p class="empty">{ "Run the recipe: its prints appear here, in the order they happen." }</p>
            </section>
        };
    };
    let result = &**shared;
    let lines = &result.timeline.console;
    // Compared in place: the console may hold thousands of lines, redrawn at every key press.
    let order_matches = !props.expected.is_empty()
        && !result.live
        && lines
            .iter()
            .map(|l| l.text.as_str())
            .eq(props.expected.iter().copied());
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
                <div class="console-lines" data-testid="console" role="list" tabindex="0" aria-label="Printed lines">
                    { for (0..lines.len()).step_by(BLOCK_LINES).map(|first| {
                        let range = first..(first + BLOCK_LINES).min(lines.len());
                        // A block's lines from the cursor on are dimmed: that boundary, within it.
                        let later = props.printed.map(|p| p.clamp(first, range.end) - first);
                        let skip = lines.len() > BLOCK_LINES;
                        html! { <Lines key={ first } block={ Block::Console { result: shared.clone(), range, later } } {skip} /> }
                    }) }
                </div>
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
