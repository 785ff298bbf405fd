//! Checks every lesson against the design's table and against the rules every recipe in the library
//! keeps: valid, short stories, sensible speeds, and totals and print orders that a single-threaded
//! cooperative scheduler really produces.

use std::collections::BTreeSet;

use super::*;
use crate::Action;
use crate::cooks::Cooks;
use crate::predict::{predict, predict_with};

/// One row of [`TABLE`].
type Row = (&'static str, Concept, Unit, f64, Option<f64>, Mode);

/// The design's table of lessons: id, concept group, unit, blocking and concurrent totals (gather's,
/// or the processes mode's on the lesson's perfect cooks), opening mode.
#[rustfmt::skip]
const TABLE: &[Row] = &[
    ("cake",            Concept::WhatAsyncIs,        Unit::Min, 80.0,  Some(60.0), Mode::Gather),
    ("chores",          Concept::WhatAsyncIs,        Unit::Min, 180.0, Some(90.0), Mode::Gather),
    ("three-ways",      Concept::WhatAsyncIs,        Unit::Min, 80.0,  Some(60.0), Mode::Gather),
    ("sleep-and-print", Concept::GatherVsSequential, Unit::S,   9.0,   Some(6.0),  Mode::Gather),
    ("count",           Concept::GatherVsSequential, Unit::S,   3.0,   Some(1.0),  Mode::Gather),
    ("colours",         Concept::GatherVsSequential, Unit::S,   9.0,   Some(3.0),  Mode::Gather),
    ("downloads",       Concept::CreateTask,         Unit::S,   15.0,  Some(3.0),  Mode::Spawn),
    ("fruit-shop",      Concept::ChainedAwaits,      Unit::S,   2.0,   Some(2.0),  Mode::Gather),
    ("boil-and-chop",   Concept::CpuVsIo,            Unit::Min, 18.0,  Some(10.0), Mode::Gather),
    ("chop-and-dice",   Concept::CpuVsIo,            Unit::Min, 14.0,  Some(14.0), Mode::Gather),
    ("ten-thousand-timers", Concept::Scale,          Unit::Ms,  500_000.0, Some(50.0), Mode::Gather),
    ("missing-await",   Concept::Pitfalls,           Unit::S,   9.0,   Some(0.0),  Mode::Gather),
    ("blocking-inside-async", Concept::Pitfalls,     Unit::S,   15.0,  Some(3.0),  Mode::BlockingInAsync),
    ("never-awaited",   Concept::Pitfalls,           Unit::S,   3.0,   Some(1.0),  Mode::NeverAwaited),
    ("more-cooks",      Concept::MoreCooks,          Unit::Min, 14.0,  Some(8.0),  Mode::Processes),
    ("four-jobs",       Concept::MoreCooks,          Unit::S,   20.0,  Some(10.0), Mode::Processes),
    // Perfect cooks would halve the tiny tasks, which real ones cannot: no concurrent total.
    ("tiny-tasks",      Concept::MoreCooks,          Unit::Ms,  200.0, None,       Mode::Processes),
    ("downloads-on-cooks", Concept::MoreCooks,       Unit::S,   15.0,  Some(9.0),  Mode::Processes),
    ("threads-for-downloads", Concept::Threads,      Unit::S,   15.0,  Some(3.0),  Mode::Threads),
    ("threads-for-chopping", Concept::Threads,       Unit::Min, 14.0,  Some(14.0), Mode::Threads),
    ("four-ways",       Concept::Threads,            Unit::S,   15.0,  Some(3.0),  Mode::Threads),
];

/// One row of [`ON_COOKS`].
type CookRow = (&'static str, usize, &'static [(usize, f64)]);

/// The lessons on cooks: how many each opens with, and its processes totals on perfect cooks (which
/// cost nothing) of each size the story and "try this" name.
#[rustfmt::skip]
const ON_COOKS: &[CookRow] = &[
    ("more-cooks",         2, &[(1, 14.0), (2, 8.0)]),
    ("four-jobs",          2, &[(1, 20.0), (2, 10.0), (4, 5.0)]),
    ("tiny-tasks",         2, &[(1, 200.0), (2, 100.0)]),
    ("downloads-on-cooks", 2, &[(2, 9.0), (5, 3.0)]),
];

/// Lessons allowed to freeze the page for longer than [`MAX_FREEZE_MS`] in blocking mode, because
/// their point is a number of tasks no blocking program could get through; their stories say so.
const LONG_BLOCKING: &[&str] = &["ten-thousand-timers"];

/// The longest a lesson's blocking run may hold the page at its default scale.
const MAX_FREEZE_MS: f64 = 4_000.0;

/// The longest a lesson's concurrent run (gather, or its cooks) may take at its default scale.
const MAX_GATHER_MS: f64 = 2_500.0;

/// The shortest real wait worth showing: shorter ones drown in the browser's timer granularity.
const MIN_WAIT_MS: f64 = 20.0;

#[test]
fn the_library_is_the_designs_table_in_order() {
    let lessons = all();
    let ids: Vec<_> = lessons.iter().map(|l| l.id).collect();
    let table: Vec<_> = TABLE.iter().map(|row| row.0).collect();
    assert_eq!(ids, table);
    for (lesson, &(id, concept, unit, blocking, concurrent, mode)) in lessons.iter().zip(TABLE) {
        assert_eq!(lesson.concept, concept, "{id}");
        assert_eq!(lesson.recipe.unit, unit, "{id}");
        assert_eq!(lesson.expected.blocking, Some(blocking), "{id}");
        assert_eq!(lesson.expected.concurrent, concurrent, "{id}");
        assert_eq!(lesson.default_mode, mode, "{id}");
    }
}

#[test]
fn lesson_ids_are_unique_kebab_case_and_found() {
    let lessons = all();
    let mut seen = BTreeSet::new();
    for l in &lessons {
        assert!(seen.insert(l.id), "duplicate id {}", l.id);
        assert!(
            !l.id.is_empty()
                && l.id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "id {:?} is not kebab-case",
            l.id
        );
        assert_eq!(by_id(l.id).as_ref(), Some(l));
    }
    assert!(by_id("missing").is_none());
    assert_eq!(cake_and_groceries().id, "cake");
}

#[test]
fn concept_groups_are_all_used_in_order() {
    let concepts: Vec<_> = all().iter().map(|l| l.concept).collect();
    assert!(
        concepts.is_sorted(),
        "lessons are not grouped in concept order"
    );
    let mut used = concepts.clone();
    used.dedup();
    assert_eq!(used, Concept::ALL);
    assert!(Concept::ALL.is_sorted());
    for concept in Concept::ALL {
        assert!(!concept.label().is_empty());
        assert!(concept.summary().ends_with('.'));
    }
}

#[test]
fn blocking_totals_are_the_tutorials() {
    for l in all() {
        if let Some(blocking) = l.expected.blocking {
            assert_eq!(l.recipe.serial_units() as f64, blocking, "{}", l.id);
        }
    }
}

#[test]
fn every_recipe_is_valid_recipe_text() {
    // The text format's validation is the judge: each lesson prints to text that reads back as itself.
    for l in all() {
        let text = crate::text::print(&l.recipe);
        assert_eq!(
            crate::text::parse(&text),
            Ok(l.recipe.clone()),
            "{}:\n{text}",
            l.id
        );
    }
}

#[test]
fn stories_are_two_to_five_sentences_and_there_is_something_to_try() {
    for l in all() {
        let n = sentences(&l.recipe.story);
        assert!((2..=5).contains(&n), "{}: story has {n} sentences", l.id);
        assert!(!l.recipe.title.trim().is_empty(), "{}", l.id);
        assert!(!l.try_this.trim().is_empty(), "{}", l.id);
        assert!(l.try_this.trim_end().ends_with('.'), "{}", l.id);
    }
}

#[test]
fn sentence_counting_ignores_dots_inside_names() {
    assert_eq!(sentences("Call time.sleep(3). It blocks!"), 2);
    assert_eq!(sentences("One. Two? Three."), 3);
    assert_eq!(sentences("It said “done.” Then it stopped."), 2);
}

#[test]
fn default_speeds_keep_runs_short_and_waits_long_enough_to_see() {
    for l in all() {
        let r = &l.recipe;
        assert!(r.scale_ms.is_finite() && r.scale_ms > 0.0, "{}", l.id);
        let freeze = r.ms(r.serial_units() as f64);
        if !LONG_BLOCKING.contains(&l.id) {
            assert!(
                freeze <= MAX_FREEZE_MS,
                "{}: blocking freezes for {freeze} ms",
                l.id
            );
        }
        let concurrent = r.ms(l.expected.concurrent.unwrap_or(0.0));
        assert!(
            concurrent <= MAX_GATHER_MS,
            "{}: the concurrent run takes {concurrent} ms",
            l.id
        );
        for routine in r.tasks.iter().chain(&r.helpers) {
            for step in &routine.steps {
                if let Action::Wait(n) = step.action {
                    let ms = r.ms(f64::from(n));
                    assert!(ms >= MIN_WAIT_MS, "{}: a {ms} ms wait", l.id);
                }
            }
        }
    }
}

/// How many sentences a text has: every `.`, `!` or `?` that ends the text or is followed by a space,
/// possibly after a closing quote or bracket.
fn sentences(text: &str) -> usize {
    let chars: Vec<char> = text.trim().chars().collect();
    (0..chars.len())
        .filter(|&i| matches!(chars[i], '.' | '!' | '?'))
        .filter(|&i| {
            let rest = chars[i + 1..]
                .iter()
                .find(|c| !matches!(c, '”' | '"' | '’' | ')'));
            rest.is_none_or(|c| c.is_whitespace())
        })
        .count()
}

/// The total of `lesson`'s recipe in the processes mode on `pool`, in the recipe's unit.
fn on_cooks(lesson: &Lesson, pool: Cooks) -> f64 {
    let r = &lesson.recipe;
    r.units(predict_with(r, Mode::Processes, pool).end)
}

/// Asserts that a predicted total in a recipe's unit is the tutorial's, up to the rounding of units
/// turned into milliseconds and back (a unit of a tenth of a millisecond has no exact binary form).
fn assert_total(predicted: f64, tutorial: f64, what: &str) {
    assert!(
        (predicted - tutorial).abs() <= 1e-9 * tutorial.abs().max(1.0),
        "{what}: {predicted} against {tutorial}"
    );
}

#[test]
fn lessons_on_cooks_open_on_their_cooks_and_share_out_what_the_tutorials_say() {
    for l in all() {
        let row = ON_COOKS.iter().find(|row| row.0 == l.id);
        assert_eq!(
            row.is_some(),
            l.default_mode == Mode::Processes,
            "{}: a lesson opens on cooks exactly when it is one of the lessons on cooks",
            l.id
        );
        let Some(&(id, cooks, totals)) = row else {
            assert_eq!(l.cooks, None, "{}", l.id);
            continue;
        };
        assert_eq!(l.cooks, Some(cooks), "{id}");
        for &(k, total) in totals {
            assert_total(
                on_cooks(&l, Cooks::perfect(k)),
                total,
                &format!("{id} on {k} cooks"),
            );
        }
        if let Some(concurrent) = l.expected.concurrent {
            assert_total(on_cooks(&l, Cooks::perfect(cooks)), concurrent, id);
        }
        let blocking = l.recipe.units(predict(&l.recipe, Mode::Blocking).end);
        assert_total(blocking, l.expected.blocking.unwrap_or(f64::NAN), id);
    }
}

#[test]
fn tiny_tasks_are_slower_on_cooks_than_on_the_pages_own_thread() {
    let l = tiny_tasks();
    let blocking = l.recipe.units(predict(&l.recipe, Mode::Blocking).end);
    let cold = Cooks::new(2);
    // Even cooks already started cost two messages a task, more than a task's work.
    let warm = Cooks {
        warm: 2,
        ..Cooks::new(2)
    };
    for pool in [cold, warm] {
        let total = on_cooks(&l, pool);
        assert!(total > blocking, "{total} on {pool:?} against {blocking}");
    }
}

#[test]
fn downloads_gain_nothing_on_cooks_over_gather() {
    let l = downloads_on_cooks();
    let gather = l.recipe.units(predict(&l.recipe, Mode::Gather).end);
    assert_eq!(gather, 3.0);
    for k in 1..=5 {
        assert!(on_cooks(&l, Cooks::new(k)) > gather, "{k} cooks");
        assert!(
            on_cooks(&l, Cooks::perfect(k)) >= gather,
            "{k} perfect cooks"
        );
    }
}

#[test]
fn a_lessons_tutorial_total_is_shown_for_the_modes_it_is_about() {
    let cake = cake_and_groceries();
    assert_eq!(cake.expected_total(Mode::Blocking), Some(80.0));
    assert_eq!(cake.expected_total(Mode::Gather), Some(60.0));
    assert_eq!(cake.expected_total(Mode::Spawn), Some(60.0));
    assert_eq!(cake.expected_total(Mode::Processes), None);
    assert_eq!(cake.expected_total(Mode::Sequential), None);
    let chop = more_cooks();
    assert_eq!(chop.expected_total(Mode::Blocking), Some(14.0));
    assert_eq!(chop.expected_total(Mode::Processes), Some(8.0));
    assert_eq!(chop.expected_total(Mode::Gather), None);
}

/// Every lesson's recipe is its text in `recipes/`, read without a mistake, and that text is the
/// canonical print of the recipe, so a lesson's share link carries exactly the file.
#[test]
fn every_lessons_text_is_a_valid_canonical_recipe() {
    for lesson in all() {
        assert!(
            !lesson
                .recipe
                .title
                .starts_with("This lesson could not be read"),
            "{}: {}",
            lesson.id,
            lesson.recipe.title
        );
        assert!(!lesson.recipe.tasks.is_empty(), "{}", lesson.id);
        let text = std::fs::read_to_string(format!("src/lesson/recipes/{}.txt", lesson.id))
            .expect("the lesson's text");
        assert_eq!(crate::text::print(&lesson.recipe), text, "{}", lesson.id);
    }
}

/// The numbers a text writes as digits, such as `60` and `2.5`.
fn numbers(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map(|t| t.trim_matches('.'))
        .filter(|t| !t.is_empty() && t.bytes().next().is_some_and(|b| b.is_ascii_digit()))
        .map(str::to_owned)
        .collect()
}

/// A story or a "try this" that states an exercise's answer gives it away before the learner
/// predicts (the verdict says it after the run): no total an exercise asks is written in them as a
/// number — unless it is also how long one of the recipe's steps is, which a story must be able to
/// say — and no order an exercise asks is written out line by line.
#[test]
fn no_story_states_the_answer_to_its_own_exercises() {
    use crate::exercise::Question;
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let mut told_away = Vec::new();
    for lesson in all() {
        let recipe = &lesson.recipe;
        let texts = format!("{} {}", recipe.story, lesson.try_this);
        let steps: BTreeSet<String> = recipe
            .tasks
            .iter()
            .chain(&recipe.helpers)
            .flat_map(|t| &t.steps)
            .filter_map(|s| match s.action {
                Action::Work(units) | Action::Wait(units) => Some(units),
                _ => None,
            })
            .map(|units| crate::exercise::check::amount(recipe.unit, f64::from(units)))
            .collect();
        for exercise in exercises::of(&lesson) {
            match exercise.question {
                Question::Total { mode, .. } => {
                    let units = recipe.units(predict(recipe, mode).end);
                    let said = crate::exercise::check::amount(recipe.unit, units);
                    let number = said.split(' ').next().unwrap_or_default().to_owned();
                    if !steps.contains(&said) && numbers(&texts).contains(&number) {
                        told_away.push(format!(
                            "{}: {said} (“{}”)",
                            lesson.id,
                            exercise.prompt.text()
                        ));
                    }
                }
                Question::Order { mode } => {
                    let lines: Vec<String> = crate::predict::prediction(recipe, mode)
                        .console
                        .into_iter()
                        .flat_map(|l| words(&l.text))
                        .collect();
                    let told = words(&texts);
                    if lines.len() >= 2 && told.windows(lines.len()).any(|w| w == lines) {
                        told_away.push(format!(
                            "{}: the order (“{}”)",
                            lesson.id,
                            exercise.prompt.text()
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    assert!(
        told_away.is_empty(),
        "stories that tell the answer: {told_away:#?}"
    );
}

/// The lessons shown in Python first are lessons, and the tutorials' own (the ones with a number or
/// an order from a tutorial, or a pitfall the Python tutorials show); none runs on cooks.
#[test]
fn the_lessons_from_the_python_tutorials_are_lessons_and_none_on_cooks() {
    for id in FROM_PYTHON_TUTORIALS {
        let lesson = by_id(id).unwrap_or_else(|| panic!("{id} is not a lesson"));
        assert!(lesson.from_python_tutorial());
        assert_ne!(lesson.concept, Concept::MoreCooks, "{id}");
    }
    assert!(!by_id("ten-thousand-timers").unwrap().from_python_tutorial());
}

#[test]
fn the_catalog_lists_every_lesson_as_it_is() {
    let lessons = all();
    let listed: Vec<Entry> = lessons
        .iter()
        .map(|l| Entry {
            id: l.id,
            title: CATALOG
                .iter()
                .find(|e| e.id == l.id)
                .map_or("", |e| e.title),
            concept: l.concept,
            exercises: exercises::of(l).len(),
        })
        .collect();
    assert_eq!(listed, CATALOG);
    for (lesson, entry) in lessons.iter().zip(CATALOG) {
        assert_eq!(lesson.recipe.title, entry.title, "{}", lesson.id);
        assert!(is_lesson(lesson.id));
    }
    assert!(!is_lesson("pie"));
}
