//! Checks that need the whole text: unique names, calls that name a helper, no recursion, and helpers
//! that nest at most [`MAX_CALL_DEPTH`] deep.
//!
//! This file owns name resolution; it reads a [`Draft`] and reports errors at the positions the draft
//! recorded. It does not read text and does not build the recipe.

use super::draft::{Draft, Kind, Pos};
use super::error::{ParseError, chain};
use super::limits::MAX_CALL_DEPTH;

/// Every error in the draft's names and calls, in no particular order.
pub(super) fn check(draft: &Draft) -> Vec<ParseError> {
    let mut errors = Vec::new();
    let routines = &draft.routines;

    // Routines by name: the first definition wins, later ones are reported. A list sorted by name
    // (at most `MAX_ROUTINES` long) rather than a hash map, whose hashing code the page would
    // otherwise download for this alone.
    let mut by_name: Vec<(&str, usize)> = Vec::new();
    for (i, routine) in routines.iter().enumerate() {
        let Some(name) = routine.name.as_deref() else {
            continue;
        };
        match by_name.binary_search_by(|(other, _)| other.cmp(&name)) {
            Err(at) => by_name.insert(at, (name, i)),
            Ok(at) => {
                let first = &routines[by_name[at].1];
                errors.push(routine.pos.error(format!(
                    "expected a new name, found `{name}`, which the {} on line {} already has (every task and helper needs its own name)",
                    first.kind.keyword(),
                    first.pos.line
                )));
            }
        }
    }
    let find = |name: &str| {
        by_name
            .binary_search_by(|(other, _)| (*other).cmp(name))
            .ok()
            .map(|at| &by_name[at].1)
    };

    // The call graph: for each routine, the helpers it calls and where.
    let helpers: Vec<&str> = routines
        .iter()
        .filter(|r| r.kind == Kind::Helper)
        .filter_map(|r| r.name.as_deref())
        .collect();
    let mut edges: Vec<Vec<(usize, Pos)>> = vec![Vec::new(); routines.len()];
    for (i, routine) in routines.iter().enumerate() {
        for call in &routine.calls {
            match find(call.name.as_str()) {
                None => errors.push(call.pos.error(unknown_helper(&call.name, &helpers))),
                Some(&j) if routines[j].kind == Kind::Task => errors.push(call.pos.error(format!(
                    "expected the name of a helper after `call`, found `{}`, which is a task (only helpers can be called; `main` starts the tasks)",
                    call.name
                ))),
                Some(&j) => edges[i].push((j, call.pos)),
            }
        }
    }

    let name = |i: usize| routines[i].name.as_deref().unwrap_or("?");
    let (cycles, finished) = find_cycles(&edges);
    for (cycle, pos) in &cycles {
        let names: Vec<&str> = cycle.iter().map(|&i| name(i)).collect();
        errors.push(pos.error(format!(
            "expected a call to a helper that does not call back, found a recursive call: {} (a helper cannot call itself, directly or through other helpers)",
            chain(&names)
        )));
    }
    if cycles.is_empty() {
        errors.extend(too_deep(draft, &edges, &finished));
    }
    errors
}

/// "no helper named `foo`", with the helpers that do exist.
fn unknown_helper(name: &str, helpers: &[&str]) -> String {
    const SHOWN: usize = 8;
    if helpers.is_empty() {
        return format!(
            "no helper named `{name}`: expected the name of a helper, and this recipe has none"
        );
    }
    let mut list: Vec<String> = helpers
        .iter()
        .take(SHOWN)
        .map(|h| format!("`{h}`"))
        .collect();
    if helpers.len() > SHOWN {
        list.push("…".to_owned());
    }
    format!(
        "no helper named `{name}`: expected one of {}",
        list.join(", ")
    )
}

/// Every call that closes a cycle, with the cycle from its first routine back to it, and the routines
/// in the order their searches finished (callees before callers when there is no cycle).
///
/// An iterative depth-first search: no recursion, so no text can overflow the stack, and each routine
/// and call is visited once.
fn find_cycles(edges: &[Vec<(usize, Pos)>]) -> (Vec<(Vec<usize>, Pos)>, Vec<usize>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Seen {
        New,
        OnPath(usize),
        Done,
    }
    let mut seen = vec![Seen::New; edges.len()];
    let mut cycles = Vec::new();
    let mut finished = Vec::with_capacity(edges.len());
    // The current path of routines, each with the index of its next call to follow.
    let mut path: Vec<(usize, usize)> = Vec::new();
    for root in 0..edges.len() {
        if seen[root] != Seen::New {
            continue;
        }
        seen[root] = Seen::OnPath(0);
        path.push((root, 0));
        while let Some(&mut (routine, ref mut next)) = path.last_mut() {
            let Some(&(callee, pos)) = edges[routine].get(*next) else {
                seen[routine] = Seen::Done;
                finished.push(routine);
                path.pop();
                continue;
            };
            *next += 1;
            match seen[callee] {
                Seen::New => {
                    seen[callee] = Seen::OnPath(path.len());
                    path.push((callee, 0));
                }
                Seen::OnPath(at) => {
                    let mut cycle: Vec<usize> = path[at..].iter().map(|&(r, _)| r).collect();
                    cycle.push(callee);
                    cycles.push((cycle, pos));
                }
                Seen::Done => {}
            }
        }
    }
    (cycles, finished)
}

/// Reports, for every helper whose deepest chain of calls is one helper too many, the call that starts
/// that chain. Following the deepest callee down from any chain that is too deep passes through
/// exactly one such helper, so each over-deep chain is reported once, where it crosses the limit.
fn too_deep(draft: &Draft, edges: &[Vec<(usize, Pos)>], finished: &[usize]) -> Vec<ParseError> {
    let routines = &draft.routines;
    // Helpers nested at and below each routine, itself included; callees finish before their callers.
    let mut depth = vec![0usize; routines.len()];
    for &r in finished {
        let below = edges[r].iter().map(|&(c, _)| depth[c]).max().unwrap_or(0);
        depth[r] = below + usize::from(routines[r].kind == Kind::Helper);
    }
    // The first call to a deepest callee, so that an error points at the earliest such call.
    let deepest = |r: usize| {
        let mut best: Option<(usize, Pos)> = None;
        for &(callee, pos) in &edges[r] {
            if best.is_none_or(|(b, _)| depth[callee] > depth[b]) {
                best = Some((callee, pos));
            }
        }
        best
    };
    let mut errors = Vec::new();
    for (r, routine) in routines.iter().enumerate() {
        if routine.kind != Kind::Helper || depth[r] != MAX_CALL_DEPTH + 1 {
            continue;
        }
        let Some((_, pos)) = deepest(r) else {
            continue;
        };
        let mut names = vec![routine.name.as_deref().unwrap_or("?")];
        let mut at = r;
        while let Some((callee, _)) = deepest(at) {
            names.push(routines[callee].name.as_deref().unwrap_or("?"));
            at = callee;
        }
        errors.push(pos.error(format!(
            "expected helpers nested at most {MAX_CALL_DEPTH} deep, found {} deep: {}",
            names.len(),
            chain(&names)
        )));
    }
    errors
}
