//! The Present switch, kept under a key of its own ([`PRESENT_KEY`]): it belongs to the screen the
//! page is shown on (a projector), not to the learner's work, so it is neither a draft nor progress
//! and travels in no saved JSON.
//!
//! The stored value is `on` or nothing: anything else reads as off, and a storage that throws
//! reads as off and keeps nothing, which costs a teacher one click.

use super::local_storage;

/// The key the switch is stored under.
pub const PRESENT_KEY: &str = "async-kitchen/v1/present";

/// Whether Present was left on in this browser.
pub fn load() -> bool {
    local_storage()
        .and_then(|s| s.get_item(PRESENT_KEY).ok().flatten())
        .is_some_and(|v| v == "on")
}

/// Keeps the switch for the next visit; a storage that refuses is ignored, as the switch is one
/// click to set again and worth no notice.
pub fn save(on: bool) {
    if let Some(storage) = local_storage() {
        let _ = if on {
            storage.set_item(PRESENT_KEY, "on")
        } else {
            storage.remove_item(PRESENT_KEY)
        };
    }
}
