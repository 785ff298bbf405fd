//! Markup text on the page: what `kitchen_views::markup::Markup` wrote, as a node Yew puts in place
//! as it is.
//!
//! Markup text is replaced whole whenever it changes, so a view keeps its outermost element in
//! `html!` and writes only what is inside it: that element stays the same node from render to
//! render, for a screen reader's place and a test's locator alike.

use kitchen_views::markup::Markup;
use yew::{AttrValue, Html};

/// `markup` as a node of the page. Everything in it from outside the view was escaped as it was
/// written ([`Markup::text`]), which is what makes putting it in unchecked sound.
pub fn into_html(markup: Markup) -> Html {
    Html::from_html_unchecked(AttrValue::from(markup.into_string()))
}
