//! Tests of the recipe text format, native only (the property tests use proptest).
//!
//! `good` and `bad` are tables of texts with the canonical print or the exact errors they must give;
//! `limits` builds texts just inside and just outside each limit; `props` checks round trips and that
//! no input makes `parse` panic.

mod bad;
mod good;
mod limits;
mod props;
mod reference;

use super::{parse, print};

/// Parses `input` and checks that it prints as `expect` (leading indentation of `expect` removed), and
/// that the printed text is canonical: it parses to the same recipe and prints the same again.
#[track_caller]
fn check(input: &str, expect: &str) {
    let recipe = match parse(input) {
        Ok(recipe) => recipe,
        Err(errors) => panic!("{input:?} did not parse:\n{}", lines(&errors)),
    };
    let printed = print(&recipe);
    assert_eq!(printed, dedent(expect), "printing {input:?}");
    assert_eq!(
        parse(&printed).as_ref(),
        Ok(&recipe),
        "re-parsing {printed:?}"
    );
}

/// Parses every input of the table and checks that each fails with exactly its errors, one `Display`
/// per line; reports every mismatch of the table at once.
#[track_caller]
fn check_errs(table: &[(&str, &str)]) {
    let mut mismatches = Vec::new();
    for (input, expect) in table {
        match parse(input) {
            Ok(recipe) => mismatches.push(format!("{input:?} parsed: {recipe:?}")),
            Err(errors) if lines(&errors) != expect.trim() => mismatches.push(format!(
                "{input:?}\n  expected: {}\n  found:    {}",
                expect.trim(),
                lines(&errors)
            )),
            Err(_) => {}
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
}

fn lines(errors: &[super::ParseError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Removes the indentation of the first non-blank line from every line, and the leading blank lines,
/// so that expected texts can be indented inside the tables.
fn dedent(text: &str) -> String {
    let text = text.trim_start_matches('\n').trim_end_matches(' ');
    let indent = text.len() - text.trim_start_matches(' ').len();
    let mut out = String::new();
    for line in text.lines() {
        out.push_str(line.get(indent..).unwrap_or(line.trim_start()));
        out.push('\n');
    }
    out
}
