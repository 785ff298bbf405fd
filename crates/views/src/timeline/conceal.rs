//! A chart whose run an open exercise asks about: the prediction's figures taken off it until the
//! learner locks an answer in — the planned end's line and label, the predicted total in the
//! subtitle and, on a prediction shown as a run, its bars (whose ends are the answer) — and an axis
//! that does not end where the prediction does. What is hidden when is `kitchen_state::conceal`'s
//! decision; this module only takes the figures off a laid-out chart, so the layout itself never
//! needs to know.

use std::rc::Rc;

use super::layout::ChartModel;
use super::marks::MarkerKind;
use super::polls::PollMarks;
use super::shared_span;
use kitchen_model::format;
use kitchen_model::run::RunResult;

/// The subtitle of a prediction shown as a run while its total is hidden.
pub const PREDICTION_HIDDEN: &str = "total hidden; nothing has run yet";
/// What the heartbeat row of a hidden prediction says instead of its bars.
pub const BARS_HIDDEN: &str = "the prediction's bars are hidden until you lock in your answer";

/// Takes the prediction's end marker and total off `model`, the chart of `result`, and a
/// prediction's bars. A measured run keeps its own bars, end and total: the learner ran it.
pub fn conceal(model: &mut ChartModel, result: &RunResult) {
    model.markers.retain(|m| m.kind != MarkerKind::Planned);
    if result.predicted {
        for row in &mut model.rows {
            row.bars.clear();
            row.plan.clear();
            row.polls = PollMarks::default();
        }
        model.heartbeat.blank = Some(BARS_HIDDEN);
    }
    model.subtitle = if result.predicted {
        PREDICTION_HIDDEN.to_owned()
    } else {
        let at = format::units(&result.recipe, result.timeline.end);
        if result.live {
            format!("running, {at} so far")
        } else if result.timeline.cancelled {
            format!("cancelled at {at}")
        } else {
            format!("measured {at}")
        }
    };
}

/// The span of an axis shared by `results`, where a prediction that `hidden` says is asked about
/// must not end the axis (an axis ending at 60 minutes says 60 minutes): it counts as a quarter
/// more than all its steps one after another, a bound that no mode's answer is.
pub fn span(results: &[Rc<RunResult>], hidden: impl Fn(&RunResult) -> bool) -> f64 {
    let (kept, asked): (Vec<Rc<RunResult>>, Vec<Rc<RunResult>>) =
        results.iter().cloned().partition(|r| !hidden(r));
    asked
        .iter()
        .map(|r| {
            let units: u32 = r
                .recipe
                .steps_as_run()
                .iter()
                .map(|s| s.action.units())
                .sum();
            1.25 * f64::from(units) * r.recipe.scale_ms
        })
        .fold(shared_span(&kept), f64::max)
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::markup::Markup;
    use crate::timeline::svg;
    use kitchen_model::run::Prediction;
    use kitchen_model::{Mode, lesson, predict};

    /// The cake's chart in `mode`, as a prediction shown as a run or as a run that measured it.
    fn chart(mode: Mode, predicted: bool) -> (ChartModel, RunResult) {
        let recipe = Rc::new(lesson::cake_and_groceries().recipe);
        let result = if predicted {
            RunResult::predicted(
                recipe.clone(),
                mode,
                Rc::new(Prediction::new(&recipe, mode)),
            )
        } else {
            RunResult::new(recipe.clone(), mode, predict::predict(&recipe, mode), false)
        };
        (ChartModel::build(&result, 1600.0, 800.0), result)
    }

    fn drawn(model: &ChartModel) -> String {
        let mut out = Markup::new();
        svg(&mut out, model);
        out.into_string()
    }

    #[test]
    fn a_hidden_prediction_draws_no_planned_end_and_states_no_total() {
        let (mut model, result) = chart(Mode::Gather, true);
        assert!(drawn(&model).contains("planned end 60.0 min"));
        assert!(model.subtitle.contains("60.0 min"), "{}", model.subtitle);
        conceal(&mut model, &result);
        let svg = drawn(&model);
        assert!(!svg.contains("planned end"), "{svg}");
        assert_eq!(model.subtitle, PREDICTION_HIDDEN);
        assert!(model.markers.is_empty());
        assert!(
            model
                .rows
                .iter()
                .all(|r| r.bars.is_empty() && r.plan.is_empty())
        );
        assert!(
            svg.contains(BARS_HIDDEN) && !svg.contains("data-i="),
            "{svg}"
        );
    }

    #[test]
    fn an_asked_prediction_does_not_end_the_axis() {
        let recipe = Rc::new(lesson::cake_and_groceries().recipe);
        let predicted = |mode| {
            let prediction = Rc::new(Prediction::new(&recipe, mode));
            Rc::new(RunResult::predicted(recipe.clone(), mode, prediction))
        };
        let gather = predicted(Mode::Gather);
        assert_eq!(span(std::slice::from_ref(&gather), |_| false), 1200.0);
        // 15 + 45 + 20 minutes at 20 ms, and a quarter more: neither 60 nor 80 minutes.
        assert_eq!(span(std::slice::from_ref(&gather), |_| true), 2000.0);
        // A run that is not asked about still widens the axis.
        let blocking = predicted(Mode::Blocking);
        let both = [gather, blocking];
        assert_eq!(span(&both, |r| r.mode == Mode::Gather), 2000.0);
        assert_eq!(span(&both, |_| false), 1600.0);
    }

    #[test]
    fn a_measured_run_keeps_its_own_end_and_total() {
        let (mut model, result) = chart(Mode::Blocking, false);
        conceal(&mut model, &result);
        let kinds: Vec<MarkerKind> = model.markers.iter().map(|m| m.kind).collect();
        assert_eq!(kinds, [MarkerKind::End]);
        assert_eq!(model.subtitle, "measured 80.0 min");
        assert!(!drawn(&model).contains("planned end"));
    }
}
