//! The learner's Python in the state: read, shown as written, run, kept while a mistake is fixed.

use std::rc::Rc;

use kitchen_model::Mode;
use kitchen_model::code::Language;
use kitchen_model::python::asyncio;

use crate::{Action, Choice, Kitchen, Opening, RunEvent, Written};

const TEST_ASYNC: &str = include_str!("../../model/src/python/corpus/t000_test_async.py");

/// The default page after the learner's Python `text` was read at 100 ms a second.
fn with_program(text: &str) -> Kitchen {
    let mut kitchen = Kitchen::default();
    let written = Written::read(text, Language::Python, None, 100.0, 2);
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
    let written = Written::read(&typo, Language::Python, before.as_deref(), 100.0, 2);
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
    .written_as(
        read.prediction.written.clone().expect("its text"),
        read.program.rules,
    );
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
fn the_scale_field_sets_the_programs_scale_while_it_is_shown_as_written() {
    let mut kitchen = with_program(TEST_ASYNC);
    kitchen.apply(Action::Choose(Choice::Scale(Some(50.0))));
    assert_eq!(kitchen.program_scale(), 50.0);
    assert_eq!(kitchen.scale_ms, None);
    // In another mode, the recipe of the program's tasks has a scale of its own, as a lesson's has.
    kitchen.apply(Action::Choose(Choice::Mode(Mode::Gather)));
    assert_eq!(
        kitchen.recipe().map(|r| r.scale_ms),
        Some(100.0),
        "as it was drawn"
    );
    kitchen.apply(Action::Choose(Choice::Scale(Some(40.0))));
    assert_eq!(kitchen.scale_ms, Some(40.0));
    assert_eq!(kitchen.recipe().map(|r| r.scale_ms), Some(40.0));
    assert_eq!(kitchen.program_scale(), 50.0);
    // Back on the lesson's recipe, its own scale: the program's recipe's was another unit's.
    kitchen.apply(Action::Open(Opening::Lead(crate::Source::Recipe)));
    assert_eq!(kitchen.scale_ms, None);
    assert_eq!(
        kitchen.recipe().map(|r| r.scale_ms),
        kitchen.last_good.as_ref().map(|r| r.scale_ms)
    );
}

#[test]
fn while_the_python_is_the_program_the_modes_run_its_tasks_and_editing_the_recipe_takes_over() {
    let mut kitchen = with_program(TEST_ASYNC);
    let lesson = kitchen.recipe().expect("the program's recipe");
    assert_eq!(lesson.title, kitchen_model::python::as_recipe::TITLE);
    assert_eq!((lesson.tasks.len(), lesson.tasks[0].copies), (1, 5));
    kitchen.apply(Action::Choose(Choice::Mode(Mode::Blocking)));
    let staged = kitchen.staged().expect("the prediction");
    assert_eq!(
        staged.totals.end, 1500.0,
        "five 3 s downloads one after another"
    );
    assert_eq!(kitchen.lead, crate::Source::Python);
    // The learner edits the recipe written from it: the recipe is the program again, and their
    // Python stays theirs (saved), no longer shown as written.
    let text = kitchen
        .leading_program()
        .and_then(|w| w.read.clone().ok())
        .and_then(|r| r.as_recipe.clone().ok())
        .expect("written")
        .text
        .replace("x5", "x2");
    kitchen.apply(Action::Open(Opening::Edit(text)));
    assert_eq!(kitchen.lead, crate::Source::Recipe);
    assert!(!kitchen.as_written && kitchen.written_program().is_none());
    assert_eq!(kitchen.recipe().map(|r| r.tasks[0].copies), Some(2));
    assert_eq!(kitchen.staged().map(|r| r.totals.end), Some(600.0));
    let saved = crate::to_saved(&kitchen, &crate::saved::Saved::default());
    assert_eq!(saved.python.as_deref(), Some(TEST_ASYNC));
    assert_eq!(saved.lead.as_deref(), Some("recipe"));
    // "Open my Python": it is the program again, as written.
    kitchen.apply(Action::Open(Opening::Lead(crate::Source::Python)));
    assert!(kitchen.as_written && kitchen.written_program().is_some());
    assert_eq!(kitchen.recipe().map(|r| r.tasks[0].copies), Some(5));
    let start = crate::startup(
        "",
        &crate::to_saved(&kitchen, &crate::saved::Saved::default()),
    );
    assert_eq!(
        start.kitchen.lead,
        crate::Source::Python,
        "it still is on the next visit"
    );
}

#[test]
fn a_program_a_recipe_cannot_say_leaves_the_modes_nothing_to_run_and_says_why() {
    let mut kitchen =
        with_program("async def main():\n    print(s)\n\nimport asyncio\nasyncio.run(main())\n");
    let why = kitchen
        .leading_program()
        .and_then(|w| w.read.clone().ok())
        .map(|r| r.as_recipe.clone())
        .expect("read")
        .expect_err("no recipe");
    assert!(why.contains("NameError"), "{why}");
    kitchen.apply(Action::Choose(Choice::Mode(Mode::Gather)));
    assert!(kitchen.recipe().is_none() && kitchen.staged().is_none());
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

#[test]
fn a_link_carries_the_program_on_the_stage_and_opens_it_in_the_python_editor() {
    let kitchen = with_program(TEST_ASYNC);
    let share = crate::share_of(&kitchen);
    assert_eq!(share.program, Some(Language::Python));
    assert_eq!(share.recipe_text.as_deref(), Some(TEST_ASYNC));
    let start = crate::startup(&share.to_query(), &crate::saved::Saved::default());
    let opened = &start.kitchen;
    assert_eq!(opened.python_draft.as_deref(), Some(TEST_ASYNC));
    assert_eq!(opened.source, crate::Source::Python);
    assert!(!opened.edited(), "the lesson's recipe stays as it is");
    assert_eq!(opened.notice, None);
    // A language the page does not know is said, and the rest of the link still opens.
    let start = crate::startup("lesson=count&lang=cobol", &crate::saved::Saved::default());
    let notice = start.kitchen.notice.expect("a notice");
    assert!(
        notice.text.contains("`lang=cobol` is not a language"),
        "{}",
        notice.text
    );
    assert_eq!(start.kitchen.opened.key(), "count");
}

#[test]
fn a_links_program_leaves_the_learners_own_saved_until_they_edit_it() {
    let share = crate::share_of(&with_program(TEST_ASYNC)).to_query();
    let own = crate::saved::Saved {
        python: Some("print('mine')\n".into()),
        ..crate::saved::Saved::default()
    };
    let start = crate::startup(&share, &own);
    let notice = start.kitchen.notice.clone().expect("a notice");
    assert!(notice.text.contains("yours stays saved"), "{}", notice.text);
    // Read as it came, the link's program is not saved over the learner's.
    let mut kitchen = start.kitchen;
    let written = Written::read(TEST_ASYNC, Language::Python, None, 100.0, 2);
    kitchen.apply(Action::Open(Opening::Written(Rc::new(written))));
    assert_eq!(crate::to_saved(&kitchen, &own).python, own.python);
    // Edited, it is theirs.
    let edited = TEST_ASYNC.replace("range(5)", "range(2)");
    let before = kitchen.written.clone();
    let written = Written::read(&edited, Language::Python, before.as_deref(), 100.0, 2);
    kitchen.apply(Action::Open(Opening::Written(Rc::new(written))));
    assert_eq!(
        crate::to_saved(&kitchen, &own).python.as_deref(),
        Some(edited.as_str())
    );
}

#[test]
fn a_compressed_links_program_opens_once_inflated_and_the_learners_own_stays() {
    let own = crate::saved::Saved {
        python: Some("print('mine')\n".into()),
        ..crate::saved::Saved::default()
    };
    // The link's program compressed (`z`): until it is inflated, the Python editor opens on the
    // learner's own.
    let params = "lesson=count&lang=python&z=AAAA";
    let start = crate::startup(params, &own);
    assert!(start.deflated.is_some());
    let mut kitchen = start.kitchen;
    assert_eq!(kitchen.source, crate::Source::Python);
    assert_eq!(kitchen.python_draft.as_deref(), Some("print('mine')\n"));
    let inflated = crate::startup_inflated(params, Ok(TEST_ASYNC.to_owned()));
    kitchen.apply(Action::Open(Opening::Load(Box::new(inflated.kitchen))));
    assert_eq!(kitchen.python_draft.as_deref(), Some(TEST_ASYNC));
    assert_eq!(kitchen.source, crate::Source::Python);
    assert!(
        kitchen.written.is_none(),
        "the editor reads the link's program"
    );
    let notice = kitchen.notice.clone().expect("a notice");
    assert!(notice.text.contains("yours stays saved"), "{}", notice.text);
    assert_eq!(crate::to_saved(&kitchen, &own).python, own.python);

    // A compressed recipe's link leaves the learner's Python as it was.
    let params = "lesson=count&z=AAAA";
    let mut kitchen = crate::startup(params, &own).kitchen;
    assert_eq!(kitchen.source, crate::Source::Recipe);
    let recipe = crate::startup_inflated(params, Ok("task a\n  wait 1\n".to_owned()));
    kitchen.apply(Action::Open(Opening::Load(Box::new(recipe.kitchen))));
    assert_eq!(kitchen.python_draft.as_deref(), Some("print('mine')\n"));
    assert_eq!(kitchen.notice, None);
}

#[test]
fn the_code_panel_shows_the_learners_python_first_then_the_rust_they_choose() {
    use kitchen_model::code::Language;
    let mut kitchen = with_program(TEST_ASYNC);
    // A lesson shown in Rust, the code that runs (not one of the Python tutorials').
    kitchen.language = Language::Rust;
    let staged = kitchen.staged().expect("the program's prediction");
    assert_eq!(
        kitchen.code_language(&staged),
        Language::Python,
        "their own text first"
    );
    let code = staged.written.clone().expect("the program's code");
    assert_eq!(code.view(Language::Python).text, TEST_ASYNC);
    let rust = code.view(Language::Rust);
    assert!(
        rust.text.contains("async fn example_coroutine()"),
        "{}",
        rust.text
    );
    assert!(
        Rc::ptr_eq(&rust, &code.view(Language::Rust)),
        "written once"
    );

    kitchen.apply(Action::Choose(Choice::Language(Language::Rust)));
    let staged = kitchen.staged().expect("the program's prediction");
    assert_eq!(
        kitchen.code_language(&staged),
        Language::Rust,
        "the learner's choice"
    );
    kitchen.apply(Action::Choose(Choice::Mode(Mode::Gather)));
    let staged = kitchen.staged().expect("the recipe's prediction");
    assert_eq!(kitchen.code_language(&staged), Language::Rust);
}

const FIRST_EXAMPLE: &str = include_str!("../../model/src/rust/corpus/r_trpl_first_example.rs");

#[test]
fn a_rust_program_is_the_program_travels_in_links_and_gives_way_to_python_kept() {
    let mut kitchen = Kitchen::default();
    let written = Written::read(FIRST_EXAMPLE, Language::Rust, None, 100.0, 2);
    kitchen.apply(Action::Open(Opening::Written(Rc::new(written))));
    assert_eq!(kitchen.lead, crate::Source::Rust);
    assert!(
        kitchen.as_written,
        "read for the first time, it shows as written"
    );
    let staged = kitchen
        .staged()
        .expect("the program's prediction is staged");
    // The code panel shows the learner's Rust, the language it was written in.
    assert_eq!(kitchen.code_language(&staged), Language::Rust);
    // A link carries it as Rust, and opens it in the Rust editor.
    let share = crate::share_of(&kitchen);
    assert_eq!(share.program, Some(Language::Rust));
    assert!(share.to_query().contains("lang=rust"));
    let start = crate::startup(&share.to_query(), &crate::saved::Saved::default());
    assert_eq!(start.kitchen.rust_draft.as_deref(), Some(FIRST_EXAMPLE));
    assert_eq!(start.kitchen.source, crate::Source::Rust);
    assert_eq!(start.kitchen.lead, crate::Source::Rust);
    // Saved work keeps it, and the learner's Rust is the program again on their next visit.
    let saved = crate::to_saved(&kitchen, &crate::saved::Saved::default());
    assert_eq!(saved.rust.as_deref(), Some(FIRST_EXAMPLE));
    assert_eq!(saved.lead.as_deref(), Some("rust"));
    let next = crate::startup("", &saved);
    assert_eq!(next.kitchen.lead, crate::Source::Rust);
    // Python written over it takes the lead; the Rust stays the learner's, to open again.
    let python = Written::read(TEST_ASYNC, Language::Python, None, 100.0, 2);
    kitchen.apply(Action::Open(Opening::Written(Rc::new(python))));
    assert_eq!(kitchen.lead, crate::Source::Python);
    assert_eq!(kitchen.rust_draft.as_deref(), Some(FIRST_EXAMPLE));
}
