//! The state machine lens, rendered: each task's variant at a moment of a predicted run, with the
//! `.await` it stands for and what it holds.

use expect_test::{Expect, expect};

use super::super::machine::{FutureState, Holds};
use super::super::{Narrator, Replay};
use crate::code::{self, CodeView, Language};
use crate::lesson;
use crate::mode::Mode;
use crate::predict::predict;
use crate::recipe::Recipe;

/// One future's state as a line: its variant, the statement of its `.await`, what it holds.
fn describe(state: &FutureState, view: &CodeView) -> String {
    let mut out = state.variant.to_string();
    if let Some(step) = state.at {
        out.push_str(&format!(" at `{}`", view.statement_of(step).unwrap_or("?")));
    }
    match &state.holds {
        Holds::Nothing => {}
        Holds::Timer(due) => out.push_str(&format!(", holding a timer due at {due} ms")),
        Holds::Yield => out.push_str(", holding a yield"),
        Holds::Future(inner) => {
            out.push_str(&format!(", holding a future in {}", describe(inner, view)));
        }
    }
    out
}

/// Every task's future at each of `times` (ms) of `recipe`'s predicted run in `mode`, and at its
/// end, read against its Rust view.
fn check(recipe: &Recipe, mode: Mode, times: &[f64], expect: Expect) {
    let replay = Replay::new(recipe, mode, &predict(recipe, mode), true);
    let view = code::code(recipe, mode, Language::Rust);
    let narrator = Narrator::new(&replay, recipe, &view);
    let mut out = String::new();
    let cursors = times
        .iter()
        .map(|&at| (format!("at {at} ms"), replay.seek(at)));
    for (when, cursor) in cursors.chain([("at the end".to_owned(), replay.last())]) {
        out.push_str(&format!("{when}\n"));
        for task in 0..replay.tasks() {
            let state = replay
                .future_state(task, cursor, &view)
                .map_or("no future".to_owned(), |s| describe(&s, &view));
            out.push_str(&format!("  {}: {state}\n", narrator.name(task)));
        }
    }
    expect.assert_eq(&out);
}

#[test]
fn cake_suspends_at_the_oven_holding_its_timer_and_returns_after_an_hour() {
    // 1 min is 20 ms: 20 min is 400 ms, an hour 1 200 ms.
    check(
        &lesson::cake_and_groceries().recipe,
        Mode::Gather,
        &[0.0, 400.0],
        expect![[r#"
            at 0 ms
              cake: Unresumed
              groceries: Unresumed
            at 400 ms
              cake: Suspend0 at `sleep(45).await;`, holding a timer due at 1200 ms
              groceries: Unresumed
            at the end
              cake: Returned
              groceries: Returned
        "#]],
    );
}

#[test]
fn a_task_awaiting_a_helper_holds_the_helpers_future_in_its_own_variant() {
    check(
        &lesson::fruit_shop().recipe,
        Mode::Gather,
        &[100.0, 700.0],
        expect![[r#"
            at 100 ms
              fruit: Suspend0 at `wait_for_water().await;`, holding a future in Suspend0 at `sleep(1).await;`, holding a timer due at 500 ms
            at 700 ms
              fruit: Suspend1 at `wait_for_melon().await;`, holding a future in Suspend0 at `sleep(1).await;`, holding a timer due at 1000 ms
            at the end
              fruit: Returned
        "#]],
    );
}

/// In every lesson and mode, each task's future only moves forward through its variants, stop by
/// stop (a recipe's steps run once each, in order: no `.await` is met twice), and ends `Returned`
/// exactly when the task is done; the blocking mode's plain functions are no futures.
#[test]
fn every_lessons_futures_move_forward_and_return_when_done() {
    use super::super::machine::Variant;
    for lesson in lesson::all() {
        let recipe = &lesson.recipe;
        for mode in Mode::ALL {
            if mode.on_cooks() {
                continue;
            }
            // Every task at every stop: the hundred-task lessons are enough, the ten thousand
            // timers would take minutes.
            if recipe.instances().len() > 200 {
                continue;
            }
            let replay = Replay::new(recipe, mode, &predict(recipe, mode), true);
            let view = code::code(recipe, mode, Language::Rust);
            let rank = |v: Variant| match v {
                Variant::Unresumed => 0,
                Variant::Suspend(k) => k + 1,
                Variant::Returned => usize::MAX,
            };
            let mut last = vec![0; replay.tasks()];
            for stop in 0..replay.stops().len() {
                let cursor = replay.at_stop(stop);
                let done = replay.state(cursor, usize::MAX).done.items;
                for (task, last) in last.iter_mut().enumerate() {
                    let state = replay.future_state(task, cursor, &view);
                    let Some(state) = state else {
                        assert_eq!(
                            mode,
                            Mode::Blocking,
                            "{} in {}: no future",
                            lesson.id,
                            mode.id()
                        );
                        continue;
                    };
                    let now = rank(state.variant);
                    assert!(
                        now >= *last,
                        "{} in {}: task {task} went back at stop {stop}",
                        lesson.id,
                        mode.id()
                    );
                    *last = now;
                    assert_eq!(
                        done.contains(&task),
                        state.variant == Variant::Returned,
                        "{} in {}: task {task} at stop {stop}",
                        lesson.id,
                        mode.id()
                    );
                }
            }
        }
    }
}

/// Every move of every task's future through its state machine, a sentence each, in order.
fn check_moves(recipe: &Recipe, mode: Mode, expect: Expect) {
    let replay = Replay::new(recipe, mode, &predict(recipe, mode), true);
    let view = code::code(recipe, mode, Language::Rust);
    let narrator = Narrator::new(&replay, recipe, &view);
    let mut out = String::new();
    for stop in 0..replay.stops().len() {
        for task in 0..replay.tasks() {
            if let Some(sentence) = replay.moved(task, stop, &view, recipe, &narrator.name(task)) {
                out.push_str(&sentence);
                out.push('\n');
            }
        }
    }
    expect.assert_eq(&out);
}

#[test]
fn cakes_and_the_fruit_shops_futures_move_told_a_sentence_each() {
    check_moves(
        &lesson::cake_and_groceries().recipe,
        Mode::Gather,
        expect![[r#"
            cake's future moved from `Unresumed` to `Suspend0` at `sleep(45).await`: it now holds a timer, due at 60 min (1 200 ms).
            groceries' future moved from `Unresumed` to `Returned`: its value is given to whoever awaits it, and polling it again would panic.
            cake's future moved from `Suspend0` to `Returned`: its value is given to whoever awaits it, and polling it again would panic.
        "#]],
    );
    check_moves(
        &lesson::fruit_shop().recipe,
        Mode::Gather,
        expect![[r#"
            fruit's future moved from `Unresumed` to `Suspend0` at `wait_for_water().await`: it now holds the future it awaits, itself in `Suspend0`.
            fruit's future moved from `Suspend0` to `Suspend1` at `wait_for_melon().await`: it now holds the future it awaits, itself in `Suspend0`.
            fruit's future moved from `Suspend1` to `Returned`: its value is given to whoever awaits it, and polling it again would panic.
        "#]],
    );
}
