//! The page: the lesson library, the lesson bar and its drawers, the controls, the stage, the
//! results and the share bar — laid out for the full page or for an embedded lesson.
//!
//! This file is layout only. Each job the page does beside drawing has a hook of its own: what it
//! opens with (`start`), running (`running`), keeping the learner's work and the address bar
//! (`saving`), the course page around an embedded lesson (`frame`), the stage's keys and playback
//! (`keys`); the results and the drawers are views of their own (`results`, `drawers`).

mod drawers;
mod frame;
mod keys;
mod library;
mod present;
mod results;
pub(crate) mod running;
mod saving;
mod start;

pub use start::read_first;

use std::rc::Rc;

use yew::prelude::*;

use super::controls::{Controls, CookChoice, WrittenIn};
use super::lazy;
use super::library::Library;
use super::share_bar::ShareBar;
use super::stage::Stage;
use super::store::{KitchenHandle, Store, act};
use super::timeline::TimelineFigure;
use crate::model::code::Language;
use crate::model::cooks::Cooks;
use crate::model::format::Times;
use crate::model::run::RunResult;
use crate::model::share::Share;
use crate::model::{Lesson, Mode, Way};
use crate::runtime;
use crate::state::{
    Action, Choice, Concealed, MIN_COOK_CHOICE, Notice, Opened, Opening, ProgressAction, RunEvent,
    Source, StageAction, share_of,
};
use crate::views::timeline::conceal;
use crate::web;
use drawers::{Drawer, drawer_body, lesson_bar, toggle, use_drawer_escape};
use library::{masthead, use_library_dismiss, use_marks};
use results::{Shown, results, use_baselines, use_compare_in_view};
pub use running::RunSlot;
use running::{Runner, status, use_autorun, use_runner};

/// The whole page.
#[function_component]
pub fn App() -> Html {
    let boot = start::use_boot();
    let kitchen = start::use_kitchen(&boot);
    let embed = boot.start.embed;
    let runner = use_runner(&kitchen, embed);
    let link_ready = saving::use_link(&kitchen, &boot);
    use_autorun(&runner, boot.start.autorun, link_ready, kitchen.mode);
    saving::use_saving(&kitchen, embed, boot.saved.clone());
    frame::use_parent_frame(&kitchen, embed);
    keys::use_stage_keys(&kitchen);
    // How finely this browser's clock reads, once: the results say it beside the lateness.
    let clock_step = *use_memo((), |_| runtime::clock::step());
    // The story is open when a lesson opens; a run closes the drawer so the stage is in view.
    // A link that carries a program opens it in its language's editor, embedded too: the editor
    // is what reads it for the stage (a compact frame, which has none, is never given one:
    // `export::snippet::Preset::share`).
    let drawer = use_state(|| {
        if kitchen.source.language().is_some() {
            Some(Drawer::Recipe)
        } else {
            (!embed).then_some(Drawer::Story)
        }
    });
    use_drawer_escape(&drawer);
    let library_open = use_state(|| false);
    use_library_dismiss(&library_open);
    let present = present::use_present(&boot);
    let marks = use_marks(&kitchen.progress);
    let baselines = use_baselines(&kitchen);
    use_compare_in_view(&kitchen);
    use_ways(kitchen.way, kitchen.dispatcher());
    // The status line's freeze is worked out once per run, not on every live snapshot's render.
    let recipe = kitchen.recipe();
    // The learner's program, when the stage shows it and it reads.
    let written = kitchen
        .written_program()
        .and_then(|w| w.read.as_ref().ok())
        .map(|r| r.prediction.clone());
    let running_freeze = *use_memo(
        (recipe.clone(), kitchen.running, written.clone()),
        |(recipe, running, written)| match (running, written) {
            (Some(_), Some(program)) => program.totals.longest_hold,
            _ => running
                .zip(recipe.as_ref())
                .map_or(0.0, |(mode, r)| runtime::expected_freeze_ms(r, mode)),
        },
    );

    let run = {
        let (start, drawer) = (runner.start.clone(), drawer.clone());
        Callback::from(move |mode| {
            drawer.set(None);
            start.emit(mode);
        })
    };
    let d = kitchen.dispatcher();
    // What an open, unanswered exercise keeps off the screen (`state::conceal`).
    let concealed = kitchen.concealed();
    let hides = |mode| {
        recipe
            .as_ref()
            .is_some_and(|r| concealed.hides_mode(mode, r))
    };
    let lesson = kitchen.opened.lesson.clone();
    // While the text has a mistake, the lesson keeps the name of the recipe the stage still shows.
    let title = kitchen
        .last_good
        .as_ref()
        .map_or_else(|| "Your recipe".to_owned(), |r| r.title.clone());
    let controls = html! {
        <Controls
            recipe={ if kitchen.as_written { written.as_ref().map(|p| p.recipe.clone()) } else { recipe.clone() } }
            mode={ kitchen.mode }
            forecast={ if kitchen.as_written { written.as_ref().map(|p| p.totals) } else { kitchen.predicted.as_ref().map(|p| p.totals) } }
            scale_overridden={ if kitchen.as_written { kitchen.program_scale_ms.is_some() } else { kitchen.scale_ms.is_some() } }
            blocking_ms={ baselines.blocking_predicted.filter(|_| !hides(Mode::Blocking)).map(|b| b.ms) }
            running={ kitchen.running }
            queued={ kitchen.queue.clone() }
            on_mode={ act(d.clone(), |mode| Action::Choose(Choice::Mode(mode))) }
            on_scale={ act(d.clone(), |ms| Action::Choose(Choice::Scale(ms))) }
            on_run={ { let (run, mode) = (run.clone(), kitchen.mode); Callback::from(move |()| run.emit(mode)) } }
            on_cancel={ runner.cancel.clone() }
            on_compare={ act(d.clone(), |()| Action::Run(RunEvent::Compare)) }
            status={ AttrValue::from(status(&kitchen, running_freeze)) }
            cooks={ Some(CookChoice {
                count: kitchen.cook_plan().count,
                most: Cooks::most(kitchen.cores.max(MIN_COOK_CHOICE)),
                cores: kitchen.cores,
                warm: kitchen.pool.warm,
            }) }
            on_cooks={ act(d.clone(), |n| Action::Choose(Choice::Cooks(n))) }
            concealed={ recipe.as_ref().and_then(|r| concealed.asking(kitchen.mode, r)) }
            times={ present.times() }
            as_written={ kitchen.leading_program().map(|_| kitchen.as_written) }
            written_in={ written_in(&kitchen) }
            on_as_written={ act(d.clone(), |()| Action::Choose(Choice::AsWritten)) }
            program_scale={ kitchen.program_scale() }
        />
    };
    let shown = kitchen.shown();
    let staged = kitchen.staged();
    // An asked prediction must not end the axis: its end is the answer.
    let drawn: Vec<Rc<RunResult>> = shown.iter().chain(&staged).cloned().collect();
    let span = conceal::span(&drawn, |r| r.predicted && concealed.hides(r));
    // A mode on the workers is predicted once their chunk has come: until then the stage says so.
    let pending = staged.is_none() && kitchen.mode.on_cooks() && kitchen.simulate.is_none();
    let stage = staged
        .as_ref()
        .map(|run| stage(&kitchen, run, &shown, span, &concealed, present.times()))
        .or_else(|| {
            pending.then(|| {
                html! {
                    <p class="lazy-loading" role="status" data-testid="stage-loading">
                        { "Loading what runs the cooks: the prediction follows…" }
                    </p>
                }
            })
        });
    let results = results(Shown {
        kitchen: &kitchen,
        shown: &shown,
        staged: staged.as_ref(),
        span,
        baselines,
        clock_step_ms: clock_step,
        concealed: &concealed,
        present: present.on,
        exports: !embed,
    });
    let four_ways = four_ways_table(&kitchen, &runner);
    let notice = kitchen.notice.as_ref().map(|n| {
        html! {
            <p class={ if n.problem { "notice problem" } else { "notice" } } role="alert" data-testid="notice">
                { n.text.to_string() }
                <button class="link" onclick={ act(d.clone(), |_: MouseEvent| Action::Notify(None)) }>{ "Dismiss" }</button>
            </p>
        }
    });
    // Share link and Embed sit in the lesson bar, in view on a projector whatever is open below.
    let share_tools = if embed {
        Html::default()
    } else {
        html! { <ShareBar share={ Share { present: present.on, ..share_of(&kitchen) } } title={ AttrValue::from(title.clone()) } /> }
    };
    let lesson_bar = lesson_bar(
        &kitchen,
        lesson.as_ref(),
        &title,
        &drawer,
        embed,
        share_tools,
    );
    let drawer_body = drawer_body(&kitchen, &drawer, &runner, lesson.clone(), recipe);

    if embed {
        let full = web::location::link_with(&share_of(&kitchen).to_query());
        // The compact preset: the modes, Run and the chart of what is staged, nothing more (the
        // stylesheet leaves only the modes and Run of the controls).
        let compact = boot.start.compact;
        let chart = staged.as_ref().filter(|_| compact).map(|run| {
            html! { <TimelineFigure result={ run.clone() } {span} /> }
        });
        return html! {
            <main class={ if compact { "embedded compact" } else { "embedded" } }>
                // The page's level-one heading, as on the full page, where the masthead shows it: here
                // the course page around the frame names the lesson, so it is for screen readers only.
                <h1 class="sr-only">{ "Async Kitchen" }</h1>
                { notice }
                if !compact {
                    { lesson_bar }
                    { drawer_body }
                }
                <div class="run-bar">{ controls }</div>
                if compact {
                    { chart }
                } else {
                    { stage }
                    { four_ways }
                    { results }
                }
                <p class="open-full">
                    <a href={ full } target="_blank" rel="noopener">{ "Open in Async Kitchen ↗" }</a>
                </p>
            </main>
        };
    }
    // A broken recipe keeps the editor where the learner can see its mistakes.
    let broken = kitchen.parsed.is_err() && *drawer != Some(Drawer::Recipe);
    html! {
        <>
            <a class="skip" href="#main">{ "Skip to the lesson" }</a>
            { masthead(&library_open, &present) }
            <div class={ if *library_open { "layout library-open" } else { "layout" } }>
            <Library
                current={ lesson.as_ref().map(|l| l.id) }
                {marks}
                on_open={ open_lesson(&kitchen, &runner, &drawer, &library_open, &boot) }
                on_reset_progress={ act(d.clone(), |()| Action::Progress(ProgressAction::Reset)) }
            />
            <main id="main" tabindex="-1">
                { notice }
                { lesson_bar }
                { drawer_body }
                if broken {
                    <p class="notice problem">
                        { "The recipe has mistakes, so it cannot run. " }
                        <button class="link" onclick={ toggle::<MouseEvent>(&drawer, Drawer::Recipe) }>{ "Open the recipe" }</button>
                    </p>
                }
                <div class="run-bar">{ controls }</div>
                { stage }
                { four_ways }
                { results }
            </main>
            </div>
        </>
    }
}

/// What the learner's program is written in and runs by, for the picker's words: a Rust program
/// runs by Tokio's rules unless it is a browser program (`#[wasm_bindgen(start)]`), which runs by
/// the browser's, as its reading says.
fn written_in(kitchen: &crate::state::Kitchen) -> WrittenIn {
    let Some(written) = kitchen.leading_program() else {
        return WrittenIn::Python;
    };
    let browser = written
        .read
        .as_ref()
        .is_ok_and(|r| r.program.rules == crate::model::python::program::Rules::Asyncio);
    match written.language {
        Language::Python => WrittenIn::Python,
        Language::Rust if browser => WrittenIn::RustInBrowser,
        Language::Rust => WrittenIn::RustOnTokio,
    }
}

/// Opens a lesson from the library: the library closes (the focus back on its button), the run in
/// progress is cancelled, the story shown, and the learner's draft of the lesson, if they saved one,
/// is in the editor. The first lesson opened that the page's first module does not hold fetches the
/// lessons' chunk; if it cannot be downloaded, a notice says so and the lesson on screen stays.
fn open_lesson(
    kitchen: &KitchenHandle,
    runner: &Runner,
    drawer: &UseStateHandle<Option<Drawer>>,
    library_open: &UseStateHandle<bool>,
    boot: &start::Boot,
) -> Callback<&'static str> {
    let (d, cancel, drawer, library_open, saved) = (
        kitchen.dispatcher(),
        runner.cancel.clone(),
        drawer.clone(),
        library_open.clone(),
        boot.saved.clone(),
    );
    Callback::from(move |id: &'static str| {
        library_open.set(false);
        // The drawer closes, so the focus goes back to the button that opened it (on a screen
        // wide enough to keep the library beside the lesson, that button is hidden and this does
        // nothing).
        web::drawer::focus("lessons-toggle");
        let notices = d.clone();
        let (d, cancel, drawer, saved) = (d.clone(), cancel.clone(), drawer.clone(), saved.clone());
        let open = move |lesson: Lesson| {
            drawer.set(Some(Drawer::Story));
            cancel.emit(());
            let opened = Opened::lesson(lesson);
            let draft = saved.borrow().drafts.get(opened.key()).cloned();
            d.dispatch(Action::Open(Opening::Lesson(opened, draft)));
        };
        if let Some(lesson) = lazy::lesson_at_hand(id) {
            return open(lesson);
        }
        wasm_bindgen_futures::spawn_local(async move {
            match lazy::LESSONS.get().await.map(|find| find(id)) {
                Ok(Some(lesson)) => open(lesson),
                _ => notices.dispatch(Action::Notify(Some(Notice::problem(
                    "Could not download the lesson. Check the connection, then choose it again."
                        .to_owned(),
                )))),
            }
        });
    })
}

/// The stage, showing `run` with every run it can show instead (the prediction and `shown`), its
/// times written as `times` says.
fn stage(
    kitchen: &KitchenHandle,
    run: &Rc<RunResult>,
    shown: &[Rc<RunResult>],
    span: f64,
    concealed: &Concealed,
    times: Times,
) -> Html {
    let d = kitchen.dispatcher();
    let choices: Vec<Rc<RunResult>> = match kitchen.written_program() {
        // The learner's program: its prediction and its last run as written.
        Some(written) => written
            .last_good
            .as_ref()
            .map(|g| g.prediction.clone())
            .into_iter()
            .chain(written.result.clone())
            .collect(),
        None => kitchen.predicted.iter().chain(shown).cloned().collect(),
    };
    let expected = kitchen
        .opened
        .lesson
        .as_ref()
        .filter(|_| !kitchen.edited() && kitchen.lead == Source::Recipe)
        .map_or(&[][..], |l| l.expected_prints);
    html! {
        <Stage
            staged={ run.clone() }
            cursor={ kitchen.cursor(run) }
            {choices}
            {span}
            language={ kitchen.code_language(run) }
            playing={ kitchen.stage.playing }
            speed={ kitchen.stage.speed }
            announce={ kitchen.stage.announce }
            {expected}
            lesson={ kitchen.opened.lesson.as_ref().map(|l| l.id) }
            concealed={ concealed.clone() }
            out_of_date={ kitchen.written_program().map_or_else(|| kitchen.out_of_date(), |w| w.out_of_date()) }
            on_show={ act(d.clone(), |w| Action::Stage(StageAction::Show(w))) }
            on_step={ act(d.clone(), |n| Action::Stage(StageAction::Step(n))) }
            on_stop={ act(d.clone(), |n| Action::Stage(StageAction::ToStop(n))) }
            on_seek={ act(d.clone(), |at| Action::Stage(StageAction::Seek(at))) }
            on_play={ act(d.clone(), |s| Action::Stage(StageAction::Play(s))) }
            on_speed={ act(d.clone(), |s| Action::Stage(StageAction::Speed(s))) }
            on_language={ act(d.clone(), |l| Action::Choose(Choice::Language(l))) }
            way={ kitchen.way }
            on_way={ act(d.clone(), |w| Action::Choose(Choice::Way(w))) }
            {times}
        />
    }
}

/// Fetches the ways' chunk (their code, runs and lens) the first time the tasks are to be written
/// another way than async/await, chosen or opened so (the lesson on the three ways), and draws the
/// page again once it is here, so that the stage shows the code that way. If it cannot be
/// downloaded, the code goes back to async/await and a notice says why; choosing the way again
/// tries again.
#[hook]
fn use_ways(way: Way, dispatcher: UseReducerDispatcher<Store>) {
    let redraw = use_force_update();
    use_effect_with(way, move |&way| {
        if way != Way::Async && lazy::WAYS.now().is_none() {
            wasm_bindgen_futures::spawn_local(async move {
                if lazy::WAYS.get().await.is_ok() {
                    redraw.force_update();
                } else {
                    dispatcher.dispatch(Action::Choose(Choice::Way(Way::Async)));
                    dispatcher.dispatch(Action::Notify(Some(Notice::problem(
                        "Could not download this way's code. Check the connection, then choose \
                         it again."
                            .to_owned(),
                    ))));
                }
            });
        }
    });
}

/// The four ways' table, in its own lesson, once the workers' chunk (which holds the table) is
/// here: the lesson opens in the threads mode, which fetches it. A cell's run goes on the stage: the recipe on screen becomes the run's first
/// when it is the other column's.
fn four_ways_table(kitchen: &KitchenHandle, runner: &Runner) -> Html {
    use crate::model::four_ways::LESSON;
    if kitchen.opened.lesson.as_ref().map(|l| l.id) != Some(LESSON) {
        return Html::default();
    }
    let Some(cooks) = lazy::COOKS.now() else {
        return Html::default();
    };
    let on_show = {
        let kitchen = kitchen.clone();
        Callback::from(move |run: Rc<RunResult>| {
            if kitchen.good_recipe().as_ref() != Some(&run.recipe) {
                kitchen.dispatch(Action::Open(Opening::Edit(crate::model::text::print(
                    &run.recipe,
                ))));
            }
            kitchen.dispatch(Action::Run(RunEvent::Show(run)));
        })
    };
    (cooks.four_ways)(&super::four_ways::FourWaysProps {
        busy: kitchen.running.is_some() || !kitchen.queue.is_empty(),
        kitchen: kitchen.clone(),
        slot: runner.slot.clone(),
        on_show,
    })
}
