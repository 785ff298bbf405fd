//! The "Four ways, two kinds of work" table: blocking, threads, asyncio (gather) and processes,
//! each run on an I/O-bound recipe and on a CPU-bound one, the question the tutorials end with.
//!
//! This module owns what the table is: its rows ([`MODES`]), its columns ([`Kind`]), which
//! lesson's recipe each column runs, each cell's hook and its speed-up against blocking. Running
//! the cells and drawing the table are the page's (`components::four_ways`); it holds none of the
//! runs.

use crate::Mode;

/// The table's rows, in its order: the four ways.
pub const MODES: [Mode; 4] = [Mode::Blocking, Mode::Threads, Mode::Gather, Mode::Processes];

/// The lesson the table belongs to.
pub const LESSON: &str = "four-ways";

/// A column: the kind of work a recipe does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Work that waits: the five downloads.
    Io,
    /// Work that computes: chop and dice.
    Cpu,
}

impl Kind {
    /// Both columns, in the table's order.
    pub const ALL: [Kind; 2] = [Kind::Io, Kind::Cpu];

    /// The column's id in hooks: `io` or `cpu`.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Io => "io",
            Kind::Cpu => "cpu",
        }
    }

    /// The column's heading.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Io => "I/O-bound: five downloads",
            Kind::Cpu => "CPU-bound: chop and dice",
        }
    }

    /// The lesson whose recipe the column runs: the table's own lesson's (its recipe is the
    /// five downloads), or chop and dice's as the threads lessons tell it.
    pub fn lesson(self) -> &'static str {
        match self {
            Kind::Io => LESSON,
            Kind::Cpu => "threads-for-chopping",
        }
    }
}

impl Kind {
    /// The recipe the column runs, its lesson's ([`Kind::lesson`]).
    pub fn recipe(self) -> crate::Recipe {
        match self {
            Kind::Io => crate::lesson::four_ways().recipe,
            Kind::Cpu => crate::lesson::threads_for_chopping().recipe,
        }
    }
}

/// A cell's hook: `four-ways-<mode>-<io|cpu>`.
pub fn cell_id(mode: Mode, kind: Kind) -> String {
    format!("four-ways-{}-{}", mode.id(), kind.id())
}

/// How many times as fast as blocking a run was, from the two totals, as the table writes it:
/// `1.00×`, `4.98×`; none without both.
pub fn speedup(blocking_ms: Option<f64>, ms: f64) -> Option<String> {
    let blocking = blocking_ms.filter(|b| *b > 0.0)?;
    (ms > 0.0).then(|| format!("{:.2}×", blocking / ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cell_has_its_own_hook_and_each_column_a_lesson() {
        let ids: Vec<String> = MODES
            .iter()
            .flat_map(|&m| Kind::ALL.map(|k| cell_id(m, k)))
            .collect();
        assert_eq!(ids[0], "four-ways-blocking-io");
        assert_eq!(ids[7], "four-ways-processes-cpu");
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 8);
        for kind in Kind::ALL {
            let lesson = crate::lesson::by_id(kind.lesson());
            assert_eq!(lesson.map(|l| l.recipe), Some(kind.recipe()), "{kind:?}");
        }
    }

    #[test]
    fn a_speedup_needs_both_totals() {
        assert_eq!(speedup(Some(3000.0), 600.0).as_deref(), Some("5.00×"));
        assert_eq!(speedup(None, 600.0), None);
        assert_eq!(speedup(Some(3000.0), 0.0), None);
    }
}
