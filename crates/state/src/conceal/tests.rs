//! What an exercise keeps hidden, tested natively: a lesson, the learner's actions, then which
//! questions are withheld and whether each mode's prediction is hidden.

use std::rc::Rc;

use kitchen_model::exercise::attempt::Answer;
use kitchen_model::run::RunResult;
use kitchen_model::{Mode, lesson, predict};

use crate::{Action, Choice, Kitchen, Opened, Opening, QuizAction, RunEvent};

fn open(id: &str) -> Kitchen {
    Kitchen::open(Opened::lesson(lesson::by_id(id).expect("a lesson")), None)
}

fn quiz(action: QuizAction) -> Action {
    Action::Quiz(action)
}

fn total(units: f64) -> Action {
    quiz(QuizAction::Answer(Answer::Total(Some(units))))
}

/// A run of `mode` of the recipe on screen started and finished (the prediction's trace standing
/// in for a real run).
fn ran(kitchen: &Kitchen, mode: Mode) -> Vec<Action> {
    let recipe = kitchen.recipe().expect("the recipe parses");
    let trace = predict::predict(&recipe, mode);
    let result = Rc::new(RunResult::new(recipe, mode, trace, false));
    vec![
        Action::Run(RunEvent::Started(mode)),
        Action::Run(RunEvent::Finished(result)),
    ]
}

/// What `kitchen` hides: each withheld question as `number mode kind`, then each mode of `modes`
/// whose prediction of the recipe on screen is hidden, as `hides mode`.
fn hidden(kitchen: &Kitchen, modes: &[Mode]) -> Vec<String> {
    let concealed = kitchen.concealed();
    let recipe = kitchen.recipe();
    let mut said: Vec<String> = concealed
        .withheld
        .iter()
        .map(|w| {
            let kind = match (w.order, w.states) {
                (true, _) => "order",
                (_, true) => "states",
                _ => "total",
            };
            format!("{} {} {kind}", w.exercise + 1, w.mode.id())
        })
        .collect();
    for &mode in modes {
        if recipe
            .as_ref()
            .is_some_and(|r| concealed.hides_mode(mode, r))
        {
            said.push(format!("hides {}", mode.id()));
        }
        if recipe
            .as_ref()
            .is_some_and(|r| concealed.hides_states(mode, r))
        {
            said.push(format!("hides the states of {}", mode.id()));
        }
    }
    said
}

/// The learner's actions, built from the state so far.
type Step<'a> = &'a dyn Fn(&Kitchen) -> Vec<Action>;

/// `id` after `steps`, one after another, hides `expect`.
fn check(id: &str, steps: &[Step<'_>], expect: &[&str]) {
    let mut kitchen = open(id);
    for step in steps {
        for action in step(&kitchen) {
            kitchen.apply(action);
        }
    }
    let modes = [Mode::Blocking, Mode::Sequential, Mode::Gather, Mode::Spawn];
    assert_eq!(hidden(&kitchen, &modes), expect, "{id}");
}

#[test]
fn an_exercise_never_shown_hides_nothing() {
    check("cake", &[], &[]);
    check("count", &[&|_| vec![quiz(QuizAction::Choose(1))]], &[]);
}

#[test]
fn a_shown_total_hides_its_own_modes_prediction_and_no_other() {
    check(
        "cake",
        &[&|_| vec![quiz(QuizAction::Pose(0))]],
        &["1 gather total", "hides gather"],
    );
}

#[test]
fn every_exercise_shown_stays_hidden_until_each_is_locked_in() {
    let both: Step<'_> = &|_| {
        vec![
            quiz(QuizAction::Pose(0)),
            quiz(QuizAction::Choose(1)),
            quiz(QuizAction::Pose(1)),
        ]
    };
    check(
        "cake",
        &[both],
        &[
            "1 gather total",
            "2 blocking total",
            "hides blocking",
            "hides gather",
        ],
    );
    // Answering is not enough: only locking in shows the prediction again.
    check(
        "cake",
        &[both, &|_| vec![total(80.0)]],
        &[
            "1 gather total",
            "2 blocking total",
            "hides blocking",
            "hides gather",
        ],
    );
    check(
        "cake",
        &[both, &|_| {
            vec![
                total(80.0),
                quiz(QuizAction::Lock(
                    Mode::Blocking,
                    crate::Judge(crate::judge_by),
                )),
            ]
        }],
        &["1 gather total", "hides gather"],
    );
    let mut kitchen = open("cake");
    for action in both(&kitchen) {
        kitchen.apply(action);
    }
    let recipe = kitchen.recipe().expect("cake parses");
    assert_eq!(kitchen.concealed().asking(Mode::Blocking, &recipe), Some(2));
}

#[test]
fn a_verdict_shows_it_and_trying_again_hides_it_until_the_next_lock() {
    let judged: Step<'_> = &|k| {
        let mut actions = vec![
            quiz(QuizAction::Pose(0)),
            total(60.0),
            quiz(QuizAction::Lock(
                Mode::Gather,
                crate::Judge(crate::judge_by),
            )),
        ];
        actions.extend(ran(k, Mode::Gather));
        actions
    };
    check("cake", &[judged], &[]);
    check(
        "cake",
        &[judged, &|_| vec![quiz(QuizAction::TryAgain)]],
        &["1 gather total", "hides gather"],
    );
}

#[test]
fn a_run_before_locking_in_judges_nothing_and_its_prediction_stays_hidden() {
    let mut kitchen = open("cake");
    kitchen.apply(quiz(QuizAction::Pose(0)));
    for action in ran(&kitchen, Mode::Gather) {
        kitchen.apply(action);
    }
    let measured = kitchen
        .result(Mode::Gather)
        .expect("the run is kept")
        .clone();
    assert_eq!(kitchen.quiz.correct(0), None);
    assert!(kitchen.concealed().hides(&measured));
    let predicted = kitchen.predicted.clone().expect("a prediction");
    assert!(kitchen.concealed().hides(&predicted));
}

#[test]
fn the_question_hides_its_own_recipe_at_any_scale_but_not_an_edit_of_its_steps() {
    check(
        "cake",
        &[&|_| {
            vec![
                quiz(QuizAction::Pose(0)),
                Action::Choose(Choice::Scale(Some(5.0))),
            ]
        }],
        &["1 gather total", "hides gather"],
    );
    // The lesson's own question is about the recipe as shipped: an edit predicts something else.
    check(
        "cake",
        &[&|_| vec![quiz(QuizAction::Pose(0))], &|k| {
            let text = k.text.replace("work 20", "work 25");
            vec![Action::Open(Opening::Edit(text))]
        }],
        &["1 gather total"],
    );
}

#[test]
fn an_order_question_says_so_and_hides_its_modes_prediction() {
    check(
        "count",
        &[&|_| vec![quiz(QuizAction::Pose(0))]],
        &["1 gather order", "hides gather"],
    );
    let kitchen = {
        let mut k = open("count");
        k.apply(quiz(QuizAction::Pose(0)));
        k
    };
    assert!(kitchen.concealed().order());
    let recipe = kitchen.recipe().expect("count parses");
    assert_eq!(kitchen.concealed().asking(Mode::Gather, &recipe), Some(1));
    assert_eq!(kitchen.concealed().asking(Mode::Blocking, &recipe), None);
}

#[test]
fn another_lesson_asks_everything_afresh() {
    let mut kitchen = open("cake");
    kitchen.apply(quiz(QuizAction::Pose(0)));
    kitchen.apply(Action::Open(Opening::Lesson(
        Opened::lesson(lesson::by_id("count").expect("count")),
        None,
    )));
    assert!(kitchen.concealed().is_empty());
}

#[test]
fn a_recipes_own_question_stays_asked_while_its_story_is_edited() {
    let text = "recipe \"Two waits\"\nunit s\nexercise total gather\n\
                task a\n  wait 2\ntask b\n  wait 3\n";
    let mut kitchen = Kitchen::open(Opened::custom(text), None);
    assert_eq!(kitchen.quiz.exercises.len(), 1);
    kitchen.apply(quiz(QuizAction::Pose(0)));
    kitchen.apply(Action::Open(Opening::Edit(
        text.replace("unit s", "unit s\nstory \"Two waits side by side.\""),
    )));
    assert_eq!(
        hidden(&kitchen, &[Mode::Gather]),
        ["1 gather total", "hides gather"]
    );
    // Asking another question in its place asks it afresh.
    kitchen.apply(Action::Open(Opening::Edit(
        text.replace("total gather", "total blocking"),
    )));
    assert!(kitchen.concealed().is_empty());
}

#[test]
fn posing_counts_once_and_never_past_the_last_exercise() {
    let mut quiz_state = (*open("cake").quiz).clone();
    assert!(quiz_state.apply(QuizAction::Pose(1)));
    assert!(!quiz_state.apply(QuizAction::Pose(1)));
    assert!(!quiz_state.apply(QuizAction::Pose(9)));
    assert_eq!(quiz_state.posed, [false, true]);
}

#[test]
fn a_question_on_states_hides_the_lens_of_its_mode_and_not_its_totals() {
    let mut kitchen = open("three-ways");
    kitchen.apply(quiz(QuizAction::Pose(1)));
    kitchen.apply(quiz(QuizAction::Pose(2)));
    assert_eq!(
        hidden(&kitchen, &[Mode::Gather, Mode::Sequential]),
        [
            "2 gather states",
            "3 gather states",
            "hides the states of gather"
        ]
    );
    // Locked in, the second no longer hides anything; the third still does.
    kitchen.apply(quiz(QuizAction::Choose(1)));
    kitchen.apply(quiz(QuizAction::Answer(Answer::Count(Some(2)))));
    kitchen.apply(quiz(QuizAction::Lock(
        Mode::Gather,
        crate::Judge(crate::judge_by),
    )));
    assert_eq!(
        hidden(&kitchen, &[Mode::Gather]),
        ["3 gather states", "hides the states of gather"]
    );
}

#[test]
fn a_state_locked_in_is_judged_by_the_run_and_told_by_the_futures_moves() {
    let mut kitchen = open("three-ways");
    kitchen.apply(quiz(QuizAction::Pose(2)));
    kitchen.apply(quiz(QuizAction::Choose(2)));
    // Unresumed, Suspend0, Returned: cake's future waits in the oven while groceries returns.
    kitchen.apply(quiz(QuizAction::Answer(Answer::Pick(Some(1)))));
    kitchen.apply(quiz(QuizAction::Lock(
        Mode::Gather,
        crate::Judge(crate::judge_by),
    )));
    for action in ran(&kitchen, Mode::Gather) {
        kitchen.apply(action);
    }
    assert_eq!(kitchen.quiz.correct(2), Some(true));
    let told = kitchen.quiz.judged[2]
        .as_ref()
        .expect("judged")
        .told
        .join("\n");
    assert!(
        told.contains("cake's future moved from `Unresumed` to `Suspend0` at `sleep(45).await`"),
        "{told}"
    );
    assert!(kitchen.concealed().is_empty());
}
