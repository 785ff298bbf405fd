// Embedding a lesson, as a teacher does it: Share link and Embed in the lesson bar, the snippet
// pasted into a course page on another origin, where its script fits the frame to the height the
// page reports (and to nothing else's), the compact preset, the preview, and the page that
// documents embedding, shipped beside the site.
import { test } from "node:test";
import assert from "node:assert/strict";

import { servePage } from "./serve.mjs";
import { OUT_DIR } from "./browser.mjs";
import { courseSite, PROJECTOR } from "./site.mjs";
import { watchErrors } from "./page.mjs";
import { describe, violations } from "./axe.mjs";

const site = courseSite();

/** The Embed panel's snippet for `query` in `preset` ("full" or "compact"). */
async function snippetFor(query, preset = "full") {
  const { page, errors, context } = await site.open(query);
  await page.getByTestId("embed").click();
  if (preset !== "full") await page.getByTestId(`embed-preset-${preset}`).check();
  const area = page.getByTestId("embed-snippet");
  const wanted = preset === "compact" ? /compact=1/ : /embed=1(?!&amp;compact)/;
  await page.waitForFunction(([re]) => new RegExp(re).test(document.querySelector("[data-testid=embed-snippet]")?.value ?? ""),
    [wanted.source]);
  const snippet = await area.inputValue();
  assert.deepEqual(errors, []);
  await context.close();
  return snippet;
}

/** A course page on an origin of its own with `snippet` pasted between two paragraphs; it records
 * every height message the page hears, from anyone. Resolves to { page, frame, errors, close }. */
async function coursePage(snippet, viewport = { width: 900, height: 800 }) {
  const course = await servePage(`<!DOCTYPE html><html lang="en"><title>Week 3: async</title>
    <script>
      window.heights = [];
      addEventListener("message", (e) => { if (e.data && e.data.type === "async-kitchen:height") window.heights.push(e.data.height); });
    </script>
    <h1>Week 3: one cook, one thread</h1><p>Read the story, then run the lesson below.</p>
    ${snippet}
    <p id="after">Questions for next week.</p></html>`);
  const context = await site.browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = watchErrors(page);
  try {
    await page.goto(course.url);
  } catch (e) {
    await course.close();
    throw e;
  }
  return {
    page,
    errors,
    frame: page.frameLocator("iframe"),
    close: async () => {
      await context.close();
      await course.close();
    },
  };
}

/** Waits until the frame is as tall as the last height its page reported, and returns both. */
async function fitted(page) {
  const handle = await page.waitForFunction(() => {
    const last = window.heights.at(-1);
    const frame = document.querySelector("iframe");
    return last !== undefined && frame.getBoundingClientRect().height === last && { last, style: frame.style.height };
  }, null, { timeout: 30_000 });
  return handle.jsonValue();
}

test("Share link and Embed sit in the lesson bar, in view at 1280×720 without scrolling", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await site.open("#lesson=cake");
  for (const id of ["share", "embed"]) {
    const button = page.getByTestId(id);
    assert.equal(await button.evaluate((b) => b.closest(".lesson-bar") !== null), true, `${id} is in the lesson bar`);
    const box = await button.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= PROJECTOR.height && box.x + box.width <= PROJECTOR.width,
      `${id} is in the 1280×720 viewport: ${JSON.stringify(box)}`);
    // Above the controls, on the row of the lesson's title.
    const controls = await page.locator(".controls").boundingBox();
    assert.ok(box.y + box.height <= controls.y, `${id} is above the controls`);
  }
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  // A disclosure button: Embed opens its panel and says so, a second click closes it.
  const embed = page.getByTestId("embed");
  await embed.click();
  assert.equal(await embed.getAttribute("aria-expanded"), "true");
  const snippet = page.getByTestId("embed-snippet");
  await page.waitForFunction(() => document.querySelector("[data-testid=embed-snippet]")?.value.includes("<script>"));
  const text = await snippet.inputValue();
  assert.match(text, /^<iframe src="[^"]*#lesson=cake[^"]*embed=1[^"]*" title="Async Kitchen: Cake and groceries"/);
  assert.doesNotMatch(text, /height="560"/, "no fixed height");
  assert.match(text, /event\.source === frame\.contentWindow/);
  assert.ok(await snippet.isVisible());
  await page.screenshot({ path: `${OUT_DIR}embed-panel.png` });
  await embed.click();
  assert.equal(await embed.getAttribute("aria-expanded"), "false");
  assert.equal(await snippet.count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the snippet on a course page of another origin fits its frame to the height the page reports, and only to that", { timeout: 90_000 }, async () => {
  const snippet = await snippetFor("#lesson=cake&mode=gather");
  const first = Number(/height: (\d+)px/.exec(snippet)[1]);
  const course = await coursePage(snippet);
  try {
    const { page, errors, frame } = course;
    await frame.getByTestId("run").waitFor();
    const { last, style } = await fitted(page);
    console.log(`# the whole lesson embedded at 900 px: ${last} px tall (first guess ${first} px)`);
    assert.equal(style, `${last}px`);
    // Fitted: the page in the frame has nothing to scroll.
    const inner = await frame.locator("html").evaluate((html) => ({ scroll: html.scrollHeight, view: window.innerHeight }));
    assert.ok(inner.scroll <= inner.view, `the frame's page scrolls: ${JSON.stringify(inner)}`);
    // A height message from anything but the frame's own page is ignored: here, the course page's own.
    await page.evaluate(() => window.postMessage({ type: "async-kitchen:height", height: 7 }, "*"));
    await page.waitForFunction(() => window.heights.at(-1) === 7);
    assert.equal(await page.locator("iframe").evaluate((f) => f.getBoundingClientRect().height), last);
    // The page grows (a run adds its results) and the frame follows.
    await frame.getByTestId("run").click();
    await frame.getByTestId("total-gather").waitFor({ timeout: 30_000 });
    await page.waitForFunction((h) => {
      const frame = document.querySelector("iframe");
      const mine = window.heights.filter((x) => x !== 7);
      return mine.at(-1) !== h && frame.getBoundingClientRect().height === mine.at(-1);
    }, last, { timeout: 30_000 });
    await page.screenshot({ path: `${OUT_DIR}embed-course-full.png`, fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await course.close();
  }
});

test("the compact preset shows the modes, Run and the chart, and none of the lesson around them", { timeout: 90_000 }, async () => {
  const snippet = await snippetFor("#lesson=cake&mode=gather", "compact");
  assert.match(snippet, /#lesson=cake&amp;mode=gather&amp;embed=1&amp;compact=1"/);
  const course = await coursePage(snippet);
  try {
    const { page, errors, frame } = course;
    await frame.getByTestId("timeline-predicted-gather").waitFor();
    assert.ok(await frame.getByTestId("run").isVisible(), "Run is shown");
    assert.ok(await frame.getByTestId("mode-blocking").isVisible(), "the modes are shown");
    // Nothing of the lesson around the run: no tabs or drawers, no legend, stage panels or results.
    for (const css of ["[data-testid=show-story]", "#drawer", ".drawer", ".timeline-legend", "[data-testid=loop-panel]",
      "[data-testid=stage]", "[data-testid=results]", "[data-testid=scale]", "[data-testid=compare]", "[data-testid=forecast]"]) {
      assert.equal(await frame.locator(css).filter({ visible: true }).count(), 0, `${css} is not shown`);
    }
    const before = await fitted(page);
    await frame.getByTestId("run").click();
    await frame.getByTestId("timeline-gather").waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator("[data-testid=results]").count(), 0);
    const after = await fitted(page);
    console.log(`# cake compact at 900 px: ${before.last} px tall before the run, ${after.last} px after`);
    // Much shorter than the whole lesson, and still fitted with nothing to scroll.
    assert.ok(after.last < 700, `${after.last} px`);
    const inner = await frame.locator("html").evaluate((html) => ({ scroll: html.scrollHeight, view: window.innerHeight }));
    assert.ok(inner.scroll <= inner.view, `the frame's page scrolls: ${JSON.stringify(inner)}`);
    await page.screenshot({ path: `${OUT_DIR}embed-course-compact.png`, fullPage: true });
    const inFrame = page.frames().find((f) => f !== page.mainFrame());
    const found = await violations(inFrame);
    assert.equal(found.length, 0, `the compact frame:\n${describe(found)}`);
    assert.deepEqual(errors, []);
  } finally {
    await course.close();
  }
});

test("the Embed panel previews the frame and links to the page on embedding, which ships with the site", { timeout: 90_000 }, async () => {
  const { page, errors, context } = await site.open("#lesson=count");
  await page.getByTestId("embed").click();
  await page.getByTestId("embed-preset-compact").check();
  await page.waitForFunction(() => /compact=1/.test(document.querySelector("[data-testid=embed-snippet]")?.value ?? ""));
  const snippet = await page.getByTestId("embed-snippet").inputValue();
  // The preview is loaded only when asked for, and is the snippet itself: its script sizes the frame.
  assert.equal(await page.getByTestId("embed-preview-frame").count(), 0);
  await page.getByTestId("embed-preview").click();
  const inner = page.frameLocator("[data-testid=embed-preview-frame]").locator("iframe");
  await inner.waitFor();
  const first = /height: (\d+px)/.exec(snippet)[1];
  await page.waitForFunction((first) => {
    const frame = document.querySelector("[data-testid=embed-preview-frame]")?.contentDocument?.querySelector("iframe");
    return frame && frame.style.height !== first && frame.getBoundingClientRect().height > 100;
  }, first, { timeout: 30_000 });
  await page.screenshot({ path: `${OUT_DIR}embed-preview.png` });
  const found = await violations(page);
  assert.equal(found.length, 0, `the Embed panel with its preview:\n${describe(found)}`);

  // The docs: a page beside the site's index, linked from the panel.
  const link = page.getByTestId("embed-docs");
  const href = await link.evaluate((a) => a.href);
  assert.equal(href, `${site.server.url}embedding.html`);
  const docs = await context.newPage();
  const docsErrors = watchErrors(docs);
  const response = await docs.goto(href);
  assert.equal(response.status(), 200);
  await docs.getByRole("heading", { level: 1, name: "Embedding a lesson" }).waitFor();
  for (const name of ["The snippet", "Presets", "async-kitchen:height", "SPLICE"]) {
    assert.ok(await docs.getByRole("heading", { name, exact: true }).isVisible(), `the docs have a heading ${name}`);
  }
  // It explains the very script the snippet carries, and its links within the page lead somewhere.
  const script = snippet.slice(snippet.indexOf("<script>"));
  const code = await docs.locator("pre code").allTextContents();
  assert.ok(code.some((c) => c.includes(script)), "the docs quote the snippet's script");
  const broken = await docs.evaluate(() => [...document.querySelectorAll("a[href^='#']")]
    .map((a) => a.getAttribute("href")).filter((h) => !document.getElementById(h.slice(1))));
  assert.deepEqual(broken, []);
  await docs.screenshot({ path: `${OUT_DIR}embedding-docs.png` });
  assert.deepEqual([...errors, ...docsErrors], []);
  await context.close();
});
