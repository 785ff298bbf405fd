//! The learner's own Python, read: a stated subset of the language, from its text to a syntax tree
//! with a place on every statement, for the page to run as it runs everything else.
//!
//! This module owns reading Python; it knows nothing of the browser and reads no clock. `lex`
//! splits the text into tokens (indentation, strings and f-strings included), `parse` reads them
//! into the tree of `ast`, whose shapes `token` and `ast` define.
//!
//! Why a reader of its own: a full Python parser compiled to WebAssembly (RustPython's, or CPython
//! itself in Pyodide) is more than 550 KB gzip — twice the page's whole first look — for a grammar
//! the page needs a small part of. The subset is the one the asyncio tutorials and the programs
//! learners write about them use (the README states it); everything else is an error that names
//! the construct and says what to write instead, and syntax errors use CPython's own words.
//! `run_in_cpython.py` and the `corpus` beside this file hold what the page makes of a program to
//! what CPython makes of it.

pub mod as_recipe;
pub mod as_rust;
pub mod ast;
pub mod asyncio;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod cpython;
pub mod drawn;
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod fixtures;
pub mod format;
pub mod lex;
pub mod lower;
pub mod parse;
pub mod process;
pub mod program;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod readback;
pub mod token;
pub mod value;

pub use lower::{Form, read};
pub use parse::parse;
