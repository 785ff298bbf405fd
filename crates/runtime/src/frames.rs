//! Frames: the heartbeat that proves the page could draw, and waiting for the next frame.

use std::cell::RefCell;
use std::rc::Rc;

use futures::channel::oneshot;
use futures::future::{Either, select};
use gloo_render::{AnimationFrame, request_animation_frame};
use gloo_timers::future::TimeoutFuture;

use super::recorder::Recorder;
use kitchen_model::EventKind;

/// Records a [`EventKind::Frame`] for every frame the page draws, until dropped.
///
/// It uses `requestAnimationFrame`, which runs on the main thread just before a frame is drawn, so
/// its gaps are exactly the page's freezes. A CSS animation would be no proof: the compositor keeps
/// it moving while the main thread is blocked.
pub struct Heartbeat {
    // Holding the current request keeps the loop alive; dropping it cancels the pending callback.
    _frame: Rc<RefCell<Option<AnimationFrame>>>,
}

impl Heartbeat {
    /// Starts recording frames into `recorder`.
    pub fn start(recorder: Recorder) -> Heartbeat {
        let slot = Rc::new(RefCell::new(None));
        schedule(Rc::downgrade(&slot), recorder);
        Heartbeat { _frame: slot }
    }
}

fn schedule(slot: std::rc::Weak<RefCell<Option<AnimationFrame>>>, recorder: Recorder) {
    let Some(strong) = slot.upgrade() else {
        return;
    };
    let next = slot.clone();
    let frame = request_animation_frame(move |_| {
        recorder.record(EventKind::Frame);
        schedule(next, recorder);
    });
    *strong.borrow_mut() = Some(frame);
}

/// Completes when the page has drawn its next frame, or after `limit_ms` if it draws none.
///
/// Hidden tabs draw no frames at all; the limit keeps a run from hanging there.
pub async fn next_frame(limit_ms: u32) {
    let (tx, rx) = oneshot::channel::<()>();
    let _frame = request_animation_frame(move |_| {
        let _ = tx.send(());
    });
    if let Either::Right(_) = select(rx, TimeoutFuture::new(limit_ms)).await {
        // No frame in time: the tab is probably hidden. The caller goes on regardless.
    }
}
