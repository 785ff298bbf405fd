//! Example tests of the callbacks view: how closures nest, what a forgotten `await` becomes, how
//! `main` starts the tasks in each mode, and which steps suspend.

use expect_test::{Expect, expect};

use super::super::super::shared::Body;
use super::Pause;
use crate::code::{Language, code_in_way};
use crate::lesson;
use crate::mode::Mode;
use crate::recipe::test_recipe as recipe;
use crate::recipe::{Action, Step, Task};
use crate::way::Way;

fn callbacks(r: &crate::recipe::Recipe, mode: Mode) -> crate::code::CodeView {
    code_in_way(r, mode, Language::Rust, Way::Callbacks)
}

/// The lines from the one that starts with `from` to the next line that is only `}`, marked with
/// their steps.
fn item(view: &crate::code::CodeView, from: &str) -> String {
    let marked = view.marked();
    let start = marked
        .lines()
        .position(|l| l.starts_with(from))
        .expect("the item is in the view");
    let mut out = String::new();
    for line in marked.lines().skip(start) {
        out.push_str(line);
        out.push('\n');
        if line == "}" {
            break;
        }
    }
    out
}

#[test]
fn the_fruit_shops_callbacks_nest_in_step_order() {
    let shop = lesson::fruit_shop().recipe;
    let view = callbacks(&shop, Mode::Sequential);
    view.assert_one_line_per_step(&shop, "fruit shop");
    expect![[r#"
        fn fruit(then: impl FnOnce() + 'static) {
            println!("inside fruit shop");  ◂ task 0 #0
            println!("waiting for water");  ◂ task 0 #1
            wait_for_water(move || {  ◂ task 0 #2
                println!("waiting for melon");  ◂ task 0 #3
                wait_for_melon(move || {  ◂ task 0 #4
                    println!("fruit name : water melon");  ◂ task 0 #5
                    then();
                });
            });
        }
    "#]]
    .assert_eq(&item(&view, "fn fruit("));
    expect![[r#"
        fn wait_for_water(then: impl FnOnce() + 'static) {
            println!("fetch water");  ◂ helper 0 #0
            Timeout::new(ms(1), move || { // fetch the water  ◂ helper 0 #1
                then();
            })
            .forget();
        }
    "#]]
    .assert_eq(&item(&view, "fn wait_for_water("));
}

#[test]
fn a_forgotten_await_schedules_nothing_and_a_blocking_wait_nests_nothing() {
    let r = recipe(
        vec![Task::new(
            "t",
            vec![
                Step::new(Action::Wait(3)).without_await(),
                Step::new(Action::Call("h".into())).without_await(),
                Step::new(Action::Yield).without_await(),
                Step::new(Action::Wait(0)),
                Step::new(Action::Wait(2)),
            ],
        )],
        vec![Task::new("h", vec![])],
    );
    let check = |mode: Mode, expect: Expect| {
        let view = callbacks(&r, mode);
        view.assert_one_line_per_step(&r, mode.id());
        expect.assert_eq(&item(&view, "fn t("));
    };
    check(
        Mode::Gather,
        expect![[r#"
            fn t(then: impl FnOnce() + 'static) {
                let _ = ms(3); // missing .await: no timer is set and nothing waits  ◂ task 0 #0
                let _ = || h(|| {}); // missing .await: a closure never called, so h never runs  ◂ task 0 #1
                let _ = || soon(|| {}); // missing .await: a closure never called, so nothing is given back  ◂ task 0 #2
                soon(move || {  ◂ task 0 #3
                    Timeout::new(ms(2), move || {  ◂ task 0 #4
                        then();
                    })
                    .forget();
                });
            }
        "#]],
    );
    // Blocking waits hold the thread, `wait 0` too, and have no await to forget.
    check(
        Mode::BlockingInAsync,
        expect![[r#"
            fn t(then: impl FnOnce() + 'static) {
                blocking_sleep(3);  ◂ task 0 #0
                let _ = || h(|| {}); // missing .await: a closure never called, so h never runs  ◂ task 0 #1
                let _ = || soon(|| {}); // missing .await: a closure never called, so nothing is given back  ◂ task 0 #2
                blocking_sleep(0);  ◂ task 0 #3
                blocking_sleep(2);  ◂ task 0 #4
                then();
            }
        "#]],
    );
}

#[test]
fn main_starts_the_tasks_as_each_mode_does() {
    let mut download = Task::new("download", vec![Step::new(Action::Wait(3))]);
    download.copies = 3;
    let r = recipe(
        vec![
            download,
            Task::new("brew", vec![Step::new(Action::Work(2))]),
        ],
        vec![],
    );
    let main = |mode: Mode| {
        let view = callbacks(&r, mode);
        view.assert_one_line_per_step(&r, mode.id());
        let text = view.text;
        let start = text.find("// A loop").or(text.find("// The browser"));
        text[start.unwrap_or(0)..].to_owned()
    };
    expect![[r#"
        // A loop of callbacks: each download starts the next when it finishes; the last calls then.
        fn repeat_download(times: u32, then: impl FnOnce() + 'static) {
            if times == 0 {
                then();
            } else {
                download(move || repeat_download(times - 1, then));
            }
        }

        // The browser runs main when the page loads.
        #[wasm_bindgen(start)]
        fn main() {
            repeat_download(3, move || {
                brew(move || {});
            });
        }
    "#]]
    .assert_eq(&main(Mode::Sequential));
    expect![[r#"
        // The browser runs main when the page loads.
        #[wasm_bindgen(start)]
        fn main() {
            // join_all by hand: each task starts now, in order, and counts itself off as it finishes;
            // once left is 0 all have, and main has nothing more to do.
            let left = Rc::new(Cell::new(4));
            let done = move || left.set(left.get() - 1);
            for _ in 0..3 {
                download(done.clone());
            }
            brew(done);
        }
    "#]]
    .assert_eq(&main(Mode::Gather));
    expect![[r#"
        // The browser runs main when the page loads.
        #[wasm_bindgen(start)]
        fn main() {
            // spawn by hand: each task starts once main has returned, in order, and counts itself off
            // as it finishes; once left is 0 all have, and main has nothing more to await.
            let left = Rc::new(Cell::new(4));
            let done = move || left.set(left.get() - 1);
            for _ in 0..3 {
                let then = done.clone();
                soon(move || download(then));
            }
            soon(move || brew(done));
        }
    "#]]
    .assert_eq(&main(Mode::Spawn));
}

#[test]
fn the_codes_own_names_are_never_a_tasks() {
    let mut t = Task::new("then", vec![Step::new(Action::Call("soon".into()))]);
    t.copies = 2;
    let r = recipe(
        vec![t, Task::new("repeat_then_", vec![])],
        vec![Task::new("soon", vec![Step::new(Action::Yield)])],
    );
    let view = callbacks(&r, Mode::Sequential);
    for expected in [
        "fn then_(then: impl FnOnce() + 'static) {",
        "    soon_(move || {",
        "fn soon_(then: impl FnOnce() + 'static) {",
        "    soon(move || {",
        "fn repeat_then__(times: u32, then: impl FnOnce() + 'static) {",
        "        then_(move || repeat_then__(times - 1, then));",
        "    repeat_then__(2, move || {",
    ] {
        assert!(
            view.text.lines().any(|l| l == expected),
            "{expected:?} missing from\n{}",
            view.text
        );
    }
}

#[test]
fn only_timers_yields_and_calls_suspend_and_never_when_forgotten() {
    let cases = [
        (Action::Work(3), Body::Async, Pause::No),
        (Action::Print("hi".into()), Body::Async, Pause::No),
        (Action::Wait(3), Body::Async, Pause::Timer(3)),
        (Action::Wait(0), Body::Async, Pause::Yield),
        (Action::Yield, Body::Async, Pause::Yield),
        (Action::Call("h".into()), Body::Async, Pause::Call),
        (Action::Wait(3), Body::AsyncBlockingWaits, Pause::No),
        (Action::Wait(0), Body::AsyncBlockingWaits, Pause::No),
        (Action::Yield, Body::AsyncBlockingWaits, Pause::Yield),
        (
            Action::Call("h".into()),
            Body::AsyncBlockingWaits,
            Pause::Call,
        ),
        (Action::Wait(3), Body::Plain, Pause::No),
    ];
    for (action, body, pause) in cases {
        let step = Step::new(action.clone());
        assert_eq!(Pause::of(&step, body), pause, "{action:?} in {body:?}");
        if matches!(action, Action::Wait(_) | Action::Call(_) | Action::Yield) {
            assert_eq!(Pause::of(&step.without_await(), body), Pause::No);
        }
    }
}
