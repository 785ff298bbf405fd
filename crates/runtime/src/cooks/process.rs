//! A cook's side of a learner's worker process: the job the page sent (`model::cooks::job`),
//! carried out step by step on the cook's own thread, its facts reported as a recipe task's are.
//!
//! A process runs a plain function alone, so nothing here is a loop's: the job's steps run in
//! order, `work` computes at the rate the page measured (so that cooks sharing too few cores
//! take longer, as processes do), and a wait (`time.sleep`) waits on a timer of the cook's own,
//! computing nothing, as a sleeping process does. The whole job is one stretch of the process's
//! thread, from the first step to the last, which its facts say as one poll. The facts are the ones
//! the model of asyncio lays out for the same job (`python::asyncio`), in the same order.

use gloo_timers::callback::Interval;
use gloo_timers::future::TimeoutFuture;
use kitchen_model::cooks::job::JobStep;
use kitchen_model::python::program::Lines;
use kitchen_model::{Activity, EventKind};

use super::worker::{FLUSH_MS, report};
use crate::busy::{busy_until, compute};
use crate::clock;
use crate::recorder::Recorder;

/// Carries out `steps` for the program's lane `task`, computing `rate` rounds a millisecond of
/// work, and reports its facts as it goes and when it ends.
pub(super) async fn run(steps: Vec<JobStep>, task: usize, rate: f64) {
    let recorder = Recorder::new();
    let flusher = {
        let recorder = recorder.clone();
        Interval::new(FLUSH_MS, move || report(&recorder, task, false))
    };
    // The facts of one moment share a clock reading, as a poll's do on the page, read afresh
    // after each hold (`busy` says when it ended): a process's last step, its return and its end
    // are one moment, not three a few microseconds apart.
    let (held, _) = clock::Held::start();
    recorder.record(EventKind::PollStart { task });
    let mut lines = Lines::default();
    for step in steps {
        match step {
            JobStep::Start(step, activity) => recorder.record(EventKind::StepStart {
                task,
                step,
                activity,
            }),
            JobStep::End(step) => recorder.record(EventKind::StepEnd { task, step }),
            JobStep::Hold(Activity::Work, ms) => compute((rate * ms).round() as u64),
            JobStep::Hold(_, ms) => {
                let until = clock::now() + ms;
                // A browser timer may fire a little early on some engines: the rest is spun, so
                // that a wait is never shorter than asked.
                TimeoutFuture::new(ms.floor() as u32).await;
                busy_until(until);
            }
            JobStep::Print(text) => {
                for text in lines.push(&text) {
                    recorder.record(EventKind::Print { task, text });
                }
            }
        }
    }
    if let Some(text) = lines.finish() {
        recorder.record(EventKind::Print { task, text });
    }
    recorder.record(EventKind::PollEnd { task, ready: true });
    recorder.record(EventKind::TaskEnd { task });
    drop(held);
    drop(flusher);
    report(&recorder, task, true);
}
