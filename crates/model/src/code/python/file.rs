//! The Python twin as a file: what *Copy* and *Download .py* give a learner, a program that runs as
//! is in CPython 3.8 or later (`python3 cake_gather.py`), prints what the page's console prints, in
//! the same order, and then how long it took.
//!
//! This module owns the parts only the file has: the one `SCALE` that turns the recipe's units into
//! seconds of real time (the page's own scale unless the learner edits it), a `work` that really
//! holds the thread, `main` timed with `time.perf_counter()`, and the file's name. The steps and
//! `main` are the view's, written by the parent module with their waits scaled; this module must not
//! write any step. In the processes mode the header's `SCALE` and `work` are that mode's own
//! ([`super::processes`]), and only the timing is added here.

use super::super::shared::Uses;
use super::super::writer::Writer;
use super::Form;
use crate::format::Short;
use crate::mode::Mode;
use crate::recipe::{Recipe, Unit};

/// The longest stem a file name gets before its mode, in characters.
const MAX_STEM: usize = 40;

/// `SCALE`, then `work` when the recipe works, after the imports of the file's header.
///
/// `work` busy-waits on `time.perf_counter()`, the wall clock, as the page busy-waits on
/// `performance.now()`: it holds the thread, CPU-bound, for as long as the step lasts.
pub(super) fn scale_and_work(w: &mut Writer, recipe: &Recipe) {
    let unit = recipe.unit.symbol();
    w.line(0, "");
    w.commented(
        0,
        &format!("SCALE = {} / 1000", Short(recipe.scale_ms)),
        Some(&format!("seconds of real time in 1 {unit}, as on the page")),
    );
    w.gap();
    if Uses::of(recipe).work {
        w.line(0, "def work(units):");
        w.comment(
            1,
            "A busy loop: the thread computes until the time is up and can do nothing else.",
        );
        w.line(1, "end = time.perf_counter() + units * SCALE");
        w.line(1, "while time.perf_counter() < end:");
        w.line(2, "pass");
        w.gap();
    }
}

/// The statement that runs `main` at `depth`; in the file, timed, and the total printed in the
/// recipe's unit with the real milliseconds beside, as the page writes an instant
/// ([`crate::format::instant`]): `Total time: 60.1 min (1202 ms)`, or `Total time: 50.3 ms`
/// when a unit is a real millisecond.
pub(super) fn run(w: &mut Writer, depth: usize, call: &str, recipe: &Recipe, form: Form) {
    if form == Form::View {
        w.line(depth, call);
        return;
    }
    let unit = recipe.unit.symbol();
    w.line(depth, "start = time.perf_counter()");
    w.line(depth, call);
    w.line(depth, "elapsed = time.perf_counter() - start");
    let total = if recipe.unit == Unit::Ms && recipe.scale_ms == 1.0 {
        format!("print(f\"Total time: {{elapsed / SCALE:.1f}} {unit}\")")
    } else {
        format!(
            "print(f\"Total time: {{elapsed / SCALE:.1f}} {unit} ({{elapsed * 1000:.0f}} ms)\")"
        )
    };
    w.line(depth, &total);
}

/// The file's name: the lesson's id, or else the recipe's title, made safe, then the mode, such as
/// `cake_gather.py` or `my_recipe_blocking_in_async.py`.
///
/// Safe means lower case ASCII letters and digits, every run of other characters one `_`, none at
/// either end, at most [`MAX_STEM`] characters; a title with nothing left gives `recipe`. The name
/// is also a valid module name when it does not begin with a digit.
pub(in crate::code) fn file_name(lesson: Option<&str>, title: &str, mode: Mode) -> String {
    let mut stem = safe(lesson.unwrap_or(title));
    if stem.len() > MAX_STEM {
        stem.truncate(MAX_STEM);
        stem.truncate(stem.trim_end_matches('_').len());
    }
    if stem.is_empty() {
        stem.push_str("recipe");
    }
    format!("{stem}_{}.py", safe(mode.id()))
}

/// `text` in lower case ASCII letters and digits, every run of other characters one `_`, trimmed.
fn safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    out.truncate(out.trim_end_matches('_').len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_named_after_the_lesson_or_the_title_and_the_mode() {
        assert_eq!(
            file_name(Some("cake"), "Cake and groceries", Mode::Gather),
            "cake_gather.py"
        );
        assert_eq!(
            file_name(Some("sleep-and-print"), "x", Mode::BlockingInAsync),
            "sleep_and_print_blocking_in_async.py"
        );
        assert_eq!(
            file_name(None, "count(): One … Two", Mode::NeverAwaited),
            "count_one_two_never_awaited.py"
        );
        assert_eq!(
            file_name(None, "  Ünïcode!! ", Mode::Spawn),
            "n_code_spawn.py"
        );
        assert_eq!(file_name(None, "…", Mode::Blocking), "recipe_blocking.py");
        let long = file_name(None, &"ab_".repeat(30), Mode::Gather);
        assert_eq!(long, format!("{}_gather.py", "ab_".repeat(13) + "a"));
        assert!(long.len() <= MAX_STEM + "_gather.py".len());
    }
}
