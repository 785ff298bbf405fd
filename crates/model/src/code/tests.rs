//! Example tests: the statements each mode writes, names, escaping, and line numbers.

use super::*;
use crate::recipe::{Action, Routine, Step, Task};

use crate::recipe::test_recipe as recipe;

fn task(name: &str, steps: Vec<Step>) -> Task {
    Task::new(name, steps)
}

fn line(view: &CodeView, routine: Routine, index: usize) -> &str {
    let n = view
        .line_of(StepId { routine, index })
        .expect("step has a line");
    view.text.lines().nth(n).expect("line in range")
}

#[test]
fn a_missing_await_drops_the_future_in_async_modes_only() {
    let r = recipe(
        vec![task(
            "main_task",
            vec![
                Step::new(Action::Wait(3)).without_await(),
                Step::new(Action::Call("h".into())).without_await(),
                Step::new(Action::Yield).without_await(),
            ],
        )],
        vec![task("h", vec![])],
    );
    let t = Routine::Task(0);
    let gather = code(&r, Mode::Gather, Language::Rust);
    assert_eq!(
        line(&gather, t, 0),
        "    sleep(3); // missing .await: the future is dropped unpolled, nothing waits"
    );
    assert!(line(&gather, t, 1).starts_with("    h(); // missing .await"));
    assert!(line(&gather, t, 2).starts_with("    yield_now(); // missing .await"));
    let python = code(&r, Mode::Sequential, Language::Python);
    assert_eq!(
        line(&python, t, 0),
        "    asyncio.sleep(3)  # missing await: the coroutine never runs, nothing waits"
    );
    // Plain functions have no await to forget: the steps run as written.
    let blocking = code(&r, Mode::Blocking, Language::Rust);
    assert_eq!(line(&blocking, t, 0), "    blocking_sleep(3);");
    assert_eq!(line(&blocking, t, 1), "    h();");
    // A blocking wait inside an async fn is a plain call too, but a call still needs its await.
    let pitfall = code(&r, Mode::BlockingInAsync, Language::Python);
    assert_eq!(line(&pitfall, t, 0), "    time.sleep(3)");
    assert!(line(&pitfall, t, 1).starts_with("    h()  # missing await"));
}

#[test]
fn each_mode_writes_its_own_wait() {
    let r = recipe(
        vec![task("cake", vec![Step::new(Action::Wait(45))])],
        vec![],
    );
    let t = Routine::Task(0);
    let expect = [
        (Mode::Blocking, "blocking_sleep(45);", "time.sleep(45)"),
        (
            Mode::Sequential,
            "sleep(45).await;",
            "await asyncio.sleep(45)",
        ),
        (Mode::Gather, "sleep(45).await;", "await asyncio.sleep(45)"),
        (Mode::Spawn, "sleep(45).await;", "await asyncio.sleep(45)"),
        (
            Mode::BlockingInAsync,
            "blocking_sleep(45);",
            "time.sleep(45)",
        ),
        (
            Mode::NeverAwaited,
            "sleep(45).await;",
            "await asyncio.sleep(45)",
        ),
        // The processes view runs in CPython as it is, so its waits are in real seconds.
        (
            Mode::Processes,
            "sleep(45).await;",
            "await asyncio.sleep(45 * SCALE)",
        ),
    ];
    for (mode, rust, python) in expect {
        assert_eq!(line(&code(&r, mode, Language::Rust), t, 0).trim(), rust);
        assert_eq!(line(&code(&r, mode, Language::Python), t, 0).trim(), python);
    }
}

#[test]
fn prints_escape_quotes_backslashes_and_braces() {
    let r = recipe(
        vec![task(
            "say",
            vec![
                Step::new(Action::Print(r#"a "b" \ {c}"#.into())),
                Step::new(Action::Print("it's \"x\"\n".into())),
            ],
        )],
        vec![],
    );
    let t = Routine::Task(0);
    let rust = code(&r, Mode::Blocking, Language::Rust);
    assert_eq!(line(&rust, t, 0).trim(), r#"println!("a \"b\" \\ {{c}}");"#);
    assert_eq!(line(&rust, t, 1).trim(), r#"println!("it's \"x\"\n");"#);
    let python = code(&r, Mode::Blocking, Language::Python);
    assert_eq!(line(&python, t, 0).trim(), r#"print('a "b" \\ {c}')"#);
    assert_eq!(line(&python, t, 1).trim(), r#"print("it's \"x\"\n")"#);
}

#[test]
fn labels_become_one_line_comments() {
    let r = recipe(
        vec![task(
            "t",
            vec![Step::labelled(
                Action::Work(1),
                " two\nlines # and \u{202e}more ",
            )],
        )],
        vec![],
    );
    let rust = code(&r, Mode::Gather, Language::Rust);
    assert_eq!(
        line(&rust, Routine::Task(0), 0),
        "    work(1); // two lines # and  more"
    );
    let python = code(&r, Mode::Gather, Language::Python);
    assert_eq!(
        line(&python, Routine::Task(0), 0),
        "    work(1)  # two lines # and  more"
    );
}

#[test]
fn names_that_clash_get_an_underscore_and_stay_distinct() {
    let r = recipe(
        vec![
            task("loop", vec![Step::new(Action::Call("def".into()))]),
            task("loop_", vec![]),
            task("main", vec![]),
        ],
        vec![task("def", vec![])],
    );
    let rust = code(&r, Mode::Sequential, Language::Rust);
    for expected in [
        "async fn def_() {}",
        "async fn loop__() {",
        "    def_().await;",
        "async fn loop_() {}",
        "async fn main_() {}",
        "    main_().await;",
    ] {
        assert!(
            rust.text.lines().any(|l| l == expected),
            "{expected:?} missing from\n{}",
            rust.text
        );
    }
}

#[test]
fn the_python_files_own_names_are_never_a_tasks() {
    // The file's footer assigns `start` and `elapsed` at the top level, after the functions.
    let r = recipe(
        vec![
            task("start", vec![Step::new(Action::Work(1))]),
            task("elapsed", vec![]),
        ],
        vec![],
    );
    let file = python_file(&r, Mode::Gather, DEFAULT_COOKS);
    for expected in [
        "async def start_():",
        "async def elapsed_():",
        "    await asyncio.gather(start_(), elapsed_())",
        "start = time.perf_counter()",
        "elapsed = time.perf_counter() - start",
    ] {
        assert!(
            file.lines().any(|l| l == expected),
            "{expected:?} missing from\n{file}"
        );
    }
}

#[test]
fn copies_loop_in_plain_main_and_gather_without_boxing() {
    let mut download = task("download", vec![Step::new(Action::Wait(3))]);
    download.copies = 5;
    let r = recipe(vec![download], vec![]);
    let blocking = code(&r, Mode::Blocking, Language::Python).text;
    assert!(
        blocking.ends_with("def main():\n    for _ in range(5):\n        download()\n\n\nmain()\n")
    );
    let gather = code(&r, Mode::Gather, Language::Rust).text;
    assert!(gather.contains("    join_all((0..5).map(|_| download())).await;\n"));
    assert!(gather.contains("use futures::future::join_all;\n"));
    let python = code(&r, Mode::Gather, Language::Python).text;
    assert!(python.contains("    await asyncio.gather(*(download() for _ in range(5)))\n"));
}

#[test]
fn an_unknown_helper_or_a_recipe_without_tasks_still_gives_a_view() {
    let r = recipe(
        vec![task(
            "t",
            vec![
                Step::new(Action::Call("no such".into())),
                Step::new(Action::Call("loop".into())),
            ],
        )],
        vec![],
    );
    // The threads modes' views are `threads_code`'s (`code` leaves them to it).
    let view = |r: &Recipe, mode: Mode, language: Language| {
        if mode.threaded() {
            threads_code(r, language, 2, mode == Mode::FreeThreaded)
        } else {
            code(r, mode, language)
        }
    };
    for mode in Mode::ALL {
        let view = view(&r, mode, Language::Rust);
        assert!(line(&view, Routine::Task(0), 0).contains("no_such()"));
        assert!(line(&view, Routine::Task(0), 1).contains("loop_()"));
    }
    let empty = recipe(vec![], vec![]);
    for mode in Mode::ALL {
        for language in Language::ALL {
            let view = view(&empty, mode, language);
            assert!(view.step_lines.is_empty());
            assert!(view.text.contains("main()"));
        }
    }
}

#[test]
fn line_of_is_none_for_a_step_that_is_not_there() {
    let r = recipe(vec![task("t", vec![Step::new(Action::Work(1))])], vec![]);
    let view = code(&r, Mode::Gather, Language::Python);
    let missing = StepId {
        routine: Routine::Helper(0),
        index: 0,
    };
    assert_eq!(view.line_of(missing), None);
}

#[test]
fn the_processes_views_show_the_pool_and_hand_every_copy_out() {
    let mut download = task("download", vec![Step::new(Action::Wait(3))]);
    download.copies = 3;
    let r = recipe(
        vec![task("brew", vec![Step::new(Action::Work(2))]), download],
        vec![],
    );
    let rust = code_on_cooks(&r, 4, Language::Rust);
    assert_eq!(line(&rust, Routine::Task(1), 0), "    sleep(3).await;");
    for expected in [
        "pub fn run_task(task: usize) {",
        "            0 => brew().await,",
        "            1..=3 => download().await,",
        "    const COOKS: usize = 4;",
        "    const TASKS: usize = 4;",
    ] {
        assert!(
            rust.text.lines().any(|l| l == expected),
            "{expected:?} missing from\n{}",
            rust.text
        );
    }
    let python = code_on_cooks(&r, 4, Language::Python);
    assert_eq!(
        line(&python, Routine::Task(1), 0),
        "    await asyncio.sleep(3 * SCALE)"
    );
    for expected in [
        "SCALE = 10 / 1000  # seconds of real time in 1 s",
        "def work(units):",
        "    tasks = [brew] + [download] * 3",
        "    with concurrent.futures.ProcessPoolExecutor(max_workers=4) as pool:",
        "if __name__ == \"__main__\":",
    ] {
        assert!(
            python.text.lines().any(|l| l == expected),
            "{expected:?} missing from\n{}",
            python.text
        );
    }
}

#[test]
fn the_processes_mode_has_two_cooks_unless_told_and_keeps_to_the_pools_limits() {
    let r = recipe(vec![task("t", vec![Step::new(Action::Work(1))])], vec![]);
    for language in Language::ALL {
        assert_eq!(
            code(&r, Mode::Processes, language),
            code_on_cooks(&r, DEFAULT_COOKS, language)
        );
        assert_eq!(
            code_on_cooks(&r, 0, language),
            code_on_cooks(&r, 1, language)
        );
        assert_eq!(
            code_on_cooks(&r, 1_000, language),
            code_on_cooks(&r, crate::cooks::MAX_COOKS, language)
        );
    }
    let python = code_on_cooks(&r, 3, Language::Python).text;
    assert!(python.contains("ProcessPoolExecutor(max_workers=3)"));
}

#[test]
fn only_a_processes_view_that_prints_buffers_its_output_by_line() {
    let quiet = recipe(vec![task("t", vec![Step::new(Action::Wait(1))])], vec![]);
    let text = code_on_cooks(&quiet, 2, Language::Python).text;
    assert!(!text.contains("import sys") && !text.contains("reconfigure"));
    assert!(!text.contains("import time") && !text.contains("def work"));
    let loud = recipe(
        vec![task("t", vec![Step::new(Action::Print("hi".into()))])],
        vec![],
    );
    let text = code_on_cooks(&loud, 2, Language::Python).text;
    assert!(text.contains("import sys\n"));
    assert!(
        text.contains("    sys.stdout.reconfigure(line_buffering=True, write_through=False)\n")
    );
    // Nothing is scaled, so there is no scale to state.
    assert!(!text.contains("SCALE"));
}
