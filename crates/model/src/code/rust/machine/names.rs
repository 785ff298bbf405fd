//! The names the state-machine view makes up: each routine's enum ([`Types`]) and the locals its
//! `poll` binds ([`Locals`]). This module owns only those names; the functions' names are
//! `code::names`'s, and it must not change them.

use super::super::super::names::Names;
use crate::recipe::{Action, Recipe, Routine};

/// Type names a state machine may not take: the types and traits the program names, Rust's
/// prelude, which a type of the same name would hide, `Self`, and rustc's variant names, which
/// would read as states.
const TYPE_NAMES: &str = "Self Sleep YieldNow Pin Context Poll Future FutureExt IntoFuture Output \
    Unresumed Returned Option Some None Result Ok Err Vec String Box ToString ToOwned Send Sync \
    Sized Unpin Drop Fn FnMut FnOnce Clone Copy Default Eq PartialEq Ord PartialOrd Iterator \
    IntoIterator DoubleEndedIterator ExactSizeIterator Extend FromIterator From Into AsRef AsMut \
    TryFrom TryInto";

/// The name of every task's and helper's state machine: UpperCamelCase of its function's name.
pub(super) struct Types {
    tasks: Vec<String>,
    helpers: Vec<String>,
}

impl Types {
    /// Names for `recipe`'s routines, each its own. As with functions ([`Names`]), a name that
    /// needs no change keeps it first; a task's comes before a helper's, and a name taken already
    /// or reserved gets a number (`Loop2` for `loop__` beside `loop_`).
    pub(super) fn new(recipe: &Recipe, names: &Names) -> Types {
        let routines: Vec<Routine> = (0..recipe.tasks.len())
            .map(Routine::Task)
            .chain((0..recipe.helpers.len()).map(Routine::Helper))
            .collect();
        let wanted: Vec<String> = routines
            .iter()
            .map(|&r| upper_camel(names.routine(r), r))
            .collect();
        // A sorted vector rather than a `HashSet`: a recipe has few routines.
        let mut taken: Vec<String> = Vec::new();
        let mut take = |name: &String| match taken.binary_search(name) {
            Ok(_) => false,
            Err(i) => {
                taken.insert(i, name.clone());
                true
            }
        };
        let free = |name: &str| !TYPE_NAMES.split_whitespace().any(|t| t == name);
        let mut types: Vec<Option<String>> = wanted
            .iter()
            .map(|w| (free(w) && take(w)).then(|| w.clone()))
            .collect();
        for (name, wanted) in types.iter_mut().zip(&wanted) {
            if name.is_none() {
                let mut n = 2;
                let mut candidate = format!("{wanted}{n}");
                while !free(&candidate) || !take(&candidate) {
                    n += 1;
                    candidate = format!("{wanted}{n}");
                }
                *name = Some(candidate);
            }
        }
        let mut types: Vec<String> = types.into_iter().flatten().collect();
        let helpers = types.split_off(recipe.tasks.len());
        Types {
            tasks: types,
            helpers,
        }
    }

    /// The state machine's name of a routine.
    pub(super) fn routine(&self, routine: Routine) -> &str {
        match routine {
            Routine::Task(i) => &self.tasks[i],
            Routine::Helper(i) => &self.helpers[i],
        }
    }

    /// The type a `call` step's future has: its helper's, or for a helper that does not exist
    /// (which validation reports) the name made UpperCamelCase.
    pub(super) fn call(&self, recipe: &Recipe, names: &Names, helper: &str) -> String {
        match recipe.helper_index(helper) {
            Some(i) => self.helpers[i].clone(),
            None => upper_camel(&names.call(recipe, helper), Routine::Helper(0)),
        }
    }
}

/// `wait_for_water` as `WaitForWater`; a name with no letter to start it is prefixed with what the
/// routine is (`_1` as `Task1`), since a type name cannot start with a digit or be empty.
fn upper_camel(name: &str, routine: Routine) -> String {
    let mut out: String = name
        .split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(chars).collect::<String>()
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        let kind = match routine {
            Routine::Task(_) => "Task",
            Routine::Helper(_) => "Helper",
        };
        out.insert_str(0, kind);
    }
    out
}

/// The names `poll` binds: its context and the field of each kind of state. Within `poll` they
/// hide a function of the same name, which a step could call (a helper may be called `timer`), so
/// each is one that no step calls, rather than a name kept from every recipe.
pub(super) struct Locals {
    pub(super) cx: String,
    pub(super) timer: String,
    pub(super) helper: String,
    pub(super) yielding: String,
}

impl Locals {
    pub(super) fn new(recipe: &Recipe, names: &Names) -> Locals {
        // Only helpers are called inside `poll`: `main` calls the tasks.
        let called: Vec<String> = recipe
            .tasks
            .iter()
            .chain(&recipe.helpers)
            .flat_map(|t| &t.steps)
            .filter_map(|step| match &step.action {
                Action::Call(helper) => Some(names.call(recipe, helper)),
                _ => None,
            })
            .collect();
        let free = |name: &str| {
            let mut name = name.to_owned();
            while called.contains(&name) {
                name.push('_');
            }
            name
        };
        Locals {
            cx: free("cx"),
            timer: free("timer"),
            helper: free("helper"),
            yielding: free("yielding"),
        }
    }
}
