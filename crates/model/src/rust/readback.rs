//! The page's own Rust read back: every lesson's code view in every mode the editor runs (the
//! Rust the code panel shows, `code::code`), read by the reader, must print the lines the page
//! predicts for the lesson's recipe in that mode, in the same order, and take the predicted
//! total. A view is a browser program (`#[wasm_bindgen(start)] async fn main`), which the reader
//! runs by the browser's rules, the rules the page's own runs follow; its `sleep(n)`, `work(n)`
//! and `blocking_sleep(n)` are the page's, in the unit its first line states, which counts the
//! lesson's real time. The Rust tab's writing of the same lessons (`rust::write`) is held to Tokio
//! by the Tokio step; this closes the code panel's side, as `python::readback` does for the
//! Python views.

use crate::code::{Language, code};
use crate::lesson;
use crate::mode::Mode;
use crate::python::asyncio;
use crate::python::program::Rules;

/// The views the reader refuses, and the words it must give: the More cooks view's tasks run on
/// Web Workers.
const REFUSED: [(Mode, &str); 1] = [(Mode::Processes, "Web Workers")];

#[test]
fn every_lessons_code_view_reads_back_to_the_program_the_page_predicts() {
    let (mut held, mut refused, mut failures) = (0, 0, Vec::new());
    for lesson in lesson::all() {
        let recipe = &lesson.recipe;
        // The threads views are `std::thread` programs, which the learner's Rust reader does not
        // read (the page models no threads of a learner's own).
        for mode in Mode::ALL.into_iter().filter(|m| !m.threaded()) {
            let name = format!("{} in {}", lesson.id, mode.id());
            let view = code(recipe, mode, Language::Rust);
            let read = super::read(&view.text);
            if let Some((_, words)) = REFUSED.iter().find(|(m, _)| *m == mode) {
                match read {
                    Err(e) if e.message.contains(words) => refused += 1,
                    Err(e) => failures.push(format!("{name}: refused with {e}")),
                    Ok(_) => failures.push(format!("{name}: read, and should be refused")),
                }
                continue;
            }
            let program = match read {
                Ok(program) => program,
                Err(e) => {
                    failures.push(format!(
                        "{name}: not read at {}:{}: {}",
                        e.line, e.column, e.message
                    ));
                    continue;
                }
            };
            // Blocking mode's view is a plain `fn main`, which no runtime's rules concern.
            if mode != Mode::Blocking && program.rules != Rules::Asyncio {
                failures.push(format!("{name}: not run by the browser's rules"));
            }
            let run = asyncio::run(&program);
            if let Some(error) = &run.error {
                failures.push(format!("{name}: stops with {error}"));
                continue;
            }
            let trace = crate::predict::predict(recipe, mode);
            let predicted = trace.printed_lines();
            // The program's seconds are the lesson's real seconds, as the view's first line says.
            let total_ms = run.total * 1000.0;
            if run.lines != predicted {
                failures.push(format!(
                    "{name}: prints {:?}, predicted {predicted:?}",
                    run.lines
                ));
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
    assert!(held >= 100, "only {held} views were read back");
    assert_eq!(
        refused,
        lesson::all().len(),
        "every More cooks view is refused"
    );
}
