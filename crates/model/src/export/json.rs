//! JSON as the page writes it on every visit: saved work, the exercises' progress and the messages
//! an embedded lesson posts to its course page, written by hand.
//!
//! This file owns the few rules those need — a string quoted, with `"`, `\` and the control
//! characters escaped as JSON requires; a number as `serde_json` writes it, `null` when it is not
//! finite (JSON has no NaN) — and the shapes written with them that
//! belong to no other module ([`progress`]). Why by hand: `serde_json` and each `Serialize` impl it
//! is given were 2 KB gzip of the page's first look, for a handful of flat objects. The full
//! export of a run, which only a learner who saves one needs, still goes through `serde_json`
//! ([`super::to_json`], in its own chunk). Tests hold every writer here to `serde_json` reading it.

use std::fmt::Write as _;

use crate::exercise::progress::LessonProgress;

/// Appends `text` as a JSON string.
pub fn string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `text` as a JSON string.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    string(&mut out, text);
    out
}

/// Appends `,"name":`, the start of an object's field after its first.
pub fn field(out: &mut String, name: &str) {
    out.push_str(",\"");
    out.push_str(name);
    out.push_str("\":");
}

/// Appends `text` as a JSON string, or `null`.
pub fn optional(out: &mut String, text: Option<&str>) {
    match text {
        Some(text) => string(out, text),
        None => out.push_str("null"),
    }
}

/// Appends `x` as `serde_json` writes it (the shortest text that reads back as `x`, by the same
/// `zmij`: `1200.0`, `0.5`, `1e-7`), or `null` when it is not finite.
pub fn number(out: &mut String, x: f64) {
    if x.is_finite() {
        out.push_str(zmij::Buffer::new().format_finite(x));
    } else {
        out.push_str("null");
    }
}

/// Appends `lessons`' records as a JSON array: each `{"lesson":…,"exercises":[{"attempts":…,
/// "solved":…},…]}`, the exercises' progress as the page keeps it and a course page's SPLICE state.
pub fn progress<'a>(out: &mut String, lessons: impl IntoIterator<Item = &'a LessonProgress>) {
    out.push('[');
    for (i, lesson) in lessons.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        record(out, lesson);
    }
    out.push(']');
}

/// Appends one lesson's record (see [`progress`]).
pub fn record(out: &mut String, lesson: &LessonProgress) {
    out.push_str("{\"lesson\":");
    string(out, &lesson.lesson);
    out.push_str(",\"exercises\":[");
    for (i, tally) in lesson.exercises.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            "{{\"attempts\":{},\"solved\":{}}}",
            tally.attempts, tally.solved
        );
    }
    out.push_str("]}");
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::exercise::progress::Tally;

    #[test]
    fn strings_and_numbers_are_read_back_by_serde_json_as_written() {
        let awkward =
            "quote \" backslash \\ tab \t bell \u{7} nul \u{0} del \u{7f} é 😀 </script>\r\n";
        let text = quoted(awkward);
        let back: String = serde_json::from_str(&text).expect("a JSON string");
        assert_eq!(back, awkward);
        assert_eq!(text, serde_json::to_string(awkward).expect("serde_json's"));
        for x in [0.0, -0.0, 0.5, 1.0 / 3.0, 1e-7, 1606.0, 2.5e21, f64::MAX] {
            let mut out = String::new();
            number(&mut out, x);
            let back: f64 = serde_json::from_str(&out).expect("a JSON number");
            assert_eq!(back.to_bits(), x.to_bits(), "{x} written {out}");
            assert_eq!(out, serde_json::to_string(&x).expect("serde_json's"));
        }
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let mut out = String::new();
            number(&mut out, x);
            assert_eq!(out, "null");
        }
    }

    #[test]
    fn progress_is_the_json_serde_writes() {
        let lessons = [
            LessonProgress {
                lesson: "count".into(),
                exercises: vec![
                    Tally {
                        attempts: 1,
                        solved: true,
                    },
                    Tally::default(),
                ],
            },
            LessonProgress {
                lesson: "a \"b\"".into(),
                exercises: Vec::new(),
            },
        ];
        let mut out = String::new();
        progress(&mut out, &lessons);
        assert_eq!(out, serde_json::to_string(&lessons).expect("serde_json's"));
    }
}
