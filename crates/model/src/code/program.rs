//! A learner's program's code views: their own text, and the Rust the page runs for it.
//!
//! The Rust is written by the program's reader (`python::as_rust`, in the Python chunk) the first
//! time the code panel's Rust tab asks for it, not at every key press: at the page's limit the
//! learner's text is 256 KiB, and most learners never open the tab. This type holds the writer as
//! a closure, so that the first look, which draws the tab, holds none of the writer's code.

use std::cell::OnceCell;
use std::fmt;
use std::rc::Rc;

use super::{CodeView, Language};

/// A learner's program as the code panel shows it, in either language.
pub struct ProgramCode {
    /// The learner's own text, with the line of every step.
    pub own: Rc<CodeView>,
    /// The Rust, once written.
    rust: OnceCell<Rc<CodeView>>,
    /// Writes the Rust.
    write_rust: Box<dyn Fn() -> CodeView>,
}

impl ProgramCode {
    /// The program's views: `own`, the learner's text, and the Rust that `write_rust` writes when
    /// first asked.
    pub fn new(own: Rc<CodeView>, write_rust: impl Fn() -> CodeView + 'static) -> ProgramCode {
        ProgramCode {
            own,
            rust: OnceCell::new(),
            write_rust: Box::new(write_rust),
        }
    }

    /// The view in `language`: the learner's own text in theirs, else the Rust.
    pub fn view(&self, language: Language) -> Rc<CodeView> {
        if language == self.own.language {
            return self.own.clone();
        }
        self.rust
            .get_or_init(|| Rc::new((self.write_rust)()))
            .clone()
    }
}

/// One program's views are the same when they show the same text: a new reading of the learner's
/// text makes new views, and comparing 256 KiB at every render would cost what it saves.
impl PartialEq for ProgramCode {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.own, &other.own)
    }
}

impl fmt::Debug for ProgramCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProgramCode")
            .field("own", &self.own.language)
            .field("rust", &self.rust.get().is_some())
            .finish()
    }
}
