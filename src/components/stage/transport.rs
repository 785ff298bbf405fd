//! The transport: step to the previous or next stop, to the start or the end, play and pause at a
//! speed, and a scrubber over every stop of the run.
//!
//! This component only reports what the learner asked for through its callbacks; where the cursor
//! goes is the state's business. The scrubber is a range input over stop numbers, so arrow keys,
//! Home and End work on it as on any slider.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::model::format;
use crate::model::replay::play::Speed;

// The buttons' icons as SVG paths on a 16-unit square, so that they look the same in every font.
const TO_START: &str = "M2 2h2v12H2zM14 2v12L5 8z";
const PREVIOUS: &str = "M12 2v12L3 8z";
const NEXT: &str = "M4 2v12l9-6z";
const TO_END: &str = "M12 2h2v12h-2zM2 2v12l9-6z";
const PLAY: &str = "M4 2v12l10-6z";
const PAUSE: &str = "M3 2h4v12H3zM9 2h4v12H9z";

/// Properties of [`Transport`].
#[derive(Properties, PartialEq)]
pub struct TransportProps {
    /// How many stops the run has.
    pub stops: usize,
    /// The stop the cursor is on.
    pub stop: usize,
    /// Whether the run is still growing: the cursor then follows its head and cannot be moved.
    pub live: bool,
    /// The speed playback runs at, if it is playing.
    pub playing: Option<Speed>,
    /// The speed the play button uses.
    pub speed: Speed,
    /// Moves the cursor by this many stops.
    pub on_step: Callback<isize>,
    /// Puts the cursor on this stop.
    pub on_stop: Callback<usize>,
    /// Plays at the chosen speed, or pauses (`None`).
    pub on_play: Callback<Option<Speed>>,
    /// Chooses the speed.
    pub on_speed: Callback<Speed>,
}

/// The buttons, the speed and the scrubber.
#[function_component]
pub fn Transport(props: &TransportProps) -> Html {
    let last = props.stops.saturating_sub(1);
    let frozen = props.live || props.stops < 2;
    let button = |testid: &'static str,
                  label: &'static str,
                  icon: &'static str,
                  off: bool,
                  cb: Callback<MouseEvent>| {
        html! {
            <button class="secondary step" data-testid={ testid } aria-label={ label } title={ label }
                    disabled={ frozen || off } onclick={ cb }>
                <svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><path d={ icon } /></svg>
            </button>
        }
    };
    let step = |delta: isize| props.on_step.reform(move |_| delta);
    let to = |stop: usize| props.on_stop.reform(move |_| stop);
    let playing = props.playing.is_some();
    let play = {
        let on_play = props.on_play.clone();
        let speed = props.speed;
        Callback::from(move |_| on_play.emit((!playing).then_some(speed)))
    };
    let on_speed = {
        let cb = props.on_speed.clone();
        Callback::from(move |e: Event| {
            if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>()
                && let Some(speed) = Speed::from_id(&select.value())
            {
                cb.emit(speed);
            }
        })
    };
    let on_scrub = {
        let cb = props.on_stop.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>()
                && let Ok(stop) = input.value().parse::<usize>()
            {
                cb.emit(stop);
            }
        })
    };
    html! {
        <div class="transport" role="group" aria-label="Step through the run">
            { button("step-start", "To the start (Home)", TO_START, props.stop == 0, to(0)) }
            { button("step-prev", "Previous event (←)", PREVIOUS, props.stop == 0, step(-1)) }
            <button class="primary step play" data-testid="play" disabled={ frozen }
                    aria-pressed={ playing.to_string() }
                    aria-label={ if playing { "Pause" } else { "Play" } } onclick={ play }>
                <svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                    <path d={ if playing { PAUSE } else { PLAY } } />
                </svg>
                { if playing { " Pause" } else { " Play" } }
            </button>
            { button("step-next", "Next event (→)", NEXT, props.stop >= last, step(1)) }
            { button("step-end", "To the end (End)", TO_END, props.stop >= last, to(last)) }
            <label class="speed">
                <span class="sr-only">{ "Speed" }</span>
                <select data-testid="speed" onchange={ on_speed } disabled={ props.live }>
                    { for Speed::ALL.iter().map(|&s| html! {
                        <option value={ s.id() } selected={ s == props.speed }>{ s.label() }</option>
                    }) }
                </select>
            </label>
            <input type="range" class="scrubber" data-testid="scrubber" min="0" max={ last.to_string() }
                   value={ props.stop.to_string() } disabled={ frozen } oninput={ on_scrub }
                   aria-label="Moment of the run"
                   aria-valuetext={ format!("event {} of {}", format::count(props.stop + 1), format::count(props.stops)) } />
            <span class="stop-count" aria-hidden="true">
                { format!("{} / {}", format::count(props.stop + 1), format::count(props.stops)) }
            </span>
        </div>
    }
}
