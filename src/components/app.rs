//! The page: the lesson, its run controls, the results and the timelines.

use yew::prelude::*;

use super::lesson_intro::LessonIntro;
use super::result_card::ResultCard;
use super::run_panel::RunPanel;
use super::state::{Kitchen, KitchenAction};
use super::timeline_view::TimelineView;
use crate::model::Mode;
use crate::runtime;

/// The modes this page offers, in the order it shows them.
const MODES: [Mode; 2] = [Mode::Blocking, Mode::Gather];

/// The whole page.
#[function_component]
pub fn App() -> Html {
    let kitchen = use_reducer(Kitchen::default);
    let on_run = {
        let kitchen = kitchen.clone();
        Callback::from(move |mode: Mode| {
            // The buttons are disabled during a run; this guard also covers a double click.
            if kitchen.running.is_some() {
                return;
            }
            match runtime::start(kitchen.lesson.recipe.clone(), mode) {
                Ok(run) => {
                    kitchen.dispatch(KitchenAction::Started(mode));
                    let dispatcher = kitchen.dispatcher();
                    wasm_bindgen_futures::spawn_local(async move {
                        let trace = run.finished.await;
                        dispatcher.dispatch(KitchenAction::Finished(mode, trace));
                    });
                }
                Err(refused) => kitchen.dispatch(KitchenAction::Refused(refused.to_string())),
            }
        })
    };
    let blocking_ms = kitchen.result(Mode::Blocking).map(|r| r.totals.end);
    // Blocking first, then the rest in the page's order, so the baseline is always on top.
    let results: Vec<_> = MODES
        .iter()
        .filter_map(|&m| kitchen.result(m).cloned())
        .collect();
    html! {
        <>
            <header class="masthead">
                <h1>{ "Async Kitchen" }</h1>
                <p class="tagline">{ "One cook, one thread: real Rust futures on your browser's event loop." }</p>
            </header>
            <main>
                <LessonIntro lesson={kitchen.lesson.clone()} />
                <RunPanel
                    lesson={kitchen.lesson.clone()}
                    modes={MODES.to_vec()}
                    running={kitchen.running}
                    notice={kitchen.notice.clone()}
                    {on_run}
                />
                if !results.is_empty() {
                    <section class="results" aria-label="Results">
                        { for results.iter().map(|r| html! {
                            <ResultCard lesson={kitchen.lesson.clone()} result={r.clone()} {blocking_ms} />
                        }) }
                    </section>
                    <TimelineView {results} />
                }
            </main>
        </>
    }
}
