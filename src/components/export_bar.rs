//! Keeping a run: Export SVG, Export JSON, Export Chrome trace and Open in Perfetto under the
//! results, and the message after each. The files' writers are a chunk of their own
//! (`lazy::RUN_FILES`), fetched on the first export; Perfetto's tab is `web::perfetto`'s.

use std::rc::Rc;

use yew::prelude::*;

use super::lazy::{RUN_FILES, RunFiles, Unavailable};
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
        let (lesson, text, step) = (props.lesson, props.text.clone(), props.clock_step_ms);
        save_file(
            &said,
            &props.result,
            format!("{file_stem}.json"),
            move |files, result| (files.json)(lesson, result, &text, step),
        )
    };
    let on_trace = save_file(
        &said,
        &props.result,
        format!("{file_stem}.trace.json"),
        |files, result| (files.chrome)(result),
    );
    let on_perfetto = {
        let said = said.clone();
        let result = props.result.clone();
        let name = format!("{file_stem}.trace.json");
        Callback::from(move |_| {
            let Some(result) = result.clone() else { return };
            // The tab is opened in the click itself, or the browser would block it.
            let tab = match web::perfetto::open() {
                Ok(tab) => tab,
                Err(why) => {
                    return said.set(Some(format!("Could not open the run in Perfetto: {why}.")));
                }
            };
            said.set(Some("Opening the run in Perfetto's tab…".to_owned()));
            let (said, name) = (said.clone(), name.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let posted = match writers().await {
                    Ok(files) => {
                        let title = format!("{} ({})", result.recipe.title, result.mode.label());
                        tab.post(&(files.chrome)(&result), &title, &name).await
                    }
                    Err(why) => Err(why),
                };
                said.set(Some(match posted {
                    Ok(()) => "Opened the run in Perfetto's tab.".to_owned(),
                    Err(why) => format!("Could not open the run in Perfetto: {why}."),
                }));
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
                // Every string here is in the first look's data, wherever the code is: no titles.
                <button class="secondary" data-testid="export-trace" disabled={ no_run } onclick={ on_trace }>
                    { "Export Chrome trace" }
                </button>
                <button class="secondary" data-testid="open-perfetto" disabled={ no_run } onclick={ on_perfetto }>
                    { "Open in Perfetto" }
                </button>
            </div>
            if let Some(text) = &*said {
                <p class="shared" role="status">{ text.clone() }</p>
            }
        </section>
    }
}

/// A button's click that saves the run as the JSON file `name`, which `write` writes with the files'
/// writers (a chunk of their own, fetched on the first export), and says how that went.
fn save_file(
    said: &UseStateHandle<Option<String>>,
    result: &Option<Rc<RunResult>>,
    name: String,
    write: impl Fn(RunFiles, &RunResult) -> String + 'static,
) -> Callback<MouseEvent> {
    let (said, result, write) = (said.clone(), result.clone(), Rc::new(write));
    Callback::from(move |_| {
        let Some(result) = result.clone() else { return };
        let (said, name, write) = (said.clone(), name.clone(), write.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let saved = writers().await.and_then(|files| {
                web::download::save(&name, "application/json", &write(files, &result))
            });
            said.set(Some(message(saved, &name)));
        });
    })
}

/// The files' writers, fetched the first time; or why they could not be.
async fn writers() -> Result<RunFiles, String> {
    RUN_FILES.get().await.map_err(|Unavailable| {
        "its writer could not be downloaded: check the connection and try again".to_owned()
    })
}

/// The message after an export: `Saved cake-gather.json.`, or why it could not be saved.
pub(super) fn message(saved: Result<(), String>, name: &str) -> String {
    match saved {
        Ok(()) => format!("Saved {name}."),
        Err(why) => format!("Could not save {name}: {why}"),
    }
}
