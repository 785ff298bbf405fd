//! The live heartbeat beside the Run button: a dot moved one step and a counter raised by every
//! frame the page draws, so that a freeze is felt: while a run holds the thread, no frame is drawn
//! and the dot stands still; when the page draws again it says how long it froze.
//!
//! `requestAnimationFrame` on the page's own thread, never a CSS animation: browsers run those on
//! the compositor, which keeps them moving while the page is frozen, and they would prove nothing.
//! Each frame changes a transform and a text node written here, not a Yew render. It beats from
//! the page's start to its end, so it is started once, by `boot`, and never stopped. This module owns
//! the heartbeat's markup inside its element and its record of stops (`data-beats`; `data-stops`,
//! `beat:ms` pairs; `data-stopped` while a stop is said); the page only renders the empty element.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_render::{AnimationFrame, request_animation_frame};
use kitchen_model::format::{self, Fixed};
use kitchen_model::freeze::FREEZE_MS;
use web_sys::Element;

use super::document;

/// How many steps the dot takes to cross its track: half a second at 60 frames a second.
const STEPS: u32 = 30;
/// The track's length in CSS pixels (the style sheet's `.hb-track` less the dot).
const TRACK_PX: u32 = 26;
/// The heartbeat's name, which a stop's words replace for a while, in the same fixed-width place,
/// so that nothing around it moves.
const WORD: &str = "heartbeat";
/// How long the words on a stop stay up after the page draws again, in milliseconds.
const SHOWN_MS: f64 = 5000.0;
/// The page's first frames, in which it draws itself: their stops are kept, not said.
const FIRST_FRAMES: u32 = 10;
/// How many stops `data-stops` keeps, newest last.
const KEPT: usize = 8;

/// The heartbeat's elements (once found), what it has counted, and its next frame's request.
struct Beat {
    id: &'static str,
    parts: Option<[Element; 4]>,
    beats: u32,
    last: Option<f64>,
    stops: Vec<(u32, f64)>,
    /// Until when a stop's words are up, and the stop they tell of.
    shown_until: Option<f64>,
    shown_ms: f64,
    next: Option<AnimationFrame>,
}

/// Starts the heartbeat, for as long as the page lives, in the element with the id `id`: found at
/// the first frame it is on the page (and again should the page replace it), its parts written
/// into it then.
pub fn start(id: &'static str) {
    let beat = Beat {
        id,
        parts: None,
        beats: 0,
        last: None,
        stops: Vec::new(),
        shown_until: None,
        shown_ms: 0.0,
        next: None,
    };
    schedule(Rc::new(RefCell::new(beat)));
}

/// Asks for the next frame. The request is kept in the beat it calls, which keeps both alive.
fn schedule(beat: Rc<RefCell<Beat>>) {
    let again = beat.clone();
    let frame = request_animation_frame(move |stamp| {
        // The clock read now, not the frame's own time stamp: a frame asked for during a freeze can
        // be stamped before the freeze ended, and would shorten the stop it ends. Read now, a stop
        // is never shorter than the hold of the thread that caused it.
        let now = web_sys::window()
            .and_then(|w| w.performance())
            .map_or(stamp, |p| p.now());
        again.borrow_mut().frame(now);
        schedule(again);
    });
    beat.borrow_mut().next = Some(frame);
}

impl Beat {
    /// The element and its parts: the dot, the count and the word (its name, or a stop's words).
    fn parts(&mut self) -> Option<[Element; 4]> {
        if let Some(parts) = self.parts.as_ref().filter(|p| p[0].is_connected()) {
            return Some(parts.clone());
        }
        let root = document()?.get_element_by_id(self.id)?;
        root.set_inner_html(
            r#"<span class="hb-track"><span class="hb-dot"></span></span><span class="hb-word">heartbeat</span><span class="hb-count"></span>"#,
        );
        let part = |class: &str| root.query_selector(class).ok().flatten();
        let parts = [
            part(".hb-dot")?,
            part(".hb-count")?,
            part(".hb-word")?,
            root,
        ];
        self.parts = Some(parts.clone());
        Some(parts)
    }

    /// One frame: the dot steps, the count rises, and a gap since the last frame long enough to be
    /// a freeze is said and kept.
    fn frame(&mut self, now: f64) {
        self.beats = self.beats.wrapping_add(1);
        let gap = self.last.map(|last| now - last).filter(|g| *g >= FREEZE_MS);
        self.last = Some(now);
        let Some([dot, count, word, root]) = self.parts() else {
            return;
        };
        if self.shown_until.is_some_and(|until| now > until) {
            let _ = root.remove_attribute("data-stopped");
            word.set_text_content(Some(WORD));
            self.shown_until = None;
        }
        if let Some(gap) = gap {
            if self.stops.len() == KEPT {
                self.stops.remove(0);
            }
            self.stops.push((self.beats, gap));
            let mut kept = String::new();
            for (beat, ms) in &self.stops {
                kept.push_str(&format!(",{beat}:{}", Fixed(*ms, 1)));
            }
            let _ = root.set_attribute("data-stops", &kept[1..]);
            // The longest stop stays said: the page's redraw after a blocking run is a short
            // freeze of its own, which must not hide the run's. The page's first frames, while
            // it draws itself, are kept but not said.
            let said = self.beats > FIRST_FRAMES;
            if said && (self.shown_until.is_none() || gap >= self.shown_ms) {
                let _ = root.set_attribute("data-stopped", "");
                word.set_text_content(Some(&format!("froze {}", format::duration(gap))));
                self.shown_until = Some(now + SHOWN_MS);
                self.shown_ms = gap;
            }
        }
        // Out and back: the dot's place depends only on how many frames were drawn.
        let step = self.beats % (2 * STEPS);
        let step = if step > STEPS { 2 * STEPS - step } else { step };
        let x = step * TRACK_PX / STEPS;
        let _ = dot.set_attribute("style", &format!("transform:translateX({x}px)"));
        let beats = self.beats.to_string();
        count.set_text_content(Some(&beats));
        let _ = root.set_attribute("data-beats", &beats);
    }
}
