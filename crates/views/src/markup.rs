//! Markup written as text, for read-only views: a view that has no listeners, no inputs and no
//! focus to keep can be written as one string of HTML, which Yew puts on the page as it is.
//!
//! Why: every element an `html!` view builds is code in the download (a virtual node made, its
//! attributes and children moved into place, dropped again), several hundred bytes of wasm each;
//! the same element written here is a few calls that append text. This module owns the escaping of
//! everything that is not the view's own markup, and nothing else: it knows no view.
//!
//! Markup text is replaced whole whenever it changes, so a view keeps its outermost element in
//! `html!` and writes only what is inside it: that element stays the same node from render to
//! render, for a screen reader's place and a test's locator alike.

/// HTML being written: the view's own markup with [`Markup::tag`], outside values (names, recipe
/// text, numbers) with [`Markup::text`], which escapes them.
#[derive(Default)]
pub struct Markup(String);

impl Markup {
    /// An empty piece of markup.
    pub fn new() -> Markup {
        Markup::default()
    }

    /// Appends the view's own markup as it is. Only literal markup goes here, never a value from
    /// outside the view: those go through [`Markup::text`].
    pub fn tag(&mut self, markup: &str) -> &mut Markup {
        self.0.push_str(markup);
        self
    }

    /// Appends `text` with `&`, `<`, `>` and `"` escaped, so that it reads as text in an element and
    /// in a double-quoted attribute alike.
    pub fn text(&mut self, text: &str) -> &mut Markup {
        let mut rest = text;
        while let Some(at) = rest.find(['&', '<', '>', '"']) {
            self.0.push_str(&rest[..at]);
            self.0.push_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                _ => "&quot;",
            });
            rest = &rest[at + 1..];
        }
        self.0.push_str(rest);
        self
    }

    /// Appends markup another view wrote, whose outside values it escaped.
    pub fn append(&mut self, other: Markup) -> &mut Markup {
        self.0.push_str(&other.0);
        self
    }

    /// The markup written so far.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The markup, finished: the page puts it in place as it is (`components::markup`).
    pub fn into_string(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::Markup;

    #[test]
    fn outside_text_is_escaped_and_markup_is_not() {
        let mut m = Markup::new();
        m.tag(r#"<p title=""#)
            .text(r#"say "hi" & <go>"#)
            .tag(r#"">"#)
            .text("a < b")
            .tag("</p>");
        assert_eq!(
            m.as_str(),
            r#"<p title="say &quot;hi&quot; &amp; &lt;go&gt;">a &lt; b</p>"#
        );
    }

    #[test]
    fn text_without_special_characters_is_copied() {
        let mut m = Markup::new();
        m.text("cake — 60 min");
        assert_eq!(m.as_str(), "cake — 60 min");
    }
}
