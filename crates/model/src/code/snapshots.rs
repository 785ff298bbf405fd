//! Snapshot tests: every lesson in every mode and language, and small recipes that reach every
//! corner of the writers. Each snapshot shows the code with a gutter naming the step on each line
//! (`t0.1` is task 0, step 1; `h1.0` is helper 1, step 0), so a reviewer checks the text and the
//! step lines at once.

use super::{CodeView, Language, code, code_in_way};
use crate::lesson;
use crate::mode::Mode;
use crate::recipe::{Action, Recipe, Routine, Step, Task, Unit};
use crate::way::Way;

/// The view's text with each line's step, if any, in a gutter.
fn annotated(view: &CodeView) -> String {
    view.text
        .lines()
        .enumerate()
        .map(|(n, line)| {
            let step = view
                .step_lines
                .iter()
                .find(|&&(_, l)| l == n)
                .map(|(id, _)| {
                    let (kind, i) = match id.routine {
                        Routine::Task(i) => ('t', i),
                        Routine::Helper(i) => ('h', i),
                    };
                    format!("{kind}{i}.{}", id.index)
                });
            format!("{:>5} | {line}", step.unwrap_or_default())
                .trim_end()
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Asserts one snapshot per mode and language for `recipe`, named `{name}__{mode}__{language}`.
fn snapshot_all_modes(name: &str, recipe: &Recipe) {
    // The threads mode is not on the page's list yet; its views are written all the same.
    for mode in Mode::ALL
        .into_iter()
        .chain([Mode::Threads, Mode::FreeThreaded])
    {
        for language in Language::ALL {
            let view = match mode {
                Mode::Threads | Mode::FreeThreaded => super::threads_code(
                    recipe,
                    language,
                    crate::gil::Gil::default_threads(recipe),
                    mode == Mode::FreeThreaded,
                ),
                _ => code(recipe, mode, language),
            };
            let snapshot = format!("{name}__{}__{}", mode.id(), language.id()).replace('-', "_");
            insta::with_settings!({
                prepend_module_to_snapshot => false,
                omit_expression => true,
                description => format!("{} in {} mode, {}", recipe.title, mode.label(), language.label()),
            }, {
                insta::assert_snapshot!(snapshot, annotated(&view));
            });
        }
    }
}

/// Asserts one snapshot of the Rust program in each way other than async/await, in every mode the
/// way applies to, named `{name}__{mode}__rust_{way}`; each view has one line per step.
fn snapshot_rust_ways(name: &str, recipe: &Recipe) {
    for way in [Way::Callbacks, Way::StateMachine] {
        for mode in Mode::ALL.into_iter().filter(|&m| way.applies_to(m)) {
            let view = code_in_way(recipe, mode, Language::Rust, way);
            let snapshot = format!("{name}__{}__rust_{}", mode.id(), way.id()).replace('-', "_");
            view.assert_one_line_per_step(recipe, &snapshot);
            insta::with_settings!({
                prepend_module_to_snapshot => false,
                omit_expression => true,
                description => format!(
                    "{} in {} mode, Rust written as {}",
                    recipe.title,
                    mode.label(),
                    match way {
                        Way::Callbacks => "callbacks",
                        _ => "state machines",
                    },
                ),
            }, {
                insta::assert_snapshot!(snapshot, annotated(&view));
            });
        }
    }
}

#[test]
fn every_lesson_in_every_mode_and_language() {
    for lesson in lesson::all() {
        snapshot_all_modes(lesson.id, &lesson.recipe);
    }
}

#[test]
fn every_lesson_in_the_rust_ways() {
    for lesson in lesson::all() {
        snapshot_rust_ways(lesson.id, &lesson.recipe);
    }
}

/// Every action, labels with quotes, `#`, braces and backslashes, forgotten awaits, copies mixed with
/// single tasks, and a helper calling another helper.
fn kitchen_sink() -> Recipe {
    let mut download = Task::new(
        "download",
        vec![
            Step::new(Action::Print("start".into())),
            Step::labelled(Action::Wait(3), "the server is slow"),
        ],
    );
    download.copies = 3;
    Recipe {
        title: "Kitchen sink".into(),
        story: String::new(),
        unit: Unit::S,
        scale_ms: 2.5,
        tasks: vec![
            Task::new(
                "brew",
                vec![
                    Step::labelled(Action::Work(2), "grind # beans"),
                    Step::labelled(Action::Call("tea".into()), r#"make "tea""#),
                    Step::labelled(Action::Wait(1), r"cool \ down").without_await(),
                    Step::new(Action::Call("boil".into())).without_await(),
                    Step::new(Action::Yield).without_await(),
                    Step::new(Action::Print(r#"said "hi" \ {x}"#.into())),
                ],
            ),
            download,
        ],
        helpers: vec![
            Task::new(
                "boil",
                vec![
                    Step::labelled(Action::Wait(3), r#"water "boils""#),
                    Step::new(Action::Print("it's boiling".into())),
                ],
            ),
            Task::new(
                "tea",
                vec![
                    Step::new(Action::Call("boil".into())),
                    Step::labelled(Action::Yield, "let others run"),
                    Step::new(Action::Print(r#"it's "done""#.into())),
                ],
            ),
        ],
        exercises: Vec::new(),
    }
}

/// One task with copies, like the five downloads of `test_async.py`.
fn copies_only() -> Recipe {
    let mut download = Task::new(
        "download",
        vec![
            Step::new(Action::Print("downloading".into())),
            Step::new(Action::Wait(3)),
        ],
    );
    download.copies = 5;
    Recipe {
        title: "Copies only".into(),
        story: String::new(),
        unit: Unit::Ms,
        scale_ms: 1.0,
        tasks: vec![download],
        helpers: Vec::new(),
        exercises: Vec::new(),
    }
}

/// Names that are keywords or that the code uses, an empty task, enough tasks that `main` breaks its
/// list over several lines, and text with line breaks and a right-to-left override.
fn awkward_names() -> Recipe {
    Recipe {
        title: "Awkward names".into(),
        story: String::new(),
        unit: Unit::Min,
        scale_ms: 20.0,
        tasks: vec![
            Task::new("loop", Vec::new()),
            Task::new(
                "print",
                vec![
                    Step::labelled(
                        Action::Print("tab\there\nnew line \u{202e}".into()),
                        "two\nlines",
                    ),
                    Step::new(Action::Yield),
                ],
            ),
            Task::new("main", vec![Step::new(Action::Work(1))]),
            Task::new("a_rather_long_task_name", vec![Step::new(Action::Wait(2))]),
        ],
        helpers: Vec::new(),
        exercises: Vec::new(),
    }
}

#[test]
fn small_recipes_in_every_mode_and_language() {
    snapshot_all_modes("kitchen_sink", &kitchen_sink());
    snapshot_all_modes("copies_only", &copies_only());
    snapshot_all_modes("awkward_names", &awkward_names());
}

#[test]
fn small_recipes_in_the_rust_ways() {
    snapshot_rust_ways("kitchen_sink", &kitchen_sink());
    snapshot_rust_ways("copies_only", &copies_only());
    snapshot_rust_ways("awkward_names", &awkward_names());
}

/// The file *Copy* and *Download .py* give, exactly, for a few recipes and modes: the cake in the
/// gather mode (the tutorial's program), on cooks (the timing inside the `__main__` guard), and the
/// kitchen sink blocking (scaled `time.sleep`, `time.sleep(0)`, helpers and copies) and never awaited.
/// They are real files beside these snapshots: `python3 src/model/code/snapshots/cake_gather.py`
/// runs one. `UPDATE_EXPECT=1 cargo test` rewrites them.
#[test]
fn the_python_file_for_a_few_recipes() {
    use super::python_file;
    let cake = &lesson::cake_and_groceries().recipe;
    expect_test::expect_file!["snapshots/cake_gather.py"].assert_eq(&python_file(
        cake,
        Mode::Gather,
        2,
    ));
    expect_test::expect_file!["snapshots/cake_processes.py"].assert_eq(&python_file(
        cake,
        Mode::Processes,
        2,
    ));
    let sink = kitchen_sink();
    expect_test::expect_file!["snapshots/kitchen_sink_blocking.py"].assert_eq(&python_file(
        &sink,
        Mode::Blocking,
        2,
    ));
    expect_test::expect_file!["snapshots/kitchen_sink_never_awaited.py"].assert_eq(&python_file(
        &sink,
        Mode::NeverAwaited,
        2,
    ));
}
