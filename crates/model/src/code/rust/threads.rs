//! The Rust view's threads mode: the tasks as plain `fn`s on a pool of threads, taking turns on a
//! `Mutex` named `GIL` to compute, as CPython's threads take turns on theirs.
//!
//! This module owns the parts only that program has: what `work` and `sleep` do there, the lock,
//! and the pool `main` starts. The task bodies are plain functions written by the parent module; it
//! must not write any step. Rust itself needs no such lock, and the view says so: without it the
//! threads compute at once, which is what free-threaded Python does.

use super::super::names::Names;
use super::super::shared::{Body, Group, Uses, groups, time_scale};
use super::super::writer::Writer;
use super::super::{CodeView, Language};
use super::function;
use crate::recipe::{Recipe, Routine};

/// The program on a pool of `threads` threads; `free`: without the lock, as free-threaded Python's
/// threads run.
pub(super) fn program(recipe: &Recipe, threads: usize, free: bool) -> CodeView {
    let names = Names::new(recipe);
    let mut w = Writer::new(Language::Rust);
    let work = Uses::of(recipe).work && !free;
    w.comment(0, &time_scale(recipe));
    notes(&mut w, recipe, free);
    w.line(0, "");
    // `Mutex` only for the lock, which only `work` takes.
    for import in &IMPORTS[usize::from(!work)..] {
        w.line(0, import);
    }
    w.gap();
    if work {
        gil(&mut w);
        w.gap();
    }
    // Helpers first, so the program reads from the small pieces up to `main`.
    let helpers = (0..recipe.helpers.len()).map(Routine::Helper);
    for routine in helpers.chain((0..recipe.tasks.len()).map(Routine::Task)) {
        function(&mut w, recipe, &names, routine, Body::Threads);
        w.gap();
    }
    let groups = groups(recipe, &names);
    if groups.is_empty() {
        w.line(0, "fn main() {}");
    } else {
        w.line(0, "fn main() {");
        pool(&mut w, &groups, threads);
        w.line(0, "}");
    }
    w.finish()
}

/// The imports of the threads view.
const IMPORTS: &[&str] = &[
    "use std::sync::Mutex;",
    "use std::sync::atomic::{AtomicUsize, Ordering};",
    "use std::thread;",
];

/// What `work`, `sleep` and the lock do, for those the recipe uses.
fn notes(w: &mut Writer, recipe: &Recipe, free: bool) {
    let uses = Uses::of(recipe);
    let unit = recipe.unit.symbol();
    if uses.work && free {
        w.comment(
            0,
            &format!(
                "work(n) computes for n {unit}, holding no lock: the threads compute at once,"
            ),
        );
        w.comment(
            0,
            "as far as the cores go, as free-threaded Python's (3.13t and later) do.",
        );
    } else if uses.work {
        w.comment(
            0,
            &format!(
                "work(n) computes for n {unit} with the GIL locked, handing it over every 5 ms when another"
            ),
        );
        w.comment(0, "thread waits for it, as CPython's threads do.");
    }
    if uses.wait || uses.yields {
        w.comment(
            0,
            &format!(
                "sleep(n) is thread::sleep for n {unit}: the thread holds no lock while it sleeps."
            ),
        );
    }
    w.comment(0, "Each thread is a Web Worker in the page.");
    if uses.work && !free {
        w.comment(
            0,
            "Rust itself needs no GIL: take the lock out of work and the threads compute at once,",
        );
        w.comment(0, "as free-threaded Python's (3.13t and later) do.");
    }
}

/// The lock every thread takes to compute.
fn gil(w: &mut Writer) {
    w.comment(
        0,
        "Python's global interpreter lock: one thread at a time may hold it.",
    );
    w.line(0, "static GIL: Mutex<()> = Mutex::new(());");
}

/// `main`'s body: the task list and a pool of `threads` threads, each taking the next task until
/// none is left, as `ThreadPoolExecutor`'s threads do; the scope waits for them all.
fn pool(w: &mut Writer, groups: &[Group], threads: usize) {
    w.line(1, &format!("const THREADS: usize = {threads};"));
    let total: u64 = groups.iter().map(|g| u64::from(g.copies)).sum();
    if groups.iter().all(|g| g.copies == 1) {
        let names: Vec<&str> = groups.iter().map(|g| g.name).collect();
        w.line(
            1,
            &format!("let tasks: [fn(); {total}] = [{}];", names.join(", ")),
        );
    } else {
        w.line(1, "let mut tasks: Vec<fn()> = Vec::new();");
        for group in groups {
            if group.copies == 1 {
                w.line(1, &format!("tasks.push({});", group.name));
            } else {
                w.line(1, &format!("for _ in 0..{} {{", group.copies));
                w.line(2, &format!("tasks.push({});", group.name));
                w.line(1, "}");
            }
        }
    }
    w.comment(
        1,
        "Each thread takes the next task until none is left: in order, to the first one free.",
    );
    w.line(1, "let next = AtomicUsize::new(0);");
    w.line(1, "thread::scope(|s| {");
    w.line(2, "for _ in 0..THREADS {");
    w.line(3, "s.spawn(|| {");
    w.line(
        4,
        "while let Some(task) = tasks.get(next.fetch_add(1, Ordering::Relaxed)) {",
    );
    w.line(5, "task();");
    w.line(4, "}");
    w.line(3, "});");
    w.line(2, "}");
    w.line(1, "});");
}
