//! Formatting's tests: `format`, `str.format`, `%` and `print` on cases run through CPython 3.11
//! once by `value/tests/cpython.py` (whose results `cases.rs` holds), then the page's own limits,
//! and properties: no spec, template or value makes formatting panic.

mod cases;

use proptest::prelude::*;

use super::{format, percent, print_line, str_format};
use crate::python::value::Value;
use crate::python::value::tests::{Failures, any_value, read, shown};

#[test]
fn format_is_cpythons() {
    let mut failures = Failures::default();
    for &(value, spec, want) in cases::FORMAT {
        let got = format(&read(value), spec);
        failures.check(&format!("format({value}, {spec:?})"), &shown(got), want);
    }
    failures.assert_none(cases::FORMAT.len());
}

/// The keyword arguments of a case, written as a list of pairs.
fn keywords(text: &str) -> Vec<(String, Value)> {
    let Value::List(pairs) = read(text) else {
        panic!("keywords are a list of pairs: {text}")
    };
    pairs
        .into_iter()
        .map(|pair| match pair {
            Value::Tuple(mut items) if items.len() == 2 => {
                let value = items.pop().expect("a value");
                let Some(Value::Str(name)) = items.pop() else {
                    panic!("a keyword's name is a string: {text}")
                };
                (name, value)
            }
            other => panic!("not a pair: {other:?}"),
        })
        .collect()
}

#[test]
fn str_format_is_cpythons() {
    let mut failures = Failures::default();
    for &(template, args, kwargs, want) in cases::STR_FORMAT {
        let Value::Tuple(positional) = read(args) else {
            panic!("positional arguments are a tuple: {args}")
        };
        let got = str_format(template, &positional, &keywords(kwargs));
        failures.check(
            &format!("{template:?}.format(*{args}, **dict({kwargs}))"),
            &shown(got),
            want,
        );
    }
    failures.assert_none(cases::STR_FORMAT.len());
}

#[test]
fn percent_is_cpythons() {
    let mut failures = Failures::default();
    for &(template, args, want) in cases::PERCENT {
        let got = percent(template, &read(args));
        failures.check(&format!("{template:?} % {args}"), &shown(got), want);
    }
    failures.assert_none(cases::PERCENT.len());
}

#[test]
fn print_is_cpythons() {
    let mut failures = Failures::default();
    for &(args, sep, end, want) in cases::PRINT {
        let Value::List(values) = read(args) else {
            panic!("print's arguments are a list: {args}")
        };
        let got = print_line(&values, sep, end);
        failures.check(
            &format!("print(*{args}, sep={sep:?}, end={end:?})"),
            &got,
            want,
        );
    }
    failures.assert_none(cases::PRINT.len());
}

/// Where the page's Python differs from CPython on purpose, with the page's own words.
#[test]
fn the_pages_limits() {
    let mut failures = Failures::default();
    let cases: &[(&str, Result<String, String>, &str)] = &[
        // A browser tab would run out of memory long before CPython does.
        (
            "format(1, '100001')",
            format(&Value::Int(1), "100001"),
            "!a format width over 100000 (100001) is not in the page's Python",
        ),
        (
            "format('a', '<100001')",
            format(&Value::Str("a".to_owned()), "<100001"),
            "!a format width over 100000 (100001) is not in the page's Python",
        ),
        (
            "format(1.5, '.100001f')",
            format(&Value::Float(1.5), ".100001f"),
            "!a precision over 100000 (100001) is not in the page's Python",
        ),
        (
            "'%100001d' % 1",
            percent("%100001d", &Value::Int(1)),
            "!a format width over 100000 (100001) is not in the page's Python",
        ),
        (
            "'%.100001f' % 1.5",
            percent("%.100001f", &Value::Float(1.5)),
            "!a precision over 100000 (100001) is not in the page's Python",
        ),
        // Attributes in fields would need objects the page's Python does not have.
        (
            "'{0.real}'.format(1)",
            str_format("{0.real}", &[Value::Int(1)], &[]),
            "!attributes in a format field (`.real`) are not in the page's Python: pass the value \
             itself",
        ),
        // A Rust string cannot hold a lone surrogate.
        (
            "format(0xd800, 'c')",
            format(&Value::Int(0xd800), "c"),
            "!lone surrogate characters are not in the page's Python",
        ),
        // Python's ints are unbounded: CPython prints 10000000000000000000.
        (
            "'%d' % 1e19",
            percent("%d", &Value::Float(1e19)),
            &format!("!{}", crate::python::value::INT_OVERFLOW),
        ),
    ];
    for (case, got, want) in cases {
        failures.check(case, &shown(got.clone()), want);
    }
    failures.assert_none(cases.len());
}

/// Precisions past what core's formatter takes (65 535) and past a double's exact expansion are
/// CPython's: the exact digits, then zeros (expectations from CPython 3.11).
#[test]
fn long_precisions_are_exact() {
    let third = 1.0 / 3.0;
    let exact_tenth = "0.1000000000000000055511151231257827021181583404541015625";
    let exact_third = "0.333333333333333314829616256247390992939472198486328125";
    let zeros = |n: usize| "0".repeat(n);
    let cases = [
        (
            format(&Value::Float(0.1), ".70000f"),
            format!("{exact_tenth}{}", zeros(70_002 - exact_tenth.len())),
        ),
        (
            percent("%.70000f", &Value::Float(0.1)),
            format!("{exact_tenth}{}", zeros(70_002 - exact_tenth.len())),
        ),
        (
            format(&Value::Float(1.5), ".70000e"),
            format!("1.5{}e+00", zeros(69_999)),
        ),
        (
            format(&Value::Float(third), "#.70000g"),
            format!("{exact_third}{}", zeros(70_002 - exact_third.len())),
        ),
        (
            format(&Value::Float(third), ".70000g"),
            exact_third.to_owned(),
        ),
    ];
    for (got, want) in cases {
        assert_eq!(got.as_deref(), Ok(want.as_str()));
    }
}

/// Format specs from the characters the mini-language uses, and a few others.
fn any_spec() -> impl Strategy<Value = String> {
    "[<>^=+\\- z#0-9,_.a-zA-Z%]{0,12}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    /// No spec makes `format` panic, whatever the value; and an empty spec is `str`.
    #[test]
    fn format_never_panics(value in any_value(), spec in any_spec()) {
        let _ = format(&value, &spec);
        prop_assert_eq!(format(&value, ""), Ok(value.str()));
    }

    /// A number formatted with a width is at least that wide, and the float spec `f` reads back as
    /// the same number rounded.
    #[test]
    fn numbers_fill_their_width(x in any::<f64>(), width in 0usize..40, precision in 0usize..20) {
        let text = format(&Value::Float(x), &format!("{width}.{precision}f")).expect("a float spec");
        prop_assert!(text.chars().count() >= width);
        if x.is_finite() {
            let back: f64 = text.trim().parse().expect("a number");
            prop_assert!((back - x).abs() <= 0.5 * 10f64.powi(-(precision as i32)) * (1.0 + 1e-9) + x.abs() * 1e-15);
        }
    }

    /// No template makes `str.format` or `%` panic.
    #[test]
    fn templates_never_panic(
        template in "[{}!:\\[\\]ars0-9.%*#+ dxfe<>-]{0,16}",
        args in proptest::collection::vec(any_value(), 0..3),
    ) {
        let _ = str_format(&template, &args, &[("a".to_owned(), Value::Int(1))]);
        let _ = percent(&template, &Value::Tuple(args.clone()));
        if let Some(first) = args.first() {
            let _ = percent(&template, first);
        }
    }

    /// No `strftime` format makes a datetime's formatting panic.
    #[test]
    fn strftime_never_panics(seconds in -62_135_596_800.0..253_402_300_799.0f64, spec in "[%a-zA-Z0-9_^#:. -]{0,12}") {
        let _ = format(&Value::DateTime(seconds), &spec);
    }
}
