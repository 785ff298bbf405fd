//! The timeline charts as data and text: one run's chart laid out (`layout`, from `rows`,
//! `thread`, `cooks`, `polls`, `marks`), drawn as SVG markup (`svg`), its words (`tips`), its
//! style sheet and patterns (`style`), the run as a table (`table`) and the key (`legend`);
//! `conceal` takes a prediction's figures off a chart while an exercise asks them.
//!
//! `geometry` holds every dimension and the width rule: the others only read it and it imports none
//! of them, so no two timeline modules import each other in a cycle. Nothing here knows the page:
//! `components::timeline` measures the container, puts the markup in place and listens.

pub mod conceal;
pub mod cooks;
pub mod geometry;
pub mod layout;
pub mod legend;
pub mod marks;
pub mod polls;
pub mod rows;
pub mod scale;
pub mod style;
pub mod svg;
pub mod table;
pub mod thread;
pub mod tips;

use std::rc::Rc;

pub use layout::{ChartModel, chart_id};
pub use svg::svg;
pub use table::table;

use kitchen_model::run::RunResult;

/// The span every chart's axis covers: the longest of the runs and of their predictions.
///
/// Counting the prediction keeps a live run's axis still: it is known before the run starts, so the
/// axis only grows if the run overruns it.
pub fn shared_span(results: &[Rc<RunResult>]) -> f64 {
    results
        .iter()
        .map(|r| r.timeline.end.max(r.prediction.timeline.end))
        .fold(0.0, f64::max)
        .max(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kitchen_model::{Mode, lesson, predict};

    #[test]
    fn a_live_runs_axis_is_as_long_as_its_prediction_from_the_start() {
        let recipe = Rc::new(lesson::cake_and_groceries().recipe);
        let mut trace = predict::predict(&recipe, Mode::Gather);
        trace.events.retain(|e| e.at <= 100.0);
        trace.end = 100.0;
        let live = Rc::new(RunResult::new(recipe.clone(), Mode::Gather, trace, true));
        assert_eq!(shared_span(std::slice::from_ref(&live)), 1200.0);
        let blocking = predict::predict(&recipe, Mode::Blocking);
        let done = Rc::new(RunResult::new(recipe, Mode::Blocking, blocking, false));
        assert_eq!(shared_span(&[live, done]), 1600.0);
        assert_eq!(shared_span(&[]), 1.0);
    }
}
