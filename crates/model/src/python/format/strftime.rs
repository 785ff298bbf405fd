//! `datetime.strftime` (and so `format(dt, spec)` and `f"{dt:%H:%M}"`) as CPython 3.11 on Linux
//! writes it: CPython's own pass for `%f`, `%z` and `%Z`, then GNU libc's `wcsftime` in the C
//! locale, flags (`-`, `_`, `0`, `^`, `#`), widths and `E`/`O` modifiers included, an unknown
//! directive written as it stands, and CPython's empty result for one too long for its buffer.

use std::fmt::Write as _;

use crate::python::value::time::{Civil, days_from_civil};

/// The C locale's day names, Monday first.
const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
/// The C locale's month names.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `seconds` since the epoch (UTC) written by a `strftime` format.
pub(super) fn strftime(seconds: f64, format: &str) -> String {
    let civil = Civil::of(seconds);
    // CPython's `wrap_strftime`: `%f` is its own, `%z` and `%Z` are empty for a naive datetime, and
    // the format ends at a NUL, as a C string does.
    let format = format.split('\0').next().unwrap_or("");
    let mut libc_format = String::with_capacity(format.len());
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            libc_format.push(c);
            continue;
        }
        match chars.next() {
            None => libc_format.push('%'),
            Some('f') => {
                let _ = write!(libc_format, "{:06}", civil.micro);
            }
            Some('z' | 'Z') => {}
            Some(other) => {
                libc_format.push('%');
                libc_format.push(other);
            }
        }
    }
    // CPython gives `wcsftime` buffers from 1024 characters, doubling up to 256 times the format's
    // length, and takes a result that does not fit (with C's final NUL) in the last for an empty
    // one.
    let mut buffer = 1024;
    while buffer < 256 * libc_format.chars().count() {
        buffer *= 2;
    }
    let mut out = Out {
        text: String::new(),
        chars: 0,
        limit: buffer - 1,
    };
    match libc(&mut out, &libc_format, &civil) {
        Ok(()) => out.text,
        Err(TooLong) => String::new(),
    }
}

/// A result longer than CPython's buffer for it.
struct TooLong;

/// The text written so far, its length in characters, and the most CPython's buffer takes.
struct Out {
    text: String,
    chars: usize,
    limit: usize,
}

impl Out {
    /// Adds text, or fails once the whole is past the buffer.
    fn push(&mut self, text: &str) -> Result<(), TooLong> {
        self.chars += text.chars().count();
        if self.chars > self.limit {
            return Err(TooLong);
        }
        self.text.push_str(text);
        Ok(())
    }

    /// Adds `count` copies of `fill`, or fails once the whole is past the buffer.
    fn fill(&mut self, fill: char, count: usize) -> Result<(), TooLong> {
        self.chars = self.chars.saturating_add(count);
        if self.chars > self.limit {
            return Err(TooLong);
        }
        self.text.extend(std::iter::repeat_n(fill, count));
        Ok(())
    }
}

/// How a directive pads and cases what it writes.
#[derive(Clone, Copy, Debug, Default)]
struct Directive {
    /// `_`, `-` or `0`, the last given.
    pad: Option<char>,
    /// `^`: capitals.
    upper: bool,
    /// `#`: the other case (capitals for names, small letters for `%p`).
    swap_case: bool,
    /// The width, if given.
    width: Option<usize>,
}

impl Directive {
    /// Text padded to the width: with zeros for the `0` flag, else spaces.
    fn text(&self, out: &mut Out, text: &str) -> Result<(), TooLong> {
        let width = self.width.unwrap_or(0);
        let fill = if self.pad == Some('0') { '0' } else { ' ' };
        out.fill(fill, width.saturating_sub(text.chars().count()))?;
        out.push(text)
    }

    /// A number with at least `digits` digits, zero-padded (space-padded for `%e`, `%k`, `%l`,
    /// `%s`, which `space` says, and for the `_` flag), or as it is for the `-` flag; a width
    /// raises the digits.
    fn number(&self, out: &mut Out, value: i64, digits: usize, space: bool) -> Result<(), TooLong> {
        if self.pad == Some('-') {
            return self.text(out, &value.to_string());
        }
        let digits = digits.max(self.width.unwrap_or(0));
        let magnitude = value.unsigned_abs().to_string();
        let sign = if value < 0 { "-" } else { "" };
        let padding = digits.saturating_sub(magnitude.len() + sign.len());
        let spaces = match self.pad {
            Some('_') => true,
            Some('0') => false,
            _ => space,
        };
        if spaces {
            out.fill(' ', padding)?;
            out.push(sign)?;
        } else {
            out.push(sign)?;
            out.fill('0', padding)?;
        }
        out.push(&magnitude)
    }

    /// A name, cased by the flags.
    fn name(&self, out: &mut Out, name: &str) -> Result<(), TooLong> {
        if self.upper || self.swap_case {
            self.text(out, &name.to_ascii_uppercase())
        } else {
            self.text(out, name)
        }
    }
}

/// The days into the ISO week-year of a day (negative when the day belongs to the previous
/// ISO year), GNU libc's `iso_week_days`: `yday` from 0, `wday` from Sunday 0.
fn iso_week_days(yday: i64, wday: i64) -> i64 {
    // Enough to make the first operand of `%` non-negative.
    const BIG_ENOUGH_MULTIPLE_OF_7: i64 = (366 / 7 + 2) * 7;
    yday - (yday - wday + 4 + BIG_ENOUGH_MULTIPLE_OF_7) % 7 + 4 - 1
}

/// Days in a year.
fn year_days(year: i64) -> i64 {
    days_from_civil(year + 1, 1, 1) - days_from_civil(year, 1, 1)
}

/// The ISO 8601 week-based year and week number.
fn iso_week(civil: &Civil) -> (i64, i64) {
    let yday = i64::from(civil.yday) - 1;
    let wday = i64::from((civil.weekday + 1) % 7);
    let mut year = civil.year;
    let mut days = iso_week_days(yday, wday);
    if days < 0 {
        year -= 1;
        days = iso_week_days(yday + year_days(year), wday);
    } else {
        let next = iso_week_days(yday - year_days(year), wday);
        if next >= 0 {
            year += 1;
            days = next;
        }
    }
    (year, days / 7 + 1)
}

/// GNU libc's `strftime` in the C locale, for the fields of a naive datetime.
fn libc(out: &mut Out, format: &str, c: &Civil) -> Result<(), TooLong> {
    let chars: Vec<char> = format.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i].encode_utf8(&mut [0; 4]))?;
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let mut d = Directive::default();
        while let Some(&flag @ ('_' | '-' | '0' | '^' | '#')) = chars.get(i) {
            match flag {
                '^' => d.upper = true,
                '#' => d.swap_case = true,
                pad => d.pad = Some(pad),
            }
            i += 1;
        }
        let mut width: Option<usize> = None;
        while let Some(digit) = chars.get(i).and_then(|c| c.to_digit(10)) {
            width = Some(
                width
                    .unwrap_or(0)
                    .saturating_mul(10)
                    .saturating_add(digit as usize),
            );
            i += 1;
        }
        d.width = width;
        let modifier = match chars.get(i) {
            Some(&m @ ('E' | 'O')) => {
                i += 1;
                Some(m)
            }
            _ => None,
        };
        let Some(&conversion) = chars.get(i) else {
            // A directive cut short by the end is written as it stands.
            let literal: String = chars[start..].iter().collect();
            return d.text(out, &literal);
        };
        i += 1;
        let allowed = match modifier {
            Some('E') => "cCnprRstTuxXyYzZP%".contains(conversion),
            Some(_) => "bBCdegGhHIjklmMnprRsStTuUVwWyzZP%".contains(conversion),
            None => true,
        };
        if !allowed || !directive(out, conversion, &d, c)? {
            // GNU libc writes a directive it does not know as it stands, padded to its width, in
            // capitals for `^` (and for `#` on `%b` and `%h`, whose case it sets before it sees
            // the modifier it refuses).
            let mut literal: String = chars[start..i].iter().collect();
            if d.upper || (d.swap_case && matches!(conversion, 'b' | 'h')) {
                literal = literal.to_ascii_uppercase();
            }
            d.text(out, &literal)?;
        }
    }
    Ok(())
}

/// Writes one directive; `false` for one GNU libc does not know.
fn directive(out: &mut Out, conversion: char, d: &Directive, c: &Civil) -> Result<bool, TooLong> {
    let hour12 = i64::from(if c.hour.is_multiple_of(12) {
        12
    } else {
        c.hour % 12
    });
    let wday = i64::from((c.weekday + 1) % 7);
    let yday = i64::from(c.yday) - 1;
    let am_pm = if c.hour < 12 { "AM" } else { "PM" };
    let day_name = DAYS[c.weekday as usize % 7];
    let month_name = MONTHS[(c.month as usize + 11) % 12];
    match conversion {
        'a' => d.name(out, &day_name[..3])?,
        'A' => d.name(out, day_name)?,
        'b' | 'h' => d.name(out, &month_name[..3])?,
        'B' => d.name(out, month_name)?,
        'p' => {
            let text = if d.swap_case {
                am_pm.to_ascii_lowercase()
            } else {
                am_pm.to_owned()
            };
            d.text(out, &text)?;
        }
        'P' => d.text(out, &am_pm.to_ascii_lowercase())?,
        'c' => composite(out, d, "%a %b %e %H:%M:%S %Y", c)?,
        'D' | 'x' => composite(out, d, "%m/%d/%y", c)?,
        'F' => composite(out, d, "%Y-%m-%d", c)?,
        'r' => composite(out, d, "%I:%M:%S %p", c)?,
        'R' => composite(out, d, "%H:%M", c)?,
        'T' | 'X' => composite(out, d, "%H:%M:%S", c)?,
        'C' => d.number(out, c.year.div_euclid(100), 1, false)?,
        'd' => d.number(out, i64::from(c.day), 2, false)?,
        'e' => d.number(out, i64::from(c.day), 2, true)?,
        'g' => d.number(out, iso_week(c).0.rem_euclid(100), 2, false)?,
        'G' => d.number(out, iso_week(c).0, 1, false)?,
        'H' => d.number(out, i64::from(c.hour), 2, false)?,
        'I' => d.number(out, hour12, 2, false)?,
        'j' => d.number(out, yday + 1, 3, false)?,
        'k' => d.number(out, i64::from(c.hour), 2, true)?,
        'l' => d.number(out, hour12, 2, true)?,
        'm' => d.number(out, i64::from(c.month), 2, false)?,
        'M' => d.number(out, i64::from(c.minute), 2, false)?,
        'n' => d.text(out, "\n")?,
        's' => d.number(out, c.epoch, 1, true)?,
        'S' => d.number(out, i64::from(c.second), 2, false)?,
        't' => d.text(out, "\t")?,
        'u' => d.number(out, (wday + 6) % 7 + 1, 1, false)?,
        'U' => d.number(out, (yday - wday + 7) / 7, 2, false)?,
        'V' => d.number(out, iso_week(c).1, 2, false)?,
        'w' => d.number(out, wday, 1, false)?,
        'W' => d.number(out, (yday - (wday + 6) % 7 + 7) / 7, 2, false)?,
        'y' => d.number(out, c.year.rem_euclid(100), 2, false)?,
        'Y' => d.number(out, c.year, 1, false)?,
        // A naive datetime has no offset and no zone name: GNU libc writes nothing for the offset,
        // not even its padding, and pads the empty name.
        'z' => {}
        'Z' => d.text(out, "")?,
        '%' => d.text(out, "%")?,
        _ => return Ok(false),
    }
    Ok(true)
}

/// A directive that stands for several (`%c`, `%D`, `%T`…): written, then padded and cased whole.
fn composite(out: &mut Out, d: &Directive, format: &str, c: &Civil) -> Result<(), TooLong> {
    let mut inner = Out {
        text: String::new(),
        chars: 0,
        limit: out.limit,
    };
    libc(&mut inner, format, c)?;
    let text = if d.upper {
        inner.text.to_ascii_uppercase()
    } else {
        inner.text
    };
    d.text(out, &text)
}
