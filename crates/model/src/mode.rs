//! Modes: the ways `main` can drive a recipe's tasks, each one real executor code in `runtime`.

/// How `main` drives the tasks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Plain functions one after another; every `wait` busy-waits and the page freezes.
    Blocking,
    /// Async functions awaited one after another: the page stays responsive, nothing overlaps.
    Sequential,
    /// All tasks joined in one future with `join_all`, like `asyncio.gather`.
    Gather,
    /// Each task spawned with `spawn_local`, like `asyncio.create_task`, then awaited.
    Spawn,
    /// Gathered async functions whose `wait` blocks the thread: `time.sleep` inside `async def`.
    BlockingInAsync,
    /// Futures created and dropped without being awaited: nothing runs.
    NeverAwaited,
    /// More cooks: each task on one of several Web Workers, each its own thread and event loop,
    /// like `ProcessPoolExecutor` with `loop.run_in_executor`.
    Processes,
    /// Threads and the GIL: each task a plain function on one of several threads (Web Workers),
    /// like `ThreadPoolExecutor`; they take turns on one lock to run Python, unless free-threaded.
    Threads,
    /// The threads mode without the GIL (Python 3.13t and later, PEP 703 and 779): the same threads
    /// compute at once, as far as the cores go. The page reaches it by the threads mode's
    /// free-threaded switch; it is not on the list of its own.
    FreeThreaded,
}

impl Mode {
    /// Every mode, in the order the page lists them.
    pub const ALL: [Mode; 9] = [
        Mode::Blocking,
        Mode::Sequential,
        Mode::Gather,
        Mode::Spawn,
        Mode::BlockingInAsync,
        Mode::NeverAwaited,
        Mode::Processes,
        Mode::Threads,
        Mode::FreeThreaded,
    ];

    /// The stable identifier used in share links and test hooks.
    pub fn id(self) -> &'static str {
        match self {
            Mode::Blocking => "blocking",
            Mode::Sequential => "sequential",
            Mode::Gather => "gather",
            Mode::Spawn => "spawn",
            Mode::BlockingInAsync => "blocking-in-async",
            Mode::NeverAwaited => "never-awaited",
            Mode::Processes => "processes",
            Mode::Threads => "threads",
            Mode::FreeThreaded => "free-threaded",
        }
    }

    /// The mode an identifier names, if any.
    pub fn from_id(id: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.id() == id)
    }

    /// The name shown on buttons.
    pub fn label(self) -> &'static str {
        match self {
            Mode::Blocking => "Blocking",
            Mode::Sequential => "Sequential",
            Mode::Gather => "Gather",
            Mode::Spawn => "Spawn",
            Mode::BlockingInAsync => "Blocking inside async",
            Mode::NeverAwaited => "Never awaited",
            Mode::Processes => "More cooks",
            Mode::Threads => "Threads",
            Mode::FreeThreaded => "Free-threaded",
        }
    }

    /// One sentence saying what the mode does, for the mode picker.
    pub fn explanation(self) -> &'static str {
        match self {
            Mode::Blocking => {
                "Plain functions, one after another; every wait holds the thread, so the page freezes."
            }
            Mode::Sequential => {
                "Async functions awaited one by one: the page stays alive, but nothing overlaps."
            }
            Mode::Gather => {
                "All tasks joined with join_all (asyncio.gather): waits overlap on one thread."
            }
            Mode::Spawn => {
                "Each task spawned with spawn_local (asyncio.create_task), then awaited."
            }
            Mode::BlockingInAsync => {
                "Gathered async functions whose waits busy-wait (time.sleep in async def): no overlap."
            }
            Mode::NeverAwaited => {
                "Futures created and dropped without an await: nothing runs at all."
            }
            Mode::Processes => {
                "Each task on one of several Web Workers (ProcessPoolExecutor): real threads, real parallel work."
            }
            Mode::Threads => {
                "Each task a plain function on a thread (ThreadPoolExecutor): they take turns on the GIL to compute."
            }
            Mode::FreeThreaded => {
                "The same threads without the GIL (Python 3.13t): they compute at once, as far as the cores go."
            }
        }
    }

    /// Whether the whole run holds the thread from start to end, so the page cannot draw until it ends.
    pub fn freezes_page(self) -> bool {
        matches!(self, Mode::Blocking)
    }

    /// Whether the page's mode picker lists this mode: every mode but free-threaded, which is the
    /// threads mode's switch.
    pub fn picked(self) -> bool {
        self != Mode::FreeThreaded
    }

    /// Whether the tasks run as plain functions on threads (the threads mode, with the GIL or
    /// free-threaded), whose views are `code::threads_code`'s.
    pub fn threaded(self) -> bool {
        matches!(self, Mode::Threads | Mode::FreeThreaded)
    }

    /// Whether the tasks run on the page's Web Workers (cooks, or threads) rather than on its own thread.
    pub fn on_cooks(self) -> bool {
        matches!(self, Mode::Processes | Mode::Threads | Mode::FreeThreaded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_are_distinct() {
        for mode in Mode::ALL {
            assert_eq!(Mode::from_id(mode.id()), Some(mode));
        }
        let mut ids: Vec<_> = Mode::ALL.iter().map(|m| m.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Mode::ALL.len());
        assert_eq!(Mode::from_id("parallel"), None);
    }
}
