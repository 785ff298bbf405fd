//! The "what async is" lessons: one person, chores with waiting in them, and the time saved by
//! filling the waits.

use super::{Concept, Expected, Lesson, Task, Unit, recipe, wait, work};
use crate::model::Mode;

/// One cook bakes a cake (15 minutes of dough, 45 in the oven) and shops for groceries (20 minutes).
pub fn cake_and_groceries() -> Lesson {
    Lesson {
        id: "cake",
        concept: Concept::WhatAsyncIs,
        try_this: "Run Blocking and watch the heartbeat lane stop: the page itself could not draw for the \
                   whole 80 minutes. Then run Gather and find the last 25 minutes, where the thread lane is \
                   idle and only the oven is working.",
        expected: Expected {
            blocking: Some(80.0),
            concurrent: Some(60.0),
        },
        default_mode: Mode::Gather,
        cooks: None,
        expected_prints: &[],
        recipe: recipe(
            "Cake and groceries",
            "You have to bake a cake and buy groceries. The dough keeps your hands busy for 15 minutes, \
             then the cake sits in the oven for 45 minutes while you could be doing anything else. Done \
             one after another, the afternoon takes 80 minutes. Put the cake in the oven and go shopping \
             while it bakes, and you are home before it is done: 60 minutes, with one cook. On the \
             timeline, the groceries lane starts the moment the cake goes into the oven.",
            Unit::Min,
            20.0,
            vec![
                Task::new(
                    "cake",
                    vec![work(15, "prepare the dough"), wait(45, "bake in the oven")],
                ),
                Task::new("groceries", vec![work(20, "buy groceries")]),
            ],
            Vec::new(),
        ),
    }
}

/// Four chores for one person: two of them are machines to wait for, two keep the hands busy.
pub fn chores() -> Lesson {
    Lesson {
        id: "chores",
        concept: Concept::WhatAsyncIs,
        try_this: "Run Gather and look at the laundry lane from 60 to 90 minutes: the wash is done, yet the \
                   lane is ready rather than running, because the thread is busy with the plants. Then run \
                   Sequential: 180 minutes, as slow as Blocking, but the heartbeat never stops.",
        expected: Expected {
            blocking: Some(180.0),
            concurrent: Some(90.0),
        },
        default_mode: Mode::Gather,
        cooks: None,
        expected_prints: &[],
        recipe: recipe(
            "Chores",
            "One person has four chores: a load of laundry that washes for an hour, dinner that takes an \
             hour of cooking, a dishwasher that runs for half an hour once dinner is over, and plants \
             that take half an hour to water. Standing by each machine until it stops, the evening \
             takes three hours. Start the washing machine, cook while it runs, then start the dishwasher \
             and water the plants while it runs, and everything is done in an hour and a half. Watch \
             the laundry lane: the machine finishes at 60 minutes, but the one worker goes straight \
             from dinner to the plants, so the laundry sits ready until 90.",
            Unit::Min,
            15.0,
            vec![
                Task::new("laundry", vec![wait(60, "washing machine runs")]),
                Task::new(
                    "evening",
                    vec![work(60, "make dinner"), wait(30, "dishwasher runs")],
                ),
                Task::new("plants", vec![work(30, "water the plants")]),
            ],
            Vec::new(),
        ),
    }
}
