//! Reading the values on one line: strings, names, numbers, and the end of the line.
//!
//! This file owns the rules for single values (what a name is, what a number of units is, what a
//! decimal is) and the wording of "expected …, found …" messages. It knows nothing of which line
//! needs which values; `parse` decides that.

use super::draft::Pos;
use super::error::{ParseError, show};
use super::lex::Token;
use super::limits::{MAX_NAME_CHARS, MAX_UNITS};

/// The tokens of one line and how many of them have been read.
pub(super) struct Cursor<'t, 'a> {
    pub line: usize,
    pub tokens: &'t [Token<'a>],
    pub next: usize,
}

impl<'t, 'a> Cursor<'t, 'a> {
    pub fn peek(&self) -> Option<&'t Token<'a>> {
        self.tokens.get(self.next)
    }

    pub fn bump(&mut self) -> Option<&'t Token<'a>> {
        let token = self.tokens.get(self.next)?;
        self.next += 1;
        Some(token)
    }

    /// Where the next token is, or just after the last one when the line has no more.
    pub fn pos(&self) -> Pos {
        let column = match (self.peek(), self.tokens.last()) {
            (Some(t), _) => t.column,
            (None, Some(last)) => last.end,
            (None, None) => 1,
        };
        Pos {
            line: self.line,
            column,
        }
    }

    /// An error at the next token: "expected WHAT, found (the next token)".
    pub fn expected(&self, what: &str) -> ParseError {
        let found = match self.peek() {
            Some(t) => show(t.raw),
            None => "the end of the line".to_owned(),
        };
        self.pos().error(format!("expected {what}, found {found}"))
    }

    /// The tokens read so far, as written, for messages such as "after `work 15`".
    pub fn so_far(&self) -> String {
        let read: Vec<&str> = self.tokens[..self.next].iter().map(|t| t.raw).collect();
        show(&read.join(" "))
    }

    /// Succeeds when the line has nothing more.
    pub fn end(&self) -> Result<(), ParseError> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.expected(&format!("the end of the line after {}", self.so_far()))),
        }
    }

    /// The next token as a quoted string of at most `limit` characters.
    pub fn string(
        &mut self,
        expected: &str,
        what: &str,
        limit: usize,
    ) -> Result<String, ParseError> {
        match self.peek() {
            Some(Token {
                string: Some(s), ..
            }) => {
                let chars = s.chars().count();
                if chars > limit {
                    return Err(self.pos().error(format!(
                        "expected {what} of at most {limit} characters, found one of {chars}"
                    )));
                }
                self.next += 1;
                Ok(s.clone())
            }
            _ => Err(self.expected(expected)),
        }
    }

    /// The next token as a task or helper name.
    pub fn name(&mut self, expected: &str) -> Result<(String, Pos), ParseError> {
        let pos = self.pos();
        match self.peek().and_then(Token::word) {
            Some(word) if is_name(word) => {
                if word.len() > MAX_NAME_CHARS {
                    return Err(pos.error(format!(
                        "expected a name of at most {MAX_NAME_CHARS} characters, found {} with {}",
                        show(word),
                        word.len()
                    )));
                }
                self.next += 1;
                Ok((word.to_owned(), pos))
            }
            _ => Err(self.expected(&format!(
                "{expected} (letters, digits and `_`, not starting with a digit)"
            ))),
        }
    }

    /// The next token as a number of units for the step `keyword`.
    pub fn units(&mut self, keyword: &str) -> Result<u32, ParseError> {
        let word = self.peek().and_then(Token::word).unwrap_or("");
        if word.is_empty() || !word.bytes().all(|b| b.is_ascii_digit()) {
            let looks_numeric = !word.is_empty()
                && word.bytes().any(|b| b.is_ascii_digit())
                && word
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b"+-.".contains(&b));
            return Err(if looks_numeric {
                self.expected(&format!(
                    "a whole number of units, 0 or more, after `{keyword}`"
                ))
            } else {
                self.expected(&format!("a number of units after `{keyword}`"))
            });
        }
        match whole(word) {
            Some(n) if n <= u64::from(MAX_UNITS) => {
                self.next += 1;
                // MAX_UNITS fits in u32, so this conversion cannot fail; the fallback is never used.
                Ok(u32::try_from(n).unwrap_or(MAX_UNITS))
            }
            _ => Err(self.pos().error(format!(
                "expected at most {MAX_UNITS} units in one step, found {}",
                show(word)
            ))),
        }
    }
}

/// Whether a word is a name: `[A-Za-z_][A-Za-z0-9_]*`.
fn is_name(word: &str) -> bool {
    let mut bytes = word.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// A string of ASCII digits as a number, or `None` when it is too long to matter (above any limit).
pub(super) fn whole(digits: &str) -> Option<u64> {
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        Some(0)
    } else if digits.len() > 18 {
        None
    } else {
        digits.parse().ok()
    }
}

/// The most significant digits [`decimal`] reads (what fits in a `u128`): every double's shortest
/// form (which `format::Short` writes, at most 17 digits) fits, and so does anything a person types.
pub const DECIMAL_DIGITS: usize = 38;

/// The most digits [`decimal`] reads after the point, trailing zeros aside.
pub const DECIMAL_PLACES: usize = 27;

/// A decimal written `DIGITS` or `DIGITS.DIGITS`, the only forms `scale` accepts (and the forms
/// `format::Short`, like Rust's own `{}`, prints for any scale in range), as the double nearest to
/// it: the one `str::parse` gives. No signs, exponents, `inf` or `NaN`; at most [`DECIMAL_DIGITS`]
/// significant digits and [`DECIMAL_PLACES`] places, which every limit of the page is far inside.
pub fn decimal(text: &str) -> Option<f64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(whole) && digits(fraction)) {
        return None;
    }
    let fraction = fraction.trim_end_matches('0');
    let significant = whole
        .bytes()
        .chain(fraction.bytes())
        .skip_while(|&b| b == b'0');
    if significant.clone().count() > DECIMAL_DIGITS || fraction.len() > DECIMAL_PLACES {
        return None;
    }
    let n = significant.fold(0u128, |n, b| n * 10 + u128::from(b - b'0'));
    Some(ratio(n, fraction.len() as u32))
}

/// `x / d` and `x % d` by shifting and subtracting, bit by bit: the one 128-bit division the page
/// does is for a decimal longer than anyone types, and the general one (`u128 / u128`) is a kilobyte
/// of wasm in every learner's download and in every cook's.
fn divide(x: u128, d: u128) -> (u128, u128) {
    let (mut q, mut r) = (0u128, 0u128);
    for i in (0..128).rev() {
        r = (r << 1) | ((x >> i) & 1);
        q <<= 1;
        if r >= d {
            r -= d;
            q |= 1;
        }
    }
    (q, r)
}

/// `n / 10^k`, correctly rounded (to nearest, ties to even), for `n` below 10^38 and `k` at most
/// [`DECIMAL_PLACES`].
///
/// Rust's own parser would do this, but it brings its 10 KB table of powers of five into every
/// learner's download, and the model cannot ask the browser's. Here `n / 10^k` is `n / 5^k / 2^k`,
/// and `5^k` (below 2^63) divides `n` shifted left far enough that the integer quotient has more
/// than 54 bits: its top 53 are the double's, the next bit and the remainder decide the rounding,
/// and the powers of two are exact.
fn ratio(n: u128, k: u32) -> f64 {
    if n == 0 {
        return 0.0;
    }
    let bits = |x: u128| 128 - x.leading_zeros();
    let p = 5u128.pow(k);
    // At most 55 + 63 bits, or `n`'s own when it is longer: never more than 128.
    let s = (55 + bits(p)).saturating_sub(bits(n));
    let (q, r) = divide(n << s, p);
    let shift = bits(q) - 53;
    let (mut mantissa, rest, half) = (q >> shift, q & ((1 << shift) - 1), 1u128 << (shift - 1));
    if rest > half || (rest == half && (r != 0 || mantissa & 1 == 1)) {
        mantissa += 1;
    }
    let exponent = i64::from(shift) - i64::from(s) - i64::from(k);
    #[allow(clippy::cast_precision_loss, clippy::cast_sign_loss)]
    let power = f64::from_bits(((exponent + 1023) as u64) << 52);
    #[allow(clippy::cast_precision_loss)]
    let value = mantissa as f64 * power;
    value
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod decimal_tests {
    use proptest::prelude::*;

    proptest! {
        /// Every decimal gives the double Rust's own correctly rounded parser gives.
        #[test]
        fn decimals_read_as_str_parse_reads_them(whole in "[0-9]{1,12}", fraction in "[0-9]{0,12}") {
            let text = if fraction.is_empty() { whole } else { format!("{whole}.{fraction}") };
            prop_assert_eq!(super::decimal(&text), text.parse::<f64>().ok(), "{}", text);
        }

        /// So do long ones: up to 38 significant digits, far after the point too.
        #[test]
        fn long_decimals_read_as_str_parse_reads_them(
            digits in "[1-9][0-9]{0,29}",
            point in 0usize..19,
            zeros in 0usize..9,
        ) {
            let (int, frac) = digits.split_at(digits.len() - point.min(digits.len()));
            let int = if int.is_empty() { "0" } else { int };
            let text = if frac.is_empty() {
                int.to_owned()
            } else {
                format!("{int}.{}{frac}", "0".repeat(zeros))
            };
            prop_assert_eq!(super::decimal(&text), text.parse::<f64>().ok(), "{}", text);
        }
    }

    #[test]
    fn awkward_decimals_read_exactly() {
        for text in [
            "0.1",
            "2.5",
            "20",
            "0.3",
            "60000",
            "9007199254740993",
            "0.000000000000000000000001",
            "1.7976931348623157",
            "0.30000000000000004",
            "9999999999999999999",
            "10000000.000000000001",
            "99999999999999999999999999999999999999",
            "0.000000001234567890123456789",
            "123456789.0123456789",
        ] {
            assert_eq!(super::decimal(text), text.parse::<f64>().ok(), "{text}");
        }
        // Longer than any limit needs: 39 significant digits, 28 places.
        let long = "1".repeat(39);
        for text in [
            "",
            ".5",
            "5.",
            "1e3",
            "-1",
            "inf",
            "1.2.3",
            &long,
            "0.0000000000000000000000000001",
        ] {
            assert_eq!(super::decimal(text), None, "{text}");
        }
    }
}

/// A number written `DIGITS[.DIGITS][e[+-]DIGITS]` (lower case, no `_`), as Python and Rust write
/// floats, as the double nearest to it: the point is moved by the exponent and the digits read by
/// [`decimal`]. `None` for anything else, or for more digits than [`decimal`] reads.
pub fn scientific(text: &str) -> Option<f64> {
    // (An `i64`, as the readers read numbers: a `parse::<i32>` here would share the first look's,
    // which then stays a function of its own there rather than inlined.)
    let (mantissa, exponent) = match text.split_once('e') {
        Some((m, e)) => (
            m,
            e.parse::<i64>()
                .ok()
                .filter(|e| i32::try_from(*e).is_ok())?,
        ),
        None => (text, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if !(whole.bytes().all(|b| b.is_ascii_digit()) && fraction.bytes().all(|b| b.is_ascii_digit()))
        || (whole.is_empty() && fraction.is_empty())
    {
        return None;
    }
    let digits = format!("{whole}{fraction}");
    let point = i64::try_from(whole.len()).ok()? + exponent;
    let significant = digits.trim_start_matches('0');
    if significant.trim_end_matches('0').is_empty() {
        return Some(0.0);
    }
    if point <= 0 {
        let zeros = usize::try_from(-point).ok()?;
        decimal(&format!("0.{}{digits}", "0".repeat(zeros.min(64))))
    } else {
        let point = usize::try_from(point).ok()?;
        if point >= digits.len() {
            decimal(&format!(
                "{digits}{}",
                "0".repeat((point - digits.len()).min(64))
            ))
        } else {
            decimal(&format!("{}.{}", &digits[..point], &digits[point..]))
        }
    }
}
