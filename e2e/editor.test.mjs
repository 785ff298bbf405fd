// The recipe editor and the code beside the stage: a typo keeps the last good chart, marked out of
// date, with the error above the text and in view on a projector and the steps reference beside it;
// the code marks the line of the step on the thread strongly at the narration's stop; the learner's
// choice of language survives a reload — in the release build served from a sub-path.
import { test } from "node:test";
import assert from "node:assert/strict";

import { OUT_DIR } from "./browser.mjs";
import { courseSite, PROJECTOR } from "./site.mjs";
import { openLesson, recipeEditor, run } from "./page.mjs";

const site = courseSite();

/** A fresh page at the app's address plus `query`, once the stage is drawn. */
function open(query = "") {
  return site.open(query, { ready: (page) => page.getByTestId("loop-panel") });
}

/** Whether `box` lies wholly inside the projector's viewport. */
function inView(box) {
  return box !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= PROJECTOR.height && box.x + box.width <= PROJECTOR.width;
}

test("a typo keeps the chart out of date with its error in view; fixing it brings the chart back", { timeout: 90_000 }, async () => {
  const { page, errors, context } = await open();
  await run(page, "gather");
  const chart = page.getByTestId("stage").getByTestId("timeline-gather");
  await chart.waitFor();
  const editor = await recipeEditor(page);
  const original = await editor.inputValue();
  assert.match(original, /\n {2}wait 45 /);
  await editor.fill(original.replace("\n  wait 45 ", "\n  wiat 45 "));

  // The stage stays: the measured chart, the narration, the loop panel and the code, marked out of date.
  const marker = page.getByTestId("out-of-date");
  await marker.waitFor();
  for (const hook of ["loop-panel", "narration", "code"]) {
    assert.equal(await page.getByTestId(hook).count(), 1, `${hook} is still on the stage`);
  }
  assert.ok(await chart.isVisible(), "the last good chart is still drawn");
  assert.match(await marker.textContent(), /out of date/i);
  assert.ok(await page.getByTestId("run").isDisabled(), "nothing runs while the text has a mistake");
  assert.equal(await editor.inputValue(), original.replace("\n  wait 45 ", "\n  wiat 45 "), "the typo is kept");

  // The error is above the text and wholly on a 1280×720 screen, without scrolling the drawer.
  const message = page.getByTestId("errors").locator("li").first();
  await message.waitFor();
  assert.match(await message.textContent(), /line \d+, column \d+/);
  const [messageBox, editorBox] = [await message.boundingBox(), await editor.boundingBox()];
  assert.ok(inView(messageBox), `the error is in view: ${JSON.stringify(messageBox)}`);
  assert.ok(messageBox.y + messageBox.height <= editorBox.y, "the error is above the text");

  // The steps reference is beside the text, and names every step.
  const reference = page.getByTestId("steps-reference");
  assert.ok(await reference.isVisible());
  const referenceBox = await reference.boundingBox();
  assert.ok(referenceBox.x >= editorBox.x + editorBox.width - 1, "the reference is right of the text");
  assert.ok(referenceBox.y < editorBox.y + editorBox.height && editorBox.y < referenceBox.y + referenceBox.height, "beside it, not under it");
  const words = await reference.locator("dt").allTextContents();
  for (const step of ["work", "wait", "print", "call", "yield", "unawaited"]) {
    assert.ok(words.some((w) => w.startsWith(step)), `${step} is in the reference: ${words}`);
  }
  await page.screenshot({ path: `${OUT_DIR}editor-typo.png` });

  // Fixed: the same run, up to date, and the page can run again.
  await editor.fill(original);
  await marker.waitFor({ state: "detached" });
  assert.ok(await chart.isVisible());
  assert.equal(await page.getByTestId("errors").locator("li").count(), 0);
  assert.ok(await page.getByTestId("run").isEnabled());
  assert.deepEqual(errors, []);
  await context.close();
});

test("the code marks the work on the thread strongly at the narration's stop, and the sleep weakly", { timeout: 90_000 }, async () => {
  const { page, errors, context } = await open();
  // Cake comes from a Python tutorial: its code opens in Python.
  assert.equal(await page.getByTestId("tab-python").getAttribute("aria-selected"), "true");
  await run(page, "gather");
  await page.getByTestId("stage").getByTestId("timeline-gather").waitFor();
  for (const language of ["python", "rust"]) {
    await page.getByTestId(`tab-${language}`).click();
    await page.keyboard.press("Home");
    // Step to the stop whose sentence says groceries runs its work; a measured run reaches it within
    // a dozen stops.
    let sentence = "";
    for (let i = 0; i < 12 && !/groceries .*runs work\(20\)/.test(sentence); i++) {
      await page.getByTestId("step-next").click();
      sentence = await page.getByTestId("narration").textContent();
    }
    assert.match(sentence, /groceries .*runs work\(20\)/, `${language}: the stop is reached`);
    const strong = await page.locator("[data-testid=code] .line.strong").allTextContents();
    assert.equal(strong.length, 1, `${language}: one line on the thread: ${strong}`);
    assert.match(strong[0], /work\(20\)/, `${language}: the thread's line is groceries' work`);
    const weak = await page.locator("[data-testid=code] .line.weak").allTextContents();
    assert.ok(weak.some((line) => /sleep\(45/.test(line)), `${language}: the cake's sleep is marked weakly: ${weak}`);
    const [strongWeight, weakWeight] = await page.evaluate(() =>
      [".line.strong", ".line.weak"].map((s) => getComputedStyle(document.querySelector(`[data-testid=code] ${s}`)).fontWeight));
    assert.ok(Number(strongWeight) > Number(weakWeight), `${language}: the strong line is bolder`);
  }
  await page.screenshot({ path: `${OUT_DIR}editor-code-marks.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test("a chosen language is kept across a reload and on other lessons; long lines wrap", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await open();
  // Ten thousand timers is not from a Python tutorial: it opens in Rust.
  await openLesson(page, "ten-thousand-timers");
  await page.getByTestId("loop-panel").waitFor();
  assert.equal(await page.getByTestId("tab-rust").getAttribute("aria-selected"), "true");
  await page.getByTestId("tab-python").click();
  await page.waitForFunction(() => localStorage.getItem("async-kitchen/v1")?.includes('"language":"python"'));
  await page.reload();
  await page.getByTestId("loop-panel").waitFor();
  assert.equal(await page.locator("[data-testid=lesson-ten-thousand-timers][aria-current=page]").count(), 1, "the lesson is kept");
  assert.equal(await page.getByTestId("tab-python").getAttribute("aria-selected"), "true", "Python is kept across the reload");
  // An explicit Rust holds on a lesson from the Python tutorials too.
  await page.getByTestId("tab-rust").click();
  await openLesson(page, "count");
  await page.getByTestId("loop-panel").waitFor();
  assert.equal(await page.getByTestId("tab-rust").getAttribute("aria-selected"), "true");
  // No line of the program is cut: each fits the program's box, wrapping if it must.
  const cut = await page.evaluate(() => {
    const program = document.querySelector("[data-testid=code]");
    return program.scrollWidth - program.clientWidth;
  });
  assert.ok(cut <= 1, `the program scrolls sideways by ${cut} px`);
  assert.deepEqual(errors, []);
  await context.close();
});
