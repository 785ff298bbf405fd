//! Expressions: Rust's precedence from assignment down to the postfix `.await`, cut to the
//! subset (no struct literals, no `if`, no indexing), each expression placed at its first token.

use super::super::ast::{Block, Expr, ExprKind, MacroArg};
use super::super::lex::Kind;
use super::{Parser, describe, not_read};
use crate::text::ParseError;

/// The binary operators by level, lowest first; each level is left-associative.
const LEVELS: [&[&str]; 5] = [
    &["||"],
    &["&&"],
    &["==", "!=", "<", ">", "<=", ">="],
    &["+", "-"],
    &["*", "/", "%"],
];

impl Parser {
    /// An expression, assignments included.
    pub(super) fn expr(&mut self) -> Result<Expr, ParseError> {
        let start = self.peek().start;
        let target = self.range()?;
        let op = match self.peek().kind {
            Kind::Op("=") => None,
            Kind::Op("+=") => Some("+"),
            Kind::Op("-=") => Some("-"),
            Kind::Op("*=") => Some("*"),
            Kind::Op("/=") => Some("/"),
            Kind::Op("%=") => Some("%"),
            _ => return Ok(target),
        };
        let ExprKind::Path(path) = &target.kind else {
            return Err(self.error(
                start,
                "invalid left-hand side of assignment: the page's Rust assigns to a name",
            ));
        };
        let [name] = path.as_slice() else {
            return Err(self.error(
                start,
                "invalid left-hand side of assignment: the page's Rust assigns to a name",
            ));
        };
        let name = name.clone();
        self.bump();
        let value = self.expr()?;
        Ok(Expr {
            kind: ExprKind::Assign(name, op, Box::new(value)),
            start,
        })
    }

    /// `a..b`, `a..=b`, or a binary expression.
    fn range(&mut self) -> Result<Expr, ParseError> {
        let start = self.peek().start;
        let low = self.binary(0)?;
        let inclusive = match self.peek().kind {
            Kind::Op("..") => false,
            Kind::Op("..=") => true,
            _ => return Ok(low),
        };
        self.bump();
        let high = self.binary(0)?;
        Ok(Expr {
            kind: ExprKind::Range(Box::new(low), Box::new(high), inclusive),
            start,
        })
    }

    fn binary(&mut self, level: usize) -> Result<Expr, ParseError> {
        let Some(ops) = LEVELS.get(level) else {
            return self.cast();
        };
        let start = self.peek().start;
        let mut left = self.binary(level + 1)?;
        while let Kind::Op(op) = self.peek().kind
            && ops.contains(&op)
        {
            self.bump();
            let right = self.binary(level + 1)?;
            left = Expr {
                kind: ExprKind::Binary(op, Box::new(left), Box::new(right)),
                start,
            };
        }
        Ok(left)
    }

    /// `value as type`.
    fn cast(&mut self) -> Result<Expr, ParseError> {
        let start = self.peek().start;
        let mut value = self.unary()?;
        while self.eat_name("as") {
            // A cast's type is a number's: one name (`f64`), never a generic type.
            let ty = self.name()?.0;
            value = Expr {
                kind: ExprKind::Cast(Box::new(value), ty),
                start,
            };
        }
        Ok(value)
    }

    fn unary(&mut self) -> Result<Expr, ParseError> {
        let start = self.peek().start;
        let kind = match self.peek().kind {
            Kind::Op(op @ ("-" | "!")) => {
                self.bump();
                ExprKind::Unary(op, Box::new(self.unary()?))
            }
            Kind::Op("&" | "&&") => {
                self.bump();
                self.eat_name("mut");
                ExprKind::Ref(Box::new(self.unary()?))
            }
            Kind::Op("*") => {
                // A dereference reads the value, as the page reads every value.
                self.bump();
                return self.unary();
            }
            _ => return self.postfix(),
        };
        Ok(Expr { kind, start })
    }

    /// A primary expression and what follows it: calls, methods, `.await`, `?`.
    fn postfix(&mut self) -> Result<Expr, ParseError> {
        let start = self.peek().start;
        let mut value = self.primary()?;
        loop {
            let kind = if self.peek_op("(") {
                let args = self.args(")")?;
                ExprKind::Call(Box::new(value), args)
            } else if self.eat("?") {
                ExprKind::Try(Box::new(value))
            } else if self.eat(".") {
                match self.peek().kind.clone() {
                    Kind::Name(name) if name == "await" => {
                        let at = self.bump().start;
                        ExprKind::Await(Box::new(value), at)
                    }
                    Kind::Name(name) => {
                        let at = self.bump().start;
                        if self.eat("::") && self.peek_op("<") {
                            self.skip_type()?;
                        }
                        if !self.peek_op("(") {
                            return Err(self.error(
                                at,
                                format!("the page's Rust reads no fields: `.{name}` needs `()` to be a method's call"),
                            ));
                        }
                        let args = self.args(")")?;
                        ExprKind::Method(Box::new(value), name, args)
                    }
                    Kind::Int(n, None) => {
                        let at = self.bump().start;
                        return Err(self.error(
                            at,
                            format!("the page's Rust reads no tuple fields (`.{n}`): bind the tuple's parts with `let (a, b) = …;`"),
                        ));
                    }
                    _ => return Err(self.expected("identifier")),
                }
            } else if self.peek_op("[") {
                return Err(self.error(
                    self.peek().start,
                    "the page's Rust reads no indexing: bind each value with its own `let`",
                ));
            } else {
                return Ok(value);
            };
            value = Expr { kind, start };
        }
    }

    /// Comma-separated expressions up to `close`, the opener being next.
    fn args(&mut self, close: &str) -> Result<Vec<Expr>, ParseError> {
        self.bump();
        let mut args = Vec::new();
        while !self.peek_op(close) {
            args.push(self.expr()?);
            if !self.eat(",") {
                break;
            }
        }
        self.expect(close)?;
        Ok(args)
    }

    fn primary(&mut self) -> Result<Expr, ParseError> {
        let token = self.peek().clone();
        let start = token.start;
        let kind = match token.kind {
            Kind::Int(n, _) => {
                self.bump();
                ExprKind::Int(n)
            }
            Kind::Float(x, _) => {
                self.bump();
                ExprKind::Float(x)
            }
            Kind::Str(s) => {
                self.bump();
                ExprKind::Str(s)
            }
            Kind::Char(c) => {
                self.bump();
                ExprKind::Char(c)
            }
            Kind::Op("(") => {
                let mut parts = self.args(")")?;
                // `(x)` is x; `(x,)` and `()` are tuples.
                let trailing = self.tokens[self.at - 2].kind == Kind::Op(",");
                if parts.len() == 1 && !trailing {
                    return Ok(parts.remove(0));
                }
                ExprKind::Tuple(parts)
            }
            Kind::Op("[") => ExprKind::Array(self.args("]")?),
            Kind::Op("{") => ExprKind::Block(self.block()?),
            Kind::Op("|" | "||") => return self.closure(),
            Kind::Name(word) => return self.word(&word),
            _ => return Err(self.expected("expression")),
        };
        Ok(Expr { kind, start })
    }

    /// An expression that begins with a name: a keyword's construct, a path, or a macro's call.
    fn word(&mut self, word: &str) -> Result<Expr, ParseError> {
        let start = self.peek().start;
        let kind = match word {
            "true" | "false" => {
                self.bump();
                ExprKind::Bool(word == "true")
            }
            "async" => {
                self.bump();
                self.eat_name("move");
                if self.peek_op("|") || self.peek_op("||") {
                    return Err(self.error(
                        start,
                        "async closures are not in the page's Rust: write `|| async { … }`, or an `async fn`",
                    ));
                }
                ExprKind::Async(self.block()?)
            }
            "move" => {
                self.bump();
                return self.closure();
            }
            "for" => {
                self.bump();
                let pat = self.pattern()?;
                if !self.eat_name("in") {
                    return Err(self.expected("`in`"));
                }
                let iter = self.range()?;
                let body: Block = self.block()?;
                ExprKind::For(pat, Box::new(iter), body)
            }
            "return" => {
                self.bump();
                let value = if self.peek_op(";") || self.peek_op("}") {
                    None
                } else {
                    Some(Box::new(self.expr()?))
                };
                ExprKind::Return(value)
            }
            _ => {
                if let Some(message) = not_read(word) {
                    return Err(self.error(start, message));
                }
                let mut path = vec![self.name()?.0];
                while self.eat("::") {
                    if self.peek_op("<") {
                        // A turbofish, `Vec::<u64>::new`, says only a type.
                        self.skip_type()?;
                        continue;
                    }
                    path.push(self.name()?.0);
                }
                if self.peek_op("!") {
                    self.bump();
                    return self.mac(path, start);
                }
                ExprKind::Path(path)
            }
        };
        Ok(Expr { kind, start })
    }

    /// A macro's arguments, its `!` taken: expressions, `name = value` for named ones.
    fn mac(
        &mut self,
        path: Vec<String>,
        start: crate::python::token::Pos,
    ) -> Result<Expr, ParseError> {
        let close = match self.peek().kind {
            Kind::Op("(") => ")",
            Kind::Op("[") => "]",
            Kind::Op("{") => "}",
            _ => return Err(self.expected("one of `(`, `[`, or `{`")),
        };
        self.bump();
        // `tokio::join!(biased; a, b)` polls in the order written, which the page does anyway.
        if self.peek_name("biased") && self.peek_at(1).kind == Kind::Op(";") {
            self.bump();
            self.bump();
        }
        let mut args = Vec::new();
        while !self.peek_op(close) {
            let name = match (&self.peek().kind, &self.peek_at(1).kind) {
                (Kind::Name(n), Kind::Op("=")) => {
                    let n = n.clone();
                    self.bump();
                    self.bump();
                    Some(n)
                }
                _ => None,
            };
            let value = self.expr()?;
            args.push(MacroArg { name, value });
            if self.peek_op(";") {
                return Err(self.error(
                    self.peek().start,
                    "`vec![value; n]` is not in the page's Rust: write each element",
                ));
            }
            if !self.eat(",") {
                break;
            }
        }
        if !self.peek_op(close) {
            return Err(self.error(
                self.peek().start,
                format!(
                    "expected one of `,` or `{close}`, found {}",
                    describe(&self.peek().kind)
                ),
            ));
        }
        self.bump();
        Ok(Expr {
            kind: ExprKind::Macro(path, args),
            start,
        })
    }

    /// `|a, b| body` (the `move` before it taken).
    fn closure(&mut self) -> Result<Expr, ParseError> {
        let start = self.peek().start;
        let mut params = Vec::new();
        if !self.eat("||") {
            self.expect("|")?;
            while !self.peek_op("|") {
                self.eat_name("mut");
                params.push(self.name()?.0);
                if self.eat(":") {
                    self.skip_type()?;
                }
                if !self.eat(",") {
                    break;
                }
            }
            self.expect("|")?;
        }
        let body = self.expr()?;
        Ok(Expr {
            kind: ExprKind::Closure(params, Box::new(body)),
            start,
        })
    }
}
