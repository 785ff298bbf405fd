//! The key to the timeline charts, as a node of the page: `kitchen_views::timeline::legend`'s
//! markup, written once.

use yew::prelude::*;

use kitchen_views::timeline::legend;

/// The legend under the charts.
///
/// Written as markup rather than with `html!`: it is static (the words and swatches never change),
/// and a string is a fraction of the wasm that building its forty-odd elements would take.
#[function_component]
pub fn TimelineLegend() -> Html {
    let markup = use_memo((), |()| AttrValue::from(legend::markup()));
    Html::from_html_unchecked((*markup).clone())
}
