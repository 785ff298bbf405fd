//! What the page opens with: a share link if the address has one, else what was saved last time.
//!
//! This file owns the precedence between the two and the messages about what could not be read. It
//! takes the query string and the saved data as values, so it is tested natively; reading them from
//! the browser is the page's `web` glue's job.

use std::rc::Rc;

use kitchen_model::code::Language;
use kitchen_model::share::Share;
use kitchen_model::{Lesson, Mode, lesson};

use crate::kitchen::{Kitchen, Notice, Opened};
use crate::saved::{CUSTOM, Saved};
use crate::written::Source;

/// The page's first state and the switches a link can set.
#[derive(Clone, Debug, PartialEq)]
pub struct Startup {
    /// The state to render first.
    pub kitchen: Kitchen,
    /// Show only the lesson, the controls, the timeline and the summary, for an iframe.
    pub embed: bool,
    /// The embed's compact preset: only the modes, Run and the timeline. Implies [`Startup::embed`]:
    /// a link that asks for it is always a frame's.
    pub compact: bool,
    /// Start the chosen mode at once, if it does not freeze the page.
    pub autorun: bool,
    /// Turn Present on for this visit (the link says `present`).
    pub present: bool,
    /// Whether the state came from a link rather than from storage.
    pub from_link: bool,
    /// The link's recipe, still compressed: the App inflates it and opens
    /// [`startup_inflated`]'s state; until then, the state shows what the rest of the link says.
    pub deflated: Option<Vec<u8>>,
}

/// Finds a lesson by its id: [`lesson::by_id`] where every lesson is at hand; in the page, until
/// the lessons' chunk is here, only the lesson it opens with.
pub type Lessons = fn(&str) -> Option<Lesson>;

/// The first state: from `params` (a link's fragment or query) when they carry any share
/// parameter, else from `saved`, with every lesson at hand.
pub fn startup(params: &str, saved: &Saved) -> Startup {
    startup_with(params, saved, lesson::by_id)
}

/// The lesson [`startup`] opens for `params` and `saved`, if they name one: the page fetches the
/// lessons' chunk first when it is not the one it opens with.
pub fn wanted_lesson(params: &str, saved: &Saved) -> Option<String> {
    let (share, errors) = Share::from_query_lenient(params);
    if share != Share::default() || !errors.is_empty() {
        share.lesson
    } else {
        saved.lesson.clone()
    }
}

/// [`startup`], finding lessons with `lessons`.
pub fn startup_with(params: &str, saved: &Saved, lessons: Lessons) -> Startup {
    let (share, errors) = Share::from_query_lenient(params);
    let from_link = share != Share::default() || !errors.is_empty();
    let mut start = if from_link {
        let errors = errors.iter().map(ToString::to_string).collect();
        from_share(share, errors, lessons)
    } else {
        Startup {
            kitchen: from_saved(saved, lessons),
            embed: false,
            compact: false,
            autorun: false,
            present: false,
            from_link,
            deflated: None,
        }
    };
    // The learner's choice of language holds on every page they open, a link's included.
    let kitchen = &mut start.kitchen;
    kitchen.chosen_language = saved.language.as_deref().and_then(Language::from_id);
    kitchen.language = kitchen.chosen_language.unwrap_or(kitchen.language);
    keep_own(
        kitchen,
        Language::Python,
        saved.python.as_deref().map(Into::into),
    );
    keep_own(
        kitchen,
        Language::Rust,
        saved.rust.as_deref().map(Into::into),
    );
    // The learner's program is the program again if it was when they left (and they still have
    // it).
    let lead = match saved.lead.as_deref() {
        Some("python") => Some(Language::Python),
        Some("rust") => Some(Language::Rust),
        _ => None,
    };
    if !from_link
        && let Some(language) = lead
        && kitchen.draft(language).is_some()
    {
        kitchen.lead = Source::of(language);
    }
    start
}

/// The learner's program in `language` comes back as typed (`own`, as saved); the editor reads it
/// when it first opens. A link's program opens instead, and theirs stays saved until they edit the
/// link's: the notice says so. Called at startup, and again when a link's compressed program has
/// been inflated (`reduce`'s `Opening::Load`).
pub(crate) fn keep_own(kitchen: &mut Kitchen, language: Language, own: Option<Rc<str>>) {
    let draft = match language {
        Language::Python => &mut kitchen.python_draft,
        Language::Rust => &mut kitchen.rust_draft,
    };
    match (&*draft, own) {
        (None, own) => *draft = own,
        (Some(link), Some(own)) if *link != own && kitchen.notice.is_none() => {
            kitchen.notice = Some(Notice::info(match language {
                Language::Python => {
                    "The link's Python program is open; yours stays saved until you edit this one."
                }
                Language::Rust => {
                    "The link's Rust program is open; yours stays saved until you edit this one."
                }
            }));
        }
        _ => {}
    }
}

/// The state a link opens once its compressed recipe is inflated into `text`, or could not be
/// (then what the rest of the link says opens, and the notice says why), with every lesson at hand.
pub fn startup_inflated(params: &str, text: Result<String, String>) -> Startup {
    startup_inflated_with(params, text, lesson::by_id)
}

/// [`startup_inflated`], finding lessons with `lessons`.
pub fn startup_inflated_with(
    params: &str,
    text: Result<String, String>,
    lessons: Lessons,
) -> Startup {
    let (mut share, errors) = Share::from_query_lenient(params);
    let mut errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
    share.deflated = None;
    match text {
        Ok(text) => share.recipe_text = Some(text),
        Err(why) => errors.push(why),
    }
    from_share(share, errors, lessons)
}

/// The state a link opens: `share` as read, and what could not be read of it, in words.
fn from_share(share: Share, mut errors: Vec<String>, lessons: Lessons) -> Startup {
    if let Some(bytes) = share.deflated {
        let waiting = Share {
            deflated: None,
            ..share
        };
        let mut start = from_share(waiting, errors, lessons);
        if start.kitchen.notice.is_none() {
            start.kitchen.notice = Some(Notice::info("Opening what the link carries…"));
        }
        start.deflated = Some(bytes);
        return start;
    }
    let lesson = share.lesson.as_deref().and_then(lessons);
    // A lesson the link names that is not at hand: its chunk could not be downloaded.
    if let (Some(id), None) = (&share.lesson, &lesson) {
        errors.push(format!(
            "lesson {id} could not be downloaded (check the connection, then reload)"
        ));
    }
    // A link's Python is the learner's program, not the recipe: the lesson's recipe stays.
    let recipe_text = share
        .recipe_text
        .as_ref()
        .filter(|_| share.program.is_none());
    let (opened, draft) = match (lesson, recipe_text) {
        (Some(lesson), text) => {
            let opened = Opened::lesson(lesson);
            let draft = text.filter(|t| t.as_str() != &*opened.original).cloned();
            (opened, draft)
        }
        (None, Some(text)) => (Opened::custom(text), None),
        (None, None) => (Opened::lesson(lesson::cake_and_groceries()), None),
    };
    let mut kitchen = Kitchen::open(opened, draft);
    // A compressed program waits to be inflated, as a recipe does: the Python editor, which reads
    // it, opens meanwhile.
    if let Some(language) = share.program {
        let text = share.recipe_text.as_deref().map(Into::into);
        match language {
            Language::Python => kitchen.python_draft = text,
            Language::Rust => kitchen.rust_draft = text,
        }
        kitchen.source = Source::of(language);
        kitchen.lead = Source::of(language);
    }
    if let Some(mode) = share.mode {
        kitchen.mode = mode;
    }
    kitchen.scale_ms = share.scale_ms;
    kitchen.stage.link_at = share.at_ms;
    if share.cooks.is_some() {
        kitchen.cooks = share.cooks;
    }
    kitchen.predict();
    if !errors.is_empty() {
        let what = errors;
        let opened = if share.lesson.is_none() && share.recipe_text.is_none() {
            "The default lesson is open instead."
        } else {
            "The page opened what the link still carries."
        };
        kitchen.notice = Some(Notice::problem(format!(
            "This link could not be read completely: {}. {opened}",
            what.join("; ")
        )));
    }
    Startup {
        kitchen,
        embed: share.embed || share.compact,
        compact: share.compact,
        autorun: share.autorun,
        present: share.present,
        from_link: true,
        deflated: None,
    }
}

/// The state saved last time, with anything that no longer exists (a lesson, a mode) left out.
fn from_saved(saved: &Saved, lessons: Lessons) -> Kitchen {
    let opened = match saved.lesson.as_deref() {
        Some(id) => lessons(id).map(Opened::lesson),
        None => saved.drafts.get(CUSTOM).map(|text| Opened::custom(text)),
    }
    .unwrap_or_else(|| Opened::lesson(lesson::cake_and_groceries()));
    let draft = saved.drafts.get(opened.key()).cloned();
    let mut kitchen = Kitchen::open(opened, draft);
    if let Some(mode) = saved.mode.as_deref().and_then(Mode::from_id) {
        kitchen.mode = mode;
    }
    kitchen.scale_ms = saved.scale_ms;
    kitchen.predict();
    // The saved lesson is one of this page's (stored data names no other: `saved::codec`), so
    // if it is not at hand, its chunk could not be downloaded.
    if let Some(id) = saved
        .lesson
        .as_deref()
        .filter(|id| kitchen.opened.key() != *id)
    {
        kitchen.notice = Some(Notice::problem(format!(
            "The lesson you had open ({id}) could not be downloaded: check the connection, then \
             reload the page."
        )));
    }
    kitchen
}

/// What to save of `kitchen`, on top of the drafts saved before (other lessons' drafts are kept).
pub fn to_saved(kitchen: &Kitchen, before: &Saved) -> Saved {
    let mut saved = before.clone();
    let key = kitchen.opened.key().to_owned();
    // A custom recipe's text is its own original, so it is always kept; a lesson's only when edited.
    if kitchen.edited() || kitchen.opened.lesson.is_none() {
        saved.drafts.insert(key, kitchen.text.to_string());
    } else {
        saved.drafts.remove(&key);
    }
    saved.lesson = kitchen.opened.lesson.as_ref().map(|l| l.id.to_owned());
    saved.mode = Some(kitchen.mode.id().to_owned());
    saved.scale_ms = kitchen.scale_ms;
    saved.language = kitchen.chosen_language.map(|l| l.id().to_owned());
    saved.lead = Some(kitchen.lead.id().to_owned());
    // The learner's Python once they have written it: a program as it came (saved before, or from
    // a link) leaves what is saved alone.
    if let Some(written) = &kitchen.written
        && kitchen.draft(written.language).map(|d| &**d) != Some(&*written.text)
    {
        let text = Some(written.text.to_string());
        match written.language {
            Language::Python => saved.python = text,
            Language::Rust => saved.rust = text,
        }
    }
    saved
}

/// The share link's query for what is on screen: the lesson, the text when it differs from the
/// lesson's, the mode, the learner's scale, and the stage's moment once the learner has put the
/// cursor somewhere (so that a teacher can link to one moment of a lesson).
pub fn share_of(kitchen: &Kitchen) -> Share {
    let at_ms = kitchen
        .stage
        .cursor
        .map(|(_, at)| at)
        .or(kitchen.stage.link_at);
    // The learner's program, when it is the program, travels in place of the recipe's text.
    let program = kitchen.leading_program();
    Share {
        lesson: kitchen.opened.lesson.as_ref().map(|l| l.id.to_owned()),
        program: program.map(|w| w.language),
        recipe_text: program.map(|w| w.text.to_string()).or_else(|| {
            (kitchen.edited() || kitchen.opened.lesson.is_none()).then(|| kitchen.text.to_string())
        }),
        mode: Some(kitchen.mode),
        scale_ms: kitchen.scale_ms,
        at_ms,
        cooks: kitchen.mode.on_cooks().then(|| kitchen.cook_plan().count),
        ..Share::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lessons a page has before the lessons' chunk: the one it opens with.
    fn first_look(id: &str) -> Option<Lesson> {
        (id == "cake").then(lesson::cake_and_groceries)
    }

    #[test]
    fn the_lesson_a_link_or_saved_work_names_is_wanted_first() {
        let saved = Saved {
            lesson: Some("count".to_owned()),
            ..Saved::default()
        };
        assert_eq!(
            wanted_lesson("lesson=chores", &saved).as_deref(),
            Some("chores")
        );
        assert_eq!(wanted_lesson("", &saved).as_deref(), Some("count"));
        assert_eq!(wanted_lesson("mode=spawn", &saved), None);
        assert_eq!(wanted_lesson("", &Saved::default()), None);
    }

    #[test]
    fn a_lesson_that_could_not_be_downloaded_opens_the_first_with_a_notice() {
        let start = startup_with("lesson=chores&mode=spawn", &Saved::default(), first_look);
        assert_eq!(start.kitchen.opened.key(), "cake");
        assert_eq!(start.kitchen.mode, Mode::Spawn);
        let notice = start.kitchen.notice.expect("a notice");
        assert!(
            notice
                .text
                .contains("lesson chores could not be downloaded"),
            "{notice:?}"
        );
        // Saved work names its lesson: the first one opens instead, and says why.
        let saved = Saved {
            lesson: Some("count".to_owned()),
            ..Saved::default()
        };
        let start = startup_with("", &saved, first_look);
        assert_eq!(start.kitchen.opened.key(), "cake");
        let notice = start.kitchen.notice.expect("a notice");
        assert!(
            notice
                .text
                .contains("The lesson you had open (count) could not be downloaded"),
            "{notice:?}"
        );
        // With the chunk, the link opens its lesson.
        let start = startup_with("lesson=chores", &Saved::default(), lesson::by_id);
        assert_eq!(start.kitchen.opened.key(), "chores");
        assert_eq!(start.kitchen.notice, None);
    }

    #[test]
    fn no_query_and_nothing_saved_opens_the_default_lesson() {
        let start = startup("", &Saved::default());
        assert!(!start.from_link && !start.embed);
        let (mut got, mut want) = (start.kitchen, Kitchen::default());
        // Results are equal when they are the same run; these two are predictions of one recipe.
        let (a, b) = (got.predicted.take(), want.predicted.take());
        assert_eq!(a.map(|r| r.totals), b.map(|r| r.totals));
        assert_eq!(got, want);
    }

    #[test]
    fn a_share_link_reproduces_the_edited_recipe_mode_and_scale() {
        let mut kitchen = Kitchen::open(Opened::lesson(lesson::chores()), None);
        kitchen.text = format!("{}\ntask extra\n  wait 5\n", kitchen.text).into();
        kitchen.mode = Mode::Spawn;
        kitchen.scale_ms = Some(3.5);
        let query = share_of(&kitchen).to_query();
        let start = startup(&query, &Saved::default());
        assert!(start.from_link);
        assert_eq!(start.kitchen.opened.key(), "chores");
        assert_eq!(start.kitchen.text, kitchen.text);
        assert_eq!(start.kitchen.mode, Mode::Spawn);
        assert_eq!(start.kitchen.scale_ms, Some(3.5));
        assert_eq!(start.kitchen.notice, None);
    }

    #[test]
    fn a_broken_link_opens_the_default_lesson_and_says_why() {
        let start = startup("recipe=%%%not-base64&embed=1", &Saved::default());
        assert_eq!(start.kitchen.opened.key(), "cake");
        let notice = start.kitchen.notice.expect("a message");
        assert!(notice.problem);
        assert!(notice.text.contains("base64url"), "{}", notice.text);
        assert!(notice.text.contains("default lesson"), "{}", notice.text);
        assert!(start.embed);
    }

    /// The Embed panel's compact preset opens as a frame's page, and `compact` alone implies it; a
    /// compressed recipe keeps both switches while it waits to be inflated.
    #[test]
    fn a_compact_link_opens_an_embedded_page() {
        for (params, embed, compact) in [
            ("lesson=count&embed=1&compact=1", true, true),
            ("#lesson=count&compact=1", true, true),
            ("lesson=count&embed=1", true, false),
            ("lesson=count&embed=1&compact=0", true, false),
            ("lesson=count&compact=no", false, false),
            ("lesson=count&embed=1&compact=1&z=y0jNyckHAA", true, true),
        ] {
            let start = startup(params, &Saved::default());
            assert_eq!((start.embed, start.compact), (embed, compact), "{params}");
            assert_eq!(start.kitchen.opened.key(), "count", "{params}");
        }
    }

    /// A lesson embedded in slides is shown on a projector: its link turns Present on, and a
    /// link without it leaves the switch to what this browser keeps.
    #[test]
    fn a_link_can_turn_present_on() {
        let start = startup("lesson=cake&embed=1&present=1", &Saved::default());
        assert!(start.present && start.embed && start.kitchen.notice.is_none());
        assert!(!startup("lesson=cake&embed=1", &Saved::default()).present);
    }

    #[test]
    fn saved_work_comes_back_and_unknown_names_are_ignored() {
        let kitchen = {
            let mut k = Kitchen::open(Opened::lesson(lesson::count()), None);
            k.text = format!("{}\n# my note\n", k.text).into();
            k.mode = Mode::Sequential;
            k
        };
        let saved = to_saved(&kitchen, &Saved::default());
        let back = startup("", &saved).kitchen;
        assert_eq!(
            (back.opened.key(), &back.text, back.mode),
            ("count", &kitchen.text, Mode::Sequential)
        );
        let gone = Saved {
            lesson: Some("no-such-lesson".into()),
            mode: Some("parallel".into()),
            ..saved
        };
        let back = startup("", &gone).kitchen;
        assert_eq!(back.opened.key(), "cake");
        assert_eq!(back.mode, Mode::Gather);
    }

    #[test]
    fn an_unedited_lesson_keeps_no_draft_and_a_custom_recipe_always_does() {
        let saved = to_saved(&Kitchen::default(), &Saved::default());
        assert!(saved.drafts.is_empty());
        let custom = Kitchen::open(Opened::custom("task a\n  wait 1\n"), None);
        let saved = to_saved(&custom, &saved);
        assert_eq!(saved.lesson, None);
        let back = startup("", &saved).kitchen;
        assert_eq!(back.opened.key(), CUSTOM);
        assert_eq!(&*back.text, "task a\n  wait 1\n");
    }
}
