//! The Rust view of a recipe written as state machines: every `async fn` of the async/await view
//! written out as the future the compiler makes of it, an `enum` with rustc's own variant names
//! (`Unresumed`, `Suspend0`…, `Returned`) and an `impl Future` whose `poll` runs the code between
//! two `.await`s and moves to the next state.
//!
//! This module owns the tasks' and helpers' text in that way; [`names`] makes up the enums' names
//! and `poll`'s locals. `main` stays the async/await view's, since these futures are futures like
//! any other: it must not change how `main` drives them, and the steps that do not suspend are the
//! parent's `statement`, so they read the same in every way.

mod names;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use super::super::names::Names;
use super::super::shared::{Body, Group, forgotten, groups, one_line, step_comment, time_scale};
use super::super::writer::Writer;
use super::super::{CodeView, DEFAULT_COOKS, Language};
use super::callbacks::Pause;
use crate::mode::Mode;
use crate::recipe::{Action, Recipe, Routine, Step, StepId};
use names::{Locals, Types};

/// rustc's panic message for a future polled again after it returned `Ready`.
const RESUMED_AFTER_COMPLETION: &str = "panic!(\"`async fn` resumed after completion\"),";

/// The program that runs `recipe` in `mode` (one that [`Way::StateMachine`](crate::way::Way)
/// applies to), every task and helper written as its state machine.
pub(super) fn code(recipe: &Recipe, mode: Mode) -> CodeView {
    let names = Names::new(recipe);
    let types = Types::new(recipe, &names);
    let body = Body::of(mode);
    let groups = groups(recipe, &names);
    let locals = Locals::new(recipe, &names);
    let mut w = Writer::new(Language::Rust);
    header(&mut w, recipe, mode, body, groups.len());
    let helpers = (0..recipe.helpers.len()).map(Routine::Helper);
    for routine in helpers.chain((0..recipe.tasks.len()).map(Routine::Task)) {
        let Some(coroutine) = recipe.routine(routine) else {
            continue;
        };
        let machine = Machine {
            recipe,
            names: &names,
            types: &types,
            locals: &locals,
            routine,
            body,
            name: names.routine(routine),
            ty: types.routine(routine),
            steps: &coroutine.steps,
        };
        machine.write(&mut w);
    }
    main(&mut w, mode, &groups);
    w.finish()
}

/// The time scale, what the page's futures do (only those used), the way, and the imports.
fn header(w: &mut Writer, recipe: &Recipe, mode: Mode, body: Body, tasks: usize) {
    let unit = recipe.unit.symbol();
    let steps = || {
        recipe
            .tasks
            .iter()
            .chain(&recipe.helpers)
            .flat_map(|t| &t.steps)
    };
    let used = |f: &dyn Fn(&Step) -> bool| steps().any(f);
    w.comment(0, &time_scale(recipe));
    if used(&|s| matches!(s.action, Action::Work(_))) {
        w.comment(
            0,
            &format!(
                "work(n) busy-waits n {unit}: the cook's hands are full and the thread is held."
            ),
        );
    }
    let timer = |s: &Step| {
        let n = if let Action::Wait(n) = s.action { n } else { 0 };
        n > 0 && body == Body::Async
    };
    if used(&timer) {
        w.comment(
            0,
            &format!("sleep(n) returns a Sleep, a gloo-timers timeout of n {unit}: Pending until it fires."),
        );
    }
    if used(&|s| matches!(s.action, Action::Wait(_)) && body == Body::AsyncBlockingWaits) {
        w.comment(
            0,
            &format!("blocking_sleep(n) busy-waits n {unit}, even inside poll: it never gives the thread back."),
        );
    }
    if used(&|s| {
        Pause::of(s, body) == Pause::Yield || (forgotten(s, body) && s.action.is_bare_yield())
    }) {
        w.comment(
            0,
            "yield_now() returns a YieldNow: Pending once, after waking its task, like asyncio.sleep(0).",
        );
    }
    // A recipe without tasks or helpers has no machine to explain, nor to import for.
    if !(recipe.tasks.is_empty() && recipe.helpers.is_empty()) {
        for line in [
            "Each async fn is written out as the compiler writes it: an enum with a state for each .await,",
            "and a poll that runs the code from one .await to the next, returning Pending while it waits.",
            // `match &mut *self` and `Pin::new` need `Unpin`, which a learner who knows that the
            // compiler's futures are not would ask about.
            "Unlike the compiler's, these hold no borrows, so they are Unpin and poll can use Pin::new.",
        ] {
            w.comment(0, line);
        }
        w.line(0, "");
        w.line(0, "use std::future::Future;");
        w.line(0, "use std::pin::Pin;");
        w.line(0, "use std::task::{Context, Poll};");
    }
    w.line(0, "");
    // The async/await view's imports, which its `main` needs.
    let imports: &[&str] = match mode {
        Mode::Gather | Mode::BlockingInAsync if tasks > 1 => {
            &["use futures::future::{FutureExt, join_all};"]
        }
        Mode::Gather | Mode::BlockingInAsync => &["use futures::future::join_all;"],
        Mode::Spawn => &["use futures::channel::oneshot;"],
        _ => &[],
    };
    for import in imports {
        w.line(0, import);
    }
    w.line(0, "use wasm_bindgen::prelude::*;");
    if mode == Mode::Spawn {
        w.line(0, "use wasm_bindgen_futures::spawn_local;");
    }
    w.gap();
    if mode == Mode::Spawn {
        super::spawn_fn(w);
        w.gap();
    }
}

/// One task's or helper's state machine, as it is being written.
struct Machine<'a> {
    recipe: &'a Recipe,
    names: &'a Names,
    types: &'a Types,
    locals: &'a Locals,
    routine: Routine,
    body: Body,
    /// The async fn's name.
    name: &'a str,
    /// Its future's type.
    ty: &'a str,
    steps: &'a [Step],
}

/// A suspend point: the step that awaits, and what it awaits.
struct Suspend<'a> {
    /// The step's index in its routine.
    index: usize,
    /// The future, such as `sleep(45)`.
    future: String,
    /// The field that holds it and the field's type, such as `timer` and `Sleep`.
    field: &'a str,
    ty: String,
    /// What the variant's comment says it holds.
    holds: String,
}

impl Machine<'_> {
    /// The enum, its `impl Future` and the function that makes it.
    fn write(&self, w: &mut Writer) {
        let suspends = self.suspends();
        let (name, ty) = (self.name, self.ty);
        w.line(
            0,
            &format!(
                "/// The future `async fn {name}()` returns, written out as the compiler writes it."
            ),
        );
        w.line(0, &format!("enum {ty} {{"));
        w.line(1, "/// Made, not yet polled.");
        w.line(1, "Unresumed,");
        for (k, suspend) in suspends.iter().enumerate() {
            let step = &self.steps[suspend.index];
            let label = step
                .label
                .as_deref()
                .map(one_line)
                .filter(|l| !l.is_empty())
                .map(|l| format!(" ({l})"))
                .unwrap_or_default();
            w.line(
                1,
                &format!(
                    "/// Waiting at `{}.await`{label}: holds {}.",
                    suspend.future, suspend.holds
                ),
            );
            w.line(
                1,
                &format!("Suspend{k} {{ {}: {} }},", suspend.field, suspend.ty),
            );
        }
        w.line(1, "/// Finished: polling it again is a bug.");
        w.line(1, "Returned,");
        w.line(0, "}");
        w.gap();
        self.poll(w, &suspends);
        w.gap();
        w.line(0, &format!("fn {name}() -> {ty} {{"));
        w.line(1, &format!("{ty}::Unresumed"));
        w.line(0, "}");
        w.gap();
    }

    /// The steps that really suspend, in order: each is a state.
    fn suspends(&self) -> Vec<Suspend<'_>> {
        let mut out = Vec::new();
        for (index, step) in self.steps.iter().enumerate() {
            let (future, field, ty, holds) = match (Pause::of(step, self.body), &step.action) {
                (Pause::Timer(n), _) => (
                    format!("sleep({n})"),
                    self.locals.timer.as_str(),
                    "Sleep".to_owned(),
                    "the timer".to_owned(),
                ),
                (Pause::Yield, _) => (
                    "yield_now()".to_owned(),
                    self.locals.yielding.as_str(),
                    "YieldNow".to_owned(),
                    "the yield, Pending once".to_owned(),
                ),
                (Pause::Call, Action::Call(helper)) => {
                    let function = self.names.call(self.recipe, helper);
                    let ty = self.types.call(self.recipe, self.names, helper);
                    let holds = format!("{function}'s future");
                    (
                        format!("{function}()"),
                        self.locals.helper.as_str(),
                        ty,
                        holds,
                    )
                }
                _ => continue,
            };
            out.push(Suspend {
                index,
                future,
                field,
                ty,
                holds,
            });
        }
        out
    }

    /// `impl Future`: a `match` on the state, in a `loop` so that a new state is polled at once,
    /// as the compiler's code falls through to it. A machine that never suspends needs no loop.
    fn poll(&self, w: &mut Writer, suspends: &[Suspend]) {
        let ty = self.ty;
        let looped = !suspends.is_empty();
        w.line(0, &format!("impl Future for {ty} {{"));
        w.line(1, "type Output = ();");
        w.line(0, "");
        let cx = &self.locals.cx;
        let cx = if looped { cx.clone() } else { format!("_{cx}") };
        w.line(
            1,
            &format!("fn poll(mut self: Pin<&mut Self>, {cx}: &mut Context<'_>) -> Poll<()> {{"),
        );
        let depth = if looped {
            w.line(2, "loop {");
            3
        } else {
            2
        };
        w.line(depth, "match &mut *self {");
        w.line(depth + 1, &format!("{ty}::Unresumed => {{"));
        let mut from = 0;
        for (k, suspend) in suspends.iter().enumerate() {
            self.run(w, depth + 2, from..suspend.index, looped);
            let code = format!(
                "*self = {ty}::Suspend{k} {{ {}: {} }};",
                suspend.field, suspend.future
            );
            self.step(w, depth + 2, suspend.index, code, None);
            w.line(depth + 1, "}");
            w.line(
                depth + 1,
                &format!("{ty}::Suspend{k} {{ {} }} => {{", suspend.field),
            );
            w.line(
                depth + 2,
                &format!("if Pin::new({}).poll({cx}).is_pending() {{", suspend.field),
            );
            w.line(depth + 3, "return Poll::Pending;");
            w.line(depth + 2, "}");
            from = suspend.index + 1;
        }
        self.run(w, depth + 2, from..self.steps.len(), looped);
        w.line(depth + 1, "}");
        w.line(
            depth + 1,
            &format!("{ty}::Returned => {RESUMED_AFTER_COMPLETION}"),
        );
        w.line(depth, "}");
        if looped {
            w.line(2, "}");
        }
        w.line(1, "}");
        w.line(0, "}");
    }

    /// The steps in `range`, none of which suspends, and after the routine's last step the move to
    /// `Returned` (returned from inside the `loop`, or as the `match`'s value without one).
    fn run(&self, w: &mut Writer, depth: usize, range: std::ops::Range<usize>, looped: bool) {
        let end = range.end;
        for index in range {
            let step = &self.steps[index];
            let (code, note) = super::statement(self.recipe, self.names, step, self.body);
            // The async/await view's forgotten step is a future made and dropped, which `drop`
            // says aloud here, where no `.await` beside it marks what is missing.
            let code = if forgotten(step, self.body) {
                format!("drop({});", code.trim_end_matches(';'))
            } else {
                code
            };
            self.step(w, depth, index, code, note);
        }
        if end == self.steps.len() {
            w.line(depth, &format!("*self = {}::Returned;", self.ty));
            w.line(
                depth,
                if looped {
                    "return Poll::Ready(());"
                } else {
                    "Poll::Ready(())"
                },
            );
        }
    }

    fn step(&self, w: &mut Writer, depth: usize, index: usize, code: String, note: Option<String>) {
        let id = StepId {
            routine: self.routine,
            index,
        };
        let comment = step_comment(&self.steps[index], note);
        w.step(id, depth, &code, comment.as_deref());
    }
}

/// `main`: the async/await view's, but for the comment on boxing, which speaks of the futures'
/// own types here rather than of async fns.
fn main(w: &mut Writer, mode: Mode, groups: &[Group]) {
    if !(matches!(mode, Mode::Gather | Mode::BlockingInAsync) && groups.len() > 1) {
        super::main(w, mode, groups, DEFAULT_COOKS);
        return;
    }
    w.comment(
        0,
        "The browser runs main on its event loop when the page loads, with spawn_local.",
    );
    w.line(0, "#[wasm_bindgen(start)]");
    w.line(0, "async fn main() {");
    w.comment(
        1,
        "Each task's future is an enum of its own: boxing gives join_all one type.",
    );
    let boxed = |f: &str| format!("{f}().boxed_local()");
    if groups.iter().all(|g| g.copies == 1) {
        let items: Vec<String> = groups.iter().map(|g| boxed(g.name)).collect();
        super::join_all(w, 1, &items);
    } else {
        super::pushes(w, groups, boxed);
        w.line(1, "join_all(tasks).await;");
    }
    w.line(0, "}");
}
