//! The look of a timeline chart, carried inside the chart itself: its patterns and its style sheet.
//!
//! Every chart embeds these, so that its SVG saved on its own (for slides) renders the same as on the
//! page. On the page the rules read the colour variables of `style.css`, and so follow the light and
//! dark schemes; in a saved file the variables are undefined and each rule falls back to its
//! light-scheme colour. This module owns those rules and the pattern ids; the page layout around the
//! charts lives in `timeline.css`.

use super::rows::Paint;
use kitchen_model::State;

/// The chart rules. Scoped by the `tl-svg` class, since a style element inside an inline SVG applies
/// to the whole page; no `>` or `&`, so the rules survive being serialised into XML unchanged.
pub const CSS: &str = "
.tl-svg{font-family:system-ui,sans-serif;font-size:13px}
.tl-svg text{fill:var(--fg,#1f2328)}
.tl-svg .bg{fill:var(--card,#ffffff)}
.tl-svg .title{font-size:15px;font-weight:700}
.tl-svg .subtitle{fill:var(--muted,#5b616b);font-size:13px;font-weight:400}
.tl-svg .lane-label{text-anchor:end;font-weight:600}
.tl-svg .plan-label{text-anchor:end;font-size:10px;fill:var(--muted,#5b616b)}
.tl-svg .note{fill:var(--muted,#5b616b);font-style:italic}
.tl-svg .grid{stroke:var(--line,#d7d9dd);stroke-width:1}
.tl-svg .seg{stroke-width:1}
.tl-svg .seg.running{fill:var(--running,#2f6fb7);stroke:var(--running,#2f6fb7)}
.tl-svg .seg.waiting{stroke:var(--waiting-fg,#6d93c4)}
.tl-svg .seg.ready{stroke:var(--ready-fg,#a95a00)}
.tl-svg .seg.blocked{stroke:var(--blocked-fg,#b3261e)}
.tl-svg .seg.starting{stroke:var(--starting-fg,#5e3f94)}
.tl-svg .plan .seg{stroke-width:0.5}
.tl-svg .p-waiting-bg{fill:var(--waiting-bg,#e3ecf7)}
.tl-svg .p-waiting-fg{stroke:var(--waiting-fg,#6d93c4);stroke-width:2}
.tl-svg .p-ready-bg{fill:var(--ready-bg,#fdebcc)}
.tl-svg .p-ready-fg{fill:var(--ready-fg,#a95a00)}
.tl-svg .p-blocked-bg{fill:var(--blocked-bg,#f7d6d4)}
.tl-svg .p-blocked-fg{stroke:var(--blocked-fg,#b3261e);stroke-width:1.3}
.tl-svg .p-starting-bg{fill:var(--starting-bg,#e4d9f4)}
.tl-svg .p-starting-fg{fill:var(--starting-fg,#5e3f94)}
.tl-svg .held-0{fill:var(--task-0,#2f6fb7)}
.tl-svg .held-1{fill:var(--task-1,#8a5cc2)}
.tl-svg .held-2{fill:var(--task-2,#1c8068)}
.tl-svg .held-3{fill:var(--task-3,#b95218)}
.tl-svg .held-4{fill:var(--task-4,#9c6d00)}
.tl-svg .held-5{fill:var(--task-5,#c2185b)}
.tl-svg .idle{fill:none;stroke:var(--muted,#5b616b);stroke-width:1;stroke-dasharray:3 3}
.tl-svg .span-label{fill:var(--accent-fg,#ffffff);font-weight:600;pointer-events:none}
.tl-svg .poll{stroke:var(--fg,#1f2328);stroke-width:1;pointer-events:none}
.tl-svg .poll.ready{fill:var(--fg,#1f2328);stroke:none}
.tl-svg .wake{fill:var(--ready-fg,#a95a00);stroke:var(--card,#ffffff);stroke-width:0.6;pointer-events:none}
.tl-svg .frame{stroke:var(--frame,#286e2d);stroke-width:1.5}
.tl-svg .no-frames{fill:var(--muted,#5b616b);font-style:italic}
.tl-svg .freeze{fill:var(--freeze,rgba(179,38,30,0.16));stroke:var(--blocked-fg,#b3261e);stroke-dasharray:4 2}
.tl-svg .freeze-label{fill:var(--freeze-fg,#8f1d17);font-weight:700;pointer-events:none}
.tl-svg .long-task{fill:var(--muted,#5b616b)}
.tl-svg .axis line{stroke:var(--muted,#5b616b)}
.tl-svg .tick-units{text-anchor:middle}
.tl-svg .tick-ms{text-anchor:middle;font-size:11px;fill:var(--muted,#5b616b)}
.tl-svg .marker{stroke-width:2}
.tl-svg .marker-label{font-size:12px;font-weight:600}
.tl-svg .marker.planned{stroke:var(--muted,#5b616b);stroke-dasharray:6 4}
.tl-svg .marker-label.planned{fill:var(--muted,#5b616b)}
.tl-svg .marker.end{stroke:var(--fg,#1f2328)}
.tl-svg .marker.now{stroke:var(--accent,#2f6fb7)}
.tl-svg .marker-label.now{fill:var(--accent,#2f6fb7)}
.tl-svg .marker.stopped{stroke:var(--blocked-fg,#b3261e)}
.tl-svg .marker-label.stopped{fill:var(--blocked-fg,#b3261e)}
.tl-svg [tabindex]{cursor:help}
.tl-svg [tabindex]:focus{outline:none;stroke:var(--focus,#f0a400);stroke-width:3}
";

/// The patterns and the style sheet, as markup, with pattern ids suffixed by `suffix` (a chart id) so
/// that several charts on one page do not share (and on export lose) each other's patterns. Only the
/// page's own constants and `suffix` go into it.
pub fn defs_markup(suffix: &str) -> String {
    // Starting is sparser and paler than ready's dots, in another hue: not queued on a thread yet,
    // only on its way to one.
    format!(
        "<style>{CSS}</style><defs>\
         <pattern id=\"tl-waiting-{suffix}\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\
         <rect class=\"p-waiting-bg\" width=\"8\" height=\"8\"/><line class=\"p-waiting-fg\" x1=\"1\" y1=\"0\" x2=\"1\" y2=\"8\"/></pattern>\
         <pattern id=\"tl-ready-{suffix}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">\
         <rect class=\"p-ready-bg\" width=\"6\" height=\"6\"/><circle class=\"p-ready-fg\" cx=\"3\" cy=\"3\" r=\"1.5\"/></pattern>\
         <pattern id=\"tl-blocked-{suffix}\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">\
         <rect class=\"p-blocked-bg\" width=\"8\" height=\"8\"/><path class=\"p-blocked-fg\" d=\"M0,0 L8,8 M8,0 L0,8\"/></pattern>\
         <pattern id=\"tl-starting-{suffix}\" width=\"10\" height=\"10\" patternUnits=\"userSpaceOnUse\">\
         <rect class=\"p-starting-bg\" width=\"10\" height=\"10\"/><circle class=\"p-starting-fg\" cx=\"2.5\" cy=\"2.5\" r=\"1.5\"/>\
         <circle class=\"p-starting-fg\" cx=\"7.5\" cy=\"7.5\" r=\"1.5\"/></pattern></defs>"
    )
}

/// The class and the fill attribute a paint needs. Patterned fills are attributes rather than rules,
/// because their ids differ from chart to chart.
pub fn paint(paint: Paint, suffix: &str) -> (&'static str, Option<String>) {
    match paint {
        Paint::State(state) => {
            let class = match state {
                // The one solid state: it needs no pattern.
                State::Running => return ("seg running", None),
                State::Waiting => "seg waiting",
                State::Ready => "seg ready",
                State::Blocked => "seg blocked",
                State::Starting => "seg starting",
            };
            (class, Some(format!("url(#tl-{}-{suffix})", state.word())))
        }
        Paint::Held(i) => (HELD[i % HELD.len()], None),
        Paint::Idle => ("idle", None),
        Paint::LongTask => ("long-task", None),
    }
}

const HELD: [&str; 6] = [
    "held held-0",
    "held held-1",
    "held held-2",
    "held held-3",
    "held held-4",
    "held held-5",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_style_sheet_survives_xml_and_falls_back_to_concrete_colours() {
        assert!(!CSS.contains('>') && !CSS.contains('&') && !CSS.contains('<'));
        // Every variable has a fallback, so a saved chart never depends on the page.
        for (i, _) in CSS.match_indices("var(--") {
            let rest = &CSS[i..];
            let close = rest.find(')').expect("closed");
            assert!(
                rest[..close].contains(','),
                "no fallback in {}",
                &rest[..close]
            );
        }
    }

    #[test]
    fn patterned_states_point_at_their_own_charts_patterns() {
        assert_eq!(
            paint(Paint::State(State::Ready), "gather"),
            ("seg ready", Some("url(#tl-ready-gather)".to_owned()))
        );
        assert_eq!(
            paint(Paint::State(State::Starting), "processes"),
            (
                "seg starting",
                Some("url(#tl-starting-processes)".to_owned())
            )
        );
        assert_eq!(paint(Paint::State(State::Running), "gather").1, None);
        assert_eq!(paint(Paint::Held(7), "x").0, "held held-1");
    }
}
