//! The Embed panel: the snippet that embeds what is on screen in a course page, in a preset (the
//! whole lesson, or the chart and Run only), a button that copies it, a preview of the frame, and a
//! link to the page that documents embedding.
//!
//! Only teachers open it, so it is a chunk of its own (`lazy::EmbedPanel`), fetched on the first
//! click on Embed. What the snippet says is `model::export::snippet`'s; this file writes it for the
//! link of the moment (the recipe compressed as the share bar compressed it) and shows it.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::share_bar::{Deflated, compressed};
use crate::model::export::snippet::{self, DOCS_PAGE, Preset};
use crate::model::share::Share;
use crate::web;

/// Properties of [`EmbedPanel`].
#[derive(Properties, PartialEq, Clone)]
pub struct EmbedPanelProps {
    /// What the frame should show: the lesson, the edited text, the mode and the scale.
    pub share: Share,
    /// The recipe's title, for the frame's accessible title.
    pub title: AttrValue,
    /// The recipe as the share bar compressed it ahead.
    pub deflated: Deflated,
}

/// The snippet as written for a preset, and whether it was copied (`None`: not asked).
#[derive(Clone, PartialEq)]
struct Written {
    preset: Preset,
    text: String,
    copied: Option<bool>,
}

/// The panel. Opening it copies the whole lesson's snippet; choosing a preset writes it again, and
/// so does a change of what is on screen while it is open.
#[function_component]
pub fn EmbedPanel(props: &EmbedPanelProps) -> Html {
    let preset = use_state(|| Preset::Full);
    let written = use_state(|| None::<Written>);
    let preview = use_state(|| false);
    // Only the latest request's snippet is shown, and only the first one (the click on Embed) copies.
    let latest = use_mut_ref(|| 0_u32);
    {
        let (written, latest) = (written.clone(), latest.clone());
        let (deflated, title) = (props.deflated.clone(), props.title.clone());
        // A frame starts at the run's beginning: the stage's moment, which moves on every frame
        // while the stage plays, would write the snippet (and load the preview) again each time.
        let share = Share {
            at_ms: None,
            ..props.share.clone()
        };
        use_effect_with((share, *preset), move |(share, preset)| {
            let (share, preset) = (share.clone(), *preset);
            let request = next(&latest);
            wasm_bindgen_futures::spawn_local(async move {
                let src = web::location::link_with(
                    &compressed(preset.share(share), &deflated).await.to_query(),
                );
                let text = snippet::snippet(&src, &title, preset);
                let copied = if request == 1 {
                    Some(web::clipboard::copy(&text).await.is_ok())
                } else {
                    None
                };
                if *latest.borrow() == request {
                    written.set(Some(Written {
                        preset,
                        text,
                        copied,
                    }));
                }
            });
        });
    }
    let shown = written.as_ref().filter(|w| w.preset == *preset);
    let choose = |to: Preset| {
        let preset = preset.clone();
        Callback::from(move |_: Event| preset.set(to))
    };
    let on_copy = {
        let written = written.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(now) = (*written).clone() else {
                return;
            };
            let written = written.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let copied = Some(web::clipboard::copy(&now.text).await.is_ok());
                written.set(Some(Written { copied, ..now }));
            });
        })
    };
    let on_preview = {
        let preview = preview.clone();
        Callback::from(move |_: MouseEvent| preview.set(!*preview))
    };
    let said = match shown.and_then(|w| w.copied) {
        Some(true) => "Snippet copied. ",
        Some(false) => "Copy this snippet by hand. ",
        None => "Copy this snippet. ",
    };
    html! {
        <section id="share-panel" class="share-panel embed-panel" aria-label="Embed">
            <fieldset class="embed-presets">
                <legend>{ "The frame shows" }</legend>
                { for Preset::ALL.iter().map(|&p| html! {
                    <label class="embed-preset">
                        <input type="radio" name="embed-preset" data-testid={ format!("embed-preset-{}", p.id()) }
                               checked={ p == *preset } onchange={ choose(p) } />
                        { p.label() }
                    </label>
                }) }
            </fieldset>
            if props.share.program.is_some() && !preset.shows_program(&props.share) {
                <p class="embed-note" data-testid="embed-program-note">
                    { "The chart-only frame has no editor to read your program with: it shows the \
                       lesson's own recipe. The whole lesson's frame shows your program." }
                </p>
            }
            <label for="embed-snippet">
                { said }
                { "Paste it into a course page: the frame fits its height to the lesson by itself, and \
                   tells the page each run's numbers and each exercise's score." }
            </label>
            <textarea id="embed-snippet" data-testid="embed-snippet" readonly=true rows="10"
                value={ shown.map(|w| w.text.clone()).unwrap_or_default() } />
            <div class="share-buttons">
                <button class="secondary" data-testid="embed-copy" disabled={ shown.is_none() } onclick={ on_copy }>
                    { "Copy snippet" }
                </button>
                <button class="secondary" data-testid="embed-preview" aria-pressed={ preview.to_string() }
                        onclick={ on_preview }>
                    { "Preview" }
                </button>
                <a class="embed-docs" data-testid="embed-docs" href={ DOCS_PAGE } target="_blank" rel="noopener">
                    { "How embedding works: the presets, the height message, SPLICE ↗" }
                </a>
            </div>
            if let Some(w) = shown.filter(|_| *preview) {
                // The snippet itself in a page of its own, as a course page shows it: its script sizes
                // the frame inside, and this box scrolls.
                <iframe class="embed-preview" data-testid="embed-preview-frame" title="Preview of the embedded lesson"
                    srcdoc={ format!("<!DOCTYPE html><meta charset=\"utf-8\"><body style=\"margin:0\">{}", w.text) } />
            }
        </section>
    }
}

/// The next request's number, counted from 1.
fn next(latest: &Rc<RefCell<u32>>) -> u32 {
    let mut latest = latest.borrow_mut();
    *latest += 1;
    *latest
}
