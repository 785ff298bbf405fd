//! The key to the timeline charts: the five states' patterns, the planned strip, polls and wakes,
//! the thread and the cooks', the heartbeat's frames, freezes and end markers, each drawn exactly as the charts
//! draw it.
//!
//! This module owns the legend's wording. Its swatches use the charts' own classes and a pattern set
//! of their own (suffix `legend`), so the legend never depends on which charts are on the page.

use kitchen_model::State;

use super::rows::Paint;
use super::style::{defs_markup, paint};

/// What each of the five states means.
const STATES: [(State, &str); 5] = [
    (State::Running, "holds the thread, doing work"),
    (State::Waiting, "suspended on a timer; the thread is free"),
    (State::Ready, "could run, but the thread is busy"),
    (State::Blocked, "sleeps while holding the thread"),
    (
        State::Starting,
        "sent to a cook, the message on its way — or a cook starting up",
    ),
];

/// The other marks: a swatch's shapes, the word and what it means.
const MARKS: [(&str, &str, &str); 8] = [
    (
        r#"<rect class="seg running" x="1" y="0" width="30" height="9"/><rect class="seg waiting" fill="url(#tl-waiting-legend)" x="1" y="11" width="30" height="5"/>"#,
        "planned",
        "the thin strip under a lane is the prediction, a perfect scheduler's timing",
    ),
    (
        r#"<path class="poll pending" d="M5,4V9M12,4V9"/><path class="poll ready" d="M22,4H28L25,9Z"/><rect class="seg running" x="1" y="10" width="30" height="6"/>"#,
        "poll",
        "the executor ran the task until it returned Pending (tick) or Ready (triangle)",
    ),
    (
        r#"<circle class="wake" cx="8" cy="2" r="2"/><circle class="wake" cx="22" cy="2" r="2"/><path class="poll pending" d="M22,4.5V9"/><rect class="seg waiting" fill="url(#tl-waiting-legend)" x="1" y="10" width="30" height="6"/>"#,
        "wake",
        "something (a timer, a yield) asked for the task to be polled again",
    ),
    (
        r#"<rect class="held held-0" x="1" y="1" width="10" height="14"/><rect class="held held-1" x="11" y="1" width="8" height="14"/><rect class="idle" x="20" y="1.5" width="11" height="13"/>"#,
        "thread",
        "who holds the one thread, one colour per task; dashed when idle",
    ),
    (
        r#"<rect class="seg starting" fill="url(#tl-starting-legend)" x="1" y="1" width="12" height="14"/><rect class="held held-2" x="13" y="1" width="12" height="14"/><rect class="idle" x="26" y="1.5" width="5" height="13"/>"#,
        "cooks",
        "in More cooks, each cook (a Web Worker) has a thread and a row of its own under the page's thread: its start-up, then who holds it",
    ),
    (
        r#"<path class="frame" d="M4,2V14M9,2V14M14,2V14M19,2V14M24,2V14M29,2V14"/>"#,
        "heartbeat",
        "each tick is a frame the page drew; where the ticks stop, the page could not draw",
    ),
    (
        r#"<rect class="freeze" x="1" y="1" width="30" height="14"/>"#,
        "freeze",
        "no frame for over 50 ms, so the page could not respond",
    ),
    (
        r#"<line class="marker planned" x1="10" x2="10" y1="0" y2="16"/><line class="marker end" x1="22" x2="22" y1="0" y2="16"/>"#,
        "ends",
        "dashed where the prediction ends, solid where the run did (or is now)",
    ),
];

/// The legend's markup: the states drawn with the charts' own paint, then the other marks.
pub fn markup() -> String {
    let mut out = String::from(
        r#"<div class="timeline-legend"><svg class="tl-svg tl-legend-defs" width="0" height="0" aria-hidden="true" focusable="false">"#,
    );
    out.push_str(&defs_markup("legend"));
    out.push_str(r#"</svg><ul class="legend" aria-label="How to read the timelines">"#);
    for (state, meaning) in STATES {
        let (class, fill) = paint(Paint::State(state), "legend");
        let fill = fill.map_or_else(String::new, |f| format!(r#" fill="{f}""#));
        let shape = format!(r#"<rect class="{class}"{fill} x="1" y="1" width="30" height="14"/>"#);
        item(&mut out, &shape, state.word(), meaning);
    }
    for (shape, word, meaning) in MARKS {
        item(&mut out, shape, word, meaning);
    }
    out.push_str("</ul></div>");
    out
}

/// One entry: a small picture drawn with the charts' classes, the word and what it means (in a
/// span of its own, which the key beside a presented chart hides: the entry's title keeps it). The words
/// are the page's own and contain no markup characters but the apostrophe.
fn item(out: &mut String, shape: &str, word: &str, meaning: &str) {
    out.push_str(&format!(
        r#"<li title="{meaning}"><svg class="tl-svg swatch" viewBox="0 0 32 16" width="32" height="16" aria-hidden="true" focusable="false">{shape}</svg><span><strong>{word}</strong><span class="meaning">: {meaning}</span></span></li>"#
    ));
}
