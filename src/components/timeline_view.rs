//! The timeline: one SVG per run, every run on the same time axis.
//!
//! Each task gets a lane of segments (running, waiting, ready, blocked), told apart by pattern as well
//! as colour; below them the thread lane shows who held the one thread, and the heartbeat lane shows
//! the frames the page really drew, with its long gaps marked as freezes.

use std::rc::Rc;

use yew::prelude::*;

use super::format;
use super::state::RunResult;
use crate::model::{Lesson, Recipe, State, Timeline};

const WIDTH: f64 = 1000.0;
const LABEL_W: f64 = 120.0;
const RIGHT_PAD: f64 = 32.0;
const LANE_H: f64 = 22.0;
const LANE_GAP: f64 = 6.0;
const AXIS_H: f64 = 34.0;
/// A gap between frames longer than this is drawn as a freeze: three frames missed at 60 Hz.
const FREEZE_MS: f64 = 50.0;

/// Properties of [`TimelineView`].
#[derive(Properties, PartialEq)]
pub struct TimelineViewProps {
    /// The lesson whose runs are shown.
    pub lesson: Rc<Lesson>,
    /// The runs to draw, top to bottom.
    pub results: Vec<Rc<RunResult>>,
}

/// Draws every run on one shared time axis, so their lengths compare at a glance.
#[function_component]
pub fn TimelineView(props: &TimelineViewProps) -> Html {
    let span = props
        .results
        .iter()
        .map(|r| r.timeline.end)
        .fold(0.0, f64::max)
        .max(1.0);
    let recipe = &props.lesson.recipe;
    html! {
        <section class="timelines" aria-label="Timelines">
            <Patterns />
            { for props.results.iter().map(|r| html! {
                <figure class="timeline" data-testid={format!("timeline-{}", r.mode.id())}>
                    <figcaption>
                        { format!("{} — {}", r.mode.label(), format::units(recipe, r.timeline.end)) }
                    </figcaption>
                    { chart(recipe, &r.timeline, span) }
                </figure>
            }) }
            <Legend />
        </section>
    }
}

/// Maps milliseconds onto the chart's x axis.
struct Scale {
    span: f64,
}

impl Scale {
    fn x(&self, ms: f64) -> f64 {
        LABEL_W + ms.clamp(0.0, self.span) / self.span * (WIDTH - LABEL_W - RIGHT_PAD)
    }

    fn w(&self, start: f64, end: f64) -> f64 {
        (self.x(end) - self.x(start)).max(0.0)
    }
}

fn chart(recipe: &Recipe, timeline: &Timeline, span: f64) -> Html {
    let scale = Scale { span };
    let rows = timeline.lanes.len() + 2;
    let height = rows as f64 * (LANE_H + LANE_GAP) + AXIS_H;
    let y = |row: usize| row as f64 * (LANE_H + LANE_GAP);
    let label = |row: usize, text: &str| {
        html! {
            <text class="lane-label" x={(LABEL_W - 8.0).to_string()} y={(y(row) + LANE_H * 0.7).to_string()}>
                { text.to_owned() }
            </text>
        }
    };
    let task_rows = timeline.lanes.iter().enumerate().map(|(row, lane)| {
        html! {
            <g class="lane">
                { label(row, &lane.name) }
                { for lane.segments.iter().map(|seg| {
                    let what = seg
                        .step
                        .and_then(|id| recipe.step(id))
                        .map_or_else(String::new, |s| format!(" · {}", s.describe(recipe.unit)));
                    let tip = format!(
                        "{}{} · {} from {} to {} ({} to {})",
                        lane.name,
                        what,
                        seg.state.word(),
                        format::units(recipe, seg.start),
                        format::units(recipe, seg.end),
                        format::millis(seg.start),
                        format::millis(seg.end),
                    );
                    html! {
                        <rect
                            class={classes!("seg", seg.state.word())}
                            x={scale.x(seg.start).to_string()}
                            y={y(row).to_string()}
                            width={scale.w(seg.start, seg.end).to_string()}
                            height={LANE_H.to_string()}
                        >
                            <title>{ tip }</title>
                        </rect>
                    }
                }) }
            </g>
        }
    });
    let thread_row = timeline.lanes.len();
    let heart_row = thread_row + 1;
    html! {
        <svg
            class="chart"
            viewBox={format!("0 0 {WIDTH} {height}")}
            role="img"
            aria-label={format!("Timeline of {} tasks over {}", timeline.lanes.len(), format::units(recipe, timeline.end))}
        >
            { for task_rows }
            <g class="lane thread-lane">
                { label(thread_row, "thread") }
                { for timeline.thread.iter().map(|s| {
                    let (class, who) = match s.task {
                        Some(t) => (format!("held task-{}", t % 6), timeline.lanes[t].name.clone()),
                        None => ("idle".to_owned(), "idle".to_owned()),
                    };
                    let x = scale.x(s.start);
                    let w = scale.w(s.start, s.end);
                    html! {
                        <g class={classes!("span", class)}>
                            <rect x={x.to_string()} y={y(thread_row).to_string()} width={w.to_string()} height={LANE_H.to_string()}>
                                <title>{ format!("{who} from {} to {}", format::units(recipe, s.start), format::units(recipe, s.end)) }</title>
                            </rect>
                            if s.task.is_some() && w > 8.0 * who.len() as f64 {
                                <text class="span-label" x={(x + 4.0).to_string()} y={(y(thread_row) + LANE_H * 0.7).to_string()}>{ who }</text>
                            }
                        </g>
                    }
                }) }
            </g>
            { heartbeat(&scale, timeline, y(heart_row), label(heart_row, "frames")) }
            { axis(recipe, &scale, y(rows) + 4.0) }
        </svg>
    }
}

fn heartbeat(scale: &Scale, timeline: &Timeline, top: f64, label: Html) -> Html {
    let frames: Vec<f64> = timeline.frames.clone();
    let freezes = frames
        .windows(2)
        .filter(|w| w[1] - w[0] > FREEZE_MS && w[1] > 0.0 && w[0] < scale.span)
        .map(|w| (w[0].max(0.0), w[1].min(scale.span), w[1] - w[0]));
    html! {
        <g class="lane heartbeat-lane">
            { label }
            { for freezes.map(|(a, b, gap)| html! {
                <g class="freeze">
                    <rect x={scale.x(a).to_string()} y={top.to_string()} width={scale.w(a, b).to_string()} height={LANE_H.to_string()}>
                        <title>{ format!("No frame drawn for {}: the page was frozen", format::millis(gap)) }</title>
                    </rect>
                    <text class="freeze-label" x={(scale.x(a) + 4.0).to_string()} y={(top + LANE_H * 0.7).to_string()}>
                        { format!("frozen {}", format::millis(gap)) }
                    </text>
                </g>
            }) }
            { for frames.iter().filter(|&&f| (0.0..=scale.span).contains(&f)).map(|&f| html! {
                <line class="frame" x1={scale.x(f).to_string()} x2={scale.x(f).to_string()}
                      y1={(top + 3.0).to_string()} y2={(top + LANE_H - 3.0).to_string()} />
            }) }
        </g>
    }
}

fn axis(recipe: &Recipe, scale: &Scale, top: f64) -> Html {
    let step = tick_step(recipe.units(scale.span));
    let count = (recipe.units(scale.span) / step).floor() as usize;
    html! {
        <g class="axis">
            <line x1={LABEL_W.to_string()} x2={(WIDTH - RIGHT_PAD).to_string()} y1={top.to_string()} y2={top.to_string()} />
            { for (0..=count).map(|i| {
                let units = i as f64 * step;
                let x = scale.x(recipe.ms(units));
                html! {
                    <g class="tick">
                        <line x1={x.to_string()} x2={x.to_string()} y1={top.to_string()} y2={(top + 4.0).to_string()} />
                        <text x={x.to_string()} y={(top + 15.0).to_string()}>{ format!("{units} {}", recipe.unit.symbol()) }</text>
                        <text class="ms" x={x.to_string()} y={(top + 28.0).to_string()}>{ format::millis(recipe.ms(units)) }</text>
                    </g>
                }
            }) }
        </g>
    }
}

/// A round tick spacing that gives at most ten ticks over `span` units.
fn tick_step(span: f64) -> f64 {
    const NICE: [f64; 3] = [1.0, 2.0, 5.0];
    let mut magnitude = 1.0;
    loop {
        for n in NICE {
            let step = n * magnitude;
            if span / step <= 10.0 {
                return step;
            }
        }
        magnitude *= 10.0;
    }
}

/// SVG patterns shared by every chart on the page, so states differ by texture as well as colour.
#[function_component]
fn Patterns() -> Html {
    html! {
        <svg class="patterns" width="0" height="0" aria-hidden="true" focusable="false">
            <defs>
                <pattern id="pat-waiting" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <rect class="pat-bg" width="6" height="6" />
                    <line class="pat-fg" x1="0" y1="0" x2="0" y2="6" />
                </pattern>
                <pattern id="pat-ready" width="6" height="6" patternUnits="userSpaceOnUse">
                    <rect class="pat-bg" width="6" height="6" />
                    <circle class="pat-dot" cx="3" cy="3" r="1.3" />
                </pattern>
                <pattern id="pat-blocked" width="6" height="6" patternUnits="userSpaceOnUse">
                    <rect class="pat-bg" width="6" height="6" />
                    <path class="pat-fg" d="M0,0 L6,6 M6,0 L0,6" />
                </pattern>
            </defs>
        </svg>
    }
}

/// Names the four states with swatches drawn like the chart's segments.
#[function_component]
fn Legend() -> Html {
    let states = [
        (State::Running, "holds the thread, doing work"),
        (State::Waiting, "suspended on a timer; the thread is free"),
        (State::Ready, "could run, but the thread is busy"),
        (State::Blocked, "sleeps while holding the thread"),
    ];
    html! {
        <ul class="legend">
            { for states.iter().map(|(state, meaning)| html! {
                <li>
                    <svg class="swatch" viewBox="0 0 24 14" aria-hidden="true">
                        <rect class={classes!("seg", state.word())} width="24" height="14" />
                    </svg>
                    <strong>{ state.word() }</strong>{ format!(": {meaning}") }
                </li>
            }) }
            <li><svg class="swatch" viewBox="0 0 24 14" aria-hidden="true"><line class="frame" x1="12" x2="12" y1="1" y2="13" /></svg>
                <strong>{ "frame" }</strong>{ ": the page drew a frame; gaps are freezes" }</li>
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::tick_step;

    #[test]
    fn tick_steps_are_round_and_few() {
        for (span, step) in [
            (80.0, 10.0),
            (60.0, 10.0),
            (9.0, 1.0),
            (15.0, 2.0),
            (180.0, 20.0),
            (0.5, 1.0),
        ] {
            assert_eq!(tick_step(span), step, "span {span}");
        }
    }
}
