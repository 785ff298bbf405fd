// Trunk's post-build hook (Trunk.toml): minifies the page's wasm-bindgen script in a release build.
//
// Why here: Trunk's own minifier cannot read the ES module wasm-bindgen writes for the page ("Failed
// to minify JS: RequiredTokenNotFound(Identifier)", trunk-rs/trunk#1044) and leaves it as written,
// 60 KB of it, while it does minify the cook's classic script. Every learner downloads this script,
// so terser minifies it here. Trunk has already written the page with a Subresource Integrity hash
// of the script as it was: the hash is replaced by the minified script's, or the browser would
// refuse to load it.
//
// It touches only the staging directory Trunk names, and nothing in a debug build (`trunk serve`).

import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (process.env.TRUNK_PROFILE !== "release") process.exit(0);
if (!staging) fail("TRUNK_STAGING_DIR is not set: this script is Trunk's post-build hook");

let minify;
try {
  ({ minify } = await import("terser"));
} catch {
  fail("terser is not installed: `cargo xtask dist` installs it (or run `npm ci` once)");
}

const sri = (text) => `sha384-${createHash("sha384").update(text).digest("base64")}`;
const htmlPath = join(staging, "index.html");
let html = readFileSync(htmlPath, "utf8");
// The page's script is named after the crate and its content hash; the cook's is `cook.js`.
const scripts = readdirSync(staging).filter((name) => /^async-kitchen-[0-9a-f]+\.js$/.test(name));
if (scripts.length !== 1) fail(`expected one page script in ${staging}, found ${scripts.length}`);

for (const name of scripts) {
  const path = join(staging, name);
  const source = readFileSync(path, "utf8");
  // `module: true`: the script is an ES module, so its top-level names are its own to shorten,
  // while its exports (`default`, `initSync` and the bindings) keep their names.
  const { code } = await minify(source, { module: true, compress: { passes: 2 }, mangle: true });
  const before = sri(source);
  if (!html.includes(before)) fail(`index.html does not carry ${name}'s integrity hash ${before}`);
  html = html.replaceAll(before, sri(code));
  writeFileSync(path, code);
  console.log(`minify: ${name}: ${source.length} → ${code.length} bytes`);
}
writeFileSync(htmlPath, html);

function fail(why) {
  console.error(`minify: ${why}`);
  process.exit(1);
}
