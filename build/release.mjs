// Trunk's post-build hook (Trunk.toml): makes the page's code of a release build what learners
// download. Nothing happens in a debug build (`trunk serve`), which stays as Trunk wrote it.
//
// Trunk builds the page's wasm with wasm-bindgen; this hook writes it again from the wasm cargo
// linked, because Trunk can run none of these steps itself:
//
// 1. Split (when the wasm asks for it: built with the `split` feature, which `cargo xtask dist`
//    turns on): `wasm-split-cli` moves each `#[wasm_split(name)]` item of `src/components/lazy.rs`,
//    and the code only it reaches, into a module `name` of its own, and writes the loader that
//    fetches one on first use (trunk-rs/trunk#1022: Trunk has no step for this). Then
//    `wasm-bindgen --keep-lld-exports`, so the page's module keeps what the chunks import from it.
// 2. `wasm-opt` on every module, with the flags that measured smallest (Trunk's own run would take
//    only a level, so the page's `data-wasm-opt="0"` leaves it to this hook).
// 3. terser on the scripts: Trunk's minifier cannot read wasm-bindgen's ES module
//    (trunk-rs/trunk#1044) and leaves 60 KB of it as written.
// 4. New names from a hash of the new files (`async-kitchen-<hash>.js`, `…_bg.wasm`,
//    `…_chunks.js` the loader, `…_<name>.wasm` each chunk), in place of Trunk's, so that a cache
//    never mixes two builds; index.html names them with their Subresource Integrity hashes (the
//    loader by a `modulepreload`, since the page's script imports it), and the loader fetches each
//    chunk with its own, so every byte the page runs is checked. All URLs stay relative to the
//    page, which works from any sub-path.
// 5. A brotli (`.br`, quality 11) and a zopfli (`.gz`) copy beside every text and wasm file of the
//    site, for hosts that serve them as they are (nginx's `brotli_static`/`gzip_static`, CDNs);
//    GitHub Pages compresses on the fly and ignores them.
//
// In every build, debug ones too, it first writes the documentation pages that ship with the site
// (build/docs.mjs: `embedding.html` from docs/embedding.md), which the Embed panel links to.
//
// Tools: `wasm-split-cli` (cargo, `cargo xtask` installs it), `wasm-bindgen` and `wasm-opt` (npm
// binaryen) on PATH, as `cargo xtask` sets it; terser and @gfx/zopfli from npm.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

import { writeDocs } from "./docs.mjs";

const STEM = "async-kitchen";
/** What wasm-opt does to every module (README, "Performance": each flag measured). */
export const WASM_OPT = ["-Oz", "-lmu", "-ocimfs", "0", "--strip-producers", "--converge"];

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) fail("TRUNK_STAGING_DIR is not set: this script is Trunk's post-build hook");
writeDocs(staging);
if (process.env.TRUNK_PROFILE !== "release") {
  // A debug build is never split: with the `split` feature its split points would import a module
  // that nothing writes, and the page would not start.
  const page = readdirSync(staging).find((name) => /^async-kitchen-[0-9a-f]+\.js$/.test(name));
  if (page && readFileSync(join(staging, page), "utf8").includes("__wasm_split_placeholder__")) {
    fail("the `split` feature needs a release build (`cargo xtask dist`): build debug without it");
  }
  process.exit(0);
}

const started = Date.now();
const tmp = mkdtempSync(join(tmpdir(), "release-"));
try {
  const html = join(staging, "index.html");
  const page = writePage(linkedWasm(), tmp);
  writeFileSync(html, await rename(page, readFileSync(html, "utf8")));
  await compressAll(staging);
  console.log(`release: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

/** The page's wasm as cargo linked it, before wasm-bindgen: the file Trunk read too. */
function linkedWasm() {
  const meta = JSON.parse(run("cargo", ["metadata", "--format-version", "1", "--no-deps", "--offline"]));
  const path = join(meta.target_directory, "wasm32-unknown-unknown", "release", `${STEM}.wasm`);
  try {
    statSync(path);
  } catch {
    fail(`${path} is missing: Trunk's cargo build should have written it`);
  }
  return path;
}

/**
 * Splits (if asked), binds, optimises and minifies the page's code into `dir`. Returns the files by
 * role, with their contents: `js` and `wasm` (the page's), `loader` (null unsplit) and `chunks`.
 */
function writePage(linked, dir) {
  const bytes = readFileSync(linked);
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(bytes));
  const split = imports.some((i) => i.module === "__wasm_split_placeholder__");
  let input = linked;
  const chunks = [];
  let loader = null;
  if (split) {
    const out = join(dir, "split");
    run("wasm-split-cli", ["--target", "web", "--out-name", STEM, linked, out]);
    input = join(out, `${STEM}.wasm`);
    loader = readFileSync(join(out, "__wasm_split.js"), "utf8");
    for (const name of readdirSync(out).sort()) {
      const chunk = /^(split|chunk)_(.+)\.wasm$/.exec(name);
      if (chunk) chunks.push({ file: name, name: chunk[2], path: join(out, name) });
    }
    if (chunks.length === 0) fail("wasm-split-cli wrote no chunk");
  } else if (imports.some((i) => i.module.includes("wasm_split"))) {
    fail(`${linked} imports from an unknown wasm_split module: is wasm-split-cli the version Cargo.toml's helpers need?`);
  }
  const bound = join(dir, "bound");
  const bindgen = ["--target", "web", "--no-typescript", "--out-dir", bound, "--out-name", STEM];
  if (split) bindgen.push("--keep-lld-exports");
  run("wasm-bindgen", [...bindgen, input]);

  const opt = (from, to) => {
    run("wasm-opt", [...WASM_OPT, from, "-o", to]);
    return readFileSync(to);
  };
  const wasm = opt(join(bound, `${STEM}_bg.wasm`), join(dir, "page.wasm"));
  for (const chunk of chunks) chunk.bytes = opt(chunk.path, join(dir, chunk.file));
  return {
    js: readFileSync(join(bound, `${STEM}.js`), "utf8"),
    wasm,
    loader,
    chunks,
  };
}

/**
 * Names the page's files after a hash of them, writes them (minified) to the staging directory in
 * place of Trunk's, and returns `html` naming them, with their integrity hashes.
 */
async function rename(page, html) {
  const trunk = /(async-kitchen-[0-9a-f]+)\.js/.exec(html);
  if (!trunk) fail("index.html names no page script: has Trunk's output changed?");
  const old = trunk[1];
  // A hash of the files as bound and optimised, and of this script, which writes them from there.
  const hash = createHash("sha256").update(readFileSync(fileURLToPath(import.meta.url)));
  for (const part of [page.js, page.wasm, page.loader ?? "", ...page.chunks.map((c) => c.bytes)]) hash.update(part);
  const base = `${STEM}-${hash.digest("hex").slice(0, 16)}`;
  const names = {
    js: `${base}.js`,
    wasm: `${base}_bg.wasm`,
    loader: `${base}_chunks.js`,
    chunk: (c) => `${base}_${c.name}.wasm`,
  };

  // The page's script: its default wasm URL and the loader it imports, by their new names.
  let js = replaceOnce(page.js, `${STEM}_bg.wasm`, names.wasm, "the page script's wasm URL");
  // (`import * as importN from "./__wasm_split.js"` once per split point; the wasm's import module
  // keeps its name)
  if (page.loader !== null) js = replaceEvery(js, `from "./__wasm_split.js"`, `from "./${names.loader}"`, "the page script's import of the loader");
  js = await minify(js);

  let preloadLoader = "";
  if (page.loader !== null) {
    let loader = replaceOnce(page.loader, `"./${STEM}.js"`, `"./${names.js}"`, "the loader's import of the page script");
    for (const chunk of page.chunks) {
      // wasm-split-cli's fetcher, `fetch(new URL("./split_x.wasm", import.meta.url))`, with the
      // chunk's name and integrity.
      loader = replaceOnce(
        loader,
        `fetch(new URL("./${chunk.file}", import.meta.url))`,
        `fetch(new URL("./${names.chunk(chunk)}", import.meta.url), { integrity: "${sri(chunk.bytes)}" })`,
        `the loader's fetch of ${chunk.file}`,
      );
      writeFileSync(join(staging, names.chunk(chunk)), chunk.bytes);
    }
    // `instantiateStreaming` refuses a module served as anything but `application/wasm`, where the
    // page's own wasm-bindgen loader falls back to reading it whole: do the same for the chunks.
    loader = replaceEvery(
      loader,
      "WebAssembly.instantiateStreaming(src, imports)",
      "src.then((r) => r.arrayBuffer()).then((b) => WebAssembly.instantiate(b, imports))",
      "the loader's instantiation of a chunk",
    );
    loader = await minify(loader);
    writeFileSync(join(staging, names.loader), loader);
    // Where Trunk's own links point: "./" unless `--public-url` says otherwise.
    const at = process.env.TRUNK_PUBLIC_URL || "./";
    preloadLoader = `<link rel="modulepreload" href="${at}${names.loader}" crossorigin="anonymous" integrity="${sri(loader)}">`;
  }
  writeFileSync(join(staging, names.js), js);
  writeFileSync(join(staging, names.wasm), page.wasm);

  // index.html: Trunk's two preloads and its start script name Trunk's files; each preload carries
  // an integrity hash of Trunk's file.
  const trunkJs = readFileSync(join(staging, `${old}.js`));
  const trunkWasm = readFileSync(join(staging, `${old}_bg.wasm`));
  html = replaceOnce(html, sri(trunkJs), sri(js), "the page script's integrity");
  html = replaceOnce(html, sri(trunkWasm), sri(page.wasm), "the page wasm's integrity");
  html = html.replaceAll(`${old}_bg.wasm`, names.wasm).replaceAll(`${old}.js`, names.js);
  // The loader, which the page's script imports, preloaded with the page's script.
  if (preloadLoader) html = replaceOnce(html, "</head>", `${preloadLoader}</head>`, "the end of index.html's head");
  if (html.includes(old)) fail(`index.html still names ${old}`);
  rmSync(join(staging, `${old}.js`));
  rmSync(join(staging, `${old}_bg.wasm`));

  const gz = gzipSize;
  console.log(`release: ${names.js} ${gz(js)} B + ${names.wasm} ${gz(page.wasm)} B gzip -9`);
  if (page.loader !== null) {
    console.log(`release: split: the loader ${names.loader} ${gz(readFileSync(join(staging, names.loader)))} B gzip -9`);
    for (const chunk of page.chunks) console.log(`release: split: ${names.chunk(chunk)} ${gz(chunk.bytes)} B gzip -9`);
  }
  return html;
}

/** Writes `name.br` (brotli 11) and `name.gz` (zopfli) beside each compressible file of `dir`. */
async function compressAll(dir) {
  const zopfli = await loadZopfli();
  for (const name of readdirSync(dir)) {
    if (!/\.(html|css|js|mjs|wasm|json|svg|txt|map)$/.test(name)) continue;
    const path = join(dir, name);
    const body = readFileSync(path);
    const br = brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        [constants.BROTLI_PARAM_MODE]: name.endsWith(".wasm") ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      },
    });
    const gz = await zopfli(body);
    // A copy no smaller than the file is of no use to a host that would send it.
    if (br.length < body.length) writeFileSync(`${path}.br`, br);
    if (gz.length < body.length) writeFileSync(`${path}.gz`, gz);
  }
}

async function loadZopfli() {
  let zopfli;
  try {
    zopfli = (await import("@gfx/zopfli")).default;
  } catch {
    fail("@gfx/zopfli is not installed: `cargo xtask dist` installs it (or run `npm ci` once)");
  }
  return async (body) => Buffer.from(await zopfli.gzipAsync(body, { numiterations: 15 }));
}

async function minify(source) {
  let terser;
  try {
    terser = await import("terser");
  } catch {
    fail("terser is not installed: `cargo xtask dist` installs it (or run `npm ci` once)");
  }
  // `module: true`: an ES module, whose top-level names are its own to shorten while its exports
  // (`default`, `initSync`, the bindings, the loader's functions) keep theirs.
  const { code } = await terser.minify(source, { module: true, compress: { passes: 2 }, mangle: true });
  return code;
}

function gzipSize(body) {
  return gzipSync(body, { level: 9 }).length;
}

function sri(body) {
  return `sha384-${createHash("sha384").update(body).digest("base64")}`;
}

function replaceOnce(text, from, to, what) {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) fail(`expected ${what} (${from}) exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function replaceEvery(text, from, to, what) {
  if (!text.includes(from)) fail(`expected ${what} (${from})`);
  return text.replaceAll(from, to);
}

function run(program, args) {
  try {
    return execFileSync(program, args, { encoding: "utf8", maxBuffer: 1 << 28, stdio: ["ignore", "pipe", "inherit"] });
  } catch (e) {
    fail(`${program} ${args.map((a) => basename(a)).join(" ")} failed${e.code === "ENOENT" ? ": not on PATH (run through `cargo xtask`)" : ""}`);
  }
}

function fail(why) {
  console.error(`release: ${why}`);
  process.exit(1);
}
