// More cooks: the processes mode on real Web Workers, in the release build served from a sub-path.
// What is checked is what a trace shows — busy stretches overlapping on two different cooks, no
// worker left after a cancel, a failing cook reported — never a timing threshold.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

import { serve } from "./serve.mjs";
import { launch, OUT_DIR } from "./browser.mjs";
import { chooseMode, recipeEditor, watchErrors } from "./page.mjs";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
// The same site built with the bench's hooks, for the one test that asks a cook to fail.
const HOOKS = fileURLToPath(new URL("../target/dist-bench/", import.meta.url));
const BASE = "/course/async-kitchen/";
let server;
let hooks;
let browser;

before(async () => {
  await mkdir(OUT_DIR, { recursive: true });
  server = await serve(DIST, BASE);
  hooks = await serve(HOOKS, BASE);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await hooks?.close();
});

/** A fresh page at the app's address plus `query`, with downloads allowed; `site` is a server. */
async function open(query = "", viewport = { width: 1280, height: 720 }, site = server) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.url + query);
  await page.getByTestId("loop-panel").waitFor();
  return { page, errors, context };
}

/** Puts `text` in the editor, chooses the processes mode and `cooks` cooks. */
async function cooksRecipe(page, text, cooks) {
  await (await recipeEditor(page)).fill(text);
  await chooseMode(page, "processes");
  const field = page.getByTestId("cooks");
  await field.fill(String(cooks));
  await field.press("Tab");
}

/** The latest run's exported JSON. */
async function exported(page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-json").click()]);
  return JSON.parse(await readFile(await download.path(), "utf8"));
}

/** Each task's busy stretch (its work step) and the cook it ran on, from a trace's events. */
function busyStretches(events) {
  const cook = new Map();
  const stretches = new Map();
  for (const { at, kind } of events) {
    if (kind.Sent) cook.set(kind.Sent.task, kind.Sent.cook);
    if (kind.StepStart && kind.StepStart.activity === "Work") stretches.set(kind.StepStart.task, { start: at });
    if (kind.StepEnd && stretches.has(kind.StepEnd.task)) stretches.get(kind.StepEnd.task).end = at;
  }
  return [...stretches].map(([task, s]) => ({ task, cook: cook.get(task), ...s }));
}

test("two tasks of work 200 on two cooks work at the same time, on two threads", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await open();
  await cooksRecipe(page, "recipe \"two cooks\"\nunit ms\nscale 1\n\ntask a\n  work 200\n\ntask b\n  work 200\n", 2);
  await page.getByTestId("run").click();
  await page.getByTestId("total-processes").waitFor({ timeout: 20_000 });
  assert.equal(page.workers().length, 2, "the pool has two cooks");
  const run = await exported(page);
  const [a, b] = busyStretches(run.measured.trace.events);
  console.log(`# cooks: a on cook ${a.cook + 1} ${a.start.toFixed(1)}–${a.end.toFixed(1)} ms, b on cook ${b.cook + 1} ${b.start.toFixed(1)}–${b.end.toFixed(1)} ms`);
  assert.notEqual(a.cook, b.cook, "the two tasks ran on different cooks");
  assert.ok(a.start < b.end && b.start < a.end, "their busy stretches overlap in time");
  // With the pool started, the page's own thread stays free while the cooks work: the heartbeat
  // shows no freeze (starting a worker costs the page a few milliseconds, once per page).
  await page.getByTestId("run").click();
  await page.getByTestId("total-processes").waitFor({ timeout: 20_000 });
  const freeze = Number((await page.getByTestId("freeze-processes").textContent()).replace(/[^0-9]/g, ""));
  assert.ok(freeze < 50, `the page froze for ${freeze} ms while the cooks worked`);
  // Each cook's lane is drawn, and the panel names the cooks.
  await page.getByTestId("timeline-processes").locator("text=cook 2").first().waitFor();
  assert.match(await page.getByTestId("loop-cooks").textContent(), /cook 1.*cook 2/s);
  await page.screenshot({ path: `${OUT_DIR}cooks-1280x720.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test("cancel leaves no cook running, and the next run starts a new pool", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await open();
  await cooksRecipe(page, "recipe \"long\"\nunit ms\nscale 1\n\ntask a\n  work 3000\n\ntask b\n  work 3000\n", 2);
  await page.getByTestId("run").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=timeline-processes].live"), null, { timeout: 5_000 });
  assert.equal(page.workers().length, 2);
  await page.getByTestId("cancel").click();
  await page.getByTestId("cancelled-processes").waitFor({ timeout: 5_000 });
  await page.waitForFunction(() => true);
  for (let i = 0; i < 20 && page.workers().length > 0; i++) await page.waitForTimeout(100);
  assert.equal(page.workers().length, 0, "cancel terminated every cook");
  await cooksRecipe(page, "recipe \"short\"\nunit ms\nscale 1\n\ntask a\n  work 20\n", 1);
  await page.getByTestId("run").click();
  await page.getByTestId("total-processes").waitFor({ timeout: 20_000 });
  assert.equal(page.workers().length, 1, "a new pool of one cook");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a cook that fails is reported, and the page goes on in the other modes", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await open("", undefined, hooks);
  // The cook reads its messages between the tasks' steps: while it waits, it hears the fault.
  await cooksRecipe(page, "recipe \"fails\"\nunit ms\nscale 1\n\ntask a\n  work 200\n  wait 300\n  work 200\n", 1);
  await page.getByTestId("run").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=timeline-processes].live"), null, { timeout: 5_000 });
  // The bench hook asks the cook to panic: it reports it, and dies.
  await page.evaluate(() => window.wasmBindings.benchCookFault());
  const notice = page.getByTestId("notice");
  await notice.waitFor({ timeout: 10_000 });
  assert.match(await notice.textContent(), /cook 1 failed: .*asked to fail.*The other modes still work/s);
  await page.getByTestId("cancelled-processes").waitFor();
  await chooseMode(page, "gather");
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
