//! Why a run did what an exercise asked about, in the narration's own sentences.
//!
//! An order is explained line by line: each printed line with, before it, what let its task print
//! it (the call that started the task, or the timer or yield that woke it since its last line), so a
//! learner reads "the timer fires and wakes count 1, 2 and 3" just before the three "Two"s. A
//! total is explained by the moments the tasks finished; a state, by each move of the task's
//! future through its state machine, in the lens's sentences.

use crate::code::CodeView;
use crate::recipe::Recipe;
use crate::replay::{Narrator, Replay, StopKind};

/// The run's printed lines, each with the stop that let its task print it, as narration sentences
/// in the order they happened. A stop that woke several tasks is told once.
pub fn order(replay: &Replay, narrator: &Narrator<'_>) -> Vec<String> {
    let stops = replay.stops();
    // The stop since which each task has been able to run toward its next line.
    let mut cause: Vec<Option<usize>> = vec![None; replay.tasks()];
    let mut told: Vec<usize> = Vec::new();
    for (i, stop) in stops.iter().enumerate() {
        match &stop.kind {
            StopKind::Called { task, .. }
            | StopKind::Woken { task }
            | StopKind::Sent { task, .. } => {
                set(&mut cause, *task, i);
            }
            StopKind::Handed { first, count } => {
                for task in *first..first + count {
                    set(&mut cause, task, i);
                }
            }
            StopKind::Fired { tasks, .. } => {
                for &task in tasks {
                    set(&mut cause, task, i);
                }
            }
            StopKind::Printed { task, .. } => {
                if let Some(why) = cause.get_mut(*task).and_then(Option::take)
                    && !told.contains(&why)
                {
                    told.push(why);
                }
                told.push(i);
            }
            _ => {}
        }
    }
    told.into_iter()
        .map(|stop| narrator.sentence(stop))
        .collect()
}

/// How a run's time was spent, for a question about its total: the sentences of the last `limit`
/// moments a task finished, in order (the last is when the run ended).
pub fn finishes(replay: &Replay, narrator: &Narrator<'_>, limit: usize) -> Vec<String> {
    let stops = replay.stops();
    let mut ends: Vec<usize> = stops
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, stop)| matches!(stop.kind, StopKind::Returned { .. }))
        .map(|(i, _)| i)
        .take(limit)
        .collect();
    ends.reverse();
    ends.into_iter()
        .map(|stop| narrator.sentence(stop))
        .collect()
}

/// How task instance `task`'s future moved through its state machine in the run, read against
/// `view` (the async/await Rust), for a question about its states: a sentence per move, each
/// after the narration's sentence for the moment it happened, in order.
pub fn states(
    replay: &Replay,
    narrator: &Narrator<'_>,
    view: &CodeView,
    recipe: &Recipe,
    task: usize,
) -> Vec<String> {
    let name = recipe.name_of(task);
    (0..replay.stops().len())
        .filter_map(|stop| {
            let moved = replay.moved(task, stop, view, recipe, &name)?;
            Some(format!("{} {moved}", narrator.sentence(stop)))
        })
        .collect()
}

fn set(cause: &mut [Option<usize>], task: usize, stop: usize) {
    if let Some(slot) = cause.get_mut(task) {
        *slot = Some(stop);
    }
}
