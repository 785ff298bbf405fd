//! Share links: a recipe and the page's settings in a URL's fragment (or, in links written before
//! version 2, its query string), and back.
//!
//! This module owns the parameters and their messages: `z` (the recipe text in UTF-8, compressed
//! with raw deflate, base64url without padding), `recipe` (the text uncompressed, as older links
//! and browsers without `CompressionStream` write it), `lesson`, `mode`, `scale`, `cooks` (the processes mode's pool), `at`
//! (a moment of the run for the stage's cursor), `autorun`, `embed`, `compact` (the embed's
//! compact preset: the chart and Run only), `present` and `lang` (`python` when the text is a
//! learner's Python program rather than a recipe). It is a pure codec: it
//! reads no URL and touches no page (the components pass `location.search` in and put the query out),
//! and it does not parse the recipe text itself, so that the page can show the text's errors in the
//! editor with the text kept. [`Share::recipe`] does both when that is all a caller needs.

mod base64url;
mod form;

use std::fmt;

use super::code::Language;
use super::cooks::MAX_COOKS;
use super::format::{Short, shown};
use super::lesson;
use super::mode::Mode;
use super::recipe::Recipe;
use super::text::limits::{MAX_SCALE_MS, MAX_TEXT_BYTES, scale_in_range};
use super::text::{self, ParseError};

/// The longest `recipe` parameter: the base64url of a recipe text of [`MAX_TEXT_BYTES`].
pub const MAX_RECIPE_CHARS: usize = MAX_TEXT_BYTES.div_ceil(3) * 4;

/// The longest `z` parameter: raw deflate stores what it cannot compress in blocks of 64 KiB, each
/// with a five-byte header, so a recipe of [`MAX_TEXT_BYTES`] never takes more than this.
pub const MAX_DEFLATED_CHARS: usize = MAX_RECIPE_CHARS + 64;

/// The latest moment a link may put the cursor at, in milliseconds: longer than any run can last
/// without being refused, and short enough to keep every time exact in an `f64`.
pub const MAX_AT_MS: f64 = 1e10;

/// The parameters a link may carry (`z` is read as `recipe`): any other is ignored.
const PARAMETERS: [&str; 11] = [
    "recipe", "lesson", "lang", "mode", "scale", "at", "cooks", "autorun", "embed", "compact",
    "present",
];

/// The longest query string read, in bytes: the longest `recipe` and room for every other parameter.
/// Checked before anything is decoded, so that no link can make the page decode megabytes.
pub const MAX_QUERY_BYTES: usize = MAX_DEFLATED_CHARS + 1024;

/// What a share link carries. Every field is optional: a link may name a lesson, carry a recipe, or
/// only pick a mode.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Share {
    /// The recipe's text, to be parsed and shown in the editor.
    pub recipe_text: Option<String>,
    /// The recipe's text compressed with raw deflate (`z=`), which the page inflates (with the
    /// browser's `DecompressionStream`) into [`Share::recipe_text`]. When it is set, a link is
    /// written with it instead of the text.
    pub deflated: Option<Vec<u8>>,
    /// A lesson's id (see [`lesson::CATALOG`]).
    pub lesson: Option<String>,
    /// The mode to select.
    pub mode: Option<Mode>,
    /// Real milliseconds per unit, overriding the recipe's scale.
    pub scale_ms: Option<f64>,
    /// A moment of the run, in milliseconds since it began, for the stage's cursor.
    pub at_ms: Option<f64>,
    /// `lang=python` or `lang=rust`: the text the link carries (`z` or `recipe`) is a learner's
    /// program in that language, which the page opens in its editor and runs as written; the
    /// lesson's recipe stays.
    pub program: Option<Language>,
    /// How many cooks the processes mode uses.
    pub cooks: Option<usize>,
    /// Run as soon as the page has loaded.
    pub autorun: bool,
    /// Show only the run, for an iframe in slides or a course page.
    pub embed: bool,
    /// The embed's compact preset: only the chart, the modes and Run, for a course page that wants
    /// the run and nothing around it. It implies [`Share::embed`] when the page opens (a compact page
    /// is always a frame's), but is read and written as a switch of its own.
    pub compact: bool,
    /// Turn the page's Present switch on (larger text, times in the lesson's unit only), for a
    /// projector: an embedded page keeps nothing in storage, so a lesson embedded in slides can be
    /// shown presented only by its link saying so.
    pub present: bool,
}

/// Something wrong in a share link, worded for the learner who clicked it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// The whole query is longer than [`MAX_QUERY_BYTES`]; nothing was read.
    TooLong {
        /// The query's length in bytes.
        length: usize,
    },
    /// The `recipe` parameter is longer than [`MAX_RECIPE_CHARS`]; it was not decoded.
    RecipeTooLong {
        /// The parameter's length in characters.
        length: usize,
    },
    /// The `recipe` parameter is not base64url.
    RecipeNotBase64,
    /// The `recipe` parameter decodes to bytes that are not UTF-8 text.
    RecipeNotUtf8,
    /// `lesson=` names no lesson; holds the value as given.
    UnknownLesson(String),
    /// `mode=` names no mode; holds the value as given.
    UnknownMode(String),
    /// `lang=` names no language of a link's text; holds the value as given.
    UnknownLanguage(String),
    /// `scale=` is not a number of milliseconds per unit in range; holds the value as given.
    BadScale(String),
    /// `at=` is not a moment in milliseconds; holds the value as given.
    BadAt(String),
    /// `cooks=` is not a number of cooks in range; holds the value as given.
    BadCooks(String),
    /// A switch (`autorun`, `embed`, `compact`, `present`) is neither on nor off.
    BadSwitch {
        /// The parameter.
        name: &'static str,
        /// The value as given.
        value: String,
    },
    /// A parameter appears more than once; the first is used.
    Repeated(&'static str),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::TooLong { length } => write!(
                f,
                "the link is too long: {length} characters after the `?` or `#`, and a link may carry at most {MAX_QUERY_BYTES}"
            ),
            ShareError::RecipeTooLong { length } => write!(
                f,
                "the link is too long: its `recipe` has {length} characters, and the largest recipe (256 KiB) takes {MAX_RECIPE_CHARS}"
            ),
            ShareError::RecipeNotBase64 => write!(
                f,
                "the link's `recipe` is not valid base64url (it may have been cut off)"
            ),
            ShareError::RecipeNotUtf8 => write!(
                f,
                "the link's `recipe` is not UTF-8 text (it may have been cut off)"
            ),
            ShareError::UnknownLesson(value) => {
                let ids: Vec<&str> = lesson::CATALOG.iter().map(|l| l.id).collect();
                write!(
                    f,
                    "`lesson={}` is not a lesson; expected one of {}",
                    shown(value),
                    ids.join(", ")
                )
            }
            ShareError::UnknownLanguage(value) => write!(
                f,
                "`lang={}` is not a language the link's text may be in; expected python, rust or recipe",
                shown(value)
            ),
            ShareError::UnknownMode(value) => {
                let ids: Vec<&str> = Mode::ALL.iter().map(|m| m.id()).collect();
                write!(
                    f,
                    "`mode={}` is not a mode; expected one of {}",
                    shown(value),
                    ids.join(", ")
                )
            }
            ShareError::BadScale(value) => write!(
                f,
                "`scale` must be a number of milliseconds per unit between 0 and {} (0 itself excluded), such as `20` or `2.5`; the link has `scale={}`",
                Short(MAX_SCALE_MS),
                shown(value)
            ),
            ShareError::BadAt(value) => write!(
                f,
                "`at` must be a moment of the run in milliseconds, such as `400` or `1200.5`; the link has `at={}`",
                shown(value)
            ),
            ShareError::BadCooks(value) => write!(
                f,
                "`cooks` must be a whole number of cooks from 1 to {MAX_COOKS}; the link has `cooks={}`",
                shown(value)
            ),
            ShareError::BadSwitch { name, value } => write!(
                f,
                "`{name}={}` is not a switch; expected `{name}=1` (on) or `{name}=0` (off)",
                shown(value)
            ),
            ShareError::Repeated(name) => {
                write!(f, "the link has `{name}` more than once; the first is used")
            }
        }
    }
}

impl std::error::Error for ShareError {}

impl Share {
    /// A share of this recipe's canonical text and nothing else.
    pub fn of_recipe(recipe: &Recipe) -> Share {
        Share {
            recipe_text: Some(text::print(recipe)),
            ..Share::default()
        }
    }

    /// The parameters, for a link's fragment (after `#`) or query (after `?`), in a fixed order:
    /// `lesson`, `mode`, `scale`, `cooks`, `at`, `autorun`, `embed`, `compact`, `present`, `lang`, and the recipe last (`z` when
    /// [`Share::deflated`] is set, else `recipe`), so that a link cut short loses the recipe's
    /// tail (which is reported) rather than the settings after it. Absent fields and switches that
    /// are off are left out. A scale prints in Rust's shortest round-trip form; one out of range is
    /// written as it is and reported when read back.
    pub fn to_query(&self) -> String {
        let mut query = form::Serializer::default();
        if let Some(lesson) = &self.lesson {
            query.append_pair("lesson", lesson);
        }
        if let Some(mode) = self.mode {
            query.append_pair("mode", mode.id());
        }
        if let Some(scale) = self.scale_ms {
            query.append_pair("scale", &Short(scale).to_string());
        }
        if let Some(cooks) = self.cooks {
            query.append_pair("cooks", &cooks.to_string());
        }
        if let Some(at) = self.at_ms {
            // To the microsecond: finer than any clock the page reads, and a short link.
            query.append_pair("at", &Short((at * 1000.0).round() / 1000.0).to_string());
        }
        // A loop over a table rather than a test each: every byte of this is in the first look.
        for (on, name, value) in [
            (self.autorun, "autorun", "1"),
            (self.embed, "embed", "1"),
            (self.compact, "compact", "1"),
            (self.present, "present", "1"),
        ] {
            if on {
                query.append_pair(name, value);
            }
        }
        if let Some(language) = self.program {
            query.append_pair("lang", language.id());
        }
        if let Some(bytes) = &self.deflated {
            query.append_pair("z", &base64url::encode(bytes));
        } else if let Some(text) = &self.recipe_text {
            query.append_pair("recipe", &base64url::encode(text.as_bytes()));
        }
        query.finish()
    }

    /// Reads a link's parameters (a leading `?` or `#` is allowed), or reports everything wrong
    /// with them. A `z` is kept compressed, in [`Share::deflated`], for the page to inflate.
    ///
    /// Unknown parameters are ignored: pages that embed a lesson may add their own. Never panics.
    pub fn from_query(query: &str) -> Result<Share, Vec<ShareError>> {
        match Share::from_query_lenient(query) {
            (share, errors) if errors.is_empty() => Ok(share),
            (_, errors) => Err(errors),
        }
    }

    /// Reads a query string as far as it can: every parameter that is fine, and the errors of those
    /// that are not (which are left out of the share). The page uses this to open what a damaged
    /// link still carries and say what it dropped.
    pub fn from_query_lenient(query: &str) -> (Share, Vec<ShareError>) {
        let query = query
            .strip_prefix('?')
            .or_else(|| query.strip_prefix('#'))
            .unwrap_or(query);
        let mut share = Share::default();
        if query.len() > MAX_QUERY_BYTES {
            let error = ShareError::TooLong {
                length: query.len(),
            };
            return (share, vec![error]);
        }
        let mut errors = Vec::new();
        let mut seen: Vec<&'static str> = Vec::new();
        for (key, value) in form::parse(query) {
            // Either form of the recipe, but only one of them.
            let known = if key == "z" { "recipe" } else { &*key };
            let Some(&name) = PARAMETERS.iter().find(|&&p| p == known) else {
                continue;
            };
            if seen.contains(&name) {
                if !errors.contains(&ShareError::Repeated(name)) {
                    errors.push(ShareError::Repeated(name));
                }
                continue;
            }
            seen.push(name);
            let compressed = key == "z";
            let read = match name {
                "recipe" if compressed => {
                    base64(&value, MAX_DEFLATED_CHARS).map(|bytes| share.deflated = Some(bytes))
                }
                "recipe" => base64(&value, MAX_RECIPE_CHARS).and_then(|bytes| {
                    let text = String::from_utf8(bytes).map_err(|_| ShareError::RecipeNotUtf8)?;
                    share.recipe_text = Some(text);
                    Ok(())
                }),
                "lesson" if lesson::is_lesson(&value) => {
                    share.lesson = Some(value);
                    Ok(())
                }
                "lesson" => Err(ShareError::UnknownLesson(value)),
                "lang" => match value.as_str() {
                    "recipe" => {
                        share.program = None;
                        Ok(())
                    }
                    _ => match Language::from_id(&value) {
                        Some(language) => {
                            share.program = Some(language);
                            Ok(())
                        }
                        None => Err(ShareError::UnknownLanguage(value)),
                    },
                },
                "mode" => match Mode::from_id(&value) {
                    Some(mode) => {
                        share.mode = Some(mode);
                        Ok(())
                    }
                    None => Err(ShareError::UnknownMode(value)),
                },
                "scale" => match text::decimal(&value).filter(|ms| scale_in_range(*ms)) {
                    Some(ms) => {
                        share.scale_ms = Some(ms);
                        Ok(())
                    }
                    None => Err(ShareError::BadScale(value)),
                },
                "cooks" => match value
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=MAX_COOKS).contains(n))
                {
                    Some(n) => {
                        share.cooks = Some(n);
                        Ok(())
                    }
                    None => Err(ShareError::BadCooks(value)),
                },
                "at" => match text::decimal(&value).filter(|ms| (0.0..=MAX_AT_MS).contains(ms)) {
                    Some(ms) => {
                        share.at_ms = Some(ms);
                        Ok(())
                    }
                    None => Err(ShareError::BadAt(value)),
                },
                _ => switch(name, value).map(|on| match name {
                    "autorun" => share.autorun = on,
                    "compact" => share.compact = on,
                    "present" => share.present = on,
                    _ => share.embed = on,
                }),
            };
            errors.extend(read.err());
        }
        (share, errors)
    }

    /// The shared recipe, parsed: `None` when the link carries no recipe text.
    pub fn recipe(&self) -> Option<Result<Recipe, Vec<ParseError>>> {
        self.recipe_text.as_deref().map(text::parse)
    }
}

/// Decodes the `recipe` or `z` parameter, accepting `=` padding though links are written without
/// it, and refusing one longer than `limit` characters before decoding it.
fn base64(value: &str, limit: usize) -> Result<Vec<u8>, ShareError> {
    let value = value.trim_end_matches('=');
    if value.len() > limit {
        return Err(ShareError::RecipeTooLong {
            length: value.chars().count(),
        });
    }
    base64url::decode(value).ok_or(ShareError::RecipeNotBase64)
}

/// A switch's value: `1`, `true` or nothing for on (`?embed` alone turns it on), `0` or `false` for off.
fn switch(name: &'static str, value: String) -> Result<bool, ShareError> {
    match value.as_str() {
        "1" | "true" | "" => Ok(true),
        "0" | "false" => Ok(false),
        _ => Err(ShareError::BadSwitch { name, value }),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn share() -> impl Strategy<Value = Share> {
        let ids: Vec<String> = lesson::all().iter().map(|l| l.id.to_owned()).collect();
        (
            proptest::option::of(".{0,64}"),
            proptest::option::of(proptest::sample::select(ids)),
            proptest::option::of(proptest::sample::select(Mode::ALL.to_vec())),
            proptest::option::of(prop_oneof![
                Just(MAX_SCALE_MS),
                (1u32..=60_000).prop_map(f64::from),
                (f64::MIN_POSITIVE..=MAX_SCALE_MS),
            ]),
            proptest::option::of((0u64..10_000_000_000_000).prop_map(|us| us as f64 / 1000.0)),
            proptest::option::of(1..=MAX_COOKS),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            proptest::option::of(proptest::sample::select(Language::ALL.to_vec())),
        )
            .prop_map(
                |(
                    recipe_text,
                    lesson,
                    mode,
                    scale_ms,
                    at_ms,
                    cooks,
                    autorun,
                    embed,
                    compact,
                    present,
                    program,
                )| {
                    Share {
                        program,
                        recipe_text,
                        lesson,
                        mode,
                        scale_ms,
                        at_ms,
                        cooks,
                        autorun,
                        embed,
                        compact,
                        present,
                        deflated: None,
                    }
                },
            )
    }

    #[test]
    fn every_field_round_trips_in_a_fixed_order() {
        let share = Share {
            deflated: None,
            recipe_text: Some("task a\n  print \"hé & =?#\"\n".into()),
            lesson: Some("cake".into()),
            mode: Some(Mode::BlockingInAsync),
            scale_ms: Some(2.5),
            at_ms: Some(1200.5),
            cooks: Some(3),
            autorun: true,
            embed: true,
            compact: true,
            present: true,
            program: Some(Language::Python),
        };
        let query = share.to_query();
        assert_eq!(
            query,
            "lesson=cake&mode=blocking-in-async&scale=2.5&cooks=3&at=1200.5&autorun=1&embed=1&compact=1&present=1&lang=python&recipe=dGFzayBhCiAgcHJpbnQgImjDqSAmID0_IyIK"
        );
        assert_eq!(Share::from_query(&query), Ok(share.clone()));
        assert_eq!(Share::from_query(&format!("?{query}")), Ok(share));
        assert_eq!(Share::default().to_query(), "");
        assert_eq!(Share::from_query(""), Ok(Share::default()));
    }

    #[test]
    fn the_cake_lesson_travels_in_a_link() {
        let cake = lesson::cake_and_groceries().recipe;
        let query = Share::of_recipe(&cake).to_query();
        assert!(
            query.starts_with("recipe=") && !query.contains('%'),
            "{query}"
        );
        let share = Share::from_query(&query).unwrap();
        assert_eq!(share.recipe(), Some(Ok(cake)));
    }

    /// A teacher's exercises are `exercise` headers in the recipe's text, so they travel in the link.
    #[test]
    fn a_recipe_with_exercises_travels_in_a_link() {
        let text = "exercise order gather\nexercise total blocking\nexercise target 60\n\
                    exercise target 45 spawn\ntask cake\n  work 15\n  wait 45\n";
        let recipe = text::parse(text).unwrap();
        assert_eq!(recipe.exercises.len(), 4);
        let share = Share {
            mode: Some(Mode::Sequential),
            ..Share::of_recipe(&recipe)
        };
        let read = Share::from_query(&share.to_query()).unwrap();
        assert_eq!(read, share);
        assert!(
            read.recipe_text
                .as_deref()
                .is_some_and(|t| t.contains("\nexercise target 45 spawn\n")),
            "{read:?}"
        );
        assert_eq!(read.recipe(), Some(Ok(recipe)));
    }

    /// A compressed recipe travels as `z`, as bytes for the page to inflate, in the fragment.
    #[test]
    fn a_compressed_recipe_travels_as_z_and_is_one_of_the_two_forms() {
        let share = Share {
            lesson: Some("cake".into()),
            deflated: Some(vec![0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00]),
            recipe_text: Some("ignored once compressed".into()),
            ..Share::default()
        };
        let query = share.to_query();
        assert_eq!(query, "lesson=cake&z=y0jNyckHAA");
        let read = Share::from_query(&format!("#{query}")).unwrap();
        assert_eq!(read.deflated, share.deflated);
        assert_eq!(read.recipe_text, None);
        let both = Share::from_query_lenient("z=y0jNyckHAA&recipe=aGk");
        assert_eq!(both.1, [ShareError::Repeated("recipe")]);
        assert_eq!(
            Share::from_query("z=@@").unwrap_err(),
            [ShareError::RecipeNotBase64]
        );
    }

    #[test]
    fn lenient_links_are_read() {
        let table: &[(&str, Share)] = &[
            // Padding, switches written other ways, unknown parameters.
            (
                "recipe=dGFzayBh&autorun&embed=true&present&utm_source=slides",
                Share {
                    recipe_text: Some("task a".into()),
                    autorun: true,
                    embed: true,
                    present: true,
                    ..Share::default()
                },
            ),
            (
                "?recipe=dGFzaw%3D%3D&autorun=0&embed=false&present=0&scale=007.50&at=400&compact=0",
                Share {
                    recipe_text: Some("task".into()),
                    scale_ms: Some(7.5),
                    at_ms: Some(400.0),
                    ..Share::default()
                },
            ),
            // The compact preset as the Embed panel writes it, and as a teacher might shorten it:
            // the switch is read on its own, and the page lets it imply `embed`.
            (
                "#lesson=cake&embed=1&compact=1",
                Share {
                    lesson: Some("cake".into()),
                    embed: true,
                    compact: true,
                    ..Share::default()
                },
            ),
            (
                "lesson=cake&compact",
                Share {
                    lesson: Some("cake".into()),
                    compact: true,
                    ..Share::default()
                },
            ),
        ];
        for (query, expect) in table {
            assert_eq!(Share::from_query(query).as_ref(), Ok(expect), "{query}");
        }
    }

    #[test]
    fn bad_links_say_what_is_wrong() {
        let too_long = "x".repeat(MAX_QUERY_BYTES + 1);
        let recipe_too_long = format!("recipe={}", "A".repeat(MAX_RECIPE_CHARS + 4));
        let table: &[(&str, &str)] = &[
            (
                "recipe=dGFzayBh!",
                "the link's `recipe` is not valid base64url (it may have been cut off)",
            ),
            (
                "recipe=dGFzayBhx",
                "the link's `recipe` is not valid base64url (it may have been cut off)",
            ),
            (
                "recipe=_w",
                "the link's `recipe` is not UTF-8 text (it may have been cut off)",
            ),
            (
                "mode=fast",
                "`mode=fast` is not a mode; expected one of blocking, sequential, gather, spawn, blocking-in-async, never-awaited, processes, threads, free-threaded",
            ),
            (
                "lesson=pie",
                "`lesson=pie` is not a lesson; expected one of cake, chores, three-ways, sleep-and-print, count, colours, downloads, fruit-shop, boil-and-chop, chop-and-dice, ten-thousand-timers, missing-await, blocking-inside-async, never-awaited, more-cooks, four-jobs, tiny-tasks, downloads-on-cooks, threads-for-downloads, threads-for-chopping, four-ways",
            ),
            (
                "scale=0",
                "`scale` must be a number of milliseconds per unit between 0 and 60000 (0 itself excluded), such as `20` or `2.5`; the link has `scale=0`",
            ),
            (
                "scale=1e3&scale=2",
                "`scale` must be a number of milliseconds per unit between 0 and 60000 (0 itself excluded), such as `20` or `2.5`; the link has `scale=1e3`\n\
                 the link has `scale` more than once; the first is used",
            ),
            (
                "scale=NaN%0A&embed=yes",
                "`scale` must be a number of milliseconds per unit between 0 and 60000 (0 itself excluded), such as `20` or `2.5`; the link has `scale=NaN\\n`\n\
                 `embed=yes` is not a switch; expected `embed=1` (on) or `embed=0` (off)",
            ),
            (
                "mode=gather&mode=spawn&mode=gather",
                "the link has `mode` more than once; the first is used",
            ),
            (
                "embed=1&compact=small",
                "`compact=small` is not a switch; expected `compact=1` (on) or `compact=0` (off)",
            ),
            (
                "compact=1&compact=0",
                "the link has `compact` more than once; the first is used",
            ),
            (
                "cooks=0&mode=processes",
                "`cooks` must be a whole number of cooks from 1 to 16; the link has `cooks=0`",
            ),
            (
                "at=-5",
                "`at` must be a moment of the run in milliseconds, such as `400` or `1200.5`; the link has `at=-5`",
            ),
            (
                "at=1e20",
                "`at` must be a moment of the run in milliseconds, such as `400` or `1200.5`; the link has `at=1e20`",
            ),
            (
                &too_long,
                "the link is too long: 350617 characters after the `?` or `#`, and a link may carry at most 350616",
            ),
            (
                &recipe_too_long,
                "the link is too long: its `recipe` has 349532 characters, and the largest recipe (256 KiB) takes 349528",
            ),
        ];
        let mut mismatches = Vec::new();
        for (query, expect) in table {
            let found = match Share::from_query(query) {
                Ok(share) => format!("no error: {share:?}"),
                Err(errors) => errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n"),
            };
            if found != *expect {
                mismatches.push(format!(
                    "{query:.60}\n  expected: {expect}\n  found:    {found}"
                ));
            }
        }
        assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
    }

    #[test]
    fn a_damaged_link_keeps_what_it_still_carries() {
        let (share, errors) =
            Share::from_query_lenient("mode=fast&recipe=dGFzayBh&embed=1&compact=1");
        assert_eq!(share.recipe_text.as_deref(), Some("task a"));
        assert!(share.embed && share.compact && share.mode.is_none());
        assert_eq!(errors, [ShareError::UnknownMode("fast".into())]);
        let long = "é".repeat(100);
        let message = ShareError::UnknownMode(long).to_string();
        assert!(message.starts_with(&format!("`mode={}…` is not a mode", "é".repeat(40))));
    }

    proptest! {
        #[test]
        fn shares_round_trip(share in share()) {
            let query = share.to_query();
            prop_assert_eq!(Share::from_query(&query), Ok(share));
        }

        #[test]
        fn any_query_reads_without_panicking(query in ".{0,300}") {
            let _ = Share::from_query_lenient(&query);
        }

        #[test]
        fn any_recipe_value_reads_without_panicking(value in "[A-Za-z0-9_=%+/-]{0,300}", cut in any::<prop::sample::Index>()) {
            let query = format!("recipe={value}");
            let _ = Share::from_query(&query);
            let cut = cut.index(query.len() + 1);
            let _ = Share::from_query(&query[..cut]);
        }

        #[test]
        fn a_cut_link_never_panics(share in share(), cut in any::<prop::sample::Index>()) {
            let query = share.to_query();
            let cut = cut.index(query.len() + 1);
            let _ = Share::from_query(&query[..cut]);
        }
    }

    /// The README's example link opens, and its recipe (compressed, as the page writes links)
    /// inflates to text that parses.
    #[test]
    fn the_readme_link_opens() {
        let readme = include_str!("../../../../README.md");
        let at = readme
            .find("https://example.org/async-kitchen/#")
            .expect("an example link");
        let link = readme[at..].lines().next().unwrap_or_default();
        let mut share = Share::from_query(&link[link.find('#').unwrap_or_default()..]).unwrap();
        assert_eq!((share.mode, share.autorun), (Some(Mode::Gather), true));
        let bytes = share.deflated.take().expect("a compressed recipe");
        let text = miniz_oxide::inflate::decompress_to_vec(&bytes).expect("raw deflate");
        share.recipe_text = Some(String::from_utf8(text).unwrap());
        let recipe = share.recipe().expect("a recipe").unwrap();
        assert_eq!(recipe.tasks[0].copies, 2);
        assert_eq!(share.recipe_text, Some(text::print(&recipe)));
    }

    #[test]
    fn huge_links_are_refused_before_decoding() {
        for query in [
            format!("recipe={}", "%FF".repeat(MAX_QUERY_BYTES)),
            format!("mode={}", "a".repeat(MAX_QUERY_BYTES)),
            "&".repeat(MAX_QUERY_BYTES * 2),
        ] {
            assert!(matches!(
                Share::from_query(&query).unwrap_err()[..],
                [ShareError::TooLong { .. }]
            ));
        }
    }
}
