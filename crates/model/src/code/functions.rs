//! A learner's program as the functions a view written from it declares: the routines that do the
//! same (one function's calls with the same written body, such as a loop's ten calls of
//! `count()`), written once, with the clock readings each prints without taking them as its
//! parameters.
//!
//! This file owns the grouping, which the Rust a Python program runs as (`python::as_rust`) and
//! the Python twin of a Rust program (`rust::as_python`) share; each view writes its own
//! statements and names (the closures it hands in), and the rest of its text.

use std::collections::{BTreeMap, BTreeSet};

use crate::python::program::{Program, Step};

/// A statement of a function's body, and its comment.
pub type Line = (String, Option<String>);

/// How a view writes a step, given how it calls a routine (its call, and whether it is async).
pub type Statement<'a> = &'a dyn Fn(&Step, &dyn Fn(usize) -> (String, bool)) -> Line;

/// How a view names a function: from the routine's name, its number among the functions of that
/// name (counted on), and the names already taken (the new one added).
pub type Fresh<'a> = &'a dyn Fn(&str, &mut usize, &mut BTreeSet<String>) -> String;

/// One function of a view: the routines that do the same, written once.
pub struct Function {
    /// Its name, made a valid identifier distinct from the others.
    pub name: String,
    /// Whether it is async.
    pub is_async: bool,
    /// The clock readings it prints without taking them: its parameters, `t0` and on.
    pub params: Vec<usize>,
    /// Each step's statement and comment.
    pub body: Vec<Line>,
    /// The calls it stands for, as the learner wrote them.
    pub calls: Vec<String>,
    /// The routines it stands for.
    pub routines: Vec<usize>,
}

impl Function {
    /// A call of it, its readings passed.
    pub fn call(&self) -> String {
        call_text(&self.name, &self.params)
    }
}

/// A view's functions, and which one each routine is.
pub struct Functions {
    /// The functions, callees before their callers.
    pub list: Vec<Function>,
    /// Each routine's function, by index into `list`.
    pub of: Vec<usize>,
}

/// What makes two routines one function: their name, kind, parameters and written body.
type Same<'a> = (&'a str, bool, Vec<usize>, Vec<Line>);

impl Functions {
    /// `program`'s routines grouped into functions, each named by `fresh` (the names in `taken`
    /// left to others) and its steps written by `statement`.
    pub fn of(
        program: &Program,
        taken: &mut BTreeSet<String>,
        fresh: Fresh<'_>,
        statement: Statement<'_>,
    ) -> Functions {
        let count = program.routines.len();
        let mut list: Vec<Function> = Vec::new();
        let mut of = vec![usize::MAX; count];
        let mut params: Vec<Vec<usize>> = vec![Vec::new(); count];
        let mut same: BTreeMap<Same, usize> = BTreeMap::new();
        let mut numbered: BTreeMap<&str, usize> = BTreeMap::new();
        // Callees first: a routine's calls name functions already made.
        for r in program.callees_first() {
            let routine = &program.routines[r];
            params[r] = program.free_slots(r, &params);
            let call = |callee: usize| {
                let name = list
                    .get(of.get(callee).copied().unwrap_or(usize::MAX))
                    .map_or("missing", |f: &Function| f.name.as_str());
                let is_async = program.routines.get(callee).is_some_and(|r| r.is_async);
                (call_text(name, &params[callee]), is_async)
            };
            let body: Vec<Line> = routine
                .steps
                .iter()
                .map(|step| statement(step, &call))
                .collect();
            let key = (
                routine.name.as_str(),
                routine.is_async,
                params[r].clone(),
                body,
            );
            let g = match same.get(&key) {
                Some(&g) => g,
                None => {
                    let n = numbered.entry(routine.name.as_str()).or_insert(0);
                    list.push(Function {
                        name: fresh(&routine.name, n, taken),
                        is_async: routine.is_async,
                        params: params[r].clone(),
                        body: key.3.clone(),
                        calls: Vec::new(),
                        routines: Vec::new(),
                    });
                    same.insert(key, list.len() - 1);
                    list.len() - 1
                }
            };
            of[r] = g;
            if !list[g].calls.contains(&routine.call) {
                list[g].calls.push(routine.call.clone());
            }
            list[g].routines.push(r);
        }
        Functions { list, of }
    }

    /// The function of routine `r`, if it has one.
    pub fn of_routine(&self, r: usize) -> Option<&Function> {
        self.list.get(self.of.get(r).copied().unwrap_or(usize::MAX))
    }

    /// The call of routine `r`: its function with its readings passed.
    pub fn call(&self, r: usize) -> String {
        self.of_routine(r)
            .map_or_else(|| "missing()".to_owned(), Function::call)
    }

    /// The readings routine `r`'s function is passed.
    pub fn params(&self, r: usize) -> Vec<usize> {
        self.of_routine(r)
            .map(|f| f.params.clone())
            .unwrap_or_default()
    }
}

/// `name(t0, t3)`: a call with these readings passed.
fn call_text(name: &str, params: &[usize]) -> String {
    let args: Vec<String> = params.iter().map(|s| format!("t{s}")).collect();
    format!("{name}({})", args.join(", "))
}
