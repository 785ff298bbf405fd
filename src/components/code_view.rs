//! The code panel: the Rust that runs for the chosen mode and its Python asyncio twin, with the lines
//! of the steps in progress at the stage's cursor highlighted: the step on the thread strongly, the
//! suspended awaits weakly ([`code::Mark`]). Beside the Python tab, *Copy* and
//! *Download .py* give the twin as a file that runs as is in CPython ([`code::python_file`]).
//! For the learner's own program as written, the Python tab is their text and the Rust tab the Rust
//! the page runs for it ([`code::ProgramCode`]).

use std::rc::Rc;

use yew::prelude::*;

use super::blocks::{BLOCK_LINES, Block, Lines, text_blocks};
use super::lazy;
use super::markup::into_html;
use super::share_bar::message;
use crate::model::code::{self, Language, Mark};
use crate::model::{Mode, Recipe, State, StepId, Way};
use crate::web;

/// Properties of [`CodeView`].
#[derive(Properties, PartialEq)]
pub struct CodeViewProps {
    /// The recipe to show as code, if the editor's text parses.
    pub recipe: Option<Rc<Recipe>>,
    /// The mode whose `main` is shown.
    pub mode: Mode,
    /// The language shown.
    pub language: Language,
    /// How many cooks the processes mode's view shows in its pool.
    #[prop_or(code::DEFAULT_COOKS)]
    pub cooks: usize,
    /// The steps in progress at the stage's cursor and what their tasks are doing, highlighted.
    #[prop_or_default]
    pub marks: Vec<(StepId, State)>,
    /// The lesson's id, when a lesson is open, for the Python file's name.
    #[prop_or_default]
    pub lesson: Option<&'static str>,
    /// Chooses the language.
    pub on_language: Callback<Language>,
    /// How the tasks are written, as chosen: shown where it applies to the mode
    /// ([`Way::applies_to`]), async/await elsewhere.
    #[prop_or_default]
    pub way: Way,
    /// Chooses the way.
    #[prop_or_default]
    pub on_way: Callback<Way>,
    /// The ways' chunk, which writes the code in a way other than async/await: `None` until it is
    /// here (choosing such a way fetches it).
    #[prop_or_default]
    pub ways: Option<lazy::Ways>,
    /// The learner's own program, when the stage's run is of it as written: shown in place of
    /// the code the mode writes, as their text or its Rust.
    #[prop_or_default]
    pub written: Option<Rc<code::ProgramCode>>,
}

/// Two tabs, Rust and Python, over the program text with line numbers.
#[function_component]
pub fn CodeView(props: &CodeViewProps) -> Html {
    let way = shown_way(props);
    let ways = props.ways;
    let writer = ways.map(|w| w.view);
    // The threads modes' code comes with the cooks' chunk, which choosing them fetches.
    let threads = lazy::COOKS.now().map(|c| c.threads_code);
    let view = use_memo(
        (
            props.recipe.clone(),
            props.mode,
            props.language,
            props.cooks,
            props.written.clone(),
            (way, writer.is_some(), threads.is_some()),
        ),
        // A program's own text is shared, never copied: it may be 256 KiB.
        move |(recipe, mode, language, cooks, written, _)| match written {
            Some(code) => Some(code.view(*language)),
            None if way != Way::Async => {
                Some(Rc::new((writer?)(recipe.as_ref()?, *mode, *language, way)))
            }
            None if mode.threaded() => Some(Rc::new((threads?)(
                recipe.as_ref()?,
                *language,
                *cooks,
                *mode == Mode::FreeThreaded,
            ))),
            None => recipe.as_ref().map(|r| {
                Rc::new(match mode {
                    Mode::Processes => code::code_on_cooks(r, *cooks, *language),
                    _ => code::code(r, *mode, *language),
                })
            }),
        },
    );
    let marks: Vec<Mark> = (*view)
        .as_ref()
        .map(|view| view.marks(&props.marks))
        .unwrap_or_default();
    // The first highlighted line (the thread's step) is scrolled into the program's own view, never
    // the page's: the stage must not jump while a learner steps.
    let pre = use_node_ref();
    {
        let pre = pre.clone();
        let first = marks.first().map(|m| m.line);
        use_effect_with(first, move |first| {
            if let (Some(line), Some(pre)) = (first, pre.cast::<web_sys::HtmlElement>()) {
                scroll_to_line(&pre, *line);
            }
        });
    }
    let written = props.written.is_some();
    let python = props.language == Language::Python && view.is_some() && !written;
    let said = use_state(|| None::<String>);
    html! {
        <section class="code" aria-label="Code">
            <div class="tabs" role="tablist" aria-label="Language">
                { for Language::ALL.iter().map(|&language| {
                    let selected = props.language == language;
                    let on_language = props.on_language.clone();
                    html! {
                        <button
                            role="tab"
                            id={ format!("tab-{}", language.id()) }
                            data-testid={ format!("tab-{}", language.id()) }
                            aria-selected={ selected.to_string() }
                            aria-controls="code-panel"
                            class={ if selected { "tab selected" } else { "tab" } }
                            onclick={ Callback::from(move |_| on_language.emit(language)) }
                        >
                            { language.label() }
                        </button>
                    }
                }) }
            </div>
            { way_switch(props, way) }
            if python {
                { file_buttons(props, way, &said) }
            }
            <div id="code-panel" role="tabpanel" aria-labelledby={ format!("tab-{}", props.language.id()) }>
                if let Some(view) = (*view).as_ref() {
                    // A scrolling region: focusable, so that keyboard users can scroll it too, and a
                    // region, since a name on a plain `pre` is one that screen readers never announce.
                    <pre class="program" data-testid="code" ref={ pre.clone() } tabindex="0" role="region"
                         aria-label={ format!("The program in {}", props.language.label()) }><code>
                        { for text_blocks(&view.text).enumerate().map(|(b, range)| {
                            let skip = range.len() < view.text.len();
                            let first = b * BLOCK_LINES;
                            let within = first..first + BLOCK_LINES;
                            let marks = marks.iter().filter(|m| within.contains(&m.line)).copied().collect();
                            let block = Block::Code { view: view.clone(), range, first, marks };
                            html! { <Lines key={ b } {block} {skip} /> }
                        }) }
                    </code></pre>
                } else if props.recipe.is_none() {
                    <p class="empty">{ "Fix the recipe's mistakes to see its code." }</p>
                } else {
                    <p class="lazy-loading" role="status">{ "Loading the code…" }</p>
                }
                if let (true, Some(text)) = (python, &*said) {
                    <p class="shared" role="status">{ text }</p>
                }
            </div>
        </section>
    }
}

/// The way the code is shown in: the chosen one where it applies, async/await for the learner's own
/// program (shown as they wrote it) and for a mode with no other way.
fn shown_way(props: &CodeViewProps) -> Way {
    if props.written.is_none() && props.way.applies_to(props.mode) {
        props.way
    } else {
        Way::Async
    }
}

/// The **Way** switch: callbacks, state machine (generators in Python), async/await. Where the mode
/// has one way only, the other two are off, and a way chosen before says why it is not shown. Its
/// buttons are markup ([`crate::views::way_switch`]) under one listener, which reads the way from
/// the button clicked.
fn way_switch(props: &CodeViewProps, shown: Way) -> Html {
    let only = if props.written.is_some() {
        Some("Your program is shown as you wrote it.")
    } else {
        Way::why_only_async(props.mode)
    };
    let markup =
        crate::views::way_switch::write(shown, props.language, only, props.way != Way::Async);
    let on_way = props.on_way.clone();
    let onclick = Callback::from(move |event: MouseEvent| {
        use wasm_bindgen::JsCast;
        let way = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("[data-way]").ok().flatten())
            .and_then(|e| e.get_attribute("data-way"))
            .and_then(|id| Way::from_id(&id));
        if let Some(way) = way {
            on_way.emit(way);
        }
    });
    html! {
        <div class="way-switch" role="group" aria-label="How the tasks are written" {onclick}>
            { into_html(markup) }
        </div>
    }
}

/// *Copy* and *Download .py*: the Python twin (in the way shown) as a file, written when clicked
/// (not on every render), and what came of it said in `said`, as the share bar says it.
fn file_buttons(props: &CodeViewProps, way: Way, said: &UseStateHandle<Option<String>>) -> Html {
    let on_file = {
        let said = said.clone();
        let (recipe, mode, cooks, lesson) =
            (props.recipe.clone(), props.mode, props.cooks, props.lesson);
        Callback::from(move |copy: bool| {
            let Some(recipe) = &recipe else { return };
            // In another way, the chunk that wrote the code writes the file and its name.
            let (name, text) = match (way, lazy::WAYS.now()) {
                (Way::Async, _) if mode.threaded() => {
                    let Some(cooks_chunk) = lazy::COOKS.now() else {
                        return;
                    };
                    (
                        code::python_file_name(lesson, &recipe.title, mode),
                        (cooks_chunk.threads_file)(recipe, cooks),
                    )
                }
                (Way::Async, _) | (_, None) => (
                    code::python_file_name(lesson, &recipe.title, mode),
                    code::python_file(recipe, mode, cooks),
                ),
                (_, Some(ways)) => (ways.file)(recipe, mode, way, lesson),
            };
            if !copy {
                let saved = web::download::save(&name, "text/x-python", &text);
                said.set(Some(message(saved, &name)));
                return;
            }
            let said = said.clone();
            wasm_bindgen_futures::spawn_local(async move {
                said.set(Some(match web::clipboard::copy(&text).await {
                    Ok(()) => format!("Copied {name}."),
                    Err(why) => format!("{why} Or download it."),
                }));
            });
        })
    };
    html! {
        <>
            <button class="secondary" data-testid="copy-py" onclick={ on_file.reform(|_| true) }>
                { "Copy" }
            </button>
            <button class="secondary" data-testid="download-py" onclick={ on_file.reform(|_| false) }>
                { "Download .py" }
            </button>
        </>
    }
}

/// Scrolls `pre` (and only it) so that its 0-based `line` is in view, a third of the way down.
fn scroll_to_line(pre: &web_sys::HtmlElement, line: usize) {
    use wasm_bindgen::JsCast;
    let Some(span) = pre
        .query_selector(&format!("[data-line=\"{}\"]", line + 1))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    // From the boxes on screen: the line's offset parent may be its block, which contains it.
    let (line, region) = (
        span.get_bounding_client_rect(),
        pre.get_bounding_client_rect(),
    );
    let (scroll, view) = (pre.scroll_top(), pre.client_height());
    let top = (line.top() - region.top()) as i32 + scroll - pre.client_top();
    let height = line.height() as i32;
    if top < scroll || top + height > scroll + view {
        pre.set_scroll_top((top - view / 3).max(0));
    }
}
