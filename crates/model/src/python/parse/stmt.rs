//! Statements and blocks: simple statements, `def`, `if`, `for`, `with`, imports.

use super::{Parser, Scope, error};
use crate::python::ast::{BinOp, Def, ExprKind, Module, Param, Stmt, StmtKind, Target};
use crate::python::token::{Kind, Pos};
use crate::text::ParseError;

/// Python's statements that the page does not read, each with what to write instead.
const LEFT_OUT: [(&str, &str); 13] = [
    (
        "class",
        "classes are not in the page's Python: write functions (`def`, `async def`)",
    ),
    (
        "try",
        "`try` is not in the page's Python: nothing the page runs raises an exception to catch",
    ),
    (
        "except",
        "`except` belongs to `try`, which is not in the page's Python",
    ),
    (
        "finally",
        "`finally` belongs to `try`, which is not in the page's Python",
    ),
    (
        "raise",
        "`raise` is not in the page's Python: a program here cannot fail on purpose",
    ),
    ("assert", "`assert` is not in the page's Python"),
    ("del", "`del` is not in the page's Python"),
    (
        "global",
        "`global` is not in the page's Python: pass values as arguments and return them",
    ),
    (
        "nonlocal",
        "`nonlocal` is not in the page's Python: pass values as arguments and return them",
    ),
    (
        "break",
        "`break` is not in the page's Python: a `for` loop here runs all its rounds",
    ),
    (
        "continue",
        "`continue` is not in the page's Python: a `for` loop here runs all its rounds",
    ),
    (
        "yield",
        "generators (`yield`) are not in the page's Python: to give the event loop back once, \
         write `await asyncio.sleep(0)`",
    ),
    (
        "lambda",
        "`lambda` is not in the page's Python: write a `def`",
    ),
];

impl Parser {
    /// The whole program.
    pub(super) fn module(&mut self) -> Result<Module, ParseError> {
        let mut body = Vec::new();
        loop {
            match &self.peek().kind {
                Kind::End => break,
                Kind::Newline => {
                    self.bump();
                }
                Kind::Indent => return Err(error(self.pos(), "unexpected indent")),
                _ => body.extend(self.statement()?),
            }
        }
        Ok(Module { body })
    }

    /// One statement, or the several simple ones a line holds when `;` separates them.
    fn statement(&mut self) -> Result<Vec<Stmt>, ParseError> {
        let start = self.pos();
        if let Kind::Name(name) = &self.peek().kind
            && let Some((_, why)) = LEFT_OUT.iter().find(|(k, _)| k == name)
        {
            return Err(error(start, *why));
        }
        let compound = match &self.peek().kind {
            Kind::Name(n) if n == "def" => Some(self.def(start, false)?),
            Kind::Name(n) if n == "if" => Some(self.if_statement()?),
            Kind::Name(n) if n == "for" => Some(self.for_statement(start)?),
            Kind::Name(n) if n == "while" => Some(self.while_statement(start)?),
            Kind::Name(n) if n == "with" => Some(self.with_statement(start, false)?),
            Kind::Name(n) if n == "async" => {
                self.bump();
                match &self.peek().kind {
                    Kind::Name(n) if n == "def" => Some(self.def(start, true)?),
                    Kind::Name(n) if n == "with" => {
                        if self.scope() == Scope::Plain {
                            return Err(error(start, "'async with' outside async function"));
                        }
                        Some(self.with_statement(start, true)?)
                    }
                    Kind::Name(n) if n == "for" => {
                        return Err(error(
                            start,
                            "`async for` is not in the page's Python: write `for i in range(n):`",
                        ));
                    }
                    _ => return Err(self.expected("`def`, `with` or `for` after `async`")),
                }
            }
            Kind::Name(n) if n == "elif" || n == "else" => {
                return Err(error(
                    start,
                    format!(
                        "invalid syntax: `{n}` without an `if` before it at the same indentation"
                    ),
                ));
            }
            _ => None,
        };
        if let Some(stmt) = compound {
            return Ok(vec![stmt]);
        }
        let mut line = Vec::new();
        loop {
            line.push(self.simple()?);
            if !self.eat_op(";") || matches!(self.peek().kind, Kind::Newline | Kind::End) {
                break;
            }
        }
        match self.peek().kind {
            Kind::Newline => {
                self.bump();
            }
            Kind::End | Kind::Dedent => {}
            _ => return Err(self.expected("the end of the statement")),
        }
        Ok(line)
    }

    /// A simple statement: an expression, an assignment, `return`, `pass`, an import.
    fn simple(&mut self) -> Result<Stmt, ParseError> {
        let start = self.pos();
        let kind = if self.eat_name("pass") {
            StmtKind::Pass
        } else if self.eat_name("return") {
            if self.scope() == Scope::Module {
                return Err(error(start, "'return' outside function"));
            }
            if matches!(self.peek().kind, Kind::Newline | Kind::End | Kind::Dedent)
                || self.is_op(";")
            {
                StmtKind::Return(None)
            } else {
                StmtKind::Return(Some(self.tuple_or_expression()?))
            }
        } else if self.eat_name("import") {
            let mut names = Vec::new();
            loop {
                let module = self.dotted()?;
                let alias = self.alias()?;
                names.push((module, alias));
                if !self.eat_op(",") {
                    break;
                }
            }
            StmtKind::Import(names)
        } else if self.eat_name("from") {
            let module = self.dotted()?;
            if !self.eat_name("import") {
                return Err(self.expected("`import`"));
            }
            let parenthesised = self.eat_op("(");
            let mut names = Vec::new();
            loop {
                if self.is_op("*") {
                    return Err(error(
                        self.pos(),
                        format!(
                            "`from {module} import *` is not in the page's Python: import the \
                             names you use"
                        ),
                    ));
                }
                let name = self.name("a name to import")?.0;
                let alias = self.alias()?;
                names.push((name, alias));
                if !self.eat_op(",") || (parenthesised && self.is_op(")")) {
                    break;
                }
            }
            if parenthesised {
                self.expect_op(")", "to close the names imported")?;
            }
            StmtKind::From { module, names }
        } else {
            self.expression_statement()?
        };
        Ok(Stmt {
            kind,
            start,
            last_line: self.last_line(),
        })
    }

    /// An expression, or an assignment to it.
    fn expression_statement(&mut self) -> Result<StmtKind, ParseError> {
        let first = self.tuple_or_expression()?;
        if let Kind::Op(op) = self.peek().kind
            && let Some(bin) = augmented(op)
        {
            let at = self.pos();
            self.bump();
            let target = target_of(first, at)?;
            let value = self.tuple_or_expression()?;
            return Ok(StmtKind::AugAssign {
                target,
                op: bin,
                value,
            });
        }
        if self.is_op(":") {
            return Err(error(
                self.pos(),
                "annotations (`x: int = …`) are not in the page's Python: write `x = …`",
            ));
        }
        if !self.is_op("=") {
            return Ok(StmtKind::Expr(first));
        }
        let mut targets = Vec::new();
        let mut value = first;
        while self.is_op("=") {
            let at = self.pos();
            self.bump();
            targets.push(target_of(value, at)?);
            value = self.tuple_or_expression()?;
        }
        Ok(StmtKind::Assign { targets, value })
    }

    /// `def name(params):` and its block, from `def` (after `async`, if any).
    fn def(&mut self, start: Pos, is_async: bool) -> Result<Stmt, ParseError> {
        self.bump();
        let (name, _) = self.name("the function's name after `def`")?;
        self.expect_op("(", "after the function's name")?;
        let mut params: Vec<Param> = Vec::new();
        while !self.is_op(")") {
            let pos = self.pos();
            if self.is_op("*") || self.is_op("**") || self.is_op("/") {
                return Err(error(
                    pos,
                    "`*args`, `**kwargs` and `/` are not in the page's Python: name each parameter",
                ));
            }
            let (param, _) = self.name("a parameter's name")?;
            if params.iter().any(|p| p.name == param) {
                return Err(error(
                    pos,
                    format!("duplicate argument '{param}' in function definition"),
                ));
            }
            if self.is_op(":") {
                return Err(error(
                    self.pos(),
                    "annotations (`x: int`) are not in the page's Python: write the name alone",
                ));
            }
            let default = if self.eat_op("=") {
                Some(self.expression()?)
            } else {
                if params.iter().any(|p| p.default.is_some()) {
                    return Err(error(
                        pos,
                        "parameter without a default follows parameter with a default",
                    ));
                }
                None
            };
            params.push(Param {
                name: param,
                default,
                pos,
            });
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op(")", "to close the parameters")?;
        if self.is_op("->") {
            return Err(error(
                self.pos(),
                "return annotations (`-> int`) are not in the page's Python: end the line with `:`",
            ));
        }
        self.expect_op(":", "at the end of the `def` line")?;
        let last_line = self.last_line();
        self.scope
            .push(if is_async { Scope::Async } else { Scope::Plain });
        let body = self.block();
        self.scope.pop();
        let mut body = body?;
        // A docstring does nothing when the function runs.
        if let Some(Stmt {
            kind: StmtKind::Expr(e),
            ..
        }) = body.first()
            && matches!(e.kind, ExprKind::Str(_))
        {
            body.remove(0);
        }
        Ok(Stmt {
            kind: StmtKind::Def(Def {
                name,
                is_async,
                params,
                body,
            }),
            start,
            last_line,
        })
    }

    /// `if test:` with its `elif` and `else` blocks.
    fn if_statement(&mut self) -> Result<Stmt, ParseError> {
        let start = self.pos();
        self.bump();
        let test = self.expression()?;
        self.expect_op(":", "at the end of the `if` line")?;
        let last_line = self.last_line();
        let body = self.block()?;
        let orelse = if self.is_name("elif") {
            vec![self.if_statement()?]
        } else if self.eat_name("else") {
            self.expect_op(":", "after `else`")?;
            self.block()?
        } else {
            Vec::new()
        };
        Ok(Stmt {
            kind: StmtKind::If { test, body, orelse },
            start,
            last_line,
        })
    }

    /// `for target in iter:` and its block.
    fn for_statement(&mut self, start: Pos) -> Result<Stmt, ParseError> {
        self.bump();
        let target = self.target()?;
        if !self.eat_name("in") {
            return Err(self.expected("`in` after the loop's name"));
        }
        let iter = self.tuple_or_expression()?;
        self.expect_op(":", "at the end of the `for` line")?;
        let last_line = self.last_line();
        let body = self.block()?;
        if self.is_name("else") {
            return Err(error(
                self.pos(),
                "`for … else` is not in the page's Python: write the `else` block after the loop",
            ));
        }
        Ok(Stmt {
            kind: StmtKind::For { target, iter, body },
            start,
            last_line,
        })
    }

    /// `while test:` and its block.
    fn while_statement(&mut self, start: Pos) -> Result<Stmt, ParseError> {
        self.bump();
        let test = self.expression()?;
        self.expect_op(":", "at the end of the `while` line")?;
        let last_line = self.last_line();
        let body = self.block()?;
        if self.is_name("else") {
            return Err(error(
                self.pos(),
                "`while … else` is not in the page's Python: write the `else` block after the loop",
            ));
        }
        Ok(Stmt {
            kind: StmtKind::While { test, body },
            start,
            last_line,
        })
    }

    /// `with item as target, …:` and its block, from `with`.
    fn with_statement(&mut self, start: Pos, is_async: bool) -> Result<Stmt, ParseError> {
        self.bump();
        let mut items = Vec::new();
        loop {
            let manager = self.expression()?;
            let target = if self.eat_name("as") {
                Some(self.target()?)
            } else {
                None
            };
            items.push((manager, target));
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op(":", "at the end of the `with` line")?;
        let last_line = self.last_line();
        let body = self.block()?;
        Ok(Stmt {
            kind: StmtKind::With {
                is_async,
                items,
                body,
            },
            start,
            last_line,
        })
    }

    /// A block after a `:`: indented lines, or simple statements on the same line.
    fn block(&mut self) -> Result<Vec<Stmt>, ParseError> {
        if !matches!(self.peek().kind, Kind::Newline) {
            return self.statement();
        }
        self.bump();
        if !matches!(self.peek().kind, Kind::Indent) {
            return Err(error(
                self.pos(),
                "expected an indented block: the lines of a block are indented further than the \
                 line that ends with `:`",
            ));
        }
        self.bump();
        let mut body = Vec::new();
        loop {
            match &self.peek().kind {
                Kind::Dedent => {
                    self.bump();
                    break;
                }
                Kind::End => break,
                Kind::Indent => return Err(error(self.pos(), "unexpected indent")),
                _ => body.extend(self.statement()?),
            }
        }
        Ok(body)
    }

    /// A name to bind, or several separated by commas (`for i, x in …`).
    fn target(&mut self) -> Result<Target, ParseError> {
        let start = self.pos();
        let parenthesised = self.eat_op("(");
        let mut names = Vec::new();
        loop {
            let (name, pos) = self.name("a name to bind")?;
            names.push(Target::Name(name, pos));
            if !self.eat_op(",") || self.is_name("in") || self.is_op(")") || self.is_op("=") {
                break;
            }
        }
        if parenthesised {
            self.expect_op(")", "to close the names")?;
        }
        Ok(if names.len() == 1 && !parenthesised {
            names.remove(0)
        } else {
            Target::Tuple(names, start)
        })
    }

    /// A name, with where it is.
    pub(super) fn name(&mut self, what: &str) -> Result<(String, Pos), ParseError> {
        match &self.peek().kind {
            Kind::Name(name) => {
                let name = name.clone();
                let pos = self.pos();
                self.bump();
                Ok((name, pos))
            }
            _ => Err(self.expected(what)),
        }
    }

    /// A dotted module name, such as `concurrent.futures`.
    fn dotted(&mut self) -> Result<String, ParseError> {
        let mut name = self.name("a module's name")?.0;
        while self.eat_op(".") {
            name.push('.');
            name.push_str(&self.name("a module's name after `.`")?.0);
        }
        Ok(name)
    }

    /// An import's `as name`, if it has one.
    fn alias(&mut self) -> Result<Option<String>, ParseError> {
        if self.eat_name("as") {
            Ok(Some(self.name("a name after `as`")?.0))
        } else {
            Ok(None)
        }
    }

    /// The line of the token just read.
    fn last_line(&self) -> u32 {
        self.tokens
            .get(self.at.saturating_sub(1))
            .map_or(1, |t| t.start.line)
    }
}

/// The operator of an augmented assignment such as `+=`.
fn augmented(op: &str) -> Option<BinOp> {
    Some(match op {
        "+=" => BinOp::Add,
        "-=" => BinOp::Sub,
        "*=" => BinOp::Mul,
        "/=" => BinOp::Div,
        "//=" => BinOp::FloorDiv,
        "%=" => BinOp::Mod,
        "**=" => BinOp::Pow,
        _ => return None,
    })
}

/// What an assignment's left side binds: names, or a tuple of them.
fn target_of(expr: crate::python::ast::Expr, at: Pos) -> Result<Target, ParseError> {
    match expr.kind {
        ExprKind::Name(name) => Ok(Target::Name(name, expr.start)),
        ExprKind::Tuple(items) | ExprKind::List(items) => Ok(Target::Tuple(
            items
                .into_iter()
                .map(|item| target_of(item, at))
                .collect::<Result<_, _>>()?,
            expr.start,
        )),
        ExprKind::Attribute(..) | ExprKind::Subscript(..) => Err(error(
            expr.start,
            "assigning to an attribute or an item is not in the page's Python: assign to a name",
        )),
        ExprKind::Call(..) => Err(error(
            expr.start,
            "cannot assign to function call here. Maybe you meant '==' instead of '='?",
        )),
        _ => Err(error(
            at,
            format!("cannot assign to {}", describe_expr(&expr.kind)),
        )),
    }
}

fn describe_expr(kind: &ExprKind) -> &'static str {
    match kind {
        ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Str(_) => "literal",
        ExprKind::Await(_) => "await expression",
        _ => "expression",
    }
}
