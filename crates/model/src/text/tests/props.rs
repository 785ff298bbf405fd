//! Properties: printing round-trips every valid recipe, printed text is canonical, and no input of any
//! shape or size makes `parse` panic or point outside the text.

use proptest::prelude::*;

use crate::arbitrary;
use crate::text::limits::MAX_ERRORS;
use crate::text::{ParseError, parse, print};

/// Pieces of the format and pieces that break it, so that random texts reach deep into the parser.
fn soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop_oneof![
            Just("task "),
            Just("helper "),
            Just("work "),
            Just("wait "),
            Just("print "),
            Just("call "),
            Just("yield "),
            Just("unawaited "),
            Just("recipe "),
            Just("unit "),
            Just("scale "),
            Just("story "),
            Just("min "),
            Just(" x3 "),
        ]
        .prop_map(str::to_owned),
        prop_oneof![
            Just("exercise "),
            Just("order "),
            Just("total "),
            Just("target "),
            Just("gather "),
            Just("blocking-in-async "),
        ]
        .prop_map(str::to_owned),
        prop_oneof![
            Just("\n"),
            Just("\r\n"),
            Just("\n  "),
            Just("\""),
            Just("\\"),
            Just("#"),
            Just("h "),
            Just("t "),
            Just("\u{feff}"),
            Just("\t"),
        ]
        .prop_map(str::to_owned),
        // Characters drawn directly rather than from regular expressions, which are slow to sample.
        chars(
            proptest::sample::select(&b"0123456789.x-"[..]).prop_map(char::from),
            25
        ),
        chars(any::<char>(), 5),
    ];
    proptest::collection::vec(piece, 0..200).prop_map(|pieces| pieces.concat())
}

/// Up to `max` characters from `char`.
fn chars(char: impl Strategy<Value = char>, max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(char, 0..max).prop_map(String::from_iter)
}

/// A valid recipe's text with a random piece cut out and another put in.
fn mutated() -> impl Strategy<Value = String> {
    (
        arbitrary::recipe(),
        any::<prop::sample::Index>(),
        0usize..20,
        soup(),
    )
        .prop_map(|(recipe, at, cut, insert)| {
            let text = print(&recipe);
            let chars: Vec<char> = text.chars().collect();
            let at = at.index(chars.len() + 1);
            let end = (at + cut).min(chars.len());
            let mut out: String = chars[..at].iter().collect();
            out.push_str(&insert);
            out.extend(&chars[end..]);
            out
        })
}

/// Checks what must hold for any text: no panic (by getting here), errors sorted and inside the text,
/// and a successful parse prints canonically.
fn check_any(text: &str) -> Result<(), TestCaseError> {
    match parse(text) {
        Ok(recipe) => {
            let printed = print(&recipe);
            prop_assert_eq!(parse(&printed), Ok(recipe));
            prop_assert_eq!(print(&parse(&printed).unwrap()), printed);
        }
        Err(errors) => {
            prop_assert!(!errors.is_empty() && errors.len() <= MAX_ERRORS + 1);
            prop_assert!(
                errors
                    .windows(2)
                    .all(|w| (w[0].line, w[0].column) <= (w[1].line, w[1].column))
            );
            let lines: Vec<&str> = text.split('\n').collect();
            for ParseError { line, column, .. } in &errors {
                let length = lines.get(line.wrapping_sub(1)).map(|l| l.chars().count());
                prop_assert!(
                    length.is_some_and(|n| *column >= 1 && *column <= n + 1),
                    "{errors:?}"
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn printing_round_trips(recipe in arbitrary::recipe()) {
        let text = print(&recipe);
        prop_assert_eq!(parse(&text), Ok(recipe), "{}", text);
    }

    #[test]
    fn printing_is_canonical(recipe in arbitrary::recipe()) {
        let text = print(&recipe);
        let again = parse(&text).map(|r| print(&r));
        prop_assert_eq!(again, Ok(text));
    }

    #[test]
    fn any_string_parses_or_fails_in_place(text in ".{0,400}") {
        check_any(&text)?;
    }

    #[test]
    fn any_soup_parses_or_fails_in_place(text in soup()) {
        check_any(&text)?;
    }

    #[test]
    fn any_damaged_recipe_parses_or_fails_in_place(text in mutated()) {
        check_any(&text)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Huge texts: a random soup repeated past the size limit, and just under it.
    #[test]
    fn huge_soups_do_not_panic(text in soup(), short in any::<bool>()) {
        let limit = crate::text::limits::MAX_TEXT_BYTES;
        let mut huge = text.repeat(limit / text.len().max(1) + 1);
        if short {
            let mut cut = limit.min(huge.len());
            while !huge.is_char_boundary(cut) {
                cut -= 1;
            }
            huge.truncate(cut);
        }
        check_any(&huge)?;
    }
}
