//! Async Kitchen: real Rust futures on the browser's one thread, against a blocking baseline.
//!
//! The page is one crate per layer (ARCHITECTURE.md); this one is the top: the Yew components and
//! the mounting. The layers below are re-exported under the names the page's code uses:
//!
//! - [`model`] (`kitchen-model`): pure data and logic (recipes, modes, lessons, the prediction,
//!   timelines, replay, code views, exercises); no web crates, no clock.
//! - [`views`] (`kitchen-views`): what the page shows as data and markup text (the timeline charts,
//!   the event loop panel, the result cards); pure.
//! - [`state`] (`kitchen-state`): the page's state and its reducer, what the page opens with and
//!   keeps; pure.
//! - [`runtime`] (`kitchen-runtime`): the page's real execution of a recipe, recording what
//!   happened; the browser, never Yew.
//! - [`web`] (`kitchen-web`): the browser glue that is neither execution nor rendering: storage, the
//!   address bar, the clipboard, downloads, the parent frame, keys and the ticker.
//! - [`components`]: Yew components that render the state and send the learner's intent back as
//!   actions; [`boot`]: mounting the page and the panic hook.
//! - `bench`: the hooks `cargo xtask bench` and the hook tests call, compiled only with the `bench`
//!   feature (the build in `target/dist-bench/`), never into the page learners download.
//!
//! No unsafe code, except what `#[wasm_split]` writes for the chunks loaded on first use, which
//! `components::lazy` allows on those items alone (`unsafe_code = "deny"` in Cargo.toml's lints).

#[cfg(all(target_arch = "wasm32", feature = "bench"))]
pub mod bench;
pub mod boot;
pub mod components;

pub use kitchen_model as model;
pub use kitchen_runtime as runtime;
pub use kitchen_state as state;
pub use kitchen_views as views;
pub use kitchen_web as web;
