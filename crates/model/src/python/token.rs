//! The tokens of a Python program: what `lex` produces and `parse` reads.
//!
//! This file owns the tokens' shapes and where each one is; it decides nothing about how they are
//! found (that is `lex`) or what they mean (that is `parse`).

/// A place in the program's text: a line and a column, both from 1, the column in characters (a tab
/// is one), so that an editor can put its cursor there.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// The line, from 1.
    pub line: u32,
    /// The column, from 1, in characters.
    pub column: u32,
}

impl Pos {
    /// The place at `line`, `column`.
    pub fn new(line: u32, column: u32) -> Pos {
        Pos { line, column }
    }
}

/// What a token is.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// A name or a keyword, as written (`async`, `print`, `asyncio`).
    Name(String),
    /// A whole number, written in decimal, hexadecimal, octal or binary.
    Int(i64),
    /// A number with a fraction or an exponent.
    Float(f64),
    /// A string literal, or several written side by side (which Python joins into one).
    Str(Literal),
    /// An operator or a delimiter, such as `(`, `**=` or `->`.
    Op(&'static str),
    /// The end of a logical line.
    Newline,
    /// The next line is indented further than the one before: a block begins.
    Indent,
    /// The next line is indented less: a block ends (one per block that ends).
    Dedent,
    /// The end of the text.
    End,
}

/// A token and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// What the token is.
    pub kind: Kind,
    /// Where its first character is.
    pub start: Pos,
    /// Where the character just after its last one is.
    pub end: Pos,
}

/// A string literal: plain text, or an f-string's pieces.
#[derive(Clone, Debug, PartialEq)]
pub struct Literal {
    /// The literal's pieces, in order; a plain string has one `Text` piece (or none when empty).
    pub pieces: Vec<Piece>,
}

impl Literal {
    /// The text of a literal that has no replacement fields, or `None` for an f-string with fields.
    pub fn plain(&self) -> Option<String> {
        let mut text = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => text.push_str(t),
                Piece::Field(_) => return None,
            }
        }
        Some(text)
    }
}

/// A piece of a string literal.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    /// Text as it prints, escapes resolved (`{{` already one brace).
    Text(String),
    /// An f-string's replacement field, `{expression!r:spec}`.
    Field(Field),
}

/// An f-string's replacement field.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The expression's tokens, placed in the program's text, ending with `End`.
    pub tokens: Vec<Token>,
    /// The expression's text as written, for `{x=}`, which prints it before the value.
    pub source: String,
    /// Whether the field ends with `=` (`{x=}`: the expression's text, `=`, then its value's repr).
    pub debug: bool,
    /// The conversion after `!`: `r`, `s` or `a`.
    pub conversion: Option<char>,
    /// The format spec after `:`, which may hold fields of its own (`{x:{width}}`).
    pub spec: Vec<Piece>,
    /// Where the field's `{` is.
    pub start: Pos,
}
