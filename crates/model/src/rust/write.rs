//! A read program written as the Rust a learner of the async chapter of *The Rust Programming
//! Language* would write, in the subset [`crate::rust::read`] reads: the Rust tab beside a
//! learner's Python, and a learner's own Rust written back as the page understood it.
//!
//! This file owns one translation, from a [`Program`] and its [`Drawn`] lanes to a [`CodeView`],
//! and one promise about it: reading the text back gives the same program, which then prints the
//! same lines and takes the same time (the tests hold every corpus program to that). Where
//! `python::as_rust` writes the page's own executor code, this writes what a learner writes:
//! `trpl::run(async { … })` for `asyncio.run`, `trpl::spawn_task` for `create_task`, `trpl::join!`
//! for `gather`, `trpl::sleep(Duration::from_millis(…)).await` for `asyncio.sleep`, `Instant::now()`
//! for a clock reading.
//!
//! The rules it follows:
//!
//! - **A function per distinct call.** The readers bind each call's arguments, so
//!   `sleep_and_print(3)` and `sleep_and_print(6)` are two routines. Calls of one function that do
//!   the same are one `fn` without the arguments that change nothing; calls that differ only
//!   where an argument shows (a sleep's length, a printed name) are one `fn` with those
//!   parameters, which each call's own steps are checked to come out of; any others are numbered
//!   (`cook_2`), with a comment giving the calls. Functions come callees first, `main` last.
//! - **Every step has its line**, one per step, for every lane that runs it: a routine's steps are
//!   those of its helper and of every task lane that runs it, so the stage's cursor marks the Rust
//!   as it marks the learner's text.
//! - **Clock readings are `Instant`s**: `let t0 = Instant::now();`, a time printed as the
//!   `Duration` between two readings (`{:?}` of `t1 - t0`, or `{:.2}` of its `as_secs_f64()`), a
//!   reading a function prints without taking it passed to it as a parameter.
//! - **What Rust cannot say is not written**: worker processes, exceptions (the reader has no
//!   `panic!`), a clock reading printed as a date, a reading one function takes and another
//!   prints, a notebook cell that awaits and leaves tasks running, a function that calls itself.
//!   Such a program's view is one comment line that says why, with no step on it, never code
//!   that would run otherwise.
//! - **A `gather` is a join where it can be**: its futures inside `trpl::join!` when its tasks
//!   were started just before it and nothing else runs meanwhile (a join's futures are polled by
//!   `main` itself, spawned tasks after it); otherwise its tasks are spawned and their handles
//!   awaited in turn, which wakes `main` when the last ends, as the gather did.
//!
//! The page runs what this writes by Tokio's rules, where a Python program ran by asyncio's; the
//! header says so. Nothing here runs anything.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::code::names::{RUST_KEYWORDS, identifier};
use crate::code::rust::format_literal;
use crate::code::writer::Writer;
use crate::code::{CodeView, Language};
use crate::python::ast::BinOp;
use crate::python::asyncio::{MASK, masked};
use crate::python::drawn::Drawn;
use crate::python::program::{
    Action, Clock, Dropped, How, Join, Measured, Op, Piece, Program, Rules, Show, Step,
};
use crate::python::value::Value;
use crate::recipe::{Routine as Lane, StepId};
use crate::rust::fmt::{Shown, Spec};
use crate::text::limits::MAX_TEXT_BYTES;

/// The Rust a learner would write for `program`, drawn as `drawn`, with the line of every step;
/// or, for a program the page's Rust cannot express, a comment at the top that says why.
pub fn write(program: &Program, drawn: &Drawn) -> CodeView {
    let written = Plan::of(program, drawn).map(|plan| plan.write()).and_then(|view| {
        // Every step has a line of its own, for the cursor: ten thousand timers are ten thousand
        // lines, past what the page reads back. Said rather than shown unreadable.
        if view.text.len() > MAX_TEXT_BYTES {
            return Err(format!(
                "written a step a line, it would be {} KiB, past the {} KiB the page reads; the \
                 code panel's Rust view writes it with loops",
                view.text.len().div_ceil(1024),
                MAX_TEXT_BYTES / 1024
            ));
        }
        Ok(view)
    });
    written.unwrap_or_else(|why| {
        let mut w = Writer::new(Language::Rust);
        w.comment(0, &format!("Not written in Rust: {why}."));
        w.finish()
    })
}

/// Why a program is not written: what it does that the page's Rust cannot say.
type Why = String;

/// A statement and its trailing comment.
type Line = (String, Option<String>);

/// A value a routine was called with, as its call's text shows it.
#[derive(Clone, Debug, PartialEq)]
enum Arg {
    Int(i64),
    Float(f64),
    Str(String),
    /// Anything else (a list, a clock value, a `Duration`): never a parameter.
    Other(String),
}

/// What Rust type a parameter is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Unsigned,
    Signed,
    Float,
    Str,
}

/// A parameter of a written function: which of the call's arguments it is, and its type.
#[derive(Clone, Debug)]
struct Param {
    name: String,
    position: usize,
    kind: Kind,
}

/// One function of the view: the routines it stands for, written once.
#[derive(Clone, Debug)]
struct Fun {
    name: String,
    is_async: bool,
    /// Its value parameters, in the order of the call's arguments.
    params: Vec<Param>,
    /// How many clock readings it is passed (the `Instant` parameters, after the values).
    instants: usize,
    body: Vec<Line>,
    routines: Vec<usize>,
    /// A comment above it: the calls it stands for, when its own call leaves arguments out.
    note: Option<String>,
    /// For an empty function written for a coroutine never awaited, the coroutine's name.
    dropped: Option<String>,
}

/// What the writer knows of a routine beyond the program.
#[derive(Clone, Debug, Default)]
struct Info {
    args: Vec<Arg>,
    /// The readings it prints (itself or through its callees) without taking them.
    free: Vec<usize>,
    /// Its name for every reading it sees: the free ones (`start`), its own (`now`).
    names: BTreeMap<usize, String>,
}

/// Where a function's body sees its names: the readings, and its parameters with this call's
/// values.
struct Scope<'s> {
    names: &'s BTreeMap<usize, String>,
    params: Vec<(String, Arg)>,
    /// Whether a wait's length may be written from a parameter: not for a function called once,
    /// whose one call cannot show that its wait follows from its argument.
    durations: bool,
}

/// A block of `main`: plain code, or the future `trpl::run` runs (ending with the op that ends
/// it, or at the end of a notebook cell, which has none).
#[derive(Clone, Debug)]
enum Block {
    Plain(std::ops::Range<usize>),
    Run(std::ops::Range<usize>, Option<usize>),
}

/// Everything decided before a line is written.
struct Plan<'p> {
    program: &'p Program,
    drawn: &'p Drawn,
    infos: Vec<Info>,
    funs: Vec<Fun>,
    fun_of: Vec<usize>,
    blocks: Vec<Block>,
    /// For each join op of the top, which of its members are written as futures inside it (the
    /// tasks started just before it); the others are the handles of tasks spawned earlier.
    joins: BTreeMap<usize, Vec<bool>>,
    /// Each task's start, and the op that awaits it, if one does.
    starts: BTreeMap<usize, usize>,
    awaits: BTreeMap<usize, usize>,
    /// For each op of the top, how many event loops ended before it.
    loops_before: Vec<usize>,
    /// Tasks started inside a join, with no line of their own.
    started_in_join: BTreeSet<usize>,
    /// Tasks whose handle is awaited, so their spawn binds it.
    awaited: BTreeSet<usize>,
    /// Whether the program reads a clock, times a wait, or works.
    uses_instant: bool,
    uses_duration: bool,
    uses_work: bool,
}

impl<'p> Plan<'p> {
    fn of(program: &'p Program, drawn: &'p Drawn) -> Result<Plan<'p>, Why> {
        refusals(program)?;
        let order = names_callees_first(program)?;
        let mut plan = Plan {
            program,
            drawn,
            infos: vec![Info::default(); program.routines.len()],
            funs: Vec::new(),
            fun_of: vec![usize::MAX; program.routines.len()],
            blocks: Vec::new(),
            joins: BTreeMap::new(),
            starts: BTreeMap::new(),
            awaits: BTreeMap::new(),
            loops_before: Vec::new(),
            started_in_join: BTreeSet::new(),
            awaited: BTreeSet::new(),
            uses_instant: program.clocks > 0,
            uses_duration: false,
            uses_work: false,
        };
        plan.uses();
        plan.readings()?;
        let source = drawn.code.text.as_str();
        for (r, info) in plan.infos.iter_mut().enumerate() {
            info.args = args_of(&program.routines[r].call, &program.routines[r].name);
        }
        let mut taken: BTreeSet<String> = BTreeSet::new();
        plan.dropped_functions(&mut taken);
        for set in &order {
            plan.functions(set, source, &mut taken)?;
        }
        plan.layout()?;
        plan.check_main_steps()?;
        Ok(plan)
    }

    /// Which of Rust's names the program needs imported or explained.
    fn uses(&mut self) {
        for step in all_steps(self.program) {
            match step.action {
                Action::Work(_) => {
                    self.uses_work = true;
                    self.uses_duration = true;
                }
                Action::Sleep(_) | Action::Block(_) | Action::Dropped(Dropped::Sleep(_)) => {
                    self.uses_duration = true;
                }
                _ => {}
            }
        }
    }

    /// Where each reading is taken and printed: every routine's free readings (passed to it by
    /// its caller) and its names for them. A reading one function takes and another prints is
    /// refused: Rust would have to return it, which the page's reading does not follow.
    fn readings(&mut self) -> Result<(), Why> {
        let program = self.program;
        let mut taken_in: Vec<Option<usize>> = vec![None; program.clocks];
        let mut used = vec![false; program.clocks];
        for (r, routine) in program.routines.iter().enumerate() {
            for step in &routine.steps {
                match &step.action {
                    Action::Clock(slot, _) => {
                        if let Some(t) = taken_in.get_mut(*slot) {
                            *t = Some(r);
                        }
                    }
                    Action::Print(pieces) => mark_slots(pieces, &mut used),
                    _ => {}
                }
            }
        }
        for op in &program.main {
            if let Op::Step(Step {
                action: Action::Print(pieces),
                ..
            }) = op
            {
                let mut seen = vec![false; program.clocks];
                mark_slots(pieces, &mut seen);
                if seen
                    .iter()
                    .enumerate()
                    .any(|(s, &seen)| seen && taken_in[s].is_some())
                {
                    return Err(
                        "its top prints a clock reading a function took, which Rust \
                                would have to return from it"
                            .to_owned(),
                    );
                }
                mark_slots(pieces, &mut used);
            }
        }
        // Each routine's free readings, callees first, as the calls pass them on.
        let order = program.callees_first();
        for &r in &order {
            let mut read = BTreeSet::new();
            let mut wanted = BTreeSet::new();
            for step in &program.routines[r].steps {
                match &step.action {
                    Action::Clock(slot, _) => {
                        read.insert(*slot);
                    }
                    Action::Print(pieces) => {
                        let mut seen = vec![false; program.clocks];
                        mark_slots(pieces, &mut seen);
                        wanted.extend(seen.iter().enumerate().filter(|(_, s)| **s).map(|(i, _)| i));
                    }
                    Action::Call(callee) => {
                        wanted.extend(self.infos[*callee].free.iter().copied());
                    }
                    _ => {}
                }
            }
            let free: Vec<usize> = wanted.difference(&read).copied().collect();
            if free.iter().any(|&s| taken_in[s].is_some()) {
                return Err(
                    "a function prints a clock reading another function took, which Rust would \
                     have to pass between them"
                        .to_owned(),
                );
            }
            let mut names = BTreeMap::new();
            for (k, &slot) in free.iter().enumerate() {
                names.insert(slot, numbered("start", k));
            }
            let mut own = 0;
            for step in &program.routines[r].steps {
                if let Action::Clock(slot, _) = step.action {
                    let name = numbered("now", own);
                    own += 1;
                    let unused = !used.get(slot).copied().unwrap_or(false);
                    names.insert(slot, if unused { format!("_{name}") } else { name });
                }
            }
            self.infos[r].free = free;
            self.infos[r].names = names;
        }
        Ok(())
    }

    /// The functions of one set of routines (one function's calls, all of one kind): one, one
    /// with parameters, or one per different body.
    fn functions(
        &mut self,
        set: &[usize],
        source: &str,
        taken: &mut BTreeSet<String>,
    ) -> Result<(), Why> {
        let program = self.program;
        let first = &program.routines[set[0]];
        // The calls that do the same, found by their bodies written without parameters, in the
        // order of their first calls.
        let mut same: Vec<(Vec<Line>, usize, Vec<usize>)> = Vec::new();
        let mut index: BTreeMap<(Vec<Line>, usize), usize> = BTreeMap::new();
        for &r in set {
            let scope = Scope {
                names: &self.infos[r].names,
                params: Vec::new(),
                durations: false,
            };
            let key = (self.body(r, &scope)?, self.infos[r].free.len());
            match index.get(&key) {
                Some(&g) => same[g].2.push(r),
                None => {
                    index.insert(key.clone(), same.len());
                    same.push((key.0, key.1, vec![r]));
                }
            }
        }
        // A function called once keeps the arguments its prints show; calls that all do the same
        // need none; calls that differ are one function if their arguments account for it.
        let parameters = match (set.len(), same.len()) {
            (1, _) => self.parameters(set, source).filter(|(_, p)| !p.is_empty()),
            (_, 1) => None,
            _ => self.parameters(set, source),
        };
        let bases: Vec<String> = if let Some((body, params)) = parameters {
            let name = fresh(&first.name, 0, taken, &self.funs);
            let instants = self.infos[set[0]].free.len();
            self.push_fun(Fun {
                name,
                is_async: first.is_async,
                params,
                instants,
                body,
                routines: set.to_vec(),
                note: None,
                dropped: None,
            });
            return Ok(());
        } else if same.len() == 1 {
            vec![fresh(&first.name, 0, taken, &self.funs)]
        } else {
            (0..same.len())
                .map(|k| fresh(&first.name, k, taken, &self.funs))
                .collect()
        };
        for ((body, instants, routines), name) in same.into_iter().zip(bases) {
            let note = self.calls_note(&routines);
            self.push_fun(Fun {
                name,
                is_async: first.is_async,
                params: Vec::new(),
                instants,
                body,
                routines,
                note,
                dropped: None,
            });
        }
        Ok(())
    }

    fn push_fun(&mut self, fun: Fun) {
        let index = self.funs.len();
        for &r in &fun.routines {
            self.fun_of[r] = index;
        }
        self.funs.push(fun);
    }

    /// A comment giving the calls a function stands for, when its own call leaves out arguments.
    fn calls_note(&self, routines: &[usize]) -> Option<String> {
        let program = self.program;
        let calls: Vec<&str> = routines
            .iter()
            .map(|&r| program.routines[r].call.as_str())
            .collect();
        if calls.iter().all(|c| c.ends_with("()") || !c.ends_with(')')) {
            if calls.iter().all(|c| *c == "async { … }") {
                let r = &program.routines[routines[0]];
                return Some(format!("The async block at line {}.", r.def_line));
            }
            return None;
        }
        let mut distinct: Vec<&str> = Vec::new();
        for call in calls {
            if !distinct.contains(&call) {
                distinct.push(call);
            }
        }
        let shown: Vec<&str> = distinct.iter().take(3).copied().collect();
        let mut text = shown.join(", ");
        if distinct.len() > shown.len() {
            let _ = write!(text, " and {} more", distinct.len() - shown.len());
        }
        Some(text)
    }

    /// One function with parameters for calls whose bodies differ only where their arguments
    /// show: its body and parameters, if every call's own steps come out of it.
    fn parameters(&self, set: &[usize], source: &str) -> Option<(Vec<Line>, Vec<Param>)> {
        let program = self.program;
        let count = self.infos[set[0]].args.len();
        let steps = program.routines[set[0]].steps.len();
        let free = self.infos[set[0]].free.len();
        if set.iter().any(|&r| {
            self.infos[r].args.len() != count
                || program.routines[r].steps.len() != steps
                || self.infos[r].free.len() != free
        }) {
            return None;
        }
        // The arguments that are numbers or text are the parameters, typed by their values.
        let mut params = Vec::new();
        let names = param_names(source, &program.routines[set[0]], count);
        for position in 0..count {
            let values: Vec<&Arg> = set.iter().map(|&r| &self.infos[r].args[position]).collect();
            let Some(kind) = kind_of(&values) else {
                if values.iter().all(|v| *v == values[0]) {
                    continue;
                }
                return None;
            };
            let name = names
                .get(position)
                .filter(|n| !self.clashes(n))
                .cloned()
                .unwrap_or_else(|| format!("arg_{}", position + 1));
            params.push(Param {
                name,
                position,
                kind,
            });
        }
        let scopes: Vec<Scope> = set
            .iter()
            .map(|&r| Scope {
                names: &self.infos[r].names,
                params: params
                    .iter()
                    .map(|p| {
                        (
                            p.name.clone(),
                            typed(&self.infos[r].args[p.position], p.kind),
                        )
                    })
                    .collect(),
                durations: set.len() > 1,
            })
            .collect();
        let mut body = Vec::new();
        for index in 0..steps {
            let mut options: Option<Vec<Line>> = None;
            for (&r, scope) in set.iter().zip(&scopes) {
                let step = &program.routines[r].steps[index];
                let mine = self.candidates(&step.action, scope).ok()?;
                options = Some(match options {
                    None => mine,
                    Some(kept) => kept.into_iter().filter(|o| mine.contains(o)).collect(),
                });
            }
            body.push(options?.into_iter().next()?);
        }
        // A parameter no statement uses is left out.
        params.retain(|p| body.iter().any(|(code, _)| uses_name(code, &p.name)));
        Some((body, params))
    }

    /// Whether a parameter's name would hide a name the code uses.
    fn clashes(&self, name: &str) -> bool {
        reserved(name)
            || self.funs.iter().any(|f| f.name == name)
            || name.starts_with("start")
            || name.starts_with("now")
            || name.starts_with("_now")
            || name.starts_with("arg_")
    }

    /// A routine's body, each step written once, without parameters.
    fn body(&self, r: usize, scope: &Scope) -> Result<Vec<Line>, Why> {
        self.program.routines[r]
            .steps
            .iter()
            .map(|step| {
                let mut options = self.candidates(&step.action, scope)?;
                Ok(options.remove(0))
            })
            .collect()
    }

    /// The ways to write a step in `scope`, those using its parameters first; the last uses none.
    fn candidates(&self, action: &Action, scope: &Scope) -> Result<Vec<Line>, Why> {
        let plain = |code: String| Ok(vec![(code, None)]);
        let durations = |seconds: f64| {
            let mut out: Vec<String> = Vec::new();
            let params = scope.params.iter().filter(|_| scope.durations);
            for (name, value) in params {
                match value {
                    Arg::Int(v) if *v > 0 => {
                        let v = *v as f64;
                        if v == seconds {
                            out.push(format!("Duration::from_secs({name})"));
                        }
                        if v / 1000.0 == seconds {
                            out.push(format!("Duration::from_millis({name})"));
                        }
                        // A length in tens, hundreds or thousands of milliseconds per unit.
                        for k in [10u32, 100, 1000] {
                            if v * f64::from(k) / 1000.0 == seconds {
                                out.push(format!("Duration::from_millis({name} * {k})"));
                            }
                        }
                    }
                    Arg::Float(v) if *v == seconds => {
                        out.push(format!("Duration::from_secs_f64({name})"));
                    }
                    _ => {}
                }
            }
            out.push(duration(seconds));
            out
        };
        let each = |seconds: f64, shape: &dyn Fn(String) -> String, comment: Option<&str>| {
            Ok(durations(seconds)
                .into_iter()
                .map(|d| (shape(d), comment.map(str::to_owned)))
                .collect())
        };
        match action {
            Action::Work(x) => each(*x, &|d| format!("work({d});"), None),
            Action::Sleep(x) => each(*x, &|d| format!("trpl::sleep({d}).await;"), None),
            Action::Block(x) => each(*x, &|d| format!("std::thread::sleep({d});"), None),
            Action::Dropped(Dropped::Sleep(x)) => each(
                *x,
                &|d| format!("trpl::sleep({d});"),
                Some("no .await: the future is dropped unpolled, and nothing waits"),
            ),
            Action::Yield => plain("trpl::yield_now().await;".to_owned()),
            Action::Clock(slot, _) => {
                let name = scope.names.get(slot).ok_or_else(lost_reading)?;
                plain(format!("let {name} = Instant::now();"))
            }
            Action::Print(pieces) => {
                let mut subsets: Vec<Vec<usize>> = vec![(0..scope.params.len()).collect()];
                if scope.params.len() > 1 {
                    subsets.extend((0..scope.params.len()).map(|p| vec![p]));
                }
                if !scope.params.is_empty() {
                    subsets.push(Vec::new());
                }
                let mut out = Vec::new();
                for subset in subsets {
                    let line = (print(pieces, scope, &subset)?, None);
                    if !out.contains(&line) {
                        out.push(line);
                    }
                }
                Ok(out)
            }
            Action::Call(callee) => Ok(self
                .calls(*callee, scope)?
                .into_iter()
                .map(|call| {
                    let awaits = self.program.routines[*callee].is_async;
                    (
                        format!("{call}{};", if awaits { ".await" } else { "" }),
                        None,
                    )
                })
                .collect()),
            Action::Dropped(Dropped::Coroutine(name)) => {
                let code = self.dropped_call(name)?;
                plain_with(
                    format!("{code};"),
                    "no .await: the future is dropped unpolled, and none of it runs",
                )
            }
            Action::Raise(_) => Err("it raises an exception".to_owned()),
        }
    }

    /// The ways to write a call of routine `callee` from `scope`: its function, with each
    /// argument written as a literal or as one of the caller's parameters of the same value.
    fn calls(&self, callee: usize, scope: &Scope) -> Result<Vec<String>, Why> {
        let fun = self
            .funs
            .get(self.fun_of[callee])
            .ok_or_else(lost_reading)?;
        let info = &self.infos[callee];
        let mut choices: Vec<Vec<String>> = Vec::new();
        for param in &fun.params {
            let value = typed(&info.args[param.position], param.kind);
            let mut options: Vec<String> = scope
                .params
                .iter()
                .filter(|(_, v)| *v == value)
                .map(|(n, _)| n.clone())
                .collect();
            options.push(literal(&value));
            choices.push(options);
        }
        for slot in &info.free {
            let name = scope.names.get(slot).ok_or_else(lost_reading)?;
            choices.push(vec![name.clone()]);
        }
        // Every combination, up to a bound no program of the page's size reaches in practice.
        let mut out: Vec<Vec<String>> = vec![Vec::new()];
        for options in choices {
            let mut next = Vec::new();
            for done in &out {
                for option in &options {
                    if next.len() < 64 {
                        let mut more = done.clone();
                        more.push(option.clone());
                        next.push(more);
                    }
                }
            }
            out = next;
        }
        Ok(out
            .into_iter()
            .map(|args| format!("{}({})", fun.name, args.join(", ")))
            .collect())
    }

    /// A call of the function named `name` that a program made and never awaited: the function
    /// its other calls are written as, or the empty one written for it.
    fn dropped_call(&self, name: &str) -> Result<String, Why> {
        if self.program.rules == Rules::Tokio {
            match name {
                "async block" => return Ok("async {}".to_owned()),
                "yield_now" => return Ok("trpl::yield_now()".to_owned()),
                "join" => return Ok("trpl::join(async {}, async {})".to_owned()),
                _ => {}
            }
        }
        let fun = self.funs.iter().find(|f| match f.routines.first() {
            Some(&r) => self.program.routines[r].name == name,
            None => f.dropped.as_deref() == Some(name),
        });
        match fun {
            Some(f) if f.params.is_empty() && f.instants == 0 => Ok(format!("{}()", f.name)),
            _ => Err(format!(
                "it leaves a call of {name} unawaited whose arguments the page did not keep"
            )),
        }
    }

    /// The empty `async fn`s of coroutines a program made and never awaited and never ran
    /// otherwise, whose bodies the page never read.
    fn dropped_functions(&mut self, taken: &mut BTreeSet<String>) {
        let program = self.program;
        let mut names: Vec<&str> = Vec::new();
        for step in all_steps(program) {
            if let Action::Dropped(Dropped::Coroutine(name)) = &step.action {
                let library = program.rules == Rules::Tokio
                    && matches!(name.as_str(), "async block" | "yield_now" | "join");
                let run = program.routines.iter().any(|r| r.name == *name);
                if !library && !run && !names.contains(&name.as_str()) {
                    names.push(name);
                }
            }
        }
        for name in names {
            let fun = Fun {
                name: fresh(name, 0, taken, &self.funs),
                is_async: true,
                params: Vec::new(),
                instants: 0,
                body: Vec::new(),
                routines: Vec::new(),
                note: Some(format!(
                    "{name} is never awaited: its body never runs, so it is left out."
                )),
                dropped: Some(name.to_owned()),
            };
            self.funs.push(fun);
        }
    }

    /// Whether every step of the top can be written.
    fn check_main_steps(&self) -> Result<(), Why> {
        let names = self.main_names();
        let scope = Scope {
            names: &names,
            params: Vec::new(),
            durations: false,
        };
        for op in &self.program.main {
            if let Op::Step(step) = op {
                self.candidates(&step.action, &scope)?;
            }
        }
        Ok(())
    }

    /// `main`'s blocks, its joins, and which handles are awaited, checked against what Rust can
    /// say: a task awaited once, a reading taken before it is used and where it is seen.
    fn layout(&mut self) -> Result<(), Why> {
        let program = self.program;
        let main = &program.main;
        let ends: Vec<usize> = main
            .iter()
            .enumerate()
            .filter(|(_, op)| matches!(op, Op::EndLoop(_)))
            .map(|(i, _)| i)
            .collect();
        let mut from = 0;
        for &end in &ends {
            let start = self.loop_start(from, end);
            if start > from {
                self.blocks.push(Block::Plain(from..start));
            }
            self.blocks.push(Block::Run(start..end, Some(end)));
            from = end + 1;
        }
        let rest = from..main.len();
        if rest.clone().any(|i| self.needs_async(&main[i])) {
            if !program.notebook {
                return Err("its top awaits outside any event loop".to_owned());
            }
            self.blocks.push(Block::Run(rest, None));
        } else if !rest.is_empty() {
            self.blocks.push(Block::Plain(rest));
        }
        // Every handle awaited at most once: Rust's `JoinHandle` is gone once awaited.
        let mut loops = 0;
        for (i, op) in main.iter().enumerate() {
            self.loops_before.push(loops);
            match op {
                Op::Await(members, _, _) => {
                    for &t in members {
                        if self.awaits.insert(t, i).is_some() {
                            return Err("it awaits one task twice, where Rust's handle is gone \
                                        once awaited"
                                .to_owned());
                        }
                    }
                }
                Op::Start(t, _) => {
                    self.starts.insert(*t, i);
                }
                Op::EndLoop(_) => loops += 1,
                _ => {}
            }
        }
        self.loops_before.push(loops);
        for (i, op) in main.iter().enumerate() {
            let Op::Await(members, join, _) = op else {
                continue;
            };
            if *join == Join::Task {
                continue;
            }
            let inline = self.join_plan(i, members, *join);
            for (&t, &inline) in members.iter().zip(&inline) {
                if inline {
                    self.started_in_join.insert(t);
                }
            }
            self.joins.insert(i, inline);
        }
        let (starts, awaits) = (&self.starts, &self.awaits);
        for (i, op) in main.iter().enumerate() {
            if let Op::Await(members, _, _) = op {
                for &t in members {
                    if !self.started_in_join.contains(&t) {
                        self.awaited.insert(t);
                    }
                    if starts.get(&t).is_none_or(|&s| s > i) {
                        return Err("it awaits a task it has not started".to_owned());
                    }
                }
            }
        }
        if self.blocks.iter().any(|b| matches!(b, Block::Run(_, None))) {
            let pending = starts.keys().any(|t| !awaits.contains_key(t));
            if pending {
                return Err(
                    "it is a notebook cell that awaits and leaves tasks running, which Jupyter's \
                     loop goes on running after the cell, where a Rust runtime would drop them"
                        .to_owned(),
                );
            }
        }
        for block in &self.blocks {
            if let Block::Plain(range) = block {
                for i in range.clone() {
                    if let Op::Start(t, _) = main[i]
                        && awaits.contains_key(&t)
                    {
                        return Err("it awaits a task outside its event loop".to_owned());
                    }
                }
            }
        }
        self.check_scopes()
    }

    /// Where the future `trpl::run` runs begins in `from..end`: where the coroutine the loop
    /// runs begins (the reader's inlined call), or at the first op that awaits, whichever comes
    /// first; a program read from Rust runs all of it there, as its own `main` did.
    fn loop_start(&self, from: usize, end: usize) -> usize {
        if self.program.rules == Rules::Tokio {
            return from;
        }
        let inlined = self
            .program
            .inlined
            .iter()
            .filter(|c| c.start >= from && c.end <= end)
            .map(|c| c.start)
            .min()
            .unwrap_or(end);
        let awaits = (from..end)
            .find(|&i| self.needs_async(&self.program.main[i]))
            .unwrap_or(end);
        inlined.min(awaits)
    }

    /// Whether an op of the top can only be written in async code.
    fn needs_async(&self, op: &Op) -> bool {
        let is_async = |r: usize| self.program.routines.get(r).is_some_and(|r| r.is_async);
        match op {
            Op::Step(step) => match step.action {
                Action::Sleep(_) | Action::Yield => true,
                Action::Call(r) => is_async(r),
                _ => false,
            },
            Op::Run(t, _) => self
                .program
                .tasks
                .get(*t)
                .is_some_and(|task| is_async(task.routine)),
            Op::Await(..) => true,
            // A task started in plain code is a browser's local task (`spawn_local`), which
            // runs after `main` returns; one started by asyncio's loop is the loop's.
            Op::Start(..) => self.program.rules == Rules::Asyncio && !self.program.notebook,
            Op::EndLoop(_) => false,
        }
    }

    /// Which members of the join at op `at` are written as futures inside it: the tasks started
    /// just before it, in its order. A `gather` (or `TaskGroup`) is written so only when all its
    /// tasks are, and no other task runs meanwhile: the join's futures are polled by `main`
    /// itself, and spawned tasks take their turns after it. Otherwise its tasks are spawned and
    /// their handles awaited in turn.
    fn join_plan(&self, at: usize, members: &[usize], join: Join) -> Vec<bool> {
        let main = &self.program.main;
        let mut inline = vec![false; members.len()];
        let mut i = at;
        let mut k = members.len();
        while i > 0 && k > 0 {
            let Op::Start(t, _) = main[i - 1] else {
                break;
            };
            let Some(position) = members[..k].iter().rposition(|&m| m == t) else {
                break;
            };
            if self
                .program
                .tasks
                .get(t)
                .is_none_or(|task| task.how != How::Task)
            {
                break;
            }
            inline[position] = true;
            k = position;
            i -= 1;
        }
        if matches!(join, Join::Gather | Join::Group) {
            let first = i;
            let alone = self.starts.iter().all(|(t, &s)| {
                s >= first
                    || self.awaits.get(t).is_some_and(|&a| a < first)
                    || self.loops_before[s] < self.loops_before[first]
            });
            if !(alone && inline.iter().all(|&x| x)) {
                inline = vec![false; members.len()];
            }
        }
        inline
    }

    /// Whether every reading the top uses, itself or through a task it starts, is taken before
    /// and seen where it is used: a reading taken in `trpl::run`'s future is that future's.
    fn check_scopes(&self) -> Result<(), Why> {
        let program = self.program;
        let block_of = |i: usize| {
            self.blocks.iter().position(|b| match b {
                Block::Plain(r) => r.contains(&i),
                Block::Run(r, end) => r.contains(&i) || *end == Some(i),
            })
        };
        let plain = |b: Option<usize>| b.is_some_and(|b| matches!(self.blocks[b], Block::Plain(_)));
        let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
        for (i, op) in program.main.iter().enumerate() {
            let mut wanted: Vec<usize> = Vec::new();
            match op {
                Op::Step(step) => match &step.action {
                    Action::Clock(slot, _) => {
                        taken.insert(*slot, i);
                    }
                    Action::Print(pieces) => {
                        let mut seen = vec![false; program.clocks];
                        mark_slots(pieces, &mut seen);
                        wanted.extend((0..seen.len()).filter(|&s| seen[s]));
                    }
                    Action::Call(r) => wanted.extend(self.infos[*r].free.iter().copied()),
                    _ => {}
                },
                Op::Start(t, _) | Op::Run(t, _) => {
                    if let Some(task) = program.tasks.get(*t) {
                        wanted.extend(self.infos[task.routine].free.iter().copied());
                    }
                }
                Op::Await(..) | Op::EndLoop(_) => {}
            }
            for slot in wanted {
                let seen = taken.get(&slot).is_some_and(|&at| {
                    let (read, here) = (block_of(at), block_of(i));
                    plain(read) || read == here
                });
                if !seen {
                    return Err(
                        "it uses a clock reading where Rust would not see it (taken later, or \
                         inside the event loop and used after it)"
                            .to_owned(),
                    );
                }
            }
        }
        Ok(())
    }

    /// The view: the header, the functions, `main`.
    fn write(&self) -> CodeView {
        let mut w = Writer::new(Language::Rust);
        self.header(&mut w);
        for (g, fun) in self.funs.iter().enumerate() {
            self.function(&mut w, g, fun);
            w.gap();
        }
        self.main(&mut w);
        w.finish()
    }

    /// What the code is, how the page runs it, what its stand-ins mean, and its imports.
    fn header(&self, w: &mut Writer) {
        let program = self.program;
        let is_async = self.blocks.iter().any(|b| matches!(b, Block::Run(..)))
            || program.main.iter().any(|op| matches!(op, Op::Start(..)));
        let lines: &[&str] = match (program.rules, is_async) {
            (Rules::Asyncio, true) => &[
                "The Python program as a learner of Rust's async chapter (trpl) would write it: an",
                "async fn per coroutine, trpl::run for asyncio.run, trpl::spawn_task for create_task,",
                "trpl::join! for gather. The page runs it by Tokio's rules where the Python ran by",
                "asyncio's: the two differ only when two things are ready at the same instant (Tokio",
                "polls main first, and yield_now lets the timers that are due go first).",
            ],
            (Rules::Asyncio, false) => &[
                "The Python program as a learner of Rust would write it: a fn per function, each call",
                "run to its end in its turn, as the Python runs them.",
            ],
            (Rules::Tokio, _) => &[
                "Your Rust as the page reads it, written back: loops unrolled, values computed, one",
                "fn per call that does something different. The page runs it by Tokio's rules.",
            ],
        };
        for line in lines {
            w.comment(0, line);
        }
        if self.uses_work {
            w.comment(
                0,
                "work(d), which the page provides, is CPU-bound work for d: it holds the thread.",
            );
        }
        let prints_times = all_steps(program).any(|s| match &s.action {
            Action::Print(pieces) => pieces.iter().any(|p| matches!(p, Piece::Clock(..))),
            _ => false,
        });
        if prints_times && program.rules == Rules::Asyncio {
            w.comment(
                0,
                "A time prints as the Duration between two Instants ({:?}), where Python printed seconds.",
            );
        }
        let import = match (self.uses_duration, self.uses_instant) {
            (true, true) => Some("use std::time::{Duration, Instant};"),
            (true, false) => Some("use std::time::Duration;"),
            (false, true) => Some("use std::time::Instant;"),
            (false, false) => None,
        };
        if let Some(import) = import {
            w.line(0, "");
            w.line(0, import);
        }
        w.gap();
    }

    /// Function `g`, one line per step, each marked for every lane that runs it.
    fn function(&self, w: &mut Writer, g: usize, fun: &Fun) {
        if let Some(note) = &fun.note {
            w.comment(0, note);
        }
        let mut params: Vec<String> = fun
            .params
            .iter()
            .map(|p| format!("{}: {}", p.name, p.kind.rust()))
            .collect();
        params.extend((0..fun.instants).map(|k| format!("{}: Instant", numbered("start", k))));
        let signature = format!(
            "{}fn {}({})",
            if fun.is_async { "async " } else { "" },
            fun.name,
            params.join(", ")
        );
        if fun.body.is_empty() {
            w.line(0, &format!("{signature} {{}}"));
            return;
        }
        let mut lanes: Vec<Lane> = fun.routines.iter().map(|&r| Lane::Helper(r)).collect();
        for (t, task) in self.program.tasks.iter().enumerate() {
            if let Some(lane) = self.drawn.lanes.get(t).copied().flatten()
                && self.fun_of.get(task.routine) == Some(&g)
            {
                lanes.push(Lane::Task(lane));
            }
        }
        lanes.sort();
        w.line(0, &format!("{signature} {{"));
        for (index, (code, comment)) in fun.body.iter().enumerate() {
            let ids = lanes.iter().map(|&routine| StepId { routine, index });
            w.steps(ids, 1, code, comment.as_deref());
        }
        w.line(0, "}");
    }

    /// `main`: the top's ops in order, the event loop's as `trpl::run`'s future.
    fn main(&self, w: &mut Writer) {
        let program = self.program;
        let starts = program.main.iter().any(|op| matches!(op, Op::Start(..)));
        if program.notebook && self.blocks.iter().any(|b| matches!(b, Block::Run(..))) {
            w.comment(
                0,
                "Your cell awaits, so it is main's future here: trpl::run runs it, as Jupyter's loop ran it.",
            );
        } else if program.notebook && starts {
            w.comment(
                0,
                "Your cell starts tasks and awaits none: spawn_local leaves them to run after main,",
            );
            w.comment(0, "as Jupyter's loop runs them after the cell.");
        }
        if self.blocks.is_empty() {
            w.line(0, "fn main() {}");
            return;
        }
        w.line(0, "fn main() {");
        let names = self.main_names();
        let scope = Scope {
            names: &names,
            params: Vec::new(),
            durations: false,
        };
        for block in &self.blocks {
            match block {
                Block::Plain(range) => {
                    for i in range.clone() {
                        self.op(w, i, 1, &scope, false);
                    }
                }
                Block::Run(range, _) => {
                    // `trpl::run(f())` when the loop runs one coroutine that starts nothing.
                    if let [Op::Run(t, _)] = &program.main[range.clone()]
                        && let Some(task) = program.tasks.get(*t)
                        && program.routines[task.routine].is_async
                    {
                        let code = format!("trpl::run({});", self.task_call(*t, &scope));
                        self.top_step(w, range.start, 1, &code, None);
                        continue;
                    }
                    w.line(1, "trpl::run(async {");
                    for i in range.clone() {
                        self.op(w, i, 2, &scope, true);
                    }
                    if self.pending_at(range.clone()) {
                        let what = if program.rules == Rules::Asyncio {
                            "trpl::run returns here: the tasks still running are dropped, as asyncio.run cancels them."
                        } else {
                            "trpl::run returns here: the tasks still running are dropped."
                        };
                        w.comment(2, what);
                    }
                    w.line(1, "});");
                }
            }
        }
        w.line(0, "}");
    }

    /// Whether a task started in `range` is still running at its end.
    fn pending_at(&self, range: std::ops::Range<usize>) -> bool {
        let main = &self.program.main;
        range.clone().any(|i| match main[i] {
            Op::Start(t, _) => self.awaits.get(&t).is_none_or(|&a| a >= range.end),
            _ => false,
        })
    }

    /// The top's names for its readings: `t0`, or `_t0` for one nothing prints.
    fn main_names(&self) -> BTreeMap<usize, String> {
        let mut used = vec![false; self.program.clocks];
        for op in &self.program.main {
            if let Op::Step(Step {
                action: Action::Print(pieces),
                ..
            }) = op
            {
                mark_slots(pieces, &mut used);
            }
        }
        for info in &self.infos {
            for &slot in &info.free {
                if let Some(u) = used.get_mut(slot) {
                    *u = true;
                }
            }
        }
        (0..self.program.clocks)
            .map(|s| {
                let name = if used[s] {
                    format!("t{s}")
                } else {
                    format!("_t{s}")
                };
                (s, name)
            })
            .collect()
    }

    /// A step of the top's lane on its line, or a line of its own when the drawing has none.
    fn top_step(&self, w: &mut Writer, i: usize, depth: usize, code: &str, comment: Option<&str>) {
        match self.drawn.top_step(i) {
            Some(id) => w.step(id, depth, code, comment),
            None => w.commented(depth, code, comment),
        }
    }

    /// Op `i` of the top, in plain code or in `trpl::run`'s future.
    fn op(&self, w: &mut Writer, i: usize, depth: usize, scope: &Scope, in_run: bool) {
        let program = self.program;
        match &program.main[i] {
            Op::Step(step) => {
                // Checked when planned (`check_main_steps`).
                let (code, comment) = self
                    .candidates(&step.action, scope)
                    .ok()
                    .and_then(|c| c.into_iter().next())
                    .unwrap_or_default();
                self.top_step(w, i, depth, &code, comment.as_deref());
            }
            Op::Run(t, _) => {
                let awaits = program
                    .tasks
                    .get(*t)
                    .is_some_and(|task| program.routines[task.routine].is_async);
                let call = self.task_call(*t, scope);
                let code = format!("{call}{};", if awaits { ".await" } else { "" });
                self.top_step(w, i, depth, &code, None);
            }
            Op::Start(t, _) => {
                if self.started_in_join.contains(t) {
                    return;
                }
                let call = self.task_call(*t, scope);
                let line = if !in_run {
                    format!("wasm_bindgen_futures::spawn_local({call});")
                } else if self.awaited.contains(t) {
                    format!("let task_{t} = trpl::spawn_task({call});")
                } else {
                    format!("trpl::spawn_task({call});")
                };
                w.line(depth, &line);
            }
            Op::Await(members, join, _) => {
                self.await_line(w, i, members, *join, depth, scope);
            }
            Op::EndLoop(_) => {}
        }
    }

    /// The top awaiting tasks: a handle, a join of futures (and handles), or handles in turn.
    fn await_line(
        &self,
        w: &mut Writer,
        i: usize,
        members: &[usize],
        join: Join,
        depth: usize,
        scope: &Scope,
    ) {
        let handle = |t: usize| format!("task_{t}");
        if join == Join::Task || members.is_empty() {
            for &t in members {
                w.line(depth, &format!("{}.await.unwrap();", handle(t)));
            }
            return;
        }
        let inline = self
            .joins
            .get(&i)
            .cloned()
            .unwrap_or_else(|| vec![false; members.len()]);
        let parts: Vec<String> = members
            .iter()
            .zip(&inline)
            .map(|(&t, &inline)| {
                if inline {
                    self.task_call(t, scope)
                } else {
                    handle(t)
                }
            })
            .collect();
        let handles = inline.iter().any(|x| !x);
        // What a `gather` or a `TaskGroup` became, said beside it.
        let comment = match join {
            Join::Gather if handles => Some("the gather: its tasks run meanwhile, awaited in turn"),
            Join::Group if handles => Some("the TaskGroup's end: each task it started, awaited"),
            Join::Group => Some("the TaskGroup: its tasks, joined"),
            _ => None,
        };
        let line = match join {
            Join::Gather | Join::Group if handles => {
                if let [one] = parts.as_slice() {
                    format!("{one}.await.unwrap();")
                } else {
                    format!(
                        "for task in [{}] {{ task.await.unwrap(); }}",
                        parts.join(", ")
                    )
                }
            }
            Join::Rotate if handles => format!("let _ = tokio::join!({});", parts.join(", ")),
            Join::Rotate => format!("tokio::join!({});", parts.join(", ")),
            _ => {
                let same_fn = members
                    .iter()
                    .map(|&t| program_fun(self, t))
                    .collect::<BTreeSet<_>>()
                    .len()
                    == 1;
                let all_handles = inline.iter().all(|x| !x);
                if all_handles || (same_fn && !handles && parts.len() > 3) {
                    format!("trpl::join_all(vec![{}]).await;", parts.join(", "))
                } else if handles {
                    format!("let _ = trpl::join!({});", parts.join(", "))
                } else {
                    format!("trpl::join!({});", parts.join(", "))
                }
            }
        };
        w.commented(depth, &line, comment);
    }

    /// The call that runs task `t`'s routine, with its arguments and the readings it is passed.
    fn task_call(&self, t: usize, scope: &Scope) -> String {
        let Some(task) = self.program.tasks.get(t) else {
            return "missing()".to_owned();
        };
        self.calls(task.routine, scope)
            .ok()
            .and_then(|c| c.into_iter().last())
            .unwrap_or_else(|| "missing()".to_owned())
    }
}

/// The function a task's routine is written as, for telling joins of one function's calls.
fn program_fun(plan: &Plan, t: usize) -> usize {
    plan.program
        .tasks
        .get(t)
        .and_then(|task| plan.fun_of.get(task.routine).copied())
        .unwrap_or(usize::MAX)
}

impl Kind {
    fn rust(self) -> &'static str {
        match self {
            Kind::Unsigned => "u64",
            Kind::Signed => "i64",
            Kind::Float => "f64",
            Kind::Str => "&str",
        }
    }
}

/// Every step of the program: its routines', then its top's own.
fn all_steps(program: &Program) -> impl Iterator<Item = &Step> {
    let own = program.main.iter().filter_map(|op| match op {
        Op::Step(step) => Some(step),
        _ => None,
    });
    program.routines.iter().flat_map(|r| &r.steps).chain(own)
}

/// What the writer refuses outright: what Rust's async chapter has no counterpart for.
fn refusals(program: &Program) -> Result<(), Why> {
    if program.tasks.iter().any(|t| t.how == How::Process) {
        return Err(
            "it hands functions to worker processes (a ProcessPoolExecutor), which the page's \
             Rust has no counterpart for"
                .to_owned(),
        );
    }
    if all_steps(program).any(|s| matches!(s.action, Action::Raise(_))) {
        return Err(
            "it stops with an exception, and the page's Rust has no panics to stop it with"
                .to_owned(),
        );
    }
    let plain_task = |t: &usize| {
        program
            .tasks
            .get(*t)
            .is_some_and(|task| !program.routines[task.routine].is_async)
    };
    if program
        .main
        .iter()
        .any(|op| matches!(op, Op::Start(t, _) if plain_task(t)))
    {
        return Err("it runs a plain function as a task".to_owned());
    }
    Ok(())
}

fn lost_reading() -> Why {
    "it uses a clock reading where Rust would not see it".to_owned()
}

/// A statement with its comment, as the only way to write it.
fn plain_with(code: String, comment: &str) -> Result<Vec<Line>, Why> {
    Ok(vec![(code, Some(comment.to_owned()))])
}

/// `name`, then `name_2`, `name_3` for the `k`-th of its kind (`work_`, `work_2`: two
/// underscores in a row would make rustc warn that the name is not snake case).
fn numbered(name: &str, k: usize) -> String {
    if k == 0 {
        name.to_owned()
    } else if name.ends_with('_') {
        format!("{name}{}", k + 1)
    } else {
        format!("{name}_{}", k + 1)
    }
}

/// A function's name made an identifier that no other function, keyword or name of the code has:
/// the `k`-th function of `name` is `name_{k+1}`.
fn fresh(name: &str, k: usize, taken: &mut BTreeSet<String>, funs: &[Fun]) -> String {
    let mut base = identifier(name);
    while reserved(&base) || local_like(&base) {
        base.push('_');
    }
    let mut n = k;
    loop {
        let candidate = numbered(&base, n);
        if !funs.iter().any(|f| f.name == candidate) && taken.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

/// Whether a name looks like one of the locals the code binds (`t0`, `task_1`, `start`, `now`).
fn local_like(name: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    name.strip_prefix('t').is_some_and(digits)
        || name.strip_prefix("_t").is_some_and(digits)
        || name.strip_prefix("task_").is_some_and(digits)
        || matches!(name, "task" | "start" | "now" | "_now")
}

/// Rust's keywords and the names the written code calls unqualified.
fn reserved(name: &str) -> bool {
    const CALLED: &str = "main work trpl std tokio futures wasm_bindgen_futures Duration Instant vec println print _";
    [RUST_KEYWORDS, CALLED]
        .iter()
        .any(|list| list.split_whitespace().any(|r| r == name))
}

/// Whether `code` uses `name`: as a word outside its string literals, or as a placeholder in
/// one (`{name}`, `{name:?}`), never as a word of the text it prints.
fn uses_name(code: &str, name: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    let mut in_string = false;
    let mut escaped = false;
    let mut before: Option<char> = None;
    for (at, c) in code.char_indices() {
        if code[at..].starts_with(name) {
            let after = code[at + name.len()..].chars().next();
            let used = if in_string {
                before == Some('{') && matches!(after, Some('}' | ':'))
            } else {
                !word(before) && !word(after)
            };
            if used {
                return true;
            }
        }
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            _ => {}
        }
        before = Some(c);
    }
    false
}

/// The routines in sets of one function's calls (one name, one kind), each set after the sets
/// its routines call: a function's calls are written as one or more functions together, so its
/// callees' functions must be known first. A function that calls itself is refused.
fn names_callees_first(program: &Program) -> Result<Vec<Vec<usize>>, Why> {
    let mut sets: Vec<((&str, bool), Vec<usize>)> = Vec::new();
    for (r, routine) in program.routines.iter().enumerate() {
        let key = (routine.name.as_str(), routine.is_async);
        match sets.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(r),
            None => sets.push((key, vec![r])),
        }
    }
    let set_of = |r: usize| {
        let routine = &program.routines[r];
        let key = (routine.name.as_str(), routine.is_async);
        sets.iter().position(|(k, _)| *k == key).unwrap_or(0)
    };
    let callees: Vec<BTreeSet<usize>> = sets
        .iter()
        .map(|(_, members)| {
            members
                .iter()
                .flat_map(|&r| &program.routines[r].steps)
                .flat_map(|s| match &s.action {
                    Action::Call(c) => vec![set_of(*c)],
                    // A coroutine made and never awaited is written as a call of its function.
                    Action::Dropped(Dropped::Coroutine(name)) => sets
                        .iter()
                        .enumerate()
                        .filter(|(_, ((n, _), _))| n == name)
                        .map(|(i, _)| i)
                        .collect(),
                    _ => Vec::new(),
                })
                .collect()
        })
        .collect();
    // Depth-first, callees first; a set met again while still open is a cycle.
    let mut state = vec![0u8; sets.len()];
    let mut order = Vec::with_capacity(sets.len());
    for start in 0..sets.len() {
        let mut stack = vec![(start, false)];
        while let Some((s, ready)) = stack.pop() {
            if ready {
                state[s] = 2;
                order.push(s);
                continue;
            }
            match state[s] {
                2 => continue,
                1 => {
                    return Err(
                        "a function calls itself, which the page follows only as far as it \
                         went"
                            .to_owned(),
                    );
                }
                _ => {}
            }
            state[s] = 1;
            stack.push((s, true));
            for &c in &callees[s] {
                if c == s || state[c] == 1 {
                    return Err(
                        "a function calls itself, and each of its calls is a function of its own"
                            .to_owned(),
                    );
                }
                if state[c] == 0 {
                    stack.push((c, false));
                }
            }
        }
    }
    Ok(order.into_iter().map(|s| sets[s].1.clone()).collect())
}

/// The arguments a call's text shows: `cook('tea', 2)` or `cook("tea", 2)`.
fn args_of(call: &str, name: &str) -> Vec<Arg> {
    let Some(inner) = call
        .strip_prefix(name)
        .and_then(|c| c.strip_prefix('('))
        .and_then(|c| c.strip_suffix(')'))
    else {
        return Vec::new();
    };
    split_top(inner).iter().map(|a| arg(a.trim())).collect()
}

/// Text split at its commas outside brackets and quotes.
fn split_top(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in text.chars() {
        match quote {
            Some(_) if escaped => escaped = false,
            Some(_) if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '\'' | '"' => quote = Some(c),
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(std::mem::take(&mut current));
                    continue;
                }
                _ => {}
            },
        }
        current.push(c);
    }
    if !current.trim().is_empty() || !parts.is_empty() {
        parts.push(current);
    }
    parts
}

/// One argument's value from its text.
fn arg(text: &str) -> Arg {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        let magnitude = super::digits(digits).and_then(|n| i64::try_from(n).ok());
        return match magnitude {
            Some(n) if text.starts_with('-') => Arg::Int(-n),
            Some(n) => Arg::Int(n),
            None => Arg::Other(text.to_owned()),
        };
    }
    if text
        .chars()
        .all(|c| c.is_ascii_digit() || "-+.e".contains(c))
        && let Some(x) = crate::text::scientific(digits)
    {
        return Arg::Float(if text.starts_with('-') { -x } else { x });
    }
    string(text).map_or_else(|| Arg::Other(text.to_owned()), Arg::Str)
}

/// A string literal's value, as Python's `repr` or Rust's `{:?}` writes it.
fn string(text: &str) -> Option<String> {
    let quote = text.chars().next().filter(|q| *q == '\'' || *q == '"')?;
    let inner = text.strip_prefix(quote)?.strip_suffix(quote)?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            c @ ('\\' | '\'' | '"') => out.push(c),
            _ => return None,
        }
    }
    Some(out)
}

/// The type of a parameter whose values are these: numbers of one kind, or strings.
fn kind_of(values: &[&Arg]) -> Option<Kind> {
    if values.iter().all(|v| matches!(v, Arg::Str(_))) {
        return Some(Kind::Str);
    }
    if values.iter().all(|v| matches!(v, Arg::Int(_))) {
        let signed = values.iter().any(|v| matches!(v, Arg::Int(n) if *n < 0));
        return Some(if signed { Kind::Signed } else { Kind::Unsigned });
    }
    if values
        .iter()
        .all(|v| matches!(v, Arg::Int(_) | Arg::Float(_)))
    {
        return Some(Kind::Float);
    }
    None
}

/// A value as a parameter of this kind holds it.
fn typed(value: &Arg, kind: Kind) -> Arg {
    match (value, kind) {
        (Arg::Int(n), Kind::Float) => Arg::Float(*n as f64),
        (value, _) => value.clone(),
    }
}

/// A value written as a Rust literal.
fn literal(value: &Arg) -> String {
    match value {
        Arg::Int(n) => n.to_string(),
        Arg::Float(x) => Value::Float(*x).repr(),
        Arg::Str(s) => format!("\"{}\"", string_literal(s)),
        Arg::Other(text) => text.clone(),
    }
}

/// A string's text inside a Rust string literal (not a format string: braces stay).
fn string_literal(text: &str) -> String {
    format_literal(text).replace("{{", "{").replace("}}", "}")
}

/// The names of a function's parameters, from its definition in the learner's text (`def
/// cook(name, minutes):` or `async fn cook(name: &str, ms: u64)`), if there are `count`.
fn param_names(
    source: &str,
    routine: &crate::python::program::Routine,
    count: usize,
) -> Vec<String> {
    let from = (routine.def_line as usize).saturating_sub(1);
    let text: String = source
        .lines()
        .skip(from)
        .take(12)
        .collect::<Vec<_>>()
        .join("\n");
    let open = format!("{}(", routine.name);
    let Some(at) = text.find(&open) else {
        return Vec::new();
    };
    let rest = &text[at + open.len()..];
    let mut depth = 0i32;
    let mut end = None;
    for (i, c) in rest.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' if depth > 0 => depth -= 1,
            ')' => {
                end = Some(i);
                break;
            }
            _ => {}
        }
    }
    let Some(end) = end else {
        return Vec::new();
    };
    let names: Vec<String> = split_top(&rest[..end])
        .iter()
        .map(|p| {
            let p = p.trim();
            let p = p.strip_prefix("mut ").unwrap_or(p);
            p.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .filter(|p| !p.is_empty())
        .collect();
    let valid = names.len() == count
        && names
            .iter()
            .all(|n| !n.starts_with(|c: char| c.is_ascii_digit()) && n != "self");
    if valid { names } else { Vec::new() }
}

/// The slots a print's pieces read, marked.
fn mark_slots(pieces: &[Piece], seen: &mut [bool]) {
    fn walk(clock: &Clock, seen: &mut [bool]) {
        match clock {
            Clock::Slot(s) => {
                if let Some(x) = seen.get_mut(*s) {
                    *x = true;
                }
            }
            Clock::Const(_) => {}
            Clock::Binary(_, l, r) => {
                walk(l, seen);
                walk(r, seen);
            }
            Clock::Neg(v) | Clock::Round(v, _) => walk(v, seen),
        }
    }
    for piece in pieces {
        if let Piece::Clock(clock, _) = piece {
            walk(clock, seen);
        }
    }
}

/// A length of time as the `Duration` a learner writes: whole seconds, milliseconds or
/// microseconds when it is one, else `from_secs_f64`.
fn duration(seconds: f64) -> String {
    for (per_second, unit) in [(1.0, "secs"), (1e3, "millis"), (1e6, "micros")] {
        let n = (seconds * per_second).round();
        if (0.0..1e15).contains(&n) && n / per_second == seconds {
            return format!("Duration::from_{unit}({})", n as u64);
        }
    }
    format!("Duration::from_secs_f64({})", Value::Float(seconds).repr())
}

/// A print as `println!` (or `print!`, when it leaves its line open): its text with the
/// parameters in `subset` written where their values show, its clock values as arguments.
fn print(pieces: &[Piece], scope: &Scope, subset: &[usize]) -> Result<String, Why> {
    let mut format = String::new();
    let mut args: Vec<String> = Vec::new();
    let shown: Vec<(String, String)> = subset
        .iter()
        .filter_map(|&p| {
            let (name, value) = scope.params.get(p)?;
            let (text, spec) = match value {
                Arg::Int(n) => (n.to_string(), ""),
                Arg::Str(s) => (s.clone(), ""),
                Arg::Float(x) => (
                    crate::rust::fmt::write(
                        Shown::Float(*x),
                        &Spec {
                            debug: true,
                            ..Spec::default()
                        },
                    ),
                    ":?",
                ),
                Arg::Other(_) => return None,
            };
            (!text.is_empty()).then(|| (text, format!("{{{name}{spec}}}")))
        })
        .collect();
    // A print whose text ends its line is `println!`.
    let mut pieces = pieces.to_vec();
    let line = match pieces.last_mut() {
        Some(Piece::Text(text)) if text.ends_with('\n') => {
            text.pop();
            true
        }
        _ => false,
    };
    for piece in &pieces {
        match piece {
            Piece::Text(text) => format.push_str(&substituted(text, &shown)),
            Piece::Clock(clock, show) => {
                let text = masked(std::slice::from_ref(piece));
                let inner = match clock {
                    Clock::Binary(BinOp::Mod, template, value)
                        if matches!(template.as_ref(), Clock::Const(Value::Str(_))) =>
                    {
                        clock_arg(value, &Show::Str, scope)?
                    }
                    _ => clock_arg(clock, show, scope)?,
                };
                // Each mask is the value; written out rather than with `str::split`, whose copy
                // for a `&str` pattern the first look shares with this chunk if both call it
                // (the narration does).
                let mut rest = text.as_str();
                while let Some(at) = rest.find(MASK) {
                    format.push_str(&format_literal(&rest[..at]));
                    format.push_str(&inner.0);
                    args.push(inner.1.clone());
                    rest = &rest[at + MASK.len()..];
                }
                format.push_str(&format_literal(rest));
            }
        }
    }
    let mac = if line { "println!" } else { "print!" };
    if line && format.is_empty() && args.is_empty() {
        return Ok("println!();".to_owned());
    }
    let mut out = format!("{mac}(\"{format}\"");
    for arg in args {
        let _ = write!(out, ", {arg}");
    }
    out.push_str(");");
    Ok(out)
}

/// Text as a format string's literal, with each shown value (longest first) as its placeholder
/// where it stands as a word of its own: `3` in `pot 3 boils`, not in `30`.
fn substituted(text: &str, shown: &[(String, String)]) -> String {
    let mut order: Vec<&(String, String)> = shown.iter().collect();
    order.sort_by_key(|(value, _)| std::cmp::Reverse(value.len()));
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let mut out = String::new();
    let mut literal = String::new();
    let mut before: Option<char> = None;
    let mut rest = text;
    'scan: while !rest.is_empty() {
        for (value, placeholder) in &order {
            let Some(after) = rest.strip_prefix(value.as_str()) else {
                continue;
            };
            let joined_before = word(before) && word(value.chars().next());
            let joined_after = word(value.chars().next_back()) && word(after.chars().next());
            if joined_before || joined_after {
                continue;
            }
            out.push_str(&format_literal(&std::mem::take(&mut literal)));
            out.push_str(placeholder);
            before = value.chars().next_back();
            rest = after;
            continue 'scan;
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            literal.push(c);
            before = Some(c);
        }
        rest = chars.as_str();
    }
    out.push_str(&format_literal(&literal));
    out
}

/// A clock value as a placeholder and its argument: the `Duration` between two readings, or a
/// number computed from one.
fn clock_arg(clock: &Clock, show: &Show, scope: &Scope) -> Result<(String, String), Why> {
    let name = |slot: &usize| scope.names.get(slot).cloned().ok_or_else(lost_reading);
    let between = |clock: &Clock| -> Result<Option<String>, Why> {
        match clock {
            Clock::Binary(BinOp::Sub, a, b) => match (a.as_ref(), b.as_ref()) {
                (Clock::Slot(a), Clock::Slot(b)) => {
                    Ok(Some(format!("{} - {}", name(a)?, name(b)?)))
                }
                _ => Ok(None),
            },
            _ => Ok(None),
        }
    };
    let unshown = || {
        if matches!(clock, Clock::Slot(_)) {
            "it prints a clock reading itself (a date, or seconds since 1970), where Rust's \
             Instant shows only the time between two readings"
                .to_owned()
        } else {
            "it prints a clock value computed in a way the page's Rust does not write".to_owned()
        }
    };
    match show {
        Show::Rust(kind, spec) => {
            let spec = spec_text(spec);
            let (base, scale) = match clock {
                Clock::Binary(BinOp::Mul, inner, k) => match k.as_ref() {
                    Clock::Const(Value::Float(k)) => (between(inner)?, Some(*k)),
                    _ => (None, None),
                },
                _ => (between(clock)?, None),
            };
            match (kind, base, scale) {
                (Measured::Duration, Some(d), None) => Ok((format!("{{{spec}}}"), d)),
                (Measured::Float, Some(d), None) => {
                    Ok((format!("{{{spec}}}"), format!("({d}).as_secs_f64()")))
                }
                (Measured::Float, Some(d), Some(k)) => Ok((
                    format!("{{{spec}}}"),
                    format!("({d}).as_secs_f64() * {}", Value::Float(k).repr()),
                )),
                (Measured::Int, Some(d), scale) => {
                    // The unit `as_millis()` and its kin count in, by the factor the reader
                    // scaled the seconds by.
                    let unit = match scale {
                        None => "as_secs",
                        Some(k) => match [1e3, 1e6, 1e9].iter().position(|&u| u == k) {
                            Some(0) => "as_millis",
                            Some(1) => "as_micros",
                            Some(2) => "as_nanos",
                            _ => return Err(unshown()),
                        },
                    };
                    Ok((format!("{{{spec}}}"), format!("({d}).{unit}()")))
                }
                _ => float_arg(clock, None, scope)?.ok_or_else(unshown),
            }
        }
        Show::Str | Show::Repr | Show::Spec(_) => {
            let digits = match show {
                Show::Spec(spec) => fixed_digits(spec),
                _ => None,
            };
            if let Some(d) = between(clock)? {
                return Ok(match digits {
                    Some(n) => (format!("{{:.{n}}}"), format!("({d}).as_secs_f64()")),
                    None => ("{:?}".to_owned(), d),
                });
            }
            if let Clock::Round(inner, places) = clock {
                let n = places.unwrap_or(0).max(0);
                if let Some((_, expr)) = float_arg(inner, None, scope)? {
                    return Ok((format!("{{:.{n}}}"), expr));
                }
            }
            float_arg(clock, digits, scope)?.ok_or_else(unshown)
        }
    }
}

/// A number computed from the `Duration`s between readings, as `f64` arithmetic, with `digits`
/// after the point if a spec asks for them.
fn float_arg(
    clock: &Clock,
    digits: Option<usize>,
    scope: &Scope,
) -> Result<Option<(String, String)>, Why> {
    /// The expression, and whether it is an operation that needs parentheses inside another.
    fn expr(clock: &Clock, scope: &Scope) -> Result<Option<(String, bool)>, Why> {
        let name = |s: &usize| scope.names.get(s).cloned().ok_or_else(lost_reading);
        Ok(match clock {
            Clock::Binary(BinOp::Sub, a, b)
                if matches!((a.as_ref(), b.as_ref()), (Clock::Slot(_), Clock::Slot(_))) =>
            {
                match (a.as_ref(), b.as_ref()) {
                    (Clock::Slot(a), Clock::Slot(b)) => Some((
                        format!("({} - {}).as_secs_f64()", name(a)?, name(b)?),
                        false,
                    )),
                    _ => None,
                }
            }
            Clock::Binary(op @ (BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div), l, r) => {
                let (Some((l, lo)), Some((r, ro))) = (expr(l, scope)?, expr(r, scope)?) else {
                    return Ok(None);
                };
                let wrap = |e: String, compound: bool| if compound { format!("({e})") } else { e };
                Some((
                    format!("{} {} {}", wrap(l, lo), op.symbol(), wrap(r, ro)),
                    true,
                ))
            }
            Clock::Const(Value::Int(n)) => Some((Value::Float(*n as f64).repr(), false)),
            Clock::Const(Value::Float(x)) if x.is_finite() => {
                Some((Value::Float(*x).repr(), false))
            }
            _ => None,
        })
    }
    // The whole must read a clock: a constant alone is no clock value.
    if !clock.any_slot(&|_| true) {
        return Ok(None);
    }
    Ok(expr(clock, scope)?.map(|(e, _)| match digits {
        Some(n) => (format!("{{:.{n}}}"), e),
        None => ("{}".to_owned(), e),
    }))
}

/// The digits after the point a Python spec such as `.2f` asks for.
fn fixed_digits(spec: &str) -> Option<usize> {
    let rest = spec.split_once('.')?.1;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let kind = &rest[digits.len()..];
    if matches!(kind, "f" | "F" | "") {
        super::digits(&digits)
    } else {
        None
    }
}

/// A Rust format spec as it is written after the `:`, with its `:`, or nothing for `{}`.
fn spec_text(spec: &Spec) -> String {
    let text = spec.to_string();
    if text.is_empty() {
        text
    } else {
        format!(":{text}")
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
