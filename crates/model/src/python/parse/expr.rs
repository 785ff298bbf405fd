//! Expressions, by Python's precedence: a conditional, `or`, `and`, `not`, comparisons, `+ -`,
//! `* / // %`, unary signs, `**`, `await`, then calls, attributes and items on an atom.

use super::{Parser, Scope, error};
use crate::python::ast::{Arg, BinOp, CmpOp, Expr, ExprKind, StrPiece, Target, UnaryOp};
use crate::python::token::{Kind, Piece, Pos};
use crate::text::ParseError;

/// Names that are keywords: never a value.
const KEYWORDS: [&str; 24] = [
    "and", "as", "assert", "async", "break", "class", "continue", "def", "del", "elif", "else",
    "except", "finally", "for", "from", "global", "if", "import", "in", "is", "nonlocal", "or",
    "pass", "return",
];

impl Parser {
    /// An expression, or several separated by commas, which make a tuple (`return a, b`).
    pub(super) fn tuple_or_expression(&mut self) -> Result<Expr, ParseError> {
        let start = self.pos();
        let first = self.starred_or_expression()?;
        if !self.is_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.ends_expression() {
                break;
            }
            items.push(self.starred_or_expression()?);
        }
        Ok(Expr {
            kind: ExprKind::Tuple(items),
            start,
        })
    }

    /// Whether the next token cannot begin an expression: the end of a list of them.
    fn ends_expression(&self) -> bool {
        match &self.peek().kind {
            Kind::Op(op) => matches!(*op, ")" | "]" | "}" | "=" | ":" | ";"),
            Kind::Newline | Kind::End | Kind::Dedent | Kind::Indent => true,
            Kind::Name(n) => n == "in",
            _ => false,
        }
    }

    fn starred_or_expression(&mut self) -> Result<Expr, ParseError> {
        let start = self.pos();
        if self.eat_op("*") {
            let value = self.or_test()?;
            return Ok(Expr {
                kind: ExprKind::Starred(Box::new(value)),
                start,
            });
        }
        self.expression()
    }

    /// One expression: `body if test else orelse`, or anything of higher precedence.
    pub(super) fn expression(&mut self) -> Result<Expr, ParseError> {
        self.enter()?;
        let value = self.conditional();
        self.depth -= 1;
        value
    }

    fn conditional(&mut self) -> Result<Expr, ParseError> {
        let start = self.pos();
        if self.is_name("lambda") {
            return Err(error(
                start,
                "`lambda` is not in the page's Python: write a `def`",
            ));
        }
        if self.is_name("yield") {
            return Err(error(
                start,
                "generators (`yield`) are not in the page's Python: to give the event loop back \
                 once, write `await asyncio.sleep(0)`",
            ));
        }
        let body = self.or_test()?;
        if self.is_op(":=") {
            return Err(error(
                self.pos(),
                "`:=` is not in the page's Python: assign on a line of its own",
            ));
        }
        if !self.eat_name("if") {
            return Ok(body);
        }
        let test = self.or_test()?;
        if !self.eat_name("else") {
            return Err(self.expected("`else` in a conditional expression"));
        }
        let orelse = self.expression()?;
        Ok(Expr {
            kind: ExprKind::IfElse {
                test: Box::new(test),
                body: Box::new(body),
                orelse: Box::new(orelse),
            },
            start,
        })
    }

    fn or_test(&mut self) -> Result<Expr, ParseError> {
        self.bool_op("or", false, Parser::and_test)
    }

    fn and_test(&mut self) -> Result<Expr, ParseError> {
        self.bool_op("and", true, Parser::not_test)
    }

    fn bool_op(
        &mut self,
        keyword: &str,
        and: bool,
        operand: fn(&mut Parser) -> Result<Expr, ParseError>,
    ) -> Result<Expr, ParseError> {
        let start = self.pos();
        let first = operand(self)?;
        if !self.is_name(keyword) {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat_name(keyword) {
            values.push(operand(self)?);
        }
        Ok(Expr {
            kind: ExprKind::BoolOp(and, values),
            start,
        })
    }

    fn not_test(&mut self) -> Result<Expr, ParseError> {
        let start = self.pos();
        if self.eat_name("not") {
            self.enter()?;
            let value = self.not_test();
            self.depth -= 1;
            let value = value?;
            return Ok(Expr {
                kind: ExprKind::Not(Box::new(value)),
                start,
            });
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, ParseError> {
        let start = self.pos();
        let first = self.arith()?;
        let mut rest = Vec::new();
        loop {
            let op = match &self.peek().kind {
                Kind::Op("==") => CmpOp::Eq,
                Kind::Op("!=") => CmpOp::Ne,
                Kind::Op("<") => CmpOp::Lt,
                Kind::Op("<=") => CmpOp::Le,
                Kind::Op(">") => CmpOp::Gt,
                Kind::Op(">=") => CmpOp::Ge,
                Kind::Name(n) if n == "in" || n == "is" => {
                    return Err(error(
                        self.pos(),
                        format!(
                            "`{n}` comparisons are not in the page's Python: compare with `==`"
                        ),
                    ));
                }
                _ => break,
            };
            self.bump();
            rest.push((op, self.arith()?));
        }
        if rest.is_empty() {
            return Ok(first);
        }
        Ok(Expr {
            kind: ExprKind::Compare(Box::new(first), rest),
            start,
        })
    }

    fn arith(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.term()?;
        loop {
            let op = match &self.peek().kind {
                Kind::Op("+") => BinOp::Add,
                Kind::Op("-") => BinOp::Sub,
                Kind::Op(op @ ("|" | "&" | "^" | "<<" | ">>" | "@")) => {
                    return Err(error(
                        self.pos(),
                        format!("the operator `{op}` is not in the page's Python"),
                    ));
                }
                _ => return Ok(left),
            };
            self.bump();
            let right = self.term()?;
            left = binary(op, left, right);
        }
    }

    fn term(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.factor()?;
        loop {
            let op = match &self.peek().kind {
                Kind::Op("*") => BinOp::Mul,
                Kind::Op("/") => BinOp::Div,
                Kind::Op("//") => BinOp::FloorDiv,
                Kind::Op("%") => BinOp::Mod,
                _ => return Ok(left),
            };
            self.bump();
            let right = self.factor()?;
            left = binary(op, left, right);
        }
    }

    fn factor(&mut self) -> Result<Expr, ParseError> {
        let start = self.pos();
        let op = match &self.peek().kind {
            Kind::Op("-") => UnaryOp::Neg,
            Kind::Op("+") => UnaryOp::Plus,
            Kind::Op("~") => {
                return Err(error(start, "the operator `~` is not in the page's Python"));
            }
            _ => return self.power(),
        };
        self.bump();
        self.enter()?;
        let value = self.factor();
        self.depth -= 1;
        let value = value?;
        Ok(Expr {
            kind: ExprKind::Unary(op, Box::new(value)),
            start,
        })
    }

    fn power(&mut self) -> Result<Expr, ParseError> {
        let base = self.await_expression()?;
        if !self.eat_op("**") {
            return Ok(base);
        }
        // `**` binds to the right, and tighter than a unary sign on its left only.
        self.enter()?;
        let exponent = self.factor();
        self.depth -= 1;
        let exponent = exponent?;
        Ok(binary(BinOp::Pow, base, exponent))
    }

    fn await_expression(&mut self) -> Result<Expr, ParseError> {
        let start = self.pos();
        if !self.eat_name("await") {
            return self.primary();
        }
        if self.scope() == Scope::Plain {
            return Err(error(
                start,
                "'await' outside async function: only an `async def` can await; make this \
                 function `async def` (and await it where it is called)",
            ));
        }
        let value = self.primary()?;
        Ok(Expr {
            kind: ExprKind::Await(Box::new(value)),
            start,
        })
    }

    /// An atom followed by calls, attributes and items.
    fn primary(&mut self) -> Result<Expr, ParseError> {
        let start = self.pos();
        let mut value = self.atom()?;
        loop {
            if self.eat_op(".") {
                let (name, _) = self.name("a name after `.`")?;
                value = Expr {
                    kind: ExprKind::Attribute(Box::new(value), name),
                    start,
                };
            } else if self.eat_op("(") {
                let args = self.arguments()?;
                value = Expr {
                    kind: ExprKind::Call(Box::new(value), args),
                    start,
                };
            } else if self.eat_op("[") {
                if self.is_op(":") {
                    return Err(error(self.pos(), "slices are not in the page's Python"));
                }
                let index = self.tuple_or_expression()?;
                if self.is_op(":") {
                    return Err(error(self.pos(), "slices are not in the page's Python"));
                }
                self.expect_op("]", "to close the index")?;
                value = Expr {
                    kind: ExprKind::Subscript(Box::new(value), Box::new(index)),
                    start,
                };
            } else {
                return Ok(value);
            }
        }
    }

    /// A call's arguments, after its `(` and up to and including its `)`.
    fn arguments(&mut self) -> Result<Vec<Arg>, ParseError> {
        let mut args = Vec::new();
        while !self.is_op(")") {
            let start = self.pos();
            if self.is_op("**") {
                return Err(error(
                    start,
                    "`**kwargs` in a call is not in the page's Python: name each argument",
                ));
            }
            let keyword = matches!(self.peek().kind, Kind::Name(_))
                && matches!(self.peek_at(1), Kind::Op("="));
            if keyword {
                let (name, _) = self.name("an argument's name")?;
                self.bump();
                if args
                    .iter()
                    .any(|a| matches!(a, Arg::Keyword(n, _) if *n == name))
                {
                    return Err(error(start, format!("keyword argument repeated: {name}")));
                }
                args.push(Arg::Keyword(name, self.expression()?));
            } else {
                if args.iter().any(|a| matches!(a, Arg::Keyword(..))) && !self.is_op("*") {
                    return Err(error(start, "positional argument follows keyword argument"));
                }
                let value = self.starred_or_expression()?;
                if self.is_name("for") {
                    let generator = self.comprehension(value, false, start)?;
                    args.push(Arg::Positional(generator));
                } else {
                    args.push(Arg::Positional(value));
                }
            }
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op(")", "to close the call's arguments")?;
        Ok(args)
    }

    /// `element for target in iter if condition …`, from `for`.
    fn comprehension(&mut self, element: Expr, list: bool, start: Pos) -> Result<Expr, ParseError> {
        self.bump();
        let target = self.comprehension_target()?;
        if !self.eat_name("in") {
            return Err(self.expected("`in` after the comprehension's name"));
        }
        let iter = self.or_test()?;
        let mut conditions = Vec::new();
        while self.eat_name("if") {
            conditions.push(self.or_test()?);
        }
        if self.is_name("for") {
            return Err(error(
                self.pos(),
                "a comprehension with two `for`s is not in the page's Python: write one `for` \
                 loop inside another",
            ));
        }
        Ok(Expr {
            kind: ExprKind::Comprehension {
                list,
                element: Box::new(element),
                target,
                iter: Box::new(iter),
                conditions,
            },
            start,
        })
    }

    fn comprehension_target(&mut self) -> Result<Target, ParseError> {
        let start = self.pos();
        let mut names = Vec::new();
        loop {
            let (name, pos) = self.name("a name after `for`")?;
            names.push(Target::Name(name, pos));
            if !self.eat_op(",") {
                break;
            }
        }
        Ok(if names.len() == 1 {
            names.remove(0)
        } else {
            Target::Tuple(names, start)
        })
    }

    fn atom(&mut self) -> Result<Expr, ParseError> {
        let start = self.pos();
        if let Kind::Name(name) = &self.peek().kind
            && (KEYWORDS.contains(&name.as_str()) || name == "await")
        {
            return Err(self.expected("an expression"));
        }
        let kind = match self.take() {
            Kind::Name(name) => {
                self.bump();
                match name.as_str() {
                    "True" => ExprKind::Bool(true),
                    "False" => ExprKind::Bool(false),
                    "None" => ExprKind::None,
                    _ => ExprKind::Name(name),
                }
            }
            Kind::Int(n) => {
                self.bump();
                ExprKind::Int(n)
            }
            Kind::Float(x) => {
                self.bump();
                ExprKind::Float(x)
            }
            Kind::Str(literal) => {
                self.bump();
                ExprKind::Str(self.pieces(literal.pieces)?)
            }
            Kind::Op("(") => {
                self.bump();
                if self.eat_op(")") {
                    ExprKind::Tuple(Vec::new())
                } else {
                    let first = self.starred_or_expression()?;
                    if self.is_name("for") {
                        let generator = self.comprehension(first, false, start)?;
                        self.expect_op(")", "to close the generator expression")?;
                        return Ok(generator);
                    }
                    if self.is_op(",") {
                        let mut items = vec![first];
                        while self.eat_op(",") && !self.is_op(")") {
                            items.push(self.starred_or_expression()?);
                        }
                        self.expect_op(")", "to close the tuple")?;
                        ExprKind::Tuple(items)
                    } else {
                        self.expect_op(")", "to close the parenthesis")?;
                        return Ok(Expr { start, ..first });
                    }
                }
            }
            Kind::Op("[") => {
                self.bump();
                let mut items = Vec::new();
                if !self.is_op("]") {
                    let first = self.starred_or_expression()?;
                    if self.is_name("for") {
                        let list = self.comprehension(first, true, start)?;
                        self.expect_op("]", "to close the list comprehension")?;
                        return Ok(list);
                    }
                    items.push(first);
                    while self.eat_op(",") && !self.is_op("]") {
                        items.push(self.starred_or_expression()?);
                    }
                }
                self.expect_op("]", "to close the list")?;
                ExprKind::List(items)
            }
            Kind::Op("{") => {
                return Err(error(
                    start,
                    "dicts and sets are not in the page's Python: use a list",
                ));
            }
            Kind::Op("...") => {
                return Err(error(
                    start,
                    "`...` is not in the page's Python: write `pass`",
                ));
            }
            Kind::Indent => return Err(error(start, "unexpected indent")),
            _ => return Err(self.expected("an expression")),
        };
        Ok(Expr { kind, start })
    }

    /// A string's pieces, its f-string fields parsed as expressions.
    fn pieces(&self, pieces: Vec<Piece>) -> Result<Vec<StrPiece>, ParseError> {
        pieces
            .into_iter()
            .map(|piece| match piece {
                Piece::Text(text) => Ok(StrPiece::Text(text)),
                Piece::Field(field) => {
                    let mut inner = self.nested(field.tokens);
                    let value = inner.tuple_or_expression()?;
                    if !matches!(inner.peek().kind, Kind::End) {
                        return Err(inner.expected("`}` after the field's expression"));
                    }
                    let spec = self.pieces(field.spec)?;
                    Ok(StrPiece::Field {
                        value: Box::new(value),
                        debug: field.debug.then(|| format!("{}=", field.source)),
                        conversion: field.conversion,
                        spec,
                    })
                }
            })
            .collect()
    }
}

fn binary(op: BinOp, left: Expr, right: Expr) -> Expr {
    let start = left.start;
    Expr {
        kind: ExprKind::Binary(op, Box::new(left), Box::new(right)),
        start,
    }
}
