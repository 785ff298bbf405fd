// The lessons' chunk: the page's first module holds the library's list and the first lesson; every
// other lesson comes with a chunk of its own, fetched by the library's click, or before the page
// opens when a link or saved work names one. A download that fails says so, and the page goes on.
import { test } from "node:test";
import assert from "node:assert/strict";

import { courseSite, PROJECTOR } from "./site.mjs";
import { openLesson } from "./page.mjs";

const site = courseSite();
const chunk = (name) => /^async-kitchen-[0-9a-f]+_lessons\.wasm$/.test(name);

/** A context whose requests are listed in `fetched`, with the lessons' chunk refused while `net.offline`. */
async function tracked(net) {
  const context = await site.browser.newContext({ viewport: PROJECTOR });
  const fetched = [];
  context.on("request", (r) => fetched.push(new URL(r.url()).pathname.split("/").pop()));
  await context.route(/_lessons\.wasm$/, (route) => (net.offline ? route.abort("internetdisconnected") : route.continue()));
  return { context, fetched };
}

const title = (page) => page.getByRole("heading", { level: 2 }).first().textContent();

test("the first lesson comes with the page, another from the library's click; a failed download says so and a second click retries", { timeout: 60_000 }, async () => {
  const net = { offline: true };
  const { context, fetched } = await tracked(net);
  const { page, errors } = await site.open("", { context });
  assert.match(await title(page), /Cake and groceries/);
  await page.getByTestId("run").waitFor();
  assert.ok(!fetched.some(chunk), `the first look fetched no other lesson: ${fetched}`);
  // The library lists every lesson without their chunk.
  await page.getByTestId("lessons-toggle").click();
  assert.equal(await page.locator("#library .lesson-link").count() >= 17, true);
  await page.getByTestId("lesson-chores").click();
  const notice = page.getByTestId("notice");
  await notice.filter({ hasText: "Could not download the lesson" }).waitFor();
  assert.match(await title(page), /Cake and groceries/, "the lesson on screen stays");
  net.offline = false;
  await openLesson(page, "chores");
  await page.getByRole("heading", { level: 2, name: /Chores/ }).waitFor();
  assert.ok(fetched.some(chunk), "opening another lesson fetched the lessons' chunk");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a link to another lesson opens on it, its chunk fetched first; offline, the first lesson opens and says why", { timeout: 60_000 }, async () => {
  const online = await tracked({ offline: false });
  const { page, errors } = await site.open("?lesson=count&mode=sequential", { context: online.context });
  assert.match(await title(page), /count\(\)/);
  assert.equal(await page.getByTestId("mode-sequential").isChecked(), true);
  assert.deepEqual(errors, []);
  await online.context.close();

  const offline = await tracked({ offline: true });
  const cut = await site.open("?lesson=count&mode=sequential", { context: offline.context });
  assert.match(await title(cut.page), /Cake and groceries/);
  assert.equal(await cut.page.getByTestId("mode-sequential").isChecked(), true, "the rest of the link holds");
  assert.match(await cut.page.getByTestId("notice").textContent(), /lesson count could not be downloaded/);
  assert.deepEqual(cut.errors, []);
  await offline.context.close();
});
