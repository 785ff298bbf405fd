//! The parent frame of an embedded lesson: each exercise's verdict reported to the course page (the
//! page's own message and SPLICE's score and state), the learner's state asked of it and put back,
//! and the page's height, so that the frame can fit it.
//!
//! What the messages say is `model::export`'s; posting and listening is `web::embed`'s. A page that
//! is not embedded does none of this.

use yew::prelude::*;

use crate::components::store::KitchenHandle;
use crate::model::exercise::progress::LessonProgress;
use crate::model::export;
use crate::state::{Action, Kitchen, ProgressAction};
use crate::web;

/// Talks to the course page around an embedded lesson; does nothing when `embed` is false.
#[hook]
pub fn use_parent_frame(kitchen: &KitchenHandle, embed: bool) {
    // Each verdict, once, when the count of verdicts changes.
    {
        let kitchen = kitchen.clone();
        use_effect_with(kitchen.quiz.verdicts, move |_| {
            if let Some(at) = kitchen.quiz.last.filter(|_| embed) {
                report(&kitchen, at);
            }
        });
    }

    // The page asks its course page for the learner's state (SPLICE) and puts back the lesson's
    // progress it holds; what it cannot read is left alone.
    let dispatcher = kitchen.dispatcher();
    use_effect_with(embed, move |&embed| {
        let listener = embed.then(|| {
            web::embed::listen(move |state| {
                match web::storage::progress::record_from_json(&state) {
                    Some(record) => {
                        dispatcher.dispatch(Action::Progress(ProgressAction::Restore(record)))
                    }
                    None => web_sys::console::warn_1(
                        &"async-kitchen: the course page's state is not this page's progress"
                            .into(),
                    ),
                }
            })
        });
        if embed {
            web::embed::request_state();
        }
        move || drop(listener)
    });

    use_effect_with(embed, |&embed| {
        let watcher = embed.then(web::embed::watch_height);
        move || drop(watcher)
    });
}

/// Tells the course page that embeds the page about the verdict on exercise `at`: the page's own
/// `async-kitchen:exercise` message, and SPLICE's score (the share of the lesson's exercises solved)
/// and state (the lesson's record), which a course page keeps and gives back on the next visit.
fn report(kitchen: &Kitchen, at: usize) {
    let quiz = &kitchen.quiz;
    let (Some(exercise), Some(attempt)) = (quiz.exercises.get(at), quiz.attempts.get(at)) else {
        return;
    };
    let key = kitchen.opened.key();
    let mark = kitchen.progress.mark(key, quiz.exercises.len());
    let record = kitchen
        .progress
        .get(key)
        .cloned()
        .unwrap_or_else(|| LessonProgress {
            lesson: key.to_owned(),
            exercises: Vec::new(),
        });
    let state = web::storage::progress::state(&record);
    web::embed::post(&export::exercise_message(
        kitchen.opened.lesson.as_ref().map(|l| l.id),
        at,
        quiz.exercises.len(),
        exercise.kind(),
        attempt.verdict.as_ref().is_some_and(|v| v.correct),
        attempt.attempts,
        mark.score(),
        &state,
    ));
    web::embed::report_score(mark.score(), &state);
}
