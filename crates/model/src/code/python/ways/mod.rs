//! (Being written.)

use super::super::CodeView;
use super::Form;
use crate::mode::Mode;
use crate::recipe::Recipe;
use crate::way::Way;

/// (Being written.)
pub(super) fn program(recipe: &Recipe, mode: Mode, _way: Way, form: Form) -> CodeView {
    super::program(recipe, mode, super::super::DEFAULT_COOKS, form)
}
