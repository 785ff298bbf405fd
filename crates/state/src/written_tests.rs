//! The learner's Python in the state: read, shown as written, run, kept while a mistake is fixed.

use std::rc::Rc;

use kitchen_model::Mode;
use kitchen_model::python::asyncio;

use crate::{Action, Choice, Kitchen, Opening, RunEvent, Written};

const TEST_ASYNC: &str = include_str!("../../model/src/python/corpus/t000_test_async.py");

/// The default page after the learner's Python `text` was read at 100 ms a second.
fn with_program(text: &str) -> Kitchen {
    let mut kitchen = Kitchen::default();
    let written = Written::read(text, None, 100.0);
    kitchen.apply(Action::Open(Opening::Written(Rc::new(written))));
    kitchen
}

#[test]
fn a_program_that_reads_takes_the_stage_as_written_until_a_mode_is_chosen() {
    let mut kitchen = with_program(TEST_ASYNC);
    assert!(kitchen.as_written);
    let staged = kitchen
        .staged()
        .expect("the program's prediction is staged");
    assert!(staged.predicted && staged.written.is_some());
    assert_eq!((staged.label(), staged.totals.end), ("As written", 300.0));
    assert_eq!(staged.timeline.lanes.len(), 6, "main and five tasks");

    kitchen.apply(Action::Choose(Choice::Mode(Mode::Gather)));
    assert!(!kitchen.as_written);
    let staged = kitchen.staged().expect("the recipe's prediction");
    assert!(staged.written.is_none() && staged.mode == Mode::Gather);

    kitchen.apply(Action::Choose(Choice::AsWritten));
    assert!(kitchen.staged().is_some_and(|r| r.written.is_some()));
}

#[test]
fn a_mistake_keeps_the_last_good_program_on_the_stage_and_the_text_as_typed() {
    let mut kitchen = with_program(TEST_ASYNC);
    let typo = TEST_ASYNC.replace(
        "await asyncio.gather(*tasks)",
        "await asyncio.gather(*tasks",
    );
    let before = kitchen.written.clone();
    let written = Written::read(&typo, before.as_deref(), 100.0);
    kitchen.apply(Action::Open(Opening::Written(Rc::new(written))));
    let written = kitchen.written.as_ref().expect("the learner's Python");
    assert_eq!(&*written.text, typo.as_str(), "nothing typed is lost");
    let errors = written.read.clone().expect_err("the typo is a mistake");
    assert_eq!(errors[0].line, 20, "{}", errors[0].message);
    assert!(written.out_of_date());
    assert!(kitchen.staged().is_some_and(|r| r.written.is_some()));
}

#[test]
fn a_run_as_written_is_kept_with_its_program_not_among_the_modes_runs() {
    let mut kitchen = with_program(TEST_ASYNC);
    let read = kitchen
        .written
        .as_ref()
        .and_then(|w| w.read.clone().ok())
        .expect("it reads");
    let (_, trace) = asyncio::predict(&read.program, &read.drawn);
    let shown = &read.prediction;
    let result = kitchen_model::run::RunResult::with_prediction(
        shown.recipe.clone(),
        shown.mode,
        trace,
        shown.prediction.clone(),
        false,
    )
    .written_as(read.prediction.written.clone().expect("its text"));
    kitchen.apply(Action::Run(RunEvent::StartedWritten));
    assert!(kitchen.running.is_some());
    kitchen.apply(Action::Run(RunEvent::Finished(Rc::new(result))));
    assert!(kitchen.running.is_none());
    assert!(
        kitchen.results.is_empty(),
        "the recipe's runs are untouched"
    );
    let staged = kitchen.staged().expect("the run");
    assert!(!staged.predicted && staged.written.is_some());
    assert!(kitchen.written.as_ref().is_some_and(|w| w.result.is_some()));
}

#[test]
fn the_scale_field_sets_the_programs_scale_while_it_is_chosen() {
    let mut kitchen = with_program(TEST_ASYNC);
    let recipe_scale = kitchen.recipe().map(|r| r.scale_ms);
    kitchen.apply(Action::Choose(Choice::Scale(Some(50.0))));
    assert_eq!(kitchen.program_scale(), 50.0);
    assert_eq!(kitchen.scale_ms, None);
    assert_eq!(kitchen.recipe().map(|r| r.scale_ms), recipe_scale);
    kitchen.apply(Action::Choose(Choice::Mode(Mode::Gather)));
    kitchen.apply(Action::Choose(Choice::Scale(Some(40.0))));
    assert_eq!(kitchen.scale_ms, Some(40.0));
    assert_eq!(kitchen.program_scale(), 50.0);
}

#[test]
fn the_learners_python_is_saved_as_typed_and_comes_back_for_the_editor() {
    let typed = TEST_ASYNC.replace("range(5)", "range(3)");
    let kitchen = with_program(&typed);
    let saved = crate::to_saved(&kitchen, &crate::saved::Saved::default());
    assert_eq!(saved.python.as_deref(), Some(typed.as_str()));
    // Another lesson opened keeps it; a new visit brings it back, unread until the tab opens.
    let start = crate::startup("", &saved);
    assert_eq!(start.kitchen.python_draft.as_deref(), Some(typed.as_str()));
    assert!(start.kitchen.written.is_none());
    // With nothing written this visit, what was saved stays saved.
    let again = crate::to_saved(&start.kitchen, &saved);
    assert_eq!(again.python, saved.python);
}
