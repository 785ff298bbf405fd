//! The program editor: the learner's own asyncio program in Python, or their async Rust, kept as
//! they type it, read as they type (its mistake listed above it with line and column, one click
//! to the place), what CPython or rustc would warn about, and what the page reads in brief beside
//! it; or, while another is the program, that program written in this language, which becomes the
//! program when the learner edits it.
//!
//! A chunk of its own (`lazy::PythonEditor`), with the readers, the writers, the drawing and the
//! model of the loops (`model::python`, `model::rust`): a full Python parser would be twice the
//! page's first look, and the readers are still more than most learners need, so they are fetched
//! the first time a program tab opens. What a text read as goes to the state ([`Written`]), which
//! the stage, the controls and the run read; this file keeps nothing of its own but the text area.

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::model::code::Language;
use crate::model::python::drawn::draw;
use crate::model::{python, rust};
use crate::state::Written;

/// Properties of [`PythonEditor`].
#[derive(Properties, Clone, PartialEq)]
pub struct PythonEditorProps {
    /// The language the editor is for.
    pub language: Language,
    /// The learner's program as the page keeps it, once they have one.
    pub written: Option<Rc<Written>>,
    /// The text the editor shows when `written` is `None`: the learner's Python as saved (or as a
    /// link brought it), or the recipe's twin.
    pub seed: AttrValue,
    /// The language `seed` is written in: the recipe's twin is Python, which the Rust editor shows
    /// written in Rust.
    pub seed_language: Language,
    /// The program in the other language that is the program, which the editor shows written in
    /// its own (in place of `seed`), if it is.
    #[prop_or_default]
    pub from: Option<Rc<Written>>,
    /// Whether the seed is the learner's program, which the editor reads for the stage; the
    /// recipe's twin is read only once the learner edits it.
    pub read_seed: bool,
    /// What the editor says above the text of where it comes from, if anything.
    #[prop_or_default]
    pub note: Html,
    /// Real milliseconds per second of the program: the page's scale.
    pub ms_per_second: f64,
    /// How many cores the browser reports: a `ProcessPoolExecutor`'s processes by default.
    pub cores: usize,
    /// The text was read (typed, or drawn again at another scale).
    pub on_written: Callback<Rc<Written>>,
    /// The program's mistakes, listed by the recipe editor's chunk as it lists the recipe's.
    #[prop_or_default]
    pub errors: Html,
}

/// A plain text area, as the recipe's editor is, over the learner's program.
#[function_component]
pub fn PythonEditor(props: &PythonEditorProps) -> Html {
    let language = props.language;
    // The seed as this editor shows it: written in its language, once per seed.
    let seed = use_memo(
        (
            props.seed.clone(),
            props.seed_language,
            language,
            props.from.clone(),
        ),
        |(seed, seed_language, language, from)| {
            AttrValue::from(written_in(*language, seed, *seed_language, from.as_deref()))
        },
    );
    let seed = (*seed).clone();
    // The first time, whenever the scale changes, and when the program is replaced (a link's,
    // inflated after the page opened), the learner's program is read (and drawn) again: the stage
    // shows the program at the page's scale. (A run as written draws it at the scale first, if
    // it was chosen while the editor was closed: `python_run::run`.)
    {
        let (written, seed, on_written) = (
            props.written.clone(),
            seed.clone(),
            props.on_written.clone(),
        );
        let (scale, cores) = (props.ms_per_second, props.cores);
        let read_seed = props.read_seed;
        use_effect_with((scale.to_bits(), written.is_none(), read_seed), move |_| {
            let drawn_at = written
                .as_ref()
                .and_then(|w| w.last_good.as_ref())
                .map(|g| g.drawn.ms_per_second());
            if (written.is_none() && read_seed) || drawn_at.is_some_and(|at| at != scale) {
                let text = written
                    .as_ref()
                    .map_or_else(|| seed.to_string(), |w| w.text.to_string());
                on_written.emit(Rc::new(Written::read(
                    &text,
                    language,
                    written.as_deref(),
                    scale,
                    cores,
                )));
            }
        });
    }
    // The text last read: the program's, as drawn, or the last key press's, which the page has
    // not drawn yet.
    let last_read = use_mut_ref(|| None::<Rc<str>>);
    if let Some(w) = &props.written
        && last_read.borrow().as_deref() != Some(&*w.text)
    {
        *last_read.borrow_mut() = Some(w.text.clone());
    }
    let on_input = {
        let (written, on_written, scale, cores) = (
            props.written.clone(),
            props.on_written.clone(),
            props.ms_per_second,
            props.cores,
        );
        let seed = seed.clone();
        let last_read = last_read.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() {
                let text = area.value();
                // An undo fires `input` twice in Chromium, both before the page draws again, so
                // the second finds the text the first read (and `written` not yet updated):
                // reading 256 KiB again for nothing took as long as the edit itself.
                if last_read.borrow().as_deref() == Some(text.as_str()) {
                    return;
                }
                *last_read.borrow_mut() = Some(Rc::from(text.as_str()));
                // The first edit of the recipe's twin: the twin is the program the learner's text
                // follows, which the stage keeps showing while their edit has a mistake.
                let twin = written
                    .is_none()
                    .then(|| Written::read(&seed, language, None, scale, cores));
                let before = written.as_deref().or(twin.as_ref());
                on_written.emit(Rc::new(Written::read(
                    &text, language, before, scale, cores,
                )));
            }
        })
    };
    let text = props
        .written
        .as_ref()
        .map_or_else(|| seed.clone(), |w| AttrValue::from(w.text.clone()));
    let invalid = props.written.as_ref().is_some_and(|w| w.read.is_err());
    let program = props
        .written
        .as_ref()
        .and_then(|w| w.read.as_ref().ok())
        .map(|r| r.program.clone());
    let lines = text.lines().count().max(1);
    let id = language.id();
    let (area, errors_id) = (format!("{id}-text"), format!("{id}-errors"));
    html! {
        <section class={ classes!("editor", language.id()) } aria-label={ format!("{} editor", language.label()) }>
            <div class="editor-head">
                <label for={ area.clone() }>{ format!("Your {}", language.label()) }</label>
                <span class="editor-hint">
                    { match language {
                        Language::Python => "Paste or write an asyncio program; the page reads it as you type and runs it as written.",
                        Language::Rust => "Paste or write async Rust (trpl, Tokio, futures); the page reads it as you type and runs its futures on this page's one thread.",
                    } }
                </span>
                { props.note.clone() }
            </div>
            <div id={ errors_id.clone() } class="errors" aria-live="polite" data-testid="errors">
                { props.errors.clone() }
            </div>
            if let Some(program) = &program {
                if !program.warnings.is_empty() || !program.notes.is_empty() {
                    // What CPython or rustc would warn about as it runs or builds, and what the page
                    // says of how it read the program (a notebook cell, a handle dropped), beside
                    // the text rather than among its mistakes.
                    <ul class="warnings" data-testid="warnings" aria-live="polite">
                        { for program.warnings.iter().chain(&program.notes).map(|w| html! {
                            <li>{ format!("line {}: {}", w.at.line, w.message) }</li>
                        }) }
                    </ul>
                }
            }
            <textarea
                id={ area }
                data-testid="editor"
                spellcheck="false"
                // Python's lines keep their indentation in view: a long one scrolls rather than wraps.
                wrap="off"
                autocapitalize="off"
                autocomplete="off"
                rows={ (lines + 1).clamp(8, 24).to_string() }
                aria-invalid={ invalid.to_string() }
                aria-describedby={ errors_id }
                value={ text }
                oninput={ on_input }
            />
            { reference(language) }
        </section>
    }
}

/// What the page reads, in brief, beside the text.
fn reference(language: Language) -> Html {
    let (reads, leaves) = match language {
        Language::Python => (
            "async def and def; await asyncio.sleep(x) (sleep(0) yields once); time.sleep(x) blocks; work(x) computes; print with f-strings, format and %; create_task, ensure_future, gather, TaskGroup; for loops over range; asyncio.run(main()) or a notebook's top-level await; clock readings.",
            "It reaches no network: await asyncio.sleep(2) stands for a two-second download, time.sleep(2) for a blocking one. While loops, classes and input() are left out.",
        ),
        Language::Rust => (
            "async fn and fn; trpl::run or block_on or #[tokio::main], or a browser's #[wasm_bindgen(start)] (the code panel's Rust is one); trpl::sleep, tokio::time::sleep or gloo_timers' TimeoutFuture with a Duration; yield_now; std::thread::sleep blocks; work(d) computes; println! with {}, {name}, {:?} and widths; spawn_task, tokio::spawn or spawn_local, and .await on the handle; join, join!, join_all; for loops over ranges; Instant::now() and elapsed().",
            "It reaches no network: trpl::sleep(Duration::from_secs(2)).await stands for a two-second download. if, while, match, structs and traits are left out. Programs run by the rules of Tokio's current-thread runtime.",
        ),
    };
    let title = format!("{}-reference-title", language.id());
    html! {
        <aside class="steps-reference" aria-labelledby={ title.clone() }>
            <h3 id={ title }>{ "What the page reads" }</h3>
            <p>{ reads }</p>
            <p>{ leaves }</p>
            if language == Language::Rust {
                { tokio_differences() }
            }
        </aside>
    }
}

/// Where a Rust program run here and the same program built with Cargo and run on Tokio differ,
/// each measured by the Tokio step (`crates/model/src/rust/corpus/README.md` says how).
fn tokio_differences() -> Html {
    const DIFFERENCES: [(&str, &str); 4] = [
        (
            "Threads.",
            "#[tokio::main] and trpl::run start Tokio's multi-thread runtime: a spawned task may run on another thread at the same moment as main, and lines may print in another order from one run to the next. The page runs every future on its one thread, as #[tokio::main(flavor = \"current_thread\")] would: one order, that runtime's.",
        ),
        (
            "Timers.",
            "Tokio counts whole milliseconds; the page waits on the browser's timers, scaled to the stage, which fire late when the thread is busy or the tab is hidden, never early. The order of the lines is Tokio's; the total is measured and shown beside the prediction.",
        ),
        (
            "Timers due at the same instant.",
            "Tokio resumes main first, then the tasks in the order they armed their timers, and so does the page. A browser's own spawn_local has no main to resume: its futures run in the order their timers fire.",
        ),
        (
            "The end of main.",
            "When the future trpl::run or #[tokio::main] runs returns, Tokio drops the tasks still running, and so does the page. A plain fn main that only calls spawn_local returns at once, and its futures run after it, as in a browser.",
        ),
    ];
    html! {
        <details class="tokio-differences" data-testid="tokio-differences">
            <summary>{ "Where Tokio and this page differ" }</summary>
            <ul>
                { for DIFFERENCES.iter().map(|(what, how)| html! {
                    <li><strong>{ *what }</strong>{ " " }{ *how }</li>
                }) }
            </ul>
        </details>
    }
}

/// The program shown in `language`: the last good reading of `from` (the program, in the other
/// language) written in it, else `seed`, written in it when the seed is in the other language.
fn written_in(
    language: Language,
    seed: &str,
    seed_language: Language,
    from: Option<&Written>,
) -> String {
    if let Some(good) = from.and_then(|w| w.last_good.as_ref()) {
        return write(language, &good.program, &good.drawn);
    }
    if seed_language == language {
        return seed.to_owned();
    }
    let read = match seed_language {
        Language::Python => python::read(seed, None),
        Language::Rust => rust::read(seed),
    };
    match read {
        Ok(program) => write(language, &program, &draw(&program, seed, 1000.0)),
        Err(e) => {
            let comment = match language {
                Language::Python => "#",
                Language::Rust => "//",
            };
            format!(
                "{comment} This could not be written in {}: {e}\n",
                language.label()
            )
        }
    }
}

/// A program read from the other language, written in `language`.
fn write(
    language: Language,
    program: &python::program::Program,
    drawn: &python::drawn::Drawn,
) -> String {
    match language {
        Language::Rust => rust::write::write(program, drawn).text,
        Language::Python => rust::as_python::as_python(program, drawn).text,
    }
}
