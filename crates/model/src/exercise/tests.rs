//! Checking answers against real predictions of the shipped lessons, one table per kind of answer.

use super::check::{self, Verdict};
use super::{Choice, Goal, Tolerance};
use crate::lesson;
use crate::mode::Mode;
use crate::predict;
use crate::recipe::{Action, Recipe, Unit};

fn recipe(id: &str) -> Recipe {
    lesson::by_id(id).expect("a shipped lesson").recipe
}

fn printed(recipe: &Recipe, mode: Mode) -> Vec<String> {
    predict::prediction(recipe, mode)
        .console
        .into_iter()
        .map(|l| l.text)
        .collect()
}

fn total(recipe: &Recipe, mode: Mode) -> f64 {
    recipe.units(predict::prediction(recipe, mode).end)
}

fn lines(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_owned).collect()
}

/// The verdict as `right`/`wrong` and its sentences, one per line, for comparing whole.
fn show(verdict: &Verdict) -> String {
    let mut out = String::from(if verdict.correct { "right" } else { "wrong" });
    for part in &verdict.parts {
        out.push_str(&format!(
            "\n{} {}",
            if part.correct { "+" } else { "-" },
            part.text
        ));
    }
    out
}

#[test]
fn an_order_is_right_only_as_the_run_printed_it() {
    let count = recipe("count");
    let run = printed(&count, Mode::Gather);
    assert_eq!(run, lines("One One One Two Two Two"));
    for (answer, expect) in [
        (
            "One One One Two Two Two",
            "right\n+ Right: the run printed these 6 lines in this order.",
        ),
        (
            "One Two One Two One Two",
            "wrong\n- Line 2 differs: you put “Two” there, and the run printed “One”.",
        ),
        (
            "One One One Two Two",
            "wrong\n- The run printed more lines than your answer has: line 6 was “Two”.",
        ),
        (
            "One One One Two Two Two Two",
            "wrong\n- Your answer has more lines than the run printed: it never printed line 7 (“Two”).",
        ),
    ] {
        assert_eq!(
            show(&check::order(&lines(answer), &run)),
            expect,
            "{answer}"
        );
    }
    // In blocking the same lines come in turns: the order depends on the run, not on the lesson.
    let blocking = printed(&count, Mode::Blocking);
    assert!(check::order(&lines("One Two One Two One Two"), &blocking).correct);
}

#[test]
fn a_total_is_right_within_its_tolerance_of_the_prediction() {
    let cake = recipe("cake");
    let (gather, blocking) = (total(&cake, Mode::Gather), total(&cake, Mode::Blocking));
    assert_eq!((gather, blocking), (60.0, 80.0));
    for (answer, predicted, expect) in [
        (
            60.0,
            gather,
            "right\n+ Right: the prediction is 60 min, and your 60 min is within 3 min of it.",
        ),
        (
            62.5,
            gather,
            "right\n+ Right: the prediction is 60 min, and your 62.5 min is within 3 min of it.",
        ),
        (
            80.0,
            gather,
            "wrong\n- The prediction is 60 min: your 80 min is 20 min over (up to 3 min either way counts).",
        ),
        (
            60.0,
            blocking,
            "wrong\n- The prediction is 80 min: your 60 min is 20 min under (up to 4 min either way counts).",
        ),
        (
            f64::NAN,
            gather,
            "wrong\n- That is not a number of min: write the total as a number, such as `12` or `2.5`.",
        ),
    ] {
        let verdict = check::total(answer, predicted, Tolerance::USUAL, Unit::Min);
        assert_eq!(show(&verdict), expect, "{answer} against {predicted}");
    }
    // A total near zero still allows half a unit: the missing await's run ends at once.
    let missing = recipe("missing-await");
    let none = total(&missing, Mode::Gather);
    assert!(check::total(0.0, none, Tolerance::USUAL, missing.unit).correct);
    assert!(!check::total(9.0, none, Tolerance::USUAL, missing.unit).correct);
}

/// The missing-await lesson with its awaits restored: the fix a "which change" exercise offers.
fn awaited(mut recipe: Recipe) -> Recipe {
    for task in &mut recipe.tasks {
        for step in &mut task.steps {
            step.missing_await = false;
        }
    }
    recipe
}

#[test]
fn the_right_changes_are_the_ones_whose_prediction_meets_the_goal() {
    let missing = recipe("missing-await");
    let goal = Goal::FinishWithin {
        mode: None,
        units: 6.0,
        tolerance: Tolerance::USUAL,
    };
    // The goal is a run that really sleeps: at least as long as the longer sleep, and no longer.
    let choices = vec![
        Choice {
            label: "await the sleep".into(),
            recipe: awaited(missing.clone()),
            mode: Mode::Gather,
        },
        Choice {
            label: "await the sleep, and await each call in turn".into(),
            recipe: awaited(missing.clone()),
            mode: Mode::Sequential,
        },
        Choice {
            label: "leave it as it is".into(),
            recipe: missing.clone(),
            mode: Mode::Gather,
        },
    ];
    let outcomes = check::outcomes(&goal, &choices);
    let totals: Vec<f64> = outcomes.iter().map(|o| o.total).collect();
    assert_eq!(totals, [6.0, 9.0, 0.0]);
    // "Leave it" ends at once: it meets a goal of "within 6 s" by never sleeping at all, which is
    // why a goal on a total says how long at most; a goal on what is printed says more.
    assert_eq!(
        outcomes.iter().map(|o| o.meets).collect::<Vec<_>>(),
        [true, false, true]
    );
    let order = Goal::Prints {
        mode: None,
        lines: printed(&awaited(missing.clone()), Mode::Gather),
    };
    let outcomes = check::outcomes(&order, &choices);
    assert_eq!(
        outcomes.iter().map(|o| o.meets).collect::<Vec<_>>(),
        [true, false, false]
    );
    let verdict = check::picked(&choices, &outcomes, &[0], missing.unit);
    assert!(verdict.correct, "{}", show(&verdict));
    let verdict = check::picked(&choices, &outcomes, &[0, 2], missing.unit);
    assert!(!verdict.correct);
    assert!(
        verdict.parts[2]
            .text
            .starts_with("“leave it as it is” would take 0 s"),
        "{}",
        show(&verdict)
    );
}

#[test]
fn making_it_keeps_every_steps_length_and_meets_the_goal() {
    let chores = recipe("chores");
    let goal = Goal::FinishWithin {
        mode: Some(Mode::Sequential),
        units: 90.0,
        tolerance: Tolerance::USUAL,
    };
    // One by one, the chores take three hours.
    let as_is = check::make_it(
        &goal,
        &chores,
        &chores,
        Mode::Sequential,
        (180.0, 180.0),
        &[],
    );
    assert_eq!(
        show(&as_is),
        "wrong\n+ Every step takes as long as in the lesson.\n- It took 180 min, over the 90 min the goal allows."
    );
    // Shortening a step is not the answer.
    let mut shorter = chores.clone();
    shorter.tasks[0].steps[0].action = Action::Wait(10);
    assert_eq!(
        check::same_steps(&chores, &shorter),
        Err("The steps' lengths changed: the lesson has a `wait 60 min` your recipe lacks, and yours has a `wait 10 min` it does not.".into())
    );
    // Dropping an await is not either: an unawaited wait takes no time.
    let mut unawaited = chores.clone();
    unawaited.tasks[0].steps[0].missing_await = true;
    assert!(check::same_steps(&chores, &unawaited).is_err());
    // Moving the laundry's wait to the front of the evening keeps every step, in another task.
    let mut moved = chores.clone();
    let wash = moved.tasks.remove(0).steps.remove(0);
    moved.tasks[0].steps.insert(0, wash);
    assert_eq!(check::same_steps(&chores, &moved), Ok(()));
    // Late timers do not make a right arrangement wrong: the arrangement is judged as planned.
    let gathered = Goal::FinishWithin {
        mode: Some(Mode::Gather),
        units: 90.0,
        tolerance: Tolerance::USUAL,
    };
    let late = check::make_it(&gathered, &chores, &chores, Mode::Gather, (94.8, 90.0), &[]);
    assert_eq!(
        show(&late),
        "right\n+ Every step takes as long as in the lesson.\n+ It took 90 min, within the 90 min the goal allows. (Planned 90 min; the run measured 94.8 min: the difference is the browser's timers and bookkeeping.)"
    );
    // A run in another mode than the goal's does not count, whatever its total.
    let wrong_mode = check::make_it(&goal, &chores, &chores, Mode::Gather, (90.0, 90.0), &[]);
    assert_eq!(
        wrong_mode.parts[1].text,
        "The goal is for a run in Sequential; this run was in Gather."
    );
    // A helper's steps count once per call.
    let mut helper = chores.clone();
    let plants = helper.tasks.remove(2);
    helper.helpers.push(plants.clone());
    helper.tasks[1]
        .steps
        .push(crate::Step::new(Action::Call(plants.name.clone())));
    assert_eq!(check::same_steps(&chores, &helper), Ok(()));
    helper.tasks[0]
        .steps
        .push(crate::Step::new(Action::Call(plants.name)));
    assert_eq!(
        check::same_steps(&chores, &helper),
        Err("Your recipe runs `work 30 min` once more than the lesson's: keep the steps as they are.".into())
    );
}

/// Every shipped lesson asks one to three questions, and each is one a learner can get right or
/// wrong: an order or total the tutorial states comes out of the prediction, a "which change" has a
/// right and a wrong choice, a "make it" is not met as it starts and is met by an edit that keeps
/// every step.
#[test]
fn every_lesson_asks_questions_the_prediction_can_answer() {
    use super::Question;
    for lesson in lesson::all() {
        let exercises = lesson::exercises::of(&lesson);
        let id = lesson.id;
        assert!(
            (1..=3).contains(&exercises.len()),
            "{id}: {} exercises",
            exercises.len()
        );
        // Each question has its prompt, kept apart from it, and no prompt is left over.
        assert_eq!(
            lesson::exercises::prompts(id).len(),
            exercises.len(),
            "{id}"
        );
        for exercise in &exercises {
            assert!(
                exercise.prompt.text().ends_with('?') || exercise.prompt.text().ends_with('.'),
                "{id}"
            );
            match &exercise.question {
                Question::Order { mode } => {
                    let run = printed(&lesson.recipe, *mode);
                    assert!(run.len() >= 2, "{id}: an order of {} lines", run.len());
                    if *mode == lesson.default_mode && !lesson.expected_prints.is_empty() {
                        assert_eq!(run, lesson.expected_prints, "{id}: the tutorial's order");
                    }
                }
                Question::Total { mode, tolerance } => {
                    let predicted = total(&lesson.recipe, *mode);
                    if let Some(tutorial) = lesson.expected_total(*mode) {
                        let verdict =
                            check::total(tutorial, predicted, *tolerance, lesson.recipe.unit);
                        assert!(verdict.correct, "{id} in {mode:?}: {}", show(&verdict));
                    }
                }
                Question::Change { goal, choices } => {
                    let outcomes = check::outcomes(goal, choices);
                    let meets: Vec<bool> = outcomes.iter().map(|o| o.meets).collect();
                    assert!(
                        meets.contains(&true) && meets.contains(&false),
                        "{id}: {outcomes:?}"
                    );
                }
                Question::MakeIt { start, goal } => {
                    let start = start.clone().unwrap_or_else(|| lesson.recipe.clone());
                    let mode = goal.mode().unwrap_or(lesson.default_mode);
                    let as_is = check::make_it(
                        goal,
                        &start,
                        &start,
                        mode,
                        (total(&start, mode), total(&start, mode)),
                        &printed(&start, mode),
                    );
                    assert!(!as_is.correct, "{id}: already met as it starts");
                    // The lesson's own recipe is a solution: the same steps, arranged concurrently.
                    let solved = &lesson.recipe;
                    let verdict = check::make_it(
                        goal,
                        &start,
                        solved,
                        mode,
                        (total(solved, mode), total(solved, mode)),
                        &printed(solved, mode),
                    );
                    assert!(verdict.correct, "{id}: {}", show(&verdict));
                }
                Question::States { mode, task } => {
                    // Every `.await` of the task suspends it in the run: the count the run shows
                    // is the number of variants rustc writes.
                    let (replay, view) = replayed(&lesson.recipe, *mode);
                    let of = lesson.recipe.instance(*task).expect("the task").task;
                    let through = replay.states_through(*task, &view);
                    let variants = crate::replay::machine::variants(&view, &lesson.recipe, of);
                    assert_eq!(through, variants, "{id}");
                }
                Question::FirstCallback { mode, choices } => {
                    let (replay, _) = replayed(&lesson.recipe, *mode);
                    let first = replay.first_called_back().expect("a callback");
                    assert_eq!(
                        choices.iter().filter(|&&c| c == first).count(),
                        1,
                        "{id}: one choice is right"
                    );
                    assert_ne!(
                        choices[0], first,
                        "{id}: the first choice is not the answer"
                    );
                }
                Question::StateAt {
                    mode,
                    task,
                    when,
                    choices,
                } => {
                    let (replay, view) = replayed(&lesson.recipe, *mode);
                    let of = lesson.recipe.instance(*task).expect("the task").task;
                    let variants = crate::replay::machine::variants(&view, &lesson.recipe, of);
                    assert_eq!(
                        *choices, variants,
                        "{id}: the choices are the task's states"
                    );
                    let state = replay
                        .state_when_returns(*task, *when, &view)
                        .expect("the moment is in the run");
                    assert_eq!(
                        choices.iter().filter(|&&c| c == state).count(),
                        1,
                        "{id}: one choice is right"
                    );
                }
            }
        }
    }
}

/// A predicted gathered run of a recipe, with its replay and its async/await Rust: what the
/// questions on states and callbacks are judged by.
struct Gathered {
    replay: crate::replay::Replay,
    view: crate::code::CodeView,
    printed: Vec<String>,
}

impl Gathered {
    fn of(recipe: &Recipe) -> Gathered {
        let (replay, view) = replayed(recipe, Mode::Gather);
        let printed = printed(recipe, Mode::Gather);
        Gathered {
            replay,
            view,
            printed,
        }
    }

    /// The run as an attempt is judged by it.
    fn run<'a>(&'a self, recipe: &'a Recipe) -> super::attempt::Run<'a> {
        super::attempt::Run {
            recipe,
            mode: Mode::Gather,
            total: total(recipe, Mode::Gather),
            printed: &self.printed,
            predicted: total(recipe, Mode::Gather),
            machine: Some((&self.replay, &self.view)),
        }
    }
}

/// The replay of `recipe`'s predicted run in `mode`, and its async/await Rust.
fn replayed(recipe: &Recipe, mode: Mode) -> (crate::replay::Replay, crate::code::CodeView) {
    let trace = predict::predict(recipe, mode);
    let replay = crate::replay::Replay::new(recipe, mode, &trace, true);
    (
        replay,
        crate::code::code(recipe, mode, crate::code::Language::Rust),
    )
}

/// The explanation of the order of lesson `id`'s predicted run in `mode`, one sentence a line.
fn explained(id: &str, mode: Mode, language: crate::code::Language) -> String {
    use crate::replay::{Narrator, Replay};
    let recipe = recipe(id);
    let trace = predict::predict(&recipe, mode);
    let replay = Replay::new(&recipe, mode, &trace, true);
    let view = crate::code::code(&recipe, mode, language);
    let narrator = Narrator::new(&replay, &recipe, &view);
    super::explain::order(&replay, &narrator).join("\n")
}

/// The explanation of count()'s order, gathered: each line after what let its task print it.
#[test]
fn an_order_is_explained_by_what_let_each_line_print() {
    let told = explained("count", Mode::Gather, crate::code::Language::Python);
    expect_test::expect![[r#"
        0 s (0 ms): main hands count 1, count 2 and count 3 to `asyncio.gather`: they are ready, waiting for the thread.
        0 s (0 ms): count 1 prints “One” (console line 1).
        0 s (0 ms): count 2 prints “One” (console line 2).
        0 s (0 ms): count 3 prints “One” (console line 3).
        1 s (1 000 ms): one browser timeout fires for 3 sleeps due at 1 s (1 000 ms); count 1, count 2 and count 3 are woken and join the ready queue.
        1 s (1 000 ms): count 1 prints “Two” (console line 4).
        1 s (1 000 ms): count 2 prints “Two” (console line 5).
        1 s (1 000 ms): count 3 prints “Two” (console line 6)."#]].assert_eq(&told);
}

/// Blocking, each line follows the call that started its task or the sleep that held the thread.
#[test]
fn a_blocking_order_is_explained_by_the_calls() {
    let told = explained(
        "sleep-and-print",
        Mode::Blocking,
        crate::code::Language::Rust,
    );
    expect_test::expect![[r#"
        0 s (0 ms): main calls `sleep_and_print_3()`: a plain function holds the thread until it returns.
        0 s (0 ms): sleep_and_print_3 prints “starting 3 sleep” (console line 1).
        3 s (750 ms): sleep_and_print_3 prints “finished 3 sleep” (console line 2).
        3 s (750 ms): main calls `sleep_and_print_6()`: a plain function holds the thread until it returns.
        3 s (750 ms): sleep_and_print_6 prints “starting 6 sleep” (console line 3).
        9 s (2 250 ms): sleep_and_print_6 prints “finished 6 sleep” (console line 4)."#]].assert_eq(&told);
}

/// The flow on count()'s first question: answer, lock in, a run of another mode leaves it alone,
/// the gathered run judges it, and trying again starts afresh with the attempt counted.
#[test]
fn an_attempt_is_locked_before_the_run_and_judged_by_the_right_mode() {
    use super::attempt::{Answer, Attempt, NotReady, Run};
    let lesson = lesson::by_id("count").expect("count");
    let exercises = lesson::exercises::of(&lesson);
    let (order, sum) = (&exercises[0], &exercises[2]);
    let recipe = &lesson.recipe;
    let mut attempt = Attempt::new(order, recipe);
    // The lines as written, reversed: neither the gathered nor the blocking order.
    assert_eq!(
        attempt.answer,
        Answer::Order(lines("Two One Two One Two One"))
    );
    assert!(attempt.move_line(0, false));
    assert_eq!(
        attempt.answer,
        Answer::Order(lines("One Two Two One Two One"))
    );
    assert!(!attempt.move_line(0, true), "the first line cannot go up");
    assert_eq!(attempt.lock(), Ok(()));
    assert!(!attempt.move_line(1, false), "a locked answer stays");
    assert!(!attempt.set(Answer::Order(lines("One One One Two Two Two"))));

    fn run<'a>(recipe: &'a Recipe, mode: Mode, printed: &'a [String]) -> Run<'a> {
        Run {
            recipe,
            mode,
            total: total(recipe, mode),
            printed,
            predicted: total(recipe, mode),
            machine: None,
        }
    }
    let (blocking, gather) = (
        printed(recipe, Mode::Blocking),
        printed(recipe, Mode::Gather),
    );
    let run = |mode, printed| run(recipe, mode, printed);
    assert!(!attempt.judge(order, recipe, run(Mode::Blocking, &blocking)));
    assert!(attempt.judge(order, recipe, run(Mode::Gather, &gather)));
    let verdict = attempt.verdict.clone().expect("judged");
    assert!(!verdict.correct);
    assert!(
        !attempt.judge(order, recipe, run(Mode::Gather, &gather)),
        "judged once"
    );

    attempt.try_again(order, recipe);
    assert_eq!(
        (attempt.locked, attempt.verdict.is_some(), attempt.attempts),
        (false, false, 1)
    );
    assert!(attempt.set(Answer::Order(lines("One One One Two Two Two"))));
    attempt.lock().expect("complete");
    attempt.judge(order, recipe, run(Mode::Gather, &gather));
    assert!(attempt.verdict.as_ref().is_some_and(|v| v.correct));
    assert_eq!(attempt.attempts, 2);

    // A total needs a number before it can be locked in.
    let mut guess = Attempt::new(sum, recipe);
    assert_eq!(guess.lock(), Err(NotReady::NoTotal));
    guess.set(Answer::Total(Some(1.0)));
    guess.lock().expect("a number");
    assert!(guess.judge(sum, recipe, run(Mode::Gather, &gather)));
    assert!(guess.verdict.is_some_and(|v| v.correct));
}

/// "Which change" needs a pick; "make it" is judged by the run of the learner's edit.
#[test]
fn choices_and_edits_are_judged_too() {
    use super::attempt::{Attempt, NotReady, Run};
    let missing = lesson::by_id("missing-await").expect("missing-await");
    let which = &lesson::exercises::of(&missing)[1];
    let mut attempt = Attempt::new(which, &missing.recipe);
    assert_eq!(attempt.lock(), Err(NotReady::NoChoice));
    assert!(attempt.toggle(0));
    attempt.lock().expect("a pick");
    let none: &[String] = &[];
    let any_run = Run {
        recipe: &missing.recipe,
        mode: Mode::Gather,
        total: 0.0,
        printed: none,
        predicted: 0.0,
        machine: None,
    };
    assert!(attempt.judge(which, &missing.recipe, any_run));
    assert!(
        attempt.verdict.as_ref().is_some_and(|v| v.correct),
        "{:?}",
        attempt.verdict
    );

    let chores = lesson::by_id("chores").expect("chores");
    let make = &lesson::exercises::of(&chores)[1];
    let mut attempt = Attempt::new(make, &chores.recipe);
    attempt.lock().expect("an edit needs nothing more");
    let solved = &chores.recipe;
    let printed_ = printed(solved, Mode::Gather);
    let run = Run {
        recipe: solved,
        mode: Mode::Gather,
        total: total(solved, Mode::Gather),
        printed: &printed_,
        predicted: total(solved, Mode::Gather),
        machine: None,
    };
    assert!(attempt.judge(make, &chores.recipe, run));
    assert!(attempt.verdict.is_some_and(|v| v.correct));
}

/// The questions on states are judged by the run's replay: the variants a future went through,
/// and the one it was in when another task returned.
#[test]
fn states_are_judged_by_the_runs_state_machines() {
    use super::attempt::{Answer, Attempt, NotReady, Run};
    let three = lesson::by_id("three-ways").expect("three-ways");
    let exercises = lesson::exercises::of(&three);
    let (states, state_at) = (&exercises[1], &exercises[2]);
    let recipe = &three.recipe;
    let gathered = Gathered::of(recipe);
    let run = gathered.run(recipe);

    let mut count = Attempt::new(states, recipe);
    assert_eq!(count.lock(), Err(NotReady::NoTotal));
    count.set(Answer::Count(Some(3)));
    count.lock().expect("a number");
    assert!(count.judge(states, recipe, run));
    let verdict = count.verdict.clone().expect("judged");
    assert!(!verdict.correct);
    expect_test::expect![[r#"
        wrong
        - groceries' future went through 2 states: Unresumed, then Returned, not 3: one for each `.await` that suspended it (none here), and the first and the last."#]]
    .assert_eq(&show(&verdict));
    count.try_again(states, recipe);
    count.set(Answer::Count(Some(2)));
    count.lock().expect("a number");
    assert!(count.judge(states, recipe, run));
    assert!(count.verdict.is_some_and(|v| v.correct));

    let mut pick = Attempt::new(state_at, recipe);
    assert_eq!(pick.lock(), Err(NotReady::NoChoice));
    pick.set(Answer::Pick(Some(1)));
    pick.lock().expect("a pick");
    assert!(pick.judge(state_at, recipe, run));
    let verdict = pick.verdict.clone().expect("judged");
    expect_test::expect![[r#"
        right
        + Right: when groceries returned, cake's future was in Suspend0: it was waiting at that `.await`."#]]
    .assert_eq(&show(&verdict));
    // Without the run's replay, nothing judges it.
    let mut blind = Attempt::new(state_at, recipe);
    blind.set(Answer::Pick(Some(0)));
    blind.lock().expect("a pick");
    assert!(!blind.judge(
        state_at,
        recipe,
        Run {
            machine: None,
            ..run
        }
    ));
}

/// Whose callback is called first is judged by the run: the first task polled again.
#[test]
fn the_first_callback_is_judged_by_the_run() {
    use super::attempt::{Answer, Attempt};
    let colours = lesson::by_id("colours").expect("colours");
    let first = &lesson::exercises::of(&colours)[2];
    let recipe = &colours.recipe;
    let gathered = Gathered::of(recipe);
    let run = gathered.run(recipe);
    let mut pick = Attempt::new(first, recipe);
    pick.set(Answer::Pick(Some(0)));
    pick.lock().expect("a pick");
    assert!(pick.judge(first, recipe, run));
    expect_test::expect![[r#"
        wrong
        - colours 1's callback was called first, not colours 3's: callbacks are called by their due time (a yield's at once), and at a tie in the order they were registered."#]].assert_eq(&show(&pick.verdict.clone().expect("judged")));
    pick.try_again(first, recipe);
    pick.set(Answer::Pick(Some(2)));
    pick.lock().expect("a pick");
    assert!(pick.judge(first, recipe, run));
    assert!(pick.verdict.is_some_and(|v| v.correct));
}
