//! Where a run froze the page: the stretches in which tasks held the page's thread without a break,
//! during which nothing could be drawn, and why one mode freezes longer than another.
//!
//! This module owns the freezes as the lessons' texts and the comparison speak of them: which tasks
//! held the thread back to back, and the sentence that names them. It reads a timeline's thread lane
//! and nothing else, so a prediction and a measured run are read alike.

use crate::timeline::Timeline;

/// A hold at least this long is a freeze a learner can see: three frames missed at 60 Hz, the
/// gap the chart's heartbeat lane draws as a freeze.
pub const FREEZE_MS: f64 = 50.0;

/// A stretch in which tasks held the page's thread without a break.
#[derive(Clone, Debug, PartialEq)]
pub struct Hold {
    /// When the first task took the thread.
    pub start: f64,
    /// When the last one let it go.
    pub end: f64,
    /// The tasks that held it, in turn, each with how long it held it (a task that held it twice
    /// in a row counted once).
    pub tasks: Vec<(usize, f64)>,
}

impl Hold {
    /// How long the thread was held.
    pub fn ms(&self) -> f64 {
        self.end - self.start
    }
}

/// Every stretch of the page's thread held without a break, in time order. Spans the thread lane
/// joins end to end, as the totals' longest hold does.
pub fn holds(timeline: &Timeline) -> Vec<Hold> {
    let mut out: Vec<Hold> = Vec::new();
    let mut open: Option<Hold> = None;
    for span in &timeline.thread {
        match (span.task, open.as_mut()) {
            (Some(task), Some(hold)) => {
                hold.end = span.end;
                match hold.tasks.last_mut() {
                    Some((last, ms)) if *last == task => *ms += span.end - span.start,
                    _ => hold.tasks.push((task, span.end - span.start)),
                }
            }
            (Some(task), None) => {
                open = Some(Hold {
                    start: span.start,
                    end: span.end,
                    tasks: vec![(task, span.end - span.start)],
                });
            }
            (None, _) => out.extend(open.take()),
        }
    }
    out.extend(open);
    out
}

/// The longest hold (the first of equals), if the thread was ever held.
pub fn longest(timeline: &Timeline) -> Option<Hold> {
    holds(timeline)
        .into_iter()
        .fold(None, |best: Option<Hold>, hold| match best {
            Some(b) if b.ms() >= hold.ms() => Some(b),
            _ => Some(hold),
        })
}

/// The holds long enough to be seen as freezes ([`FREEZE_MS`] or more).
pub fn freezes(timeline: &Timeline) -> Vec<Hold> {
    holds(timeline)
        .into_iter()
        .filter(|h| h.ms() >= FREEZE_MS)
        .collect()
}

/// A task whose part of a hold is smaller than this share only passed through it (a poll that armed
/// a timer), and is not named as one of the hold's works.
const PASSING: f64 = 0.05;

/// Why Gather freezes the page longer than Sequential, in one sentence, when it does: Gather's
/// longest hold is two or more tasks' work back to back, because `join_all` polls the next task the
/// moment one lets go of the thread, with no frame drawn between them. `None` when Gather's longest
/// hold is no longer than Sequential's, or is one task's work alone (tasks that only passed through
/// it, as a poll that armed a timer, are not named).
///
/// `gather` and `sequential` are timelines of the same recipe (predicted or measured); the tasks
/// are named after `gather`'s lanes.
pub fn back_to_back(gather: &Timeline, sequential: &Timeline) -> Option<String> {
    let hold = longest(gather)?;
    let theirs = longest(sequential).map_or(0.0, |h| h.ms());
    let names: Vec<&str> = hold
        .tasks
        .iter()
        .filter(|(_, ms)| *ms >= PASSING * hold.ms())
        .map(|(t, _)| gather.lanes.get(*t).map_or("?", |l| l.name.as_str()))
        .collect();
    if hold.ms() <= theirs || names.len() < 2 {
        return None;
    }
    let (last, first) = names.split_last()?;
    let works = if names.len() == 2 { "two" } else { "several" };
    let mut firsts = String::new();
    for name in first {
        if !firsts.is_empty() {
            firsts.push_str(", then ");
        }
        firsts.push_str(name);
    }
    Some(format!(
        "Gather freezes longer than Sequential because {works} works run back to back on the \
         thread: when {firsts} lets go of it, gather polls {last} at once, with no frame drawn \
         between them."
    ))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::Mode;
    use crate::lesson::{cake_and_groceries, chores};
    use crate::predict::prediction;
    use expect_test::expect;

    fn cake(mode: Mode) -> Timeline {
        prediction(&cake_and_groceries().recipe, mode)
    }

    #[test]
    fn holds_join_the_tasks_that_hold_the_thread_in_turn() {
        // Cake gathered: the dough (300 ms) and the shopping (400 ms) back to back.
        let gather: Vec<_> = holds(&cake(Mode::Gather))
            .iter()
            .map(|h| (h.start, h.end, h.tasks.clone()))
            .collect();
        assert_eq!(gather, [(0.0, 700.0, vec![(0, 300.0), (1, 400.0)])]);
        // In sequence the oven's 45 minutes come between them.
        let sequential: Vec<_> = holds(&cake(Mode::Sequential))
            .iter()
            .map(|h| (h.start, h.end, h.tasks.clone()))
            .collect();
        assert_eq!(
            sequential,
            [
                (0.0, 300.0, vec![(0, 300.0)]),
                (1200.0, 1600.0, vec![(1, 400.0)])
            ]
        );
        assert_eq!(longest(&cake(Mode::Blocking)).map(|h| h.ms()), Some(1600.0));
    }

    #[test]
    fn freezes_are_the_holds_a_learner_can_see() {
        let chores = chores().recipe;
        let ms: Vec<f64> = freezes(&prediction(&chores, Mode::Sequential))
            .iter()
            .map(Hold::ms)
            .collect();
        assert_eq!(ms, [900.0, 450.0]);
        assert!(freezes(&prediction(&chores, Mode::NeverAwaited)).is_empty());
    }

    #[test]
    fn gathers_longer_freeze_is_explained_by_the_tasks_back_to_back() {
        let why = back_to_back(&cake(Mode::Gather), &cake(Mode::Sequential));
        expect![[r#"
            Some(
                "Gather freezes longer than Sequential because two works run back to back on the thread: when cake lets go of it, gather polls groceries at once, with no frame drawn between them.",
            )
        "#]]
        .assert_debug_eq(&why);
        // Chores gathered: the laundry's poll only arms its timer, then dinner and the plants.
        let chores = chores().recipe;
        let gather = prediction(&chores, Mode::Gather);
        let why = back_to_back(&gather, &prediction(&chores, Mode::Sequential));
        expect![[r#"
            Some(
                "Gather freezes longer than Sequential because two works run back to back on the thread: when evening lets go of it, gather polls plants at once, with no frame drawn between them.",
            )
        "#]].assert_debug_eq(&why);
        // Blocking's one long hold is no gather's.
        assert_eq!(
            back_to_back(&cake(Mode::Gather), &cake(Mode::Blocking)),
            None
        );
        // Nor when Sequential is the one compared against itself.
        assert_eq!(
            back_to_back(&cake(Mode::Sequential), &cake(Mode::Sequential)),
            None
        );
    }
}
