//! Reading recipe text line by line into a [`Draft`] that still knows where everything was written.
//!
//! This file owns the grammar of each line (headers, `task`/`helper` lines, steps) and the limits that
//! one line or one routine can break. It does not resolve names: calls, duplicates and recursion are
//! `validate`'s, and turning a draft into a recipe is `mod.rs`'s.

use super::cursor::{Cursor, decimal, whole};
use super::draft::{CallSite, Draft, Kind, Pos, Routine};
use super::error::{ParseError, show};
use super::lex::{Token, lex};
use super::limits::{
    MAX_COPIES, MAX_ERRORS, MAX_EXERCISES, MAX_INSTANCES, MAX_ROUTINES, MAX_SCALE_MS, MAX_STEPS,
    MAX_STORY_LINE_CHARS, MAX_STRING_CHARS, MAX_UNITS, scale_in_range,
};
use super::reference;
use crate::format::Short;
use crate::mode::Mode;
use crate::recipe::{Action, Asked, Step, Unit};

/// What reading the lines gave: the draft, the errors in line order, and whether every line was read
/// (reading stops after [`MAX_ERRORS`] errors).
pub(super) struct Read {
    pub draft: Draft,
    pub errors: Vec<ParseError>,
    pub complete: bool,
}

/// Reads every line of `text` (a leading byte-order mark is skipped; `\r\n` line ends are accepted).
pub(super) fn read(text: &str) -> Read {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut parser = Parser::default();
    let mut end = Pos { line: 1, column: 1 };
    for (index, line) in text.split('\n').enumerate() {
        if parser.errors.len() > MAX_ERRORS {
            return Read {
                draft: parser.draft,
                errors: parser.errors,
                complete: false,
            };
        }
        let line = line.strip_suffix('\r').unwrap_or(line);
        end = Pos {
            line: index + 1,
            column: line.chars().count() + 1,
        };
        parser.line(index + 1, line);
    }
    parser.draft.end = end;
    Read {
        draft: parser.draft,
        errors: parser.errors,
        complete: true,
    }
}

/// The state of reading: the draft so far, the errors so far, and what has been seen where.
#[derive(Default)]
struct Parser {
    draft: Draft,
    errors: Vec<ParseError>,
    title_line: Option<usize>,
    unit_line: Option<usize>,
    scale_line: Option<usize>,
    instances: u64,
    instances_reported: bool,
    routines_reported: bool,
    /// Whether the exercise limit has been reported, so it is reported once.
    exercises_reported: bool,
    /// Whether the current routine's step limit has been reported, so it is reported once.
    steps_reported: bool,
}

const HEADERS: &str =
    "a header (`recipe`, `unit`, `scale`, `story`, `exercise`), `task` or `helper`";
const STEPS: &str = "a step (`work`, `wait`, `print`, `call`, `yield`), `task` or `helper`";

impl Parser {
    fn line(&mut self, line: usize, text: &str) {
        let tokens = match lex(line, text) {
            Ok(tokens) => tokens,
            Err(e) => return self.errors.push(e),
        };
        let mut cur = Cursor {
            line,
            tokens: &tokens,
            next: 0,
        };
        let Some(first) = cur.peek() else {
            return;
        };
        let result = match first.word() {
            Some("recipe" | "unit" | "scale" | "story" | "exercise") => self.header(&mut cur),
            Some("task") => self.routine(&mut cur, Kind::Task),
            Some("helper") => self.routine(&mut cur, Kind::Helper),
            Some(word) if reference::is_step(word) => self.step(&mut cur),
            other => {
                let expected = if self.draft.routines.is_empty() {
                    HEADERS
                } else {
                    STEPS
                };
                let mut error = cur.expected(expected);
                if other.is_some_and(|w| is_keyword(&lower_ascii(w))) {
                    error
                        .message
                        .push_str(" (keywords are written in lower case)");
                }
                Err(error)
            }
        };
        if let Err(e) = result {
            self.errors.push(e);
        }
    }

    fn header(&mut self, cur: &mut Cursor<'_, '_>) -> Result<(), ParseError> {
        let pos = cur.pos();
        let keyword = cur.bump().map_or("", |t| t.raw);
        if !self.draft.routines.is_empty() {
            return Err(pos.error(format!(
                "expected {STEPS}, found the header `{keyword}` (headers go before the first `task` or `helper`)"
            )));
        }
        let seen = match keyword {
            "recipe" => self.title_line,
            "unit" => self.unit_line,
            "scale" => self.scale_line,
            _ => None,
        };
        if let Some(first) = seen {
            return Err(pos.error(format!(
                "expected one `{keyword}` line, found another (the first is on line {first})"
            )));
        }
        match keyword {
            "recipe" => {
                let title = cur.string(
                    "the recipe's title in quotes after `recipe`",
                    "a title",
                    MAX_STRING_CHARS,
                )?;
                cur.end()?;
                self.draft.title = Some(title);
                self.title_line = Some(pos.line);
            }
            "unit" => {
                let unit = match cur.peek().and_then(Token::word) {
                    Some("ms") => Unit::Ms,
                    Some("s") => Unit::S,
                    Some("min") => Unit::Min,
                    _ => return Err(cur.expected("a unit after `unit`: `ms`, `s` or `min`")),
                };
                cur.next += 1;
                cur.end()?;
                self.draft.unit = Some(unit);
                self.unit_line = Some(pos.line);
            }
            "scale" => {
                let word = cur.peek().and_then(Token::word).unwrap_or("");
                let Some(ms) = decimal(word) else {
                    return Err(cur.expected(
                        "a number of milliseconds per unit after `scale`, such as `20` or `2.5`",
                    ));
                };
                if !scale_in_range(ms) {
                    return Err(cur.pos().error(format!(
                        "expected a scale above 0 and at most {} milliseconds per unit, found {}",
                        Short(MAX_SCALE_MS),
                        show(word)
                    )));
                }
                cur.next += 1;
                cur.end()?;
                self.draft.scale_ms = Some(ms);
                self.scale_line = Some(pos.line);
            }
            "exercise" => {
                let asked = exercise(cur)?;
                if self.draft.exercises.len() < MAX_EXERCISES {
                    self.draft.exercises.push(asked);
                } else if !self.exercises_reported {
                    self.exercises_reported = true;
                    return Err(pos.error(format!(
                        "expected at most {MAX_EXERCISES} `exercise` lines in one recipe, found more"
                    )));
                }
            }
            _ => {
                let line = cur.string(
                    "a line of the story in quotes after `story`",
                    "a story line",
                    MAX_STORY_LINE_CHARS,
                )?;
                cur.end()?;
                self.draft.story.push(line);
            }
        }
        Ok(())
    }

    fn routine(&mut self, cur: &mut Cursor<'_, '_>, kind: Kind) -> Result<(), ParseError> {
        let keyword_pos = cur.pos();
        cur.bump();
        if self.draft.routines.len() == MAX_ROUTINES && !self.routines_reported {
            self.routines_reported = true;
            self.errors.push(keyword_pos.error(format!(
                "expected at most {MAX_ROUTINES} `task` and `helper` definitions, found more"
            )));
        }
        let named = cur.name(&format!("a name after `{}`", kind.keyword()));
        // The routine opens even when its line is wrong, so that the steps below are still checked and
        // belong to it rather than to the routine above.
        let (name, pos) = match &named {
            Ok((name, pos)) => (Some(name.clone()), *pos),
            Err(e) => (
                None,
                Pos {
                    line: e.line,
                    column: e.column,
                },
            ),
        };
        self.draft.routines.push(Routine {
            kind,
            name,
            pos,
            copies: 1,
            steps: Vec::new(),
            calls: Vec::new(),
        });
        self.steps_reported = false;
        let (_, name_pos) = named?;
        let copies_word = cur
            .peek()
            .and_then(Token::word)
            .and_then(|w| w.strip_prefix('x'))
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if kind == Kind::Helper {
            if copies_word.is_some() {
                return Err(cur.expected(&format!(
                    "the end of the line after {} (a helper runs once per call, so it has no copies)",
                    cur.so_far()
                )));
            }
            return cur.end();
        }
        let (copies, at) = match copies_word {
            None => (1, name_pos),
            Some(digits) => match whole(digits) {
                Some(0) => return Err(cur.expected("at least 1 copy")),
                Some(n) if n <= u64::from(MAX_COPIES) => {
                    let at = cur.pos();
                    cur.next += 1;
                    (n, at)
                }
                _ => return Err(cur.expected(&format!("at most {MAX_COPIES} copies of a task"))),
            },
        };
        if cur.peek().is_some() {
            let what = if copies_word.is_none() {
                "copies such as `x5` or the end of the line"
            } else {
                "the end of the line"
            };
            return Err(cur.expected(&format!("{what} after {}", cur.so_far())));
        }
        if let Some(routine) = self.draft.routines.last_mut() {
            // MAX_COPIES fits in u32, so the fallback is never used.
            routine.copies = u32::try_from(copies).unwrap_or(MAX_COPIES);
        }
        self.count_instances(copies, at);
        Ok(())
    }

    /// Adds a task's copies to the recipe's instances, reporting the task that goes over the limit.
    fn count_instances(&mut self, copies: u64, at: Pos) {
        self.instances += copies;
        if self.instances > MAX_INSTANCES && !self.instances_reported {
            self.instances_reported = true;
            self.errors.push(at.error(format!(
                "expected at most {MAX_INSTANCES} task instances in the whole recipe, found {} with this task's copies",
                self.instances
            )));
        }
    }

    fn step(&mut self, cur: &mut Cursor<'_, '_>) -> Result<(), ParseError> {
        let start = cur.pos();
        if self.draft.routines.is_empty() {
            return Err(cur.expected("`task NAME` or `helper NAME` before the first step"));
        }
        let mut missing_await = false;
        if cur.peek().and_then(Token::word) == Some("unawaited") {
            cur.next += 1;
            missing_await = true;
            if !matches!(
                cur.peek().and_then(Token::word),
                Some("wait" | "call" | "yield")
            ) {
                return Err(cur.expected(
                    "`wait`, `call` or `yield` after `unawaited` (only an awaited step can miss its `await`)",
                ));
            }
        }
        let keyword = cur.bump().and_then(Token::word).unwrap_or("");
        let mut call = None;
        let action = match keyword {
            "work" => Action::Work(cur.units("work")?),
            "wait" => Action::Wait(cur.units("wait")?),
            "print" => Action::Print(cur.string(
                "the text to print in quotes after `print`",
                "a text to print",
                MAX_STRING_CHARS,
            )?),
            "call" => {
                let (name, pos) = cur.name("the name of a helper after `call`")?;
                call = Some(CallSite {
                    name: name.clone(),
                    pos,
                });
                Action::Call(name)
            }
            // `yield` is the only keyword left: `line` sends only the reference's step keywords
            // here (its test holds each to its action), and `unawaited` was checked to come before
            // `wait`, `call` or `yield`.
            _ => Action::Yield,
        };
        let label = match cur.peek() {
            Some(Token {
                string: Some(_), ..
            }) => Some(cur.string("a label", "a label", MAX_STRING_CHARS)?),
            Some(_) => {
                return Err(cur.expected(&format!(
                    "a label in quotes or the end of the line after {}",
                    cur.so_far()
                )));
            }
            None => None,
        };
        cur.end()?;
        let Some(routine) = self.draft.routines.last_mut() else {
            return Ok(());
        };
        if routine.steps.len() >= MAX_STEPS {
            if self.steps_reported {
                return Ok(());
            }
            self.steps_reported = true;
            let what = match &routine.name {
                Some(name) => format!("`{name}`"),
                None => format!("this {}", routine.kind.keyword()),
            };
            return Err(start.error(format!(
                "expected at most {MAX_STEPS} steps in one task or helper, found more in {what}"
            )));
        }
        routine.steps.push(Step {
            action,
            label,
            missing_await,
        });
        routine.calls.extend(call);
        Ok(())
    }
}

/// Reads the rest of an `exercise` line, whose keyword has been read: what it asks, then the end of
/// the line.
fn exercise(cur: &mut Cursor<'_, '_>) -> Result<Asked, ParseError> {
    let asked = match cur.peek().and_then(Token::word) {
        Some("order") => {
            cur.next += 1;
            Asked::Order(mode(cur, "a mode")?)
        }
        Some("total") => {
            cur.next += 1;
            Asked::Total(mode(cur, "a mode")?)
        }
        Some("target") => {
            cur.next += 1;
            let units = target_units(cur)?;
            let mode = match cur.peek() {
                Some(_) => Some(mode(cur, "a mode or the end of the line")?),
                None => None,
            };
            Asked::Target { units, mode }
        }
        _ => return Err(cur.expected("`order`, `total` or `target` after `exercise`")),
    };
    cur.end()?;
    Ok(asked)
}

/// The next token as a mode's id, such as `gather`; `what` names what is expected, for the message.
fn mode(cur: &mut Cursor<'_, '_>, what: &str) -> Result<Mode, ParseError> {
    let word = cur.peek().and_then(Token::word);
    if let Some(mode) = word.and_then(Mode::from_id) {
        cur.next += 1;
        return Ok(mode);
    }
    let ids: Vec<String> = Mode::ALL.iter().map(|m| format!("`{}`", m.id())).collect();
    let (last, rest) = ids
        .split_last()
        .map_or(("", &[][..]), |(l, r)| (l.as_str(), r));
    let mut error = cur.expected(&format!(
        "{what} after {}: {} or {last}",
        cur.so_far(),
        rest.join(", ")
    ));
    if word.is_some_and(|w| Mode::from_id(&lower_ascii(w)).is_some()) {
        error.message.push_str(" (modes are written in lower case)");
    }
    Err(error)
}

/// The next token as an `exercise target`'s number of units: a whole number from 1 to [`MAX_UNITS`].
fn target_units(cur: &mut Cursor<'_, '_>) -> Result<u32, ParseError> {
    let word = cur.peek().and_then(Token::word).unwrap_or("");
    if word.is_empty() || !word.bytes().all(|b| b.is_ascii_digit()) || whole(word) == Some(0) {
        return Err(cur.expected(
            "a whole number of units, 1 or more, after `exercise target` (the longest the run may take)",
        ));
    }
    match whole(word) {
        Some(n) if n <= u64::from(MAX_UNITS) => {
            cur.next += 1;
            // MAX_UNITS fits in u32, so this conversion cannot fail; the fallback is never used.
            Ok(u32::try_from(n).unwrap_or(MAX_UNITS))
        }
        _ => Err(cur.pos().error(format!(
            "expected at most {MAX_UNITS} units after `exercise target`, found {}",
            show(word)
        ))),
    }
}

fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "recipe"
            | "unit"
            | "scale"
            | "story"
            | "exercise"
            | "task"
            | "helper"
            | "work"
            | "wait"
            | "print"
            | "call"
            | "yield"
            | "unawaited"
    )
}

/// `str::to_lowercase` as far as keywords can tell: ASCII letters, plus the Kelvin sign, the only
/// non-ASCII character whose lower case is ASCII. Avoids linking the Unicode case tables (~12 KB).
fn lower_ascii(word: &str) -> String {
    word.chars()
        .map(|c| {
            if c == '\u{212A}' {
                'k'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}
