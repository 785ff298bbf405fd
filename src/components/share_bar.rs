//! Keeping and sharing work: a link to copy, an `<iframe>` snippet, and exports of the latest run.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::model::export;
use crate::model::run::RunResult;
use crate::model::share::Share;
use crate::web;

/// Properties of [`ShareBar`].
#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    /// What a link should reproduce: the lesson, the edited text, the mode and the scale.
    pub share: Share,
    /// The recipe's title, for the iframe's accessible title.
    pub title: AttrValue,
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

/// What the bar shows under its buttons.
#[derive(Clone, PartialEq)]
enum Shown {
    Nothing,
    Link(String, bool),
    Embed(String, bool),
    Message(String),
}

/// A recipe text and its raw deflate (`None` where the browser cannot compress).
type Deflated = Rc<RefCell<Option<(String, Option<Vec<u8>>)>>>;

/// How long the text must stay unchanged before it is compressed for a link, in milliseconds: the
/// editor changes it on every keystroke.
const DEFLATE_AFTER_MS: u32 = 300;

/// Buttons for Share, Embed, Export SVG and Export JSON; the link and snippet stay visible so they
/// can be copied by hand where the clipboard is refused.
#[function_component]
pub fn ShareBar(props: &ShareBarProps) -> Html {
    let shown = use_state(|| Shown::Nothing);
    // A link carries the recipe compressed, by the browser's own `CompressionStream`, which answers
    // asynchronously. It is compressed ahead, once the text rests, so that a click copies at once
    // (Safari lets a page write to the clipboard only while it handles the click).
    let deflated: Deflated = use_mut_ref(|| None);
    {
        let deflated = deflated.clone();
        use_effect_with(props.share.recipe_text.clone(), move |text| {
            if let Some(text) = text.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    gloo_timers::future::TimeoutFuture::new(DEFLATE_AFTER_MS).await;
                    let bytes = web::deflate::deflate(&text).await;
                    *deflated.borrow_mut() = Some((text, bytes));
                });
            }
        });
    }
    let on_share = {
        let (shown, share, deflated) = (shown.clone(), props.share.clone(), deflated.clone());
        Callback::from(move |_| {
            let (shown, share, deflated) = (shown.clone(), share.clone(), deflated.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let link = web::location::link_with(&compressed(share, &deflated).await.to_query());
                copy_and_show(&shown, link, Shown::Link).await;
            });
        })
    };
    let on_embed = {
        let (shown, title, deflated) = (shown.clone(), props.title.clone(), deflated.clone());
        let share = Share {
            embed: true,
            ..props.share.clone()
        };
        Callback::from(move |_| {
            let (shown, title, share, deflated) = (
                shown.clone(),
                title.clone(),
                share.clone(),
                deflated.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let src = web::location::link_with(&compressed(share, &deflated).await.to_query());
                let snippet = format!(
                    "<iframe src=\"{src}\" title=\"Async Kitchen: {}\" style=\"width: 100%; \
                     border: 0\" height=\"560\" loading=\"lazy\"></iframe>",
                    escape_attr(&title)
                );
                copy_and_show(&shown, snippet, Shown::Embed).await;
            });
        })
    };
    let file_stem = format!(
        "{}-{}",
        props.lesson.unwrap_or("recipe"),
        props.result.as_ref().map_or("run", |r| r.mode.id())
    );
    let on_svg = {
        let shown = shown.clone();
        let result = props.result.clone();
        let name = format!("{file_stem}.svg");
        Callback::from(move |_| {
            let Some(result) = &result else { return };
            let id = format!("timeline-svg-{}", result.mode.id());
            // The chart carries its own style sheet and patterns; the serialiser adds the namespace.
            let saved = web::dom::svg_file(&id, "")
                .ok_or_else(|| "The timeline is not on the page yet.".to_owned())
                .and_then(|svg| web::download::save(&name, "image/svg+xml", &svg));
            shown.set(Shown::Message(message(saved, &name)));
        })
    };
    let on_json = {
        let shown = shown.clone();
        let result = props.result.clone();
        let (lesson, text, step) = (props.lesson, props.text.clone(), props.clock_step_ms);
        let name = format!("{file_stem}.json");
        Callback::from(move |_| {
            let Some(result) = &result else { return };
            let json = export::run_json(
                lesson,
                &result.recipe,
                &text,
                result.mode,
                &result.trace,
                &result.prediction.trace,
                step,
            );
            shown.set(Shown::Message(message(
                web::download::save(&name, "application/json", &json),
                &name,
            )));
        })
    };
    let no_run = props.result.is_none();
    html! {
        <section class="share" aria-label="Share and export">
            <div class="share-buttons">
                <button class="secondary" data-testid="share" onclick={ on_share }>{ "Share link" }</button>
                <button class="secondary" data-testid="embed" onclick={ on_embed }>{ "Embed" }</button>
                <button class="secondary" data-testid="export-svg" disabled={ no_run } onclick={ on_svg }>
                    { "Export SVG" }
                </button>
                <button class="secondary" data-testid="export-json" disabled={ no_run } onclick={ on_json }>
                    { "Export JSON" }
                </button>
            </div>
            { match &*shown {
                Shown::Nothing => html! {},
                Shown::Link(link, copied) => html! {
                    <p class="shared">
                        <label for="share-link">
                            { if *copied { "Link copied. " } else { "Copy this link: " } }
                            { "it opens this recipe with this mode and scale." }
                        </label>
                        <input id="share-link" data-testid="share-link" readonly=true value={ link.clone() } />
                    </p>
                },
                Shown::Embed(snippet, copied) => html! {
                    <p class="shared">
                        <label for="embed-snippet">
                            { if *copied { "Snippet copied. " } else { "Copy this snippet. " } }
                            { "Paste it into a course page; the frame reports its height and each run's \
                               results to the page (see docs/embedding.md in the repository):" }
                        </label>
                        <textarea id="embed-snippet" data-testid="embed-snippet" readonly=true rows="3"
                            value={ snippet.clone() } />
                    </p>
                },
                Shown::Message(text) => html! { <p class="shared" role="status">{ text }</p> },
            } }
        </section>
    }
}

/// `share` with its recipe compressed: as compressed ahead when that was of this text, else now
/// (without awaiting anything when the compression is ready). Where the browser cannot compress,
/// the text goes uncompressed.
async fn compressed(mut share: Share, deflated: &Deflated) -> Share {
    let Some(text) = &share.recipe_text else {
        return share;
    };
    let ready = deflated
        .borrow()
        .as_ref()
        .filter(|(of, _)| of == text)
        .map(|(_, bytes)| bytes.clone());
    share.deflated = match ready {
        Some(bytes) => bytes,
        None => web::deflate::deflate(text).await,
    };
    share
}

/// Copies `text` to the clipboard, then shows it (with whether the copy worked) so that it can be
/// copied by hand where the clipboard is refused.
async fn copy_and_show(
    shown: &UseStateHandle<Shown>,
    text: String,
    show: fn(String, bool) -> Shown,
) {
    let copied = web::clipboard::copy(&text).await.is_ok();
    shown.set(show(text, copied));
}

/// The message after an export: `Saved cake-gather.json.`, or why it could not be saved.
pub(super) fn message(saved: Result<(), String>, name: &str) -> String {
    match saved {
        Ok(()) => format!("Saved {name}."),
        Err(why) => format!("Could not save {name}: {why}"),
    }
}

/// Escapes text for a double-quoted HTML attribute.
fn escape_attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}
