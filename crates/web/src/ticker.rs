//! A ticker for playback: a callback once per frame the page draws, told how many milliseconds of
//! the page's clock passed since the last one.
//!
//! `requestAnimationFrame` rather than a timer: playback moves the cursor once per frame, which is
//! as often as the page can show it, and a hidden tab stops it without burning the battery.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_render::{AnimationFrame, request_animation_frame};

/// Calls its callback every frame until dropped.
pub struct Ticker {
    // Holding the pending request keeps the loop alive; dropping it cancels the next callback.
    _frame: Rc<RefCell<Option<AnimationFrame>>>,
}

impl Ticker {
    /// Starts calling `tick` with the milliseconds since its previous call (since the start, the
    /// first time).
    pub fn start(tick: impl Fn(f64) + 'static) -> Ticker {
        let slot = Rc::new(RefCell::new(None));
        let tick: Rc<dyn Fn(f64)> = Rc::new(tick);
        schedule(Rc::downgrade(&slot), tick, None);
        Ticker { _frame: slot }
    }
}

fn schedule(slot: Weak<RefCell<Option<AnimationFrame>>>, tick: Rc<dyn Fn(f64)>, last: Option<f64>) {
    let Some(strong) = slot.upgrade() else {
        return;
    };
    let next = slot.clone();
    let frame = request_animation_frame(move |now| {
        // The first frame only sets the clock: a tick of zero would redraw for nothing.
        if let Some(last) = last {
            tick(now - last);
        }
        schedule(next, tick, Some(now));
    });
    *strong.borrow_mut() = Some(frame);
}
