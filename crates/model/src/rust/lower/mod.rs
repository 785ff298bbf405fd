//! From a Rust program's syntax tree to what it does ([`Program`]): the reader runs the program
//! in its head, as the Python reader does, into the same program the page draws, predicts and runs.
//!
//! This module owns what each construct of the subset means; `expr` reads expressions and the
//! library's calls, `print` what `println!` writes. What a program computes before it touches the
//! clock is computed here (constants, arguments bound, loops unrolled, values returned); what
//! takes time or depends on when it happens becomes a step.
//!
//! Rust's futures are lazy: calling an `async fn` or writing an `async` block makes a future and
//! runs nothing. The future runs where it is awaited (in the awaiting code's turn), spawned (a task
//! of its own, from the next time the thread is given back) or joined (each joined future a lane,
//! awaited together). The future `trpl::run`, `block_on` or `#[tokio::main]` runs is the program's
//! top; when it returns, the runtime is dropped and so are the tasks still running, as Tokio's
//! runtime does ([`Op::EndLoop`]). Only the top spawns and joins, as only a Python program's main
//! starts tasks; a spawned task's own steps are a routine's. It knows nothing of the browser.

mod expr;
mod print;
mod val;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use std::collections::BTreeMap;
use std::rc::Rc;

use super::ast::{Block, ExprKind, Fn, ItemKind, Pat, Stmt, StmtKind};
use super::parse::parse;
use crate::python::lower::{MAX_PROGRAM_STEPS, MAX_STATEMENTS};
use crate::python::program::{
    Action, ClockKind, Dropped, How, Inlined, Join, Op, Program, Routine, Rules, Step, TaskRun,
    Warning,
};
use crate::python::token::Pos;
use crate::text::ParseError;
use crate::text::limits::{MAX_INSTANCES, MAX_TEXT_BYTES};
use val::{Future, FutureKind, Val};

/// How deeply calls may nest while the reader follows them.
const MAX_CALL_DEPTH: usize = 48;

/// What `source` does, or the first thing in it the page cannot read (or rustc would refuse),
/// with its place.
pub fn read(source: &str) -> Result<Program, ParseError> {
    if source.len() > MAX_TEXT_BYTES {
        return Err(ParseError::new(
            1,
            1,
            format!(
                "the program is {} KiB: the page reads programs of up to {} KiB",
                source.len().div_ceil(1024),
                MAX_TEXT_BYTES / 1024
            ),
        ));
    }
    // The page's More cooks view: its tasks run on Web Workers, which a program on the page's one
    // thread does not have. Said before anything else, as the first thing the reader could not
    // read (the workers' `match` on their messages) would not say why.
    if let Some((line, text)) = source
        .lines()
        .enumerate()
        .find(|(_, l)| l.trim_start().starts_with("use web_sys"))
    {
        let column = text.len() - text.trim_start().len() + 1;
        return Err(ParseError::new(
            line + 1,
            column,
            "Web Workers (`web_sys::Worker`) are not in the page's Rust: this program runs its \
             tasks on cooks of their own, as the page's More cooks view shows; the editor runs a \
             program on the page's one thread",
        ));
    }
    let file = parse(source)?;
    expr::check_awaits(&file)?;
    let mut lowerer = Lowerer::new();
    lowerer.page_unit = page_unit(source);
    for item in &file.items {
        lowerer.item(item, &mut Vec::new());
    }
    lowerer.run()
}

/// Why the reader stopped following the program: something the page cannot read, or rustc
/// would refuse. (A Rust program that compiles runs to its end here: the subset has no panics
/// that rustc lets through.)
type Stop = ParseError;

type Res<T> = Result<T, Stop>;

/// Where the steps being read go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sink {
    /// The program's top.
    Top,
    /// A routine, by index.
    Routine(usize),
}

/// A function's frame while the reader follows it.
struct Frame<'a> {
    /// Its names, innermost last; a block drops those it bound when it ends.
    locals: Vec<(String, Val<'a>)>,
    sink: Sink,
    /// Whether `.await` is allowed here: an `async fn` or an `async` block.
    is_async: bool,
}

/// What a block did: went on to its end with its value, or returned one.
enum Flow<'a> {
    Value(Val<'a>),
    Return(Val<'a>),
}

/// The reader's state while it follows one program.
struct Lowerer<'a> {
    /// The program's functions, nested ones too.
    fns: Vec<&'a Fn>,
    /// Each function's index by name.
    by_name: BTreeMap<String, usize>,
    /// Each name a `use` brought in, with its full path; `*` keys hold the globs' paths.
    imports: BTreeMap<String, Vec<String>>,
    globs: Vec<Vec<String>>,
    program: Program,
    /// Each task's value, for awaiting its handle.
    task_values: Vec<Val<'a>>,
    /// Every future made, so that one never used is noted.
    futures: Vec<Rc<Future<'a>>>,
    /// Tasks whose handle was dropped, noted when the program ends.
    dropped_handles: Vec<(usize, Pos)>,
    /// The value a `return` gives while the reader unwinds to its function's end.
    returned: Option<Val<'a>>,
    steps: usize,
    statements: usize,
    depth: usize,
    /// The runtime the code being read runs on, once `main` has started one.
    runtime: Option<Runtime>,
    /// Whether the page has said that a task spawned on the multi-thread runtime would run on
    /// other threads.
    threads_noted: bool,
    /// Whether `#[tokio::main]` started the runtime (else `trpl::run` did, if one did).
    runtime_from_attribute: bool,
    /// The seconds in one unit of the page's `sleep(n)`, `work(n)` and `blocking_sleep(n)`, for
    /// a program that is one of the page's own code views ([`page_unit`]).
    page_unit: Option<f64>,
    /// Each `oneshot` channel made: the routine that sends on it and how many steps that routine
    /// had when it sent, once it has.
    channels: Vec<Option<(usize, usize, Pos)>>,
}

/// The unit the page's own code views state on their first line (`// Times are in min: 1 min =
/// 20 ms of real time.`), as the program's seconds: their `sleep(n)`, `work(n)` and
/// `blocking_sleep(n)` are the page's, which the view's comments explain and no `fn` defines. One
/// unit is the real time the line states, as the Python twin's `SCALE` makes it: a learner who
/// pastes a view into the Rust editor runs the lesson's program, in the lesson's real seconds.
/// Without that line the names are unknown, as rustc would say.
fn page_unit(source: &str) -> Option<f64> {
    let (_, rest) = source
        .lines()
        .next()?
        .strip_prefix("// Times are in ")?
        .split_once(" = ")?;
    let ms = rest.strip_suffix(" ms of real time.")?;
    let (whole, fraction) = ms.split_once('.').unwrap_or((ms, ""));
    let mut value = super::digits(whole)? as f64;
    let mut place = 0.1;
    for digit in fraction.bytes() {
        if !digit.is_ascii_digit() {
            return None;
        }
        value += f64::from(digit - b'0') * place;
        place /= 10.0;
    }
    (value > 0.0).then_some(value / 1000.0)
}

/// The runtime a program's futures run on, outside the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Runtime {
    /// Tokio's current-thread runtime (`#[tokio::main(flavor = "current_thread")]`): the page's.
    CurrentThread,
    /// Tokio's multi-thread runtime, which `#[tokio::main]` and `trpl::run` start: spawned tasks
    /// may run on other threads.
    MultiThread,
    /// `futures::executor::block_on`: no runtime at all, so no Tokio timers and no `tokio::spawn`.
    NoTokio,
}

impl<'a> Lowerer<'a> {
    fn new() -> Self {
        Lowerer {
            fns: Vec::new(),
            by_name: BTreeMap::new(),
            imports: BTreeMap::new(),
            globs: Vec::new(),
            program: Program {
                notebook: false,
                routines: Vec::new(),
                tasks: Vec::new(),
                main: Vec::new(),
                clocks: 0,
                workers: None,
                rules: Rules::Tokio,
                warnings: Vec::new(),
                notes: Vec::new(),
                inlined: Vec::new(),
            },
            task_values: Vec::new(),
            futures: Vec::new(),
            dropped_handles: Vec::new(),
            returned: None,
            steps: 0,
            statements: 0,
            depth: 0,
            runtime: None,
            threads_noted: false,
            runtime_from_attribute: false,
            page_unit: None,
            channels: Vec::new(),
        }
    }

    /// Takes in an item: a `use`'s names, a function (nested ones are found in their blocks).
    fn item(&mut self, item: &'a super::ast::Item, locals: &mut Vec<(String, Val<'a>)>) {
        match &item.kind {
            ItemKind::Use(names) => {
                for (path, alias) in names {
                    if alias == "*" {
                        self.globs.push(path.clone());
                    } else {
                        self.imports.insert(alias.clone(), path.clone());
                    }
                }
            }
            ItemKind::Fn(f) => {
                self.fns.push(f);
                let index = self.fns.len() - 1;
                self.by_name.insert(f.name.clone(), index);
                locals.push((f.name.clone(), Val::Fn(index)));
            }
        }
    }

    fn run(mut self) -> Result<Program, ParseError> {
        // A browser program's entry point: the function `#[wasm_bindgen(start)]` marks.
        let start = self.fns.iter().position(|f| {
            f.attrs
                .iter()
                .any(|a| a.start && a.path.first().is_some_and(|p| p == "wasm_bindgen"))
        });
        if let Some(start) = start {
            return self.run_in_browser(start);
        }
        let Some(&main) = self.by_name.get("main") else {
            return Err(ParseError::new(
                1,
                1,
                "error[E0601]: `main` function not found in crate: write `fn main() { \
                 trpl::run(async { … }); }` or `#[tokio::main] async fn main() { … }`",
            ));
        };
        let f = self.fns[main];
        let tokio_main = f
            .attrs
            .iter()
            .any(|a| a.path.last().is_some_and(|l| l == "main"));
        if f.is_async && !tokio_main {
            return Err(error(
                f.at,
                "error[E0752]: `main` function is not allowed to be `async`: run its body with \
                 `trpl::run(async { … })`, or mark it `#[tokio::main]`",
            ));
        }
        if tokio_main && !f.is_async {
            return Err(error(
                f.at,
                "the `async` keyword is missing from the function declaration: `#[tokio::main]` \
                 runs an `async fn main`",
            ));
        }
        if tokio_main {
            let one_thread = f.attrs.iter().any(|a| a.current_thread);
            self.runtime_from_attribute = true;
            self.runtime = Some(if one_thread {
                Runtime::CurrentThread
            } else {
                Runtime::MultiThread
            });
        }
        let mut frame = Frame {
            locals: Vec::new(),
            sink: Sink::Top,
            is_async: f.is_async,
        };
        self.block(&f.body, &mut frame)?;
        if tokio_main {
            // `#[tokio::main]` builds a runtime, blocks on main's body and drops the runtime.
            let end = Pos::new(f.body.at.line, f.body.at.column);
            let _ = self.op(Op::EndLoop(end));
        }
        self.notes();
        Ok(self.program)
    }

    /// A browser program: `#[wasm_bindgen(start)]`'s function, which wasm-bindgen runs when the
    /// module loads (spawning its future, if it is `async`, as `spawn_local` does). It runs by the
    /// rules of the browser's loop, which the page's own runs follow: first in, first out, the
    /// asyncio model's (`Rules::Asyncio`); and when it returns, the futures it spawned go on.
    fn run_in_browser(mut self, start: usize) -> Result<Program, ParseError> {
        let f = self.fns[start];
        self.program.rules = Rules::Asyncio;
        let mut frame = Frame {
            locals: Vec::new(),
            sink: Sink::Top,
            is_async: f.is_async,
        };
        self.block(&f.body, &mut frame)?;
        self.notes();
        Ok(self.program)
    }

    /// What the page says about the program that rustc would not: futures never used, handles
    /// dropped.
    fn notes(&mut self) {
        for future in &self.futures {
            if !future.used.get() {
                let name = future.name.borrow().clone();
                let what = name.map_or_else(|| "this future".to_owned(), |n| format!("`{n}`"));
                self.program.notes.push(Warning {
                    at: future.at,
                    message: format!(
                        "{what} is never awaited: futures do nothing unless you `.await` or poll \
                         them, so none of it runs"
                    ),
                });
            }
        }
        for &(task, at) in &self.dropped_handles {
            let name = self
                .program
                .tasks
                .get(task)
                .and_then(|t| self.program.routines.get(t.routine))
                .map_or("", |r| r.name.as_str());
            // An `async` block's routine has a name the learner never wrote.
            let what = if name.is_empty() || name.starts_with("async_block_") {
                "The handle of the `async` block spawned here is dropped".to_owned()
            } else {
                format!("`{name}` is spawned and its handle dropped")
            };
            self.program.notes.push(Warning {
                at,
                message: format!(
                    "{what}: it runs beside main until main \
                     returns, when Tokio's runtime drops it wherever it is, as the page does (in \
                     a browser, `spawn_local`'s futures go on after main)"
                ),
            });
        }
    }

    /// Runs a block's statements in order, dropping the names it bound when it ends.
    fn block(&mut self, block: &'a Block, frame: &mut Frame<'a>) -> Res<Flow<'a>> {
        let scope = frame.locals.len();
        for stmt in &block.stmts {
            if let StmtKind::Item(item) = &stmt.kind {
                self.item(item, &mut frame.locals);
            }
        }
        let flow = self.statements(block, frame);
        frame.locals.truncate(scope);
        flow
    }

    fn statements(&mut self, block: &'a Block, frame: &mut Frame<'a>) -> Res<Flow<'a>> {
        for stmt in &block.stmts {
            if let Some(value) = self.stmt(stmt, frame)? {
                return Ok(Flow::Return(value));
            }
        }
        match &block.tail {
            Some(tail) => {
                let value = self.eval(tail, frame)?;
                Ok(match self.returned.take() {
                    Some(value) => Flow::Return(value),
                    None => Flow::Value(value),
                })
            }
            None => Ok(Flow::Value(Val::Unit)),
        }
    }

    /// Runs a statement; the value it returns from the function, if it returns.
    fn stmt(&mut self, stmt: &'a Stmt, frame: &mut Frame<'a>) -> Res<Option<Val<'a>>> {
        let at = stmt.start;
        self.statements += 1;
        if self.statements > MAX_STATEMENTS {
            return Err(error(
                at,
                format!(
                    "the program runs more than {} statements, its loops' rounds counted: write \
                     `work(d)` for d of CPU-bound work",
                    crate::format::count(MAX_STATEMENTS)
                ),
            ));
        }
        match &stmt.kind {
            StmtKind::Item(_) => {}
            StmtKind::Let(pat, value) => {
                let Some(value) = value else {
                    return Err(error(
                        at,
                        "a `let` without a value is not in the page's Rust: give it its value",
                    ));
                };
                let value = self.eval(value, frame)?;
                if let Some(returned) = self.returned.take() {
                    return Ok(Some(returned));
                }
                self.bind(frame, pat, value, at)?;
            }
            StmtKind::Expr(expr) => {
                let value = self.eval(expr, frame)?;
                if let Some(returned) = self.returned.take() {
                    return Ok(Some(returned));
                }
                if !matches!(expr.kind, ExprKind::For(..) | ExprKind::Block(_)) {
                    self.discard(value, at, frame)?;
                }
            }
        }
        Ok(None)
    }

    /// Binds a pattern to a value.
    fn bind(&mut self, frame: &mut Frame<'a>, pat: &Pat, value: Val<'a>, at: Pos) -> Res<()> {
        match (pat, value) {
            (Pat::Wild, value) => {
                // `let _ = future;` drops the future at once: rustc does not warn, and nothing
                // runs.
                if let Val::Future(future) = &value {
                    future.used.set(true);
                    self.emit(frame, Action::Dropped(dropped(&self.fns, future)), at)?;
                }
                if let Val::Handle(task) = value {
                    self.dropped_handles.push((task, at));
                }
            }
            (Pat::Name(name), value) => {
                if let Val::Future(future) = &value {
                    future.name.borrow_mut().get_or_insert_with(|| name.clone());
                }
                frame.locals.push((name.clone(), value));
            }
            (Pat::Tuple(parts), Val::Tuple(values)) if parts.len() == values.len() => {
                for (part, value) in parts.iter().zip(values) {
                    self.bind(frame, part, value, at)?;
                }
            }
            (Pat::Tuple(parts), value) => {
                return Err(error(
                    at,
                    format!(
                        "error[E0308]: mismatched types: expected a tuple of {} elements, found \
                         `{}`",
                        parts.len(),
                        value.type_name()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// A value computed and thrown away: a future made here and never awaited runs nothing,
    /// and a spawned task's handle dropped leaves the task running.
    fn discard(&mut self, value: Val<'a>, at: Pos, frame: &mut Frame<'a>) -> Res<()> {
        match value {
            Val::Future(future) if !future.used.get() => {
                future.used.set(true);
                // rustc names a timer's own type; an `async fn`'s or block's future has none.
                let what = match future.kind {
                    FutureKind::Sleep(_, name) => format!("`{name}`"),
                    _ => "implementer of `Future`".to_owned(),
                };
                let message = format!(
                    "unused {what} that must be used: futures do nothing unless you `.await` or \
                     poll them"
                );
                // rustc warns once for each place, however many times the code there runs.
                if !self
                    .program
                    .warnings
                    .iter()
                    .any(|w| w.at == at && w.message == message)
                {
                    self.program.warnings.push(Warning { at, message });
                }
                self.emit(frame, Action::Dropped(dropped(&self.fns, &future)), at)?;
            }
            Val::Handle(task) => self.dropped_handles.push((task, at)),
            _ => {}
        }
        Ok(())
    }

    /// Adds a step where the reader is.
    fn emit(&mut self, frame: &Frame<'a>, action: Action, at: Pos) -> Res<()> {
        let step = Step { action, at };
        match frame.sink {
            Sink::Top => self.op(Op::Step(step)),
            Sink::Routine(r) => {
                self.count()?;
                self.program.routines[r].steps.push(step);
                Ok(())
            }
        }
    }

    /// Adds an op to the program's top.
    fn op(&mut self, op: Op) -> Res<()> {
        self.count()?;
        self.program.main.push(op);
        Ok(())
    }

    fn count(&mut self) -> Res<()> {
        self.steps += 1;
        if self.steps > MAX_PROGRAM_STEPS {
            return Err(error(
                Pos::new(1, 1),
                format!(
                    "the program comes to more than {MAX_PROGRAM_STEPS} steps once its loops are \
                     unrolled: the page runs shorter ones"
                ),
            ));
        }
        Ok(())
    }

    /// A new clock slot, read here.
    fn clock(&mut self, frame: &Frame<'a>, at: Pos) -> Res<usize> {
        let slot = self.program.clocks;
        self.program.clocks += 1;
        self.emit(frame, Action::Clock(slot, ClockKind::Counter), at)?;
        Ok(slot)
    }

    /// Runs a future as a routine of its own (a task's, or one a task awaits): its steps, and
    /// what it returns.
    fn routine(&mut self, future: &Future<'a>, at: Pos) -> Res<(usize, Val<'a>)> {
        if self.depth >= MAX_CALL_DEPTH {
            return Err(error(
                at,
                "calls nest too deeply here (a function that calls itself?): the page follows \
                 calls 48 deep",
            ));
        }
        let bound = future.name.borrow().clone();
        let (name, call, def_line) = match &future.kind {
            FutureKind::Call(f, args) => {
                let f = self.fns[*f];
                (f.name.clone(), call_text(&f.name, args), f.at.line)
            }
            FutureKind::Block(block, _) => {
                let name = bound.unwrap_or_else(|| format!("async_block_{}", block.at.line));
                (
                    name,
                    format!("block at line {}", block.at.line),
                    block.at.line,
                )
            }
            FutureKind::Sleep(..) | FutureKind::Yield | FutureKind::Join(..) => (
                bound.unwrap_or_else(|| "future".to_owned()),
                String::new(),
                future.at.line,
            ),
        };
        let call = if call.is_empty() { name.clone() } else { call };
        self.program.routines.push(Routine {
            name,
            call,
            is_async: true,
            def_line,
            steps: Vec::new(),
        });
        let index = self.program.routines.len() - 1;
        let mut frame = Frame {
            locals: Vec::new(),
            sink: Sink::Routine(index),
            is_async: true,
        };
        self.depth += 1;
        let value = self.poll_here(future, at, &mut frame);
        self.depth -= 1;
        Ok((index, value?))
    }

    /// Runs a future's code in `frame`'s place, as awaiting it does: a call's body with its
    /// parameters bound, a block's with what it captured, a timer's wait.
    fn poll_here(&mut self, future: &Future<'a>, at: Pos, frame: &mut Frame<'a>) -> Res<Val<'a>> {
        match &future.kind {
            // A timer of no time is ready at its first poll: Tokio's `sleep(Duration::ZERO)` gives
            // the thread to no one (measured: a task spawned before it runs after the code that
            // follows it). `yield_now` is how a Rust task gives the thread back.
            FutureKind::Sleep(0, _) => Ok(Val::Unit),
            FutureKind::Sleep(nanos, _) => {
                self.emit(frame, Action::Sleep(*nanos as f64 / 1e9), at)?;
                Ok(Val::Unit)
            }
            FutureKind::Yield => {
                self.emit(frame, Action::Yield, at)?;
                Ok(Val::Unit)
            }
            FutureKind::Call(f, args) => self.call_body(*f, args.clone(), frame),
            FutureKind::Block(block, env) => {
                let saved = std::mem::replace(&mut frame.locals, env.clone());
                let was_async = std::mem::replace(&mut frame.is_async, true);
                let flow = self.block(block, frame);
                frame.locals = saved;
                frame.is_async = was_async;
                Ok(match flow? {
                    Flow::Value(v) | Flow::Return(v) => v,
                })
            }
            FutureKind::Join(..) => Err(not_from_a_task(at)),
        }
    }

    /// A function's body run in `frame`'s place with its parameters bound to `args`.
    fn call_body(&mut self, f: usize, args: Vec<Val<'a>>, frame: &mut Frame<'a>) -> Res<Val<'a>> {
        let function = self.fns[f];
        let locals = function
            .params
            .iter()
            .map(|(p, _)| p.clone())
            .zip(args)
            .collect();
        let saved = std::mem::replace(&mut frame.locals, locals);
        let was_async = std::mem::replace(&mut frame.is_async, function.is_async);
        self.depth += 1;
        let flow = if self.depth > MAX_CALL_DEPTH {
            Err(error(
                function.at,
                "calls nest too deeply here: the page follows calls 48 deep",
            ))
        } else {
            self.block(&function.body, frame)
        };
        self.depth -= 1;
        frame.locals = saved;
        frame.is_async = was_async;
        Ok(match flow? {
            Flow::Value(v) | Flow::Return(v) => v,
        })
    }

    /// A call of function `f` at the top, run as the top's own code: its steps are the top's.
    fn inline(&mut self, f: usize, args: Vec<Val<'a>>, frame: &mut Frame<'a>) -> Res<Val<'a>> {
        let inlined = self.program.inlined.len();
        self.program.inlined.push(Inlined {
            name: self.fns[f].name.clone(),
            start: self.program.main.len(),
            end: self.program.main.len(),
        });
        let value = self.call_body(f, args, frame);
        self.program.inlined[inlined].end = self.program.main.len();
        value
    }

    /// A task: `future` run as a routine of its own, started by the top now.
    fn spawn(
        &mut self,
        future: &Future<'a>,
        at: Pos,
        frame: &Frame<'a>,
        start: bool,
    ) -> Res<usize> {
        if frame.sink != Sink::Top {
            return Err(not_from_a_task(at));
        }
        if self.program.tasks.len() as u64 >= MAX_INSTANCES {
            return Err(error(
                at,
                format!("the program starts more than {MAX_INSTANCES} tasks: the page's limit"),
            ));
        }
        future.used.set(true);
        let (routine, value) = self.routine(future, at)?;
        self.program.tasks.push(TaskRun {
            routine,
            how: How::Task,
        });
        self.task_values.push(value);
        let task = self.program.tasks.len() - 1;
        if start {
            self.op(Op::Start(task, at))?;
        }
        Ok(task)
    }

    /// `future.await`: the future run in this turn, a timer waited on, a task's or a join's end
    /// awaited.
    fn await_value(&mut self, value: Val<'a>, at: Pos, frame: &mut Frame<'a>) -> Res<Val<'a>> {
        match value {
            Val::Future(future) => {
                future.used.set(true);
                match &future.kind {
                    FutureKind::Join(parts, is_vec, join) => {
                        if frame.sink != Sink::Top {
                            return Err(not_from_a_task(at));
                        }
                        let (mut tasks, mut handles) = (Vec::new(), Vec::new());
                        let value =
                            self.join(parts, *is_vec, at, frame, &mut tasks, &mut handles)?;
                        if !tasks.is_empty() {
                            self.op(Op::Await(tasks, *join, at))?;
                        }
                        // A spawned task's handle in a join is awaited, not polled by the top: the
                        // task runs on its own from its spawn, and the join only waits for its end
                        // (so the order of these awaits changes nothing).
                        for task in handles {
                            self.op(Op::Await(vec![task], Join::Task, at))?;
                        }
                        Ok(value)
                    }
                    FutureKind::Call(f, args) if frame.sink == Sink::Top => {
                        let function = self.fns[*f];
                        if expr::drives_tasks(&function.body)
                            || expr::calls_fns(&function.body, &self.by_name)
                        {
                            return self.inline(*f, args.clone(), frame);
                        }
                        self.run_at_top(&future, at)
                    }
                    FutureKind::Call(..) => {
                        let (routine, value) = self.routine(&future, at)?;
                        self.emit(frame, Action::Call(routine), at)?;
                        Ok(value)
                    }
                    _ => self.poll_here(&future, at, frame),
                }
            }
            Val::Handle(task) => {
                if frame.sink != Sink::Top {
                    return Err(not_from_a_task(at));
                }
                self.op(Op::Await(vec![task], Join::Task, at))?;
                Ok(Val::Ok(Box::new(self.task_values[task].clone())))
            }
            Val::Receiver(channel) => {
                if frame.sink != Sink::Top {
                    return Err(not_from_a_task(at));
                }
                let task = self.sender_task(channel, at)?;
                self.op(Op::Await(vec![task], Join::Task, at))?;
                Ok(Val::Ok(Box::new(Val::Unit)))
            }
            Val::Unit => Err(error(
                at,
                "error[E0277]: `()` is not a future: `spawn_local` gives nothing to await; spawn \
                 with `trpl::spawn_task` (or `tokio::spawn`) to await the task's handle",
            )),
            other => Err(error(
                at,
                format!(
                    "error[E0277]: `{}` is not a future: only futures (an `async fn`'s call, an \
                     `async` block, a timer, a join, a task's handle) can be awaited",
                    other.type_name()
                ),
            )),
        }
    }

    /// The task whose end a `oneshot` receiver waits for: the task that sends on its channel as
    /// its last step (the page's code views send so, when the task they spawn has finished). A
    /// send anywhere else, or none, is not in the page's Rust.
    fn sender_task(&self, channel: usize, at: Pos) -> Res<usize> {
        let not_read = |why: &str| {
            error(
                at,
                format!(
                    "{why}: the page reads a `oneshot` channel only as a spawned task's last \
                     word, `tx.send(())`, awaited as `rx.await`"
                ),
            )
        };
        let Some(Some((routine, steps, _))) = self.channels.get(channel).copied() else {
            return Err(not_read("nothing sends on this channel"));
        };
        if self.program.routines[routine].steps.len() != steps {
            return Err(not_read("the task goes on after it sends"));
        }
        self.program
            .tasks
            .iter()
            .position(|t| t.routine == routine)
            .ok_or_else(|| not_read("the channel is sent on outside a spawned task"))
    }

    /// An `async fn` awaited by the top that starts no task: a lane of its own, run in the top's
    /// turn.
    fn run_at_top(&mut self, future: &Future<'a>, at: Pos) -> Res<Val<'a>> {
        let (routine, value) = self.routine(future, at)?;
        self.program.tasks.push(TaskRun {
            routine,
            how: How::Inline,
        });
        self.task_values.push(value.clone());
        let task = self.program.tasks.len() - 1;
        self.op(Op::Run(task, at))?;
        Ok(value)
    }

    /// The parts of a join started as tasks the top polls (a join inside a join is its parts),
    /// added to `tasks`, and the spawned tasks whose handles it awaits, added to `handles`; the
    /// join's value.
    fn join(
        &mut self,
        parts: &[Val<'a>],
        is_vec: bool,
        at: Pos,
        frame: &mut Frame<'a>,
        tasks: &mut Vec<usize>,
        handles: &mut Vec<usize>,
    ) -> Res<Val<'a>> {
        let mut values = Vec::new();
        for part in parts {
            let value = match part {
                Val::Future(future) => {
                    future.used.set(true);
                    if let FutureKind::Join(inner, inner_vec, _) = &future.kind {
                        self.join(inner, *inner_vec, at, frame, tasks, handles)?
                    } else {
                        let task = self.spawn(future, future.at, frame, true)?;
                        tasks.push(task);
                        self.task_values[task].clone()
                    }
                }
                Val::Handle(task) => {
                    handles.push(*task);
                    Val::Ok(Box::new(self.task_values[*task].clone()))
                }
                other => {
                    return Err(error(
                        at,
                        format!(
                            "error[E0277]: `{}` is not a future: a join joins futures",
                            other.type_name()
                        ),
                    ));
                }
            };
            values.push(value);
        }
        Ok(if is_vec {
            Val::Array(values)
        } else {
            Val::Tuple(values)
        })
    }
}

/// What a future dropped unpolled was, for the program's step.
fn dropped(fns: &[&Fn], future: &Future<'_>) -> Dropped {
    match &future.kind {
        FutureKind::Sleep(nanos, _) => Dropped::Sleep(*nanos as f64 / 1e9),
        FutureKind::Call(f, _) => Dropped::Coroutine(fns[*f].name.clone()),
        FutureKind::Block(..) => Dropped::Coroutine("async block".to_owned()),
        FutureKind::Yield => Dropped::Coroutine("yield_now".to_owned()),
        FutureKind::Join(..) => Dropped::Coroutine("join".to_owned()),
    }
}

/// A call as the learner would write it, such as `cook("tea", 2)`.
fn call_text(name: &str, args: &[Val<'_>]) -> String {
    let args: Vec<String> = args.iter().map(print::debug_text).collect();
    format!("{name}({})", args.join(", "))
}

fn not_from_a_task(at: Pos) -> ParseError {
    error(
        at,
        "only the future `trpl::run` (or `block_on`, or `#[tokio::main]`) runs spawns, joins and \
         awaits tasks in the page's Rust: do that in main's future, and let each task await only \
         timers and async fns",
    )
}

fn error(at: Pos, message: impl Into<String>) -> ParseError {
    ParseError::new(at.line as usize, at.column as usize, message)
}
