//! What the page shows, as data and markup text, without the page: the timeline charts laid out and
//! drawn, the event loop panel, the result cards, and the markup writer they share.
//!
//! This crate owns the views that only show (no listener, no input, no focus to keep), written as
//! text rather than virtual nodes because every element `html!` builds is code in the download. It
//! is pure like the model — no yew, web-sys, js-sys, gloo or wasm-bindgen, no clock — so its
//! layouts and markup are tested natively; `components` puts them on the page.

pub mod compare;
pub mod lens;
pub mod loop_panel;
pub mod markup;
pub mod result_card;
pub mod steps_reference;
pub mod timeline;
pub mod way_switch;
