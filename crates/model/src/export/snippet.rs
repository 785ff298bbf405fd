//! The snippet a teacher pastes into a course page to embed a lesson: an `<iframe>` and, right
//! after it, a few lines of script that fit the frame to the height its page reports.
//!
//! This module owns the snippet's text, its two presets (the whole lesson, or only the chart and
//! Run) and their first guesses at a height. The script is inline rather than a file to load:
//! one paste is the whole embed, it needs nothing more from the site that hosts the page, and it
//! is short enough to read before pasting it into a course. `docs/embedding.md` quotes it (a test
//! holds the two to the same text) and the Embed panel shows the snippet. Pure: the page passes
//! the frame's address in.

use crate::share::Share;

/// What an embedded lesson shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// The lesson as the page shows it in a frame: its bar, the controls, the stage and the results.
    Full,
    /// Only the chart, the modes and Run (the `compact` parameter): the run and nothing around it,
    /// for a course page whose own text tells the story.
    Compact,
}

impl Preset {
    /// Both presets, in the order the Embed panel offers them.
    pub const ALL: [Preset; 2] = [Preset::Full, Preset::Compact];

    /// The preset's id, for the panel's hooks.
    pub fn id(self) -> &'static str {
        match self {
            Preset::Full => "full",
            Preset::Compact => "compact",
        }
    }

    /// The preset's name in the Embed panel.
    pub fn label(self) -> &'static str {
        match self {
            Preset::Full => "Whole lesson",
            Preset::Compact => "Chart and Run only",
        }
    }

    /// `share` as a frame's link in this preset: embedded, and compact or not. A compact frame has
    /// no editor, and the page reads a learner's program with its editor, so a compact frame of a
    /// program shows the lesson's own recipe ([`Preset::shows_program`] says so to the teacher).
    pub fn share(self, share: Share) -> Share {
        let shows = self.shows_program(&share);
        let dropped = share.program.is_some() && !shows;
        Share {
            embed: true,
            compact: self == Preset::Compact,
            program: share.program.filter(|_| shows),
            recipe_text: share.recipe_text.filter(|_| !dropped),
            ..share
        }
    }

    /// Whether a frame in this preset of `share` shows the learner's program it carries.
    pub fn shows_program(self, share: &Share) -> bool {
        share.program.is_some() && self != Preset::Compact
    }

    /// The frame's height before its page first reports one, in CSS pixels: about what the page
    /// takes at a course page's width, so that the text below the frame moves little when the
    /// script sets the real height.
    pub fn first_height(self) -> u32 {
        match self {
            Preset::Full => 1100,
            Preset::Compact => 520,
        }
    }
}

/// The snippet's script, which follows the `<iframe>` it sizes. It finds that frame as the element
/// just before it, and takes a height only from the page in that frame (`event.source`) while the
/// frame still shows the site it was given (`event.origin`), so that no other frame or window on
/// the course page can resize it.
pub const SIZING_SCRIPT: &str = concat!(
    "<script>\n",
    "  // Fits the frame above to the height its page reports.\n",
    "  ((frame) => addEventListener(\"message\", (event) => {\n",
    "    if (event.source === frame.contentWindow && event.origin === new URL(frame.src).origin\n",
    "        && event.data?.type === \"async-kitchen:height\") frame.style.height = `${event.data.height}px`;\n",
    "  }))(document.currentScript.previousElementSibling);\n",
    "</script>",
);

/// The snippet for a frame showing `src` (the page's link, with the preset's parameters), titled
/// after the recipe's `title`: the `<iframe>` at the preset's first height, then [`SIZING_SCRIPT`].
pub fn snippet(src: &str, title: &str, preset: Preset) -> String {
    format!(
        "<iframe src=\"{}\" title=\"Async Kitchen: {}\"\n  style=\"width: 100%; height: {}px; border: 0\" \
         allow=\"clipboard-write\" loading=\"lazy\"></iframe>\n{SIZING_SCRIPT}",
        escape_attr(src),
        escape_attr(title),
        preset.first_height(),
    )
}

/// The address of the page that documents embedding, beside the page at `page` (its query and
/// fragment dropped; a browser's `location.href` always has a path): for
/// `https://example.org/async-kitchen/#lesson=cake`, `https://example.org/async-kitchen/embedding.html`.
pub fn docs_url(page: &str) -> String {
    let path = page.split(['?', '#']).next().unwrap_or_default();
    let folder = path.rfind('/').map_or(path, |at| &path[..=at]);
    format!("{folder}{DOCS_PAGE}")
}

/// The documentation page's file name in the built site, next to `index.html`.
pub const DOCS_PAGE: &str = "embedding.html";

/// Escapes text for a double-quoted HTML attribute.
pub fn escape_attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use expect_test::expect;

    use super::*;
    use crate::Mode;
    use crate::export::HEIGHT_MESSAGE;

    #[test]
    fn the_snippet_is_a_frame_and_the_script_that_sizes_it() {
        let share = Share {
            lesson: Some("cake".into()),
            mode: Some(Mode::Gather),
            ..Share::default()
        };
        let src = format!(
            "https://example.org/async-kitchen/#{}",
            Preset::Compact.share(share).to_query()
        );
        expect![[r#"
            <iframe src="https://example.org/async-kitchen/#lesson=cake&amp;mode=gather&amp;embed=1&amp;compact=1" title="Async Kitchen: Cake &amp; &quot;groceries&quot; &lt;3"
              style="width: 100%; height: 520px; border: 0" allow="clipboard-write" loading="lazy"></iframe>
            <script>
              // Fits the frame above to the height its page reports.
              ((frame) => addEventListener("message", (event) => {
                if (event.source === frame.contentWindow && event.origin === new URL(frame.src).origin
                    && event.data?.type === "async-kitchen:height") frame.style.height = `${event.data.height}px`;
              }))(document.currentScript.previousElementSibling);
            </script>"#]]
        .assert_eq(&snippet(&src, "Cake & \"groceries\" <3", Preset::Compact));
    }

    #[test]
    fn presets_set_the_embed_switches_and_keep_the_rest() {
        let share = Share {
            lesson: Some("chores".into()),
            compact: true,
            ..Share::default()
        };
        let full = Preset::Full.share(share.clone());
        assert_eq!((full.embed, full.compact), (true, false));
        assert_eq!(full.to_query(), "lesson=chores&embed=1");
        let compact = Preset::Compact.share(share);
        assert_eq!(compact.to_query(), "lesson=chores&embed=1&compact=1");
        assert_eq!(Share::from_query(&compact.to_query()), Ok(compact));
        assert!(Preset::Compact.first_height() < Preset::Full.first_height());
        assert_eq!(Preset::ALL.map(Preset::id), ["full", "compact"]);
    }

    #[test]
    fn a_program_is_embedded_whole_and_a_compact_frame_shows_the_lesson_instead() {
        let share = Share {
            lesson: Some("count".into()),
            program: Some(crate::code::Language::Python),
            recipe_text: Some("print('hi')\n".into()),
            ..Share::default()
        };
        let full = Preset::Full.share(share.clone());
        assert!(Preset::Full.shows_program(&share));
        assert_eq!(
            full.to_query(),
            "lesson=count&embed=1&lang=python&recipe=cHJpbnQoJ2hpJykK"
        );
        let compact = Preset::Compact.share(share.clone());
        assert!(!Preset::Compact.shows_program(&share));
        assert_eq!(compact.to_query(), "lesson=count&embed=1&compact=1");
        // A recipe's edited text is no program: compact frames keep it.
        let recipe = Share {
            program: None,
            ..share
        };
        assert!(Preset::Compact.share(recipe).recipe_text.is_some());
    }

    #[test]
    fn the_docs_page_sits_beside_the_page() {
        for (page, expect) in [
            (
                "https://example.org/async-kitchen/#lesson=cake&embed=1",
                "https://example.org/async-kitchen/embedding.html",
            ),
            (
                "http://127.0.0.1:8080/course/index.html?lesson=cake#z=a/b",
                "http://127.0.0.1:8080/course/embedding.html",
            ),
        ] {
            assert_eq!(docs_url(page), expect, "{page}");
        }
    }

    /// The script `docs/embedding.md` explains is the one the snippet carries, so the two cannot
    /// drift; and the message type it listens for is the one the page posts.
    #[test]
    fn the_documented_script_is_the_snippets() {
        let doc = include_str!("../../../../docs/embedding.md");
        assert!(
            doc.contains(SIZING_SCRIPT),
            "docs/embedding.md does not quote the snippet's script:\n{SIZING_SCRIPT}"
        );
        assert!(SIZING_SCRIPT.contains(&format!("\"{HEIGHT_MESSAGE}\"")));
    }
}
