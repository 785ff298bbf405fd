//! The exercises of what is open, as the page asks them: one attempt per exercise, the one shown,
//! the one waiting for its run, and what the judging run showed.
//!
//! This file owns the flow of an exercise on the page — answer, lock in, run, verdict, try again —
//! as plain state that [`Kitchen`](crate::Kitchen) keeps and its reducer changes. Whether an
//! answer is right is [`kitchen_model::exercise`]'s to say; starting the run is the page's.

use std::rc::Rc;

use kitchen_model::code::{self, Language};
use kitchen_model::exercise::attempt::{Answer, Attempt, NotReady, Run};
use kitchen_model::exercise::{Exercise, Question, explain};
use kitchen_model::replay::Narrator;
use kitchen_model::run::RunResult;
use kitchen_model::{Asked, Mode, Recipe};

/// How many moments a total's explanation tells at most: the last tasks to finish.
const FINISHES_TOLD: usize = 4;

/// The exercises of the recipe that is open, and the learner's attempts at them.
///
/// A lesson's own exercises come first and are about the lesson's recipe as it ships; then come
/// those the recipe's text asks with `exercise` headers, which are about the recipe on screen and
/// follow it as the learner edits it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Quiz {
    /// The exercises, in the order the page asks them.
    pub exercises: Rc<Vec<Exercise>>,
    /// The recipe each exercise is about.
    pub subjects: Vec<Rc<Recipe>>,
    /// How many of the exercises are the lesson's own (the first ones).
    pub own: usize,
    /// The headers the rest were read from.
    asked: Vec<Asked>,
    /// One attempt per exercise.
    pub attempts: Vec<Attempt>,
    /// The run behind each exercise's latest verdict, if it has one.
    pub judged: Vec<Option<Judged>>,
    /// Which exercises the page has shown the learner (the drawer drew them open): until its
    /// answer is locked in, a posed question hides the prediction that would answer it
    /// ([`Concealed`](crate::conceal::Concealed)).
    pub posed: Vec<bool>,
    /// The exercise on screen.
    pub current: usize,
    /// The exercise whose locked answer waits for a run, and the mode that run must be in.
    pub waiting: Option<(usize, Mode)>,
    /// What judges it, handed over with the lock.
    judge: Option<Judge>,
    /// How many verdicts have been given since the page loaded: the App saves and reports each one
    /// once, when this changes.
    pub verdicts: u32,
    /// The exercise the latest verdict was given to.
    pub last: Option<usize>,
}

/// Judges a locked answer by a finished run of the recipe it is about ([`judge_by`]): gives the
/// attempt its verdict and says why, in sentences, or `None` when the run cannot judge it.
///
/// The reducer calls it, and the page hands it over with the lock (`QuizAction::Lock`) from the
/// Exercises drawer's chunk: a learner who locks an answer in has the drawer open, so the first
/// look holds none of the judging (the checks, the explanations, the state machines' reading).
#[derive(Clone, Copy)]
pub struct Judge(pub JudgeFn);

/// What a [`Judge`] calls: the exercise, the attempt it gives a verdict to, the recipe the exercise
/// is about, the finished run and the language its code is quoted in; the explanation, if it judged.
pub type JudgeFn =
    fn(&Exercise, &mut Attempt, &Recipe, &RunResult, Language) -> Option<Rc<Vec<String>>>;

/// There is one judge, [`judge_by`]: two are always equal, so that an action can carry one.
impl PartialEq for Judge {
    fn eq(&self, _: &Judge) -> bool {
        true
    }
}

impl std::fmt::Debug for Judge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Judge")
    }
}

/// The run that judged an exercise's latest verdict, as the verdict tells it.
#[derive(Clone, Debug, PartialEq)]
pub struct Judged {
    /// The mode it ran in, which *Show me* steps through.
    pub mode: Mode,
    /// Why the verdict came out as it did, sentence by sentence, from the run.
    pub told: Rc<Vec<String>>,
}

/// What the learner can do to the exercises.
#[derive(Clone, Debug, PartialEq)]
pub enum QuizAction {
    /// Show exercise `n`.
    Choose(usize),
    /// Replace the shown exercise's answer (a total as typed, say).
    Answer(Answer),
    /// Move line `n` of an order one place up (`true`) or down.
    Move(usize, bool),
    /// Move line `from` of an order to place `to`.
    Place(usize, usize),
    /// Pick or unpick choice `n`.
    Toggle(usize),
    /// Lock the shown exercise's answer in; the run in this mode that follows judges it, by the
    /// judge handed over.
    Lock(Mode, Judge),
    /// Start the shown exercise afresh.
    TryAgain,
    /// The page shows exercise `n` to the learner: it counts as asked from now on.
    Pose(usize),
}

/// Why the shown exercise cannot be locked in now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blocked {
    /// The answer is incomplete.
    NotReady(NotReady),
    /// The question is about the lesson's recipe as it ships, and the learner has changed it.
    Edited,
    /// The recipe on screen does not parse.
    Broken,
    /// It is locked already.
    Locked,
}

impl Quiz {
    /// A lesson's `own` exercises about its `recipe`, then those the recipe `on_screen` asks.
    pub fn new(
        own: Vec<Exercise>,
        recipe: Option<Rc<Recipe>>,
        on_screen: Option<&Rc<Recipe>>,
    ) -> Quiz {
        let mut quiz = Quiz::default();
        if let Some(recipe) = recipe {
            quiz.own = own.len();
            quiz.subjects = vec![recipe; own.len()];
            quiz.exercises = Rc::new(own);
            quiz.fresh_attempts(0);
        }
        quiz.follow(on_screen);
        quiz
    }

    /// Follows the recipe on screen: the exercises its `exercise` headers ask are about it, so when
    /// it changes (and parses), they are asked afresh — unless one is locked in and waits for its
    /// run. A lesson's own exercises stay as they are.
    pub fn follow(&mut self, on_screen: Option<&Rc<Recipe>>) {
        let Some(recipe) = on_screen.filter(|r| self.would_follow(r)) else {
            return;
        };
        let before = (self.exercises.clone(), self.posed.clone());
        let mut exercises: Vec<Exercise> = self.exercises[..self.own].to_vec();
        exercises.extend(
            recipe
                .exercises
                .iter()
                .map(|&a| Exercise::asked(a, recipe.unit)),
        );
        self.exercises = Rc::new(exercises);
        self.subjects.truncate(self.own);
        self.subjects.resize(self.exercises.len(), recipe.clone());
        self.asked = recipe.exercises.clone();
        self.fresh_attempts(self.own);
        // A question the learner has read stays asked when an edit asks it again.
        let (old, posed) = before;
        for (n, was) in posed.into_iter().enumerate().skip(self.own) {
            if was && n < self.posed.len() && old.get(n) == self.exercises.get(n) {
                self.posed[n] = true;
            }
        }
        if self.current >= self.exercises.len() {
            self.current = 0;
        }
    }

    /// Whether [`Quiz::follow`] would ask anything afresh for `recipe`: its headers or the recipe
    /// changed, and no exercise about it waits for a run.
    pub fn would_follow(&self, recipe: &Rc<Recipe>) -> bool {
        let same =
            self.asked == recipe.exercises && self.subjects[self.own..].iter().all(|s| s == recipe);
        let waits = self.waiting.is_some_and(|(n, _)| n >= self.own);
        !(same || waits)
    }

    /// Fresh attempts (and no verdicts) for every exercise from `from` on.
    fn fresh_attempts(&mut self, from: usize) {
        let count = self.exercises.len();
        self.attempts.truncate(from);
        for n in from..count {
            self.attempts
                .push(Attempt::new(&self.exercises[n], &self.subjects[n]));
        }
        self.judged.truncate(from);
        self.judged.resize(count, None);
        self.posed.truncate(from);
        self.posed.resize(count, false);
    }

    /// The exercise on screen and its attempt, if there are exercises.
    pub fn shown(&self) -> Option<(&Exercise, &Attempt)> {
        self.exercises
            .get(self.current)
            .zip(self.attempts.get(self.current))
    }

    /// The mode whose run judges the shown exercise: the question's own, else `chosen`.
    pub fn mode_for(&self, chosen: Mode) -> Mode {
        self.shown()
            .and_then(|(exercise, _)| Attempt::judged_by(exercise))
            .unwrap_or(chosen)
    }

    /// Whether the shown exercise can be locked in now: `edited` says whether the editor holds
    /// something else than what was opened, `parses` whether it holds a recipe that runs.
    pub fn can_lock(&self, edited: bool, parses: bool) -> Result<(), Blocked> {
        let Some((exercise, attempt)) = self.shown() else {
            return Err(Blocked::Locked);
        };
        if attempt.locked {
            return Err(Blocked::Locked);
        }
        let make_it = matches!(exercise.question, Question::MakeIt { .. });
        if !parses && (make_it || self.current >= self.own) {
            return Err(Blocked::Broken);
        }
        if edited && !make_it && self.current < self.own {
            return Err(Blocked::Edited);
        }
        attempt.clone().lock().map_err(Blocked::NotReady)
    }

    /// Applies `action`; says whether anything changed.
    pub fn apply(&mut self, action: QuizAction) -> bool {
        if let QuizAction::Pose(n) = action {
            let fresh = self.posed.get(n) == Some(&false);
            if fresh {
                self.posed[n] = true;
            }
            return fresh;
        }
        let at = self.current;
        let (Some(exercise), Some(attempt)) =
            (self.exercises.get(at).cloned(), self.attempts.get_mut(at))
        else {
            return false;
        };
        match action {
            QuizAction::Choose(n) => {
                let moved = n < self.exercises.len() && n != at;
                if moved {
                    self.current = n;
                }
                moved
            }
            QuizAction::Answer(answer) => attempt.set(answer),
            QuizAction::Move(line, up) => attempt.move_line(line, up),
            QuizAction::Place(from, to) => attempt.place(from, to),
            QuizAction::Toggle(choice) => attempt.toggle(choice),
            QuizAction::Lock(mode, judge) => {
                let locked = attempt.lock().is_ok();
                if locked {
                    self.waiting = Some((at, mode));
                    self.judge = Some(judge);
                }
                locked
            }
            QuizAction::TryAgain => {
                attempt.try_again(&exercise, &self.subjects[at]);
                self.judged[at] = None;
                if self.waiting.is_some_and(|(n, _)| n == at) {
                    self.waiting = None;
                }
                true
            }
            QuizAction::Pose(_) => false,
        }
    }

    /// Judges the waiting exercise by a finished run, if the run is the one it waits for: in its
    /// mode, not cancelled, and of the recipe as opened (a "make it" exercise: of any edit).
    /// `language` is the one the code panel shows, which the explanation's sentences quote.
    pub fn judge(&mut self, result: &RunResult, language: Language) -> bool {
        let Some((at, mode)) = self.waiting else {
            return false;
        };
        let (Some(exercise), Some(original)) = (self.exercises.get(at), self.subjects.get(at))
        else {
            return false;
        };
        let make_it = matches!(exercise.question, Question::MakeIt { .. });
        let as_opened = Recipe {
            scale_ms: original.scale_ms,
            ..(*result.recipe).clone()
        } == **original;
        if result.mode != mode || result.timeline.cancelled || !(make_it || as_opened) {
            return false;
        }
        let Some(Judge(judge)) = self.judge else {
            return false;
        };
        let Some(told) = judge(exercise, &mut self.attempts[at], original, result, language) else {
            return false;
        };
        self.judged[at] = Some(Judged { mode, told });
        self.waiting = None;
        self.verdicts += 1;
        self.last = Some(at);
        true
    }

    /// Whether the exercise `n` has a verdict, and whether it is right.
    pub fn correct(&self, n: usize) -> Option<bool> {
        self.attempts
            .get(n)
            .and_then(|a| a.verdict.as_ref())
            .map(|v| v.correct)
    }
}

/// The judge ([`Judge`]): judges `attempt` at `exercise` by `result`, a run of `original` (the
/// lesson's recipe) or of the learner's edit, and explains the verdict in the narration's
/// sentences, quoting the code in `language`.
pub fn judge_by(
    exercise: &Exercise,
    attempt: &mut Attempt,
    original: &Recipe,
    result: &RunResult,
    language: Language,
) -> Option<Rc<Vec<String>>> {
    let (recipe, mode) = (&result.recipe, result.mode);
    let printed: Vec<String> = result
        .timeline
        .console
        .iter()
        .map(|l| l.text.clone())
        .collect();
    // A question on states is judged by the futures' state machines, whose `.await`s the
    // async/await Rust numbers, whatever language the code panel shows.
    let states = match exercise.question {
        Question::States { task, .. } | Question::StateAt { task, .. } => Some(task),
        _ => None,
    };
    let first_callback = matches!(exercise.question, Question::FirstCallback { .. });
    let async_rust =
        (states.is_some() || first_callback).then(|| code::code(recipe, mode, Language::Rust));
    let run = Run {
        recipe,
        mode,
        total: recipe.units(result.totals.end),
        printed: &printed,
        predicted: recipe.units(result.prediction.totals.end),
        machine: async_rust.as_ref().map(|view| (&*result.replay, view)),
    };
    if !attempt.judge(exercise, original, run) {
        return None;
    }
    let view = code::code(recipe, mode, language);
    let narrator = Narrator::new(&result.replay, recipe, &view);
    let told = match (&exercise.question, states.zip(async_rust.as_ref())) {
        (Question::Order { .. } | Question::FirstCallback { .. }, _) => {
            explain::order(&result.replay, &narrator)
        }
        (_, Some((task, rust))) => explain::states(&result.replay, &narrator, rust, recipe, task),
        _ => explain::finishes(&result.replay, &narrator, FINISHES_TOLD),
    };
    Some(Rc::new(told))
}
