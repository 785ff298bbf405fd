//! Which lines of a code view a cursor marks, and how strongly: the line of the step on the thread
//! (a `work`, a blocking sleep, the await a poll resumes at) strongly, the lines where other tasks
//! are suspended, ready or starting weakly, so that the eye finds the one the narration speaks of.

use super::CodeView;
use crate::recipe::StepId;
use crate::timeline::State;

/// A marked line of a code view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// The 0-based line.
    pub line: usize,
    /// What the task at that line is doing: its word is the line's class.
    pub state: State,
    /// Whether the line's step holds a thread (running or blocked): it is shown strongly.
    pub strong: bool,
}

impl CodeView {
    /// The lines `steps` mark (each step in progress and its task's state, as the replay lists
    /// them, the thread's first), one mark per line: a line two tasks are at is marked once, by
    /// the stronger, so that a suspended copy never hides the one on the thread.
    pub fn marks(&self, steps: &[(StepId, State)]) -> Vec<Mark> {
        let mut marks: Vec<Mark> = Vec::new();
        for &(step, state) in steps {
            let Some(line) = self.line_of(step) else {
                continue;
            };
            let mark = Mark {
                line,
                state,
                strong: state.holds_thread(),
            };
            match marks.iter_mut().find(|m| m.line == line) {
                Some(seen) if mark.strong && !seen.strong => *seen = mark,
                Some(_) => {}
                None => marks.push(mark),
            }
        }
        marks
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use expect_test::{Expect, expect};

    use crate::code::{Language, code};
    use crate::predict::predict;
    use crate::replay::{Narrator, Replay};
    use crate::trace::{Activity, EventKind, Trace};
    use crate::{Mode, Recipe, lesson};

    /// `trace` as a real clock records it: a busy-wait (a `work`, a blocking sleep) takes a fresh
    /// reading when it begins, a moment after the poll that started it, and everything after it is
    /// that much later.
    fn on_a_real_clock(mut trace: Trace) -> Trace {
        let mut late = 0.0;
        for event in &mut trace.events {
            if let EventKind::StepStart {
                activity: Activity::Work | Activity::Sleep,
                ..
            } = event.kind
            {
                late += 0.1;
            }
            event.at += late;
            if let EventKind::TimerArmed { due, .. } = &mut event.kind {
                *due += late;
            }
        }
        trace.end += late;
        trace
    }

    /// Each stop of the run's sentence, then the lines its cursor marks in `language`: `>` before
    /// the strong one, `~` before the weak ones.
    fn marked(recipe: &Recipe, mode: Mode, trace: &Trace, language: Language) -> String {
        let replay = Replay::new(recipe, mode, trace, true);
        let view = code(recipe, mode, language);
        let narrator = Narrator::new(&replay, recipe, &view);
        let lines: Vec<&str> = view.text.lines().collect();
        let mut out = String::new();
        for stop in 0..replay.stops().len() {
            let sentence = narrator.sentence(stop);
            // The sentence without its time: the two clocks' times differ, the story does not.
            let sentence = sentence.split_once(": ").map_or(&*sentence, |(_, s)| s);
            out.push_str(&format!("{stop} {sentence}\n"));
            let state = replay.state(replay.at_stop(stop), 4);
            for mark in view.marks(&state.lines) {
                let sign = if mark.strong { '>' } else { '~' };
                out.push_str(&format!("  {sign} {}\n", lines[mark.line].trim()));
            }
        }
        out
    }

    /// `recipe`'s marks in `mode`, stop by stop, on the prediction and on a real clock, where a
    /// `work` starts a moment after the poll that begins it: the two must mark the same lines.
    fn check(recipe: &Recipe, mode: Mode, language: Language, expect: Expect) {
        let predicted = predict(recipe, mode);
        let real = marked(recipe, mode, &on_a_real_clock(predicted.clone()), language);
        assert_eq!(
            marked(recipe, mode, &predicted, language),
            real,
            "the two clocks differ"
        );
        expect.assert_eq(&real);
    }

    fn cake() -> Recipe {
        lesson::cake_and_groceries().recipe
    }

    #[test]
    fn cake_gathered_marks_the_thread_s_line_strongly_on_either_clock_in_rust() {
        check(
            &cake(),
            Mode::Gather,
            Language::Rust,
            expect![[r#"
                0 the run begins: main gathers 2 tasks with `join_all`.
                1 main hands cake and groceries to `join_all`: they are ready, waiting for the thread.
                2 cake is polled for the first time and runs `work(15)` (prepare the dough): the thread is busy until 15 min (300 ms).
                  > work(15); // prepare the dough
                3 cake awaits `sleep(45).await` (bake in the oven): it arms a timer due at 60 min (1 200 ms) and returns Pending; it costs the thread nothing until the timer fires.
                  ~ sleep(45).await; // bake in the oven
                4 groceries is polled for the first time and runs `work(20)` (buy groceries): the thread is busy until 35 min (700 ms).
                  > work(20); // buy groceries
                  ~ sleep(45).await; // bake in the oven
                5 groceries returns Ready: groceries is done, 1 of 2 tasks. Nothing is ready: the thread is idle until the next timer, cake's at 60 min (1 200 ms).
                  ~ sleep(45).await; // bake in the oven
                6 cake's timer (bake in the oven) fires; cake is woken and joins the ready queue.
                  ~ sleep(45).await; // bake in the oven
                7 cake is polled again and resumes after `sleep(45).await`.
                8 cake returns Ready: every task is done (2 of 2).
                9 `join_all` returns, and main with it: the run took 60 min (1 200 ms).
            "#]],
        );
    }

    #[test]
    fn cake_gathered_marks_the_thread_s_line_strongly_on_either_clock_in_python() {
        check(
            &cake(),
            Mode::Gather,
            Language::Python,
            expect![[r#"
                0 the run begins: main gathers 2 tasks with `asyncio.gather`.
                1 main hands cake and groceries to `asyncio.gather`: they are ready, waiting for the thread.
                2 cake is run by the loop for the first time and runs `work(15)` (prepare the dough): the thread is busy until 15 min (300 ms).
                  > work(15)  # prepare the dough
                3 cake awaits `await asyncio.sleep(45)` (bake in the oven): it arms a timer due at 60 min (1 200 ms) and suspends; it costs the thread nothing until the timer fires.
                  ~ await asyncio.sleep(45)  # bake in the oven
                4 groceries is run by the loop for the first time and runs `work(20)` (buy groceries): the thread is busy until 35 min (700 ms).
                  > work(20)  # buy groceries
                  ~ await asyncio.sleep(45)  # bake in the oven
                5 groceries returns: groceries is done, 1 of 2 tasks. Nothing is ready: the thread is idle until the next timer, cake's at 60 min (1 200 ms).
                  ~ await asyncio.sleep(45)  # bake in the oven
                6 cake's timer (bake in the oven) fires; cake is woken and joins the ready queue.
                  ~ await asyncio.sleep(45)  # bake in the oven
                7 cake is resumed by the loop after `await asyncio.sleep(45)`.
                8 cake returns: every task is done (2 of 2).
                9 `asyncio.gather` returns, and main with it: the run took 60 min (1 200 ms).
            "#]],
        );
    }

    #[test]
    fn a_blocking_sleep_on_the_thread_is_marked_strongly() {
        check(
            &cake(),
            Mode::BlockingInAsync,
            Language::Python,
            expect![[r#"
                0 the run begins: main gathers 2 tasks with `asyncio.gather`, but their waits block the thread.
                1 main hands cake and groceries to `asyncio.gather`: they are ready, waiting for the thread.
                2 cake is run by the loop for the first time and runs `work(15)` (prepare the dough): the thread is busy until 15 min (300 ms).
                  > work(15)  # prepare the dough
                3 cake runs `time.sleep(45)` (bake in the oven): a blocking sleep inside async code holds the thread until 60 min (1 200 ms), so the loop can run nothing else.
                  > time.sleep(45)  # bake in the oven
                4 cake returns: cake is done, 1 of 2 tasks.
                5 groceries is run by the loop for the first time and runs `work(20)` (buy groceries): the thread is busy until 80 min (1 600 ms).
                  > work(20)  # buy groceries
                6 groceries returns: every task is done (2 of 2).
                7 `asyncio.gather` returns, and main with it: the run took 80 min (1 600 ms).
            "#]],
        );
    }
}
