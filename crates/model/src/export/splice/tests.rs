//! The exercise message and the SPLICE messages are one line of JSON each, with the fields
//! `docs/embedding.md` promises and the SPLICE protocol names.

use expect_test::{Expect, expect};
use serde_json::Value;

use super::*;

/// The state the page writes, as in `docs/embedding.md`.
const STATE: &str = r#"{"lesson":"count","exercises":[{"attempts":1,"solved":true},{"attempts":0,"solved":false}]}"#;

/// Checks that `json` is one line of valid JSON, and that it reads as expected; returns it parsed.
fn check(json: &str, expected: Expect) -> Value {
    assert!(!json.contains('\n'), "one line: {json}");
    let value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    expected.assert_eq(json);
    value
}

#[test]
fn the_exercise_message_carries_the_answer_and_the_lessons_state() {
    let message = check(
        &exercise_message(Some("count"), 0, 2, "order", true, 1, 0.5, STATE),
        expect![[
            r#"{"type":"async-kitchen:exercise","lesson":"count","exercise":0,"exercises":2,"kind":"order","correct":true,"attempts":1,"score":0.5,"state":{"lesson":"count","exercises":[{"attempts":1,"solved":true},{"attempts":0,"solved":false}]}}"#
        ]],
    );
    assert_eq!(message["type"], EXERCISE_MESSAGE);
    // The state is an object in the message, not a string holding one.
    assert_eq!(message["state"]["exercises"][0]["solved"], true);
}

#[test]
fn an_exercise_of_a_recipe_of_ones_own_has_no_lesson() {
    check(
        &exercise_message(None, 3, 4, "make-it", false, 7, 1.0 / 3.0, "  {}\n"),
        expect![[
            r#"{"type":"async-kitchen:exercise","lesson":null,"exercise":3,"exercises":4,"kind":"make-it","correct":false,"attempts":7,"score":0.3333333333333333,"state":{}}"#
        ]],
    );
}

#[test]
fn strings_are_escaped_and_an_empty_state_is_null() {
    let message = check(
        &exercise_message(Some("a \"b\"\\"), 0, 1, "total\n", false, 0, 0.0, ""),
        expect![[
            r#"{"type":"async-kitchen:exercise","lesson":"a \"b\"\\","exercise":0,"exercises":1,"kind":"total\n","correct":false,"attempts":0,"score":0,"state":null}"#
        ]],
    );
    assert_eq!(message["lesson"], "a \"b\"\\");
    check(
        &splice_report("\"", 1.0, " "),
        expect![[
            r#"{"subject":"SPLICE.reportScoreAndState","message_id":"\"","score":1,"state":null}"#
        ]],
    );
}

#[test]
fn the_splice_report_carries_the_score_and_the_state_as_an_object() {
    let message = check(
        &splice_report("async-kitchen-0000002a-3", 0.5, STATE),
        expect![[
            r#"{"subject":"SPLICE.reportScoreAndState","message_id":"async-kitchen-0000002a-3","score":0.5,"state":{"lesson":"count","exercises":[{"attempts":1,"solved":true},{"attempts":0,"solved":false}]}}"#
        ]],
    );
    assert_eq!(message["subject"], SPLICE_REPORT);
    assert_eq!(message["state"]["lesson"], "count");
}

#[test]
fn scores_stay_between_0_and_1() {
    let scores: Vec<String> = [
        -0.5,
        -0.0,
        0.0,
        0.25,
        1.0,
        1.5,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ]
    .into_iter()
    .map(|score| {
        let message: Value = serde_json::from_str(&splice_report("", score, "null")).unwrap();
        assert_eq!(
            exercise_message(None, 0, 1, "order", true, 1, score, "null")
                .split(r#""score":"#)
                .nth(1)
                .and_then(|rest| rest.split(',').next()),
            Some(message["score"].to_string().as_str()),
            "the two messages write {score} alike"
        );
        message["score"].to_string()
    })
    .collect();
    expect![[r#"0 0 0 0.25 1 1 0 0 0"#]].assert_eq(&scores.join(" "));
}

#[test]
fn the_splice_state_request_has_a_subject_and_an_id() {
    check(
        &splice_get_state("async-kitchen-ffffffff-0"),
        expect![[r#"{"subject":"SPLICE.getState","message_id":"async-kitchen-ffffffff-0"}"#]],
    );
}

#[test]
fn the_splice_resize_request_has_a_height_and_no_width() {
    check(
        &splice_resize("async-kitchen-00000000-1", 640),
        expect![[
            r#"{"subject":"lti.frameResize","message_id":"async-kitchen-00000000-1","height":640}"#
        ]],
    );
    let message = check(
        &splice_resize("x", u32::MAX),
        expect![[r#"{"subject":"lti.frameResize","message_id":"x","height":4294967295}"#]],
    );
    assert_eq!(message["height"], u32::MAX);
}

#[test]
fn message_ids_name_the_page_and_count_its_messages() {
    expect![[
        r#"async-kitchen-00000000-0 async-kitchen-0000002a-1 async-kitchen-ffffffff-4294967295"#
    ]]
    .assert_eq(
        &[(0, 0), (42, 1), (u32::MAX, u32::MAX)]
            .map(|(page, n)| message_id(page, n))
            .join(" "),
    );
    assert_ne!(message_id(7, 1), message_id(7, 2));
    assert_ne!(message_id(7, 1), message_id(8, 1));
}

#[test]
fn the_lessons_score_is_the_share_of_its_exercises_solved() {
    let scores = [(0, 0), (1, 0), (0, 3), (1, 3), (3, 3), (4, 3)]
        .map(|(solved, of)| format!("{solved}/{of}={}", Short(lesson_score(solved, of))));
    expect![[r#"0/0=0 1/0=0 0/3=0 1/3=0.3333333333333333 3/3=1 4/3=1"#]]
        .assert_eq(&scores.join(" "));
}

/// The exercise message's example in `docs/embedding.md` has exactly the fields the page sends, and
/// the SPLICE messages it shows are the ones the page sends, so the two cannot drift.
#[test]
fn the_documented_examples_match_the_messages() {
    let doc = include_str!("../../../../../docs/embedding.md");
    let examples: Vec<Value> = doc
        .split("```json\n")
        .skip(1)
        .filter_map(|block| block.split("```").next())
        .map(|block| serde_json::from_str(block).unwrap_or_else(|e| panic!("{e}: {block}")))
        .collect();
    let find = |key: &str, value: &str| {
        examples
            .iter()
            .find(|example| example[key] == value)
            .unwrap_or_else(|| panic!("an example with {key} {value}"))
    };
    use crate::export::tests::shape;
    let exercise = find("type", EXERCISE_MESSAGE);
    let sent: Value = serde_json::from_str(&exercise_message(
        Some("count"),
        0,
        3,
        "order",
        true,
        2,
        1.0 / 3.0,
        &exercise["state"].to_string(),
    ))
    .unwrap();
    assert_eq!(shape(exercise), shape(&sent));
    assert_eq!(
        exercise, &sent,
        "the example is the message of its own arguments"
    );
    let report = find("subject", SPLICE_REPORT);
    let sent: Value = serde_json::from_str(&splice_report(
        report["message_id"].as_str().expect("an id"),
        report["score"].as_f64().expect("a score"),
        &report["state"].to_string(),
    ))
    .unwrap();
    assert_eq!(report, &sent);
}
