//! The steps reference beside the recipe editor, as markup: each step of the recipe format, how it
//! is written and what it means, from the model's own list ([`reference`]), which is the list the
//! parser reads steps by, so the reference cannot drift from what the editor accepts.

use kitchen_model::text::reference::{self, Entry};

use crate::markup::Markup;

/// The inside of the reference's element: a heading with id `steps-reference-title` (the element's
/// name), the steps and what they belong to as a description list, and a note on numbers and labels.
pub fn steps_reference() -> Markup {
    let mut m = Markup::new();
    m.tag("<h3 id=\"steps-reference-title\">Steps</h3><dl>");
    let entries: [&[Entry]; 2] = [&reference::STEPS, &reference::ROUTINES];
    for entry in entries.into_iter().flatten() {
        m.tag("<dt><code>")
            .text(entry.form)
            .tag("</code></dt><dd>")
            .text(entry.meaning)
            .tag("</dd>");
    }
    m.tag("</dl><p>Numbers are in the recipe&#39;s unit; a &quot;label&quot; after a step names it.</p>");
    m
}

#[cfg(test)]
mod tests {
    use super::steps_reference;

    #[test]
    fn every_step_is_listed_once_with_its_meaning_and_quotes_are_escaped() {
        let markup = steps_reference().into_string();
        for step in [
            "work",
            "wait",
            "print",
            "call",
            "yield",
            "unawaited",
            "task",
            "helper",
        ] {
            assert_eq!(
                markup.matches(&format!("<dt><code>{step} ")).count()
                    + markup.matches(&format!("<dt><code>{step}<")).count(),
                1,
                "{step} in {markup}"
            );
        }
        assert!(markup.contains("<dt><code>print &quot;done&quot;</code></dt><dd>writes a line"));
        assert_eq!(markup.matches("<dd>").count(), 8);
    }
}
