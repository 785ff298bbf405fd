//! A job for a cook: the steps of a learner's worker process, sent from the page as plain numbers.
//!
//! A program's `run_in_executor` hands a plain function to a process; the page hands its plan
//! (`python::process`) to a cook as a list of steps it carries out in order: steps begin and end
//! (with the program's own step names, so the facts the cook sends back need no translation),
//! the cook computes or waits for so many milliseconds, and prints text the page wrote out. They
//! cross between threads as numbers and texts, as the facts do (`wire`), written by the page as one
//! JSON text (`json`) that the cook reads with the browser's `JSON.parse`: the page's first look
//! already writes and parses JSON, where typed arrays built on the page would have added the
//! browser calls that make them to it. This module owns that encoding and nothing else; it never
//! panics on what it is given, only stops at what it cannot read.

use crate::export::json;
use crate::recipe::{Routine, StepId};
use crate::trace::Activity;

/// Numbers per step of a job.
pub const WIDTH: usize = 5;

const START: f64 = 1.0;
const END: f64 = 2.0;
const HOLD: f64 = 3.0;
const PRINT: f64 = 4.0;

/// One thing a cook does for a worker process.
#[derive(Clone, Debug, PartialEq)]
pub enum JobStep {
    /// Step `.0` begins, doing `.1` (a call's steps follow, until its end).
    Start(StepId, Activity),
    /// Step `.0` ends.
    End(StepId),
    /// The cook is held for this many milliseconds: computing ([`Activity::Work`]) or waiting.
    Hold(Activity, f64),
    /// The process prints this text (its `end` included).
    Print(String),
}

/// `steps` as numbers, and the texts they print.
pub fn encode(steps: &[JobStep]) -> (Vec<f64>, Vec<String>) {
    let mut numbers = Vec::with_capacity(steps.len() * WIDTH);
    let mut texts = Vec::new();
    for step in steps {
        let group = match step {
            JobStep::Start(id, activity) => {
                let (r, i) = routine_numbers(id.routine);
                [START, activity_number(*activity), r, i, id.index as f64]
            }
            JobStep::End(id) => {
                let (r, i) = routine_numbers(id.routine);
                [END, 0.0, r, i, id.index as f64]
            }
            JobStep::Hold(activity, ms) => [HOLD, activity_number(*activity), *ms, 0.0, 0.0],
            JobStep::Print(text) => {
                texts.push(text.clone());
                [PRINT, 0.0, (texts.len() - 1) as f64, 0.0, 0.0]
            }
        };
        numbers.extend_from_slice(&group);
    }
    (numbers, texts)
}

/// `steps` as the JSON text a cook is sent: `{"numbers":[…],"texts":[…]}`, [`encode`]'s two lists.
pub fn to_json(steps: &[JobStep]) -> String {
    let (numbers, texts) = encode(steps);
    let mut out = String::from("{\"numbers\":[");
    for (i, x) in numbers.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json::number(&mut out, *x);
    }
    out.push(']');
    json::field(&mut out, "texts");
    out.push('[');
    for (i, text) in texts.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json::string(&mut out, text);
    }
    out.push_str("]}");
    out
}

/// The steps in `numbers` (with their `texts`), or why they cannot be read: a job is carried out
/// whole or not at all.
pub fn decode(numbers: &[f64], texts: &[String]) -> Result<Vec<JobStep>, String> {
    if !numbers.len().is_multiple_of(WIDTH) {
        return Err(format!("a job of {} numbers is cut short", numbers.len()));
    }
    numbers
        .chunks_exact(WIDTH)
        .enumerate()
        .map(|(i, n)| {
            let step = || {
                let routine = match whole(n[2])? {
                    0 => Routine::Task(whole(n[3])?),
                    1 => Routine::Helper(whole(n[3])?),
                    _ => return None,
                };
                Some(StepId {
                    routine,
                    index: whole(n[4])?,
                })
            };
            let read = match n[0] {
                START => step()
                    .zip(activity(n[1]))
                    .map(|(s, a)| JobStep::Start(s, a)),
                END => step().map(JobStep::End),
                HOLD => activity(n[1])
                    .filter(|_| n[2].is_finite() && n[2] >= 0.0)
                    .map(|a| JobStep::Hold(a, n[2])),
                PRINT => whole(n[2])
                    .and_then(|t| texts.get(t))
                    .map(|t| JobStep::Print(t.clone())),
                _ => None,
            };
            read.ok_or_else(|| format!("step {} of the job cannot be read", i + 1))
        })
        .collect()
}

fn routine_numbers(routine: Routine) -> (f64, f64) {
    match routine {
        Routine::Task(i) => (0.0, i as f64),
        Routine::Helper(i) => (1.0, i as f64),
    }
}

fn activity_number(activity: Activity) -> f64 {
    match activity {
        Activity::Work => 0.0,
        Activity::Sleep => 1.0,
        Activity::Await => 2.0,
        Activity::Instant => 3.0,
    }
}

fn activity(x: f64) -> Option<Activity> {
    Some(match whole(x)? {
        0 => Activity::Work,
        1 => Activity::Sleep,
        2 => Activity::Await,
        3 => Activity::Instant,
        _ => return None,
    })
}

/// A number that must be a small whole one (an index), or `None`.
fn whole(x: f64) -> Option<usize> {
    (x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x < 1e9).then_some(x as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(routine: Routine, index: usize) -> StepId {
        StepId { routine, index }
    }

    #[test]
    fn every_step_crosses_unchanged() {
        let steps = vec![
            JobStep::Start(id(Routine::Task(2), 0), Activity::Work),
            JobStep::Start(id(Routine::Helper(7), 1), Activity::Sleep),
            JobStep::Hold(Activity::Sleep, 250.5),
            JobStep::End(id(Routine::Helper(7), 1)),
            JobStep::Hold(Activity::Work, 1000.0),
            JobStep::Print("slicing done\n".to_owned()),
            JobStep::Print("é, ⟨clock⟩".to_owned()),
            JobStep::Start(id(Routine::Task(2), 3), Activity::Instant),
            JobStep::End(id(Routine::Task(2), 0)),
        ];
        let (numbers, texts) = encode(&steps);
        assert_eq!(numbers.len(), steps.len() * WIDTH);
        assert_eq!(decode(&numbers, &texts), Ok(steps));
        assert_eq!(decode(&[], &[]), Ok(Vec::new()));
    }

    #[test]
    fn the_json_a_cook_is_sent_holds_both_lists() {
        let steps = [
            JobStep::Hold(Activity::Work, 12.25),
            JobStep::Print("say \"hi\"\n\u{1}é".to_owned()),
        ];
        let (numbers, texts) = encode(&steps);
        let read: serde_json::Value = serde_json::from_str(&to_json(&steps)).expect("JSON");
        let numbers_read: Vec<f64> = read["numbers"]
            .as_array()
            .expect("numbers")
            .iter()
            .filter_map(serde_json::Value::as_f64)
            .collect();
        let texts_read: Vec<String> = read["texts"]
            .as_array()
            .expect("texts")
            .iter()
            .filter_map(|t| t.as_str().map(str::to_owned))
            .collect();
        assert_eq!((numbers_read, texts_read), (numbers, texts));
        assert_eq!(to_json(&[]), r#"{"numbers":[],"texts":[]}"#);
    }

    #[test]
    fn a_job_that_cannot_be_read_is_refused_whole() {
        let (mut numbers, texts) = encode(&[
            JobStep::Hold(Activity::Work, 10.0),
            JobStep::Print("x".to_owned()),
        ]);
        assert_eq!(
            decode(&numbers[..7], &texts),
            Err("a job of 7 numbers is cut short".to_owned())
        );
        assert_eq!(
            decode(&numbers, &[]),
            Err("step 2 of the job cannot be read".to_owned())
        );
        numbers[2] = -1.0;
        assert_eq!(
            decode(&numbers, &texts),
            Err("step 1 of the job cannot be read".to_owned())
        );
        numbers[2] = 10.0;
        numbers[1] = 9.0;
        assert!(decode(&numbers, &texts).is_err());
        numbers[1] = 0.0;
        numbers[0] = 99.0;
        assert!(decode(&numbers, &texts).is_err());
    }
}
