//! Every lesson's claims about freezes held to its predicted runs, and every sentence about the
//! heartbeat, a freeze or drawing held to a declared claim.

use super::{Claim, Heartbeat, of};
use crate::cooks::Cooks;
use crate::freeze::{FREEZE_MS, freezes, holds};
use crate::lesson::{Lesson, all, chores};
use crate::predict::predict_with;
use crate::{Mode, Timeline};

/// Words that make a sentence a claim about the page freezing.
const SPEAKS_OF_FREEZES: [&str; 5] = ["heartbeat", "freez", "frozen", "draw", "never stops"];

/// The prediction of `lesson` in `mode`, on the cooks it opens with in the processes mode.
fn predicted(lesson: &Lesson, mode: Mode) -> Timeline {
    let cooks = Cooks::new(lesson.cooks.unwrap_or(2));
    Timeline::from_trace(&lesson.recipe, &predict_with(&lesson.recipe, mode, cooks))
}

/// Whether `claim` is what the prediction of `lesson` shows; `Err` says what it shows instead.
fn holds_true(lesson: &Lesson, claim: &Claim) -> Result<(), String> {
    let timeline = predicted(lesson, claim.mode);
    let seen = freezes(&timeline);
    let units: Vec<f64> = seen.iter().map(|h| lesson.recipe.units(h.ms())).collect();
    let whole = holds(&timeline)
        .iter()
        .any(|h| h.start <= 0.0 && h.end >= timeline.end && timeline.end >= FREEZE_MS);
    let ok = match claim.heartbeat {
        Heartbeat::Beats => seen.is_empty(),
        Heartbeat::Stops => !seen.is_empty(),
        Heartbeat::StopsThroughout => whole,
        Heartbeat::StopsFor(expected) => {
            units.len() == expected.len()
                && units
                    .iter()
                    .zip(expected)
                    .all(|(u, e)| (u - e).abs() < 1e-9)
        }
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "the prediction freezes for {units:?} {} of a run of {} (held throughout: {whole})",
            lesson.recipe.unit.symbol(),
            lesson.recipe.units(timeline.end)
        ))
    }
}

/// The lesson's texts cut into sentences (at a full stop followed by a space, or the end).
fn sentences(lesson: &Lesson) -> Vec<String> {
    [lesson.recipe.story.as_str(), lesson.try_this]
        .iter()
        .flat_map(|text| text.split(". "))
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn every_claim_about_a_freeze_is_what_the_prediction_shows() {
    let mut wrong = Vec::new();
    for lesson in all() {
        for claim in of(lesson.id) {
            if let Err(why) = holds_true(&lesson, claim) {
                wrong.push(format!(
                    "{} in {:?}: {:?}: {why}",
                    lesson.id, claim.mode, claim.says
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn every_claim_is_written_in_the_lessons_text_naming_its_mode() {
    for lesson in all() {
        let sentences = sentences(&lesson);
        for claim in of(lesson.id) {
            let sentence = sentences.iter().find(|s| s.contains(claim.says));
            let Some(sentence) = sentence else {
                panic!(
                    "{}: {:?} is not in its story or try-this",
                    lesson.id, claim.says
                );
            };
            // A claim about another mode than the one the lesson opens in names it where it says it.
            assert!(
                claim.mode == lesson.default_mode
                    || sentence
                        .to_ascii_lowercase()
                        .contains(&claim.mode.label().to_ascii_lowercase()),
                "{}: {sentence:?} does not name {}",
                lesson.id,
                claim.mode.label()
            );
        }
    }
}

#[test]
fn every_sentence_about_the_heartbeat_or_a_freeze_is_a_declared_claim() {
    for lesson in all() {
        let claims = of(lesson.id);
        for sentence in sentences(&lesson) {
            let lower = sentence.to_ascii_lowercase();
            if SPEAKS_OF_FREEZES.iter().any(|w| lower.contains(w)) {
                assert!(
                    claims.iter().any(|c| sentence.contains(c.says)),
                    "{}: {sentence:?} speaks of freezes, but declares no claim in lesson::claims",
                    lesson.id
                );
            }
        }
    }
}

#[test]
fn a_claim_the_run_contradicts_is_caught() {
    // The sentence chores' try-this once had: Sequential's work holds the thread, so it does stop.
    let lesson = chores();
    let never = Claim {
        mode: Mode::Sequential,
        heartbeat: Heartbeat::Beats,
        says: "the heartbeat never stops",
    };
    let why = holds_true(&lesson, &never).unwrap_err();
    assert_eq!(
        why,
        "the prediction freezes for [60.0, 30.0] min of a run of 180 (held throughout: false)"
    );
    // And a sentence that says so without declaring it is caught by the keyword rule.
    assert!(
        SPEAKS_OF_FREEZES
            .iter()
            .any(|w| "but the heartbeat never stops".contains(w))
    );
}
