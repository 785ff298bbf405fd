// The stage: a run stepped through with the keyboard, its event loop panel and narration, a link to
// one moment, and the stage in view on a projector — in the release build served from a sub-path.
import { test } from "node:test";
import assert from "node:assert/strict";

import { OUT_DIR } from "./browser.mjs";
import { courseSite, PROJECTOR } from "./site.mjs";
import { run, watchErrors, tabTo } from "./page.mjs";

const site = courseSite();

/** A fresh page at the app's address plus `query`, once the stage is drawn. */
function open(query = "", viewport = PROJECTOR) {
  return site.open(query, { viewport, ready: (page) => page.getByTestId("loop-panel") });
}

/** The cursor, in milliseconds, as the panel states it. */
async function at(page) {
  return Number(await page.getByTestId("loop-panel").getAttribute("data-at"));
}

/** The text of each entry of one of the panel's lists. */
async function entries(page, part) {
  return page.getByTestId(part).locator("li").allTextContents();
}

/** Presses `key` until `done()` holds, at most `limit` times; fails if it never does. */
async function pressUntil(page, key, done, what, limit = 60) {
  for (let i = 0; i < limit; i++) {
    if (await done()) return;
    await page.keyboard.press(key);
  }
  assert.fail(`pressing ${key} never reached ${what}; the cursor is at ${await at(page)} ms`);
}

/** The number before " min" in `text` after `words`, such as 35.2 in "busy until 35.2 min". */
function minutesAfter(text, words) {
  return Number(text.match(new RegExp(`${words} (\\d+(?:\\.\\d)?) min`))?.[1]);
}

/**
 * Steps the cake lesson's run on stage with the keyboard alone: to the end, back to the start, then
 * forward through 20 minutes (groceries on the thread, the oven timer due at 60) and 60 (cake ready
 * or running), and back to the start. `label` names the run in messages. A predicted run's times
 * are the recipe's; a measured run's (`measured`) are only bounded below, since a busy machine makes
 * a step late but never early.
 */
async function stepThroughCake(page, label, measured) {
  await page.keyboard.press("End");
  const end = await at(page);
  assert.ok(end >= 1199, `${label}: End puts the cursor at the end, ${end} ms`);
  assert.equal(await page.getByTestId("step-next").isDisabled(), true, `${label}: nothing after the end`);
  await page.keyboard.press("Home");
  assert.equal(await at(page), 0, `${label}: Home goes back to the start`);

  // The stop that covers 20 minutes (400 ms at 20 ms a minute): groceries holds the thread.
  await pressUntil(page, "ArrowRight", async () => {
    const thread = await page.getByTestId("loop-thread").textContent();
    return thread.includes("groceries");
  }, "groceries on the thread");
  const cursor = await at(page);
  assert.ok(cursor > 250 && (measured || cursor <= 400), `${label}: groceries starts at 15 min, cursor ${cursor} ms`);
  // While groceries holds the thread, the cake's oven timer is armed: the one overlaps the other.
  const timers = await entries(page, "loop-timers");
  assert.equal(timers.length, 1, `${label}: one timer armed: ${timers}`);
  assert.match(timers[0], /^cake\b.*due at .* min.*bake in the oven/, `${label}: ${timers[0]}`);
  const due = minutesAfter(timers[0], "due at");
  assert.ok(due >= 60 && (measured || due < 61), `${label}: the oven is due at 60 min: ${timers[0]}`);
  const suspended = await entries(page, "loop-suspended");
  assert.match(suspended[0], /^cake awaits/, `${label}: ${suspended}`);
  const narration = await page.getByTestId("narration").textContent();
  assert.match(narration, /groceries .*(polled|run by the loop).*busy until .* min/, `${label}: ${narration}`);
  const until = minutesAfter(narration, "busy until");
  assert.ok(until >= 35 && (measured || until < 36), `${label}: groceries is busy until 35 min: ${narration}`);
  assert.match(await page.getByTestId("narration-live").textContent(), /groceries/, `${label}: the step is announced`);
  assert.match(await page.getByTestId("loop-done").textContent(), /0 of 2/);

  // At 60 minutes the oven's timer fires: cake is ready, then polled.
  await pressUntil(page, "ArrowRight", async () => (await at(page)) >= 1199, "60 min");
  const ready = await entries(page, "loop-ready");
  const thread = await page.getByTestId("loop-thread").textContent();
  assert.ok(ready.some((r) => r.startsWith("cake")) || thread.includes("cake"),
    `${label}: at 60 min cake is ready or on the thread: ready ${ready}, thread ${thread}`);
  assert.match(await page.getByTestId("narration").textContent(), /cake/);
  assert.match(await page.getByTestId("loop-done").textContent(), /1 of 2/);

  // Back, exactly: stepping back to the start passes 20 minutes again on the way.
  let sawGroceries = false;
  await pressUntil(page, "ArrowLeft", async () => {
    sawGroceries ||= (await page.getByTestId("loop-thread").textContent()).includes("groceries");
    return page.getByTestId("step-prev").isDisabled();
  }, "the start");
  assert.ok(sawGroceries, `${label}: stepping back passes groceries on the thread`);
  assert.equal(await at(page), 0);
  assert.match(await page.getByTestId("narration").textContent(), /the run begins/);
}

test("the cake lesson steps from start to end and back, predicted and measured", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await open("?lesson=cake&mode=gather");
  // Before anything runs, the stage shows the prediction.
  await page.getByTestId("timeline-predicted-gather").waitFor();
  await stepThroughCake(page, "predicted", false);
  await page.screenshot({ path: `${OUT_DIR}stage-predicted-1280.png` });

  // An hour at least; that it is not the 80 minutes of one task after the other, the stepping shows:
  // groceries on the thread while the cake's timer is armed.
  const measured = await run(page, "gather");
  assert.ok(measured.units >= 59.5, `gather took ${measured.units} min`);
  await page.getByTestId("timeline-gather").waitFor();
  await stepThroughCake(page, "measured", true);

  // A click on the chart puts the cursor at the time under it: three quarters along, past the
  // first quarter of the run and before its end.
  const chart = page.locator("#timeline-svg-gather");
  const box = await chart.boundingBox();
  await page.mouse.click(box.x + box.width * 0.75, box.y + box.height / 2);
  const clicked = await at(page);
  assert.ok(clicked > 300 && clicked < measured.ms, `a click three quarters along the chart: ${clicked} ms of ${measured.ms}`);
  assert.equal(await page.getByTestId("cursor-line").getAttribute("data-at"), clicked.toFixed(3));
  assert.deepEqual(errors, []);
  await context.close();
});

test("play runs the stops one a second, and pause stops it", { timeout: 30_000 }, async () => {
  const { page, errors, context } = await open("?lesson=count&mode=gather");
  await page.getByTestId("play").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=stage] .stop-count")
    ?.textContent.startsWith("3 "));
  await page.getByTestId("play").click();
  const paused = await page.locator(".stop-count").textContent();
  // Not a wait for something to happen but a look for a while at nothing happening: playing on,
  // the stage would have moved a stop in this time, and a busy machine cannot make a paused one move.
  await page.waitForTimeout(1_300);
  assert.equal(await page.locator(".stop-count").textContent(), paused, "paused playback stays put");
  await page.getByTestId("speed").selectOption("4");
  await page.getByTestId("play").click();
  // Four times real time plays the rest of the run to its end.
  await page.waitForFunction(() => document.querySelector("[data-testid=step-next]")?.disabled);
  assert.equal(await page.getByTestId("play").getAttribute("aria-pressed"), "false", "playback stops at the end");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a link with at= opens the stage at that moment", { timeout: 30_000 }, async () => {
  const { page, errors, context } = await open("?lesson=cake&mode=gather&at=400");
  assert.equal(await at(page), 400);
  assert.match(await page.getByTestId("loop-thread").textContent(), /groceries/);
  assert.match((await entries(page, "loop-timers"))[0], /^cake.*due at 60 min.*40 min left/);
  // The share link carries the moment the learner moved to.
  await page.keyboard.press("ArrowRight");
  const moved = await at(page);
  await page.getByTestId("share").click();
  const link = await page.getByTestId("share-link").inputValue();
  assert.match(link, new RegExp(`[#&]at=${moved}(&|$)`), link);
  // A bad moment is reported by name; the rest of the link still opens.
  const bad = await open("?lesson=cake&mode=gather&at=soon");
  assert.match(await bad.page.getByTestId("notice").textContent(), /`at` must be a moment/);
  assert.equal(await at(bad.page), 0);
  assert.deepEqual([...errors, ...bad.errors], []);
  await bad.context.close();
  await context.close();
});

/** Whether `locator`'s box lies inside the viewport. */
async function inView(page, locator) {
  const box = await locator.boundingBox();
  const { width, height } = page.viewportSize();
  return box && box.x >= 0 && box.y >= 0 && box.x + box.width <= width + 0.5 && box.y + box.height <= height + 0.5
    ? null
    : `${JSON.stringify(box)} in ${width}×${height}`;
}

test("on a projector the stage is in view while a run is live and after it", { timeout: 60_000 }, async () => {
  for (const viewport of [{ width: 1280, height: 720 }, { width: 1366, height: 768 }]) {
    const size = `${viewport.width}x${viewport.height}`;
    // Five downloads of 3 s at 1.5 s a second: 4.5 s of run, drawn as it goes, long enough to be
    // looked at live however slowly a busy machine lets the test go.
    const { page, errors, context } = await open("?lesson=downloads&mode=gather&scale=1500", viewport);
    await page.getByTestId("run").click();
    await page.locator("[data-testid=timeline-gather].live").waitFor();
    for (const part of ["timeline-gather", "loop-panel", "run"]) {
      const why = await inView(page, page.getByTestId(part));
      assert.equal(why, null, `${size}: ${part} is out of view while the run is live: ${why}`);
    }
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    await page.screenshot({ path: `${OUT_DIR}stage-live-${size}.png` });
    await page.getByTestId("total-gather").waitFor();
    await page.locator("[data-testid=timeline-gather]:not(.live)").waitFor();
    for (const part of ["timeline-gather", "loop-panel", "step-next", "narration"]) {
      const why = await inView(page, page.getByTestId(part));
      assert.equal(why, null, `${size}: ${part} is out of view after the run: ${why}`);
    }
    await page.screenshot({ path: `${OUT_DIR}stage-after-${size}.png` });
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("on a phone everything stacks and nothing is wider than the screen", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await open("?lesson=fruit-shop&mode=gather", { width: 390, height: 844 });
  await run(page, "gather");
  await page.getByTestId("show-recipe").click();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width} px wide on a 390 px screen`);
  await page.getByTestId("step-start").click();
  await page.getByTestId("step-next").click();
  assert.ok(await at(page) >= 0);
  await page.screenshot({ path: `${OUT_DIR}stage-phone-390.png` });
  await page.screenshot({ path: `${OUT_DIR}stage-phone-390-full.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the stage after a run, at the moment a link names: the README's screenshot, light and dark", { timeout: 60_000 }, async () => {
  for (const colorScheme of ["light", "dark"]) {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme });
    const page = await context.newPage();
    const errors = watchErrors(page);
    // autorun: the gather run starts at once; at=400: after it, the cursor rests at 20 minutes.
    await page.goto(`${site.server.url}?lesson=cake&mode=gather&at=400&autorun=1`);
    await page.getByTestId("total-gather").waitFor({ timeout: 20_000 });
    await page.getByTestId("timeline-gather").waitFor();
    assert.equal(await at(page), 400);
    assert.match(await page.getByTestId("loop-thread").textContent(), /groceries/);
    await page.screenshot({ path: `${OUT_DIR}stage-cake-1280x720-${colorScheme}.png` });
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("the stage from the keyboard alone", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await open("?lesson=count&mode=gather");
  await tabTo(page, "[data-testid=run]");
  await page.keyboard.press("Enter");
  await page.getByTestId("total-gather").waitFor();
  await page.getByTestId("timeline-gather").waitFor();
  // Home and → work wherever the focus is (here on a button), and each step is announced.
  await page.keyboard.press("Home");
  assert.match(await page.getByTestId("narration").textContent(), /the run begins/);
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  const announced = await page.getByTestId("narration-live").textContent();
  assert.match(announced, /count 1/, announced);
  // The buttons and the scrubber are keyboard stops of their own.
  const counter = () => page.locator("[data-testid=stage] .stop-count").textContent();
  const before = await counter();
  await tabTo(page, "[data-testid=step-next]");
  await page.keyboard.press("Enter");
  assert.notEqual(await counter(), before, "Enter on the next-event button steps");
  await tabTo(page, "[data-testid=scrubber]");
  const onSlider = await counter();
  await page.keyboard.press("ArrowRight");
  assert.notEqual(await counter(), onSlider, "→ on the scrubber moves it");
  await tabTo(page, "[data-testid=play]");
  await page.keyboard.press("Enter");
  assert.equal(await page.getByTestId("play").getAttribute("aria-pressed"), "true");
  await page.keyboard.press("Enter");
  assert.equal(await page.getByTestId("play").getAttribute("aria-pressed"), "false");
  assert.deepEqual(errors, []);
  await context.close();
});
