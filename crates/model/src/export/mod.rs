//! Exports: a run as JSON, for the parent page of an embedded lesson and for the learner's download.
//!
//! This module owns the shape of everything the page hands to the outside world: the messages an
//! embedded page posts to its parent ([`run_message`], [`height_message`], and in [`splice`] the
//! exercise message and the SPLICE protocol's score, state and resize messages) and the full export
//! of a run ([`run_json`]), and in [`snippet`] what a teacher pastes into a course page to embed a
//! lesson. `docs/embedding.md` documents them for the people who consume them, so a
//! change here is a change there. It is pure: it builds strings and sends nothing; `web::embed` and
//! `web::download` deliver them.
//!
//! Non-finite numbers cannot be written in JSON. `serde_json` and the page's own writer ([`json`],
//! for everything the first look writes) write `NaN` and the infinities as `null` rather than
//! failing or producing invalid text, so a broken number shows up as `null` where
//! a number was expected, and every string built here is valid JSON.

use std::fmt::Write as _;
use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use super::mode::Mode;
use super::recipe::Recipe;
use super::timeline::{Timeline, Totals};
use super::trace::Trace;

pub mod chrome_trace;
pub mod json;
pub mod snippet;
pub mod splice;

pub use splice::{
    EXERCISE_MESSAGE, RESTORE_MESSAGE, SPLICE_GET_STATE, SPLICE_GET_STATE_RESPONSE, SPLICE_REPORT,
    SPLICE_RESIZE, exercise_message, lesson_score, message_id, splice_get_state, splice_report,
    splice_resize,
};

/// The `type` of the message posted to the parent page when a run ends.
pub const RUN_MESSAGE: &str = "async-kitchen:run";

/// The `type` of the message posted to the parent page when the page's height changes.
pub const HEIGHT_MESSAGE: &str = "async-kitchen:height";

/// The `format` of a full export.
pub const RUN_FORMAT: &str = "async-kitchen-run";

/// The version of the run message and of the full export. Raised when a field changes meaning or
/// goes away; adding a field does not raise it, so readers should ignore fields they do not know.
pub const VERSION: u32 = 1;

/// Runs with more trace events than this (measured and predicted together) are exported compactly,
/// on one line: pretty-printing puts every field on its own line, which triples the size. The
/// ten-thousand-timers lesson's 220 000 events take 15 MB on one line and 47 MB indented.
pub const PRETTY_MAX_EVENTS: usize = 20_000;

/// The headline numbers of a run as the messages carry them.
#[derive(Serialize)]
struct Headline {
    total_ms: f64,
    total_units: f64,
    busy_ms: f64,
    longest_hold_ms: f64,
    longest_freeze_ms: Option<f64>,
}

impl Headline {
    fn new(recipe: &Recipe, totals: &Totals) -> Self {
        Headline {
            total_ms: totals.end,
            total_units: recipe.units(totals.end),
            busy_ms: totals.busy,
            longest_hold_ms: totals.longest_hold,
            longest_freeze_ms: totals.longest_freeze,
        }
    }
}

/// The message posted to the parent page when a run ends: which recipe ran, in which mode, and the
/// measured and predicted headline numbers (see `docs/embedding.md` for every field).
///
/// `lesson` is the lesson's id, or `None` for a recipe of the learner's own. Totals are in real
/// milliseconds, `total_units` in the recipe's unit.
pub fn run_message(
    lesson: Option<&str>,
    recipe: &Recipe,
    mode: Mode,
    measured: &Totals,
    predicted: &Totals,
    cancelled: bool,
    throttled: bool,
) -> String {
    // Written by hand, as everything the first look sends (`json`), with the fields
    // `docs/embedding.md` lists in this order.
    let mut out = format!("{{\"type\":\"{RUN_MESSAGE}\",\"version\":{VERSION},\"lesson\":");
    json::optional(&mut out, lesson);
    json::field(&mut out, "title");
    json::string(&mut out, &recipe.title);
    json::field(&mut out, "mode");
    json::string(&mut out, mode.id());
    json::field(&mut out, "unit");
    json::string(&mut out, recipe.unit.symbol());
    json::field(&mut out, "scale_ms");
    json::number(&mut out, recipe.scale_ms);
    for (name, totals) in [("measured", measured), ("predicted", predicted)] {
        let h = Headline::new(recipe, totals);
        json::field(&mut out, name);
        // The object's first field has no comma before it.
        out.push_str("{\"total_ms\":");
        json::number(&mut out, h.total_ms);
        for (field, value) in [
            ("total_units", Some(h.total_units)),
            ("busy_ms", Some(h.busy_ms)),
            ("longest_hold_ms", Some(h.longest_hold_ms)),
            ("longest_freeze_ms", h.longest_freeze_ms),
        ] {
            json::field(&mut out, field);
            json::number(&mut out, value.unwrap_or(f64::NAN));
        }
        out.push('}');
    }
    let _ = write!(
        out,
        ",\"cancelled\":{cancelled},\"throttled\":{throttled}}}"
    );
    out
}

/// The message posted to the parent page when the page's content height changes, in CSS pixels.
pub fn height_message(height: u32) -> String {
    format!(r#"{{"type":"{HEIGHT_MESSAGE}","height":{height}}}"#)
}

#[derive(Serialize)]
struct Side<'a> {
    totals: Totals,
    trace: &'a Trace,
    timeline: Timeline,
}

impl<'a> Side<'a> {
    fn new(recipe: &Recipe, trace: &'a Trace) -> Self {
        let timeline = Timeline::from_trace(recipe, trace);
        Side {
            totals: timeline.totals(),
            trace,
            timeline,
        }
    }
}

#[derive(Serialize)]
struct RunExport<'a> {
    format: &'static str,
    version: u32,
    lesson: Option<&'a str>,
    title: &'a str,
    mode: &'static str,
    unit: &'static str,
    scale_ms: f64,
    recipe: &'a str,
    /// The step the browser's clock moved by, in milliseconds: lateness below it is noise.
    clock_step_ms: f64,
    measured: Side<'a>,
    predicted: Side<'a>,
}

/// The full export of a run, for the learner to download: what ran (`recipe_text`, the mode, the
/// scale, the step the browser's clock moves by), and for the measured and the predicted run their
/// totals, their trace events and the timeline built from them. Pretty-printed unless the traces hold more than [`PRETTY_MAX_EVENTS`]
/// events between them.
pub fn run_json(
    lesson: Option<&str>,
    recipe: &Recipe,
    recipe_text: &str,
    mode: Mode,
    measured: &Trace,
    predicted: &Trace,
    clock_step_ms: f64,
) -> String {
    let export = RunExport {
        clock_step_ms,
        format: RUN_FORMAT,
        version: VERSION,
        lesson,
        title: &recipe.title,
        mode: mode.id(),
        unit: recipe.unit.symbol(),
        scale_ms: recipe.scale_ms,
        recipe: recipe_text,
        measured: Side::new(recipe, measured),
        predicted: Side::new(recipe, predicted),
    };
    let pretty = measured.events.len() + predicted.events.len() <= PRETTY_MAX_EVENTS;
    to_json(&export, pretty)
}

/// Writes `value` as JSON, indented or on one line: the full export of a run, in its chunk (what
/// the first look writes, [`json`] writes by hand). Each `Serialize` impl is compiled once, for
/// [`Layout`], rather than once per `serde_json` formatter.
///
/// The values written are structs of numbers, strings, sequences and string-keyed maps, for which
/// `serde_json` cannot fail; should it ever, the answer is still valid JSON rather than a panic.
pub fn to_json<T: Serialize>(value: &T, pretty: bool) -> String {
    let layout = Layout {
        pretty: pretty.then(PrettyFormatter::new),
    };
    let mut out = Vec::with_capacity(256);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, layout);
    match value.serialize(&mut serializer) {
        // `serde_json` writes only valid UTF-8.
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => r#"{"error":"the page could not write this as JSON"}"#.to_owned(),
    }
}

/// A `serde_json` formatter that indents or not, as chosen when it is made.
struct Layout {
    pretty: Option<PrettyFormatter<'static>>,
}

/// Forwards formatter methods to the pretty formatter if there is one, else to the compact one.
macro_rules! layout {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<W: ?Sized + io::Write>(&mut self, writer: &mut W $(, $arg: $ty)*) -> io::Result<()> {
            match &mut self.pretty {
                Some(pretty) => pretty.$method(writer $(, $arg)*),
                None => CompactFormatter.$method(writer $(, $arg)*),
            }
        }
    )*};
}

impl Formatter for Layout {
    layout! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        begin_object_value();
        end_object_value();
    }
}

#[cfg(test)]
mod tests;
