//! The tutorials' numbers and print orders, and properties that hold for every recipe.

use super::*;
use crate::cooks::Cooks;
use crate::lesson;
use crate::recipe::{Action, Step, Task, Unit};
use crate::timeline::State;
use crate::trace::EventKind;

fn work(n: u32) -> Step {
    Step::new(Action::Work(n))
}
fn wait(n: u32) -> Step {
    Step::new(Action::Wait(n))
}
fn print(text: &str) -> Step {
    Step::new(Action::Print(text.to_owned()))
}
fn yield_now() -> Step {
    Step::new(Action::Yield)
}

/// `copies` copies of a task called `name`.
fn task(name: &str, copies: u32, steps: Vec<Step>) -> Task {
    Task {
        name: name.to_owned(),
        copies,
        steps,
    }
}

use crate::recipe::test_recipe as recipe;

/// Totals in units for the modes in `Mode::ALL` order: blocking, sequential, gather, spawn,
/// blocking inside async, never awaited, processes on two perfect cooks, and threads on two
/// perfect threads with the GIL and free-threaded (on two cores).
fn check_totals(recipe: &Recipe, expect: [f64; 9]) {
    let got: Vec<f64> = Mode::ALL
        .iter()
        .map(|&m| recipe.units(predict_with(recipe, m, Cooks::perfect(2)).end))
        .collect();
    assert_eq!(got, expect, "totals by mode for {:?}", recipe.tasks);
}

fn prints(recipe: &Recipe, mode: Mode) -> String {
    prediction(recipe, mode)
        .console
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn cake_and_groceries() {
    let cake = recipe(
        vec![
            task("cake", 1, vec![work(15), wait(45)]),
            task("groceries", 1, vec![work(20)]),
        ],
        vec![],
    );
    // On two GIL threads the cake's 15 of work take turns of half a unit (5 ms) with the
    // groceries', so they end at 29.5, and the oven's 45 after: 74.5, later than gathered.
    check_totals(&cake, [80.0, 80.0, 60.0, 60.0, 80.0, 0.0, 60.0, 74.5, 60.0]);
}

#[test]
fn five_downloads() {
    let downloads = recipe(
        vec![task("download", 5, vec![print("started"), wait(3)])],
        vec![],
    );
    check_totals(&downloads, [15.0, 15.0, 3.0, 3.0, 15.0, 0.0, 9.0, 9.0, 9.0]);
}

#[test]
fn sleep_and_print_and_its_missing_await() {
    let good = recipe(
        vec![
            task(
                "three",
                1,
                vec![print("starting 3"), wait(3), print("finished 3")],
            ),
            task(
                "six",
                1,
                vec![print("starting 6"), wait(6), print("finished 6")],
            ),
        ],
        vec![],
    );
    check_totals(&good, [9.0, 9.0, 6.0, 6.0, 9.0, 0.0, 6.0, 6.0, 6.0]);
    assert_eq!(
        prints(&good, Mode::Gather),
        "starting 3 starting 6 finished 3 finished 6"
    );

    // Without the await, nothing waits in the async modes. Plain functions have no await to forget,
    // and a blocking sleep inside async needs none either.
    let mut bug = good.clone();
    for t in &mut bug.tasks {
        t.steps[1].missing_await = true;
    }
    check_totals(&bug, [9.0, 0.0, 0.0, 0.0, 9.0, 0.0, 0.0, 6.0, 6.0]);
}

#[test]
fn chores_laundry_is_ready_at_sixty_but_runs_at_ninety() {
    let chores = recipe(
        vec![
            task("laundry", 1, vec![wait(60)]),
            task("evening", 1, vec![work(60), wait(30)]),
            task("plants", 1, vec![work(30)]),
        ],
        vec![],
    );
    check_totals(
        &chores,
        [180.0, 180.0, 90.0, 90.0, 180.0, 0.0, 90.0, 90.0, 90.0],
    );
    let timeline = prediction(&chores, Mode::Gather);
    let laundry: Vec<_> = timeline.lanes[0]
        .segments
        .iter()
        .map(|s| (s.state, chores.units(s.start), chores.units(s.end)))
        .collect();
    assert_eq!(
        laundry,
        [(State::Waiting, 0.0, 60.0), (State::Ready, 60.0, 90.0)]
    );
}

#[test]
fn count_prints_one_one_one_two_two_two_when_gathered() {
    let count = recipe(
        vec![task("count", 3, vec![print("One"), wait(1), print("Two")])],
        vec![],
    );
    check_totals(&count, [3.0, 3.0, 1.0, 1.0, 3.0, 0.0, 2.0, 2.0, 2.0]);
    assert_eq!(prints(&count, Mode::Gather), "One One One Two Two Two");
    assert_eq!(prints(&count, Mode::Spawn), "One One One Two Two Two");
    assert_eq!(prints(&count, Mode::Blocking), "One Two One Two One Two");
    assert_eq!(prints(&count, Mode::Sequential), "One Two One Two One Two");
    assert_eq!(prints(&count, Mode::NeverAwaited), "");
}

#[test]
fn red_blue_green() {
    let colours = recipe(
        vec![task(
            "my_func",
            3,
            vec![
                wait(1),
                print("red"),
                wait(1),
                print("blue"),
                wait(1),
                print("green"),
            ],
        )],
        vec![],
    );
    check_totals(&colours, [9.0, 9.0, 3.0, 3.0, 9.0, 0.0, 6.0, 6.0, 6.0]);
    assert_eq!(
        prints(&colours, Mode::Gather),
        "red red red blue blue blue green green green"
    );
}

#[test]
fn fruit_shop_chained_awaits_print_in_order_in_every_mode() {
    // The lesson itself: seconds, each fetch a one-second wait.
    let fruit = crate::lesson::fruit_shop().recipe;
    check_totals(&fruit, [2.0, 2.0, 2.0, 2.0, 2.0, 0.0, 2.0, 2.0, 2.0]);
    for mode in [
        Mode::Blocking,
        Mode::Sequential,
        Mode::Gather,
        Mode::Spawn,
        Mode::BlockingInAsync,
    ] {
        assert_eq!(
            prints(&fruit, mode),
            "inside fruit shop waiting for water fetch water waiting for melon fetch melon \
             fruit name : water melon",
            "{mode:?}"
        );
    }
}

#[test]
fn cpu_bound_work_gains_nothing_io_bound_waits_overlap() {
    let kitchen = recipe(
        vec![
            task("boil_water", 1, vec![wait(10)]),
            task("chop_salad", 1, vec![work(8)]),
        ],
        vec![],
    );
    check_totals(
        &kitchen,
        [18.0, 18.0, 10.0, 10.0, 18.0, 0.0, 10.0, 10.0, 10.0],
    );
    let chopping = recipe(
        vec![
            task("chop_salad", 1, vec![work(8)]),
            task("knead_dough", 1, vec![work(6)]),
        ],
        vec![],
    );
    check_totals(
        &chopping,
        [14.0, 14.0, 14.0, 14.0, 14.0, 0.0, 8.0, 14.0, 8.0],
    );
}

/// A row of [`cooks_sharing_cores_take_turns_on_them`]: jobs as (work, wait), cooks, cores, ends.
type CoreRow = (&'static [(u32, u32)], usize, usize, &'static [f64]);

/// Cooks that outnumber the cores share them: their work slows while more compute than there are
/// cores, and their waits do not. Each row: the tasks (work, then wait), cooks, cores, and when the
/// page hears that each task ended, in units, on perfect cooks.
#[test]
fn cooks_sharing_cores_take_turns_on_them() {
    #[rustfmt::skip]
    let rows: &[CoreRow] = &[
        // Four equal jobs: four cooks on two cores are no faster than two.
        (&[(5, 0); 4], 4, 4, &[5.0, 5.0, 5.0, 5.0]),
        (&[(5, 0); 4], 4, 2, &[10.0, 10.0, 10.0, 10.0]),
        (&[(5, 0); 4], 2, 2, &[5.0, 5.0, 10.0, 10.0]),
        // On one core the short job ends first, at twice its work; the long one then runs alone.
        (&[(4, 0), (2, 0)], 2, 1, &[6.0, 4.0]),
        // A wait is not slowed: the first job waits while the second computes on the one core.
        (&[(2, 6), (4, 0)], 2, 1, &[10.0, 6.0]),
    ];
    for &(jobs, count, cores, expect) in rows {
        let tasks = jobs
            .iter()
            .enumerate()
            .map(|(i, &(w, d))| {
                let steps = [work(w)].into_iter().chain((d > 0).then(|| wait(d)));
                task(&format!("job{i}"), 1, steps.collect())
            })
            .collect();
        let recipe = recipe(tasks, vec![]);
        let pool = Cooks::perfect(count).on_cores(cores);
        let trace = predict_with(&recipe, Mode::Processes, pool);
        let ends: Vec<f64> = (0..jobs.len())
            .map(|task| {
                let end = trace
                    .events
                    .iter()
                    .find(|e| e.kind == EventKind::TaskEnd { task });
                recipe.units(end.map_or(f64::NAN, |e| e.at))
            })
            .collect();
        assert_eq!(ends, expect, "{jobs:?} on {count} cooks, {cores} cores");
        assert_eq!(
            trace.end,
            recipe.scale_ms * expect.iter().copied().fold(0.0, f64::max)
        );
    }
}

#[test]
fn ten_thousand_timers_take_as_long_as_one() {
    let mut timers = recipe(vec![task("timer", 10_000, vec![wait(50)])], vec![]);
    timers.unit = Unit::Ms;
    timers.scale_ms = 1.0;
    assert_eq!(predict(&timers, Mode::Gather).end, 50.0);
    assert_eq!(predict(&timers, Mode::Spawn).end, 50.0);
    assert_eq!(predict(&timers, Mode::Blocking).end, 500_000.0);
}

#[test]
fn a_yield_lets_the_other_tasks_run_first() {
    let yields = recipe(
        vec![
            task("a", 1, vec![print("a1"), yield_now(), print("a2")]),
            task("b", 1, vec![print("b1"), yield_now(), print("b2")]),
        ],
        vec![],
    );
    assert_eq!(prints(&yields, Mode::Gather), "a1 b1 a2 b2");
    assert_eq!(prints(&yields, Mode::Spawn), "a1 b1 a2 b2");
    assert_eq!(prints(&yields, Mode::Sequential), "a1 a2 b1 b2");
    // Above thirty children `join_all` polls only the woken ones, oldest first: same order.
    let mut many = yields.clone();
    many.tasks[0].copies = 16;
    many.tasks[1].copies = 16;
    let gathered = prints(&many, Mode::Gather);
    assert!(gathered.starts_with(&"a1 ".repeat(16)), "{gathered}");
    assert!(gathered.ends_with(&" b2".repeat(16)), "{gathered}");
}

/// Whether a predicted total in a recipe's unit is the tutorial's, up to the rounding of units turned
/// into milliseconds and back (a unit of a tenth of a millisecond has no exact binary form).
fn same_total(predicted: f64, tutorial: f64) -> bool {
    (predicted - tutorial).abs() <= 1e-9 * tutorial.abs().max(1.0)
}

#[test]
fn every_lesson_reproduces_its_tutorials_numbers() {
    for lesson in lesson::all() {
        let r = &lesson.recipe;
        if let Some(blocking) = lesson.expected.blocking {
            let predicted = r.units(predict(r, Mode::Blocking).end);
            assert!(
                same_total(predicted, blocking),
                "{}: {predicted} against {blocking}",
                lesson.id
            );
        }
        if let Some(concurrent) = lesson.expected.concurrent {
            // A lesson on cooks states its processes total on its cooks, perfect ones.
            let trace = match lesson.cooks {
                Some(k) if lesson.default_mode == Mode::Processes => {
                    predict_with(r, Mode::Processes, Cooks::perfect(k))
                }
                _ => predict(r, Mode::Gather),
            };
            let predicted = r.units(trace.end);
            assert!(
                same_total(predicted, concurrent),
                "{}: {predicted} against {concurrent}",
                lesson.id
            );
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod properties;
