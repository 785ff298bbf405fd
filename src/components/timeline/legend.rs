//! The key to the timeline charts: the five states' patterns, the planned strip, polls and wakes,
//! the thread and the cooks', the frames, freezes and end markers, each drawn exactly as the charts
//! draw it.
//!
//! This module owns the legend's wording. Its swatches use the charts' own classes and a pattern set
//! of their own (suffix `legend`), so the legend never depends on which charts are on the page.

use yew::prelude::*;

use super::rows::Paint;
use super::style::{defs, paint};
use crate::model::State;

/// The legend under the charts.
#[function_component]
pub fn TimelineLegend() -> Html {
    let states = [
        (State::Running, "holds the thread, doing work"),
        (State::Waiting, "suspended on a timer; the thread is free"),
        (State::Ready, "could run, but the thread is busy"),
        (State::Blocked, "sleeps while holding the thread"),
        (
            State::Starting,
            "sent to a cook, the message on its way — or a cook starting up",
        ),
    ];
    html! {
        <div class="timeline-legend">
            <svg class="tl-svg tl-legend-defs" width="0" height="0" aria-hidden="true" focusable="false">
                { defs("legend") }
            </svg>
            <ul class="legend" aria-label="How to read the timelines">
                { for states.iter().map(|&(state, meaning)| {
                    let (class, fill) = paint(Paint::State(state), "legend");
                    html! {
                        <li>
                            { swatch(html! { <rect {class} {fill} x="1" y="1" width="30" height="14" /> }) }
                            <span><strong>{ state.word() }</strong>{ format!(": {meaning}") }</span>
                        </li>
                    }
                }) }
                <li>
                    { swatch(html! { <>
                        <rect class="seg running" x="1" y="0" width="30" height="9" />
                        <rect class="seg waiting" fill="url(#tl-waiting-legend)" x="1" y="11" width="30" height="5" />
                    </> }) }
                    <span><strong>{ "planned" }</strong>{ ": the thin strip under a lane is the prediction, a perfect scheduler's timing" }</span>
                </li>
                <li>
                    { swatch(html! { <>
                        <path class="poll pending" d="M5,4V9M12,4V9" />
                        <path class="poll ready" d="M22,4H28L25,9Z" />
                        <rect class="seg running" x="1" y="10" width="30" height="6" />
                    </> }) }
                    <span><strong>{ "poll" }</strong>{ ": the executor ran the task until it returned Pending (tick) or Ready (triangle)" }</span>
                </li>
                <li>
                    { swatch(html! { <>
                        <circle class="wake" cx="8" cy="2" r="2" />
                        <circle class="wake" cx="22" cy="2" r="2" />
                        <path class="poll pending" d="M22,4.5V9" />
                        <rect class="seg waiting" fill="url(#tl-waiting-legend)" x="1" y="10" width="30" height="6" />
                    </> }) }
                    <span><strong>{ "wake" }</strong>{ ": something (a timer, a yield) asked for the task to be polled again" }</span>
                </li>
                <li>
                    { swatch(html! { <>
                        <rect class="held held-0" x="1" y="1" width="10" height="14" />
                        <rect class="held held-1" x="11" y="1" width="8" height="14" />
                        <rect class="idle" x="20" y="1.5" width="11" height="13" />
                    </> }) }
                    <span><strong>{ "thread" }</strong>{ ": who holds the one thread, one colour per task; dashed when idle" }</span>
                </li>
                <li>
                    { swatch(html! { <>
                        <rect class="seg starting" fill="url(#tl-starting-legend)" x="1" y="1" width="12" height="14" />
                        <rect class="held held-2" x="13" y="1" width="12" height="14" />
                        <rect class="idle" x="26" y="1.5" width="5" height="13" />
                    </> }) }
                    <span><strong>{ "cooks" }</strong>{ ": in More cooks, each cook (a Web Worker) has a thread and a row of its own under the page's thread: its start-up, then who holds it" }</span>
                </li>
                <li>
                    { swatch(html! { <path class="frame" d="M4,2V14M9,2V14M14,2V14M19,2V14M24,2V14M29,2V14" /> }) }
                    <span><strong>{ "frames" }</strong>{ ": each tick is a frame the page drew" }</span>
                </li>
                <li>
                    { swatch(html! { <rect class="freeze" x="1" y="1" width="30" height="14" /> }) }
                    <span><strong>{ "freeze" }</strong>{ ": no frame for over 50 ms, so the page could not respond" }</span>
                </li>
                <li>
                    { swatch(html! { <>
                        <line class="marker planned" x1="10" x2="10" y1="0" y2="16" />
                        <line class="marker end" x1="22" x2="22" y1="0" y2="16" />
                    </> }) }
                    <span><strong>{ "ends" }</strong>{ ": dashed where the prediction ends, solid where the run did (or is now)" }</span>
                </li>
            </ul>
        </div>
    }
}

/// A small picture drawn with the charts' classes.
fn swatch(content: Html) -> Html {
    html! {
        <svg class="tl-svg swatch" viewBox="0 0 32 16" width="32" height="16" aria-hidden="true" focusable="false">
            { content }
        </svg>
    }
}
