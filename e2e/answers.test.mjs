// Exercises keep their answer: while a total or order question is open and not locked in, the page
// shows nothing of the prediction it asks about — no predicted total in the forecast or on the run
// picker, no planned end on the chart, no predicted console — with the drawer open or closed; once
// the answer is locked in, everything is back (crates/state/src/conceal).
import { test } from "node:test";
import assert from "node:assert/strict";

import { OUT_DIR } from "./browser.mjs";
import { courseSite } from "./site.mjs";
import { lockIn, openExercise } from "./page.mjs";

const site = courseSite();

/** What the page shows of gather's prediction: the forecast, the run picker's badge, the predicted
 * chart's end marker and subtitle, and the stage's console. */
async function shown(page) {
  const forecast = page.getByTestId("forecast");
  const chart = page.getByTestId("timeline-predicted-gather");
  const stage = page.getByTestId("stage");
  return {
    forecastMs: await forecast.getAttribute("data-ms"),
    forecast: await forecast.textContent(),
    badge: await page.getByTestId("stage-predicted").textContent(),
    planned: await chart.locator(".marker.planned").count(),
    bars: await chart.locator("svg [data-i]").count(),
    chart: await chart.locator("svg").first().textContent(),
    lines: await stage.locator("[data-testid=console] li").count(),
    consoleHidden: await stage.getByTestId("console-hidden").count(),
    tutorial: await stage.locator(".console .order").count(),
  };
}

test("cake: an open total exercise hides the gathered prediction until it is locked in", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await site.open("?lesson=cake");
  await page.getByTestId("timeline-predicted-gather").waitFor();
  // Nobody asked yet: the prediction is on screen, as a playground shows it.
  let now = await shown(page);
  assert.equal(now.forecastMs, "1200.000");
  assert.match(now.forecast, /Predicted: 60\.0 min/);
  assert.match(now.badge, /60\.0 min/);
  assert.equal(now.planned, 1);
  assert.match(now.chart, /planned end 60\.0 min/);

  const card = await openExercise(page, "total");
  assert.match(await card.textContent(), /Gathered, how many minutes/);
  now = await shown(page);
  assert.equal(now.forecastMs, null, "the forecast carries no total");
  assert.doesNotMatch(now.forecast, /\d+(\.\d)? min|ms\)/, now.forecast);
  assert.match(now.forecast, /hidden until you lock in your answer to exercise 1/);
  assert.doesNotMatch(now.badge, /\d+(\.\d)? min/, now.badge);
  assert.equal(now.planned, 0, "no planned end on the chart");
  assert.equal(now.bars, 0, "no bar of the prediction, whose ends are the answer");
  assert.match(await page.getByTestId("timeline-detail-predicted-gather").textContent(), /bars come back once you lock in/);
  assert.doesNotMatch(now.chart, /planned end|predicted \d/, now.chart);
  assert.equal(now.lines, 0);
  assert.equal(now.consoleHidden, 1, "the console says its lines are hidden");
  // Only the asked mode is hidden: blocking's freeze is still stated beside the scale.
  assert.match(await page.getByTestId("scale-freeze").textContent(), /1\.6 s/);
  await page.screenshot({ path: `${OUT_DIR}answers-hidden-1280.png` });

  // Closing the drawer does not hand the answer over: the question is still unanswered.
  await page.getByTestId("show-exercises").click();
  await card.waitFor({ state: "detached" });
  now = await shown(page);
  assert.equal(now.forecastMs, null);
  assert.equal(now.planned, 0);

  // Locked in and run: the prediction is back everywhere, and beside the measured run.
  const again = await openExercise(page, "total");
  await again.locator("input").fill("60");
  assert.equal(await lockIn(again), true);
  const forecast = page.getByTestId("forecast");
  assert.equal(await forecast.getAttribute("data-ms"), "1200.000");
  assert.match(await forecast.textContent(), /Predicted: 60\.0 min/);
  assert.equal(await page.getByTestId("predicted-gather").getAttribute("data-ms"), "1200.000");
  assert.equal(await page.getByTestId("timeline-gather").locator(".marker.planned").count(), 1);
  await page.getByTestId("stage-predicted").click();
  now = await shown(page);
  assert.match(now.badge, /60\.0 min/);
  assert.equal(now.planned, 1);
  assert.ok(now.bars > 0);
  assert.match(now.chart, /planned end 60\.0 min/);
  assert.equal(now.consoleHidden, 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("cake: a blocking total asked hides blocking's freeze beside the scale; a run before locking in judges nothing and keeps its own total", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await site.open("?lesson=cake");
  const card = await openExercise(page, "total");
  await card.locator(".exercise-title").waitFor();
  const second = page.locator("[data-testid=exercise][data-kind=total]").nth(1);
  await second.locator(".exercise-title").click();
  await second.getByTestId("exercise-answer").waitFor();
  assert.equal(await page.getByTestId("scale-freeze").count(), 0, "blocking's freeze states its total");
  // A free run of the asked mode: the learner sees what it measured, the prediction stays hidden.
  await page.getByTestId("show-exercises").click();
  await page.getByTestId("run").click();
  const total = page.getByTestId("total-gather");
  await total.waitFor({ timeout: 30_000 });
  assert.match(await total.textContent(), /min/);
  const predicted = page.getByTestId("predicted-gather");
  assert.equal(await predicted.getAttribute("data-ms"), null);
  assert.equal(await predicted.getAttribute("data-hidden"), "true");
  assert.equal(await page.getByTestId("timeline-gather").locator(".marker.planned").count(), 0);
  assert.equal(await page.getByTestId("timeline-gather").locator(".marker.end").count(), 1);
  // Nothing was judged: exercise 1 still waits for an answer.
  await page.getByTestId("show-exercises").click();
  assert.equal(await page.getByTestId("exercise-verdict").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("count(): an open order exercise hides the predicted console and the tutorial's order until it is locked in", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await site.open("?lesson=count&scale=50");
  const stage = page.getByTestId("stage");
  const lines = stage.locator("[data-testid=console] li .text");
  await lines.first().waitFor();
  assert.deepEqual(await lines.allTextContents(), ["One", "One", "One", "Two", "Two", "Two"]);

  const card = await openExercise(page, "order");
  assert.match(await card.textContent(), /Gathered, in what order/);
  let now = await shown(page);
  assert.equal(now.lines, 0, "no predicted line on screen");
  assert.equal(now.consoleHidden, 1);
  assert.equal(now.tutorial, 0, "the tutorial's order is not stated");
  assert.doesNotMatch(await stage.textContent(), /One One One|Same order as the tutorial/);
  await page.screenshot({ path: `${OUT_DIR}answers-order-hidden-1280.png` });

  // Locked in (the starting arrangement, never the answer) and run: the console is back.
  assert.equal(await lockIn(card), false);
  await page.getByTestId("stage-predicted").click();
  now = await shown(page);
  assert.equal(now.consoleHidden, 0);
  assert.deepEqual(await lines.allTextContents(), ["One", "One", "One", "Two", "Two", "Two"]);
  assert.equal(now.tutorial, 1);
  assert.deepEqual(errors, []);
  await context.close();
});
