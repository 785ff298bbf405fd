//! The syntax tree of a Rust program in the page's subset: what `parse` builds from the tokens.
//!
//! This file owns the tree's shapes: Rust's grammar cut to the items, statements and expressions
//! the async chapter's and Tokio's first programs are written in, with a place on every one so
//! that whatever is said about them later (an error, the running line) points at the learner's
//! own text. Types are read and left out: the page needs no type to run these programs, so a type
//! is kept only as the text it was written as, where a message may quote it. It decides nothing
//! about what a program does.

use crate::python::token::Pos;

/// A whole program: its items in order.
#[derive(Clone, Debug, PartialEq)]
pub struct File {
    /// The top-level items.
    pub items: Vec<Item>,
}

/// An item and where it is written.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// What the item is.
    pub kind: ItemKind,
    /// Where its first token (its first attribute, if it has one) is.
    pub start: Pos,
}

/// What an item is.
#[derive(Clone, Debug, PartialEq)]
pub enum ItemKind {
    /// `use a::b::{c, d as e};`: each name brought in, as its full path and the name it is bound
    /// to (`*` for a glob).
    Use(Vec<(Vec<String>, String)>),
    /// A function, `fn` or `async fn`.
    Fn(Fn),
}

/// A function item.
#[derive(Clone, Debug, PartialEq)]
pub struct Fn {
    /// Its name.
    pub name: String,
    /// Whether it is `async fn`.
    pub is_async: bool,
    /// Its attributes' paths, such as `tokio::main`.
    pub attrs: Vec<Attr>,
    /// Its parameters' names (`_` for a pattern the page does not bind), in order.
    pub params: Vec<(String, Pos)>,
    /// Its body.
    pub body: Block,
    /// Where `fn` is.
    pub at: Pos,
}

/// An outer attribute, `#[path(…)]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Attr {
    /// Its path, such as `["tokio", "main"]`.
    pub path: Vec<String>,
    /// Whether its arguments ask for the current-thread runtime (`flavor = "current_thread"`).
    pub current_thread: bool,
    /// Whether its arguments are `start` (`#[wasm_bindgen(start)]`: the browser runs the function
    /// when the module loads).
    pub start: bool,
    /// Where its `#` is.
    pub at: Pos,
}

/// A block: statements and the value of its last expression, if it has no `;` after it.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// The statements, in order.
    pub stmts: Vec<Stmt>,
    /// The tail expression, the block's value.
    pub tail: Option<Box<Expr>>,
    /// Where its `{` is.
    pub at: Pos,
}

/// A statement and where it is written.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    /// What it is.
    pub kind: StmtKind,
    /// Where its first token is.
    pub start: Pos,
}

/// What a statement is.
#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// `let pattern = value;`, or a `let` that only declares.
    Let(Pat, Option<Expr>),
    /// An expression followed by `;`, or one that ends in a block (`for`, a block).
    Expr(Expr),
    /// An item written inside a block: a nested `fn` or a `use`.
    Item(Item),
}

/// What a `let` or a `for` binds.
#[derive(Clone, Debug, PartialEq)]
pub enum Pat {
    /// A name (with `mut` or not).
    Name(String),
    /// `_`: nothing is bound.
    Wild,
    /// `(a, b, …)`: each part of a tuple.
    Tuple(Vec<Pat>),
}

/// An expression and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where its first token is.
    pub start: Pos,
}

/// What an expression is.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A whole number literal.
    Int(u128),
    /// A number with a fraction or an exponent.
    Float(f64),
    /// A string literal.
    Str(String),
    /// A character literal.
    Char(char),
    /// `true` or `false`.
    Bool(bool),
    /// A name or a path, such as `x`, `trpl::sleep` or `Duration::from_secs`.
    Path(Vec<String>),
    /// `callee(args…)`.
    Call(Box<Expr>, Vec<Expr>),
    /// `receiver.name(args…)`, such as `start.elapsed()`.
    Method(Box<Expr>, String, Vec<Expr>),
    /// `value.await`, and where its `await` is (where rustc points when it is misplaced).
    Await(Box<Expr>, Pos),
    /// `value?`.
    Try(Box<Expr>),
    /// A macro's call, `path!(…)`: its path and its arguments, each an expression, or
    /// `name = expression` for a named one.
    Macro(Vec<String>, Vec<MacroArg>),
    /// `async { … }` or `async move { … }`.
    Async(Block),
    /// `|params| body`, with `move` or not (a closure that returns an async block is how
    /// `join_all` is sometimes fed).
    Closure(Vec<String>, Box<Expr>),
    /// A block used as an expression.
    Block(Block),
    /// `left op right`, for the arithmetic operators.
    Binary(&'static str, Box<Expr>, Box<Expr>),
    /// `-value` or `!value`.
    Unary(&'static str, Box<Expr>),
    /// `&value` or `&mut value`: the page reads the value.
    Ref(Box<Expr>),
    /// `value as type`: the type's text.
    Cast(Box<Expr>, String),
    /// `start..end` or `start..=end`.
    Range(Box<Expr>, Box<Expr>, bool),
    /// `for pattern in iter { body }`.
    For(Pat, Box<Expr>, Block),
    /// `name = value`, or `name op= value` with the operator (`+` for `+=`).
    Assign(String, Option<&'static str>, Box<Expr>),
    /// `return` with its value, if any.
    Return(Option<Box<Expr>>),
    /// `(a, b, …)`: a tuple (the unit `()` when empty); a value in parentheses is that value.
    Tuple(Vec<Expr>),
    /// `[a, b, …]`.
    Array(Vec<Expr>),
}

/// An argument of a macro's call.
#[derive(Clone, Debug, PartialEq)]
pub struct MacroArg {
    /// Its name, for `name = value`.
    pub name: Option<String>,
    /// Its value.
    pub value: Expr,
}
