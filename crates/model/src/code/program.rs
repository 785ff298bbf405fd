//! A learner's program's code views: their own text, and the program in the other language (the
//! Rust the page runs for a Python program, the Python twin of a Rust one).
//!
//! The other language is written by the program's reader's chunk (`python::as_rust`,
//! `rust::as_python`) the first time the code panel's tab asks for it, not at every key press: at
//! the page's limit the learner's text is 256 KiB, and most learners never open the tab. This type
//! holds the writer as a closure, so that the first look, which draws the tab, holds none of the
//! writer's code.

use std::cell::OnceCell;
use std::fmt;
use std::rc::Rc;

use super::{CodeView, Language};

/// A learner's program as the code panel shows it, in either language.
pub struct ProgramCode {
    /// The learner's own text, with the line of every step.
    pub own: Rc<CodeView>,
    /// The program in the other language, once written.
    other: OnceCell<Rc<CodeView>>,
    /// Writes it.
    write_other: Box<dyn Fn() -> CodeView>,
}

impl ProgramCode {
    /// The program's views: `own`, the learner's text, and the other language's, which
    /// `write_other` writes when first asked.
    pub fn new(own: Rc<CodeView>, write_other: impl Fn() -> CodeView + 'static) -> ProgramCode {
        ProgramCode {
            own,
            other: OnceCell::new(),
            write_other: Box::new(write_other),
        }
    }

    /// The view in `language`: the learner's own text in theirs, else the other language's.
    pub fn view(&self, language: Language) -> Rc<CodeView> {
        if language == self.own.language {
            return self.own.clone();
        }
        self.other
            .get_or_init(|| Rc::new((self.write_other)()))
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
            .field("other", &self.other.get().is_some())
            .finish()
    }
}
