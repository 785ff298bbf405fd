//! Installing what the project needs, once: each step checks first and skips what is already there.
//!
//! Versions are pinned where the build depends on them: trunk 0.21.14 (0.22 needs a newer rustc),
//! wasm-bindgen-cli 0.2.130 (it must equal the `wasm-bindgen` crate in Cargo.toml) and
//! wasm-split-cli 0.2.4 (it must match the `wasm_split_helpers` crate, for the release build's split). wasm-opt,
//! terser and @gfx/zopfli (`build/release.mjs`, Trunk's post-build hook), playwright-core, puppeteer-core and axe-core
//! come from npm (`package.json`), Chromium, ChromeDriver, Firefox ESR and Python 3 (which runs the
//! Python twins) from the system.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the repository is and the environment its commands need.
pub struct Env {
    /// The repository root.
    pub root: PathBuf,
    /// Variables to set for every command (PATH first).
    pub vars: Vec<(String, OsString)>,
}

impl Env {
    fn new() -> Env {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("xtask lives in a subdirectory of the repository")
            .to_path_buf();
        // npm's tools (wasm-opt) first, then cargo-installed ones, then whatever the user had.
        let mut dirs = vec![root.join("node_modules").join(".bin"), cargo_bin()];
        dirs.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        let path = std::env::join_paths(dirs).expect("PATH entries contain no separator");
        Env {
            root,
            vars: vec![("PATH".to_owned(), path)],
        }
    }

    fn path(&self) -> &OsString {
        &self.vars[0].1
    }

    /// The full path of `program` on this environment's PATH, if it is there.
    pub fn which(&self, program: &str) -> Option<PathBuf> {
        std::env::split_paths(self.path())
            .map(|dir| dir.join(program))
            .find(|p| p.is_file())
    }

    /// What `program --version` prints, if it runs.
    fn version(&self, program: &str) -> Option<String> {
        let path = self.which(program)?;
        let out = Command::new(path).arg("--version").output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
    }

    fn run(&self, what: &str, program: &str, args: &[&str]) -> Result<(), String> {
        println!("xtask: {what}: {program} {}", args.join(" "));
        let status = Command::new(program)
            .args(args)
            .current_dir(&self.root)
            .env("PATH", self.path())
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .map_err(|e| format!("{what}: could not start {program}: {e}"))?;
        status.success().then_some(()).ok_or_else(|| {
            format!(
                "{what}: `{program} {}` exited with {status}",
                args.join(" ")
            )
        })
    }
}

fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

/// Everything needed to build and serve the page.
pub fn build_tools() -> Result<Env, String> {
    let env = Env::new();
    wasm_target(&env)?;
    cargo_tool(
        &env,
        "trunk",
        "trunk 0.21.14",
        &["install", "--locked", "trunk", "--version", "0.21.14"],
    )?;
    // Without --locked on purpose: the published lockfile of 0.2.130 names a crate the registry lacks.
    cargo_tool(
        &env,
        "wasm-bindgen",
        "wasm-bindgen 0.2.130",
        &["install", "wasm-bindgen-cli", "--version", "0.2.130"],
    )?;
    wasm_split(&env)?;
    node_tools(&env)?;
    // Trunk builds with cargo --offline (Trunk.toml), so the crates only the wasm build uses must
    // be downloaded first: on a fresh machine nothing else has fetched them. Quick when they are.
    env.run(
        "fetching the crates the page's build needs",
        "cargo",
        &["fetch", "--locked"],
    )?;
    Ok(env)
}

/// `wasm-split-cli`, which build/release.mjs runs on the page's wasm. It has no `--version`, so
/// cargo's list of installed packages says which version is there.
fn wasm_split(env: &Env) -> Result<(), String> {
    const WANT: &str = "wasm_split_cli_support v0.2.4:";
    let installed = || {
        Command::new("cargo")
            .args(["install", "--list"])
            .env("PATH", env.path())
            .output()
            .is_ok_and(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .any(|l| l == WANT)
            })
    };
    if installed() && env.which("wasm-split-cli").is_some() {
        return Ok(());
    }
    env.run(
        "installing wasm-split-cli 0.2.4 (the version wasm_split_helpers 0.2.3 needs; about 2 min once)",
        "cargo",
        &[
            "install",
            "--locked",
            "wasm_split_cli_support",
            "--version",
            "0.2.4",
            "--features",
            "build-binary",
        ],
    )
}

/// Everything needed to build the page and run every test.
pub fn test_tools() -> Result<Env, String> {
    let mut env = build_tools()?;
    let (chrome, driver) = chromium(&env)?;
    env.vars.push(("CHROME_PATH".to_owned(), chrome.into()));
    let firefox = firefox(&env)?;
    env.vars.push(("FIREFOX_PATH".to_owned(), firefox.into()));
    let webkit = webkit(&env)?;
    env.vars.push(("WEBKIT_DRIVER".to_owned(), webkit.into()));
    env.vars.push(("CHROMEDRIVER".to_owned(), driver.into()));
    // A loaded CI machine can be slow to start Chromium; the runner's default of 20 s is tight.
    env.vars
        .push(("WASM_BINDGEN_TEST_TIMEOUT".to_owned(), "180".into()));
    let python = python(&env)?;
    env.vars.push(("PYTHON".to_owned(), python.into()));
    Ok(env)
}

/// Whether this is a Debian machine on which we are root, so that missing system packages can be
/// installed with apt.
fn debian_root() -> bool {
    Path::new("/etc/debian_version").exists()
        && Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Installs Debian `packages` with apt as root, or says `otherwise` where that is not possible.
fn apt_install(env: &Env, what: &str, packages: &[&str], otherwise: &str) -> Result<(), String> {
    if !debian_root() {
        return Err(otherwise.to_owned());
    }
    env.run("updating the package lists", "apt-get", &["update"])?;
    let mut args = vec!["install", "-y", "--no-install-recommends"];
    args.extend_from_slice(packages);
    env.run(what, "apt-get", &args)
}

/// Finds CPython 3.11 or later as `python3`, installing Debian's `python3` as root where it is
/// missing: the Python twins' test runs every lesson's twin in it, and the Python programs' test
/// runs the corpus of learners' programs, whose `asyncio.TaskGroup` came in 3.11.
fn python(env: &Env) -> Result<PathBuf, String> {
    const CHECK: [&str; 2] = ["-c", "import sys; sys.exit(sys.version_info < (3, 11))"];
    let recent = |path: &Path| {
        Command::new(path)
            .args(CHECK)
            .status()
            .is_ok_and(|s| s.success())
    };
    if let Some(python) = env.which("python3").filter(|p| recent(p)) {
        return Ok(python);
    }
    apt_install(
        env,
        "installing Python 3",
        &["python3"],
        "the Python tests need CPython 3.11 or later as `python3` on PATH; on Debian: \
         `sudo apt-get install python3`, elsewhere https://www.python.org/downloads/",
    )?;
    env.which("python3")
        .filter(|p| recent(p))
        .ok_or_else(|| "python3 is still missing, or older than 3.11, after installing".to_owned())
}

/// Installs twiggy, which `cargo xtask size` reads the page's wasm with (its `--version` names its
/// binary's crate, `twiggy-opt`).
pub fn twiggy(env: &Env) -> Result<(), String> {
    cargo_tool(
        env,
        "twiggy",
        "twiggy-opt 0.7.0",
        &["install", "twiggy", "--version", "0.7.0", "--locked"],
    )
}

fn wasm_target(env: &Env) -> Result<(), String> {
    let Some(rustup) = env.which("rustup") else {
        println!(
            "xtask: rustup not found; assuming the wasm32-unknown-unknown target is installed"
        );
        return Ok(());
    };
    let installed = Command::new(&rustup)
        .args(["target", "list", "--installed"])
        .current_dir(&env.root)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains("wasm32-unknown-unknown"))
        .unwrap_or(false);
    if installed {
        return Ok(());
    }
    env.run(
        "adding the wasm32 target",
        "rustup",
        &["target", "add", "wasm32-unknown-unknown"],
    )
}

fn cargo_tool(env: &Env, program: &str, want: &str, install: &[&str]) -> Result<(), String> {
    match env.version(program) {
        Some(v) if v.starts_with(want) => Ok(()),
        found => {
            let was = found.map_or("not installed".to_owned(), |v| format!("found {v}"));
            env.run(
                &format!("installing {want} ({was}; takes minutes once)"),
                "cargo",
                install,
            )?;
            match env.version(program) {
                Some(v) if v.starts_with(want) => Ok(()),
                other => Err(format!(
                    "after installing, `{program} --version` says {other:?}, not {want}; is {} early on PATH?",
                    cargo_bin().display()
                )),
            }
        }
    }
}

fn node_tools(env: &Env) -> Result<(), String> {
    let node = env.version("node").ok_or(
        "Node.js 20 or later is needed (for wasm-opt from npm and the end-to-end tests); install it and npm",
    )?;
    let major: u32 = node
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    if major < 20 {
        return Err(format!("Node.js 20 or later is needed; found {node}"));
    }
    // Installed when node_modules is older than the lockfile, and whenever a package that
    // package.json pins is missing or at another version: a package added to both files is noticed
    // even where the lockfile's time says nothing (a copy, an archive, a checkout that kept times).
    let stamp = env.root.join("node_modules").join(".package-lock.json");
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let lock = modified(&env.root.join("package-lock.json"));
    let fresh = matches!((modified(&stamp), lock), (Some(s), Some(l)) if s >= l);
    let missing = not_installed(env)?;
    if fresh && missing.is_empty() {
        return Ok(());
    }
    let why = if missing.is_empty() {
        "package-lock.json changed".to_owned()
    } else {
        format!("not installed: {}", missing.join(", "))
    };
    env.run(
        &format!("installing npm packages ({why})"),
        "npm",
        &["ci", "--no-audit", "--no-fund"],
    )?;
    match not_installed(env)? {
        missing if missing.is_empty() => Ok(()),
        missing => Err(format!(
            "after `npm ci`, these packages of package.json are still not installed as pinned: {}",
            missing.join(", ")
        )),
    }
}

/// The devDependencies of package.json (`name@version`) that node_modules lacks or holds at another
/// version, as Node.js itself reads the two files.
fn not_installed(env: &Env) -> Result<Vec<String>, String> {
    const CHECK: &str = r#"
const fs = require("fs");
const read = (path) => JSON.parse(fs.readFileSync(path, "utf8"));
const wanted = Object.entries(read("package.json").devDependencies ?? {});
const missing = wanted.filter(([name, version]) => {
  try { return read(`node_modules/${name}/package.json`).version !== version; } catch { return true; }
});
console.log(missing.map(([name, version]) => `${name}@${version}`).join("\n"));
"#;
    let node = env.which("node").ok_or("Node.js is not on PATH")?;
    let out = Command::new(node)
        .args(["-e", CHECK])
        .current_dir(&env.root)
        .output()
        .map_err(|e| format!("could not run node to read package.json: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "node could not read package.json: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect())
}

/// Finds Firefox (Debian's `firefox-esr`, or a `firefox`), installing Firefox ESR on Debian as
/// root. The Firefox step drives it with puppeteer-core over WebDriver BiDi, which needs no
/// geckodriver (none is installed: wasm-bindgen-test-runner would prefer one on PATH over
/// ChromeDriver).
fn firefox(env: &Env) -> Result<PathBuf, String> {
    let find = |env: &Env| env.which("firefox-esr").or_else(|| env.which("firefox"));
    if find(env).is_none() {
        apt_install(
            env,
            "installing Firefox ESR",
            &["firefox-esr"],
            "the Firefox step needs Firefox on PATH; on Debian: `sudo apt-get install firefox-esr`",
        )?;
    }
    find(env).ok_or_else(|| "Firefox is still missing after installing".to_owned())
}

/// Finds WebKitGTK's WebDriver (which drives its MiniBrowser: WebKit, Safari's engine) and
/// `xvfb-run`, the virtual display it runs in, installing Debian's `webkit2gtk-driver` and `xvfb` as
/// root. The WebKit step talks classic WebDriver to it from Node (`e2e-webkit/webdriver.mjs`): it
/// speaks no BiDi, so neither puppeteer nor playwright-core can drive it.
fn webkit(env: &Env) -> Result<PathBuf, String> {
    let find = |env: &Env| {
        env.which("WebKitWebDriver")
            .filter(|_| env.which("xvfb-run").is_some())
    };
    if find(env).is_none() {
        apt_install(
            env,
            "installing WebKitGTK's WebDriver and Xvfb",
            &["webkit2gtk-driver", "xvfb"],
            "the WebKit step needs WebKitWebDriver and xvfb-run on PATH; on Debian: \
             `sudo apt-get install webkit2gtk-driver xvfb`",
        )?;
    }
    find(env)
        .ok_or_else(|| "WebKitWebDriver or xvfb-run is still missing after installing".to_owned())
}

/// Finds Chromium and a ChromeDriver of the same major version, installing them on Debian as root.
fn chromium(env: &Env) -> Result<(PathBuf, PathBuf), String> {
    const BROWSERS: [&str; 4] = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];
    let find = |env: &Env| {
        let browser = BROWSERS.iter().find_map(|b| env.which(b));
        browser.zip(env.which("chromedriver"))
    };
    if find(env).is_none() {
        apt_install(
            env,
            "installing Chromium and ChromeDriver",
            &["chromium", "chromium-driver"],
            "the browser tests need Chromium and a matching ChromeDriver on PATH; on Debian: \
             `sudo apt-get install chromium chromium-driver`, elsewhere install Chrome or Chromium \
             and the ChromeDriver of the same version",
        )?;
    }
    let (browser, driver) =
        find(env).ok_or("Chromium or ChromeDriver is still missing after installing")?;
    let major = |program: &Path| {
        let out = Command::new(program).arg("--version").output().ok()?;
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        text.split_whitespace()
            .find_map(|w| w.split('.').next()?.parse::<u32>().ok())
    };
    match (major(&browser), major(&driver)) {
        (Some(b), Some(d)) if b == d => Ok((browser, driver)),
        (b, d) => Err(format!(
            "{} is version {b:?} but {} is {d:?}; ChromeDriver must match the browser",
            browser.display(),
            driver.display()
        )),
    }
}
