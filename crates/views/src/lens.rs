//! The lens, a part of the event loop panel shown while the code is written the callbacks or the
//! state machine way: each task's place in that code at the cursor. In the state machine way, the
//! variant of rustc's state machine its future is in (`Unresumed`, `Suspend0` …, `Returned`), which
//! `.await` of the async/await text that is, and what the variant holds; with Python's generators,
//! the `yield from` its frame is suspended at; as callbacks, which callback is registered and when
//! it fires. Every entry is an `li` with `data-testid="loop-state"`, `data-task` (the lane's name)
//! and `data-state` (the rustc name of the variant, whatever the way).
//!
//! This module words what [`Replay::future_state`](kitchen_model::replay::Replay::future_state)
//! reads, and nothing else. The page calls it only from its chunk of the ways, so the first look
//! holds none of it.

use kitchen_model::code::{CodeView, Language};
use kitchen_model::replay::machine::{FutureState, Holds, Variant};
use kitchen_model::replay::{Cursor, time_words};
use kitchen_model::run::RunResult;
use kitchen_model::{Recipe, Way};

use crate::markup::Markup;

/// How many tasks the lens lists; the rest are counted, as the panel's other lists are.
const SHOWN: usize = 8;

/// The lens for `result` at `cursor`, its code written `way` in `language` (`shown`), its variants
/// numbered by the `.await`s of the async/await Rust (`async_rust`), as rustc numbers them.
pub fn write(
    result: &RunResult,
    cursor: Cursor,
    way: Way,
    language: Language,
    async_rust: &CodeView,
    shown: &CodeView,
) -> Markup {
    let recipe = &result.recipe;
    let tasks: usize = recipe.tasks.iter().map(|t| t.copies.max(1) as usize).sum();
    let title = match (way, language) {
        (Way::Callbacks, _) => "Callbacks",
        (_, Language::Rust) => "State machines",
        (_, Language::Python) => "Generators",
    };
    let mut m = Markup::new();
    m.tag("<div class=\"loop-part lens\" data-testid=\"lens\"><h4>")
        .text(title)
        .tag("</h4><ul>");
    for task in 0..tasks.min(SHOWN) {
        let Some(state) = result.replay.future_state(task, cursor, async_rust) else {
            continue;
        };
        let name = recipe.name_of(task);
        let variant = state.variant.to_string();
        let line = words(&state, way, language, async_rust, shown, recipe);
        m.tag("<li data-testid=\"loop-state\" data-task=\"")
            .text(&name)
            .tag("\" data-state=\"")
            .text(&variant)
            .tag("\" title=\"")
            .text(&line.replace('`', ""))
            .tag("\">")
            .text(&name)
            .tag(" <code class=\"variant\">")
            .text(&variant)
            .tag("</code> ");
        code_text(&mut m, &line);
        m.tag("</li>");
    }
    if tasks > SHOWN {
        m.tag("<li class=\"loop-more\">… and ")
            .text(&kitchen_model::format::count(tasks - SHOWN))
            .tag(" more</li>");
    }
    m.tag("</ul></div>");
    m
}

/// The narration's sentence on how a task moved through the code's states at stop `stop`, if one
/// did there (a poll that returned `Pending` or `Ready`): in the state machine way, "cake's future
/// moved from `Unresumed` to `Suspend0` at `sleep(45).await`: it now holds a timer, due at 60 min";
/// with Python's generators and as callbacks, where the task is now, in the lens's words.
pub fn moved(
    result: &RunResult,
    stop: usize,
    way: Way,
    language: Language,
    async_rust: &CodeView,
    shown: &CodeView,
) -> Option<String> {
    use kitchen_model::replay::StopKind;
    let replay = &result.replay;
    let task = match replay.stops().get(stop)?.kind {
        StopKind::Suspended { task } | StopKind::Returned { task } => task,
        _ => return None,
    };
    let recipe = &result.recipe;
    let name = recipe.name_of(task);
    if (way, language) == (Way::StateMachine, Language::Rust) {
        return replay.moved(task, stop, async_rust, recipe, &name);
    }
    let now = replay.future_state(task, replay.at_stop(stop), async_rust)?;
    let before = replay.future_state(task, replay.at_stop(stop.checked_sub(1)?), async_rust)?;
    if now.variant == before.variant {
        return None;
    }
    let said = words(&now, way, language, async_rust, shown, recipe);
    Some(match (way, now.variant) {
        (Way::Callbacks, Variant::Returned) => format!("{name} has finished: it called back."),
        (Way::Callbacks, _) => format!("For {name}, {said}."),
        _ => format!(
            "{} generator is now {said}.",
            kitchen_model::format::possessive(&name)
        ),
    })
}

/// `text` with the parts between backticks as code.
fn code_text(m: &mut Markup, text: &str) {
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            m.tag("<code>").text(part).tag("</code>");
        } else {
            m.text(part);
        }
    }
}

/// What a task's state is in the way its code is written, with code between backticks.
fn words(
    state: &FutureState,
    way: Way,
    language: Language,
    async_rust: &CodeView,
    shown: &CodeView,
    recipe: &Recipe,
) -> String {
    let quote = |view: &CodeView| {
        state
            .at
            .and_then(|step| view.statement_of(step))
            .map(|s| {
                // A callback's opening line, `Timeout::new(ms(45), move || {`, quoted whole:
                // `Timeout::new(ms(45), …)`.
                match s.strip_suffix("move || {") {
                    Some(call) => format!("`{call}…)`"),
                    None => format!("`{}`", s.trim_end_matches(';')),
                }
            })
            .unwrap_or_default()
    };
    // What the variant holds, as the way's code would say it.
    let holds = match (&state.holds, way, language) {
        (Holds::Timer(due), Way::Callbacks, _) => {
            format!(": it fires at {}", time_words(recipe, *due))
        }
        (Holds::Timer(due), _, Language::Rust) => {
            format!(": it holds the timer, due at {}", time_words(recipe, *due))
        }
        (Holds::Timer(due), _, Language::Python) => {
            format!(": its timer is due at {}", time_words(recipe, *due))
        }
        (Holds::Future(_), Way::Callbacks, _) => ": it waits to be called back".to_owned(),
        (Holds::Future(inner), _, Language::Rust) => {
            format!(
                ": it holds the future it awaits, itself in `{}`",
                inner.variant
            )
        }
        (Holds::Future(_), _, Language::Python) => {
            ": inside the generator it runs with yield from".to_owned()
        }
        (Holds::Yield, _, _) => ": it gave the loop back, and goes on at its next turn".to_owned(),
        (Holds::Nothing, _, _) => String::new(),
    };
    // A poll in progress: the thread runs the task's code from where the variant left it.
    if state.polled {
        return match (state.variant, way, language) {
            (Variant::Suspend(_), Way::Callbacks, _) => {
                format!("running: called back after {}", quote(shown))
            }
            (_, Way::Callbacks, _) => "running: it was called".to_owned(),
            (Variant::Suspend(_), _, Language::Rust) => format!(
                "being polled: it goes on from {} until its next `.await`",
                quote(async_rust)
            ),
            (Variant::Suspend(_), _, Language::Python) => {
                format!("running: it goes on from {}", quote(shown))
            }
            (_, _, Language::Rust) => {
                "being polled for the first time: it runs until its first `.await`".to_owned()
            }
            (_, _, Language::Python) => "running: started by the scheduler".to_owned(),
        };
    }
    match (state.variant, way, language) {
        (Variant::Unresumed, Way::Callbacks, _) => "not started".to_owned(),
        (Variant::Unresumed, _, Language::Rust) => "made, not yet polled".to_owned(),
        (Variant::Unresumed, _, Language::Python) => "made, not yet started".to_owned(),
        (Variant::Returned, Way::Callbacks, _) => "finished: it called back".to_owned(),
        (Variant::Returned, _, Language::Rust) => {
            "returned: polling it again would panic".to_owned()
        }
        (Variant::Returned, _, Language::Python) => "finished: it raised StopIteration".to_owned(),
        (Variant::Suspend(_), Way::Callbacks, _) => {
            format!("the rest is registered by {}{holds}", quote(shown))
        }
        (Variant::Suspend(_), _, Language::Rust) => {
            format!("at {} of the async/await text{holds}", quote(async_rust))
        }
        (Variant::Suspend(_), _, Language::Python) => {
            format!("suspended at {}{holds}", quote(shown))
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use expect_test::{Expect, expect};
    use kitchen_model::code::{code, code_in_way};
    use kitchen_model::run::RunResult;
    use kitchen_model::{Mode, lesson, predict};

    use super::*;

    /// The cake lesson's recipe and its gather, predicted.
    fn cake_gather() -> (Recipe, RunResult) {
        let lessons = lesson::all();
        let recipe = lessons
            .iter()
            .find(|l| l.id == "cake")
            .expect("cake")
            .recipe
            .clone();
        let trace = predict::predict(&recipe, Mode::Gather);
        let result = RunResult::new(std::rc::Rc::new(recipe.clone()), Mode::Gather, trace, false);
        (recipe, result)
    }

    /// The cake's gather, predicted, at `at` ms, its lens in `way` and `language` as text.
    fn check(at: f64, way: Way, language: Language, expect: Expect) {
        let (recipe, result) = cake_gather();
        // Past the run's end, the cursor rests on its last stop.
        let cursor = if at > result.replay.last().at {
            result.replay.last()
        } else {
            result.replay.seek(at)
        };
        let async_rust = code(&recipe, Mode::Gather, Language::Rust);
        let shown = code_in_way(&recipe, Mode::Gather, language, way);
        let m = write(&result, cursor, way, language, &async_rust, &shown).into_string();
        expect.assert_eq(&m.replace("<li", "\n<li").replace("</ul>", "\n</ul>"));
    }

    #[test]
    fn the_narration_says_how_the_cakes_future_moved() {
        let (recipe, result) = cake_gather();
        let async_rust = code(&recipe, Mode::Gather, Language::Rust);
        let said = |way, language| {
            let shown = code_in_way(&recipe, Mode::Gather, language, way);
            (0..result.replay.stops().len())
                .filter_map(|stop| moved(&result, stop, way, language, &async_rust, &shown))
                .collect::<Vec<_>>()
                .join("\n")
        };
        expect![[r#"
            cake's future moved from `Unresumed` to `Suspend0` at `sleep(45).await`: it now holds a timer, due at 60 min (1 200 ms).
            groceries' future moved from `Unresumed` to `Returned`: its value is given to whoever awaits it, and polling it again would panic.
            cake's future moved from `Suspend0` to `Returned`: its value is given to whoever awaits it, and polling it again would panic."#]].assert_eq(&said(Way::StateMachine, Language::Rust));
        expect![[r#"
            cake's generator is now suspended at `yield from sleep(45)`: its timer is due at 60 min (1 200 ms).
            groceries' generator is now finished: it raised StopIteration.
            cake's generator is now finished: it raised StopIteration."#]].assert_eq(&said(Way::StateMachine, Language::Python));
        expect![[r#"
            For cake, the rest is registered by `loop.call_later(45, then)`: it fires at 60 min (1 200 ms).
            groceries has finished: it called back.
            cake has finished: it called back."#]].assert_eq(&said(Way::Callbacks, Language::Python));
    }

    #[test]
    fn the_cake_at_20_min_is_in_suspend0_holding_the_oven_and_returned_after_60() {
        check(
            400.0,
            Way::StateMachine,
            Language::Rust,
            expect![[r#"
            <div class="loop-part lens" data-testid="lens"><h4>State machines</h4><ul>
            <li data-testid="loop-state" data-task="cake" data-state="Suspend0" title="at sleep(45).await of the async/await text: it holds the timer, due at 60 min (1 200 ms)">cake <code class="variant">Suspend0</code> at <code>sleep(45).await</code> of the async/await text: it holds the timer, due at 60 min (1 200 ms)</li>
            <li data-testid="loop-state" data-task="groceries" data-state="Unresumed" title="being polled for the first time: it runs until its first .await">groceries <code class="variant">Unresumed</code> being polled for the first time: it runs until its first <code>.await</code></li>
            </ul></div>"#]],
        );
        check(
            f64::INFINITY,
            Way::StateMachine,
            Language::Rust,
            expect![[r#"
            <div class="loop-part lens" data-testid="lens"><h4>State machines</h4><ul>
            <li data-testid="loop-state" data-task="cake" data-state="Returned" title="returned: polling it again would panic">cake <code class="variant">Returned</code> returned: polling it again would panic</li>
            <li data-testid="loop-state" data-task="groceries" data-state="Returned" title="returned: polling it again would panic">groceries <code class="variant">Returned</code> returned: polling it again would panic</li>
            </ul></div>"#]],
        );
        check(
            400.0,
            Way::StateMachine,
            Language::Python,
            expect![[r#"
            <div class="loop-part lens" data-testid="lens"><h4>Generators</h4><ul>
            <li data-testid="loop-state" data-task="cake" data-state="Suspend0" title="suspended at yield from sleep(45): its timer is due at 60 min (1 200 ms)">cake <code class="variant">Suspend0</code> suspended at <code>yield from sleep(45)</code>: its timer is due at 60 min (1 200 ms)</li>
            <li data-testid="loop-state" data-task="groceries" data-state="Unresumed" title="running: started by the scheduler">groceries <code class="variant">Unresumed</code> running: started by the scheduler</li>
            </ul></div>"#]],
        );
        check(
            400.0,
            Way::Callbacks,
            Language::Python,
            expect![[r#"
            <div class="loop-part lens" data-testid="lens"><h4>Callbacks</h4><ul>
            <li data-testid="loop-state" data-task="cake" data-state="Suspend0" title="the rest is registered by loop.call_later(45, then): it fires at 60 min (1 200 ms)">cake <code class="variant">Suspend0</code> the rest is registered by <code>loop.call_later(45, then)</code>: it fires at 60 min (1 200 ms)</li>
            <li data-testid="loop-state" data-task="groceries" data-state="Unresumed" title="running: it was called">groceries <code class="variant">Unresumed</code> running: it was called</li>
            </ul></div>"#]],
        );
        check(
            400.0,
            Way::Callbacks,
            Language::Rust,
            expect![[r#"
            <div class="loop-part lens" data-testid="lens"><h4>Callbacks</h4><ul>
            <li data-testid="loop-state" data-task="cake" data-state="Suspend0" title="the rest is registered by Timeout::new(ms(45), …): it fires at 60 min (1 200 ms)">cake <code class="variant">Suspend0</code> the rest is registered by <code>Timeout::new(ms(45), …)</code>: it fires at 60 min (1 200 ms)</li>
            <li data-testid="loop-state" data-task="groceries" data-state="Unresumed" title="running: it was called">groceries <code class="variant">Unresumed</code> running: it was called</li>
            </ul></div>"#]],
        );
        check(
            0.0,
            Way::Callbacks,
            Language::Rust,
            expect![[r#"
            <div class="loop-part lens" data-testid="lens"><h4>Callbacks</h4><ul>
            <li data-testid="loop-state" data-task="cake" data-state="Unresumed" title="not started">cake <code class="variant">Unresumed</code> not started</li>
            <li data-testid="loop-state" data-task="groceries" data-state="Unresumed" title="not started">groceries <code class="variant">Unresumed</code> not started</li>
            </ul></div>"#]],
        );
    }
}
