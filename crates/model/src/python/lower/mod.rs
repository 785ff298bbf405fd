//! From a program's syntax tree to what it does ([`Program`]): the reader runs the program in its
//! head, before the page runs it for real.
//!
//! This module owns what each statement of the subset means. Everything a program computes before
//! it touches the clock is computed here, as CPython would (constants, arguments bound to
//! parameters, loops unrolled, f-strings and `str.format` filled in, return values passed back),
//! and everything that takes time or depends on when it happens becomes a step: waits, work, prints,
//! clock readings, tasks started and awaited. `stmt` is this file; `expr` reads expressions, `call`
//! what each function the page knows does, `text` what a print writes.
//!
//! The program's top (module level, and the coroutine `asyncio.run` runs, with any coroutine it
//! awaits that starts tasks) is one list of ops; every other call is a routine of its own, so that
//! each of the tutorial's `sleep_and_print(3)` and `sleep_and_print(6)` has its own lane and steps.
//! It knows nothing of the browser, the runtime or the prediction: they run the `Program`.

mod call;
mod expr;
mod text;
mod val;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use std::collections::BTreeMap;
use std::rc::Rc;

use super::ast::{Def, Expr, ExprKind, Module, Stmt, StmtKind, Target};
use super::parse::parse;
use super::program::{
    Action, ClockKind, Dropped, How, Inlined, Join, Op, Program, Routine, Step, TaskRun, Warning,
};
use super::token::Pos;
use super::value::Value;
use crate::text::ParseError;
use crate::text::limits::{MAX_INSTANCES, MAX_TEXT_BYTES};
use val::{Coro, Lib, Val};

/// The most steps and ops a program may come to once its loops are unrolled: a bound on the
/// reader's work and on the run's trace, far above what a lesson needs.
pub const MAX_PROGRAM_STEPS: usize = 1_000_000;

/// The most statements the reader runs in its head for one program, loops' rounds counted. It
/// reads a program as the learner types, so a loop of a million rounds inside another must be an
/// error in a moment, not a page that hangs; and a loop that long only computes, which takes
/// CPython time the page cannot foresee (CPU-bound work is written `work(x)` here).
pub const MAX_STATEMENTS: usize = 100_000;

/// How deeply calls may nest while the reader follows them (CPython allows 1 000 frames; the
/// reader's own stack is the page's).
const MAX_CALL_DEPTH: usize = 48;

/// How a program is run: as a script (`python3 file.py`) or as a notebook cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// `python3 file.py`: an `await` at the top level is a syntax error, and `asyncio.run`
    /// starts the one loop.
    Script,
    /// A Jupyter cell: the kernel's loop is already running, so the cell may await at its top
    /// level, `asyncio.run` fails, and tasks left running go on after the cell.
    Notebook,
}

impl Form {
    /// The form a program's text suggests: a notebook cell when it awaits at its top level (as
    /// three of the tutorials' cells do), a script otherwise.
    pub fn of(module: &Module) -> Form {
        if module.body.iter().any(awaits_at_top) {
            Form::Notebook
        } else {
            Form::Script
        }
    }
}

/// What `source` does, run in `form` (or the form its text suggests, [`Form::of`]), or the first
/// thing in it the page cannot read, with its place.
pub fn read(source: &str, form: Option<Form>) -> Result<Program, ParseError> {
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
    let module = parse(source)?;
    let suggested = Form::of(&module);
    let form = form.unwrap_or(suggested);
    if form == Form::Script
        && let Some(first) = module.body.iter().find(|s| awaits_at_top(s))
    {
        return Err(ParseError::new(
            first.start.line as usize,
            first.start.column as usize,
            "SyntaxError: 'await' outside function: a script awaits only inside an `async def`; \
             run main with `asyncio.run(main())` (a notebook cell may await at its top level)",
        ));
    }
    let mut lowerer = Lowerer::new(form == Form::Notebook);
    if form == Form::Notebook && suggested == Form::Notebook {
        lowerer.program.notes.push(Warning {
            at: module
                .body
                .iter()
                .find(|s| awaits_at_top(s))
                .map_or(Pos::new(1, 1), |s| s.start),
            message: "read as a notebook cell, because it awaits at its top level (in a script, \
                      CPython says SyntaxError: 'await' outside function)"
                .to_owned(),
        });
    }
    lowerer.run(&module)
}

/// Why the reader stopped following the program.
enum Stop {
    /// Something the page cannot read.
    Error(ParseError),
    /// The program raised an exception, recorded as its last step: nothing after it runs.
    Raised,
}

impl From<ParseError> for Stop {
    fn from(e: ParseError) -> Stop {
        Stop::Error(e)
    }
}

type Res<T> = Result<T, Stop>;

/// Where the steps being read go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sink {
    /// The program's top.
    Top,
    /// A routine, by index.
    Routine(usize),
}

/// A function's frame (or the module's) while the reader follows it.
struct Frame {
    /// Its local names; `None` at module level, where names are global.
    locals: Option<Vec<(String, Val)>>,
    sink: Sink,
    /// Whether `await` is allowed here: an `async def`, or a notebook's top level.
    is_async: bool,
    /// Whether this runs inside a task, where the page cannot yet follow an exception.
    in_task: bool,
    /// Whether this runs on a worker process, which has an event loop of its own.
    process: bool,
}

/// Where a routine runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// In the top's turn.
    Top,
    /// In a task of the page's loop.
    Task,
    /// On a worker process, alone on its own loop.
    Process,
}

/// What a block did: went on to its end, or returned a value.
enum Flow {
    Next,
    Return(Val),
}

/// The reader's state while it follows one program.
struct Lowerer<'m> {
    defs: Vec<&'m Def>,
    def_lines: Vec<u32>,
    /// The module's names: a map, for a program may define thousands of functions.
    globals: BTreeMap<String, Val>,
    program: Program,
    /// Each task's result, for `await task` and `gather`.
    task_values: Vec<Val>,
    /// The `TaskGroup`s whose `async with` is open: the tasks each has started.
    groups: Vec<Vec<usize>>,
    /// Every coroutine made, so that those never awaited are warned about as CPython does.
    coroutines: Vec<Rc<Coro>>,
    /// Whether an event loop is running: always in a notebook, and inside `asyncio.run`.
    loop_running: bool,
    /// What each clock slot reads.
    slot_kinds: Vec<ClockKind>,
    steps: usize,
    /// Statements run so far, against [`MAX_STATEMENTS`].
    statements: usize,
    depth: usize,
}

impl<'m> Lowerer<'m> {
    fn new(notebook: bool) -> Self {
        Lowerer {
            defs: Vec::new(),
            def_lines: Vec::new(),
            globals: BTreeMap::from([(
                "__name__".to_owned(),
                Val::Plain(Value::Str("__main__".into())),
            )]),
            program: Program {
                notebook,
                routines: Vec::new(),
                tasks: Vec::new(),
                main: Vec::new(),
                clocks: 0,
                workers: None,
                rules: super::program::Rules::Asyncio,
                warnings: Vec::new(),
                notes: Vec::new(),
                inlined: Vec::new(),
            },
            task_values: Vec::new(),
            groups: Vec::new(),
            coroutines: Vec::new(),
            loop_running: notebook,
            slot_kinds: Vec::new(),
            steps: 0,
            statements: 0,
            depth: 0,
        }
    }

    fn run(mut self, module: &'m Module) -> Result<Program, ParseError> {
        let mut frame = Frame {
            locals: None,
            sink: Sink::Top,
            is_async: self.program.notebook,
            in_task: false,
            process: false,
        };
        match self.block(&module.body, &mut frame) {
            Ok(_) | Err(Stop::Raised) => {}
            Err(Stop::Error(e)) => return Err(e),
        }
        for coro in &self.coroutines {
            if !coro.used.get() {
                let name = self.defs[coro.function].name.clone();
                self.program.warnings.push(never_awaited(&name, coro.at));
            }
        }
        Ok(self.program)
    }

    /// Runs a block's statements in order.
    fn block(&mut self, stmts: &'m [Stmt], frame: &mut Frame) -> Res<Flow> {
        for stmt in stmts {
            if let Flow::Return(value) = self.stmt(stmt, frame)? {
                return Ok(Flow::Return(value));
            }
        }
        Ok(Flow::Next)
    }

    fn stmt(&mut self, stmt: &'m Stmt, frame: &mut Frame) -> Res<Flow> {
        let at = stmt.start;
        self.statements += 1;
        if self.statements > MAX_STATEMENTS {
            return Err(error(
                at,
                format!(
                    "the program runs more than {} statements, its loops' rounds counted: a loop \
                     that long computes for a time the page cannot foresee; write `work(x)` for x \
                     seconds of CPU-bound work",
                    crate::format::count(MAX_STATEMENTS)
                ),
            )
            .into());
        }
        match &stmt.kind {
            StmtKind::Import(names) => {
                for (module, alias) in names {
                    let lib = self.import(module, at)?;
                    match alias {
                        Some(alias) => self.bind(frame, alias, Val::Lib(lib)),
                        None => {
                            let top = module.split('.').next().unwrap_or(module);
                            let lib = Lib::module(top).unwrap_or(lib);
                            self.bind(frame, top, Val::Lib(lib));
                        }
                    }
                }
            }
            StmtKind::From { module, names } => {
                let lib = self.import(module, at)?;
                for (name, alias) in names {
                    let Some(item) = lib.attribute(name) else {
                        return Err(error(
                            at,
                            format!(
                                "`from {module} import {name}`: the page knows no `{name}` in \
                                 {module}{}",
                                known_names(lib)
                            ),
                        )
                        .into());
                    };
                    self.bind(frame, alias.as_ref().unwrap_or(name), Val::Lib(item));
                }
            }
            StmtKind::Def(def) => {
                self.defs.push(def);
                self.def_lines.push(at.line);
                let index = self.defs.len() - 1;
                self.bind(frame, &def.name, Val::Function(index));
            }
            StmtKind::Return(value) => {
                let value = match value {
                    Some(value) => self.eval(value, frame)?,
                    None => Val::Plain(Value::None),
                };
                return Ok(Flow::Return(value));
            }
            StmtKind::If { test, body, orelse } => {
                let holds = self.condition(test, frame)?;
                return self.block(if holds { body } else { orelse }, frame);
            }
            StmtKind::For { target, iter, body } => {
                let items = self.iterate(iter, frame)?;
                for item in items {
                    self.assign(frame, target, item, at)?;
                    if let Flow::Return(value) = self.block(body, frame)? {
                        return Ok(Flow::Return(value));
                    }
                }
            }
            StmtKind::While { test, body } => self.busy_loop(test, body, at, frame)?,
            StmtKind::With {
                is_async,
                items,
                body,
            } => return self.with(*is_async, items, body, at, frame),
            StmtKind::Assign { targets, value } => {
                let value = self.eval(value, frame)?;
                for target in targets {
                    self.assign(frame, target, value.clone(), at)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => {
                let Target::Name(name, pos) = target else {
                    return Err(error(at, "an augmented assignment needs one name").into());
                };
                let old = self.lookup(frame, name, *pos)?;
                let value = self.eval(value, frame)?;
                let new = self.binary(*op, old, value, at, frame)?;
                self.bind(frame, name, new);
            }
            StmtKind::Expr(value) => {
                let value = self.eval(value, frame)?;
                self.discard(value, at, frame)?;
            }
            StmtKind::Pass => {}
        }
        Ok(Flow::Next)
    }

    /// A value computed and thrown away: a coroutine made here and never awaited runs nothing.
    fn discard(&mut self, value: Val, at: Pos, frame: &mut Frame) -> Res<()> {
        match value {
            Val::Coroutine(coro) if !coro.used.get() => {
                coro.used.set(true);
                let name = self.defs[coro.function].name.clone();
                self.program.warnings.push(never_awaited(&name, at));
                self.emit(frame, Action::Dropped(Dropped::Coroutine(name)), at)?;
            }
            Val::Sleep(seconds) => {
                self.program.warnings.push(never_awaited("sleep", at));
                self.emit(frame, Action::Dropped(Dropped::Sleep(seconds)), at)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// `with` and `async with`: a `TaskGroup` (its tasks awaited when the block ends) or a
    /// process pool.
    fn with(
        &mut self,
        is_async: bool,
        items: &'m [(Expr, Option<Target>)],
        body: &'m [Stmt],
        at: Pos,
        frame: &mut Frame,
    ) -> Res<Flow> {
        let [(manager, target)] = items else {
            return Err(error(at, "a `with` of several managers is not in the page's Python: write one `with` inside another").into());
        };
        let value = self.eval(manager, frame)?;
        match (is_async, value) {
            (true, Val::Group(_)) => {
                if frame.sink != Sink::Top {
                    return Err(not_from_a_task(at).into());
                }
                self.groups.push(Vec::new());
                let group = self.groups.len() - 1;
                if let Some(target) = target {
                    self.assign(frame, target, Val::Group(group), at)?;
                }
                let flow = self.block(body, frame);
                let tasks = self.groups.pop().unwrap_or_default();
                let flow = flow?;
                // Leaving the block awaits every task the group started.
                if !tasks.is_empty() {
                    self.op(Op::Await(tasks, Join::Group, at))?;
                }
                Ok(flow)
            }
            (false, Val::Executor) => {
                if let Some(target) = target {
                    self.assign(frame, target, Val::Executor, at)?;
                }
                self.block(body, frame)
            }
            (false, Val::Group(_)) => {
                Err(error(at, "a TaskGroup is entered with `async with`, not `with`").into())
            }
            (_, other) => Err(error(
                at,
                format!(
                    "`{}with` of a {} is not in the page's Python: the page reads `async with \
                     asyncio.TaskGroup() as tg:` and `with ProcessPoolExecutor() as pool:`",
                    if is_async { "async " } else { "" },
                    other.type_name()
                ),
            )
            .into()),
        }
    }

    /// `import module`: the module, or why the page cannot import it.
    fn import(&self, module: &str, at: Pos) -> Res<Lib> {
        if let Some(lib) = Lib::module(module) {
            return Ok(lib);
        }
        let top = module.split('.').next().unwrap_or(module);
        let why = match top {
            "requests" | "aiohttp" | "httpx" | "urllib" | "urllib3" | "socket" => {
                "the page reaches no network: `await asyncio.sleep(2)` stands for a two-second \
                 download, and `time.sleep(2)` for a blocking one"
                    .to_owned()
            }
            "threading" => "threads are not in the page's Python yet: use asyncio, or \
                            `ProcessPoolExecutor` for work on other cores"
                .to_owned(),
            _ => format!(
                "the page knows the modules asyncio, time, datetime, random, concurrent.futures, \
                 click and sys, and no `{top}`"
            ),
        };
        Err(error(at, format!("`import {module}`: {why}")).into())
    }

    /// Binds `name` in the frame's scope.
    fn bind(&mut self, frame: &mut Frame, name: &str, value: Val) {
        let Some(locals) = &mut frame.locals else {
            self.globals.insert(name.to_owned(), value);
            return;
        };
        match locals.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value,
            None => locals.push((name.to_owned(), value)),
        }
    }

    /// Binds a target to a value, unpacking a tuple target.
    fn assign(&mut self, frame: &mut Frame, target: &Target, value: Val, at: Pos) -> Res<()> {
        match target {
            Target::Name(name, _) => {
                self.bind(frame, name, value);
                Ok(())
            }
            Target::Tuple(targets, _) => {
                let Some(items) = value.items() else {
                    return self.raise(
                        frame,
                        format!(
                            "TypeError: cannot unpack non-iterable {} object",
                            value.type_name()
                        ),
                        at,
                    );
                };
                if items.len() != targets.len() {
                    let message = if items.len() > targets.len() {
                        format!(
                            "ValueError: too many values to unpack (expected {})",
                            targets.len()
                        )
                    } else {
                        format!(
                            "ValueError: not enough values to unpack (expected {}, got {})",
                            targets.len(),
                            items.len()
                        )
                    };
                    return self.raise(frame, message, at);
                }
                for (target, item) in targets.iter().zip(items) {
                    self.assign(frame, target, item, at)?;
                }
                Ok(())
            }
        }
    }

    /// The value of a name: local, global or built-in; a `NameError` otherwise.
    fn lookup(&mut self, frame: &mut Frame, name: &str, at: Pos) -> Res<Val> {
        let found = frame
            .locals
            .iter()
            .flatten()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
            .or_else(|| self.globals.get(name))
            .cloned();
        if let Some(value) = found {
            return Ok(value);
        }
        if let Some(lib) = Lib::builtin(name) {
            return Ok(Val::Lib(lib));
        }
        self.raise(
            frame,
            format!("NameError: name '{name}' is not defined"),
            at,
        )
    }

    /// Records an exception as the program's last step.
    fn raise<T>(&mut self, frame: &mut Frame, message: String, at: Pos) -> Res<T> {
        if frame.in_task {
            return Err(error(
                at,
                format!(
                    "{message} — raised inside a task: the page follows an exception only where \
                     it stops the whole program (in main or the code it calls)"
                ),
            )
            .into());
        }
        self.emit(frame, Action::Raise(message), at)?;
        Err(Stop::Raised)
    }

    /// Adds a step where the frame's steps go.
    fn emit(&mut self, frame: &Frame, action: Action, at: Pos) -> Res<()> {
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
            )
            .into());
        }
        Ok(())
    }

    /// Runs a call of function `function` as a routine of its own: its steps, and what it returns.
    fn routine(
        &mut self,
        function: usize,
        args: Vec<(String, Val)>,
        at: Pos,
        in_task: bool,
    ) -> Res<(usize, Val)> {
        let place = if in_task { Place::Task } else { Place::Top };
        self.routine_in(function, args, at, place)
    }

    /// [`Lowerer::routine`], with where the routine runs.
    fn routine_in(
        &mut self,
        function: usize,
        args: Vec<(String, Val)>,
        at: Pos,
        place: Place,
    ) -> Res<(usize, Val)> {
        let in_task = place != Place::Top;
        if self.depth >= MAX_CALL_DEPTH {
            return Err(error(
                at,
                "calls nest too deeply here (a function that calls itself?): the page follows \
                 calls 48 deep",
            )
            .into());
        }
        let def = self.defs[function];
        let call = call_text(&def.name, &args);
        self.program.routines.push(Routine {
            name: def.name.clone(),
            call,
            is_async: def.is_async,
            def_line: self.def_lines[function],
            steps: Vec::new(),
        });
        let index = self.program.routines.len() - 1;
        let mut frame = Frame {
            locals: Some(args),
            sink: Sink::Routine(index),
            is_async: def.is_async,
            in_task,
            process: place == Place::Process,
        };
        self.depth += 1;
        let flow = self.block(&def.body, &mut frame);
        self.depth -= 1;
        let value = match flow? {
            Flow::Return(value) => value,
            Flow::Next => Val::Plain(Value::None),
        };
        Ok((index, value))
    }

    /// Runs a call of function `function` in the program's top itself (`asyncio.run(main())`, or
    /// a coroutine main awaits that starts tasks): its steps are the top's.
    fn inline(&mut self, function: usize, args: Vec<(String, Val)>, at: Pos) -> Res<Val> {
        if self.depth >= MAX_CALL_DEPTH {
            return Err(error(at, "calls nest too deeply here").into());
        }
        let def = self.defs[function];
        let mut frame = Frame {
            locals: Some(args),
            sink: Sink::Top,
            is_async: def.is_async,
            in_task: false,
            process: false,
        };
        let inlined = self.program.inlined.len();
        self.program.inlined.push(Inlined {
            name: def.name.clone(),
            start: self.program.main.len(),
            end: self.program.main.len(),
        });
        self.depth += 1;
        let flow = self.block(&def.body, &mut frame);
        self.depth -= 1;
        self.program.inlined[inlined].end = self.program.main.len();
        Ok(match flow? {
            Flow::Return(value) => value,
            Flow::Next => Val::Plain(Value::None),
        })
    }

    /// A task: `coro` run as a routine of its own, started by the top now.
    fn start_task(&mut self, coro: &Coro, at: Pos, frame: &Frame, how: How) -> Res<usize> {
        if frame.sink != Sink::Top {
            return Err(not_from_a_task(at).into());
        }
        if self.program.tasks.len() as u64 >= MAX_INSTANCES {
            return Err(error(
                at,
                format!("the program starts more than {MAX_INSTANCES} tasks: the page's limit"),
            )
            .into());
        }
        coro.used.set(true);
        let place = if how == How::Process {
            Place::Process
        } else {
            Place::Task
        };
        let (routine, value) = self.routine_in(coro.function, coro.args.clone(), at, place)?;
        self.program.tasks.push(TaskRun { routine, how });
        self.task_values.push(value);
        let task = self.program.tasks.len() - 1;
        if how == How::Task {
            self.op(Op::Start(task, at))?;
        }
        Ok(task)
    }

    /// A `while` loop: only the busy loop of `work` (`while time.perf_counter() < end: pass`),
    /// which is work until the clock passes `end`.
    fn busy_loop(
        &mut self,
        test: &'m Expr,
        body: &'m [Stmt],
        at: Pos,
        frame: &mut Frame,
    ) -> Res<()> {
        let busy = body.iter().all(|s| matches!(s.kind, StmtKind::Pass));
        let seconds = if busy {
            self.busy_length(test, frame)?
        } else {
            None
        };
        match seconds {
            Some(seconds) => self.emit(frame, Action::Work(seconds), at),
            None => Err(error(
                at,
                "`while` loops are not in the page's Python, but for the busy loop of `work` \
                 (`while time.perf_counter() < end: pass`): write `for i in range(n):`, which the \
                 page unrolls",
            )
            .into()),
        }
    }
}

/// Whether a module-level statement awaits (outside any `def`): a notebook cell's top-level await.
fn awaits_at_top(stmt: &Stmt) -> bool {
    stmt.any(
        &mut |s| matches!(s.kind, StmtKind::With { is_async: true, .. }),
        &mut |e| matches!(e.kind, ExprKind::Await(_)),
    )
}

/// The call as a learner writes it: `sleep_and_print(3)`, arguments by `repr`.
fn call_text(name: &str, args: &[(String, Val)]) -> String {
    let args: Vec<String> = args
        .iter()
        .map(|(_, v)| match v {
            Val::Plain(value) => value.repr(),
            Val::Clock(_) => "…".to_owned(),
            other => other.type_name().to_owned(),
        })
        .collect();
    format!("{name}({})", args.join(", "))
}

/// The names the page knows in a module, for a message.
fn known_names(lib: Lib) -> &'static str {
    match lib {
        Lib::Asyncio => {
            ": it knows sleep, gather, create_task, ensure_future, run, get_event_loop, \
             new_event_loop, set_event_loop and TaskGroup (for `wait` or `as_completed`, await \
             `asyncio.gather(*tasks)`, which gives every result in order)"
        }
        Lib::Time => ": it knows time, perf_counter, monotonic and sleep",
        Lib::DateTimeModule => ": it knows datetime (and its now)",
        Lib::Futures => ": it knows ProcessPoolExecutor",
        Lib::Click => ": it knows secho and echo",
        _ => "",
    }
}

fn never_awaited(name: &str, at: Pos) -> Warning {
    Warning {
        at,
        message: format!("RuntimeWarning: coroutine '{name}' was never awaited"),
    }
}

fn not_from_a_task(at: Pos) -> ParseError {
    error(
        at,
        "only the program's main coroutine (what `asyncio.run` runs, or a notebook's top level) \
         starts and awaits tasks in the page's Python: start every task from main",
    )
}

fn error(at: Pos, message: impl Into<String>) -> ParseError {
    ParseError::new(at.line as usize, at.column as usize, message)
}
