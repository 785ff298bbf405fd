//! The code panel's **Way** switch as markup: callbacks, state machine (generators in Python),
//! async/await, each a button carrying its way's id in `data-way`, so that the component needs one
//! listener on the group rather than a node with a closure per button (`components::code_view`).

use kitchen_model::Way;
use kitchen_model::code::Language;

use super::markup::Markup;

/// The switch's buttons, `shown` pressed, in `language`'s names. `only`, when the program has one
/// way (a mode without the others, or the learner's own text), turns the other two off; `said`
/// says it beside them, for a learner who had chosen another way.
pub fn write(shown: Way, language: Language, only: Option<&str>, said: bool) -> Markup {
    let mut m = Markup::new();
    m.tag("<span class=\"way-label\" aria-hidden=\"true\">Way</span>");
    for way in Way::ALL {
        let pressed = way == shown;
        m.tag("<button type=\"button\" class=\"")
            .tag(if pressed { "way pressed" } else { "way" })
            .tag("\" data-way=\"")
            .tag(way.id())
            .tag("\" data-testid=\"way-")
            .tag(way.id())
            .tag("\" aria-pressed=\"")
            .tag(if pressed { "true" } else { "false" })
            .tag("\"");
        if only.is_some() && way != Way::Async {
            m.tag(" disabled");
        }
        m.tag(">").text(way.label(language)).tag("</button>");
    }
    if let (Some(why), true) = (only, said) {
        m.tag("<span class=\"way-note\" data-testid=\"way-note\">")
            .text(why)
            .tag("</span>");
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shown_way_is_pressed_and_a_mode_with_one_way_turns_the_others_off() {
        let m = write(Way::StateMachine, Language::Python, None, false).into_string();
        assert!(m.contains(
            "data-way=\"state-machine\" data-testid=\"way-state-machine\" aria-pressed=\"true\">Generators<"
        ));
        assert!(!m.contains("disabled"));
        let why = "Plain functions never suspend.";
        let m = write(Way::Async, Language::Rust, Some(why), true).into_string();
        assert_eq!(m.matches(" disabled>").count(), 2);
        assert!(m.contains("aria-pressed=\"true\">async/await<"));
        assert!(m.contains(why));
        let m = write(Way::Async, Language::Rust, Some(why), false).into_string();
        assert!(!m.contains(why));
    }
}
