// The chart on every screen the page supports: embedded 560 px tall in a course page, a 1280×720
// projector at 125 % zoom, a 390×844 phone. On each, the stage's chart draws every lane its lesson's
// story speaks of, and no chart runs off the screen without saying that it scrolls.
import { test } from "node:test";
import assert from "node:assert/strict";

import { servePage } from "./serve.mjs";
import { OUT_DIR } from "./browser.mjs";
import { courseSite } from "./site.mjs";
import { run, watchErrors } from "./page.mjs";

const site = courseSite();

/** 125 % zoom of a 1280×720 window: 1024×576 CSS pixels, each 1.25 device pixels. A device scale
 * factor alone would keep 1280×720 CSS pixels and show the page no differently. */
const ZOOMED = { viewport: { width: 1024, height: 576 }, deviceScaleFactor: 1.25 };
const PHONE = { viewport: { width: 390, height: 844 } };

/** Each lesson and the lanes its gathered run must draw: every task of these, the ones their stories
 * point at among them (the groceries lane, the laundry lane, the five downloads). */
const LESSONS = [
  ["cake", ["cake", "groceries"]],
  ["chores", ["laundry", "evening", "plants"]],
  ["downloads", ["download 1", "download 2", "download 3", "download 4", "download 5"]],
];

/** The task lanes the stage's chart of `id` draws, by name, once it is on the stage; in `scope`, a
 * page or a frame. Run after the run, so that no lane is counted from a chart about to be replaced. */
async function stageLanes(scope, id) {
  const svg = scope.locator(`[data-testid=stage] #timeline-svg-${id}`);
  await svg.waitFor();
  return svg.locator(".task-row .lane-label").allTextContents();
}

/** The stage chart's note, if it has one: "… and N more tasks, not drawn" would say a lane is missing. */
async function stageNote(scope, id) {
  return (await scope.locator(`[data-testid=stage] #timeline-svg-${id} .note`).allTextContents()).join(" ");
}

/**
 * Every chart on the page, measured: the SVG's width against its scroll box's, whether the box
 * scrolls sideways, and whether the figure's scroll cue is on screen (in the page's own layout, with
 * a box of its own, not hidden). Run in the page.
 */
function charts() {
  return [...document.querySelectorAll("figure.timeline")].map((figure) => {
    const box = figure.querySelector(".timeline-scroll");
    const svg = box.querySelector("svg.tl-svg");
    const cue = figure.querySelector("[data-testid=scroll-cue]");
    const shown = (el) => {
      if (!el) return false;
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && style.visibility === "visible" && style.display !== "none";
    };
    return {
      id: figure.dataset.testid,
      svgWidth: svg.getBoundingClientRect().width,
      boxWidth: box.clientWidth,
      scrolls: box.scrollWidth > box.clientWidth && getComputedStyle(box).overflowX !== "visible",
      cue: shown(cue),
      right: svg.getBoundingClientRect().right,
    };
  });
}

/** Whether every part of `css`'s element can be seen by scrolling the page alone: no box around it
 * cuts it off (one that scrolls would hide it until a learner found that it does), and it is no
 * wider or taller than the screen. Nothing is scrolled to find out. Run in the page. */
function wholeOnScreen(css) {
  const el = document.querySelector(css);
  if (!el) return `no ${css}`;
  const r = el.getBoundingClientRect();
  for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
    const style = getComputedStyle(box);
    if (style.overflowX === "visible" && style.overflowY === "visible") continue;
    // The box's inner edges: its rectangle less its borders and scroll bars.
    const b = box.getBoundingClientRect();
    const top = b.top + box.clientTop;
    const left = b.left + box.clientLeft;
    if (r.top < top - 0.5 || r.bottom > top + box.clientHeight + 0.5
      || r.left < left - 0.5 || r.right > left + box.clientWidth + 0.5) {
      return `${css} (${r.top.toFixed(0)}–${r.bottom.toFixed(0)}) is cut by .${box.className} (${top.toFixed(0)}–${(top + box.clientHeight).toFixed(0)})`;
    }
  }
  if (r.left < -0.5 || r.right > innerWidth + 0.5 || r.height > innerHeight) {
    return `${css} (${r.width.toFixed(0)}×${r.height.toFixed(0)} at ${r.left.toFixed(0)}) does not fit a ${innerWidth}×${innerHeight} screen`;
  }
  return "whole";
}

test("embedded 560 px tall, the stage's chart draws every lane of cake, chores and downloads", { timeout: 120_000 }, async () => {
  const context = await site.browser.newContext({ viewport: { width: 1000, height: 800 } });
  const errors = [];
  for (const [id, lanes] of LESSONS) {
    const page = await context.newPage();
    const pageErrors = watchErrors(page);
    // The snippet the page offered before it sized itself: a fixed 560 px frame, which this course
    // page, on an origin of its own, never resizes. One frame a page, at its top: a browser may
    // hold back the frames of a frame scrolled out of view, and a run waits for two.
    const course = await servePage(`<!DOCTYPE html><title>Course page</title>
      <iframe id="kitchen" title="Async Kitchen: ${id}" height="560" style="width:100%;border:0"
        src="${site.server.url}?lesson=${id}&mode=gather&autorun=1&embed=1"></iframe>`);
    try {
      await page.goto(course.url);
      const frame = page.frameLocator("#kitchen");
      // The autorun's result card is written when the run is over, and the stage shows that run.
      await frame.getByTestId("total-gather").waitFor({ timeout: 30_000 });
      assert.equal(await page.locator("#kitchen").evaluate((f) => f.getBoundingClientRect().height), 560);
      assert.deepEqual(await stageLanes(frame, "gather"), lanes, `${id} embedded at 560 px`);
      assert.doesNotMatch(await stageNote(frame, "gather"), /not drawn/, `${id} embedded at 560 px`);
      if (id === "cake") {
        await frame.getByTestId("stage").scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${OUT_DIR}sizes-embed-560-cake.png` });
      }
    } finally {
      errors.push(...pageErrors);
      await page.close();
      await course.close();
    }
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("at 125 % zoom on a 1280×720 projector, the stage's chart draws every lane", { timeout: 120_000 }, async () => {
  const context = await site.browser.newContext(ZOOMED);
  for (const [id, lanes] of LESSONS) {
    const { page, errors } = await site.open(`?lesson=${id}`, { context });
    // 125 % of 1280×720 is what the page lays itself out for.
    assert.deepEqual(await page.evaluate(() => [innerWidth, innerHeight, devicePixelRatio]), [1024, 576, 1.25]);
    await run(page, "gather");
    assert.deepEqual(await stageLanes(page, "gather"), lanes, `${id} at 125 %`);
    assert.doesNotMatch(await stageNote(page, "gather"), /not drawn/, `${id} at 125 %`);
    if (id === "chores") {
      await page.getByTestId("stage").scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${OUT_DIR}sizes-zoom-125-chores.png` });
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
  await context.close();
});

test("on a 390×844 phone no chart is cut off without a scroll cue, and the story's Try this is whole", { timeout: 120_000 }, async () => {
  const context = await site.browser.newContext(PHONE);
  const { page, errors } = await site.open("?lesson=chores", { context });
  // The story drawer is open when a lesson opens: it grows with its text, Try this included.
  await page.locator(".try-this").waitFor();
  assert.equal(await page.evaluate(wholeOnScreen, ".try-this"), "whole");
  await page.screenshot({ path: `${OUT_DIR}sizes-phone-story.png` });
  await run(page, "blocking");
  await run(page, "gather");
  assert.deepEqual(await stageLanes(page, "gather"), ["laundry", "evening", "plants"]);
  const measured = await page.evaluate(charts);
  assert.ok(measured.length >= 2, `${measured.length} charts`);
  for (const chart of measured) {
    // Either the chart fits its box and the screen, or its box scrolls and says so on screen.
    const fits = chart.svgWidth <= chart.boxWidth + 0.5 && chart.right <= 390.5;
    assert.ok(fits || (chart.scrolls && chart.cue), `${chart.id}: ${JSON.stringify(chart)}`);
    // On a 390 px phone every chart fits: its end markers and the run's last minutes are on screen.
    assert.ok(fits, `${chart.id} on a phone: ${JSON.stringify(chart)}`);
  }
  await page.getByTestId("stage").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${OUT_DIR}sizes-phone-stage.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test("a box narrower than the narrowest chart scrolls, and says so where it can be seen", { timeout: 60_000 }, async () => {
  // A 300 px screen leaves the chart a box of about 250 px, below the chart's least 320.
  const context = await site.browser.newContext({ viewport: { width: 300, height: 700 } });
  const { page, errors } = await site.open("?lesson=cake", { context });
  await run(page, "gather");
  const [stage] = (await page.evaluate(charts)).filter((c) => c.id === "timeline-gather");
  assert.ok(stage.scrolls && stage.cue && stage.svgWidth > stage.boxWidth, JSON.stringify(stage));
  assert.match(await page.getByTestId("timeline-gather").first().getByTestId("scroll-cue").textContent(), /scroll it sideways/);
  assert.deepEqual(errors, []);
  await context.close();
});
