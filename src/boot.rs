//! Start-up: mounts the page and makes sure a panic never leaves it blank.

use wasm_bindgen::JsValue;

use crate::components::{App, read_first};

/// The id of the element the page renders into.
pub const ROOT_ID: &str = "app";

/// Installs the panic hook, reads what the page opens with ([`read_first`]) and renders [`App`]
/// into `#app` (or the body if it is missing).
pub fn start() {
    std::panic::set_hook(Box::new(on_panic));
    wasm_bindgen_futures::spawn_local(async {
        read_first().await;
        mount();
    });
}

/// Renders [`App`], and starts the heartbeat.
fn mount() {
    let document = web_sys::window().and_then(|w| w.document());
    match document.as_ref().and_then(|d| d.get_element_by_id(ROOT_ID)) {
        Some(root) => {
            // The loading message is only for the seconds before the wasm arrives.
            root.set_inner_html("");
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
    // The live heartbeat beside Run beats as long as the page lives.
    crate::web::heartbeat::start(crate::components::HEARTBEAT_ID);
}

/// Logs the panic and replaces the page with a message and a way to reload.
fn on_panic(info: &std::panic::PanicHookInfo<'_>) {
    let text = info.to_string();
    web_sys::console::error_1(&JsValue::from_str(&text));
    let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    else {
        return;
    };
    // The learner's text is kept in local storage, so reloading loses nothing they typed.
    body.set_inner_html(
        "<main class=\"crashed\" role=\"alert\"><h1>Something went wrong</h1>\
         <p>Async Kitchen hit a bug and stopped. Reloading the page starts it again.</p>\
         <p><button onclick=\"location.reload()\">Reload</button></p>\
         <details><summary>Details for a bug report</summary><pre id=\"panic-text\"></pre></details></main>",
    );
    if let Some(pre) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("panic-text"))
    {
        pre.set_text_content(Some(&text));
    }
}
