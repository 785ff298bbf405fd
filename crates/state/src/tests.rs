//! The reducer, tested natively: actions in, the state out.

use std::rc::Rc;

use kitchen_model::code::Language;
use kitchen_model::exercise::Question;
use kitchen_model::exercise::attempt::{Answer, NotReady};
use kitchen_model::run::RunResult;
use kitchen_model::{Mode, lesson, predict};

use crate::quiz::Blocked;
use crate::stage::Staged;
use crate::{Action, COMPARED, Choice, Kitchen, Opened, Opening, QuizAction, RunEvent};

/// `kitchen` after `actions`, one after another.
fn reduce(mut kitchen: Kitchen, actions: Vec<Action>) -> Kitchen {
    for action in actions {
        kitchen.apply(action);
    }
    kitchen
}

/// A finished run of the recipe on screen in `mode` (the prediction's trace standing in for a real
/// run).
fn finished(kitchen: &Kitchen, mode: Mode) -> Rc<RunResult> {
    let recipe = kitchen.recipe().expect("the recipe parses");
    let trace = predict::predict(&recipe, mode);
    Rc::new(RunResult::new(recipe, mode, trace, false))
}

/// `kitchen` after a run of `mode` started and finished.
fn run(kitchen: Kitchen, mode: Mode) -> Kitchen {
    let result = finished(&kitchen, mode);
    reduce(
        kitchen,
        vec![
            Action::Run(RunEvent::Started(mode)),
            Action::Run(RunEvent::Finished(result)),
        ],
    )
}

#[test]
fn the_default_page_is_the_cake_lesson_unedited_and_runnable() {
    let kitchen = Kitchen::default();
    assert_eq!(kitchen.opened.key(), "cake");
    assert!(!kitchen.edited());
    assert_eq!(kitchen.recipe().unwrap().title, "Cake and groceries");
    assert_eq!(kitchen.mode, Mode::Gather);
}

#[test]
fn a_broken_edit_has_errors_and_no_recipe_and_reset_brings_the_lesson_back() {
    let kitchen = reduce(
        Kitchen::default(),
        vec![Action::Open(Opening::Edit(
            "task cake\n  wait ten\n".into(),
        ))],
    );
    let errors = kitchen.parsed.clone().unwrap_err();
    assert_eq!((errors[0].line, errors[0].column), (2, 8));
    assert!(kitchen.recipe().is_none() && kitchen.edited());
    let kitchen = reduce(kitchen, vec![Action::Open(Opening::Reset)]);
    assert!(kitchen.recipe().is_some() && !kitchen.edited());
}

#[test]
fn results_are_kept_until_the_recipe_or_scale_changes() {
    let kitchen = Kitchen::default();
    let gather = finished(&kitchen, Mode::Gather);
    let kitchen = reduce(
        kitchen,
        vec![
            Action::Run(RunEvent::Started(Mode::Gather)),
            Action::Run(RunEvent::Finished(gather)),
        ],
    );
    assert_eq!(kitchen.results.len(), 1);
    assert_eq!(kitchen.running, None);
    // Choosing a mode or a language changes nothing about the recipe.
    let same = reduce(
        kitchen.clone(),
        vec![
            Action::Choose(Choice::Mode(Mode::Blocking)),
            Action::Choose(Choice::Language(Language::Python)),
        ],
    );
    assert_eq!(same.results.len(), 1);
    let rescaled = reduce(
        kitchen.clone(),
        vec![Action::Choose(Choice::Scale(Some(5.0)))],
    );
    assert!(rescaled.results.is_empty());
    assert_eq!(rescaled.recipe().unwrap().scale_ms, 5.0);
    let edited = reduce(
        kitchen,
        vec![Action::Open(Opening::Edit("task a\n  wait 1\n".into()))],
    );
    assert!(edited.results.is_empty());
}

#[test]
fn a_scale_out_of_range_falls_back_to_the_recipes_own() {
    for bad in [0.0, -1.0, f64::NAN, 1e9] {
        let kitchen = reduce(
            Kitchen::default(),
            vec![Action::Choose(Choice::Scale(Some(bad)))],
        );
        assert_eq!(kitchen.scale_ms, None, "{bad}");
        assert_eq!(kitchen.effective_scale(), Some(20.0));
    }
}

#[test]
fn a_comparison_runs_its_modes_in_order_and_stops_when_one_is_refused() {
    let kitchen = reduce(
        Kitchen::default(),
        vec![
            Action::Run(RunEvent::Compare),
            Action::Run(RunEvent::Started(Mode::Blocking)),
        ],
    );
    assert_eq!(kitchen.queue, COMPARED[1..].to_vec());
    let blocking = finished(&kitchen, Mode::Blocking);
    let kitchen = reduce(
        kitchen,
        vec![
            Action::Run(RunEvent::Finished(blocking)),
            Action::Run(RunEvent::Refused("no".into())),
        ],
    );
    assert!(kitchen.queue.is_empty());
    assert!(kitchen.notice.as_ref().is_some_and(|n| n.problem));
    assert_eq!(kitchen.results.len(), 1);
}

#[test]
fn a_result_for_a_recipe_no_longer_on_screen_is_dropped() {
    let kitchen = Kitchen::default();
    let gather = finished(&kitchen, Mode::Gather);
    let kitchen = reduce(
        kitchen,
        vec![
            Action::Run(RunEvent::Started(Mode::Gather)),
            Action::Open(Opening::Lesson(Opened::lesson(lesson::chores()), None)),
            Action::Run(RunEvent::Finished(gather)),
        ],
    );
    assert_eq!(kitchen.opened.key(), "chores");
    assert!(kitchen.results.is_empty() && kitchen.running.is_none());
}

#[test]
fn live_snapshots_replace_each_other_and_shown_lists_modes_in_page_order() {
    let kitchen = Kitchen::default();
    let gather = finished(&kitchen, Mode::Gather);
    let blocking = finished(&kitchen, Mode::Blocking);
    let live = Rc::new(RunResult {
        live: true,
        ..(*finished(&kitchen, Mode::Spawn)).clone()
    });
    let kitchen = reduce(
        kitchen,
        vec![
            Action::Run(RunEvent::Started(Mode::Gather)),
            Action::Run(RunEvent::Finished(gather)),
            Action::Run(RunEvent::Started(Mode::Blocking)),
            Action::Run(RunEvent::Finished(blocking)),
            Action::Run(RunEvent::Started(Mode::Spawn)),
            Action::Run(RunEvent::Snapshot(live)),
        ],
    );
    let modes: Vec<_> = kitchen.shown().iter().map(|r| r.mode).collect();
    assert_eq!(modes, [Mode::Blocking, Mode::Gather, Mode::Spawn]);
    assert!(kitchen.focused().unwrap().live);
}

fn count() -> Kitchen {
    Kitchen::open(Opened::lesson(lesson::by_id("count").unwrap()), None)
}

#[test]
fn a_wrong_order_locked_and_run_is_wrong_and_explained_and_the_right_one_is_right() {
    let kitchen = count();
    assert_eq!(kitchen.quiz.exercises.len(), 3);
    assert_eq!(kitchen.quiz.mode_for(Mode::Spawn), Mode::Gather);
    // The starting arrangement is never the answer.
    let kitchen = reduce(
        kitchen,
        vec![Action::Quiz(QuizAction::Lock(
            Mode::Gather,
            crate::Judge(crate::judge_by),
        ))],
    );
    assert_eq!(kitchen.quiz.waiting, Some((0, Mode::Gather)));
    // A run in another mode does not judge it.
    let kitchen = run(kitchen, Mode::Blocking);
    assert_eq!(kitchen.quiz.correct(0), None);
    let kitchen = run(kitchen, Mode::Gather);
    assert_eq!(kitchen.quiz.correct(0), Some(false));
    assert!(
        kitchen.quiz.judged[0]
            .as_ref()
            .expect("a verdict tells its run")
            .told
            .iter()
            .any(|s| s.contains("timeout fires"))
    );
    assert_eq!(kitchen.progress.mark("count", 3).attempts, 1);
    assert_eq!(kitchen.quiz.verdicts, 1);

    let right: Vec<String> = ["One", "One", "One", "Two", "Two", "Two"]
        .map(String::from)
        .to_vec();
    let kitchen = reduce(
        kitchen,
        vec![
            Action::Quiz(QuizAction::TryAgain),
            Action::Quiz(QuizAction::Answer(Answer::Order(right))),
            Action::Quiz(QuizAction::Lock(
                Mode::Gather,
                crate::Judge(crate::judge_by),
            )),
        ],
    );
    let kitchen = run(kitchen, Mode::Gather);
    assert_eq!(kitchen.quiz.correct(0), Some(true));
    assert_eq!(kitchen.quiz.attempts[0].attempts, 2);
    let mark = kitchen.progress.mark("count", 3);
    assert_eq!((mark.solved, mark.attempts), (1, 2));
}

#[test]
fn a_question_about_the_lesson_waits_while_the_recipe_is_edited_and_a_make_it_needs_a_parse() {
    let kitchen = count();
    assert_eq!(kitchen.quiz.can_lock(true, true), Err(Blocked::Edited));
    let kitchen = reduce(kitchen, vec![Action::Quiz(QuizAction::Choose(2))]);
    assert_eq!(
        kitchen.quiz.can_lock(false, true),
        Err(Blocked::NotReady(NotReady::NoTotal))
    );
    let chores = Kitchen::open(Opened::lesson(lesson::chores()), None);
    let chores = reduce(chores, vec![Action::Quiz(QuizAction::Choose(1))]);
    assert_eq!(chores.quiz.can_lock(true, false), Err(Blocked::Broken));
    assert_eq!(chores.quiz.can_lock(true, true), Ok(()));
}

#[test]
fn chores_made_to_finish_in_ninety_minutes_by_an_edit_is_solved() {
    let chores = Kitchen::open(Opened::lesson(lesson::chores()), None);
    let Question::MakeIt {
        start: Some(start), ..
    } = &chores.quiz.exercises[1].question
    else {
        panic!("the chores' second exercise starts from a recipe");
    };
    let start = kitchen_model::text::print(start);
    let kitchen = reduce(
        chores.clone(),
        vec![
            Action::Quiz(QuizAction::Choose(1)),
            Action::Open(Opening::Edit(start)),
            Action::Quiz(QuizAction::Lock(
                Mode::Gather,
                crate::Judge(crate::judge_by),
            )),
        ],
    );
    let kitchen = run(kitchen, Mode::Gather);
    assert_eq!(
        kitchen.quiz.correct(1),
        Some(false),
        "one task after another takes three hours"
    );
    // The lesson's own recipe splits the chores into tasks: the same steps, in 90 minutes.
    let kitchen = reduce(
        kitchen,
        vec![
            Action::Quiz(QuizAction::TryAgain),
            Action::Open(Opening::Reset),
            Action::Quiz(QuizAction::Lock(
                Mode::Gather,
                crate::Judge(crate::judge_by),
            )),
        ],
    );
    let kitchen = run(kitchen, Mode::Gather);
    assert_eq!(kitchen.quiz.correct(1), Some(true));
    assert!(kitchen.progress.mark("chores", 2).solved == 1);
}

#[test]
fn the_tutorials_total_holds_only_for_the_lesson_as_shipped_and_on_its_own_cooks() {
    let cake = Kitchen::default();
    assert_eq!(cake.expected_total(Mode::Gather), Some(60.0));
    assert_eq!(cake.expected_total(Mode::Blocking), Some(80.0));
    let edited = reduce(
        cake.clone(),
        vec![Action::Open(Opening::Edit(format!(
            "{}\n# a note\n",
            cake.text
        )))],
    );
    assert_eq!(edited.expected_total(Mode::Gather), None);
    let rescaled = reduce(cake, vec![Action::Choose(Choice::Scale(Some(5.0)))]);
    assert_eq!(rescaled.expected_total(Mode::Gather), None);

    let cooks = Kitchen::open(Opened::lesson(lesson::more_cooks()), None);
    let stated = cooks.expected_total(Mode::Processes);
    assert!(
        stated.is_some(),
        "the lesson states a total on its two cooks"
    );
    let three = reduce(cooks, vec![Action::Choose(Choice::Cooks(Some(3)))]);
    assert_eq!(three.expected_total(Mode::Processes), None);
    assert!(three.expected_total(Mode::Blocking).is_some());
}

#[test]
fn a_chosen_way_holds_where_it_applies_and_async_await_elsewhere() {
    use kitchen_model::Way;
    let kitchen = reduce(
        Kitchen::default(),
        vec![Action::Choose(Choice::Way(Way::StateMachine))],
    );
    assert_eq!(kitchen.way, Way::StateMachine);
    assert_eq!(kitchen.way_of(Mode::Gather), Way::StateMachine);
    assert_eq!(kitchen.way_of(Mode::Sequential), Way::StateMachine);
    // Plain functions, futures never awaited and cooks have one way only.
    assert_eq!(kitchen.way_of(Mode::Blocking), Way::Async);
    assert_eq!(kitchen.way_of(Mode::NeverAwaited), Way::Async);
    assert_eq!(kitchen.way_of(Mode::Processes), Way::Async);
    // The choice stays while the mode changes.
    let kitchen = reduce(kitchen, vec![Action::Choose(Choice::Mode(Mode::Blocking))]);
    assert_eq!(kitchen.way, Way::StateMachine);
}

#[test]
fn the_lesson_on_the_three_ways_opens_as_callbacks_and_the_next_lesson_as_async_await() {
    use kitchen_model::Way;
    let three = reduce(
        Kitchen::default(),
        vec![Action::Open(Opening::Lesson(
            Opened::lesson(lesson::three_ways()),
            None,
        ))],
    );
    assert_eq!(three.way, Way::Callbacks);
    assert_eq!(three.way_of(Mode::Gather), Way::Callbacks);
    let chores = reduce(
        three,
        vec![Action::Open(Opening::Lesson(
            Opened::lesson(lesson::chores()),
            None,
        ))],
    );
    assert_eq!(chores.way, Way::Async);
}

#[test]
fn a_mode_on_the_workers_is_predicted_once_the_page_has_handed_its_simulation_over() {
    use crate::Simulate;
    let cooks = reduce(
        Kitchen::open(Opened::lesson(lesson::more_cooks()), None),
        vec![Action::Choose(Choice::Mode(Mode::Processes))],
    );
    // The first look has no simulation of the workers: nothing is predicted yet.
    assert!(cooks.predicted.is_none());
    let handed = reduce(
        cooks,
        vec![Action::Choose(Choice::Simulate(Simulate(
            predict::predict_with,
        )))],
    );
    let predicted = handed
        .predicted
        .as_ref()
        .expect("a prediction on the cooks");
    assert_eq!(predicted.mode, Mode::Processes);
    assert_eq!(predicted.timeline.cooks.len(), 2);
    // A mode on the page's own thread never waits for it.
    let blocking = reduce(
        Kitchen::open(Opened::lesson(lesson::more_cooks()), None),
        vec![Action::Choose(Choice::Mode(Mode::Blocking))],
    );
    assert_eq!(blocking.predicted.map(|p| p.mode), Some(Mode::Blocking));
}

#[test]
fn a_run_kept_elsewhere_is_shown_only_on_its_own_recipe_and_never_while_one_runs() {
    let kitchen = Kitchen::default();
    let gather = finished(&kitchen, Mode::Gather);
    let shown = reduce(
        kitchen.clone(),
        vec![Action::Run(RunEvent::Show(gather.clone()))],
    );
    assert!(shown.results.iter().any(|r| Rc::ptr_eq(r, &gather)));
    assert_eq!(shown.stage.choice, Some(Staged::Run(Mode::Gather)));
    // Another recipe's run stays off the stage.
    let mut other = (*gather.recipe).clone();
    other.title = "another".into();
    let elsewhere = Rc::new(RunResult::new(
        Rc::new(other),
        Mode::Gather,
        gather.trace.as_ref().clone(),
        false,
    ));
    let kept = reduce(
        kitchen.clone(),
        vec![Action::Run(RunEvent::Show(elsewhere))],
    );
    assert!(kept.results.is_empty());
    // Nor while a run goes.
    let running = reduce(
        kitchen,
        vec![
            Action::Run(RunEvent::Started(Mode::Blocking)),
            Action::Run(RunEvent::Show(gather)),
        ],
    );
    assert!(running.results.is_empty());
}
