//! One run's figure: its chart at the width of its container, a cursor over the chart, the detail
//! line and the table; on a container narrower than the narrowest chart, a line saying it scrolls.
//!
//! This module owns the figure's wiring: measuring the container (through `measure`), keeping the
//! layout until the run, the axis or the width changes, and the layer on top of the chart that
//! carries the cursor and turns a click into a time. The chart underneath is memoised and never
//! redrawn for the cursor, so that a cursor moving every frame costs one line; the SVG export, which
//! takes the chart's element, never contains the cursor. It must not compute timings: the cursor's
//! time comes from its owner, and a click only reports the time under the pointer.

use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use super::chart::TimelineChart;
use super::measure::use_chart_width;
use super::table::TimelineTable;
use crate::model::format::Fixed;
use crate::model::run::RunResult;
use kitchen_views::timeline::conceal::conceal;
use kitchen_views::timeline::{ChartModel, chart_id};

/// Properties of [`TimelineFigure`].
#[derive(Properties)]
pub struct TimelineFigureProps {
    /// The run.
    pub result: Rc<RunResult>,
    /// The axis's span in milliseconds, shared with the figures beside it.
    pub span: f64,
    /// Where to draw a cursor across the chart, in milliseconds since the run began; none if `None`.
    #[prop_or_default]
    pub cursor: Option<f64>,
    /// Called with the time under the pointer, in milliseconds clamped to the axis, when the
    /// learner clicks or taps the plotting area; clicks do nothing if `None`.
    #[prop_or_default]
    pub on_seek: Option<Callback<f64>>,
    /// The most height the chart may take, in CSS pixels, so that a stage fits a short screen:
    /// rows are drawn smaller, then fewer. No limit if `None`.
    #[prop_or_default]
    pub max_height: Option<f64>,
    /// Whether an open exercise asks this run's prediction: its planned end and predicted total
    /// are then taken off the chart and the table (`kitchen_views::timeline::conceal`).
    #[prop_or_default]
    pub conceal: bool,
}

impl PartialEq for TimelineFigureProps {
    fn eq(&self, other: &Self) -> bool {
        // A result never changes behind its `Rc`, so its pointer stands for its contents.
        Rc::ptr_eq(&self.result, &other.result)
            && self.span == other.span
            && self.cursor == other.cursor
            && self.on_seek == other.on_seek
            && self.max_height == other.max_height
            && self.conceal == other.conceal
    }
}

/// What a layout depends on: the run (by pointer, like the props), the span and the chart's width.
struct LayoutKey(Rc<RunResult>, f64, f64, Option<f64>, bool);

impl PartialEq for LayoutKey {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
            && self.1 == other.1
            && self.2 == other.2
            && self.3 == other.3
            && self.4 == other.4
    }
}

/// One run's figure: its chart, a cursor when given one, the detail line and its table.
#[function_component]
pub fn TimelineFigure(props: &TimelineFigureProps) -> Html {
    let scroll = use_node_ref();
    let stage = use_node_ref();
    let (width, sideways) = use_chart_width(scroll.clone());
    let model: Rc<ChartModel> = use_memo(
        LayoutKey(
            props.result.clone(),
            props.span,
            width,
            props.max_height,
            props.conceal,
        ),
        |k| {
            let mut model = ChartModel::build_within(&k.0, k.1, k.2, k.3);
            if k.4 {
                conceal(&mut model, &k.0);
            }
            model
        },
    );
    let detail = use_state(|| None::<Rc<str>>);
    // One listener for every bar of the chart, which is markup without listeners of its own: the
    // bar pointed at or focused names its item (`data-i`), whose words go on the detail line.
    let pick = {
        let (set, model) = (detail.setter(), model.clone());
        move |target: Option<Element>| {
            let item = target
                .and_then(|el| el.get_attribute("data-i"))
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|i| model.items.get(i));
            if let Some(tip) = item {
                set.set(Some(tip.clone()));
            }
        }
    };
    let onmouseover = {
        let pick = pick.clone();
        Callback::from(move |e: MouseEvent| pick(e.target_dyn_into::<Element>()))
    };
    let onfocusin = Callback::from(move |e: FocusEvent| pick(e.target_dyn_into::<Element>()));
    let onclick = props.on_seek.clone().map(|on_seek| {
        let (stage, model) = (stage.clone(), model.clone());
        Callback::from(move |e: MouseEvent| {
            // The stage's first child is the chart's SVG.
            let Some(chart) = stage
                .cast::<Element>()
                .and_then(|s| s.first_element_child())
            else {
                return;
            };
            // The chart is drawn one unit to a pixel, but a zoomed or transformed page may still
            // stretch it: measuring the drawn box maps the pointer back to chart units either way.
            let rect = chart.get_bounding_client_rect();
            if rect.width() <= 0.0 {
                return;
            }
            let x = (f64::from(e.client_x()) - rect.left()) * model.scale.width() / rect.width();
            if let Some(at) = model.scale.seek(x) {
                on_seek.emit(at);
            }
        })
    });
    let result = &props.result;
    let id = chart_id(result);
    let hint = if result.predicted && props.conceal {
        "The prediction's bars come back once you lock in your answer."
    } else if result.predicted {
        "Point at a bar, or tab to it, to read its step and when the prediction has it."
    } else {
        "Point at a bar, or tab to it, to read its step, its planned and measured times and how late it was."
    };
    let detail_text = detail.as_deref().unwrap_or(hint).to_owned();
    // On a stage (a figure with a cursor) the run picker already says a run is live.
    let notes = notes(result, props.cursor.is_some());
    let stage_class = classes!("tl-stage", onclick.is_some().then_some("seekable"));
    html! {
        <figure class={if result.live { "timeline live" } else { "timeline" }} data-testid={format!("timeline-{id}")}
                aria-label={model.title.clone()}>
            if !notes.is_empty() {
                <figcaption class="timeline-notes">{ notes.join(" ") }</figcaption>
            }
            // A hidden prediction has no bars to tab to: the scrolling box itself takes the focus,
            // so that a keyboard can still scroll a chart wider than a phone.
            <div class={if sideways { "timeline-scroll sideways" } else { "timeline-scroll" }} ref={scroll}
                 tabindex={(props.conceal && result.predicted).then_some("0")}>
                <div class={stage_class} ref={stage} {onclick} {onmouseover} {onfocusin}>
                    <TimelineChart model={model.clone()} />
                    if let Some(at) = props.cursor {
                        { cursor_line(&model, at) }
                    }
                </div>
            </div>
            if sideways {
                // The box is narrower than the narrowest chart: its end is off to the right, and a
                // learner must be told, or they read the part they see as the whole run.
                { Html::from_html_unchecked(AttrValue::Static(SCROLL_CUE)) }
            }
            <p class="timeline-detail" data-testid={format!("timeline-detail-{id}")}>{ detail_text }</p>
            <TimelineTable result={result.clone()} conceal={props.conceal} />
        </figure>
    }
}

/// The line under a chart whose box is narrower than the chart: static markup, which costs the
/// download less than the element built by `html!`.
const SCROLL_CUE: &str = r#"<p class="timeline-scroll-cue" data-testid="scroll-cue">The chart is wider than this screen: scroll it sideways to see the rest of the run →</p>"#;

/// The sentences above a chart that say what is unusual about its run.
fn notes(result: &RunResult, staged: bool) -> Vec<&'static str> {
    let mut notes = Vec::new();
    if result.live && !staged {
        notes.push("Running now: the timeline grows as the run goes.");
    }
    if result.timeline.cancelled {
        notes.push("Cancelled: the lanes stop where the run was stopped.");
    }
    if result.timeline.throttled {
        notes.push("The tab was hidden during this run, and browsers slow timers down there: these times are not the page's own.");
    }
    notes
}

/// The cursor: a small SVG of the chart's size laid over it, holding one line across every row from
/// the top of the plotting area to the axis. Being outside the chart's SVG, it moves without
/// redrawing the chart, and the exported file never shows it.
fn cursor_line(model: &ChartModel, at: f64) -> Html {
    let (top, axis_y) = model.plot;
    let x = Fixed(model.scale.x(at), 1).to_string();
    let (width, height) = (model.scale.width(), model.height);
    html! {
        <svg class="tl-overlay" xmlns="http://www.w3.org/2000/svg" aria-hidden="true" focusable="false"
             width={Fixed(width, 0).to_string()} height={Fixed(height, 0).to_string()}
             viewBox={format!("0 0 {} {}", Fixed(width, 0), Fixed(height, 0))}>
            <line class="tl-cursor" data-testid="cursor-line" data-at={Fixed(at, 3).to_string()}
                  x1={x.clone()} x2={x} y1={Fixed(top, 1).to_string()} y2={Fixed(axis_y, 1).to_string()} />
        </svg>
    }
}
