//! Keeping the learner's work: saving what they type and choose, saving their progress, and the
//! address bar (a link read once and then forgotten, a link pasted into an open page, a link's
//! compressed recipe inflated).
//!
//! What is saved is `kitchen_state::startup::to_saved`'s to say; moving it in and out of the
//! browser is `web::storage`'s and `web::location`'s. An embedded lesson leaves the learner's own
//! work and progress alone.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::start::Boot;
use crate::components::lazy;
use crate::components::store::KitchenHandle;
use crate::model::share::Share;
use crate::model::text::limits::MAX_TEXT_BYTES;
use crate::state::saved::Saved;
use crate::state::{Action, Notice, Opening, startup_inflated_with, to_saved};
use crate::web;

/// Saves the learner's work as it changes (the text, the lesson, the mode, the scale, the language
/// they chose, their Python and which of the two is the program) into `saved`
/// and the browser's storage, and their progress through the exercises; says so when the browser
/// refuses.
#[hook]
pub fn use_saving(kitchen: &KitchenHandle, embed: bool, saved: Rc<RefCell<Saved>>) {
    {
        let key = (
            kitchen.opened.key().to_owned(),
            kitchen.text.clone(),
            kitchen.mode,
            kitchen.scale_ms.map(f64::to_bits),
            kitchen.chosen_language,
            kitchen.written.as_ref().map(|w| w.text.clone()),
            kitchen.lead,
        );
        let kitchen = kitchen.clone();
        use_effect_with(key, move |_| {
            if !embed {
                let next = to_saved(&kitchen, &saved.borrow());
                if let Err(why) = web::storage::save(&next) {
                    kitchen.dispatch(Action::Notify(Some(Notice::problem(why))));
                }
                *saved.borrow_mut() = next;
            }
        });
    }
    let kitchen = kitchen.clone();
    use_effect_with(kitchen.progress.clone(), move |progress| {
        if !embed && let Err(why) = web::storage::progress::save(progress) {
            kitchen.dispatch(Action::Notify(Some(Notice::problem(why))));
        }
    });
}

/// The address bar: once a link has been read, it is forgotten, so that a reload keeps the
/// learner's edits instead of reopening the link; a link pasted into the open page reloads it, as it
/// would open in a new tab; a link's compressed recipe is inflated by the browser and then opened.
/// Says whether the link's recipe is open (at once when it came uncompressed or there is no link).
#[hook]
pub fn use_link(kitchen: &KitchenHandle, boot: &Boot) -> bool {
    let (from_link, embed) = (boot.start.from_link, boot.start.embed);
    use_effect_with((), move |_| {
        if from_link && !embed {
            web::location::forget_link();
        }
    });

    // A pasted link changes only the fragment, and the browser does not reload for that: the page
    // does.
    use_effect_with((), |_| {
        let watcher = web::location::watch(|params| {
            let (share, errors) = Share::from_query_lenient(&params);
            if share != Share::default() || !errors.is_empty() {
                web::location::reload();
            }
        });
        move || drop(watcher)
    });

    // Inflating takes a moment: the page shows the rest of the link meanwhile.
    let ready = use_state(|| boot.start.deflated.is_none());
    {
        let (dispatcher, ready) = (kitchen.dispatcher(), ready.clone());
        let (deflated, params) = (boot.start.deflated.clone(), boot.params.clone());
        use_effect_with((), move |_| {
            if let Some(bytes) = deflated {
                wasm_bindgen_futures::spawn_local(async move {
                    let text = web::deflate::inflate(&bytes, MAX_TEXT_BYTES)
                        .await
                        .map_err(|e| e.to_string());
                    let opened = startup_inflated_with(&params, text, lazy::lesson_at_hand);
                    dispatcher.dispatch(Action::Open(Opening::Load(Box::new(opened.kitchen))));
                    ready.set(true);
                });
            }
        });
    }
    *ready
}
