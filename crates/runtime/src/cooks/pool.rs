//! The page's pool of cooks: the Web Workers it has started, kept from run to run, and what they say.
//!
//! A cook is a classic worker that loads `cook.js` and `cook_bg.wasm` (which Trunk writes beside the
//! page), resolved against the page's own address so that the site works from any sub-path. Starting one
//! costs its worker's load and compile, so the pool keeps its cooks between runs; cancelling a run
//! terminates them all, and the next run starts a new pool. This module owns the workers and their
//! listeners; what a run does with its cooks is `dispatch`'s.

use std::cell::RefCell;

use futures::channel::mpsc::UnboundedSender;
use js_sys::{Array, Float64Array, Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ErrorEvent, MessageEvent, Worker};

/// The cook's code beside the page, as Trunk writes it: the glue and the wasm of the `cook` binary.
const GLUE: &str = "cook.js";
const WASM: &str = "cook_bg.wasm";

/// What a cook said, as the run in progress hears it.
#[derive(Debug)]
pub enum Heard {
    /// The cook has started: its clock began at `origin` (`performance.timeOrigin`).
    Ready {
        /// The cook.
        cook: usize,
        /// When its clock began, on the wall clock, in milliseconds.
        origin: f64,
    },
    /// Facts from a task the cook runs, in the wire format, on the cook's clock.
    Facts {
        /// The cook.
        cook: usize,
        /// The task.
        task: usize,
        /// Whether the task has ended.
        done: bool,
        /// The facts' numbers.
        numbers: Vec<f64>,
        /// The texts of its prints.
        texts: Vec<String>,
    },
    /// The cook's thread asks for the GIL (the threads mode).
    Want {
        /// The cook.
        cook: usize,
    },
    /// The cook's thread lets the GIL go; `again`: it asks for it again at once.
    Release {
        /// The cook.
        cook: usize,
        /// Whether it asks for the GIL again (a drop request honoured).
        again: bool,
    },
    /// The cook answered a ping.
    Pong {
        /// The cook.
        cook: usize,
    },
    /// The cook failed: it could not load, or it panicked.
    Failed {
        /// The cook.
        cook: usize,
        /// What went wrong, in the browser's words.
        message: String,
    },
}

/// One started worker and the listeners that must live as long as it does.
struct Cook {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
    /// When the cook's clock began, once it has said it is ready.
    origin: Option<f64>,
}

thread_local! {
    /// The page's cooks, by number.
    static COOKS: RefCell<Vec<Cook>> = const { RefCell::new(Vec::new()) };
    /// Where cooks' words go: the run in progress, if any.
    static INBOX: RefCell<Option<UnboundedSender<Heard>>> = const { RefCell::new(None) };
}

/// Whether a run (or the bench) is listening to the pool now.
pub fn listening() -> bool {
    INBOX.with(|i| i.borrow().is_some())
}

/// Makes `inbox` hear what the cooks say from now on (or nobody, with `None`).
pub fn listen(inbox: Option<UnboundedSender<Heard>>) {
    INBOX.with(|i| *i.borrow_mut() = inbox);
}

/// How many cooks are started (ready or still loading).
pub fn size() -> usize {
    COOKS.with(|c| c.borrow().len())
}

/// When cook `cook`'s clock began, if it has said it is ready.
pub fn origin(cook: usize) -> Option<f64> {
    COOKS.with(|c| c.borrow().get(cook).and_then(|c| c.origin))
}

/// The facts a cook sent, as page readings: its readings plus its clock's origin, minus the
/// page's; and none later than now, when the page heard them.
///
/// The problem: a cook's clock is read in another thread and mapped by the two origins, and in
/// Firefox on a loaded machine that put a job's print after main's lines that followed the job's
/// end (measured in the cross-browser suite: `slicing done`, `all done: [0.5, 1.0]`, `in 1.1 s`,
/// `dicing done`, where CPython prints `dicing done` before `all done`). The rule: what the page
/// heard happened before it heard it, so a fact mapped past that moment is placed at it, in the
/// order the cook sent it.
pub fn facts(cook: usize, numbers: &[f64], texts: &[String]) -> Vec<kitchen_model::Event> {
    let shift = origin(cook).map_or(0.0, |o| o - crate::clock::origin());
    let heard = crate::clock::now();
    let mut facts = kitchen_model::cooks::wire::decode(numbers, texts, shift);
    for fact in &mut facts {
        fact.at = fact.at.min(heard);
    }
    facts
}

/// Starts cook number `size()`: creates its worker, which will say when it is ready.
pub fn start_one() -> Result<usize, String> {
    let cook = size();
    let worker = Worker::new(&loader()?)
        .map_err(|e| format!("the browser would not start a cook: {}", describe(&e)))?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        if let Some(heard) = read(cook, &e.data()) {
            if let Heard::Ready { origin, .. } = heard {
                COOKS.with(|c| {
                    if let Some(c) = c.borrow_mut().get_mut(cook) {
                        c.origin = Some(origin);
                    }
                });
            }
            tell(heard);
        }
    });
    let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |e: ErrorEvent| {
        let message = match e.message() {
            m if m.is_empty() => "its code could not be loaded or stopped with an error".to_owned(),
            m => m,
        };
        tell(Heard::Failed { cook, message });
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    COOKS.with(|c| {
        c.borrow_mut().push(Cook {
            worker,
            _on_message: on_message,
            _on_error: on_error,
            origin: None,
        })
    });
    Ok(cook)
}

/// Posts `message` to cook `cook`; false if there is no such cook or the browser refused.
pub fn post(cook: usize, message: &JsValue) -> bool {
    COOKS.with(|c| {
        c.borrow()
            .get(cook)
            .is_some_and(|c| c.worker.post_message(message).is_ok())
    })
}

/// Terminates every cook at once (a task running on one stops mid-step) and empties the pool.
pub fn terminate_all() {
    let cooks = COOKS.with(|c| std::mem::take(&mut *c.borrow_mut()));
    for cook in &cooks {
        cook.worker.set_onmessage(None);
        cook.worker.set_onerror(None);
        cook.worker.terminate();
    }
}

/// A message for a cook: an object with these fields.
pub fn message(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (name, value) in fields {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object.into()
}

fn tell(heard: Heard) {
    INBOX.with(|i| {
        if let Some(inbox) = i.borrow().as_ref() {
            let _ = inbox.unbounded_send(heard);
        }
    });
}

/// What a cook's message says, if it is one the page knows.
fn read(cook: usize, data: &JsValue) -> Option<Heard> {
    let field = |name: &str| Reflect::get(data, &JsValue::from_str(name)).ok();
    match field("k")?.as_string()?.as_str() {
        "ready" => Some(Heard::Ready {
            cook,
            origin: field("origin")?.as_f64()?,
        }),
        "facts" => {
            let numbers = field("numbers")?.dyn_into::<Float64Array>().ok()?.to_vec();
            let texts = field("texts")?
                .dyn_into::<Array>()
                .ok()?
                .iter()
                .map(|t| t.as_string().unwrap_or_default())
                .collect();
            Some(Heard::Facts {
                cook,
                task: field("task")?.as_f64()? as usize,
                done: field("done")?.as_bool()?,
                numbers,
                texts,
            })
        }
        "pong" => Some(Heard::Pong { cook }),
        "want" => Some(Heard::Want { cook }),
        "release" => Some(Heard::Release {
            cook,
            again: field("again")?.as_bool()?,
        }),
        "error" => Some(Heard::Failed {
            cook,
            message: field("message")?.as_string()?,
        }),
        _ => None,
    }
}

/// A classic worker's script, as a `blob:` address, that loads the cook's glue and wasm from beside
/// the page (resolved against its address, so that the site works from any sub-path).
fn loader() -> Result<String, String> {
    let beside = |name: &str| {
        web_sys::Url::new_with_base(name, &base())
            .map(|u| u.href())
            .map_err(|e| format!("no address for the cook's code: {}", describe(&e)))
    };
    // The addresses are the page's own URLs, written as JSON strings (by the browser's own
    // `JSON.stringify`) so that no quote breaks out.
    let quoted = |url: String| {
        js_sys::JSON::stringify(&JsValue::from_str(&url))
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| "the cook's address could not be written".to_owned())
    };
    let (glue, wasm) = (quoted(beside(GLUE)?)?, quoted(beside(WASM)?)?);
    // A failed `importScripts` throws, which the page hears as the worker's error event; a wasm that
    // fails to load only rejects a promise, which nobody would hear, so it is told as a message.
    let script = format!(
        "importScripts({glue});wasm_bindgen({{module_or_path:{wasm}}}).catch(function(e){{\
         postMessage({{k:\"error\",message:\"its code could not be loaded (\"+e+\")\"}});}});",
        glue = glue,
        wasm = wasm
    );
    let parts = Array::of1(&JsValue::from_str(&script));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| format!("the cook's loader could not be made: {}", describe(&e)))?;
    web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|e| format!("the cook's loader could not be made: {}", describe(&e)))
}

/// The page's address, which the cook's code is resolved against.
fn base() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default()
}

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "an error".to_owned())
}
