//! Texts just inside and just outside each limit, and the largest texts, which must parse in linear time.

use super::check_errs;
use crate::text::limits::{
    MAX_CALL_DEPTH, MAX_COPIES, MAX_ERRORS, MAX_EXERCISES, MAX_NAME_CHARS, MAX_ROUTINES, MAX_STEPS,
    MAX_STORY_LINE_CHARS, MAX_STRING_CHARS, MAX_TEXT_BYTES, MAX_UNITS,
};
use crate::text::parse;

/// `count` tasks named `t0`, `t1`, … with `body` under each.
fn tasks(count: usize, body: &str) -> String {
    (0..count).map(|i| format!("task t{i}\n{body}")).collect()
}

/// A task calling a chain of `depth` helpers, each calling the next.
fn chain(depth: usize) -> String {
    let mut text = String::from("task t\n  call h1\n");
    for i in 1..=depth {
        text.push_str(&format!("helper h{i}\n"));
        if i < depth {
            text.push_str(&format!("  call h{}\n", i + 1));
        }
    }
    text
}

#[test]
fn everything_at_its_limit_parses() {
    let long = "é".repeat(MAX_STRING_CHARS);
    let inside = [
        format!("task t x{MAX_COPIES}"),
        format!("task a x{}\ntask b x{}", MAX_COPIES / 2, MAX_COPIES / 2),
        tasks(MAX_ROUTINES, ""),
        format!("task t\n{}", "  yield\n".repeat(MAX_STEPS)),
        format!("task t\n  work {MAX_UNITS}\n  wait 000000000000000000001"),
        format!("recipe \"{long}\"\ntask t\n  print \"{long}\" \"{long}\""),
        format!("story \"{}\"\ntask t", "s".repeat(MAX_STORY_LINE_CHARS)),
        format!("task {}", "n".repeat(MAX_NAME_CHARS)),
        chain(MAX_CALL_DEPTH),
        "scale 0.000001\ntask t".to_owned(),
        format!("{}task t", "exercise total gather\n".repeat(MAX_EXERCISES)),
        format!("exercise target {MAX_UNITS} spawn\nexercise target 1\ntask t"),
    ];
    for text in inside {
        if let Err(errors) = parse(&text) {
            panic!("{:.60}… did not parse: {}", text, errors[0]);
        }
    }
    // Exactly the largest text, padded with a comment.
    let mut text = String::from("task t\n#");
    text.push_str(&"#".repeat(MAX_TEXT_BYTES - text.len()));
    assert!(parse(&text).is_ok());
}

#[test]
fn each_limit_has_its_own_message() {
    let long = "a".repeat(MAX_STRING_CHARS + 1);
    let too_big = format!("task t\n#{}", "#".repeat(MAX_TEXT_BYTES));
    let too_many_routines = tasks(MAX_ROUTINES + 1, "");
    let too_many_steps = format!("task t\n{}", "  yield\n".repeat(MAX_STEPS + 2));
    let title = format!("recipe \"{long}\"\ntask t");
    let label = format!("task t\n  work 1 \"{long}\"");
    let print = format!("task t\n  print \"{long}\"");
    let story = format!("story \"{}\"\ntask t", "s".repeat(MAX_STORY_LINE_CHARS + 1));
    let name = format!("task {}", "n".repeat(MAX_NAME_CHARS + 1));
    let call = format!("task t\n  call {}", "n".repeat(MAX_NAME_CHARS + 1));
    let deep = chain(MAX_CALL_DEPTH + 1);
    // The ninth exercise is reported, and only it: the tenth would say the same again.
    let too_many_exercises = format!(
        "{}task t",
        "exercise order spawn\n".repeat(MAX_EXERCISES + 2)
    );
    let table: &[(&str, &str)] = &[
        (
            &too_big,
            "line 1, column 1: expected a recipe of at most 262144 bytes (256 KiB), found 262152 bytes",
        ),
        (
            &too_many_routines,
            "line 201, column 1: expected at most 200 `task` and `helper` definitions, found more",
        ),
        (
            "task t x100001",
            "line 1, column 8: expected at most 100000 copies of a task, found `x100001`",
        ),
        (
            "task t x99999999999999999999999999",
            "line 1, column 8: expected at most 100000 copies of a task, found `x99999999999999999999999999`",
        ),
        (
            "task a x60000\ntask b\ntask c x40000",
            "line 3, column 8: expected at most 100000 task instances in the whole recipe, found 100001 with this task's copies",
        ),
        (
            &too_many_steps,
            "line 1002, column 3: expected at most 1000 steps in one task or helper, found more in `t`",
        ),
        (
            "task t\n  wait 1000001\n  work 99999999999999999999999999999999999999",
            "line 2, column 8: expected at most 1000000 units in one step, found `1000001`\n\
             line 3, column 8: expected at most 1000000 units in one step, found `99999999999999999999999999999999…`",
        ),
        (
            &title,
            "line 1, column 8: expected a title of at most 500 characters, found one of 501",
        ),
        (
            &label,
            "line 2, column 10: expected a label of at most 500 characters, found one of 501",
        ),
        (
            &print,
            "line 2, column 9: expected a text to print of at most 500 characters, found one of 501",
        ),
        (
            &story,
            "line 1, column 7: expected a story line of at most 2000 characters, found one of 2001",
        ),
        (
            &name,
            "line 1, column 6: expected a name of at most 40 characters, found `nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn…` with 41",
        ),
        (
            &call,
            "line 2, column 8: expected a name of at most 40 characters, found `nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn…` with 41",
        ),
        (
            &too_many_exercises,
            "line 9, column 1: expected at most 8 `exercise` lines in one recipe, found more",
        ),
        (
            "exercise target 1000001\nexercise target 99999999999999999999999999999999999999 gather\ntask t",
            "line 1, column 17: expected at most 1000000 units after `exercise target`, found `1000001`\n\
             line 2, column 17: expected at most 1000000 units after `exercise target`, found `99999999999999999999999999999999…`",
        ),
        (
            &deep,
            "line 4, column 8: expected helpers nested at most 16 deep, found 17 deep: `h1` → `h2` → `h3` → `h4` → `h5` → … → `h14` → `h15` → `h16` → `h17`",
        ),
    ];
    check_errs(table);
}

#[test]
fn a_long_chain_is_reported_once_where_it_crosses_the_limit() {
    let errors = parse(&chain(MAX_ROUTINES - 1)).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    // h183 is the helper with exactly 17 below it and itself: 199 - 17 + 1.
    assert!(
        errors[0].message.contains("found 17 deep: `h183` →"),
        "{}",
        errors[0]
    );
}

#[test]
fn too_many_errors_stop_the_report() {
    let text = "bake\n".repeat(MAX_ERRORS * 3);
    let errors = parse(&text).unwrap_err();
    assert_eq!(errors.len(), MAX_ERRORS + 1);
    assert_eq!(errors[MAX_ERRORS - 1].line, MAX_ERRORS);
    assert_eq!(
        errors[MAX_ERRORS].to_string(),
        "line 100, column 1: expected at most 100 errors, found more: fix these and the rest will be shown"
    );
}

/// The largest texts of every shape parse or fail without lingering: a quadratic step would take
/// minutes here, not milliseconds, so these guard linearity without timing anything.
#[test]
fn the_largest_texts_are_read_in_one_pass() {
    let routine = format!("task t\n{}", "  wait 1 \"a\"\n".repeat(MAX_STEPS));
    let many_steps: String = routine.repeat(MAX_TEXT_BYTES / routine.len());
    let helpers: String = (0..MAX_ROUTINES)
        .map(|i| format!("helper h{i}\n{}", "  call h0\n".repeat(100)))
        .collect();
    let shapes = [
        many_steps,
        format!("task t\n{helpers}"),
        "x".repeat(MAX_TEXT_BYTES),
        "\"".repeat(MAX_TEXT_BYTES),
        "\n".repeat(MAX_TEXT_BYTES),
        format!(
            "task t\n  print \"{}\"",
            "\\\"".repeat(MAX_TEXT_BYTES / 2 - 20)
        ),
        " x".repeat(MAX_TEXT_BYTES / 2),
        "task t\n  call h\n".repeat(MAX_TEXT_BYTES / 16),
        format!("scale {}", "9".repeat(MAX_TEXT_BYTES - 6)),
    ];
    for text in shapes {
        assert!(text.len() <= MAX_TEXT_BYTES, "{}", text.len());
        let _ = parse(&text);
    }
}
