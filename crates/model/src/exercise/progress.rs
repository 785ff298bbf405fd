//! A learner's progress through the lessons' exercises: per lesson, per exercise, how many answers
//! were judged and whether one was right.
//!
//! This module owns the record and what a lesson's mark in the library says; it is plain data, kept
//! in local storage by `web::storage::progress` and sent to a course page as a SPLICE state. It
//! decides nothing about when an answer is judged.

use serde::Serialize;

/// One exercise's record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// How many answers were judged.
    pub attempts: u32,
    /// Whether one of them was right.
    pub solved: bool,
}

/// One lesson's record: its exercises' tallies, in the order the page asks them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LessonProgress {
    /// The lesson's id.
    pub lesson: String,
    /// Each exercise's tally, by index; exercises never answered may be missing from the end.
    pub exercises: Vec<Tally>,
}

/// What a lesson's mark in the library says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mark {
    /// How many of its exercises were solved.
    pub solved: usize,
    /// How many were answered at least once.
    pub attempted: usize,
    /// How many exercises the lesson has.
    pub of: usize,
    /// How many answers were judged in all.
    pub attempts: u32,
}

impl Mark {
    /// Whether every exercise is solved.
    pub fn complete(&self) -> bool {
        self.of > 0 && self.solved >= self.of
    }

    /// The score a course page grades by: the share of the lesson's exercises solved, from 0 to 1.
    pub fn score(&self) -> f64 {
        if self.of == 0 {
            0.0
        } else {
            self.solved.min(self.of) as f64 / self.of as f64
        }
    }
}

/// The most exercises a lesson's record keeps (a recipe's text may ask eight, a lesson three).
pub const MAX_TALLIES: usize = 16;

/// Every lesson's record, in id order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    lessons: Vec<LessonProgress>,
}

impl Progress {
    /// The records, in id order.
    pub fn lessons(&self) -> &[LessonProgress] {
        &self.lessons
    }

    /// Whether nothing has been answered.
    pub fn is_empty(&self) -> bool {
        self.lessons.is_empty()
    }

    /// The record of `lesson`, if it has one.
    pub fn get(&self, lesson: &str) -> Option<&LessonProgress> {
        self.find(lesson).ok().map(|at| &self.lessons[at])
    }

    /// Counts a judged answer to exercise `exercise` of `lesson`, right or not. An index past
    /// [`MAX_TALLIES`] is not kept.
    pub fn record(&mut self, lesson: &str, exercise: usize, solved: bool) {
        if exercise >= MAX_TALLIES {
            return;
        }
        let at = match self.find(lesson) {
            Ok(at) => at,
            Err(at) => {
                self.lessons.insert(
                    at,
                    LessonProgress {
                        lesson: lesson.to_owned(),
                        exercises: Vec::new(),
                    },
                );
                at
            }
        };
        let tallies = &mut self.lessons[at].exercises;
        if tallies.len() <= exercise {
            tallies.resize(exercise + 1, Tally::default());
        }
        let tally = &mut tallies[exercise];
        tally.attempts = tally.attempts.saturating_add(1);
        tally.solved |= solved;
    }

    /// Puts in a lesson's record as read back (from storage, or from a course page's saved state),
    /// replacing what was there; more than [`MAX_TALLIES`] tallies are cut.
    pub fn set(&mut self, mut record: LessonProgress) {
        record.exercises.truncate(MAX_TALLIES);
        match self.find(&record.lesson) {
            Ok(at) => self.lessons[at] = record,
            Err(at) => self.lessons.insert(at, record),
        }
    }

    /// Forgets every lesson's record.
    pub fn reset(&mut self) {
        self.lessons.clear();
    }

    /// What `lesson`'s mark says, for a lesson of `of` exercises.
    pub fn mark(&self, lesson: &str, of: usize) -> Mark {
        let tallies = self.get(lesson).map_or(&[][..], |p| &p.exercises[..]);
        let tallies = &tallies[..tallies.len().min(of)];
        Mark {
            solved: tallies.iter().filter(|t| t.solved).count(),
            attempted: tallies.iter().filter(|t| t.attempts > 0).count(),
            of,
            attempts: tallies.iter().map(|t| t.attempts).sum(),
        }
    }

    fn find(&self, lesson: &str) -> Result<usize, usize> {
        self.lessons
            .binary_search_by(|p| p.lesson.as_str().cmp(lesson))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_counted_per_exercise_and_a_right_one_stays_solved() {
        let mut progress = Progress::default();
        progress.record("count", 1, false);
        progress.record("count", 1, true);
        progress.record("count", 1, false);
        progress.record("cake", 0, true);
        let ids: Vec<&str> = progress
            .lessons()
            .iter()
            .map(|p| p.lesson.as_str())
            .collect();
        assert_eq!(ids, ["cake", "count"]);
        assert_eq!(
            progress.mark("count", 3),
            Mark {
                solved: 1,
                attempted: 1,
                of: 3,
                attempts: 3
            }
        );
        assert!((progress.mark("count", 3).score() - 1.0 / 3.0).abs() < 1e-9);
        assert!(progress.mark("cake", 1).complete());
        assert_eq!(
            progress.mark("chores", 2),
            Mark {
                of: 2,
                ..Mark::default()
            }
        );
        progress.reset();
        assert!(progress.is_empty());
    }

    #[test]
    fn a_record_read_back_replaces_the_lessons_and_is_cut_to_the_limit() {
        let mut progress = Progress::default();
        progress.record("count", 0, false);
        progress.set(LessonProgress {
            lesson: "count".into(),
            exercises: vec![
                Tally {
                    attempts: 2,
                    solved: true
                };
                40
            ],
        });
        assert_eq!(progress.get("count").unwrap().exercises.len(), MAX_TALLIES);
        progress.record("count", 99, true);
        // A lesson with fewer exercises than its record counts only its own.
        assert_eq!(progress.mark("count", 2).attempts, 4);
        assert_eq!(progress.mark("count", 0).score(), 0.0);
    }
}
