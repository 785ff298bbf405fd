//! Views and code that only some learners use, kept off the first download: each is fetched the
//! first time a learner opens it.
//!
//! Each item is a [`Chunk`]: a function pointer (a view, or a plain function) behind a *split
//! point*. In the release page (the `split` feature, `cargo xtask dist`), `#[wasm_split(name)]`
//! moves the split point, and all the code that only it reaches, into a wasm module of its own,
//! `name`, which the page fetches on the first [`Chunk::get`] (build/release.mjs splits the wasm
//! that cargo links). Without the feature (`trunk serve`, `cargo test`, the browser tests) a split
//! point is an ordinary call, answered at once.
//!
//! A view is drawn by a small component of the same name as the one it stands for ([`Exercises`]):
//! "Loading …" until its module is here, then the view; if the module cannot be downloaded, a
//! message (opening the view again tries again), never a panic or a blank drawer.
//!
//! **Where new features go.** A view, editor, reader or mode that a learner must open (a drawer, a
//! tab, a mode's own panel) is a chunk here, and nothing outside this file names its component or
//! its entry function: the page reaches it only through the chunk. What the first look draws (the
//! lesson, the stage, the timeline, the controls, the console and the code) stays in the page. Code
//! both use stays in the page, shared with the chunk, so a chunk pays only when much of its code is
//! its own: the Exercises chunk is 12.5 KB gzip and took 5.2 KB off the first download, and the
//! Python file's writer, 0.5 KB of its own, cost 1.1 KB more than it saved. Measure (`cargo xtask
//! dist` prints every module) before and after. README.md, "Performance", says where the bytes go.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use futures::future::LocalBoxFuture;
use yew::prelude::*;

use super::editor::{self, EditorProps};
use super::embed_panel::{self, EmbedPanelProps};
use super::exercise::{self, ExercisesProps};
use super::four_ways::{self, FourWaysProps};
use super::markup::into_html;
use super::python_editor::{self, PythonEditorProps};
use super::store::KitchenHandle;
use super::summary::{self, RunCardsProps};
use super::timeline::table::TableRowsProps;
use crate::model::code::{self, CodeView, Language};
use crate::model::export;
use crate::model::replay::Cursor;
use crate::model::run::RunResult;
use crate::model::{Lesson, Mode, Recipe, Way, lesson};
use crate::runtime::{Run, RunError, RunHandle};
use crate::views::markup::Markup;

/// A chunk's module could not be downloaded (offline, or a site that lost the file): the learner
/// can try again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unavailable;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for Unavailable {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        Unavailable
    }
}

/// A view in a chunk: given its component's properties, the component.
pub type View<P> = fn(&P) -> Html;

/// Something whose code is in a module of its own (a [`View`] or a function), fetched on first use.
pub struct Chunk<T: 'static> {
    /// Calls the split point: the first call fetches the module.
    load: fn() -> LocalBoxFuture<'static, Result<T, Unavailable>>,
    /// The item once it has loaded, so that a view opened again is drawn at once.
    loaded: OnceLock<T>,
    /// Whether [`Chunk::prefetch`] has asked for the module, and not yet heard it failed.
    asked: AtomicBool,
}

impl<T: Copy> Chunk<T> {
    const fn new(load: fn() -> LocalBoxFuture<'static, Result<T, Unavailable>>) -> Self {
        Chunk {
            load,
            loaded: OnceLock::new(),
            asked: AtomicBool::new(false),
        }
    }

    /// Starts fetching the module, unless it is here or on its way, so that it is here by the
    /// time it is needed; a failed fetch is forgotten, as [`Chunk::get`]'s is.
    pub fn prefetch(&'static self) {
        if self.now().is_some() || self.asked.swap(true, Ordering::Relaxed) {
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            if self.get().await.is_err() {
                self.asked.store(false, Ordering::Relaxed);
            }
        });
    }

    /// The item if its module is here already.
    pub fn now(&self) -> Option<T> {
        self.loaded.get().copied()
    }

    /// The item, fetching its module the first time. A failed download is not remembered: the next
    /// call tries again.
    pub async fn get(&self) -> Result<T, Unavailable> {
        if let Some(item) = self.now() {
            return Ok(item);
        }
        let item = (self.load)().await?;
        Ok(*self.loaded.get_or_init(|| item))
    }
}

/// Declares a chunk: `static NAME in MODULE: TYPE = VALUE;` makes `NAME` a [`Chunk`] whose item,
/// `VALUE`, and the code only it reaches, go into the wasm module `MODULE` when split.
///
/// `#[wasm_split]` declares the module's loader as an `unsafe extern` function: the one place the
/// crate allows unsafe code, and only in what the attribute writes.
macro_rules! chunk {
    ($(#[$doc:meta])* $vis:vis static $name:ident in $module:ident: $ty:ty = $value:expr;) => {
        $(#[$doc])*
        $vis static $name: Chunk<$ty> = Chunk::new(|| {
            #[cfg_attr(
                feature = "split",
                wasm_split_helpers::wasm_split(
                    $module,
                    fallible,
                    preload(#[allow(unsafe_code)] #[doc(hidden)] preload)
                )
            )]
            #[cfg_attr(feature = "split", allow(unsafe_code))]
            fn $module() -> Result<$ty, Unavailable> {
                let item: $ty = $value;
                Ok(item)
            }
            let load = $module();
            // Unsplit, the split point is an ordinary function: its answer is ready at once.
            #[cfg(not(feature = "split"))]
            let load = std::future::ready(load);
            Box::pin(load)
        });
    };
}

/// The Exercises: their drawer, and what judges a locked answer. One module, because only a
/// learner with the drawer open locks an answer in.
#[derive(Clone, Copy)]
pub struct Quiz {
    /// The Exercises drawer ([`super::exercise::Exercises`]).
    pub view: View<ExercisesProps>,
    /// Judges a locked answer when its run finishes ([`crate::state::judge_by`]), handed to the
    /// reducer with the lock.
    pub judge: crate::state::Judge,
}

chunk! {
    /// The Exercises ([`Quiz`]).
    pub static EXERCISES in exercises: Quiz = Quiz {
        view: |props| html! { <exercise::Exercises ..props.clone() /> },
        judge: crate::state::Judge(crate::state::judge_by),
    };
}

/// The Exercises drawer, loaded the first time it opens.
#[function_component]
pub fn Exercises(props: &ExercisesProps) -> Html {
    use_loaded(&EXERCISES, |q| q.view, props, "the exercises")
}

chunk! {
    /// The Embed panel ([`super::embed_panel::EmbedPanel`]): only teachers open it.
    pub static EMBED in embed: View<EmbedPanelProps> =
        |props| html! { <embed_panel::EmbedPanel ..props.clone() /> };
}

/// A run and its numbers: what starts a run on the page's thread, and the views of its numbers.
/// One module, because every run starts with the first and shows the second.
#[derive(Clone, Copy)]
pub struct Runner {
    /// Starts a run of the recipe in a mode on the page's thread ([`crate::runtime::start`]): the
    /// executors, the timers' queue and the recorder are here, not in the first look, since a
    /// learner reads the lesson and its prediction before running anything.
    pub start: fn(Recipe, Mode) -> Result<Run, RunError>,
    /// The results' numbers ([`super::summary::RunCards`]): the comparison table, the result
    /// cards and the clock's note, which only a run shows.
    pub cards: View<RunCardsProps>,
}

chunk! {
    /// The runner ([`Runner`]), fetched as the learner's pointer or focus first comes to the run
    /// controls (`controls`), and by the first Run if it is not here by then (`app::running`).
    pub static RUNNER in results: Runner = Runner {
        start: crate::runtime::start,
        cards: |props| html! { <summary::RunCards ..props.clone() /> },
    };
}

/// The results' numbers, loaded with the runner.
#[function_component]
pub fn RunCards(props: &RunCardsProps) -> Html {
    use_loaded(&RUNNER, |r| r.cards, props, "the results")
}

chunk! {
    /// The recipe editor ([`super::editor::Editor`]): its text, errors and steps reference.
    pub static EDITOR in editor: View<EditorProps> =
        |props| html! { <editor::Editor ..props.clone() /> };
}

/// The recipe editor, loaded the first time it shows.
#[function_component]
pub fn Editor(props: &EditorProps) -> Html {
    use_view(&EDITOR, props, "the recipe editor")
}

chunk! {
    /// The rows of "Timeline as a table" ([`crate::views::timeline::table`]).
    pub static TABLE_ROWS in table: View<TableRowsProps> =
        |props| into_html(crate::views::timeline::table(&props.result));
}

/// The rows of a timeline's table, loaded the first time a table opens.
#[function_component]
pub fn TableRows(props: &TableRowsProps) -> Html {
    use_view(&TABLE_ROWS, props, "the table")
}

/// The learner's Python: its editor and what runs it. One module, because the two share the most
/// of their code (Python's values and their printing, the model of asyncio whose prediction both
/// need): split in two, what both reach would stay in the first look (8.9 KB gzip, measured).
#[derive(Clone, Copy)]
pub struct Python {
    /// The Python editor ([`super::python_editor::PythonEditor`]), with the reader of Python,
    /// the drawing of a program and the model of asyncio it reads with.
    pub editor: View<PythonEditorProps>,
    /// Runs the learner's program as written and follows it to its end
    /// ([`super::python_run::run`]).
    pub run: fn(KitchenHandle, Rc<RefCell<Option<RunHandle>>>),
}

chunk! {
    /// The learner's Python ([`Python`]).
    pub static PYTHON in python: Python = Python {
        editor: |props| html! { <python_editor::PythonEditor ..props.clone() /> },
        run: super::python_run::run,
    };
}

/// The Python editor, loaded the first time the Python tab opens.
#[function_component]
pub fn PythonEditor(props: &PythonEditorProps) -> Html {
    use_loaded(&PYTHON, |p| p.editor, props, "the Python editor")
}

/// The processes mode's cooks (`runtime::cooks`): starting a run on them, and the pool they come
/// from. Only a learner who chooses *More cooks* needs them; the mode's choice fetches them, as it
/// measures the machine (`app::running`).
#[derive(Clone, Copy)]
pub struct Cooks {
    /// Starts a run of the recipe on this many cooks ([`crate::runtime::start_on_cooks`]).
    pub start: fn(Recipe, usize) -> Result<Run, RunError>,
    /// Measures how fast the machine computes, once, if it has not yet
    /// ([`crate::runtime::cooks::prepare`]).
    pub prepare: fn() -> LocalBoxFuture<'static, ()>,
    /// How many cooks are started and kept for the next run ([`crate::runtime::cooks::warm`]).
    pub warm: fn() -> usize,
    /// The pool a learner's program's worker processes run on
    /// ([`crate::runtime::cooks::programs::serve`]).
    pub programs: crate::runtime::program::Workers,
    /// Starts cooks until there are this many, all ready ([`crate::runtime::cooks::ready`]).
    pub ready: fn(usize) -> LocalBoxFuture<'static, Result<(), String>>,
    /// How a mode on the workers is predicted ([`crate::model::predict::predict_with`]), which
    /// the page hands to its state when this chunk comes (`Choice::Simulate`).
    pub simulate: crate::state::Simulate,
    /// Starts a threads run of the recipe on this many threads, free-threaded or not
    /// ([`crate::runtime::start_on_threads`]).
    pub start_threads: fn(Recipe, usize, bool) -> Result<Run, RunError>,
    /// The threads modes' code on this many threads, free-threaded or not
    /// ([`code::threads_code`]).
    pub threads_code: fn(&Recipe, Language, usize, bool) -> CodeView,
    /// Their Python file ([`code::threads_python_file`]).
    pub threads_file: fn(&Recipe, usize) -> String,
    /// The four ways' table ([`super::four_ways::FourWays`]), whose lesson opens in the threads
    /// mode and so fetches this chunk: here rather than in a chunk of its own, whose wrapper
    /// component would cost the first look 2 KB, or in the lessons' chunk, which every lesson
    /// fetches.
    pub four_ways: View<FourWaysProps>,
    /// The threads panel at a cursor ([`kitchen_views::loop_panel::write_threads`]).
    pub threads_panel: fn(
        &kitchen_model::run::RunResult,
        &kitchen_model::replay::LoopState,
        &CodeView,
    ) -> kitchen_views::markup::Markup,
}

chunk! {
    /// The processes mode's cooks ([`Cooks`]).
    pub static COOKS in cooks: &'static Cooks = &Cooks {
        start: crate::runtime::start_on_cooks,
        prepare: || Box::pin(crate::runtime::cooks::prepare()),
        warm: crate::runtime::cooks::warm,
        programs: crate::runtime::cooks::programs::serve,
        ready: |count| Box::pin(crate::runtime::cooks::ready(count)),
        simulate: crate::state::Simulate(crate::model::predict::predict_with),
        start_threads: crate::runtime::start_on_threads,
        threads_code: code::threads_code,
        threads_file: code::threads_python_file,
        threads_panel: kitchen_views::loop_panel::write_threads,
        four_ways: |props| html! { <four_ways::FourWays ..props.clone() /> },
    };
}

/// The two older ways of writing the tasks ([`Way`]): their code, their Python files, their runs
/// and the lens that shows where each task is in them. Only a learner who switches the code's
/// **Way** needs any of it; the switch fetches it.
#[derive(Clone, Copy)]
pub struct Ways {
    /// The code of a recipe in a mode, a language and a way ([`code::code_in_way`]).
    pub view: fn(&Recipe, Mode, Language, Way) -> CodeView,
    /// The Python twin in a way as a file ([`code::python_file_in_way`]) and the file's name, for
    /// a lesson (or a recipe's title): `cake_gather_callbacks.py`, `cake_gather_generators.py`.
    pub file: fn(&Recipe, Mode, Way, Option<&'static str>) -> (String, String),
    /// Starts a run of the recipe in a mode with its tasks written a way
    /// ([`crate::runtime::start_in_way`]).
    pub start: fn(Recipe, Mode, Way) -> Result<Run, RunError>,
    /// The lens, a part of the event loop panel ([`crate::views::lens::write`]).
    pub lens: fn(&RunResult, Cursor, Way, Language) -> Markup,
    /// The narration's sentence on how a task moved through the code's states at a stop, if one
    /// did ([`crate::views::lens::moved`]).
    pub moved: fn(&RunResult, usize, Way, Language) -> Option<String>,
}

/// There is one [`Ways`], the chunk's: two are always equal, so that a component can take it as a
/// property.
impl PartialEq for Ways {
    fn eq(&self, _: &Ways) -> bool {
        true
    }
}

chunk! {
    /// The ways ([`Ways`]).
    pub static WAYS in ways: Ways = Ways {
        view: code::code_in_way,
        file: |recipe, mode, way, lesson| {
            let name = code::python_file_name(lesson, &recipe.title, mode);
            let suffix = if way == Way::Callbacks { "_callbacks.py" } else { "_generators.py" };
            let name = format!("{}{suffix}", name.strip_suffix(".py").unwrap_or(&name));
            (name, code::python_file_in_way(recipe, mode, way))
        },
        start: crate::runtime::start_in_way,
        lens: |result, cursor, way, language| {
            let views = views_of(result, way, language);
            crate::views::lens::write(result, cursor, way, language, &views.0, &views.1)
        },
        moved: |result, stop, way, language| {
            let views = views_of(result, way, language);
            crate::views::lens::moved(result, stop, way, language, &views.0, &views.1)
        },
    };
}

/// The two views the lens and its sentences read for `result` in `way` and `language`: the
/// async/await Rust, whose `.await`s number the states, and the way's own code, which they quote.
/// Kept for the run's recipe, mode, way and language, and written again only when one changes,
/// not at every step.
fn views_of(result: &RunResult, way: Way, language: Language) -> Rc<(CodeView, CodeView)> {
    /// The run's recipe, mode, way and language, and the two views written for them.
    type Kept = ((Rc<Recipe>, Mode, Way, Language), Rc<(CodeView, CodeView)>);
    thread_local! {
        static VIEWS: RefCell<Option<Kept>> = const { RefCell::new(None) };
    }
    let recipe = &result.recipe;
    VIEWS.with_borrow_mut(|kept| match kept {
        Some(((r, m, w, l), views))
            if Rc::ptr_eq(r, recipe) && *m == result.mode && *w == way && *l == language =>
        {
            views.clone()
        }
        _ => {
            let views = Rc::new((
                code::code(recipe, result.mode, Language::Rust),
                code::code_in_way(recipe, result.mode, language, way),
            ));
            *kept = Some(((recipe.clone(), result.mode, way, language), views.clone()));
            views
        }
    })
}

chunk! {
    /// Every lesson but the one the page opens with ([`lesson::by_id`]): their recipes, stories
    /// and "try this", 7 KB gzip of which a first look shows one lesson's. The library's click, a
    /// link or saved work that names another lesson fetches it ([`lesson::CATALOG`] lists them
    /// meanwhile).
    pub static LESSONS in lessons: fn(&str) -> Option<Lesson> = lesson::by_id;
}

/// The lesson `id`, if it is at hand: every lesson once the lessons' chunk is here, and before it
/// the one the page opens with.
pub fn lesson_at_hand(id: &str) -> Option<Lesson> {
    match LESSONS.now() {
        Some(find) => find(id),
        None => (id == lesson::FIRST).then(lesson::cake_and_groceries),
    }
}

/// The writers of a run's files, which only a learner who saves or opens a run elsewhere needs.
#[derive(Clone, Copy)]
pub struct RunFiles {
    /// The Export JSON file ([`crate::model::export::run_json`]): every trace event and timeline
    /// segment; from the lesson's id, the run, the editor's text and the clock's step.
    pub json: fn(Option<&'static str>, &RunResult, &str, f64) -> String,
    /// The run as a Chrome trace, for Perfetto ([`crate::model::export::chrome_trace`]).
    pub chrome: fn(&RunResult) -> String,
}

chunk! {
    /// The run's files' writers ([`RunFiles`]).
    pub static RUN_FILES in export: RunFiles = RunFiles {
        json: |lesson, result, text, step| {
            export::run_json(lesson, &result.recipe, text, result.mode, &result.trace, &result.prediction.trace, step)
        },
        chrome: |result| export::chrome_trace::chrome_trace(&result.recipe, result.mode, &result.trace),
    };
}

/// The Embed panel, loaded the first time Embed is clicked.
#[function_component]
pub fn EmbedPanel(props: &EmbedPanelProps) -> Html {
    use_view(&EMBED, props, "the embed snippet")
}

/// Draws a chunk's view with `props`: "Loading `what`…" until its module is here (a moment on a
/// first open, never again after), or why it is not, if it cannot be downloaded: opening the view
/// again tries again.
#[hook]
fn use_view<P: 'static>(chunk: &'static Chunk<View<P>>, props: &P, what: &'static str) -> Html {
    use_loaded(chunk, |view| view, props, what)
}

/// [`use_view`], for a chunk whose item holds the view among other things (`view` picks it out).
#[hook]
fn use_loaded<T: Copy + 'static, P: 'static>(
    chunk: &'static Chunk<T>,
    view: fn(T) -> View<P>,
    props: &P,
    what: &'static str,
) -> Html {
    // `None` while loading.
    let loaded = use_state(|| chunk.now().map(Ok));
    {
        let loaded = loaded.clone();
        use_effect_with((), move |()| {
            if loaded.is_none() {
                wasm_bindgen_futures::spawn_local(
                    async move { loaded.set(Some(chunk.get().await)) },
                );
            }
        });
    }
    match *loaded {
        Some(Ok(item)) => view(item)(props),
        None => html! { <p class="lazy-loading" role="status">{ format!("Loading {what}…") }</p> },
        Some(Err(Unavailable)) => html! {
            <p class="notice problem" role="alert" data-testid="lazy-failed">
                { format!("Could not download {what}. Check the connection, then close this and open it again.") }
            </p>
        },
    }
}
