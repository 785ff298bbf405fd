//! The exports parse back as JSON with the fields `docs/embedding.md` promises.

use serde_json::Value;

use super::*;
use crate::text;
use crate::{EventKind, lesson, predict};

fn parse(json: &str) -> Value {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json:.300}"))
}

/// The cake lesson's predicted gather run, standing in for a measured one too.
fn cake() -> (Recipe, Trace, Totals) {
    let recipe = lesson::cake_and_groceries().recipe;
    let trace = predict::predict(&recipe, Mode::Gather);
    let totals = Timeline::from_trace(&recipe, &trace).totals();
    (recipe, trace, totals)
}

#[test]
fn the_run_message_carries_the_headline_numbers() {
    let (recipe, _, totals) = cake();
    let json = run_message(
        Some("cake"),
        &recipe,
        Mode::Gather,
        &totals,
        &totals,
        false,
        true,
    );
    assert!(!json.contains('\n'), "one line: {json}");
    let message = parse(&json);
    assert_eq!(message["type"], RUN_MESSAGE);
    assert_eq!(message["version"], 1);
    assert_eq!(message["lesson"], "cake");
    assert_eq!(message["title"], "Cake and groceries");
    assert_eq!(message["mode"], "gather");
    assert_eq!(message["unit"], "min");
    assert_eq!(message["scale_ms"], 20.0);
    assert_eq!(
        (message["cancelled"].clone(), message["throttled"].clone()),
        (false.into(), true.into())
    );
    for side in ["measured", "predicted"] {
        let numbers = &message[side];
        assert_eq!(numbers["total_ms"], 1200.0, "{side}");
        assert_eq!(numbers["total_units"], 60.0, "{side}");
        // The cook is busy for 15 + 20 minutes and never lets go between them.
        assert_eq!(numbers["busy_ms"], 700.0, "{side}");
        assert_eq!(numbers["longest_hold_ms"], 700.0, "{side}");
        // A prediction draws no frames, so it has no freeze to report.
        assert_eq!(numbers["longest_freeze_ms"], Value::Null, "{side}");
    }
}

#[test]
fn a_custom_recipe_has_no_lesson() {
    let (recipe, _, totals) = cake();
    let message = parse(&run_message(
        None,
        &recipe,
        Mode::Blocking,
        &totals,
        &totals,
        true,
        false,
    ));
    assert_eq!(message["lesson"], Value::Null);
    assert_eq!(message["mode"], "blocking");
    assert_eq!(message["cancelled"], true);
}

#[test]
fn the_height_message_is_an_integer() {
    for height in [0, 640, u32::MAX] {
        let message = parse(&height_message(height));
        assert_eq!(message["type"], HEIGHT_MESSAGE);
        assert_eq!(message["height"], height);
        assert_eq!(message.as_object().map(|o| o.len()), Some(2));
    }
}

#[test]
fn the_full_export_holds_the_recipe_traces_and_timelines() {
    let (recipe, trace, _) = cake();
    let recipe_text = text::print(&recipe);
    let json = run_json(
        Some("cake"),
        &recipe,
        &recipe_text,
        Mode::Gather,
        &trace,
        &trace,
        1.0,
    );
    assert!(
        json.contains("\n  \"format\""),
        "pretty-printed: {json:.200}"
    );
    let export = parse(&json);
    assert_eq!(export["format"], RUN_FORMAT);
    assert_eq!(export["version"], 1);
    assert_eq!(export["lesson"], "cake");
    assert_eq!(export["title"], "Cake and groceries");
    assert_eq!(
        (export["mode"].clone(), export["unit"].clone()),
        ("gather".into(), "min".into())
    );
    assert_eq!(export["scale_ms"], 20.0);
    assert_eq!(export["clock_step_ms"], 1.0);
    assert_eq!(export["recipe"], recipe_text.as_str());
    for side in ["measured", "predicted"] {
        let run = &export[side];
        assert_eq!(run["totals"]["end"], 1200.0, "{side}");
        assert_eq!(run["totals"]["busy"], 700.0, "{side}");
        assert_eq!(run["totals"]["longest_freeze"], Value::Null, "{side}");
        let events = run["trace"]["events"].as_array().expect("events");
        assert_eq!(events.len(), trace.events.len(), "{side}");
        // Events are externally tagged: a variant with fields is an object under the variant's name.
        assert_eq!(events[0]["kind"]["TaskStart"]["how"], "Scheduled", "{side}");
        assert_eq!(run["trace"]["end"], 1200.0);
        assert_eq!(run["trace"]["cancelled"], false);
        let timeline = &run["timeline"];
        let names: Vec<&str> = timeline["lanes"]
            .as_array()
            .expect("lanes")
            .iter()
            .filter_map(|l| l["name"].as_str())
            .collect();
        assert_eq!(names, ["cake", "groceries"], "{side}");
        let oven = timeline["lanes"][0]["segments"]
            .as_array()
            .expect("segments")
            .iter()
            .find(|s| s["state"] == "Waiting")
            .expect("the cake waits in the oven");
        assert_eq!(
            oven["step"],
            serde_json::json!({"routine": {"Task": 0}, "index": 1})
        );
        assert_eq!(oven["end"], 1200.0);
        assert!(timeline["thread"].as_array().is_some_and(|t| !t.is_empty()));
        for list in ["console", "frames", "long_tasks"] {
            assert_eq!(timeline[list], serde_json::json!([]), "{side} {list}");
        }
        assert_eq!(timeline["throttled"], false);
    }
}

#[test]
fn the_console_and_long_tasks_are_exported() {
    let recipe = lesson::count().recipe;
    let mut trace = predict::predict(&recipe, Mode::Gather);
    trace.events.push(crate::Event {
        at: 5.0,
        kind: EventKind::LongTask { duration: 60.0 },
    });
    let export = parse(&run_json(
        None,
        &recipe,
        "",
        Mode::Gather,
        &trace,
        &trace,
        0.1,
    ));
    let console = &export["measured"]["timeline"]["console"];
    assert_eq!(console[0]["text"], "One");
    assert_eq!(console[0]["task"], 0);
    assert_eq!(
        export["measured"]["timeline"]["long_tasks"],
        serde_json::json!([[5.0, 60.0]])
    );
    assert_eq!(export["lesson"], Value::Null);
}

#[test]
fn numbers_that_are_not_finite_become_null_and_the_json_stays_valid() {
    let (recipe, mut trace, _) = cake();
    trace.end = f64::NAN;
    trace.events[0].at = f64::INFINITY;
    let broken = Totals {
        end: f64::NAN,
        busy: f64::INFINITY,
        longest_freeze: Some(f64::NEG_INFINITY),
        longest_hold: f64::NAN,
    };
    let message = parse(&run_message(
        Some("cake"),
        &recipe,
        Mode::Gather,
        &broken,
        &broken,
        false,
        false,
    ));
    for field in [
        "total_ms",
        "total_units",
        "busy_ms",
        "longest_hold_ms",
        "longest_freeze_ms",
    ] {
        assert_eq!(message["measured"][field], Value::Null, "{field}");
    }
    let mut odd = recipe.clone();
    odd.scale_ms = f64::NAN;
    let export = parse(&run_json(None, &odd, "", Mode::Gather, &trace, &trace, 0.1));
    assert_eq!(export["scale_ms"], Value::Null);
    assert_eq!(export["measured"]["trace"]["end"], Value::Null);
    assert_eq!(export["measured"]["trace"]["events"][0]["at"], Value::Null);
}

#[test]
fn huge_runs_are_exported_on_one_line() {
    let recipe = lesson::ten_thousand_timers().recipe;
    let trace = predict::predict(&recipe, Mode::Gather);
    assert!(trace.events.len() > PRETTY_MAX_EVENTS);
    let json = run_json(
        Some("ten-thousand-timers"),
        &recipe,
        "",
        Mode::Gather,
        &trace,
        &Trace::default(),
        0.1,
    );
    assert!(!json.contains('\n'));
    assert_eq!(parse(&json)["format"], RUN_FORMAT);
}

/// The example in `docs/embedding.md` has exactly the fields the page sends, so the two cannot drift.
#[test]
fn the_documented_example_matches_the_message() {
    let doc = include_str!("../../../../docs/embedding.md");
    let start = doc.find("```json\n").expect("an example") + "```json\n".len();
    let example = parse(&doc[start..start + doc[start..].find("```").expect("its end")]);
    let (recipe, _, totals) = cake();
    let sent = parse(&run_message(
        Some("cake"),
        &recipe,
        Mode::Gather,
        &totals,
        &totals,
        false,
        false,
    ));
    assert_eq!(shape(&example), shape(&sent));
    assert_eq!(example["predicted"], sent["predicted"]);
}

/// A JSON value's shape: its objects' keys, all the way down, with every other value `null`, so
/// that a documented example and a message the page sends can be compared field by field.
pub(super) fn shape(value: &Value) -> Value {
    match value {
        Value::Object(fields) => fields
            .iter()
            .map(|(k, v)| (k.clone(), shape(v)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
        _ => Value::Null,
    }
}
