//! Test-only checks for lessons: whether a recipe is one the library may ship, and how many sentences
//! a story has. The lessons' totals and print orders are checked against the prediction, in
//! `model::predict`'s tests.

use std::collections::HashSet;

use super::{Action, Recipe};

/// Why a recipe is not one the library may ship, if it is not.
///
/// Valid means: at least one task; every name unique and usable as a function name; at least one copy
/// of every task and exactly one of every helper; calls only to helpers defined before the caller
/// (which rules out recursion); `missing_await` only on steps that have an `await` to forget.
pub(super) fn validate(r: &Recipe) -> Result<(), String> {
    if r.tasks.is_empty() {
        return Err("no tasks".into());
    }
    let mut names = HashSet::new();
    for routine in r.tasks.iter().chain(&r.helpers) {
        let name = &routine.name;
        let mut chars = name.chars();
        let identifier = chars
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !identifier {
            return Err(format!("{name:?} is not a snake_case identifier"));
        }
        if !names.insert(name) {
            return Err(format!("{name} is defined twice"));
        }
    }
    if let Some(t) = r.tasks.iter().find(|t| t.copies == 0) {
        return Err(format!("{} has no copies", t.name));
    }
    if let Some(h) = r.helpers.iter().find(|h| h.copies != 1) {
        return Err(format!("helper {} has {} copies", h.name, h.copies));
    }
    let routines = r
        .tasks
        .iter()
        .map(|t| (t, r.helpers.len()))
        .chain(r.helpers.iter().enumerate().map(|(i, h)| (h, i)));
    for (routine, callable) in routines {
        for step in &routine.steps {
            if let Action::Call(name) = &step.action {
                match r.helper_index(name) {
                    Some(i) if i < callable => {}
                    Some(_) => return Err(format!("{} calls later helper {name}", routine.name)),
                    None => return Err(format!("{} calls unknown {name}", routine.name)),
                }
            }
            let awaitable = matches!(
                step.action,
                Action::Wait(_) | Action::Call(_) | Action::Yield
            );
            if step.missing_await && !awaitable {
                return Err(format!("{}: nothing to await in {step:?}", routine.name));
            }
        }
    }
    Ok(())
}

/// How many sentences a text has: every `.`, `!` or `?` that ends the text or is followed by a space,
/// possibly after a closing quote or bracket.
pub(super) fn sentences(text: &str) -> usize {
    let chars: Vec<char> = text.trim().chars().collect();
    (0..chars.len())
        .filter(|&i| matches!(chars[i], '.' | '!' | '?'))
        .filter(|&i| {
            let rest = chars[i + 1..]
                .iter()
                .find(|c| !matches!(c, '”' | '"' | '’' | ')'));
            rest.is_none_or(|c| c.is_whitespace())
        })
        .count()
}
