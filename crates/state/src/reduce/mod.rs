//! The reducer: every action applied to the state, one small function per concern.
//!
//! This file owns the top of it: which concern an action belongs to, and what follows any change
//! of the recipe a run would use (a new prediction, the exercises following the text), and the
//! opening, choosing and progress, which are a few lines each. The runs' and the stage's changes
//! have files of their own (`runs`, `stage`); the exercises' are `Quiz::apply`'s.

mod runs;
mod stage;

use std::rc::Rc;

use kitchen_model::Mode;
use kitchen_model::code::Language;
use kitchen_model::cooks;
use kitchen_model::text;

use crate::action::{Action, Choice, Opening, ProgressAction};
use crate::kitchen::Kitchen;
use crate::runs::RunEvent;
use crate::stage::StageView;
use crate::written::Source;

impl Kitchen {
    /// Applies `action`: the page's one reducer.
    pub fn apply(&mut self, action: Action) {
        let recipe_may_change = matches!(
            action,
            Action::Open(_) | Action::Choose(_) | Action::Run(RunEvent::PoolChanged(_))
        );
        match action {
            Action::Open(opening) => open(self, opening),
            Action::Choose(choice) => choose(self, choice),
            Action::Run(event) => runs::apply(self, event),
            Action::Stage(action) => stage::apply(self, action),
            Action::Quiz(action) => {
                Rc::make_mut(&mut self.quiz).apply(action);
            }
            Action::Progress(ProgressAction::Restore(record)) => {
                if record.lesson == self.opened.key() {
                    Rc::make_mut(&mut self.progress).set(record);
                }
            }
            Action::Progress(ProgressAction::Reset) => Rc::make_mut(&mut self.progress).reset(),
            Action::Notify(notice) => self.notice = notice,
        }
        if recipe_may_change {
            self.predict();
            // The exercises are copied only when they change: typing in the editor is an action
            // per key.
            if let Ok(on_screen) = &self.parsed
                && self.quiz.would_follow(on_screen)
            {
                Rc::make_mut(&mut self.quiz).follow(Some(on_screen));
            }
        }
    }
}

/// Replaces what is open with `loaded`; what the page knows of the browser and of the learner
/// (their own Python among it) stays.
fn load(kitchen: &mut Kitchen, mut loaded: Kitchen) {
    crate::startup::keep_own(&mut loaded, Language::Python, kitchen.python_draft.clone());
    crate::startup::keep_own(&mut loaded, Language::Rust, kitchen.rust_draft.clone());
    *kitchen = Kitchen {
        language: kitchen.chosen_language.unwrap_or(loaded.language),
        chosen_language: kitchen.chosen_language,
        cores: kitchen.cores,
        pool: kitchen.pool,
        progress: kitchen.progress.clone(),
        ..loaded
    };
}

/// Opens a lesson, edits the text or resets it.
fn open(kitchen: &mut Kitchen, opening: Opening) {
    match opening {
        Opening::Load(loaded) => load(kitchen, *loaded),
        Opening::Lesson(opened, draft) => {
            let fresh = Kitchen::open(opened, draft);
            // A run in progress keeps going until the page has cancelled it; its result will not
            // match the new recipe and is dropped when it arrives.
            *kitchen = Kitchen {
                running: kitchen.running,
                language: kitchen.chosen_language.unwrap_or(fresh.language),
                chosen_language: kitchen.chosen_language,
                cores: kitchen.cores,
                pool: kitchen.pool,
                progress: kitchen.progress.clone(),
                // The learner's Python is theirs, whatever lesson is open.
                source: kitchen.source,
                written: kitchen.written.clone(),
                program_scale_ms: kitchen.program_scale_ms,
                python_draft: kitchen.python_draft.clone(),
                rust_draft: kitchen.rust_draft.clone(),
                stage: StageView {
                    speed: kitchen.stage.speed,
                    ..StageView::default()
                },
                ..fresh
            };
        }
        Opening::Edit(text) => {
            lead(kitchen, Source::Recipe);
            kitchen.set_text(text.into());
            runs::forget_stale(kitchen);
        }
        Opening::Reset => {
            lead(kitchen, Source::Recipe);
            kitchen.set_text(kitchen.opened.original.clone());
            kitchen.scale_ms = None;
            runs::forget_stale(kitchen);
        }
        Opening::Source(source) => kitchen.source = source,
        Opening::Written(written) => {
            // The learner's program becomes the program. Read for the first time (a saved
            // program, a link's, the twin they started from) it shows as written; a mode chosen
            // since stays chosen as they go on typing.
            let first = kitchen.leading_program().is_none();
            let shows = written.last_good.is_some();
            let language = written.language;
            // A program in the other language gives way: its text stays the learner's, to open
            // again ("Open my Rust"), as saved work keeps it.
            if let Some(before) = kitchen.written.take_if(|w| w.language != language) {
                let text = Some(before.text.clone());
                match before.language {
                    Language::Python => kitchen.python_draft = text,
                    Language::Rust => kitchen.rust_draft = text,
                }
            }
            kitchen.written = Some(written);
            lead(kitchen, Source::of(language));
            if first && shows && !kitchen.as_written {
                kitchen.as_written = true;
                kitchen.stage.rest();
            }
            runs::forget_stale(kitchen);
        }
        Opening::Lead(source) => {
            lead(kitchen, source);
            runs::forget_stale(kitchen);
        }
    }
}

/// Makes `source` the program. The learner's Python shows as written when it becomes the program
/// (once read: the Python editor reads a saved one), and never while the recipe is. A scale chosen
/// for the other program's recipe (its unit may be another) is not this one's.
fn lead(kitchen: &mut Kitchen, source: Source) {
    if kitchen.lead == source {
        return;
    }
    kitchen.lead = source;
    kitchen.scale_ms = None;
    kitchen.as_written = kitchen
        .written
        .as_ref()
        .is_some_and(|w| source.language() == Some(w.language) && w.last_good.is_some());
    kitchen.stage.rest();
}

/// Applies the learner's choice for the next run.
fn choose(kitchen: &mut Kitchen, choice: Choice) {
    match choice {
        Choice::Mode(mode) => {
            kitchen.mode = mode;
            kitchen.as_written = false;
        }
        Choice::AsWritten => {
            kitchen.as_written = kitchen.leading_program().is_some();
            kitchen.stage.rest();
        }
        Choice::Scale(ms) if kitchen.as_written => {
            kitchen.program_scale_ms = ms.filter(|ms| text::limits::scale_in_range(*ms));
        }
        Choice::Scale(ms) => {
            kitchen.scale_ms = ms.filter(|ms| text::limits::scale_in_range(*ms));
            runs::forget_stale(kitchen);
        }
        Choice::Way(way) => kitchen.way = way,
        Choice::Simulate(simulate) => kitchen.simulate = Some(simulate),
        Choice::Language(language) => {
            kitchen.language = language;
            kitchen.chosen_language = Some(language);
        }
        Choice::Cooks(count) => {
            kitchen.cooks = count.map(|c| c.clamp(1, cooks::MAX_COOKS));
            if kitchen.result(Mode::Processes).is_some() {
                Rc::make_mut(&mut kitchen.results).retain(|r| r.mode != Mode::Processes);
            }
        }
    }
}
