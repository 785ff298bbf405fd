//! Keeping a run: Export SVG and Export JSON under the results, and the message after each. The
//! JSON file's writer is a chunk of its own (`lazy::RUN_FILE`), fetched on the first export.

use std::rc::Rc;

use yew::prelude::*;

use super::lazy::{RUN_FILE, Unavailable};
use crate::model::run::RunResult;
use crate::web;

/// Properties of [`ExportBar`].
#[derive(Properties, PartialEq)]
pub struct ExportBarProps {
    /// The lesson's id, when a lesson is open, for the export's file name and contents.
    #[prop_or_default]
    pub lesson: Option<&'static str>,
    /// The editor's text, exported beside the run.
    pub text: AttrValue,
    /// The finished run to export, if there is one.
    #[prop_or_default]
    pub result: Option<Rc<RunResult>>,
    /// The step the page's clock moves by, in milliseconds, for the export.
    #[prop_or_default]
    pub clock_step_ms: f64,
}

/// Buttons for Export SVG and Export JSON of the latest run, disabled until a run has finished.
#[function_component]
pub fn ExportBar(props: &ExportBarProps) -> Html {
    let said = use_state(|| None::<String>);
    let file_stem = format!(
        "{}-{}",
        props.lesson.unwrap_or("recipe"),
        props.result.as_ref().map_or("run", |r| r.mode.id())
    );
    let on_svg = {
        let said = said.clone();
        let result = props.result.clone();
        let name = format!("{file_stem}.svg");
        Callback::from(move |_| {
            let Some(result) = &result else { return };
            let id = format!("timeline-svg-{}", result.mode.id());
            // The chart carries its own style sheet and patterns; the serialiser adds the namespace.
            let saved = web::dom::svg_file(&id, "")
                .ok_or_else(|| "The timeline is not on the page yet.".to_owned())
                .and_then(|svg| web::download::save(&name, "image/svg+xml", &svg));
            said.set(Some(message(saved, &name)));
        })
    };
    let on_json = {
        let said = said.clone();
        let result = props.result.clone();
        let (lesson, text, step) = (props.lesson, props.text.clone(), props.clock_step_ms);
        let name = format!("{file_stem}.json");
        Callback::from(move |_| {
            let Some(result) = result.clone() else { return };
            let (said, text, name) = (said.clone(), text.clone(), name.clone());
            // The file's writer is a chunk of its own, fetched on the first export.
            wasm_bindgen_futures::spawn_local(async move {
                let saved = match RUN_FILE.get().await {
                    Ok(write) => web::download::save(
                        &name,
                        "application/json",
                        &write(lesson, &result, &text, step),
                    ),
                    Err(Unavailable) => Err(
                        "its writer could not be downloaded: check the connection and try again"
                            .to_owned(),
                    ),
                };
                said.set(Some(message(saved, &name)));
            });
        })
    };
    let no_run = props.result.is_none();
    html! {
        <section class="share" aria-label="Export the run">
            <div class="share-buttons">
                <button class="secondary" data-testid="export-svg" disabled={ no_run } onclick={ on_svg }>
                    { "Export SVG" }
                </button>
                <button class="secondary" data-testid="export-json" disabled={ no_run } onclick={ on_json }>
                    { "Export JSON" }
                </button>
            </div>
            if let Some(text) = &*said {
                <p class="shared" role="status">{ text.clone() }</p>
            }
        </section>
    }
}

/// The message after an export: `Saved cake-gather.json.`, or why it could not be saved.
pub(super) fn message(saved: Result<(), String>, name: &str) -> String {
    match saved {
        Ok(()) => format!("Saved {name}."),
        Err(why) => format!("Could not save {name}: {why}"),
    }
}
