// More cooks: the processes mode on real Web Workers, in the release build served from a sub-path.
// What is checked is what a trace shows — busy stretches overlapping on two different cooks, no
// worker left after a cancel, a failing cook reported — never a timing threshold.
import { test } from "node:test";
import assert from "node:assert/strict";

import { OUT_DIR } from "./browser.mjs";
import { courseSite } from "./site.mjs";
import { chooseMode, exported, recipeEditor, run, setScale, warmPool } from "./page.mjs";
import { busyStretches, frames, holds, overlap } from "./facts.mjs";

// The build with the bench's hooks is served too, for the one test that asks a cook to fail.
const site = courseSite({ hooks: true });

/** A fresh page at the app's address plus `query` (on the build with hooks if `hooks`), once the
 * stage is drawn. */
function open(query = "", { hooks = false } = {}) {
  return site.open(query, { hooks, ready: (page) => page.getByTestId("loop-panel") });
}

/** Resolves once the page has `count` cooks (Web Workers) running. */
async function cooksRunning(page, count) {
  while (page.workers().length < count) await page.waitForEvent("worker");
}

/** Puts `text` in the editor, chooses the processes mode and `cooks` cooks. */
async function cooksRecipe(page, text, cooks) {
  await (await recipeEditor(page)).fill(text);
  await chooseMode(page, "processes");
  const field = page.getByTestId("cooks");
  await field.fill(String(cooks));
  await field.press("Tab");
}

test("two tasks of work 200 on two cooks work at the same time, on two threads", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await open();
  await cooksRecipe(page, "recipe \"two cooks\"\nunit ms\nscale 1\n\ntask a\n  work 200\n\ntask b\n  work 200\n", 2);
  // The run to look at has both cooks started: starting them costs time (and the page a few
  // milliseconds of its thread, once per page), and the first to be ready may take both tasks.
  await warmPool(page);
  assert.equal(page.workers().length, 2, "the pool has two cooks");
  await run(page, "processes");
  const { measured: { trace } } = await exported(page);
  // By task, not by which began first: on a busy machine either cook may be first to start.
  const [a, b] = [0, 1].map((task) => busyStretches(trace).find((s) => s.task === task));
  console.log(`# cooks: a on cook ${a.cook + 1} ${a.start.toFixed(1)}–${a.end.toFixed(1)} ms, b on cook ${b.cook + 1} ${b.start.toFixed(1)}–${b.end.toFixed(1)} ms`);
  assert.notEqual(a.cook, b.cook, "the two tasks ran on different cooks");
  assert.ok(overlap(a, b), "their busy stretches overlap in time");
  // The page's own thread stays free while the cooks work: no task holds it, and the heartbeat
  // goes on while both cooks work.
  assert.deepEqual(holds(trace).filter((h) => h.cook === null), [], "no task held the page's thread");
  const both = { start: Math.max(a.start, b.start), end: Math.min(a.end, b.end) };
  assert.ok(frames(trace).some((f) => f > both.start && f < both.end),
    `no frame drawn while both cooks worked, ${both.start.toFixed(1)}–${both.end.toFixed(1)} ms`);
  // Each cook's lane is drawn, and the panel names the cooks.
  await page.getByTestId("timeline-processes").locator("text=cook 2").first().waitFor();
  assert.match(await page.getByTestId("loop-cooks").textContent(), /cook 1.*cook 2/s);
  await page.screenshot({ path: `${OUT_DIR}cooks-1280x720.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test("cancel leaves no cook running, and the next run starts a new pool", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await open();
  // Work that lasts long enough to be cancelled however slowly a busy machine lets the test go.
  await cooksRecipe(page, "recipe \"long\"\nunit ms\nscale 1\n\ntask a\n  work 20000\n\ntask b\n  work 20000\n", 2);
  await page.getByTestId("run").click();
  await page.locator("[data-testid=timeline-processes].live").waitFor();
  await cooksRunning(page, 2);
  assert.equal(page.workers().length, 2);
  // Each cook's end is awaited as the browser reports it, however long that takes.
  const ended = page.workers().map((worker) => new Promise((resolve) => worker.once("close", resolve)));
  await page.getByTestId("cancel").click();
  await page.getByTestId("cancelled-processes").waitFor();
  await Promise.all(ended);
  assert.equal(page.workers().length, 0, "cancel terminated every cook");
  await cooksRecipe(page, "recipe \"short\"\nunit ms\nscale 1\n\ntask a\n  work 20\n", 1);
  await page.getByTestId("run").click();
  await page.getByTestId("total-processes").waitFor({ timeout: 20_000 });
  assert.equal(page.workers().length, 1, "a new pool of one cook");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a cook that fails is reported, and the page goes on in the other modes", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await open("", { hooks: true });
  // The cook reads its messages between the tasks' steps: while it waits, it hears the fault. The
  // wait outlasts the test, so the fault arrives during it however slowly a busy machine sends it.
  await cooksRecipe(page, "recipe \"fails\"\nunit ms\nscale 1\n\ntask a\n  work 200\n  wait 60000\n  work 200\n", 1);
  await page.getByTestId("run").click();
  await page.locator("[data-testid=timeline-processes].live").waitFor();
  // The bench hook asks the cook to panic: it reports it, and dies.
  await page.evaluate(() => window.wasmBindings.benchCookFault());
  const notice = page.getByTestId("notice");
  await notice.waitFor({ timeout: 10_000 });
  assert.match(await notice.textContent(), /cook 1 failed: .*asked to fail.*The other modes still work/s);
  await page.getByTestId("cancelled-processes").waitFor();
  // The same recipe gathered, at a scale that makes its minute of waiting 0.6 s.
  await chooseMode(page, "gather");
  await setScale(page, 0.01);
  await page.getByTestId("run").click();
  await page.getByTestId("total-gather").waitFor({ timeout: 10_000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test("a cook whose code cannot be loaded is reported", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await open();
  await page.route("**/cook_bg.wasm", (route) => route.fulfill({ status: 404, body: "gone" }));
  await cooksRecipe(page, "recipe \"no cook\"\nunit ms\nscale 1\n\ntask a\n  work 10\n", 1);
  await page.getByTestId("run").click();
  const notice = page.getByTestId("notice");
  await notice.waitFor({ timeout: 10_000 });
  assert.match(await notice.textContent(), /cook 1 failed/);
  assert.ok(await page.getByTestId("run").isEnabled(), "the page can run again");
  // The error events of the failed worker are the cook's, not uncaught errors of the page.
  assert.deepEqual(errors, []);
  await context.close();
});

test("the cooks' code is fetched when More cooks is chosen, and a page that cannot fetch it says so", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await open();
  // The cooks' module, each time it arrived (a fetch that failed brought no body).
  const cooksChunk = () => page.evaluate(() => performance.getEntriesByType("resource")
    .filter((e) => /^async-kitchen-[0-9a-f]+_cooks\.wasm$/.test(e.name.split("/").pop()) && e.decodedBodySize > 0)
    .length);
  assert.equal(await cooksChunk(), 0, "the first look fetches no cooks' code");
  // Offline from here: the mode's choice cannot fetch it, nor can Run.
  await page.route(/_cooks\.wasm$/, (route) => route.abort("internetdisconnected"));
  await cooksRecipe(page, "recipe \"offline\"\nunit ms\nscale 1\n\ntask a\n  work 10\n", 1);
  // The mode is predicted by the cooks' code: the stage says it waits for it, and nothing else.
  await page.getByTestId("stage-loading").waitFor();
  await page.getByTestId("notice").waitFor({ timeout: 10_000 });
  assert.match(await page.getByTestId("notice").textContent(), /could not download what runs the cooks/);
  await page.getByTestId("run").click();
  const notice = page.getByTestId("notice");
  await notice.waitFor({ timeout: 10_000 });
  assert.match(await notice.textContent(), /could not download what runs the cooks/);
  assert.ok(await page.getByTestId("run").isEnabled(), "the page can run again");
  // Online again: Run fetches it, once, and the run goes on the cooks.
  await page.unroute(/_cooks\.wasm$/);
  await run(page, "processes");
  assert.equal(await cooksChunk(), 1, "the cooks' code is fetched once it can be");
  assert.equal(await page.getByTestId("stage-loading").count(), 0, "the stage shows the run");
  assert.deepEqual(errors, []);
  await context.close();
});
