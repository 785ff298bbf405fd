//! Calls: the program's own functions, Python's built-ins and what the page knows of asyncio,
//! time, datetime, click and concurrent.futures, each doing what CPython's does.

use std::rc::Rc;

use super::expr::drives_tasks;
use super::val::{Coro, Lib, Val};
use super::{Frame, Lowerer, Place, Res, Sink, error, not_from_a_task};
use crate::python::ast::{Arg, BinOp, CmpOp, Def, Expr, ExprKind};
use crate::python::program::{self, Action, Clock, ClockKind, How, Op, Piece, Show, TaskRun};
use crate::python::token::Pos;
use crate::python::value::Value;

/// A call's arguments: positional (with `*x` unpacked) and by keyword.
type Args = (Vec<Val>, Vec<(String, Val)>);

impl<'m> Lowerer<'m> {
    /// The value of `function(args…)`, and what the call does.
    pub(super) fn call(
        &mut self,
        function: &'m Expr,
        args: &'m [Arg],
        at: Pos,
        frame: &mut Frame,
    ) -> Res<Val> {
        // `tasks.append(x)` changes the list that the name holds: the name is bound again.
        if let ExprKind::Attribute(target, method) = &function.kind
            && matches!(method.as_str(), "append" | "extend")
            && let ExprKind::Name(name) = &target.kind
        {
            let list = self.lookup(frame, name, target.start)?;
            let (positional, _) = self.arguments(args, frame)?;
            let Some(mut items) = list
                .items()
                .filter(|_| !matches!(list, Val::Seq(_, true) | Val::Plain(Value::Tuple(_))))
            else {
                let message = format!(
                    "AttributeError: '{}' object has no attribute '{method}'",
                    list.type_name()
                );
                return self.raise(frame, message, at);
            };
            let [item] = <[Val; 1]>::try_from(positional).map_err(|_| {
                super::Stop::Error(error(at, format!("`{method}` takes one argument")))
            })?;
            if method == "append" {
                items.push(item);
            } else {
                match item.items() {
                    Some(more) => items.extend(more),
                    None => {
                        let message =
                            format!("TypeError: '{}' object is not iterable", item.type_name());
                        return self.raise(frame, message, at);
                    }
                }
            }
            let list = Val::sequence(items, false);
            self.bind(frame, name, list);
            return Ok(Val::Plain(Value::None));
        }
        let callee = self.eval(function, frame)?;
        let (positional, keywords) = self.arguments(args, frame)?;
        match callee {
            Val::Function(index) => self.call_function(index, positional, keywords, at, frame),
            Val::Lib(lib) => self.call_lib(lib, (positional, keywords), at, frame),
            Val::Method(receiver, name) => {
                self.call_method(*receiver, &name, (positional, keywords), at, frame)
            }
            other => {
                let message = format!("TypeError: '{}' object is not callable", other.type_name());
                self.raise(frame, message, at)
            }
        }
    }

    fn arguments(&mut self, args: &'m [Arg], frame: &mut Frame) -> Res<Args> {
        let mut positional = Vec::new();
        let mut keywords = Vec::new();
        for arg in args {
            match arg {
                Arg::Positional(e) => {
                    positional.extend(self.items(std::slice::from_ref(e), frame)?);
                }
                Arg::Keyword(name, e) => keywords.push((name.clone(), self.eval(e, frame)?)),
            }
        }
        Ok((positional, keywords))
    }

    /// Binds a call's arguments to a function's parameters, with CPython's errors.
    fn bind_params(
        &mut self,
        def: &'m Def,
        positional: Vec<Val>,
        keywords: Vec<(String, Val)>,
        at: Pos,
        frame: &mut Frame,
    ) -> Res<Vec<(String, Val)>> {
        let name = &def.name;
        if positional.len() > def.params.len() {
            let message = format!(
                "TypeError: {name}() takes {} positional argument{} but {} {} given",
                def.params.len(),
                if def.params.len() == 1 { "" } else { "s" },
                positional.len(),
                if positional.len() == 1 { "was" } else { "were" }
            );
            return self.raise(frame, message, at);
        }
        let mut bound: Vec<Option<Val>> = positional.into_iter().map(Some).collect();
        bound.resize(def.params.len(), None);
        for (key, value) in keywords {
            match def.params.iter().position(|p| p.name == key) {
                Some(i) if bound[i].is_none() => bound[i] = Some(value),
                Some(_) => {
                    let message =
                        format!("TypeError: {name}() got multiple values for argument '{key}'");
                    return self.raise(frame, message, at);
                }
                None => {
                    let message =
                        format!("TypeError: {name}() got an unexpected keyword argument '{key}'");
                    return self.raise(frame, message, at);
                }
            }
        }
        let mut out = Vec::new();
        let mut missing = Vec::new();
        for (param, value) in def.params.iter().zip(bound) {
            let value = match (value, &param.default) {
                (Some(v), _) => v,
                (None, Some(default)) => {
                    // Defaults are computed when the call is read, from module-level values.
                    let mut module = Frame {
                        locals: None,
                        sink: frame.sink,
                        is_async: false,
                        in_task: frame.in_task,
                        process: frame.process,
                    };
                    self.eval(default, &mut module)?
                }
                (None, None) => {
                    missing.push(format!("'{}'", param.name));
                    continue;
                }
            };
            out.push((param.name.clone(), value));
        }
        if !missing.is_empty() {
            let count = missing.len();
            let list = match missing.as_slice() {
                [one] => one.clone(),
                [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
                [] => String::new(),
            };
            let message = format!(
                "TypeError: {name}() missing {count} required positional argument{}: {list}",
                if count == 1 { "" } else { "s" }
            );
            return self.raise(frame, message, at);
        }
        Ok(out)
    }

    /// A call of a function the program defines: a coroutine object for an `async def`; for a
    /// plain `def`, its body run now, in this turn.
    fn call_function(
        &mut self,
        index: usize,
        positional: Vec<Val>,
        keywords: Vec<(String, Val)>,
        at: Pos,
        frame: &mut Frame,
    ) -> Res<Val> {
        let def = self.defs[index];
        let args = self.bind_params(def, positional, keywords, at, frame)?;
        if def.is_async {
            let coro = Rc::new(Coro {
                function: index,
                args,
                at,
                used: std::cell::Cell::new(false),
            });
            self.coroutines.push(Rc::clone(&coro));
            return Ok(Val::Coroutine(coro));
        }
        match frame.sink {
            Sink::Top if self.calls_functions(def) => self.inline(index, args, at),
            Sink::Top => {
                let (routine, value) = self.routine(index, args, at, false)?;
                self.program.tasks.push(TaskRun {
                    routine,
                    how: How::Inline,
                });
                self.task_values.push(value.clone());
                let task = self.program.tasks.len() - 1;
                self.op(Op::Run(task, at))?;
                Ok(value)
            }
            Sink::Routine(_) => {
                let (routine, value) = self.routine(index, args, at, frame.in_task)?;
                self.emit(frame, Action::Call(routine), at)?;
                Ok(value)
            }
        }
    }

    /// Whether a function calls or awaits functions of the program's own, or starts tasks: called
    /// from the top, it runs as the top's own code (a `main`), and what it calls gets the lanes.
    pub(super) fn calls_functions(&self, def: &Def) -> bool {
        // `work` is the page's busy loop, not a function of the program's story.
        let user = |e: &Expr| match &e.kind {
            ExprKind::Call(f, _) => matches!(&f.kind, ExprKind::Name(n)
                if n != "work" && matches!(self.globals.get(n), Some(Val::Function(_)))),
            _ => false,
        };
        drives_tasks(def)
            || def
                .body
                .iter()
                .any(|s| s.any(&mut |_| false, &mut |e| user(e)))
    }

    /// Reads a clock into a new slot.
    fn reading(&mut self, kind: ClockKind, at: Pos, frame: &mut Frame) -> Res<Val> {
        let slot = self.program.clocks;
        self.program.clocks += 1;
        self.slot_kinds.push(kind);
        self.emit(frame, Action::Clock(slot, kind), at)?;
        Ok(Val::Clock(Clock::Slot(slot)))
    }

    /// A length in seconds: a plain number.
    fn seconds(&mut self, value: Option<&Val>, what: &str, at: Pos, frame: &mut Frame) -> Res<f64> {
        match value {
            Some(Val::Plain(v)) if v.float().is_some() && !matches!(v, Value::Bool(_)) => {
                let x = v.float().unwrap_or(0.0);
                if x.is_finite() && x <= 1.0e6 {
                    Ok(x)
                } else {
                    Err(error(at, format!("{what}({}): the page runs lengths up to 1 000 000 seconds", v.repr())).into())
                }
            }
            Some(Val::Clock(_)) => Err(error(
                at,
                format!("{what} of a length read from the clock is not in the page's Python: the page plans each wait before the run"),
            )
            .into()),
            Some(other) => {
                let message = format!(
                    "TypeError: '{}' object cannot be interpreted as a number of seconds",
                    other.type_name()
                );
                self.raise(frame, message, at)
            }
            None => {
                let message = format!("TypeError: {what}() takes exactly one argument (0 given)");
                self.raise(frame, message, at)
            }
        }
    }

    /// A task from a coroutine (or the task itself), for `gather`, `ensure_future` and the like.
    fn task_of(&mut self, value: Val, at: Pos, frame: &mut Frame, what: &str) -> Res<usize> {
        match value {
            Val::Coroutine(coro) if !coro.used.get() => self.start_task(&coro, at, frame, How::Task),
            Val::Coroutine(_) => {
                self.raise(frame, "RuntimeError: cannot reuse already awaited coroutine".to_owned(), at)
            }
            Val::Task(t) | Val::InExecutor(t) => Ok(t),
            Val::Sleep(_) => Err(error(
                at,
                format!("{what} of `asyncio.sleep(…)` is not in the page's Python: give it a coroutine that sleeps"),
            )
            .into()),
            other => {
                let message = if what == "asyncio.create_task" {
                    format!("TypeError: a coroutine was expected, got {}", other.type_name())
                } else {
                    "TypeError: An asyncio.Future, a coroutine or an awaitable is required".to_owned()
                };
                self.raise(frame, message, at)
            }
        }
    }

    fn call_lib(
        &mut self,
        lib: Lib,
        (args, keywords): Args,
        at: Pos,
        frame: &mut Frame,
    ) -> Res<Val> {
        let none = Val::Plain(Value::None);
        let keyword = |name: &str| {
            keywords
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        match lib {
            Lib::Print => {
                let text = |v: Option<Val>, default: &str| match v {
                    None | Some(Val::Plain(Value::None)) => Some(default.to_owned()),
                    Some(Val::Plain(Value::Str(s))) => Some(s),
                    _ => None,
                };
                let (Some(sep), Some(end)) = (text(keyword("sep"), " "), text(keyword("end"), "\n")) else {
                    return self.raise(frame, "TypeError: sep and end must be None or a string".to_owned(), at);
                };
                if keywords.iter().any(|(k, _)| k == "file") {
                    return Err(error(at, "`print(…, file=…)` is not in the page's Python: the page shows what goes to the console").into());
                }
                let pieces = self.print_pieces(args, &sep, &end, at, frame)?;
                self.emit(frame, Action::Print(pieces), at)?;
                Ok(none)
            }
            Lib::Secho => {
                let end = match keyword("nl") {
                    Some(Val::Plain(v)) if !v.truthy() => "",
                    _ => "\n",
                };
                let pieces = self.print_pieces(args.into_iter().take(1).collect(), "", end, at, frame)?;
                self.emit(frame, Action::Print(pieces), at)?;
                Ok(none)
            }
            Lib::NoOp => Ok(none),
            Lib::StdoutWrite => {
                let pieces = self.print_pieces(args.into_iter().take(1).collect(), "", "", at, frame)?;
                self.emit(frame, Action::Print(pieces), at)?;
                Ok(none)
            }
            Lib::Work => {
                let seconds = self.seconds(args.first(), "work", at, frame)?;
                self.emit(frame, Action::Work(seconds), at)?;
                Ok(none)
            }
            Lib::TimeSleep => {
                let seconds = self.seconds(args.first(), "time.sleep", at, frame)?;
                self.emit(frame, Action::Block(seconds), at)?;
                Ok(none)
            }
            Lib::AsyncioSleep => {
                let seconds = self.seconds(args.first(), "asyncio.sleep", at, frame)?;
                Ok(Val::Sleep(seconds))
            }
            Lib::TimeTime => self.reading(ClockKind::Time, at, frame),
            Lib::PerfCounter => self.reading(ClockKind::Counter, at, frame),
            Lib::Now => self.reading(ClockKind::DateTime, at, frame),
            Lib::Gather => {
                let mut tasks = Vec::new();
                for arg in args {
                    tasks.push(self.task_of(arg, at, frame, "asyncio.gather")?);
                }
                Ok(Val::Gather(tasks))
            }
            Lib::CreateTask | Lib::EnsureFuture => {
                let what = if lib == Lib::CreateTask { "asyncio.create_task" } else { "asyncio.ensure_future" };
                let Some(arg) = args.into_iter().next() else {
                    return self.raise(frame, format!("TypeError: {what}() missing 1 required positional argument: 'coro'"), at);
                };
                if lib == Lib::CreateTask && !matches!(arg, Val::Coroutine(_)) {
                    let message = format!("TypeError: a coroutine was expected, got {}", arg.type_name());
                    return self.raise(frame, message, at);
                }
                Ok(Val::Task(self.task_of(arg, at, frame, what)?))
            }
            Lib::Run => {
                let coro = match args.into_iter().next() {
                    Some(Val::Coroutine(coro)) => coro,
                    Some(other) => {
                        let message = format!("ValueError: a coroutine was expected, got {}", other.type_name());
                        return self.raise(frame, message, at);
                    }
                    None => return self.raise(frame, "TypeError: run() missing 1 required positional argument: 'main'".to_owned(), at),
                };
                if frame.process {
                    // A worker process runs the coroutine on its own loop, alone.
                    coro.used.set(true);
                    let (routine, value) = self.routine_in(coro.function, coro.args.clone(), at, Place::Process)?;
                    self.emit(frame, Action::Call(routine), at)?;
                    return Ok(value);
                }
                self.run_loop(&coro, "asyncio.run() cannot be called from a running event loop", at, frame)
            }
            Lib::GetEventLoop => Ok(Val::Loop),
            Lib::SetEventLoop => Ok(none),
            Lib::TaskGroup => Ok(Val::Group(usize::MAX)),
            Lib::ProcessPool => {
                match keyword("max_workers").or_else(|| args.first().cloned()) {
                    Some(Val::Plain(Value::Int(n))) if n > 0 => {
                        self.program.workers = Some(usize::try_from(n).unwrap_or(usize::MAX));
                    }
                    None | Some(Val::Plain(Value::None)) => self.program.workers = None,
                    Some(_) => return self.raise(frame, "ValueError: max_workers must be greater than 0".to_owned(), at),
                }
                Ok(Val::Executor)
            }
            Lib::Range => {
                let mut ints = Vec::new();
                for arg in &args {
                    match arg {
                        Val::Plain(Value::Int(n)) => ints.push(*n),
                        Val::Plain(Value::Bool(b)) => ints.push(i64::from(*b)),
                        other => {
                            let message = format!("TypeError: '{}' object cannot be interpreted as an integer", other.type_name());
                            return self.raise(frame, message, at);
                        }
                    }
                }
                let (start, stop, step) = match ints.as_slice() {
                    [stop] => (0, *stop, 1),
                    [start, stop] => (*start, *stop, 1),
                    [start, stop, step] => (*start, *stop, *step),
                    _ => return self.raise(frame, format!("TypeError: range expected at most 3 arguments, got {}", ints.len()), at),
                };
                if step == 0 {
                    return self.raise(frame, "ValueError: range() arg 3 must not be zero".to_owned(), at);
                }
                let count = if (step > 0 && start < stop) || (step < 0 && start > stop) {
                    ((i128::from(stop) - i128::from(start)).abs() + i128::from(step.abs()) - 1) / i128::from(step.abs())
                } else {
                    0
                };
                if count > super::MAX_PROGRAM_STEPS as i128 {
                    return Err(error(at, format!("range of {count} numbers: the page unrolls loops of up to {} rounds", super::MAX_PROGRAM_STEPS)).into());
                }
                let items = (0..count as i64).map(|k| Value::Int(start + k * step)).collect();
                Ok(Val::Plain(Value::List(items)))
            }
            Lib::Len => match args.first() {
                Some(Val::Plain(Value::Str(s))) => Ok(Val::Plain(Value::Int(s.chars().count() as i64))),
                Some(v) if v.items().is_some() => Ok(Val::Plain(Value::Int(v.items().map_or(0, |i| i.len()) as i64))),
                Some(v) => {
                    let message = format!("TypeError: object of type '{}' has no len()", v.type_name());
                    self.raise(frame, message, at)
                }
                None => self.raise(frame, "TypeError: len() takes exactly one argument (0 given)".to_owned(), at),
            },
            Lib::Str | Lib::Repr => {
                let show = if lib == Lib::Str { Show::Str } else { Show::Repr };
                match args.into_iter().next() {
                    None => Ok(Val::Plain(Value::Str(String::new()))),
                    Some(Val::Plain(v)) => Ok(Val::Plain(Value::Str(if lib == Lib::Str { v.str() } else { v.repr() }))),
                    Some(Val::Clock(c)) => Ok(Val::Text(vec![Piece::Clock(c, show)])),
                    Some(Val::Text(p)) if lib == Lib::Str => Ok(Val::Text(p)),
                    Some(other) => Err(error(at, format!("{}() of a {} is not in the page's Python", lib.describe(), other.type_name())).into()),
                }
            }
            Lib::Float => match args.into_iter().next() {
                None => Ok(Val::Plain(Value::Float(0.0))),
                Some(Val::Clock(c)) => Ok(Val::Clock(c)),
                Some(Val::Plain(Value::Str(s))) => match crate::text::decimal(s.trim()) {
                    Some(x) => Ok(Val::Plain(Value::Float(x))),
                    None => self.raise(frame, format!("ValueError: could not convert string to float: {}", Value::Str(s).repr()), at),
                },
                Some(Val::Plain(v)) => match v.float() {
                    Some(x) => Ok(Val::Plain(Value::Float(x))),
                    None => {
                        let message = format!("TypeError: float() argument must be a string or a real number, not '{}'", v.type_name());
                        self.raise(frame, message, at)
                    }
                },
                Some(other) => Err(error(at, format!("float() of a {} is not in the page's Python", other.type_name())).into()),
            },
            Lib::Int => match args.into_iter().next() {
                None => Ok(Val::Plain(Value::Int(0))),
                Some(Val::Plain(Value::Str(s))) => match s.trim().replace('_', "").parse::<i64>() {
                    Ok(n) => Ok(Val::Plain(Value::Int(n))),
                    Err(_) => self.raise(frame, format!("ValueError: invalid literal for int() with base 10: {}", Value::Str(s).repr()), at),
                },
                Some(Val::Plain(Value::Float(x))) if x.is_finite() && x.abs() < 9.2e18 => Ok(Val::Plain(Value::Int(x.trunc() as i64))),
                Some(Val::Plain(Value::Bool(b))) => Ok(Val::Plain(Value::Int(i64::from(b)))),
                Some(Val::Plain(v @ Value::Int(_))) => Ok(Val::Plain(v)),
                Some(Val::Clock(_)) => Err(error(at, "int() of a clock reading is not in the page's Python: print it with a format spec such as `{t:.0f}`").into()),
                Some(other) => {
                    let message = format!("TypeError: int() argument must be a string, a bytes-like object or a real number, not '{}'", other.type_name());
                    self.raise(frame, message, at)
                }
            },
            Lib::Round => {
                let digits = match args.get(1).or(keyword("ndigits").as_ref()) {
                    None | Some(Val::Plain(Value::None)) => None,
                    Some(Val::Plain(Value::Int(d))) => Some(*d),
                    Some(other) => {
                        let message = format!("TypeError: '{}' object cannot be interpreted as an integer", other.type_name());
                        return self.raise(frame, message, at);
                    }
                };
                match args.into_iter().next() {
                    Some(Val::Clock(c)) => Ok(Val::Clock(Clock::Round(Box::new(c), digits))),
                    Some(Val::Plain(v)) => match program::round(&v, digits) {
                        Ok(v) => Ok(Val::Plain(v)),
                        Err(message) => self.raise(frame, message, at),
                    },
                    _ => self.raise(frame, "TypeError: round() missing required argument 'number' (pos 1)".to_owned(), at),
                }
            }
            Lib::Abs => match args.into_iter().next() {
                Some(Val::Plain(v)) => {
                    let negative = Value::compare(CmpOp::Lt, &v, &Value::Int(0)).unwrap_or(false);
                    if negative {
                        self.binary(BinOp::Sub, Val::Plain(Value::Int(0)), Val::Plain(v), at, frame)
                    } else {
                        Ok(Val::Plain(v))
                    }
                }
                _ => Err(error(at, "abs() here takes one number known before the run").into()),
            },
            Lib::Min | Lib::Max | Lib::Sum => {
                let items = match args.as_slice() {
                    [one] => one.items().unwrap_or_else(|| vec![one.clone()]),
                    _ => args.clone(),
                };
                let mut plain = Vec::new();
                for item in items {
                    match item {
                        Val::Plain(v) => plain.push(v),
                        Val::Clock(_) => return Err(error(at, format!("{}() of clock readings is not in the page's Python", lib.describe())).into()),
                        other => {
                            let message = format!("TypeError: unsupported operand type(s) for {}: '{}'", lib.describe(), other.type_name());
                            return self.raise(frame, message, at);
                        }
                    }
                }
                if lib == Lib::Sum {
                    let mut total = Value::Int(0);
                    for v in plain {
                        match Value::binary(BinOp::Add, &total, &v) {
                            Ok(t) => total = t,
                            Err(message) => return self.raise(frame, message, at),
                        }
                    }
                    return Ok(Val::Plain(total));
                }
                let Some(mut best) = plain.first().cloned() else {
                    return self.raise(frame, format!("ValueError: {}() arg is an empty sequence", lib.describe()), at);
                };
                let op = if lib == Lib::Min { CmpOp::Lt } else { CmpOp::Gt };
                for v in plain.into_iter().skip(1) {
                    match Value::compare(op, &v, &best) {
                        Ok(true) => best = v,
                        Ok(false) => {}
                        Err(message) => return self.raise(frame, message, at),
                    }
                }
                Ok(Val::Plain(best))
            }
            Lib::Enumerate => {
                let start = match keyword("start").or_else(|| args.get(1).cloned()) {
                    Some(Val::Plain(Value::Int(s))) => s,
                    _ => 0,
                };
                let items = args.first().and_then(Val::items).unwrap_or_default();
                let pairs = items
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| Val::sequence(vec![Val::Plain(Value::Int(start + i as i64)), v], true))
                    .collect();
                Ok(Val::sequence(pairs, false))
            }
            Lib::List => Ok(Val::sequence(args.first().and_then(Val::items).unwrap_or_default(), false)),
            module => {
                let message = format!("TypeError: '{}' object is not callable", if matches!(module, Lib::DateTimeClass) { "type" } else { "module" });
                self.raise(frame, message, at)
            }
        }
    }

    /// `asyncio.run(coro)` and `loop.run_until_complete(coro)`: the coroutine run as the program's
    /// top until it returns; then the tasks still pending are cancelled.
    fn run_loop(&mut self, coro: &Coro, running: &str, at: Pos, frame: &mut Frame) -> Res<Val> {
        if self.loop_running {
            // CPython refuses before it touches the coroutine, which is then never awaited.
            return self.raise(frame, format!("RuntimeError: {running}"), at);
        }
        if frame.sink != Sink::Top {
            return Err(not_from_a_task(at).into());
        }
        coro.used.set(true);
        self.loop_running = true;
        let value = self.inline(coro.function, coro.args.clone(), at);
        self.loop_running = false;
        let value = value?;
        self.op(Op::EndLoop(at))?;
        Ok(value)
    }

    fn call_method(
        &mut self,
        receiver: Val,
        name: &str,
        (args, keywords): Args,
        at: Pos,
        frame: &mut Frame,
    ) -> Res<Val> {
        let none = Val::Plain(Value::None);
        match (receiver, name) {
            (Val::Loop, "run_until_complete") => match args.into_iter().next() {
                Some(Val::Coroutine(coro)) => self.run_loop(&coro, "This event loop is already running", at, frame),
                Some(Val::Task(_) | Val::Gather(_)) => Err(error(at, "run_until_complete of a task is not in the page's Python: give it main()").into()),
                _ => self.raise(frame, "TypeError: An asyncio.Future, a coroutine or an awaitable is required".to_owned(), at),
            },
            (Val::Loop, "close") => Ok(none),
            (Val::Loop, "time") => self.reading(ClockKind::Counter, at, frame),
            (Val::Loop, "run_in_executor") => {
                let mut args = args.into_iter();
                let (Some(Val::Executor), Some(Val::Function(function))) = (args.next(), args.next()) else {
                    return Err(error(at, "the page reads `loop.run_in_executor(pool, f, args…)` with a ProcessPoolExecutor and a plain function").into());
                };
                if frame.sink != Sink::Top {
                    return Err(not_from_a_task(at).into());
                }
                let def = self.defs[function];
                if def.is_async {
                    return Err(error(at, "run_in_executor runs a plain function, not an `async def`").into());
                }
                let params = self.bind_params(def, args.collect(), Vec::new(), at, frame)?;
                let coro = Coro { function, args: params, at, used: std::cell::Cell::new(false) };
                let task = self.start_task(&coro, at, frame, How::Process)?;
                self.op(Op::Start(task, at))?;
                Ok(Val::InExecutor(task))
            }
            (Val::Group(group), "create_task") => {
                let Some(Val::Coroutine(coro)) = args.into_iter().next() else {
                    return self.raise(frame, "TypeError: a coroutine was expected".to_owned(), at);
                };
                if group >= self.groups.len() {
                    return self.raise(frame, "RuntimeError: TaskGroup has not been entered".to_owned(), at);
                }
                let task = self.start_task(&coro, at, frame, How::Task)?;
                self.groups[group].push(task);
                Ok(Val::Task(task))
            }
            (Val::Executor, method) => Err(error(at, format!("`pool.{method}` is not in the page's Python: hand work to the pool with `loop.run_in_executor(pool, f, args…)`")).into()),
            (Val::Plain(Value::Str(s)), "format") => self.str_format(&s, args, keywords, at, frame),
            (Val::Plain(Value::Str(s)), method) => {
                let arg = |k: usize| match args.get(k) {
                    Some(Val::Plain(Value::Str(a))) => Some(a.clone()),
                    _ => None,
                };
                let text = match method {
                    "strip" => s.trim().to_owned(),
                    "replace" => match (arg(0), arg(1)) {
                        (Some(a), Some(b)) => s.replace(&a, &b),
                        _ => return self.raise(frame, "TypeError: replace expected 2 string arguments".to_owned(), at),
                    },
                    "join" => {
                        let items = args.first().and_then(Val::items).unwrap_or_default();
                        let mut parts = Vec::new();
                        for (k, item) in items.into_iter().enumerate() {
                            match item {
                                Val::Plain(Value::Str(p)) => parts.push(p),
                                other => {
                                    let message = format!("TypeError: sequence item {k}: expected str instance, {} found", other.type_name());
                                    return self.raise(frame, message, at);
                                }
                            }
                        }
                        parts.join(&s)
                    }
                    _ => return Err(error(at, format!("the string method `{method}` is not in the page's Python")).into()),
                };
                Ok(Val::Plain(Value::Str(text)))
            }
            (Val::Clock(c), "strftime") => match args.first() {
                Some(Val::Plain(Value::Str(spec))) => Ok(Val::Text(vec![Piece::Clock(c, Show::Spec(spec.clone()))])),
                _ => self.raise(frame, "TypeError: strftime() argument 1 must be str".to_owned(), at),
            },
            (Val::Clock(c), "total_seconds") => Ok(Val::Clock(Clock::Binary(BinOp::Div, Box::new(c), Box::new(Clock::Const(Value::TimeDelta(1.0)))))),
            (Val::Clock(_) | Val::Text(_), method) => Err(error(
                at,
                format!("`.{method}` of a clock value is not in the page's Python (it reads `.total_seconds()` of a time difference)"),
            )
            .into()),
            (receiver, method) => {
                let message = format!("AttributeError: '{}' object has no attribute '{method}'", receiver.type_name());
                self.raise(frame, message, at)
            }
        }
    }
}
