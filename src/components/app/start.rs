//! What the page opens with: a link or saved work, read once, and the first state built from it
//! with what the browser and the learner's progress add.
//!
//! Which of a link and saved work wins, and what a link opens, is `kitchen_state::startup`'s,
//! tested natively; this file reads the browser's side of it (storage, the address bar, the cores)
//! once, before the page mounts ([`read_first`], which fetches the lessons' chunk first when they
//! name a lesson the first module does not hold).

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::components::lazy;
use crate::components::store::{KitchenHandle, Store};
use crate::model::lesson;
use crate::state::saved::Saved;
use crate::state::{Notice, Startup, startup_with, wanted_lesson};
use crate::web;
use crate::web::storage::Loaded;

thread_local! {
    /// The link's parameters and the saved work, as [`read_first`] read them.
    static READ: RefCell<Option<(String, Loaded)>> = const { RefCell::new(None) };
}

/// Reads the link and the saved work before the page mounts, and when they name a lesson the
/// page's first module does not hold, fetches the lessons' chunk first, so that the page opens on
/// that lesson (the loading message stays meanwhile). If it cannot be downloaded, the page opens
/// its first lesson and says why ([`startup_with`]'s notice).
pub async fn read_first() {
    let loaded = web::storage::load();
    let params = web::location::params();
    if wanted_lesson(&params, &loaded.saved)
        .is_some_and(|id| id != lesson::FIRST && lesson::is_lesson(&id))
    {
        // A failure is told once the page is up.
        let _ = lazy::LESSONS.get().await;
    }
    READ.set(Some((params, loaded)));
}

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
        let (params, loaded) = READ
            .take()
            .unwrap_or_else(|| (web::location::params(), web::storage::load()));
        let start = startup_with(&params, &loaded.saved, lazy::lesson_at_hand);
        Boot {
            start,
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
