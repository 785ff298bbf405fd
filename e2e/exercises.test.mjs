// Exercises, driven like a learner in the release build: predict, lock in, run, read the verdict;
// a "make it" edit; progress kept across a reload; the keyboard alone; a course page that grades
// an embedded exercise by SPLICE from another origin.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

import { servePage } from "./serve.mjs";
import { OUT_DIR } from "./browser.mjs";
import { courseSite, PROJECTOR } from "./site.mjs";
import { lockIn, openExercise, openLesson, tabTo, watchErrors } from "./page.mjs";

const CHORES = fileURLToPath(new URL("../crates/model/src/lesson/recipes/chores.txt", import.meta.url));
const COUNT_ORDER = ["One", "One", "One", "Two", "Two", "Two"];
const site = courseSite();

/** The lines of an order answer, top to bottom. */
async function lines(card) {
  return card.locator("[data-testid=exercise-answer] li .order-line").allTextContents();
}

/** Arranges an order answer into `wanted` with the move-up buttons, as a learner clicks them. */
async function arrange(card, wanted) {
  for (let i = 0; i < wanted.length; i++) {
    const now = await lines(card);
    const j = now.findIndex((line, k) => k >= i && line === wanted[i]);
    assert.ok(j >= 0, `“${wanted[i]}” is among the lines ${JSON.stringify(now)}`);
    for (let k = j; k > i; k--) {
      await card.locator(`[data-testid=exercise-answer] li:nth-child(${k + 1}) [data-testid=move-up]`).click();
    }
  }
  assert.deepEqual(await lines(card), wanted);
}

test("every lesson asks at least one exercise", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await site.open();
  const ids = await page.locator("[data-testid^=lesson-]").evaluateAll(
    (buttons) => buttons.map((b) => b.dataset.testid.slice("lesson-".length)));
  assert.ok(ids.length >= 17, `the library lists ${ids.length} lessons`);
  for (const id of ids) {
    await openLesson(page, id);
    await page.getByTestId("show-exercises").click();
    // The drawer's code loads on its first opening (src/components/lazy.rs).
    await page.getByTestId("exercise").first().waitFor();
    const kinds = await page.getByTestId("exercise").evaluateAll((cards) => cards.map((c) => c.dataset.kind));
    assert.ok(kinds.length >= 1 && kinds.length <= 3, `${id} asks ${JSON.stringify(kinds)}`);
    assert.ok(kinds.every((k) => ["order", "total", "change", "make-it", "states", "state-at", "first-callback"].includes(k)), `${id}: ${kinds}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("the exercises' code is fetched when the drawer first opens; a failed download says so and a reopening retries", { timeout: 60_000 }, async () => {
  const context = await site.browser.newContext({ viewport: PROJECTOR });
  const fetched = [];
  context.on("request", (r) => fetched.push(new URL(r.url()).pathname.split("/").pop()));
  let offline = true;
  await context.route(/_exercises\.wasm$/, (route) => (offline ? route.abort("internetdisconnected") : route.continue()));
  const { page, errors } = await site.open("?lesson=count", { context });
  await page.getByTestId("run").waitFor();
  const chunk = (name) => /^async-kitchen-[0-9a-f]+_exercises\.wasm$/.test(name);
  assert.ok(fetched.some((n) => /_bg\.wasm$/.test(n)), `the page's wasm was fetched: ${fetched}`);
  assert.ok(!fetched.some(chunk), `the first look fetched no exercise code: ${fetched}`);

  const tab = page.getByTestId("show-exercises");
  await tab.click();
  const failed = page.getByTestId("lazy-failed");
  await failed.waitFor();
  assert.match(await failed.textContent(), /Could not download the exercises/);
  assert.ok(fetched.some(chunk), "opening the drawer asked for the exercises' code");

  offline = false;
  await tab.click();
  await tab.click();
  await page.getByTestId("exercise").first().waitFor();
  assert.equal(await failed.count(), 0);
  // Closed and opened again, the drawer is drawn at once from the module already here.
  const asked = fetched.filter(chunk).length;
  await tab.click();
  await tab.click();
  await page.getByTestId("exercise").first().waitFor();
  assert.equal(fetched.filter(chunk).length, asked);
  assert.deepEqual(errors, []);
  await context.close();
});

test("count(): a wrong order locked in and run is wrong and explained; the right one is right", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await site.open("?lesson=count&scale=50");
  const card = await openExercise(page, "order");
  const start = await lines(card);
  assert.notDeepEqual(start, COUNT_ORDER, "the starting arrangement is not the answer");
  assert.equal(await lockIn(card), false);
  // The answer could not change once locked; the explanation says why the lines came in order.
  assert.equal(await card.getByTestId("move-up").count(), 6);
  assert.ok(await card.getByTestId("move-up").nth(1).isDisabled());
  const explained = await card.getByTestId("exercise-explain").textContent();
  assert.match(explained, /timeout fires/);
  assert.match(explained, /count 1 prints “Two”/);
  await card.getByTestId("exercise-retry").click();
  await arrange(card, COUNT_ORDER);
  assert.equal(await lockIn(card), true);
  await page.screenshot({ path: `${OUT_DIR}exercise-order.png` });
  // A total, typed: the prediction decides, with the tolerance the exercise states.
  const total = await openExercise(page, "total");
  await total.locator("input").fill("3");
  assert.equal(await lockIn(total), false);
  assert.match(await total.getByTestId("exercise-verdict").textContent(), /prediction is 1 s/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("chores: made to finish in 90 minutes by an edit, and the progress survives a reload", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await site.open("?lesson=chores&scale=3");
  const card = await openExercise(page, "make-it");
  await card.getByTestId("exercise-start").click();
  const editor = page.getByTestId("editor");
  assert.match(await editor.inputValue(), /task chores/);
  // The chores one after another in one task take three hours: not what the goal asks.
  assert.equal(await lockIn(card), false);
  assert.match(await card.getByTestId("exercise-verdict").textContent(), /It took 180 min, over the 90 min/);
  await card.getByTestId("exercise-retry").click();
  // Split into tasks that wait while another works: the same steps, in an hour and a half.
  await editor.fill((await readFile(CHORES, "utf8")).replace('recipe "Chores"', 'recipe "My chores"'));
  assert.equal(await lockIn(card), true, await card.getByTestId("exercise-verdict").textContent());
  assert.match(await card.getByTestId("exercise-verdict").textContent(), /Every step takes as long as in the lesson/);
  const mark = page.getByTestId("progress-chores");
  await page.getByTestId("lessons-toggle").click();
  assert.equal((await mark.locator("[aria-hidden]").textContent()).trim(), "1/2");
  await page.reload();
  await page.getByRole("heading", { level: 2 }).first().waitFor();
  await page.getByTestId("lessons-toggle").click();
  assert.equal((await mark.locator("[aria-hidden]").textContent()).trim(), "1/2");
  assert.match(await mark.getAttribute("title"), /1 of 2 exercises solved, 2 answers judged/);
  // Resetting takes a second click.
  await page.getByTestId("progress-reset").click();
  assert.equal(await mark.count(), 1);
  await page.getByTestId("progress-reset").click();
  assert.equal(await mark.count(), 0);
  await page.reload();
  await page.getByRole("heading", { level: 2 }).first().waitFor();
  assert.equal(await page.getByTestId("progress-chores").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("unreadable progress is set aside with a message, and the drafts are kept", { timeout: 30_000 }, async () => {
  const { page, errors, context } = await site.open("?lesson=count");
  await page.evaluate(() => localStorage.setItem("async-kitchen/v1/progress", '{"lessons":[{"lesson":"count","exercises":"many"}]}'));
  await page.reload();
  await page.getByRole("heading", { level: 2 }).first().waitFor();
  assert.match(await page.getByTestId("notice").textContent(), /exercise progress could not be read; it was set aside under “async-kitchen\/v1\/progress\/unreadable”/);
  assert.equal(await page.evaluate(() => localStorage.getItem("async-kitchen/v1/progress/unreadable")),
    '{"lessons":[{"lesson":"count","exercises":"many"}]}');
  assert.deepEqual(errors, []);
  await context.close();
});

test("an exercise from the keyboard alone: lines move with the focus, lock in, verdict", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await site.open("?lesson=count&scale=50");
  await tabTo(page, "[data-testid=show-exercises]");
  await page.keyboard.press("Enter");
  const card = page.locator("[data-testid=exercise][data-kind=order]").first();
  await card.getByTestId("exercise-answer").waitFor();
  for (let i = 0; i < COUNT_ORDER.length; i++) {
    const now = await lines(card);
    const j = now.findIndex((line, k) => k >= i && line === COUNT_ORDER[i]);
    if (j === i) continue;
    await tabTo(page, `[data-testid=exercise-answer] li:nth-child(${j + 1}) [data-testid=move-up]`);
    // The focus follows the line as it moves, so Enter again moves it on.
    for (let k = j; k > i; k--) await page.keyboard.press("Enter");
  }
  assert.deepEqual(await lines(card), COUNT_ORDER);
  await tabTo(page, "[data-testid=exercise-lock]");
  await page.keyboard.press("Enter");
  await card.getByTestId("exercise-verdict").waitFor({ timeout: 30_000 });
  assert.equal(await card.getByTestId("exercise-verdict").getAttribute("data-correct"), "true");
  assert.deepEqual(errors, []);
  await context.close();
});

test("an embedded exercise on another origin posts its SPLICE score and state to the course page", { timeout: 60_000 }, async () => {
  const context = await site.browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const src = `${site.server.url}?lesson=count&scale=50&embed=1`;
  // The course page keeps a state from an earlier visit (the total solved) and gives it back when
  // the exercise asks, as a SPLICE host does.
  const parent = `<!DOCTYPE html><title>Course page</title><h1>Week 3: async</h1>
    <iframe id="kitchen" title="Async Kitchen" src="${src}" style="width:100%;border:0" height="600"></iframe>
    <script>
      window.messages = [];
      const kept = { lesson: "count", exercises: [{ attempts: 0, solved: false }, { attempts: 0, solved: false }, { attempts: 1, solved: true }] };
      addEventListener("message", (e) => {
        const frame = document.getElementById("kitchen").contentWindow;
        if (e.source !== frame) return;
        window.messages.push(e.data);
        if (e.data && e.data.subject === "SPLICE.getState") {
          frame.postMessage({ subject: "SPLICE.getState.response", message_id: e.data.message_id, state: kept }, "*");
        }
      });
    </script>`;
  const courseServer = await servePage(parent);
  try {
    await page.goto(courseServer.url);
    await page.waitForFunction(() => window.messages.some((m) => m && m.subject === "SPLICE.getState"), null, { timeout: 20_000 });
    const frame = page.frameLocator("#kitchen");
    await frame.getByTestId("show-exercises").click();
    const card = frame.locator("[data-testid=exercise][data-kind=order]").first();
    // The drawer's code loads on its first opening (src/components/lazy.rs).
    await card.getByTestId("exercise-answer").waitFor();
    await arrange(card, COUNT_ORDER);
    assert.equal(await lockIn(card), true);
    const report = await (await page.waitForFunction(
      () => window.messages.find((m) => m && m.subject === "SPLICE.reportScoreAndState"), null, { timeout: 20_000 })).jsonValue();
    console.log(`# SPLICE report: ${JSON.stringify(report)}`);
    // Two of count()'s three exercises solved: this one, and the one the course page kept.
    assert.ok(Math.abs(report.score - 2 / 3) < 1e-9, `score ${report.score}`);
    assert.equal(report.state.lesson, "count");
    assert.equal(report.state.exercises[0].solved, true);
    assert.equal(report.state.exercises[2].solved, true);
    const own = await page.evaluate(() => window.messages.find((m) => m && m.type === "async-kitchen:exercise"));
    assert.equal(own.kind, "order");
    assert.equal(own.correct, true);
    assert.equal(own.exercise, 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await courseServer.close();
  }
});
