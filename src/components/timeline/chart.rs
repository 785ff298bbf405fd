//! One run's timeline chart as a node of the page: the SVG that `kitchen_views::timeline::svg`
//! writes as markup text, put on the page as it is.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::markup::into_html;
use kitchen_views::markup::Markup;
use kitchen_views::timeline::{ChartModel, svg};

/// Properties of [`TimelineChart`].
#[derive(Properties)]
pub struct TimelineChartProps {
    /// The chart, laid out.
    pub model: Rc<ChartModel>,
}

impl PartialEq for TimelineChartProps {
    fn eq(&self, other: &Self) -> bool {
        // The same layout is the same picture; comparing layouts field by field would cost as much
        // as drawing them.
        Rc::ptr_eq(&self.model, &other.model)
    }
}

/// Draws one run's timeline.
#[function_component]
pub fn TimelineChart(props: &TimelineChartProps) -> Html {
    let mut m = Markup::new();
    svg(&mut m, &props.model);
    into_html(m)
}
