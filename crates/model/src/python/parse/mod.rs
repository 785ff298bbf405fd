//! Reading the tokens of a Python program into its syntax tree, for the subset the page runs.
//!
//! This module owns the grammar: `stmt` reads statements and blocks, `expr` expressions by
//! Python's precedence. What is Python but not in the subset (`while`, `class`, `try`, `lambda`, a
//! dict …) is an error that names the construct and says what to write instead; what is not Python
//! at all gets CPython's own words (`invalid syntax`, `'await' outside async function`) with the
//! place. Like CPython, it stops at the first error: a syntax error leaves nothing to run. It
//! decides nothing about what a program does; that is for the reader's later stages.

mod expr;
mod stmt;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use super::ast::Module;
use super::lex::lex;
use super::token::{Kind, Pos, Token};
use crate::text::ParseError;

/// The syntax tree of `source`, or the first thing in it that the page cannot read.
pub fn parse(source: &str) -> Result<Module, ParseError> {
    let tokens = lex(source)?;
    let mut parser = Parser::new(tokens);
    parser.module()
}

/// How deeply expressions may nest. Each level is a dozen calls of the recursive descent, and the
/// page's WebAssembly stack is 1 MiB: 64 levels are far more than a program about cooks needs and
/// far less than that stack holds (the tests read 64 levels on a test thread's 2 MiB unoptimised).
const MAX_DEPTH: usize = 64;

/// What kind of function the parser is inside, which decides where `await` is allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    /// The module's top level, where `await` makes a notebook cell (top-level await).
    Module,
    /// An `async def`.
    Async,
    /// A plain `def`: `await` is a syntax error.
    Plain,
}

/// The tokens and how far the parser has read them.
struct Parser {
    tokens: Vec<Token>,
    at: usize,
    scope: Vec<Scope>,
    /// How many expressions are being read inside one another: `- - - x` and `not not x` nest
    /// without brackets, so the lexer's limit on brackets does not bound them.
    depth: usize,
}

impl Parser {
    fn new(tokens: Vec<Token>) -> Self {
        Parser {
            tokens,
            at: 0,
            scope: vec![Scope::Module],
            depth: 0,
        }
    }

    /// Parses an f-string field's own tokens with the same rules (and scope) as the text around it.
    fn nested(&self, tokens: Vec<Token>) -> Parser {
        Parser {
            tokens,
            at: 0,
            scope: self.scope.clone(),
            depth: self.depth,
        }
    }

    fn peek(&self) -> &Token {
        let last = self.tokens.len().saturating_sub(1);
        &self.tokens[self.at.min(last)]
    }

    fn peek_at(&self, ahead: usize) -> &Kind {
        let last = self.tokens.len().saturating_sub(1);
        &self.tokens[(self.at + ahead).min(last)].kind
    }

    /// The next token's kind, taken out of the list when it is a name, a number or a string:
    /// those the parser consumes as they are, which cloning copied (a string's pieces and all).
    /// What is taken is consumed next (`bump`), and the parser never looks back.
    fn take(&mut self) -> Kind {
        let at = self.at.min(self.tokens.len().saturating_sub(1));
        match self.tokens.get_mut(at) {
            Some(token) if matches!(token.kind, Kind::Name(_) | Kind::Str(_)) => {
                std::mem::replace(&mut token.kind, Kind::Newline)
            }
            Some(token) => token.kind.clone(),
            None => Kind::End,
        }
    }

    fn pos(&self) -> Pos {
        self.peek().start
    }

    /// Moves past the next token (never past the end).
    fn bump(&mut self) {
        if self.at + 1 < self.tokens.len() {
            self.at += 1;
        }
    }

    /// Whether the next token is the operator `op`.
    fn is_op(&self, op: &str) -> bool {
        matches!(&self.peek().kind, Kind::Op(o) if same(o, op))
    }

    /// Whether the next token is the name (or keyword) `name`.
    fn is_name(&self, name: &str) -> bool {
        matches!(&self.peek().kind, Kind::Name(n) if same(n, name))
    }

    /// Consumes the operator `op` if it is next.
    fn eat_op(&mut self, op: &str) -> bool {
        let found = self.is_op(op);
        if found {
            self.bump();
        }
        found
    }

    /// Consumes the keyword `name` if it is next.
    fn eat_name(&mut self, name: &str) -> bool {
        let found = self.is_name(name);
        if found {
            self.bump();
        }
        found
    }

    /// Consumes the operator `op`, or fails saying what was expected instead of what was found.
    fn expect_op(&mut self, op: &str, context: &str) -> Result<(), ParseError> {
        if self.eat_op(op) {
            Ok(())
        } else {
            Err(self.expected(&format!("`{op}` {context}")))
        }
    }

    /// An error at the next token: `expected WHAT, found TOKEN`.
    fn expected(&self, what: &str) -> ParseError {
        let token = self.peek();
        error(
            token.start,
            format!(
                "invalid syntax: expected {what}, found {}",
                describe(&token.kind)
            ),
        )
    }

    /// Counts one more expression inside the ones being read, or fails when they nest too deeply.
    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(error(self.pos(), "too many nested expressions"));
        }
        Ok(())
    }

    fn scope(&self) -> Scope {
        self.scope.last().copied().unwrap_or(Scope::Module)
    }
}

/// A token in words, for a message.
fn describe(kind: &Kind) -> String {
    match kind {
        Kind::Name(name) => format!("`{name}`"),
        Kind::Int(n) => format!("the number `{n}`"),
        Kind::Float(_) => "a number".to_owned(),
        Kind::Str(_) => "a string".to_owned(),
        Kind::Op(op) => format!("`{op}`"),
        Kind::Newline => "the end of the line".to_owned(),
        Kind::Indent => "an indented line (unexpected indent)".to_owned(),
        Kind::Dedent => "the end of the block".to_owned(),
        Kind::End => "the end of the program".to_owned(),
    }
}

fn error(at: Pos, message: impl Into<String>) -> ParseError {
    ParseError::new(at.line as usize, at.column as usize, message)
}

/// Whether two short texts (an operator, a keyword) are the same, compared in place: each level of
/// an expression asks for several at every token, and the library's comparison of strings is a
/// call too many for one to three bytes (a twentieth of reading 256 KiB).
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}
