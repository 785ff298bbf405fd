//! The Python view's processes mode: the `ProcessPoolExecutor` program a learner would write for
//! this one recipe, which runs as is in CPython and prints what the page's console prints.
//!
//! This module owns the parts only that program has: the real `work` and the one `SCALE` that turn
//! units into seconds, the `cook` each worker process runs (its output flushed line by line), the
//! pool in `main` and the `__main__` guard. The task bodies are the gather mode's `async def`s with
//! their waits scaled, written by the parent module; this module must not write any step.

use super::super::shared::{Group, Uses, time_scale};
use super::super::writer::Writer;
use super::{Form, LINE_WIDTH, file};
use crate::format::Short;
use crate::recipe::Recipe;

/// The comments, the imports, `SCALE` and `work`, each only when the recipe needs it; the file
/// always reads the clock and defines `SCALE`, for its total.
///
/// `work` counts the thread's CPU time (`time.thread_time`) rather than the wall clock, so that it is
/// CPU-bound work for real: a loop on `time.perf_counter` would end on time even while its process
/// shared a core, or its thread waited for the GIL, and threads would then seem to speed it up.
pub(super) fn header(w: &mut Writer, recipe: &Recipe, form: Form) {
    let uses = Uses::of(recipe);
    let unit = recipe.unit.symbol();
    w.comment(0, &time_scale(recipe));
    if uses.work {
        w.comment(
            0,
            &format!(
                "work(n) computes for n {unit} of the cook's CPU time: a busy loop, its hands are full."
            ),
        );
    }
    if uses.wait {
        w.comment(
            0,
            &format!(
                "asyncio.sleep(n * SCALE) suspends the coroutine for n {unit}: the process is free \
                 meanwhile."
            ),
        );
    }
    if uses.yields {
        w.comment(
            0,
            "asyncio.sleep(0) gives the process's event loop back once without waiting.",
        );
    }
    for line in [
        "Each cook is a worker process with its own interpreter, event loop and memory: nothing is",
        "shared with main or the other cooks. Threads (ThreadPoolExecutor) would not speed work up:",
        "CPython's GIL lets only one thread run Python code at a time. Each process has its own GIL,",
        "so the cooks' work runs in parallel, as far as the machine has cores.",
    ] {
        w.comment(0, line);
    }
    w.line(0, "import asyncio");
    w.line(0, "import concurrent.futures");
    if uses.prints {
        w.line(0, "import sys");
    }
    let timed = form == Form::File;
    if uses.work || timed {
        w.line(0, "import time");
    }
    if uses.work || uses.wait || timed {
        scale(w, recipe);
    } else {
        w.gap();
    }
    if uses.work {
        cpu_work(w);
    }
}

/// `SCALE`, the seconds of real time in one of the recipe's units, after the imports. Inlined: the
/// page's first look writes only the processes view, and a call would cost it bytes.
#[inline(always)]
pub(super) fn scale(w: &mut Writer, recipe: &Recipe) {
    w.line(0, "");
    w.commented(
        0,
        &format!("SCALE = {} / 1000", Short(recipe.scale_ms)),
        Some(&format!(
            "seconds of real time in 1 {}",
            recipe.unit.symbol()
        )),
    );
    w.gap();
}

/// `work` on the thread's CPU time (see [`header`]), inlined as [`scale`] is.
#[inline(always)]
pub(super) fn cpu_work(w: &mut Writer) {
    w.line(0, "def work(units):");
    w.comment(
        1,
        "CPU time, not the wall clock: a cook that shares its core with another, or a thread",
    );
    w.comment(
        1,
        "waiting for the GIL, gets no further with its work meanwhile.",
    );
    w.line(1, "end = time.thread_time() + units * SCALE");
    w.line(1, "while time.thread_time() < end:");
    w.line(2, "pass");
    w.gap();
}

/// The function every worker process runs for each task it is handed.
///
/// When the recipe prints, it first makes the process's output line-buffered. The processes share
/// one terminal, each with a buffer of its own: a block-buffered process would let its lines out only
/// when it ends, out of the order they were printed in, and an unbuffered one (`python -u`) writes a
/// line's text and its newline apart, so two cooks printing at once could mix their lines.
pub(super) fn cook(w: &mut Writer, recipe: &Recipe) {
    w.line(0, "def cook(task):");
    w.comment(
        1,
        "In a worker process: the task runs alone on this process's own event loop.",
    );
    if Uses::of(recipe).prints {
        w.comment(
            1,
            "Each process has its own output buffer: flushed line by line, every print reaches",
        );
        w.comment(1, "the terminal whole and when it happens.");
        w.line(
            1,
            "sys.stdout.reconfigure(line_buffering=True, write_through=False)",
        );
    }
    w.line(1, "asyncio.run(task())");
}

/// `main`'s body: a pool of `cooks` processes, every task submitted in order with
/// `run_in_executor`, and every result awaited.
pub(super) fn pool(w: &mut Writer, groups: &[Group], cooks: usize) {
    w.line(1, "loop = asyncio.get_running_loop()");
    w.comment(
        1,
        "The pool hands the tasks out in order, each to the first cook that is free.",
    );
    tasks(w, groups);
    w.line(
        1,
        &format!("with concurrent.futures.ProcessPoolExecutor(max_workers={cooks}) as pool:"),
    );
    w.line(
        2,
        "await asyncio.gather(*(loop.run_in_executor(pool, cook, task) for task in tasks))",
    );
}

/// The list of every task instance: `[a, b] + [c] * 3` on one line, or one item per line (copies
/// unpacked, `*[c] * 3`) when that is too long.
pub(super) fn tasks(w: &mut Writer, groups: &[Group]) {
    let mut parts: Vec<String> = Vec::new();
    let mut singles: Vec<&str> = Vec::new();
    for group in groups {
        if group.copies == 1 {
            singles.push(group.name);
        } else {
            if !singles.is_empty() {
                parts.push(format!("[{}]", singles.join(", ")));
                singles.clear();
            }
            parts.push(format!("[{}] * {}", group.name, group.copies));
        }
    }
    if !singles.is_empty() || parts.is_empty() {
        parts.push(format!("[{}]", singles.join(", ")));
    }
    let one_line = format!("tasks = {}", parts.join(" + "));
    if 4 + one_line.chars().count() <= LINE_WIDTH {
        w.line(1, &one_line);
        return;
    }
    w.line(1, "tasks = [");
    for group in groups {
        if group.copies == 1 {
            w.line(2, &format!("{},", group.name));
        } else {
            w.line(2, &format!("*[{}] * {},", group.name, group.copies));
        }
    }
    w.line(1, "]");
}

/// The `__main__` guard around `asyncio.run(main())`, timed in the file.
pub(super) fn guard(w: &mut Writer, recipe: &Recipe, form: Form) {
    w.line(0, "if __name__ == \"__main__\":");
    w.comment(
        1,
        "Worker processes started with the spawn method import this file; the guard",
    );
    w.comment(1, "keeps them from running main again.");
    file::run(w, 1, "asyncio.run(main())", recipe, form);
}
