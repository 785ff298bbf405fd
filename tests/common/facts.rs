//! What a recorded run shows: who held the thread, each task's life, its busy-waits and timers,
//! which stretches overlapped, what was printed, and where a run departs from what its prediction
//! guarantees on any machine ([`departures`]). `e2e/facts.mjs` holds the end-to-end suites'
//! exported runs to the same facts; this is its twin for the browser tests.

use std::collections::{BTreeMap, BTreeSet};

use async_kitchen::model::{
    Action, Activity, EventKind, Mode, Recipe, Start, StepId, Timeline, Trace,
};

use super::{EPSILON_MS, ROUNDING_MS, jitter};

/// The printed lines, in order, as `(task, text)`.
pub fn prints(trace: &Trace) -> Vec<(usize, String)> {
    trace
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Print { task, text } => Some((*task, text.clone())),
            _ => None,
        })
        .collect()
}

/// A stretch of one task's time, from one recorded event to another.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stretch {
    /// The task (instance).
    pub task: usize,
    /// When it began, in milliseconds since the run began.
    pub start: f64,
    /// When it ended.
    pub end: f64,
}

/// Whether two stretches share a moment: each begins before the other ends. Stretches that only
/// touch do not overlap.
pub fn overlap(a: &Stretch, b: &Stretch) -> bool {
    a.start < b.end && b.start < a.end
}

/// A task's life, from being handed to its driver to its end (or the trace's, if it never ended).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Life {
    /// The task, its start and its end.
    pub span: Stretch,
    /// Whether it was called as a plain function or scheduled on an executor.
    pub how: Start,
    /// Whether its end was recorded.
    pub ended: bool,
}

/// Every task's life, in the order the tasks started.
pub fn lives(trace: &Trace) -> Vec<Life> {
    let mut lives: Vec<Life> = Vec::new();
    let mut open: BTreeMap<usize, usize> = BTreeMap::new();
    for e in &trace.events {
        match e.kind {
            EventKind::TaskStart { task, how } => {
                open.insert(task, lives.len());
                lives.push(Life {
                    span: Stretch {
                        task,
                        start: e.at,
                        end: trace.end,
                    },
                    how,
                    ended: false,
                });
            }
            EventKind::TaskEnd { task } => {
                if let Some(i) = open.remove(&task) {
                    lives[i].span.end = e.at;
                    lives[i].ended = true;
                }
            }
            _ => {}
        }
    }
    lives
}

/// The stretches in which a task held the page's thread: each poll of its future, and the whole
/// life of a task called as a plain function.
pub fn holds(trace: &Trace) -> Vec<Stretch> {
    let mut holds: Vec<Stretch> = lives(trace)
        .into_iter()
        .filter(|l| l.how == Start::Called)
        .map(|l| l.span)
        .collect();
    let mut open: BTreeMap<usize, f64> = BTreeMap::new();
    for e in &trace.events {
        match e.kind {
            EventKind::PollStart { task } => {
                open.insert(task, e.at);
            }
            EventKind::PollEnd { task, .. } => {
                if let Some(start) = open.remove(&task) {
                    holds.push(Stretch {
                        task,
                        start,
                        end: e.at,
                    });
                }
            }
            _ => {}
        }
    }
    holds.extend(open.into_iter().map(|(task, start)| Stretch {
        task,
        start,
        end: trace.end,
    }));
    holds
}

/// One run of a step that holds the thread on purpose: a `work`, or a `wait` done as a busy-wait.
/// A blocking `call` is left out: its time is its helper's steps'.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Busy {
    /// The task, the busy-wait's start and its end.
    pub span: Stretch,
    /// The step.
    pub step: StepId,
}

/// Every busy-wait of `recipe`'s steps in `trace`, in the order they began.
pub fn busy_waits(recipe: &Recipe, trace: &Trace) -> Vec<Busy> {
    let mut found: Vec<Busy> = Vec::new();
    let mut open: BTreeMap<(usize, StepId), usize> = BTreeMap::new();
    for e in &trace.events {
        match e.kind {
            EventKind::StepStart {
                task,
                step,
                activity: Activity::Work | Activity::Sleep,
            } if matches!(
                recipe.step(step).map(|s| &s.action),
                Some(Action::Work(_) | Action::Wait(_))
            ) =>
            {
                open.insert((task, step), found.len());
                found.push(Busy {
                    span: Stretch {
                        task,
                        start: e.at,
                        end: trace.end,
                    },
                    step,
                });
            }
            EventKind::StepEnd { task, step } => {
                if let Some(i) = open.remove(&(task, step)) {
                    found[i].span.end = e.at;
                }
            }
            _ => {}
        }
    }
    found
}

/// A timer a task armed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimerWait {
    /// The task.
    pub task: usize,
    /// The `wait` step that armed it.
    pub step: Option<StepId>,
    /// When that step began: the sleep measured its delay from a reading no earlier.
    pub asked: f64,
    /// When it was armed: the sleep measured its delay from a reading no later.
    pub armed: f64,
    /// When its timeout was due.
    pub due: f64,
    /// When its callback ran, if it did.
    pub fired: Option<f64>,
    /// When the step that armed it ended (its task resumed after the wait), if it did.
    pub ended: Option<f64>,
}

/// Every timer armed in `trace`, in the order they were armed.
pub fn timer_waits(trace: &Trace) -> Vec<TimerWait> {
    let mut found: Vec<TimerWait> = Vec::new();
    let mut asked: BTreeMap<usize, (f64, StepId)> = BTreeMap::new();
    // Per task, its last timer: not yet fired, and not yet ended.
    let mut unfired: BTreeMap<usize, usize> = BTreeMap::new();
    let mut unended: BTreeMap<usize, usize> = BTreeMap::new();
    for e in &trace.events {
        match e.kind {
            EventKind::StepStart { task, step, .. } => {
                asked.insert(task, (e.at, step));
            }
            EventKind::TimerArmed { task, due } => {
                unfired.insert(task, found.len());
                unended.insert(task, found.len());
                let (at, step) = asked.get(&task).copied().unzip();
                found.push(TimerWait {
                    task,
                    step,
                    asked: at.unwrap_or(e.at),
                    armed: e.at,
                    due,
                    fired: None,
                    ended: None,
                });
            }
            EventKind::TimerFired { task } => {
                if let Some(i) = unfired.remove(&task) {
                    found[i].fired = Some(e.at);
                }
            }
            EventKind::StepEnd { task, step } => {
                if let Some(&i) = unended.get(&task)
                    && found[i].step == Some(step)
                {
                    found[i].ended = Some(e.at);
                    unended.remove(&task);
                }
            }
            _ => {}
        }
    }
    found
}

/// The most distinct tasks with a stretch in progress at one moment. Stretches that only touch are
/// not in progress together, and a stretch of no length adds nothing.
pub fn peak(stretches: &[Stretch]) -> usize {
    // Ends before starts at the same moment.
    let mut edges: Vec<(f64, i32, usize)> = stretches
        .iter()
        .flat_map(|s| [(s.start, 1, s.task), (s.end, -1, s.task)])
        .collect();
    edges.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut open: BTreeMap<usize, i32> = BTreeMap::new();
    let (mut tasks, mut most) = (0usize, 0usize);
    for (i, &(at, change, task)) in edges.iter().enumerate() {
        let before = open.get(&task).copied().unwrap_or(0);
        open.insert(task, before + change);
        if before <= 0 && before + change > 0 {
            tasks += 1;
        } else if before > 0 && before + change <= 0 {
            tasks -= 1;
        }
        // Counted once every edge at this moment is in: what is open then lasts until the next one.
        if edges.get(i + 1).is_none_or(|next| next.0 != at) {
            most = most.max(tasks);
        }
    }
    most
}

/// The stretches in which a task was under way: holding the thread, or waiting on its timer. A
/// task that is only ready (woken, waiting for the thread) is not.
pub fn engaged(trace: &Trace) -> Vec<Stretch> {
    let waits = timer_waits(trace).into_iter().map(|w| Stretch {
        task: w.task,
        start: w.armed,
        end: w.fired.unwrap_or(trace.end),
    });
    holds(trace).into_iter().chain(waits).collect()
}

/// The most tasks under way at one moment: one for a run that did one thing at a time, more where
/// one task's wait overlapped another's work or wait.
pub fn concurrency(trace: &Trace) -> usize {
    peak(&engaged(trace))
}

/// Where a finished run of `recipe` in `mode` departs from what its prediction guarantees whatever
/// the machine's load, as sentences (none for a run that keeps to it):
/// - every timer was armed for its step's planned delay (to `setTimeout`'s rounding), none fired
///   before it was due, no wait ended before its timer fired, and no busy-wait ended before its
///   planned length;
/// - every task ran as long as its own steps need at least, and the run as long as the thread's
///   busy-waits together;
/// - the same tasks started and ended, every step ran as often as predicted, the same lines were
///   printed, in the prediction's order where it predicts them at different moments (lines
///   predicted at one moment may come in either order on a busy machine);
/// - at least as many tasks were under way at once as predicted (load can make stretches overlap
///   more, never less), and in a one-at-a-time mode no two tasks' lives overlapped;
/// - no frame was drawn while a task held the thread (in the blocking mode, from the first task's
///   start to the last one's end): the heartbeat is real.
pub fn departures(recipe: &Recipe, mode: Mode, measured: &Trace, predicted: &Trace) -> Vec<String> {
    if measured.cancelled {
        return vec!["the run was cancelled".into()];
    }
    let jitter = jitter();
    let mut found = Vec::new();
    early(recipe, measured, predicted, jitter, &mut found);
    too_short(recipe, measured, predicted, jitter, &mut found);
    unlike(measured, predicted, &mut found);
    out_of_order(measured, predicted, &mut found);
    apart(mode, measured, predicted, &mut found);
    drawn_while_held(mode, measured, &mut found);
    found
}

/// Panics, saying where and how, if `measured` departs from what its prediction guarantees.
pub fn hold_run(what: &str, recipe: &Recipe, mode: Mode, measured: &Trace, predicted: &Trace) {
    let found = departures(recipe, mode, measured, predicted);
    assert!(
        found.is_empty(),
        "{what}: the run departs from what its prediction guarantees ({} findings):\n{}",
        found.len(),
        found
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// `items` in lists by their task, in order.
fn by_task<T: Copy>(items: &[T], task: impl Fn(&T) -> usize) -> BTreeMap<usize, Vec<T>> {
    let mut lists: BTreeMap<usize, Vec<T>> = BTreeMap::new();
    for item in items {
        lists.entry(task(item)).or_default().push(*item);
    }
    lists
}

/// The timers armed for another delay than planned or fired before they were due, and the
/// busy-waits that ended before their planned length.
fn early(recipe: &Recipe, m: &Trace, p: &Trace, jitter: f64, found: &mut Vec<String>) {
    let measured = by_task(&timer_waits(m), |w| w.task);
    let predicted = by_task(&timer_waits(p), |w| w.task);
    let tasks: BTreeSet<usize> = measured.keys().chain(predicted.keys()).copied().collect();
    for task in tasks {
        let armed = measured.get(&task).map_or(&[][..], Vec::as_slice);
        let planned = predicted.get(&task).map_or(&[][..], Vec::as_slice);
        if armed.len() != planned.len() {
            found.push(format!(
                "task {task} armed {} timers, predicted {}",
                armed.len(),
                planned.len()
            ));
        }
        for (i, (w, plan)) in armed.iter().zip(planned).enumerate() {
            let delay = plan.due - plan.armed;
            // The sleep read its start between the step's start and its armed event.
            let earliest = w.asked + delay - ROUNDING_MS - EPSILON_MS;
            let latest = w.armed + delay + ROUNDING_MS + EPSILON_MS;
            if w.due < earliest || w.due > latest {
                found.push(format!(
                    "task {task}'s timer {i} armed at {:.3} ms was due at {:.3} ms, planned {delay:.3} ms after",
                    w.armed, w.due
                ));
            }
            if let Some(fired) = w.fired
                && fired < w.due - jitter
            {
                found.push(format!(
                    "task {task}'s timer {i} fired at {fired:.3} ms, before it was due at {:.3} ms",
                    w.due
                ));
            }
            // Nor did the wait end before its timer fired, or before it was due.
            if let Some(ended) = w.ended
                && (w.fired.is_none_or(|fired| ended < fired) || ended < w.due - jitter)
            {
                found.push(format!(
                    "task {task}'s wait {i} ended at {ended:.3} ms; its timer was due at {:.3} ms \
                     and fired {}",
                    w.due,
                    w.fired.map_or("never".into(), |f| format!("at {f:.3} ms"))
                ));
            }
        }
    }
    let measured = by_occurrence(&busy_waits(recipe, m));
    for (key, plan) in by_occurrence(&busy_waits(recipe, p)) {
        if let Some(b) = measured.get(&key) {
            let (length, planned) = (b.end - b.start, plan.end - plan.start);
            // A busy-wait spins until the clock it stamps its start with reads its deadline.
            if length < planned - EPSILON_MS {
                found.push(format!(
                    "the busy-wait {key:?} lasted {length:.3} ms, planned {planned:.3} ms"
                ));
            }
        }
    }
}

/// Busy-waits keyed by their task, step and which time the task ran it, to match a measured
/// occurrence with its predicted one.
fn by_occurrence(busy: &[Busy]) -> BTreeMap<(usize, StepId, usize), Stretch> {
    let mut seen: BTreeMap<(usize, StepId), usize> = BTreeMap::new();
    busy.iter()
        .map(|b| {
            let n = seen.entry((b.span.task, b.step)).or_default();
            *n += 1;
            ((b.span.task, b.step, *n), b.span)
        })
        .collect()
}

/// The tasks that ended sooner than their own steps allow, and a run that ended before the thread
/// could have done its busy-waits. Each task's steps follow one another, so its life is at least
/// their planned lengths together, less each timer's rounding and the clock's jitter; the
/// busy-waits of all tasks share the one thread, so the run lasts at least as long as they do
/// together.
fn too_short(recipe: &Recipe, m: &Trace, p: &Trace, jitter: f64, found: &mut Vec<String>) {
    let planned_busy = busy_waits(recipe, p);
    let planned_timers = timer_waits(p);
    for life in lives(m).iter().filter(|l| l.ended) {
        let task = life.span.task;
        let busy: f64 = planned_busy
            .iter()
            .filter(|b| b.span.task == task)
            .map(|b| b.span.end - b.span.start)
            .sum();
        let timers: Vec<f64> = planned_timers
            .iter()
            .filter(|w| w.task == task)
            .map(|w| w.due - w.armed)
            .collect();
        let least = busy + timers.iter().sum::<f64>()
            - timers.len() as f64 * (ROUNDING_MS + jitter)
            - EPSILON_MS;
        let lived = life.span.end - life.span.start;
        if lived < least {
            found.push(format!(
                "task {task} lived {lived:.3} ms; its own steps need {least:.3} ms at least"
            ));
        }
    }
    let busy: f64 = planned_busy.iter().map(|b| b.span.end - b.span.start).sum();
    if m.end < busy - EPSILON_MS {
        found.push(format!(
            "the run ended at {:.3} ms; its busy-waits alone take {busy:.3} ms",
            m.end
        ));
    }
}

/// How many times each key occurs.
fn counts<K: Ord>(keys: impl Iterator<Item = K>) -> BTreeMap<K, usize> {
    let mut n = BTreeMap::new();
    for k in keys {
        *n.entry(k).or_default() += 1;
    }
    n
}

/// Sentences for every key counted differently in a measured run and its prediction.
fn differences<K: Ord + std::fmt::Debug>(
    what: &str,
    measured: &BTreeMap<K, usize>,
    predicted: &BTreeMap<K, usize>,
    found: &mut Vec<String>,
) {
    let keys: BTreeSet<&K> = measured.keys().chain(predicted.keys()).collect();
    for key in keys {
        let (m, p) = (
            measured.get(key).copied().unwrap_or(0),
            predicted.get(key).copied().unwrap_or(0),
        );
        if m != p {
            found.push(format!("{what} {key:?}: {m} times, predicted {p}"));
        }
    }
}

/// The tasks started, ended, steps run and lines printed a different number of times than
/// predicted.
fn unlike(m: &Trace, p: &Trace, found: &mut Vec<String>) {
    let tasks = |t: &Trace| {
        counts(
            lives(t)
                .into_iter()
                .map(|l| (l.span.task, l.how == Start::Called, l.ended)),
        )
    };
    differences("task (index, called, ended)", &tasks(m), &tasks(p), found);
    let steps = |t: &Trace| {
        counts(t.events.iter().filter_map(|e| match e.kind {
            EventKind::StepStart { task, step, .. } => Some((task, step)),
            _ => None,
        }))
    };
    differences("step", &steps(m), &steps(p), found);
    differences(
        "line",
        &counts(prints(m).into_iter()),
        &counts(prints(p).into_iter()),
        found,
    );
}

/// The console against the prediction's: the lines the prediction prints at one moment may come in
/// either order, lines it prints at different moments must come in its order.
fn out_of_order(m: &Trace, p: &Trace, found: &mut Vec<String>) {
    let mut groups: Vec<(f64, Vec<(usize, String)>)> = Vec::new();
    for e in &p.events {
        if let EventKind::Print { task, text } = &e.kind {
            match groups.last_mut() {
                Some((at, lines)) if *at == e.at => lines.push((*task, text.clone())),
                _ => groups.push((e.at, vec![(*task, text.clone())])),
            }
        }
    }
    let mut lines = prints(m).into_iter();
    for (at, mut group) in groups {
        let mut cut: Vec<_> = lines.by_ref().take(group.len()).collect();
        group.sort();
        cut.sort();
        if cut != group {
            found.push(format!(
                "the lines predicted at {at:.3} ms are {group:?}; the run printed {cut:?} in their place"
            ));
            return;
        }
    }
}

/// The modes whose tasks run one after another, each to its end before the next starts.
pub const ONE_AT_A_TIME: [Mode; 2] = [Mode::Blocking, Mode::Sequential];

/// Where the tasks were less together than predicted: fewer under way at once, or lives that
/// overlap in a one-at-a-time mode.
fn apart(mode: Mode, m: &Trace, p: &Trace, found: &mut Vec<String>) {
    let (most, predicted) = (concurrency(m), concurrency(p));
    if most < predicted {
        found.push(format!(
            "at most {most} tasks were under way at once; the prediction has {predicted}"
        ));
    }
    let spans: Vec<Stretch> = lives(m).into_iter().map(|l| l.span).collect();
    if ONE_AT_A_TIME.contains(&mode) && peak(&spans) > 1 {
        found.push(format!(
            "two tasks' lives overlapped in the {} mode, which runs them one after another",
            mode.id()
        ));
    }
}

/// The frames drawn while a task held the thread, which cannot be if the hold was real.
fn drawn_while_held(mode: Mode, m: &Trace, found: &mut Vec<String>) {
    let mut held = holds(m);
    // A blocking run never gives the thread back between its tasks either.
    if mode == Mode::Blocking
        && let Some(span) = blocking_span(m)
    {
        held.push(span);
    }
    let frames = m.frames();
    for h in held {
        if let Some(f) = frames.iter().find(|&&f| h.start < f && f < h.end) {
            found.push(format!(
                "a frame was drawn at {f:.3} ms while task {} held the thread ({:.3}–{:.3} ms)",
                h.task, h.start, h.end
            ));
        }
    }
}

/// From the first task's start to the last task's end: the stretch a blocking run holds the thread
/// without a break (its task is the first task's).
pub fn blocking_span(trace: &Trace) -> Option<Stretch> {
    let lives = lives(trace);
    let first = lives.first()?;
    let end = lives
        .iter()
        .map(|l| l.span.end)
        .fold(first.span.end, f64::max);
    Some(Stretch {
        task: first.span.task,
        start: first.span.start,
        end,
    })
}

/// Holds a blocking run's freeze to what its trace shows: no frame was drawn from its first task's
/// start to its last task's end, and the longest freeze the page states covers that stretch, when a
/// frame was drawn before it (the page waits a tenth of a second at most for each of the two frames
/// before a run, which a very busy machine may not draw in time). Returns the stretch's length.
pub fn assert_frozen(what: &str, recipe: &Recipe, trace: &Trace) -> f64 {
    let held = blocking_span(trace).expect("the tasks ran");
    let frames = trace.frames();
    let inside: Vec<&f64> = frames
        .iter()
        .filter(|&&f| held.start < f && f < held.end)
        .collect();
    assert!(
        inside.is_empty(),
        "{what}: frames drawn at {inside:?} while the run held the thread ({}–{} ms)",
        held.start,
        held.end
    );
    if frames.iter().any(|&f| f <= held.start) {
        let freeze = Timeline::from_trace(recipe, trace)
            .totals()
            .longest_freeze
            .expect("frames were recorded");
        assert!(
            freeze >= held.end - held.start,
            "{what}: the page states a longest freeze of {freeze} ms for a {} ms hold",
            held.end - held.start
        );
    }
    held.end - held.start
}
