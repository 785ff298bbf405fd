//! Expressions, as the reader computes them: names and paths resolved through the program's `use`
//! lines, the library's calls (timers, spawns, joins, `Duration`s, the clock), methods, macros,
//! arithmetic; and the checks made on the whole tree before anything is followed (`.await` only
//! in async code, as rustc's E0728 says).

use std::collections::BTreeMap;
use std::rc::Rc;

use super::super::ast::{Block, Expr, ExprKind, File, ItemKind, MacroArg, StmtKind};
use super::val::{Closure, Future, FutureKind, Lib, Val, known, nanos_of_secs, unknown};
use super::{Flow, Frame, Lowerer, Res, Runtime, Sink, Stop, error};
use crate::python::ast::BinOp;
use crate::python::program::{Action, Clock, Join, Measured};
use crate::python::token::Pos;
use crate::python::value::Value;
use crate::text::ParseError;

impl<'a> Lowerer<'a> {
    /// The value of an expression; a `return` in it leaves its value in `self.returned`.
    pub(super) fn eval(&mut self, expr: &'a Expr, frame: &mut Frame<'a>) -> Res<Val<'a>> {
        let at = expr.start;
        Ok(match &expr.kind {
            ExprKind::Int(n) => Val::Int(*n as i128),
            ExprKind::Float(x) => Val::Float(*x),
            ExprKind::Str(s) => Val::Str(s.clone()),
            ExprKind::Char(c) => Val::Char(*c),
            ExprKind::Bool(b) => Val::Bool(*b),
            ExprKind::Path(path) => self.lookup(path, at, frame)?,
            ExprKind::Tuple(parts) if parts.is_empty() => Val::Unit,
            ExprKind::Tuple(parts) => Val::Tuple(self.eval_all(parts, frame)?),
            ExprKind::Array(parts) => Val::Array(self.eval_all(parts, frame)?),
            ExprKind::Ref(value) | ExprKind::Try(value) => {
                let value = self.eval(value, frame)?;
                if matches!(expr.kind, ExprKind::Try(_)) {
                    unwrap(value, at)?
                } else {
                    value
                }
            }
            ExprKind::Call(callee, args) => {
                let callee = self.eval(callee, frame)?;
                let args = self.eval_all(args, frame)?;
                self.call(callee, args, at, frame)?
            }
            // `tasks.push(x)`, `tasks.extend(xs)`: the one place a local changes in place.
            ExprKind::Method(receiver, name, args)
                if matches!(name.as_str(), "push" | "extend")
                    && matches!(&receiver.kind, ExprKind::Path(p) if p.len() == 1) =>
            {
                let ExprKind::Path(path) = &receiver.kind else {
                    return Err(error(
                        at,
                        format!("`{name}` adds to a `Vec` named by a `let mut`"),
                    ));
                };
                let mut added = self.eval_all(args, frame)?;
                let Some((_, Val::Array(items))) =
                    frame.locals.iter_mut().rev().find(|(n, _)| *n == path[0])
                else {
                    return Err(error(
                        at,
                        format!(
                            "error[E0599]: no method named `{name}` here: `{}` is not a `Vec`",
                            path[0]
                        ),
                    ));
                };
                match (name.as_str(), added.pop()) {
                    ("push", Some(value)) if added.is_empty() => items.push(value),
                    ("extend", Some(Val::Array(more))) if added.is_empty() => items.extend(more),
                    _ => {
                        return Err(error(
                            at,
                            format!(
                                "error[E0061]: `{name}` takes one argument: a value to add, or a `Vec` or an iterator of them"
                            ),
                        ));
                    }
                }
                Val::Unit
            }
            ExprKind::Method(receiver, name, args) => {
                let receiver = self.eval(receiver, frame)?;
                let args = self.eval_all(args, frame)?;
                self.method(receiver, name, args, at, frame)?
            }
            ExprKind::Await(value, await_at) => {
                let value = self.eval(value, frame)?;
                self.await_value(value, *await_at, frame)?
            }
            ExprKind::Macro(path, args) => self.mac(path, args, at, frame)?,
            ExprKind::Async(block) => {
                self.future(FutureKind::Block(block, frame.locals.clone()), at)
            }
            ExprKind::Closure(params, body) => Val::Closure(Rc::new(Closure {
                params: params.clone(),
                body,
                env: frame.locals.clone(),
            })),
            ExprKind::Block(block) => match self.block(block, frame)? {
                Flow::Value(value) => value,
                Flow::Return(value) => {
                    self.returned = Some(value);
                    Val::Unit
                }
            },
            ExprKind::Binary(op, left, right) => {
                let left = self.eval(left, frame)?;
                let right = self.eval(right, frame)?;
                binary(op, left, right, at)?
            }
            ExprKind::Unary(op, value) => match (*op, self.eval(value, frame)?) {
                ("-", Val::Int(n)) => Val::Int(-n),
                ("-", Val::Float(x)) => Val::Float(-x),
                ("!", Val::Bool(b)) => Val::Bool(!b),
                (op, value) => {
                    return Err(error(
                        at,
                        format!(
                            "error[E0600]: cannot apply unary operator `{op}` to type `{}`",
                            value.type_name()
                        ),
                    ));
                }
            },
            ExprKind::Cast(value, ty) => cast(self.eval(value, frame)?, ty, at)?,
            ExprKind::Range(low, high, inclusive) => {
                let (low, high) = (self.eval(low, frame)?, self.eval(high, frame)?);
                let (Val::Int(low), Val::Int(high)) = (low, high) else {
                    return Err(error(at, "a range in the page's Rust runs over integers"));
                };
                let high = if *inclusive { high + 1 } else { high };
                if high - low > super::MAX_STATEMENTS as i128 {
                    return Err(error(
                        at,
                        format!(
                            "a range of {} rounds: the page unrolls loops of up to {} rounds",
                            high - low,
                            super::MAX_STATEMENTS
                        ),
                    ));
                }
                Val::Array((low..high.max(low)).map(Val::Int).collect())
            }
            ExprKind::For(pat, iter, body) => {
                let items = self.eval(iter, frame)?;
                for item in iterate(items, at)? {
                    let scope = frame.locals.len();
                    self.bind(frame, pat, item, at)?;
                    let flow = self.block(body, frame);
                    frame.locals.truncate(scope);
                    if let Flow::Return(value) = flow? {
                        self.returned = Some(value);
                        break;
                    }
                }
                Val::Unit
            }
            ExprKind::Assign(name, op, value) => {
                let value = self.eval(value, frame)?;
                let Some(slot) = frame.locals.iter_mut().rev().find(|(n, _)| n == name) else {
                    return Err(error(
                        at,
                        format!("error[E0425]: cannot find value `{name}` in this scope"),
                    ));
                };
                slot.1 = match op {
                    Some(op) => binary(op, slot.1.clone(), value, at)?,
                    None => value,
                };
                Val::Unit
            }
            ExprKind::Return(value) => {
                let value = match value {
                    Some(value) => self.eval(value, frame)?,
                    None => Val::Unit,
                };
                self.returned.get_or_insert(value);
                Val::Unit
            }
        })
    }

    fn eval_all(&mut self, exprs: &'a [Expr], frame: &mut Frame<'a>) -> Res<Vec<Val<'a>>> {
        exprs.iter().map(|e| self.eval(e, frame)).collect()
    }

    /// A new future, kept so that one never used is noted.
    pub(super) fn future(&mut self, kind: FutureKind<'a>, at: Pos) -> Val<'a> {
        let future = Rc::new(Future {
            kind,
            at,
            used: std::cell::Cell::new(false),
            name: std::cell::RefCell::new(None),
        });
        self.futures.push(future.clone());
        Val::Future(future)
    }

    /// A path's full form: its first name through the program's `use` lines.
    fn resolve(&self, path: &[String]) -> Vec<String> {
        let Some((first, rest)) = path.split_first() else {
            return Vec::new();
        };
        if let Some(full) = self.imports.get(first) {
            return full.iter().chain(rest).cloned().collect();
        }
        if matches!(first.as_str(), "crate" | "self") {
            return rest.to_vec();
        }
        for glob in &self.globs {
            let candidate: Vec<String> = glob.iter().chain(path).cloned().collect();
            if known(&candidate).is_some() {
                return candidate;
            }
        }
        path.to_vec()
    }

    pub(super) fn lookup(&self, path: &[String], at: Pos, frame: &Frame<'a>) -> Res<Val<'a>> {
        if let [name] = path
            && let Some((_, value)) = frame.locals.iter().rev().find(|(n, _)| n == name)
        {
            return Ok(value.clone());
        }
        let full = self.resolve(path);
        if let [name] = full.as_slice()
            && let Some(&f) = self.by_name.get(name)
        {
            return Ok(Val::Fn(f));
        }
        if let Some(lib) = known(&full) {
            return Ok(Val::Lib(lib));
        }
        if full == ["work"] {
            return Ok(Val::Lib(Lib::Work));
        }
        if self.page_unit.is_some() {
            match full.as_slice() {
                [name] if name == "sleep" => return Ok(Val::Lib(Lib::PageSleep)),
                [name] if name == "blocking_sleep" => return Ok(Val::Lib(Lib::PageBlock)),
                [name] if name == "yield_now" => return Ok(Val::Lib(Lib::Yield)),
                _ => {}
            }
        }
        if let [name] = path {
            let hint = match name.as_str() {
                "sleep" => ": write `trpl::sleep`, or `use trpl::sleep;`",
                "spawn_task" | "join" | "join_all" | "yield_now" => {
                    ": the name is trpl's: `use trpl::…;`"
                }
                "Duration" | "Instant" => ": `use std::time::{Duration, Instant};`",
                _ => "",
            };
            return Err(error(
                at,
                format!("error[E0425]: cannot find value `{name}` in this scope{hint}"),
            ));
        }
        Err(error(at, unknown(&full)))
    }

    /// `callee(args)`.
    fn call(
        &mut self,
        callee: Val<'a>,
        args: Vec<Val<'a>>,
        at: Pos,
        frame: &mut Frame<'a>,
    ) -> Res<Val<'a>> {
        match callee {
            Val::Fn(f) => {
                let function = self.fns[f];
                if args.len() != function.params.len() {
                    return Err(error(
                        at,
                        format!(
                            "error[E0061]: this function takes {} argument{} but {} {} supplied",
                            function.params.len(),
                            if function.params.len() == 1 { "" } else { "s" },
                            args.len(),
                            if args.len() == 1 {
                                "argument was"
                            } else {
                                "arguments were"
                            }
                        ),
                    ));
                }
                if function.is_async {
                    return Ok(self.future(FutureKind::Call(f, args), at));
                }
                // A plain function runs now, holding the thread to its end.
                let future = Future {
                    kind: FutureKind::Call(f, args.clone()),
                    at,
                    used: std::cell::Cell::new(true),
                    name: std::cell::RefCell::new(None),
                };
                match frame.sink {
                    Sink::Top
                        if super::expr::drives_tasks(&function.body)
                            || calls_fns(&function.body, &self.by_name) =>
                    {
                        self.inline(f, args, frame)
                    }
                    Sink::Top => {
                        let (routine, value) = self.routine(&future, at)?;
                        self.program.routines[routine].is_async = false;
                        self.program.tasks.push(crate::python::program::TaskRun {
                            routine,
                            how: crate::python::program::How::Inline,
                        });
                        self.task_values.push(value.clone());
                        let task = self.program.tasks.len() - 1;
                        self.op(crate::python::program::Op::Run(task, at))?;
                        Ok(value)
                    }
                    Sink::Routine(_) => {
                        let (routine, value) = self.routine(&future, at)?;
                        self.program.routines[routine].is_async = false;
                        self.emit(frame, Action::Call(routine), at)?;
                        Ok(value)
                    }
                }
            }
            Val::Closure(closure) => self.call_closure(&closure, args, at, frame),
            Val::Lib(lib) => self.call_lib(lib, args, at, frame),
            other => Err(error(
                at,
                format!(
                    "error[E0618]: expected function, found `{}`",
                    other.type_name()
                ),
            )),
        }
    }

    fn call_closure(
        &mut self,
        closure: &Closure<'a>,
        args: Vec<Val<'a>>,
        at: Pos,
        frame: &mut Frame<'a>,
    ) -> Res<Val<'a>> {
        if args.len() != closure.params.len() {
            return Err(error(
                at,
                "error[E0057]: this closure takes another number of arguments",
            ));
        }
        let mut locals = closure.env.clone();
        locals.extend(closure.params.iter().cloned().zip(args));
        let saved = std::mem::replace(&mut frame.locals, locals);
        let value = self.eval(closure.body, frame);
        frame.locals = saved;
        value
    }

    /// Tokio's panic outside a runtime, measured on Tokio 1.54 (`r_futures_block_on_sleep`).
    const NO_REACTOR: &'static str =
        "there is no reactor running, must be called from the context of a Tokio 1.x runtime";

    /// Refuses what needs a runtime to fire or run it (a `timer`, else a spawned task) inside
    /// `futures::executor::block_on`, which is none: natively Tokio panics there, and in a browser
    /// a timer cannot fire while `block_on` holds the thread.
    fn tokio_needed(&self, at: Pos, timer: bool) -> Res<()> {
        if self.runtime != Some(Runtime::NoTokio) {
            return Ok(());
        }
        let (what, browser) = if timer {
            (
                "a timer made",
                ", and in a browser the timer could never fire while `block_on` holds the thread",
            )
        } else {
            ("a task spawned", "")
        };
        Err(error(
            at,
            format!(
                "{what} inside `futures::executor::block_on` needs a runtime, and `block_on` is \
                 none: Tokio panics here (\"{}\"){browser}; run the future with `trpl::run` or \
                 `#[tokio::main]`",
                Self::NO_REACTOR
            ),
        ))
    }

    /// Notes, at the first task spawned on the multi-thread runtime `#[tokio::main]` and
    /// `trpl::run` start, that outside the page the task may run on another thread.
    fn note_threads(&mut self, at: Pos) {
        if self.runtime != Some(Runtime::MultiThread) || self.threads_noted {
            return;
        }
        self.threads_noted = true;
        let starter = if self.runtime_from_attribute {
            "`#[tokio::main]`"
        } else {
            "`trpl`"
        };
        self.program.notes.push(crate::python::program::Warning {
            at,
            message: format!(
                "{starter} starts Tokio's multi-thread runtime: there, a spawned task may run on \
                 another thread, and lines may print in another order from run to run. The page \
                 runs it on one thread, as `#[tokio::main(flavor = \"current_thread\")]` would"
            ),
        });
    }

    /// A call of a library function the page knows.
    fn call_lib(
        &mut self,
        lib: Lib,
        mut args: Vec<Val<'a>>,
        at: Pos,
        frame: &mut Frame<'a>,
    ) -> Res<Val<'a>> {
        let arity = |n: usize, args: &[Val<'a>]| -> Res<()> {
            if args.len() == n {
                Ok(())
            } else {
                Err(error(
                    at,
                    format!(
                        "error[E0061]: this function takes {n} argument{} but {} were supplied",
                        if n == 1 { "" } else { "s" },
                        args.len()
                    ),
                ))
            }
        };
        match lib {
            Lib::Run | Lib::BlockOn => {
                arity(1, &args)?;
                if frame.sink != Sink::Top || frame.is_async {
                    return Err(error(
                        at,
                        "a runtime runs only from main: `trpl::run` inside async code would block \
                         the thread it runs on (Tokio panics: \"Cannot start a runtime from within \
                         a runtime\")",
                    ));
                }
                let future = args.remove(0);
                frame.is_async = true;
                let runtime = if lib == Lib::Run {
                    Runtime::MultiThread
                } else {
                    Runtime::NoTokio
                };
                let outer = self.runtime.replace(runtime);
                let value = self.await_value(future, at, frame);
                self.runtime = outer;
                frame.is_async = false;
                let value = value?;
                // The runtime is dropped with the tasks still running.
                self.op(crate::python::program::Op::EndLoop(at))?;
                Ok(value)
            }
            Lib::TokioSpawnLocal => Err(error(
                at,
                "`tokio::task::spawn_local` runs only inside a `LocalSet`, which the page's Rust \
                 leaves out (Tokio panics: \"`spawn_local` called from outside of a \
                 `task::LocalSet`\"): write `tokio::spawn`, or `wasm_bindgen_futures::spawn_local` \
                 as a browser program does",
            )),
            Lib::Spawn | Lib::SpawnLocal => {
                arity(1, &args)?;
                if lib == Lib::Spawn {
                    self.tokio_needed(at, false)?;
                    self.note_threads(at);
                }
                let Val::Future(future) = args.remove(0) else {
                    return Err(error(
                        at,
                        "error[E0277]: a spawned task runs a future: pass an `async` block or an `async fn`'s call",
                    ));
                };
                let task = self.spawn(&future, at, frame, true)?;
                Ok(if lib == Lib::Spawn {
                    Val::Handle(task)
                } else {
                    Val::Unit
                })
            }
            Lib::Sleep
            | Lib::GlooSleep
            | Lib::ThreadSleep
            | Lib::Work
            | Lib::PageSleep
            | Lib::PageBlock => {
                arity(1, &args)?;
                if matches!(lib, Lib::Sleep | Lib::GlooSleep | Lib::PageSleep) {
                    self.tokio_needed(at, true)?;
                }
                let nanos = match (&args[0], self.page_unit) {
                    (Val::Duration(n), _) => *n,
                    // The page's own helpers count in its views' unit.
                    (Val::Int(n), Some(unit)) if *n >= 0 => nanos_of_secs(*n as f64 * unit),
                    other => {
                        return Err(error(
                            at,
                            format!(
                                "error[E0308]: mismatched types: expected `Duration`, found `{}`",
                                other.0.type_name()
                            ),
                        ));
                    }
                };
                let seconds = nanos as f64 / 1e9;
                match lib {
                    Lib::Sleep => Ok(self.future(FutureKind::Sleep(nanos, "Sleep"), at)),
                    // A zero wait of the views is the page's yield (`Action::is_bare_yield`).
                    Lib::PageSleep if nanos == 0 => Ok(self.future(FutureKind::Yield, at)),
                    Lib::PageSleep => {
                        Ok(self.future(FutureKind::Sleep(nanos, "TimeoutFuture"), at))
                    }
                    Lib::PageBlock => {
                        self.emit(frame, Action::Block(seconds), at)?;
                        Ok(Val::Unit)
                    }
                    Lib::GlooSleep => {
                        Ok(self.future(FutureKind::Sleep(nanos, "TimeoutFuture"), at))
                    }
                    Lib::ThreadSleep => {
                        if frame.is_async && nanos > 0 {
                            self.program.notes.push(crate::python::program::Warning {
                                at,
                                message: format!(
                                    "`std::thread::sleep` blocks the thread: in async code it holds \
                                     the one thread every task and the page share for {}, so \
                                     nothing else runs and the page freezes; write \
                                     `trpl::sleep(…).await` to wait without blocking",
                                    super::print::duration_text(nanos)
                                ),
                            });
                        }
                        self.emit(frame, Action::Block(seconds), at)?;
                        Ok(Val::Unit)
                    }
                    _ => {
                        self.emit(frame, Action::Work(seconds), at)?;
                        Ok(Val::Unit)
                    }
                }
            }
            Lib::Timeout => {
                arity(1, &args)?;
                self.tokio_needed(at, true)?;
                let Val::Int(ms) = args[0] else {
                    return Err(error(
                        at,
                        "error[E0308]: mismatched types: `TimeoutFuture::new` takes milliseconds as a `u32`",
                    ));
                };
                Ok(self.future(
                    FutureKind::Sleep(ms.max(0) as u128 * 1_000_000, "TimeoutFuture"),
                    at,
                ))
            }
            Lib::Yield => {
                arity(0, &args)?;
                Ok(self.future(FutureKind::Yield, at))
            }
            Lib::Join => Ok(self.future(FutureKind::Join(args, false, Join::Poll), at)),
            Lib::JoinAll => {
                arity(1, &args)?;
                let parts = iterate(args.remove(0), at)?;
                Ok(self.future(FutureKind::Join(parts, true, Join::Poll), at))
            }
            Lib::DurationFrom(unit) => {
                arity(1, &args)?;
                let nanos = match (unit, &args[0]) {
                    (0, Val::Float(x)) if *x >= 0.0 && x.is_finite() => nanos_of_secs(*x),
                    (0, _) => {
                        return Err(error(
                            at,
                            "`Duration::from_secs_f64` takes a non-negative `f64`, such as `0.5`",
                        ));
                    }
                    (unit, Val::Int(n)) if *n >= 0 => *n as u128 * unit as u128,
                    (_, other) => {
                        return Err(error(
                            at,
                            format!(
                                "error[E0308]: mismatched types: expected a whole number, found `{}`",
                                other.type_name()
                            ),
                        ));
                    }
                };
                Ok(Val::Duration(nanos))
            }
            Lib::Now => {
                arity(0, &args)?;
                let slot = self.clock(frame, at)?;
                Ok(Val::Instant(Clock::Slot(slot)))
            }
            Lib::Identity => {
                arity(1, &args)?;
                Ok(args.remove(0))
            }
            Lib::Oneshot => {
                arity(0, &args)?;
                self.channels.push(None);
                let channel = self.channels.len() - 1;
                Ok(Val::Tuple(vec![
                    Val::Sender(channel),
                    Val::Receiver(channel),
                ]))
            }
            Lib::VecNew => {
                arity(0, &args)?;
                Ok(Val::Array(Vec::new()))
            }
            Lib::ThreadYield => {
                arity(0, &args)?;
                Ok(Val::Unit)
            }
            Lib::Duration | Lib::Instant | Lib::Module => Err(error(
                at,
                "error[E0423]: expected function, found a type or a module",
            )),
        }
    }

    /// `receiver.name(args)`.
    fn method(
        &mut self,
        receiver: Val<'a>,
        name: &str,
        args: Vec<Val<'a>>,
        at: Pos,
        frame: &mut Frame<'a>,
    ) -> Res<Val<'a>> {
        let value = match (name, receiver) {
            (
                "clone" | "to_owned" | "to_string" | "into" | "boxed" | "boxed_local" | "as_str"
                | "into_iter" | "iter" | "collect",
                value,
            ) if args.is_empty() => value,
            ("unwrap", value) => unwrap(value, at)?,
            ("expect", value) if args.len() == 1 => unwrap(value, at)?,
            ("elapsed", Val::Instant(clock)) => {
                let now = self.clock(frame, at)?;
                Val::Elapsed(Clock::Binary(
                    BinOp::Sub,
                    Box::new(Clock::Slot(now)),
                    Box::new(clock),
                ))
            }
            ("duration_since", Val::Instant(later)) => match args.as_slice() {
                [Val::Instant(earlier)] => Val::Elapsed(Clock::Binary(
                    BinOp::Sub,
                    Box::new(later),
                    Box::new(earlier.clone()),
                )),
                _ => return Err(error(at, "`duration_since` takes an `Instant`")),
            },
            (
                unit @ ("as_secs_f64" | "as_secs_f32" | "as_secs" | "as_millis" | "as_micros"
                | "as_nanos"),
                Val::Duration(nanos),
            ) => match unit {
                "as_secs_f64" | "as_secs_f32" => Val::Float(nanos as f64 / 1e9),
                "as_secs" => Val::Int((nanos / 1_000_000_000) as i128),
                "as_millis" => Val::Int((nanos / 1_000_000) as i128),
                "as_micros" => Val::Int((nanos / 1_000) as i128),
                _ => Val::Int(nanos as i128),
            },
            (
                unit @ ("as_secs_f64" | "as_secs_f32" | "as_secs" | "as_millis" | "as_micros"
                | "as_nanos"),
                Val::Elapsed(clock),
            ) => {
                let scale = |per_second: f64| {
                    Clock::Binary(
                        BinOp::Mul,
                        Box::new(clock.clone()),
                        Box::new(Clock::Const(Value::Float(per_second))),
                    )
                };
                match unit {
                    "as_secs_f64" | "as_secs_f32" => Val::Measured(clock, Measured::Float),
                    "as_secs" => Val::Measured(clock, Measured::Int),
                    "as_millis" => Val::Measured(scale(1e3), Measured::Int),
                    "as_micros" => Val::Measured(scale(1e6), Measured::Int),
                    _ => Val::Measured(scale(1e9), Measured::Int),
                }
            }
            ("map", Val::Array(items)) => {
                let [Val::Closure(closure)] = args.as_slice() else {
                    return Err(error(at, "`map` takes a closure, such as `|i| cook(i)`"));
                };
                let closure = closure.clone();
                let mut out = Vec::new();
                for item in items {
                    out.push(self.call_closure(&closure, vec![item], at, frame)?);
                }
                Val::Array(out)
            }
            ("rev", Val::Array(mut items)) => {
                items.reverse();
                Val::Array(items)
            }
            ("len", Val::Array(items)) => Val::Int(items.len() as i128),
            ("send", Val::Sender(channel)) => {
                let Sink::Routine(routine) = frame.sink else {
                    return Err(error(
                        at,
                        "the page reads a `oneshot` send only in a spawned task",
                    ));
                };
                let steps = self.program.routines[routine].steps.len();
                if let Some(slot) = self.channels.get_mut(channel) {
                    *slot = Some((routine, steps, at));
                }
                Val::Ok(Box::new(Val::Unit))
            }
            (name, value) => {
                return Err(error(
                    at,
                    format!(
                        "error[E0599]: no method named `{name}` found for `{}` in the page's Rust",
                        value.type_name()
                    ),
                ));
            }
        };
        Ok(value)
    }

    /// A macro's call: printing, joining, `vec!`, `format!`.
    fn mac(
        &mut self,
        path: &[String],
        args: &'a [MacroArg],
        at: Pos,
        frame: &mut Frame<'a>,
    ) -> Res<Val<'a>> {
        let full = self.resolve(path);
        let last = full.last().map_or("", String::as_str);
        let first = full.first().map_or("", String::as_str);
        match (first, last) {
            (_, "println" | "print" | "format") if full.len() == 1 || first == "std" => {
                let pieces = self.format_args(args, last, at, frame)?;
                if last == "format" {
                    return match super::print::constant(&pieces) {
                        Some(text) => Ok(Val::Str(text)),
                        None => Err(error(
                            at,
                            "`format!` of a clock value is not in the page's Rust: print it with `println!`",
                        )),
                    };
                }
                self.emit(frame, Action::Print(pieces), at)?;
                Ok(Val::Unit)
            }
            ("trpl" | "futures" | "tokio", "join") => {
                let mut parts = Vec::new();
                for arg in args {
                    parts.push(self.eval(&arg.value, frame)?);
                }
                // A macro's join is awaited by the macro itself; Tokio's starts one further on at
                // each poll.
                let join = if first == "tokio" {
                    Join::Rotate
                } else {
                    Join::Poll
                };
                let future = self.future(FutureKind::Join(parts, false, join), at);
                if !frame.is_async {
                    return Err(error(
                        at,
                        "error[E0728]: `await` is only allowed inside `async` functions and blocks: `join!` awaits",
                    ));
                }
                self.await_value(future, at, frame)
            }
            (_, "join") if full.len() == 1 => Err(error(
                at,
                "error: cannot find macro `join` in this scope: write `trpl::join!`, `futures::join!` or `tokio::join!`",
            )),
            (_, "vec") if full.len() == 1 => {
                let mut items = Vec::new();
                for arg in args {
                    items.push(self.eval(&arg.value, frame)?);
                }
                Ok(Val::Array(items))
            }
            (_, "eprintln" | "eprint") => Err(error(
                at,
                "the page's console shows standard output: write `println!`",
            )),
            (_, "select") => Err(error(
                at,
                "`select!` is not in the page's Rust yet: it races futures and drops the losers; write a join",
            )),
            _ => Err(error(
                at,
                format!(
                    "`{}!` is not in the page's Rust: it reads `println!`, `print!`, `format!`, `vec!` and `join!`",
                    full.join("::")
                ),
            )),
        }
    }
}

/// `Ok(value)` unwrapped.
fn unwrap<'a>(value: Val<'a>, at: Pos) -> Res<Val<'a>> {
    match value {
        Val::Ok(value) => Ok(*value),
        other => Err(error(
            at,
            format!(
                "error[E0599]: no method named `unwrap` found for `{}`",
                other.type_name()
            ),
        )),
    }
}

/// What a `for` loop or `join_all` goes through.
pub(super) fn iterate<'a>(value: Val<'a>, at: Pos) -> Res<Vec<Val<'a>>> {
    match value {
        Val::Array(items) => Ok(items),
        other => Err(error(
            at,
            format!("error[E0277]: `{}` is not an iterator", other.type_name()),
        )),
    }
}

/// `left op right`, on numbers and `Duration`s as Rust computes them.
fn binary<'a>(op: &str, left: Val<'a>, right: Val<'a>, at: Pos) -> Res<Val<'a>> {
    let fail = |left: &Val<'_>, right: &Val<'_>| -> Stop {
        error(
            at,
            format!(
                "error[E0277]: cannot apply `{op}` to `{}` and `{}`",
                left.type_name(),
                right.type_name()
            ),
        )
    };
    let panic = |what: &str| -> Stop { error(at, format!("this would panic: {what}")) };
    Ok(match (left, right) {
        (Val::Int(a), Val::Int(b)) => match op {
            "+" => Val::Int(a + b),
            "-" => Val::Int(a - b),
            "*" => Val::Int(a.saturating_mul(b)),
            "/" | "%" if b == 0 => return Err(panic("attempt to divide by zero")),
            "/" => Val::Int(a / b),
            "%" => Val::Int(a % b),
            "==" => Val::Bool(a == b),
            "!=" => Val::Bool(a != b),
            "<" => Val::Bool(a < b),
            ">" => Val::Bool(a > b),
            "<=" => Val::Bool(a <= b),
            ">=" => Val::Bool(a >= b),
            _ => return Err(fail(&Val::Int(a), &Val::Int(b))),
        },
        (Val::Float(a), Val::Float(b)) => match op {
            "+" => Val::Float(a + b),
            "-" => Val::Float(a - b),
            "*" => Val::Float(a * b),
            "/" => Val::Float(a / b),
            "%" => Val::Float(a % b),
            _ => return Err(fail(&Val::Float(a), &Val::Float(b))),
        },
        (Val::Duration(a), Val::Duration(b)) if op == "+" => Val::Duration(a + b),
        (Val::Duration(a), Val::Duration(b)) if op == "-" => match a.checked_sub(b) {
            Some(d) => Val::Duration(d),
            None => return Err(panic("overflow when subtracting durations")),
        },
        (Val::Duration(a), Val::Int(b)) if op == "*" && b >= 0 => Val::Duration(a * b as u128),
        (Val::Int(a), Val::Duration(b)) if op == "*" && a >= 0 => Val::Duration(a as u128 * b),
        (Val::Duration(a), Val::Int(b)) if op == "/" && b > 0 => Val::Duration(a / b as u128),
        (Val::Instant(a), Val::Instant(b)) if op == "-" => {
            Val::Elapsed(Clock::Binary(BinOp::Sub, Box::new(a), Box::new(b)))
        }
        (Val::Measured(c, Measured::Float), Val::Float(x)) => {
            measured(op, c, Clock::Const(Value::Float(x)), Measured::Float, at)?
        }
        (Val::Float(x), Val::Measured(c, Measured::Float)) => {
            measured(op, Clock::Const(Value::Float(x)), c, Measured::Float, at)?
        }
        (Val::Measured(a, Measured::Float), Val::Measured(b, Measured::Float)) => {
            measured(op, a, b, Measured::Float, at)?
        }
        (Val::Measured(c, Measured::Int), Val::Int(n)) => {
            measured(op, c, Clock::Const(Value::Int(n as i64)), Measured::Int, at)?
        }
        (Val::Str(a), Val::Str(b)) if op == "+" => Val::Str(a + &b),
        (left, right) => return Err(fail(&left, &right)),
    })
}

/// Arithmetic on a measured number: the run computes it.
fn measured<'a>(op: &str, left: Clock, right: Clock, kind: Measured, at: Pos) -> Res<Val<'a>> {
    let op = match op {
        "+" => BinOp::Add,
        "-" => BinOp::Sub,
        "*" => BinOp::Mul,
        "/" if kind == Measured::Float => BinOp::Div,
        "/" => BinOp::FloorDiv,
        _ => {
            return Err(error(
                at,
                format!("`{op}` on a measured time is not in the page's Rust"),
            ));
        }
    };
    Ok(Val::Measured(
        Clock::Binary(op, Box::new(left), Box::new(right)),
        kind,
    ))
}

/// `value as ty`, for numbers.
fn cast<'a>(value: Val<'a>, ty: &str, at: Pos) -> Res<Val<'a>> {
    let float = matches!(ty, "f64" | "f32");
    Ok(match value {
        Val::Int(n) if float => Val::Float(n as f64),
        Val::Int(n) => Val::Int(n),
        Val::Float(x) if float => Val::Float(x),
        Val::Float(x) => Val::Int(x.trunc() as i128),
        Val::Measured(c, _) => Val::Measured(
            c,
            if float {
                Measured::Float
            } else {
                Measured::Int
            },
        ),
        other => {
            return Err(error(
                at,
                format!(
                    "error[E0605]: non-primitive cast: `{}` as `{ty}`",
                    other.type_name()
                ),
            ));
        }
    })
}

/// Whether a body spawns or joins (syntactically): the top runs such a function as its own code.
pub(super) fn drives_tasks(body: &Block) -> bool {
    any_expr(body, &|e| match &e.kind {
        ExprKind::Call(callee, _) => {
            matches!(&callee.kind, ExprKind::Path(p) if p.last().is_some_and(|l| matches!(l.as_str(), "spawn" | "spawn_task" | "spawn_local" | "join" | "join_all" | "join3" | "join4")))
        }
        ExprKind::Macro(p, _) => p.last().is_some_and(|l| l == "join"),
        _ => false,
    })
}

/// Whether a body calls a function of the program's own (but `work`).
pub(super) fn calls_fns(body: &Block, by_name: &BTreeMap<String, usize>) -> bool {
    any_expr(body, &|e| match &e.kind {
        ExprKind::Call(callee, _) => {
            matches!(&callee.kind, ExprKind::Path(p) if p.len() == 1 && p[0] != "work" && by_name.contains_key(&p[0]))
        }
        _ => false,
    })
}

/// Whether any expression in a block passes `test`, nested blocks, closures and async blocks
/// included.
fn any_expr(block: &Block, test: &dyn Fn(&Expr) -> bool) -> bool {
    let mut found = false;
    walk_block(block, false, &mut |e, _| found |= test(e));
    found
}

/// Visits every expression of a block with whether it is in async code.
fn walk_block(block: &Block, in_async: bool, visit: &mut dyn FnMut(&Expr, bool)) {
    for stmt in &block.stmts {
        match &stmt.kind {
            StmtKind::Let(_, Some(e)) | StmtKind::Expr(e) => walk(e, in_async, visit),
            StmtKind::Let(_, None) | StmtKind::Item(_) => {}
        }
    }
    if let Some(tail) = &block.tail {
        walk(tail, in_async, visit);
    }
}

fn walk(expr: &Expr, in_async: bool, visit: &mut dyn FnMut(&Expr, bool)) {
    visit(expr, in_async);
    match &expr.kind {
        ExprKind::Call(f, args) => {
            walk(f, in_async, visit);
            args.iter().for_each(|a| walk(a, in_async, visit));
        }
        ExprKind::Method(r, _, args) => {
            walk(r, in_async, visit);
            args.iter().for_each(|a| walk(a, in_async, visit));
        }
        ExprKind::Await(v, _)
        | ExprKind::Try(v)
        | ExprKind::Unary(_, v)
        | ExprKind::Ref(v)
        | ExprKind::Cast(v, _)
        | ExprKind::Assign(_, _, v) => walk(v, in_async, visit),
        ExprKind::Return(v) => {
            if let Some(v) = v {
                walk(v, in_async, visit);
            }
        }
        ExprKind::Macro(_, args) => args.iter().for_each(|a| walk(&a.value, in_async, visit)),
        ExprKind::Async(b) => walk_block(b, true, visit),
        // A closure's body is code of its own: not async unless it is an async block.
        ExprKind::Closure(_, body) => walk(body, false, visit),
        ExprKind::Block(b) => walk_block(b, in_async, visit),
        ExprKind::Binary(_, l, r) | ExprKind::Range(l, r, _) => {
            walk(l, in_async, visit);
            walk(r, in_async, visit);
        }
        ExprKind::For(_, it, b) => {
            walk(it, in_async, visit);
            walk_block(b, in_async, visit);
        }
        ExprKind::Tuple(parts) | ExprKind::Array(parts) => {
            parts.iter().for_each(|p| walk(p, in_async, visit))
        }
        ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::Char(_)
        | ExprKind::Bool(_)
        | ExprKind::Path(_) => {}
    }
}

/// rustc's E0728 for the first `.await` outside async code, in any function, called or not.
pub(super) fn check_awaits(file: &File) -> Result<(), ParseError> {
    let mut first: Option<Pos> = None;
    let mut items: Vec<&crate::rust::ast::Item> = file.items.iter().collect();
    while let Some(item) = items.pop() {
        let ItemKind::Fn(f) = &item.kind else {
            continue;
        };
        walk_block(&f.body, f.is_async, &mut |e, in_async| {
            if let ExprKind::Await(_, at) = &e.kind
                && !in_async
                && first.is_none_or(|f| *at < f)
            {
                first = Some(*at);
            }
        });
        for stmt in &f.body.stmts {
            if let StmtKind::Item(inner) = &stmt.kind {
                items.push(inner);
            }
        }
    }
    match first {
        Some(at) => Err(ParseError::new(
            at.line as usize,
            at.column as usize,
            "error[E0728]: `await` is only allowed inside `async` functions and blocks: make the \
             function `async fn`, or await inside `trpl::run(async { … })`",
        )),
        None => Ok(()),
    }
}
