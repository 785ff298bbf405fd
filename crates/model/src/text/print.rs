//! Printing a recipe as canonical text.
//!
//! This file owns the canonical layout: the four headers always (so defaults become visible), then the
//! `exercise` lines in the order written, a blank line, then every task in order and every helper after
//! the tasks, one blank line between routines, steps indented by two spaces. It must print what `parse`
//! reads back as the same recipe.

use super::super::format::Short;
use super::super::recipe::{Action, Asked, Recipe, Step, Task};

/// The recipe as canonical text, ending with a line break.
///
/// For every recipe `parse` accepts, `parse(&print(&r)) == Ok(r)`. A recipe that breaks the format's
/// rules (a control character in a string, `missing_await` on a `work`, zero copies, a limit exceeded)
/// is still printed as it is, and parsing the text then reports what is wrong rather than hiding it.
/// Helpers print without copies, which they do not have.
pub fn print(recipe: &Recipe) -> String {
    let mut out = String::new();
    line(&mut out, 0, &["recipe", &quote(&recipe.title)]);
    line(&mut out, 0, &["unit", recipe.unit.symbol()]);
    // `Short` is the shortest text that reads back as the same number (what Rust's `{}` prints), and
    // it never uses an exponent, so it is always a decimal `parse` accepts: `20`, `2.5`, `0.001`.
    line(&mut out, 0, &["scale", &Short(recipe.scale_ms).to_string()]);
    if !recipe.story.is_empty() {
        for story in recipe.story.split('\n') {
            line(&mut out, 0, &["story", &quote(story)]);
        }
    }
    for asked in &recipe.exercises {
        line(&mut out, 0, &exercise(*asked));
    }
    for task in &recipe.tasks {
        out.push('\n');
        let copies = format!("x{}", task.copies);
        let header: &[&str] = if task.copies == 1 {
            &["task", &task.name]
        } else {
            &["task", &task.name, &copies]
        };
        routine(&mut out, header, task);
    }
    for helper in &recipe.helpers {
        out.push('\n');
        routine(&mut out, &["helper", &helper.name], helper);
    }
    out
}

fn routine(out: &mut String, header: &[&str], routine: &Task) {
    line(out, 0, header);
    for step in &routine.steps {
        line(out, 2, &words(step));
    }
}

/// A step's words: `unawaited`, the keyword, its argument and its label, as present.
fn words(step: &Step) -> Vec<String> {
    let mut words = Vec::with_capacity(4);
    if step.missing_await {
        words.push("unawaited".to_owned());
    }
    let (keyword, argument) = match &step.action {
        Action::Work(n) => ("work", Some(n.to_string())),
        Action::Wait(n) => ("wait", Some(n.to_string())),
        Action::Print(text) => ("print", Some(quote(text))),
        Action::Call(name) => ("call", Some(name.clone())),
        Action::Yield => ("yield", None),
    };
    words.push(keyword.to_owned());
    words.extend(argument);
    words.extend(step.label.as_deref().map(quote));
    words
}

/// An `exercise` line's words, such as `exercise target 90 gather`.
fn exercise(asked: Asked) -> Vec<String> {
    let mut words = vec!["exercise".to_owned()];
    match asked {
        Asked::Order(mode) => words.extend(["order".to_owned(), mode.id().to_owned()]),
        Asked::Total(mode) => words.extend(["total".to_owned(), mode.id().to_owned()]),
        Asked::Target { units, mode } => {
            words.extend(["target".to_owned(), units.to_string()]);
            words.extend(mode.map(|m| m.id().to_owned()));
        }
    }
    words
}

fn line<S: AsRef<str>>(out: &mut String, indent: usize, words: &[S]) {
    out.extend(std::iter::repeat_n(' ', indent));
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word.as_ref());
    }
    out.push('\n');
}

/// A string in double quotes with `"` and `\` escaped, the only two escapes the format has.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}
