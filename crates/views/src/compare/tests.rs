//! Tests of the comparison table: a row per run, the page alive or not as its frames show, and the
//! sentence on Gather's longer freeze only when the measured runs and the predictions agree.

use std::rc::Rc;

use super::*;
use kitchen_model::freeze::holds;
use kitchen_model::{Event, EventKind, Recipe, lesson, predict};

/// A run whose measurement is the prediction, with a frame every 16 ms wherever the predicted
/// thread is free (from two frames before the start to one after the end), and each hold
/// lengthened by `late` milliseconds' worth of missing frames after it.
fn run(recipe: &Recipe, mode: Mode, late: f64) -> RunResult {
    let mut trace = predict::predict(recipe, mode);
    let timeline = Timeline::from_trace(recipe, &trace);
    let held = holds(&timeline);
    let mut at = -32.0;
    while at <= trace.end + 16.0 {
        if !held.iter().any(|h| at > h.start && at < h.end + late) {
            trace.events.push(Event {
                at,
                kind: EventKind::Frame,
            });
        }
        at += 16.0;
    }
    RunResult::new(Rc::new(recipe.clone()), mode, trace, false)
}

fn compared(recipe: &Recipe, late: [f64; 4]) -> Vec<RunResult> {
    [Mode::Blocking, Mode::Sequential, Mode::Gather, Mode::Spawn]
        .iter()
        .zip(late)
        .map(|(&mode, late)| run(recipe, mode, late))
        .collect()
}

#[test]
fn the_page_is_alive_as_its_frames_show() {
    let cake = lesson::cake_and_groceries().recipe;
    let alive: Vec<Alive> = compared(&cake, [0.0; 4])
        .iter()
        .map(|r| Alive::of(&r.timeline))
        .collect();
    assert_eq!(
        alive,
        [Alive::No, Alive::Between, Alive::Between, Alive::Between]
    );
    let downloads = lesson::downloads().recipe;
    assert_eq!(
        Alive::of(&run(&downloads, Mode::Gather, 0.0).timeline),
        Alive::Yes
    );
    let never = predict::prediction(&downloads, Mode::Gather);
    assert_eq!(Alive::of(&never), Alive::Unknown);
}

#[test]
fn the_table_has_a_row_per_run_in_order() {
    let cake = lesson::cake_and_groceries().recipe;
    let runs = compared(&cake, [0.0; 4]);
    let refs: Vec<&RunResult> = runs.iter().collect();
    let html = write(&refs).into_string();
    assert!(html.starts_with(r#"<table class="compare-table" data-testid="compare-table"><caption>Cake and groceries: 4 modes compared</caption>"#), "{html}");
    let rows: Vec<&str> = html.split("<tr class=\"").skip(1).collect();
    assert_eq!(rows.len(), 4);
    assert!(rows[0].starts_with(r#"blocking" data-mode="blocking" data-alive="no"><th scope="row">Blocking</th><td class="total" data-ms="1600.000">80.0 min</td>"#), "{}", rows[0]);
    assert!(rows[0].contains("no: frozen throughout"));
    assert!(rows[1].contains(r#"data-alive="partly""#) && rows[1].contains("yes, between freezes"));
    assert!(rows[3].starts_with("spawn"));
    // Gather froze longer than Sequential: the sentence names the two tasks.
    assert!(html.ends_with(r#"<p class="compare-why" data-testid="compare-why">Gather freezes longer than Sequential because two works run back to back on the thread: when cake lets go of it, gather polls groceries at once, with no frame drawn between them.</p>"#), "{html}");
}

#[test]
fn the_sentence_needs_the_runs_and_the_prediction_to_agree() {
    let cake = lesson::cake_and_groceries().recipe;
    // A busy machine made Sequential's freeze the longer one: the table says nothing it cannot show.
    let runs = compared(&cake, [0.0, 400.0, 0.0, 0.0]);
    let refs: Vec<&RunResult> = runs.iter().collect();
    assert_eq!(why_gather_froze_longer(&refs), None);
    // Without Sequential there is nothing to compare with.
    assert_eq!(why_gather_froze_longer(&refs[2..]), None);
    // Chores gathered: dinner and the plants back to back.
    let chores = lesson::chores().recipe;
    let runs = compared(&chores, [0.0; 4]);
    let refs: Vec<&RunResult> = runs.iter().collect();
    let why = why_gather_froze_longer(&refs).unwrap_or_default();
    assert!(
        why.contains("when evening lets go of it, gather polls plants at once"),
        "{why}"
    );
    // Downloads never hold the thread long enough to freeze.
    let downloads = lesson::downloads().recipe;
    let runs = compared(&downloads, [0.0; 4]);
    let refs: Vec<&RunResult> = runs.iter().collect();
    assert_eq!(why_gather_froze_longer(&refs), None);
}
