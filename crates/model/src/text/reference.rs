//! The steps of the recipe format in brief, for the reference beside the editor: each keyword, how
//! it is written and what it means in one line. The parser reads a line as a step exactly when it
//! begins with one of these keywords, so the reference cannot list a step that does not exist or
//! leave one out.

/// One entry of the reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The keyword the line begins with.
    pub keyword: &'static str,
    /// How the line is written, with the keyword first.
    pub form: &'static str,
    /// What it means, in one line.
    pub meaning: &'static str,
}

/// The steps, in the order the reference lists them.
pub const STEPS: [Entry; 6] = [
    Entry {
        keyword: "work",
        form: "work 15",
        meaning: "the cook is busy for 15 units: holds the thread",
    },
    Entry {
        keyword: "wait",
        form: "wait 45",
        meaning: "waits on the world for 45 units: frees the thread (wait 0 is a yield)",
    },
    Entry {
        keyword: "print",
        form: "print \"done\"",
        meaning: "writes a line to the console",
    },
    Entry {
        keyword: "call",
        form: "call fetch",
        meaning: "awaits helper fetch's steps",
    },
    Entry {
        keyword: "yield",
        form: "yield",
        meaning: "gives the loop back once",
    },
    Entry {
        keyword: "unawaited",
        form: "unawaited wait 3",
        meaning: "a missing await (before wait, call or yield): does nothing",
    },
];

/// What the steps belong to, listed after them.
pub const ROUTINES: [Entry; 2] = [
    Entry {
        keyword: "task",
        form: "task cake x3",
        meaning: "a task, its steps below; x3 for three copies",
    },
    Entry {
        keyword: "helper",
        form: "helper fetch",
        meaning: "steps that tasks call",
    },
];

/// Whether `word` begins a step.
pub fn is_step(word: &str) -> bool {
    STEPS.iter().any(|entry| entry.keyword == word)
}
