//! The recipe editor: the text, its errors as the learner types (above it, where they are seen),
//! the steps of the format in brief beside it, and a way back to the original; in the Recipe
//! drawer, a tab for the learner's own Python beside it, which is the Python editor's
//! (`lazy::PythonEditor`).
//!
//! A chunk of its own (`lazy::Editor`), fetched when the Recipe drawer, a "make it" exercise or a
//! broken recipe first shows it: most learners run the lessons as they are. The tabs are drawn
//! here rather than by the drawer, so that their code is this chunk's, not the first look's.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::lazy::PythonEditor;
use super::markup::into_html;
use crate::model::code::{self, Language};
use crate::model::python::as_recipe::AsRecipe;
use crate::model::text::ParseError;
use crate::model::{Mode, Recipe};
use crate::state::{Source, Written};
use crate::views::steps_reference::steps_reference;

/// Properties of [`Editor`].
#[derive(Properties, Clone, PartialEq)]
pub struct EditorProps {
    /// The text in the editor.
    pub text: AttrValue,
    /// Everything wrong with the text, or empty when it parses.
    pub errors: Rc<Vec<ParseError>>,
    /// Whether the text differs from what was opened, so that "Reset" has something to do.
    pub edited: bool,
    /// The learner typed: the editor's whole text.
    pub on_edit: Callback<String>,
    /// Bring back what was opened.
    pub on_reset: Callback<()>,
    /// The learner's Python, offered in a tab beside the recipe (in the Recipe drawer).
    #[prop_or_default]
    pub python: Option<PythonSource>,
}

/// Properties of [`RecipeEditor`]: the text it shows (the recipe's, or the one written from the
/// learner's Python), and what it says of where that comes from. Kept apart from [`EditorProps`],
/// which the first look compares, so that comparing markup (`note`) is this chunk's code alone.
#[derive(Properties, Clone, PartialEq)]
struct RecipeEditorProps {
    text: AttrValue,
    errors: Rc<Vec<ParseError>>,
    edited: bool,
    on_edit: Callback<String>,
    on_reset: Callback<()>,
    #[prop_or_default]
    note: Html,
}

/// The learner's programs as the Recipe drawer offers them.
#[derive(Clone, PartialEq)]
pub struct PythonSource {
    /// The tab shown: the recipe, the Python or the Rust.
    pub chosen: Source,
    /// Which is the program: the recipe, or the learner's Python or Rust; the other tabs show it
    /// written in their own way.
    pub lead: Source,
    /// The learner's program, once they have one.
    pub written: Option<Rc<Written>>,
    /// The learner's Python as saved on an earlier visit, which a first program starts as.
    pub python_draft: Option<Rc<str>>,
    /// The learner's Rust as saved on an earlier visit, likewise.
    pub rust_draft: Option<Rc<str>>,
    /// Else the recipe whose Python twin, in `mode` on `cooks` cooks, a first program starts as.
    pub recipe: Option<Rc<Recipe>>,
    /// The mode of the twin.
    pub mode: Mode,
    /// The cooks of the twin, in the processes mode.
    pub cooks: usize,
    /// Real milliseconds per second of the program.
    pub ms_per_second: f64,
    /// How many cores the browser reports: a `ProcessPoolExecutor`'s processes by default.
    pub cores: usize,
    /// Shows the recipe, the Python or the Rust.
    pub on_source: Callback<Source>,
    /// The program editor read the text.
    pub on_written: Callback<Rc<Written>>,
    /// Makes the recipe or one of the learner's programs the program, unedited.
    pub on_lead: Callback<Source>,
}

impl PythonSource {
    /// The learner's program in `language` as saved on an earlier visit.
    fn draft(&self, language: Language) -> Option<Rc<str>> {
        match language {
            Language::Python => self.python_draft.clone(),
            Language::Rust => self.rust_draft.clone(),
        }
    }
}

/// The recipe editor, with the tabs of the Recipe drawer when it offers the learner's programs.
#[function_component]
pub fn Editor(props: &EditorProps) -> Html {
    let Some(python) = &props.python else {
        return recipe_editor(props);
    };
    let tab = |source: Source, label: &'static str| {
        let selected = python.chosen == source;
        let on_source = python.on_source.clone();
        html! {
            <button role="tab" data-testid={ format!("source-{}", source.id()) }
                    aria-selected={ selected.to_string() }
                    class={ if selected { "tab selected" } else { "tab" } }
                    onclick={ Callback::from(move |_| on_source.emit(source)) }>
                { label }
            </button>
        }
    };
    html! {
        <>
            <div class="tabs source-tabs" role="tablist" aria-label="Write it as">
                { tab(Source::Recipe, "Recipe") }
                { tab(Source::Python, "Python") }
                { tab(Source::Rust, "Rust") }
            </div>
            { match python.chosen.language() {
                Some(language) => program_tab(python, language),
                None => recipe_tab(props, python),
            } }
        </>
    }
}

/// The Python or the Rust tab: the learner's program when it is in this language and is the
/// program; else the program written in this language from what is (the recipe's twin, or the
/// learner's program in the other language), unread until the learner edits it, which makes
/// their edit the program.
fn program_tab(python: &PythonSource, language: Language) -> Html {
    let source = Source::of(language);
    // The recipe's own twin, in the chosen mode: Python, which the editor writes in Rust for the
    // Rust tab.
    let twin = || {
        python.recipe.as_ref().map_or_else(String::new, |r| {
            code::python_file(r, python.mode, python.cooks)
        })
    };
    let own = python.written.clone().filter(|w| w.language == language);
    if python.lead == source {
        // As typed, else as they left it on an earlier visit (or as a link brought it), else the
        // recipe's twin, which the editor reads.
        let (seed, seed_language) = match (&own, python.draft(language)) {
            (Some(_), _) => (AttrValue::default(), language),
            (None, Some(draft)) => (AttrValue::from(draft), language),
            (None, None) => (AttrValue::from(twin()), Language::Python),
        };
        return html! {
            <PythonEditor
                {language}
                errors={ program_errors(own.as_deref(), language) }
                written={ own }
                {seed}
                {seed_language}
                read_seed=true
                ms_per_second={ python.ms_per_second }
                cores={ python.cores }
                on_written={ python.on_written.clone() }
            />
        };
    }
    // Written from what is the program: the learner's other program, or the recipe.
    let from = python
        .written
        .clone()
        .filter(|w| Some(w.language) == python.lead.language());
    let said = match &from {
        Some(w) => format!("Written from your {}", w.language.label()),
        None => format!(
            "Written from the recipe, as {} runs it",
            python.mode.label()
        ),
    };
    let kept = python.draft(language).is_some() || own.is_some();
    let on_open = python.on_lead.reform(move |_| source);
    let note = html! {
        <p class="written-from" data-testid="written-from">
            { format!("{said}. Edit it and it becomes the program") }
            if kept {
                { format!("; the {} you wrote stays saved until then. ", language.label()) }
                <button class="secondary" data-testid={ format!("lead-{}", source.id()) } onclick={ on_open }>
                    { format!("Open my {}", language.label()) }
                </button>
            } else {
                { "." }
            }
        </p>
    };
    html! {
        <PythonEditor
            {language}
            written={ None::<Rc<Written>> }
            seed={ AttrValue::from(twin()) }
            seed_language={ Language::Python }
            {from}
            read_seed=false
            {note}
            ms_per_second={ python.ms_per_second }
            cores={ python.cores }
            on_written={ python.on_written.clone() }
        />
    }
}

/// The recipe tab: the recipe, or while the learner's Python is the program its tasks written as a
/// recipe (the last that read, while the Python has a mistake), or why they cannot be, above the
/// lesson's recipe.
fn recipe_tab(props: &EditorProps, python: &PythonSource) -> Html {
    let from = python
        .written
        .as_ref()
        .filter(|w| python.lead.language() == Some(w.language))
        .and_then(|w| Some((w.language, w.last_good.as_ref()?)))
        .map(|(language, good)| (language, good.as_recipe.clone()));
    let Some((language, from)) = from else {
        return recipe_editor(props);
    };
    let note = from_program_note(&from, language, python.on_lead.clone());
    let (text, errors) = match from {
        Ok(written) => (AttrValue::from(written.text.clone()), Rc::default()),
        Err(_) => (props.text.clone(), props.errors.clone()),
    };
    html! {
        <RecipeEditor {text} {errors} edited={ props.edited } on_edit={ props.on_edit.clone() }
            on_reset={ props.on_reset.clone() } {note} />
    }
}

/// The recipe's own editor, as [`EditorProps`] describe it.
fn recipe_editor(props: &EditorProps) -> Html {
    html! {
        <RecipeEditor text={ props.text.clone() } errors={ props.errors.clone() } edited={ props.edited }
            on_edit={ props.on_edit.clone() } on_reset={ props.on_reset.clone() } />
    }
}

/// What the recipe tab says while the learner's Python is the program: that the recipe is written
/// from it (and what of it is left out), or why it cannot be, with the way back to the lesson's.
fn from_program_note(
    from: &Result<Rc<AsRecipe>, Rc<str>>,
    language: Language,
    on_lead: Callback<Source>,
) -> Html {
    let said = match from {
        Ok(written) => {
            let left_out = match written.left_out.as_slice() {
                [] => String::new(),
                [line] => format!(
                    " What your top does itself (line {line}) is left out: each mode drives the tasks its own way."
                ),
                lines => format!(
                    " What your top does itself (lines {}) is left out: each mode drives the tasks its own way.",
                    lines
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let name = language.label();
            format!(
                "Written from your {name}: its tasks, which every mode but As written runs.{left_out} Edit it and it becomes the program; your {name} stays saved. "
            )
        }
        Err(why) => format!(
            "Your {} cannot be written as a recipe: {why}. Only As written runs it; below is the lesson's recipe, which becomes the program again if you edit it. ",
            language.label()
        ),
    };
    html! {
        <p class="written-from" data-testid="written-from">
            { said }
            <button class="secondary" data-testid="lead-recipe" onclick={ on_lead.reform(|_| Source::Recipe) }>
                { "Back to the lesson's recipe" }
            </button>
        </p>
    }
}

/// The learner's program's mistake, if it has one, as the recipe's are listed.
fn program_errors(written: Option<&Written>, language: Language) -> Html {
    let Some(Err(errors)) = written.map(|w| &w.read) else {
        return Html::default();
    };
    html! {
        <>
            <p class="errors-title">{ "This program cannot run yet:" }</p>
            <ul>
                { for errors.iter().map(|error| error_item(Some(language), error)) }
            </ul>
        </>
    }
}

/// A plain text area (so every browser's own editing, undo and accessibility work) with the parse
/// errors listed above it, in view however long the text is, and the steps reference beside it;
/// each error moves the cursor to its position when clicked.
#[function_component]
fn RecipeEditor(props: &RecipeEditorProps) -> Html {
    let on_input = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() {
                on_edit.emit(area.value());
            }
        })
    };
    let invalid = !props.errors.is_empty();
    let lines = props.text.lines().count().max(1);
    html! {
        <section class="editor" aria-label="Recipe editor">
            <div class="editor-head">
                <label for="recipe-text">{ "Recipe" }</label>
                <span class="editor-hint">{ "Edit the steps; the page checks them as you type." }</span>
                <button
                    class="secondary"
                    data-testid="reset"
                    disabled={ !props.edited }
                    onclick={ props.on_reset.reform(|_| ()) }
                >
                    { "Reset to the lesson" }
                </button>
                { props.note.clone() }
            </div>
            <div id="recipe-errors" class="errors" aria-live="polite" data-testid="errors">
                if invalid {
                    <p class="errors-title">
                        { match props.errors.len() {
                            1 => "This recipe has a mistake; fix it to run:".to_owned(),
                            n => format!("This recipe has {n} mistakes; fix them to run:"),
                        } }
                    </p>
                    <ul>
                        { for props.errors.iter().map(|error| error_item(None, error)) }
                    </ul>
                }
            </div>
            <textarea
                id="recipe-text"
                data-testid="editor"
                spellcheck="false"
                autocapitalize="off"
                autocomplete="off"
                rows={ (lines + 1).clamp(8, 24).to_string() }
                aria-invalid={ invalid.to_string() }
                aria-describedby="recipe-errors"
                value={ props.text.clone() }
                oninput={ on_input }
            />
            <aside class="steps-reference" data-testid="steps-reference" aria-labelledby="steps-reference-title">
                { into_html(steps_reference()) }
            </aside>
        </section>
    }
}

/// One error, as a button that puts the cursor where the error is in the text area `area` (by its
/// id: the Python editor's is drawn by its own chunk, while its mistakes are listed by this one).
fn error_item(language: Option<Language>, error: &ParseError) -> Html {
    let (line, column) = (error.line, error.column);
    // The text area's id: `recipe-text`, `python-text` or `rust-text`.
    let area = format!("{}-text", language.map_or("recipe", Language::id));
    let onclick = Callback::from(move |_| {
        let area = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&area))
            .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok());
        if let Some(area) = area {
            let at = offset_of(&area.value(), line, column);
            let _ = area.focus();
            let _ = area.set_selection_range(at, at);
        }
    });
    html! {
        <li data-line={ line.to_string() } data-column={ column.to_string() }>
            <button class="error-link" {onclick}>
                <span class="error-at">{ format!("line {line}, column {column}") }</span>
                { format!(": {}", error.message) }
            </button>
        </li>
    }
}

/// The text area offset of a 1-based line and column. Text areas count UTF-16 code units, so that is
/// what this counts; a position past the end lands at the end.
fn offset_of(text: &str, line: usize, column: usize) -> u32 {
    let mut offset = 0;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line {
            let within: usize = l
                .chars()
                .take(column.saturating_sub(1))
                .map(char::len_utf16)
                .sum();
            return (offset + within) as u32;
        }
        offset += l.encode_utf16().count() + 1;
    }
    text.encode_utf16().count() as u32
}

#[cfg(test)]
mod tests {
    use super::offset_of;

    #[test]
    fn offsets_count_utf16_units_line_by_line() {
        let text = "task a\n  wait ten\n";
        assert_eq!(offset_of(text, 1, 1), 0);
        assert_eq!(offset_of(text, 2, 8), 14);
        // A character outside the basic plane is two UTF-16 units.
        assert_eq!(offset_of("😀x\nb", 1, 2), 2);
        assert_eq!(offset_of("😀x\nb", 2, 1), 4);
        assert_eq!(offset_of("ab", 9, 1), 2);
    }
}
