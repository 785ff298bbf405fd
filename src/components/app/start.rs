//! What the page opens with: a link or saved work, read once, and the first state built from it
//! with what the browser and the learner's progress add.
//!
//! Which of a link and saved work wins, and what a link opens, is `kitchen_state::startup`'s,
//! tested natively; this file reads the browser's side of it (storage, the address bar, the cores)
//! once, when the page mounts.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::components::store::{KitchenHandle, Store};
use crate::state::saved::Saved;
use crate::state::{Notice, Startup, startup};
use crate::web;

/// What the page read when it opened.
pub struct Boot {
    /// The first state and the switches the link set (embed, autorun).
    pub start: Startup,
    /// The link's parameters as read from the fragment or the query, for opening its recipe once
    /// inflated.
    pub params: String,
    /// What is saved now: the App's saving hook keeps it up to date, so that a lesson opened from
    /// the library comes back with the learner's draft.
    pub saved: Rc<RefCell<Saved>>,
    /// Something to tell the learner about what was stored, if it could not all be read.
    notice: Option<String>,
}

/// Reads the link and the saved work, once.
#[hook]
pub fn use_boot() -> Rc<Boot> {
    use_memo((), |()| {
        let loaded = web::storage::load();
        let params = web::location::params();
        Boot {
            start: startup(&params, &loaded.saved),
            params,
            saved: Rc::new(RefCell::new(loaded.saved)),
            notice: loaded.notice,
        }
    })
}

/// The page's state, first built from `boot`: the browser's cores, and the learner's progress unless
/// the page is embedded (an embedded page's progress is the course page's to keep, by SPLICE, and the
/// learner's own stays as it is).
#[hook]
pub fn use_kitchen(boot: &Boot) -> KitchenHandle {
    use_reducer(|| {
        let mut kitchen = boot.start.kitchen.clone();
        if kitchen.notice.is_none() {
            kitchen.notice = boot.notice.clone().map(Notice::problem);
        }
        // The processes mode's default number of cooks depends on the cores the browser reports.
        kitchen.cores = web::cores();
        if !boot.start.embed {
            let (progress, notice) = web::storage::progress::load();
            kitchen.progress = Rc::new(progress);
            if kitchen.notice.is_none() {
                kitchen.notice = notice.map(Notice::problem);
            }
        }
        kitchen.predict();
        Store::new(kitchen)
    })
}
