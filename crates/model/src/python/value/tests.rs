//! The values' tests: each case is Python text run through CPython 3.11 once by `cpython.py`,
//! whose results `cases.rs` holds, and read here by a small reader of literals into the page's
//! values; then the few cases where the page's Python differs on purpose (64-bit ints, no complex
//! numbers, a memory limit), and properties of `repr` over every double.

mod cases;

use proptest::prelude::*;

use super::Value;
use crate::python::ast::{BinOp, CmpOp, UnaryOp};

/// Reads the Python text of a case into a value: ints, floats (with `float('nan')`, `float('inf')`),
/// strings with escapes, `None`, `True`, `False`, lists, tuples, a leading minus, and `dt(s)` and
/// `td(s)` for the datetime and timedelta of `s` seconds.
pub(in crate::python) fn read(text: &str) -> Value {
    let mut reader = Reader {
        chars: text.chars().collect(),
        pos: 0,
    };
    let value = reader.value();
    reader.space();
    assert_eq!(reader.pos, reader.chars.len(), "unread text in {text:?}");
    value
}

/// A position in a case's text.
struct Reader {
    chars: Vec<char>,
    pos: usize,
}

impl Reader {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn space(&mut self) {
        while self.peek() == Some(' ') {
            self.pos += 1;
        }
    }

    fn eat(&mut self, text: &str) -> bool {
        self.space();
        let end = self.pos + text.chars().count();
        if end <= self.chars.len() && self.chars[self.pos..end].iter().copied().eq(text.chars()) {
            self.pos = end;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, text: &str) {
        assert!(self.eat(text), "expected {text:?} at {}", self.pos);
    }

    fn value(&mut self) -> Value {
        self.space();
        if self.eat("-") {
            if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                // Read with its sign, so that -9223372036854775808 fits.
                return self.number("-");
            }
            return match self.value() {
                Value::Int(n) => Value::Int(-n),
                Value::Float(x) => Value::Float(-x),
                other => panic!("cannot negate {other:?}"),
            };
        }
        for (word, value) in [
            ("None", Value::None),
            ("True", Value::Bool(true)),
            ("False", Value::Bool(false)),
        ] {
            if self.eat(word) {
                return value;
            }
        }
        if self.eat("float(") {
            let Value::Str(text) = self.value() else {
                panic!("float() of a non-string")
            };
            self.expect(")");
            return Value::Float(text.parse().expect("a float's text"));
        }
        for (name, make) in [
            ("dt(", Value::DateTime as fn(f64) -> Value),
            ("td(", Value::TimeDelta),
        ] {
            if self.eat(name) {
                let seconds = self.value().float().expect("seconds");
                self.expect(")");
                return make(seconds);
            }
        }
        if self.eat("[") {
            return Value::List(self.items("]").0);
        }
        if self.eat("(") {
            let (items, comma) = self.items(")");
            return if items.len() == 1 && !comma {
                items.into_iter().next().expect("one item")
            } else {
                Value::Tuple(items)
            };
        }
        match self.peek() {
            Some(quote @ ('\'' | '"')) => self.string(quote),
            _ => self.number(""),
        }
    }

    /// Items up to `close`, and whether a comma followed the last.
    fn items(&mut self, close: &str) -> (Vec<Value>, bool) {
        let mut items = Vec::new();
        let mut comma = false;
        while !self.eat(close) {
            items.push(self.value());
            comma = self.eat(",");
        }
        (items, comma)
    }

    fn number(&mut self, sign: &str) -> Value {
        let start = self.pos;
        while let Some(c) = self.peek() {
            let sign_of_exponent =
                matches!(c, '+' | '-') && matches!(self.chars.get(self.pos - 1), Some('e' | 'E'));
            if c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E') || sign_of_exponent {
                self.pos += 1;
            } else {
                break;
            }
        }
        let digits: String = self.chars[start..self.pos].iter().collect();
        let text = format!("{sign}{digits}");
        if digits.chars().all(|c| c.is_ascii_digit()) {
            Value::Int(text.parse().expect("an int"))
        } else {
            Value::Float(text.parse().expect("a float"))
        }
    }

    fn string(&mut self, quote: char) -> Value {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let c = self.peek().expect("a closed string");
            self.pos += 1;
            if c == quote {
                return Value::Str(out);
            }
            if c != '\\' {
                out.push(c);
                continue;
            }
            let escape = self.peek().expect("an escape");
            self.pos += 1;
            let digits = match escape {
                'x' => 2,
                'u' => 4,
                'U' => 8,
                _ => 0,
            };
            if digits > 0 {
                let hex: String = self.chars[self.pos..self.pos + digits].iter().collect();
                self.pos += digits;
                let code = u32::from_str_radix(&hex, 16).expect("hex digits");
                out.push(char::from_u32(code).expect("a character"));
                continue;
            }
            out.push(match escape {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '0' => '\0',
                other => other,
            });
        }
    }
}

/// An operator's text as the cases write it.
fn binop(text: &str) -> BinOp {
    match text {
        "+" => BinOp::Add,
        "-" => BinOp::Sub,
        "*" => BinOp::Mul,
        "/" => BinOp::Div,
        "//" => BinOp::FloorDiv,
        "%" => BinOp::Mod,
        "**" => BinOp::Pow,
        other => panic!("unknown operator {other}"),
    }
}

/// A comparison's text as the cases write it.
fn cmpop(text: &str) -> CmpOp {
    match text {
        "==" => CmpOp::Eq,
        "!=" => CmpOp::Ne,
        "<" => CmpOp::Lt,
        "<=" => CmpOp::Le,
        ">" => CmpOp::Gt,
        ">=" => CmpOp::Ge,
        other => panic!("unknown comparison {other}"),
    }
}

/// A result as the cases write it: the text, or `!` and the error.
pub(in crate::python) fn shown(result: Result<String, String>) -> String {
    result.unwrap_or_else(|e| format!("!{e}"))
}

/// Collects every case whose result is not the expected one, so that one run shows them all.
#[derive(Default)]
pub(in crate::python) struct Failures(Vec<String>);

impl Failures {
    /// Notes a case whose result differs.
    pub(in crate::python) fn check(&mut self, case: &str, got: &str, want: &str) {
        if got != want {
            self.0
                .push(format!("{case}\n    got:  {got:?}\n    want: {want:?}"));
        }
    }

    /// Fails with every difference noted, if any.
    pub(in crate::python) fn assert_none(self, cases: usize) {
        assert!(
            self.0.is_empty(),
            "{} of {cases} cases differ from CPython:\n{}",
            self.0.len(),
            self.0.join("\n")
        );
    }
}

#[test]
fn repr_and_str_are_cpythons() {
    let mut failures = Failures::default();
    for &(text, repr, str) in cases::VALUES {
        let value = read(text);
        failures.check(&format!("repr({text})"), &value.repr(), repr);
        failures.check(&format!("str({text})"), &value.str(), str);
    }
    failures.assert_none(cases::VALUES.len() * 2);
}

#[test]
fn truth_is_cpythons() {
    let mut failures = Failures::default();
    for &(text, truthy) in cases::TRUTHY {
        let got = read(text).truthy();
        failures.check(
            &format!("bool({text})"),
            &got.to_string(),
            &truthy.to_string(),
        );
    }
    failures.assert_none(cases::TRUTHY.len());
}

#[test]
fn arithmetic_is_cpythons() {
    let mut failures = Failures::default();
    for &(a, op, b, want) in cases::BINARY {
        let got = Value::binary(binop(op), &read(a), &read(b)).map(|v| v.repr());
        failures.check(&format!("({a}) {op} ({b})"), &shown(got), want);
    }
    for &(op, a, want) in cases::UNARY {
        let op_value = if op == "-" {
            UnaryOp::Neg
        } else {
            UnaryOp::Plus
        };
        let got = Value::unary(op_value, &read(a)).map(|v| v.repr());
        failures.check(&format!("{op}({a})"), &shown(got), want);
    }
    failures.assert_none(cases::BINARY.len() + cases::UNARY.len());
}

#[test]
fn comparisons_are_cpythons() {
    let mut failures = Failures::default();
    for &(a, op, b, want) in cases::COMPARE {
        let got = Value::compare(cmpop(op), &read(a), &read(b))
            .map(|b| if b { "True" } else { "False" }.to_owned());
        failures.check(&format!("({a}) {op} ({b})"), &shown(got), want);
    }
    failures.assert_none(cases::COMPARE.len());
}

/// Where the page's Python differs from CPython on purpose, with the page's own words.
#[test]
fn the_pages_limits() {
    let overflow = format!("!{}", super::INT_OVERFLOW);
    let complex = "!complex numbers are not in the page's Python: a negative number raised to a \
                   fractional power is one";
    let cases: &[(&str, &str, &str, &str)] = &[
        // Python's ints are unbounded; the page's stop at 64 bits.
        ("9223372036854775807", "+", "1", &overflow),
        ("-9223372036854775808", "-", "1", &overflow),
        ("4294967296", "*", "4294967296", &overflow),
        ("2", "**", "63", &overflow),
        ("3", "**", "9223372036854775807", &overflow),
        ("-9223372036854775808", "//", "-1", &overflow),
        // Python makes a complex number.
        ("-8", "**", "0.5", complex),
        ("-8.0", "**", "0.3333333333333333", complex),
        // A browser tab holds less than CPython's limit.
        (
            "'ab'",
            "*",
            "10000000",
            "!MemoryError: a value of 20000000 items is beyond the page's Python, which holds at \
             most 16777216",
        ),
        (
            "[1, 2]",
            "*",
            "10000000",
            "!MemoryError: a value of 20000000 items is beyond the page's Python, which holds at \
             most 16777216",
        ),
        // The modulo of i64::MIN by -1 is 0, without overflow.
        ("-9223372036854775808", "%", "-1", "0"),
    ];
    let mut failures = Failures::default();
    for &(a, op, b, want) in cases {
        let got = Value::binary(binop(op), &read(a), &read(b)).map(|v| v.repr());
        failures.check(&format!("({a}) {op} ({b})"), &shown(got), want);
    }
    let got = Value::unary(UnaryOp::Neg, &Value::Int(i64::MIN)).map(|v| v.repr());
    failures.check("-(-9223372036854775808)", &shown(got), &overflow);
    // Code points Unicode has not assigned print as themselves (CPython escapes them: '\u0378').
    failures.check(
        "repr('\\u0378')",
        &Value::Str("\u{378}".to_owned()).repr(),
        "'\u{378}'",
    );
    // `ascii` escapes every character beyond ASCII.
    failures.check(
        "ascii(['é', '😀', '\\n'])",
        &read("['é', '😀', '\\n']").ascii(),
        "['\\xe9', '\\U0001f600', '\\n']",
    );
    failures.assert_none(cases.len() + 3);
}

/// The decimal exponent of the first significant digit of a float's `repr`, and whether the repr
/// wrote it as an exponent.
fn decimal_exponent(repr: &str) -> (i64, bool) {
    let repr = repr.trim_start_matches('-');
    if let Some((mantissa, exponent)) = repr.split_once('e') {
        assert!(
            mantissa.len() == 1 || mantissa.as_bytes()[1] == b'.',
            "one digit before the point: {repr}"
        );
        return (exponent.parse().expect("an exponent"), true);
    }
    let (whole, fraction) = repr
        .split_once('.')
        .expect("a point in a repr without exponent");
    if whole != "0" {
        return (whole.len() as i64 - 1, false);
    }
    let zeros = fraction.len() - fraction.trim_start_matches('0').len();
    (-(zeros as i64) - 1, false)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// `repr` of every finite double reads back as the same double, and uses an exponent exactly
    /// when CPython does: below 1e-4 and from 1e16 on.
    #[test]
    fn float_repr_round_trips(bits in any::<u64>()) {
        let x = f64::from_bits(bits);
        prop_assume!(x.is_finite());
        let repr = Value::Float(x).repr();
        let back: f64 = repr.parse().expect("a repr parses");
        prop_assert_eq!(back.to_bits(), x.to_bits(), "{} from {:e}", repr, x);
        if x != 0.0 {
            let (exponent, written) = decimal_exponent(&repr);
            prop_assert_eq!(written, !(-4..16).contains(&exponent), "{}", repr);
        } else {
            prop_assert!(repr == "0.0" || repr == "-0.0");
        }
    }

    /// Every operator on every pair of small values gives a value or an error, never a panic.
    #[test]
    fn operators_never_panic(a in any_value(), b in any_value(), op in 0..7usize, cmp in 0..6usize) {
        let ops = [BinOp::Add, BinOp::Sub, BinOp::Mul, BinOp::Div, BinOp::FloorDiv, BinOp::Mod, BinOp::Pow];
        let cmps = [CmpOp::Eq, CmpOp::Ne, CmpOp::Lt, CmpOp::Le, CmpOp::Gt, CmpOp::Ge];
        let _ = Value::binary(ops[op], &a, &b);
        let _ = Value::compare(cmps[cmp], &a, &b);
        let _ = Value::unary(UnaryOp::Neg, &a);
        let _ = (a.repr(), a.str(), a.ascii(), a.truthy());
    }
}

/// Values of every kind, the numbers from their whole range (NaNs and infinities included), the
/// strings short so that repetitions stay small.
pub(in crate::python) fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::None),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::Int),
        (-3i64..300).prop_map(Value::Int),
        any::<u64>().prop_map(|bits| Value::Float(f64::from_bits(bits))),
        any::<f64>().prop_map(Value::Float),
        ".{0,6}".prop_map(Value::Str),
        (-1e11..1e11f64).prop_map(Value::DateTime),
        any::<u64>().prop_map(|bits| Value::DateTime(f64::from_bits(bits))),
        (-1e10..1e10f64).prop_map(Value::TimeDelta),
        any::<u64>().prop_map(|bits| Value::TimeDelta(f64::from_bits(bits))),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..3).prop_map(Value::List),
            proptest::collection::vec(inner, 0..3).prop_map(Value::Tuple),
        ]
    })
}
