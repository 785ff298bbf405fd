//! Browser tests of the timeline: the figures, the export-ready SVG, the detail line, the lane cap,
//! live growth, the table, the chart's width, poll marks, a prediction shown as a run, the cooks'
//! rows of a processes run, and the cursor with click-to-seek, rendered into an element of their
//! own in headless Chromium.
//!
//! The runs are predictions dressed up as measurements (with frames and a little lateness added),
//! so these tests depend on no timer and finish at once.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use std::cell::Cell;

use async_kitchen::components::timeline::{
    TimelineFigure, TimelineFigureProps, TimelineLegend, TimelineView, TimelineViewProps,
};
use async_kitchen::model::cooks::Cooks;
use async_kitchen::model::run::{Prediction, RunResult};
use async_kitchen::model::{Event, EventKind, Mode, Recipe, lesson, predict};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// A run of `recipe` in `mode` that went as predicted, `late_ms` late, with a frame every 16.7 ms
/// except while some task held the thread; cut at `cut` ms and marked live if given.
fn run(recipe: Recipe, mode: Mode, late_ms: f64, cut: Option<f64>) -> Rc<RunResult> {
    let mut trace = predict::predict(&recipe, mode);
    for event in &mut trace.events {
        event.at += late_ms;
    }
    trace.end += late_ms;
    let timeline = predict::prediction(&recipe, mode);
    let mut at = -5.0;
    while at < trace.end + 40.0 {
        let held = timeline
            .thread
            .iter()
            .any(|s| s.task.is_some() && s.start <= at && at < s.end);
        if !held {
            trace.events.push(Event {
                at,
                kind: EventKind::Frame,
            });
        }
        at += 16.7;
    }
    if let Some(cut) = cut {
        trace.events.retain(|e| e.at <= cut);
        trace.end = cut;
    }
    Rc::new(RunResult::new(Rc::new(recipe), mode, trace, cut.is_some()))
}

fn cake() -> Recipe {
    lesson::cake_and_groceries().recipe
}

fn timers(n: u32) -> Recipe {
    let mut recipe = lesson::ten_thousand_timers().recipe;
    recipe.tasks[0].copies = n;
    recipe
}

/// A fresh element in the page body to render into.
fn host() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

/// Renders the timelines of `results` into `root`, on their own axis.
fn render_view(root: &Element, results: Vec<Rc<RunResult>>) -> yew::AppHandle<TimelineView> {
    yew::Renderer::<TimelineView>::with_root_and_props(
        root.clone(),
        TimelineViewProps {
            results,
            span: None,
            concealed: Default::default(),
        },
    )
    .render()
}

/// A fresh element `px` CSS pixels wide, as a page column would be.
fn host_of_width(px: u32) -> Element {
    let host = host();
    host.set_attribute("style", &format!("width:{px}px"))
        .unwrap();
    host
}

/// Lets the figure measure its container and lay the chart out again at the width it found.
async fn settle() {
    for _ in 0..3 {
        yew::scheduler::flush().await;
    }
}

fn attr(element: &Element, name: &str) -> String {
    element
        .get_attribute(name)
        .unwrap_or_else(|| panic!("no {name}"))
}

/// Calls a small JavaScript function: the checks below need a few DOM calls that the crate's
/// `web-sys` features do not include.
fn js(args: &str, body: &str, values: &[&JsValue]) -> JsValue {
    let f = js_sys::Function::new_with_args(args, body);
    let array: js_sys::Array = values.iter().copied().collect();
    f.apply(&JsValue::NULL, &array).unwrap()
}

fn count(root: &Element, selector: &str) -> usize {
    js(
        "root, sel",
        "return root.querySelectorAll(sel).length",
        &[root.as_ref(), &selector.into()],
    )
    .as_f64()
    .unwrap() as usize
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
}

/// The last axis tick's place and label.
fn last_tick(svg: &Element) -> String {
    js(
        "svg",
        "const t = svg.querySelectorAll('.tick-units'); const l = t[t.length - 1]; \
         return l.getAttribute('x') + ' ' + l.textContent",
        &[svg.as_ref()],
    )
    .as_string()
    .unwrap()
}

#[wasm_bindgen_test]
async fn each_run_gets_a_figure_with_an_export_ready_svg() {
    let root = host();
    let results = vec![
        run(cake(), Mode::Blocking, 3.0, None),
        run(cake(), Mode::Gather, 2.0, None),
    ];
    render_view(&root, results);
    yew::scheduler::flush().await;

    for mode in ["blocking", "gather"] {
        find(&root, &format!("figure[data-testid=timeline-{mode}]"));
        let svg = find(&root, &format!("#timeline-svg-{mode}"));
        assert_eq!(
            svg.get_attribute("xmlns").as_deref(),
            Some("http://www.w3.org/2000/svg")
        );
        // Its own patterns and style sheet, so that it renders on its own.
        for state in ["waiting", "ready", "blocked"] {
            find(&svg, &format!("pattern#tl-{state}-{mode}"));
        }
        find(&svg, "style");
        // Saved as a file, it is well-formed XML that names its patterns, not the page's.
        let html = svg.outer_html();
        let errors = js(
            "s",
            "return new DOMParser().parseFromString(s, 'image/svg+xml').getElementsByTagName('parsererror').length",
            &[&html.clone().into()],
        );
        assert_eq!(errors.as_f64(), Some(0.0), "{mode} svg is not well-formed");
        let refs = html.matches("url(#tl-").count();
        let own = ["waiting", "ready", "blocked"]
            .iter()
            .map(|s| html.matches(&format!("url(#tl-{s}-{mode})")).count())
            .sum::<usize>();
        assert!(
            refs > 0 && refs == own,
            "{mode}: {own} of {refs} pattern references are its own"
        );
        // Two task rows and the thread row; the axis speaks minutes and milliseconds.
        assert_eq!(count(&svg, ".task-row"), 2);
        assert_eq!(count(&svg, ".thread-row"), 1);
        assert!(svg.text_content().unwrap().contains("80 min"));
        assert!(svg.text_content().unwrap().contains("1\u{202f}600 ms"));
    }
    // The blocking run froze the page, and the freeze is labelled with its length.
    let blocking = find(&root, "#timeline-svg-blocking");
    let freeze = find(&blocking, ".freeze-label").text_content().unwrap();
    assert!(freeze.starts_with("frozen 1\u{202f}"), "{freeze}");
    // Both charts share one axis: the same ticks at the same places.
    let last = |mode: &str| last_tick(&find(&root, &format!("#timeline-svg-{mode}")));
    assert_eq!(last("blocking"), last("gather"));
}

#[wasm_bindgen_test]
async fn focusing_a_segment_spells_it_out_in_the_detail_line() {
    let root = host();
    let results = vec![run(cake(), Mode::Gather, 2.0, None)];
    render_view(&root, results);
    yew::scheduler::flush().await;

    let svg = find(&root, "#timeline-svg-gather");
    let oven = find(&svg, "rect.seg.waiting[tabindex='0']");
    js("el", "el.focus()", &[oven.as_ref()]);
    yew::scheduler::flush().await;
    let detail = find(&root, "[data-testid=timeline-detail-gather]")
        .text_content()
        .unwrap();
    assert!(detail.starts_with("cake: waiting"), "{detail}");
    assert!(
        detail.contains("wait 45 min — bake in the oven"),
        "{detail}"
    );
    assert!(
        detail.contains("Planned 15.0–60.0 min (300–1\u{202f}200 ms)"),
        "{detail}"
    );
    assert!(detail.contains("late: start +2 ms, end +2 ms"), "{detail}");
    // The same words are the segment's tooltip and accessible name.
    let title = find(&oven, "title").text_content().unwrap();
    assert_eq!(title, detail);
}

#[wasm_bindgen_test]
async fn a_thousand_tasks_draw_twelve_lanes_and_the_chart_grows_live() {
    let root = host();
    let recipe = timers(1_000);
    let first = run(recipe.clone(), Mode::Gather, 0.5, Some(20.0));
    let mut app = render_view(&root, vec![first]);
    yew::scheduler::flush().await;

    let svg = find(&root, "#timeline-svg-gather");
    assert_eq!(count(&svg, ".task-row"), 12);
    let note = find(&svg, ".note").text_content().unwrap();
    assert!(note.starts_with("… and 988 more timer tasks"), "{note}");
    assert!(count(&svg, "*") < 1_000, "{} elements", count(&svg, "*"));
    let now = find(&svg, "line.marker.now");
    let x_then: f64 = now.get_attribute("x1").unwrap().parse().unwrap();
    let axis_then = last_tick(&svg);
    assert!(find(&root, "figure").class_name().contains("live"));

    // The next snapshot: the "now" edge moves right, the axis (set by the prediction) stays.
    app.update(TimelineViewProps {
        results: vec![run(recipe.clone(), Mode::Gather, 0.5, Some(40.0))],
        span: None,
        concealed: Default::default(),
    });
    yew::scheduler::flush().await;
    let svg = find(&root, "#timeline-svg-gather");
    let x_now: f64 = find(&svg, "line.marker.now")
        .get_attribute("x1")
        .unwrap()
        .parse()
        .unwrap();
    assert!(x_now > x_then, "now moved from {x_then} to {x_now}");
    assert_eq!(last_tick(&svg), axis_then);

    // Finished: the "now" edge becomes the measured end.
    app.update(TimelineViewProps {
        results: vec![run(recipe, Mode::Gather, 0.5, None)],
        span: None,
        concealed: Default::default(),
    });
    yew::scheduler::flush().await;
    let svg = find(&root, "#timeline-svg-gather");
    assert_eq!(count(&svg, "line.marker.now"), 0);
    assert_eq!(count(&svg, "line.marker.end"), 1);
}

#[wasm_bindgen_test]
async fn the_table_lists_step_occurrences_once_opened_and_caps_its_rows() {
    let root = host();
    let results = vec![run(timers(1_000), Mode::Gather, 1.0, None)];
    render_view(&root, results);
    yew::scheduler::flush().await;

    let details = find(&root, "[data-testid=timeline-table-gather]");
    assert_eq!(
        count(&details, "tbody tr"),
        0,
        "rows are built only when asked for"
    );
    details.set_attribute("open", "").unwrap();
    // The toggle event is queued as a task; wait for it, then for the render.
    let tick = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 20)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(tick).await.unwrap();
    yew::scheduler::flush().await;
    // The rows' code is a chunk (`lazy::TableRows`): unsplit, as here, it is answered at once, but
    // its view comes one render later.
    for _ in 0..20 {
        if count(&details, "tbody tr") > 0 {
            break;
        }
        let tick = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 10)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(tick).await.unwrap();
        settle().await;
    }
    assert_eq!(count(&details, "tbody tr"), 200);
    let text = details.text_content().unwrap();
    assert!(
        text.contains("Showing the first 200 of 1\u{202f}000 step occurrences."),
        "{text}"
    );
    assert!(text.contains("wait 50 ms — sleep"));
    assert!(text.contains("+1 ms"));
}

#[wasm_bindgen_test]
async fn the_chart_is_drawn_one_to_one_at_its_containers_width_in_steps() {
    let root = host_of_width(765);
    let results = vec![run(cake(), Mode::Gather, 2.0, None)];
    render_view(&root, results);
    settle().await;

    // The test page has no style sheet, so the figure keeps the browser's own margins: the chart
    // follows its scroll container, whatever width that is left with.
    let column = f64::from(find(&root, ".timeline-scroll").client_width());
    let expected = (column / 20.0).floor() * 20.0;
    assert!((600.0..=760.0).contains(&expected), "a {column} px column");
    let svg = find(&root, "#timeline-svg-gather");
    assert_eq!(attr(&svg, "width"), format!("{expected}"));
    let height = attr(&svg, "height");
    assert_eq!(attr(&svg, "viewBox"), format!("0 0 {expected} {height}"));
    // Drawn at its own size, not stretched to the column: one unit is one pixel.
    assert_eq!(svg.get_bounding_client_rect().width(), expected);

    // A phone's column gets a chart as wide as it, which needs no scrolling and says nothing of it
    // (the figure's own margins, unstyled here, leave a 420 px host a column of about 340).
    let phone = host_of_width(420);
    render_view(&phone, vec![run(cake(), Mode::Gather, 2.0, None)]);
    settle().await;
    let column = f64::from(find(&phone, ".timeline-scroll").client_width());
    let svg = find(&phone, "#timeline-svg-gather");
    let expected = (column / 20.0).floor() * 20.0;
    assert!((320.0..600.0).contains(&expected), "a {column} px column");
    assert_eq!(attr(&svg, "width"), format!("{expected}"));
    assert_eq!(count(&phone, "[data-testid=scroll-cue]"), 0);

    // A column narrower than the narrowest chart keeps the chart at that width, scrolls, and says so.
    let narrow = host_of_width(280);
    render_view(&narrow, vec![run(cake(), Mode::Gather, 2.0, None)]);
    settle().await;
    assert_eq!(attr(&find(&narrow, "#timeline-svg-gather"), "width"), "320");
    assert_eq!(
        attr(&find(&narrow, ".timeline-scroll"), "class"),
        "timeline-scroll sideways"
    );
    let cue = find(&narrow, "[data-testid=scroll-cue]").text_content();
    assert!(cue.unwrap_or_default().contains("scroll it sideways"));
}

#[wasm_bindgen_test]
async fn task_rows_show_their_polls_and_wakes() {
    let root = host();
    let results = vec![run(cake(), Mode::Gather, 2.0, None)];
    render_view(&root, results);
    yew::scheduler::flush().await;

    let svg = find(&root, "#timeline-svg-gather");
    // One poll strip per task row, drawn over the end markers: the cake's Pending poll and its
    // wake, and each task's Ready poll; the thread has none.
    assert_eq!(count(&svg, "g.polls"), 2);
    assert_eq!(count(&svg, ".polls path.poll.pending"), 1);
    assert_eq!(count(&svg, ".polls path.poll.ready"), 2);
    assert_eq!(count(&svg, ".polls path.wake"), 1);
    // The legend is drawn once for the page, below the stage.
    let legend_root = host();
    yew::Renderer::<TimelineLegend>::with_root(legend_root.clone()).render();
    yew::scheduler::flush().await;
    let legend = find(&legend_root, ".legend").text_content().unwrap();
    assert!(
        legend.contains("returned Pending (tick) or Ready (triangle)"),
        "{legend}"
    );
    assert!(
        legend.contains("asked for the task to be polled again"),
        "{legend}"
    );
}

#[wasm_bindgen_test]
async fn a_prediction_is_drawn_as_a_run_that_has_not_happened() {
    let root = host();
    let recipe = Rc::new(cake());
    let prediction = Rc::new(Prediction::new(&recipe, Mode::Gather));
    let results = vec![Rc::new(RunResult::predicted(
        recipe,
        Mode::Gather,
        prediction,
    ))];
    render_view(&root, results);
    yew::scheduler::flush().await;

    find(&root, "figure[data-testid=timeline-predicted-gather]");
    let svg = find(&root, "#timeline-svg-predicted-gather");
    let text = svg.text_content().unwrap();
    assert!(
        text.contains("Prediction · Gather · Cake and groceries"),
        "{text}"
    );
    assert!(
        text.contains("predicted 60.0 min; nothing has run yet"),
        "{text}"
    );
    assert!(text.contains("a prediction draws no frames: run it to see the page's own"));
    assert_eq!(count(&svg, ".plan-label"), 0);
    assert_eq!(count(&svg, ".plan"), 0);
    assert_eq!(count(&svg, "line.marker"), 1);
    find(&svg, "pattern#tl-waiting-predicted-gather");
}

/// The texts of the elements under `root` that match `selector`, joined by commas.
fn texts(root: &Element, selector: &str) -> String {
    js(
        "root, sel",
        "return Array.from(root.querySelectorAll(sel), e => e.textContent).join(',')",
        &[root.as_ref(), &selector.into()],
    )
    .as_string()
    .unwrap()
}

#[wasm_bindgen_test]
async fn a_processes_run_draws_the_page_thread_and_a_row_per_cook() {
    let root = host();
    let recipe = lesson::chop_and_dice().recipe;
    let trace = predict::predict_with(&recipe, Mode::Processes, Cooks::new(2));
    let results = vec![Rc::new(RunResult::new(
        Rc::new(recipe),
        Mode::Processes,
        trace,
        false,
    ))];
    render_view(&root, results);
    yew::scheduler::flush().await;

    let svg = find(&root, "#timeline-svg-processes");
    assert_eq!(count(&svg, ".task-row"), 2);
    assert_eq!(texts(&svg, ".thread-row .lane-label"), "page thread");
    assert_eq!(texts(&svg, ".cook-row .lane-label"), "cook 1,cook 2");
    // Each cook starts cold, in the run and in its plan, painted with the chart's own pattern.
    find(&svg, "pattern#tl-starting-processes");
    assert_eq!(count(&svg, ".cook-row rect.seg.starting"), 4);
    let start = find(&svg, ".cook-row .measured rect.seg.starting");
    assert_eq!(attr(&start, "fill"), "url(#tl-starting-processes)");
    let tip = find(&start, "title").text_content().unwrap();
    assert!(
        tip.starts_with("cook 1 starting: its Web Worker loads and compiles its code, 80 ms"),
        "{tip}"
    );
    // Then each cook holds one task's colour.
    assert!(count(&svg, ".cook-row .measured rect.held") >= 2);
    // The legend says what the starting pattern means.
    let legend_root = host();
    yew::Renderer::<TimelineLegend>::with_root(legend_root.clone()).render();
    yew::scheduler::flush().await;
    let legend = find(&legend_root, ".legend").text_content().unwrap();
    assert!(
        legend.contains("starting: sent to a cook, the message on its way — or a cook starting up"),
        "{legend}"
    );
}

#[wasm_bindgen_test]
async fn the_cursor_moves_over_the_chart_without_redrawing_it_and_a_click_seeks() {
    let root = host_of_width(1000);
    let result = run(cake(), Mode::Gather, 2.0, None);
    let seeked = Rc::new(Cell::new(None::<f64>));
    let on_seek = {
        let seeked = seeked.clone();
        yew::Callback::from(move |at: f64| seeked.set(Some(at)))
    };
    let props = |cursor: Option<f64>| TimelineFigureProps {
        result: result.clone(),
        span: 1200.0,
        cursor,
        on_seek: Some(on_seek.clone()),
        max_height: None,
        conceal: false,
    };
    let mut app =
        yew::Renderer::<TimelineFigure>::with_root_and_props(root.clone(), props(Some(300.0)))
            .render();
    settle().await;

    let svg = find(&root, "#timeline-svg-gather");
    let line = find(&root, "[data-testid=cursor-line]");
    assert_eq!(attr(&line, "data-at"), "300.000");
    assert_eq!(
        count(&svg, "[data-testid=cursor-line]"),
        0,
        "the export must not hold it"
    );
    let x_then: f64 = attr(&line, "x1").parse().unwrap();

    app.update(props(Some(600.0)));
    settle().await;
    let line = find(&root, "[data-testid=cursor-line]");
    assert_eq!(attr(&line, "data-at"), "600.000");
    let x_now: f64 = attr(&line, "x1").parse().unwrap();
    assert!(x_now > x_then, "the cursor moved from {x_then} to {x_now}");
    let same = js(
        "a, b",
        "return a === b",
        &[svg.as_ref(), find(&root, "#timeline-svg-gather").as_ref()],
    );
    assert_eq!(same.as_bool(), Some(true), "the chart was replaced");

    // A click half way along the plotting area asks for half the span; one on the names, nothing.
    let click = |x: f64| {
        js(
            "svg, x",
            "const r = svg.getBoundingClientRect(); \
             svg.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: r.left + x, clientY: r.top + 80 }))",
            &[svg.as_ref(), &x.into()],
        );
    };
    let width: f64 = attr(&svg, "width").parse().unwrap();
    let (label_w, right) = (136.0, width - 28.0);
    click((label_w + right) / 2.0);
    let at = seeked.take().expect("a seek");
    assert!((at - 600.0).abs() < 1.0, "seeked to {at}");
    click(40.0);
    assert_eq!(seeked.take(), None);
    click(2000.0);
    assert_eq!(seeked.take(), Some(1200.0));
}
