// The three ways to suspend in the built page: the code panel's Way switch writes the cake's tasks
// as callbacks, as state machines (generators in Python) and with async/await; each way's run is a
// real run of the page, stepped like the others, with the loop panel's lens saying where each task
// is in the code shown. Held, as everywhere: order and overlap from the traces, never speed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

import { courseSite } from "./site.mjs";
import { consoleLines, lockIn, openExercise, openLesson, run, stepTimes } from "./page.mjs";

const site = courseSite();

/** The lesson `id` in gather, its code in `language`, once the stage is drawn. */
async function open(id, language) {
  const opened = await site.open(`?lesson=${id}&mode=gather`, { ready: (page) => page.getByTestId("loop-panel") });
  await opened.page.getByTestId(`tab-${language}`).click();
  return opened;
}

/** Chooses `way` and waits for its code, which holds `marker`. */
async function chooseWay(page, way, marker) {
  await page.getByTestId(`way-${way}`).click();
  await page.getByTestId("code").filter({ hasText: marker }).waitFor();
  assert.equal(await page.getByTestId(`way-${way}`).getAttribute("aria-pressed"), "true");
}

/** The state of `task`'s future the loop panel's lens shows, and its words. */
async function lensOf(page, task) {
  const entry = page.locator(`[data-testid=loop-state][data-task="${task}"]`);
  return { state: await entry.getAttribute("data-state"), text: await entry.textContent() };
}

/** Steps from the start until the thread is held by `task`; fails if it never is. */
async function stepUntilRunning(page, task) {
  // At the start already (a prediction never stepped), the button is off.
  if (await page.getByTestId("step-start").isEnabled()) await page.getByTestId("step-start").click();
  for (let i = 0; i < 40; i++) {
    if ((await page.getByTestId("loop-thread").textContent()).includes(task)) return;
    await page.getByTestId("step-next").click();
  }
  assert.fail(`${task} never held the thread`);
}

test("the cake runs in each Rust way, and the lens shows its future in Suspend0 holding the oven's timer, then Returned", { timeout: 120_000 }, async () => {
  const { page, errors } = await open("cake", "rust");
  const order = {};
  for (const [way, marker] of [["callbacks", "Timeout::new(ms(45), move || {"], ["state-machine", "enum Cake {"], ["async", "async fn cake() {"]]) {
    await chooseWay(page, way, marker);
    await run(page, "gather");
    // The steps in the order the table lists them: per lane, in the order they ran.
    order[way] = (await stepTimes(page, "gather")).map((s) => `${s.task}: ${s.step}`);
    if (way === "async") {
      assert.equal(await page.getByTestId("lens").count(), 0, "async/await hides the state machine");
      continue;
    }
    // While groceries holds the thread, the cake is in the oven: its future left Unresumed when
    // its first poll returned Pending at `sleep(45).await`.
    await stepUntilRunning(page, "groceries");
    const cake = await lensOf(page, "cake");
    assert.equal(cake.state, "Suspend0", `${way}: ${cake.text}`);
    const due = Number(cake.text.match(/(?:due|fires) at ([\d.]+) min/)?.[1]);
    assert.ok(due >= 60, `${way}: the oven's timer is due at 60 min or later, ${cake.text}`);
    assert.equal((await lensOf(page, "groceries")).state, "Unresumed", "groceries' first poll is still in progress");
    // The narration, the sentence before this one among them, says how the cake's state moved.
    const narration = await page.locator(".narration").textContent();
    const moved = way === "state-machine" ? /cake's future moved from Unresumed to Suspend0 at sleep\(45\)\.await: it now holds a timer, due at/ : /For cake, the rest is registered by Timeout::new\(ms\(45\), …\): it fires at/;
    assert.match(narration, moved, narration);
    await page.getByTestId("step-end").click();
    for (const task of ["cake", "groceries"]) assert.equal((await lensOf(page, task)).state, "Returned", `${way}: ${task} at the end`);
  }
  assert.deepEqual(order.callbacks, order.async, "callbacks run the steps the async/await run does, in its order");
  assert.deepEqual(order["state-machine"], order.async, "the state machines run them too");
  assert.deepEqual(errors, []);
});

test("the fruit shop prints the same lines in each way, and Python's state machines are its generators", { timeout: 120_000 }, async () => {
  const { page, errors } = await open("fruit-shop", "python");
  assert.equal(await page.getByTestId("way-state-machine").textContent(), "Generators");
  const printed = {};
  for (const [way, marker] of [["state-machine", "yield from wait_for_water()"], ["callbacks", "loop.call_later(1, then)"], ["async", "async def fruit():"]]) {
    await chooseWay(page, way, marker);
    await run(page, "gather");
    printed[way] = await consoleLines(page);
  }
  assert.ok(printed.async.length >= 5, printed.async.join("\n"));
  assert.deepEqual(printed.callbacks, printed.async);
  assert.deepEqual(printed["state-machine"], printed.async);
  // A suspended generator is at its `yield from`, and its file is the generators' twin.
  await chooseWay(page, "state-machine", "yield from wait_for_water()");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-py").click()]);
  assert.equal(download.suggestedFilename(), "fruit_shop_gather_generators.py");
  const file = await readFile(await download.path(), "utf8");
  assert.match(file, /^def run\(\*tasks\):$/m);
  assert.match(file, /^SCALE = /m);
  await stepUntilRunning(page, "fruit");
  await page.getByTestId("step-next").click();
  const fruit = await lensOf(page, "fruit");
  assert.match(fruit.text, /suspended at yield from wait_for_water\(\)|running/, fruit.text);
  assert.deepEqual(errors, []);
});

test("a mode with one way turns the others off and says why", { timeout: 60_000 }, async () => {
  const { page, errors } = await open("cake", "rust");
  await chooseWay(page, "state-machine", "enum Cake {");
  await page.getByTestId("mode-blocking").check();
  assert.equal(await page.getByTestId("way-callbacks").isDisabled(), true);
  assert.equal(await page.getByTestId("way-async").getAttribute("aria-pressed"), "true");
  assert.match(await page.getByTestId("way-note").textContent(), /Plain functions never suspend/);
  // Gather again: the chosen way comes back.
  await page.getByTestId("mode-gather").check();
  await page.getByTestId("code").filter({ hasText: "enum Cake {" }).waitFor();
  assert.deepEqual(errors, []);
});

test("the lesson on the three ways opens as callbacks from the library, and its run shows where each task is in them", { timeout: 120_000 }, async () => {
  const { page, errors } = await site.open("?lesson=cake", { ready: (page) => page.getByTestId("loop-panel") });
  await openLesson(page, "three-ways");
  await page.getByTestId("tab-rust").click();
  // The ways' code is fetched as the lesson opens: the callbacks' pyramid, the way pressed.
  await page.getByTestId("code").filter({ hasText: "Timeout::new(ms(45), move || {" }).waitFor();
  assert.equal(await page.getByTestId("way-callbacks").getAttribute("aria-pressed"), "true");
  assert.match(await page.locator(".lesson-intro").textContent(), /callback pyramid/);
  await run(page, "gather");
  await stepUntilRunning(page, "groceries");
  assert.equal((await lensOf(page, "cake")).state, "Suspend0");
  // Another lesson opens with async/await again.
  await openLesson(page, "cake");
  await page.getByTestId("code").filter({ hasText: "async fn cake() {" }).waitFor();
  assert.equal(await page.getByTestId("way-async").getAttribute("aria-pressed"), "true");
  assert.deepEqual(errors, []);
});

test("the lesson's questions on states: the lens stays hidden until an answer is locked in, and the run judges it", { timeout: 120_000 }, async () => {
  const { page, errors } = await site.open("?lesson=three-ways", { ready: (page) => page.getByTestId("loop-panel") });
  await page.getByTestId("code").filter({ hasText: "Timeout::new(ms(45), move || {" }).waitFor();
  // Before the question is read, stepping the prediction shows the lens.
  await stepUntilRunning(page, "groceries");
  await page.getByTestId("lens").waitFor();
  // How many states groceries' future goes through: the lens would tell, so it goes.
  const states = await openExercise(page, "states");
  assert.equal(await page.getByTestId("lens").count(), 0, "a posed question on states hides the lens");
  await states.getByTestId("exercise-answer").locator("input").fill("3");
  assert.equal(await lockIn(states), false);
  assert.match(await states.getByTestId("exercise-verdict").textContent(), /groceries' future went through 2 states: Unresumed, then Returned, not 3/);
  assert.match(await states.getByTestId("exercise-explain").textContent(), /groceries' future moved from Unresumed to Returned/);
  // Which state cake's future is in when groceries returns: Suspend0, waiting in the oven.
  const at = await openExercise(page, "state-at");
  const picks = at.getByTestId("exercise-answer").locator("label");
  assert.deepEqual(await picks.allTextContents(), ["Unresumed", "Suspend0", "Returned"]);
  await picks.filter({ hasText: "Suspend0" }).locator("input").check();
  assert.equal(await lockIn(at), true, await at.getByTestId("exercise-verdict").textContent());
  assert.deepEqual(errors, []);
});

test("red, blue, green asks whose callback is called first, and the run judges the pick", { timeout: 60_000 }, async () => {
  const { page, errors } = await site.open("?lesson=colours");
  const card = await openExercise(page, "first-callback");
  const picks = card.getByTestId("exercise-answer").locator("label");
  assert.deepEqual((await picks.allTextContents()).map((t) => t.trim()), ["colours 3", "colours 2", "colours 1"]);
  // The console would say: a posed question on the first callback hides the prediction's lines.
  await page.getByTestId("console-hidden").waitFor();
  await picks.filter({ hasText: "colours 1" }).locator("input").check();
  assert.equal(await lockIn(card), true, await card.getByTestId("exercise-verdict").textContent());
  assert.match(await card.getByTestId("exercise-verdict").textContent(), /colours 1's callback was called first/);
  assert.deepEqual(errors, []);
});
