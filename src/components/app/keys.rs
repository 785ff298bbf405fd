//! The stage's keys and playback's ticker: ← → Home End move the cursor from anywhere on the page
//! but a field that uses them, and while the stage plays, the cursor moves once per frame.
//!
//! Listening to keys and frames is `web::keys`'s and `web::ticker`'s; both only dispatch stage
//! actions, and nothing here holds a timer in the state.

use yew::prelude::*;

use crate::components::store::KitchenHandle;
use crate::state::{Action, StageAction};
use crate::web;
use crate::web::keys::Key;

/// Moves the stage's cursor with the keyboard, and with the page's frames while it plays.
#[hook]
pub fn use_stage_keys(kitchen: &KitchenHandle) {
    let dispatcher = kitchen.dispatcher();
    use_effect_with((), move |_| {
        let listener = web::keys::listen(move |key| {
            dispatcher.dispatch(Action::Stage(match key {
                Key::Previous => StageAction::Step(-1),
                Key::Next => StageAction::Step(1),
                Key::Start => StageAction::ToStop(0),
                Key::End => StageAction::ToStop(usize::MAX),
            }))
        });
        move || drop(listener)
    });

    let dispatcher = kitchen.dispatcher();
    use_effect_with(kitchen.stage.playing.is_some(), move |&playing| {
        let ticker = playing.then(|| {
            web::ticker::Ticker::start(move |ms| {
                dispatcher.dispatch(Action::Stage(StageAction::Tick(ms)))
            })
        });
        move || drop(ticker)
    });
}
