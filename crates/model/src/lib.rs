//! The pure model: recipes, modes, lessons, recorded trace events and the timelines built from them.
//!
//! This module owns every piece of logic that can be decided without a browser. It must not import
//! `yew`, `web-sys`, `js-sys`, `gloo` or `wasm-bindgen`, and it must not read a clock: times come in as
//! numbers (milliseconds since a run began) so that everything here is tested natively and fast.

#[cfg(all(test, not(target_arch = "wasm32")))]
pub mod arbitrary;
pub mod code;
pub mod cooks;
pub mod exercise;
pub mod export;
pub mod fidelity;
pub mod format;
pub mod four_ways;
pub mod freeze;
pub mod gil;
pub mod lateness;
pub mod lesson;
pub mod mode;
pub mod predict;
pub mod python;
pub mod recipe;
pub mod replay;
pub mod run;
pub mod rust;
pub mod share;
pub mod sort;
pub mod text;
pub mod timeline;
pub mod timers;
pub mod trace;
pub mod turns;
pub mod way;

pub use lesson::{Concept, Expected, Lesson};
pub use mode::Mode;
pub use recipe::{Action, Asked, Instance, Recipe, Routine, Step, StepId, Task, Unit};
pub use timeline::{Lane, Segment, State, ThreadSpan, Timeline, Totals};
pub use trace::{Activity, Event, EventKind, Start, Trace};
pub use way::Way;
