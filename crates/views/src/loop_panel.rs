//! The event loop panel: the loop's state at the cursor — the thread, the ready queue, the timers,
//! the suspended tasks with their await chains, and what is done.
//!
//! This module words one [`LoopState`] and nothing else: the stage asks the run's replay for
//! the state at the cursor, once per cursor, and this words it. Long lists are cut to a few entries and
//! counted ("… and 9 998 more"), so a hundred thousand tasks draw as fast as three. Every entry of
//! the ready, timer and suspended lists is an `li` whose text starts with the task's lane name.
//!
//! The panel reads and never listens, so it is written as markup text ([`Markup`]) rather than
//! with `html!`: a fraction of the wasm, and the same elements.

use kitchen_model::code::{CodeView, Language};
use kitchen_model::format;
use kitchen_model::replay::{Awaiting, LoopState, Narrator, Thread, Why, time_words};
use kitchen_model::run::RunResult;
use kitchen_model::{Activity, Mode, Recipe, StepId};

use crate::markup::Markup;

mod threads;

/// The inside of the panel: the loop at the cursor, in five parts, for the run `result`, whose code
/// in `language` is `view`.
pub fn write(result: &RunResult, state: &LoopState, view: &CodeView, language: Language) -> Markup {
    let recipe: &Recipe = &result.recipe;
    let words = Words {
        recipe,
        view,
        narrator: result.narrator(view),
    };
    let at = state.cursor.at;
    let when = time_words(recipe, at);
    let mut m = Markup::new();
    m.tag(r#"<h3 class="loop-title">Event loop<span class="loop-at"> at "#)
        .text(&when)
        .tag("</span></h3>");
    thread(&mut m, &words, state, at);
    if !state.cooks.is_empty() {
        cooks(&mut m, &words, state);
    }
    ready(&mut m, &words, state, language, result.mode);
    timers(&mut m, &words, state);
    suspended(&mut m, &words, state);
    done(&mut m, &words, state, result.mode);
    m
}

/// The inside of the panel for a run in the threads modes: the threads panel
/// (`loop_panel::threads`). Only the threads modes' chunk calls it, so that the first look holds
/// none of it; without the chunk, [`write`] words such a run as it can.
pub fn write_threads(result: &RunResult, state: &LoopState, view: &CodeView) -> Markup {
    let recipe: &Recipe = &result.recipe;
    let words = Words {
        recipe,
        view,
        narrator: result.narrator(view),
    };
    let when = time_words(recipe, state.cursor.at);
    let mut m = Markup::new();
    threads::write(&mut m, result, state, &words, &when);
    m
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
    fn step(&self, m: &mut Markup, step: Option<StepId>) {
        let Some(step) = step else {
            return;
        };
        m.tag(" ");
        if let Some(code) = self.view.statement_of(step) {
            m.tag("<code>")
                .text(code.trim_end_matches(';'))
                .tag("</code>");
        }
        if let Some(label) = self.recipe.step(step).and_then(|s| s.label.as_deref()) {
            m.text(" (").text(label).text(")");
        }
    }

    /// `<strong>` the task's name `</strong>`.
    fn strong_name(&self, m: &mut Markup, task: usize) {
        m.tag("<strong>").text(&self.name(task)).tag("</strong>");
    }
}

/// `<span class="loop-note">` text `</span>`.
fn note(m: &mut Markup, text: &str) {
    m.tag(r#"<span class="loop-note">"#)
        .text(text)
        .tag("</span>");
}

fn thread(m: &mut Markup, w: &Words<'_>, state: &LoopState, at: f64) {
    let heading = if state.cooks.is_empty() {
        "On the thread"
    } else {
        "On the page's thread"
    };
    m.tag(r#"<div class="loop-part loop-thread" data-testid="loop-thread"><h4>"#)
        .tag(heading)
        .tag("</h4>");
    match &state.thread {
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
            m.tag(r#"<p class="idle"><strong>Idle</strong>: "#)
                .text(&why)
                .tag("</p>");
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
            let elapsed = w.when((at - since).max(0.0));
            let elapsed = elapsed.split(" (").next().unwrap_or("");
            m.tag(if *activity == Some(Activity::Sleep) {
                r#"<p class="held blocked">"#
            } else {
                r#"<p class="held">"#
            });
            w.strong_name(m, *task);
            w.step(m, chain.last().copied());
            note(m, &format!(" — {doing}, for {elapsed} so far."));
            m.tag("</p>");
        }
    }
    m.tag("</div>");
}

/// The cooks' threads, in the processes mode: who each is working on, or that it is starting.
fn cooks(m: &mut Markup, w: &Words<'_>, state: &LoopState) {
    m.tag(r#"<div class="loop-part loop-cooks" data-testid="loop-cooks"><h4>Cooks<span class="loop-count"> "#)
        .text(&state.cooks.len().to_string())
        .tag("</span></h4><ul>");
    for (n, cook) in state.cooks.iter().enumerate() {
        m.tag("<li><strong>cook ")
            .text(&(n + 1).to_string())
            .tag("</strong>");
        match &cook.thread {
            _ if cook.starting => note(m, " — starting: its Web Worker loads its code"),
            Thread::Idle => note(m, " — idle"),
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
                m.text(" — ").text(&w.name(*task));
                w.step(m, chain.last().copied());
                note(m, &format!(", {doing}"));
            }
        }
        m.tag("</li>");
    }
    m.tag("</ul></div>");
}

fn ready(m: &mut Markup, w: &Words<'_>, state: &LoopState, language: Language, mode: Mode) {
    let queue = match (language, mode) {
        (Language::Python, _) => "asyncio's ready queue, in the order the loop runs them",
        (Language::Rust, Mode::Spawn) => {
            "spawned tasks on the microtask queue, in the order they run"
        }
        (Language::Rust, _) => "woken tasks, in the order the executor polls them",
    };
    let part = Part {
        testid: "loop-ready",
        title: "Ready queue",
        explain: queue,
        total: state.ready.total,
        more: state.ready.more(),
        list: "ol",
        empty: "empty: nobody waits for the thread",
    };
    part.write(m, |m| {
        for r in &state.ready.items {
            let why = match r.why {
                Why::Handed => format!("handed over by {}, not polled yet", w.narrator.starter()),
                Why::Woken => "woken, waiting for the thread".to_owned(),
                Why::Overdue(due) => format!(
                    "its timer came due at {}, but the thread is busy, so the callback waits",
                    w.when(due)
                ),
                Why::Queued => "queued in the pool, waiting for a free cook".to_owned(),
                Why::Sent(cook) => format!("sent to cook {}, the message on its way", cook + 1),
                Why::WantsGil(since) => format!("asked for the GIL at {}", w.when(since)),
            };
            m.tag("<li>");
            w.strong_name(m, r.task);
            note(m, &format!(" — {why}"));
            m.tag("</li>");
        }
    });
}

fn timers(m: &mut Markup, w: &Words<'_>, state: &LoopState) {
    let part = Part {
        testid: "loop-timers",
        title: "Timers",
        explain: "armed, soonest first; sleeps due together share one browser timeout",
        total: state.timers.total,
        more: state.timers.more(),
        list: "ol",
        empty: "none armed",
    };
    part.write(m, |m| {
        for t in &state.timers.items {
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
            m.tag("<li>");
            w.strong_name(m, t.task);
            m.text(&format!(" — due at {}, {left} left", w.when(t.due)));
            note(m, &format!("; {timeout};"));
            w.step(m, t.step);
            m.tag("</li>");
        }
    });
}

fn suspended(m: &mut Markup, w: &Words<'_>, state: &LoopState) {
    let part = Part {
        testid: "loop-suspended",
        title: "Suspended",
        explain: "each awaits something; it costs the thread nothing meanwhile",
        total: state.suspended.total,
        more: state.suspended.more(),
        list: "ul",
        empty: "nobody is waiting",
    };
    part.write(m, |m| {
        for s in &state.suspended.items {
            m.tag("<li>");
            w.strong_name(m, s.task);
            for &step in &s.chain {
                m.tag(" awaits");
                w.step(m, Some(step));
            }
            note(
                m,
                match s.on {
                    Awaiting::Timer(_) => " — its timer",
                    Awaiting::Sleep(_) | Awaiting::Unknown => "",
                },
            );
            m.tag("</li>");
        }
    });
}

fn done(m: &mut Markup, w: &Words<'_>, state: &LoopState, mode: Mode) {
    let names: Vec<String> = state.done.items.iter().map(|&t| w.name(t)).collect();
    let not_started: Vec<String> = state.not_started.items.iter().map(|&t| w.name(t)).collect();
    let later = match mode {
        Mode::Blocking => "main calls them one after another",
        Mode::Sequential => "main awaits them one after another",
        Mode::Threads | Mode::FreeThreaded => "the pool has no thread free for them yet",
        _ => "main has not reached them",
    };
    m.tag(r#"<div class="loop-part loop-done" data-testid="loop-done"><h4>Done<span class="loop-count"> "#)
        .text(&format!(
            "{} of {}",
            format::count(state.done.total),
            format::count(state.tasks)
        ))
        .tag("</span></h4>");
    if names.is_empty() {
        m.tag(r#"<p class="empty">nothing has finished yet</p>"#);
    } else {
        m.tag("<p>")
            .text(&summed(&names, state.done.more()))
            .tag("</p>");
    }
    if !not_started.is_empty() {
        m.tag(r#"<p class="loop-note">"#)
            .text(&format!(
                "Not started yet ({later}): {}",
                summed(&not_started, state.not_started.more())
            ))
            .tag("</p>");
    }
    m.tag("</div>");
}

/// One part of the panel: a heading with its count, its list or a word for an empty one, and the
/// entries left out.
struct Part {
    testid: &'static str,
    title: &'static str,
    explain: &'static str,
    total: usize,
    more: usize,
    /// The list's element: `ol` where the order means something, else `ul`.
    list: &'static str,
    empty: &'static str,
}

impl Part {
    fn write(&self, m: &mut Markup, items: impl FnOnce(&mut Markup)) {
        m.tag(r#"<div class="loop-part "#)
            .tag(self.testid)
            .tag(r#"" data-testid=""#)
            .tag(self.testid)
            .tag(r#""><h4 title=""#)
            .text(self.explain)
            .tag(r#"">"#)
            .tag(self.title)
            .tag(r#"<span class="loop-count"> "#)
            .text(&format::count(self.total))
            .tag(r#"</span><span class="sr-only">: "#)
            .text(self.explain)
            .tag("</span></h4>");
        if self.total == 0 {
            m.tag(r#"<p class="empty">"#).text(self.empty).tag("</p>");
        } else {
            m.tag("<").tag(self.list).tag(">");
            items(m);
            m.tag("</").tag(self.list).tag(">");
            if self.more > 0 {
                m.tag(r#"<p class="loop-more">… and "#)
                    .text(&format::count(self.more))
                    .tag(" more</p>");
            }
        }
        m.tag("</div>");
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
