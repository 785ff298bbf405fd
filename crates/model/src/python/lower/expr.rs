//! Expressions: their values before the run, or the clock expressions and effects they stand for.

use super::val::{Lib, Val};
use super::{Frame, Lowerer, Res, Sink, error};
use crate::python::ast::{BinOp, CmpOp, Expr, ExprKind, UnaryOp};
use crate::python::program::{Action, Clock, How, Join, Op, Piece};
use crate::python::token::Pos;
use crate::python::value::Value;

impl<'m> Lowerer<'m> {
    /// The value of an expression.
    pub(super) fn eval(&mut self, e: &'m Expr, frame: &mut Frame) -> Res<Val> {
        let at = e.start;
        Ok(match &e.kind {
            ExprKind::Name(name) => self.lookup(frame, name, at)?,
            ExprKind::Int(n) => Val::Plain(Value::Int(*n)),
            ExprKind::Float(x) => Val::Plain(Value::Float(*x)),
            ExprKind::Bool(b) => Val::Plain(Value::Bool(*b)),
            ExprKind::None => Val::Plain(Value::None),
            ExprKind::Str(pieces) => self.string(pieces, frame)?,
            ExprKind::List(items) | ExprKind::Tuple(items) => {
                let tuple = matches!(e.kind, ExprKind::Tuple(_));
                let items = self.items(items, frame)?;
                Val::sequence(items, tuple)
            }
            ExprKind::Attribute(value, name) => {
                let value = self.eval(value, frame)?;
                self.attribute(value, name, at, frame)?
            }
            ExprKind::Call(function, args) => self.call(function, args, at, frame)?,
            ExprKind::Subscript(value, index) => {
                let value = self.eval(value, frame)?;
                let index = self.eval(index, frame)?;
                self.subscript(value, index, at, frame)?
            }
            ExprKind::Await(value) => {
                let value = self.eval(value, frame)?;
                self.await_value(value, at, frame)?
            }
            ExprKind::Unary(op, value) => {
                let value = self.eval(value, frame)?;
                match (op, value) {
                    (UnaryOp::Plus, v) => v,
                    (UnaryOp::Neg, Val::Clock(c)) => Val::Clock(Clock::Neg(Box::new(c))),
                    (UnaryOp::Neg, Val::Plain(v)) => match Value::unary(UnaryOp::Neg, &v) {
                        Ok(v) => Val::Plain(v),
                        Err(message) => return self.raise(frame, message, at),
                    },
                    (UnaryOp::Neg, other) => {
                        let message = format!(
                            "TypeError: bad operand type for unary -: '{}'",
                            other.type_name()
                        );
                        return self.raise(frame, message, at);
                    }
                }
            }
            ExprKind::Not(value) => {
                let holds = self.condition(value, frame)?;
                Val::Plain(Value::Bool(!holds))
            }
            ExprKind::Binary(op, left, right) => {
                let left = self.eval(left, frame)?;
                let right = self.eval(right, frame)?;
                self.binary(*op, left, right, at, frame)?
            }
            ExprKind::Compare(first, rest) => {
                let mut left = self.plain(first, frame, "a comparison")?;
                for (op, right) in rest {
                    let right = self.plain(right, frame, "a comparison")?;
                    match Value::compare(*op, &left, &right) {
                        Ok(true) => left = right,
                        Ok(false) => return Ok(Val::Plain(Value::Bool(false))),
                        Err(message) => return self.raise(frame, message, at),
                    }
                }
                Val::Plain(Value::Bool(true))
            }
            ExprKind::BoolOp(and, values) => {
                let mut last = Val::Plain(Value::None);
                for value in values {
                    let v = self.plain(value, frame, "`and` and `or`")?;
                    let holds = v.truthy();
                    last = Val::Plain(v);
                    if holds != *and {
                        break;
                    }
                }
                last
            }
            ExprKind::IfElse { test, body, orelse } => {
                if self.condition(test, frame)? {
                    self.eval(body, frame)?
                } else {
                    self.eval(orelse, frame)?
                }
            }
            ExprKind::Comprehension {
                element,
                target,
                iter,
                conditions,
                ..
            } => {
                let items = self.iterate(iter, frame)?;
                let mut out = Vec::new();
                for item in items {
                    self.statements += 1;
                    if self.statements > super::MAX_STATEMENTS {
                        return Err(error(
                            at,
                            "the program runs too long a loop for the page to read",
                        )
                        .into());
                    }
                    self.assign(frame, target, item, at)?;
                    let mut keep = true;
                    for condition in conditions {
                        keep = keep && self.condition(condition, frame)?;
                    }
                    if keep {
                        out.push(self.eval(element, frame)?);
                    }
                }
                // A generator expression is only read where it is used up at once (`gather(*…)`,
                // `sum(…)`, `list(…)`), so it is its items.
                Val::sequence(out, false)
            }
            ExprKind::Starred(_) => {
                return Err(error(
                    at,
                    "`*` unpacks only in a call's arguments or in a list here",
                )
                .into());
            }
        })
    }

    /// The values of a list of expressions, `*x` unpacked.
    pub(super) fn items(&mut self, items: &'m [Expr], frame: &mut Frame) -> Res<Vec<Val>> {
        let mut out = Vec::new();
        for item in items {
            if let ExprKind::Starred(inner) = &item.kind {
                let value = self.eval(inner, frame)?;
                match value.items() {
                    Some(inner) => out.extend(inner),
                    None => {
                        return self.raise(
                            frame,
                            format!(
                                "TypeError: Value after * must be an iterable, not {}",
                                value.type_name()
                            ),
                            item.start,
                        );
                    }
                }
            } else {
                out.push(self.eval(item, frame)?);
            }
        }
        Ok(out)
    }

    /// A value that must be known before the run, for a decision the reader makes now.
    pub(super) fn plain(&mut self, e: &'m Expr, frame: &mut Frame, what: &str) -> Res<Value> {
        match self.eval(e, frame)? {
            Val::Plain(v) => Ok(v),
            Val::Clock(_) => Err(error(
                e.start,
                format!(
                    "{what} on a clock reading is not in the page's Python: the page decides \
                     what the program does before it runs, and a reading is only known as it runs"
                ),
            )
            .into()),
            other => Err(error(
                e.start,
                format!(
                    "{what} on a {} is not in the page's Python",
                    other.type_name()
                ),
            )
            .into()),
        }
    }

    /// Whether a condition holds.
    pub(super) fn condition(&mut self, e: &'m Expr, frame: &mut Frame) -> Res<bool> {
        match self.eval(e, frame)? {
            Val::Plain(v) => Ok(v.truthy()),
            Val::Clock(_) => Err(error(
                e.start,
                "a condition on a clock reading is not in the page's Python: the page decides \
                 what the program does before it runs, and a reading is only known as it runs",
            )
            .into()),
            // Functions, modules, tasks and coroutines are all true.
            _ => Ok(true),
        }
    }

    /// The items a `for` loop or a comprehension goes through.
    pub(super) fn iterate(&mut self, e: &'m Expr, frame: &mut Frame) -> Res<Vec<Val>> {
        let value = self.eval(e, frame)?;
        match value {
            Val::Plain(Value::Str(s)) => Ok(s
                .chars()
                .map(|c| Val::Plain(Value::Str(c.to_string())))
                .collect()),
            other => match other.items() {
                Some(items) => Ok(items),
                None => self.raise(
                    frame,
                    format!("TypeError: '{}' object is not iterable", other.type_name()),
                    e.start,
                ),
            },
        }
    }

    /// `left op right`: computed now, kept as a clock expression, or a string with clock values.
    pub(super) fn binary(
        &mut self,
        op: BinOp,
        left: Val,
        right: Val,
        at: Pos,
        frame: &mut Frame,
    ) -> Res<Val> {
        match (left, right) {
            (Val::Plain(l), Val::Plain(r)) => match Value::binary(op, &l, &r) {
                Ok(v) => Ok(Val::Plain(v)),
                Err(message) => self.raise(frame, message, at),
            },
            (l @ (Val::Clock(_) | Val::Plain(_)), r @ (Val::Clock(_) | Val::Plain(_))) => {
                let clock = Clock::Binary(op, Box::new(as_clock(l)), Box::new(as_clock(r)));
                // Try it on sample readings now, so that a type error is the reader's, at its place.
                if let Err(message) = super::text::sample(&clock, &self.slot_kinds) {
                    return self.raise(frame, message, at);
                }
                Ok(Val::Clock(clock))
            }
            (Val::Seq(mut a, t), Val::Seq(b, u)) if op == BinOp::Add && t == u => {
                a.extend(b);
                Ok(Val::Seq(a, t))
            }
            // `[count] * 3`: a list of functions or tasks, repeated.
            (Val::Seq(items, t), Val::Plain(Value::Int(n)))
            | (Val::Plain(Value::Int(n)), Val::Seq(items, t))
                if op == BinOp::Mul =>
            {
                let times = usize::try_from(n).unwrap_or(0);
                if items.len().saturating_mul(times) > super::MAX_PROGRAM_STEPS {
                    return Err(error(at, "a list this long is more than the page unrolls").into());
                }
                let repeated = (0..times).flat_map(|_| items.iter().cloned()).collect();
                Ok(Val::Seq(repeated, t))
            }
            (l, r) => {
                let message = format!(
                    "TypeError: unsupported operand type(s) for {}: '{}' and '{}'",
                    op.symbol(),
                    l.type_name(),
                    r.type_name()
                );
                self.raise(frame, message, at)
            }
        }
    }

    /// `value[index]`.
    fn subscript(&mut self, value: Val, index: Val, at: Pos, frame: &mut Frame) -> Res<Val> {
        let Val::Plain(Value::Int(i)) = index else {
            return Err(error(
                at,
                "an index other than a whole number is not in the page's Python",
            )
            .into());
        };
        let items: Vec<Val> = match &value {
            Val::Plain(Value::Str(s)) => s
                .chars()
                .map(|c| Val::Plain(Value::Str(c.to_string())))
                .collect(),
            other => match other.items() {
                Some(items) => items,
                None => {
                    let message = format!(
                        "TypeError: '{}' object is not subscriptable",
                        value.type_name()
                    );
                    return self.raise(frame, message, at);
                }
            },
        };
        let len = items.len() as i64;
        let position = if i < 0 { i + len } else { i };
        match usize::try_from(position).ok().and_then(|p| items.get(p)) {
            Some(item) => Ok(item.clone()),
            None => {
                let what = match value {
                    Val::Plain(Value::Str(_)) => "string",
                    Val::Seq(_, true) | Val::Plain(Value::Tuple(_)) => "tuple",
                    _ => "list",
                };
                self.raise(frame, format!("IndexError: {what} index out of range"), at)
            }
        }
    }

    /// `value.name`: a module's member, or a method bound to a value.
    fn attribute(&mut self, value: Val, name: &str, at: Pos, frame: &mut Frame) -> Res<Val> {
        match value {
            Val::Lib(Lib::Random) => Err(error(
                at,
                format!(
                    "`random.{name}`: random numbers are not in the page's Python, because the \
                     page and CPython must run the same program: write the number"
                ),
            )
            .into()),
            Val::Lib(Lib::Sys) if name != "stdout" => Err(error(
                at,
                format!("`sys.{name}` is not in the page's Python (it knows `sys.stdout`)"),
            )
            .into()),
            Val::Lib(lib) => match lib.attribute(name) {
                Some(item) => Ok(Val::Lib(item)),
                None => Err(error(
                    at,
                    format!(
                        "`{name}` of {} is not in the page's Python{}",
                        lib.describe(),
                        super::known_names(lib)
                    ),
                )
                .into()),
            },
            Val::Plain(_)
            | Val::Seq(..)
            | Val::Loop
            | Val::Group(_)
            | Val::Executor
            | Val::Clock(_)
            | Val::Text(_) => Ok(Val::Method(Box::new(value), name.to_owned())),
            Val::Task(_) | Val::Gather(_) | Val::InExecutor(_) => Err(error(
                at,
                format!(
                    "`.{name}` of a task is not in the page's Python: whether a task is done, and \
                     its result, are known only as the program runs; await it instead"
                ),
            )
            .into()),
            other => {
                let message = format!(
                    "AttributeError: '{}' object has no attribute '{name}'",
                    other.type_name()
                );
                self.raise(frame, message, at)
            }
        }
    }

    /// `await value`: a coroutine run in this turn, a sleep, a task or a gather awaited.
    pub(super) fn await_value(&mut self, value: Val, at: Pos, frame: &mut Frame) -> Res<Val> {
        if !frame.is_async {
            // The parser already refuses `await` in a plain `def`; here only a script's top.
            return Err(error(at, "SyntaxError: 'await' outside function").into());
        }
        match value {
            Val::Coroutine(coro) => {
                coro.used.set(true);
                let function = coro.function;
                let args = coro.args.clone();
                // As a plain function's call from the top: one that starts tasks or calls
                // functions of the program's own is the top's own code, and what it calls gets
                // the lanes.
                let def = self.defs[function];
                if drives_tasks(def) || (frame.sink == Sink::Top && self.calls_functions(def)) {
                    if frame.sink != Sink::Top {
                        return Err(super::not_from_a_task(at).into());
                    }
                    return self.inline(function, args, at);
                }
                let (routine, value) = self.routine(function, args, at, frame.in_task)?;
                match frame.sink {
                    Sink::Top => {
                        self.program.tasks.push(crate::python::program::TaskRun {
                            routine,
                            how: How::Inline,
                        });
                        self.task_values.push(value.clone());
                        let task = self.program.tasks.len() - 1;
                        self.op(Op::Run(task, at))?;
                    }
                    Sink::Routine(_) => self.emit(frame, Action::Call(routine), at)?,
                }
                Ok(value)
            }
            Val::Sleep(seconds) => {
                let action = if seconds > 0.0 {
                    Action::Sleep(seconds)
                } else {
                    Action::Yield
                };
                self.emit(frame, action, at)?;
                Ok(Val::Plain(Value::None))
            }
            Val::Task(task) | Val::InExecutor(task) => {
                if frame.sink != Sink::Top {
                    return Err(super::not_from_a_task(at).into());
                }
                self.op(Op::Await(vec![task], Join::Task, at))?;
                Ok(self.task_values[task].clone())
            }
            Val::Gather(tasks) => {
                if frame.sink != Sink::Top {
                    return Err(super::not_from_a_task(at).into());
                }
                self.op(Op::Await(tasks.clone(), Join::Gather, at))?;
                let values = tasks.iter().map(|&t| self.task_values[t].clone()).collect();
                Ok(Val::sequence(values, false))
            }
            other => {
                let message = format!(
                    "TypeError: object {} can't be used in 'await' expression",
                    other.type_name()
                );
                self.raise(frame, message, at)
            }
        }
    }

    /// The length of a busy loop's work, when its condition is one of the page's two shapes:
    /// `time.perf_counter() < end` with `end` a reading plus a length, or
    /// `time.perf_counter() - start < length`.
    pub(super) fn busy_length(&mut self, test: &'m Expr, frame: &mut Frame) -> Res<Option<f64>> {
        let ExprKind::Compare(left, rest) = &test.kind else {
            return Ok(None);
        };
        let [(CmpOp::Lt, right)] = rest.as_slice() else {
            return Ok(None);
        };
        let reads_now = |e: &Expr| {
            matches!(&e.kind, ExprKind::Call(f, args)
                if args.is_empty() && matches!(&f.kind, ExprKind::Attribute(_, n) if matches!(n.as_str(), "perf_counter" | "monotonic" | "time" | "thread_time" | "process_time")))
        };
        if reads_now(left) {
            // `now < end`: end must be a reading plus a known length.
            if let Val::Clock(Clock::Binary(BinOp::Add, a, b)) = self.eval(right, frame)? {
                return Ok(match (*a, *b) {
                    (Clock::Slot(_), Clock::Const(v)) | (Clock::Const(v), Clock::Slot(_)) => {
                        v.float()
                    }
                    _ => None,
                });
            }
            return Ok(None);
        }
        if let ExprKind::Binary(BinOp::Sub, now, _start) = &left.kind
            && reads_now(now)
            && let Val::Plain(length) = self.eval(right, frame)?
        {
            return Ok(length.float());
        }
        Ok(None)
    }

    /// A string literal: its text, or its pieces when a field shows a clock value.
    fn string(
        &mut self,
        pieces: &'m [crate::python::ast::StrPiece],
        frame: &mut Frame,
    ) -> Res<Val> {
        use crate::python::ast::StrPiece;
        let mut out: Vec<Piece> = Vec::new();
        for piece in pieces {
            match piece {
                StrPiece::Text(t) => out.push(Piece::Text(t.clone())),
                StrPiece::Field {
                    value,
                    debug,
                    conversion,
                    spec,
                } => {
                    if let Some(debug) = debug {
                        out.push(Piece::Text(debug.clone()));
                    }
                    let at = value.start;
                    let v = self.eval(value, frame)?;
                    let spec = match self.string(spec, frame)? {
                        Val::Plain(Value::Str(s)) => s,
                        _ => {
                            return Err(error(
                                at,
                                "a format spec computed from the clock is not in the page's Python",
                            )
                            .into());
                        }
                    };
                    // `{x=}` shows the repr unless a conversion or spec says otherwise.
                    let conversion = match (conversion, debug.is_some(), spec.is_empty()) {
                        (Some(c), _, _) => Some(*c),
                        (None, true, true) => Some('r'),
                        _ => None,
                    };
                    let shown = super::text::field(v, conversion, &spec, at, frame, self)?;
                    out.extend(shown);
                }
            }
        }
        Ok(super::text::joined(out))
    }
}

/// A plain value or clock expression as a clock expression.
pub(super) fn as_clock(v: Val) -> Clock {
    match v {
        Val::Clock(c) => c,
        Val::Plain(p) => Clock::Const(p),
        _ => Clock::Const(Value::None),
    }
}

/// Whether a function starts or awaits tasks, so that awaiting it from main runs it as main's
/// own code rather than as a routine of its own.
pub(super) fn drives_tasks(def: &crate::python::ast::Def) -> bool {
    let tasks = |e: &Expr| match &e.kind {
        ExprKind::Attribute(_, name) => matches!(
            name.as_str(),
            "gather" | "create_task" | "ensure_future" | "TaskGroup" | "run_in_executor"
        ),
        ExprKind::Name(name) => matches!(name.as_str(), "gather" | "create_task" | "ensure_future"),
        _ => false,
    };
    def.body
        .iter()
        .any(|s| s.any(&mut |_| false, &mut |e| tasks(e)))
}
