// Touch targets, drawers and Present: every control a learner can press is at least 24×24 CSS px
// (WCAG 2.5.8), measured on the release build at 1280×720 and 390×844 with each drawer open in turn;
// the Lessons drawer closes on Escape (the focus back on its button) and on a tap outside it; Present
// draws no planned strips, writes each time in the lesson's unit only and puts the key beside the chart.
import { test } from "node:test";
import assert from "node:assert/strict";

import { OUT_DIR } from "./browser.mjs";
import { courseSite, PROJECTOR } from "./site.mjs";
import { openExercise, run } from "./page.mjs";
import { Audit } from "./axe.mjs";

const PHONE = { width: 390, height: 844 };
const site = courseSite();

/** The smallest a target may be, in CSS px (WCAG 2.5.8, Target Size (Minimum)). */
const MIN = 24;

/** Opens `query` on a fresh page of `viewport`, once the lesson is drawn: a phone's viewport as a
 * phone has it, with touch as its pointer (`pointer: coarse`, where the page makes targets 44 px). */
async function open(query, viewport) {
  const phone = viewport.width < 500;
  const context = await site.browser.newContext({ viewport, hasTouch: phone, isMobile: phone });
  return site.open(query, { context, ready: (page) => page.locator("#lesson-title") });
}

/**
 * Every rendered control on the page narrower or shorter than 24 px, as `what (w×h)`. A control is a
 * button, an input, a select, a textarea, a link, a summary, an element with role=button, or a
 * mode's label (the choice a learner taps). Controls not rendered (display: none, in a closed
 * details, zero-sized) are not targets. WCAG 2.5.8 exempts a link inside a sentence, whose size the
 * line of text decides: an inline `<a>` in a paragraph with other words is left out, and said so.
 */
async function smallTargets(page) {
  return page.evaluate((min) => {
    const selector = "button, input:not([type=hidden]), select, textarea, a[href], summary, [role=button], .mode-option label";
    const small = [];
    for (const el of document.querySelectorAll(selector)) {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width === 0 || box.height === 0 || style.visibility === "hidden") continue;
      const inSentence = el.tagName === "A" && style.display === "inline"
        && el.parentElement.textContent.trim().length > el.textContent.trim().length;
      if (inSentence) continue;
      if (box.width < min - 0.01 || box.height < min - 0.01) {
        const name = el.dataset.testid ?? el.getAttribute("aria-label") ?? el.textContent.trim().slice(0, 30);
        small.push(`${el.tagName.toLowerCase()}.${el.className} "${name}" (${box.width.toFixed(1)}×${box.height.toFixed(1)})`);
      }
    }
    return small;
  }, MIN);
}

for (const [size, viewport] of [["1280x720", PROJECTOR], ["390x844", PHONE]]) {
  test(`${size}: every control is at least 24×24 px, with each drawer open in turn`, { timeout: 120_000 }, async () => {
    const { page, errors, context } = await open("?lesson=count&scale=50", viewport);
    // A run, so that the result card, the run picker's runs and the stage's transport are there.
    await run(page, "gather");
    const found = {};
    found.story = await smallTargets(page);
    await page.getByTestId("show-recipe").click();
    await page.getByTestId("editor").waitFor();
    found.recipe = await smallTargets(page);
    // An order exercise, for its arrows.
    await openExercise(page, "order");
    found.exercises = await smallTargets(page);
    const toggle = page.getByTestId("lessons-toggle");
    if (await toggle.isVisible()) {
      await toggle.click();
      await page.locator("#library .lesson-link").first().waitFor();
      found.lessons = await smallTargets(page);
    }
    await page.screenshot({ path: `${OUT_DIR}touch-${size}.png` });
    for (const [drawer, small] of Object.entries(found)) assert.deepEqual(small, [], `${size}, ${drawer} drawer open`);
    // The modes are a row of choices a finger can hit: each label is the target.
    const label = await page.locator(".mode-option label").first().boundingBox();
    assert.ok(label.height >= MIN && label.width >= MIN, JSON.stringify(label));
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("the Lessons drawer closes on Escape, focus back on its button, and on a tap outside it", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await open("?lesson=cake", PROJECTOR);
  const toggle = page.getByTestId("lessons-toggle");
  const library = page.locator("#library");
  await toggle.click();
  await library.getByTestId("lesson-count").waitFor();
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");
  // Into the drawer with the keyboard, then Escape.
  await library.getByTestId("lesson-count").focus();
  await page.keyboard.press("Escape");
  await library.waitFor({ state: "hidden" });
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "lessons-toggle");

  // A tap outside it: on the lesson's heading, right of the drawer.
  await toggle.click();
  await library.getByTestId("lesson-count").waitFor();
  const heading = await page.locator("#lesson-title").boundingBox();
  const drawer = await library.boundingBox();
  assert.ok(heading.x + heading.width > drawer.x + drawer.width, "the heading reaches past the drawer");
  await page.mouse.click(drawer.x + drawer.width + 20, heading.y + heading.height / 2);
  await library.waitFor({ state: "hidden" });
  // A press inside it leaves it open.
  await toggle.click();
  await library.locator(".library-title").click();
  assert.ok(await library.isVisible(), "a press inside the drawer keeps it open");
  await page.keyboard.press("Escape");
  await library.waitFor({ state: "hidden" });
  // A lesson chosen in it closes it too, and the focus goes back to its button.
  await toggle.click();
  await library.getByTestId("lesson-chores").click();
  await library.waitFor({ state: "hidden" });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "lessons-toggle");

  // The story's drawer, part of the page: Escape with the focus in it closes it and the focus goes
  // back to its tab; Escape elsewhere, or a press outside it, leaves it open.
  const story = page.getByTestId("show-story");
  assert.equal(await story.getAttribute("aria-expanded"), "true");
  await page.getByTestId("run").focus();
  await page.keyboard.press("Escape");
  await page.locator(".lesson-intro").click();
  assert.equal(await story.getAttribute("aria-expanded"), "true");
  await story.focus();
  await page.keyboard.press("Escape");
  await page.locator("#drawer").waitFor({ state: "detached" });
  assert.equal(await story.getAttribute("aria-expanded"), "false");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "show-story");
  assert.deepEqual(errors, []);
  await context.close();
});

test("Present: no planned strips, each time in the lesson's unit only, the key beside the chart; remembered", { timeout: 90_000 }, async () => {
  const { page, errors, context } = await open("?lesson=cake&scale=2", PROJECTOR);
  await run(page, "gather");
  const chart = page.getByTestId("timeline-gather");
  // Before: the planned strips are drawn and a time is written twice, minutes and milliseconds.
  assert.ok(await chart.locator(".plan").first().isVisible());
  assert.match(await page.getByTestId("forecast").textContent(), /min \([\d\s\u202f]+ ms\)/);

  await page.getByTestId("present").click();
  await page.locator("html.present").waitFor({ state: "attached" });
  assert.equal(await page.getByTestId("present").getAttribute("aria-pressed"), "true");
  assert.equal(await chart.locator(".plan").first().isVisible(), false, "no planned strip");
  assert.equal(await chart.locator(".plan-label").first().isVisible(), false, "no planned strip's label");
  // Times in minutes only: the forecast, the run picker, the result card, the axis.
  assert.match(await page.getByTestId("forecast").textContent(), /Predicted: [\d.]+ min\./);
  for (const text of await page.locator(".stage-choice .choice-total").allInnerTexts()) assert.doesNotMatch(text, /ms/);
  assert.doesNotMatch(await page.locator(".results .total").first().innerText(), /ms/);
  assert.equal(await chart.locator(".tick-ms").first().isVisible(), false, "the axis in minutes only");
  // The key beside the chart: to its right, level with it, and only once on the page.
  const key = page.locator(".stage .timeline-legend");
  const [keyBox, chartBox] = [await key.boundingBox(), await chart.boundingBox()];
  assert.ok(keyBox.x >= chartBox.x + chartBox.width - 1, `key ${JSON.stringify(keyBox)} right of chart ${JSON.stringify(chartBox)}`);
  assert.ok(keyBox.y < chartBox.y + chartBox.height, "the key starts beside the chart, not under it");
  assert.equal(await page.locator(".timeline-legend").count(), 1);
  // Still a projector's stage: the transport in view under the chart, nothing scrolled.
  const play = await page.getByTestId("play").boundingBox();
  assert.ok(play.y + play.height <= PROJECTOR.height, `the transport ends at ${play.y + play.height} px`);
  const audit = new Audit();
  await audit.check(page, "Present after a run");
  audit.done();
  await page.screenshot({ path: `${OUT_DIR}present-1280x720.png` });

  // Remembered in this browser: a new page of the same context opens presented.
  const again = await context.newPage();
  await again.goto(site.server.url + "?lesson=cake");
  await again.locator("html.present").waitFor({ state: "attached" });
  assert.equal(await again.getByTestId("present").getAttribute("aria-pressed"), "true");
  await again.getByTestId("present").click();
  await again.locator("html:not(.present)").waitFor({ state: "attached" });
  assert.deepEqual(errors, []);
  await context.close();
});

test("a link with present=1 opens an embedded lesson presented", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await open("#lesson=cake&embed=1&present=1", PROJECTOR);
  await page.locator("html.present").waitFor({ state: "attached" });
  assert.match(await page.getByTestId("forecast").textContent(), /Predicted: [\d.]+ min\./);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the loading line counts the page's code as it arrives, until the page starts", { timeout: 60_000 }, async () => {
  const context = await site.browser.newContext({ viewport: PROJECTOR });
  const page = await context.newPage();
  // What the loading line says each time it changes, recorded in the page from its first script on.
  await page.addInitScript(() => {
    window.__loading = [];
    new MutationObserver(() => {
      const what = document.getElementById("loading-what");
      if (what && window.__loading.at(-1) !== what.textContent) window.__loading.push(what.textContent);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(site.server.url + "?lesson=cake");
  await page.locator("#lesson-title").waitFor();
  const said = await page.evaluate(() => window.__loading);
  assert.equal(await page.locator(".loading").count(), 0, "the loading line is gone once the page starts");
  assert.ok(said.some((s) => /^\d+ KB (of \d+ KB )?of the page's code downloaded$/.test(s)), JSON.stringify(said));
  assert.equal(said.at(-1), "Starting…", JSON.stringify(said));
  await context.close();
});
