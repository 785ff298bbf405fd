//! The Python view's threads mode: the `ThreadPoolExecutor` program a learner would write for this
//! one recipe, plain `def`s with `time.sleep`, and what the GIL does to it.
//!
//! This module owns the parts only that program has: the header that says what the GIL does (and
//! that free-threaded Python has none), and the pool in `main`. The task bodies are the blocking
//! mode's plain functions, written by the parent module; this module must not write any step. The
//! file's `work` counts the thread's CPU time, as the processes mode's does
//! ([`super::processes::cpu_work`]): a thread that waits for the GIL gets no further with it.

use super::super::names::Names;
use super::super::shared::{Group, Uses, groups, time_scale};
use super::super::writer::Writer;
use super::super::{CodeView, Language};
use super::{Form, file, function, processes};
use crate::mode::Mode;
use crate::recipe::{Recipe, Routine};

/// The program on a pool of `threads` threads, in `form`; `free`: said to be run by a free-threaded
/// Python.
pub(super) fn program(recipe: &Recipe, threads: usize, form: Form, free: bool) -> CodeView {
    let names = Names::new(recipe);
    let mut w = Writer::new(Language::Python);
    header(&mut w, recipe, form, free);
    // Helpers first, so the program reads from the small pieces up to `main`.
    let helpers = (0..recipe.helpers.len()).map(Routine::Helper);
    for routine in helpers.chain((0..recipe.tasks.len()).map(Routine::Task)) {
        function(&mut w, recipe, &names, routine, Mode::Threads, form);
        w.gap();
    }
    w.line(0, "def main():");
    let groups = groups(recipe, &names);
    if groups.is_empty() {
        w.line(1, "pass");
    } else {
        pool(&mut w, &groups, threads);
    }
    w.gap();
    file::run(&mut w, 0, "main()", recipe, form);
    w.finish()
}

/// The comments, the imports, and in the file `SCALE` and `work`.
fn header(w: &mut Writer, recipe: &Recipe, form: Form, free: bool) {
    let uses = Uses::of(recipe);
    let unit = recipe.unit.symbol();
    let n = match form {
        Form::View => "n",
        Form::File => "n * SCALE",
    };
    w.comment(0, &time_scale(recipe));
    if uses.work {
        w.comment(
            0,
            &format!("work(n) computes for n {unit}, holding the GIL: a busy loop, the cook's hands are full."),
        );
    }
    if uses.wait {
        w.comment(
            0,
            &format!("time.sleep({n}) puts the thread to sleep for n {unit}, and lets the GIL go meanwhile."),
        );
    }
    if uses.yields {
        w.comment(
            0,
            "time.sleep(0) lets the GIL go and asks for it again: another thread may take its turn.",
        );
    }
    if uses.prints {
        w.comment(
            0,
            "print(\"...\\n\", end=\"\") writes a line and its newline at once: threads printing together",
        );
        w.comment(0, "cannot mix their lines.");
    }
    for line in [
        "Each task is a plain function on a thread of the pool, and the operating system decides",
        "when each thread runs. CPython's GIL lets one thread run Python at a time: a thread that",
        "computes hands it over every 5 ms (sys.getswitchinterval()) when another asks for it.",
        "Free-threaded Python (3.13t and later) has no GIL: its threads compute at once.",
    ] {
        w.comment(0, line);
    }
    if free {
        w.comment(
            0,
            "Run this with python3.13t or later (python3.13t file.py): the same program, no GIL.",
        );
    }
    w.line(0, "import concurrent.futures");
    if uses.work || uses.wait || uses.yields || form == Form::File {
        w.line(0, "import time");
    }
    if form == Form::File {
        processes::scale(w, recipe);
        if uses.work {
            processes::cpu_work(w);
        }
    } else {
        w.gap();
    }
}

/// `main`'s body: a pool of `threads` threads, every task submitted in order; leaving the `with`
/// block waits for them all.
fn pool(w: &mut Writer, groups: &[Group], threads: usize) {
    w.comment(
        1,
        "The pool hands the tasks out in order, each to the first thread that is free;",
    );
    w.comment(
        1,
        "leaving the with block waits until every task has returned.",
    );
    processes::tasks(w, groups);
    w.line(
        1,
        &format!("with concurrent.futures.ThreadPoolExecutor(max_workers={threads}) as pool:"),
    );
    w.line(2, "for task in tasks:");
    w.line(3, "pool.submit(task)");
}
