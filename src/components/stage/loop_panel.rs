//! The event loop panel: the loop's state at the cursor — the thread, the ready queue, the timers,
//! the suspended tasks with their await chains, and what is done.
//!
//! This component renders one [`LoopState`] and nothing else: the stage asks the run's replay for
//! the state at the cursor, once per cursor, and this words it. Long lists are cut to a few entries and
//! counted ("… and 9 998 more"), so a hundred thousand tasks draw as fast as three. Every entry of
//! the ready, timer and suspended lists is an `li` whose text starts with the task's lane name.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::state::RunResult;
use crate::model::code::{self, CodeView, Language};
use crate::model::format::{self, Fixed};
use crate::model::replay::{Awaiting, LoopState, Narrator, Thread, Why, time_words};
use crate::model::{Activity, Mode, Recipe, StepId};

/// Properties of [`LoopPanel`].
#[derive(Properties)]
pub struct LoopPanelProps {
    /// The run on the stage.
    pub result: Rc<RunResult>,
    /// The loop's state at the cursor.
    pub state: Rc<LoopState>,
    /// The language whose names the panel uses (`join_all`'s queue or asyncio's ready queue).
    pub language: Language,
}

impl PartialEq for LoopPanelProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.result, &other.result)
            && Rc::ptr_eq(&self.state, &other.state)
            && self.language == other.language
    }
}

/// The loop at the cursor, in five parts.
#[function_component]
pub fn LoopPanel(props: &LoopPanelProps) -> Html {
    let view = use_memo(
        (
            props.result.recipe.clone(),
            props.result.mode,
            props.language,
        ),
        |(recipe, mode, language)| code::code(recipe, *mode, *language),
    );
    let state = &props.state;
    let result = &props.result;
    let recipe: &Recipe = &result.recipe;
    let words = Words {
        recipe,
        view: &view,
        narrator: Narrator::new(&result.replay, recipe, &view),
    };
    let at = state.cursor.at;
    html! {
        <section class="loop-panel" data-testid="loop-panel" data-at={Fixed(at, 3).to_string()}
                 aria-label={format!("The event loop at {}", time_words(recipe, at))}>
            <h3 class="loop-title">
                { "Event loop" }
                <span class="loop-at">{ format!(" at {}", time_words(recipe, at)) }</span>
            </h3>
            { thread(&words, state, at) }
            if !state.cooks.is_empty() {
                { cooks(&words, state) }
            }
            { ready(&words, state, props.language, result.mode) }
            { timers(&words, state) }
            { suspended(&words, state) }
            { done(&words, state, result.mode) }
        </section>
    }
}

/// What the parts need to put things into words.
struct Words<'a> {
    recipe: &'a Recipe,
    view: &'a CodeView,
    narrator: Narrator<'a>,
}

impl Words<'_> {
    fn name(&self, task: usize) -> String {
        self.narrator.name(task)
    }

    fn when(&self, ms: f64) -> String {
        time_words(self.recipe, ms)
    }

    /// A step's statement and label, as code and words: `` `sleep(45).await` (bake in the oven) ``.
    fn step(&self, step: Option<StepId>) -> Html {
        let Some(step) = step else {
            return html! {};
        };
        let label = self
            .recipe
            .step(step)
            .and_then(|s| s.label.clone())
            .map(|l| format!(" ({l})"));
        html! {
            <>
                { " " }
                if let Some(code) = self.view.statement_of(step) {
                    <code>{ code.trim_end_matches(';') }</code>
                }
                { label }
            </>
        }
    }
}

fn thread(w: &Words<'_>, state: &LoopState, at: f64) -> Html {
    let body = match &state.thread {
        Thread::Idle => {
            let why = if !state.cooks.is_empty() {
                "the cooks do the work on threads of their own; the page only sends them tasks \
                 and hears back."
                    .to_owned()
            } else if state.ready.total > 0 {
                "between polls: the executor is about to poll the next ready task.".to_owned()
            } else if let Some(t) = state.timers.items.first() {
                format!(
                    "nothing is ready; the loop sleeps until the next timer, at {}.",
                    w.when(t.due)
                )
            } else if state.not_started.total > 0 {
                "main has not handed the next task over yet.".to_owned()
            } else if state.done.total == state.tasks {
                "every task is done.".to_owned()
            } else {
                "nothing is ready, and no timer is armed.".to_owned()
            };
            html! { <p class="idle"><strong>{ "Idle" }</strong>{ format!(": {why}") }</p> }
        }
        Thread::Held {
            task,
            chain,
            activity,
            since,
        } => {
            let doing = match activity {
                Some(Activity::Work) => "working (it holds the thread)",
                Some(Activity::Sleep) => "blocked: sleeping while it holds the thread",
                _ => "being polled",
            };
            let elapsed = at - since;
            html! {
                <p class={ if *activity == Some(Activity::Sleep) { "held blocked" } else { "held" } }>
                    <strong>{ w.name(*task) }</strong>
                    { w.step(chain.last().copied()) }
                    <span class="loop-note">
                        { format!(" — {doing}, for {} so far.", w.when(elapsed.max(0.0)).split(" (").next().unwrap_or("")) }
                    </span>
                </p>
            }
        }
    };
    let heading = if state.cooks.is_empty() {
        "On the thread"
    } else {
        "On the page's thread"
    };
    html! {
        <div class="loop-part loop-thread" data-testid="loop-thread">
            <h4>{ heading }</h4>
            { body }
        </div>
    }
}

/// The cooks' threads, in the processes mode: who each is working on, or that it is starting.
fn cooks(w: &Words<'_>, state: &LoopState) -> Html {
    let items = state.cooks.iter().enumerate().map(|(n, cook)| {
        let body = match &cook.thread {
            _ if cook.starting => html! {
                <span class="loop-note">{ " — starting: its Web Worker loads its code" }</span>
            },
            Thread::Idle => html! { <span class="loop-note">{ " — idle" }</span> },
            Thread::Held {
                task,
                chain,
                activity,
                ..
            } => {
                let doing = match activity {
                    Some(Activity::Work) => "working",
                    Some(Activity::Sleep) => "sleeping while it holds its thread",
                    _ => "polling",
                };
                html! {
                    <>
                        { format!(" — {}", w.name(*task)) }
                        { w.step(chain.last().copied()) }
                        <span class="loop-note">{ format!(", {doing}") }</span>
                    </>
                }
            }
        };
        html! { <li><strong>{ format!("cook {}", n + 1) }</strong>{ body }</li> }
    });
    html! {
        <div class="loop-part loop-cooks" data-testid="loop-cooks">
            <h4>{ "Cooks" }<span class="loop-count">{ format!(" {}", state.cooks.len()) }</span></h4>
            <ul>{ for items }</ul>
        </div>
    }
}

fn ready(w: &Words<'_>, state: &LoopState, language: Language, mode: Mode) -> Html {
    let queue = match (language, mode) {
        (Language::Python, _) => "asyncio's ready queue, in the order the loop runs them",
        (Language::Rust, Mode::Spawn) => {
            "spawned tasks on the microtask queue, in the order they run"
        }
        (Language::Rust, _) => "woken tasks, in the order the executor polls them",
    };
    let items = state.ready.items.iter().map(|r| {
        let why = match r.why {
            Why::Handed => "handed over by main, not polled yet".to_owned(),
            Why::Woken => "woken, waiting for the thread".to_owned(),
            Why::Overdue(due) => format!(
                "its timer came due at {}, but the thread is busy, so the callback waits",
                w.when(due)
            ),
            Why::Queued => "queued in the pool, waiting for a free cook".to_owned(),
            Why::Sent(cook) => format!("sent to cook {}, the message on its way", cook + 1),
        };
        html! {
            <li>
                <strong>{ w.name(r.task) }</strong>
                <span class="loop-note">{ format!(" — {why}") }</span>
            </li>
        }
    });
    part(
        "loop-ready",
        "Ready queue",
        queue,
        state.ready.total,
        state.ready.more(),
        html! { <ol>{ for items }</ol> },
        "empty: nobody waits for the thread",
    )
}

fn timers(w: &Words<'_>, state: &LoopState) -> Html {
    let items = state.timers.items.iter().map(|t| {
        let left = w.when(t.left);
        let left = left.split(" (").next().unwrap_or("");
        let timeout = if t.sharing > 1 {
            format!(
                "timeout {} (shared by {})",
                t.timeout,
                format::count(t.sharing)
            )
        } else {
            format!("timeout {}", t.timeout)
        };
        html! {
            <li>
                <strong>{ w.name(t.task) }</strong>
                { format!(" — due at {}, {left} left", w.when(t.due)) }
                <span class="loop-note">{ format!("; {timeout};") }</span>
                { w.step(t.step) }
            </li>
        }
    });
    part(
        "loop-timers",
        "Timers",
        "armed, soonest first; sleeps due together share one browser timeout",
        state.timers.total,
        state.timers.more(),
        html! { <ol>{ for items }</ol> },
        "none armed",
    )
}

fn suspended(w: &Words<'_>, state: &LoopState) -> Html {
    let items = state.suspended.items.iter().map(|s| {
        let links = s.chain.iter().map(|&step| {
            html! { <>{ " awaits" }{ w.step(Some(step)) }</> }
        });
        let on = match s.on {
            Awaiting::Timer(_) => " — its timer",
            Awaiting::Unknown => "",
        };
        html! {
            <li>
                <strong>{ w.name(s.task) }</strong>
                { for links }
                <span class="loop-note">{ on }</span>
            </li>
        }
    });
    part(
        "loop-suspended",
        "Suspended",
        "each awaits something; it costs the thread nothing meanwhile",
        state.suspended.total,
        state.suspended.more(),
        html! { <ul>{ for items }</ul> },
        "nobody is waiting",
    )
}

fn done(w: &Words<'_>, state: &LoopState, mode: Mode) -> Html {
    let names: Vec<String> = state.done.items.iter().map(|&t| w.name(t)).collect();
    let not_started: Vec<String> = state.not_started.items.iter().map(|&t| w.name(t)).collect();
    let count = format!(
        "{} of {} done",
        format::count(state.done.total),
        format::count(state.tasks)
    );
    let later = match mode {
        Mode::Blocking => "main calls them one after another",
        Mode::Sequential => "main awaits them one after another",
        _ => "main has not reached them",
    };
    html! {
        <div class="loop-part loop-done" data-testid="loop-done">
            <h4>{ "Done" }<span class="loop-count">{ format!(" {}", count.trim_end_matches(" done")) }</span></h4>
            if names.is_empty() {
                <p class="empty">{ "nothing has finished yet" }</p>
            } else {
                <p>{ summed(&names, state.done.more()) }</p>
            }
            if !not_started.is_empty() {
                <p class="loop-note">
                    { format!("Not started yet ({later}): {}", summed(&not_started, state.not_started.more())) }
                </p>
            }
        </div>
    }
}

/// One part of the panel: a heading with its count, its list or a word for an empty one, and the
/// entries left out.
fn part(
    testid: &'static str,
    title: &'static str,
    explain: &'static str,
    total: usize,
    more: usize,
    list: Html,
    empty: &'static str,
) -> Html {
    html! {
        <div class={ format!("loop-part {testid}") } data-testid={ testid }>
            <h4 title={ explain }>
                { title }
                <span class="loop-count">{ format!(" {}", format::count(total)) }</span>
                <span class="sr-only">{ format!(": {explain}") }</span>
            </h4>
            if total == 0 {
                <p class="empty">{ empty }</p>
            } else {
                { list }
                if more > 0 {
                    <p class="loop-more">{ format!("… and {} more", format::count(more)) }</p>
                }
            }
        </div>
    }
}

/// "cake, groceries … and 99 998 more".
fn summed(names: &[String], more: usize) -> String {
    let shown = names.join(", ");
    if more > 0 {
        format!("{shown} … and {} more", format::count(more))
    } else {
        shown
    }
}
