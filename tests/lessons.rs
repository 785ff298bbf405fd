//! Browser tests: every shipped lesson, at a fast scale, in gather and blocking mode, measures what
//! the prediction says: the same total (within timer jitter) and the same print order.
#![cfg(target_arch = "wasm32")]

mod common;

use async_kitchen::model::{Mode, lesson};
use common::{assert_near, fast, measure, prints};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

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
