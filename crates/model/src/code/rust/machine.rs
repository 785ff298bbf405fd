//! (Being written: see /work/notes/ways-spec.md.)

use super::super::CodeView;
use crate::mode::Mode;
use crate::recipe::Recipe;

/// (Being written.)
pub(super) fn code(recipe: &Recipe, mode: Mode) -> CodeView {
    super::code(recipe, mode, super::super::DEFAULT_COOKS)
}
