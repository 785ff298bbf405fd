//! The values the reader computes with while it follows a Rust program, and the library names
//! it knows: what `trpl::sleep`, `tokio::spawn` or `Duration::from_millis` are, wherever the
//! program's `use` lines bring them from.

use std::rc::Rc;

use super::super::ast::{Block, Expr};
use crate::python::program::{Clock, Measured};

/// A value of the program, as far as the reader knows it before the run.
#[derive(Clone, Debug)]
pub(super) enum Val<'a> {
    /// `()`.
    Unit,
    /// An integer.
    Int(i128),
    /// An `f64`.
    Float(f64),
    /// A `bool`.
    Bool(bool),
    /// A string. (A `String`, not an `Rc<str>`: making one copies it into a new allocation with
    /// a function the first look holds a copy of for its own types, and a second type of it there
    /// cost 189 B.)
    Str(String),
    /// A `char`.
    Char(char),
    /// A `Duration`, in nanoseconds.
    Duration(u128),
    /// An `Instant`: the clock reading in this expression (a slot).
    Instant(Clock),
    /// A `Duration` measured as the program runs (an `elapsed()`), in seconds.
    Elapsed(Clock),
    /// A number computed from a measured `Duration`, and what Rust value it is.
    Measured(Clock, Measured),
    /// A future, not yet awaited.
    Future(Rc<Future<'a>>),
    /// A spawned task's `JoinHandle`, by task.
    Handle(usize),
    /// The sending half of a `oneshot` channel, by channel.
    Sender(usize),
    /// The receiving half of a `oneshot` channel, by channel: a future of the send.
    Receiver(usize),
    /// What awaiting a `JoinHandle` gives: `Ok` of the task's value.
    Ok(Box<Val<'a>>),
    /// A function of the program, by index.
    Fn(usize),
    /// A function or a type of a library the page knows.
    Lib(Lib),
    /// A closure: its parameters, body and the names it sees.
    Closure(Rc<Closure<'a>>),
    /// A tuple, or an array or `Vec`.
    Tuple(Vec<Val<'a>>),
    /// An array or a `Vec`, or an iterator over one (the reader's iterators are eager).
    Array(Vec<Val<'a>>),
}

/// A future and what awaiting it does.
#[derive(Debug)]
pub(super) struct Future<'a> {
    /// What it is.
    pub kind: FutureKind<'a>,
    /// Where it was made.
    pub at: crate::python::token::Pos,
    /// Whether it was awaited, spawned or joined (or dropped with a warning): a future left
    /// untouched at the end is noted.
    pub used: std::cell::Cell<bool>,
    /// The name it is bound to, if any: a spawned `async` block's lane is named by it.
    pub name: std::cell::RefCell<Option<String>>,
}

/// What a future does when it is polled.
#[derive(Debug)]
pub(super) enum FutureKind<'a> {
    /// A timer: `trpl::sleep(d)` and its cousins, in nanoseconds, with its type's name as rustc
    /// gives it (`Sleep` for Tokio's and `trpl`'s, `TimeoutFuture` for gloo-timers').
    Sleep(u128, &'static str),
    /// `yield_now()`: the thread is given back once.
    Yield,
    /// A call of an `async fn` of the program, with its arguments.
    Call(usize, Vec<Val<'a>>),
    /// An `async` block, with the names it captured.
    Block(&'a Block, Vec<(String, Val<'a>)>),
    /// A join of futures (`join!`, `join`, `join_all`): each part, whether its value is a `Vec`
    /// (`join_all`) rather than a tuple, and how it polls its parts.
    Join(Vec<Val<'a>>, bool, crate::python::program::Join),
}

/// A closure: `|params| body`.
#[derive(Debug)]
pub(super) struct Closure<'a> {
    /// Its parameters' names.
    pub params: Vec<String>,
    /// Its body.
    pub body: &'a Expr,
    /// The names it captured, with their values.
    pub env: Vec<(String, Val<'a>)>,
}

/// A library item the page knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Lib {
    /// `trpl::run`, `trpl::block_on`: runs a future to its end on a runtime of its own.
    Run,
    /// `futures::executor::block_on`: runs a future to its end on the thread, with no runtime.
    BlockOn,
    /// `trpl::spawn_task`, `tokio::spawn`: starts a task and gives its handle.
    Spawn,
    /// `wasm_bindgen_futures::spawn_local`: starts a task and gives nothing back.
    SpawnLocal,
    /// `tokio::task::spawn_local`, which needs a `LocalSet`.
    TokioSpawnLocal,
    /// `futures::channel::oneshot::channel()`: a sender and its receiver.
    Oneshot,
    /// `Vec::new()`.
    VecNew,
    /// `std::thread::yield_now()`: a plain thread has no loop to give back to; nothing happens.
    ThreadYield,
    /// The page's `sleep(n)`, `blocking_sleep(n)`, of `n` in the unit its code views state.
    PageSleep,
    PageBlock,
    /// A timer future from a `Duration`.
    Sleep,
    /// `gloo_timers::future::sleep(d)`, which makes a `TimeoutFuture`.
    GlooSleep,
    /// `gloo_timers::future::TimeoutFuture::new(ms)`.
    Timeout,
    /// `yield_now()`.
    Yield,
    /// `join(a, b)`, `join3(a, b, c)`…
    Join,
    /// `join_all(iter)`.
    JoinAll,
    /// `std::thread::sleep(d)`: the thread is held.
    ThreadSleep,
    /// `work(d)`: CPU-bound work for d.
    Work,
    /// `Duration` and its constructors, by unit: seconds, milliseconds, …
    Duration,
    /// `Duration::from_*`, by how many nanoseconds one unit is (0 for `from_secs_f64`).
    DurationFrom(u64),
    /// `Instant`.
    Instant,
    /// `Instant::now()`.
    Now,
    /// `Box::pin`, `String::from`: the value itself.
    Identity,
    /// A module or a type the page knows only as a prefix (`trpl`, `tokio::time`).
    Module,
}

/// Every library path the page knows, in full.
const KNOWN: [(&str, Lib); 42] = [
    ("trpl::run", Lib::Run),
    ("trpl::block_on", Lib::Run),
    ("futures::executor::block_on", Lib::BlockOn),
    ("trpl::spawn_task", Lib::Spawn),
    ("tokio::spawn", Lib::Spawn),
    ("tokio::task::spawn", Lib::Spawn),
    ("tokio::task::spawn_local", Lib::TokioSpawnLocal),
    ("wasm_bindgen_futures::spawn_local", Lib::SpawnLocal),
    ("trpl::sleep", Lib::Sleep),
    ("tokio::time::sleep", Lib::Sleep),
    ("gloo_timers::future::sleep", Lib::GlooSleep),
    ("gloo_timers::future::TimeoutFuture::new", Lib::Timeout),
    ("trpl::yield_now", Lib::Yield),
    ("tokio::task::yield_now", Lib::Yield),
    ("trpl::join", Lib::Join),
    ("futures::future::join", Lib::Join),
    ("futures::future::join3", Lib::Join),
    ("futures::future::join4", Lib::Join),
    ("trpl::join_all", Lib::JoinAll),
    ("futures::future::join_all", Lib::JoinAll),
    ("std::thread::sleep", Lib::ThreadSleep),
    ("std::thread::yield_now", Lib::ThreadYield),
    ("futures::channel::oneshot::channel", Lib::Oneshot),
    ("Vec::new", Lib::VecNew),
    ("std::time::Duration", Lib::Duration),
    ("tokio::time::Duration", Lib::Duration),
    ("core::time::Duration", Lib::Duration),
    ("std::time::Instant", Lib::Instant),
    ("tokio::time::Instant", Lib::Instant),
    ("Box::pin", Lib::Identity),
    ("String::from", Lib::Identity),
    ("trpl", Lib::Module),
    ("tokio", Lib::Module),
    ("tokio::time", Lib::Module),
    ("tokio::task", Lib::Module),
    ("futures", Lib::Module),
    ("futures::future", Lib::Module),
    ("futures::channel", Lib::Module),
    ("futures::channel::oneshot", Lib::Module),
    ("wasm_bindgen::prelude", Lib::Module),
    ("std::time", Lib::Module),
    ("std::thread", Lib::Module),
];

/// The item a full path names, if the page knows it.
pub(super) fn known(path: &[String]) -> Option<Lib> {
    let joined = path.join("::");
    if let Some((_, lib)) = KNOWN.iter().find(|(p, _)| *p == joined) {
        return Some(*lib);
    }
    // `Duration::from_millis` and the rest, on any path that names `Duration`.
    let (last, owner) = path.split_last()?;
    if known(owner) == Some(Lib::Duration) {
        let unit = match last.as_str() {
            "from_secs" => 1_000_000_000,
            "from_millis" => 1_000_000,
            "from_micros" => 1_000,
            "from_nanos" => 1,
            "from_secs_f64" | "from_secs_f32" => 0,
            _ => return None,
        };
        return Some(Lib::DurationFrom(unit));
    }
    if known(owner) == Some(Lib::Instant) && last == "now" {
        return Some(Lib::Now);
    }
    None
}

/// What the page says of a library path it does not know, pointing at what to write instead.
pub(super) fn unknown(path: &[String]) -> String {
    let joined = path.join("::");
    let first = path.first().map_or("", String::as_str);
    match first {
        "reqwest" | "hyper" | "surf" | "ureq" => format!(
            "`{joined}`: the page has no network; a download is a wait, so write \
             `trpl::sleep(Duration::from_secs(2)).await` where it would download"
        ),
        "std"
            if path
                .get(1)
                .is_some_and(|m| m == "fs" || m == "net" || m == "io") =>
        {
            format!(
                "`{joined}`: the page reads and writes no files or sockets; waiting for one is \
             `trpl::sleep(…).await`, computing is `work(…)`"
            )
        }
        "async_std" | "smol" => format!(
            "`{joined}`: the page's Rust runs trpl, Tokio and the futures crate; write \
             `trpl::sleep`, `trpl::spawn_task`, `trpl::join`"
        ),
        _ => format!(
            "`{joined}` is not in the page's Rust: it knows trpl's `run`, `spawn_task`, `sleep`, \
             `yield_now`, `join` and `join_all`, Tokio's and the futures crate's namesakes, \
             `std::thread::sleep`, `Duration`, `Instant` and `work`"
        ),
    }
}

impl Val<'_> {
    /// The value's kind, in rustc's words for a type mismatch.
    pub(super) fn type_name(&self) -> &'static str {
        match self {
            Val::Unit => "()",
            Val::Int(_) => "{integer}",
            Val::Float(_) | Val::Measured(_, Measured::Float) => "f64",
            Val::Measured(..) => "u128",
            Val::Bool(_) => "bool",
            Val::Str(_) => "&str",
            Val::Char(_) => "char",
            Val::Duration(_) | Val::Elapsed(_) => "Duration",
            Val::Instant(_) => "Instant",
            Val::Future(_) => "impl Future",
            Val::Handle(_) => "JoinHandle",
            Val::Sender(_) => "Sender",
            Val::Receiver(_) => "Receiver",
            Val::Ok(_) => "Result",
            Val::Fn(_) | Val::Lib(_) | Val::Closure(_) => "fn item",
            Val::Tuple(_) => "tuple",
            Val::Array(_) => "Vec",
        }
    }
}

/// A `Duration` of this many seconds, in nanoseconds, as `Duration::from_secs_f64` rounds it.
pub(super) fn nanos_of_secs(seconds: f64) -> u128 {
    (seconds * 1e9).round().max(0.0) as u128
}
