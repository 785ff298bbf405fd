//! Judging stored data natively: versions, oversized drafts, settings this page does not know, and
//! the words of every notice. Reading the JSON itself is tested in the browser (`tests/web.rs`).

use super::*;
use crate::saved::Drafts;

fn saved() -> Saved {
    Saved {
        lesson: Some("cake".into()),
        drafts: Drafts::from([
            ("cake".into(), "title \"Mine\"\n".into()),
            (super::super::CUSTOM.into(), "task a\n  work 1\n".into()),
        ]),
        mode: Some("gather".into()),
        scale_ms: Some(2.5),
        language: Some("python".into()),
        python: Some("print('hi')\n".into()),
        rust: Some("fn main() {}\n".into()),
        lead: Some("python".into()),
    }
}

#[test]
fn what_is_written_carries_its_version_first() {
    let text = encode(&saved());
    assert_eq!(
        text,
        r#"{"version":1,"lesson":"cake","drafts":{"cake":"title \"Mine\"\n","custom":"task a\n  work 1\n"},"mode":"gather","scale_ms":2.5,"language":"python","python":"print('hi')\n","rust":"fn main() {}\n","lead":"python"}"#
    );
    assert_eq!(
        encode(&Saved::default()),
        r#"{"version":1,"lesson":null,"drafts":{},"mode":null,"scale_ms":null,"language":null,"python":null,"rust":null,"lead":null}"#
    );
}

#[test]
fn a_scale_that_is_not_finite_is_stored_as_null() {
    let stored = Saved {
        scale_ms: Some(f64::NAN),
        ..Saved::default()
    };
    let text = encode(&stored);
    assert!(text.contains(r#""scale_ms":null"#), "{text}");
}

#[test]
fn only_this_version_is_read_and_a_newer_one_is_recognised() {
    assert_eq!(check_version(None), Ok(()));
    assert_eq!(check_version(Some(1.0)), Ok(()));
    assert_eq!(check_version(Some(2.0)), Err(Unreadable::Newer(2)));
    assert_eq!(check_version(Some(1e30)), Err(Unreadable::Newer(u64::MAX)));
    for odd in [0.0, -1.0, 1.5, f64::NAN, f64::INFINITY] {
        assert_eq!(check_version(Some(odd)), Err(Unreadable::Damaged), "{odd}");
    }
}

#[test]
fn what_the_page_knows_is_kept_as_it_was() {
    assert_eq!(
        tidy(saved()),
        Decoded {
            saved: saved(),
            ..Decoded::default()
        }
    );
    assert_eq!(tidy(Saved::default()), Decoded::default());
}

#[test]
fn the_unreadable_notice_says_where_the_work_is() {
    assert_eq!(
        unreadable_notice(Unreadable::Damaged, Some("async-kitchen/v1/unreadable/2")),
        "Your saved work could not be read; it was set aside under “async-kitchen/v1/unreadable/2” \
         in this browser's local storage and the page started fresh."
    );
    assert_eq!(
        unreadable_notice(Unreadable::Newer(2), Some(super::super::UNREADABLE_KEY)),
        "Your saved work was written by a newer version of Async Kitchen (format 2) and cannot be \
         read by this one; it was set aside under “async-kitchen/v1/unreadable” in this browser's \
         local storage and the page started fresh."
    );
    let kept = unreadable_notice(Unreadable::Damaged, None);
    assert!(kept.contains("still under “async-kitchen/v1”"), "{kept}");
}

#[test]
fn oversized_drafts_are_left_out_and_named() {
    let mut stored = saved();
    let huge = "x".repeat(MAX_TEXT_BYTES + 1);
    stored.drafts.insert("chores".into(), huge.clone());
    stored.drafts.insert("count".into(), huge);
    let decoded = tidy(stored);
    assert_eq!(decoded.saved, saved());
    assert_eq!(decoded.oversized, ["chores", "count"]);
    assert_eq!(
        oversized_notice(&decoded.oversized[..1], Some("k")),
        "Your saved draft of “chores” exceeded the 256 KiB a recipe may have, so the page did not \
         open it; a copy of everything saved was set aside under “k” in this browser's local storage."
    );
    let both = oversized_notice(&decoded.oversized, None);
    assert!(
        both.starts_with("Your saved drafts of “chores”, “count” exceeded"),
        "{both}"
    );
    assert!(
        both.ends_with("did not open them, and there was no room to set a copy aside."),
        "{both}"
    );
    // A draft of exactly the limit is a recipe the editor accepts.
    let mut edge = Saved::default();
    edge.drafts
        .insert("cake".into(), "y".repeat(MAX_TEXT_BYTES));
    assert!(tidy(edge).oversized.is_empty());
}

#[test]
fn settings_this_page_does_not_know_are_left_out_with_a_note() {
    let stored = Saved {
        lesson: Some("pie\n".into()),
        drafts: Drafts::from([("pie\n".into(), "kept".into())]),
        mode: Some("parallel".into()),
        scale_ms: Some(0.0),
        language: Some("cobol".into()),
        python: Some("while True: pass\n".into()),
        rust: None,
        lead: Some("cobol".into()),
    };
    let decoded = tidy(stored);
    assert_eq!(decoded.saved.lead, None, "the recipe leads");
    assert_eq!(decoded.saved.language, None);
    assert_eq!(decoded.saved.lesson, None);
    assert_eq!(decoded.saved.mode, None);
    assert_eq!(decoded.saved.scale_ms, None);
    // The learner's Python stays as typed, whether it reads or not.
    assert_eq!(decoded.saved.python.as_deref(), Some("while True: pass\n"));
    // The draft is the learner's text: it stays, whatever it was a draft of.
    assert_eq!(
        decoded.saved.drafts.get("pie\n").map(String::as_str),
        Some("kept")
    );
    assert_eq!(
        decoded.notes,
        [
            "The lesson you had open (“pie\\n”) is not in this version of the page.",
            "The saved mode “parallel” is not one this page has, so it was left out.",
            "The saved time scale was out of range, so it was left out.",
        ]
    );
    let long = "é".repeat(100);
    let note = &tidy(Saved {
        mode: Some(long),
        ..Saved::default()
    })
    .notes[0];
    assert!(
        note.starts_with(&format!("The saved mode “{}…”", "é".repeat(40))),
        "{note}"
    );
}

#[test]
fn what_is_written_is_json_that_reads_back_as_it_was_written() {
    // The writer is the page's own: serde_json, which the page's first look does without, reads
    // it back here, awkward text and numbers included.
    let awkward = "quote \" backslash \\ tab \t bell \u{7} nul \u{0} é 😀 </script>\r\n";
    let saved = Saved {
        lesson: None,
        drafts: Drafts::from([(awkward.into(), awkward.into())]),
        mode: Some(awkward.into()),
        scale_ms: Some(0.000_001),
        language: None,
        python: Some(awkward.into()),
        rust: Some(awkward.into()),
        lead: None,
    };
    let value: serde_json::Value = serde_json::from_str(&encode(&saved)).expect("JSON");
    assert_eq!(value["version"], 1);
    assert_eq!(value["lesson"], serde_json::Value::Null);
    assert_eq!(value["drafts"][awkward], awkward);
    assert_eq!(value["mode"], awkward);
    assert_eq!(value["python"], awkward);
    assert_eq!(value["scale_ms"].as_f64(), Some(0.000_001));
    let none = Saved {
        scale_ms: Some(f64::NAN),
        ..Saved::default()
    };
    let value: serde_json::Value = serde_json::from_str(&encode(&none)).expect("JSON");
    assert_eq!(value["scale_ms"], serde_json::Value::Null);
}
