//! Browser tests: every shipped lesson, at a fast scale, in gather and blocking mode, keeps to what
//! its prediction guarantees on any machine (`common::departures`): timers armed for their planned
//! delays and never early, busy-waits never short, the same console in the prediction's order, tasks
//! under way together in gather and one after another in blocking, no frame while the thread is
//! held. How long a run took beside its prediction is the bench's (`cargo xtask bench`).
#![cfg(target_arch = "wasm32")]

mod common;

use async_kitchen::model::{Mode, lesson};
use common::{fast, hold_run, measure};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn every_lesson_keeps_to_what_its_prediction_guarantees() {
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
            hold_run(&what, &recipe, mode, &measured, &predicted);
        }
    }
}
