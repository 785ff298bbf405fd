//! The threads panel: the loop panel of a run in the threads modes, where there is no event loop.
//! At the cursor it says who holds the GIL, each thread's task and what it does, who waits for the
//! GIL (in the order they asked, which is the order CPython hands it over) and since when, and who
//! sleeps until when.
//!
//! It words the same [`LoopState`] as the event loop panel: a thread that holds the GIL is a cook
//! whose thread is held, a thread that wants it is a ready task ([`Why::WantsGil`]), and a sleeping
//! one a suspended task ([`Awaiting::Sleep`]). Nothing here reads the trace.

use kitchen_model::recipe::Action;
use kitchen_model::replay::{Awaiting, LoopState, Thread, Why};
use kitchen_model::run::RunResult;
use kitchen_model::{Activity, format};

use super::{Part, Words, done, note};
use crate::markup::Markup;

/// The panel's inside for a threads run: the GIL, the threads, the waiters, the sleepers, and
/// what is done.
pub(super) fn write(
    m: &mut Markup,
    result: &RunResult,
    state: &LoopState,
    w: &Words<'_>,
    when: &str,
) {
    let free = result.mode == kitchen_model::Mode::FreeThreaded;
    m.tag(r#"<h3 class="loop-title">Threads<span class="loop-at"> at "#)
        .text(when)
        .tag("</span></h3>");
    gil(m, w, state, free);
    threads(m, result, w, state, free);
    if !free {
        waiting(m, result, w, state);
    }
    sleeping(m, result, w, state);
    done(m, w, state, result.mode);
}

/// Who holds the GIL, and for how long so far; free-threaded, that there is none.
fn gil(m: &mut Markup, w: &Words<'_>, state: &LoopState, free: bool) {
    m.tag(r#"<div class="loop-part loop-gil" data-testid="loop-gil"><h4>The GIL</h4>"#);
    let holder = state
        .cooks
        .iter()
        .enumerate()
        .find_map(|(n, c)| match &c.thread {
            Thread::Held {
                task,
                chain,
                activity,
                since,
            } if *activity != Some(Activity::Sleep) => {
                Some((n, *task, chain.last().copied(), *since))
            }
            _ => None,
        });
    if free {
        m.tag(r#"<p class="idle"><strong>None</strong>: "#)
            .text("free-threaded Python has no GIL, so every thread runs Python when it likes, as far as the cores go.")
            .tag("</p>");
    } else if let Some((thread, task, step, since)) = holder {
        let held = format::millis((state.cursor.at - since).max(0.0));
        m.tag(r#"<p class="held">Held by "#);
        w.strong_name(m, task);
        m.text(&format!(
            " on thread {}, since {}, at",
            thread + 1,
            w.when(since)
        ));
        w.step(m, step);
        note(
            m,
            &format!(
                " — {held} so far; it hands the GIL over once another thread has waited 5 ms for it."
            ),
        );
        m.tag("</p>");
    } else {
        m.tag(r#"<p class="idle"><strong>Free</strong>: "#)
            .text("no thread holds it; the next to ask takes it at once.")
            .tag("</p>");
    }
    m.tag("</div>");
}

/// Each thread of the pool: starting, idle, or its task and what it does.
fn threads(m: &mut Markup, result: &RunResult, w: &Words<'_>, state: &LoopState, free: bool) {
    m.tag(r#"<div class="loop-part loop-cooks" data-testid="loop-cooks"><h4>Threads<span class="loop-count"> "#)
        .text(&state.cooks.len().to_string())
        .tag("</span></h4><ul>");
    for (n, cook) in state.cooks.iter().enumerate() {
        m.tag("<li><strong>thread ")
            .text(&(n + 1).to_string())
            .tag("</strong>");
        match &cook.thread {
            _ if cook.starting => note(m, " — starting: its Web Worker loads its code"),
            Thread::Held { task, chain, .. } => {
                m.text(" — ").text(&w.name(*task));
                w.step(m, chain.last().copied());
                note(
                    m,
                    if free {
                        ", computing"
                    } else {
                        ", computing: it holds the GIL"
                    },
                );
            }
            Thread::Idle => {
                // A thread whose task neither holds the GIL nor runs waits for it or sleeps.
                let waits = state
                    .ready
                    .items
                    .iter()
                    .find(|r| result.replay.cook_of(r.task) == Some(n));
                let sleeps = state
                    .suspended
                    .items
                    .iter()
                    .find(|s| result.replay.cook_of(s.task) == Some(n));
                match (waits, sleeps) {
                    (Some(r), _) => {
                        m.text(" — ").text(&w.name(r.task));
                        w.step(m, r.step);
                        note(m, ", waiting for the GIL");
                    }
                    (None, Some(s)) => {
                        m.text(" — ").text(&w.name(s.task));
                        w.step(m, s.chain.last().copied());
                        note(m, ", sleeping: the GIL is free for others");
                    }
                    (None, None) => note(m, " — idle"),
                }
            }
        }
        m.tag("</li>");
    }
    m.tag("</ul></div>");
}

/// The threads that asked for the GIL, in the order they asked, and since when.
fn waiting(m: &mut Markup, result: &RunResult, w: &Words<'_>, state: &LoopState) {
    let part = Part {
        testid: "loop-ready",
        title: "Waiting for the GIL",
        explain: "in the order they asked for it, the order CPython hands it over",
        total: state.ready.total,
        more: state.ready.more(),
        list: "ol",
        empty: "nobody: no thread waits for the GIL",
    };
    part.write(m, |m| {
        for r in &state.ready.items {
            m.tag("<li>");
            w.strong_name(m, r.task);
            let on = result
                .replay
                .cook_of(r.task)
                .map_or(String::new(), |c| format!(" on thread {}", c + 1));
            let since = match r.why {
                Why::WantsGil(since) => {
                    let waited = format::millis((state.cursor.at - since).max(0.0));
                    format!(", since {} ({waited} so far)", w.when(since))
                }
                _ => ", not started on a thread yet".to_owned(),
            };
            note(m, &format!("{on}{since}"));
            m.tag("</li>");
        }
    });
}

/// The sleeping threads, and until when each sleeps.
fn sleeping(m: &mut Markup, result: &RunResult, w: &Words<'_>, state: &LoopState) {
    let part = Part {
        testid: "loop-suspended",
        title: "Sleeping",
        explain: "time.sleep lets the GIL go: a sleeping thread costs the others nothing",
        total: state.suspended.total,
        more: state.suspended.more(),
        list: "ul",
        empty: "nobody sleeps",
    };
    part.write(m, |m| {
        for s in &state.suspended.items {
            m.tag("<li>");
            w.strong_name(m, s.task);
            let on = result
                .replay
                .cook_of(s.task)
                .map_or(String::new(), |c| format!(" on thread {}", c + 1));
            let step = s.chain.last().copied();
            let until = match (s.on, step.and_then(|st| w.recipe.step(st))) {
                (Awaiting::Sleep(since), Some(st)) if matches!(st.action, Action::Wait(_)) => {
                    format!(
                        ", sleeping until {}",
                        w.when(since + f64::from(st.action.units()) * w.recipe.scale_ms)
                    )
                }
                _ => String::new(),
            };
            w.step(m, step);
            note(m, &format!("{on}{until}"));
            m.tag("</li>");
        }
    });
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::rc::Rc;

    use expect_test::{Expect, expect};
    use kitchen_model::code::{self, Language};
    use kitchen_model::cooks::Cooks;
    use kitchen_model::run::{Prediction, RunResult};
    use kitchen_model::{Mode, gil, lesson, predict};

    /// The panel of `lesson`'s predicted run in `mode` at `at` milliseconds, as text: one line per
    /// heading, paragraph or list entry.
    fn check(lesson: &str, mode: Mode, at: f64, expect: Expect) {
        let recipe = Rc::new(lesson::by_id(lesson).expect("a lesson").recipe);
        let threads = gil::Gil::default_threads(&recipe);
        let trace = predict::predict_with(&recipe, mode, Cooks::perfect(threads));
        let prediction = Rc::new(Prediction::of_trace(&recipe, trace));
        let result = RunResult::predicted(recipe.clone(), mode, prediction);
        let view = code::threads_code(
            &recipe,
            Language::Python,
            threads,
            mode == Mode::FreeThreaded,
        );
        let state = result.replay.state(result.replay.seek(at), 5);
        let html = super::super::write_threads(&result, &state, &view).into_string();
        let text = html
            .replace("</h3>", "\n")
            .replace("</h4>", "\n")
            .replace("</p>", "\n")
            .replace("</li>", "\n");
        let mut plain = String::new();
        let mut in_tag = false;
        for c in text.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if !in_tag => plain.push(c),
                _ => {}
            }
        }
        expect.assert_eq(&plain.replace("&#39;", "'"));
    }

    #[test]
    fn a_computing_thread_holds_the_gil_while_the_other_waits_for_it() {
        check(
            "threads-for-chopping",
            Mode::Threads,
            1001.0,
            expect![[r#"
                Threads at 6.7 min (1 001 ms)
                The GIL
                Held by chop_salad on thread 1, since 6.7 min (1 000 ms), at work(8) (chop the salad) — 1 ms so far; it hands the GIL over once another thread has waited 5 ms for it.
                Threads 2
                thread 1 — chop_salad work(8) (chop the salad), computing: it holds the GIL
                thread 2 — dice_onions work(6) (dice the onions), waiting for the GIL
                Waiting for the GIL 1: in the order they asked for it, the order CPython hands it over
                dice_onions on thread 2, since 6.7 min (1 000 ms) (1 ms so far)
                Sleeping 0: time.sleep lets the GIL go: a sleeping thread costs the others nothing
                nobody sleeps
                Done 0 of 2
                nothing has finished yet
            "#]],
        );
    }

    #[test]
    fn sleeping_threads_need_no_gil() {
        check(
            "threads-for-downloads",
            Mode::Threads,
            300.0,
            expect![[r#"
                Threads at 1.5 s (300 ms)
                The GIL
                Free: no thread holds it; the next to ask takes it at once.
                Threads 5
                thread 1 — download 1 time.sleep(3) (wait for the network), sleeping: the GIL is free for others
                thread 2 — download 2 time.sleep(3) (wait for the network), sleeping: the GIL is free for others
                thread 3 — download 3 time.sleep(3) (wait for the network), sleeping: the GIL is free for others
                thread 4 — download 4 time.sleep(3) (wait for the network), sleeping: the GIL is free for others
                thread 5 — download 5 time.sleep(3) (wait for the network), sleeping: the GIL is free for others
                Waiting for the GIL 0: in the order they asked for it, the order CPython hands it over
                nobody: no thread waits for the GIL
                Sleeping 5: time.sleep lets the GIL go: a sleeping thread costs the others nothing
                download 1 time.sleep(3) (wait for the network) on thread 1, sleeping until 3 s (600 ms)
                download 2 time.sleep(3) (wait for the network) on thread 2, sleeping until 3 s (600 ms)
                download 3 time.sleep(3) (wait for the network) on thread 3, sleeping until 3 s (600 ms)
                download 4 time.sleep(3) (wait for the network) on thread 4, sleeping until 3 s (600 ms)
                download 5 time.sleep(3) (wait for the network) on thread 5, sleeping until 3 s (600 ms)
                Done 0 of 5
                nothing has finished yet
            "#]],
        );
    }

    #[test]
    fn free_threaded_threads_compute_at_once() {
        check(
            "threads-for-chopping",
            Mode::FreeThreaded,
            500.0,
            expect![[r#"
                Threads at 3.3 min (500 ms)
                The GIL
                None: free-threaded Python has no GIL, so every thread runs Python when it likes, as far as the cores go.
                Threads 2
                thread 1 — chop_salad work(8) (chop the salad), computing
                thread 2 — dice_onions work(6) (dice the onions), computing
                Sleeping 0: time.sleep lets the GIL go: a sleeping thread costs the others nothing
                nobody sleeps
                Done 0 of 2
                nothing has finished yet
            "#]],
        );
    }
}
