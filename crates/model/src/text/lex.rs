//! Splitting one line of recipe text into words and quoted strings.
//!
//! This file owns the lexical rules: whitespace separates tokens, `#` outside quotes starts a comment,
//! strings are double-quoted with the escapes `\"` and `\\` only and hold no control characters. It
//! knows nothing of keywords; `parse` gives the tokens their meaning.

use std::iter::Peekable;
use std::str::CharIndices;

use super::error::{ParseError, control};

/// One word or quoted string of a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Token<'a> {
    /// The token as written, quotes and escapes included.
    pub raw: &'a str,
    /// The string's text with escapes resolved; `None` for a word.
    pub string: Option<String>,
    /// The column of the token's first character, from 1.
    pub column: usize,
    /// The column just after the token's last character.
    pub end: usize,
}

impl Token<'_> {
    /// The word, if the token is a word rather than a string.
    pub fn word(&self) -> Option<&str> {
        match self.string {
            None => Some(self.raw),
            Some(_) => None,
        }
    }
}

/// Characters with their byte offsets and columns, so that tokens can be both sliced and placed.
struct Chars<'a> {
    iter: Peekable<CharIndices<'a>>,
    /// The column of the character `next` returns.
    column: usize,
}

impl Chars<'_> {
    fn peek(&mut self) -> Option<(usize, char, usize)> {
        self.iter.peek().map(|&(at, c)| (at, c, self.column))
    }

    fn next(&mut self) -> Option<(usize, char, usize)> {
        let (at, c) = self.iter.next()?;
        self.column += 1;
        Some((at, c, self.column - 1))
    }
}

/// The tokens of line number `line`, or the first lexical error in it.
pub(super) fn lex(line: usize, text: &str) -> Result<Vec<Token<'_>>, ParseError> {
    let mut chars = Chars {
        iter: text.char_indices().peekable(),
        column: 1,
    };
    let mut tokens = Vec::new();
    while let Some((start, c, column)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '#' {
            break;
        } else if c == '"' {
            chars.next();
            let string = string(&mut chars, line, column)?;
            let end_byte = chars.peek().map_or(text.len(), |(at, _, _)| at);
            tokens.push(Token {
                raw: &text[start..end_byte],
                string: Some(string),
                column,
                end: chars.column,
            });
        } else if c.is_control() {
            return Err(ParseError::new(
                line,
                column,
                format!(
                    "expected a word, a string or the end of the line, found {}",
                    control(c)
                ),
            ));
        } else {
            while let Some((_, c, _)) = chars.peek() {
                if c.is_whitespace() || c.is_control() || c == '"' || c == '#' {
                    break;
                }
                chars.next();
            }
            let end_byte = chars.peek().map_or(text.len(), |(at, _, _)| at);
            tokens.push(Token {
                raw: &text[start..end_byte],
                string: None,
                column,
                end: chars.column,
            });
        }
    }
    Ok(tokens)
}

/// The rest of a string whose opening quote, at `open`, has been read: its text with escapes resolved.
fn string(chars: &mut Chars<'_>, line: usize, open: usize) -> Result<String, ParseError> {
    let unclosed = || {
        ParseError::new(
            line,
            open,
            "expected `\"` to close this string, found the end of the line",
        )
    };
    let controlled = |c: char, column: usize| {
        ParseError::new(
            line,
            column,
            format!(
                "expected text or `\"` to close the string, found {} (strings cannot contain control characters)",
                control(c)
            ),
        )
    };
    let mut out = String::new();
    loop {
        match chars.next() {
            None => return Err(unclosed()),
            Some((_, '"', _)) => return Ok(out),
            Some((_, '\\', column)) => match chars.next() {
                None => return Err(unclosed()),
                Some((_, c @ ('"' | '\\'), _)) => out.push(c),
                Some((_, c, at)) if c.is_control() => return Err(controlled(c, at)),
                Some((_, c, _)) => {
                    return Err(ParseError::new(
                        line,
                        column,
                        format!(
                            "expected `\\\"` or `\\\\` after a backslash in a string, found `\\{c}` (write a backslash as `\\\\`)"
                        ),
                    ));
                }
            },
            Some((_, c, column)) if c.is_control() => return Err(controlled(c, column)),
            Some((_, c, _)) => out.push(c),
        }
    }
}
