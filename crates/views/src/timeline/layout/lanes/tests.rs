//! Tests of the lanes a chart keeps: the tasks a story names, the lanes kept on every screen, and the
//! sizes rows give up before a lane goes.

use std::rc::Rc;

use expect_test::{Expect, expect};

use super::*;
use crate::timeline::layout::ChartModel;
use crate::timeline::rows::RowKind;
use kitchen_model::{Mode, Task, lesson, predict};

/// A finished run of `recipe` in `mode` that went as predicted.
fn run(recipe: Recipe, mode: Mode) -> RunResult {
    let trace = predict::predict(&recipe, mode);
    RunResult::new(Rc::new(recipe), mode, trace, false)
}

/// A recipe of tasks with these names and this story.
fn recipe(story: &str, names: &[&str]) -> Recipe {
    let mut recipe = lesson::cake_and_groceries().recipe;
    recipe.story = story.to_owned();
    recipe.tasks = names.iter().map(|n| Task::new(n, Vec::new())).collect();
    recipe
}

fn check_named(story: &str, names: &[&str], expect: Expect) {
    let named: Vec<&str> = named_tasks(&recipe(story, names))
        .into_iter()
        .map(|i| names[i])
        .collect();
    expect.assert_eq(&named.join(", "));
}

#[test]
fn a_story_names_a_task_by_its_name_as_a_word() {
    check_named(
        "Watch the Groceries lane while the cake bakes.",
        &["cake", "groceries", "tea"],
        expect!["cake, groceries"],
    );
    // A plural names the task; a longer word, or a name inside one, does not.
    check_named(
        "main starts five downloads; pancakes and teapots are not tasks.",
        &["download", "cake", "tea", "main"],
        expect!["download, main"],
    );
    check_named(
        "fetch_all calls fetch, and the café is open.",
        &["fetch", "all", "caf", ""],
        expect!["fetch"],
    );
    check_named("", &["cake"], expect![""]);
    check_named("cake", &["cake", "cakes", "a longer name"], expect!["cake"]);
}

#[test]
fn every_lesson_names_the_lanes_its_story_points_at() {
    let named: Vec<String> = lesson::all()
        .iter()
        .map(|l| {
            let recipe = &l.recipe;
            let tasks: Vec<&str> = named_tasks(recipe)
                .into_iter()
                .map(|i| recipe.tasks[i].name.as_str())
                .collect();
            format!("{}: {}", l.id, tasks.join(", "))
        })
        .collect();
    expect![[r#"
        cake: cake, groceries
        chores: laundry, evening, plants
        three-ways: cake, groceries
        sleep-and-print: 
        count: count
        colours: colours
        downloads: download
        fruit-shop: fruit
        boil-and-chop: 
        chop-and-dice: 
        ten-thousand-timers: timer
        missing-await: 
        blocking-inside-async: download
        never-awaited: count
        more-cooks: 
        four-jobs: job
        tiny-tasks: 
        downloads-on-cooks: download
        threads-for-downloads: download
        threads-for-chopping: 
        four-ways: download"#]]
    .assert_eq(&named.join("\n"));
}

#[test]
fn the_first_six_lanes_and_the_named_ones_are_kept() {
    // A story that names the last of twenty tasks keeps it beside the first six.
    let names: Vec<String> = (0..20).map(|i| format!("t{i}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let many = recipe("Watch t19 finish last.", &names);
    assert_eq!(kept_lanes(&many, 20), [0, 1, 2, 3, 4, 5, 19]);
    assert_eq!(pick_lanes(&many, 20, 1), [0, 1, 2, 3, 4, 5, 19]);
    assert_eq!(pick_lanes(&many, 20, 9), [0, 1, 2, 3, 4, 5, 6, 7, 19]);
    assert_eq!(kept_lanes(&many, 3), [0, 1, 2]);
    // Copies: the named task's first copy is its lane.
    let mut copied = recipe("Then the late task runs.", &["early", "late"]);
    copied.tasks[0].copies = 100;
    assert_eq!(kept_lanes(&copied, 101), [0, 1, 2, 3, 4, 5, 100]);
}

/// A chart of `result` fitted to `room` CSS pixels of height at `width`, as its lanes and rows:
/// which lanes are drawn, the task rows' bar, plan and gap, and whether it grew past the room.
fn fitted(result: &RunResult, width: f64, room: f64) -> String {
    let span = result.timeline.end.max(result.prediction.timeline.end);
    let model = ChartModel::build_within(result, span, width, Some(room));
    let tasks: Vec<_> = model
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Task)
        .collect();
    let names: Vec<&str> = tasks.iter().map(|r| r.name.as_str()).collect();
    let size = tasks[0].size;
    let planned = tasks.iter().all(|r| !r.plan.is_empty());
    let fits = if model.height <= room {
        "fits"
    } else {
        "taller"
    };
    format!(
        "{} in {room}: {} (bar {}, plan {}, gap {}; strips {planned}); {fits}{}",
        result.recipe.title,
        names.join(" "),
        size.bar,
        size.plan,
        size.gap,
        if model.note.is_some() { "; a note" } else { "" },
    )
}

#[test]
fn rows_give_up_height_strips_and_spacing_before_a_kept_lane() {
    let cake = run(lesson::cake_and_groceries().recipe, Mode::Gather);
    let chores = run(lesson::chores().recipe, Mode::Gather);
    let downloads = run(lesson::downloads().recipe, Mode::Gather);
    let mut lines = Vec::new();
    for (result, rooms) in [
        (&cake, [500.0, 300.0, 240.0, 200.0]),
        (&chores, [500.0, 300.0, 240.0, 200.0]),
        (&downloads, [500.0, 300.0, 240.0, 200.0]),
    ] {
        for room in rooms {
            lines.push(fitted(result, 600.0, room));
        }
    }
    expect![[r#"
        Cake and groceries in 500: cake groceries (bar 22, plan 9, gap 10; strips true); fits
        Cake and groceries in 300: cake groceries (bar 22, plan 9, gap 10; strips true); fits
        Cake and groceries in 240: cake groceries (bar 12, plan 4, gap 3; strips true); fits
        Cake and groceries in 200: cake groceries (bar 12, plan 0, gap 1; strips false); taller
        Chores in 500: laundry evening plants (bar 22, plan 9, gap 10; strips true); fits
        Chores in 300: laundry evening plants (bar 16, plan 6, gap 5; strips true); fits
        Chores in 240: laundry evening plants (bar 12, plan 0, gap 3; strips false); fits
        Chores in 200: laundry evening plants (bar 12, plan 0, gap 1; strips false); taller
        Five downloads in 500: download 1 download 2 download 3 download 4 download 5 (bar 22, plan 9, gap 10; strips true); fits
        Five downloads in 300: download 1 download 2 download 3 download 4 download 5 (bar 12, plan 0, gap 3; strips false); fits
        Five downloads in 240: download 1 download 2 download 3 download 4 download 5 (bar 12, plan 0, gap 1; strips false); taller
        Five downloads in 200: download 1 download 2 download 3 download 4 download 5 (bar 12, plan 0, gap 1; strips false); taller"#]].assert_eq(&lines.join("\n"));
}

#[test]
fn lanes_past_the_kept_ones_go_when_there_is_no_room_and_the_note_counts_them() {
    let mut timers = lesson::ten_thousand_timers().recipe;
    timers.tasks[0].copies = 1_000;
    let result = run(timers, Mode::Gather);
    let lines: Vec<String> = [800.0, 400.0, 300.0, 200.0]
        .into_iter()
        .map(|room| fitted(&result, 1000.0, room))
        .collect();
    expect![[r#"
        One cook, ten thousand timers in 800: timer 1 timer 2 timer 3 timer 4 timer 5 timer 6 timer 7 timer 8 timer 9 timer 10 timer 11 timer 12 (bar 16, plan 6, gap 5; strips true); fits; a note
        One cook, ten thousand timers in 400: timer 1 timer 2 timer 3 timer 4 timer 5 timer 6 timer 7 (bar 12, plan 4, gap 3; strips true); fits; a note
        One cook, ten thousand timers in 300: timer 1 timer 2 timer 3 timer 4 timer 5 timer 6 (bar 12, plan 0, gap 1; strips false); taller; a note
        One cook, ten thousand timers in 200: timer 1 timer 2 timer 3 timer 4 timer 5 timer 6 (bar 12, plan 0, gap 1; strips false); taller; a note"#]].assert_eq(&lines.join("\n"));
}
