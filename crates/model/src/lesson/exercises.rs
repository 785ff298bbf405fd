//! Each shipped lesson's exercises: what the page asks a learner to predict before a run.
//!
//! One to three per lesson, covering what the tutorial it comes from wants noticed (the cake's 60
//! against 80 minutes, count()'s order, the missing await's 0 s, …), which the lessons' stories and
//! "try this" therefore never state. Only questions are written here: which answer is right is
//! decided by the run, or by the prediction of each edit, in
//! [`exercise::check`](crate::exercise::check).

use super::Lesson;
use crate::exercise::{Choice, Exercise, Goal, Prompt, Question, Tolerance};
use crate::mode::Mode;
use crate::recipe::{Recipe, Step, Task};

/// The exercises of `lesson`, in the order the page asks them (none for a lesson it does not know),
/// each with its prompt named by its place ([`Prompt::Lesson`]): the words are in [`prompts`].
pub fn of(lesson: &Lesson) -> Vec<Exercise> {
    questions(lesson)
        .into_iter()
        .enumerate()
        .map(|(index, question)| Exercise {
            prompt: Prompt::Lesson(lesson.id, index),
            question,
        })
        .collect()
}

/// What each exercise of `lesson` asks and what decides it, in order.
fn questions(lesson: &Lesson) -> Vec<Question> {
    let r = &lesson.recipe;
    match lesson.id {
        "cake" => vec![total(Mode::Gather), total(Mode::Blocking)],
        "chores" => vec![
            total(Mode::Gather),
            Question::MakeIt {
                start: Some(one_after_another(r, "chores")),
                goal: within(Some(Mode::Gather), 90.0),
            },
        ],
        "three-ways" => vec![
            total(Mode::Sequential),
            Question::States {
                mode: Mode::Gather,
                task: 1,
            },
            state_at(r, Mode::Gather, 0, 1),
        ],
        "sleep-and-print" => vec![order(Mode::Gather), total(Mode::Gather)],
        "count" => vec![
            order(Mode::Gather),
            order(Mode::Blocking),
            total(Mode::Gather),
        ],
        "colours" => vec![
            order(Mode::Gather),
            total(Mode::Blocking),
            Question::FirstCallback {
                mode: Mode::Gather,
                choices: vec![2, 1, 0],
            },
        ],
        "downloads" => vec![total(Mode::Spawn), total(Mode::Blocking)],
        "fruit-shop" => vec![order(Mode::Gather), total(Mode::Gather)],
        "boil-and-chop" => vec![total(Mode::Gather), total(Mode::Blocking)],
        "chop-and-dice" => vec![
            total(Mode::Gather),
            change(
                within(None, 10.0),
                vec![
                    choice("gather them", r, Mode::Gather),
                    choice("spawn them as tasks", r, Mode::Spawn),
                    choice("hand them to two cooks", r, Mode::Processes),
                ],
            ),
        ],
        "ten-thousand-timers" => vec![total(Mode::Gather)],
        "missing-await" => vec![
            total(Mode::Gather),
            change(
                Goal::Prints {
                    mode: None,
                    lines: [
                        "starting 3 sleep",
                        "starting 6 sleep",
                        "finished 3 sleep",
                        "finished 6 sleep",
                    ]
                    .map(str::to_owned)
                    .to_vec(),
                },
                vec![
                    choice("await the sleep", &awaited(r), Mode::Gather),
                    choice(
                        "await the sleep, and each call in turn",
                        &awaited(r),
                        Mode::Sequential,
                    ),
                    choice("run it blocking", r, Mode::Blocking),
                ],
            ),
        ],
        "blocking-inside-async" => vec![
            total(Mode::BlockingInAsync),
            change(
                within(None, 3.0),
                vec![
                    choice(
                        "sleep with the event loop's timer (gather)",
                        r,
                        Mode::Gather,
                    ),
                    choice("await each download in turn", r, Mode::Sequential),
                    choice("keep the blocking sleep", r, Mode::BlockingInAsync),
                ],
            ),
        ],
        "never-awaited" => vec![
            total(Mode::NeverAwaited),
            change(
                Goal::Prints {
                    mode: None,
                    lines: ["One", "One", "One", "Two", "Two", "Two"]
                        .map(str::to_owned)
                        .to_vec(),
                },
                vec![
                    choice("gather the coroutines", r, Mode::Gather),
                    choice("await each one in turn", r, Mode::Sequential),
                    choice("leave them unawaited", r, Mode::NeverAwaited),
                ],
            ),
        ],
        "more-cooks" => vec![
            total(Mode::Blocking),
            change(
                within(None, 10.0),
                vec![
                    choice("gather on one thread", r, Mode::Gather),
                    choice("two cooks", r, Mode::Processes),
                ],
            ),
        ],
        "four-jobs" => vec![
            total(Mode::Blocking),
            change(
                within(None, 12.0),
                vec![
                    choice("gather on one thread", r, Mode::Gather),
                    choice("two cooks", r, Mode::Processes),
                ],
            ),
        ],
        "tiny-tasks" => vec![change(
            within(None, lesson.expected.blocking.unwrap_or(0.0)),
            vec![
                choice("one thread, gathered", r, Mode::Gather),
                choice("two cooks", r, Mode::Processes),
            ],
        )],
        "downloads-on-cooks" => vec![change(
            within(None, 3.0),
            vec![
                choice("gather on one thread", r, Mode::Gather),
                choice("two cooks", r, Mode::Processes),
            ],
        )],
        "threads-for-downloads" => vec![on_threads(Mode::Threads), on_threads(Mode::FreeThreaded)],
        "threads-for-chopping" => vec![
            on_threads(Mode::Threads),
            change(
                within(None, 10.0),
                vec![
                    choice("two threads with the GIL", r, Mode::Threads),
                    choice("two free-threaded threads", r, Mode::FreeThreaded),
                    choice("two cooks (processes)", r, Mode::Processes),
                ],
            ),
        ],
        "four-ways" => vec![change(
            within(None, 3.5),
            vec![
                choice("blocking", r, Mode::Blocking),
                choice("a thread per download", r, Mode::Threads),
                choice("gathered on one thread", r, Mode::Gather),
                choice("two processes", r, Mode::Processes),
            ],
        )],
        _ => Vec::new(),
    }
}

/// The prompts of the exercises of the lesson `id`, in the order of [`of`]'s (none for a lesson
/// the page does not know). Apart from the questions because only the Exercises drawer, a chunk of
/// its own, shows them: their 2 KB of text stays out of the first look, as long as nothing in the
/// page's first module calls this.
pub fn prompts(id: &str) -> &'static [&'static str] {
    match id {
        "cake" => &[
            "Gathered, how many minutes until the cake is baked and the groceries are in?",
            "And blocking, with the baking holding the thread: how many minutes?",
        ],
        "chores" => &[
            "Gathered, when is the last chore done?",
            "Here one task does the chores one after another, and gathered it still takes three \
                         hours. Split it into tasks so that everything is done in 90 minutes, without \
                         changing how long any chore takes.",
        ],
        "three-ways" => &[
            "Written as callbacks and run one task after the other (Sequential), how many minutes \
             until the cake is baked and the groceries are in?",
            "Gathered, how many states does groceries' future go through, Unresumed and Returned \
             included?",
            "Gathered, which state is cake's future in when groceries has returned?",
        ],
        "sleep-and-print" => &[
            "Gathered, in what order do the four lines print?",
            "Gathered, how many seconds does the run take?",
        ],
        "count" => &[
            "Gathered, in what order do the six lines print?",
            "And as plain functions, one call after another?",
            "Gathered, how many seconds does it take?",
        ],
        "colours" => &[
            "Gathered, in what order do the nine colours print?",
            "One after another, blocking, how many seconds?",
            "Written as callbacks and gathered, each colours task registers a timer for its first \
             second. Whose callback is called first?",
        ],
        "downloads" => &[
            "Five downloads of 3 seconds each, spawned as tasks: how many seconds in all?",
            "And one after another, blocking?",
        ],
        "fruit-shop" => &[
            "In what order do the fruit shop's lines print?",
            "Each fetch waits a second: how many seconds in all?",
        ],
        "boil-and-chop" => &[
            "Gathered, how many minutes until the water boils and the salad is chopped?",
            "And blocking?",
        ],
        "chop-and-dice" => &[
            "Both jobs keep the hands busy. Gathered, how many minutes?",
            "Which of these gets both jobs done in 10 minutes or less?",
        ],
        "ten-thousand-timers" => {
            &["Ten thousand tasks each sleep 50 ms on one thread. Gathered, how many milliseconds?"]
        }
        "missing-await" => &[
            "Gathered, how many seconds does this run take?",
            "Which change makes both coroutines really sleep, so that the lines print as in \
                 sleep_and_print?",
        ],
        "blocking-inside-async" => &[
            "Each download calls a blocking sleep inside its coroutine. How many seconds for all five?",
            "Which change brings the five downloads to 3 seconds?",
        ],
        "never-awaited" => &[
            "main calls count() three times and awaits nothing. How many seconds?",
            "Which change makes count() print One One One Two Two Two?",
        ],
        "more-cooks" => &[
            "One cook, blocking: how many minutes of chopping and dicing?",
            "Which of these finishes in 10 minutes or less?",
        ],
        "four-jobs" => &[
            "Four jobs of 5 seconds' work, one after another: how many seconds?",
            "Which of these finishes in 12 seconds or less?",
        ],
        "tiny-tasks" => {
            &["Two hundred tasks of a quarter of a millisecond's work each. Which is done sooner?"]
        }
        "downloads-on-cooks" => &["Five downloads that only wait. Which finishes in 3 seconds?"],
        "threads-for-downloads" => &[
            "On five threads with the GIL, how many seconds until the five downloads are done?",
            "And free-threaded, the same five threads without the GIL: how many seconds?",
        ],
        "threads-for-chopping" => &[
            "On two threads with the GIL, how many minutes until both jobs are done?",
            "Which of these get both jobs done within 10 minutes?",
        ],
        "four-ways" => &["Which of these get the five downloads done within 3.5 seconds?"],
        _ => &[],
    }
}

fn order(mode: Mode) -> Question {
    Question::Order { mode }
}

fn total(mode: Mode) -> Question {
    Question::Total {
        mode,
        tolerance: Tolerance::USUAL,
    }
}

/// How long a run on the page's threads takes, allowing for what they cost
/// ([`Tolerance::ON_THREADS`]).
fn on_threads(mode: Mode) -> Question {
    Question::Total {
        mode,
        tolerance: Tolerance::ON_THREADS,
    }
}

/// Which state task instance `task`'s future is in when instance `when` returns, in `mode`: its
/// choices are the variants of its state machine, as the async/await Rust writes it.
fn state_at(recipe: &Recipe, mode: Mode, task: usize, when: usize) -> Question {
    let view = crate::code::code(recipe, mode, crate::code::Language::Rust);
    let of = recipe.instance(task).map_or(0, |i| i.task);
    Question::StateAt {
        mode,
        task,
        when,
        choices: crate::replay::machine::variants(&view, recipe, of),
    }
}

fn change(goal: Goal, choices: Vec<Choice>) -> Question {
    Question::Change { goal, choices }
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
