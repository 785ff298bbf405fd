//! A cook's side: the worker that receives a recipe, then one task at a time, runs each on its own
//! event loop, and reports every fact back to the page; or, in the threads mode, runs each as a
//! plain function taking turns on the GIL the page keeps (`thread`); or, for a learner's program,
//! one worker process's job at a time (`process`).
//!
//! Inside a cook everything is as on the page in the async modes, because it is the same code: the
//! task is `runtime::interpret`'s async function, wrapped by `Traced`, driven by `spawn_local` on
//! the worker's own loop; `wait` is a real timer of the worker's own timer queue and `work` a real
//! busy-wait on the worker's own thread. Facts are stamped on the worker's clock and sent in the
//! wire format; the page moves them onto its own. A panic is reported before the worker dies.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Interval;
use js_sys::{Array, Float64Array, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::pool::message;
use crate::interpret::{Ctx, run_async};
use crate::recorder::Recorder;
use crate::traced::Traced;
use crate::{busy, clock};
use kitchen_model::cooks::{job, wire};
use kitchen_model::{Routine, text};

/// How often a cook sends what it has recorded while a task runs, so the page can draw it live.
pub(super) const FLUSH_MS: u32 = 100;
/// How long a cook computes when it starts, so that its first task's work does not wait for the
/// engine to compile the code that does it. (The engine's optimising compiler takes over later,
/// a few hundred milliseconds into a cook's computing: too long to wait for at every start.)
const WARM_UP_MS: f64 = 10.0;

thread_local! {
    /// The recipe this cook runs tasks of, once the page has sent it.
    static RECIPE: RefCell<Option<Rc<Ctx>>> = const { RefCell::new(None) };
}

/// Runs the cook: listens to the page and tells it the cook is ready. Called by the cook's `main`.
pub fn serve() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    std::panic::set_hook(Box::new(|info| {
        send(&message(&[
            ("k", "error".into()),
            ("message", info.to_string().into()),
        ]));
    }));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| heard(&e.data()));
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The listener lives as long as the worker does.
    on_message.forget();
    // Computing a while brings the engine's optimising compiler in before the first task's work
    // (that time is part of the cook's start-up).
    busy::warm_up(WARM_UP_MS);
    send(&message(&[
        ("k", "ready".into()),
        ("origin", clock::origin().into()),
    ]));
}

fn heard(data: &JsValue) {
    let field = |name: &str| Reflect::get(data, &JsValue::from_str(name)).ok();
    match field("k").and_then(|k| k.as_string()).as_deref() {
        Some("recipe") => {
            let text = field("text")
                .and_then(|t| t.as_string())
                .unwrap_or_default();
            let rate = field("rate").and_then(|r| r.as_f64()).filter(|r| *r > 0.0);
            match text::parse(&text) {
                Ok(recipe) => RECIPE.with(|r| {
                    *r.borrow_mut() = Some(Rc::new(Ctx {
                        recipe,
                        recorder: Recorder::new(),
                        rounds_per_ms: rate,
                    }))
                }),
                Err(errors) => fail(&format!("the recipe did not parse: {:?}", errors.first())),
            }
        }
        Some("job") => {
            let task = field("task").and_then(|t| t.as_f64()).unwrap_or(-1.0);
            match RECIPE.with(|r| r.borrow().clone()) {
                Some(ctx) if task >= 0.0 => {
                    wasm_bindgen_futures::spawn_local(run(ctx, task as usize))
                }
                _ => fail("a task came before its recipe"),
            }
        }
        Some("thread") => {
            let task = field("task").and_then(|t| t.as_f64()).unwrap_or(-1.0);
            let free = field("free").and_then(|f| f.as_bool()).unwrap_or(false);
            let rate = field("rate").and_then(|r| r.as_f64()).filter(|r| *r > 0.0);
            let shared = field("gil").and_then(super::shared_gil::from_message);
            match (RECIPE.with(|r| r.borrow().clone()), rate) {
                (Some(ctx), Some(rate)) if task >= 0.0 => wasm_bindgen_futures::spawn_local(
                    super::thread::run(ctx, task as usize, free, rate, shared),
                ),
                _ => fail("a thread's task came before its recipe, or without its rate"),
            }
        }
        Some("take") => super::thread::taken(field("for").and_then(|f| f.as_f64())),
        Some("drop") => super::thread::drop_asked(),
        Some("process") => {
            let (numbers, texts) = job_lists(field("job"));
            let task = field("task").and_then(|t| t.as_f64()).unwrap_or(-1.0);
            let rate = field("rate").and_then(|r| r.as_f64()).filter(|r| *r > 0.0);
            match (job::decode(&numbers, &texts), rate) {
                (Ok(steps), Some(rate)) if task >= 0.0 => wasm_bindgen_futures::spawn_local(
                    super::process::run(steps, task as usize, rate),
                ),
                (Err(why), _) => fail(&format!("the page sent a job the cook cannot read: {why}")),
                _ => fail("the page sent a job without its task or rate"),
            }
        }
        // The bench's measure of a message's round trip.
        Some("ping") => send(&message(&[("k", "pong".into())])),
        // A test of how the page reports a cook that fails.
        Some("fault") => panic!("this cook was asked to fail"),
        _ => {}
    }
}

/// A job's two lists, from the JSON text the page wrote (`model::cooks::job::to_json`); empty
/// lists for what is not there, which the job's reader then refuses or reads as nothing to do.
fn job_lists(text: Option<JsValue>) -> (Vec<f64>, Vec<String>) {
    let job = text
        .and_then(|j| j.as_string())
        .and_then(|j| js_sys::JSON::parse(&j).ok())
        .unwrap_or(JsValue::NULL);
    let list = |name: &str| {
        Reflect::get(&job, &JsValue::from_str(name))
            .ok()
            .filter(Array::is_array)
            .map(|value| Array::from(&value))
    };
    let numbers = list("numbers")
        .map(|n| Float64Array::new(&n).to_vec())
        .unwrap_or_default();
    let texts = list("texts")
        .map(|t| {
            t.iter()
                .map(|t| t.as_string().unwrap_or_default())
                .collect()
        })
        .unwrap_or_default();
    (numbers, texts)
}

/// Runs task instance `task` on this cook's loop, reporting facts as it goes and when it ends.
async fn run(ctx: Rc<Ctx>, task: usize) {
    let Some(instance) = ctx.recipe.instance(task) else {
        fail("the page sent a task the recipe does not have");
        return;
    };
    let flusher = {
        let recorder = ctx.recorder.clone();
        Interval::new(FLUSH_MS, move || report(&recorder, task, false))
    };
    let routine = Routine::Task(instance.task);
    Traced::new(
        task,
        ctx.recorder.clone(),
        run_async(&ctx, task, routine, false),
    )
    .await;
    drop(flusher);
    report(&ctx.recorder, task, true);
}

/// Sends the page every fact recorded since the last report.
pub(super) fn report(recorder: &Recorder, task: usize, done: bool) {
    let events = recorder.drain();
    if events.is_empty() && !done {
        return;
    }
    let (mut numbers, mut texts) = (Vec::new(), Vec::new());
    for event in &events {
        wire::encode(event, &mut numbers, &mut texts);
    }
    let texts: Array = texts.iter().map(|t| JsValue::from_str(t)).collect();
    send(&message(&[
        ("k", "facts".into()),
        ("task", (task as f64).into()),
        ("done", done.into()),
        ("numbers", Float64Array::from(numbers.as_slice()).into()),
        ("texts", texts.into()),
    ]));
}

pub(super) fn fail(why: &str) {
    send(&message(&[("k", "error".into()), ("message", why.into())]));
}

fn send(message: &JsValue) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let _ = scope.post_message(message);
}
