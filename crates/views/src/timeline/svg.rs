//! One run's timeline as a self-contained SVG: the drawing of a laid-out [`ChartModel`].
//!
//! This module owns the SVG markup only: what to draw and where was decided by `layout` (and the
//! poll marks by `polls`). The SVG carries its own patterns and style sheet and an `id` of
//! `timeline-svg-{chart id}`, so its `outerHTML` saved as a file is a finished picture; it is drawn
//! one unit to one CSS pixel, its width the layout's. Each bar carries its item's index (`data-i`),
//! which the figure's one listener reads when a bar is pointed at or focused. It must not draw
//! anything that changes without a new layout, such as a cursor: that belongs on top of it.
//!
//! The SVG is written as markup text ([`Markup`]) rather than with `html!`: it only shows, it is
//! drawn again only when its layout changes, and its thousands of elements as text take a fraction
//! of the wasm (and of the time) that building them as virtual nodes does.

use super::geometry::{LABEL_W, LANE_H, LONG_H, NOTE_LINE_H, SUBTITLE_H, WAKE_H};
use super::layout::ChartModel;
use super::marks::Marker;
use super::polls::PollMarks;
use super::rows::{Bar, Row, RowKind};
use super::style::{defs_markup, paint};
use crate::markup::Markup;
use kitchen_model::format::{Fixed, Short};

/// The whole SVG of a laid-out chart, written to `out`.
pub fn svg(out: &mut Markup, m: &ChartModel) {
    let (top, axis_y) = m.plot;
    let width = Fixed(m.scale.width(), 0).to_string();
    let height = Fixed(m.height, 0).to_string();
    out.tag(r#"<svg id="timeline-svg-"#)
        .text(&m.id)
        .tag(r#"" class="tl-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 "#)
        .tag(&width)
        .tag(" ")
        .tag(&height)
        .tag(r#"" width=""#)
        .tag(&width)
        .tag(r#"" height=""#)
        .tag(&height)
        .tag(r#"" role="group" aria-label=""#)
        .text(&m.title)
        .text(": ")
        .text(&m.subtitle)
        .tag(r#". Tab to a bar to hear its step and its times; a table follows.">"#)
        .tag(&defs_markup(&m.id))
        .tag(r#"<rect class="bg" width=""#)
        .tag(&width)
        .tag(r#"" height=""#)
        .tag(&height)
        .tag(r#""/>"#);
    if m.subtitle_below {
        // The title's lines, then the subtitle's, one line pitch apart.
        let lines = m.title_lines.iter().map(|l| ("title", l));
        let lines = lines.chain(m.subtitle_lines.iter().map(|l| ("subtitle", l)));
        for (i, (class, line)) in lines.enumerate() {
            text_at(out, class, 8.0, 17.0 + SUBTITLE_H * i as f64, line);
        }
    } else {
        out.tag(r#"<text class="title" x="8" y="17">"#)
            .text(&m.title)
            .tag(r#"<tspan class="subtitle" dx="12">"#)
            .text(&m.subtitle)
            .tag("</tspan></text>");
    }
    out.tag(r#"<path class="grid" d=""#);
    for t in &m.ticks {
        out.tag(&format!(
            "M{},{}V{}",
            Fixed(t.x, 1),
            Fixed(top, 1),
            Fixed(axis_y, 1)
        ));
    }
    out.tag(r#""/>"#);
    for row in &m.rows {
        draw_row(out, m, row);
    }
    if let Some((y, lines)) = &m.note {
        for (i, line) in lines.iter().enumerate() {
            text_at(out, "note", LABEL_W, y + NOTE_LINE_H * i as f64, line);
        }
    }
    heartbeat(out, m);
    if let Some((y, bars)) = &m.long_tasks {
        out.tag(r#"<g class="long-tasks">"#);
        label(out, *y + LONG_H - 1.0, "long tasks", "lane-label");
        for b in bars {
            bar(out, m, b, *y, LONG_H);
        }
        out.tag("</g>");
    }
    for mk in &m.markers {
        marker(out, mk, top - 4.0, axis_y);
    }
    // Over the end markers: a task's last poll is at its end, which a marker may share.
    for r in m.rows.iter().filter(|r| r.kind == RowKind::Task) {
        polls(out, &r.polls, r.poll_strip());
    }
    axis(out, m, axis_y);
    out.tag("</svg>");
}

/// One row: its name, its measured bars, its planned strip and its polls.
fn draw_row(out: &mut Markup, m: &ChartModel, row: &Row) {
    out.tag(match row.kind {
        RowKind::Task => r#"<g class="row task-row">"#,
        RowKind::Thread => r#"<g class="row thread-row">"#,
        RowKind::Cook => r#"<g class="row cook-row">"#,
        RowKind::Gil => r#"<g class="row gil-row" data-testid="gil-lane">"#,
    });
    label(
        out,
        row.y + row.size.bar * 0.5 + 4.5,
        &row.name,
        "lane-label",
    );
    if row.plan_label {
        label(
            out,
            row.plan_y() + row.size.plan - 0.5,
            "planned",
            "plan-label",
        );
    }
    out.tag(r#"<g class="measured">"#);
    for b in &row.bars {
        bar(out, m, b, row.y, row.size.bar);
    }
    for (b, text) in row
        .bars
        .iter()
        .filter_map(|b| b.label.as_ref().map(|t| (b, t)))
    {
        let y = row.y + row.size.bar * 0.5 + 4.5;
        text_at(out, "span-label", b.x + 4.0, y, text);
    }
    out.tag("</g>");
    if !row.plan.is_empty() {
        out.tag(r#"<g class="plan">"#);
        for b in &row.plan {
            bar(out, m, b, row.plan_y(), row.size.plan);
        }
        out.tag("</g>");
    }
    out.tag("</g>");
}

/// A row's poll strip, one path per kind so that a thousand polls cost three elements: a tick for
/// each poll that returned Pending and a triangle pointing at the bar for the poll that returned
/// Ready, both under the strip's top, and along that top a dot for each wake.
fn polls(out: &mut Markup, marks: &PollMarks, (top, bottom): (f64, f64)) {
    let tick_top = top + WAKE_H + 0.5;
    out.tag(r#"<g class="polls" aria-hidden="true">"#);
    if !marks.pending.is_empty() {
        out.tag(r#"<path class="poll pending" d=""#);
        for x in &marks.pending {
            out.tag(&format!(
                "M{},{}V{}",
                Fixed(*x, 1),
                Fixed(tick_top, 1),
                Fixed(bottom, 1)
            ));
        }
        out.tag(r#""/>"#);
    }
    if !marks.ready.is_empty() {
        out.tag(r#"<path class="poll ready" d=""#);
        for x in &marks.ready {
            out.tag(&format!(
                "M{},{}H{}L{},{}Z",
                Fixed(x - 3.0, 1),
                Fixed(tick_top, 1),
                Fixed(x + 3.0, 1),
                Fixed(*x, 1),
                Fixed(bottom, 1)
            ));
        }
        out.tag(r#""/>"#);
    }
    if !marks.wakes.is_empty() {
        let r = WAKE_H / 2.0;
        let mid = top + r;
        out.tag(r#"<path class="wake" d=""#);
        for x in &marks.wakes {
            out.tag(&format!(
                "M{},{}a{r},{r} 0 1,0 {d},0a{r},{r} 0 1,0 -{d},0",
                Fixed(x - r, 1),
                Fixed(mid, 1),
                r = Short(r),
                d = Short(2.0 * r)
            ));
        }
        out.tag(r#""/>"#);
    }
    out.tag("</g>");
}

/// A bar with its tooltip (when the chart is titled); focusable bars are also keyboard stops with
/// the tooltip as their name.
fn bar(out: &mut Markup, m: &ChartModel, b: &Bar, y: f64, h: f64) {
    let (class, fill) = paint(b.paint, &m.id);
    out.tag(r#"<rect class=""#)
        .tag(class)
        .tag(r#"" x=""#)
        .tag(&num(b.x))
        .tag(r#"" y=""#)
        .tag(&num(y))
        .tag(r#"" width=""#)
        .tag(&num(b.w))
        .tag(r#"" height=""#)
        .tag(&num(h))
        .tag(r#"""#);
    if let Some(fill) = fill {
        out.tag(r#" fill=""#).text(&fill).tag(r#"""#);
    }
    out.tag(r#" data-i=""#).tag(&b.item.to_string()).tag(r#"""#);
    // A live snapshot's bars are neither keyboard stops nor titled: the snapshot is redrawn
    // under the keyboard every half second anyway, and the finished run's chart has both.
    if m.titled && b.focusable {
        out.tag(r#" tabindex="0" role="img""#);
    }
    if m.titled {
        out.tag("><title>");
        tip(out, m, b.item);
        out.tag("</title></rect>");
    } else {
        out.tag("/>");
    }
}

/// A tooltip's text.
fn tip(out: &mut Markup, m: &ChartModel, item: usize) {
    if let Some(text) = m.items.get(item) {
        out.text(text);
    }
}

/// The heartbeat row: frame ticks as one path, freezes as labelled, focusable boxes.
fn heartbeat(out: &mut Markup, m: &ChartModel) {
    let hb = &m.heartbeat;
    out.tag(r#"<g class="row heartbeat-row">"#);
    label(out, hb.y + LANE_H * 0.7, "heartbeat", "lane-label");
    if let Some(text) = hb.blank {
        text_at(out, "no-frames", LABEL_W + 4.0, hb.y + LANE_H * 0.7, text);
    }
    for f in &hb.freezes {
        out.tag(r#"<g class="freeze-mark"><rect class="freeze" x=""#)
            .tag(&num(f.x))
            .tag(r#"" y=""#)
            .tag(&num(hb.y))
            .tag(r#"" width=""#)
            .tag(&num(f.w))
            .tag(r#"" height=""#)
            .tag(&num(LANE_H))
            .tag(r#"" data-i=""#)
            .tag(&f.item.to_string())
            .tag(r#"" tabindex="0" role="img"><title>"#);
        tip(out, m, f.item);
        out.tag("</title></rect>");
        if let Some(text) = &f.label {
            text_at(out, "freeze-label", f.x + 4.0, hb.y + LANE_H * 0.7, text);
        }
        out.tag("</g>");
    }
    out.tag(r#"<path class="frame" d=""#);
    for x in &hb.frames {
        out.tag(&format!(
            "M{},{}V{}",
            Fixed(*x, 1),
            Fixed(hb.y + 3.0, 1),
            Fixed(hb.y + LANE_H - 3.0, 1)
        ));
    }
    out.tag(r#""/></g>"#);
}

/// An end marker: a line down the chart and its label above.
fn marker(out: &mut Markup, mk: &Marker, top: f64, axis_y: f64) {
    let class = mk.kind.class();
    out.tag(r#"<g class="marker-group"><line class="marker "#)
        .tag(class)
        .tag(r#"""#);
    line_ends(out, (mk.x, top), (mk.x, axis_y));
    out.tag(r#"<text class="marker-label "#)
        .tag(class)
        .tag(r#"" x=""#)
        .tag(&num(mk.text_x))
        .tag(r#"" y=""#)
        .tag(&num(mk.label_y))
        .tag(if mk.anchor_end {
            r#"" text-anchor="end">"#
        } else {
            r#"" text-anchor="start">"#
        })
        .text(&mk.text)
        .tag("</text></g>");
}

/// The time axis: the recipe's unit on top, milliseconds below.
fn axis(out: &mut Markup, m: &ChartModel, y: f64) {
    let right = m.scale.right();
    out.tag(r#"<g class="axis"><line"#);
    line_ends(out, (LABEL_W, y), (right, y));
    for t in &m.ticks {
        out.tag(r#"<g class="tick"><line"#);
        line_ends(out, (t.x, y), (t.x, y + 5.0));
        text_at(out, "tick-units", t.x, y + 18.0, &t.units);
        if let Some(ms) = &t.ms {
            text_at(out, "tick-ms", t.x, y + 32.0, ms);
        }
        out.tag("</g>");
    }
    out.tag("</g>");
}

/// A right-aligned label in the name column.
fn label(out: &mut Markup, baseline: f64, text: &str, class: &'static str) {
    text_at(out, class, LABEL_W - 8.0, baseline, text);
}

/// A `<text>` of `class` at (`x`, `y`).
fn text_at(out: &mut Markup, class: &str, x: f64, y: f64, text: &str) {
    out.tag(r#"<text class=""#)
        .tag(class)
        .tag(r#"" x=""#)
        .tag(&num(x))
        .tag(r#"" y=""#)
        .tag(&num(y))
        .tag(r#"">"#)
        .text(text)
        .tag("</text>");
}

/// The rest of a `<line` whose other attributes are written: its two ends, and the close.
fn line_ends(out: &mut Markup, (x1, y1): (f64, f64), (x2, y2): (f64, f64)) {
    out.tag(r#" x1=""#)
        .tag(&num(x1))
        .tag(r#"" x2=""#)
        .tag(&num(x2))
        .tag(r#"" y1=""#)
        .tag(&num(y1))
        .tag(r#"" y2=""#)
        .tag(&num(y2))
        .tag(r#""/>"#);
}

/// A coordinate, to one decimal: finer than a pixel, and it keeps the markup short.
fn num(v: f64) -> String {
    Fixed(v, 1).to_string()
}
