//! Running: starting a run of the recipe on screen, cancelling it, feeding its live snapshots and
//! its result to the state, and what follows from runs (a comparison's queue, an exercise locked in,
//! `autorun=1`, the cooks' measuring).
//!
//! This file is the page's one caller of [`crate::runtime`] for runs: the components only emit the
//! [`Runner`]'s callbacks. What a result means (which runs the page keeps, what an exercise's verdict
//! is) is the state's, which this file reports to through [`RunEvent`]s; it computes no timings.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use yew::prelude::*;

use crate::components::lazy;
use crate::components::store::KitchenHandle;
use crate::model::cooks::measured_costs;
use crate::model::format::Fixed;
use crate::model::run::{Prediction, RunResult};
use crate::model::{Mode, Way, export};
use crate::runtime::RunHandle;
use crate::state::{Action, Choice, Kitchen, Notice, Pool, QuizAction, RunEvent};
use crate::web;

/// How often a live run's timeline is redrawn, in milliseconds: often enough to watch it grow, rarely
/// enough that drawing does not disturb what it measures.
pub(crate) const SNAPSHOT_MS: u32 = 150;
/// The same on cooks: each snapshot is the page's thread computing and drawing while the cooks
/// compute, and on a machine with no more cores than cooks that time is taken from them
/// (chop-and-dice on two cooks and two cores, median of nine runs: 1 295 ms with a snapshot every
/// 150 ms, 1 248 ms with one every 500 ms).
const COOKS_SNAPSHOT_MS: u32 = 500;

/// How long `autorun=1` lets the page settle after loading before the run starts, in milliseconds.
const AUTORUN_DELAY_MS: u32 = 400;
/// How long the page waits, once the processes mode is chosen, before it begins measuring how fast
/// it computes, in milliseconds: time to draw the choice first.
const PREPARE_DELAY_MS: u32 = 100;

/// What the page can do with runs.
#[derive(Clone, PartialEq)]
pub struct Runner {
    /// Starts a run of this mode on the recipe on screen, unless one is running.
    pub start: Callback<Mode>,
    /// Cancels the run in progress, if any.
    pub cancel: Callback<()>,
    /// Locks the shown exercise's answer in (if it is not yet) and starts the run that judges it.
    pub lock: Callback<()>,
    /// The one run in progress, which a table's runs (`four_ways::filling`) take their turn in,
    /// so that Cancel stops them and nothing else starts meanwhile.
    pub slot: RunSlot,
}

/// The page's one run in progress, if any: shared by the runner and the four ways' table.
#[derive(Clone)]
pub struct RunSlot(pub Rc<RefCell<Option<RunHandle>>>);

/// One slot is one slot, whatever it holds now.
impl PartialEq for RunSlot {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The page's runs: the [`Runner`], a comparison's queue run one mode at a time, and the cooks'
/// measuring once the processes mode is chosen. `embed` reports each result to the course page.
#[hook]
pub fn use_runner(kitchen: &KitchenHandle, embed: bool) -> Runner {
    let handle: Rc<RefCell<Option<RunHandle>>> = use_mut_ref(|| None);
    let start = {
        let (kitchen, handle) = (kitchen.clone(), handle.clone());
        Callback::from(move |mode: Mode| begin(&kitchen, &handle, mode, embed))
    };
    let cancel = {
        let handle = handle.clone();
        Callback::from(move |()| {
            if let Some(run) = handle.borrow().as_ref() {
                run.cancel();
            }
        })
    };
    let lock = {
        let (kitchen, handle) = (kitchen.clone(), handle.clone());
        Callback::from(move |()| {
            if let Some(mode) = lock_in(&kitchen) {
                begin(&kitchen, &handle, mode, embed);
            }
        })
    };

    // A comparison runs its queue one mode at a time, each as soon as the page is free.
    {
        let start = start.clone();
        let next = kitchen.queue.first().copied();
        use_effect_with((kitchen.running, next), move |&(running, next)| {
            if let (None, Some(mode)) = (running, next) {
                start.emit(mode);
            }
        });
    }

    // Choosing the processes mode measures how fast this machine computes, once, after the page
    // has drawn the choice: the cooks' work is that many rounds of computation a millisecond.
    // (A run interrupts the measuring; the end of a run on cooks resumes it.)
    // The cooks' code is fetched then too: it is the mode's own (`lazy::COOKS`).
    // The chunk brings the workers' simulations too, which the state predicts those modes with.
    {
        let dispatcher = kitchen.dispatcher();
        use_effect_with(kitchen.mode.on_cooks(), move |&on_cooks| {
            if on_cooks {
                wasm_bindgen_futures::spawn_local(async move {
                    match lazy::COOKS.get().await {
                        Ok(cooks) => {
                            dispatcher.dispatch(Action::Choose(Choice::Simulate(cooks.simulate)));
                            TimeoutFuture::new(PREPARE_DELAY_MS).await;
                            (cooks.prepare)().await;
                        }
                        // Run fetches it again, and says so if it fails again.
                        Err(_) => dispatcher.dispatch(Action::Notify(Some(Notice::problem(
                            "The page could not download what runs the cooks, so it cannot \
                             predict this mode yet. Check the connection, then press Run, which \
                             tries again.",
                        )))),
                    }
                });
            }
        });
    }

    Runner {
        start,
        cancel,
        lock,
        slot: RunSlot(handle.clone()),
    }
}

/// `autorun=1`: starts the chosen mode once the page is `ready` (a link's compressed recipe is
/// open), unless it would freeze the page before anyone chose to. It waits for the page to settle
/// first: the stage is drawn, then measured and drawn again at its column's width, and a run started
/// meanwhile would have its first timers wait behind that.
#[hook]
pub fn use_autorun(runner: &Runner, autorun: bool, ready: bool, mode: Mode) {
    let start = runner.start.clone();
    use_effect_with(ready, move |&ready| {
        if ready && autorun && !matches!(mode, Mode::Blocking | Mode::BlockingInAsync) {
            wasm_bindgen_futures::spawn_local(async move {
                TimeoutFuture::new(AUTORUN_DELAY_MS).await;
                start.emit(mode);
            });
        }
    });
}

/// Locks the shown exercise in, if it can be, and says which mode's run judges it: the mode it
/// already waits for, else the question's own. Chooses that mode on the page.
fn lock_in(kitchen: &KitchenHandle) -> Option<Mode> {
    let quiz = &kitchen.quiz;
    let mode = match quiz.waiting {
        Some((n, mode)) if n == quiz.current => mode,
        _ => {
            quiz.can_lock(kitchen.edited(), kitchen.parsed.is_ok())
                .ok()?;
            // The drawer that asks to lock in is the exercises' chunk's, which holds the judge.
            let judge = lazy::EXERCISES.now()?.judge;
            let mode = quiz.mode_for(kitchen.mode);
            kitchen.dispatch(Action::Quiz(QuizAction::Lock(mode, judge)));
            mode
        }
    };
    if kitchen.mode != mode {
        kitchen.dispatch(Action::Choose(Choice::Mode(mode)));
    }
    Some(mode)
}

/// The status line: what is running, and what that does to the page. `freeze` is the longest the
/// run is expected to hold the thread at a stretch, in milliseconds.
pub fn status(kitchen: &Kitchen, freeze: f64) -> String {
    let Some(mode) = kitchen.running else {
        return if kitchen.queue.is_empty() {
            String::new()
        } else {
            "Comparing: the next mode starts in a moment.".to_owned()
        };
    };
    let name = if kitchen.written_program().is_some() {
        "your program as written".to_owned()
    } else {
        mode.label().to_ascii_lowercase()
    };
    if mode.freezes_page() {
        format!(
            "Running {name}: the page is frozen for about {} s. Nothing on it can move until the \
             run ends.",
            Fixed(freeze / 1000.0, 1)
        )
    } else if freeze >= 1000.0 {
        format!(
            "Running {name}: while a step works it holds the thread, so the page freezes for up to \
             {} s at a stretch; the timeline catches up in between.",
            Fixed(freeze / 1000.0, 1)
        )
    } else {
        format!("Running {name}… the timeline grows as it runs.")
    }
}

/// Starts `mode` on the recipe on screen (or the learner's program as written, when the stage
/// shows it), feeds its snapshots and result to the page, and reports the result to a parent frame
/// when embedded. Does nothing while another run is in progress.
fn begin(
    kitchen: &KitchenHandle,
    handle: &Rc<RefCell<Option<RunHandle>>>,
    mode: Mode,
    embed: bool,
) {
    if handle.borrow().is_some() {
        return;
    }
    if kitchen.written_program().is_some() {
        begin_written(kitchen, handle);
        return;
    }
    let Some(recipe) = kitchen.recipe() else {
        return;
    };
    let plan = kitchen.cook_plan_for(mode);
    let started = if mode.on_cooks() {
        // The cooks' code came with the mode's choice; a link that opens on the mode and runs at
        // once may start before it is here, and then starts once it is.
        let Some(cooks) = lazy::COOKS.now() else {
            let (kitchen, handle) = (kitchen.clone(), handle.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match lazy::COOKS.get().await {
                    Ok(cooks) => {
                        kitchen.dispatch(Action::Choose(Choice::Simulate(cooks.simulate)));
                        begin(&kitchen, &handle, mode, embed);
                    }
                    Err(_) => kitchen.dispatch(Action::Run(RunEvent::Refused(
                        "The page could not download what runs the cooks. Check the connection, \
                         then run it again."
                            .to_owned(),
                    ))),
                }
            });
            return;
        };
        if mode.threaded() {
            (cooks.start_threads)((*recipe).clone(), plan.count, mode == Mode::FreeThreaded)
        } else {
            (cooks.start)((*recipe).clone(), plan.count)
        }
    } else if kitchen.way_of(mode) != Way::Async {
        // The tasks written another way run that way. Choosing the way fetched its code, which
        // the code panel waits for too ("Loading the code…"): a run asked for before it is here
        // is refused, to be asked for again.
        let Some(ways) = lazy::WAYS.now() else {
            kitchen.dispatch(Action::Run(RunEvent::Refused(
                "This way's code is still downloading: run it again in a moment.".to_owned(),
            )));
            return;
        };
        (ways.start)((*recipe).clone(), mode, kitchen.way_of(mode))
    } else {
        // The runner comes with the first Run: the first look holds none of it.
        let Some(runner) = lazy::RUNNER.now() else {
            let (kitchen, handle) = (kitchen.clone(), handle.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match lazy::RUNNER.get().await {
                    Ok(_) => begin(&kitchen, &handle, mode, embed),
                    Err(_) => kitchen.dispatch(Action::Run(RunEvent::Refused(
                        "The page could not download what runs the recipe. Check the connection, \
                         then run it again."
                            .to_owned(),
                    ))),
                }
            });
            return;
        };
        (runner.start)((*recipe).clone(), mode)
    };
    let run = match started {
        Ok(run) => run,
        Err(refused) => {
            kitchen.dispatch(Action::Run(RunEvent::Refused(refused.to_string())));
            return;
        }
    };
    kitchen.dispatch(Action::Run(RunEvent::Started(mode)));
    *handle.borrow_mut() = Some(run.handle.clone());
    // The stage's prediction is this run's when it is of the same recipe and mode.
    let predicted = kitchen
        .predicted
        .as_ref()
        .filter(|p| p.recipe == recipe && p.mode == mode && kitchen.predicted_on == plan)
        .map_or_else(
            || {
                // A run on the workers started with their chunk, which simulates them.
                let simulate = lazy::COOKS.now().filter(|_| mode.on_cooks());
                Rc::new(match simulate {
                    Some(cooks) => {
                        Prediction::of_trace(&recipe, (cooks.simulate.0)(&recipe, mode, plan))
                    }
                    None => Prediction::on_page(&recipe, mode),
                })
            },
            |p| p.prediction.clone(),
        );
    // Live snapshots: a timer between them frees the thread, and during a blocking run none fires.
    // Each waits for a lull in the run's timers, so that the redraw holds none of them back (WebKit
    // then paints before it runs a timer that came due meanwhile), and none is drawn once the run is
    // over: after a blocking run, a redraw would only delay the frame that ends its freeze.
    {
        let (dispatcher, recipe, predicted) =
            (kitchen.dispatcher(), recipe.clone(), predicted.clone());
        let run = run.handle.clone();
        let every = if mode.on_cooks() {
            COOKS_SNAPSHOT_MS
        } else {
            SNAPSHOT_MS
        };
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                TimeoutFuture::new(every).await;
                run.lull().await;
                if run.is_over() {
                    break;
                }
                let snapshot = RunResult::with_prediction(
                    recipe.clone(),
                    mode,
                    run.trace(),
                    predicted.clone(),
                    true,
                );
                dispatcher.dispatch(Action::Run(RunEvent::Snapshot(Rc::new(snapshot))));
            }
        });
    }
    let (dispatcher, handle, lesson, before) = (
        kitchen.dispatcher(),
        handle.clone(),
        kitchen.opened.lesson.as_ref().map(|l| l.id),
        kitchen.pool,
    );
    wasm_bindgen_futures::spawn_local(async move {
        let trace = run.finished.await;
        let failure = run.handle.failure();
        handle.borrow_mut().take();
        if let (true, Some(cooks)) = (mode.on_cooks(), lazy::COOKS.now()) {
            wasm_bindgen_futures::spawn_local((cooks.prepare)());
            // What the cooks cost this time is what the next prediction counts on.
            let measured = measured_costs(&trace);
            dispatcher.dispatch(Action::Run(RunEvent::PoolChanged(Pool {
                warm: (cooks.warm)(),
                startup_ms: measured.startup.unwrap_or(before.startup_ms),
                message_ms: measured.message.unwrap_or(before.message_ms),
                reply_ms: measured.reply.unwrap_or(before.reply_ms),
                handover_ms: measured.handover.unwrap_or(before.handover_ms),
            })));
        }
        if let Some(why) = failure {
            dispatcher.dispatch(Action::Notify(Some(Notice::problem(format!(
                "The run stopped: {why}. The other modes still work."
            )))));
        }
        let result = RunResult::with_prediction(recipe, mode, trace, predicted, false);
        if embed {
            web::embed::post(&export::run_message(
                lesson,
                &result.recipe,
                mode,
                &result.totals,
                &result.prediction.totals,
                result.timeline.cancelled,
                result.timeline.throttled,
            ));
        }
        dispatcher.dispatch(Action::Run(RunEvent::Finished(Rc::new(result))));
    });
}

/// Runs the learner's program as written: what starts and follows the run is the Python chunk's
/// (`components::python_run`), fetched with the Python editor, so that it costs the first look
/// nothing.
fn begin_written(kitchen: &KitchenHandle, handle: &Rc<RefCell<Option<RunHandle>>>) {
    let (kitchen, handle) = (kitchen.clone(), handle.clone());
    wasm_bindgen_futures::spawn_local(async move {
        match lazy::PYTHON.get().await {
            Ok(python) => (python.run)(kitchen, handle),
            Err(_) => kitchen.dispatch(Action::Run(RunEvent::Refused(
                "The page could not download what runs your Python. Check the connection, then \
                 run it again."
                    .to_owned(),
            ))),
        }
    });
}
