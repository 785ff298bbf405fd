//! The reducer while the learner edits: a typo keeps the last good recipe's stage (its prediction,
//! its runs) marked out of date and refuses a run, fixing it brings the stage up to date; the
//! code's language is the lesson's own until the learner chooses one, which every page then keeps.

use std::rc::Rc;

use kitchen_model::code::Language;
use kitchen_model::run::RunResult;
use kitchen_model::{Mode, lesson, predict};

use crate::saved::Saved;
use crate::{Action, Choice, Kitchen, Opened, Opening, RunEvent, startup, to_saved};

fn reduce(mut kitchen: Kitchen, actions: Vec<Action>) -> Kitchen {
    for action in actions {
        kitchen.apply(action);
    }
    kitchen
}

fn edit(text: &str) -> Action {
    Action::Open(Opening::Edit(text.to_owned()))
}

/// Cake after a gather run (the prediction's trace standing in for a real one).
fn cake_run() -> Kitchen {
    let kitchen = Kitchen::default();
    let recipe = kitchen.recipe().expect("cake parses");
    let trace = predict::predict(&recipe, Mode::Gather);
    let result = Rc::new(RunResult::new(recipe, Mode::Gather, trace, false));
    reduce(
        kitchen,
        vec![
            Action::Run(RunEvent::Started(Mode::Gather)),
            Action::Run(RunEvent::Finished(result)),
        ],
    )
}

#[test]
fn a_typo_keeps_the_stage_of_the_last_good_recipe_out_of_date_and_fixing_it_brings_it_back() {
    let before = cake_run();
    let staged = before.staged().expect("the run is staged");
    let good = before.text.to_string();
    let typo = good.replacen("wait", "wiat", 1);
    let kitchen = reduce(before.clone(), vec![edit(&typo)]);
    // Nothing the learner typed is lost, and nothing runs.
    assert_eq!(&*kitchen.text, typo);
    assert!(kitchen.parsed.is_err() && kitchen.recipe().is_none());
    // The stage still shows the run, marked out of date.
    assert!(kitchen.out_of_date());
    assert!(Rc::ptr_eq(&kitchen.staged().unwrap(), &staged));
    assert_eq!(kitchen.results.len(), 1);
    assert_eq!(kitchen.predicted, before.predicted);
    // Choosing another mode while the text is broken predicts it for the last good recipe.
    let sequential = reduce(
        kitchen.clone(),
        vec![Action::Choose(Choice::Mode(Mode::Sequential))],
    );
    let predicted = sequential.predicted.as_ref().expect("a prediction");
    assert_eq!(predicted.mode, Mode::Sequential);
    assert_eq!(predicted.recipe.title, "Cake and groceries");
    // Fixing the typo: up to date, the same run on the stage.
    let fixed = reduce(kitchen, vec![edit(&good)]);
    assert!(!fixed.out_of_date() && fixed.recipe().is_some());
    assert!(Rc::ptr_eq(&fixed.staged().unwrap(), &staged));
    // Another good recipe replaces the stage's: the old run describes it no more.
    let other = reduce(fixed, vec![edit(&good.replacen("wait 45", "wait 40", 1))]);
    assert!(!other.out_of_date() && other.results.is_empty());
    assert_eq!(
        other.staged().unwrap().recipe.tasks[0].steps[1].action,
        kitchen_model::Action::Wait(40)
    );
}

#[test]
fn a_run_that_ends_after_a_typo_is_kept_for_the_recipe_it_ran() {
    let kitchen = Kitchen::default();
    let recipe = kitchen.recipe().unwrap();
    let trace = predict::predict(&recipe, Mode::Gather);
    let result = Rc::new(RunResult::new(recipe, Mode::Gather, trace, false));
    let typo = kitchen.text.replacen("work", "wrok", 1);
    let kitchen = reduce(
        kitchen,
        vec![
            Action::Run(RunEvent::Started(Mode::Gather)),
            edit(&typo),
            Action::Run(RunEvent::Finished(result.clone())),
        ],
    );
    assert!(kitchen.out_of_date());
    assert!(Rc::ptr_eq(&kitchen.staged().unwrap(), &result));
}

#[test]
fn a_lesson_opened_with_a_broken_draft_shows_the_lesson_out_of_date_and_a_broken_link_nothing() {
    let opened = Opened::lesson(lesson::count());
    let kitchen = Kitchen::open(opened, Some("task t\n  wait soon\n".into()));
    assert!(kitchen.out_of_date());
    assert_eq!(
        kitchen.staged().unwrap().recipe.title,
        lesson::count().recipe.title
    );
    let custom = Kitchen::open(Opened::custom("task t\n  wait soon\n"), None);
    assert!(!custom.out_of_date() && custom.staged().is_none());
}

#[test]
fn the_language_is_the_lessons_own_until_chosen_and_the_choice_is_kept() {
    // Cake comes from a Python tutorial; the ten thousand timers do not.
    assert_eq!(Kitchen::default().language, Language::Python);
    let timers = Opened::lesson(lesson::ten_thousand_timers());
    let open_timers = Action::Open(Opening::Lesson(timers, None));
    let kitchen = reduce(Kitchen::default(), vec![open_timers.clone()]);
    assert_eq!(kitchen.language, Language::Rust);
    // An explicit choice wins on every lesson opened after it, and across a reload.
    let chosen = reduce(
        kitchen,
        vec![
            Action::Choose(Choice::Language(Language::Python)),
            open_timers.clone(),
        ],
    );
    assert_eq!(chosen.language, Language::Python);
    let saved = to_saved(&chosen, &Saved::default());
    assert_eq!(saved.language.as_deref(), Some("python"));
    let back = startup("", &saved).kitchen;
    assert_eq!(back.language, Language::Python);
    let rust = reduce(back, vec![Action::Choose(Choice::Language(Language::Rust))]);
    let saved = to_saved(&rust, &saved);
    let reloaded = startup("lesson=cake", &saved).kitchen;
    assert_eq!(
        (reloaded.opened.key(), reloaded.language),
        ("cake", Language::Rust)
    );
    // Nothing chosen: the page saves no choice and a link opens in the lesson's own.
    let fresh = to_saved(&Kitchen::default(), &Saved::default());
    assert_eq!(fresh.language, None);
    assert_eq!(
        startup("lesson=more-cooks", &fresh).kitchen.language,
        Language::Rust
    );
}
