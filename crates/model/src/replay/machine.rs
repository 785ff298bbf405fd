//! The state machine lens: which variant of the state machine rustc writes for an `async fn` each
//! task's future is in at a cursor, and what that variant holds (issue "Three ways to suspend").
//!
//! rustc turns an `async fn` into an `enum` with one variant per `.await` in its text
//! (`Suspend0` … `SuspendN`, in the order they are written), one before its first poll
//! (`Unresumed`) and one after it returns (`Returned`); each `poll` resumes from the variant it
//! finds and leaves the future in the next one it stops at. So a future's variant is the one its
//! last `Pending` left it in: while a poll runs, the variant is still the one it resumed from
//! (rustc writes the new one only as the poll returns). The `.await`s are read from the code view
//! shown (a step is an await point when its statement awaits), so the numbering is the text's,
//! whether the text is a lesson's view or the learner's own Rust.
//!
//! This module owns that reading and nothing else: it is reconstructed from the replay's per-task
//! views (a binary search and a short walk back per task) and the view's text, for real and
//! predicted runs alike. It knows nothing of the page.

use std::fmt;

use super::{Cursor, NONE, Phase, Replay, Snap};
use crate::code::CodeView;
use crate::recipe::{Recipe, StepId};

/// A variant of the state machine rustc writes for an `async fn`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// Made, never polled.
    Unresumed,
    /// Stopped at the `.await` with this number, counted from 0 in the text's order.
    Suspend(usize),
    /// Returned its value: polling it again would panic.
    Returned,
}

/// rustc's names, as the hooks' `data-state` carries them: `Unresumed`, `Suspend0`, `Returned`.
impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Variant::Unresumed => f.write_str("Unresumed"),
            Variant::Suspend(k) => write!(f, "Suspend{k}"),
            Variant::Returned => f.write_str("Returned"),
        }
    }
}

/// What a future's variant holds across its `.await`.
#[derive(Clone, Debug, PartialEq)]
pub enum Holds {
    /// Nothing the run shows: a future not yet polled, or returned.
    Nothing,
    /// A timer's future, due at this time (ms since the run began).
    Timer(f64),
    /// The future of the `async fn` it awaits (a helper's), itself in this state.
    Future(Box<FutureState>),
    /// A `yield_now()`'s future, ready at its next poll.
    Yield,
}

/// One future's place in its state machine at a cursor.
#[derive(Clone, Debug, PartialEq)]
pub struct FutureState {
    /// The variant it is in.
    pub variant: Variant,
    /// The `.await` that variant stands for, for a `Suspend` variant.
    pub at: Option<StepId>,
    /// What the variant holds.
    pub holds: Holds,
    /// Whether a poll of it is in progress at the cursor (its task holds the thread): the variant
    /// is still the one that poll resumed from, until the poll returns.
    pub polled: bool,
}

impl Replay {
    /// The variant of `task`'s future at `cursor`, read against `view`, the code shown: `None`
    /// for a task that is no future (a plain function of the blocking mode, whose view has no
    /// `.await`).
    pub fn future_state(
        &self,
        task: usize,
        cursor: Cursor,
        view: &CodeView,
    ) -> Option<FutureState> {
        // A program of plain functions (the blocking mode's) makes no future at all.
        if !view.text.contains("async ") {
            return None;
        }
        let stop = cursor.stop.min(self.stops.len() - 1);
        let limit = self.limit_at(Cursor { stop, ..cursor });
        let snap = self.view(task, limit);
        match snap.phase {
            Phase::NotStarted => return Some(unresumed()),
            Phase::Done => {
                return Some(FutureState {
                    variant: Variant::Returned,
                    at: None,
                    holds: Holds::Nothing,
                    polled: false,
                });
            }
            _ => {}
        }
        let suspended = self.last_suspension(task, limit);
        let chain = self.chain(suspended.frame);
        let mut state = state_of(&chain, 0, view, self.timer_due(suspended));
        state.polled = snap.phase == Phase::Running;
        Some(state)
    }

    /// The view of `task` at its last `Pending` before event `limit`: the first view after a
    /// poll that no longer holds the thread and has not ended; for a task that never suspended, a
    /// view with no step in progress (its future is still `Unresumed`, as [`state_of`] reads an
    /// empty chain).
    fn last_suspension(&self, task: usize, limit: u32) -> Snap {
        let snaps = &self.snaps[self.offsets[task] as usize..self.offsets[task + 1] as usize];
        let n = snaps.partition_point(|s| s.event < limit);
        let suspended = (1..n).rev().find(|&i| {
            snaps[i - 1].phase == Phase::Running
                && !matches!(snaps[i].phase, Phase::Running | Phase::Done)
        });
        suspended.map_or(Snap::START, |i| snaps[i])
    }

    /// When the timer a suspension armed is due, if it armed one.
    fn timer_due(&self, snap: Snap) -> Option<f64> {
        (snap.timer != NONE).then(|| self.timers[snap.timer as usize].due)
    }
}

impl Replay {
    /// The variants `task`'s future went through in the run, in order, read against `view`: its
    /// state at every stop, each change once (`Unresumed`, `Suspend0`, `Returned`); empty for a
    /// task that is no future. What an exercise on how many states a future has is judged by.
    pub fn states_through(&self, task: usize, view: &CodeView) -> Vec<Variant> {
        let mut out: Vec<Variant> = Vec::new();
        for stop in 0..self.stops.len() {
            let Some(state) = self.future_state(task, self.at_stop(stop), view) else {
                return Vec::new();
            };
            if out.last() != Some(&state.variant) {
                out.push(state.variant);
            }
        }
        out
    }

    /// The variant `task`'s future is in at the stop where task `other` returns, read against
    /// `view`, if `other` returns in the run and `task` is a future. What an exercise on which
    /// state a task is in at a moment is judged by: a moment the trace's order fixes, which no
    /// load on the machine can move.
    pub fn state_when_returns(
        &self,
        task: usize,
        other: usize,
        view: &CodeView,
    ) -> Option<Variant> {
        let stop = self
            .stops
            .iter()
            .position(|s| matches!(s.kind, super::StopKind::Returned { task } if task == other))?;
        Some(self.future_state(task, self.at_stop(stop), view)?.variant)
    }

    /// The task whose callback the run called first once every task had given the thread back:
    /// the first task polled again after a `Pending` (in the callbacks way, the first closure a
    /// timer or `soon` called back). What an exercise on which callback fires first is judged by:
    /// an order the trace fixes.
    pub fn first_called_back(&self) -> Option<usize> {
        self.stops.iter().find_map(|s| match s.kind {
            super::StopKind::Polled {
                task, again: true, ..
            } => Some(task),
            _ => None,
        })
    }

    /// One sentence on how `task`'s future (`name` says it) moved through its state machine at
    /// stop `stop`, read against `view`, if it moved there: "cake's future moved from
    /// `Unresumed` to `Suspend0` at `sleep(45).await;`: it now holds a timer, due at 60 min."
    pub fn moved(
        &self,
        task: usize,
        stop: usize,
        view: &CodeView,
        recipe: &Recipe,
        name: &str,
    ) -> Option<String> {
        let now = self.future_state(task, self.at_stop(stop), view)?;
        let before = match stop.checked_sub(1) {
            Some(previous) => {
                self.future_state(task, self.at_stop(previous), view)?
                    .variant
            }
            None => Variant::Unresumed,
        };
        if before == now.variant {
            return None;
        }
        let (from, to) = (before, now.variant);
        let at = now
            .at
            .and_then(|step| view.statement_of(step))
            .map_or(String::new(), |s| {
                format!(" at `{}`", s.trim_end_matches(';'))
            });
        let holds = match &now.holds {
            _ if to == Variant::Returned => {
                "its value is given to whoever awaits it, and polling it again would panic"
                    .to_owned()
            }
            Holds::Timer(due) => format!(
                "it now holds a timer, due at {}",
                super::narrate::time_words(recipe, *due)
            ),
            Holds::Future(inner) => format!(
                "it now holds the future it awaits, itself in `{}`",
                inner.variant
            ),
            Holds::Yield => "it now holds a yield, ready at its next poll".to_owned(),
            Holds::Nothing => "it holds nothing the run shows".to_owned(),
        };
        Some(format!(
            "{} future moved from `{from}` to `{to}`{at}: {holds}.",
            crate::format::possessive(name)
        ))
    }
}

/// Every variant of the state machine rustc writes for the `async fn` of task `task` (a recipe's
/// task, not an instance) as `view` writes it: `Unresumed`, a `Suspend` per `.await` in its text,
/// `Returned`. Empty when the view's tasks are no futures (plain functions).
pub fn variants(view: &CodeView, recipe: &Recipe, task: usize) -> Vec<Variant> {
    if !view.text.contains("async ") {
        return Vec::new();
    }
    let steps = recipe.tasks.get(task).map_or(0, |t| t.steps.len());
    let awaits = (0..steps)
        .filter(|&index| {
            let step = StepId {
                routine: crate::recipe::Routine::Task(task),
                index,
            };
            view.statement_of(step)
                .is_some_and(|t| t.contains(".await"))
        })
        .count();
    let mut out = vec![Variant::Unresumed];
    out.extend((0..awaits).map(Variant::Suspend));
    out.push(Variant::Returned);
    out
}

/// A future that has not been polled.
fn unresumed() -> FutureState {
    FutureState {
        variant: Variant::Unresumed,
        at: None,
        holds: Holds::Nothing,
        polled: false,
    }
}

/// The state of the future whose step in progress is `chain[depth]` (its callees' after it): the
/// `Suspend` variant of that step's `.await`, holding the callee's future, the timer or the yield.
fn state_of(chain: &[StepId], depth: usize, view: &CodeView, due: Option<f64>) -> FutureState {
    let Some(&step) = chain.get(depth) else {
        return unresumed();
    };
    let Some(k) = await_number(view, step) else {
        return unresumed();
    };
    let statement = view.statement_of(step).unwrap_or_default();
    let holds = if depth + 1 < chain.len() {
        Holds::Future(Box::new(state_of(chain, depth + 1, view, due)))
    } else if let Some(due) = due {
        Holds::Timer(due)
    } else if statement.contains("yield_now") {
        Holds::Yield
    } else {
        Holds::Nothing
    };
    FutureState {
        variant: Variant::Suspend(k),
        at: Some(step),
        holds,
        polled: false,
    }
}

/// The number of `step`'s `.await` among its function's, in the text's order, if the step awaits.
fn await_number(view: &CodeView, step: StepId) -> Option<usize> {
    let awaits = |s: StepId| view.statement_of(s).is_some_and(|t| t.contains(".await"));
    if !awaits(step) {
        return None;
    }
    Some(
        (0..step.index)
            .filter(|&index| awaits(StepId { index, ..step }))
            .count(),
    )
}
