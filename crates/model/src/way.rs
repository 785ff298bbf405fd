//! Ways: how a recipe's tasks are written to suspend and go on, which the code view's **Way** switch
//! chooses. The first tutorial names three (callbacks, generators and async/await); the page writes
//! each one out for the Rust it runs and for its Python twin, and runs each one for real.
//!
//! A way is independent of the [`Mode`]: the mode says how `main` drives the tasks (one after
//! another, joined, spawned), the way how each task is written. Every way of a program prints the
//! same lines in the same order and takes the same time; only the code that does it differs.

use crate::code::Language;
use crate::mode::Mode;

/// How the tasks are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Way {
    /// Each step schedules the next: a timer's callback, a closure (Rust) or a function (Python)
    /// that holds the rest of the task. Continuation passing, as JavaScript wrote it before promises.
    Callbacks,
    /// In Rust, each task's future as the state machine the compiler writes for its `async fn`: an
    /// `enum` with a variant per `.await` and an `impl Future` whose `poll` moves between them. In
    /// Python, generators that `yield` what they wait for, driven by a small scheduler.
    StateMachine,
    /// `async fn` and `.await`, `async def` and `await`: the compiler writes the state machine.
    #[default]
    Async,
}

impl Way {
    /// Every way, in the order the switch lists them: the oldest first.
    pub const ALL: [Way; 3] = [Way::Callbacks, Way::StateMachine, Way::Async];

    /// The stable identifier used in share links and test hooks (`way-callbacks`).
    pub fn id(self) -> &'static str {
        match self {
            Way::Callbacks => "callbacks",
            Way::StateMachine => "state-machine",
            Way::Async => "async",
        }
    }

    /// The way an identifier names, if any.
    pub fn from_id(id: &str) -> Option<Way> {
        Way::ALL.into_iter().find(|w| w.id() == id)
    }

    /// The name on the switch for a program in `language`: the state machine's twin in Python is
    /// its generators.
    pub fn label(self, language: Language) -> &'static str {
        match (self, language) {
            (Way::Callbacks, _) => "Callbacks",
            (Way::StateMachine, Language::Rust) => "State machine",
            (Way::StateMachine, Language::Python) => "Generators",
            (Way::Async, Language::Rust) => "async/await",
            (Way::Async, Language::Python) => "async/await",
        }
    }

    /// Whether a program in `mode` can be written this way. Every mode can be written with
    /// async/await. The other two are about tasks that suspend on the page's one thread: a
    /// blocking program's plain functions never suspend, futures that are never awaited never
    /// run, and the processes mode's tasks each run on a cook of their own.
    pub fn applies_to(self, mode: Mode) -> bool {
        self == Way::Async
            || matches!(
                mode,
                Mode::Sequential | Mode::Gather | Mode::Spawn | Mode::BlockingInAsync
            )
    }

    /// Why a program in `mode` is written only with async/await, for the switch to say when
    /// [`Way::applies_to`] refuses.
    pub fn why_only_async(mode: Mode) -> Option<&'static str> {
        match mode {
            Mode::Blocking => Some("Plain functions never suspend."),
            Mode::NeverAwaited => Some("Futures never awaited never run."),
            Mode::Processes => Some("Each task runs on a cook of its own."),
            Mode::Threads | Mode::FreeThreaded => {
                Some("Each task is a plain function on a thread of its own.")
            }
            Mode::Sequential | Mode::Gather | Mode::Spawn | Mode::BlockingInAsync => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_back_and_only_the_suspending_modes_have_other_ways() {
        for way in Way::ALL {
            assert_eq!(Way::from_id(way.id()), Some(way));
        }
        assert_eq!(Way::from_id("generators"), None);
        for mode in Mode::ALL {
            let others = Way::Callbacks.applies_to(mode);
            assert_eq!(others, Way::StateMachine.applies_to(mode));
            assert_eq!(others, Way::why_only_async(mode).is_none(), "{mode:?}");
            assert!(Way::Async.applies_to(mode));
        }
    }
}
