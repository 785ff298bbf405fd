//! The four ways' table ("Four ways, two kinds of work"): blocking, threads, gather and
//! processes, each run on the five downloads (I/O-bound) and on chop and dice (CPU-bound), filled
//! from real runs, each cell a total and a speed-up against blocking, each clickable to its run
//! on the stage.
//!
//! What the table is (its rows, columns and hooks) is `kitchen_model::four_ways`'s; running the
//! cells is `filling`'s, in the runner's slot, which hands each run back as it ends. The runs are kept here, not in the state: half of them
//! are of another recipe than the one on screen. The component comes with the workers' chunk
//! (`lazy::COOKS`), which its lesson fetches as it opens in the threads mode.

mod filling;

use std::rc::Rc;

use yew::prelude::*;

use crate::components::app::RunSlot;
use crate::components::store::KitchenHandle;
use crate::model::four_ways::{self, Kind, MODES};
use crate::model::run::RunResult;
use crate::model::{Mode, Recipe, format};

/// One run the table asks for: a recipe and a mode.
pub type Job = (Rc<Recipe>, Mode);

/// Properties of [`FourWays`].
#[derive(Properties, Clone, PartialEq)]
pub struct FourWaysProps {
    /// Whether a run is in progress: the table cannot be filled meanwhile.
    pub busy: bool,
    /// The page's state, which the table's runs are told to.
    pub kitchen: KitchenHandle,
    /// The runner's one run in progress, which the table's runs take their turn in.
    pub slot: RunSlot,
    /// Puts a cell's run on the stage.
    pub on_show: Callback<Rc<RunResult>>,
}

/// The runs the table holds, in the order they ended.
#[derive(Default, PartialEq)]
struct Cells {
    runs: Vec<Rc<RunResult>>,
    /// Whether the table is being filled.
    filling: bool,
}

enum CellsAction {
    /// Filling begins: the old runs go.
    Begin,
    /// A run ended; `last`: the table's last one.
    Add(Rc<RunResult>, bool),
}

impl Reducible for Cells {
    type Action = CellsAction;

    fn reduce(self: Rc<Self>, action: CellsAction) -> Rc<Self> {
        match action {
            CellsAction::Begin => Rc::new(Cells {
                runs: Vec::new(),
                filling: true,
            }),
            CellsAction::Add(run, last) => {
                let mut runs = self.runs.clone();
                runs.push(run);
                Rc::new(Cells {
                    runs,
                    filling: !last,
                })
            }
        }
    }
}

/// The table, its Fill button, and a line on what it shows.
#[function_component]
pub fn FourWays(props: &FourWaysProps) -> Html {
    let cells = use_reducer(Cells::default);
    // The columns' recipes, as their lessons tell them (`Kind::lesson`).
    // The lessons' chunk is here: the lesson came with it.
    let recipes = use_memo((), |()| {
        let [io, cpu] = Kind::ALL.map(|k| super::lazy::lesson_at_hand(k.lesson()));
        Some([Rc::new(io?.recipe), Rc::new(cpu?.recipe)])
    });
    let Some(recipes) = recipes.as_ref().clone() else {
        return Html::default();
    };
    let jobs: Vec<Job> = Kind::ALL
        .iter()
        .enumerate()
        .flat_map(|(k, _)| MODES.map(|m| (recipes[k].clone(), m)))
        .collect();
    let count = jobs.len();
    let fill = {
        let (cells, kitchen, slot) = (
            cells.dispatcher(),
            props.kitchen.clone(),
            props.slot.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            cells.dispatch(CellsAction::Begin);
            let (cells, seen) = (cells.clone(), Rc::new(std::cell::Cell::new(0)));
            let each = Callback::from(move |run: Rc<RunResult>| {
                seen.set(seen.get() + 1);
                // A cancelled run ends the filling too.
                let last = seen.get() == count || run.timeline.cancelled;
                cells.dispatch(CellsAction::Add(run, last));
            });
            filling::fill(&kitchen, &slot, jobs.clone(), each);
        })
    };
    let find = |mode: Mode, k: usize| {
        cells
            .runs
            .iter()
            .find(|r| r.mode == mode && *r.recipe == *recipes[k])
            .filter(|r| !r.timeline.cancelled)
    };
    // The cell filled next, while the table is being filled.
    let next = cells.filling.then(|| {
        (0..Kind::ALL.len())
            .flat_map(|k| MODES.map(|m| (m, k)))
            .find(|&(m, k)| find(m, k).is_none())
    });
    let cell = |mode: Mode, k: usize| -> Html {
        let kind = Kind::ALL[k];
        let id = four_ways::cell_id(mode, kind);
        let Some(run) = find(mode, k) else {
            let words = if next == Some(Some((mode, k))) && props.busy {
                "running…"
            } else {
                "—"
            };
            return html! { <td data-testid={ id } class="four-ways-cell empty">{ words }</td> };
        };
        let ms = run.totals.end;
        let blocking = find(Mode::Blocking, k).map(|b| b.totals.end);
        let speedup = four_ways::speedup(blocking, ms);
        let total = format::units(&run.recipe, ms);
        let on_show = props.on_show.clone();
        let shown = run.clone();
        let label = format!(
            "{} on {}: {total}{}; show its run on the stage",
            mode.label(),
            kind.label(),
            speedup
                .as_ref()
                .map_or(String::new(), |s| format!(", {s} as fast as blocking"))
        );
        html! {
            <td data-testid={ id } class="four-ways-cell" data-ms={ format::Fixed(ms, 3).to_string() }>
                <button class="link" aria-label={ label } disabled={ props.busy }
                        onclick={ Callback::from(move |_| on_show.emit(shown.clone())) }>
                    <span class="four-ways-total">{ total }</span>
                    if let Some(s) = speedup {
                        <span class="four-ways-speedup">{ format!(" {s}") }</span>
                    }
                </button>
            </td>
        }
    };
    html! {
        <section class="four-ways" aria-label="Four ways, two kinds of work">
            <div class="four-ways-head">
                <h3>{ "Four ways, two kinds of work" }</h3>
                <button class="run primary" data-testid="four-ways-run" disabled={ props.busy }
                        onclick={ fill }>
                    { if cells.runs.is_empty() { "Fill the table" } else { "Fill it again" } }
                </button>
            </div>
            <table class="compare-table four-ways-table" data-testid="four-ways">
                <caption>
                    { "Each cell a real run: its total, and how many times as fast as blocking \
                       on the same work. Click a cell to see its run on the stage." }
                </caption>
                <thead>
                    <tr>
                        <th scope="col">{ "way" }</th>
                        { for Kind::ALL.iter().map(|k| html! { <th scope="col">{ k.label() }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for MODES.iter().map(|&mode| html! {
                        <tr data-mode={ mode.id() }>
                            <th scope="row">{ way_name(mode) }</th>
                            { for (0..Kind::ALL.len()).map(|k| cell(mode, k)) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}

/// A row's name: the way, as the tutorials call it.
fn way_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Blocking => "blocking",
        Mode::Threads => "threads (with the GIL)",
        Mode::Gather => "asyncio (gather)",
        Mode::Processes => "processes",
        _ => mode.label(),
    }
}
