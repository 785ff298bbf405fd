//! Tests of the cooks' rows: present, named and counted in a processes run, their start-ups drawn as
//! starting bars where cooks started, counted in the chart's height, and absent in every other mode.

use std::rc::Rc;

use super::*;
use crate::timeline::layout::ChartModel;
use crate::timeline::rows::Paint;
use kitchen_model::cooks::Cooks;
use kitchen_model::run::Prediction;
use kitchen_model::{Mode, State, lesson, predict};

/// A processes run of the chop-and-dice lesson on `cooks`, planned on two cold cooks.
fn processes(cooks: Cooks) -> RunResult {
    let recipe = Rc::new(lesson::chop_and_dice().recipe);
    let trace = predict::predict_with(&recipe, Mode::Processes, cooks);
    let prediction = Rc::new(Prediction::new(&recipe, Mode::Processes));
    RunResult::with_prediction(recipe, Mode::Processes, trace, prediction, false)
}

/// The chart's rows of cooks, in order.
fn cook_rows(model: &ChartModel) -> Vec<&Row> {
    model
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Cook)
        .collect()
}

fn starting(bars: &[Bar]) -> Vec<&Bar> {
    let paint = Paint::State(State::Starting);
    bars.iter().filter(|b| b.paint == paint).collect()
}

#[test]
fn a_processes_run_draws_the_page_thread_and_a_row_per_cook() {
    let result = processes(Cooks::new(2));
    let model = ChartModel::build(&result, result.timeline.end, 1000.0);
    let rows: Vec<(RowKind, &str)> = model
        .rows
        .iter()
        .map(|r| (r.kind, r.name.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            (RowKind::Task, "chop_salad"),
            (RowKind::Task, "dice_onions"),
            (RowKind::Thread, "page thread"),
            (RowKind::Cook, "cook 1"),
            (RowKind::Cook, "cook 2"),
        ]
    );
    // The page hands the tasks out and does none of the work.
    let page = &model.rows[2];
    assert!(page.bars.iter().all(|b| b.paint == Paint::Idle), "{page:?}");
    let idle = &model.items[page.bars[0].item];
    assert!(idle.ends_with(": the cooks do the work."), "{idle}");
    for (cook, row) in model.rows[3..].iter().enumerate() {
        // Each cook starts, then holds its task's colour, in its measured bars and its plan alike.
        for bars in [&row.bars, &row.plan] {
            let starts = starting(bars);
            assert_eq!(starts.len(), 1, "{row:?}");
            assert_eq!(starts[0].x, model.scale.x(0.0));
            assert!(bars.iter().any(|b| b.paint == Paint::Held(cook)), "{row:?}");
            let tip = &model.items[starts[0].item];
            let words = format!(
                "cook {} starting: its Web Worker loads and compiles its code, 80 ms, ",
                cook + 1
            );
            assert!(tip.starts_with(&words), "{tip}");
        }
        assert!(row.bars.iter().all(|b| !b.focusable));
        assert!(row.plan_label);
        let held = row.bars.iter().find(|b| matches!(b.paint, Paint::Held(_)));
        let tip = &model.items[held.expect("a held bar").item];
        assert!(
            tip.contains(&format!(" holds cook {}'s thread, ", cook + 1)),
            "{tip}"
        );
    }
    // The rows follow one another, each below the last one's planned strip.
    for pair in model.rows[2..].windows(2) {
        assert!(
            pair[1].y >= pair[0].plan_y() + pair[0].size.plan,
            "{pair:?}"
        );
    }
    assert!(model.heartbeat.y >= model.rows[4].plan_y() + model.rows[4].size.plan);
}

#[test]
fn only_cooks_that_started_during_the_run_have_starting_bars() {
    // A warm pool: the run's cooks were started before it, while the plan's start cold.
    let result = processes(Cooks::perfect(2));
    let model = ChartModel::build(&result, result.prediction.timeline.end, 1000.0);
    let cooks = cook_rows(&model);
    assert_eq!(cooks.len(), 2);
    for row in cooks {
        assert!(starting(&row.bars).is_empty(), "{row:?}");
        assert_eq!(starting(&row.plan).len(), 1, "{row:?}");
    }
    // Three cooks for two tasks: the third starts and is idle from then on.
    let mut three = processes(Cooks::new(3));
    three.prediction = Rc::new(Prediction {
        timeline: three.timeline.clone(),
        ..(*three.prediction).clone()
    });
    let model = ChartModel::build(&three, three.timeline.end, 1000.0);
    let last = model.rows.last().expect("rows");
    assert_eq!(last.name, "cook 3");
    assert_eq!(starting(&last.bars).len(), 1);
    assert!(last.bars.iter().skip(1).all(|b| b.paint == Paint::Idle));
}

#[test]
fn a_predicted_processes_run_has_cook_rows_without_planned_strips() {
    let recipe = Rc::new(lesson::chop_and_dice().recipe);
    let prediction = Rc::new(Prediction::new(&recipe, Mode::Processes));
    let result = RunResult::predicted(recipe, Mode::Processes, prediction);
    let model = ChartModel::build(&result, result.timeline.end, 1000.0);
    let cooks = cook_rows(&model);
    assert_eq!(cooks.len(), 2);
    for row in cooks {
        assert!(row.plan.is_empty() && !row.plan_label && row.size.plan == 0.0);
        assert_eq!(starting(&row.bars).len(), 1);
    }
}

#[test]
fn other_modes_draw_one_thread_and_no_cooks() {
    let recipe = Rc::new(lesson::chop_and_dice().recipe);
    for mode in Mode::ALL.into_iter().filter(|m| !m.on_cooks()) {
        let trace = predict::predict(&recipe, mode);
        let result = RunResult::new(recipe.clone(), mode, trace, false);
        assert_eq!(count(&result), 0);
        assert_eq!(height(&result), 0.0);
        let model = ChartModel::build(&result, 400.0, 1000.0);
        let last = model.rows.last().expect("rows");
        assert_eq!((last.kind, last.name.as_str()), (RowKind::Thread, "thread"));
        assert!(model.rows.iter().all(|r| r.kind != RowKind::Cook));
        let paints = model.rows.iter().flat_map(|r| r.bars.iter().chain(&r.plan));
        assert!(
            paints
                .into_iter()
                .all(|b| b.paint != Paint::State(State::Starting))
        );
    }
}

#[test]
fn cook_rows_count_in_the_height_a_chart_is_fitted_to() {
    let mut recipe = lesson::ten_thousand_timers().recipe;
    recipe.tasks[0].copies = 40;
    let recipe = Rc::new(recipe);
    let trace = predict::predict_with(&recipe, Mode::Processes, Cooks::new(8));
    let result = RunResult::new(recipe, Mode::Processes, trace, false);
    assert_eq!(count(&result), 8);
    assert_eq!(size(&result), RowSize::COMPACT_THREAD);
    let span = result.timeline.end.max(result.prediction.timeline.end);
    let free = ChartModel::build(&result, span, 1000.0);
    for room in [700.0, 600.0, 500.0] {
        let fitted = ChartModel::build_within(&result, span, 1000.0, Some(room));
        assert!(fitted.height < free.height);
        // The cooks keep their rows: the task rows give way, down to the six every chart keeps,
        // which stay though the chart then grows past its room.
        assert_eq!(cook_rows(&fitted).len(), 8);
        let tasks = fitted.rows.iter().filter(|r| r.kind == RowKind::Task);
        let tasks = tasks.count();
        assert!(tasks >= 6, "{tasks} task rows in {room}");
        assert!(
            fitted.height <= room || tasks == 6,
            "{} in {room}",
            fitted.height
        );
    }
    // Only the first of many compact cook rows labels its planned strip.
    let labels: Vec<bool> = cook_rows(&free).into_iter().map(|r| r.plan_label).collect();
    assert_eq!(
        labels,
        [true, false, false, false, false, false, false, false]
    );
}

/// A threads run of the chop-and-dice lesson on two cold threads, with the GIL or `free`.
fn threads(free: bool) -> RunResult {
    use kitchen_model::gil::Gil;
    let recipe = Rc::new(lesson::chop_and_dice().recipe);
    let gil = Gil::on(Cooks::new(2)).free(free);
    let trace = kitchen_model::gil::run(&recipe, gil);
    let prediction = Rc::new(Prediction::of_trace(&recipe, trace.clone()));
    RunResult::with_prediction(recipe, Mode::Threads, trace, prediction, false)
}

#[test]
fn a_threads_run_draws_the_gil_and_a_row_per_thread() {
    let result = threads(false);
    let model = ChartModel::build(&result, result.timeline.end, 1000.0);
    let rows: Vec<(RowKind, &str)> = model
        .rows
        .iter()
        .map(|r| (r.kind, r.name.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            (RowKind::Task, "chop_salad"),
            (RowKind::Task, "dice_onions"),
            (RowKind::Thread, "page thread"),
            (RowKind::Gil, "GIL"),
            (RowKind::Cook, "thread 1"),
            (RowKind::Cook, "thread 2"),
        ]
    );
    // The GIL changes hands every 5 ms, between both tasks.
    let gil = &model.rows[3];
    let words: Vec<&str> = gil.bars.iter().map(|b| &*model.items[b.item]).collect();
    for task in ["chop_salad", "dice_onions"] {
        let held = format!("{task} holds the GIL, ");
        assert!(words.iter().any(|w| w.starts_with(&held)), "{task}");
    }
    // Its 0.1 ms hand-overs are drawn with the turns before them, not as bars of their own: only
    // the start-up before the first turn and the end after the last are idle.
    let idle = gil.bars.iter().filter(|b| b.paint == Paint::Idle).count();
    assert!(idle <= 2, "{idle} idle bars of {}", gil.bars.len());
    // A thread's start-up is worded as a thread's.
    let first = &model.rows[4];
    let start = starting(&first.bars);
    assert_eq!(start.len(), 1);
    assert!(model.items[start[0].item].starts_with("thread 1 starting: "));
    let mut svg = crate::markup::Markup::new();
    crate::timeline::svg::svg(&mut svg, &model);
    assert!(svg.as_str().contains(r#"data-testid="gil-lane""#));
    // Free-threaded, there is no lock, and no GIL row.
    let free = threads(true);
    let model = ChartModel::build(&free, free.timeline.end, 1000.0);
    assert!(model.rows.iter().all(|r| r.kind != RowKind::Gil));
}
