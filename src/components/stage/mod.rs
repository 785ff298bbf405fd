//! The stage: one run — measured, live or predicted — with its timeline and cursor, the transport
//! and the console on one side, the narration, the event loop panel and the code on the other, laid
//! out so that a projector at 1280×720 shows the chart, the transport and the panel whole.
//!
//! This module owns the stage's composition and the run picker above it. The loop's state at the
//! cursor is asked of the run's replay once per cursor here and shared by the panel, the console
//! (which dims what is not printed yet) and the code (which highlights the steps in progress). Where
//! the cursor is, and which run is staged, is the state's business ([`crate::state::StageView`]).

mod loop_panel;
mod narration;
mod transport;

use std::rc::Rc;

use yew::prelude::*;

use super::code_view::CodeView;
use super::console::Console;
use super::lazy;
use super::markup::into_html;
use super::timeline::{TimelineFigure, TimelineLegend};
use crate::model::Way;
use crate::model::code::{self, Language};
use crate::model::format::{self, Times};
use crate::model::replay::play::Speed;
use crate::model::replay::{Cursor, LoopState};
use crate::model::run::RunResult;
use crate::state::{Concealed, Staged};
use crate::views::markup::Markup;
use loop_panel::LoopPanel;
use narration::Narration;
use transport::Transport;

/// The code a run's narration and loop panel quote, in `language`: the code its mode writes for its
/// recipe, or, for the learner's program as written, their text or its Rust. Written again only
/// when the run's recipe, mode or code changes.
#[hook]
fn use_code(result: &RunResult, language: Language) -> Rc<code::CodeView> {
    let view = use_memo(
        (
            result.recipe.clone(),
            result.mode,
            language,
            result.written.clone(),
        ),
        // A program's own text is shared, never copied: it may be 256 KiB.
        |(recipe, mode, language, written)| match written {
            Some(written) => written.view(*language),
            None => Rc::new(code::code(recipe, *mode, *language)),
        },
    );
    (*view).clone()
}

/// How many entries of each of the panel's lists a screen this tall shows; the rest are counted.
/// A projector's 720 pixels show three, so that the panel stays in view beside the chart.
fn shown_for(window_height: f64) -> usize {
    match window_height {
        h if h < 800.0 => 3,
        h if h < 1000.0 => 5,
        _ => 8,
    }
}

/// What of a projector's screen height the chart leaves to the rest: the masthead, the lesson bar,
/// the controls, the run picker and the transport above and below it, in CSS pixels.
const AROUND_CHART: f64 = 380.0;
/// The least height a chart is given, however short the screen.
const MIN_CHART: f64 = 240.0;

/// The window's inner height in CSS pixels, kept up to date as it is resized.
#[hook]
fn use_window_height() -> f64 {
    let height = use_state_eq(window_height);
    let set = height.setter();
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|window| {
            gloo_events::EventListener::new(&window, "resize", move |_| set.set(window_height()))
        });
        move || drop(listener)
    });
    *height
}

fn window_height() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(720.0)
}

/// Properties of [`Stage`].
#[derive(Properties)]
pub struct StageProps {
    /// The run on the stage.
    pub staged: Rc<RunResult>,
    /// The cursor on it.
    pub cursor: Cursor,
    /// The runs the learner can put on the stage instead: the prediction first, then each measured
    /// run in the page's order.
    pub choices: Vec<Rc<RunResult>>,
    /// The shared time axis of every run, in milliseconds.
    pub span: f64,
    /// The code's and the narration's language.
    pub language: Language,
    /// The speed playback runs at, if it is playing.
    pub playing: Option<Speed>,
    /// The speed the play button uses.
    pub speed: Speed,
    /// Whether the cursor was last moved by hand (its sentence is then announced).
    pub announce: bool,
    /// The order the tutorial prints its lines in, when that order is the lesson.
    #[prop_or_default]
    pub expected: &'static [&'static str],
    /// The lesson's id, when a lesson is open, for the Python file's name.
    #[prop_or_default]
    pub lesson: Option<&'static str>,
    /// What an open exercise keeps hidden: the predictions it asks about.
    #[prop_or_default]
    pub concealed: Concealed,
    /// Whether the staged run is of the last good recipe while the editor's text has mistakes: the
    /// stage stays, marked out of date.
    #[prop_or_default]
    pub out_of_date: bool,
    /// Puts another run on the stage.
    pub on_show: Callback<Staged>,
    /// Moves the cursor by this many stops.
    pub on_step: Callback<isize>,
    /// Puts the cursor on a stop.
    pub on_stop: Callback<usize>,
    /// Puts the cursor at a time, in milliseconds.
    pub on_seek: Callback<f64>,
    /// Plays at a speed, or pauses.
    pub on_play: Callback<Option<Speed>>,
    /// Chooses the playback speed.
    pub on_speed: Callback<Speed>,
    /// Chooses the code's language.
    pub on_language: Callback<Language>,
    /// How the tasks are written, as chosen (the code shows it where it applies).
    #[prop_or_default]
    pub way: Way,
    /// Chooses the way.
    #[prop_or_default]
    pub on_way: Callback<Way>,
    /// How the stage writes a run's times: in the lesson's unit only while presenting, when the
    /// key to the chart is drawn beside it rather than under the results.
    #[prop_or_default]
    pub times: Times,
}

impl PartialEq for StageProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.staged, &other.staged)
            && self.cursor == other.cursor
            && self.choices.len() == other.choices.len()
            && self
                .choices
                .iter()
                .zip(&other.choices)
                .all(|(a, b)| Rc::ptr_eq(a, b))
            && self.span == other.span
            && self.language == other.language
            && self.playing == other.playing
            && self.speed == other.speed
            && self.announce == other.announce
            && self.lesson == other.lesson
            && self.concealed == other.concealed
            && self.out_of_date == other.out_of_date
            && self.on_show == other.on_show
            && self.times == other.times
    }
}

/// What the loop state's memo depends on, compared by pointer.
struct Key(Rc<RunResult>, Cursor, usize);

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) && self.1 == other.1 && self.2 == other.2
    }
}

/// The staged run, its cursor and everything that explains the instant under it.
#[function_component]
pub fn Stage(props: &StageProps) -> Html {
    let window_height = use_window_height();
    let shown = shown_for(window_height);
    let state: Rc<LoopState> = use_memo(Key(props.staged.clone(), props.cursor, shown), |k| {
        k.0.replay.state(k.1, k.2)
    });
    let run = &props.staged;
    let seek = (!run.live).then(|| props.on_seek.clone());
    // Rounded, so that a window resized by a pixel lays nothing out again.
    let max_height = ((window_height - AROUND_CHART) / 20.0).floor() * 20.0;
    let max_height = Some(max_height.max(MIN_CHART));
    let conceal = props.concealed.hides(run);
    // The way the staged run's code is shown in (async/await where the mode has one way only, and
    // for the learner's own text): the code panel and the loop panel's lens show it, from the ways'
    // chunk, fetched the first time a learner switches.
    let way = if run.written.is_none() && props.way.applies_to(run.mode) {
        props.way
    } else {
        Way::Async
    };
    let ways = lazy::WAYS.now().filter(|_| way != Way::Async);
    // A question on the futures' states, posed and not locked in, keeps the lens (and the
    // narration's sentences on the states) off a prediction of its mode.
    let states_hidden = run.predicted && props.concealed.hides_states(run.mode, &run.recipe);
    let in_way = ways.filter(|_| !states_hidden).map(|w| (w, way));
    // An order question asks what the tutorial's output shows.
    let expected = if props.concealed.order() {
        &[]
    } else {
        props.expected
    };
    html! {
        <section class={ classes!("stage", props.out_of_date.then_some("stale")) } aria-label="The run, step by step" data-testid="stage">
            <div class="stage-main">
                if props.out_of_date {
                    // Static markup, written as text: an element `html!` builds is code in every
                    // learner's download.
                    { into_html(out_of_date()) }
                }
                { picker(props) }
                <TimelineFigure result={ run.clone() } span={ props.span } cursor={ Some(props.cursor.at) } on_seek={ seek } {max_height} {conceal} />
                if props.times == Times::UnitOnly {
                    <TimelineLegend />
                }
                <Transport
                    stops={ run.replay.stops().len() }
                    stop={ props.cursor.stop }
                    live={ run.live }
                    playing={ props.playing }
                    speed={ props.speed }
                    on_step={ props.on_step.clone() }
                    on_stop={ props.on_stop.clone() }
                    on_play={ props.on_play.clone() }
                    on_speed={ props.on_speed.clone() }
                />
                <Console result={ Some(run.clone()) } {expected} printed={ Some(state.printed) } {conceal} />
            </div>
            <div class="stage-side">
                <Narration
                    result={ run.clone() }
                    cursor={ props.cursor }
                    language={ props.language }
                    announce={ props.announce }
                    on_stop={ props.on_stop.clone() }
                    times={ props.times }
                    ways={ in_way }
                />
                <LoopPanel result={ run.clone() } state={ state.clone() } language={ props.language } times={ props.times } ways={ in_way } />
                <CodeView
                    recipe={ Some(run.recipe.clone()) }
                    mode={ run.mode }
                    language={ props.language }
                    cooks={ run.replay.cook_count().max(1) }
                    marks={ state.lines.clone() }
                    lesson={ props.lesson }
                    on_language={ props.on_language.clone() }
                    way={ props.way }
                    on_way={ props.on_way.clone() }
                    {ways}
                    written={ run.written.clone() }
                />
            </div>
        </section>
    }
}

/// The note above a stage kept while the editor's text has a mistake.
fn out_of_date() -> Markup {
    let mut m = Markup::new();
    m.tag(
        "<p class=\"out-of-date\" data-testid=\"out-of-date\" role=\"status\"><strong>Out of date:</strong> \
         the last version without mistakes. Fix the mistake to update it.</p>",
    );
    m
}

/// The runs the stage can show, as a row of toggle buttons with each run's total.
fn picker(props: &StageProps) -> Html {
    html! {
        <div class="stage-picker" role="group" aria-label="Run on the stage">
            { for props.choices.iter().map(|r| {
                let which = if r.predicted { Staged::Prediction } else { Staged::Run(r.mode) };
                let on_show = props.on_show.clone();
                let pressed = Rc::ptr_eq(r, &props.staged);
                let recipe = &r.recipe;
                let label = if r.predicted {
                    format!("Prediction · {}", r.label())
                } else {
                    r.label().to_owned()
                };
                let total = if r.live {
                    "running…".to_owned()
                } else if r.predicted && props.concealed.hides(r) {
                    "total hidden".to_owned()
                } else {
                    format::time(recipe, r.totals.end, props.times)
                };
                let id = if r.predicted { "predicted" } else { r.id() };
                let total_id = (r.written.is_some() && !r.predicted && !r.live).then_some("total-as-written");
                html! {
                    <button class={ if pressed { "stage-choice pressed" } else { "stage-choice" } }
                            aria-pressed={ pressed.to_string() }
                            data-testid={ format!("stage-{id}") }
                            onclick={ Callback::from(move |_| on_show.emit(which)) }>
                        <span class="choice-name">{ label }</span>
                        <span class="choice-total" data-testid={ total_id }
                              data-ms={ total_id.map(|_| format::Fixed(r.totals.end, 3).to_string()) }>{ total }</span>
                    </button>
                }
            }) }
        </div>
    }
}

/// Text with code between backticks, as the narration writes it: the code parts become `<code>`.
pub fn code_text(text: &str) -> Html {
    html! {
        { for text.split('`').enumerate().map(|(i, part)| {
            if i % 2 == 1 {
                html! { <code>{ part.to_owned() }</code> }
            } else {
                html! { { part.to_owned() } }
            }
        }) }
    }
}
