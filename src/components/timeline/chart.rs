//! One run's timeline as a self-contained SVG: the drawing of a laid-out [`ChartModel`].
//!
//! This module owns the SVG markup only: what to draw and where was decided by `layout` (and the
//! poll marks by `polls`). The SVG carries its own patterns and style sheet and an `id` of
//! `timeline-svg-{chart id}`, so its `outerHTML` saved as a file is a finished picture; it is drawn
//! one unit to one CSS pixel, its width the layout's. Hovering or focusing a bar reports the bar's
//! words through `on_pick`, through one listener on the SVG rather than one per bar. It must not draw
//! anything that changes without a new layout, such as a cursor: that belongs on top of it.

use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;
use yew::virtual_dom::VText;

use super::geometry::{LABEL_W, LANE_H, LONG_H, NOTE_LINE_H, WAKE_H};
use super::layout::ChartModel;
use super::marks::Marker;
use super::polls::PollMarks;
use super::rows::{Bar, Row, RowKind};
use super::style::{defs, paint};
use crate::components::format::{Fixed, Short};

/// Properties of [`TimelineChart`].
#[derive(Properties)]
pub struct TimelineChartProps {
    /// The chart, laid out.
    pub model: Rc<ChartModel>,
    /// Called with a bar's description when the pointer rests on it or it takes the focus.
    pub on_pick: Callback<Rc<str>>,
}

impl PartialEq for TimelineChartProps {
    fn eq(&self, other: &Self) -> bool {
        // The same layout is the same picture; comparing layouts field by field would cost as much
        // as drawing them.
        Rc::ptr_eq(&self.model, &other.model) && self.on_pick == other.on_pick
    }
}

/// Draws one run's timeline.
#[function_component]
pub fn TimelineChart(props: &TimelineChartProps) -> Html {
    let m = &props.model;
    let pick = {
        let model = m.clone();
        let on_pick = props.on_pick.clone();
        move |target: Option<Element>| {
            let item = target
                .and_then(|el| el.get_attribute("data-i"))
                .and_then(|i| i.parse::<usize>().ok())
                .and_then(|i| model.items.get(i));
            if let Some(tip) = item {
                on_pick.emit(tip.clone());
            }
        }
    };
    let onmouseover = {
        let pick = pick.clone();
        Callback::from(move |e: MouseEvent| pick(e.target_dyn_into::<Element>()))
    };
    let onfocusin = Callback::from(move |e: FocusEvent| pick(e.target_dyn_into::<Element>()));
    let (top, axis_y) = m.plot;
    let grid: String = m
        .ticks
        .iter()
        .map(|t| format!("M{},{}V{}", Fixed(t.x, 1), Fixed(top, 1), Fixed(axis_y, 1)))
        .collect();
    let width = Fixed(m.scale.width(), 0).to_string();
    let height = Fixed(m.height, 0).to_string();
    html! {
        <svg
            id={format!("timeline-svg-{}", m.id)}
            class="tl-svg"
            xmlns="http://www.w3.org/2000/svg"
            viewBox={format!("0 0 {width} {height}")}
            width={width.clone()}
            height={height.clone()}
            role="group"
            aria-label={format!("{}: {}. Tab to a bar to hear its step and its times; a table follows.", m.title, m.subtitle)}
            {onmouseover}
            {onfocusin}
        >
            { defs(&m.id) }
            <rect class="bg" {width} {height} />
            if m.subtitle_below {
                <text class="title" x="8" y="17">{ m.title.clone() }</text>
                <text class="subtitle" x="8" y="34">{ m.subtitle.clone() }</text>
            } else {
                <text class="title" x="8" y="17">
                    { m.title.clone() }
                    <tspan class="subtitle" dx="12">{ m.subtitle.clone() }</tspan>
                </text>
            }
            <path class="grid" d={grid} />
            { for m.rows.iter().map(|row| draw_row(m, row)) }
            if let Some((y, lines)) = &m.note {
                { for lines.iter().enumerate().map(|(i, line)| html! {
                    <text class="note" x={num(LABEL_W)} y={num(y + NOTE_LINE_H * i as f64)}>{ line.clone() }</text>
                }) }
            }
            { heartbeat(m) }
            if let Some((y, bars)) = &m.long_tasks {
                <g class="long-tasks">
                    { label(*y + LONG_H - 1.0, "long tasks", "lane-label") }
                    { for bars.iter().map(|b| bar(m, b, *y, LONG_H)) }
                </g>
            }
            { for m.markers.iter().map(|mk| marker(mk, top - 4.0, axis_y)) }
            // Over the end markers: a task's last poll is at its end, which a marker may share.
            { for m.rows.iter().filter(|r| r.kind == RowKind::Task).map(|r| polls(&r.polls, r.poll_strip())) }
            { axis(m, axis_y) }
        </svg>
    }
}

/// One row: its name, its measured bars, its planned strip and its polls.
fn draw_row(m: &ChartModel, row: &Row) -> Html {
    let class = match row.kind {
        RowKind::Task => "row task-row",
        RowKind::Thread => "row thread-row",
        RowKind::Cook => "row cook-row",
    };
    html! {
        <g {class}>
            { label(row.y + row.size.bar * 0.5 + 4.5, &row.name, "lane-label") }
            if row.plan_label {
                { label(row.plan_y() + row.size.plan - 0.5, "planned", "plan-label") }
            }
            <g class="measured">
                { for row.bars.iter().map(|b| bar(m, b, row.y, row.size.bar)) }
                { for row.bars.iter().filter_map(|b| b.label.as_ref().map(|text| html! {
                    <text class="span-label" x={num(b.x + 4.0)} y={num(row.y + row.size.bar * 0.5 + 4.5)}>{ text.clone() }</text>
                })) }
            </g>
            if !row.plan.is_empty() {
                <g class="plan">
                    { for row.plan.iter().map(|b| bar(m, b, row.plan_y(), row.size.plan)) }
                </g>
            }
        </g>
    }
}

/// A row's poll strip, one path per kind so that a thousand polls cost three elements: a tick for
/// each poll that returned Pending and a triangle pointing at the bar for the poll that returned
/// Ready, both under the strip's top, and along that top a dot for each wake.
fn polls(marks: &PollMarks, (top, bottom): (f64, f64)) -> Html {
    let tick_top = top + WAKE_H + 0.5;
    let pending: String = marks
        .pending
        .iter()
        .map(|x| {
            format!(
                "M{},{}V{}",
                Fixed(*x, 1),
                Fixed(tick_top, 1),
                Fixed(bottom, 1)
            )
        })
        .collect();
    let ready: String = marks
        .ready
        .iter()
        .map(|x| {
            format!(
                "M{},{}H{}L{},{}Z",
                Fixed(x - 3.0, 1),
                Fixed(tick_top, 1),
                Fixed(x + 3.0, 1),
                Fixed(*x, 1),
                Fixed(bottom, 1)
            )
        })
        .collect();
    let r = WAKE_H / 2.0;
    let mid = top + r;
    let wakes: String = marks
        .wakes
        .iter()
        .map(|x| {
            format!(
                "M{},{}a{r},{r} 0 1,0 {d},0a{r},{r} 0 1,0 -{d},0",
                Fixed(x - r, 1),
                Fixed(mid, 1),
                r = Short(r),
                d = Short(2.0 * r)
            )
        })
        .collect();
    html! {
        <g class="polls" aria-hidden="true">
            if !pending.is_empty() {
                <path class="poll pending" d={pending} />
            }
            if !ready.is_empty() {
                <path class="poll ready" d={ready} />
            }
            if !wakes.is_empty() {
                <path class="wake" d={wakes} />
            }
        </g>
    }
}

/// A bar with its tooltip; focusable bars are also keyboard stops with the tooltip as their name.
fn bar(m: &ChartModel, b: &Bar, y: f64, h: f64) -> Html {
    let (class, fill) = paint(b.paint, &m.id);
    let tip = tip_node(m, b.item);
    html! {
        <rect
            {class}
            x={num(b.x)}
            y={num(y)}
            width={num(b.w)}
            height={num(h)}
            {fill}
            data-i={b.item.to_string()}
            tabindex={b.focusable.then_some("0")}
            role={b.focusable.then_some("img")}
        >
            <title>{ tip }</title>
        </rect>
    }
}

/// A tooltip's text as a node, sharing the text rather than copying it.
fn tip_node(m: &ChartModel, item: usize) -> Html {
    let text: AttrValue = m
        .items
        .get(item)
        .cloned()
        .unwrap_or_else(|| Rc::from(""))
        .into();
    VText::new(text).into()
}

/// The heartbeat row: frame ticks as one path, freezes as labelled, focusable boxes.
fn heartbeat(m: &ChartModel) -> Html {
    let hb = &m.heartbeat;
    let ticks: String = hb
        .frames
        .iter()
        .map(|x| {
            format!(
                "M{},{}V{}",
                Fixed(*x, 1),
                Fixed(hb.y + 3.0, 1),
                Fixed(hb.y + LANE_H - 3.0, 1)
            )
        })
        .collect();
    html! {
        <g class="row heartbeat-row">
            { label(hb.y + LANE_H * 0.7, "frames", "lane-label") }
            if let Some(text) = hb.blank {
                <text class="no-frames" x={num(LABEL_W + 4.0)} y={num(hb.y + LANE_H * 0.7)}>{ text }</text>
            }
            { for hb.freezes.iter().map(|f| html! {
                <g class="freeze-mark">
                    <rect class="freeze" x={num(f.x)} y={num(hb.y)} width={num(f.w)} height={num(LANE_H)}
                          data-i={f.item.to_string()} tabindex="0" role="img">
                        <title>{ tip_node(m, f.item) }</title>
                    </rect>
                    if let Some(text) = &f.label {
                        <text class="freeze-label" x={num(f.x + 4.0)} y={num(hb.y + LANE_H * 0.7)}>{ text.clone() }</text>
                    }
                </g>
            }) }
            <path class="frame" d={ticks} />
        </g>
    }
}

/// An end marker: a line down the chart and its label above.
fn marker(mk: &Marker, top: f64, axis_y: f64) -> Html {
    let class = mk.kind.class();
    html! {
        <g class="marker-group">
            <line class={format!("marker {class}")} x1={num(mk.x)} x2={num(mk.x)} y1={num(top)} y2={num(axis_y)} />
            <text class={format!("marker-label {class}")} x={num(mk.text_x)} y={num(mk.label_y)}
                  text-anchor={if mk.anchor_end { "end" } else { "start" }}>
                { mk.text.clone() }
            </text>
        </g>
    }
}

/// The time axis: the recipe's unit on top, milliseconds below.
fn axis(m: &ChartModel, y: f64) -> Html {
    let right = m.scale.right();
    html! {
        <g class="axis">
            <line x1={num(LABEL_W)} x2={num(right)} y1={num(y)} y2={num(y)} />
            { for m.ticks.iter().map(|t| html! {
                <g class="tick">
                    <line x1={num(t.x)} x2={num(t.x)} y1={num(y)} y2={num(y + 5.0)} />
                    <text class="tick-units" x={num(t.x)} y={num(y + 18.0)}>{ t.units.clone() }</text>
                    if let Some(ms) = &t.ms {
                        <text class="tick-ms" x={num(t.x)} y={num(y + 32.0)}>{ ms.clone() }</text>
                    }
                </g>
            }) }
        </g>
    }
}

/// A right-aligned label in the name column.
fn label(baseline: f64, text: &str, class: &'static str) -> Html {
    html! {
        <text {class} x={num(LABEL_W - 8.0)} y={num(baseline)}>{ text.to_owned() }</text>
    }
}

/// A coordinate, to one decimal: finer than a pixel, and it keeps the markup short.
fn num(v: f64) -> String {
    Fixed(v, 1).to_string()
}
