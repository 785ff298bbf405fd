//! Example tests of the state-machine view: its states, what each holds, which steps suspend, and
//! the enums' names.

use expect_test::expect;

use super::Types;
use crate::code::names::Names;
use crate::code::{CodeView, Language, code_in_way};
use crate::lesson;
use crate::mode::Mode;
use crate::recipe::test_recipe as recipe;
use crate::recipe::{Action, Recipe, Routine, Step, Task};
use crate::way::Way;

fn machine(r: &Recipe, mode: Mode) -> CodeView {
    let view = code_in_way(r, mode, Language::Rust, Way::StateMachine);
    view.assert_one_line_per_step(r, mode.id());
    view
}

/// The variants of `enum {ty}`, without their comments.
fn variants(view: &CodeView, ty: &str) -> Vec<String> {
    view.text
        .lines()
        .skip_while(|l| *l != format!("enum {ty} {{"))
        .skip(1)
        .take_while(|l| *l != "}")
        .filter(|l| !l.trim_start().starts_with("///"))
        .map(|l| l.trim().to_owned())
        .collect()
}

#[test]
fn the_cakes_machine_is_unresumed_one_suspend_and_returned() {
    let cake = lesson::cake_and_groceries().recipe;
    let view = machine(&cake, Mode::Gather);
    assert_eq!(
        variants(&view, "Cake"),
        ["Unresumed,", "Suspend0 { timer: Sleep },", "Returned,"]
    );
    // Groceries never waits: no state between its first poll and its end, and no loop.
    assert_eq!(variants(&view, "Groceries"), ["Unresumed,", "Returned,"]);
    assert!(view.text.contains(
        "    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {\n        match"
    ));
    assert!(
        view.text
            .contains("Cake::Returned => panic!(\"`async fn` resumed after completion\"),")
    );
}

#[test]
fn a_helper_call_holds_the_helpers_future() {
    let shop = lesson::fruit_shop().recipe;
    let view = machine(&shop, Mode::Sequential);
    let marked = view.marked();
    let start = marked.find("enum Fruit {").expect("Fruit's enum");
    let end = marked[start..].find("fn fruit()").expect("fruit's fn") + start;
    expect![[r#"
        enum Fruit {
            /// Made, not yet polled.
            Unresumed,
            /// Waiting at `wait_for_water().await`: holds wait_for_water's future.
            Suspend0 { helper: WaitForWater },
            /// Waiting at `wait_for_melon().await`: holds wait_for_melon's future.
            Suspend1 { helper: WaitForMelon },
            /// Finished: polling it again is a bug.
            Returned,
        }

        impl Future for Fruit {
            type Output = ();

            fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
                loop {
                    match &mut *self {
                        Fruit::Unresumed => {
                            println!("inside fruit shop");  ◂ task 0 #0
                            println!("waiting for water");  ◂ task 0 #1
                            *self = Fruit::Suspend0 { helper: wait_for_water() };  ◂ task 0 #2
                        }
                        Fruit::Suspend0 { helper } => {
                            if Pin::new(helper).poll(cx).is_pending() {
                                return Poll::Pending;
                            }
                            println!("waiting for melon");  ◂ task 0 #3
                            *self = Fruit::Suspend1 { helper: wait_for_melon() };  ◂ task 0 #4
                        }
                        Fruit::Suspend1 { helper } => {
                            if Pin::new(helper).poll(cx).is_pending() {
                                return Poll::Pending;
                            }
                            println!("fruit name : water melon");  ◂ task 0 #5
                            *self = Fruit::Returned;
                            return Poll::Ready(());
                        }
                        Fruit::Returned => panic!("`async fn` resumed after completion"),
                    }
                }
            }
        }

    "#]]
    .assert_eq(&marked[start..end]);
}

#[test]
fn only_awaited_timers_yields_and_calls_are_states() {
    let steps = vec![
        Step::new(Action::Work(1)),
        Step::new(Action::Print("hi".into())),
        Step::labelled(Action::Wait(0), "a turn"),
        Step::new(Action::Wait(4)).without_await(),
        Step::new(Action::Call("h".into())).without_await(),
        Step::new(Action::Yield),
        Step::new(Action::Wait(2)),
    ];
    let r = recipe(vec![Task::new("t", steps)], vec![Task::new("h", vec![])]);
    assert_eq!(
        variants(&machine(&r, Mode::Spawn), "T"),
        [
            "Unresumed,",
            "Suspend0 { yielding: YieldNow },",
            "Suspend1 { yielding: YieldNow },",
            "Suspend2 { timer: Sleep },",
            "Returned,",
        ]
    );
    let view = machine(&r, Mode::Spawn);
    for expected in [
        "    /// Waiting at `yield_now().await` (a turn): holds the yield, Pending once.",
        "                    drop(sleep(4)); // missing .await: the future is dropped unpolled, nothing waits",
        "                    drop(h()); // missing .await: the future is dropped unpolled, h never runs",
    ] {
        assert!(
            view.text.lines().any(|l| l == expected),
            "{expected:?} missing from\n{}",
            view.text
        );
    }
    // Waits that block are plain calls inside `poll`: only the yield is left to suspend.
    assert_eq!(
        variants(&machine(&r, Mode::BlockingInAsync), "T"),
        [
            "Unresumed,",
            "Suspend0 { yielding: YieldNow },",
            "Returned,"
        ]
    );
}

#[test]
fn the_enums_are_upper_camel_case_and_each_its_own() {
    let r = recipe(
        vec![
            Task::new("loop", vec![]),
            Task::new("loop_", vec![]),
            Task::new("Sleep", vec![]),
            Task::new("_1", vec![]),
            Task::new("Cake", vec![]),
            Task::new("wait_for__water", vec![]),
        ],
        vec![Task::new("cake", vec![])],
    );
    let names = Names::new(&r);
    let types = Types::new(&r, &names);
    let all: Vec<&str> = (0..6)
        .map(Routine::Task)
        .chain([Routine::Helper(0)])
        .map(|routine| types.routine(routine))
        .collect();
    assert_eq!(
        all,
        [
            "Loop",
            "Loop2",
            "Sleep2",
            "Task1",
            "Cake",
            "WaitForWater",
            "Cake2"
        ]
    );
}

#[test]
fn a_helper_named_like_a_field_keeps_its_name_and_the_field_gives_way() {
    let r = recipe(
        vec![Task::new(
            "t",
            vec![
                Step::new(Action::Call("timer".into())),
                Step::new(Action::Wait(1)),
            ],
        )],
        vec![Task::new("timer", vec![])],
    );
    let view = machine(&r, Mode::Sequential);
    for expected in [
        "                    *self = T::Suspend0 { helper: timer() };",
        "                T::Suspend0 { helper } => {",
        "                    *self = T::Suspend1 { timer_: sleep(1) };",
        "                T::Suspend1 { timer_ } => {",
    ] {
        assert!(
            view.text.lines().any(|l| l == expected),
            "{expected:?} missing from\n{}",
            view.text
        );
    }
}
