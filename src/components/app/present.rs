//! Present, the page's projector switch: larger text, times in the lesson's unit only, no planned
//! strips, the key beside the stage's chart. This hook reads it once when the page opens (a link's
//! `present`, else what this browser kept), keeps it for the next visit, and puts it on the page's
//! root as the class `present`, which `style.css` restyles; the App hands it to the views that
//! write times. An embedded page keeps nothing: a lesson in slides is presented by its link.

use yew::prelude::*;

use super::start::Boot;
use crate::model::format::Times;
use crate::web;

/// Whether Present is on, and the way to turn it over.
#[derive(Clone, PartialEq)]
pub struct Present {
    /// Whether Present is on.
    pub on: bool,
    /// Turns Present on or off.
    pub toggle: Callback<MouseEvent>,
}

impl Present {
    /// How the page writes a run's times: in the lesson's unit only while presenting.
    pub fn times(&self) -> Times {
        if self.on {
            Times::UnitOnly
        } else {
            Times::Both
        }
    }
}

/// The Present switch: from the link or this browser's storage, kept and applied as it changes.
#[hook]
pub fn use_present(boot: &Boot) -> Present {
    let embed = boot.start.embed;
    let from_link = boot.start.present;
    let on = use_state(|| from_link || (!embed && web::storage::present::load()));
    use_effect_with(*on, |&on| web::drawer::root_class("present", on));
    let toggle = {
        let on = on.clone();
        Callback::from(move |_| {
            let next = !*on;
            if !embed {
                web::storage::present::save(next);
            }
            on.set(next);
        })
    };
    Present { on: *on, toggle }
}
