//! The messages about exercises and scores that an embedded page exchanges with its parent frame:
//! the page's own `async-kitchen:exercise`, and the SPLICE protocol's, which learning systems such as
//! Runestone, PreTeXt and CodeCheck speak.
//!
//! This module owns their shapes, as one-line JSON texts; `docs/embedding.md` documents them for the
//! people who consume them, so a change here is a change there. Like the rest of
//! [`crate::export`] it only builds strings: `web::embed` posts them and reads the answers.
//!
//! # The SPLICE protocol
//!
//! The shapes follow the SPLICE iframe protocol's specification (cssplice.org,
//! `slcp/iframe-protocol-specification.html` in the repository `CSSPLICE/CSSPLICE.github.io`) and
//! what its users really send and accept:
//!
//! - the frame sends `{subject: "SPLICE.reportScoreAndState", message_id, score, state}` whenever its
//!   score or state changes, `score` a number from 0 to 1 and `state` any object;
//! - the frame sends `{subject: "SPLICE.getState", message_id}` once it has loaded (the specification
//!   asks content to send it even when it wants no state, to tell the parent it is ready), and the
//!   parent answers `{subject: "SPLICE.getState.response", message_id, state}`, with the request's
//!   `message_id` and a `state` of `null` when it keeps none;
//! - the frame sends `{subject: "lti.frameResize", message_id, height}` whenever its height changes.
//!
//! Every `message_id` is "a unique string ID for this message"; the reference implementation
//! (`slcp/splice-iframe.js` in the same repository) and CodeCheck (`cayhorstmann/codecheck2`,
//! `public/codecheck2.js`) make a random UUID for each. Runestone's parent
//! (`RunestoneInteractive/rs`, `bases/rsptx/interactives/runestone/splice/js/spliceWrapper.ts`)
//! reads `event.data.subject`, stores `score` and `state`, and answers `SPLICE.getState` on
//! `event.source` with the stored state; PreTeXt (`PreTeXtBook/pretext`, `js/lti_iframe_resizer.js`)
//! sets the sending frame's height from `lti.frameResize` and its width too when the message has a
//! `width`, which is why the page never sends one: a lesson is as wide as the page that embeds it.
//! The specification's optional `domain_id` and `content_id` are left out, so a parent keys the state
//! by the frame's address, which names the lesson.

use super::json::quoted;
use crate::format::Short;

/// The `type` of the message the page posts to its parent for each exercise it checks.
pub const EXERCISE_MESSAGE: &str = "async-kitchen:exercise";

/// The `type` of the message a parent may post to the page to restore the learner's exercises: the
/// page's own twin of [`SPLICE_GET_STATE_RESPONSE`], with the same `state` field.
pub const RESTORE_MESSAGE: &str = "async-kitchen:restore";

/// The `subject` of the SPLICE message that reports the lesson's score and state to the parent.
pub const SPLICE_REPORT: &str = "SPLICE.reportScoreAndState";

/// The `subject` of the SPLICE message that asks the parent for the state it keeps.
pub const SPLICE_GET_STATE: &str = "SPLICE.getState";

/// The `subject` of the parent's answer to [`SPLICE_GET_STATE`], which carries the state in `state`.
pub const SPLICE_GET_STATE_RESPONSE: &str = "SPLICE.getState.response";

/// The `subject` of the message that asks the parent to give the frame a height, which SPLICE takes
/// from LTI's client-side messages (Canvas, Sakai, Moodle's message handler know it too).
pub const SPLICE_RESIZE: &str = "lti.frameResize";

/// A lesson's score for the parent: the share of its exercises solved, from 0 to 1, and 0 for a
/// lesson without exercises.
pub fn lesson_score(solved: usize, of: usize) -> f64 {
    if of == 0 {
        return 0.0;
    }
    score(solved as f64 / of as f64)
}

/// A message's `message_id`: unique within a page, as `n` counts the page's messages, and unlikely
/// to repeat between pages, as `page` is a random number drawn once per page (written in hex).
pub fn message_id(page: u32, n: u32) -> String {
    format!("async-kitchen-{page:08x}-{n}")
}

/// The message posted to the parent page when the learner checks an exercise (see
/// `docs/embedding.md` for every field).
///
/// `lesson` is the lesson's id, or `None` for a recipe of the learner's own; `exercise` counts from 0
/// among the lesson's `of` exercises; `kind` is the question's kind (`order`, `total`, `change` or
/// `make-it`); `correct` says whether this answer was right and `attempts` how many answers the
/// learner has checked for this exercise, this one included. `score` and `state` are the lesson's, as
/// in [`splice_report`]: `score` is kept between 0 and 1 (a number that is not finite counts as
/// 0), and `state` is a JSON text that is written
/// into the message as JSON, not as a string.
#[allow(clippy::too_many_arguments)]
pub fn exercise_message(
    lesson: Option<&str>,
    exercise: usize,
    of: usize,
    kind: &str,
    correct: bool,
    attempts: u32,
    score: f64,
    state: &str,
) -> String {
    format!(
        r#"{{"type":"{EXERCISE_MESSAGE}","lesson":{},"exercise":{exercise},"exercises":{of},"kind":{},"correct":{correct},"attempts":{attempts},"score":{},"state":{}}}"#,
        lesson.map_or_else(|| "null".to_owned(), quoted),
        quoted(kind),
        Short(self::score(score)),
        raw(state),
    )
}

/// SPLICE's `SPLICE.reportScoreAndState`: the lesson's score and the state that restores it.
///
/// `score` is kept between 0 and 1 (a number that is not finite counts as 0), as the protocol asks.
/// `state` is a JSON text, made by the page's own writer, and is written into the message as JSON,
/// not as a string, because the protocol's state is an object; it is not checked, so a text that is
/// not JSON makes a message that is not JSON either, which `web::embed::post` refuses to send. An
/// empty `state` is written as `null`.
pub fn splice_report(message_id: &str, score: f64, state: &str) -> String {
    format!(
        r#"{{"subject":"{SPLICE_REPORT}","message_id":{},"score":{},"state":{}}}"#,
        quoted(message_id),
        Short(self::score(score)),
        raw(state),
    )
}

/// SPLICE's `SPLICE.getState`: asks the parent for the state it has kept for this frame. The parent
/// answers with [`SPLICE_GET_STATE_RESPONSE`] and the same `message_id`.
pub fn splice_get_state(message_id: &str) -> String {
    format!(
        r#"{{"subject":"{SPLICE_GET_STATE}","message_id":{}}}"#,
        quoted(message_id),
    )
}

/// SPLICE's resize request, `lti.frameResize`: the height of the page's content in CSS pixels, which
/// the parent should give the frame. It has no `width` (see the module's documentation).
pub fn splice_resize(message_id: &str, height: u32) -> String {
    format!(
        r#"{{"subject":"{SPLICE_RESIZE}","message_id":{},"height":{height}}}"#,
        quoted(message_id),
    )
}

/// A score between 0 and 1: larger ones are 1, smaller ones 0, and so are NaN and the infinities,
/// which are no score at all (and `-0` is 0, so that it is written `0`).
fn score(score: f64) -> f64 {
    if !score.is_finite() {
        return 0.0;
    }
    score.clamp(0.0, 1.0) + 0.0
}

/// A JSON text to write as a value, as it is; `null` if it is empty.
fn raw(json: &str) -> &str {
    let json = json.trim();
    if json.is_empty() { "null" } else { json }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
