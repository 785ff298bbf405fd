//! The chained-awaits lesson: a coroutine that awaits helpers in turn, each needing the one before.

use super::{Concept, Expected, Lesson, Task, Unit, call, print, recipe, wait};
use crate::model::Mode;

/// The fruit shop: `fruit()` awaits `wait_for_water()`, then `wait_for_melon()`, and reports
/// "water melon".
pub fn fruit_shop() -> Lesson {
    Lesson {
        id: "fruit-shop",
        concept: Concept::ChainedAwaits,
        try_this: "Run Blocking, Sequential and Gather in turn: the console shows the same six lines in \
                   the same order every time, and every total is 2 s. Awaiting a helper means waiting \
                   for its answer; nothing else is waiting to use the gap.",
        expected: Expected {
            blocking: Some(2.0),
            concurrent: Some(2.0),
        },
        default_mode: Mode::Gather,
        cooks: None,
        expected_prints: &[
            "inside fruit shop",
            "waiting for water",
            "fetch water",
            "waiting for melon",
            "fetch melon",
            "fruit name : water melon",
        ],
        recipe: recipe(
            "Fruit shop: water melon",
            "fruit() walks into the fruit shop, asks for water and awaits wait_for_water(), then asks \
             for a melon and awaits wait_for_melon(), which needs the water to make a water melon. \
             Each await pauses fruit() until its helper answers, so the steps run strictly in order. \
             With a single task there is nothing to overlap: blocking, sequential and gather print the \
             same six lines and take the same time. In the tutorial the helpers answer at once; here \
             each fetch takes a second so that the helpers show up on the timeline.",
            Unit::S,
            500.0,
            vec![Task::new(
                "fruit",
                vec![
                    print("inside fruit shop"),
                    print("waiting for water"),
                    call("wait_for_water"),
                    print("waiting for melon"),
                    call("wait_for_melon"),
                    print("fruit name : water melon"),
                ],
            )],
            vec![
                Task::new(
                    "wait_for_water",
                    vec![print("fetch water"), wait(1, "fetch the water")],
                ),
                Task::new(
                    "wait_for_melon",
                    vec![print("fetch melon"), wait(1, "fetch the melon")],
                ),
            ],
        ),
    }
}
