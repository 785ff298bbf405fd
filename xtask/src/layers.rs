//! The layers of ARCHITECTURE.md, held by the build: each crate of the page may depend only on
//! the crates below it, and the pure ones on no web crate at all.
//!
//! A crate that does not depend on `yew` cannot name it, so most of the rule is the compiler's
//! already. What it cannot see is a dependency added to a manifest: this check reads every crate's
//! dependency tree (`cargo tree`, every target, normal and build dependencies) and fails on a crate
//! a layer must not reach, directly or through another.

use std::process::Command;

use crate::setup::Env;

/// The web crates a pure layer must not reach (with their families: `gloo` is `gloo-timers` too).
const WEB: [&str; 5] = ["yew", "web-sys", "js-sys", "wasm-bindgen", "gloo"];

/// Each crate of the page, what it must not reach, and why.
const RULES: [(&str, &[&str], &str); 5] = [
    (
        "kitchen-model",
        &[
            "kitchen-views",
            "kitchen-state",
            "kitchen-runtime",
            "kitchen-web",
        ],
        "the model is pure and the bottom layer",
    ),
    (
        "kitchen-views",
        &["kitchen-state", "kitchen-runtime", "kitchen-web"],
        "the views are pure and draw model data",
    ),
    (
        "kitchen-state",
        &["kitchen-views", "kitchen-runtime", "kitchen-web"],
        "the page's state is pure: the page runs and stores, and reports back in actions",
    ),
    (
        "kitchen-runtime",
        &["yew", "kitchen-views", "kitchen-state", "kitchen-web"],
        "the runtime records facts and renders nothing",
    ),
    (
        "kitchen-web",
        &["yew", "kitchen-views", "kitchen-runtime"],
        "the browser glue neither runs nor renders",
    ),
];

/// Whether `krate` must stay free of the web crates too.
fn pure(krate: &str) -> bool {
    matches!(krate, "kitchen-model" | "kitchen-views" | "kitchen-state")
}

/// Checks every rule; prints what each crate reaches and fails with every broken rule.
pub fn check(env: &Env) -> Result<(), String> {
    let mut broken = Vec::new();
    for (krate, banned, why) in RULES {
        let reached = reach(env, krate)?;
        let web: &[&str] = if pure(krate) { &WEB } else { &[] };
        let found: Vec<&str> = banned
            .iter()
            .chain(web)
            .copied()
            .filter(|b| {
                reached
                    .iter()
                    .any(|r| r == b || r.starts_with(&format!("{b}-")))
            })
            .collect();
        if found.is_empty() {
            println!(
                "  ok      {krate}: {} crates, none it must not reach",
                reached.len()
            );
        } else {
            println!("  BROKEN  {krate} reaches {}", found.join(", "));
            broken.push(format!("{krate} reaches {} ({why})", found.join(", ")));
        }
    }
    if broken.is_empty() {
        println!("layers: {} crates checked, every layer holds", RULES.len());
        Ok(())
    } else {
        Err(broken.join("; "))
    }
}

/// Every crate `krate` depends on, directly or not, for any target.
fn reach(env: &Env, krate: &str) -> Result<Vec<String>, String> {
    let out = Command::new("cargo")
        .args(["tree", "--package", krate, "--edges", "normal,build"])
        .args(["--target", "all", "--prefix", "none", "--format", "{p}"])
        .current_dir(&env.root)
        .env("PATH", &env.vars[0].1)
        .output()
        .map_err(|e| format!("could not run cargo tree: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo tree --package {krate} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let mut names: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(1)
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect();
    names.sort();
    names.dedup();
    Ok(names)
}
