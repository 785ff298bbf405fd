//! A run's life: refused or started, watched, possibly cancelled, finished.

use std::cell::Cell;
use std::fmt;
use std::future::Future;
use std::rc::Rc;

use futures::FutureExt;
use futures::future::{AbortHandle, Abortable, LocalBoxFuture};

use super::frames::{Heartbeat, next_frame};
use super::interpret::{Ctx, run_async};
use super::modes::drive;
use super::observe::Observers;
use super::recorder::Recorder;
use super::timer_queue;
use kitchen_model::format::Fixed;
use kitchen_model::{Mode, Recipe, Trace, Way, predict};

/// The longest the page may be frozen by one run, in milliseconds. A blocking run cannot be
/// cancelled once it holds the thread, so a classroom tab must never be frozen for longer than this.
pub const MAX_FREEZE_MS: f64 = 30_000.0;

/// The longest the page waits for each of the two frames before a run; hidden tabs draw none.
const FRAME_LIMIT_MS: u32 = 100;

/// The longest the page waits for the frame after a run, which ends the run's last freeze. A
/// visible page draws it as soon as it can, but on a busy machine that can take longer than a tenth
/// of a second: a 306 ms blocking run once had no frame recorded in the 100 ms it was given, and its
/// card stated the longest freeze from the frames before it (18 ms). A hidden tab draws none, and
/// runs its timers about once a second anyway, so waiting longer costs it nothing.
const LAST_FRAME_LIMIT_MS: u32 = 1000;

/// How far ahead of a run's next timer the page must be free before it redraws the live timeline,
/// in milliseconds. The redraw holds the thread for up to 29 ms in WebKit (about 7 in Firefox and
/// Chromium), and WebKit paints for another 13–15 ms before it runs a timer that came due meanwhile.
/// Chores gathered, whose timers come due as its long stretch of work ends, together with a redraw,
/// ended a median 41 ms after its prediction in WebKit (Firefox 10, Chromium 20; six runs each),
/// and 1 ms (Firefox 2, Chromium 4) once the redraw waited for its timers to fire.
pub(crate) const LULL_MS: f64 = 50.0;

/// The longest a redraw waits for a lull in the run's timers, in milliseconds, so that a run whose
/// timers come every few milliseconds is still drawn while it grows.
pub(crate) const LULL_LIMIT_MS: u32 = 150;

thread_local! {
    /// Whether a run is in progress on this page: there is one thread, so there is one run at a time.
    pub(crate) static RUNNING: Cell<bool> = const { Cell::new(false) };
}

/// Why a run was not started.
#[derive(Clone, Debug, PartialEq)]
pub enum RunError {
    /// Another run is in progress.
    Busy,
    /// The run would hold the thread longer than [`MAX_FREEZE_MS`] at a stretch.
    TooLong {
        /// How long the page would freeze, in milliseconds.
        freeze_ms: f64,
    },
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunError::Busy => write!(
                f,
                "A run is already in progress; wait for it or cancel it first."
            ),
            RunError::TooLong { freeze_ms } => write!(
                f,
                "This run would freeze the page for about {} s, and the limit is {} s. \
                 Lower the scale (milliseconds per unit) or the numbers in the recipe to run it.",
                Fixed(freeze_ms / 1000.0, 1),
                Fixed(MAX_FREEZE_MS / 1000.0, 0)
            ),
        }
    }
}

/// The longest the page would be frozen by `recipe` in `mode`: the prediction's longest hold. A
/// mode on the page's workers never holds the page's thread ([`predict::on_page`] gives it none).
pub fn expected_freeze_ms(recipe: &Recipe, mode: Mode) -> f64 {
    let trace = predict::on_page(recipe, mode);
    kitchen_model::Timeline::from_trace(recipe, &trace)
        .totals()
        .longest_hold
}

/// What the page holds while a run is in progress: a way to cancel it and to read its trace so far.
#[derive(Clone)]
pub struct RunHandle {
    abort: AbortHandle,
    recorder: Recorder,
}

impl RunHandle {
    /// Stops an async run at once: its futures are dropped, which clears their timers; the trace
    /// recorded so far is kept and marked cancelled. A blocking run cannot be stopped: it holds the
    /// thread, so nothing (this call included) runs until it is over.
    pub fn cancel(&self) {
        self.abort.abort();
    }

    /// Everything recorded so far, for drawing a run while it grows.
    pub fn trace(&self) -> Trace {
        self.recorder.trace()
    }

    /// Completes at a lull in the run: once none of its timers is due within the next 50 ms (every
    /// one due sooner, or overdue, has fired and the tasks it woke have been polled), or after
    /// 150 ms at most. What the page does next (a redraw) then holds back no timer of the run.
    /// Check [`RunHandle::is_over`] after it: the run may have ended meanwhile.
    pub async fn lull(&self) {
        timer_queue::lull(LULL_MS, LULL_LIMIT_MS).await;
    }

    /// Whether the run has ended (finished, failed or cancelled), even if the frame after it is
    /// still awaited.
    pub fn is_over(&self) -> bool {
        self.recorder.is_finished()
    }

    /// Why the run stopped before its end, if something failed (a cook could not start or
    /// panicked); `None` while it goes on, and for a run that finished or was cancelled.
    pub fn failure(&self) -> Option<String> {
        self.recorder.failure()
    }
}

/// A started run: its handle, and the future that performs it and yields the finished trace.
pub struct Run {
    /// Cancels the run or reads its trace so far.
    pub handle: RunHandle,
    /// Performs the run; it must be awaited (or spawned) for anything to happen.
    pub finished: LocalBoxFuture<'static, Trace>,
}

/// Clears the page's one-run flag when the run ends or is dropped, however that happens.
struct RunningFlag;

impl Drop for RunningFlag {
    fn drop(&mut self) {
        RUNNING.with(|r| r.set(false));
    }
}

/// Whether a run records what happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tracing {
    /// Every poll, wake, timer, step, print and frame is recorded: what the page shows.
    On,
    /// Only the run's start and end are kept, and no heartbeat runs: for measuring tracing's cost.
    Off,
}

/// Starts running `recipe` in `mode` with tracing on: [`start_with`] for the page.
pub fn start(recipe: Recipe, mode: Mode) -> Result<Run, RunError> {
    start_with(recipe, mode, Tracing::On)
}

/// Starts running `recipe` in the processes mode on `cooks` cooks, with tracing on, unless a run
/// is in progress or the page would freeze too long.
///
/// The processes mode is started here and only here ([`start`] refuses it): what hands its tasks
/// to the cooks is then reached only from this function, which the page calls from a chunk of its
/// own, so that a learner who never chooses the mode downloads none of it.
pub fn start_on_cooks(recipe: Recipe, cooks: usize) -> Result<Run, RunError> {
    check(&recipe, Mode::Processes)?;
    Ok(start_driven(Tracing::On, move |rec| async move {
        let ctx = page_ctx(recipe, rec);
        super::cooks::drive(&ctx, cooks).await
    }))
}

/// Starts running `recipe` in the threads mode on `threads` threads (the pool's cooks), with
/// tracing on, unless a run is in progress: each task a plain function, the threads taking turns on
/// a GIL the page keeps, or `free_threaded`, on none.
///
/// The threads mode is started here and only here ([`start`] refuses it), as the processes mode is
/// by [`start_on_cooks`]: the page reaches it from a chunk of its own.
pub fn start_on_threads(
    recipe: Recipe,
    threads: usize,
    free_threaded: bool,
) -> Result<Run, RunError> {
    check(&recipe, Mode::Threads)?;
    Ok(start_driven(Tracing::On, move |rec| async move {
        let ctx = page_ctx(recipe, rec);
        super::cooks::drive_threads(&ctx, threads, free_threaded).await
    }))
}

/// Starts running `recipe` in `mode` with its tasks written in `way`, with tracing on, unless a
/// run is in progress or the page would freeze too long: a real run on the page's thread, recorded
/// as an async/await run is (the same steps, prints, timers, wakes and polls), so that the model
/// draws and replays it alike.
///
/// [`Way::Async`] is [`start`]'s run. The state machine way drives hand-written futures with the
/// mode's own executor code; the callbacks way runs each task as a chain of callbacks, each
/// recorded as a poll of its task. A way that does not apply to `mode` ([`Way::applies_to`]:
/// blocking, never awaited and the processes mode are written only with async/await) falls back
/// to async/await, which is what the code view shows for those modes, rather than being refused:
/// a refusal would be a new [`RunError`], whose words the first look would carry for a run the
/// page never asks for.
///
/// The other ways are started here and only here: the page calls this from a chunk of its own, so
/// that a learner who never switches the way downloads none of their code ([`start`] reaches none
/// of it).
pub fn start_in_way(recipe: Recipe, mode: Mode, way: Way) -> Result<Run, RunError> {
    if way == Way::Async || !way.applies_to(mode) {
        return start(recipe, mode);
    }
    check(&recipe, mode)?;
    Ok(start_driven(Tracing::On, move |rec| async move {
        let ctx = page_ctx(recipe, rec);
        super::ways::drive(&ctx, mode, way).await
    }))
}

/// Starts running `recipe` in `mode`, unless a run is in progress or the page would freeze too long.
///
/// Before the run, the page draws two frames: the first paints whatever the page announced ("the
/// page will freeze…") before the thread is taken, the second gives the heartbeat a frame just before
/// time zero, so a freeze at the very start of the run is measured from there. After it, one more
/// frame shows where the last freeze ended (waited for up to a second: a busy machine may be slow to
/// draw it).
///
/// The processes mode is [`start_on_cooks`]'s and the threads mode [`start_on_threads`]'s: here
/// their runs stop at once, saying so.
pub fn start_with(recipe: Recipe, mode: Mode, tracing: Tracing) -> Result<Run, RunError> {
    check(&recipe, mode)?;
    Ok(start_driven(tracing, move |rec| async move {
        let ctx = page_ctx(recipe, rec);
        drive(&ctx, mode, run_async).await
    }))
}

/// What a run on the page's thread (or handing tasks to cooks from it) runs with: no rate of its
/// own, as a cook has one.
fn page_ctx(recipe: Recipe, recorder: Recorder) -> Rc<Ctx> {
    Rc::new(Ctx {
        recipe,
        recorder,
        rounds_per_ms: None,
    })
}

/// Whether a run of `recipe` in `mode` may start: no other is in progress, and it would not
/// freeze the page too long.
fn check(recipe: &Recipe, mode: Mode) -> Result<(), RunError> {
    if RUNNING.with(Cell::get) {
        return Err(RunError::Busy);
    }
    let freeze_ms = expected_freeze_ms(recipe, mode);
    if freeze_ms > MAX_FREEZE_MS {
        return Err(RunError::TooLong { freeze_ms });
    }
    Ok(())
}

/// Starts a run whose events `drive` records, once the page has drawn its two frames: the life
/// every run shares (the one-run flag, the heartbeat and the observers, the frame after it, the
/// cancel), whatever drives its tasks. Generic rather than boxed, so that a program's run (whose
/// executor is a chunk of the page's own) takes its copy with it, and the recipe's costs no box.
pub(crate) fn start_driven<F>(tracing: Tracing, drive: impl FnOnce(Recorder) -> F + 'static) -> Run
where
    F: Future<Output = Result<(), String>> + 'static,
{
    RUNNING.with(|r| r.set(true));
    let flag = RunningFlag;
    let recorder = match tracing {
        Tracing::On => Recorder::new(),
        Tracing::Off => Recorder::untraced(),
    };
    let (abort, registration) = AbortHandle::new_pair();
    let rec = recorder.clone();
    let finished = async move {
        let _flag = flag;
        let watching = rec
            .is_tracing()
            .then(|| (Heartbeat::start(rec.clone()), Observers::start(rec.clone())));
        next_frame(FRAME_LIMIT_MS).await;
        next_frame(FRAME_LIMIT_MS).await;
        rec.set_origin();
        let outcome = Abortable::new(drive(rec.clone()), registration).await;
        // A run that could not go on (a cook failed) ends as a cancelled one does, with its reason.
        let cancelled = match outcome {
            Ok(Ok(())) => false,
            Ok(Err(why)) => {
                rec.fail(why);
                true
            }
            Err(_) => true,
        };
        rec.finish(cancelled);
        if !cancelled {
            next_frame(LAST_FRAME_LIMIT_MS).await;
        }
        if let Some((heartbeat, observers)) = watching {
            observers.flush();
            drop(observers);
            drop(heartbeat);
        }
        rec.trace()
    }
    .boxed_local();
    Run {
        handle: RunHandle { abort, recorder },
        finished,
    }
}

/// Runs `recipe` in `mode` to the end and returns its trace: [`start`] without the handle.
pub async fn run(recipe: Recipe, mode: Mode) -> Result<Trace, RunError> {
    Ok(start(recipe, mode)?.finished.await)
}
