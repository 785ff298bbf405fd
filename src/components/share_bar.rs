//! Sharing what is on screen, from the lesson bar: Share link (a link to copy) and Embed (the
//! snippet for a course page, `EmbedPanel`, a chunk of its own), each opening a panel below the bar.
//!
//! The buttons are disclosure buttons: a second click closes the panel. The link stays visible so
//! that it can be copied by hand where the clipboard is refused, and follows what is on screen while
//! the panel is open. This file also compresses the recipe for links, ahead of the click.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::lazy::EmbedPanel;
use crate::model::share::Share;
use crate::web;

pub(super) use super::export_bar::message;

/// Properties of [`ShareBar`].
#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    /// What a link should reproduce: the lesson, the edited text, the mode and the scale.
    pub share: Share,
    /// The recipe's title, for the iframe's accessible title.
    pub title: AttrValue,
}

/// What the panel under the buttons shows.
#[derive(Clone, PartialEq)]
enum Panel {
    Closed,
    /// The share link, and whether it was copied (`None`: it changed since).
    Link(String, Option<bool>),
    Embed,
}

/// A recipe text and its raw deflate (`None` where the browser cannot compress).
pub type Deflated = Rc<RefCell<Option<(String, Option<Vec<u8>>)>>>;

/// How long the text must stay unchanged before it is compressed for a link, in milliseconds: the
/// editor changes it on every keystroke.
const DEFLATE_AFTER_MS: u32 = 300;

/// The Share link and Embed buttons, and the panel they open below the lesson bar.
#[function_component]
pub fn ShareBar(props: &ShareBarProps) -> Html {
    let panel = use_state(|| Panel::Closed);
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
    let link_open = matches!(*panel, Panel::Link(..));
    let embed_open = *panel == Panel::Embed;
    // An open link follows what is on screen: another mode, an edit, the stage's moment.
    {
        let (panel, deflated) = (panel.clone(), deflated.clone());
        use_effect_with(props.share.clone(), move |share| {
            if link_open {
                show_link(&panel, share.clone(), &deflated, false);
            }
        });
    }
    let on_share = {
        let (panel, share, deflated) = (panel.clone(), props.share.clone(), deflated.clone());
        Callback::from(move |_: MouseEvent| {
            if link_open {
                panel.set(Panel::Closed);
            } else {
                show_link(&panel, share.clone(), &deflated, true);
            }
        })
    };
    let on_embed = {
        let panel = panel.clone();
        Callback::from(move |_: MouseEvent| {
            panel.set(if embed_open {
                Panel::Closed
            } else {
                Panel::Embed
            })
        })
    };
    let tab = |open: bool| {
        if open {
            "drawer-tab open"
        } else {
            "drawer-tab"
        }
    };
    html! {
        <>
            <div class="share-tools" role="group" aria-label="Share this lesson">
                <button class={ tab(link_open) } data-testid="share" aria-expanded={ link_open.to_string() }
                        aria-controls="share-panel" onclick={ on_share }>
                    { "Share link" }
                </button>
                <button class={ tab(embed_open) } data-testid="embed" aria-expanded={ embed_open.to_string() }
                        aria-controls="share-panel" onclick={ on_embed }>
                    { "Embed" }
                </button>
            </div>
            { match &*panel {
                Panel::Closed => html! {},
                Panel::Link(link, copied) => html! {
                    <section id="share-panel" class="share-panel" aria-label="Share link">
                        <label for="share-link">
                            { if *copied == Some(true) { "Link copied. " } else { "Copy this link: " } }
                            { "it opens this recipe with this mode and scale." }
                        </label>
                        <input id="share-link" data-testid="share-link" readonly=true value={ link.clone() } />
                    </section>
                },
                Panel::Embed => html! {
                    <EmbedPanel share={ props.share.clone() } title={ props.title.clone() } { deflated } />
                },
            } }
        </>
    }
}

/// Writes the link for `share`, then shows it: copied if `copy` (a click), else as not copied.
fn show_link(panel: &UseStateHandle<Panel>, share: Share, deflated: &Deflated, copy: bool) {
    let (panel, deflated) = (panel.clone(), deflated.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let link = web::location::link_with(&compressed(share, &deflated).await.to_query());
        let copied = if copy {
            Some(web::clipboard::copy(&link).await.is_ok())
        } else {
            None
        };
        panel.set(Panel::Link(link, copied));
    });
}

/// `share` with its recipe compressed: as compressed ahead when that was of this text, else now
/// (without awaiting anything when the compression is ready). Where the browser cannot compress,
/// the text goes uncompressed.
pub async fn compressed(mut share: Share, deflated: &Deflated) -> Share {
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
