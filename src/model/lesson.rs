//! Lessons: recipes with the story around them and the numbers the tutorials report.
//!
//! A lesson owns its text for people (concept, story, what to try) and the tutorial's expected totals,
//! which the page shows beside the measured ones. The numbers here come from the source tutorials.

use super::recipe::{Action, Recipe, Step, Task, Unit};

/// The totals a tutorial reports, in the recipe's unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Expected {
    /// Total when everything runs one after another and every wait blocks.
    pub blocking: Option<f64>,
    /// Total when the tasks run concurrently on one thread.
    pub concurrent: Option<f64>,
}

/// A recipe (which carries the story) with the idea it teaches and what to try.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    /// The stable identifier used in share links.
    pub id: &'static str,
    /// The idea the lesson teaches, in a few words.
    pub concept: &'static str,
    /// Something the learner can change to see the idea from another side.
    pub try_this: &'static str,
    /// The tutorial's numbers.
    pub expected: Expected,
    /// The scenario itself.
    pub recipe: Recipe,
}

/// Every lesson that ships, in the order the library lists them.
pub fn all() -> Vec<Lesson> {
    vec![cake_and_groceries()]
}

/// The lesson with this id, if it exists.
pub fn by_id(id: &str) -> Option<Lesson> {
    all().into_iter().find(|l| l.id == id)
}

fn steps(list: Vec<(Action, &str)>) -> Vec<Step> {
    list.into_iter()
        .map(|(action, label)| Step::labelled(action, label))
        .collect()
}

/// One cook bakes a cake (15 minutes of dough, 45 in the oven) and shops for groceries (20 minutes).
pub fn cake_and_groceries() -> Lesson {
    Lesson {
        id: "cake",
        concept: "What async is: use the waiting time",
        try_this: "Run Blocking and watch the heartbeat lane stop: the page itself could not draw. Then run \
                   Gather and look for the moment the groceries lane starts.",
        expected: Expected {
            blocking: Some(80.0),
            concurrent: Some(60.0),
        },
        recipe: Recipe {
            title: "Cake and groceries".into(),
            story: "You have to bake a cake and buy groceries. The dough keeps your hands busy for 15 minutes, \
                    then the cake sits in the oven for 45 minutes while you could be doing anything else. \
                    Done one after another, the afternoon takes 80 minutes. Put the cake in the oven and go \
                    shopping while it bakes, and you are home before it is done: 60 minutes, with one cook.".into(),
            unit: Unit::Min,
            scale_ms: 20.0,
            tasks: vec![
                Task::new(
                    "cake",
                    steps(vec![
                        (Action::Work(15), "prepare the dough"),
                        (Action::Wait(45), "bake in the oven"),
                    ]),
                ),
                Task::new("groceries", steps(vec![(Action::Work(20), "buy groceries")])),
            ],
            helpers: Vec::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cake_blocking_total_is_the_tutorials_eighty_minutes() {
        let lesson = cake_and_groceries();
        assert_eq!(
            lesson.recipe.serial_units() as f64,
            lesson.expected.blocking.unwrap()
        );
    }

    #[test]
    fn lesson_ids_are_unique_and_found() {
        let lessons = all();
        for l in &lessons {
            assert_eq!(by_id(l.id).as_ref(), Some(l));
        }
        assert!(by_id("missing").is_none());
    }
}
