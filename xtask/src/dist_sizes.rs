//! What a learner downloads from the built site: the first look and the lazy modules, raw, by
//! `gzip -9` and by brotli at quality 11.
//!
//! The first look is what `index.html` loads at start: the files its `<link>` and `<script>` tags
//! name (stylesheets, module preloads, preloads, scripts) and what its inline loader script loads
//! (its static imports and the `.wasm` it names), with every static import of those scripts in
//! turn. It is read from the built `index.html`, never from a list of names, so that a module split
//! off the page's wasm counts as lazy as soon as the page stops loading it at start. Every other
//! `.wasm` and `.js` under `dist/` is lazy (the `cook` worker's, loaded when the processes mode first
//! runs), grouped into modules by name: `cook.js` and `cook_bg.wasm` are the module `cook`.
//!
//! `cargo xtask test` and `dist` print these (`print`), the bench prints them as a table from the
//! JSON `cargo xtask bench` writes for it (`to_json_fields`), and `cargo xtask size` shows the first look's
//! gzip figure beside the functions it lists.

use std::fmt::Write as _;
use std::fs::File as FsFile;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// One file of the site and its sizes in bytes.
#[derive(Clone, Debug)]
pub struct File {
    /// Its path under `dist/`, with `/` between folders.
    pub name: String,
    /// Bytes as served without compression.
    pub raw: u64,
    /// Bytes after `gzip -9 -n` (GitHub Pages serves gzip).
    pub gzip: u64,
    /// Bytes after brotli at quality 11 (what a server with precompressed `.br` files sends).
    pub brotli: u64,
}

/// A lazy module: the `.js` and `.wasm` files of one name, loaded only when the page asks for them.
#[derive(Debug)]
pub struct Module {
    /// The files' common name: `cook` for `cook.js` and `cook_bg.wasm`.
    pub name: String,
    /// Its files.
    pub files: Vec<File>,
}

/// The site's sizes.
#[derive(Debug)]
pub struct Sizes {
    /// The scripts and wasm `index.html` loads at start.
    pub first_look: Vec<File>,
    /// The stylesheets it loads at start, and `index.html` itself.
    pub css_and_html: Vec<File>,
    /// Every other `.wasm` and `.js` of the site, by module.
    pub lazy: Vec<Module>,
}

/// The sums of some files' sizes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Total {
    /// Bytes without compression.
    pub raw: u64,
    /// Bytes by `gzip -9`.
    pub gzip: u64,
    /// Bytes by brotli at quality 11.
    pub brotli: u64,
}

/// Adds up `files`.
pub fn total<'a>(files: impl IntoIterator<Item = &'a File>) -> Total {
    files.into_iter().fold(Total::default(), |t, f| Total {
        raw: t.raw + f.raw,
        gzip: t.gzip + f.gzip,
        brotli: t.brotli + f.brotli,
    })
}

impl Sizes {
    /// The first look's scripts and wasm together.
    pub fn first_look_total(&self) -> Total {
        total(&self.first_look)
    }

    /// The first look with its stylesheets and `index.html`.
    pub fn with_css_and_html(&self) -> Total {
        total(self.first_look.iter().chain(&self.css_and_html))
    }
}

/// What `index.html` in `dist` loads at start: its scripts and wasm, and its stylesheets, as paths
/// under `dist` (`index.html` itself not among them).
pub struct Start {
    /// The `.js` and `.wasm` files, in the order first found.
    pub code: Vec<String>,
    /// The `.css` files.
    pub css: Vec<String>,
}

/// Reads `dist/index.html` (and the scripts it loads) for what the page loads at start.
pub fn start(dist: &Path) -> Result<Start, String> {
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index)
        .map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let mut found = Vec::new();
    for tag in tags(&html) {
        match tag.name.as_str() {
            "link" => {
                let rel = tag.attr("rel").unwrap_or_default().to_ascii_lowercase();
                // A prefetch is for a later navigation, not this one.
                if !rel.split_whitespace().any(|r| r == "prefetch")
                    && let Some(href) = tag.attr("href")
                {
                    found.push(href);
                }
            }
            "script" => {
                if let Some(src) = tag.attr("src") {
                    found.push(src);
                }
                found.extend(static_imports(&tag.body));
                found.extend(wasm_literals(&tag.body));
            }
            _ => {}
        }
    }
    let mut code: Vec<String> = Vec::new();
    let mut css = Vec::new();
    let mut queue: Vec<String> = found
        .iter()
        .filter_map(|r| local_path("", r))
        .collect::<Vec<_>>();
    queue.reverse();
    while let Some(path) = queue.pop() {
        if code.contains(&path) || css.contains(&path) {
            continue;
        }
        if !dist.join(&path).is_file() {
            return Err(format!(
                "{} loads {path}, which is not in {}",
                index.display(),
                dist.display()
            ));
        }
        if path.ends_with(".css") {
            css.push(path);
        } else if path.ends_with(".js") || path.ends_with(".mjs") {
            // A script's static imports load before it runs: they are part of the first look too.
            let text = std::fs::read_to_string(dist.join(&path))
                .map_err(|e| format!("cannot read {path}: {e}"))?;
            let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
            let mut imports: Vec<String> = static_imports(&text)
                .iter()
                .filter_map(|r| local_path(dir, r))
                .collect();
            imports.reverse();
            code.push(path);
            queue.extend(imports);
        } else if path.ends_with(".wasm") {
            code.push(path);
        }
    }
    Ok(Start { code, css })
}

/// Measures `dist`: the first look, its stylesheets and HTML, and every lazy module.
pub fn measure(dist: &Path) -> Result<Sizes, String> {
    let start = start(dist)?;
    let mut every = Vec::new();
    collect(dist, dist, &mut every)?;
    every.sort();
    let lazy: Vec<String> = every
        .iter()
        .filter(|p| {
            [".wasm", ".js", ".mjs"].iter().any(|e| p.ends_with(e)) && !start.code.contains(p)
        })
        .cloned()
        .collect();
    let mut names: Vec<&String> = start.code.iter().chain(&start.css).collect();
    names.extend(&lazy);
    let index = "index.html".to_owned();
    names.push(&index);
    let paths: Vec<PathBuf> = names.iter().map(|n| dist.join(n)).collect();
    let brotli = brotli_sizes(&paths)?;
    let mut files = Vec::new();
    for ((name, path), brotli) in names.iter().zip(&paths).zip(brotli) {
        files.push(File {
            name: (*name).clone(),
            raw: std::fs::metadata(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?
                .len(),
            gzip: gzip_size(path)?,
            brotli,
        });
    }
    let take = |names: &[String], files: &[File]| -> Vec<File> {
        names
            .iter()
            .filter_map(|n| files.iter().find(|f| &f.name == n).cloned())
            .collect()
    };
    let first_look = take(&start.code, &files);
    let mut css_and_html = take(&start.css, &files);
    css_and_html.extend(take(std::slice::from_ref(&index), &files));
    let mut lazy_modules: Vec<Module> = Vec::new();
    for file in take(&lazy, &files) {
        let name = module_name(&file.name);
        match lazy_modules.iter_mut().find(|m| m.name == name) {
            Some(module) => module.files.push(file),
            None => lazy_modules.push(Module {
                name,
                files: vec![file],
            }),
        }
    }
    Ok(Sizes {
        first_look,
        css_and_html,
        lazy: lazy_modules,
    })
}

/// The first look's bytes by `gzip -9`, and its files, without the slower brotli figures.
pub fn first_look_gzip(dist: &Path) -> Result<(u64, Vec<String>), String> {
    let start = start(dist)?;
    let mut sum = 0;
    for name in &start.code {
        sum += gzip_size(&dist.join(name))?;
    }
    Ok((sum, start.code))
}

/// Every file under `dir` as a path relative to `dist`, leaving out hidden entries (Trunk's
/// `.stage` while a build is under way).
fn collect(dist: &Path, dir: &Path, into: &mut Vec<String>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(dist, &path, into)?;
        } else if let Ok(relative) = path.strip_prefix(dist) {
            into.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// A lazy file's module: its name less the extension, the wasm's `_bg` and a wasm-split chunk's
/// nothing more (`cook.js`, `cook_bg.wasm` → `cook`).
fn module_name(path: &str) -> String {
    let stem = path.rsplit_once('.').map_or(path, |(stem, _)| stem);
    stem.strip_suffix("_bg").unwrap_or(stem).to_owned()
}

/// Bytes of `path` by `gzip -9 -n` (no name or time in the header, so the figure depends only on
/// the content).
pub fn gzip_size(path: &Path) -> Result<u64, String> {
    let input = FsFile::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let out = Command::new("gzip")
        .args(["-9", "-n", "-c"])
        .stdin(input)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("could not run gzip: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "gzip -9 {} exited with {}",
            path.display(),
            out.status
        ));
    }
    Ok(out.stdout.len() as u64)
}

/// Brotli at quality 11 by Node.js's zlib (the same encoder as the `brotli` command, with its
/// window of 2^24 and the file's size as a hint: the same bytes for the page's files), one line
/// per file.
const BROTLI: &str = r#"
const { brotliCompressSync, constants: c } = require("zlib");
const { readFileSync } = require("fs");
for (const path of process.argv.slice(1)) {
  const body = readFileSync(path);
  const params = { [c.BROTLI_PARAM_QUALITY]: 11, [c.BROTLI_PARAM_LGWIN]: 24, [c.BROTLI_PARAM_SIZE_HINT]: body.length };
  console.log(brotliCompressSync(body, { params }).length);
}
"#;

/// Bytes of each of `paths` by brotli at quality 11.
fn brotli_sizes(paths: &[PathBuf]) -> Result<Vec<u64>, String> {
    let out = Command::new("node")
        .arg("-e")
        .arg(BROTLI)
        .args(paths)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("could not run node for brotli: {e}"))?;
    if !out.status.success() {
        return Err(format!("node's brotli exited with {}", out.status));
    }
    let sizes: Vec<u64> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect();
    if sizes.len() != paths.len() {
        return Err(format!(
            "node's brotli measured {} files of {}",
            sizes.len(),
            paths.len()
        ));
    }
    Ok(sizes)
}

/// `bytes` in KiB with one decimal, as the bench prints them.
pub fn kib(bytes: u64) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

/// A signed change in bytes and KiB: `+1 234 B (+1.2 KiB)`, `−56 B (−0.1 KiB)`, `±0 B`.
pub fn change(delta: i64) -> String {
    if delta == 0 {
        return "±0 B".to_owned();
    }
    let sign = if delta > 0 { '+' } else { '−' };
    let bytes = delta.unsigned_abs();
    format!("{sign}{bytes} B ({sign}{})", kib(bytes))
}

/// Prints `sizes` as lines of plain text (`cargo xtask test` and `dist`).
pub fn print(dist: &Path, sizes: &Sizes) {
    let row = |f: &File| {
        format!(
            "    {:>9} B raw {:>9} B gzip {:>9} B brotli  {}",
            f.raw, f.gzip, f.brotli, f.name
        )
    };
    let sum = |label: &str, t: Total| {
        format!(
            "    {:>9} B raw {:>9} B gzip {:>9} B brotli  {label}",
            t.raw, t.gzip, t.brotli
        )
    };
    println!("built site in {}:", dist.display());
    println!("  the first look (what index.html loads at start):");
    for file in &sizes.first_look {
        println!("{}", row(file));
    }
    let first = sizes.first_look_total();
    println!(
        "{}",
        sum(
            &format!(
                "the first look: {} gzip -9, {} brotli q11",
                kib(first.gzip),
                kib(first.brotli)
            ),
            first
        )
    );
    println!("  its stylesheets and HTML:");
    for file in &sizes.css_and_html {
        println!("{}", row(file));
    }
    println!(
        "{}",
        sum(
            "the first look with CSS and HTML",
            sizes.with_css_and_html()
        )
    );
    if sizes.lazy.is_empty() {
        println!("  no lazy modules");
    }
    for module in &sizes.lazy {
        println!(
            "  lazy module {} (loaded when the page asks for it):",
            module.name
        );
        for file in &module.files {
            println!("{}", row(file));
        }
        if module.files.len() > 1 {
            println!("{}", sum(&module.name, total(&module.files)));
        }
    }
}

/// The JSON string literal of `text`.
pub fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn json_files(files: &[File]) -> String {
    let items: Vec<String> = files
        .iter()
        .map(|f| {
            format!(
                "{{ \"name\": {}, \"raw\": {}, \"gzip\": {}, \"brotli\": {} }}",
                json_string(&f.name),
                f.raw,
                f.gzip,
                f.brotli
            )
        })
        .collect();
    format!("[{}]", items.join(", "))
}

fn json_total(t: Total) -> String {
    format!(
        "\"raw\": {}, \"gzip\": {}, \"brotli\": {}",
        t.raw, t.gzip, t.brotli
    )
}

/// `sizes` as fields of the JSON object the bench reads (`firstLook`, `cssAndHtml`,
/// `withCssAndHtml`, `lazy`), for the caller to put in braces with its own.
pub fn to_json_fields(sizes: &Sizes) -> String {
    let lazy: Vec<String> = sizes
        .lazy
        .iter()
        .map(|m| {
            format!(
                "{{ \"name\": {}, \"files\": {}, {} }}",
                json_string(&m.name),
                json_files(&m.files),
                json_total(total(&m.files))
            )
        })
        .collect();
    format!(
        "  \"firstLook\": {{ \"files\": {}, {} }},\n  \"cssAndHtml\": {{ \"files\": {}, {} }},\n  \
         \"withCssAndHtml\": {{ {} }},\n  \"lazy\": [{}]",
        json_files(&sizes.first_look),
        json_total(sizes.first_look_total()),
        json_files(&sizes.css_and_html),
        json_total(total(&sizes.css_and_html)),
        json_total(sizes.with_css_and_html()),
        lazy.join(", ")
    )
}

/// A tag of the HTML: its lower-case name, its attributes and, for a script, its text.
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    body: String,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<String> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }
}

/// The `<link>` and `<script>` tags of `html`, in order, as a browser's tokenizer would read them
/// in minified or pretty HTML (values quoted or not), leaving out comments.
fn tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let open = at + offset;
        if html[open..].starts_with("<!--") {
            at = html[open..]
                .find("-->")
                .map_or(html.len(), |e| open + e + 3);
            continue;
        }
        let name_end = html[open + 1..]
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .map_or(html.len(), |e| open + 1 + e);
        let name = html[open + 1..name_end].to_ascii_lowercase();
        // The attributes, up to the `>` that is outside quotes.
        let mut i = name_end;
        let mut attrs = Vec::new();
        while i < bytes.len() && bytes[i] != b'>' {
            if bytes[i].is_ascii_whitespace() || bytes[i] == b'/' {
                i += 1;
                continue;
            }
            let key_start = i;
            while i < bytes.len() && !b" \t\r\n=>/".contains(&bytes[i]) {
                i += 1;
            }
            let key = html[key_start..i].to_ascii_lowercase();
            let mut value = String::new();
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                    let quote = bytes[i] as char;
                    let end = html[i + 1..].find(quote).map_or(html.len(), |e| i + 1 + e);
                    value = html[i + 1..end].to_owned();
                    i = (end + 1).min(html.len());
                } else {
                    let start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = html[start..i].to_owned();
                }
            }
            attrs.push((key, value));
        }
        let after = (i + 1).min(html.len());
        let mut body = String::new();
        at = after;
        if name == "script" {
            let end = html[after..]
                .to_ascii_lowercase()
                .find("</script")
                .map_or(html.len(), |e| after + e);
            body = html[after..end].to_owned();
            at = end;
        }
        if name == "link" || name == "script" {
            tags.push(Tag { name, attrs, body });
        }
    }
    tags
}

/// The specifiers of a script's static imports and re-exports (`import x from "./a.js"`,
/// `import "./b.js"`, `export * from "./c.js"`), which load before the script runs; dynamic
/// `import("./d.js")` loads later and is not among them.
fn static_imports(js: &str) -> Vec<String> {
    let bytes = js.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
    let mut found = Vec::new();
    for keyword in ["import", "export"] {
        let mut at = 0;
        while let Some(offset) = js[at..].find(keyword) {
            let start = at + offset;
            let end = start + keyword.len();
            at = end;
            let before = start.checked_sub(1).map(|i| bytes[i]);
            if before.is_some_and(|b| ident(b) || b == b'.')
                || bytes.get(end).is_some_and(|&b| ident(b))
            {
                continue;
            }
            let rest = js[end..].trim_start();
            if keyword == "import" && (rest.starts_with('(') || rest.starts_with('.')) {
                continue;
            }
            // The statement's first string literal: right after the keyword (a bare import) or
            // right after `from`.
            let Some(quote) = js[end..].find(['"', '\'']).map(|q| end + q) else {
                continue;
            };
            let between = js[end..quote].trim_end();
            let bare = keyword == "import" && between.trim().is_empty();
            let from = between.ends_with("from")
                && !between[..between.len() - 4]
                    .bytes()
                    .last()
                    .is_some_and(ident)
                && !between.contains(';');
            if !(bare || from) {
                continue;
            }
            let q = bytes[quote] as char;
            if let Some(close) = js[quote + 1..].find(q) {
                found.push(js[quote + 1..quote + 1 + close].to_owned());
            }
        }
    }
    found
}

/// The string literals of a loader script that name a `.wasm` file (wasm-bindgen's
/// `init({ module_or_path: './page_bg.wasm' })`), which the script fetches as it starts.
fn wasm_literals(js: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = js;
    while let Some(open) = rest.find(['"', '\'']) {
        let quote = rest.as_bytes()[open] as char;
        let Some(close) = rest[open + 1..].find(quote) else {
            break;
        };
        let literal = &rest[open + 1..open + 1 + close];
        if literal.ends_with(".wasm") {
            found.push(literal.to_owned());
        }
        rest = &rest[open + 1 + close + 1..];
    }
    found
}

/// The path under `dist` that `reference`, written in a file in folder `dir`, names, if it names
/// a file of the site (not `data:`, not another host).
fn local_path(dir: &str, reference: &str) -> Option<String> {
    let reference = reference.split(['?', '#']).next().unwrap_or_default();
    if reference.is_empty() || reference.contains(':') || reference.starts_with("//") {
        return None;
    }
    let joined = if let Some(rooted) = reference.strip_prefix('/') {
        rooted.to_owned()
    } else if dir.is_empty() {
        reference.to_owned()
    } else {
        format!("{dir}/{reference}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_INDEX: &str = r#"<!doctype html><html lang=en><head><link href=data:, rel=icon><script type=module>import init, * as bindings from './page-ab12.js';
const wasm = await init({ module_or_path: './page-ab12_bg.wasm' });
window.wasmBindings = bindings;</script><link href=./style-1.css integrity=sha384-x rel=stylesheet><link crossorigin href=./page-ab12.js rel=modulepreload><link as=fetch crossorigin href="./page-ab12_bg.wasm" rel=preload type=application/wasm><link rel="prefetch" href="./later.js"><!-- <script src="./commented.js"></script> --></head><body></body></html>"#;

    #[test]
    fn reads_what_trunks_index_loads_at_start() {
        let found: Vec<(String, Option<String>, usize)> = tags(TRUNK_INDEX)
            .into_iter()
            .map(|t| {
                (
                    t.name.clone(),
                    t.attr("href"),
                    static_imports(&t.body).len(),
                )
            })
            .collect();
        assert_eq!(found.len(), 6, "{found:?}");
        let script = &tags(TRUNK_INDEX)[1];
        assert_eq!(static_imports(&script.body), ["./page-ab12.js"]);
        assert_eq!(wasm_literals(&script.body), ["./page-ab12_bg.wasm"]);
        assert_eq!(
            tags(TRUNK_INDEX)[5].attr("rel").as_deref(),
            Some("prefetch")
        );
    }

    #[test]
    fn static_imports_leave_out_dynamic_ones() {
        let js = r#"import{a as b}from"./x.js";import "./side.js";export * from './y.js';
            const imports = {}; imports.wbg = 1; const m = import("./lazy.js"); import.meta.url;
            export function f() { return "from"; }"#;
        assert_eq!(static_imports(js), ["./x.js", "./side.js", "./y.js"]);
    }

    #[test]
    fn local_paths_resolve_against_the_importing_file() {
        assert_eq!(local_path("", "./a.js").as_deref(), Some("a.js"));
        assert_eq!(
            local_path("snippets/x", "../y/b.js").as_deref(),
            Some("snippets/y/b.js")
        );
        assert_eq!(local_path("", "data:,"), None);
        assert_eq!(local_path("", "https://example.org/a.js"), None);
    }

    #[test]
    fn lazy_files_group_by_module() {
        assert_eq!(module_name("cook.js"), "cook");
        assert_eq!(module_name("cook_bg.wasm"), "cook");
        assert_eq!(module_name("chunk_exercises.wasm"), "chunk_exercises");
    }

    #[test]
    fn changes_read_with_their_sign() {
        assert_eq!(change(0), "±0 B");
        assert_eq!(change(1536), "+1536 B (+1.5 KiB)");
        assert_eq!(change(-100), "−100 B (−0.1 KiB)");
    }
}
