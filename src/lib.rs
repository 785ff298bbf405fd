//! Async Kitchen: real Rust futures on the browser's one thread, against a blocking baseline.
//!
//! - [`model`]: pure data and logic (recipes, modes, lessons, timelines); no web crates, no clock.
//! - [`runtime`]: the page's real execution of a recipe, recording what happened.
//! - [`components`]: Yew components that render model data.
//! - [`web`]: the browser glue that is neither execution nor rendering: storage, the address bar,
//!   the clipboard, downloads, the parent frame.
//! - [`boot`]: mounting the page and the panic hook.
//! - `bench`: the hooks `cargo xtask bench` and the hook tests call, compiled only with the `bench`
//!   feature (the build in `target/dist-bench/`), never into the page learners download.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(all(target_arch = "wasm32", feature = "bench"))]
pub mod bench;
pub mod boot;
pub mod components;
pub mod model;
pub mod runtime;
pub mod web;
