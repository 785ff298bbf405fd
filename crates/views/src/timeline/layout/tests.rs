//! Tests of the timeline layout: lane choice, sliver grouping, freezes, markers, poll strips, the
//! chart's width, a prediction shown as a run, and a cost that stays bounded however many tasks a
//! run has.

use std::rc::Rc;

use super::*;
use crate::timeline::geometry::{LABEL_W, RIGHT_PAD};
use crate::timeline::marks::{MarkerKind, PREDICTION_NO_FRAMES};
use crate::timeline::rows::{Paint, RowKind, group};
use kitchen_model::run::Prediction;
use kitchen_model::{Event, EventKind, Mode, State, Task, Trace, lesson, predict};

/// A run whose measurement is the prediction, edited by `edit`.
fn run(recipe: Recipe, mode: Mode, live: bool, edit: impl FnOnce(&mut Trace)) -> RunResult {
    let mut trace = predict::predict(&recipe, mode);
    edit(&mut trace);
    RunResult::new(Rc::new(recipe), mode, trace, live)
}

fn frames(trace: &mut Trace, at: &[f64]) {
    trace.events.extend(at.iter().map(|&at| Event {
        at,
        kind: EventKind::Frame,
    }));
}

fn timers(n: u32) -> Recipe {
    let mut recipe = lesson::ten_thousand_timers().recipe;
    recipe.tasks[0].copies = n;
    recipe
}

#[test]
fn every_task_keeps_a_lane_when_lanes_are_capped() {
    let mut recipe = timers(10_000);
    recipe.tasks.insert(0, Task::new("first", Vec::new()));
    recipe.tasks.push(Task::new("last", Vec::new()));
    let drawn = pick_lanes(&recipe, 10_002, MAX_LANES);
    assert_eq!(drawn.len(), MAX_LANES);
    assert_eq!(&drawn[..3], &[0, 1, 2]);
    assert_eq!(drawn.last(), Some(&10_001));
    assert!(drawn.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(pick_lanes(&recipe, 3, MAX_LANES), [0, 1, 2]);
}

#[test]
fn the_lanes_not_drawn_are_summed_up_in_words() {
    let recipe = timers(10_000);
    let drawn = pick_lanes(&recipe, 10_000, MAX_LANES);
    assert_eq!(
        hidden_note(&recipe, &drawn, 10_000, false),
        "… and 9\u{202f}988 more timer tasks, not drawn: they run like the timer lanes above. \
         The thread lane counts them all."
    );
    // In the processes mode the page's thread is idle: the cooks' rows are the ones that count.
    let cooks = hidden_note(&recipe, &drawn, 10_000, true);
    assert!(cooks.ends_with("The cook lanes count them all."), "{cooks}");
    let mut many = lesson::cake_and_groceries().recipe;
    many.tasks = (0..14)
        .map(|i| Task::new(&format!("t{i}"), Vec::new()))
        .collect();
    let note = hidden_note(&many, &pick_lanes(&many, 14, MAX_LANES), 14, false);
    assert!(note.starts_with("… and 2 more tasks, not drawn."), "{note}");
}

#[test]
fn a_thousand_task_run_costs_no_more_to_draw_than_its_lane_cap() {
    let result = run(timers(1_000), Mode::Gather, true, |_| {});
    let model = ChartModel::build(&result, result.prediction.timeline.end, 1000.0);
    // Twelve task rows and the thread row, then a note for the other 988.
    assert_eq!(model.rows.len(), MAX_LANES + 1);
    assert!(model.note.is_some());
    let bars: usize = model.rows.iter().map(|r| r.bars.len() + r.plan.len()).sum();
    // A bar per pixel column and row at most, whatever the number of tasks.
    assert!(bars <= 2 * 900 * model.rows.len(), "{bars} bars");
    let thread = &model.rows[MAX_LANES];
    assert!(thread.bars.len() < 900, "{} thread bars", thread.bars.len());
    assert_eq!(model.items.len(), bars);
    // Every bar is on the chart.
    for bar in model.rows.iter().flat_map(|r| &r.bars) {
        assert!(
            bar.x >= LABEL_W && bar.x + bar.w <= model.scale.width(),
            "{bar:?}"
        );
    }
}

#[test]
fn slivers_are_drawn_as_one_bar_painted_by_the_most_telling_state() {
    let scale = Scale::new(1000.0, 1000.0);
    // 1 000 ms over about 836 units: 0.1 ms is a sliver, 100 ms is not.
    let pieces = [
        (0.0, 0.1, 1),
        (0.1, 0.2, 3),
        (0.2, 0.3, 2),
        (0.3, 100.0, 1),
        (100.0, 100.1, 2),
    ];
    let groups = group(pieces.into_iter(), scale);
    let spans: Vec<_> = groups.iter().map(|g| (g.first, g.last, g.pick)).collect();
    assert_eq!(spans, [(0, 2, 1), (3, 3, 3), (4, 4, 4)]);
}

#[test]
fn a_blocking_run_marks_its_freeze_with_its_length() {
    let recipe = lesson::cake_and_groceries().recipe;
    let result = run(recipe, Mode::Blocking, false, |t| {
        frames(t, &[-4.0, 12.0, 1615.0, 1631.0])
    });
    let model = ChartModel::build(&result, 1631.0, 1000.0);
    let hb = &model.heartbeat;
    assert_eq!(
        hb.frames.len(),
        3,
        "the frame before time zero is off the axis"
    );
    assert_eq!(hb.freezes.len(), 1);
    assert_eq!(
        hb.freezes[0].label.as_deref(),
        Some("frozen 1\u{202f}603 ms")
    );
    assert!(model.items[hb.freezes[0].item].contains("the page was frozen"));
    // The blocked oven is blocked in both the measured bar and the planned strip.
    let cake = &model.rows[0];
    assert!(
        cake.bars
            .iter()
            .any(|b| b.paint == Paint::State(State::Blocked))
    );
    assert!(
        cake.plan
            .iter()
            .any(|b| b.paint == Paint::State(State::Blocked))
    );
    assert!(cake.bars.iter().all(|b| b.focusable) && cake.plan.iter().all(|b| !b.focusable));
}

#[test]
fn markers_say_where_the_plan_ends_and_where_the_run_is() {
    let recipe = lesson::cake_and_groceries().recipe;
    let finished = run(recipe.clone(), Mode::Gather, false, |_| {});
    let words: Vec<_> = ChartModel::build(&finished, 1200.0, 1000.0)
        .markers
        .into_iter()
        .map(|m| (m.kind, m.text))
        .collect();
    assert_eq!(
        words,
        [
            (MarkerKind::Planned, "planned end 60.0 min".to_owned()),
            (MarkerKind::End, "measured end 60.0 min".to_owned()),
        ]
    );
    let live = run(recipe.clone(), Mode::Gather, true, |t| {
        t.events.retain(|e| e.at <= 400.0);
        t.end = 400.0;
    });
    let model = ChartModel::build(&live, 1200.0, 1000.0);
    assert_eq!(model.markers[1].kind, MarkerKind::Now);
    assert_eq!(model.markers[1].text, "now 20.0 min");
    assert!(model.subtitle.starts_with("running, 20.0 min so far"));
    let stopped = run(recipe, Mode::Gather, false, |t| {
        t.events.retain(|e| e.at <= 400.0);
        t.end = 400.0;
        t.cancelled = true;
    });
    assert_eq!(
        ChartModel::build(&stopped, 1200.0, 1000.0).markers[1].kind,
        MarkerKind::Stopped
    );
}

#[test]
fn long_tasks_get_a_row_only_when_there_are_some() {
    let recipe = lesson::cake_and_groceries().recipe;
    let plain = run(recipe.clone(), Mode::Blocking, false, |_| {});
    assert!(
        ChartModel::build(&plain, 1600.0, 1000.0)
            .long_tasks
            .is_none()
    );
    let long = run(recipe, Mode::Blocking, false, |t| {
        t.events.push(Event {
            at: 0.0,
            kind: EventKind::LongTask { duration: 1600.0 },
        })
    });
    let model = ChartModel::build(&long, 1600.0, 1000.0);
    let (_, bars) = model.long_tasks.as_ref().expect("a long-task row");
    assert_eq!(bars.len(), 1);
    assert!(model.height > ChartModel::build(&plain, 1600.0, 1000.0).height);
}

#[test]
fn a_run_in_which_nothing_ran_says_so() {
    let recipe = lesson::never_awaited().recipe;
    let result = run(recipe, Mode::NeverAwaited, false, |_| {});
    let model = ChartModel::build(&result, 1.0, 1000.0);
    assert_eq!(
        model.note.map(|(_, lines)| lines.join(" ")).as_deref(),
        Some(NOTHING_RAN)
    );
    let cake = run(
        lesson::cake_and_groceries().recipe,
        Mode::Gather,
        false,
        |_| {},
    );
    assert!(ChartModel::build(&cake, 1200.0, 1000.0).note.is_none());
}

#[test]
fn the_chart_is_as_wide_as_its_container_asks_and_only_its_x_axis_stretches() {
    let result = run(
        lesson::cake_and_groceries().recipe,
        Mode::Gather,
        false,
        |_| {},
    );
    let narrow = ChartModel::build(&result, 1200.0, 760.0);
    let wide = ChartModel::build(&result, 1200.0, 1600.0);
    assert_eq!(narrow.scale.width(), 760.0);
    assert_eq!(narrow.ticks.last().map(|t| t.x), Some(760.0 - RIGHT_PAD));
    assert_eq!(wide.ticks.last().map(|t| t.x), Some(1600.0 - RIGHT_PAD));
    assert_eq!(narrow.height, wide.height);
    for bar in narrow
        .rows
        .iter()
        .flat_map(|r| r.bars.iter().chain(&r.plan))
    {
        assert!(bar.x >= LABEL_W && bar.x + bar.w <= 760.0, "{bar:?}");
    }
    // Text keeps its size on a narrow chart, so what would run off it moves to lines of its own.
    let many = run(timers(10_000), Mode::Gather, false, |_| {});
    let span = many.prediction.timeline.end;
    let wide = ChartModel::build(&many, span, 1600.0);
    let narrow = ChartModel::build(&many, span, 600.0);
    assert!(!wide.subtitle_below && narrow.subtitle_below);
    let (_, lines) = narrow.note.as_ref().expect("a note");
    assert!(lines.len() > 1, "{lines:?}");
    let room = narrow.scale.right() - LABEL_W;
    assert!(lines.iter().all(|l| scale::text_width(l, 13.0) <= room));
    assert!(narrow.height > wide.height);
    assert!(narrow.markers[0].label_y > wide.markers[0].label_y);
}

#[test]
fn every_drawn_task_row_carries_its_polls_and_wakes_in_room_of_its_own() {
    let cake = run(
        lesson::cake_and_groceries().recipe,
        Mode::Gather,
        false,
        |_| {},
    );
    let model = ChartModel::build(&cake, 1200.0, 1000.0);
    let (oven, thread) = (&model.rows[0].polls, &model.rows[2].polls);
    assert!(
        !oven.pending.is_empty() && !oven.wakes.is_empty(),
        "{oven:?}"
    );
    assert_eq!(oven.ready.len(), 1);
    assert_eq!(*thread, Default::default());
    // A blocking run calls its tasks as plain functions: no executor, so no polls.
    let blocking = run(
        lesson::cake_and_groceries().recipe,
        Mode::Blocking,
        false,
        |_| {},
    );
    let model = ChartModel::build(&blocking, 1600.0, 1000.0);
    assert!(model.rows.iter().all(|r| r.polls == Default::default()));
    // Full rows and compact ones alike, a poll strip starts below the row above it ends.
    let many = run(timers(1_000), Mode::Gather, false, |_| {});
    for model in [
        ChartModel::build(&cake, 1200.0, 1000.0),
        ChartModel::build(&many, many.prediction.timeline.end, 1000.0),
    ] {
        assert!(model.rows[0].poll_strip().0 >= model.plot.0);
        let tasks = model.rows.iter().take_while(|r| r.kind == RowKind::Task);
        let tasks: Vec<&Row> = tasks.collect();
        for pair in tasks.windows(2) {
            let above = pair[0].plan_y() + pair[0].size.plan;
            let (top, bottom) = pair[1].poll_strip();
            assert!(top >= above + 1.0 && bottom < pair[1].y, "{pair:?}");
        }
        let marks: usize = model.rows.iter().map(|r| r.polls.pending.len()).sum();
        assert!(marks <= model.rows.len() * 500, "{marks} poll ticks");
    }
}

#[test]
fn a_prediction_shown_as_a_run_draws_the_prediction_and_says_nothing_ran() {
    let recipe = Rc::new(lesson::cake_and_groceries().recipe);
    let prediction = Rc::new(Prediction::new(&recipe, Mode::Gather));
    let result = RunResult::predicted(recipe, Mode::Gather, prediction.clone());
    assert!(result.predicted && !result.live && result.lateness.is_empty());
    assert_eq!(result.totals, prediction.totals);
    let model = ChartModel::build(&result, 1200.0, 1000.0);
    assert_eq!(model.id, "predicted-gather");
    assert_eq!(model.title, "Prediction · Gather · Cake and groceries");
    assert_eq!(model.subtitle, "predicted 60.0 min; nothing has run yet");
    let kinds: Vec<_> = model.markers.iter().map(|m| m.kind).collect();
    assert_eq!(kinds, [MarkerKind::Planned]);
    assert_eq!(model.heartbeat.blank, Some(PREDICTION_NO_FRAMES));
    assert!(
        model
            .rows
            .iter()
            .all(|r| r.plan.is_empty() && !r.plan_label)
    );
    // Its task bars are keyboard stops, as a run's are; the thread row never is.
    let tasks = &model.rows[..2];
    assert!(tasks.iter().all(|r| r.bars.iter().all(|b| b.focusable)));
    assert!(!model.rows[0].polls.pending.is_empty());
    let oven = &model.items[model.rows[0].bars[1].item];
    assert!(oven.starts_with("cake, predicted:"), "{oven}");
    // Without a planned strip, the rows are shorter than a measured run's.
    let measured = run(
        lesson::cake_and_groceries().recipe,
        Mode::Gather,
        false,
        |_| {},
    );
    assert!(model.height < ChartModel::build(&measured, 1200.0, 1000.0).height);
}

#[test]
fn a_phones_chart_is_as_wide_as_its_screen_and_every_word_stays_on_it() {
    // A 390 px phone leaves the stage's chart 340 px: the chart is drawn that wide rather than at a
    // desktop's width in a box that hides its end, and what would run off it wraps instead.
    for (recipe, mode) in [
        (lesson::cake_and_groceries().recipe, Mode::Gather),
        (lesson::sleep_and_print().recipe, Mode::BlockingInAsync),
        (lesson::chores().recipe, Mode::Sequential),
    ] {
        let result = run(recipe, mode, false, |_| {});
        let span = result.timeline.end.max(result.prediction.timeline.end);
        let model = ChartModel::build(&result, span, 340.0);
        assert_eq!(model.scale.width(), 340.0);
        assert_eq!(model.scale.right(), 340.0 - RIGHT_PAD);
        let ticks: Vec<_> = model.ticks.iter().map(|t| (&t.units, t.x)).collect();
        assert!(
            ticks.len() >= 2 && ticks.iter().all(|t| t.1 <= model.scale.right()),
            "{ticks:?}"
        );
        let text = model.title_lines.iter().map(|l| (l, 16.0));
        let text = text.chain(model.subtitle_lines.iter().map(|l| (l, 13.0)));
        for (line, px) in text {
            assert!(scale::text_width(line, px) <= 340.0 - 16.0, "{line}");
        }
        assert_eq!(
            model.title_lines.join(" "),
            model.title,
            "the title, every word of it"
        );
        assert!(model.subtitle_below);
        // `Blocking inside async · sleep_and_print(3) and sleep_and_print(6)` takes three lines.
        assert_eq!(model.title_lines.len() > 1, mode == Mode::BlockingInAsync);
        // The end markers' labels sit left of their lines, inside the plotting area.
        for m in &model.markers {
            let left = if m.anchor_end {
                m.text_x - scale::text_width(&m.text, 12.0)
            } else {
                m.text_x
            };
            let right = left + scale::text_width(&m.text, 12.0);
            assert!(left >= LABEL_W - 8.0 && right <= 340.0, "{m:?}");
        }
        for bar in model.rows.iter().flat_map(|r| r.bars.iter().chain(&r.plan)) {
            assert!(bar.x >= LABEL_W && bar.x + bar.w <= 340.0, "{bar:?}");
        }
    }
    // A prediction's heartbeat row says in a few words what a desktop's says in a sentence.
    let recipe = Rc::new(lesson::cake_and_groceries().recipe);
    let prediction = Rc::new(Prediction::new(&recipe, Mode::Gather));
    let result = RunResult::predicted(recipe, Mode::Gather, prediction);
    let blank = |width| ChartModel::build(&result, 1200.0, width).heartbeat.blank;
    assert_eq!(blank(340.0), Some(NOTHING_RAN_YET));
    assert_eq!(blank(760.0), Some(PREDICTION_NO_FRAMES));
}
