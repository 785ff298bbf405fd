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
use crate::model::code;
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

/// The learner's Python as the Recipe drawer offers it.
#[derive(Clone, PartialEq)]
pub struct PythonSource {
    /// Whether the Python tab is the one shown.
    pub chosen: bool,
    /// The learner's program, once they have one.
    pub written: Option<Rc<Written>>,
    /// The learner's Python as saved on an earlier visit, which a first program starts as.
    pub draft: Option<Rc<str>>,
    /// Else the recipe whose Python twin, in `mode` on `cooks` cooks, a first program starts as.
    pub recipe: Option<Rc<Recipe>>,
    /// The mode of the twin.
    pub mode: Mode,
    /// The cooks of the twin, in the processes mode.
    pub cooks: usize,
    /// Real milliseconds per second of the program.
    pub ms_per_second: f64,
    /// Shows the recipe or the Python.
    pub on_source: Callback<Source>,
    /// The Python editor read the text.
    pub on_written: Callback<Rc<Written>>,
}

/// The recipe editor, with the tabs of the Recipe drawer when it offers the learner's Python.
#[function_component]
pub fn Editor(props: &EditorProps) -> Html {
    let Some(python) = &props.python else {
        return html! { <RecipeEditor ..props.clone() /> };
    };
    let tab = |source: Source, label: &'static str| {
        let selected = python.chosen == (source == Source::Python);
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
    // The learner's Python starts as they left it on an earlier visit, else as the recipe's own
    // twin, in the chosen mode.
    let seed = || match &python.draft {
        Some(draft) => draft.to_string(),
        None => python.recipe.as_ref().map_or_else(String::new, |r| {
            code::python_file(r, python.mode, python.cooks)
        }),
    };
    html! {
        <>
            <div class="tabs source-tabs" role="tablist" aria-label="Write it as">
                { tab(Source::Recipe, "Recipe") }
                { tab(Source::Python, "Python") }
            </div>
            if python.chosen {
                <PythonEditor
                    errors={ python_errors(python.written.as_deref()) }
                    written={ python.written.clone() }
                    seed={ if python.written.is_none() { AttrValue::from(seed()) } else { AttrValue::default() } }
                    ms_per_second={ python.ms_per_second }
                    on_written={ python.on_written.clone() }
                />
            } else {
                <RecipeEditor ..props.clone() />
            }
        </>
    }
}

/// The learner's Python's mistake, if it has one, as the recipe's are listed.
fn python_errors(written: Option<&Written>) -> Html {
    let Some(Err(errors)) = written.map(|w| &w.read) else {
        return Html::default();
    };
    html! {
        <>
            <p class="errors-title">{ "This program cannot run yet:" }</p>
            <ul>
                { for errors.iter().map(|error| error_item("python-text", error)) }
            </ul>
        </>
    }
}

/// A plain text area (so every browser's own editing, undo and accessibility work) with the parse
/// errors listed above it, in view however long the text is, and the steps reference beside it;
/// each error moves the cursor to its position when clicked.
#[function_component]
fn RecipeEditor(props: &EditorProps) -> Html {
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
                        { for props.errors.iter().map(|error| error_item("recipe-text", error)) }
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
fn error_item(area: &'static str, error: &ParseError) -> Html {
    let (line, column) = (error.line, error.column);
    let onclick = Callback::from(move |_| {
        let area = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(area))
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
