// The built page in WebKit (WebKitGTK's MiniBrowser, the engine of Safari), driven like a learner over
// classic WebDriver: the same suite as Firefox's (e2e-firefox/suite.mjs) — every lesson in gather and
// blocking held to what its prediction's trace shows, the console's order, a share link, an embedded
// lesson on another origin.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { serve, servePage } from "../e2e/serve.mjs";
import { engineSuite } from "../e2e-firefox/suite.mjs";
import { engine, ERROR_HOOK } from "./browser.mjs";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));

/** The built site from a copy whose page runs the error hook before anything else (`options` as
 * `serve`'s). */
async function serveHooked(options) {
  const dir = await mkdtemp(join(tmpdir(), "webkit-dist-"));
  await cp(DIST, dir, { recursive: true });
  const index = join(dir, "index.html");
  await writeFile(index, withHook(await readFile(index, "utf8")));
  const server = await serve(dir, "/course/async-kitchen/", options);
  return { url: server.url, close: async () => { await server.close(); await rm(dir, { recursive: true }); } };
}

/** `html` with the error hook first: after its character set (the minified page has no `<head>`
 * tag), or its `<html>` tag. */
function withHook(html) {
  const first = /<meta charset=[^>]*>/i.exec(html) ?? /<html[^>]*>/i.exec(html);
  const at = first ? first.index + first[0].length : 0;
  return html.slice(0, at) + ERROR_HOOK + html.slice(at);
}

engineSuite("WebKit", {
  launch: engine,
  serve: serveHooked,
  servePage: (html) => servePage(withHook(html)),
});
