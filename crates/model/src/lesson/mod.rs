//! Lessons: recipes with the story around them and the numbers the tutorials report.
//!
//! This module owns the lesson library: which lessons ship, the concept group each one belongs to and
//! the order the library lists them in. A lesson carries its text for people (story, what to try), the
//! mode it opens in, and the source tutorial's totals and print order, which the page shows beside a
//! run and the prediction is tested against. Each concept group's lessons live in their own file.
//! A lesson on cooks (the processes mode) also says how many cooks it opens with.

mod chained;
pub mod claims;
mod cpu_io;
mod create_task;
pub mod exercises;
mod gather;
mod more_cooks;
mod pitfalls;
mod scale;
mod threads;
mod what_async_is;

pub use chained::fruit_shop;
pub use cpu_io::{boil_and_chop, chop_and_dice};
pub use create_task::downloads;
pub use gather::{colours, count, sleep_and_print};
pub use more_cooks::{downloads_on_cooks, four_jobs, more_cooks, tiny_tasks};
pub use pitfalls::{blocking_inside_async, missing_await, never_awaited};
pub use scale::{TIMER_MS, TIMERS, ten_thousand_timers};
pub use threads::{four_ways, threads_for_chopping, threads_for_downloads};
pub use what_async_is::{cake_and_groceries, chores, three_ways};

use super::mode::Mode;
use super::recipe::{Recipe, Unit};
use super::text;
use super::way::Way;

/// The idea a lesson teaches; the library groups lessons by it.
///
/// The variants are declared in the order the library lists the groups, and `Ord` follows that order:
/// from what async is, through the ways of starting and chaining tasks, to what async cannot do, the
/// mistakes people make with it, and more cooks for the work one thread cannot share out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Concept {
    /// Waiting is time the one cook can spend on something else.
    WhatAsyncIs,
    /// Awaiting tasks one by one against joining them so that their waits overlap.
    GatherVsSequential,
    /// Handing tasks to the event loop so that they start at once (`create_task`, `spawn_local`).
    CreateTask,
    /// A task that awaits helpers in turn: each await waits for its answer.
    ChainedAwaits,
    /// Only waiting can overlap; work holds the one thread.
    CpuVsIo,
    /// One thread can look after a very large number of waiting tasks.
    Scale,
    /// Mistakes that quietly throw the concurrency away.
    Pitfalls,
    /// Several cooks, each its own thread: work can be shared out, waiting gains nothing, and every
    /// cook costs.
    MoreCooks,
    /// Threads taking turns on the GIL: waits overlap, work does not, unless free-threaded.
    Threads,
}

impl Concept {
    /// Every concept group, in the order the library lists them.
    pub const ALL: [Concept; 9] = [
        Concept::WhatAsyncIs,
        Concept::GatherVsSequential,
        Concept::CreateTask,
        Concept::ChainedAwaits,
        Concept::CpuVsIo,
        Concept::Scale,
        Concept::Pitfalls,
        Concept::MoreCooks,
        Concept::Threads,
    ];

    /// The group's heading in the library.
    pub fn label(self) -> &'static str {
        match self {
            Concept::WhatAsyncIs => "What async is",
            Concept::GatherVsSequential => "Gather vs sequential",
            Concept::CreateTask => "create_task",
            Concept::ChainedAwaits => "Chained awaits",
            Concept::CpuVsIo => "CPU-bound vs I/O-bound",
            Concept::Scale => "Scale",
            Concept::Pitfalls => "Pitfalls",
            Concept::MoreCooks => "More cooks",
            Concept::Threads => "Threads and the GIL",
        }
    }

    /// One sentence saying what the group's lessons show, for the library and the lesson's header.
    pub fn summary(self) -> &'static str {
        match self {
            Concept::WhatAsyncIs => {
                "One cook, one thread: the time spent waiting can go to another task."
            }
            Concept::GatherVsSequential => {
                "Awaiting tasks one by one adds their waits up; gathering them lets the waits overlap."
            }
            Concept::CreateTask => {
                "Handing a task to the event loop starts it now; awaiting it later only collects it."
            }
            Concept::ChainedAwaits => {
                "A task that awaits helpers in turn waits for each answer: a chain runs in order."
            }
            Concept::CpuVsIo => {
                "Only waiting can overlap: work holds the one thread whatever the mode."
            }
            Concept::Scale => {
                "A waiting task costs a timer, not a thread, so one thread can hold thousands."
            }
            Concept::Pitfalls => "Small slips that quietly throw the concurrency away.",
            Concept::MoreCooks => {
                "Parallel work on several threads: CPU-bound work can be shared out, waiting gains \
                 nothing, and every cook costs."
            }
            Concept::Threads => {
                "Threads take turns on Python's GIL: their waits overlap, their work does not, \
                 unless free-threaded."
            }
        }
    }
}

/// The totals a tutorial reports, in the recipe's unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Expected {
    /// Total when everything runs one after another and every wait blocks (the blocking mode).
    pub blocking: Option<f64>,
    /// Total when the tasks run concurrently: on one thread, gathered (the gather mode), or, for a
    /// lesson that opens in the processes mode, on its cooks when they cost nothing
    /// ([`Cooks::perfect`](crate::cooks::Cooks::perfect)), and for one that opens in the threads
    /// mode, on a thread per task with the GIL.
    pub concurrent: Option<f64>,
}

/// A recipe (which carries the story) with the idea it teaches, what to try and what to expect.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    /// The stable identifier used in share links.
    pub id: &'static str,
    /// The concept group the lesson belongs to.
    pub concept: Concept,
    /// Something concrete the learner can change or run, and what they will see.
    pub try_this: &'static str,
    /// The tutorial's numbers.
    pub expected: Expected,
    /// The mode the lesson opens with: usually gather, a pitfall's own mode for the pitfalls.
    pub default_mode: Mode,
    /// How many cooks the lesson opens with in the processes mode, if it says (else one per task,
    /// up to the cores the browser reports).
    pub cooks: Option<usize>,
    /// The way its tasks' code opens in: async/await, or an older way for the lesson about them.
    pub way: Way,
    /// The console lines of a gather run in the order the tutorial shows them, or empty when the
    /// order teaches nothing.
    pub expected_prints: &'static [&'static str],
    /// The scenario itself.
    pub recipe: Recipe,
}

/// The lessons retold from the Python `asyncio` tutorials: cake and groceries, chores,
/// `test_async.py`, `sleep_and_print` and its missing `await`, `count()`, red, blue, green, the fruit
/// shop, and `time.sleep` inside `async def`. Their readers know the Python, so the page shows it
/// first until the learner chooses a language.
pub const FROM_PYTHON_TUTORIALS: [&str; 9] = [
    "cake",
    "chores",
    "downloads",
    "sleep-and-print",
    "missing-await",
    "count",
    "colours",
    "fruit-shop",
    "blocking-inside-async",
];

impl Lesson {
    /// Whether the lesson is retold from a Python tutorial ([`FROM_PYTHON_TUTORIALS`]).
    pub fn from_python_tutorial(&self) -> bool {
        FROM_PYTHON_TUTORIALS.contains(&self.id)
    }

    /// The tutorial's total for a run of the lesson in `mode`, if it has one: the blocking total, or
    /// the concurrent one for the modes it is about (gather and spawn, which agree; the processes
    /// mode on the lesson's cooks for a lesson that opens on cooks).
    pub fn expected_total(&self, mode: Mode) -> Option<f64> {
        let on_cooks = self.default_mode.on_cooks();
        match mode {
            Mode::Blocking => self.expected.blocking,
            Mode::Gather | Mode::Spawn if !on_cooks => self.expected.concurrent,
            Mode::Processes | Mode::Threads if mode == self.default_mode => {
                self.expected.concurrent
            }
            _ => None,
        }
    }
}

/// A lesson as the library lists it: its id, its title, its concept group and how many exercises
/// it asks, without its recipe and its words.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Entry {
    /// The lesson's id ([`Lesson::id`]).
    pub id: &'static str,
    /// Its recipe's title.
    pub title: &'static str,
    /// The concept group it belongs to.
    pub concept: Concept,
    /// How many exercises it asks ([`exercises::of`]).
    pub exercises: usize,
}

const fn entry(id: &'static str, title: &'static str, concept: Concept, exercises: usize) -> Entry {
    Entry {
        id,
        title,
        concept,
        exercises,
    }
}

/// Every lesson, in the library's order, as the library lists it.
///
/// Why a table beside the lessons: what the page downloads before a learner touches anything is
/// held to a budget, and the lessons' recipes, stories and "try this" are 7 KB of it (gzip), of
/// which a first look shows one lesson's. The page's first module holds this table and the lesson
/// it opens with ([`cake_and_groceries`]); the rest of [`all`] comes with a chunk of its own, on the
/// first use of a lesson (the library's click, a link or saved work that names one). The tests
/// hold the table to [`all`].
pub const CATALOG: [Entry; 21] = [
    entry("cake", "Cake and groceries", Concept::WhatAsyncIs, 2),
    entry("chores", "Chores", Concept::WhatAsyncIs, 2),
    entry("three-ways", "Three ways to wait", Concept::WhatAsyncIs, 3),
    entry(
        "sleep-and-print",
        "sleep_and_print(3) and sleep_and_print(6)",
        Concept::GatherVsSequential,
        2,
    ),
    entry(
        "count",
        "count(): One … Two",
        Concept::GatherVsSequential,
        3,
    ),
    entry(
        "colours",
        "red, blue, green",
        Concept::GatherVsSequential,
        3,
    ),
    entry("downloads", "Five downloads", Concept::CreateTask, 2),
    entry(
        "fruit-shop",
        "Fruit shop: water melon",
        Concept::ChainedAwaits,
        2,
    ),
    entry(
        "boil-and-chop",
        "Boil water, chop salad",
        Concept::CpuVsIo,
        2,
    ),
    entry(
        "chop-and-dice",
        "Chop salad, dice onions",
        Concept::CpuVsIo,
        2,
    ),
    entry(
        "ten-thousand-timers",
        "One cook, ten thousand timers",
        Concept::Scale,
        1,
    ),
    entry("missing-await", "The missing await", Concept::Pitfalls, 2),
    entry(
        "blocking-inside-async",
        "Blocking inside async",
        Concept::Pitfalls,
        2,
    ),
    entry("never-awaited", "Never awaited", Concept::Pitfalls, 2),
    entry(
        "more-cooks",
        "More cooks: chop and dice",
        Concept::MoreCooks,
        2,
    ),
    entry("four-jobs", "Four equal jobs", Concept::MoreCooks, 2),
    entry(
        "tiny-tasks",
        "Cooks are costly: tiny tasks",
        Concept::MoreCooks,
        1,
    ),
    entry(
        "downloads-on-cooks",
        "Cooks are costly: waiting",
        Concept::MoreCooks,
        1,
    ),
    entry(
        "threads-for-downloads",
        "Threads for downloads",
        Concept::Threads,
        2,
    ),
    entry(
        "threads-for-chopping",
        "Threads for chopping",
        Concept::Threads,
        2,
    ),
    entry(
        "four-ways",
        "Four ways, two kinds of work",
        Concept::Threads,
        1,
    ),
];

/// The id of the lesson the page opens with, which its first module holds whole
/// ([`cake_and_groceries`]).
pub const FIRST: &str = "cake";

/// Whether `id` is a lesson's ([`CATALOG`]).
pub fn is_lesson(id: &str) -> bool {
    CATALOG.iter().any(|e| e.id == id)
}

/// Every lesson that ships, in the order the library lists them: grouped by concept, in
/// [`Concept::ALL`] order.
pub fn all() -> Vec<Lesson> {
    shipped().to_vec()
}

/// The lessons, read from their texts once per page (the page asks for them on load from storage,
/// from the link and for the library).
fn shipped() -> &'static [Lesson] {
    static LESSONS: std::sync::OnceLock<Vec<Lesson>> = std::sync::OnceLock::new();
    LESSONS.get_or_init(read)
}

fn read() -> Vec<Lesson> {
    vec![
        cake_and_groceries(),
        chores(),
        three_ways(),
        sleep_and_print(),
        count(),
        colours(),
        downloads(),
        fruit_shop(),
        boil_and_chop(),
        chop_and_dice(),
        ten_thousand_timers(),
        missing_await(),
        blocking_inside_async(),
        never_awaited(),
        more_cooks(),
        four_jobs(),
        tiny_tasks(),
        downloads_on_cooks(),
        threads_for_downloads(),
        threads_for_chopping(),
        four_ways(),
    ]
}

/// The lesson with this id, if it exists.
pub fn by_id(id: &str) -> Option<Lesson> {
    shipped().iter().find(|l| l.id == id).cloned()
}

/// A lesson's recipe from its text in `recipes/`, the format a teacher writes and a share link
/// carries. Text rather than Rust that builds the recipe: the texts are a fraction of the wasm the
/// building code took. Every lesson's text is parsed in the tests; should one ever fail to parse,
/// the page opens a recipe that says so rather than stopping.
fn from_text(text: &str) -> Recipe {
    text::parse(text).unwrap_or_else(|errors| Recipe {
        title: format!(
            "This lesson could not be read: {}",
            errors.first().map_or_else(String::new, ToString::to_string)
        ),
        story: String::new(),
        unit: Unit::S,
        scale_ms: 100.0,
        tasks: Vec::new(),
        helpers: Vec::new(),
        exercises: Vec::new(),
    })
}

#[cfg(test)]
mod tests;
