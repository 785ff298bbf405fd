//! Texts that parse, and the canonical text each prints as.

use super::{check, dedent};
use crate::mode::Mode;
use crate::recipe::{Action, Asked, Recipe, Step, Task, Unit};
use crate::text::{parse, print};

#[test]
fn good_texts_print_canonically() {
    let table: &[(&str, &str)] = &[
        // Defaults: every header is printed, so the defaults become visible.
        (
            "task a",
            r#"
            recipe "Untitled recipe"
            unit s
            scale 100

            task a
            "#,
        ),
        // The spec's example: comments, copies, unawaited, a helper defined between tasks, calls and yield.
        (
            r#"
# Comments start with `#` outside quotes and run to the end of the line.
recipe "Cake and groceries"
unit min
scale 20                 # real milliseconds per unit; decimals allowed, e.g. 2.5
story "You have to bake a cake and buy groceries."
story "Every story line is one line of the story."

task cake
  work 15 "prepare the dough"
  wait 45 "bake in the oven"

task groceries
  work 20 "buy groceries"

task download x5         # five copies of this task
  print "starting a download"
  unawaited wait 3       # the await is missing: in async modes nothing waits

helper wait_for_water
  print "fetch water"

task fruit
  call wait_for_water
  yield
"#,
            r#"
            recipe "Cake and groceries"
            unit min
            scale 20
            story "You have to bake a cake and buy groceries."
            story "Every story line is one line of the story."

            task cake
              work 15 "prepare the dough"
              wait 45 "bake in the oven"

            task groceries
              work 20 "buy groceries"

            task download x5
              print "starting a download"
              unawaited wait 3

            task fruit
              call wait_for_water
              yield

            helper wait_for_water
              print "fetch water"
            "#,
        ),
        // The default scale follows the unit.
        (
            "unit min\ntask a\n",
            "recipe \"Untitled recipe\"\nunit min\nscale 20\n\ntask a\n",
        ),
        (
            "unit ms\ntask a\n",
            "recipe \"Untitled recipe\"\nunit ms\nscale 1\n\ntask a\n",
        ),
        // Decimal scales print in Rust's shortest round-trip form; leading zeros go.
        (
            "scale 2.50\ntask a",
            "recipe \"Untitled recipe\"\nunit s\nscale 2.5\n\ntask a\n",
        ),
        (
            "scale 0.001\ntask a",
            "recipe \"Untitled recipe\"\nunit s\nscale 0.001\n\ntask a\n",
        ),
        (
            "scale 60000\ntask a",
            "recipe \"Untitled recipe\"\nunit s\nscale 60000\n\ntask a\n",
        ),
        // Escapes, `#` inside quotes, non-ASCII text, empty strings and labels on every kind of step.
        (
            r#"recipe "say \"hi\" \\ # not a comment — ünïcødé 🍰"
               task t   x1
               print "" ""
               work 007 "lead\"ing"
               unawaited yield "gave up"
               unawaited call h "c"
               helper h
               wait 0"#,
            r#"
            recipe "say \"hi\" \\ # not a comment — ünïcødé 🍰"
            unit s
            scale 100

            task t
              print "" ""
              work 7 "lead\"ing"
              unawaited yield "gave up"
              unawaited call h "c"

            helper h
              wait 0
            "#,
        ),
        // Windows line ends, a byte-order mark, tabs and other whitespace between words, no spaces
        // before a string or a comment.
        (
            "\u{feff}recipe\t\"r\"\r\ntask\u{a0}a#comment\r\n\twork\t1\"x\"\r\n",
            "recipe \"r\"\nunit s\nscale 100\n\ntask a\n  work 1 \"x\"\n",
        ),
        // An empty story line keeps its place; story lines join with line breaks.
        (
            "story \"a\"\nstory \"\"\nstory \"b\"\ntask a",
            "recipe \"Untitled recipe\"\nunit s\nscale 100\nstory \"a\"\nstory \"\"\nstory \"b\"\n\ntask a\n",
        ),
        // Keywords may be names.
        (
            "task task\n call yield\nhelper yield",
            "recipe \"Untitled recipe\"\nunit s\nscale 100\n\ntask task\n  call yield\n\nhelper yield\n",
        ),
        (
            "task exercise\n call order\nhelper order",
            "recipe \"Untitled recipe\"\nunit s\nscale 100\n\ntask exercise\n  call order\n\nhelper order\n",
        ),
        // Exercises of every form, among the other headers: they print after the story, in the order
        // written (a repeated one kept), a target's leading zeros gone.
        (
            r#"
exercise order gather          # in what order will the lines print?
recipe "R"
exercise   total  blocking-in-async
story "s"
exercise target 090
exercise target 1000000 never-awaited
unit min
exercise order gather
task a
  print "hi"
"#,
            r#"
            recipe "R"
            unit min
            scale 20
            story "s"
            exercise order gather
            exercise total blocking-in-async
            exercise target 90
            exercise target 1000000 never-awaited
            exercise order gather

            task a
              print "hi"
            "#,
        ),
        // Every mode's id reads as that mode.
        (
            "exercise order blocking\nexercise order sequential\nexercise total gather\nexercise total spawn\n\
             exercise target 1 blocking-in-async\nexercise target 2 never-awaited\nexercise target 3 processes\ntask a",
            "recipe \"Untitled recipe\"\nunit s\nscale 100\n\
             exercise order blocking\nexercise order sequential\nexercise total gather\nexercise total spawn\n\
             exercise target 1 blocking-in-async\nexercise target 2 never-awaited\nexercise target 3 processes\n\ntask a\n",
        ),
    ];
    for (input, expect) in table {
        check(input, expect);
    }
}

#[test]
fn steps_parse_into_the_recipe_model() {
    let text = dedent(
        r#"
        recipe "R"
        unit min
        scale 2.5
        story "one"
        story "two"

        task download x5
          unawaited wait 3 "late"
          print "hi"
        task fruit
          call water
          yield
        helper water
          work 1
        "#,
    );
    let mut download = Task::new(
        "download",
        vec![
            Step::labelled(Action::Wait(3), "late").without_await(),
            Step::new(Action::Print("hi".into())),
        ],
    );
    download.copies = 5;
    let expected = Recipe {
        title: "R".into(),
        story: "one\ntwo".into(),
        unit: Unit::Min,
        scale_ms: 2.5,
        tasks: vec![
            download,
            Task::new(
                "fruit",
                vec![
                    Step::new(Action::Call("water".into())),
                    Step::new(Action::Yield),
                ],
            ),
        ],
        helpers: vec![Task::new("water", vec![Step::new(Action::Work(1))])],
        exercises: Vec::new(),
    };
    assert_eq!(parse(&text), Ok(expected));
}

#[test]
fn exercises_parse_into_the_recipe_model() {
    let text = dedent(
        r#"
        exercise order gather
        exercise total processes
        exercise target 60
        exercise target 45 spawn
        task a
        "#,
    );
    let recipe = parse(&text).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        recipe.exercises,
        [
            Asked::Order(Mode::Gather),
            Asked::Total(Mode::Processes),
            Asked::Target {
                units: 60,
                mode: None
            },
            Asked::Target {
                units: 45,
                mode: Some(Mode::Spawn)
            },
        ]
    );
    // A recipe without `exercise` lines asks nothing.
    assert_eq!(parse("task a").map(|r| r.exercises), Ok(Vec::new()));
}

#[test]
fn the_cake_lesson_round_trips() {
    let recipe = crate::lesson::cake_and_groceries().recipe;
    let text = print(&recipe);
    assert!(
        text.starts_with("recipe \"Cake and groceries\"\nunit min\nscale 20\nstory \"You have")
    );
    assert!(text.ends_with(
        "\ntask cake\n  work 15 \"prepare the dough\"\n  wait 45 \"bake in the oven\"\n\ntask groceries\n  work 20 \"buy groceries\"\n"
    ));
    assert_eq!(parse(&text), Ok(recipe));
}

/// The README's example is a recipe that parses, so that the documentation cannot drift from the format.
#[test]
fn the_readme_example_parses() {
    let readme = include_str!("../../../../../README.md");
    let section = &readme[readme
        .find("## Recipe format")
        .expect("a Recipe format section")..];
    let start = section.find("```text\n").expect("an example") + "```text\n".len();
    let example = &section[start..start + section[start..].find("```").expect("its end")];
    let recipe = parse(example).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(recipe.title, "Cake and groceries");
    assert_eq!(recipe.scale_ms, 20.0);
    let names: Vec<_> = recipe
        .tasks
        .iter()
        .map(|t| (t.name.as_str(), t.copies))
        .collect();
    assert_eq!(names, [("cake", 1), ("groceries", 1), ("reminder", 3)]);
    assert_eq!(recipe.helpers[0].name, "preheat");
    assert!(recipe.tasks[2].steps[1].missing_await);
    assert_eq!(recipe.exercises, [Asked::Total(Mode::Gather)]);
}
