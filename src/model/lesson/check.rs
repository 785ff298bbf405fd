//! Test-only checks for lessons: whether a recipe is one the library may ship, how many sentences a
//! story has, and a small reference for what gather does on one thread, which guards the totals and
//! print orders written in the lessons. (The page's prediction lives elsewhere; this is deliberately
//! the simplest scheduler that can check the numbers.)

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet, VecDeque};

use super::{Action, Recipe, Step};

/// Why a recipe is not one the library may ship, if it is not.
///
/// Valid means: at least one task; every name unique and usable as a function name; at least one copy
/// of every task and exactly one of every helper; calls only to helpers defined before the caller
/// (which rules out recursion); `missing_await` only on steps that have an `await` to forget.
pub(super) fn validate(r: &Recipe) -> Result<(), String> {
    if r.tasks.is_empty() {
        return Err("no tasks".into());
    }
    let mut names = HashSet::new();
    for routine in r.tasks.iter().chain(&r.helpers) {
        let name = &routine.name;
        let mut chars = name.chars();
        let identifier = chars
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !identifier {
            return Err(format!("{name:?} is not a snake_case identifier"));
        }
        if !names.insert(name) {
            return Err(format!("{name} is defined twice"));
        }
    }
    if let Some(t) = r.tasks.iter().find(|t| t.copies == 0) {
        return Err(format!("{} has no copies", t.name));
    }
    if let Some(h) = r.helpers.iter().find(|h| h.copies != 1) {
        return Err(format!("helper {} has {} copies", h.name, h.copies));
    }
    let routines = r
        .tasks
        .iter()
        .map(|t| (t, r.helpers.len()))
        .chain(r.helpers.iter().enumerate().map(|(i, h)| (h, i)));
    for (routine, callable) in routines {
        for step in &routine.steps {
            if let Action::Call(name) = &step.action {
                match r.helper_index(name) {
                    Some(i) if i < callable => {}
                    Some(_) => return Err(format!("{} calls later helper {name}", routine.name)),
                    None => return Err(format!("{} calls unknown {name}", routine.name)),
                }
            }
            let awaitable = matches!(
                step.action,
                Action::Wait(_) | Action::Call(_) | Action::Yield
            );
            if step.missing_await && !awaitable {
                return Err(format!("{}: nothing to await in {step:?}", routine.name));
            }
        }
    }
    Ok(())
}

/// How many sentences a text has: every `.`, `!` or `?` that ends the text or is followed by a space,
/// possibly after a closing quote or bracket.
pub(super) fn sentences(text: &str) -> usize {
    let chars: Vec<char> = text.trim().chars().collect();
    (0..chars.len())
        .filter(|&i| matches!(chars[i], '.' | '!' | '?'))
        .filter(|&i| {
            let rest = chars[i + 1..]
                .iter()
                .find(|c| !matches!(c, '”' | '"' | '’' | ')'));
            rest.is_none_or(|c| c.is_whitespace())
        })
        .count()
}

/// What one instance does, with helpers inlined and forgotten awaits already left out: what an async
/// mode really runs.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Op {
    Work(u64),
    Wait(u64),
    Yield,
    Print(String),
}

pub(super) fn flatten(r: &Recipe, steps: &[Step]) -> Vec<Op> {
    let mut ops = Vec::new();
    for step in steps {
        if step.missing_await {
            continue;
        }
        match &step.action {
            Action::Work(n) => ops.push(Op::Work(u64::from(*n))),
            Action::Wait(n) => ops.push(Op::Wait(u64::from(*n))),
            Action::Yield => ops.push(Op::Yield),
            Action::Print(text) => ops.push(Op::Print(text.clone())),
            Action::Call(name) => {
                let helper = r.helper_index(name).expect("validated");
                ops.extend(flatten(r, &r.helpers[helper].steps));
            }
        }
    }
    ops
}

/// A small reference for gather on one thread: instances run in order until they wait, yield or end;
/// a timer that comes due while the thread is busy queues its task behind the ones already ready.
/// Returns the total in units and the prints in order.
pub(super) fn gather(r: &Recipe) -> (u64, Vec<String>) {
    let programs: Vec<Vec<Op>> = r
        .instances()
        .iter()
        .map(|i| flatten(r, &r.tasks[i.task].steps))
        .collect();
    let mut next = vec![0usize; programs.len()];
    let mut ready: VecDeque<usize> = (0..programs.len()).collect();
    let mut timers = BinaryHeap::new();
    let mut armed = 0u64;
    let (mut now, mut end) = (0u64, 0u64);
    let mut prints = Vec::new();
    loop {
        while let Some(task) = ready.pop_front() {
            loop {
                let Some(op) = programs[task].get(next[task]) else {
                    end = end.max(now);
                    break;
                };
                next[task] += 1;
                match op {
                    Op::Work(n) => now += n,
                    Op::Print(text) => prints.push(text.clone()),
                    Op::Wait(n) => {
                        timers.push(Reverse((now + n, armed, task)));
                        armed += 1;
                        break;
                    }
                    Op::Yield => {
                        ready.push_back(task);
                        break;
                    }
                }
            }
            while let Some(&Reverse((due, _, task))) = timers.peek() {
                if due > now {
                    break;
                }
                timers.pop();
                ready.push_back(task);
            }
        }
        let Some(Reverse((due, _, task))) = timers.pop() else {
            return (end, prints);
        };
        now = now.max(due);
        ready.push_back(task);
    }
}
