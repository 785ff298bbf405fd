//! The syntax tree of a Python program in the page's subset: what `parse` builds from the tokens.
//!
//! This file owns the tree's shapes. It is Python's own grammar cut to what the page reads (no
//! classes, no `while`, no `try`, one `for` clause per comprehension), with a place on every
//! statement and expression so that whatever is said about them later — an error, the running
//! line — points at the learner's own text. It decides nothing about what a program does.

use super::token::Pos;

/// A whole program: its statements in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    /// The top-level statements.
    pub body: Vec<Stmt>,
}

/// A statement and the lines it spans.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    /// What the statement is.
    pub kind: StmtKind,
    /// Where its first token is.
    pub start: Pos,
    /// The last line of its header (a `def`'s or `for`'s line, up to its `:`), or of the whole
    /// statement when it has no block.
    pub last_line: u32,
}

/// What a statement is.
#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// `import a.b as c, d`: each module's dotted name and the name it is bound to, if not its own.
    Import(Vec<(String, Option<String>)>),
    /// `from a.b import c as d, e`: the module and each name with the name it is bound to.
    From {
        /// The module's dotted name.
        module: String,
        /// The names imported, each with its `as` name.
        names: Vec<(String, Option<String>)>,
    },
    /// A function definition, `def` or `async def`.
    Def(Def),
    /// `return` with its value, if any.
    Return(Option<Expr>),
    /// `if`, with `elif` as an `If` alone in `orelse`.
    If {
        /// The condition.
        test: Expr,
        /// The block run when it holds.
        body: Vec<Stmt>,
        /// The `else` (or `elif`) block, empty when there is none.
        orelse: Vec<Stmt>,
    },
    /// `for target in iter:`.
    For {
        /// What each item is bound to.
        target: Target,
        /// What is iterated.
        iter: Expr,
        /// The loop's block.
        body: Vec<Stmt>,
    },
    /// `while test:`, which the page reads only as the busy loop of a `work` function (the
    /// reader says so anywhere else).
    While {
        /// The condition.
        test: Expr,
        /// The loop's block.
        body: Vec<Stmt>,
    },
    /// `with` or `async with`, each item with the name it is bound to.
    With {
        /// Whether it is `async with`.
        is_async: bool,
        /// The context managers, each with its `as` target.
        items: Vec<(Expr, Option<Target>)>,
        /// The block.
        body: Vec<Stmt>,
    },
    /// `a = b = value`.
    Assign {
        /// The targets, left to right.
        targets: Vec<Target>,
        /// The value.
        value: Expr,
    },
    /// `a += value` and the other augmented assignments.
    AugAssign {
        /// The target.
        target: Target,
        /// The operator (`+` for `+=`).
        op: BinOp,
        /// The value.
        value: Expr,
    },
    /// An expression evaluated for what it does, such as a call.
    Expr(Expr),
    /// `pass`.
    Pass,
}

/// A function definition.
#[derive(Clone, Debug, PartialEq)]
pub struct Def {
    /// The function's name.
    pub name: String,
    /// Whether it is `async def`.
    pub is_async: bool,
    /// Its parameters, in order.
    pub params: Vec<Param>,
    /// Its body; a docstring is left out, for it does nothing.
    pub body: Vec<Stmt>,
}

/// A parameter of a function.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// Its name.
    pub name: String,
    /// Its default value, if it has one.
    pub default: Option<Expr>,
    /// Where it is written.
    pub pos: Pos,
}

/// What an assignment or a `for` binds.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A name.
    Name(String, Pos),
    /// Several, unpacked: `a, b = …`.
    Tuple(Vec<Target>, Pos),
}

impl Target {
    /// Where the target is written.
    pub fn pos(&self) -> Pos {
        match self {
            Target::Name(_, pos) | Target::Tuple(_, pos) => *pos,
        }
    }
}

/// An expression and where it begins.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What the expression is.
    pub kind: ExprKind,
    /// Where its first token is.
    pub start: Pos,
}

/// What an expression is.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A name.
    Name(String),
    /// A whole number.
    Int(i64),
    /// A float.
    Float(f64),
    /// A string; an f-string's fields are expressions of their own.
    Str(Vec<StrPiece>),
    /// `True` or `False`.
    Bool(bool),
    /// `None`.
    None,
    /// `[a, b]`.
    List(Vec<Expr>),
    /// `(a, b)` or `a, b`.
    Tuple(Vec<Expr>),
    /// `value.name`.
    Attribute(Box<Expr>, String),
    /// A call with its arguments.
    Call(Box<Expr>, Vec<Arg>),
    /// `value[index]`.
    Subscript(Box<Expr>, Box<Expr>),
    /// `await value`.
    Await(Box<Expr>),
    /// `-value`, `+value`.
    Unary(UnaryOp, Box<Expr>),
    /// `not value`.
    Not(Box<Expr>),
    /// `left op right`.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `a < b <= c`: the first operand, then each comparison.
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    /// `a and b and c` (`true` for `and`), `a or b`.
    BoolOp(bool, Vec<Expr>),
    /// `body if test else orelse`.
    IfElse {
        /// The condition.
        test: Box<Expr>,
        /// The value when it holds.
        body: Box<Expr>,
        /// The value otherwise.
        orelse: Box<Expr>,
    },
    /// `[element for target in iter if condition]`, or the same in parentheses (a generator).
    Comprehension {
        /// `true` for a list, `false` for a generator expression.
        list: bool,
        /// What each item gives.
        element: Box<Expr>,
        /// What each item is bound to.
        target: Target,
        /// What is iterated.
        iter: Box<Expr>,
        /// The `if` clauses.
        conditions: Vec<Expr>,
    },
    /// `*value` in a list, a tuple or a call's arguments.
    Starred(Box<Expr>),
}

/// A piece of a string: text, or an f-string's field.
#[derive(Clone, Debug, PartialEq)]
pub enum StrPiece {
    /// Text as it prints.
    Text(String),
    /// `{value!conversion:spec}`.
    Field {
        /// The value.
        value: Box<Expr>,
        /// For `{x=}`: the expression's text and `=`, printed before the value.
        debug: Option<String>,
        /// `r`, `s` or `a`.
        conversion: Option<char>,
        /// The format spec, which may hold fields itself.
        spec: Vec<StrPiece>,
    },
}

/// An argument of a call.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// A positional argument; `*value` is a `Starred` expression.
    Positional(Expr),
    /// `name=value`.
    Keyword(String, Expr),
}

/// A unary arithmetic operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-`.
    Neg,
    /// `+`.
    Plus,
}

/// A binary arithmetic operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`.
    Add,
    /// `-`.
    Sub,
    /// `*`.
    Mul,
    /// `/`.
    Div,
    /// `//`.
    FloorDiv,
    /// `%`.
    Mod,
    /// `**`.
    Pow,
}

impl BinOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
        }
    }
}

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`.
    Eq,
    /// `!=`.
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
}

impl CmpOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

impl Expr {
    /// Whether `f` holds for this expression or for one inside it (an f-string's fields included).
    pub fn any(&self, f: &mut dyn FnMut(&Expr) -> bool) -> bool {
        if f(self) {
            return true;
        }
        match &self.kind {
            ExprKind::Attribute(v, _)
            | ExprKind::Await(v)
            | ExprKind::Unary(_, v)
            | ExprKind::Not(v)
            | ExprKind::Starred(v) => v.any(f),
            ExprKind::Call(function, args) => {
                function.any(f)
                    || args.iter().any(|a| match a {
                        Arg::Positional(v) | Arg::Keyword(_, v) => v.any(f),
                    })
            }
            ExprKind::Subscript(a, b) | ExprKind::Binary(_, a, b) => a.any(f) || b.any(f),
            ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::BoolOp(_, items) => {
                items.iter().any(|v| v.any(f))
            }
            ExprKind::Compare(first, rest) => first.any(f) || rest.iter().any(|(_, v)| v.any(f)),
            ExprKind::IfElse { test, body, orelse } => test.any(f) || body.any(f) || orelse.any(f),
            ExprKind::Comprehension {
                element,
                iter,
                conditions,
                ..
            } => element.any(f) || iter.any(f) || conditions.iter().any(|v| v.any(f)),
            ExprKind::Str(pieces) => pieces.iter().any(|p| match p {
                StrPiece::Field { value, spec, .. } => {
                    value.any(f)
                        || spec.iter().any(|s| match s {
                            StrPiece::Field { value, .. } => value.any(f),
                            StrPiece::Text(_) => false,
                        })
                }
                StrPiece::Text(_) => false,
            }),
            ExprKind::Name(_)
            | ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Bool(_)
            | ExprKind::None => false,
        }
    }
}

impl Stmt {
    /// Whether `stmt` holds for this statement or one in its blocks, or `expr` for one of their
    /// expressions. A nested `def`'s body is not looked into: it runs only when called.
    pub fn any(
        &self,
        stmt: &mut dyn FnMut(&Stmt) -> bool,
        expr: &mut dyn FnMut(&Expr) -> bool,
    ) -> bool {
        if stmt(self) {
            return true;
        }
        let block = |body: &[Stmt],
                     stmt: &mut dyn FnMut(&Stmt) -> bool,
                     expr: &mut dyn FnMut(&Expr) -> bool| {
            body.iter().any(|s| s.any(stmt, expr))
        };
        match &self.kind {
            StmtKind::Expr(e) | StmtKind::Return(Some(e)) => e.any(expr),
            StmtKind::Assign { value, .. } | StmtKind::AugAssign { value, .. } => value.any(expr),
            StmtKind::If { test, body, orelse } => {
                test.any(expr) || block(body, stmt, expr) || block(orelse, stmt, expr)
            }
            StmtKind::For {
                iter: test, body, ..
            }
            | StmtKind::While { test, body } => test.any(expr) || block(body, stmt, expr),
            StmtKind::With { items, body, .. } => {
                items.iter().any(|(e, _)| e.any(expr)) || block(body, stmt, expr)
            }
            StmtKind::Import(_)
            | StmtKind::From { .. }
            | StmtKind::Def(_)
            | StmtKind::Return(None)
            | StmtKind::Pass => false,
        }
    }
}
