//! Code views: for a recipe and a mode, the Rust the page really runs and its Python `asyncio` twin,
//! written the way a learner would write that recipe by hand, with the line of every step so the page
//! can highlight the line that is running. In the processes mode the view also depends on the size
//! of the pool of cooks, which [`code_on_cooks`] takes. The Python twin is also written as a file that
//! runs as is in CPython ([`python_file`]).
//!
//! This module owns the text of those programs and nothing else. It must stay faithful to
//! `runtime::modes` (how `main` drives the tasks) and `runtime::interpret` (what each step does): when
//! the runtime changes, the views and their snapshots change with it. It reads no clock and imports no
//! web crate, like the rest of `model`.

pub mod functions;
mod marks;
pub(crate) mod names;
mod program;
mod python;
pub(crate) mod rust;
mod shared;
pub(crate) mod writer;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod snapshots;
#[cfg(test)]
mod tests;

pub use marks::Mark;
pub use program::ProgramCode;

use super::cooks::MAX_COOKS;
use super::mode::Mode;
use super::recipe::{Recipe, StepId};
use super::way::Way;

/// The cooks [`code`] shows in the processes mode: two, as the prediction's
/// [`predict`](crate::predict::predict) assumes when it is not told.
pub const DEFAULT_COOKS: usize = 2;

/// The language a code view is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    /// The Rust the page compiles and runs.
    Rust,
    /// The Python `asyncio` program the tutorials would write for the same recipe.
    Python,
}

impl Language {
    /// Both languages, in the order the page offers them.
    pub const ALL: [Language; 2] = [Language::Rust, Language::Python];

    /// The stable identifier used in share links and test hooks.
    pub fn id(self) -> &'static str {
        match self {
            Language::Rust => "rust",
            Language::Python => "python",
        }
    }

    /// The language with identifier `id` ([`Language::id`]), if there is one.
    pub fn from_id(id: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.id() == id)
    }

    /// The name shown on the language switch.
    pub fn label(self) -> &'static str {
        match self {
            Language::Rust => "Rust",
            Language::Python => "Python",
        }
    }
}

/// A program as text, and where each step's statement is in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeView {
    /// The language the program is written in.
    pub language: Language,
    /// The program, one statement per line, ending with a newline.
    pub text: String,
    /// The 0-based line of every step of every task and helper, exactly one entry per step, in the
    /// order the lines appear. The never-awaited mode lists them too: the bodies are shown although
    /// they never run.
    pub step_lines: Vec<(StepId, usize)>,
    /// Each step's statement without its comment (`await asyncio.sleep(45)`), in `step_lines` order.
    pub statements: Vec<String>,
}

impl CodeView {
    /// The text, each line that has steps marked at its end (`◂ task 1 #0, helper 0 #0`): what
    /// the writers' data-driven tests compare.
    #[cfg(all(test, not(target_arch = "wasm32")))]
    pub(crate) fn marked(&self) -> String {
        use crate::recipe::Routine;
        let view = self;
        let mut out = String::new();
        for (i, line) in view.text.lines().enumerate() {
            let marks: Vec<String> = view
                .step_lines
                .iter()
                .filter(|(_, l)| *l == i)
                .map(|(id, _)| match id.routine {
                    Routine::Task(t) => format!("task {t} #{}", id.index),
                    Routine::Helper(h) => format!("helper {h} #{}", id.index),
                })
                .collect();
            out.push_str(line);
            if !marks.is_empty() {
                out.push_str("  ◂ ");
                out.push_str(&marks.join(", "));
            }
            out.push('\n');
        }
        out
    }

    /// Asserts what the stage's cursor needs of a view of `recipe`'s steps (`name` says which
    /// in a failure): every step of every lane and helper has exactly one line, within the text,
    /// no line is marked for a step the recipe lacks, each step has its statement, and the steps
    /// are in the order of their lines. The writers' tests share it.
    #[cfg(all(test, not(target_arch = "wasm32")))]
    pub(crate) fn assert_one_line_per_step(&self, recipe: &crate::recipe::Recipe, name: &str) {
        use crate::recipe::Routine;
        let view = self;
        let lines = view.text.lines().count();
        let lanes = recipe
            .tasks
            .iter()
            .enumerate()
            .map(|(t, task)| (Routine::Task(t), task.steps.len()));
        let helpers = recipe
            .helpers
            .iter()
            .enumerate()
            .map(|(h, helper)| (Routine::Helper(h), helper.steps.len()));
        let mut steps = 0;
        for (routine, count) in lanes.chain(helpers) {
            for index in 0..count {
                let id = StepId { routine, index };
                let found = view.step_lines.iter().filter(|(s, _)| *s == id).count();
                assert_eq!(found, 1, "{name}: {id:?} has {found} lines\n{}", view.text);
                assert!(
                    view.line_of(id).is_some_and(|l| l < lines),
                    "{name}: {id:?} has no line"
                );
                steps += 1;
            }
        }
        assert_eq!(
            view.step_lines.len(),
            steps,
            "{name}: a line is marked for a step the drawing does not have"
        );
        assert_eq!(view.statements.len(), steps, "{name}: statements");
        assert!(
            view.step_lines.windows(2).all(|w| w[0].1 <= w[1].1),
            "{name}: the steps are not in the order of their lines"
        );
    }

    /// The 0-based line of a step's statement, if the step is in the program.
    pub fn line_of(&self, step: StepId) -> Option<usize> {
        self.step_lines
            .iter()
            .find(|(id, _)| *id == step)
            .map(|&(_, line)| line)
    }

    /// A step's statement without its comment, such as `sleep(45).await;`, if the step is shown.
    pub fn statement_of(&self, step: StepId) -> Option<&str> {
        self.step_lines
            .iter()
            .position(|(id, _)| *id == step)
            .and_then(|i| self.statements.get(i))
            .map(String::as_str)
    }
}

/// The program that runs `recipe` in `mode`, in `language`.
///
/// In the processes mode the pool has [`DEFAULT_COOKS`] cooks; [`code_on_cooks`] chooses another
/// size. Never panics, even for a recipe that validation would reject (an unknown helper, a name that
/// is a keyword): such names are made into identifiers so the view can still be shown.
pub fn code(recipe: &Recipe, mode: Mode, language: Language) -> CodeView {
    view(recipe, mode, DEFAULT_COOKS, language)
}

/// The program that runs `recipe` in the processes mode on a pool of `cooks` Web Workers (Rust) or
/// worker processes (Python), in `language`.
///
/// `cooks` is kept to what a run can use, 1 to [`MAX_COOKS`], as the pool itself is. The views of
/// the other modes use no cooks: [`code`] writes them.
pub fn code_on_cooks(recipe: &Recipe, cooks: usize, language: Language) -> CodeView {
    view(recipe, Mode::Processes, cooks.clamp(1, MAX_COOKS), language)
}

/// The view of `recipe` in `mode`, where `cooks` matters only to the processes mode.
fn view(recipe: &Recipe, mode: Mode, cooks: usize, language: Language) -> CodeView {
    if mode == Mode::Threads {
        // The threads mode's views are [`threads_code`]'s, which only what runs that mode calls:
        // a seam that keeps their writers out of the page's first look.
        return writer::Writer::new(language).finish();
    }
    match language {
        Language::Rust => rust::code(recipe, mode, cooks),
        Language::Python => python::code(recipe, mode, cooks),
    }
}

/// The program that runs `recipe` in `mode`, in `language`, its tasks written `way`: as callbacks,
/// as state machines (generators in Python) or with async/await ([`code`]).
///
/// A way that does not apply to the mode ([`Way::applies_to`]) gives the async/await program, the
/// only one there is. Every way's program prints the same lines in the same order, and its steps
/// each have one line, as [`code`]'s do, so the cursor marks the running line in whichever is shown.
pub fn code_in_way(recipe: &Recipe, mode: Mode, language: Language, way: Way) -> CodeView {
    if way == Way::Async || !way.applies_to(mode) {
        return code(recipe, mode, language);
    }
    match language {
        Language::Rust => rust::in_way(recipe, mode, way),
        Language::Python => python::in_way(recipe, mode, way),
    }
}

/// The Python twin of `recipe` in `mode`, its tasks written `way`, as a file that runs as is in
/// CPython 3.8 or later, as [`python_file`] is.
pub fn python_file_in_way(recipe: &Recipe, mode: Mode, way: Way) -> String {
    if way == Way::Async || !way.applies_to(mode) {
        return python_file(recipe, mode, DEFAULT_COOKS);
    }
    python::file_in_way(recipe, mode, way)
}

/// The Python twin of `recipe` in `mode` as a file that runs as is in CPython 3.8 or later: what
/// *Copy* and *Download .py* give.
///
/// It is the view [`code`] writes (on `cooks` worker processes in the processes mode, as
/// [`code_on_cooks`]) with a small header and footer: the imports, one `SCALE` (seconds of real time
/// per unit, the recipe's `scale_ms / 1000`) applied to every sleep and work, a `work` that busy-waits
/// on `time.perf_counter()`, and `main` timed, ending with a line such as `Total time: 60.1 min
/// (1202 ms)`. Before that line it prints what the page's console prints, in the same order.
///
/// The threads mode's file is [`threads_python_file`]'s: here it is empty.
pub fn python_file(recipe: &Recipe, mode: Mode, cooks: usize) -> String {
    if mode == Mode::Threads {
        return String::new();
    }
    python::file(recipe, mode, cooks.clamp(1, MAX_COOKS))
}

/// The threads mode's program for `recipe` on a pool of `threads` threads (one per task unless the
/// learner says otherwise: [`crate::gil::Gil::default_threads`]), in `language`: the tasks as plain
/// functions, `ThreadPoolExecutor` in Python and a pool of threads taking turns on a `Mutex` named
/// `GIL` in Rust. [`code`] leaves the threads mode to this function, so that the page's first look
/// holds none of it.
///
/// `free`: the free-threaded mode's, the same program run by a free-threaded Python, and in Rust
/// without the lock.
pub fn threads_code(recipe: &Recipe, language: Language, threads: usize, free: bool) -> CodeView {
    let threads = threads.clamp(1, MAX_COOKS);
    match language {
        Language::Rust => rust::threads_code(recipe, threads, free),
        Language::Python => python::threads_code(recipe, threads, free),
    }
}

/// [`threads_code`]'s Python as a file that runs as is in CPython 3.8 or later, as
/// [`python_file`] is for the other modes.
pub fn threads_python_file(recipe: &Recipe, threads: usize) -> String {
    python::threads_file(recipe, threads.clamp(1, MAX_COOKS), false)
}

/// The name [`python_file`] is saved under: the lesson's id, or else the recipe's title, made safe
/// (lower case ASCII, `_` for the rest), then the mode: `cake_gather.py`.
pub fn python_file_name(lesson: Option<&str>, title: &str, mode: Mode) -> String {
    python::file_name(lesson, title, mode)
}
