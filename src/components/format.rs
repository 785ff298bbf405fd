//! Number formatting for the components: the model's, so the page and its narration agree.

pub use crate::model::format::{Fixed, Short, millis, units};
