//! The Rust view's processes mode: the worker entry point every cook runs and the pool `main`
//! starts on the page, written as a learner would for this one recipe.
//!
//! This module owns only those parts of the program and must not write any step: the task bodies
//! are the gather mode's `async fn`s, written by the parent module. Each cook is a Web Worker: its
//! own thread, its own event loop and its own copy of the program's memory, so the page and the
//! cooks only ever exchange messages, and the view says so.

use super::super::shared::{Group, Uses};
use super::super::writer::Writer;
use crate::recipe::Recipe;

/// The imports of the processes view: channels and streams from `futures`, the worker and message
/// types from `web-sys`, `spawn_local` for each cook's own event loop.
pub(super) const IMPORTS: &[&str] = &[
    "use futures::{StreamExt, channel::mpsc};",
    "use wasm_bindgen::prelude::*;",
    "use wasm_bindgen_futures::spawn_local;",
    "use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Url, Worker};",
];

/// What `work`, the sleeps and `yield_now` do on a cook (for those the recipe uses), and what a
/// cook is.
pub(super) fn notes(w: &mut Writer, recipe: &Recipe) {
    let uses = Uses::of(recipe);
    let unit = recipe.unit.symbol();
    if uses.work {
        w.comment(
            0,
            &format!(
                "work(n) computes for n {unit}: the cook's hands are full and its thread is held,"
            ),
        );
        w.comment(
            0,
            "and cooks that share a core take turns on it, so their work takes longer.",
        );
    }
    if uses.wait {
        w.comment(
            0,
            &format!(
                "sleep(n) is a gloo-timers timeout of n {unit}: awaiting it frees the cook's thread \
                 until it fires."
            ),
        );
    }
    if uses.yields {
        w.comment(
            0,
            "yield_now() gives the cook's event loop back once, like Python's asyncio.sleep(0).",
        );
    }
    w.comment(
        0,
        "Each cook is a Web Worker: a thread of its own, with its own event loop and its own copy",
    );
    w.comment(
        0,
        "of this program's memory. Nothing is shared with the page or the other cooks: they only",
    );
    w.comment(
        0,
        "exchange messages, and a cook's work holds its own thread, not the page's.",
    );
}

/// The entry point a cook calls for every task number the page sends: the task run alone on the
/// worker's own event loop, then a message back to say that it is done.
pub(super) fn run_task(w: &mut Writer, groups: &[Group]) {
    w.comment(
        0,
        "In a cook: a two-line loader (importScripts(\"cook.js\"), then wasm_bindgen) loads this",
    );
    w.comment(
        0,
        "module into the worker, which posts one message when it is ready, then calls run_task",
    );
    w.comment(0, "with each task number the page sends.");
    w.line(0, "#[wasm_bindgen]");
    w.line(0, "pub fn run_task(task: usize) {");
    w.comment(
        1,
        "The task runs alone on this worker's own event loop; the cook reports when it is done.",
    );
    w.line(1, "spawn_local(async move {");
    w.line(2, "match task {");
    let mut first = 0u64;
    for group in groups {
        let copies = u64::from(group.copies);
        let numbers = if copies == 1 {
            first.to_string()
        } else {
            format!("{first}..={}", first + copies - 1)
        };
        w.line(3, &format!("{numbers} => {}().await,", group.name));
        first += copies;
    }
    w.line(3, "_ => {}");
    w.line(2, "}");
    w.line(
        2,
        "let worker: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();",
    );
    w.line(2, "worker.post_message(&task.into()).unwrap();");
    w.line(1, "});");
    w.line(0, "}");
}

/// `main`'s body: start `cooks` workers, hand the task numbers out in order, each to the first cook
/// that says it is free, and await every report.
pub(super) fn pool(w: &mut Writer, groups: &[Group], cooks: usize) {
    let tasks: u64 = groups.iter().map(|g| u64::from(g.copies)).sum();
    w.line(1, &format!("const COOKS: usize = {cooks};"));
    w.line(1, &format!("const TASKS: usize = {tasks};"));
    w.comment(
        1,
        "Start the cooks: classic Web Workers, each running cook_loader.js from the page's folder.",
    );
    w.line(
        1,
        "let page = web_sys::window().unwrap().location().href().unwrap();",
    );
    w.line(
        1,
        "let loader = Url::new_with_base(\"./cook_loader.js\", &page).unwrap();",
    );
    w.comment(
        1,
        "Each message from a cook says it is free: once when it is ready, then after each task.",
    );
    w.line(1, "let (free_tx, mut free) = mpsc::unbounded();");
    w.line(1, "let cooks: Vec<Worker> = (0..COOKS)");
    w.line(2, ".map(|cook| {");
    w.line(3, "let worker = Worker::new(&loader.href()).unwrap();");
    w.line(3, "let free_tx = free_tx.clone();");
    w.line(
        3,
        "let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |_: MessageEvent| {",
    );
    w.line(4, "let _ = free_tx.unbounded_send(cook);");
    w.line(3, "});");
    w.line(
        3,
        "worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));",
    );
    w.line(3, "on_message.forget();");
    w.line(3, "worker");
    w.line(2, "})");
    w.line(2, ".collect();");
    w.comment(
        1,
        "Hand the tasks out in order, each to the first cook that is free, and await every report:",
    );
    w.comment(
        1,
        "one message from each cook when it is ready, then one per task.",
    );
    w.line(1, "let mut next = 0;");
    w.line(1, "for _ in 0..COOKS + TASKS {");
    w.line(2, "let cook = free.next().await.unwrap();");
    w.line(2, "if next < TASKS {");
    w.line(3, "cooks[cook].post_message(&next.into()).unwrap();");
    w.line(3, "next += 1;");
    w.line(2, "}");
    w.line(1, "}");
}
