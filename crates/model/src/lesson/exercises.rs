//! Each shipped lesson's exercises: what the page asks a learner to predict before a run.
//!
//! One to three per lesson, covering what the tutorial it comes from wants noticed (the cake's 60
//! against 80 minutes, count()'s order, the missing await's 0 s, …), which the lessons' stories and
//! "try this" therefore never state. Only questions are written here: which answer is right is
//! decided by the run, or by the prediction of each edit, in
//! [`exercise::check`](crate::exercise::check).

use super::Lesson;
use crate::exercise::{Choice, Exercise, Goal, Question, Tolerance};
use crate::mode::Mode;
use crate::recipe::{Recipe, Step, Task};

/// The exercises of `lesson`, in the order the page asks them (none for a lesson it does not know).
pub fn of(lesson: &Lesson) -> Vec<Exercise> {
    let r = &lesson.recipe;
    match lesson.id {
        "cake" => vec![
            total(Mode::Gather, "Gathered, how many minutes until the cake is baked and the groceries are in?"),
            total(Mode::Blocking, "And blocking, with the baking holding the thread: how many minutes?"),
        ],
        "chores" => vec![
            total(Mode::Gather, "Gathered, when is the last chore done?"),
            Exercise {
                prompt: "Here one task does the chores one after another, and gathered it still takes three \
                         hours. Split it into tasks so that everything is done in 90 minutes, without \
                         changing how long any chore takes."
                    .into(),
                question: Question::MakeIt {
                    start: Some(one_after_another(r, "chores")),
                    goal: within(Some(Mode::Gather), 90.0),
                },
            },
        ],
        "sleep-and-print" => vec![
            order(Mode::Gather, "Gathered, in what order do the four lines print?"),
            total(Mode::Gather, "Gathered, how many seconds does the run take?"),
        ],
        "count" => vec![
            order(Mode::Gather, "Gathered, in what order do the six lines print?"),
            order(Mode::Blocking, "And as plain functions, one call after another?"),
            total(Mode::Gather, "Gathered, how many seconds does it take?"),
        ],
        "colours" => vec![
            order(Mode::Gather, "Gathered, in what order do the nine colours print?"),
            total(Mode::Blocking, "One after another, blocking, how many seconds?"),
        ],
        "downloads" => vec![
            total(Mode::Spawn, "Five downloads of 3 seconds each, spawned as tasks: how many seconds in all?"),
            total(Mode::Blocking, "And one after another, blocking?"),
        ],
        "fruit-shop" => vec![
            order(Mode::Gather, "In what order do the fruit shop's lines print?"),
            total(Mode::Gather, "Each fetch waits a second: how many seconds in all?"),
        ],
        "boil-and-chop" => vec![
            total(Mode::Gather, "Gathered, how many minutes until the water boils and the salad is chopped?"),
            total(Mode::Blocking, "And blocking?"),
        ],
        "chop-and-dice" => vec![
            total(Mode::Gather, "Both jobs keep the hands busy. Gathered, how many minutes?"),
            change(
                "Which of these gets both jobs done in 10 minutes or less?",
                within(None, 10.0),
                vec![
                    choice("gather them", r, Mode::Gather),
                    choice("spawn them as tasks", r, Mode::Spawn),
                    choice("hand them to two cooks", r, Mode::Processes),
                ],
            ),
        ],
        "ten-thousand-timers" => vec![total(
            Mode::Gather,
            "Ten thousand tasks each sleep 50 ms on one thread. Gathered, how many milliseconds?",
        )],
        "missing-await" => vec![
            total(Mode::Gather, "Gathered, how many seconds does this run take?"),
            change(
                "Which change makes both coroutines really sleep, so that the lines print as in \
                 sleep_and_print?",
                Goal::Prints {
                    mode: None,
                    lines: ["starting 3 sleep", "starting 6 sleep", "finished 3 sleep", "finished 6 sleep"]
                        .map(str::to_owned)
                        .to_vec(),
                },
                vec![
                    choice("await the sleep", &awaited(r), Mode::Gather),
                    choice("await the sleep, and each call in turn", &awaited(r), Mode::Sequential),
                    choice("run it blocking", r, Mode::Blocking),
                ],
            ),
        ],
        "blocking-inside-async" => vec![
            total(
                Mode::BlockingInAsync,
                "Each download calls a blocking sleep inside its coroutine. How many seconds for all five?",
            ),
            change(
                "Which change brings the five downloads to 3 seconds?",
                within(None, 3.0),
                vec![
                    choice("sleep with the event loop's timer (gather)", r, Mode::Gather),
                    choice("await each download in turn", r, Mode::Sequential),
                    choice("keep the blocking sleep", r, Mode::BlockingInAsync),
                ],
            ),
        ],
        "never-awaited" => vec![
            total(Mode::NeverAwaited, "main calls count() three times and awaits nothing. How many seconds?"),
            change(
                "Which change makes count() print One One One Two Two Two?",
                Goal::Prints {
                    mode: None,
                    lines: ["One", "One", "One", "Two", "Two", "Two"].map(str::to_owned).to_vec(),
                },
                vec![
                    choice("gather the coroutines", r, Mode::Gather),
                    choice("await each one in turn", r, Mode::Sequential),
                    choice("leave them unawaited", r, Mode::NeverAwaited),
                ],
            ),
        ],
        "more-cooks" => vec![
            total(Mode::Blocking, "One cook, blocking: how many minutes of chopping and dicing?"),
            change(
                "Which of these finishes in 10 minutes or less?",
                within(None, 10.0),
                vec![
                    choice("gather on one thread", r, Mode::Gather),
                    choice("two cooks", r, Mode::Processes),
                ],
            ),
        ],
        "four-jobs" => vec![
            total(Mode::Blocking, "Four jobs of 5 seconds' work, one after another: how many seconds?"),
            change(
                "Which of these finishes in 12 seconds or less?",
                within(None, 12.0),
                vec![
                    choice("gather on one thread", r, Mode::Gather),
                    choice("two cooks", r, Mode::Processes),
                ],
            ),
        ],
        "tiny-tasks" => vec![change(
            "Two hundred tasks of a quarter of a millisecond's work each. Which is done sooner?",
            within(None, lesson.expected.blocking.unwrap_or(0.0)),
            vec![
                choice("one thread, gathered", r, Mode::Gather),
                choice("two cooks", r, Mode::Processes),
            ],
        )],
        "downloads-on-cooks" => vec![change(
            "Five downloads that only wait. Which finishes in 3 seconds?",
            within(None, 3.0),
            vec![
                choice("gather on one thread", r, Mode::Gather),
                choice("two cooks", r, Mode::Processes),
            ],
        )],
        _ => Vec::new(),
    }
}

fn order(mode: Mode, prompt: &str) -> Exercise {
    Exercise {
        prompt: prompt.into(),
        question: Question::Order { mode },
    }
}

fn total(mode: Mode, prompt: &str) -> Exercise {
    Exercise {
        prompt: prompt.into(),
        question: Question::Total {
            mode,
            tolerance: Tolerance::USUAL,
        },
    }
}

fn change(prompt: &str, goal: Goal, choices: Vec<Choice>) -> Exercise {
    Exercise {
        prompt: prompt.into(),
        question: Question::Change { goal, choices },
    }
}

fn choice(label: &str, recipe: &Recipe, mode: Mode) -> Choice {
    Choice {
        label: label.into(),
        recipe: recipe.clone(),
        mode,
    }
}

fn within(mode: Option<Mode>, units: f64) -> Goal {
    Goal::FinishWithin {
        mode,
        units,
        tolerance: Tolerance::USUAL,
    }
}

/// The recipe with every await restored.
fn awaited(recipe: &Recipe) -> Recipe {
    let mut recipe = recipe.clone();
    for step in recipe.tasks.iter_mut().flat_map(|t| t.steps.iter_mut()) {
        step.missing_await = false;
    }
    recipe
}

/// The recipe's tasks' steps, all in one task called `name`, in order.
fn one_after_another(recipe: &Recipe, name: &str) -> Recipe {
    let steps: Vec<Step> = recipe.tasks.iter().flat_map(|t| t.steps.clone()).collect();
    Recipe {
        tasks: vec![Task::new(name, steps)],
        ..recipe.clone()
    }
}
