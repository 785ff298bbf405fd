//! What the timeline says in words about each thing it draws: the tooltip, the accessible name and
//! the detail line share these sentences.
//!
//! This module owns the wording and the matching of a drawn segment to its step occurrence's planned
//! and measured times. It is pure; it must not decide what is drawn or where.

use super::scale::{range, signed_millis};
use kitchen_model::format;
use kitchen_model::lateness::StepLateness;
use kitchen_model::{Recipe, Routine, Segment, State, StepId};

/// Finds a drawn segment's step occurrence among a run's lateness records.
///
/// Only the drawn lanes are indexed, so building it costs one pass over the records and looking up
/// costs no more than the lane's own steps.
pub struct StepLookup<'a> {
    /// By task instance index: `None` for tasks that are not drawn.
    by_task: Vec<Option<Vec<&'a StepLateness>>>,
}

impl<'a> StepLookup<'a> {
    /// Indexes the records of the given task instances.
    pub fn new(lateness: &'a [StepLateness], tasks: &[usize]) -> StepLookup<'a> {
        let mut by_task: Vec<Option<Vec<&'a StepLateness>>> =
            vec![None; tasks.iter().max().map_or(0, |&t| t + 1)];
        for &t in tasks {
            by_task[t] = Some(Vec::new());
        }
        for record in lateness {
            if let Some(Some(list)) = by_task.get_mut(record.planned.task) {
                list.push(record);
            }
        }
        StepLookup { by_task }
    }

    /// The occurrence of `step` in `task` that was in progress at `at`, on the measured run or, with
    /// `planned`, on the prediction. A helper called twice has two occurrences of each of its steps;
    /// time tells them apart.
    pub fn find(
        &self,
        task: usize,
        step: StepId,
        at: f64,
        planned: bool,
    ) -> Option<&'a StepLateness> {
        const EPS: f64 = 1e-6;
        self.by_task.get(task)?.as_ref()?.iter().copied().find(|r| {
            let timing = if planned {
                Some(&r.planned)
            } else {
                r.measured.as_ref()
            };
            r.planned.step == step
                && timing
                    .is_some_and(|t| t.start <= at + EPS && t.end.is_none_or(|end| at <= end + EPS))
        })
    }
}

/// What a segment of a task lane was: task, state, when, the step, and the step's planned and
/// measured times with its lateness. `tag` says which clock the segment is on when it is not the
/// measured one: `planned` for the strip under a lane, `predicted` for a prediction shown as a run.
pub fn segment(
    recipe: &Recipe,
    lane: &str,
    seg: &Segment,
    tag: Option<&str>,
    found: Option<&StepLateness>,
) -> String {
    let whose = match tag {
        Some(tag) => format!("{lane}, {tag}"),
        None => lane.to_owned(),
    };
    let mut text = format!(
        "{whose}: {} {}.",
        seg.state.word(),
        range(recipe, seg.start, Some(seg.end))
    );
    match seg.step.map(|id| step_words(recipe, id)) {
        Some(words) if !words.is_empty() => {
            text.push_str(" Step: ");
            text.push_str(&words);
            text.push('.');
        }
        // A task on its way to a cook has not begun its steps: "between steps" would mislead.
        _ if seg.state == State::Starting => text.push_str(
            " Sent to a cook: the message is on its way, and the task runs when it arrives.",
        ),
        _ => text.push_str(" Between steps."),
    }
    if let Some(record) = found {
        text.push(' ');
        text.push_str(&step_times(recipe, record));
    }
    text
}

/// A step in words, naming the helper it belongs to, such as `wait 1 s — fetch the water, in the
/// helper water`; empty if the recipe has no such step.
pub fn step_words(recipe: &Recipe, id: StepId) -> String {
    let Some(step) = recipe.step(id) else {
        return String::new();
    };
    let words = step.describe(recipe.unit);
    match id.routine {
        Routine::Helper(h) => match recipe.helpers.get(h) {
            Some(helper) => format!("{words}, in the helper {}", helper.name),
            None => words,
        },
        Routine::Task(_) => words,
    }
}

/// A step occurrence's planned and measured times and its lateness, in one sentence.
pub fn step_times(recipe: &Recipe, record: &StepLateness) -> String {
    let planned = range(recipe, record.planned.start, record.planned.end);
    match &record.measured {
        None => format!("Planned {planned}; not measured."),
        Some(m) => {
            let measured = range(recipe, m.start, m.end);
            format!(
                "Planned {planned}; measured {measured}; {}.",
                lateness(record)
            )
        }
    }
}

/// A step occurrence's lateness, such as `late: start +1 ms, end +2 ms`.
pub fn lateness(record: &StepLateness) -> String {
    let start = record.start_late().map_or("—".to_owned(), signed_millis);
    let end = record.end_late().map_or("—".to_owned(), signed_millis);
    format!("late: start {start}, end {end}")
}

/// Adds the number of neighbours a bar stands for, when slivers were drawn as one.
pub fn grouped(tip: String, others: usize) -> String {
    match others {
        0 => tip,
        1 => {
            format!("{tip} (Drawn together with 1 neighbouring segment too narrow to show apart.)")
        }
        n => format!(
            "{tip} (Drawn together with {n} neighbouring segments too narrow to show apart.)"
        ),
    }
}

/// Who held a thread over a stretch of its row.
pub fn thread(recipe: &Recipe, of: ThreadOf, holders: Holders<'_>, start: f64, end: f64) -> String {
    let when = range(recipe, start, Some(end));
    let (the, idle) = match of {
        ThreadOf::One => ("the thread".to_owned(), "nobody needs it"),
        ThreadOf::Page => ("the page's thread".to_owned(), "the cooks do the work"),
        ThreadOf::Cook(cook) => (format!("{}'s thread", cook_name(cook)), "no task for it"),
        ThreadOf::Thread(thread) => (thread_name(thread), "no task for it"),
        ThreadOf::Gil => ("the GIL".to_owned(), "no thread runs Python"),
    };
    match holders {
        Holders::Idle => format!("{} is idle, {when}: {idle}.", capitalise(&the)),
        Holders::One(name) => format!("{name} holds {the}, {when}."),
        Holders::Several(n) => format!("{n} tasks take turns holding {the}, {when}."),
    }
}

/// Whose thread a row draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThreadOf {
    /// The one thread of every mode but the processes mode.
    One,
    /// The page's own thread in the processes mode, which hands the tasks to cooks.
    Page,
    /// A cook's thread, by index from zero.
    Cook(usize),
    /// A thread of the threads mode, by index from zero.
    Thread(usize),
    /// The GIL of a threads run: who held it.
    Gil,
}

/// A thread's name as the chart writes it, in the threads mode: counted from one.
pub fn thread_name(thread: usize) -> String {
    format!("thread {}", thread + 1)
}

/// A cook's name as the chart writes it: counted from one, as a learner counts cooks.
pub fn cook_name(cook: usize) -> String {
    format!("cook {}", cook + 1)
}

/// A cook's start-up (or, as `of` says, a thread's): its worker loading its code before it can take
/// a task.
pub fn cook_starting(recipe: &Recipe, of: ThreadOf, cook: usize, start: f64, end: f64) -> String {
    let name = match of {
        ThreadOf::Thread(thread) => thread_name(thread),
        _ => cook_name(cook),
    };
    format!(
        "{name} starting: its Web Worker loads and compiles its code, {}, {}.",
        format::millis(end - start),
        range(recipe, start, Some(end))
    )
}

/// `text` with its first letter in upper case, to begin a sentence with a name such as `cook 1`.
///
/// ASCII only: the names it begins with are the page's own English words, and Unicode's case
/// tables would add about 14 KB to the wasm every learner downloads.
pub fn capitalise(text: &str) -> String {
    let mut text = text.to_owned();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

/// Who a bar of a thread's row stands for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Holders<'a> {
    /// Nobody: the thread was idle.
    Idle,
    /// One task, by name.
    One(&'a str),
    /// Several spans too narrow to draw apart.
    Several(usize),
}

/// A gap in the heartbeat.
pub fn freeze(recipe: &Recipe, start: f64, end: f64, gap: f64) -> String {
    format!(
        "No frame drawn for {}, {}: the page was frozen.",
        format::millis(gap),
        range(recipe, start, Some(end))
    )
}

/// A long task the browser reported.
pub fn long_task(recipe: &Recipe, start: f64, duration: f64) -> String {
    format!(
        "The browser reported a long task: the thread was busy for {}, {}.",
        format::millis(duration),
        range(recipe, start, Some(start + duration))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use kitchen_model::{Mode, Timeline, lateness, lesson, predict};

    #[test]
    fn a_segment_names_its_task_state_step_and_lateness() {
        let recipe = lesson::cake_and_groceries().recipe;
        let plan = predict::predict(&recipe, Mode::Gather);
        let mut late = plan.clone();
        late.events.iter_mut().for_each(|e| e.at += 2.0);
        let records = lateness::compare(&plan, &late);
        let timeline = Timeline::from_trace(&recipe, &late);
        let oven = timeline.lanes[0]
            .segments
            .iter()
            .find(|s| s.state == State::Waiting)
            .expect("the cake waits");
        let lookup = StepLookup::new(&records, &[0, 1]);
        let mid = (oven.start + oven.end) / 2.0;
        let found = lookup.find(0, oven.step.expect("a step"), mid, false);
        let tip = segment(&recipe, "cake", oven, None, found);
        assert!(tip.starts_with("cake: waiting 15.1–60.0 min"), "{tip}");
        assert!(
            tip.contains("Step: wait 45 min — bake in the oven."),
            "{tip}"
        );
        assert!(
            tip.contains("Planned 15.0–60.0 min (300–1\u{202f}200 ms); measured 15.1–60.1 min"),
            "{tip}"
        );
        assert!(tip.ends_with("late: start +2 ms, end +2 ms."), "{tip}");
        // The planned strip looks its step up on the prediction's clock.
        let planned = lookup.find(0, oven.step.expect("a step"), 301.0, true);
        assert_eq!(planned, found);
        // Lanes that are not drawn are not indexed.
        assert!(
            StepLookup::new(&records, &[0])
                .find(1, oven.step.unwrap(), mid, false)
                .is_none()
        );
    }

    #[test]
    fn the_thread_freezes_and_long_tasks_are_described() {
        let recipe = lesson::cake_and_groceries().recipe;
        assert_eq!(
            thread(&recipe, ThreadOf::One, Holders::One("cake"), 0.0, 300.0),
            "cake holds the thread, 0.0–15.0 min (0–300 ms)."
        );
        let three = thread(&recipe, ThreadOf::One, Holders::Several(3), 0.0, 1.0);
        assert!(three.starts_with("3 tasks take turns"), "{three}");
        assert!(
            freeze(&recipe, 0.0, 1600.0, 1603.0).starts_with("No frame drawn for 1\u{202f}603 ms")
        );
        assert!(long_task(&recipe, 0.0, 80.0).contains("busy for 80 ms"));
        assert_eq!(grouped("x".into(), 0), "x");
        let fruit = lesson::fruit_shop().recipe;
        let wait = StepId {
            routine: Routine::Helper(0),
            index: 0,
        };
        let words = step_words(&fruit, wait);
        assert!(
            words.ends_with(&format!(", in the helper {}", fruit.helpers[0].name)),
            "{words}"
        );
    }

    #[test]
    fn cooks_and_their_threads_are_described() {
        let recipe = lesson::chop_and_dice().recipe;
        let plan = predict::predict(&recipe, Mode::Processes);
        let timeline = Timeline::from_trace(&recipe, &plan);
        let sent = timeline.lanes[0]
            .segments
            .iter()
            .find(|s| s.state == State::Starting)
            .expect("the salad is sent to a cook");
        let tip = segment(&recipe, "chop_salad", sent, None, None);
        assert!(
            tip.starts_with("chop_salad: starting 0.5–0.5 min (80.0–80.3 ms)."),
            "{tip}"
        );
        assert!(
            tip.ends_with(
                " Sent to a cook: the message is on its way, and the task runs when it arrives."
            ),
            "{tip}"
        );
        assert_eq!(
            cook_starting(&recipe, ThreadOf::Cook(1), 1, 0.0, 48.0),
            "cook 2 starting: its Web Worker loads and compiles its code, 48 ms, 0.0–0.3 min (0–48 ms)."
        );
        let page = thread(&recipe, ThreadOf::Page, Holders::Idle, 0.0, 20.0);
        assert_eq!(
            page,
            "The page's thread is idle, 0.0–0.1 min (0–20 ms): the cooks do the work."
        );
        let cook = thread(
            &recipe,
            ThreadOf::Cook(0),
            Holders::One("chop_salad"),
            0.0,
            20.0,
        );
        assert!(
            cook.starts_with("chop_salad holds cook 1's thread, "),
            "{cook}"
        );
        let idle = thread(&recipe, ThreadOf::Cook(2), Holders::Idle, 0.0, 20.0);
        assert!(
            idle.starts_with("Cook 3's thread is idle, ") && idle.ends_with(": no task for it."),
            "{idle}"
        );
    }
}
