//! Random valid recipes for property tests (native only: proptest does not build for wasm32).
//!
//! "Valid" means what the text format accepts: unique names, helpers that only call earlier helpers
//! (so no recursion), `missing_await` only on `wait`, `call` and `yield`, small numbers, and at most
//! [`MAX_EXERCISES`] exercises, their targets from 1 to [`MAX_UNITS`] units.

use proptest::prelude::*;

use super::mode::Mode;
use super::recipe::{Action, Asked, Recipe, Step, Task, Unit};
use super::text::limits::{MAX_EXERCISES, MAX_UNITS};

/// Text for prints, labels, titles and stories: any non-control characters, quotes and `#` included.
fn text() -> impl Strategy<Value = String> {
    "\\PC{0,16}"
}

fn unit() -> impl Strategy<Value = Unit> {
    prop_oneof![Just(Unit::Ms), Just(Unit::S), Just(Unit::Min)]
}

fn mode() -> impl Strategy<Value = Mode> {
    proptest::sample::select(Mode::ALL.to_vec())
}

/// An exercise of any form, its target at either end of the range or anywhere between.
fn asked() -> impl Strategy<Value = Asked> {
    let units = prop_oneof![Just(1), Just(MAX_UNITS), 1..=MAX_UNITS];
    prop_oneof![
        mode().prop_map(Asked::Order),
        mode().prop_map(Asked::Total),
        (units, proptest::option::of(mode()))
            .prop_map(|(units, mode)| Asked::Target { units, mode }),
    ]
}

/// Most recipes ask nothing; some ask a few exercises, up to the limit.
fn exercises() -> impl Strategy<Value = Vec<Asked>> {
    prop_oneof![
        2 => Just(Vec::new()),
        1 => proptest::collection::vec(asked(), 1..=MAX_EXERCISES),
    ]
}

/// A step that may call any of the first `helpers` helpers.
fn step(helpers: usize) -> impl Strategy<Value = Step> {
    let call = if helpers == 0 {
        Just(Action::Yield).boxed()
    } else {
        (0..helpers)
            .prop_map(|h| Action::Call(format!("helper_{h}")))
            .boxed()
    };
    let action = prop_oneof![
        3 => (0u32..20).prop_map(Action::Work),
        3 => (0u32..20).prop_map(Action::Wait),
        2 => text().prop_map(Action::Print),
        1 => call,
        1 => Just(Action::Yield),
    ];
    (
        action,
        proptest::option::of(text()),
        proptest::bool::weighted(0.1),
    )
        .prop_map(|(action, label, missing)| {
            let awaitable = matches!(action, Action::Wait(_) | Action::Call(_) | Action::Yield);
            Step {
                action,
                label,
                missing_await: missing && awaitable,
            }
        })
}

fn steps(helpers: usize) -> impl Strategy<Value = Vec<Step>> {
    proptest::collection::vec(step(helpers), 0..6)
}

/// A valid recipe with 1 to 4 tasks (1 to 3 copies each), up to 3 helpers and up to
/// [`MAX_EXERCISES`] exercises.
pub fn recipe() -> impl Strategy<Value = Recipe> {
    let helpers = (0usize..4).prop_flat_map(|n| {
        // Helper i may call helpers 0..i only, which rules out recursion by construction.
        (0..n).map(steps).collect::<Vec<_>>().prop_map(|all| {
            all.into_iter()
                .enumerate()
                .map(|(i, steps)| Task::new(&format!("helper_{i}"), steps))
                .collect::<Vec<_>>()
        })
    });
    helpers.prop_flat_map(|helpers| {
        let n = helpers.len();
        let tasks = proptest::collection::vec((steps(n), 1u32..4), 1..5).prop_map(|tasks| {
            tasks
                .into_iter()
                .enumerate()
                .map(|(i, (steps, copies))| Task {
                    name: format!("task_{i}"),
                    copies,
                    steps,
                })
                .collect::<Vec<_>>()
        });
        let scale = prop_oneof![Just(1.0), Just(2.5), Just(10.0), Just(20.0)];
        (text(), text(), unit(), scale, tasks, exercises()).prop_map(
            move |(title, story, unit, scale_ms, tasks, exercises)| Recipe {
                title,
                story,
                unit,
                scale_ms,
                tasks,
                helpers: helpers.clone(),
                exercises,
            },
        )
    })
}
