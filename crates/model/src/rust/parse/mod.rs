//! From a Rust program's tokens to its syntax tree ([`File`]), for the page's subset.
//!
//! This module owns the grammar: items (`use`, `fn`, `async fn` with their attributes) and
//! statements here, expressions in `expr`. What the subset leaves out is refused where it is
//! written, with rustc's words where rustc would say the same (`expected one of `;` or `}`,
//! found `x``) and the page's words, saying what to write instead, where the program is good Rust
//! the page does not read (a `struct`, an `if`). Types are skipped over, their brackets balanced:
//! the page runs these programs without them. It decides nothing about what a program does.

mod expr;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use super::ast::{Attr, Block, Expr, ExprKind, File, Fn, Item, ItemKind, Pat, Stmt, StmtKind};
use super::lex::{Kind, Token, lex};
use crate::python::token::Pos;
use crate::text::ParseError;

/// The syntax tree of `source`, or its first mistake with its place.
pub fn parse(source: &str) -> Result<File, ParseError> {
    let tokens = lex(source)?;
    let mut parser = Parser { tokens, at: 0 };
    let mut items = Vec::new();
    while parser.peek().kind != Kind::End {
        if parser.peek_op("#") && parser.peek_at(1).kind == Kind::Op("!") {
            // An inner attribute (`#![allow(unused)]`) says nothing the page needs.
            parser.bump();
            parser.bump();
            parser.skip_group()?;
            continue;
        }
        items.push(parser.item()?);
    }
    Ok(File { items })
}

/// The reader's place in the tokens.
pub(super) struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

/// The words a program's text may use that the subset does not, with what to write instead.
const NOT_READ: [(&str, &str); 14] = [
    (
        "if",
        "the page runs the same steps on every run: write the branch that runs",
    ),
    ("while", "write `for i in 0..n` with a number of rounds"),
    ("loop", "write `for i in 0..n` with a number of rounds"),
    ("match", "write the arm that runs"),
    ("struct", "keep the program's values in `let` bindings"),
    ("enum", "keep the program's values in `let` bindings"),
    ("impl", "write plain `fn`s and `async fn`s"),
    ("trait", "write plain `fn`s and `async fn`s"),
    ("mod", "write the program in one file"),
    ("static", "write a `let` binding in `main`"),
    ("const", "write a `let` binding in `main`"),
    ("unsafe", "the page's Rust is safe Rust"),
    ("macro_rules", "write the code the macro would write"),
    ("type", "the page needs no type aliases"),
];

/// The page's message for a word of Rust it does not read, if `word` is one.
pub(super) fn not_read(word: &str) -> Option<String> {
    NOT_READ
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(w, instead)| format!("`{w}` is not in the page's Rust: {instead}"))
}

/// How a token is named in a message, as rustc names it: `` `x` ``, or `end of file`.
pub(super) fn describe(kind: &Kind) -> String {
    match kind {
        Kind::Name(n) => format!("`{n}`"),
        Kind::Lifetime(l) => format!("`'{l}`"),
        Kind::Int(n, suffix) => format!("`{n}{}`", suffix.as_deref().unwrap_or("")),
        Kind::Float(x, _) => format!("`{x}`"),
        // As written, quotes around: rustc shows the literal, and the page's messages need no
        // `Debug` escaping (whose tables the first look would come to hold).
        Kind::Str(s) => format!("`\"{s}\"`"),
        Kind::Char(c) => format!("`'{c}'`"),
        Kind::Op(op) => format!("`{op}`"),
        Kind::End => "end of file".to_owned(),
    }
}

impl Parser {
    pub(super) fn peek(&self) -> &Token {
        self.peek_at(0)
    }

    pub(super) fn peek_at(&self, ahead: usize) -> &Token {
        let last = self.tokens.len() - 1;
        &self.tokens[(self.at + ahead).min(last)]
    }

    pub(super) fn bump(&mut self) -> Token {
        let token = self.peek().clone();
        if token.kind != Kind::End {
            self.at += 1;
        }
        token
    }

    pub(super) fn peek_op(&self, op: &str) -> bool {
        matches!(self.peek().kind, Kind::Op(o) if o == op)
    }

    pub(super) fn peek_name(&self, name: &str) -> bool {
        matches!(&self.peek().kind, Kind::Name(n) if n == name)
    }

    /// Takes the operator `op` if it is next.
    pub(super) fn eat(&mut self, op: &str) -> bool {
        let here = self.peek_op(op);
        if here {
            self.bump();
        }
        here
    }

    /// Takes the keyword `name` if it is next.
    pub(super) fn eat_name(&mut self, name: &str) -> bool {
        let here = self.peek_name(name);
        if here {
            self.bump();
        }
        here
    }

    pub(super) fn error(&self, at: Pos, message: impl Into<String>) -> ParseError {
        ParseError::new(at.line as usize, at.column as usize, message)
    }

    /// rustc's `expected X, found Y` at the next token.
    pub(super) fn expected(&self, what: &str) -> ParseError {
        let token = self.peek();
        if let Kind::Name(word) = &token.kind
            && let Some(message) = not_read(word)
        {
            return self.error(token.start, message);
        }
        self.error(
            token.start,
            format!("expected {what}, found {}", describe(&token.kind)),
        )
    }

    pub(super) fn expect(&mut self, op: &str) -> Result<Pos, ParseError> {
        if self.peek_op(op) {
            Ok(self.bump().start)
        } else {
            Err(self.expected(&format!("`{op}`")))
        }
    }

    pub(super) fn name(&mut self) -> Result<(String, Pos), ParseError> {
        match &self.peek().kind {
            Kind::Name(n) => {
                let n = n.clone();
                Ok((n, self.bump().start))
            }
            _ => Err(self.expected("identifier")),
        }
    }

    /// Skips a bracketed group (`(…)`, `[…]` or `{…}`) whole, the next token being its opener.
    pub(super) fn skip_group(&mut self) -> Result<(), ParseError> {
        let open = self.bump();
        let mut depth = 1usize;
        loop {
            let token = self.bump();
            match token.kind {
                Kind::Op("(" | "[" | "{") => depth += 1,
                Kind::Op(")" | "]" | "}") => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                Kind::End => {
                    return Err(self.error(open.start, "this file contains an unclosed delimiter"));
                }
                _ => {}
            }
        }
    }

    /// Skips a type, and returns its text: up to the first `,`, `)`, `=`, `;`, `{` or `>` outside
    /// its own brackets (`Vec<Vec<u8>>`'s `>>` closes two).
    pub(super) fn skip_type(&mut self) -> Result<String, ParseError> {
        let start = self.peek().start;
        let mut text = String::new();
        let mut angles = 0usize;
        loop {
            let kind = self.peek().kind.clone();
            match kind {
                Kind::End => break,
                Kind::Op("(" | "[") => {
                    let from = self.at;
                    self.skip_group()?;
                    text.push_str(&self.text_of(from));
                    continue;
                }
                Kind::Op("<") => angles += 1,
                Kind::Op(">") if angles > 0 => angles -= 1,
                Kind::Op(">>") if angles >= 2 => angles -= 2,
                Kind::Op(_) if angles > 0 => {}
                Kind::Op("," | ")" | "=" | ";" | "{" | ">" | ">>" | "]" | "}" | "|") => break,
                _ => {}
            }
            let from = self.at;
            self.bump();
            text.push_str(&self.text_of(from));
        }
        if text.is_empty() {
            return Err(self.error(
                start,
                format!("expected type, found {}", describe(&self.peek().kind)),
            ));
        }
        Ok(text)
    }

    /// The tokens from `from` to here, as text with the spaces a reader expects.
    fn text_of(&self, from: usize) -> String {
        let mut out = String::new();
        for token in &self.tokens[from..self.at] {
            let piece = match &token.kind {
                Kind::Name(n) => n.clone(),
                Kind::Lifetime(l) => format!("'{l}"),
                Kind::Op(op) => (*op).to_owned(),
                other => describe(other).trim_matches('`').to_owned(),
            };
            let word = |s: &str| {
                s.chars()
                    .next()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '\'')
            };
            if word(&piece)
                && out
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
            {
                out.push(' ');
            }
            out.push_str(&piece);
        }
        out
    }

    fn attrs(&mut self) -> Result<Vec<Attr>, ParseError> {
        let mut attrs = Vec::new();
        while self.peek_op("#") {
            let at = self.bump().start;
            if !self.peek_op("[") {
                return Err(self.expected("`[`"));
            }
            let open = self.at;
            self.bump();
            let mut path = vec![self.name()?.0];
            while self.eat("::") {
                path.push(self.name()?.0);
            }
            // An attribute's arguments change nothing the page runs: a program of the subset
            // runs on one thread either way. The flavor is kept for the note on threads, and
            // `start` for a browser program's entry point.
            let args = self.at;
            self.at = open;
            self.skip_group()?;
            let args = &self.tokens[args..self.at];
            let current_thread = args
                .iter()
                .any(|t| matches!(&t.kind, Kind::Str(s) if s == "current_thread"));
            let start = args
                .iter()
                .any(|t| matches!(&t.kind, Kind::Name(s) if s == "start"));
            attrs.push(Attr {
                path,
                at,
                current_thread,
                start,
            });
        }
        Ok(attrs)
    }

    fn item(&mut self) -> Result<Item, ParseError> {
        let start = self.peek().start;
        let attrs = self.attrs()?;
        if self.eat_name("pub") && self.peek_op("(") {
            self.skip_group()?;
        }
        if self.eat_name("use") {
            let mut names = Vec::new();
            self.use_tree(Vec::new(), &mut names)?;
            self.expect(";")?;
            return Ok(Item {
                kind: ItemKind::Use(names),
                start,
            });
        }
        let is_async = self.eat_name("async");
        let at = self.peek().start;
        if !self.eat_name("fn") {
            return Err(self.expected(if is_async { "`fn`" } else { "item" }));
        }
        let (name, _) = self.name()?;
        if self.peek_op("<") {
            self.skip_generics()?;
        }
        self.expect("(")?;
        let mut params = Vec::new();
        while !self.peek_op(")") {
            self.eat_name("mut");
            let (param, pos) = self.name()?;
            self.expect(":")?;
            self.skip_type()?;
            params.push((param, pos));
            if !self.eat(",") {
                break;
            }
        }
        self.expect(")")?;
        if self.eat("->") {
            self.skip_type()?;
        }
        if self.peek_name("where") {
            while !self.peek_op("{") && self.peek().kind != Kind::End {
                self.bump();
            }
        }
        let body = self.block()?;
        Ok(Item {
            kind: ItemKind::Fn(Fn {
                name,
                is_async,
                attrs,
                params,
                body,
                at,
            }),
            start,
        })
    }

    fn skip_generics(&mut self) -> Result<(), ParseError> {
        self.bump();
        let mut depth = 1usize;
        while depth > 0 {
            match self.bump().kind {
                Kind::Op("<") => depth += 1,
                Kind::Op(">") => depth -= 1,
                Kind::Op(">>") => depth = depth.saturating_sub(2),
                Kind::End => return Err(self.expected("`>`")),
                _ => {}
            }
        }
        Ok(())
    }

    /// A `use` tree under `prefix`: each name it brings in, with its full path.
    fn use_tree(
        &mut self,
        prefix: Vec<String>,
        names: &mut Vec<(Vec<String>, String)>,
    ) -> Result<(), ParseError> {
        let mut path = prefix;
        loop {
            if self.eat("{") {
                while !self.peek_op("}") {
                    self.use_tree(path.clone(), names)?;
                    if !self.eat(",") {
                        break;
                    }
                }
                self.expect("}")?;
                return Ok(());
            }
            if self.eat("*") {
                names.push((path, "*".to_owned()));
                return Ok(());
            }
            let (segment, _) = self.name()?;
            if segment == "self" {
                let name = path.last().cloned().unwrap_or_default();
                let alias = if self.eat_name("as") {
                    self.name()?.0
                } else {
                    name
                };
                names.push((path, alias));
                return Ok(());
            }
            path.push(segment);
            if !self.eat("::") {
                break;
            }
        }
        let alias = if self.eat_name("as") {
            self.name()?.0
        } else {
            path.last().cloned().unwrap_or_default()
        };
        names.push((path, alias));
        Ok(())
    }

    /// `{ statements tail }`.
    pub(super) fn block(&mut self) -> Result<Block, ParseError> {
        let at = self.expect("{")?;
        let mut stmts = Vec::new();
        let mut tail = None;
        loop {
            if self.peek().kind == Kind::End {
                return Err(self.error(at, "this file contains an unclosed delimiter"));
            }
            if self.eat("}") {
                break;
            }
            if self.eat(";") {
                continue;
            }
            if let Some(last) = tail.take() {
                // A value followed by more statements needed a `;`.
                let _: Box<Expr> = last;
                return Err(self.expected("one of `.`, `;`, `?`, `}`, or an operator"));
            }
            let start = self.peek().start;
            if self.peek_op("#")
                || self.peek_name("use")
                || self.peek_name("fn")
                || (self.peek_name("async")
                    && matches!(&self.peek_at(1).kind, Kind::Name(n) if n == "fn"))
            {
                stmts.push(Stmt {
                    kind: StmtKind::Item(self.item()?),
                    start,
                });
                continue;
            }
            if self.eat_name("let") {
                let pat = self.pattern()?;
                if self.eat(":") {
                    self.skip_type()?;
                }
                let value = if self.eat("=") {
                    Some(self.expr()?)
                } else {
                    None
                };
                if !self.eat(";") {
                    return Err(self.expected("one of `.`, `;`, `?`, `else`, or an operator"));
                }
                stmts.push(Stmt {
                    kind: StmtKind::Let(pat, value),
                    start,
                });
                continue;
            }
            let expr = self.expr()?;
            if self.eat(";") {
                stmts.push(Stmt {
                    kind: StmtKind::Expr(expr),
                    start,
                });
            } else if self.peek_op("}") {
                tail = Some(Box::new(expr));
            } else if ends_in_block(&expr) {
                stmts.push(Stmt {
                    kind: StmtKind::Expr(expr),
                    start,
                });
            } else {
                return Err(self.expected("one of `.`, `;`, `?`, `}`, or an operator"));
            }
        }
        Ok(Block { stmts, tail, at })
    }

    /// What a `let` or a `for` binds: a name, `_`, or a tuple of them.
    pub(super) fn pattern(&mut self) -> Result<Pat, ParseError> {
        if self.eat("(") {
            let mut parts = Vec::new();
            while !self.peek_op(")") {
                parts.push(self.pattern()?);
                if !self.eat(",") {
                    break;
                }
            }
            self.expect(")")?;
            return Ok(Pat::Tuple(parts));
        }
        self.eat_name("mut");
        let (name, _) = self.name()?;
        Ok(if name == "_" {
            Pat::Wild
        } else {
            Pat::Name(name)
        })
    }
}

/// Whether an expression statement may go without its `;`: one that ends in a block.
fn ends_in_block(expr: &Expr) -> bool {
    matches!(
        expr.kind,
        ExprKind::For(..) | ExprKind::Block(_) | ExprKind::Async(_)
    )
}
