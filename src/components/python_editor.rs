//! The Python editor: the learner's own asyncio program, kept as they type it, read as they type
//! (its mistake listed above it with line and column, one click to the place), what CPython would
//! warn about, and what the page reads in brief beside it.
//!
//! A chunk of its own (`lazy::PythonEditor`), with the reader, the drawing and the model of asyncio
//! (`model::python`): a full Python parser would be twice the page's first look, and the reader
//! is still more than most learners need, so it is fetched the first time the Python tab opens.
//! What a text read as goes to the state ([`Written`]), which the stage, the controls and the run
//! read; this file keeps nothing of its own but the text area.

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::state::Written;

/// Properties of [`PythonEditor`].
#[derive(Properties, Clone, PartialEq)]
pub struct PythonEditorProps {
    /// The learner's program as the page keeps it, once they have one.
    pub written: Option<Rc<Written>>,
    /// The text the editor shows when `written` is `None`: the learner's Python as saved (or as a
    /// link brought it), or the recipe's twin.
    pub seed: AttrValue,
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

/// A plain text area, as the recipe's editor is, over the learner's Python.
#[function_component]
pub fn PythonEditor(props: &PythonEditorProps) -> Html {
    // The first time, whenever the scale changes, and when the program is replaced (a link's,
    // inflated after the page opened), the learner's program is read (and drawn) again: the stage
    // shows the program at the page's scale. (A run as written draws it at the scale first, if
    // it was chosen while the editor was closed: `python_run::run`.)
    {
        let (written, seed, on_written) = (
            props.written.clone(),
            props.seed.clone(),
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
        let seed = props.seed.clone();
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
                    .then(|| Written::read(&seed, None, scale, cores));
                let before = written.as_deref().or(twin.as_ref());
                on_written.emit(Rc::new(Written::read(&text, before, scale, cores)));
            }
        })
    };
    let text = props
        .written
        .as_ref()
        .map_or_else(|| props.seed.clone(), |w| AttrValue::from(w.text.clone()));
    let invalid = props.written.as_ref().is_some_and(|w| w.read.is_err());
    let program = props
        .written
        .as_ref()
        .and_then(|w| w.read.as_ref().ok())
        .map(|r| r.program.clone());
    let lines = text.lines().count().max(1);
    html! {
        <section class="editor python" aria-label="Python editor">
            <div class="editor-head">
                <label for="python-text">{ "Your Python" }</label>
                <span class="editor-hint">
                    { "Paste or write an asyncio program; the page reads it as you type and runs it as written." }
                </span>
                { props.note.clone() }
            </div>
            <div id="python-errors" class="errors" aria-live="polite" data-testid="errors">
                { props.errors.clone() }
            </div>
            if let Some(program) = &program {
                if !program.warnings.is_empty() || !program.notes.is_empty() {
                    // What CPython would warn about as it runs, and what the page says of how it read
                    // the program (a notebook cell), beside the text rather than among its mistakes.
                    <ul class="warnings" data-testid="warnings" aria-live="polite">
                        { for program.warnings.iter().chain(&program.notes).map(|w| html! {
                            <li>{ format!("line {}: {}", w.at.line, w.message) }</li>
                        }) }
                    </ul>
                }
            }
            <textarea
                id="python-text"
                data-testid="editor"
                spellcheck="false"
                // Python's lines keep their indentation in view: a long one scrolls rather than wraps.
                wrap="off"
                autocapitalize="off"
                autocomplete="off"
                rows={ (lines + 1).clamp(8, 24).to_string() }
                aria-invalid={ invalid.to_string() }
                aria-describedby="python-errors"
                value={ text }
                oninput={ on_input }
            />
            <aside class="steps-reference" aria-labelledby="python-reference-title">
                <h3 id="python-reference-title">{ "What the page reads" }</h3>
                <p>{ "async def and def; await asyncio.sleep(x) (sleep(0) yields once); time.sleep(x) blocks; work(x) computes; print with f-strings, format and %; create_task, ensure_future, gather, TaskGroup; for loops over range; asyncio.run(main()) or a notebook's top-level await; clock readings." }</p>
                <p>{ "It reaches no network: await asyncio.sleep(2) stands for a two-second download, time.sleep(2) for a blocking one. While loops, classes and input() are left out." }</p>
            </aside>
        </section>
    }
}
