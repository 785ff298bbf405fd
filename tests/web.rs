//! Browser tests of the page's glue: local storage, the address bar, the clipboard, downloads, the
//! parent frame and reading markup back, in headless Chromium.
//!
//! Storage tests share the test page's `localStorage`, so each one clears the page's keys first.
#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use async_kitchen::model::exercise::progress::{LessonProgress, Progress, Tally};
use async_kitchen::web::storage::codec::Unreadable;
use async_kitchen::web::storage::progress::{self, PROGRESS_KEY, UNREADABLE_PROGRESS_KEY};
use async_kitchen::web::storage::{self, KEY, Loaded, Saved, UNREADABLE_KEY};
use async_kitchen::web::{clipboard, dom, download, embed, location};
use common::sleep;
use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Document, Element, Storage, Window};

wasm_bindgen_test_configure!(run_in_browser);

fn window() -> Window {
    web_sys::window().expect("a window")
}

fn document() -> Document {
    window().document().expect("a document")
}

fn local() -> Storage {
    window()
        .local_storage()
        .expect("storage is allowed")
        .expect("storage exists")
}

/// Removes every key the page uses, so that each test starts from an empty storage.
fn clear() {
    let local = local();
    let keys: Vec<String> = (0..local.length().unwrap_or(0))
        .filter_map(|i| local.key(i).ok().flatten())
        .filter(|k| k.starts_with("async-kitchen/"))
        .collect();
    for key in keys {
        local.remove_item(&key).expect("removable");
    }
}

fn stored(key: &str) -> Option<String> {
    local().get_item(key).expect("readable")
}

fn put(key: &str, value: &str) {
    local().set_item(key, value).expect("writable");
}

#[wasm_bindgen_test]
fn saved_work_comes_back() {
    clear();
    assert_eq!(storage::load(), Loaded::default());
    let saved = Saved {
        lesson: Some("cake".into()),
        drafts: [("cake".to_owned(), "title \"Mine\"\n".to_owned())].into(),
        mode: Some("spawn".into()),
        scale_ms: Some(5.0),
        language: Some("python".into()),
        python: Some("import asyncio\n".into()),
        rust: Some("fn main() {}\n".into()),
        lead: Some("python".into()),
    };
    storage::save(&saved).expect("saved");
    assert!(stored(KEY).is_some_and(|raw| raw.starts_with(r#"{"version":1,"#)));
    assert_eq!(
        storage::load(),
        Loaded {
            saved,
            notice: None
        }
    );
    clear();
}

#[wasm_bindgen_test]
fn stored_json_is_read_strictly_about_types_and_leniently_about_presence() {
    let read = |raw: &str| storage::decode(raw).map(|d| d.saved);
    assert_eq!(
        read(
            r#"{"version":1,"lesson":"cake","drafts":{"cake":"mine","custom":"task a"},"mode":"spawn","scale_ms":2.5,"language":"rust","python":"print(1)","lead":"python"}"#
        ),
        Ok(Saved {
            lesson: Some("cake".into()),
            drafts: [
                ("cake".to_owned(), "mine".to_owned()),
                ("custom".to_owned(), "task a".to_owned())
            ]
            .into(),
            mode: Some("spawn".into()),
            scale_ms: Some(2.5),
            language: Some("rust".into()),
            python: Some("print(1)".into()),
            rust: None,
            lead: Some("python".into()),
        })
    );
    // Missing and null fields take their defaults; unknown ones are ignored.
    assert_eq!(read("{}"), Ok(Saved::default()));
    assert_eq!(
        read(r#"{"version":null,"lesson":null,"drafts":null,"later":{"x":[1]}}"#),
        Ok(Saved::default())
    );
    // A newer version is recognised even when its fields are not ours.
    assert_eq!(
        storage::decode(r#"{"version":2,"drafts":"elsewhere"}"#),
        Err(Unreadable::Newer(2))
    );
    // What the page would misread is not read at all.
    for raw in [
        "",
        "not json",
        "{\"lesson\":\"cake\"",
        "[1,2,3]",
        "\"a string\"",
        "null",
        "7",
        r#"{"version":"one"}"#,
        r#"{"version":0}"#,
        r#"{"drafts":["cake"]}"#,
        r#"{"drafts":{"cake":5}}"#,
        r#"{"drafts":"cake"}"#,
        r#"{"lesson":5}"#,
        r#"{"mode":{}}"#,
        r#"{"scale_ms":"fast"}"#,
    ] {
        assert_eq!(storage::decode(raw), Err(Unreadable::Damaged), "{raw}");
    }
}

#[wasm_bindgen_test]
fn unreadable_work_is_set_aside_and_never_overwritten() {
    clear();
    put(KEY, "not json {");
    let loaded = storage::load();
    assert_eq!(loaded.saved, Saved::default());
    assert_eq!(
        loaded.notice.as_deref(),
        Some(
            "Your saved work could not be read; it was set aside under “async-kitchen/v1/unreadable” \
             in this browser's local storage and the page started fresh."
        )
    );
    assert_eq!(stored(UNREADABLE_KEY).as_deref(), Some("not json {"));
    assert_eq!(stored(KEY), None);
    // Something else unreadable goes next to it, not over it.
    put(KEY, "[\"other\"]");
    let notice = storage::load().notice.unwrap_or_default();
    assert!(
        notice.contains("“async-kitchen/v1/unreadable/2”"),
        "{notice}"
    );
    assert_eq!(stored(UNREADABLE_KEY).as_deref(), Some("not json {"));
    assert_eq!(
        stored(&format!("{UNREADABLE_KEY}/2")).as_deref(),
        Some("[\"other\"]")
    );
    // The same text again is already safe where it was put the first time.
    put(KEY, "not json {");
    let notice = storage::load().notice.unwrap_or_default();
    assert!(notice.contains("“async-kitchen/v1/unreadable”"), "{notice}");
    assert_eq!(stored(&format!("{UNREADABLE_KEY}/3")), None);
    // Nothing is left to set aside on the next visit.
    assert_eq!(storage::load(), Loaded::default());
    clear();
}

#[wasm_bindgen_test]
fn progress_comes_back_apart_from_the_work_and_unreadable_progress_is_set_aside() {
    clear();
    let mut kept = Progress::default();
    kept.record("count", 1, true);
    kept.record("count", 1, false);
    kept.record("custom", 0, true);
    progress::save(&kept).unwrap();
    assert_eq!(
        stored(PROGRESS_KEY).as_deref(),
        Some(
            r#"{"version":1,"lessons":[{"lesson":"count","exercises":[{"attempts":0,"solved":false},{"attempts":2,"solved":true}]}]}"#
        ),
        "a recipe of the learner's own keeps no progress"
    );
    let (read, notice) = progress::load();
    assert_eq!(notice, None);
    assert_eq!(read.mark("count", 3).solved, 1);
    assert_eq!(read.get("custom"), None);
    // Missing fields are defaults; a wrong type is damage, set aside with the work untouched.
    assert_eq!(
        progress::decode(r#"{"lessons":[{"lesson":"cake","exercises":[{}]}]}"#)
            .unwrap()
            .get("cake")
            .unwrap()
            .exercises,
        vec![Tally::default()]
    );
    for bad in [
        "not json",
        "[]",
        r#"{"version":2}"#,
        r#"{"lessons":{}}"#,
        r#"{"lessons":[{"lesson":3}]}"#,
        r#"{"lessons":[{"lesson":"cake","exercises":[{"attempts":-1}]}]}"#,
        r#"{"lessons":[{"lesson":"cake","exercises":[{"solved":"yes"}]}]}"#,
    ] {
        assert_eq!(progress::decode(bad), None, "{bad}");
    }
    put(KEY, r#"{"lesson":"count"}"#);
    put(PROGRESS_KEY, r#"{"lessons":"all of them"}"#);
    let (read, notice) = progress::load();
    assert!(read.is_empty());
    assert!(notice.unwrap().contains(UNREADABLE_PROGRESS_KEY));
    assert_eq!(
        stored(UNREADABLE_PROGRESS_KEY).as_deref(),
        Some(r#"{"lessons":"all of them"}"#)
    );
    assert_eq!(stored(PROGRESS_KEY), None);
    assert_eq!(storage::load().saved.lesson.as_deref(), Some("count"));
    // A course page's state for one lesson is read by the same rules.
    assert_eq!(
        progress::record_from_json(
            r#"{"lesson":"count","exercises":[{"attempts":1,"solved":true}]}"#
        ),
        Some(LessonProgress {
            lesson: "count".into(),
            exercises: vec![Tally {
                attempts: 1,
                solved: true
            }],
        })
    );
    assert_eq!(progress::record_from_json(r#""count""#), None);
    clear();
}

#[wasm_bindgen_test]
fn work_from_a_newer_page_is_set_aside() {
    clear();
    let newer = r#"{"version":2,"workspaces":[]}"#;
    put(KEY, newer);
    let notice = storage::load().notice.unwrap_or_default();
    assert!(
        notice.contains("newer version of Async Kitchen (format 2)"),
        "{notice}"
    );
    assert_eq!(stored(UNREADABLE_KEY).as_deref(), Some(newer));
    assert_eq!(stored(KEY), None);
    clear();
}

#[wasm_bindgen_test]
fn oversized_drafts_are_set_aside_and_the_rest_opens() {
    clear();
    let huge = "x".repeat(async_kitchen::model::text::limits::MAX_TEXT_BYTES + 1);
    let raw =
        format!(r#"{{"version":1,"lesson":"cake","drafts":{{"cake":"mine","chores":"{huge}"}}}}"#);
    put(KEY, &raw);
    let loaded = storage::load();
    assert_eq!(loaded.saved.lesson.as_deref(), Some("cake"));
    assert_eq!(
        loaded.saved.drafts,
        [("cake".to_owned(), "mine".to_owned())].into()
    );
    let notice = loaded.notice.unwrap_or_default();
    assert!(
        notice.starts_with("Your saved draft of “chores” exceeded"),
        "{notice}"
    );
    assert_eq!(stored(UNREADABLE_KEY), Some(raw));
    // The main key was rewritten without the draft, so the next visit opens quietly.
    assert_eq!(storage::load().notice, None);
    clear();
}

#[wasm_bindgen_test]
fn the_address_bar_gives_the_links_parameters_and_forgets_them() {
    let history = window().history().expect("a history");
    let before = window().location().href().expect("an address");
    let path = window().location().pathname().expect("a path");
    let origin = window().location().origin().expect("an origin");
    let go = |url: &str| {
        history
            .replace_state_with_url(&JsValue::NULL, "", Some(url))
            .expect("the address can change");
    };
    // An old link's query, a new link's fragment (which wins when both are there).
    go(&format!("{path}?lesson=cake&mode=gather"));
    assert_eq!(location::params(), "lesson=cake&mode=gather");
    go(&format!("{path}?lesson=cake#lesson=count&z=K0kszlZIBAA"));
    assert_eq!(location::params(), "lesson=count&z=K0kszlZIBAA");
    assert_eq!(
        location::link_with("embed=1"),
        format!("{origin}{path}#embed=1")
    );
    assert_eq!(location::link_with(""), format!("{origin}{path}"));
    location::forget_link();
    assert_eq!(location::params(), "");
    assert_eq!(
        window().location().href().ok(),
        Some(format!("{origin}{path}"))
    );
    go(&before);
}

#[wasm_bindgen_test]
async fn copying_succeeds_or_says_why_and_leaves_nothing_behind() {
    let areas = || document().get_elements_by_tag_name("textarea").length();
    let before = areas();
    // Headless Chromium may refuse both ways of copying (the page has no focus and no click);
    // either way `copy` must answer (one that never did would hold the test to the runner's limit).
    if let Err(message) = clipboard::copy("https://example.org/?lesson=cake").await {
        assert!(
            message.starts_with("The browser did not let the page copy: select the text"),
            "{message}"
        );
    }
    assert_eq!(areas(), before);
}

/// Calls a JavaScript method by name and awaits the promise it returns.
async fn call(target: &JsValue, method: &str, arg: Option<&JsValue>) -> JsValue {
    let function: Function = Reflect::get(target, &method.into())
        .expect("readable")
        .dyn_into()
        .expect("a method");
    let returned = match arg {
        Some(arg) => function.call1(target, arg),
        None => function.call0(target),
    }
    .expect("called");
    JsFuture::from(Promise::from(returned))
        .await
        .expect("resolved")
}

#[wasm_bindgen_test]
async fn a_download_is_a_blob_link_clicked_once() {
    let clicked: Rc<RefCell<Vec<(String, String)>>> = Rc::default();
    let record = clicked.clone();
    let options = EventListenerOptions {
        phase: EventListenerPhase::Capture,
        passive: false,
    };
    // Catch the click before the browser acts on it, and keep the file from really downloading.
    let _listener = EventListener::new_with_options(&document(), "click", options, move |event| {
        if let Some(link) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) {
            let attribute = |name| link.get_attribute(name).unwrap_or_default();
            record
                .borrow_mut()
                .push((attribute("download"), attribute("href")));
        }
        event.prevent_default();
    });
    download::save("cake-gather.json", "application/json", r#"{"a":"é"}"#).expect("saved");
    let clicks = clicked.borrow().clone();
    let [(filename, href)] = &clicks[..] else {
        panic!("one click expected, got {clicks:?}");
    };
    assert_eq!(filename, "cake-gather.json");
    assert!(href.starts_with("blob:"), "{href}");
    assert_eq!(
        document()
            .query_selector_all("a[download]")
            .map(|l| l.length()),
        Ok(0)
    );
    // The file is still there to be read: the URL is revoked only later.
    let response = call(&window(), "fetch", Some(&href.into())).await;
    let headers = Reflect::get(&response, &"headers".into()).expect("headers");
    let kind = call_sync(&headers, "get", "content-type");
    assert_eq!(kind.as_string().as_deref(), Some("application/json"));
    let text = call(&response, "text", None).await;
    assert_eq!(text.as_string().as_deref(), Some(r#"{"a":"é"}"#));
}

fn call_sync(target: &JsValue, method: &str, arg: &str) -> JsValue {
    let function: Function = Reflect::get(target, &method.into())
        .expect("readable")
        .dyn_into()
        .expect("a method");
    function.call1(target, &arg.into()).expect("called")
}

#[wasm_bindgen_test]
async fn an_unframed_page_posts_nothing() {
    assert!(!embed::is_framed(), "the test page is the top window");
    let received = Rc::new(RefCell::new(0));
    let count = received.clone();
    let _listener = EventListener::new(&window(), "message", move |_| *count.borrow_mut() += 1);
    embed::post(r#"{"type":"async-kitchen:height","height":1}"#);
    embed::post("not json");
    assert!(!embed::watch_height().is_active());
    embed::request_state();
    assert!(
        !embed::listen(|state| panic!("no parent, yet a state: {state}")).is_active(),
        "an unframed page has no parent to listen to"
    );
    sleep(50).await;
    assert_eq!(*received.borrow(), 0);
}

/// A message's data as a parent would post it: `JSON.parse` of `json`, the way `structuredClone`
/// would hand it over.
fn data(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("JSON")
}

#[wasm_bindgen_test]
fn the_state_is_taken_from_a_state_response_or_a_restore_message_and_odd_data_is_ignored() {
    let state = r#"{"lesson":"count","exercises":[{"attempts":1,"solved":true}]}"#;
    let response =
        format!(r#"{{"subject":"SPLICE.getState.response","message_id":"x","state":{state}}}"#);
    assert_eq!(embed::state_of(&data(&response)).as_deref(), Some(state));
    let restore = format!(r#"{{"type":"async-kitchen:restore","state":{state}}}"#);
    assert_eq!(embed::state_of(&data(&restore)).as_deref(), Some(state));
    // A parent that keeps the state as text sends the text back: it is handed on as it is.
    let text = serde_json::to_string(state).expect("a string");
    let response = format!(r#"{{"subject":"SPLICE.getState.response","state":{text}}}"#);
    assert_eq!(embed::state_of(&data(&response)).as_deref(), Some(state));

    for odd in [
        "null",
        "1",
        r#""SPLICE.getState.response""#,
        "[]",
        "{}",
        r#"{"subject":"SPLICE.getState.response"}"#,
        r#"{"subject":"SPLICE.getState.response","state":null}"#,
        r#"{"subject":"SPLICE.getState.response","state":"  "}"#,
        r#"{"subject":"SPLICE.getState","state":{}}"#,
        r#"{"subject":1,"state":{}}"#,
        r#"{"type":"async-kitchen:height","state":{}}"#,
        r#"{"type":"async-kitchen:restore","state":null}"#,
    ] {
        assert_eq!(embed::state_of(&data(odd)), None, "{odd}");
    }
    // What JSON cannot write is no state either: a cycle, a BigInt, nothing at all.
    let looped = js_sys::Object::new();
    Reflect::set(&looped, &"self".into(), &looped).expect("settable");
    for state in [
        looped.into(),
        js_sys::BigInt::from(1).into(),
        JsValue::UNDEFINED,
    ] {
        let message = data(r#"{"subject":"SPLICE.getState.response"}"#);
        Reflect::set(&message, &"state".into(), &state).expect("settable");
        assert_eq!(embed::state_of(&message), None);
    }
    assert_eq!(embed::state_of(&JsValue::UNDEFINED), None);
}

/// Completes once the page has drawn its next frame (an animation frame callback has run).
async fn next_frame() {
    let frame = Promise::new(&mut |resolve, _| {
        window()
            .request_animation_frame(&resolve)
            .expect("a frame is asked for");
    });
    JsFuture::from(frame).await.expect("a frame");
}

#[wasm_bindgen_test]
async fn the_height_is_reported_when_it_changes_and_not_after_the_watcher_is_dropped() {
    let heights: Rc<RefCell<Vec<u32>>> = Rc::default();
    let sink = heights.clone();
    let watcher = embed::watch_height_with(move |h| sink.borrow_mut().push(h));
    assert!(watcher.is_active());
    let first = *heights.borrow().first().expect("reported at once");
    assert_eq!(heights.borrow().len(), 1);

    let body = document().body().expect("a body");
    let block = document().create_element("div").expect("a div");
    block
        .set_attribute("style", "height: 500.5px")
        .expect("styled");
    body.append_child(&block).expect("added");
    // The observer reports in the rendering of the next frame, after its animation frame callbacks:
    // by the frame after it, however long a busy machine takes to draw them.
    next_frame().await;
    next_frame().await;
    let last = *heights.borrow().last().expect("reported");
    assert!(last >= first + 500, "{first} px, then {last} px");

    drop(watcher);
    block.remove();
    next_frame().await;
    next_frame().await;
    assert_eq!(*heights.borrow().last().expect("reported"), last);
}

#[wasm_bindgen_test]
fn the_timeline_markup_can_be_read_back() {
    let holder = document().create_element("div").expect("a div");
    holder.set_inner_html(
        r#"<svg id="timeline-svg-gather" class="chart" viewBox="0 0 10 10"><rect class="seg running" width="4" height="2"/></svg>"#,
    );
    document()
        .body()
        .expect("a body")
        .append_child(&holder)
        .expect("added");

    let html = dom::outer_html("timeline-svg-gather").expect("found");
    assert!(
        html.starts_with(r#"<svg id="timeline-svg-gather""#),
        "{html}"
    );
    assert!(html.contains("<rect"), "{html}");
    assert_eq!(dom::outer_html("no-such-element"), None);

    let file = dom::svg_file(
        "timeline-svg-gather",
        ".seg.running { fill: #2f6fb7 } a < b",
    )
    .expect("found");
    assert!(
        file.contains(r#"xmlns="http://www.w3.org/2000/svg""#),
        "{file}"
    );
    assert!(
        file.contains("<style>.seg.running { fill: #2f6fb7 } a &lt; b</style>"),
        "{file}"
    );
    // The page's own element is left as it was.
    assert_eq!(dom::outer_html("timeline-svg-gather"), Some(html));
    assert_eq!(dom::svg_file("no-such-element", ""), None);
    holder.remove();
}

#[wasm_bindgen_test]
async fn a_recipe_is_deflated_and_inflated_by_the_browser_within_the_limit() {
    use async_kitchen::web::deflate::{self, InflateError};
    let text = "recipe \"Two downloads\"\nunit s\n\ntask download x2\n  wait 3\n".repeat(20);
    let bytes = deflate::deflate(&text)
        .await
        .expect("this browser compresses");
    assert!(
        bytes.len() < text.len() / 4,
        "{} of {}",
        bytes.len(),
        text.len()
    );
    assert_eq!(deflate::inflate(&bytes, text.len()).await, Ok(text.clone()));
    // Past the limit, reading stops; damaged bytes and bytes that are not text say so.
    assert_eq!(
        deflate::inflate(&bytes, text.len() - 1).await,
        Err(InflateError::TooLarge)
    );
    assert_eq!(
        deflate::inflate(&[0xff, 0xff, 0xff], 100).await,
        Err(InflateError::Damaged)
    );
    let not_text = deflate::deflate_bytes(&[0xff, 0xfe]).await.unwrap();
    assert_eq!(
        deflate::inflate(&not_text, 100).await,
        Err(InflateError::NotText)
    );
}
