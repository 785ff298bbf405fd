//! The steps reference beside the editor held to the parser: every form it shows reads as the step
//! it names, and every keyword the parser takes as a step is in it.

use expect_test::expect;

use crate::recipe::{Action, Routine, StepId};
use crate::text::parse;
use crate::text::reference::{ROUTINES, STEPS, is_step};

/// The step `form` reads as, in a recipe with a helper `fetch` to call.
fn step_of(form: &str) -> String {
    let text = format!("task t\n  {form}\n\nhelper fetch\n");
    let recipe = parse(&text).unwrap_or_else(|e| panic!("{form:?} did not parse: {e:?}"));
    let id = StepId {
        routine: Routine::Task(0),
        index: 0,
    };
    let step = recipe.step(id).expect("the step is there");
    let kind = match &step.action {
        Action::Work(n) => format!("work {n}"),
        Action::Wait(n) => format!("wait {n}"),
        Action::Print(text) => format!("print {text}"),
        Action::Call(name) => format!("call {name}"),
        Action::Yield => "yield".to_owned(),
    };
    let awaited = if step.missing_await {
        " (unawaited)"
    } else {
        ""
    };
    format!("{form} -> {kind}{awaited}")
}

#[test]
fn every_form_the_reference_shows_reads_as_its_step() {
    let read: Vec<String> = STEPS.iter().map(|e| step_of(e.form)).collect();
    expect![[r#"
        work 15 -> work 15
        wait 45 -> wait 45
        print "done" -> print done
        call fetch -> call fetch
        yield -> yield
        unawaited wait 3 -> wait 3 (unawaited)
    "#]]
    .assert_eq(&(read.join("\n") + "\n"));
    for entry in STEPS {
        assert!(entry.form.starts_with(entry.keyword), "{entry:?}");
        assert!(is_step(entry.keyword));
    }
}

#[test]
fn the_routines_forms_read_and_no_other_keyword_is_a_step() {
    for entry in ROUTINES {
        let text = format!("task t\n  yield\n\n{}\n  yield\n", entry.form);
        assert!(parse(&text).is_ok(), "{:?}: {:?}", entry.form, parse(&text));
        assert!(!is_step(entry.keyword));
    }
    for header in [
        "recipe", "unit", "scale", "story", "exercise", "Work", "sleep",
    ] {
        assert!(!is_step(header), "{header}");
    }
}
