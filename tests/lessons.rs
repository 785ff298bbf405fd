//! Browser tests: every shipped lesson, at a fast scale, in gather and blocking mode, measures what
//! the prediction says: the same total (within timer jitter) and the same print order.
#![cfg(target_arch = "wasm32")]

mod common;

use async_kitchen::model::{Action, Mode, Recipe, lesson};
use common::{assert_near, measure, prints};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The blocking run of each lesson lasts about this long at the test's scale.
const BLOCKING_MS: f64 = 400.0;
/// No wait is shorter than this, so timer granularity stays small beside it.
const SHORTEST_WAIT_MS: f64 = 10.0;

/// The lesson sped up (and with at most 100 copies of a task) so that the test stays short.
fn fast(recipe: &Recipe) -> Recipe {
    let mut r = recipe.clone();
    for t in &mut r.tasks {
        t.copies = t.copies.min(100);
    }
    let serial = r.serial_units() as f64;
    if serial > 0.0 {
        r.scale_ms = r.scale_ms.min(BLOCKING_MS / serial);
    }
    let shortest = r
        .tasks
        .iter()
        .chain(&r.helpers)
        .flat_map(|t| &t.steps)
        .filter_map(|s| match s.action {
            Action::Wait(n) if n > 0 => Some(f64::from(n)),
            _ => None,
        })
        .fold(f64::INFINITY, f64::min);
    if shortest.is_finite() {
        r.scale_ms = r.scale_ms.max(SHORTEST_WAIT_MS / shortest);
    }
    r
}

#[wasm_bindgen_test]
async fn every_lesson_measures_what_it_predicts() {
    for lesson in lesson::all() {
        let recipe = fast(&lesson.recipe);
        for mode in [Mode::Gather, Mode::Blocking] {
            let (measured, predicted) = measure(&recipe, mode).await;
            let what = format!(
                "{} in {} at {} ms per unit",
                lesson.id,
                mode.id(),
                recipe.scale_ms
            );
            assert_near(&what, measured.end, predicted.end, 0.15, 40.0);
            assert_eq!(prints(&measured), prints(&predicted), "{what}: print order");
        }
    }
}
