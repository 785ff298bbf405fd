//! Function names for tasks and helpers: the recipe's names, made valid and distinct in both languages.
//!
//! Validation already keeps names to `[A-Za-z_][A-Za-z0-9_]*`, but a learner may still call a task
//! `loop`, `print` or `main`; the views must show a program that would compile and run all the same.

use crate::recipe::{Recipe, Routine};

/// Rust's keywords, strict and reserved for later editions.
pub(crate) const RUST_KEYWORDS: &str = "as abstract async await become box break const continue crate do dyn \
    else enum extern false final fn for gen if impl in let loop macro macro_rules match mod move mut \
    override priv pub ref return self Self static struct super trait true try type typeof union \
    unsafe unsized use virtual where while yield";

/// Python's keywords.
const PYTHON_KEYWORDS: &str = "False None True and as assert async await break class continue def \
    del elif else except finally for from global if import in is lambda nonlocal not or pass raise \
    return try while with yield";

/// The names the generated code itself uses, in either language.
const CODE_NAMES: &str = "_ main work sleep blocking_sleep yield_now join_all spawn spawn_local \
    tasks task tx rx oneshot futures std core wasm_bindgen_futures vec println Vec Future FutureExt \
    asyncio time print range run_task cook pool concurrent sys SCALE start elapsed then done left \
    times ms soon drop";

/// Whether a function may not take this name in one of the languages. One rule for both languages
/// keeps a function's name the same in both views.
pub(crate) fn reserved(name: &str) -> bool {
    [RUST_KEYWORDS, PYTHON_KEYWORDS, CODE_NAMES]
        .iter()
        .any(|list| list.split_whitespace().any(|r| r == name))
}

/// The function name of every task and helper, the same in both languages.
///
/// A name that is a keyword or that the generated code uses gets a trailing underscore (`loop_`, as
/// PEP 8 suggests), and so does a duplicate, so every function has its own valid name.
pub(super) struct Names {
    tasks: Vec<String>,
    helpers: Vec<String>,
}

impl Names {
    /// Names for `recipe`'s routines.
    pub(super) fn new(recipe: &Recipe) -> Names {
        let wanted: Vec<String> = recipe
            .tasks
            .iter()
            .chain(&recipe.helpers)
            .map(|t| identifier(&t.name))
            .collect();
        // Names that need no change keep it first, so a renamed one can never take a valid name away.
        // A sorted vector rather than a `HashSet`: a recipe has few routines.
        let mut taken: Vec<String> = Vec::new();
        let mut take = |name: &String| match taken.binary_search(name) {
            Ok(_) => false,
            Err(i) => {
                taken.insert(i, name.clone());
                true
            }
        };
        let mut names: Vec<Option<String>> = wanted
            .iter()
            .map(|w| (!reserved(w) && take(w)).then(|| w.clone()))
            .collect();
        for (name, wanted) in names.iter_mut().zip(&wanted) {
            if name.is_none() {
                let mut candidate = format!("{wanted}_");
                while reserved(&candidate) || !take(&candidate) {
                    candidate.push('_');
                }
                *name = Some(candidate);
            }
        }
        let mut names: Vec<String> = names.into_iter().flatten().collect();
        let helpers = names.split_off(recipe.tasks.len());
        Names {
            tasks: names,
            helpers,
        }
    }

    /// The name of a routine's function.
    pub(super) fn routine(&self, routine: Routine) -> &str {
        match routine {
            Routine::Task(i) => &self.tasks[i],
            Routine::Helper(i) => &self.helpers[i],
        }
    }

    /// The name a `call` step calls: its helper's function, or, for a helper that does not exist (which
    /// validation reports), the name made into an identifier.
    pub(super) fn call(&self, recipe: &Recipe, name: &str) -> String {
        match recipe.helper_index(name) {
            Some(i) => self.helpers[i].clone(),
            None => {
                let mut id = identifier(name);
                while reserved(&id) {
                    id.push('_');
                }
                id
            }
        }
    }
}

/// `name` with every character an identifier cannot hold replaced by `_`; never empty, never a digit first.
pub(crate) fn identifier(name: &str) -> String {
    let mut id: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if id.is_empty() || id.starts_with(|c: char| c.is_ascii_digit()) {
        id.insert(0, '_');
    }
    id
}
