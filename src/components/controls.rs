//! The run controls: the mode picker, the scale, and the Run, Cancel and Compare buttons.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::heartbeat::heartbeat_live;
use crate::model::format::{self, Fixed, Short, Times};
use crate::model::{Mode, Recipe, Totals};
use crate::runtime::MAX_FREEZE_MS;

/// Properties of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// The recipe a run would use now, or `None` while the editor's text has mistakes (the
    /// learner's program's lanes, or `None` while it has a mistake, when it is chosen).
    pub recipe: Option<Rc<Recipe>>,
    /// The chosen mode.
    pub mode: Mode,
    /// The prediction's totals for the chosen mode (or the learner's program), worked out once by
    /// the state for the stage.
    pub forecast: Option<Totals>,
    /// Whether the learner overrode the recipe's scale.
    pub scale_overridden: bool,
    /// The predicted total of a blocking run at this scale, which is also how long it would freeze
    /// the page: shown beside the scale, whatever mode is chosen.
    #[prop_or_default]
    pub blocking_ms: Option<f64>,
    /// The mode running now, if any.
    pub running: Option<Mode>,
    /// The modes a comparison has still to run.
    pub queued: Vec<Mode>,
    /// Chooses a mode.
    pub on_mode: Callback<Mode>,
    /// Chooses a scale (milliseconds per unit), or `None` for the recipe's own.
    pub on_scale: Callback<Option<f64>>,
    /// Runs the chosen mode.
    pub on_run: Callback<()>,
    /// Cancels the run in progress.
    pub on_cancel: Callback<()>,
    /// Runs blocking, sequential, gather and spawn one after another.
    pub on_compare: Callback<()>,
    /// What is running and what that does to the page, announced as it changes; empty when idle.
    #[prop_or_default]
    pub status: AttrValue,
    /// The processes mode's pool: how many cooks, the most a learner may choose, and the cores the
    /// browser reports.
    #[prop_or_default]
    pub cooks: Option<CookChoice>,
    /// Chooses how many cooks (or the default, with `None`).
    #[prop_or_default]
    pub on_cooks: Callback<Option<usize>>,
    /// The open exercise (counted from one) that asks about the forecast's run: its figures are
    /// then hidden until the answer is locked in (`kitchen_state::conceal`).
    #[prop_or_default]
    pub concealed: Option<usize>,
    /// How the forecast writes its total: in the lesson's unit only while presenting.
    #[prop_or_default]
    pub times: Times,
    /// Whether the learner's program is chosen to run as written, once they have one (`None`
    /// before): the picker then offers it beside the modes.
    #[prop_or_default]
    pub as_written: Option<bool>,
    /// Chooses the learner's program as written.
    #[prop_or_default]
    pub on_as_written: Callback<()>,
    /// What the learner's program is written in and runs by, which the picker's words for
    /// running it as written say.
    #[prop_or_default]
    pub written_in: WrittenIn,
    /// Real milliseconds per second of the learner's program, which the scale field shows and sets
    /// while it is chosen.
    #[prop_or_default]
    pub program_scale: f64,
}

/// What the learner's program is written in, and whose rules it runs by.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum WrittenIn {
    /// Python, on asyncio's loop.
    #[default]
    Python,
    /// Rust that a Tokio runtime runs (`trpl::run`, `#[tokio::main]`).
    RustOnTokio,
    /// A browser program in Rust (`#[wasm_bindgen(start)]`), on the browser's loop.
    RustInBrowser,
}

/// What running a program as written does, for the mode picker, by [`WrittenIn`].
const AS_WRITTEN: [&str; 3] = [
    "Your Python program, run as you wrote it, on asyncio's loop on this page's one thread.",
    "Your Rust program, run as you wrote it, by the rules of Tokio's current-thread runtime on this page's one thread.",
    "Your Rust program, run as you wrote it, on the browser's event loop on this page's one thread.",
];

/// The number of cooks a processes run uses, and what a learner may choose.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CookChoice {
    /// How many cooks the next run uses.
    pub count: usize,
    /// The most a learner may choose.
    pub most: usize,
    /// How many cores the browser reports.
    pub cores: usize,
    /// How many of the cooks are started already (the pool is kept between runs).
    pub warm: usize,
}

/// What the chosen mode will do to the page, worked out before it runs.
#[derive(Clone, Copy)]
struct Forecast {
    total_ms: f64,
    freeze_ms: f64,
}

/// The controls, with the predicted length and freeze of the next run stated before it starts.
#[function_component]
pub fn Controls(props: &ControlsProps) -> Html {
    let written = props.as_written == Some(true);
    let recipe = props.recipe.as_ref();
    let run_label = if written {
        "Run as written".to_owned()
    } else {
        format!("Run {}", props.mode.label().to_ascii_lowercase())
    };
    // One simulation gives both figures: the runtime's freeze check is this same longest hold.
    let forecast = props.forecast.map(|totals| Forecast {
        total_ms: totals.end,
        freeze_ms: totals.longest_hold,
    });
    let busy = props.running.is_some() || !props.queued.is_empty();
    let too_long = forecast
        .as_ref()
        .as_ref()
        .is_some_and(|f| f.freeze_ms > MAX_FREEZE_MS);
    let can_run = recipe.is_some() && !busy && !too_long;
    // The freeze limit above still holds a hidden forecast: only its figures are kept off.
    let shown = forecast.filter(|_| props.concealed.is_none() || written);
    html! {
        // The code that runs a recipe is fetched as the learner reaches for the controls, rather
        // than with the first look: it is here by the time they press Run.
        <section class="controls" aria-label="Run controls"
            onpointerover={ |_| super::lazy::RUNNER.prefetch() }
            onfocusin={ |_| super::lazy::RUNNER.prefetch() }>
            <div class="controls-row">
                <fieldset class="modes">
                    <legend>{ "Mode" }</legend>
                    // The modes, then the learner's program as written once there is one.
                    { for Mode::ALL.iter().copied().filter(|m| m.picked()).map(Some)
                        .chain(props.as_written.map(|_| None))
                        .map(|mode| mode_option(props, mode, busy)) }
                </fieldset>
                { scale_field(props, busy) }
            if props.mode.on_cooks() && !written {
                { cooks_field(props, busy) }
            }
            </div>
            <div class="controls-row">
            <div class="run-buttons">
                <button
                    class="run primary"
                    data-testid="run"
                    disabled={ !can_run }
                    onclick={ props.on_run.reform(|_| ()) }
                >
                    { run_label }
                </button>
                <button
                    class="secondary"
                    data-testid="cancel"
                    disabled={ props.running.is_none_or(Mode::freezes_page) }
                    onclick={ props.on_cancel.reform(|_| ()) }
                >
                    { "Cancel" }
                </button>
                <button
                    class="secondary"
                    data-testid="compare"
                    disabled={ props.recipe.is_none() || busy }
                    title="Runs every mode one after another, blocking first and free-threaded last"
                    onclick={ props.on_compare.reform(|_| ()) }
                >
                    { "Compare every mode" }
                </button>
                { heartbeat_live() }
            </div>
            <div class="forecast-text">
                <p
                    class="forecast"
                    data-testid="forecast"
                    data-ms={ shown.as_ref().map(|f| Fixed(f.total_ms, 3).to_string()) }
                    data-freeze-ms={ shown.as_ref().map(|f| Fixed(f.freeze_ms, 3).to_string()) }
                    data-hidden={ props.concealed.filter(|_| !written).map(|_| "true") }
                >
                    { match (props.concealed, forecast.filter(|f| f.freeze_ms <= MAX_FREEZE_MS)) {
                        (Some(n), Some(f)) if recipe.is_some() && !written => hidden_forecast(n, &f),
                        _ => forecast_text(recipe.map(|r| &**r), props.mode, forecast.as_ref(), props.times, props.as_written),
                    } }
                    if let Some(cooks) = props.cooks.filter(|_| props.mode.on_cooks()) {
                        { format!(" {}", cooks_words(cooks, props.mode)) }
                    }
                </p>
                // While a run goes, the status takes the explanation's place, so the stage below stays put.
                <p class="status" role="status" aria-live="polite" data-testid="status">{ props.status.clone() }</p>
                if props.status.is_empty() {
                    <p class="mode-chosen" aria-hidden="true">{ if written { AS_WRITTEN[props.written_in as usize] } else { props.mode.explanation() } }</p>
                }
            </div>
            </div>
        </section>
    }
}

/// One radio button of the mode picker, with its one-line explanation: a mode, or (`None`) the
/// learner's program as written.
fn mode_option(props: &ControlsProps, mode: Option<Mode>, busy: bool) -> Html {
    let written = props.as_written == Some(true);
    let (id, label, explanation, checked) = match mode {
        Some(mode) => (
            mode.id(),
            mode.label(),
            mode.explanation(),
            // Free-threaded is the threads mode with its switch on.
            (props.mode == mode || (mode == Mode::Threads && props.mode.threaded())) && !written,
        ),
        None => (
            "as-written",
            "As written",
            AS_WRITTEN[props.written_in as usize],
            written,
        ),
    };
    let (on_mode, on_as_written) = (props.on_mode.clone(), props.on_as_written.clone());
    let onchange = Callback::from(move |_| match mode {
        Some(mode) => on_mode.emit(mode),
        None => on_as_written.emit(()),
    });
    let id = format!("mode-{id}");
    html! {
        <div class="mode-option">
            <input
                type="radio"
                name="mode"
                id={ id.clone() }
                data-testid={ id.clone() }
                {checked}
                disabled={ busy }
                {onchange}
            />
            // Only the chosen mode's explanation is shown (under the picker, to keep the Run button in
            // view on a projector); screen readers hear each one with its mode.
            <label for={ id } title={ explanation }>
                <span class="mode-name">{ label }</span>
                <span class="sr-only">{ format!(": {explanation}") }</span>
            </label>
        </div>
    }
}

/// The scale input: real milliseconds per unit, and what one unit lasts.
fn scale_field(props: &ControlsProps, busy: bool) -> Html {
    let Some(recipe) = props.recipe.as_deref() else {
        return html! {};
    };
    let on_scale = props.on_scale.clone();
    let onchange = Callback::from(move |e: Event| {
        if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
            // The browser has already parsed the number field: NaN when it is empty or invalid.
            let ms = input.value_as_number();
            on_scale.emit(Some(ms).filter(|ms| ms.is_finite()));
        }
    });
    let reset = props.on_scale.reform(|_| None);
    // The learner's program counts in seconds, whatever the recipe's unit.
    let written = props.as_written == Some(true);
    let (unit, scale) = if written {
        ("s", props.program_scale)
    } else {
        (recipe.unit.symbol(), recipe.scale_ms)
    };
    html! {
        <div class="scale">
            <label for="scale">{ "Scale" }</label>
            <input
                id="scale"
                data-testid="scale"
                type="number"
                min="0.001"
                max="60000"
                step="any"
                disabled={ busy }
                value={ Short(scale).to_string() }
                {onchange}
            />
            <span class="scale-unit">{ format!("ms per {unit}") }</span>
            if let Some(ms) = props.blocking_ms.filter(|_| !written) {
                <span class="scale-freeze" data-testid="scale-freeze">
                    { format!("blocking freezes the page for {}", format::seconds(ms)) }
                </span>
            }
            if props.scale_overridden {
                <button class="link" disabled={ busy } onclick={ reset }>{ "use the recipe's scale" }</button>
            }
        </div>
    }
}

/// The number of cooks (or threads): a number field from one to the most a learner may choose,
/// and in the threads mode the free-threaded switch.
fn cooks_field(props: &ControlsProps, busy: bool) -> Html {
    let Some(choice) = props.cooks else {
        return html! {};
    };
    let on_cooks = props.on_cooks.clone();
    let onchange = Callback::from(move |e: Event| {
        if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
            let n = input.value_as_number();
            on_cooks.emit((n.is_finite() && n >= 1.0).then_some(n as usize));
        }
    });
    let threaded = props.mode.threaded();
    html! {
        <div class="cooks">
            <label for="cooks">{ if threaded { "Threads" } else { "Cooks" } }</label>
            <input id="cooks" data-testid="cooks" type="number" min="1" max={ choice.most.to_string() }
                   step="1" disabled={ busy } value={ choice.count.to_string() } {onchange} />
            <span class="cooks-cores" data-testid="cores">
                { format!("of {} cores", choice.cores) }
            </span>
            if threaded {
                { free_threaded_switch(props, busy) }
            }
        </div>
    }
}

/// The threads mode's switch: the same threads without the GIL (Python 3.13t and later).
fn free_threaded_switch(props: &ControlsProps, busy: bool) -> Html {
    let on_mode = props.on_mode.clone();
    let onchange = Callback::from(move |e: Event| {
        if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
            on_mode.emit(if input.checked() {
                Mode::FreeThreaded
            } else {
                Mode::Threads
            });
        }
    });
    html! {
        <label class="free-threaded" title={ Mode::FreeThreaded.explanation() }>
            <input type="checkbox" data-testid="free-threaded" disabled={ busy }
                   checked={ props.mode == Mode::FreeThreaded } {onchange} />
            { "Free-threaded (no GIL)" }
        </label>
    }
}

/// What the pool costs and what the cores allow, after the forecast, for a run of `mode`: its
/// workers are cooks, or threads in the threads modes, where the GIL, not the cores, decides how
/// many compute at once.
fn cooks_words(choice: CookChoice, mode: Mode) -> String {
    let (one, many) = if mode.threaded() {
        ("thread", "threads")
    } else {
        ("cook", "cooks")
    };
    let cold = choice.count - choice.warm.min(choice.count);
    let start = match cold {
        0 => format!("Every {one} is started already."),
        n if n == choice.count => format!("Each {one} starts first (its Web Worker loads)."),
        n => format!("{n} more {many} start first."),
    };
    let cores = choice.cores;
    if mode == Mode::Threads {
        format!(
            "{start} Your browser reports {cores} cores, but with the GIL one thread computes at a \
             time: a sleeping thread needs no core."
        )
    } else if choice.count > cores {
        format!(
            "{start} Your browser reports {cores} cores: {} {many} take turns on them when they \
             compute, so their work takes longer than predicted.",
            choice.count
        )
    } else {
        format!("{start} Your browser reports {cores} cores.")
    }
}

/// The forecast while exercise `n` asks what it would say: no figure, but still whether the page
/// will freeze and cannot be cancelled.
fn hidden_forecast(n: usize, forecast: &Forecast) -> String {
    let hidden = format!("Predicted: hidden until you lock in your answer to exercise {n}.");
    if forecast.freeze_ms >= 1000.0 {
        format!("{hidden} The page will freeze while it runs and cannot be cancelled meanwhile.")
    } else {
        hidden
    }
}

/// What the next run will take and do to the page, or why it cannot run; its total written as
/// `times` says. `as_written` is `Some` while the learner's Python is the program: whether the run
/// is it as written, or its tasks in a mode.
fn forecast_text(
    recipe: Option<&Recipe>,
    mode: Mode,
    forecast: Option<&Forecast>,
    times: Times,
    as_written: Option<bool>,
) -> String {
    let written = as_written == Some(true);
    if recipe.is_some() && forecast.is_none() && mode.on_cooks() && !written {
        // The workers' modes are predicted by their chunk, on its way.
        return "Loading what runs the cooks, to predict this run…".to_owned();
    }
    let (Some(recipe), Some(forecast)) = (recipe, forecast) else {
        return match as_written {
            Some(true) => "Fix the program's mistake to run it.",
            Some(false) => {
                "This mode runs your Python's tasks as a recipe, and there is none: the Recipe tab says why."
            }
            None => "Fix the recipe's mistakes to run it.",
        }
        .to_owned();
    };
    let total = format::time(recipe, forecast.total_ms, times);
    if forecast.freeze_ms > MAX_FREEZE_MS {
        format!(
            "This run would freeze the page for about {} s, over the {} s limit: lower the scale \
             or the numbers in the recipe.",
            Fixed(forecast.freeze_ms / 1000.0, 1),
            Fixed(MAX_FREEZE_MS / 1000.0, 0)
        )
    } else if mode == Mode::NeverAwaited && !written {
        "Predicted: nothing runs at all, so the run ends at once.".to_owned()
    } else if forecast.freeze_ms >= 1000.0 {
        format!(
            "Predicted: {total}. The page will freeze for about {} s and cannot be cancelled \
             meanwhile.",
            Fixed(forecast.freeze_ms / 1000.0, 1)
        )
    } else if forecast.freeze_ms >= 50.0 {
        format!(
            "Predicted: {total}. The page stays responsive between steps; its longest freeze is \
             about {}.",
            format::millis(forecast.freeze_ms)
        )
    } else {
        format!("Predicted: {total}. The page stays responsive throughout.")
    }
}
