// Accessibility: axe-core on every main view of the release build, served from a sub-path: the first
// look, runs compared, the stage stepped, the exercises before and after a verdict, the editor with a
// mistake, an embedded page; light and dark, on a projector and on a phone. Each test checks all of
// its views and then reports every violation found, by view, rule id and offending selectors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

import { OUT_DIR } from "./browser.mjs";
import { courseSite, PROJECTOR } from "./site.mjs";
import { chooseMode, lockIn, openExercise, recipeEditor, run, tabTo } from "./page.mjs";
import { Audit, barLabelContrast } from "./axe.mjs";

const CHORES = fileURLToPath(new URL("../crates/model/src/lesson/recipes/chores.txt", import.meta.url));
const PHONE = { width: 390, height: 844 };
const site = courseSite();

/** A fresh page (its own storage) at the app's address plus `query`, once the lesson is drawn. */
function open(query, viewport = PROJECTOR, colorScheme = "light") {
  return site.open(query, { viewport, colorScheme, ready: (page) => page.locator("#lesson-title") });
}

for (const [size, viewport] of [["1280x720", PROJECTOR], ["390x844", PHONE]]) {
  for (const scheme of ["light", "dark"]) {
    test(`${size} ${scheme}: the first look, the library, runs compared, the code in both languages`, { timeout: 90_000 }, async () => {
      const audit = new Audit();
      const { page, errors, context } = await open("", viewport, scheme);
      await audit.check(page, `${size} ${scheme}: first look`);
      // The library: beside the page on a wide screen, a drawer on these.
      await page.getByTestId("lessons-toggle").click();
      await page.getByTestId("lesson-count").waitFor();
      await audit.check(page, `${size} ${scheme}: the library open`);
      await context.close();

      const ran = await open("?lesson=cake&scale=2", viewport, scheme);
      await ran.page.getByTestId("compare").click();
      await ran.page.getByTestId("total-free-threaded").waitFor({ timeout: 60_000 });
      await ran.page.getByTestId("timeline-free-threaded").waitFor();
      await audit.check(ran.page, `${size} ${scheme}: cake after "Compare every mode"`);
      // Cake opens in Python, the language of its tutorial: the other tab is Rust.
      await ran.page.getByTestId("tab-rust").click();
      await audit.check(ran.page, `${size} ${scheme}: the code in Rust`);
      if (size === "1280x720") await ran.page.screenshot({ path: `${OUT_DIR}axe-compare-${scheme}.png` });
      assert.deepEqual([...errors, ...ran.errors], []);
      await ran.context.close();
      audit.done();
    });
  }
}

for (const scheme of ["light", "dark"]) {
  test(`${scheme}: the stage, predicted and after a run, stepped through`, { timeout: 60_000 }, async () => {
    const audit = new Audit();
    const { page, errors, context } = await open("?lesson=cake&mode=gather&scale=5", PROJECTOR, scheme);
    await page.getByTestId("loop-panel").waitFor();
    await audit.check(page, `${scheme}: the stage with the prediction`);
    await run(page, "gather");
    await page.getByTestId("timeline-gather").waitFor();
    // Stepping: groceries on the thread, the oven's timer armed, cake suspended on it.
    await page.keyboard.press("Home");
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
    await audit.check(page, `${scheme}: the stage stepped after a gather run`);
    await page.getByTestId("play").click();
    await page.getByTestId("play").click();
    await page.keyboard.press("End");
    await audit.check(page, `${scheme}: the stage at the end of the run`);
    // The program scrolls in its own box: the keyboard reaches it, it says what it is, and its focus shows.
    await tabTo(page, "[data-testid=code]");
    const focused = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement);
      return { name: document.activeElement.getAttribute("aria-label"), outline: `${style.outlineStyle} ${style.outlineWidth}` };
    });
    assert.deepEqual(focused, { name: "The program in Python", outline: "solid 3px" });
    assert.deepEqual(errors, []);
    await context.close();
    audit.done();
  });

  test(`${scheme}: an embedded page, before and after its run, with its exercises`, { timeout: 60_000 }, async () => {
    const audit = new Audit();
    const { page, errors, context } = await open("?lesson=count&scale=50&embed=1", { width: 1000, height: 800 }, scheme);
    await audit.check(page, `${scheme}: embedded count()`);
    await run(page, "gather");
    await page.getByTestId("timeline-gather").waitFor();
    await audit.check(page, `${scheme}: embedded count() after a gather run`);
    const card = await openExercise(page, "order");
    await lockIn(card);
    await audit.check(page, `${scheme}: embedded count()'s order exercise judged`);
    assert.deepEqual(errors, []);
    await context.close();
    audit.done();
  });
}

for (const [size, viewport] of [["1280x720", PROJECTOR], ["390x844", PHONE]]) {
  test(`${size}: the exercises of count(), chop-and-dice and chores, asked and judged`, { timeout: 120_000 }, async () => {
    const audit = new Audit();
    const schemes = size === "1280x720" ? ["light", "dark"] : ["light"];
    for (const scheme of schemes) {
      const { page, errors, context } = await open("?lesson=count&scale=50", viewport, scheme);
      const order = await openExercise(page, "order");
      await audit.check(page, `${size} ${scheme}: count()'s order exercise asked`);
      await lockIn(order);
      await audit.check(page, `${size} ${scheme}: count()'s order exercise judged`);
      const total = await openExercise(page, "total");
      await total.locator("input").fill("three");
      await audit.check(page, `${size} ${scheme}: count()'s total exercise, an answer that is no number`);
      await total.locator("input").fill("1");
      await lockIn(total);
      await audit.check(page, `${size} ${scheme}: count()'s total exercise judged`);
      assert.deepEqual(errors, []);
      await context.close();
    }

    const chop = await open("?lesson=chop-and-dice&scale=10", viewport);
    const change = await openExercise(chop.page, "change");
    await audit.check(chop.page, `${size}: chop-and-dice's "which change" exercise asked`);
    await change.getByLabel("hand them to two cooks").check();
    await lockIn(change);
    await audit.check(chop.page, `${size}: chop-and-dice's "which change" exercise judged`);
    assert.deepEqual(chop.errors, []);
    await chop.context.close();

    const chores = await open("?lesson=chores&scale=3", viewport);
    const makeIt = await openExercise(chores.page, "make-it");
    await makeIt.getByTestId("exercise-start").click();
    await chores.page.getByTestId("editor").waitFor();
    await audit.check(chores.page, `${size}: chores' "make it" exercise with the editor`);
    await chores.page.getByTestId("editor").fill(await readFile(CHORES, "utf8"));
    await lockIn(makeIt);
    await audit.check(chores.page, `${size}: chores' "make it" exercise judged`);
    // The library marks the lesson's progress.
    await chores.page.getByTestId("lessons-toggle").click();
    await chores.page.getByTestId("progress-chores").waitFor();
    await audit.check(chores.page, `${size}: the library with a lesson's progress`);
    assert.deepEqual(chores.errors, []);
    await chores.context.close();
    audit.done();
  });
}

test("the editor with a mistake, the share and embed boxes, a long console and table, the processes mode", { timeout: 60_000 }, async () => {
  const audit = new Audit();
  for (const scheme of ["light", "dark"]) {
    // count() run one call after another prints in another order than the tutorial, which the console says.
    const other = await open("?lesson=count&mode=sequential&scale=50", PROJECTOR, scheme);
    await run(other.page, "sequential");
    await other.page.locator(".console .order.different").waitFor();
    await audit.check(other.page, `${scheme}: count() sequential, its console's order unlike the tutorial's`);
    assert.deepEqual(other.errors, []);
    await other.context.close();

    const { page, errors, context } = await open("?lesson=cake", PROJECTOR, scheme);
    const editor = await recipeEditor(page);
    await editor.fill((await editor.inputValue()).replace("wait 45", "wait ten"));
    await page.getByTestId("errors").waitFor();
    await audit.check(page, `${scheme}: the editor with a mistake`);
    await page.getByTestId("reset").click();
    await page.getByTestId("share").click();
    await page.getByTestId("share-link").waitFor();
    await page.getByTestId("embed").click();
    await page.getByTestId("embed-snippet").waitFor();
    await audit.check(page, `${scheme}: the share link and the embed snippet`);
    // A recipe of the learner's with many prints and steps: the console and the table scroll.
    await (await recipeEditor(page)).fill('recipe "Thirty shouts"\nunit ms\n\ntask shout x30\n  print "hello"\n  wait 5\n');
    await run(page, "gather");
    await page.getByTestId("timeline-table-gather").locator("summary").click();
    await page.locator(".table-scroll").waitFor();
    for (const scroller of ["[data-testid=console]", ".table-scroll"]) {
      assert.ok(await page.locator(scroller).evaluate((e) => e.scrollHeight > e.clientHeight), `${scroller} scrolls`);
    }
    await audit.check(page, `${scheme}: thirty prints, the console and the timeline's table scrolled`);
    // Six tasks, one per colour of the thread's lane, each holding the thread long enough to be named on it.
    const jobs = ["a", "b", "c", "d", "e", "f"].map((t) => `task ${t}\n  work 10\n`).join("");
    await (await recipeEditor(page)).fill(`recipe "Six jobs"\nunit ms\n\n${jobs}`);
    await run(page, "gather");
    const labels = await barLabelContrast(page);
    assert.ok(labels.length >= 6, `the thread's lane names its holders: ${JSON.stringify(labels)}`);
    const faint = labels.filter((l) => l.ratio < 4.5).map((l) => `${l.label} on ${l.bar}: ${l.ratio.toFixed(2)}:1`);
    assert.deepEqual(faint, [], `${scheme}: names on the timeline's bars below 4.5:1`);
    await chooseMode(page, "processes");
    await page.getByTestId("cooks").waitFor();
    await audit.check(page, `${scheme}: the processes mode chosen`);
    assert.deepEqual(errors, []);
    await context.close();
  }
  audit.done();
});
