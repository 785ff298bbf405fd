//! The page: the lesson library, the editor and controls, the runs' results, timeline, console and code.
//!
//! This file owns the wiring between the state ([`Kitchen`]) and the world: it starts and cancels
//! runs through [`crate::runtime`], feeds their live snapshots and results to the reducer, saves the
//! learner's work, and talks to a parent frame when embedded. It computes no timings itself.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use yew::prelude::*;

use super::controls::{Controls, CookChoice};
use super::editor::Editor;
use super::exercise::Exercises;
use super::lesson_intro::LessonIntro;
use super::library::Library;
use super::quiz::QuizAction;
use super::share_bar::ShareBar;
use super::stage::Stage;
use super::startup::{Startup, share_of, startup, startup_inflated, to_saved};
use super::state::{Kitchen, KitchenAction, Notice, Opened, Pool, Prediction, RunResult};
use super::summary::{Baseline, Summary};
use super::timeline::{TimelineLegend, TimelineView, shared_span};
use crate::components::format::{Fixed, Short};
use crate::model::cooks::Cooks;
use crate::model::exercise::Question;
use crate::model::exercise::progress::Mark;
use crate::model::replay::play::Speed;
use crate::model::text::limits::MAX_TEXT_BYTES;
use crate::model::{Mode, lesson};
use crate::model::{export, text};
use crate::runtime::{self, RunHandle};
use crate::web;
use crate::web::keys::Key;

/// What the drawer above the controls shows, if it is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Drawer {
    /// The lesson's story and what to try.
    Story,
    /// The recipe editor.
    Recipe,
    /// The lesson's exercises.
    Exercises,
}

/// How often a live run's timeline is redrawn, in milliseconds: often enough to watch it grow, rarely
/// enough that drawing does not disturb what it measures.
const SNAPSHOT_MS: u32 = 150;
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

/// The whole page.
#[function_component]
pub fn App() -> Html {
    let lessons = use_memo((), |_| lesson::all());
    // How finely this browser's clock reads, once: the results say it beside the lateness.
    let clock_step = use_memo((), |_| runtime::clock::step());
    // How many exercises each lesson asks, for the library's marks.
    let exercise_counts = use_memo(lessons.clone(), |lessons| {
        lessons
            .iter()
            .map(|l| (l.id, lesson::exercises::of(l).len()))
            .collect::<Vec<_>>()
    });
    let boot = use_memo((), |_| {
        let loaded = web::storage::load();
        let params = web::location::params();
        let start = startup(&params, &loaded.saved);
        (start, loaded, params)
    });
    let (start, loaded, params) = &*boot;
    let Startup {
        embed,
        autorun,
        from_link,
        ..
    } = *start;
    let kitchen = use_reducer(|| {
        let mut kitchen = start.kitchen.clone();
        if kitchen.notice.is_none() {
            kitchen.notice = loaded.notice.clone().map(Notice::problem);
        }
        // The processes mode's default number of cooks depends on the cores the browser reports.
        kitchen.cores = web::cores();
        // An embedded page's progress is the course page's to keep (SPLICE); the page's own is
        // the learner's, and stays as it is.
        if !embed {
            let (progress, notice) = web::storage::progress::load();
            kitchen.progress = progress;
            if kitchen.notice.is_none() {
                kitchen.notice = notice.map(Notice::problem);
            }
        }
        kitchen.predict();
        kitchen
    });
    let handle: Rc<RefCell<Option<RunHandle>>> = use_mut_ref(|| None);
    // The story is open when a lesson opens; a run closes the drawer so the stage is in view.
    let drawer = use_state(|| (!embed).then_some(Drawer::Story));
    let library_open = use_state(|| false);
    let saved = use_mut_ref(|| loaded.saved.clone());

    // Save the learner's work as it changes; an embedded lesson leaves the learner's own page alone.
    {
        let key = (
            kitchen.opened.key().to_owned(),
            kitchen.text.clone(),
            kitchen.mode,
            kitchen.scale_ms.map(f64::to_bits),
        );
        let kitchen = kitchen.clone();
        let saved = saved.clone();
        use_effect_with(key, move |_| {
            if !embed {
                let next = to_saved(&kitchen, &saved.borrow());
                if let Err(why) = web::storage::save(&next) {
                    kitchen.dispatch(KitchenAction::Notify(Some(Notice::problem(why))));
                }
                *saved.borrow_mut() = next;
            }
        });
    }

    // Progress is saved as it changes, and each verdict is reported to a course page that embeds the
    // exercise: the page's own message and SPLICE's score and state.
    {
        let kitchen = kitchen.clone();
        use_effect_with(kitchen.progress.clone(), move |progress| {
            if !embed && let Err(why) = web::storage::progress::save(progress) {
                kitchen.dispatch(KitchenAction::Notify(Some(Notice::problem(why))));
            }
        });
    }
    {
        let kitchen = kitchen.clone();
        use_effect_with(kitchen.quiz.verdicts, move |_| {
            if let Some(at) = kitchen.quiz.last.filter(|_| embed) {
                report(&kitchen, at);
            }
        });
    }

    // Once a link has been read, the address bar forgets it: from then on the saved work is the
    // truth, so a reload keeps the learner's edits instead of reopening the link.
    use_effect_with((), move |_| {
        if from_link && !embed {
            web::location::forget_link();
        }
    });

    // A link pasted into the address bar of an open page changes only its fragment, and the browser
    // does not reload for that: the page does, so that the link opens as it would in a new tab.
    use_effect_with((), |_| {
        let watcher = web::location::watch(|params| {
            let (share, errors) = crate::model::share::Share::from_query_lenient(&params);
            if share != Default::default() || !errors.is_empty() {
                web::location::reload();
            }
        });
        move || drop(watcher)
    });

    // A link's compressed recipe is inflated by the browser, which takes a moment: the page shows
    // the rest of the link meanwhile, then opens the recipe.
    let link_ready = use_state(|| start.deflated.is_none());
    {
        let (dispatcher, link_ready) = (kitchen.dispatcher(), link_ready.clone());
        let (deflated, params) = (start.deflated.clone(), params.clone());
        use_effect_with((), move |_| {
            if let Some(bytes) = deflated {
                wasm_bindgen_futures::spawn_local(async move {
                    let text = web::deflate::inflate(&bytes, MAX_TEXT_BYTES)
                        .await
                        .map_err(|e| e.to_string());
                    let opened = startup_inflated(&params, text);
                    dispatcher.dispatch(KitchenAction::Load(Box::new(opened.kitchen)));
                    link_ready.set(true);
                });
            }
        });
    }

    // An embedded page asks its course page for the learner's state (SPLICE) and puts back the
    // lesson's progress it holds; what it cannot read is left alone.
    {
        let dispatcher = kitchen.dispatcher();
        use_effect_with(embed, move |&embed| {
            let listener = embed.then(|| {
                web::embed::listen(move |state| {
                    match web::storage::progress::record_from_json(&state) {
                        Some(record) => dispatcher.dispatch(KitchenAction::Restore(record)),
                        None => web_sys::console::warn_1(
                            &"async-kitchen: the course page's state is not this page's progress"
                                .into(),
                        ),
                    }
                })
            });
            if embed {
                web::embed::request_state();
            }
            move || drop(listener)
        });
    }

    // An embedded page tells its parent how tall it is, so the frame can fit it.
    use_effect_with(embed, |&embed| {
        let watcher = embed.then(web::embed::watch_height);
        move || drop(watcher)
    });

    let start_run = {
        let kitchen = kitchen.clone();
        let handle = handle.clone();
        let drawer = drawer.clone();
        Callback::from(move |mode: Mode| {
            drawer.set(None);
            begin(&kitchen, &handle, mode, embed)
        })
    };

    // ← → Home End move the stage's cursor from anywhere on the page but a field that uses them.
    {
        let dispatcher = kitchen.dispatcher();
        use_effect_with((), move |_| {
            let listener = web::keys::listen(move |key| {
                dispatcher.dispatch(match key {
                    Key::Previous => KitchenAction::Step(-1),
                    Key::Next => KitchenAction::Step(1),
                    Key::Start => KitchenAction::ToStop(0),
                    Key::End => KitchenAction::ToStop(usize::MAX),
                })
            });
            move || drop(listener)
        });
    }

    // Playback moves the cursor once per frame while it plays.
    {
        let dispatcher = kitchen.dispatcher();
        use_effect_with(kitchen.stage.playing.is_some(), move |&playing| {
            let ticker = playing.then(|| {
                web::ticker::Ticker::start(move |ms| dispatcher.dispatch(KitchenAction::Tick(ms)))
            });
            move || drop(ticker)
        });
    }

    // A comparison runs its queue one mode at a time, each as soon as the page is free.
    {
        let start_run = start_run.clone();
        let next = kitchen.queue.first().copied();
        use_effect_with((kitchen.running, next), move |&(running, next)| {
            if let (None, Some(mode)) = (running, next) {
                start_run.emit(mode);
            }
        });
    }

    // Choosing the processes mode measures how fast this machine computes, once, after the page
    // has drawn the choice: the cooks' work is that many rounds of computation a millisecond.
    // (A run interrupts the measuring; the end of a run on cooks resumes it.)
    use_effect_with(kitchen.mode.on_cooks(), |&on_cooks| {
        if on_cooks {
            wasm_bindgen_futures::spawn_local(async {
                TimeoutFuture::new(PREPARE_DELAY_MS).await;
                runtime::cooks::prepare().await;
            });
        }
    });

    // `autorun=1` starts the run on load, unless it would freeze the page before anyone chose to.
    // It waits for the page to settle first: the stage is drawn, then measured and drawn again at
    // its column's width, and a run started meanwhile would have its first timers wait behind that.
    // A link with a compressed recipe runs once the recipe is open.
    {
        let start_run = start_run.clone();
        let mode = kitchen.mode;
        use_effect_with(*link_ready, move |&ready| {
            if ready && autorun && !matches!(mode, Mode::Blocking | Mode::BlockingInAsync) {
                wasm_bindgen_futures::spawn_local(async move {
                    TimeoutFuture::new(AUTORUN_DELAY_MS).await;
                    start_run.emit(mode);
                });
            }
        });
    }

    let on_open = {
        let kitchen = kitchen.clone();
        let handle = handle.clone();
        let saved = saved.clone();
        let lessons = lessons.clone();
        let drawer = drawer.clone();
        let library_open = library_open.clone();
        Callback::from(move |id: &'static str| {
            drawer.set(Some(Drawer::Story));
            library_open.set(false);
            if let Some(run) = handle.borrow().as_ref() {
                run.cancel();
            }
            // The library's own list, rather than building every lesson again on each click.
            if let Some(lesson) = lessons.iter().find(|l| l.id == id) {
                let opened = Opened::lesson(lesson.clone());
                let draft = saved.borrow().drafts.get(opened.key()).cloned();
                kitchen.dispatch(KitchenAction::Open(opened, draft));
            }
        })
    };
    let on_lock = {
        let (kitchen, handle) = (kitchen.clone(), handle.clone());
        Callback::from(move |()| {
            let quiz = &kitchen.quiz;
            let mode = match quiz.waiting {
                Some((n, mode)) if n == quiz.current => mode,
                _ => {
                    if quiz
                        .can_lock(kitchen.edited(), kitchen.parsed.is_ok())
                        .is_err()
                    {
                        return;
                    }
                    let mode = quiz.mode_for(kitchen.mode);
                    kitchen.dispatch(KitchenAction::Quiz(QuizAction::Lock(mode)));
                    mode
                }
            };
            if kitchen.mode != mode {
                kitchen.dispatch(KitchenAction::ChooseMode(mode));
            }
            // The drawer stays open: the verdict appears in it when the run ends.
            begin(&kitchen, &handle, mode, embed);
        })
    };
    let on_show_me = {
        let (d, drawer) = (kitchen.dispatcher(), drawer.clone());
        Callback::from(move |mode| {
            drawer.set(None);
            d.dispatch(KitchenAction::Show(super::state::Staged::Run(mode)));
            d.dispatch(KitchenAction::ToStop(0));
            d.dispatch(KitchenAction::Play(Some(Speed::StopPerSecond)));
        })
    };
    let on_cancel = {
        let handle = handle.clone();
        Callback::from(move |()| {
            if let Some(run) = handle.borrow().as_ref() {
                run.cancel();
            }
        })
    };
    let dispatch = |make: fn(()) -> KitchenAction| {
        let kitchen = kitchen.clone();
        Callback::from(move |()| kitchen.dispatch(make(())))
    };
    let on_edit = {
        let kitchen = kitchen.clone();
        Callback::from(move |text| kitchen.dispatch(KitchenAction::Edit(text)))
    };
    let on_mode = {
        let kitchen = kitchen.clone();
        Callback::from(move |mode| kitchen.dispatch(KitchenAction::ChooseMode(mode)))
    };
    let on_scale = {
        let kitchen = kitchen.clone();
        Callback::from(move |ms| kitchen.dispatch(KitchenAction::ChooseScale(ms)))
    };
    let on_language = {
        let kitchen = kitchen.clone();
        Callback::from(move |l| kitchen.dispatch(KitchenAction::ChooseLanguage(l)))
    };
    let on_run = {
        let start_run = start_run.clone();
        let mode = kitchen.mode;
        Callback::from(move |()| start_run.emit(mode))
    };

    let recipe = kitchen.recipe();
    let lesson = kitchen.opened.lesson.clone();
    // The tutorial's numbers hold for the lesson as shipped, not once the learner has changed it.
    let as_shipped = lesson
        .as_ref()
        .filter(|_| !kitchen.edited() && kitchen.scale_ms.is_none());
    // A lesson on cooks states its total for its own number of cooks.
    let cooks_as_shipped =
        as_shipped.is_some_and(|l| l.cooks.is_none_or(|n| n == kitchen.cook_plan().count));
    let baseline = use_memo(recipe.clone(), |recipe| {
        recipe
            .as_ref()
            .map(|r| Baseline::predicted(r, Mode::Blocking))
    });
    let blocking_ms = baseline.map(|b| b.ms);
    // A processes run is compared with gather as well: measured if it ran, else predicted.
    // (Simulated only while the processes mode is chosen: a 100 000-task gather is not free.)
    let gather_predicted = use_memo(
        (recipe.clone(), kitchen.mode.on_cooks()),
        |(recipe, on_cooks)| {
            recipe
                .as_ref()
                .filter(|_| *on_cooks)
                .map(|r| Baseline::predicted(r, Mode::Gather))
        },
    );
    let measured = |mode| kitchen.result(mode).map(|r| Baseline::measured(r));
    let gather = measured(Mode::Gather).or(*gather_predicted);
    let baseline = measured(Mode::Blocking).or(*baseline);
    // The status line's freeze is worked out once per run, not on every live snapshot's render.
    let running_freeze = use_memo((recipe.clone(), kitchen.running), |(recipe, running)| {
        running
            .zip(recipe.as_ref())
            .map_or(0.0, |(mode, r)| runtime::expected_freeze_ms(r, mode))
    });
    let status = status(&kitchen, *running_freeze);
    let shown = kitchen.shown();
    let title = recipe
        .as_ref()
        .map_or_else(|| "Your recipe".to_owned(), |r| r.title.clone());
    let controls = html! {
        <Controls
            recipe={ recipe.clone() }
            mode={ kitchen.mode }
            forecast={ kitchen.predicted.as_ref().map(|p| p.totals) }
            scale_overridden={ kitchen.scale_ms.is_some() }
            {blocking_ms}
            running={ kitchen.running }
            queued={ kitchen.queue.clone() }
            {on_mode}
            {on_scale}
            {on_run}
            {on_cancel}
            on_compare={ dispatch(|()| KitchenAction::Compare) }
            status={ AttrValue::from(status.clone()) }
            cooks={ Some(CookChoice {
                count: kitchen.cook_plan().count,
                most: Cooks::most(kitchen.cores.max(super::state::MIN_COOK_CHOICE)),
                cores: kitchen.cores,
                warm: kitchen.pool.warm,
            }) }
            on_cooks={ { let d = kitchen.dispatcher(); Callback::from(move |n| d.dispatch(KitchenAction::ChooseCooks(n))) } }
        />
    };
    let staged = kitchen.staged();
    let mut on_axis: Vec<Rc<RunResult>> = shown.clone();
    on_axis.extend(staged.clone());
    let span = shared_span(&on_axis);
    let expected_prints = lesson
        .as_ref()
        .filter(|_| !kitchen.edited())
        .map_or(&[][..], |l| l.expected_prints);
    let stage = staged.as_ref().map(|run| {
        let act = |make: fn(f64) -> KitchenAction| {
            let kitchen = kitchen.clone();
            Callback::from(move |x: f64| kitchen.dispatch(make(x)))
        };
        let choices: Vec<Rc<RunResult>> = kitchen.predicted.iter().cloned().chain(shown.iter().cloned()).collect();
        let d = kitchen.dispatcher();
        html! {
            <Stage
                staged={ run.clone() }
                cursor={ kitchen.cursor(run) }
                {choices}
                {span}
                language={ kitchen.language }
                playing={ kitchen.stage.playing }
                speed={ kitchen.stage.speed }
                announce={ kitchen.stage.announce }
                expected={ expected_prints }
                lesson={ lesson.as_ref().map(|l| l.id) }
                on_show={ { let d = d.clone(); Callback::from(move |w| d.dispatch(KitchenAction::Show(w))) } }
                on_step={ { let d = d.clone(); Callback::from(move |n| d.dispatch(KitchenAction::Step(n))) } }
                on_stop={ { let d = d.clone(); Callback::from(move |n| d.dispatch(KitchenAction::ToStop(n))) } }
                on_seek={ act(KitchenAction::Seek) }
                on_play={ { let d = d.clone(); Callback::from(move |s| d.dispatch(KitchenAction::Play(s))) } }
                on_speed={ { let d = d.clone(); Callback::from(move |s| d.dispatch(KitchenAction::Speed(s))) } }
                on_language={ on_language.clone() }
            />
        }
    });
    // The runs not on the stage, below it on the same axis, for comparing.
    let others: Vec<Rc<RunResult>> = shown
        .iter()
        .filter(|r| !staged.as_ref().is_some_and(|s| Rc::ptr_eq(s, r)))
        .cloned()
        .collect();
    let results = html! {
        <>
            if !shown.is_empty() {
                <section class="results" aria-label="Results" data-testid="results"
                         data-clock-step-ms={ Short(*clock_step).to_string() }>
                    { for shown.iter().map(|r| html! {
                        <Summary
                            result={ r.clone() }
                            expected={ as_shipped
                                .filter(|_| !r.mode.on_cooks() || cooks_as_shipped)
                                .and_then(|l| l.expected_total(r.mode)) }
                            {baseline}
                            {gather}
                            clock_step_ms={ *clock_step }
                        />
                    }) }
                </section>
            }
            if !others.is_empty() {
                <TimelineView results={ others } span={ Some(span) } />
            }
            if staged.is_some() {
                <TimelineLegend />
            }
        </>
    };
    let notice = kitchen.notice.as_ref().map(|n| {
        html! {
            <p class={ if n.problem { "notice problem" } else { "notice" } } role="alert" data-testid="notice">
                { &n.text }
                <button class="link" onclick={ dispatch(|()| KitchenAction::Notify(None)).reform(|_| ()) }>{ "Dismiss" }</button>
            </p>
        }
    });
    let toggle = |which: Drawer| {
        let drawer = drawer.clone();
        Callback::from(move |_: MouseEvent| {
            drawer.set(if *drawer == Some(which) {
                None
            } else {
                Some(which)
            })
        })
    };
    let exercises_label = {
        let quiz = &kitchen.quiz;
        let solved = (0..quiz.exercises.len())
            .filter(|&n| quiz.correct(n) == Some(true))
            .count();
        format!("Exercises {solved}/{}", quiz.exercises.len())
    };
    let tab = |which: Drawer, testid: &'static str, label: &str| {
        let open = *drawer == Some(which);
        html! {
            <button class={ if open { "drawer-tab open" } else { "drawer-tab" } } data-testid={ testid }
                    aria-expanded={ open.to_string() } aria-controls="drawer" onclick={ toggle(which) }>
                { label }
            </button>
        }
    };
    let lesson_bar = html! {
        <div class="lesson-bar">
            <div class="lesson-name">
                if let Some(lesson) = &lesson {
                    <p class="concept" title={ lesson.concept.summary() }>{ lesson.concept.label() }</p>
                } else {
                    <p class="concept">{ "Your own recipe" }</p>
                }
                <h2 id="lesson-title">{ title.clone() }</h2>
            </div>
            <div class="drawer-tabs">
                { tab(Drawer::Story, "show-story", "Story") }
                if !kitchen.quiz.exercises.is_empty() {
                    { tab(Drawer::Exercises, "show-exercises", &exercises_label) }
                }
                if !embed {
                    { tab(Drawer::Recipe, "show-recipe", "Recipe") }
                }
            </div>
        </div>
    };
    let editor = html! {
        <Editor
            text={ AttrValue::from(kitchen.text.clone()) }
            errors={ kitchen.parsed.clone().err().unwrap_or_default() }
            edited={ kitchen.edited() }
            on_edit={ on_edit.clone() }
            on_reset={ dispatch(|()| KitchenAction::Reset) }
        />
    };
    let drawer_body = match *drawer {
        Some(Drawer::Story) => html! {
            <div id="drawer" class="drawer">
                <LessonIntro lesson={ lesson.clone() } recipe={ recipe.clone() } />
            </div>
        },
        Some(Drawer::Recipe) => html! {
            <div id="drawer" class="drawer">{ editor }</div>
        },
        Some(Drawer::Exercises) => {
            let quiz = &kitchen.quiz;
            // A "make it" exercise is answered in the editor, so the editor is beside it.
            let make_it = quiz
                .shown()
                .is_some_and(|(e, _)| matches!(e.question, Question::MakeIt { .. }));
            let on_start_from = {
                let kitchen = kitchen.clone();
                Callback::from(move |text: String| kitchen.dispatch(KitchenAction::Edit(text)))
            };
            html! {
                <div id="drawer" class="drawer">
                    <Exercises
                        quiz={ quiz.clone() }
                        unit={ quiz.subjects.get(quiz.current).map_or(text::DEFAULT_UNIT, |r| r.unit) }
                        mode={ kitchen.mode }
                        edited={ kitchen.edited() }
                        parses={ kitchen.parsed.is_ok() }
                        running={ kitchen.running.is_some() }
                        on_action={ { let d = kitchen.dispatcher(); Callback::from(move |a| d.dispatch(KitchenAction::Quiz(a))) } }
                        {on_lock}
                        on_reset_recipe={ dispatch(|()| KitchenAction::Reset) }
                        {on_start_from}
                        on_show={ on_show_me }
                    />
                    if make_it {
                        { editor }
                    }
                </div>
            }
        }
        None => html! {},
    };
    // A broken recipe keeps the editor where the learner can see its mistakes.
    let broken = kitchen.parsed.is_err() && *drawer != Some(Drawer::Recipe) && !embed;

    if embed {
        let full = web::location::link_with(&share_of(&kitchen).to_query());
        return html! {
            <main class="embedded">
                // The page's level-one heading, as on the full page, where the masthead shows it: here
                // the course page around the frame names the lesson, so it is for screen readers only.
                <h1 class="sr-only">{ "Async Kitchen" }</h1>
                { notice }
                { lesson_bar }
                { drawer_body }
                <div class="run-bar">{ controls }</div>
                { stage }
                { results }
                <p class="open-full">
                    <a href={ full } target="_blank" rel="noopener">{ "Open in Async Kitchen ↗" }</a>
                </p>
            </main>
        };
    }
    let marks: Rc<Vec<Mark>> = Rc::new(
        exercise_counts
            .iter()
            .map(|&(id, of)| kitchen.progress.mark(id, of))
            .collect(),
    );
    let toggle_library = {
        let library_open = library_open.clone();
        Callback::from(move |_: MouseEvent| library_open.set(!*library_open))
    };
    html! {
        <>
            <a class="skip" href="#main">{ "Skip to the lesson" }</a>
            <header class="masthead">
                <button class="secondary lessons-toggle" data-testid="lessons-toggle"
                        aria-expanded={ library_open.to_string() } aria-controls="library"
                        onclick={ toggle_library }>
                    { "☰ Lessons" }
                </button>
                <h1>{ "Async Kitchen" }</h1>
                <p class="tagline">{ "One cook, one thread: real Rust futures on your browser's event loop." }</p>
            </header>
            <div class={ if *library_open { "layout library-open" } else { "layout" } }>
                <Library
                    lessons={ lessons.clone() }
                    current={ lesson.as_ref().map(|l| l.id) }
                    marks={ marks }
                    {on_open}
                    on_reset_progress={ dispatch(|()| KitchenAction::ResetProgress) }
                />
                <main id="main" tabindex="-1">
                    { notice }
                    { lesson_bar }
                    { drawer_body }
                    if broken {
                        <p class="notice problem">
                            { "The recipe has mistakes, so it cannot run. " }
                            <button class="link" onclick={ toggle(Drawer::Recipe) }>{ "Open the recipe" }</button>
                        </p>
                    }
                    <div class="run-bar">{ controls }</div>
                    { stage }
                    { results }
                    <ShareBar
                        share={ share_of(&kitchen) }
                        title={ AttrValue::from(title) }
                        lesson={ lesson.as_ref().map(|l| l.id) }
                        text={ AttrValue::from(kitchen.text.clone()) }
                        result={ kitchen.results.last().cloned() }
                        clock_step_ms={ *clock_step }
                    />
                </main>
            </div>
        </>
    }
}

/// Tells the course page that embeds the page about the verdict on exercise `at`: the page's own
/// `async-kitchen:exercise` message, and SPLICE's score (the share of the lesson's exercises solved)
/// and state (the lesson's record), which a course page keeps and gives back on the next visit.
fn report(kitchen: &Kitchen, at: usize) {
    let quiz = &kitchen.quiz;
    let (Some(exercise), Some(attempt)) = (quiz.exercises.get(at), quiz.attempts.get(at)) else {
        return;
    };
    let key = kitchen.opened.key();
    let mark = kitchen.progress.mark(key, quiz.exercises.len());
    let record = kitchen.progress.get(key).cloned().unwrap_or_else(|| {
        crate::model::exercise::progress::LessonProgress {
            lesson: key.to_owned(),
            exercises: Vec::new(),
        }
    });
    let state = web::storage::progress::state(&record);
    web::embed::post(&export::exercise_message(
        kitchen.opened.lesson.as_ref().map(|l| l.id),
        at,
        quiz.exercises.len(),
        exercise.kind(),
        attempt.verdict.as_ref().is_some_and(|v| v.correct),
        attempt.attempts,
        mark.score(),
        &state,
    ));
    web::embed::report_score(mark.score(), &state);
}

/// The status line: what is running, and what that does to the page.
fn status(kitchen: &Kitchen, freeze: f64) -> String {
    let Some(mode) = kitchen.running else {
        return if kitchen.queue.is_empty() {
            String::new()
        } else {
            "Comparing: the next mode starts in a moment.".to_owned()
        };
    };
    let name = mode.label().to_ascii_lowercase();
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

/// Starts `mode` on the recipe on screen, feeds its snapshots and result to the page, and reports the
/// result to a parent frame when embedded. Does nothing while another run is in progress.
fn begin(
    kitchen: &UseReducerHandle<Kitchen>,
    handle: &Rc<RefCell<Option<RunHandle>>>,
    mode: Mode,
    embed: bool,
) {
    if handle.borrow().is_some() {
        return;
    }
    let Some(recipe) = kitchen.recipe() else {
        return;
    };
    let plan = kitchen.cook_plan();
    let started = if mode.on_cooks() {
        runtime::start_on_cooks((*recipe).clone(), plan.count)
    } else {
        runtime::start((*recipe).clone(), mode)
    };
    let run = match started {
        Ok(run) => run,
        Err(refused) => {
            kitchen.dispatch(KitchenAction::Refused(refused.to_string()));
            return;
        }
    };
    kitchen.dispatch(KitchenAction::Started(mode));
    *handle.borrow_mut() = Some(run.handle.clone());
    // The stage's prediction is this run's when it is of the same recipe and mode.
    let predicted = kitchen
        .predicted
        .as_ref()
        .filter(|p| p.recipe == recipe && p.mode == mode && kitchen.predicted_on == plan)
        .map_or_else(
            || Rc::new(Prediction::on(&recipe, mode, plan)),
            |p| p.prediction.clone(),
        );
    let done = Rc::new(Cell::new(false));
    // Live snapshots: a timer between them frees the thread, and during a blocking run none fires.
    {
        let (kitchen, recipe, predicted, done) = (
            kitchen.dispatcher(),
            recipe.clone(),
            predicted.clone(),
            done.clone(),
        );
        let run = run.handle.clone();
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                TimeoutFuture::new(if mode.on_cooks() {
                    COOKS_SNAPSHOT_MS
                } else {
                    SNAPSHOT_MS
                })
                .await;
                if done.get() {
                    break;
                }
                let snapshot = RunResult::with_prediction(
                    recipe.clone(),
                    mode,
                    run.trace(),
                    predicted.clone(),
                    true,
                );
                kitchen.dispatch(KitchenAction::Progress(Rc::new(snapshot)));
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
        done.set(true);
        let failure = run.handle.failure();
        handle.borrow_mut().take();
        if mode.on_cooks() {
            wasm_bindgen_futures::spawn_local(runtime::cooks::prepare());
            // What the cooks cost this time is what the next prediction counts on.
            let measured = crate::model::cooks::measured_costs(&trace);
            dispatcher.dispatch(KitchenAction::PoolChanged(Pool {
                warm: runtime::cooks::warm(),
                startup_ms: measured.startup.unwrap_or(before.startup_ms),
                message_ms: measured.message.unwrap_or(before.message_ms),
                reply_ms: measured.reply.unwrap_or(before.reply_ms),
            }));
        }
        if let Some(why) = failure {
            dispatcher.dispatch(KitchenAction::Notify(Some(Notice::problem(format!(
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
        dispatcher.dispatch(KitchenAction::Finished(Rc::new(result)));
    });
}
