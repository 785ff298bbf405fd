// Drives the page like a learner: the steps the end-to-end tests share.
import { readFile } from "node:fs/promises";

import { cooksOf, lives } from "./facts.mjs";

/** Chooses `mode` in the mode picker. */
export async function chooseMode(page, mode) {
  await page.getByTestId(`mode-${mode}`).check();
}

/** Sets the scale, in real milliseconds per unit, as a learner does: type, then leave the field. */
export async function setScale(page, ms) {
  const scale = page.getByTestId("scale");
  await scale.fill(String(ms));
  await scale.press("Tab");
}

/** Runs `mode` and returns the measured and predicted totals the page shows. */
export async function run(page, mode, timeout = 60_000) {
  await chooseMode(page, mode);
  await page.getByTestId("run").click();
  const total = page.getByTestId(`total-${mode}`);
  await total.waitFor({ timeout });
  const predicted = page.getByTestId(`predicted-${mode}`);
  return {
    units: Number(await total.getAttribute("data-units")),
    ms: Number(await total.getAttribute("data-ms")),
    predictedMs: Number(await predicted.getAttribute("data-ms")),
    text: await total.textContent(),
  };
}

/** The latest run as its "Export JSON" download gives it: what e2e/facts.mjs reads. */
export async function exported(page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-json").click()]);
  return JSON.parse(await readFile(await download.path(), "utf8"));
}

/**
 * Runs the recipe on as many cooks (or threads, with `mode` "threads") as the page is set to until
 * a run hands tasks to each of them (or to as many as there are tasks): by then every cook has said it is ready, so the next run starts
 * with them all. While the cooks start, one that is slow to (on a busy machine, slower than the
 * others' first tasks) leaves its tasks to the others, so a run that starts the pool may show
 * fewer cooks at work than it asked for.
 */
export async function warmPool(page, mode = "processes") {
  await chooseMode(page, mode);
  const count = Number(await page.getByTestId("cooks").inputValue());
  for (;;) {
    await run(page, mode);
    const { trace } = (await exported(page)).measured;
    if (new Set(cooksOf(trace).values()).size >= Math.min(count, lives(trace).length)) return;
  }
}

/** The steps of `mode`'s run as its timeline's table lists them: `{ task, step, measured }`, the
 * measured time a `{ start, end }` in the recipe's unit, rounded as the table writes it (to a tenth). */
export async function stepTimes(page, mode) {
  const table = page.getByTestId(`timeline-table-${mode}`);
  if ((await table.getAttribute("open")) === null) await table.locator("summary").click();
  // The rows are written once the table is open.
  await table.locator("tbody tr").first().waitFor();
  const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) =>
    [...tr.querySelectorAll("th, td")].map((cell) => cell.textContent)));
  // "15–60 min (300–1 200 ms)", or "at 15 min (300 ms)" for a step that took no time.
  const times = (text) => {
    const [, start, end] = text.match(/^(?:at )?([\d.]+)(?:–([\d.]+))?/);
    return { start: Number(start), end: Number(end ?? start) };
  };
  return rows.map(([task, step, , measured]) => ({ task, step, measured: times(measured) }));
}

/** The forecast of the chosen mode: its predicted total and longest freeze, in milliseconds. */
export async function forecast(page) {
  const p = page.getByTestId("forecast");
  return {
    ms: Number(await p.getAttribute("data-ms")),
    freezeMs: Number(await p.getAttribute("data-freeze-ms")),
    text: await p.textContent(),
  };
}

/** Collects the page's uncaught errors, so a test can assert there were none. */
export function watchErrors(page) {
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

/** Opens lesson `id` from the library, opening the library's drawer first where it is one. */
export async function openLesson(page, id) {
  const toggle = page.getByTestId("lessons-toggle");
  if ((await toggle.isVisible()) && (await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await page.getByTestId(`lesson-${id}`).click();
  await page.getByTestId(`lesson-${id}`).and(page.locator("[aria-current=page]")).waitFor({ state: "attached" });
}

/** The recipe editor, opening the drawer that holds it if it is closed. */
export async function recipeEditor(page) {
  const editor = page.getByTestId("editor");
  if (!(await editor.isVisible())) await page.getByTestId("show-recipe").click();
  await editor.waitFor();
  return editor;
}

/** Presses Tab until the focused element matches `selector`, as a keyboard user would. */
export async function tabTo(page, selector, presses = 80) {
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Opens the Exercises drawer and the first exercise of `kind`; returns its card. */
export async function openExercise(page, kind) {
  const tab = page.getByTestId("show-exercises");
  if ((await tab.getAttribute("aria-expanded")) !== "true") await tab.click();
  const card = page.locator(`[data-testid=exercise][data-kind=${kind}]`).first();
  if (!(await card.getAttribute("class")).includes("open")) await card.locator(".exercise-title").click();
  await card.getByTestId("exercise-answer").waitFor();
  return card;
}

/** Locks the open answer in and waits for the run's verdict; returns whether it was right. */
export async function lockIn(card) {
  await card.getByTestId("exercise-lock").click();
  const verdict = card.getByTestId("exercise-verdict");
  await verdict.waitFor({ timeout: 30_000 });
  return (await verdict.getAttribute("data-correct")) === "true";
}

/** The stage console's lines, as printed. */
export async function consoleLines(page) {
  const console = page.getByTestId("stage").getByTestId("console");
  if ((await console.count()) === 0) return [];
  return console.locator("li .text").allTextContents();
}

/** From the run's start, the code line marked at each of up to `stops` stops, trimmed (a stop
 * that marks none gives nothing). */
export async function markedLines(page, stops) {
  await page.getByTestId("step-start").click();
  const marked = [];
  for (let i = 0; i < stops; i++) {
    const current = page.getByTestId("code-line-current");
    if ((await current.count()) > 0) marked.push((await current.first().textContent()).trim());
    const next = page.getByTestId("step-next");
    if (await next.isDisabled()) break;
    await next.click();
  }
  return marked;
}
