//! Yew components: the page the learner sees, one component per file; the timeline and the stage,
//! made of several, have a folder each.
//!
//! Components render model data and send user intent up through `on_*` callbacks. They hold no timer
//! handles in state and compute no timings: runs go through [`crate::runtime`], and what a run means
//! comes from [`crate::model`]. [`App`] alone wires the page to the runtime and to [`crate::web`].

pub(crate) mod app;
mod blocks;
mod code_view;
mod console;
mod controls;
mod editor;
mod embed_panel;
mod exercise;
mod export_bar;
mod four_ways;
mod heartbeat;
mod lazy;
mod lesson_intro;
mod library;
mod markup;
mod python_editor;
mod python_run;
mod share_bar;
mod stage;
pub mod store;
mod summary;
pub mod timeline;

pub use app::{App, read_first};
pub use heartbeat::HEARTBEAT_ID;
