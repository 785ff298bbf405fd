//! The timeline as a table, for screen readers and for anyone who wants the numbers: the
//! `<details>` that holds `kitchen_views::timeline::table`'s markup.
//!
//! Its rows are built only while the `<details>` is open, so a live run's snapshots cost nothing
//! here until someone asks for the table; the code that writes them is a chunk of its own
//! (`lazy::TableRows`), fetched the first time a table opens.

use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use crate::components::lazy::TableRows;
use kitchen_model::run::RunResult;
use kitchen_views::timeline::chart_id;

/// Properties of [`TimelineTable`].
#[derive(Properties)]
pub struct TimelineTableProps {
    /// The run to tabulate.
    pub result: Rc<RunResult>,
    /// Whether an open exercise asks this run's prediction: a prediction's table then says only
    /// that its numbers are hidden.
    #[prop_or_default]
    pub conceal: bool,
}

impl PartialEq for TimelineTableProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.result, &other.result) && self.conceal == other.conceal
    }
}

/// A `<details>` element, "Timeline as a table", listing each step occurrence of a run.
#[function_component]
pub fn TimelineTable(props: &TimelineTableProps) -> Html {
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            if let Some(details) = e.target_dyn_into::<Element>() {
                open.set(details.has_attribute("open"));
            }
        })
    };
    let id = chart_id(&props.result);
    html! {
        <details class="timeline-table" data-testid={format!("timeline-table-{id}")} {ontoggle}>
            <summary>{ "Timeline as a table" }</summary>
            if *open && props.conceal && props.result.predicted {
                <p>{ "The prediction's numbers are hidden until you lock in your answer." }</p>
            } else if *open {
                <TableRows result={ props.result.clone() } />
            }
        </details>
    }
}

/// Properties of the table's rows (`lazy::TableRows`).
#[derive(Properties, Clone)]
pub struct TableRowsProps {
    /// The run to tabulate.
    pub result: Rc<RunResult>,
}

impl PartialEq for TableRowsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.result, &other.result)
    }
}
