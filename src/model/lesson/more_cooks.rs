//! The "more cooks" lessons: tasks handed to a pool of Web Workers, each its own thread and event
//! loop. Work can be shared out, up to the cores the machine has; waiting gains nothing, because one
//! thread already waits for everything at once; and every cook costs a start and two messages a task.
//!
//! Every lesson here opens in the processes mode with the cooks it names, and its concurrent total is
//! the processes mode's on that many perfect cooks (started, and free to talk to). The stories keep
//! to the tutorials' arithmetic: what real cooks cost is for the run to show.

use super::cpu_io::KITCHEN_MS_PER_MIN;
use super::create_task::download_task;
use super::{Concept, Expected, Lesson, Task, Unit, copies, recipe, work};
use crate::model::Mode;

/// Chop salad and dice onions again, each on a cook of its own: the two jobs of work overlap.
pub fn more_cooks() -> Lesson {
    Lesson {
        id: "more-cooks",
        concept: Concept::MoreCooks,
        try_this: "Run More cooks with 2 cooks (about 8 min), then with 1 cook (about 14 min, as long as \
                   Blocking): one cook is one thread again. Then run Gather, which needs 14 min and \
                   freezes the page, because every job is on the page's own thread. Measured on a \
                   two-core machine in Chromium, cooks already started: 14.3 min on 1 cook, 8.6 to \
                   8.8 on 2 (the 8 of the salad, and two threads that share one machine are each a \
                   little slower than one alone), 8.6 to 9.1 on 4; Blocking 14.0.",
        expected: Expected {
            blocking: Some(14.0),
            concurrent: Some(8.0),
        },
        default_mode: Mode::Processes,
        cooks: Some(2),
        expected_prints: &[],
        recipe: recipe(
            "More cooks: chop and dice",
            "These are the two jobs of the chop-and-dice lesson, 8 minutes of chopping salad and 6 of \
             dicing onions, with nothing to wait for, so one cook needs 14 minutes whatever the mode. \
             Here each job goes to a cook of its own: a Web Worker with its own thread and its own \
             event loop, as a process is in Python's ProcessPoolExecutor. Two cooks chop and dice at \
             the same time, so the kitchen is done when the longer job is, after about 8 minutes, and \
             the page's own thread stays free to draw all along. Starting a cook and handing it a job \
             take some real time too, which the cooks' lanes show.",
            Unit::Min,
            KITCHEN_MS_PER_MIN,
            vec![
                Task::new("chop_salad", vec![work(8, "chop the salad")]),
                Task::new("dice_onions", vec![work(6, "dice the onions")]),
            ],
            Vec::new(),
        ),
    }
}

/// Four copies of the same job: more cooks help up to the number of cores, and no further.
pub fn four_jobs() -> Lesson {
    Lesson {
        id: "four-jobs",
        concept: Concept::MoreCooks,
        try_this: "Run More cooks with 1, 2 and then 4 cooks: about 20, 10 and 5 s on a machine with four \
                   cores or more. The page says how many cores your browser reports; with two, four \
                   cooks still need about 10 s, because only two of them can work at any moment. \
                   Measured on a two-core machine in Chromium, cooks already started: 20.4 s on 1 cook, \
                   11.5 to 12.0 on 2, 11.2 to 11.3 on 4; Blocking 20.0.",
        expected: Expected {
            blocking: Some(20.0),
            concurrent: Some(10.0),
        },
        default_mode: Mode::Processes,
        cooks: Some(2),
        expected_prints: &[],
        recipe: recipe(
            "Four equal jobs",
            "Four jobs each keep a cook busy for 5 seconds, so one cook needs 20 seconds. Two cooks \
             take two jobs each and are done after about 10. Four cooks could finish in about 5, but \
             only on a machine with four cores to run them on: a cook is a thread, and threads beyond \
             the cores take turns on them. On a two-core machine four cooks still need about 10 \
             seconds, so the number of cores is part of the answer.",
            Unit::S,
            100.0,
            vec![copies(
                Task::new("job", vec![work(5, "crunch the numbers")]),
                4,
            )],
            Vec::new(),
        ),
    }
}

/// Two hundred tasks of a quarter of a real millisecond each: handing them out costs more than
/// doing them.
pub fn tiny_tasks() -> Lesson {
    Lesson {
        id: "tiny-tasks",
        concept: Concept::MoreCooks,
        try_this: "Run Blocking (50 ms of real time), then More cooks with 2 cooks: the first run takes \
                   twice as long or more, most of it spent starting cooks, and every later one longer \
                   than Blocking still, spent passing messages. Measured on a two-core machine in \
                   Chromium: Blocking 61 ms of real time; 2 cooks 121 ms as they start, then 76 to 88; \
                   1 cook 89 to 96. Then raise each task's work to 40 (10 ms of real time) and run both \
                   again: now the work is worth handing out, and two cooks finish in little more than \
                   half the 2 s that Blocking needs.",
        expected: Expected {
            blocking: Some(200.0),
            // On perfect cooks the work would halve, which is the very thing real cooks do not do here.
            concurrent: None,
        },
        default_mode: Mode::Processes,
        cooks: Some(2),
        expected_prints: &[],
        recipe: recipe(
            "Cooks are costly: tiny tasks",
            "Two hundred tasks each work for 1 unit, and in this recipe a unit is a quarter of a real \
             millisecond, so all the work together takes 50 ms on the page's own thread. On cooks, \
             every task is a message to a cook and a message back, and a cook that has not started yet \
             first loads and compiles its own copy of the program, which takes far longer than all the \
             work put together. So here more cooks make the kitchen slower, not faster. A task is worth \
             handing out only when its work is large next to what the handing out costs.",
            Unit::Ms,
            0.25,
            vec![copies(
                Task::new("tiny", vec![work(1, "add up a few numbers")]),
                200,
            )],
            Vec::new(),
        ),
    }
}

/// The five downloads on two cooks: waiting is what one thread already shares out best.
pub fn downloads_on_cooks() -> Lesson {
    Lesson {
        id: "downloads-on-cooks",
        concept: Concept::MoreCooks,
        try_this: "Run Gather (3 s) and then More cooks with 2 cooks (about 9 s): the console shows the \
                   downloads starting in pairs, 3 s apart. Give the kitchen 5 cooks and it comes back to \
                   about 3 s, plus the time the cooks take to start, and still cannot beat Gather. \
                   Measured on a two-core machine in Chromium, cooks already started: 15.0 s on 1 cook, \
                   9.0 on 2, 6.0 on 4; Gather 3.0 and Blocking 15.0. Waiting needs no core, so here \
                   cooks beyond the cores still help.",
        expected: Expected {
            blocking: Some(15.0),
            concurrent: Some(9.0),
        },
        default_mode: Mode::Processes,
        cooks: Some(2),
        expected_prints: &[],
        recipe: recipe(
            "Cooks are costly: waiting",
            "These are the five downloads of the create_task lesson, each waiting 3 seconds for the \
             network, handed to two cooks. A cook runs one task at a time, so two cooks get through the \
             downloads in three rounds and need about 9 seconds, while Gather waits for all five at \
             once on the page's one thread and is done after 3. Waiting costs a thread nothing, so there \
             is nothing for more cooks to share out: five cooks bring the downloads back to about 3 \
             seconds, and only once all five have started. Cooks are for work; for waiting, one thread \
             and its event loop are enough.",
            Unit::S,
            200.0,
            vec![download_task()],
            Vec::new(),
        ),
    }
}
