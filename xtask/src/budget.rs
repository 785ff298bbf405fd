//! The first look's budget (`bench/budget.json`): a hard limit of 300 KiB by `gzip -9`, and the
//! figure last committed, which the first look is held to from then on.
//!
//! Sizes are deterministic for a given toolchain (pinned in `rust-toolchain.toml`, Cargo.lock and
//! package-lock.json), so unlike the bench's timings they can fail a test:
//!
//! - over the hard budget, the size-budget step of `cargo xtask test` fails;
//! - under it, growth against the committed figure is a printed note, never a failure: the bench
//!   and the step say how much, so that a change that grows the first look says why in its commit.
//!
//! `cargo xtask bench --update-budget` writes the first look's new figure after a change that
//! shrinks it (or one that grows it on purpose, under the hard budget); it refuses a figure over the
//! hard budget.

use std::path::{Path, PathBuf};

use crate::dist_sizes::{Sizes, Total, change, json_string, kib};

/// Where the budget is kept, from the repository root.
pub const FILE: &str = "bench/budget.json";

/// The name of `cargo xtask test`'s step that holds the first look to its budget.
pub const STEP: &str = "size budget (the first look, gzip -9, at most 300 KiB and never growing)";

/// The committed budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// The hard budget, in bytes by `gzip -9`.
    pub budget_gzip: u64,
    /// The first look when it was last committed, by `gzip -9`.
    pub first_look_gzip: u64,
    /// The same by brotli at quality 11 (reported beside it, never held to anything).
    pub first_look_brotli: u64,
}

/// How the first look stands against the budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// The first look now.
    pub now: Total,
    /// The committed budget.
    pub budget: Budget,
}

impl Verdict {
    /// Bytes by gzip more (positive) or fewer than the committed figure.
    pub fn growth(&self) -> i64 {
        self.now.gzip as i64 - self.budget.first_look_gzip as i64
    }

    /// The same by brotli.
    pub fn growth_brotli(&self) -> i64 {
        self.now.brotli as i64 - self.budget.first_look_brotli as i64
    }

    /// Whether the first look is within the hard budget.
    pub fn within(&self) -> bool {
        self.now.gzip <= self.budget.budget_gzip
    }

    /// Whether `cargo xtask test` passes: within the hard budget.
    pub fn passes(&self) -> bool {
        self.within()
    }

    /// One line on the hard budget.
    pub fn budget_line(&self) -> String {
        let b = self.budget.budget_gzip;
        let by = |bytes: u64| format!("{bytes} B ({})", kib(bytes));
        if self.within() {
            format!(
                "within the budget of {} ({b} B), {} to spare",
                kib(b),
                by(b - self.now.gzip)
            )
        } else {
            format!(
                "OVER the budget of {} ({b} B) by {}",
                kib(b),
                by(self.now.gzip - b)
            )
        }
    }

    /// One line on the change against the committed figure.
    pub fn growth_line(&self) -> String {
        let word = match self.growth() {
            0 => "unchanged",
            g if g > 0 => "GREW",
            _ => "shrank",
        };
        format!(
            "{word} against the last committed figure ({FILE}: {} B, {}): {} gzip, {} brotli",
            self.budget.first_look_gzip,
            kib(self.budget.first_look_gzip),
            change(self.growth()),
            change(self.growth_brotli())
        )
    }

    /// What to do about it, if anything.
    pub fn advice(&self) -> Option<String> {
        if !self.passes() {
            Some(
                "the first look is over its budget: cut what this change added (`cargo xtask size` \
                 lists the largest functions), or move it out of the first look (a chunk of \
                 `components::lazy`)"
                    .to_owned(),
            )
        } else if self.growth() > 0 {
            Some(
                "the first look grew under the budget (a note, not a failure): if the growth is \
                 meant, record it with `cargo xtask bench --update-budget`"
                    .to_owned(),
            )
        } else if self.growth() < 0 {
            Some(format!(
                "the first look shrank: `cargo xtask bench --update-budget` records the new figure \
                 in {FILE}"
            ))
        } else {
            None
        }
    }

    /// The verdict as JSON fields for the bench (`budget`).
    pub fn json_field(&self) -> String {
        format!(
            "  \"budget\": {{ \"file\": {}, \"budgetGzip\": {}, \"committedGzip\": {}, \"committedBrotli\": {}, \
             \"growthGzip\": {}, \"growthBrotli\": {}, \"within\": {}, \"passes\": {} }}",
            json_string(FILE),
            self.budget.budget_gzip,
            self.budget.first_look_gzip,
            self.budget.first_look_brotli,
            self.growth(),
            self.growth_brotli(),
            self.within(),
            self.passes()
        )
    }
}

fn path(root: &Path) -> PathBuf {
    root.join(FILE)
}

/// Reads the committed budget.
pub fn read(root: &Path) -> Result<Budget, String> {
    let file = path(root);
    let text = std::fs::read_to_string(&file)
        .map_err(|e| format!("cannot read the budget {}: {e}", file.display()))?;
    let field = |key: &str| {
        number(&text, key).ok_or_else(|| format!("{} has no number \"{key}\"", file.display()))
    };
    Ok(Budget {
        budget_gzip: field("budget_gzip")?,
        first_look_gzip: field("first_look_gzip")?,
        first_look_brotli: field("first_look_brotli")?,
    })
}

/// The whole number after `"key":` in a flat JSON object.
fn number(json: &str, key: &str) -> Option<u64> {
    let quoted = format!("\"{key}\"");
    let after = &json[json.find(&quoted)? + quoted.len()..];
    let after = after.trim_start().strip_prefix(':')?.trim_start();
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Writes `budget` to the budget file.
fn write(root: &Path, budget: Budget) -> Result<(), String> {
    let text = format!(
        "{{\n  \"about\": \"The first look (the wasm and JS index.html loads at start) in bytes as last committed, by gzip -9 and brotli q11, and its hard budget by gzip -9 (300 KiB). cargo xtask test fails when the first look is over budget_gzip and notes any growth past first_look_gzip; cargo xtask bench --update-budget writes new figures (README, Performance).\",\n  \"budget_gzip\": {},\n  \"first_look_gzip\": {},\n  \"first_look_brotli\": {}\n}}\n",
        budget.budget_gzip, budget.first_look_gzip, budget.first_look_brotli
    );
    let file = path(root);
    std::fs::write(&file, text).map_err(|e| format!("cannot write {}: {e}", file.display()))
}

/// How the first look of `sizes` stands against the committed budget.
pub fn verdict(root: &Path, sizes: &Sizes) -> Result<Verdict, String> {
    Ok(Verdict {
        now: sizes.first_look_total(),
        budget: read(root)?,
    })
}

/// Prints the verdict's lines under the sizes `dist_sizes::print` printed.
pub fn print(verdict: &Verdict) {
    println!(
        "  budget: the first look, {} B gzip, is {}",
        verdict.now.gzip,
        verdict.budget_line()
    );
    println!("          {}", verdict.growth_line());
    if let Some(advice) = verdict.advice() {
        println!("          {advice}");
    }
}

/// The size-budget step of `cargo xtask test`: fails when the first look is over the hard budget
/// and has grown past the committed figure.
pub fn check(verdict: &Verdict) -> Result<(), String> {
    if verdict.passes() {
        Ok(())
    } else {
        Err(format!(
            "the first look is {} B gzip: {}, and {}",
            verdict.now.gzip,
            verdict.budget_line(),
            verdict.growth_line()
        ))
    }
}

/// Writes the first look's figures of `verdict` to the budget file (`bench --update-budget`),
/// unless that would let a first look over the hard budget grow.
pub fn update(root: &Path, verdict: &Verdict) -> Result<(), String> {
    if !verdict.passes() {
        return Err(format!(
            "not updating {FILE}: the first look ({} B gzip) is {}",
            verdict.now.gzip,
            verdict.budget_line(),
        ));
    }
    let budget = Budget {
        first_look_gzip: verdict.now.gzip,
        first_look_brotli: verdict.now.brotli,
        ..verdict.budget
    };
    write(root, budget)?;
    println!(
        "xtask: {FILE} now holds the first look at {} B gzip ({}), {} B brotli; it was {} B gzip: {}",
        budget.first_look_gzip,
        kib(budget.first_look_gzip),
        budget.first_look_brotli,
        verdict.budget.first_look_gzip,
        change(verdict.growth())
    );
    Ok(())
}

/// Where `cargo xtask bench` leaves the sizes for `bench/run.mjs`, from the repository root.
pub const BENCH_SIZES: &str = "target/bench/sizes.json";

/// `cargo xtask bench`'s sizes: measures `dist/`, prints it and the verdict, writes both to
/// [`BENCH_SIZES`] for `bench/run.mjs` (which prints them as its size table and keeps them in
/// `bench.json`), and with `update` writes the first look's new figure to the budget file.
pub fn for_bench(root: &Path, update: bool) -> Result<(), String> {
    let dist = root.join("dist");
    let sizes = crate::dist_sizes::measure(&dist)?;
    crate::dist_sizes::print(&dist, &sizes);
    let verdict = verdict(root, &sizes)?;
    print(&verdict);
    let json = format!(
        "{{\n  \"dist\": \"dist/\",\n{},\n{}\n}}\n",
        crate::dist_sizes::to_json_fields(&sizes),
        verdict.json_field()
    );
    let out = root.join(BENCH_SIZES);
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(&out, json).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    if update {
        self::update(root, &verdict)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(now: u64, committed: u64) -> Verdict {
        Verdict {
            now: Total {
                raw: 0,
                gzip: now,
                brotli: 0,
            },
            budget: Budget {
                budget_gzip: 307_200,
                first_look_gzip: committed,
                first_look_brotli: 0,
            },
        }
    }

    #[test]
    fn over_the_budget_fails_and_growth_under_it_is_a_note() {
        assert!(
            verdict(300_000, 290_000).passes(),
            "growth under the budget is a note"
        );
        assert!(verdict(307_200, 307_200).passes(), "at the budget");
        assert!(
            !verdict(307_201, 300_000).passes(),
            "crossing the budget fails"
        );
        assert!(!verdict(308_000, 308_800).passes(), "over, even shrinking");
    }

    #[test]
    fn reads_the_numbers_of_a_flat_object() {
        let json = r#"{ "about": "x: 1", "budget_gzip": 307200, "first_look_gzip":308814 }"#;
        assert_eq!(number(json, "budget_gzip"), Some(307_200));
        assert_eq!(number(json, "first_look_gzip"), Some(308_814));
        assert_eq!(number(json, "first_look_brotli"), None);
    }
}
