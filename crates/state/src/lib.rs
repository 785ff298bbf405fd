//! The page's state and every change to it, without the page: what is open, the editor's text,
//! the learner's choices, the runs, the stage's cursor and playback, the exercises and the
//! learner's progress, and what the page opens with and keeps between visits.
//!
//! - [`Kitchen`] (`kitchen`) is the state, with the questions the views ask of it (the recipe a run
//!   would use, the run on the stage, the runs to draw).
//! - [`Action`] (`action`) is everything that can happen to it, grouped by concern: what is open
//!   ([`Opening`]), the learner's choices ([`Choice`]), a run's life as the runtime reports it
//!   ([`RunEvent`], `runs`), the stage ([`StageAction`], `stage`), the exercises ([`QuizAction`],
//!   `quiz`) and the progress ([`ProgressAction`]).
//! - [`Kitchen::apply`] (`reduce`) is the reducer, one small function per concern; the runs' and
//!   the stage's have files of their own. The data types sit below it and never import it.
//! - `startup` decides what a link or saved work opens, `saved` what the page keeps between visits.
//! - [`Concealed`] (`conceal`) is what an unanswered exercise keeps off the screen: the prediction
//!   of the mode it asks about.
//!
//! This crate is pure like the model — no yew, web-sys, js-sys, gloo or wasm-bindgen, no clock — so
//! the reducer is tested natively. It starts no run, touches no storage and reads no address bar:
//! the page does those and reports back through actions. Yew's `Reducible` is a thin adaptor in
//! `components::store`.
//!
//! Cloning a [`Kitchen`] is cheap by design: Yew's reducer clones the state once per action, and
//! playback sends one action per frame, so every large value (the editor's text, the runs, the
//! exercises, the progress) is behind an `Rc` and copied only when an action changes it.

pub mod action;
pub mod conceal;
pub mod kitchen;
pub mod quiz;
mod reduce;
pub mod runs;
pub mod saved;
pub mod stage;
pub mod startup;
pub mod written;

pub use action::{Action, Choice, Opening, ProgressAction};
pub use conceal::Concealed;
pub use kitchen::{Kitchen, MIN_COOK_CHOICE, Notice, Opened, Simulate};
pub use quiz::{Judge, Quiz, QuizAction, judge_by};
pub use runs::{COMPARED, Pool, RunEvent, default_workers};
pub use stage::{StageAction, StageView, Staged};
pub use startup::{
    Lessons, Startup, share_of, startup, startup_inflated, startup_inflated_with, startup_with,
    to_saved, wanted_lesson,
};
pub use written::{ReadProgram, Source, Written};

#[cfg(test)]
mod tests;

#[cfg(test)]
mod editing_tests;

#[cfg(test)]
mod written_tests;
