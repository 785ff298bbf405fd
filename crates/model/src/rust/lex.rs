//! Splitting a Rust program into tokens, as rustc's lexer does for the subset the page reads.
//!
//! This file owns the lexical rules: whitespace and comments (line comments, doc comments and
//! nested block comments) skipped, names and keywords (raw identifiers `r#name` included),
//! lifetimes, numbers with `_` separators, bases and suffixes (`2u64`, `0.5_f64`, `1e-3`), string
//! literals with their escapes (raw strings `r#"…"#` too), character literals, and the operators
//! and delimiters, longest first. It knows no keyword: the parser gives names their meaning.
//! Errors use rustc's words (`unterminated double quote string`, `unknown character escape`), so
//! that a learner who searches for them finds the same explanations.

use crate::python::token::Pos;
use crate::text::ParseError;

/// What a token is.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// A name or a keyword, as written (`async`, `trpl`, `sleep`); a raw identifier without its
    /// `r#`.
    Name(String),
    /// A lifetime or a label, without its quote (`static` for `'static`).
    Lifetime(String),
    /// A whole number, and its suffix if it has one (`u64` for `2u64`).
    Int(u128, Option<String>),
    /// A number with a fraction or an exponent, and its suffix if it has one.
    Float(f64, Option<String>),
    /// A string literal's value, its escapes read.
    Str(String),
    /// A character literal's value.
    Char(char),
    /// An operator or a delimiter, such as `(`, `::` or `..=`.
    Op(&'static str),
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

/// The operators and delimiters, longest first so that the first match is the longest.
const OPS: [&str; 47] = [
    "<<=", ">>=", "...", "..=", "::", "->", "=>", "==", "!=", "<=", ">=", "&&", "||", "+=", "-=",
    "*=", "/=", "%=", "^=", "&=", "|=", "<<", ">>", "..", "(", ")", "[", "]", "{", "}", ",", ";",
    ":", ".", "#", "!", "?", "@", "$", "=", "<", ">", "+", "-", "*", "/", "%",
];

/// The operators of one character that [`OPS`] leaves out, which Rust also has.
const MORE_OPS: [&str; 4] = ["&", "|", "^", "~"];

/// A character as rustc's messages show it: printable ASCII as it is, anything else as its
/// `\u{…}` escape. (Not `char::escape_debug`, whose table of printable characters the first look
/// would come to hold: the messages need no more than this.)
fn shown(c: char) -> String {
    if c.is_ascii_graphic() || c == ' ' {
        c.to_string()
    } else {
        format!("\\u{{{:x}}}", u32::from(c))
    }
}

/// The tokens of `text`, ending with [`Kind::End`], or the first mistake with its place.
pub fn lex(text: &str) -> Result<Vec<Token>, ParseError> {
    let mut lexer = Lexer {
        chars: text.chars().collect(),
        at: 0,
        pos: Pos::new(1, 1),
    };
    let mut tokens = Vec::new();
    loop {
        lexer.skip_space()?;
        let start = lexer.pos;
        let Some(c) = lexer.peek(0) else {
            tokens.push(Token {
                kind: Kind::End,
                start,
                end: start,
            });
            return Ok(tokens);
        };
        let kind = lexer.token(c, start)?;
        tokens.push(Token {
            kind,
            start,
            end: lexer.pos,
        });
    }
}

struct Lexer {
    chars: Vec<char>,
    at: usize,
    pos: Pos,
}

impl Lexer {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.at += 1;
        if c == '\n' {
            self.pos = Pos::new(self.pos.line + 1, 1);
        } else {
            self.pos.column += 1;
        }
        Some(c)
    }

    fn error(pos: Pos, message: impl Into<String>) -> ParseError {
        ParseError::new(pos.line as usize, pos.column as usize, message)
    }

    /// Skips whitespace and comments, nested block comments whole.
    fn skip_space(&mut self) -> Result<(), ParseError> {
        loop {
            match (self.peek(0), self.peek(1)) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while self.peek(0).is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                }
                (Some('/'), Some('*')) => {
                    let start = self.pos;
                    self.bump();
                    self.bump();
                    let mut depth = 1;
                    while depth > 0 {
                        match (self.bump(), self.peek(0)) {
                            (Some('/'), Some('*')) => {
                                self.bump();
                                depth += 1;
                            }
                            (Some('*'), Some('/')) => {
                                self.bump();
                                depth -= 1;
                            }
                            (Some(_), _) => {}
                            (None, _) => {
                                return Err(Self::error(start, "unterminated block comment"));
                            }
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    /// The token that begins with `c`, at `start`.
    fn token(&mut self, c: char, start: Pos) -> Result<Kind, ParseError> {
        match (c, self.peek(1), self.peek(2)) {
            ('r', Some('#'), Some(n)) if is_name_start(n) => {
                self.bump();
                self.bump();
                Ok(Kind::Name(self.name()))
            }
            ('r', Some('"' | '#'), _) => self.raw_string(start),
            ('b', Some('"'), _) => {
                self.bump();
                self.string(start)
            }
            ('"', _, _) => self.string(start),
            ('\'', _, _) => self.quote(start),
            (c, _, _) if is_name_start(c) => Ok(Kind::Name(self.name())),
            (c, _, _) if c.is_ascii_digit() => self.number(start),
            _ => {
                let next: String = self.chars[self.at..].iter().take(3).collect();
                let op = OPS
                    .iter()
                    .chain(MORE_OPS.iter())
                    .find(|op| next.starts_with(**op));
                match op {
                    Some(op) => {
                        for _ in 0..op.chars().count() {
                            self.bump();
                        }
                        Ok(Kind::Op(op))
                    }
                    None => Err(Self::error(
                        start,
                        format!("unknown start of token: {}", shown(c)),
                    )),
                }
            }
        }
    }

    fn name(&mut self) -> String {
        let mut out = String::new();
        while let Some(c) = self.peek(0).filter(|c| is_name_part(*c)) {
            out.push(c);
            self.bump();
        }
        out
    }

    /// A number: digits with `_` between, in base 2, 8, 10 or 16, a fraction and an exponent in
    /// base 10, and a suffix (`u64`, `f64`) that may follow an `_`.
    fn number(&mut self, start: Pos) -> Result<Kind, ParseError> {
        let radix = match (self.peek(0), self.peek(1)) {
            (Some('0'), Some('x')) => 16,
            (Some('0'), Some('o')) => 8,
            (Some('0'), Some('b')) => 2,
            _ => 10,
        };
        if radix != 10 {
            self.bump();
            self.bump();
        }
        let mut digits = String::new();
        let mut float = false;
        loop {
            match self.peek(0) {
                Some('_') => {
                    self.bump();
                }
                Some(c) if c.is_digit(radix) => {
                    digits.push(c);
                    self.bump();
                }
                // `1.5` is a fraction; `1..5` a range and `1.max(2)` a method, which stay apart.
                Some('.')
                    if radix == 10
                        && !float
                        && self.peek(1).is_some_and(|c| c.is_ascii_digit()) =>
                {
                    float = true;
                    digits.push('.');
                    self.bump();
                }
                Some('e' | 'E')
                    if radix == 10
                        && (self.peek(1).is_some_and(|c| c.is_ascii_digit())
                            || (matches!(self.peek(1), Some('+' | '-'))
                                && self.peek(2).is_some_and(|c| c.is_ascii_digit()))) =>
                {
                    float = true;
                    digits.push('e');
                    self.bump();
                    if let Some(sign @ ('+' | '-')) = self.peek(0) {
                        digits.push(sign);
                        self.bump();
                    }
                }
                _ => break,
            }
        }
        // `1.` is a float too, when no name or another `.` follows.
        if radix == 10
            && !float
            && self.peek(0) == Some('.')
            && !self
                .peek(1)
                .is_some_and(|c| c == '.' || is_name_start(c) || c.is_ascii_digit())
        {
            float = true;
            self.bump();
        }
        let suffix = self
            .peek(0)
            .filter(|c| is_name_start(*c))
            .map(|_| self.name());
        if digits.is_empty() {
            return Err(Self::error(start, "no valid digits found for number"));
        }
        let is_float_suffix = matches!(suffix.as_deref(), Some("f32" | "f64"));
        if float || is_float_suffix {
            if radix != 10 {
                return Err(Self::error(
                    start,
                    "a float literal is written in base 10 only",
                ));
            }
            let value = crate::text::scientific(&digits).ok_or_else(|| {
                Self::error(
                    start,
                    format!("`{digits}` is not a number this reader can read"),
                )
            })?;
            return Ok(Kind::Float(value, suffix));
        }
        let value = u128::from_str_radix(&digits, radix)
            .map_err(|_| Self::error(start, "integer literal is too large"))?;
        match suffix.as_deref() {
            None
            | Some(
                "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64"
                | "i128" | "isize",
            ) => Ok(Kind::Int(value, suffix)),
            Some(other) => Err(Self::error(
                start,
                format!("invalid suffix `{other}` for number literal"),
            )),
        }
    }

    /// A string literal from its opening quote (a `b` before it already taken).
    fn string(&mut self, start: Pos) -> Result<Kind, ParseError> {
        self.bump();
        let mut out = String::new();
        loop {
            let here = self.pos;
            match self.bump() {
                None => return Err(Self::error(start, "unterminated double quote string")),
                Some('"') => return Ok(Kind::Str(out)),
                Some('\\') => {
                    // A backslash at the end of a line skips the newline and the next line's
                    // leading whitespace.
                    if self.peek(0) == Some('\n') {
                        while self.peek(0).is_some_and(char::is_whitespace) {
                            self.bump();
                        }
                        continue;
                    }
                    out.push(self.escape(here)?);
                }
                Some(c) => out.push(c),
            }
        }
    }

    /// The character an escape stands for, its backslash taken (at `at`).
    fn escape(&mut self, at: Pos) -> Result<char, ParseError> {
        let Some(c) = self.bump() else {
            return Err(Self::error(at, "unterminated double quote string"));
        };
        Ok(match c {
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            '0' => '\0',
            '\\' => '\\',
            '\'' => '\'',
            '"' => '"',
            'x' => {
                let hex: String = [self.bump(), self.bump()].iter().flatten().collect();
                u8::from_str_radix(&hex, 16)
                    .ok()
                    .filter(|b| *b < 0x80)
                    .map(char::from)
                    .ok_or_else(|| {
                        Self::error(at, "out of range hex escape: `\\x` takes 00 to 7F")
                    })?
            }
            'u' => {
                if self.bump() != Some('{') {
                    return Err(Self::error(
                        at,
                        "incorrect unicode escape sequence: write `\\u{…}`",
                    ));
                }
                let mut hex = String::new();
                loop {
                    match self.bump() {
                        Some('}') => break,
                        Some('_') => {}
                        Some(d) if d.is_ascii_hexdigit() && hex.len() < 6 => hex.push(d),
                        _ => {
                            return Err(Self::error(at, "invalid unicode character escape"));
                        }
                    }
                }
                u32::from_str_radix(&hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or_else(|| Self::error(at, "invalid unicode character escape"))?
            }
            other => {
                return Err(Self::error(
                    at,
                    format!("unknown character escape: `{}`", shown(other)),
                ));
            }
        })
    }

    /// A raw string, `r"…"` or `r#"…"#` with as many `#` on each side.
    fn raw_string(&mut self, start: Pos) -> Result<Kind, ParseError> {
        self.bump();
        let mut hashes = 0;
        while self.peek(0) == Some('#') {
            hashes += 1;
            self.bump();
        }
        if self.bump() != Some('"') {
            return Err(Self::error(
                start,
                "found invalid character; only `#` is allowed in raw string delimitation",
            ));
        }
        let mut out = String::new();
        loop {
            match self.bump() {
                None => return Err(Self::error(start, "unterminated raw string")),
                Some('"') if (0..hashes).all(|i| self.peek(i) == Some('#')) => {
                    for _ in 0..hashes {
                        self.bump();
                    }
                    return Ok(Kind::Str(out));
                }
                Some(c) => out.push(c),
            }
        }
    }

    /// A character literal (`'a'`, `'\n'`) or a lifetime (`'static`), from its quote.
    fn quote(&mut self, start: Pos) -> Result<Kind, ParseError> {
        self.bump();
        // A name not closed by a quote just after its first character is a lifetime, unless a
        // quote closes it later (`'ab'`: a character literal of two characters).
        if self.peek(0).is_some_and(is_name_start) && self.peek(1) != Some('\'') {
            let name = self.name();
            if self.peek(0) == Some('\'') {
                return Err(Self::error(
                    start,
                    "character literal may only contain one codepoint: write a string in double quotes",
                ));
            }
            return Ok(Kind::Lifetime(name));
        }
        let c = match self.bump() {
            Some('\\') => {
                let here = self.pos;
                self.escape(here)?
            }
            Some('\n') | None => {
                return Err(Self::error(start, "unterminated character literal"));
            }
            Some(c) => c,
        };
        if self.bump() != Some('\'') {
            return Err(Self::error(
                start,
                "character literal may only contain one codepoint: write a string in double quotes",
            ));
        }
        Ok(Kind::Char(c))
    }
}

fn is_name_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_name_part(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
