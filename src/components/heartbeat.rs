//! The live heartbeat beside the Run button: its empty element, which `web::heartbeat` (started by
//! `boot`) draws into every frame.
//!
//! The element is plain markup in the controls, not a component of its own: the frames' changes are
//! the web glue's, written straight into it, never a Yew render, and a component would only add
//! code to the first look.

use yew::prelude::*;

/// The id of the heartbeat's element.
pub const HEARTBEAT_ID: &str = "heartbeat-live";

/// The heartbeat's element, empty until the first frame writes its parts. A screen reader hears
/// what it is, not a count that changes sixty times a second.
pub fn heartbeat_live() -> Html {
    html! {
        <span id={ HEARTBEAT_ID } class="heartbeat-live" data-testid="heartbeat-live" role="img"
              aria-label="The page's heartbeat: a dot moved by every frame the page draws. It stops while a run holds the thread."
              title="Moved by every frame the page draws: it stops while a run holds the thread"></span>
    }
}
