// The site a test file drives: the release build served from a course sub-path and one headless
// Chromium, started before the file's tests and closed after them, and fresh pages on it.
import { before, after } from "node:test";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";

import { serve } from "./serve.mjs";
import { launch, OUT_DIR } from "./browser.mjs";
import { watchErrors } from "./page.mjs";

/** A sub-path, as on GitHub Pages: the built page must not assume it lives at "/". */
export const BASE = "/course/async-kitchen/";
/** The release build learners download. */
export const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
/** The same site built with the bench's hooks (`cargo xtask test` builds both), for the tests that
 * call one: never the build learners download. */
export const HOOKS = fileURLToPath(new URL("../target/dist-bench/", import.meta.url));
/** A projector's viewport, the size every test uses unless it says otherwise. */
export const PROJECTOR = { width: 1280, height: 720 };

/** Registers the file's set-up and tear-down; `site.server` and `site.browser` are there once its
 * tests run. With `hooks`, the build with the bench's hooks is served too, as `site.hooks`, under
 * the same sub-path on a server of its own. */
export function courseSite({ hooks = false } = {}) {
  const site = { server: null, hooks: null, browser: null };
  before(async () => {
    await mkdir(OUT_DIR, { recursive: true });
    site.server = await serve(DIST, BASE);
    if (hooks) site.hooks = await serve(HOOKS, BASE);
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
    await site.hooks?.close();
  });
  /** A fresh page at the site's address plus `query` (on the build with hooks if `hooks` is true),
   * in a context of its own (its own storage) unless `context` is given, once `ready(page)` is on
   * the page: the lesson's heading unless told. */
  site.open = async (query = "", { viewport = PROJECTOR, colorScheme = "light", context, ready, hooks = false } = {}) => {
    context ??= await site.browser.newContext({ viewport, colorScheme });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto((hooks ? site.hooks : site.server).url + query);
    await (ready ? ready(page) : page.getByRole("heading", { level: 2 }).first()).waitFor();
    return { page, errors, context };
  };
  return site;
}
