//! Property tests over random valid recipes: every step has exactly one line, that line holds the
//! step's statement as the runtime runs it in that mode, prints survive their escaping, and labels stay
//! on their line; the Python file is the Python view with its waits scaled and lines added around it.
//! The Rust program written with callbacks or as state machines has the same steps, each on one line
//! in order, suspends exactly where the async/await program does, and closes every bracket it opens.

use proptest::prelude::*;

use super::shared::{Body, one_line};
use super::{CodeView, Language, code, code_in_way};
use crate::arbitrary;
use crate::mode::Mode;
use crate::recipe::{Action, Recipe, Routine, Step, StepId};
use crate::way::Way;

/// The modes `code` writes: the threads modes' views are `threads_code`'s, which the snapshots and
/// the twins' step hold.
fn mode() -> impl Strategy<Value = Mode> {
    proptest::sample::select(
        Mode::ALL
            .into_iter()
            .filter(|m| !m.threaded())
            .collect::<Vec<_>>(),
    )
}

fn language() -> impl Strategy<Value = Language> {
    proptest::sample::select(Language::ALL.to_vec())
}

/// Every step of every task and helper, in recipe order.
fn all_steps(recipe: &Recipe) -> Vec<(StepId, &Step)> {
    let tasks = recipe
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (Routine::Task(i), t));
    let helpers = recipe
        .helpers
        .iter()
        .enumerate()
        .map(|(i, t)| (Routine::Helper(i), t));
    tasks
        .chain(helpers)
        .flat_map(|(routine, t)| {
            t.steps
                .iter()
                .enumerate()
                .map(move |(index, s)| (StepId { routine, index }, s))
        })
        .collect()
}

/// What the step's line must start with, written from the runtime's rules rather than the writers':
/// a forgotten `await` drops the future in async bodies, except a wait that blocks anyway. The Python
/// processes view runs as is, so its waits are scaled to seconds.
fn statement(step: &Step, mode: Mode, language: Language) -> Option<String> {
    let body = Body::of(mode);
    let dropped = step.missing_await
        && body.is_async()
        && !(body == Body::AsyncBlockingWaits && matches!(step.action, Action::Wait(_)));
    let rust = language == Language::Rust;
    let runnable = !rust && mode == Mode::Processes;
    let text = match (&step.action, body) {
        (Action::Wait(n), _) if runnable && dropped => format!("asyncio.sleep({n} * SCALE)"),
        (Action::Wait(n), _) if runnable => format!("await asyncio.sleep({n} * SCALE)"),
        (Action::Work(n), _) if rust => format!("work({n});"),
        (Action::Work(n), _) => format!("work({n})"),
        (Action::Wait(0), Body::Async) if rust && dropped => "yield_now();".to_owned(),
        (Action::Wait(0), Body::Async) if rust => "yield_now().await;".to_owned(),
        (Action::Wait(n), Body::Async) if rust && dropped => format!("sleep({n});"),
        (Action::Wait(n), Body::Async) if rust => format!("sleep({n}).await;"),
        (Action::Wait(n), Body::Async) if dropped => format!("asyncio.sleep({n})"),
        (Action::Wait(n), Body::Async) => format!("await asyncio.sleep({n})"),
        (Action::Wait(n), Body::Threads) if rust => format!("sleep({n});"),
        (Action::Wait(n), _) if rust => format!("blocking_sleep({n});"),
        (Action::Wait(n), _) => format!("time.sleep({n})"),
        (Action::Print(_), _) => return None,
        (Action::Call(h), Body::Plain | Body::Threads) if rust => format!("{h}();"),
        (Action::Call(h), Body::Plain | Body::Threads) => format!("{h}()"),
        (Action::Call(h), _) if rust && dropped => format!("{h}();"),
        (Action::Call(h), _) if rust => format!("{h}().await;"),
        (Action::Call(h), _) if dropped => format!("{h}()"),
        (Action::Call(h), _) => format!("await {h}()"),
        (Action::Yield, Body::Plain) if rust => "std::thread::yield_now();".to_owned(),
        (Action::Yield, Body::Threads) if rust => "sleep(0);".to_owned(),
        (Action::Yield, Body::Plain | Body::Threads) => "time.sleep(0)".to_owned(),
        (Action::Yield, _) if rust && dropped => "yield_now();".to_owned(),
        (Action::Yield, _) if rust => "yield_now().await;".to_owned(),
        (Action::Yield, _) if dropped => "asyncio.sleep(0)".to_owned(),
        (Action::Yield, _) => "await asyncio.sleep(0)".to_owned(),
    };
    Some(text)
}

/// The text a `println!("…")` line prints, or why it is not a valid, complete format string.
fn rust_printed(line: &str) -> Result<String, String> {
    let rest = line
        .trim_start()
        .strip_prefix("println!(\"")
        .ok_or("no println!")?;
    let mut chars = rest.chars();
    let mut out = String::new();
    loop {
        match chars.next().ok_or("unterminated literal")? {
            '"' => break,
            '\\' => match chars.next().ok_or("dangling backslash")? {
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                '\\' => out.push('\\'),
                '"' => out.push('"'),
                'u' => {
                    let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                    let hex = hex.strip_prefix('{').ok_or("bad \\u escape")?;
                    let code = u32::from_str_radix(hex, 16).map_err(|e| e.to_string())?;
                    out.push(char::from_u32(code).ok_or("bad code point")?);
                }
                other => return Err(format!("unknown escape \\{other}")),
            },
            brace @ ('{' | '}') => {
                if chars.next() != Some(brace) {
                    return Err("a lone brace is a placeholder".into());
                }
                out.push(brace);
            }
            c => out.push(c),
        }
    }
    if !chars.as_str().starts_with(");") {
        return Err("the literal does not end the call".into());
    }
    Ok(out)
}

/// The text a `print("…")` line prints, or why it is not a valid, complete string literal.
fn python_printed(line: &str) -> Result<String, String> {
    let rest = line
        .trim_start()
        .strip_prefix("print(")
        .ok_or("no print(")?;
    let mut chars = rest.chars();
    let quote = chars
        .next()
        .filter(|q| matches!(q, '"' | '\''))
        .ok_or("no quote")?;
    let mut out = String::new();
    loop {
        match chars.next().ok_or("unterminated literal")? {
            c if c == quote => break,
            '\\' => match chars.next().ok_or("dangling backslash")? {
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                '\\' => out.push('\\'),
                c if c == quote => out.push(c),
                kind @ ('x' | 'u') => {
                    let digits = if kind == 'x' { 2 } else { 4 };
                    let hex: String = chars.by_ref().take(digits).collect();
                    let code = u32::from_str_radix(&hex, 16).map_err(|e| e.to_string())?;
                    out.push(char::from_u32(code).ok_or("bad code point")?);
                }
                other => return Err(format!("unknown escape \\{other}")),
            },
            c => out.push(c),
        }
    }
    if !chars.as_str().starts_with(')') {
        return Err("the literal does not end the call".into());
    }
    Ok(out)
}

/// Whether the runtime drops a step's future unpolled: a forgotten `await`, but for a wait that
/// blocks anyway.
fn dropped(step: &Step, mode: Mode) -> bool {
    let body = Body::of(mode);
    step.missing_await
        && body.is_async()
        && !(body == Body::AsyncBlockingWaits && matches!(step.action, Action::Wait(_)))
}

/// Whether a step suspends its task, from the runtime's rules: an awaited call, yield or `wait 0`
/// in an async body, and an awaited timer where waits do not block.
fn suspends(step: &Step, mode: Mode) -> bool {
    let body = Body::of(mode);
    body.is_async()
        && !dropped(step, mode)
        && match step.action {
            Action::Call(_) | Action::Yield => true,
            Action::Wait(_) => body == Body::Async,
            Action::Work(_) | Action::Print(_) => false,
        }
}

/// Whether every bracket the Rust text opens is closed in order, outside string literals and
/// comments (the only places the views put text of the recipe's).
fn balanced(text: &str) -> Result<(), String> {
    let mut open: Vec<char> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '/' if chars.peek() == Some(&'/') => break,
                '"' => loop {
                    match chars.next() {
                        Some('\\') => {
                            chars.next();
                        }
                        Some('"') => break,
                        Some(_) => {}
                        None => return Err(format!("line {n}: unterminated string")),
                    }
                },
                '(' | '[' | '{' => open.push(c),
                ')' | ']' | '}' => {
                    let opener = match c {
                        ')' => '(',
                        ']' => '[',
                        _ => '{',
                    };
                    if open.pop() != Some(opener) {
                        return Err(format!("line {n}: {c} closes nothing open: {line}"));
                    }
                }
                _ => {}
            }
        }
    }
    if open.is_empty() {
        Ok(())
    } else {
        Err(format!("left open: {open:?}"))
    }
}

fn check(recipe: &Recipe, mode: Mode, language: Language) -> Result<(), TestCaseError> {
    let view: CodeView = code(recipe, mode, language);
    let lines: Vec<&str> = view.text.lines().collect();
    prop_assert!(view.text.ends_with('\n'));
    prop_assert!(
        !view
            .text
            .chars()
            .any(|c| c != '\n' && super::shared::breaks_line(c)),
        "a character breaks a line or its reading order"
    );
    for line in &lines {
        prop_assert_eq!(line.trim_end(), *line, "trailing whitespace");
    }
    let steps = all_steps(recipe);
    prop_assert_eq!(view.step_lines.len(), steps.len());
    prop_assert!(
        view.step_lines.windows(2).all(|w| w[0].1 < w[1].1),
        "step lines are distinct and in order"
    );
    let comment = match language {
        Language::Rust => " // ",
        Language::Python => "  # ",
    };
    for (id, step) in steps {
        let entries = view.step_lines.iter().filter(|(s, _)| *s == id).count();
        prop_assert_eq!(entries, 1, "{:?} has {} lines", id, entries);
        let n = view.line_of(id).unwrap_or(usize::MAX);
        prop_assert!(n < lines.len(), "line {} of {}", n, lines.len());
        let line = lines[n];
        let (code, note) = line.split_once(comment).unwrap_or((line, ""));
        match statement(step, mode, language) {
            Some(expected) => prop_assert_eq!(code.trim_start(), expected),
            None => {
                let Action::Print(text) = &step.action else {
                    unreachable!("only prints have no fixed statement");
                };
                let printed = match language {
                    Language::Rust => rust_printed(line),
                    Language::Python => python_printed(line),
                };
                prop_assert_eq!(printed.as_ref(), Ok(text), "{}", line);
            }
        }
        if let Some(label) = step
            .label
            .as_deref()
            .map(one_line)
            .filter(|l| !l.is_empty())
        {
            prop_assert!(note.contains(&label), "label {:?} not in {:?}", label, line);
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn every_step_has_one_line_holding_its_statement(
        recipe in arbitrary::recipe(),
        mode in mode(),
        language in language(),
    ) {
        check(&recipe, mode, language)?;
    }

    #[test]
    fn views_are_deterministic_and_numbered_alike_in_both_languages(
        recipe in arbitrary::recipe(),
        mode in mode(),
    ) {
        let rust = code(&recipe, mode, Language::Rust);
        let python = code(&recipe, mode, Language::Python);
        prop_assert_eq!(&rust, &code(&recipe, mode, Language::Rust));
        let ids = |v: &CodeView| v.step_lines.iter().map(|(id, _)| *id).collect::<Vec<_>>();
        prop_assert_eq!(ids(&rust), ids(&python));
    }

    #[test]
    fn the_python_file_is_the_view_with_its_waits_scaled_and_lines_added(
        recipe in arbitrary::recipe(),
        mode in mode(),
    ) {
        let view = code(&recipe, mode, Language::Python);
        let file = super::python::file_view(&recipe, mode, super::DEFAULT_COOKS);
        prop_assert_eq!(&file.text, &super::python_file(&recipe, mode, super::DEFAULT_COOKS));
        // The same steps, each the same statement but for its wait in seconds of real time.
        let ids = |v: &CodeView| v.step_lines.iter().map(|(id, _)| *id).collect::<Vec<_>>();
        prop_assert_eq!(ids(&view), ids(&file));
        let unscaled = |text: &str| text.replace(" * SCALE)", ")");
        for (shown, runs) in view.statements.iter().zip(&file.statements) {
            prop_assert_eq!(unscaled(shown), unscaled(runs));
            if let Some(n) = runs.strip_prefix("await asyncio.sleep(").or(runs.strip_prefix("time.sleep(")) {
                prop_assert!(n == "0)" || n.ends_with(" * SCALE)"), "an unscaled wait: {}", runs);
            }
        }
        // Every line of the view is in the file, in order: the file only adds lines.
        let file_lines: Vec<String> = file.text.lines().map(unscaled).collect();
        let mut rest = file_lines.iter();
        for line in view.text.lines().map(unscaled) {
            prop_assert!(rest.any(|l| *l == line), "the view's line {:?} is not in the file", line);
        }
        // What the added lines are: `SCALE` once, `work` where it is used, the total at the end.
        prop_assert_eq!(file_lines.iter().filter(|l| l.starts_with("SCALE = ")).count(), 1);
        prop_assert!(file_lines.iter().any(|l| l == "import time"));
        let works = all_steps(&recipe).iter().any(|(_, s)| matches!(s.action, Action::Work(_)));
        prop_assert_eq!(file_lines.iter().any(|l| l == "def work(units):"), works);
        let last = file_lines.last().map_or("", |l| l.trim_start());
        prop_assert!(last.starts_with("print(f\"Total time: {elapsed / SCALE:.1f} "), "{}", last);
    }
}

/// The modes the callbacks and state-machine ways apply to.
fn way_mode() -> impl Strategy<Value = Mode> {
    proptest::sample::select(
        Mode::ALL
            .into_iter()
            .filter(|&m| Way::Callbacks.applies_to(m))
            .collect::<Vec<_>>(),
    )
}

proptest! {
    #[test]
    fn the_rust_ways_suspend_where_async_await_does_and_close_what_they_open(
        recipe in arbitrary::recipe(),
        mode in way_mode(),
        way in proptest::sample::select(vec![Way::Callbacks, Way::StateMachine]),
    ) {
        let view = code_in_way(&recipe, mode, Language::Rust, way);
        view.assert_one_line_per_step(&recipe, way.id());
        prop_assert_eq!(&view, &code_in_way(&recipe, mode, Language::Rust, way));
        prop_assert!(view.text.ends_with('\n'));
        for line in view.text.lines() {
            prop_assert_eq!(line.trim_end(), line, "trailing whitespace");
            prop_assert!(!line.chars().any(super::shared::breaks_line), "{:?}", line);
        }
        prop_assert_eq!(balanced(&view.text), Ok(()));
        // The same steps as the async/await view, and the same statement for every one that
        // neither suspends nor is forgotten: a work, a print, a blocking sleep read alike.
        let async_view = code(&recipe, mode, Language::Rust);
        let ids = |v: &CodeView| v.step_lines.iter().map(|(id, _)| *id).collect::<Vec<_>>();
        prop_assert_eq!(ids(&view), ids(&async_view));
        let steps = all_steps(&recipe);
        let mut suspending = 0;
        for (i, (id, _)) in view.step_lines.iter().enumerate() {
            let Some(&(_, step)) = steps.iter().find(|(s, _)| s == id) else {
                return Err(TestCaseError::fail(format!("{id:?} is not the recipe's")));
            };
            let ours = &view.statements[i];
            if suspends(step, mode) {
                suspending += 1;
                let starts_state = ours.starts_with("*self = ") && ours.contains("::Suspend");
                let takes_the_rest = ours.ends_with("move || {");
                prop_assert!(
                    if way == Way::Callbacks { takes_the_rest } else { starts_state },
                    "{:?} does not suspend: {}", step, ours
                );
            } else if !dropped(step, mode) {
                prop_assert_eq!(ours, &async_view.statements[i]);
            } else {
                prop_assert!(ours.starts_with("let _ = ") || ours.starts_with("drop("), "{}", ours);
            }
        }
        // Every suspend point is a state of its own, and nothing else is.
        let states = view.text.lines().filter(|l| {
            l.trim_start().strip_prefix("Suspend").is_some_and(|rest| rest.contains(" { "))
        });
        if way == Way::StateMachine {
            prop_assert_eq!(states.count(), suspending);
        } else {
            prop_assert_eq!(states.count(), 0);
        }
    }
}
