//! The page's own Python read back: every lesson's Python twin, and those of `twins.txt`, as the
//! file *Download .py* gives, read by the reader and run by its model of asyncio, must print the
//! lines the page predicts for its recipe, in the same order, and take the predicted total. The
//! twins are held to CPython by `code::python::cpython`, and the reader's model of asyncio by
//! `cpython`: this closes the triangle.

use crate::code::python_file;
use crate::lesson;
use crate::mode::Mode;
use crate::recipe::Recipe;
use crate::text;

use super::{asyncio, read};

/// Where asyncio prints in another order than the page (`code::python::cpython`'s `KNOWN`, whose
/// comment says why): the reader's model of asyncio gives asyncio's order.
const KNOWN: &[(&str, Mode, &[&str])] = &[
    ("Yield after a wake", Mode::Gather, &["c worked", "b", "a"]),
    ("Yield after a wake", Mode::Spawn, &["c worked", "b", "a"]),
];

fn recipes() -> Vec<Recipe> {
    let mut all: Vec<Recipe> = lesson::all().into_iter().map(|l| l.recipe).collect();
    for part in include_str!("../code/python/twins.txt").split("\n---\n") {
        all.push(text::parse(part).unwrap_or_else(|e| panic!("twins.txt: {e:?}")));
    }
    all
}

#[test]
fn every_twin_reads_back_to_the_program_the_page_predicts() {
    let mut failures = Vec::new();
    let mut held = 0;
    for recipe in recipes() {
        // The threads twins are `ThreadPoolExecutor` programs, which the learner's Python reader
        // does not read: the twins' step holds them to CPython.
        for mode in Mode::ALL.into_iter().filter(|m| !m.threaded()) {
            let name = format!("{} in {}", recipe.title, mode.id());
            let file = python_file(&recipe, mode, 2);
            let program = match read(&file, None) {
                Ok(program) => program,
                Err(e) => {
                    failures.push(format!("{name}: not read: {e}"));
                    continue;
                }
            };
            let run = asyncio::run(&program);
            if let Some(error) = &run.error {
                failures.push(format!("{name}: raises {error}"));
                continue;
            }
            let trace = crate::predict::predict(&recipe, mode);
            let mut predicted = trace.printed_lines();
            if let Some((_, _, order)) = KNOWN
                .iter()
                .find(|(title, m, _)| *title == recipe.title && *m == mode)
            {
                predicted = order.iter().map(|s| (*s).to_owned()).collect();
            }
            // The file prints its total last, which the page shows on its result card instead.
            let mut lines = run.lines.clone();
            let last = lines.pop().unwrap_or_default();
            let total_ms = run.total * 1000.0;
            if mode == Mode::Processes {
                // Worker processes print when their own clocks say, so lines printed at the same
                // moment on two cooks may come in either order, as `code::python::cpython` holds
                // the twins in CPython: the same lines, and each task's own in its order. The
                // page's prediction adds what starting a cook costs, which this model leaves out.
                let (mut a, mut b) = (lines.clone(), predicted.clone());
                a.sort();
                b.sort();
                if a != b || !last.starts_with("Total time: ") {
                    failures.push(format!("{name}: read {lines:?}, predicted {predicted:?}"));
                } else if total_ms > trace.end + 0.001 {
                    failures.push(format!(
                        "{name}: takes {total_ms} ms, predicted {} ms",
                        trace.end
                    ));
                } else {
                    held += 1;
                }
                continue;
            }
            if lines != predicted || !last.starts_with("Total time: ") {
                failures.push(format!("{name}: read {lines:?}, predicted {predicted:?}"));
            } else if (total_ms - trace.end).abs() > trace.end * 0.001 + 0.001 {
                failures.push(format!(
                    "{name}: takes {total_ms} ms, predicted {} ms",
                    trace.end
                ));
            } else {
                held += 1;
            }
        }
    }
    assert!(failures.is_empty(), "{held} held; {}", failures.join("\n"));
    assert!(held > 100, "only {held} twins were read back");
}
