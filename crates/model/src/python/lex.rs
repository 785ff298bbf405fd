//! Splitting a Python program into tokens, as CPython's tokenizer does for the subset the page reads.
//!
//! This file owns the lexical rules: logical lines (joined inside brackets and after a backslash),
//! indentation turned into `Indent` and `Dedent` (a tab moves to the next multiple of eight, as in
//! CPython), comments, names, numbers, and string literals with their prefixes, escapes, triple
//! quotes and f-strings, whose replacement fields are lexed here too, placed where they are written.
//! It knows no keyword: `parse` gives names their meaning. Errors use CPython's words where CPython
//! has some (`unterminated string literal`, `unindent does not match any outer indentation level`),
//! so that a learner who searches for them finds the same explanations.

use super::token::{Field, Kind, Literal, Piece, Pos, Token};
use crate::text::{ParseError, scientific};

/// The operators and delimiters, longest first so that the first match is the longest: what
/// `operator` finds, written as the list the tests hold it to.
#[cfg(test)]
const OPS: [&str; 47] = [
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "==", "!=", "<=", ">=", "**", "//", "<<", ">>",
    "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "(", ")", "[", "]", "{", "}", ",", ":",
    ";", ".", "@", "=", "+", "-", "*", "/", "%", "<", ">", "~", "&", "|", "^",
];

/// The longest operator or delimiter that `next`, the next three characters, begin with, found by
/// its first character (the tests hold it to the list of them, `OPS`). (A program has tens of thousands of them: trying each
/// of `OPS` in turn was a fifth of lexing 256 KiB, 1.5 of 7.4 ms natively.)
fn operator(next: [Option<char>; 3]) -> Option<&'static str> {
    let [Some(a), b, c] = next else {
        return None;
    };
    let then = |x: char| b == Some(x);
    let then_two = |x: char, y: char| b == Some(x) && c == Some(y);
    Some(match a {
        '*' if then_two('*', '=') => "**=",
        '*' if then('*') => "**",
        '*' if then('=') => "*=",
        '/' if then_two('/', '=') => "//=",
        '/' if then('/') => "//",
        '/' if then('=') => "/=",
        '>' if then_two('>', '=') => ">>=",
        '>' if then('>') => ">>",
        '>' if then('=') => ">=",
        '<' if then_two('<', '=') => "<<=",
        '<' if then('<') => "<<",
        '<' if then('=') => "<=",
        '.' if then_two('.', '.') => "...",
        '-' if then('>') => "->",
        ':' if then('=') => ":=",
        '=' if then('=') => "==",
        '!' if then('=') => "!=",
        '+' | '-' | '%' | '&' | '|' | '^' | '@' if then('=') => match a {
            '+' => "+=",
            '-' => "-=",
            '%' => "%=",
            '&' => "&=",
            '|' => "|=",
            '^' => "^=",
            _ => "@=",
        },
        _ => {
            let at = SINGLE.find(a)?;
            &SINGLE[at..at + 1]
        }
    })
}

/// The operators and delimiters of one character.
const SINGLE: &str = "()[]{},:;.@=+-*/%<>~&|^";

/// How deeply brackets may nest (CPython's tokenizer allows 200), and blocks half as deeply (CPython
/// allows 100): the parser reads nested things by recursion, and a program of 256 KiB of `(` must
/// get an error rather than run the page out of stack.
pub const MAX_NESTING: usize = 200;

/// The tokens of `source`, ending with `End`, or the first thing in it that is not Python.
pub fn lex(source: &str) -> Result<Vec<Token>, ParseError> {
    let chars: Vec<char> = source.chars().collect();
    let mut lexer = Lexer::new(&chars, 0, chars.len(), Pos::new(1, 1));
    lexer.module()?;
    Ok(lexer.tokens)
}

/// Where the lexer is, in a slice of the program's characters.
struct Lexer<'a> {
    chars: &'a [char],
    /// The next character's index.
    i: usize,
    /// The index the lexer stops at: the text's end, or an f-string field's.
    end: usize,
    /// The next character's place.
    pos: Pos,
    tokens: Vec<Token>,
    /// The brackets open at this point, each with where it was opened: inside them, line ends
    /// are spaces.
    open: Vec<(char, Pos)>,
}

impl<'a> Lexer<'a> {
    fn new(chars: &'a [char], i: usize, end: usize, pos: Pos) -> Self {
        Lexer {
            chars,
            i,
            end,
            pos,
            tokens: Vec::new(),
            open: Vec::new(),
        }
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        let at = self.i + ahead;
        (at < self.end).then(|| self.chars[at])
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.i += 1;
        if c == '\n' || (c == '\r' && self.peek(0) != Some('\n')) {
            self.pos = Pos::new(self.pos.line + 1, 1);
        } else {
            self.pos.column += 1;
        }
        Some(c)
    }

    fn push(&mut self, kind: Kind, start: Pos) {
        self.tokens.push(Token {
            kind,
            start,
            end: self.pos,
        });
    }

    /// A whole program: logical lines with their indentation, then the blocks still open closed.
    fn module(&mut self) -> Result<(), ParseError> {
        let mut indents: Vec<u32> = vec![0];
        while self.peek(0).is_some() {
            let width = self.indentation();
            if matches!(self.peek(0), None | Some('#' | '\n' | '\r' | '\x0c')) {
                // A blank line or a comment alone on its line: no tokens, whatever its indentation.
                self.skip_comment();
                self.line_end();
                continue;
            }
            let here = self.pos;
            let top = indents.last().copied().unwrap_or(0);
            if width > top {
                if indents.len() > MAX_NESTING / 2 {
                    return Err(error(here, "too many levels of indentation"));
                }
                indents.push(width);
                self.push(Kind::Indent, here);
            }
            while width < indents.last().copied().unwrap_or(0) {
                indents.pop();
                self.push(Kind::Dedent, here);
            }
            if width != indents.last().copied().unwrap_or(0) {
                return Err(error(
                    here,
                    "unindent does not match any outer indentation level: this line's indentation \
                     is neither its block's nor the block's around it",
                ));
            }
            self.logical_line()?;
        }
        let here = self.pos;
        if !matches!(
            self.tokens.last().map(|t| &t.kind),
            None | Some(Kind::Newline)
        ) {
            self.push(Kind::Newline, here);
        }
        for _ in 1..indents.len() {
            self.push(Kind::Dedent, here);
        }
        self.push(Kind::End, here);
        Ok(())
    }

    /// Skips the spaces and tabs that begin a line and returns their width.
    fn indentation(&mut self) -> u32 {
        let mut width = 0;
        while let Some(c) = self.peek(0) {
            match c {
                ' ' => width += 1,
                '\t' => width = (width / 8 + 1) * 8,
                _ => break,
            }
            self.bump();
        }
        width
    }

    fn skip_comment(&mut self) {
        if self.peek(0) == Some('#') {
            while !matches!(self.peek(0), None | Some('\n' | '\r')) {
                self.bump();
            }
        }
    }

    /// Consumes a line end (`\n`, `\r\n` or `\r`) if there is one.
    fn line_end(&mut self) {
        match self.peek(0) {
            Some('\r') => {
                self.bump();
                if self.peek(0) == Some('\n') {
                    self.bump();
                }
            }
            Some('\n' | '\x0c') => {
                self.bump();
            }
            _ => {}
        }
    }

    /// The tokens of one logical line, up to and including its `Newline`.
    fn logical_line(&mut self) -> Result<(), ParseError> {
        loop {
            self.skip_spaces();
            let start = self.pos;
            let Some(c) = self.peek(0) else {
                return match self.open.last() {
                    Some(&(bracket, at)) => Err(never_closed(bracket, at)),
                    None => Ok(()),
                };
            };
            match c {
                '#' => self.skip_comment(),
                '\n' | '\r' => {
                    self.line_end();
                    if self.open.is_empty() {
                        self.push(Kind::Newline, start);
                        return Ok(());
                    }
                }
                '\\' => {
                    self.bump();
                    if !matches!(self.peek(0), Some('\n' | '\r')) {
                        return Err(error(
                            start,
                            "unexpected character after line continuation character: a `\\` \
                             outside a string must end its line",
                        ));
                    }
                    self.line_end();
                }
                _ => self.token(c, start)?,
            }
        }
    }

    /// A name, number, string or operator, from its first character `c` at `start`.
    fn token(&mut self, c: char, start: Pos) -> Result<(), ParseError> {
        match c {
            c if c.is_alphabetic() || c == '_' => self.name_or_string(),
            c if c.is_ascii_digit()
                || (c == '.' && self.peek(1).is_some_and(|d| d.is_ascii_digit())) =>
            {
                self.number()
            }
            '"' | '\'' => self.string(start, Prefix::default()),
            _ => self.op(start),
        }
    }

    fn skip_spaces(&mut self) {
        while matches!(self.peek(0), Some(' ' | '\t' | '\x0c')) {
            self.bump();
        }
    }

    /// A name, or a string whose prefix (`f`, `r`, `rb` …) looked like the start of one.
    fn name_or_string(&mut self) -> Result<(), ParseError> {
        let start = self.pos;
        let from = self.i;
        while self
            .peek(0)
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            self.bump();
        }
        let name: String = self.chars[from..self.i].iter().collect();
        if matches!(self.peek(0), Some('"' | '\''))
            && let Some(prefix) = Prefix::read(&name)
        {
            return self.string(start, prefix);
        }
        self.push(Kind::Name(name), start);
        Ok(())
    }

    fn number(&mut self) -> Result<(), ParseError> {
        let start = self.pos;
        let from = self.i;
        while self
            .peek(0)
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
            || (matches!(self.peek(0), Some('+' | '-'))
                && matches!(self.chars[self.i - 1], 'e' | 'E')
                && !self.chars[from..self.i]
                    .iter()
                    .any(|c| matches!(c, 'x' | 'X' | 'b' | 'B')))
        {
            self.bump();
        }
        let raw: String = self.chars[from..self.i].iter().collect();
        let kind = number(&raw).ok_or_else(|| {
            let what = if raw.ends_with(['j', 'J']) {
                "complex numbers are not in the page's Python"
            } else {
                "this is not a number Python reads"
            };
            error(start, format!("invalid number `{raw}`: {what}"))
        })?;
        self.push(kind, start);
        Ok(())
    }

    fn op(&mut self, start: Pos) -> Result<(), ParseError> {
        let Some(op) = operator([self.peek(0), self.peek(1), self.peek(2)]) else {
            let c = self.peek(0).unwrap_or(' ');
            let what = match c {
                '$' | '?' | '`' => format!("`{c}` is not Python"),
                '!' => "`!` alone is not Python: `not x` negates, `!=` compares".to_owned(),
                c if c.is_control() => format!("the control character U+{:04X}", u32::from(c)),
                c => format!("`{c}` is not Python outside a string"),
            };
            return Err(error(start, format!("invalid character: {what}")));
        };
        for _ in 0..op.len() {
            self.bump();
        }
        match op {
            "(" | "[" | "{" if self.open.len() >= MAX_NESTING => {
                return Err(error(start, "too many nested parentheses"));
            }
            "(" | "[" | "{" => self.open.push((op.chars().next().unwrap_or('('), start)),
            ")" | "]" | "}" => {
                let closing = op.chars().next().unwrap_or(')');
                match self.open.pop() {
                    Some((opening, _)) if matches(opening) == closing => {}
                    Some((opening, at)) => {
                        return Err(error(
                            start,
                            format!(
                                "closing parenthesis `{closing}` does not match opening \
                                 parenthesis `{opening}` at line {}, column {}",
                                at.line, at.column
                            ),
                        ));
                    }
                    None => return Err(error(start, format!("unmatched `{closing}`"))),
                }
            }
            _ => {}
        }
        self.push(Kind::Op(op), start);
        Ok(())
    }

    /// A string literal from its opening quote; `start` is where its prefix began. Literals side by
    /// side are joined into one token, as Python joins them.
    fn string(&mut self, start: Pos, prefix: Prefix) -> Result<(), ParseError> {
        if prefix.bytes {
            return Err(error(
                start,
                "bytes literals (`b\"…\"`) are not in the page's Python: write a plain string",
            ));
        }
        let mut pieces = self.string_body(start, prefix)?;
        if let Some(Token {
            kind: Kind::Str(previous),
            start: first,
            ..
        }) = self.tokens.last()
        {
            let first = *first;
            let mut joined = previous.pieces.clone();
            joined.append(&mut pieces);
            self.tokens.pop();
            self.push(Kind::Str(Literal { pieces: joined }), first);
        } else {
            self.push(Kind::Str(Literal { pieces }), start);
        }
        Ok(())
    }

    /// The pieces of one literal, from its opening quote to just after its closing one.
    fn string_body(&mut self, start: Pos, prefix: Prefix) -> Result<Vec<Piece>, ParseError> {
        let Some(quote) = self.bump() else {
            return Err(error(start, "a string's quote is missing"));
        };
        let triple = self.peek(0) == Some(quote) && self.peek(1) == Some(quote);
        if triple {
            self.bump();
            self.bump();
        }
        let mut pieces = Vec::new();
        let mut text = String::new();
        loop {
            let here = self.pos;
            let Some(c) = self.peek(0) else {
                return Err(unterminated(start, here, triple));
            };
            if c == quote
                && (!triple || (self.peek(1) == Some(quote) && self.peek(2) == Some(quote)))
            {
                for _ in 0..if triple { 3 } else { 1 } {
                    self.bump();
                }
                break;
            }
            if matches!(c, '\n' | '\r') && !triple {
                return Err(unterminated(start, here, false));
            }
            self.bump();
            match c {
                '\\' if prefix.raw => {
                    // A raw string keeps its backslashes, but one still stops a quote ending it.
                    text.push('\\');
                    if let Some(next) = self.peek(0)
                        && (next == quote || next == '\\')
                    {
                        text.push(next);
                        self.bump();
                    }
                }
                '\\' => self.escape(here, &mut text)?,
                '{' if prefix.format && self.peek(0) == Some('{') => {
                    self.bump();
                    text.push('{');
                }
                '}' if prefix.format && self.peek(0) == Some('}') => {
                    self.bump();
                    text.push('}');
                }
                '{' if prefix.format => {
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(Piece::Field(self.field(here, quote, triple)?));
                }
                '}' if prefix.format => {
                    return Err(error(
                        here,
                        "f-string: single `}` is not allowed: write `}}` for a brace",
                    ));
                }
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(pieces)
    }

    /// The escape after a backslash in a string that is not raw, added to `text`.
    fn escape(&mut self, at: Pos, text: &mut String) -> Result<(), ParseError> {
        let Some(c) = self.bump() else {
            return Ok(());
        };
        let simple = match c {
            '\n' => return Ok(()),
            '\r' => {
                if self.peek(0) == Some('\n') {
                    self.bump();
                }
                return Ok(());
            }
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            '\\' => '\\',
            '\'' => '\'',
            '"' => '"',
            'a' => '\x07',
            'b' => '\x08',
            'f' => '\x0c',
            'v' => '\x0b',
            '0'..='7' => {
                let mut code = c.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match self.peek(0).and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            code = code * 8 + d;
                            self.bump();
                        }
                        None => break,
                    }
                }
                char::from_u32(code).unwrap_or('\u{fffd}')
            }
            'x' | 'u' | 'U' => {
                let digits = match c {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut code = 0u32;
                for _ in 0..digits {
                    match self.peek(0).and_then(|d| d.to_digit(16)) {
                        Some(d) => {
                            code = code * 16 + d;
                            self.bump();
                        }
                        None => {
                            return Err(error(
                                at,
                                format!(
                                    "truncated `\\{c}` escape: it takes {digits} hexadecimal digits"
                                ),
                            ));
                        }
                    }
                }
                char::from_u32(code)
                    .ok_or_else(|| error(at, format!("`\\{c}{code:X}` is not a character")))?
            }
            'N' => {
                return Err(error(
                    at,
                    "`\\N{…}` (a character by its name) is not in the page's Python: paste the \
                     character itself",
                ));
            }
            // Python keeps an unknown escape as it is (and warns).
            c => {
                text.push('\\');
                c
            }
        };
        text.push(simple);
        Ok(())
    }

    /// An f-string's replacement field, from just after its `{` to just after its `}`.
    fn field(&mut self, start: Pos, quote: char, triple: bool) -> Result<Field, ParseError> {
        let from = self.i;
        let from_pos = self.pos;
        // Find where the expression ends: a `}`, `!` or `:` outside brackets and strings.
        let mut depth = 0usize;
        let mut until = None;
        let mut k = 0;
        while let Some(c) = self.peek(k) {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth > 0 => depth -= 1,
                '}' => {
                    until = Some(k);
                    break;
                }
                '!' if depth == 0 && self.peek(k + 1) != Some('=') => {
                    until = Some(k);
                    break;
                }
                ':' if depth == 0 => {
                    until = Some(k);
                    break;
                }
                '\'' | '"' if c != quote || triple => {
                    // A string inside the expression: skip to its closing quote.
                    k += 1;
                    while self.peek(k).is_some_and(|d| d != c) {
                        k += 1;
                    }
                }
                '\\' => {
                    return Err(error(
                        start,
                        "f-string expression part cannot include a backslash",
                    ));
                }
                c if c == quote => break,
                '\n' | '\r' if !triple => break,
                _ => {}
            }
            k += 1;
        }
        let Some(length) = until else {
            return Err(error(start, "f-string: expecting `}` to close this field"));
        };
        let mut expression_end = from + length;
        // `{x=}`: the expression's text, `=`, then its value.
        let mut debug = false;
        let mut back = expression_end;
        while back > from && self.chars[back - 1].is_whitespace() {
            back -= 1;
        }
        if back > from
            && self.chars[back - 1] == '='
            && !(back > from + 1 && matches!(self.chars[back - 2], '=' | '!' | '<' | '>'))
        {
            debug = true;
            expression_end = back - 1;
        }
        let source: String = self.chars[from..expression_end].iter().collect();
        if source.trim().is_empty() {
            return Err(error(
                start,
                "f-string: valid expression required before `}`",
            ));
        }
        let mut inner = Lexer::new(self.chars, from, expression_end, from_pos);
        inner.expression()?;
        let tokens = inner.tokens;
        // Move past the expression (and `=`), keeping the place right.
        while self.i < from + length {
            self.bump();
        }
        let mut conversion = None;
        if self.peek(0) == Some('!') {
            self.bump();
            let at = self.pos;
            match self.bump() {
                Some(c @ ('r' | 's' | 'a')) => conversion = Some(c),
                _ => {
                    return Err(error(
                        at,
                        "f-string: invalid conversion character: expected `s`, `r` or `a`",
                    ));
                }
            }
        }
        let mut spec = Vec::new();
        if self.peek(0) == Some(':') {
            self.bump();
            let mut text = String::new();
            loop {
                let here = self.pos;
                match self.peek(0) {
                    None => return Err(unterminated(start, here, triple)),
                    Some('}') => break,
                    Some('{') if self.open.len() >= 2 => {
                        return Err(error(here, "f-string: expressions nested too deeply"));
                    }
                    Some('{') => {
                        self.bump();
                        if !text.is_empty() {
                            spec.push(Piece::Text(std::mem::take(&mut text)));
                        }
                        // The field's own depth counts, so that specs nest at most twice.
                        self.open.push(('{', here));
                        let field = self.field(here, quote, triple);
                        self.open.pop();
                        spec.push(Piece::Field(field?));
                    }
                    Some(c) if c == quote => {
                        return Err(error(start, "f-string: expecting `}` to close this field"));
                    }
                    Some(c) => {
                        text.push(c);
                        self.bump();
                    }
                }
            }
            if !text.is_empty() {
                spec.push(Piece::Text(text));
            }
        }
        if self.peek(0) != Some('}') {
            return Err(error(start, "f-string: expecting `}` to close this field"));
        }
        self.bump();
        Ok(Field {
            tokens,
            source,
            debug,
            conversion,
            spec,
            start,
        })
    }

    /// The tokens of an f-string field's expression: one logical line where line ends are spaces.
    fn expression(&mut self) -> Result<(), ParseError> {
        self.open.push(('(', self.pos));
        loop {
            self.skip_spaces();
            let start = self.pos;
            let Some(c) = self.peek(0) else { break };
            match c {
                '\n' | '\r' => self.line_end(),
                '#' => return Err(error(start, "f-string expression part cannot include '#'")),
                _ => self.token(c, start)?,
            }
        }
        if let Some(&(bracket, at)) = self.open.get(1..).and_then(|open| open.last()) {
            return Err(never_closed(bracket, at));
        }
        let here = self.pos;
        self.push(Kind::End, here);
        Ok(())
    }
}

/// What a string's prefix says about it.
#[derive(Clone, Copy, Default)]
struct Prefix {
    raw: bool,
    format: bool,
    bytes: bool,
}

impl Prefix {
    /// The prefix `letters` stands for, or `None` when they are a name instead.
    fn read(letters: &str) -> Option<Prefix> {
        if letters.len() > 2 {
            return None;
        }
        let mut prefix = Prefix::default();
        for c in letters.chars() {
            let flag = match c.to_ascii_lowercase() {
                'r' => &mut prefix.raw,
                'f' => &mut prefix.format,
                'b' => &mut prefix.bytes,
                'u' if letters.len() == 1 => continue,
                _ => return None,
            };
            if *flag {
                return None;
            }
            *flag = true;
        }
        (!(prefix.format && prefix.bytes)).then_some(prefix)
    }
}

/// The closing bracket for an opening one.
fn matches(opening: char) -> char {
    match opening {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

/// A number as Python writes it: decimal, `0x`, `0o`, `0b` (with `_` between digits), or a float.
fn number(raw: &str) -> Option<Kind> {
    let clean: String = raw.chars().filter(|&c| c != '_').collect();
    if raw.starts_with('_') || raw.ends_with('_') || raw.contains("__") {
        return None;
    }
    let lower = clean.to_ascii_lowercase();
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(digits) = lower.strip_prefix(prefix) {
            return i64::from_str_radix(digits, radix).ok().map(Kind::Int);
        }
    }
    if lower.bytes().all(|b| b.is_ascii_digit()) {
        return lower.parse().ok().map(Kind::Int);
    }
    scientific(&lower).map(Kind::Float)
}

fn error(at: Pos, message: impl Into<String>) -> ParseError {
    ParseError::new(at.line as usize, at.column as usize, message)
}

fn unterminated(start: Pos, here: Pos, triple: bool) -> ParseError {
    let what = if triple {
        "unterminated triple-quoted string literal"
    } else {
        "unterminated string literal"
    };
    error(
        start,
        format!(
            "{what} (detected at line {}): close it with the quote it began with",
            here.line
        ),
    )
}

fn never_closed(bracket: char, at: Pos) -> ParseError {
    error(at, format!("`{bracket}` was never closed"))
}

#[cfg(test)]
mod operator_tests {
    use super::{OPS, operator};

    /// `operator` finds what trying each of `OPS` in turn, longest first, finds, for every three
    /// characters an operator may begin with (and some it may not).
    #[test]
    fn operator_is_the_longest_of_ops() {
        let chars: Vec<Option<char>> = OPS
            .iter()
            .flat_map(|op| op.chars())
            .chain("a 1$!\"".chars())
            .map(Some)
            .chain([None])
            .collect();
        for &a in &chars {
            for &b in &chars {
                for &c in &chars {
                    let next = [a, b, c];
                    let longest = OPS
                        .iter()
                        .copied()
                        .find(|op| op.chars().map(Some).zip(next).all(|(x, y)| x == y));
                    assert_eq!(operator(next), longest, "{next:?}");
                }
            }
        }
    }
}
