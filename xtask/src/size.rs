//! `cargo xtask size [--top N]`: where the page's wasm is, by module and by function.
//!
//! It reads the page's wasm as cargo links it (`target/wasm32-unknown-unknown/release/
//! async-kitchen.wasm`, which keeps the function names that wasm-bindgen and wasm-opt later strip)
//! with twiggy, leaves out what never ships (custom sections, the name section among them, and
//! wasm-bindgen's descriptor functions, which wasm-bindgen runs at build time and removes), and
//! prints the code and data by crate and module, then the largest functions. Its sizes are raw
//! bytes before wasm-opt and gzip: what matters is how they compare, and the first look's gzip
//! figure from `dist/` is printed beside them for scale.

use std::path::Path;
use std::time::SystemTime;

use crate::dist_sizes::{self, kib};
use crate::setup::Env;
use crate::steps;

/// The crates of this repository, whose modules are shown one by one; other crates are shown whole.
const OURS: [&str; 6] = [
    "async_kitchen",
    "kitchen_model",
    "kitchen_views",
    "kitchen_state",
    "kitchen_runtime",
    "kitchen_web",
];

/// Modules shown in the table of modules down to this size; smaller ones are summed in one row.
const SMALLEST_ROW: u64 = 1024;

/// The longest function name printed in full.
const NAME_WIDTH: usize = 110;

/// One item of the wasm as twiggy lists it.
struct Item {
    name: String,
    size: u64,
}

/// What an item is, for the totals.
#[derive(PartialEq)]
enum Kind {
    /// A function of a crate's module (`kitchen_model::replay`).
    Code(String),
    /// Data segments: strings, tables and other constants.
    Data,
    /// Types, imports, exports, tables, globals and section headers.
    Wasm,
    /// What never reaches the browser: custom sections and wasm-bindgen's descriptors.
    Dropped,
}

pub fn run(args: &[String]) -> Result<(), String> {
    let top = match args {
        [] => 25,
        [flag, n] if flag == "--top" => n
            .parse()
            .map_err(|_| format!("--top takes a number, not {n:?}"))?,
        _ => return Err("size takes only --top N".to_owned()),
    };
    let env = crate::setup::build_tools()?;
    crate::setup::twiggy(&env)?;
    // Trunk's release build leaves this file behind; building it again is a no-op then, and
    // re-links the page's own wasm after a build with the bench's hooks.
    let build = steps::cmd(
        &env,
        "cargo",
        [
            "build",
            "--quiet",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "--package",
            "async-kitchen",
            "--bin",
            "async-kitchen",
        ],
    );
    steps::run(build, "cargo build (the page's wasm, release)")?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| env.root.join("target"), |dir| env.root.join(dir));
    let wasm = target.join("wasm32-unknown-unknown/release/async-kitchen.wasm");
    let items = twiggy(&env, &wasm)?;
    print(&env.root, &wasm, &items, top);
    Ok(())
}

/// Every item twiggy finds in `wasm`, largest first.
fn twiggy(env: &Env, wasm: &Path) -> Result<Vec<Item>, String> {
    let out = steps::cmd(env, "twiggy", ["top", "-n", "4294967295", "-f", "csv"])
        .arg(wasm)
        .output()
        .map_err(|e| format!("could not run twiggy: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "twiggy top {} exited with {}: {}",
            wasm.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut items = Vec::new();
    for line in text.lines().skip(1) {
        let fields = csv_fields(line);
        // Name, ShallowSize, ShallowSizePercent, RetainedSize, RetainedSizePercent; the summary
        // rows ("... and N more", the total) have no size of their own.
        if let (Some(name), Some(Ok(size))) = (fields.first(), fields.get(1).map(|s| s.parse())) {
            items.push(Item {
                name: name.clone(),
                size,
            });
        }
    }
    if items.is_empty() {
        return Err(format!("twiggy listed nothing in {}", wasm.display()));
    }
    Ok(items)
}

/// The fields of one CSV line, with `"…"` quoting and `""` for a quote inside.
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().expect("one field at least").push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => fields.last_mut().expect("one field at least").push(c),
        }
    }
    fields
}

/// A symbol as a reader wants it: without its hash (`::h0123…`) and the crate disambiguators of
/// the standard library's symbols (`core[c593…]`).
fn tidy(name: &str) -> String {
    let mut name = name.to_owned();
    if let Some(at) = name.rfind("::h") {
        let hash = &name[at + 3..];
        if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            name.truncate(at);
        }
    }
    let mut out = String::with_capacity(name.len());
    let mut rest = name.as_str();
    while let Some(open) = rest.find('[') {
        let inner = &rest[open + 1..];
        let hex = inner.bytes().take_while(u8::is_ascii_hexdigit).count();
        out.push_str(&rest[..open]);
        if hex >= 8 && inner.as_bytes().get(hex) == Some(&b']') {
            rest = &inner[hex + 1..];
        } else {
            out.push('[');
            rest = inner;
        }
    }
    out.push_str(rest);
    out
}

/// Splits `path` at the `::` that are outside `<…>`, `(…)` and `[…]`.
fn segments(path: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' | b'(' | b'[' => depth += 1,
            b'>' | b')' | b']' => depth -= 1,
            b':' if depth == 0 && bytes.get(i + 1) == Some(&b':') => {
                parts.push(&path[start..i]);
                i += 2;
                start = i;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    parts.push(&path[start..]);
    parts
}

/// The index of the `>` that closes the `<` at the start of `text`.
fn closing(text: &str) -> Option<usize> {
    let mut depth = 0;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'<' => depth += 1,
            b'>' if i > 0 && text.as_bytes()[i - 1] == b'-' => {} // `->` in a fn type
            b'>' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The path a symbol's code belongs to: its own, or for a trait method (`<T as Trait>::f`) the
/// implementing type's (the trait's when the type has no path: `<&T as Display>`, `<[T]>`).
fn owner(name: &str) -> String {
    if name.starts_with('<')
        && let Some(close) = closing(name)
    {
        let inner = &name[1..close];
        let (own, trait_path) = split_as(inner);
        let own = own.trim_start_matches(['&', '*', '(', '[', ' ']);
        let own = own
            .strip_prefix("mut ")
            .or_else(|| own.strip_prefix("const "))
            .or_else(|| own.strip_prefix("dyn "))
            .unwrap_or(own);
        if own.contains("::") {
            return owner(own);
        }
        return trait_path.map_or_else(|| "core::primitive".to_owned(), owner);
    }
    name.to_owned()
}

/// `T as Trait` split at its ` as ` outside brackets, or all of it with no trait.
fn split_as(inner: &str) -> (&str, Option<&str>) {
    let mut depth = 0i32;
    for (i, b) in inner.bytes().enumerate() {
        match b {
            b'<' | b'(' | b'[' => depth += 1,
            b'>' | b')' | b']' => depth -= 1,
            b' ' if depth == 0 && inner[i..].starts_with(" as ") => {
                return (&inner[..i], Some(&inner[i + 4..]));
            }
            _ => {}
        }
    }
    (inner, None)
}

/// The module a function counts under: our crates by their first module (the page's components
/// one by one), other crates whole.
fn module(name: &str) -> String {
    if name.contains("__wbindgen") || name.contains("__wbg_") {
        return "wasm_bindgen".to_owned();
    }
    let path = owner(name);
    let parts: Vec<&str> = segments(&path)
        .into_iter()
        .map(|p| p.split('<').next().unwrap_or(p))
        .collect();
    if parts.len() == 1 {
        // C names from compiler_builtins and the allocator shims (memcpy, pow, main).
        return "(C names: memcpy, pow, main …)".to_owned();
    }
    let krate = match parts[0] {
        "__rustc" => "std",
        other => other,
    };
    if !OURS.contains(&krate) {
        return krate.to_owned();
    }
    let depth = if parts.get(1) == Some(&"components") {
        2
    } else {
        1
    };
    let mut module = krate.to_owned();
    // A segment is a module when something follows it and it is a lower-case name (not a type, a
    // closure or an impl block).
    for part in parts.iter().take(parts.len() - 1).skip(1).take(depth) {
        if !part.starts_with(|c: char| c.is_ascii_lowercase() || c == '_') {
            break;
        }
        module.push_str("::");
        module.push_str(part);
    }
    module
}

fn kind(item: &Item) -> Kind {
    let name = item.name.as_str();
    if name.starts_with("custom section")
        || name.ends_with("subsection")
        || name.contains("__wbindgen_describe")
        || name.contains("WasmDescribe")
        || name.contains("wasm_bindgen::describe::")
    {
        Kind::Dropped
    } else if name.starts_with("data[") {
        Kind::Data
    } else if name.starts_with("type[")
        || name.starts_with("import ")
        || name.starts_with("export ")
        || name.starts_with("table[")
        || name.starts_with("elem[")
        || name.starts_with("global[")
        || name.starts_with("memory[")
        || name.ends_with(" headers")
        || name == "wasm magic bytes"
    {
        Kind::Wasm
    } else {
        Kind::Code(module(&tidy(name)))
    }
}

fn percent(part: u64, whole: u64) -> String {
    format!("{:.1} %", 100.0 * part as f64 / whole.max(1) as f64)
}

fn shorten(name: &str) -> String {
    if name.chars().count() <= NAME_WIDTH {
        return name.to_owned();
    }
    let mut short: String = name.chars().take(NAME_WIDTH - 1).collect();
    short.push('…');
    short
}

fn print(root: &Path, wasm: &Path, items: &[Item], top: usize) {
    let kinds: Vec<Kind> = items.iter().map(kind).collect();
    let sum = |f: &dyn Fn(&Kind) -> bool| -> u64 {
        items
            .iter()
            .zip(&kinds)
            .filter(|(_, k)| f(k))
            .map(|(i, _)| i.size)
            .sum()
    };
    let whole = sum(&|_| true);
    let dropped = sum(&|k| *k == Kind::Dropped);
    let data = sum(&|k| *k == Kind::Data);
    let structure = sum(&|k| *k == Kind::Wasm);
    let kept = whole - dropped;
    let code = kept - data - structure;

    println!(
        "{}: {} as cargo links it, with names",
        wasm.strip_prefix(root).unwrap_or(wasm).display(),
        kib(whole)
    );
    println!(
        "  left out: {} that never ship (custom sections, the names among them, and \
         wasm-bindgen's descriptors)",
        kib(dropped)
    );
    println!(
        "  the rest: {} = code {} + data {} + types, imports, exports and tables {}",
        kib(kept),
        kib(code),
        kib(data),
        kib(structure)
    );
    println!(
        "  raw bytes before wasm-opt and gzip: compare them with each other, not with a download"
    );
    print_first_look(root, wasm);

    // By module.
    let mut modules: Vec<(String, u64, usize)> = Vec::new();
    for (item, kind) in items.iter().zip(&kinds) {
        let label = match kind {
            Kind::Code(module) => module.clone(),
            Kind::Data => "(data: strings and constants)".to_owned(),
            Kind::Wasm => "(types, imports, exports, tables)".to_owned(),
            Kind::Dropped => continue,
        };
        match modules.iter_mut().find(|m| m.0 == label) {
            Some(m) => {
                m.1 += item.size;
                m.2 += 1;
            }
            None => modules.push((label, item.size, 1)),
        }
    }
    modules.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    println!("\nby crate and module (our crates by module, the page's components one by one):");
    println!("  {:>10}  {:>6}  {:>6}  module", "raw", "share", "items");
    let (mut rest, mut rest_count, mut rest_items) = (0, 0, 0);
    for (label, size, count) in &modules {
        if *size < SMALLEST_ROW {
            rest += size;
            rest_count += 1;
            rest_items += count;
            continue;
        }
        println!(
            "  {:>10}  {:>6}  {:>6}  {label}",
            kib(*size),
            percent(*size, kept),
            count
        );
    }
    if rest_count > 0 {
        println!(
            "  {:>10}  {:>6}  {:>6}  {rest_count} more modules under {}",
            kib(rest),
            percent(rest, kept),
            rest_items,
            kib(SMALLEST_ROW)
        );
    }
    let views: (u64, usize) = items
        .iter()
        .filter(|i| {
            i.name.contains(
                "CompStateInner<COMP> as yew::html::component::lifecycle::Stateful>::view",
            )
        })
        .fold((0, 0), |(s, n), i| (s + i.size, n + 1));
    if views.1 > 0 {
        println!(
            "  (yew's count holds {} of the page's own components' views, monomorphised inside yew as \
             `CompStateInner<COMP>::view`, {} functions)",
            kib(views.0),
            views.1
        );
    }

    // The largest functions.
    println!("\nthe {top} largest functions:");
    let largest: Vec<(&Item, &String)> = items
        .iter()
        .zip(&kinds)
        .filter_map(|(item, kind)| match kind {
            Kind::Code(module) => Some((item, module)),
            _ => None,
        })
        .take(top)
        .collect();
    let width = largest.iter().map(|(_, m)| m.len()).max().unwrap_or(0);
    println!("  {:>10}  {:<width$}  function", "raw", "module");
    for (item, module) in largest {
        println!(
            "  {:>10}  {module:<width$}  {}",
            kib(item.size),
            shorten(&tidy(&item.name))
        );
    }
}

/// The first look's gzip figure from `dist/`, for scale, and whether `dist/` is older than `wasm`.
fn print_first_look(root: &Path, wasm: &Path) {
    let dist = root.join("dist");
    match dist_sizes::first_look_gzip(&dist) {
        Ok((gzip, files)) => {
            let wasm_gzip = files
                .iter()
                .filter(|f| f.ends_with(".wasm"))
                .filter_map(|f| dist_sizes::gzip_size(&dist.join(f)).ok())
                .sum::<u64>();
            let wasm_raw = files
                .iter()
                .filter(|f| f.ends_with(".wasm"))
                .filter_map(|f| std::fs::metadata(dist.join(f)).ok())
                .map(|m| m.len())
                .sum::<u64>();
            println!(
                "  for scale, dist/: the page's wasm after wasm-bindgen and wasm-opt is {} raw, {} gzip;",
                kib(wasm_raw),
                kib(wasm_gzip)
            );
            println!(
                "  the first look (its wasm and JS) is {gzip} B gzip ({})",
                kib(gzip)
            );
            let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
            let built = files
                .iter()
                .filter_map(|f| modified(&dist.join(f)))
                .max()
                .unwrap_or(SystemTime::UNIX_EPOCH);
            if modified(wasm).is_some_and(|w| w > built) {
                println!(
                    "  (dist/ is older than this wasm: `cargo xtask dist` brings its figure up to date)"
                );
            }
        }
        Err(why) => {
            println!("  no first look to compare with ({why}): `cargo xtask dist` builds it")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        assert_eq!(
            csv_fields(r#""""function names"" subsection",506911,22.0,,"#),
            ["\"function names\" subsection", "506911", "22.0", "", ""]
        );
        assert_eq!(csv_fields("a,1"), ["a", "1"]);
    }

    #[test]
    fn names_lose_hashes_and_disambiguators() {
        assert_eq!(
            tidy("kitchen_model::text::parse::hbc099f09be33b8ea"),
            "kitchen_model::text::parse"
        );
        assert_eq!(
            tidy("<core[c5930c85a12de822]::str::pattern::StrSearcher>::new"),
            "<core::str::pattern::StrSearcher>::new"
        );
        assert_eq!(tidy("<[f64]>::sort"), "<[f64]>::sort");
    }

    #[test]
    fn modules_of_symbols() {
        let cases = [
            (
                "<async_kitchen::components::app::App as yew::functional::FunctionProvider>::run::inner",
                "async_kitchen::components::app",
            ),
            (
                "async_kitchen::components::app::running::begin::{{closure}}",
                "async_kitchen::components::app",
            ),
            (
                "kitchen_model::replay::narrate::Narrator::sentence",
                "kitchen_model::replay",
            ),
            ("kitchen_model::parse", "kitchen_model"),
            (
                "kitchen_state::reduce::<impl kitchen_state::kitchen::Kitchen>::apply",
                "kitchen_state::reduce",
            ),
            (
                "<kitchen_views::timeline::layout::ChartModel>::build_within",
                "kitchen_views::timeline",
            ),
            (
                "<yew::html::component::lifecycle::CompStateInner<COMP> as yew::html::component::lifecycle::Stateful>::view",
                "yew",
            ),
            (
                "<alloc::vec::Vec<T> as alloc::vec::spec_from_iter_nested::SpecFromIterNested<T,I>>::from_iter",
                "alloc",
            ),
            ("<&T as core::fmt::Display>::fmt", "core"),
            ("<char>::escape_debug_ext", "core"),
            (
                "core::ptr::drop_in_place<kitchen_model::trace::Event>",
                "core",
            ),
            (
                "<dlmalloc::dlmalloc::Dlmalloc<dlmalloc::sys::System>>::malloc",
                "dlmalloc",
            ),
            ("__rustc::__rust_realloc", "std"),
            (
                "serde_core::ser::SerializeMap::serialize_entry",
                "serde_core",
            ),
            ("memcmp", "(C names: memcpy, pow, main …)"),
        ];
        for (name, want) in cases {
            assert_eq!(module(name), want, "{name}");
        }
    }
}
