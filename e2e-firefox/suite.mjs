// The suite that every engine besides Chromium runs on the built page — Firefox here (puppeteer-core
// over WebDriver BiDi), WebKit in e2e-webkit/ (classic WebDriver) — driven like a learner.
//
// A test that fails on a busy machine is a defect, so what is held is what a run's trace shows, never
// how fast it went: the console's order, tasks' lives overlapping in gather and not in blocking, who
// held the thread, and lower bounds — a timer or a busy-wait never ends early, and a freeze is at
// least as long as the stretch that held the thread. Each bound allows two steps of the clock the page
// states (`data-clock-step-ms`), as two readings each up to a step off. How late things were is
// printed for the reader and measured for real in `cargo xtask bench`.
//
// Each engine hands `engineSuite` a launcher whose pages offer the same few learner's actions
// (see `Page` below), so both engines are held to the very same checks.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { departures, eventsOf, frames, gilHolds, gilOverlaps, heartbeatStops, longestFrameGap, longestHold, printed, timerWaits } from "../e2e/facts.mjs";
import { TUTORIAL_PROGRAMS, program, sameLines } from "../e2e/python-programs.mjs";

/**
 * What a test does with a page, in either engine:
 * @typedef {object} Page
 * @property {(css: string) => Promise<void>} click  clicks like a user
 * @property {(fn: Function, ...args: any[]) => Promise<any>} evaluate  runs `fn(...args)` in the page
 * @property {(fn: Function, args?: any[], timeout?: number) => Promise<any>} waitFor  until `fn` is truthy
 * @property {(css: string, text: string) => Promise<void>} fill  types `text` into an emptied field, then Tab
 * @property {() => Promise<object>} exported  the latest run as the page's Export JSON gives it
 * @property {() => Promise<string[]>} errors  uncaught errors so far, in the page and its frames
 * @property {() => Promise<void>} close
 *
 * @typedef {object} Engine
 * @property {string} version
 * @property {(url: string, ready?: string, viewport?: {width: number, height: number}) => Promise<Page>} open
 *   a page of its own (fresh storage), once an element matching `ready` (by default `h2`) is shown, in a
 *   viewport of 1280×720 CSS pixels unless `viewport` says otherwise
 * @property {() => Promise<void>} close
 */

/** The export hook: installed in a page before Export JSON is clicked, it keeps the file the page
 * offers (the blob behind its `<a download>`) instead of letting the browser save it, so that a
 * page's `exported()` can read it back. Drivers differ in how they expose downloads (WebDriver
 * classic not at all); this works the same everywhere. Written as a function to be run in the page. */
export function installExportHook() {
  if (window.__exports) return;
  window.__exports = [];
  const blobs = new Map();
  const create = URL.createObjectURL;
  URL.createObjectURL = function (blob) {
    const url = create.call(URL, blob);
    blobs.set(url, blob);
    return url;
  };
  addEventListener("click", (e) => {
    const link = e.target instanceof HTMLAnchorElement && e.target.hasAttribute("download") ? e.target : null;
    if (link && blobs.has(link.href)) {
      e.preventDefault();
      window.__exports.push(blobs.get(link.href));
    }
  }, true);
}

/** How many files the export hook has kept. Run in the page. */
export function exportCount() {
  return window.__exports.length;
}

/** The text of the last file the export hook kept. Run in the page. */
export function lastExport() {
  return window.__exports.at(-1).text();
}

const ms = (x) => `${x.toFixed(1)} ms`;

/** `items` in lists by their `task`, in order (Node 20 has no `Map.groupBy`). */
function byTask(items) {
  const lists = new Map();
  for (const item of items) lists.set(item.task, [...(lists.get(item.task) ?? []), item]);
  return lists;
}

/** The printed lines as `task: text`, grouped by the moment the prediction prints them: lines
 * predicted at one moment may come in either order, lines predicted at different moments must not. */
function printsByMoment(predicted) {
  const groups = [];
  for (const line of printed(predicted)) {
    if (groups.at(-1)?.at !== line.at) groups.push({ at: line.at, lines: [] });
    groups.at(-1).lines.push(`${line.task}: ${line.text}`);
  }
  return groups.map((g) => g.lines.sort());
}

/** The measured lines cut into the prediction's groups, each sorted, to compare with them. */
function cutLike(groups, measured) {
  const lines = printed(measured).map((l) => `${l.task}: ${l.text}`);
  const cut = groups.map((g) => lines.splice(0, g.length).sort());
  return lines.length ? [...cut, lines] : cut;
}

/**
 * Holds one exported run to what its trace must show against its prediction, whatever the machine's
 * load (`departures` in e2e/facts.mjs, and the console's order, the total and the longest freeze as
 * lower bounds); `stepMs` is the clock's step the page states. Returns how late the run ended, for
 * the log.
 */
export function holdRun(run, stepMs, what) {
  const slack = 2 * stepMs;
  const { measured, predicted } = run;
  assert.deepEqual(departures(run), [], `${what}: the run departs from what its prediction guarantees`);
  // Each timer is armed for its step's planned delay: `setTimeout` takes whole milliseconds, and
  // sleeps due within half a millisecond share a timeout, so the two differ by half of one at most.
  const plannedTimers = byTask(timerWaits(predicted.trace));
  const armedTimers = byTask(timerWaits(measured.trace));
  for (const [task, planned] of plannedTimers) {
    planned.forEach((p, i) => {
      const m = armedTimers.get(task)?.[i];
      assert.ok(m && Math.abs((m.due - m.armed) - (p.due - p.armed)) <= 0.5 + stepMs,
        `${what}: task ${task}'s timer ${i} was armed for ${m ? ms(m.due - m.armed) : "nothing"}, planned ${ms(p.due - p.armed)}`);
    });
  }
  // The console: the same lines from the same tasks, in the prediction's order.
  const groups = printsByMoment(predicted.trace);
  assert.deepEqual(cutLike(groups, measured.trace), groups, `${what}: the console's order differs from the prediction's`);
  // The whole run is no shorter than its prediction, and the page froze at least as long as the
  // thread was held without a break: no frame can be drawn meanwhile. The heartbeat waits up to a
  // second for the frame after a run, which a very busy machine may still not draw in time: the
  // stretch from the last frame to the run's end counts too, as it does in the page's own totals.
  assert.ok(measured.totals.end >= predicted.totals.end - slack,
    `${what}: measured ${ms(measured.totals.end)}, predicted ${ms(predicted.totals.end)} (clock step ${stepMs} ms)`);
  const hold = predicted.totals.longest_hold;
  const drawn = frames(measured.trace);
  const freeze = Math.max(longestFrameGap(measured.trace) ?? 0, measured.trace.end - (drawn.filter((f) => f <= measured.trace.end).at(-1) ?? 0));
  if (hold > 0) {
    assert.ok(freeze >= hold - slack, `${what}: the longest stretch without a frame was ${ms(freeze)}, the thread was held ${ms(hold)}`);
  }
  return measured.totals.end - predicted.totals.end;
}

/** The smallest step `performance.now()` moves by here, in milliseconds: the smallest of eight
 * changes (or of those seen in 50 ms), read as the page reads it (`runtime::clock::step`) but by the
 * test itself, so that what the page states is checked rather than trusted. A pause of the thread
 * only makes a change look larger. Run in the page. */
export function clockStep() {
  const start = performance.now();
  let [last, smallest, changes] = [start, Infinity, 0];
  for (let at = start; changes < 8 && at - start < 50; at = performance.now()) {
    if (at > last) {
      smallest = Math.min(smallest, at - last);
      changes += 1;
      last = at;
    }
  }
  return Number.isFinite(smallest) ? smallest : 50;
}

// ---------------------------------------------------------------------------------------------
// Learner's steps, in the page.

/** Runs `mode` and returns the page's figures for it and the exported run. */
/** Opens the Recipe drawer's tab of `language` (`python` or `rust`) and puts `text` in it, as
 * typing it would. */
async function writeProgram(page, text, language = "python") {
  await page.click("[data-testid=show-recipe]");
  await page.waitFor((language) => document.querySelector(`[data-testid=source-${language}]`), [language], 30_000);
  await page.click(`[data-testid=source-${language}]`);
  await page.waitFor((language) => document.querySelector(`#${language}-text`), [language], 30_000);
  await page.evaluate((text, language) => {
    const area = document.querySelector(`#${language}-text`);
    area.value = text;
    area.dispatchEvent(new InputEvent("input", { bubbles: true }));
  }, text, language);
}

/** Puts `text` in the Python tab. */
const writePython = (page, text) => writeProgram(page, text, "python");

async function runMode(page, mode, timeout = 60_000) {
  await page.click(`[data-testid=mode-${mode}]`);
  // Run as a learner does, once the mode shows as chosen and Run can be pressed: on a machine busy
  // with a second suite, WebKit once waited 60 s for a blocking total after a Run click that reached
  // the page, perhaps pressed before the mode's choice had been drawn.
  await page.waitFor((mode) => document.querySelector(`[data-testid=mode-${mode}]`)?.checked
    && !document.querySelector("[data-testid=run]").disabled, [mode], 30_000);
  // A total already shown is an earlier run's: the card is written anew for the next one.
  await page.evaluate((mode) => { window.__earlierTotal = document.querySelector(`[data-testid=total-${mode}]`); }, mode);
  await page.click("[data-testid=run]");
  await page.waitFor((mode) => {
    const total = document.querySelector(`[data-testid=total-${mode}]`);
    return total !== null && total !== window.__earlierTotal;
  }, [mode], timeout);
  return page.evaluate((mode) => ({
    ms: Number(document.querySelector(`[data-testid=total-${mode}]`).dataset.ms),
    predictedMs: Number(document.querySelector(`[data-testid=predicted-${mode}]`).dataset.ms),
    clockStepMs: Number(document.querySelector("[data-testid=results]").dataset.clockStepMs),
  }), mode);
}

const value = (page, css) => page.evaluate((css) => document.querySelector(css).value, css);

/** Opens lesson `id` from the library, as a learner does (on a projector it is a drawer). */
async function openLesson(page, id) {
  const expanded = await page.evaluate(() => document.querySelector("[data-testid=lessons-toggle]").getAttribute("aria-expanded"));
  if (expanded !== "true") await page.click("[data-testid=lessons-toggle]");
  await page.click(`[data-testid=lesson-${id}]`);
  await page.waitFor((id) => document.querySelector(`[data-testid=lesson-${id}][aria-current=page]`), [id]);
}

/** The recipe's text, from the editor, its drawer opened if it is closed (its tab says whether:
 * the editor itself may be between two renders). */
async function recipeText(page) {
  const open = await page.evaluate(() => document.querySelector("[data-testid=show-recipe]").getAttribute("aria-expanded"));
  if (open !== "true") await page.click("[data-testid=show-recipe]");
  await page.waitFor(() => document.querySelector("[data-testid=editor]"));
  return value(page, "[data-testid=editor]");
}

/**
 * A scale at which the lesson's blocking run takes about 100 to 300 ms, in whole milliseconds per
 * unit, so that every step (the lessons' numbers are whole) lasts whole milliseconds: `setTimeout`
 * takes whole milliseconds, and a wait of 33.3 ms would be armed for 33, a third of a millisecond
 * short of its prediction. A step is at least ten ticks of the clock: a busy-wait on a clock that
 * ticks by the millisecond cannot see half a millisecond pass (the tiny-tasks lesson's half-
 * millisecond steps take twice their time at its own scale in Firefox and WebKit).
 */
export function testScale(scale, blockingMs, shortestStep, clockStepMs) {
  const units = blockingMs / scale;
  let wanted = scale;
  if (blockingMs > 300) wanted = 300 / units;
  if (blockingMs < 100 && blockingMs > 0) wanted = 100 / units;
  if (Number.isFinite(shortestStep)) wanted = Math.max(wanted, (10 * clockStepMs) / shortestStep);
  return Math.max(1, Math.round(wanted));
}

// ---------------------------------------------------------------------------------------------

/** Registers the suite for `name` (such as "Firefox"), whose pages come from `launch()`. */
/** The suite in engine `name`: `launch` starts the browser, `serve(options)` the built site (with
 * `{ isolated: true }`, cross-origin isolated), `servePage(html)` a course page on another origin. */
export function engineSuite(name, { launch, serve, servePage }) {
  let server;
  let engine;

  before(async () => {
    server = await serve();
    engine = await launch();
    console.log(`# ${engine.version}`);
  });

  after(async () => {
    await engine?.close();
    await server?.close();
  });

  test(`every lesson keeps in gather and blocking to what its prediction's trace shows, in ${name}`, { timeout: 600_000 }, async () => {
    const page = await engine.open(server.url);
    const ids = await page.evaluate(() => [...document.querySelectorAll("[data-testid^=lesson-]")].map((b) => b.dataset.testid.slice("lesson-".length)));
    assert.ok(ids.length >= 17, `the library lists ${ids.length} lessons`);
    await page.evaluate(installExportHook);
    const late = [];
    for (const id of ids) {
      await openLesson(page, id);
      if (id === "ten-thousand-timers") {
        // Its trace is 15 MB: held by its totals. Gathered, 10 000 waits of 50 ms end after about
        // 50 ms; one after another they would take 500 s, so ending before half of that proves they
        // overlapped, on any machine.
        const gather = await runMode(page, "gather", 120_000);
        console.log(`# ${id}: gather ${ms(gather.ms)}, predicted ${ms(gather.predictedMs)}`);
        assert.ok(gather.ms >= gather.predictedMs - 2 * gather.clockStepMs, `${id}: measured ${ms(gather.ms)}, predicted ${ms(gather.predictedMs)}`);
        assert.ok(gather.ms < (10_000 * 50) / 2, `${id}: ${ms(gather.ms)}: the waits did not overlap`);
        continue;
      }
      await page.click("[data-testid=mode-blocking]");
      const blockingMs = await page.evaluate(() => Number(document.querySelector("[data-testid=forecast]").dataset.ms));
      const scale = Number(await value(page, "[data-testid=scale]"));
      const steps = [...(await recipeText(page)).matchAll(/\b(?:work|wait) (\d+)/g)].map((m) => Number(m[1]));
      const wanted = testScale(scale, blockingMs, Math.min(...steps), await page.evaluate(clockStep));
      if (wanted !== scale) await page.fill("[data-testid=scale]", String(wanted));
      for (const mode of ["gather", "blocking"]) {
        const got = await runMode(page, mode);
        assert.ok(got.clockStepMs > 0 && got.clockStepMs <= 20, `${id}: the page states a clock step of ${got.clockStepMs} ms`);
        const run = await page.exported();
        assert.equal(run.mode, mode);
        assert.equal(run.clock_step_ms, got.clockStepMs, `${id}: the export states the page's clock step`);
        assert.equal(run.measured.totals.end.toFixed(3), got.ms.toFixed(3), `${id}: the result card shows the exported total`);
        const lateMs = holdRun(run, got.clockStepMs, `${id} ${mode}`);
        late.push(lateMs);
        console.log(`# ${id}: ${mode} ${ms(got.ms)}, predicted ${ms(got.predictedMs)} at ${run.scale_ms} ms per ${run.unit}`);
        if (mode === "gather") {
          // Where the tutorial prints in an order of its own, the page says whether the run kept it.
          const order = await page.evaluate(() => document.querySelector(".console .order")?.className ?? null);
          if (order !== null) assert.equal(order, "order same", `${id}: the console's order differs from the tutorial's`);
        }
      }
    }
    late.sort((a, b) => a - b);
    console.log(`# ${name}: runs ended after their predictions by a median ${ms(late[late.length >> 1])}, at most ${ms(late.at(-1))} (${late.length} runs)`);
    assert.deepEqual(await page.errors(), []);
    await page.close();
  });

  test(`count() prints in the tutorials' order in gather and as plain calls, in ${name}`, { timeout: 60_000 }, async () => {
    const page = await engine.open(`${server.url}#lesson=count&scale=50`);
    const lines = () => page.evaluate(() => [...document.querySelectorAll("[data-testid=console] li .text")].map((i) => i.textContent));
    await runMode(page, "gather");
    assert.deepEqual(await lines(), ["One", "One", "One", "Two", "Two", "Two"]);
    await runMode(page, "blocking");
    assert.deepEqual(await lines(), ["One", "Two", "One", "Two", "One", "Two"]);
    const step = await page.evaluate(() => document.querySelector("[data-testid=clock-step]").textContent);
    assert.match(step, /^ticks every [0-9.]+ ms: lateness below that is noise$/);
    assert.deepEqual(await page.errors(), []);
    await page.close();
  });

  test(`the cake runs in each way, the lens showing its future in Suspend0 with the oven's timer, then Returned, in ${name}`, { timeout: 90_000 }, async () => {
    const page = await engine.open(`${server.url}#lesson=cake&mode=gather`);
    await page.click("[data-testid=tab-rust]");
    const code = () => page.evaluate(() => document.querySelector("[data-testid=code]")?.textContent ?? "");
    const lens = (task) => page.evaluate((task) => {
      const entry = document.querySelector(`[data-testid=loop-state][data-task="${task}"]`);
      return entry && { state: entry.dataset.state, text: entry.textContent };
    }, task);
    for (const [way, marker] of [["callbacks", "Timeout::new(ms(45), move || {"], ["state-machine", "enum Cake {"]]) {
      await page.click(`[data-testid=way-${way}]`);
      await page.waitFor((marker) => document.querySelector("[data-testid=code]")?.textContent.includes(marker), [marker], 30_000);
      await runMode(page, "gather");
      assert.ok((await code()).includes(marker), `${way}: the code stays written that way after the run`);
      // While groceries holds the thread, the cake is in the oven.
      await page.click("[data-testid=step-start]");
      for (let i = 0; i < 40; i++) {
        const thread = await page.evaluate(() => document.querySelector("[data-testid=loop-thread]").textContent);
        if (thread.includes("groceries")) break;
        await page.click("[data-testid=step-next]");
      }
      const cake = await lens("cake");
      assert.equal(cake?.state, "Suspend0", `${way}: ${cake?.text}`);
      assert.ok(Number(cake.text.match(/(?:due|fires) at ([\d.]+) min/)?.[1]) >= 60, `${way}: ${cake.text}`);
      await page.click("[data-testid=step-end]");
      assert.equal((await lens("cake"))?.state, "Returned", `${way}: the cake at the end`);
    }
    assert.deepEqual(await page.errors(), []);
    await page.close();
  });

  test(`the lesson on the three ways opens as callbacks, and a state picked and locked in is judged by the run, in ${name}`, { timeout: 90_000 }, async () => {
    const page = await engine.open(`${server.url}#lesson=three-ways`);
    await page.click("[data-testid=tab-rust]");
    await page.waitFor(() => document.querySelector("[data-testid=code]")?.textContent.includes("Timeout::new(ms(45), move || {"), [], 30_000);
    assert.equal(await page.evaluate(() => document.querySelector("[data-testid=way-callbacks]").getAttribute("aria-pressed")), "true");
    // Which state cake's future is in when groceries returns: Suspend0, in the oven.
    await page.click("[data-testid=show-exercises]");
    await page.waitFor(() => document.querySelector("[data-testid=exercise][data-kind=state-at] .exercise-title"), [], 30_000);
    await page.click("[data-testid=exercise][data-kind=state-at] .exercise-title");
    await page.waitFor(() => document.querySelector("[data-testid=exercise][data-kind=state-at].open input[type=radio]"));
    const picks = await page.evaluate(() => [...document.querySelectorAll("[data-testid=exercise][data-kind=state-at] label")].map((l) => l.textContent.trim()));
    assert.deepEqual(picks, ["Unresumed", "Suspend0", "Returned"]);
    await page.click("[data-testid=exercise][data-kind=state-at] label:nth-of-type(2) input");
    await page.click("[data-testid=exercise].open [data-testid=exercise-lock]");
    await page.waitFor(() => document.querySelector("[data-testid=exercise-verdict]"), [], 30_000);
    const verdict = await page.evaluate(() => document.querySelector("[data-testid=exercise-verdict]").textContent);
    assert.match(verdict, /Right: when groceries returned, cake's future was in Suspend0/);
    assert.deepEqual(await page.errors(), []);
    await page.close();
  });

  test(`the exercises' code loads when the drawer first opens and judges an answer, in ${name}`, { timeout: 60_000 }, async () => {
    const page = await engine.open(`${server.url}#lesson=count&scale=50`);
    // What the page fetched, by file name: the drawer's code is a chunk of its own
    // (src/components/lazy.rs), which the first look does not fetch.
    const chunks = () => page.evaluate(() => performance.getEntriesByType("resource")
      .map((e) => e.name.split("/").pop())
      .filter((n) => /^async-kitchen-[0-9a-f]+_exercises\.wasm$/.test(n)));
    assert.deepEqual(await chunks(), [], "the first look fetches no exercise code");
    await page.click("[data-testid=show-exercises]");
    await page.waitFor(() => document.querySelector("[data-testid=exercise].open [data-testid=exercise-lock]:not([disabled])"), [], 30_000);
    assert.equal((await chunks()).length, 1, "the drawer's code is fetched once it opens");
    await page.click("[data-testid=exercise].open [data-testid=exercise-lock]");
    await page.waitFor(() => document.querySelector("[data-testid=exercise-verdict]"), [], 30_000);
    assert.deepEqual(await page.errors(), []);
    await page.close();
  });

  test(`an open, unanswered exercise hides the prediction it asks about until it is locked in, in ${name}`, { timeout: 60_000 }, async () => {
    const page = await engine.open(`${server.url}#lesson=count&scale=50`);
    // What is on screen of gather's prediction: the forecast's total, the chart's planned end, the
    // stage's console lines.
    const shown = () => page.evaluate(() => ({
      forecastMs: document.querySelector("[data-testid=forecast]").dataset.ms ?? null,
      planned: document.querySelectorAll("[data-testid=timeline-predicted-gather] .marker.planned").length,
      lines: document.querySelectorAll("[data-testid=stage] [data-testid=console] li").length,
    }));
    await page.waitFor(() => document.querySelectorAll("[data-testid=stage] [data-testid=console] li").length === 6);
    assert.deepEqual(await shown(), { forecastMs: "50.000", planned: 1, lines: 6 });
    // count()'s first exercise asks gathered order: opened, its prediction leaves the screen.
    await page.click("[data-testid=show-exercises]");
    await page.waitFor(() => document.querySelector("[data-testid=exercise].open [data-testid=exercise-lock]:not([disabled])"), [], 30_000);
    await page.waitFor(() => document.querySelector("[data-testid=console-hidden]"));
    assert.deepEqual(await shown(), { forecastMs: null, planned: 0, lines: 0 });
    // Locked in and run: the forecast is back, and the run's console and the prediction's.
    await page.click("[data-testid=exercise].open [data-testid=exercise-lock]");
    await page.waitFor(() => document.querySelector("[data-testid=exercise-verdict]"), [], 30_000);
    await page.click("[data-testid=stage-predicted]");
    await page.waitFor(() => document.querySelector("[data-testid=timeline-predicted-gather]"));
    assert.deepEqual(await shown(), { forecastMs: "50.000", planned: 1, lines: 6 });
    assert.deepEqual(await page.errors(), []);
    await page.close();
  });

  test(`a share link made in ${name} opens the same recipe, compressed in the fragment`, { timeout: 60_000 }, async () => {
    const page = await engine.open(`${server.url}#lesson=chores`);
    const edited = (await recipeText(page)) + "\ntask extra\n  wait 5 \"one more thing\"\n";
    await page.evaluate((text) => {
      const area = document.querySelector("[data-testid=editor]");
      area.value = text;
      area.dispatchEvent(new InputEvent("input", { bubbles: true }));
    }, edited);
    await page.click("[data-testid=mode-spawn]");
    await page.click("[data-testid=share]");
    await page.waitFor(() => document.querySelector("[data-testid=share-link]"));
    const link = await value(page, "[data-testid=share-link]");
    assert.match(link, /#lesson=chores&mode=spawn&z=/);
    assert.deepEqual(await page.errors(), []);
    await page.close();
    // A page of its own, with none of the first one's saved work.
    const other = await engine.open(link);
    await recipeText(other);
    await other.waitFor((text) => document.querySelector("[data-testid=editor]")?.value === text, [edited]);
    assert.ok(await other.evaluate(() => document.querySelector("[data-testid=mode-spawn]").checked));
    assert.deepEqual(await other.errors(), []);
    await other.close();
  });

  test(`a share link made in ${name} carries the learner's Python, which opens in the Python editor and runs as written`, { timeout: 90_000 }, async () => {
    const program = TUTORIAL_PROGRAMS.find((p) => p.name === "t002_count_async");
    const page = await engine.open(server.url);
    await writePython(page, program.source);
    await page.waitFor(() => document.querySelector("[data-testid=mode-as-written]")?.checked);
    await page.click("[data-testid=share]");
    const link = await page.waitFor(() => {
      const value = document.querySelector("[data-testid=share-link]")?.value;
      return value?.includes("lang=python") ? value : null;
    });
    assert.match(link, /&lang=python&(z|recipe)=/);
    assert.deepEqual(await page.errors(), []);
    await page.close();
    // A page of its own, with none of the first one's saved work: the program is in its Python
    // editor, runs as written and prints what CPython prints.
    const other = await engine.open(link);
    await other.waitFor((text) => document.querySelector("#python-text")?.value === text, [program.source], 30_000);
    await other.waitFor(() => document.querySelector("[data-testid=mode-as-written]")?.checked
      && !document.querySelector("[data-testid=run]").disabled);
    await other.click("[data-testid=run]");
    await other.waitFor(() => document.querySelector("[data-testid=total-as-written]"), [], 60_000);
    const lines = await other.evaluate(() =>
      [...document.querySelectorAll("[data-testid=stage] [data-testid=console] li .text")].map((t) => t.textContent));
    assert.ok(sameLines(lines, program.lines), `printed ${JSON.stringify(lines)}, CPython prints ${JSON.stringify(program.lines)}`);
    assert.deepEqual(await other.errors(), []);
    await other.close();
  });

  test(`the async chapter's first example, pasted into the Rust editor, prints what Tokio prints, in ${name}`, { timeout: 90_000 }, async () => {
    const source = readFileSync(new URL("../crates/model/src/rust/corpus/r_trpl_first_example.rs", import.meta.url), "utf8");
    const page = await engine.open(server.url);
    await writeProgram(page, source, "rust");
    await page.waitFor(() => document.querySelector("[data-testid=mode-as-written]")?.checked
      && !document.querySelector("[data-testid=run]").disabled, [], 30_000);
    await page.click("[data-testid=run]");
    await page.waitFor(() => document.querySelector("[data-testid=total-as-written]"), [], 60_000);
    const lines = await page.evaluate(() =>
      [...document.querySelectorAll("[data-testid=stage] [data-testid=console] li .text")].map((t) => t.textContent));
    // Tokio's current-thread runtime: main first at each tick, the spawned task dropped at 2 s.
    const tokio = [1, 2, 3, 4].flatMap((i) => [`hi number ${i} from the second task!`, `hi number ${i} from the first task!`]);
    assert.deepEqual(lines, tokio);
    assert.deepEqual(await page.errors(), []);
    await page.close();
  });

  test(`a program's worker processes run as written on two cooks and print what CPython prints, in ${name}`, { timeout: 90_000 }, async () => {
    const page = await engine.open(server.url);
    await writePython(page, program("p_process_pool_work"));
    await page.waitFor(() => document.querySelector("[data-testid=mode-as-written]")?.checked
      && !document.querySelector("[data-testid=run]").disabled);
    await page.click("[data-testid=run]");
    await page.waitFor(() => document.querySelector("[data-testid=total-as-written]"), [], 60_000);
    const lines = await page.evaluate(() =>
      [...document.querySelectorAll("[data-testid=stage] [data-testid=console] li .text")].map((t) => t.textContent));
    // Which job's work ends first depends on the cores each cook gets, as with CPython's worker
    // processes on a loaded machine: both lines come before main's, in either order.
    const expected = ["slicing done", "dicing done", "all done: [0.5, 1.0]", "in ⟨clock⟩ s"];
    const jobsFirst = [...lines.slice(0, 2)].sort().reverse().concat(lines.slice(2));
    assert.ok(sameLines(jobsFirst, expected), `printed ${JSON.stringify(lines)}, CPython prints ${JSON.stringify(expected)}`);
    // The jobs ran on two cooks, which the event loop panel names.
    const cooks = await page.evaluate(() => document.querySelector("[data-testid=loop-cooks]")?.textContent ?? "");
    assert.match(cooks, /cook 1.*cook 2/s);
    assert.deepEqual(await page.errors(), []);
    await page.close();
  });

  test(`the threads lessons run on threads that take turns on the GIL, and free-threaded ones compute at once, in ${name}`, { timeout: 120_000 }, async () => {
    const page = await engine.open(`${server.url}?lesson=threads-for-chopping`);
    await page.evaluate(installExportHook);
    await runMode(page, "threads");
    const { measured: { trace } } = await page.exported();
    // Two threads with the GIL never hold it at once (beyond their clocks' step), and hand it
    // over many times; what the trace shows, not how long it took.
    const held = gilHolds(trace);
    const both = gilOverlaps(trace);
    assert.ok(both.every((ms) => ms <= 2), `two threads held the GIL at once: ${both.map((ms) => ms.toFixed(2))}`);
    const handovers = held.filter((h, i) => i > 0 && h.task !== held[i - 1].task).length;
    assert.ok(handovers >= 20, `${handovers} hand-overs`);
    assert.ok(await page.evaluate(() => document.querySelector("[data-testid=gil-lane]") !== null), "the GIL's row is drawn");
    console.log(`# threads in ${name}: ${handovers} hand-overs`);
    // Free-threaded: the switch, then no lock and no one waiting for one.
    await page.click("[data-testid=free-threaded]");
    await page.waitFor(() => document.querySelector("[data-testid=free-threaded]")?.checked
      && !document.querySelector("[data-testid=run]").disabled, [], 30_000);
    await page.click("[data-testid=run]");
    await page.waitFor(() => document.querySelector("[data-testid=total-free-threaded]"), [], 60_000);
    const free = (await page.exported()).measured.trace;
    assert.deepEqual(eventsOf(free, "Threads").map((t) => t.free_threaded), [true]);
    assert.equal(eventsOf(free, "GilWanted").length, 0);
    // Five downloads on five threads: their sleeps overlap.
    await openLesson(page, "threads-for-downloads");
    await runMode(page, "threads");
    const downloads = (await page.exported()).measured.trace;
    const sleeps = eventsOf(downloads, "StepStart").filter((s) => s.activity === "Await");
    const ends = eventsOf(downloads, "StepEnd").filter((e) => sleeps.some((s) => s.task === e.task && JSON.stringify(s.step) === JSON.stringify(e.step)));
    assert.equal(ends.length, 5);
    assert.ok(Math.max(...sleeps.map((s) => s.at)) < Math.min(...ends.map((e) => e.at)), "the five sleeps overlap");
    assert.deepEqual(await page.errors(), []);
    await page.close();
  });

  test(`on a cross-origin-isolated page the GIL is a lock in the threads' shared memory where the engine has it, and they still take turns, in ${name}`, { timeout: 120_000 }, async () => {
    const isolated = await serve({ isolated: true });
    try {
      const page = await engine.open(`${isolated.url}?lesson=threads-for-chopping`);
      await page.evaluate(installExportHook);
      assert.equal(await page.evaluate(() => self.crossOriginIsolated), true, "the page is cross-origin isolated");
      // WebKitGTK's MiniBrowser says it is isolated and has no SharedArrayBuffer: the page then
      // keeps the lock, as it does on a page that is not isolated. Firefox has shared memory.
      const shared = await page.evaluate(() => typeof SharedArrayBuffer === "function");
      if (name === "Firefox") assert.ok(shared, "Firefox shares memory on an isolated page");
      await runMode(page, "threads");
      const { measured: { trace } } = await page.exported();
      assert.deepEqual(eventsOf(trace, "Threads").map((t) => [t.free_threaded, t.shared_memory]), [[false, shared]]);
      const held = gilHolds(trace);
      const both = gilOverlaps(trace);
      assert.ok(both.every((ms) => ms <= 2), `two threads held the GIL at once: ${both.map((ms) => ms.toFixed(2))}`);
      const handovers = held.filter((h, i) => i > 0 && h.task !== held[i - 1].task).length;
      assert.ok(handovers >= 20, `${handovers} hand-overs`);
      console.log(`# threads, the GIL ${shared ? "in shared memory" : "kept by the page"}, in ${name}: ${handovers} hand-overs`);
      assert.deepEqual(await page.errors(), []);
      await page.close();
    } finally {
      await isolated.close();
    }
  });

  test(`the four ways' table fills from real runs, and a cell puts its run on the stage, in ${name}`, { timeout: 240_000 }, async () => {
    const page = await engine.open(`${server.url}?lesson=four-ways`, "[data-testid=four-ways-run]");
    await page.waitFor(() => !document.querySelector("[data-testid=four-ways-run]").disabled, [], 30_000);
    await page.click("[data-testid=four-ways-run]");
    await page.waitFor(() => document.querySelectorAll("[data-testid=four-ways] td[data-ms]").length === 8
      && !document.querySelector("[data-testid=four-ways-run]").disabled, [], 200_000);
    const ids = await page.evaluate(() => [...document.querySelectorAll("[data-testid=four-ways] td[data-ms]")].map((td) => td.dataset.testid));
    assert.deepEqual(ids, ["blocking", "threads", "gather", "processes"].flatMap((m) => [`four-ways-${m}-io`, `four-ways-${m}-cpu`]));
    // The CPU-bound threads cell puts chop and dice's run on the stage.
    await page.click("[data-testid=four-ways-threads-cpu] button");
    await page.waitFor(() => /Threads for chopping/.test(document.querySelector("[data-testid=timeline-threads]")?.textContent ?? ""), [], 30_000);
    assert.deepEqual(await page.errors(), []);
    await page.close();
  });

  test(`the recipe and the learner's Python are written from each other, and the modes run the Python's tasks, in ${name}`, { timeout: 90_000 }, async () => {
    const program = TUTORIAL_PROGRAMS.find((p) => p.name === "t000_test_async");
    const page = await engine.open(server.url);
    await page.click("[data-testid=show-recipe]");
    await page.waitFor(() => document.querySelector("[data-testid=source-python]"), [], 30_000);
    await page.click("[data-testid=source-python]");
    // Before the learner writes any, the tab is the recipe's twin, and says so.
    await page.waitFor(() => /Written from the recipe/.test(document.querySelector("[data-testid=written-from]")?.textContent ?? ""), [], 30_000);
    const type = (selector, text) => page.evaluate((selector, text) => {
      const area = document.querySelector(selector);
      area.value = text;
      area.dispatchEvent(new InputEvent("input", { bubbles: true }));
    }, selector, text);
    await type("#python-text", program.source);
    await page.waitFor(() => document.querySelector("[data-testid=mode-as-written]")?.checked);
    // The Recipe tab is the program's tasks, which the other modes run.
    await page.click("[data-testid=source-recipe]");
    await page.waitFor(() => document.querySelector("#recipe-text")?.value.includes("task example_coroutine x5"));
    await page.click("[data-testid=mode-blocking]");
    const forecast = (ms) => page.waitFor((ms) => Number(document.querySelector("[data-testid=forecast]")?.getAttribute("data-ms")) === ms, [ms]);
    await forecast(1500);
    // Edited, the recipe is the program: the Python tab is its twin, and the learner's is kept.
    await type("#recipe-text", (await value(page, "#recipe-text")).replace("x5", "x2"));
    await forecast(600);
    await page.click("[data-testid=source-python]");
    await page.waitFor(() => document.querySelector("[data-testid=lead-python]"));
    await page.click("[data-testid=lead-python]");
    await page.waitFor((text) => document.querySelector("#python-text")?.value === text, [program.source]);
    await page.waitFor(() => document.querySelector("[data-testid=mode-as-written]")?.checked);
    assert.deepEqual(await page.errors(), []);
    await page.close();
  });

  test(`an embedded lesson on another origin runs and reports to its course page, in ${name}`, { timeout: 60_000 }, async () => {
    const src = `${server.url}#lesson=count&mode=gather&scale=50&autorun=1&embed=1`;
    const course = await servePage(`<!DOCTYPE html><title>Course page</title><h1>Week 3</h1>
      <iframe id="kitchen" title="Async Kitchen" src="${src}" style="width:100%;border:0" height="600"></iframe>
      <script>
        window.messages = [];
        addEventListener("message", (e) => { if (e.source === document.getElementById("kitchen").contentWindow) window.messages.push(e.data); });
      </script>`);
    try {
      const page = await engine.open(course.url, "iframe");
      const message = await page.waitFor(() => window.messages.find((m) => m && m.type === "async-kitchen:run"), [], 20_000);
      assert.equal(message.lesson, "count");
      assert.equal(message.mode, "gather");
      assert.equal(message.cancelled, false);
      // Three counts of one second each, gathered at 50 ms a second: no shorter than one second, but
      // for two steps of the clock (which the course page's clock shares with the frame's).
      const stepUnits = (2 * (await page.evaluate(clockStep))) / message.scale_ms;
      assert.ok(message.measured.total_units >= message.predicted.total_units - stepUnits,
        `count() gathered in ${message.measured.total_units} s, predicted ${message.predicted.total_units} s`);
      console.log(`# embedded count(): ${message.measured.total_units.toFixed(3)} s, predicted ${message.predicted.total_units} s`);
      const subjects = await page.evaluate(() => window.messages.map((m) => m.subject ?? m.type));
      assert.ok(subjects.includes("SPLICE.getState") && subjects.includes("lti.frameResize"), JSON.stringify(subjects));
      assert.deepEqual(await page.errors(), []);
      await page.close();
    } finally {
      await course.close();
    }
  });
  test(`the chart keeps every lane at 125 % zoom, and on a phone fits its screen beside a whole story, in ${name}`, { timeout: 120_000 }, async () => {
    const lanes = (page) => page.evaluate(() => [...document.querySelectorAll("[data-testid=stage] #timeline-svg-gather .task-row .lane-label")].map((l) => l.textContent));
    // 125 % zoom of a 1280×720 window lays the page out in 1024×576 CSS pixels.
    for (const [id, names] of [["cake", ["cake", "groceries"]], ["chores", ["laundry", "evening", "plants"]]]) {
      const page = await engine.open(`${server.url}#lesson=${id}`, "h2", { width: 1024, height: 576 });
      await runMode(page, "gather");
      assert.deepEqual(await lanes(page), names, `${id} at 1024×576`);
      assert.deepEqual(await page.errors(), []);
      await page.close();
    }
    const phone = await engine.open(`${server.url}#lesson=chores`, "h2", { width: 390, height: 844 });
    // The story drawer, open as the lesson opens, holds its Try this whole: no box cuts it.
    const cut = await phone.evaluate(() => {
      const el = document.querySelector(".try-this");
      const r = el.getBoundingClientRect();
      for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
        const b = box.getBoundingClientRect();
        const top = b.top + box.clientTop;
        if (getComputedStyle(box).overflowY !== "visible" && r.bottom > top + box.clientHeight + 0.5) return box.className;
      }
      return null;
    });
    assert.equal(cut, null, "Try this is cut off");
    await runMode(phone, "gather");
    assert.deepEqual(await lanes(phone), ["laundry", "evening", "plants"]);
    const charts = await phone.evaluate(() => [...document.querySelectorAll("figure.timeline")].map((figure) => {
      const box = figure.querySelector(".timeline-scroll");
      const svg = box.querySelector("svg.tl-svg").getBoundingClientRect();
      const cue = figure.querySelector("[data-testid=scroll-cue]");
      return { id: figure.dataset.testid, svg: svg.width, right: svg.right, box: box.clientWidth, screen: innerWidth, cue: cue !== null && cue.getBoundingClientRect().height > 0 };
    }));
    console.log(`# ${name} at 390×844: ${JSON.stringify(charts)}`);
    for (const chart of charts) {
      const fits = chart.svg <= chart.box + 0.5 && chart.right <= chart.screen + 0.5;
      assert.ok(fits || chart.cue, `${chart.id} is cut off without a scroll cue: ${JSON.stringify(chart)}`);
    }
    assert.deepEqual(await phone.errors(), []);
    await phone.close();
  });

  test(`a typo keeps the chart, marked out of date, with its error above the text, in ${name}`, { timeout: 60_000 }, async () => {
    const page = await engine.open(`${server.url}#lesson=cake&mode=gather`);
    const good = await recipeText(page);
    const typed = (text) => page.evaluate((text) => {
      const area = document.querySelector("[data-testid=editor]");
      area.value = text;
      area.dispatchEvent(new InputEvent("input", { bubbles: true }));
    }, text);
    await typed(good.replace("\n  wait 45 ", "\n  wiat 45 "));
    await page.waitFor(() => document.querySelector("[data-testid=out-of-date]"));
    const seen = await page.evaluate(() => {
      const error = document.querySelector("[data-testid=errors] li");
      const area = document.querySelector("[data-testid=editor]");
      return {
        chart: document.querySelector("[data-testid=stage] [data-testid^=timeline-]") !== null,
        code: document.querySelector("[data-testid=code]") !== null,
        errorAbove: error !== null && error.getBoundingClientRect().bottom <= area.getBoundingClientRect().top,
        reference: document.querySelector("[data-testid=steps-reference]") !== null,
        runs: !document.querySelector("[data-testid=run]").disabled,
      };
    });
    assert.deepEqual(seen, { chart: true, code: true, errorAbove: true, reference: true, runs: false });
    await typed(good);
    await page.waitFor(() => !document.querySelector("[data-testid=out-of-date]") && !document.querySelector("[data-testid=run]").disabled);
    assert.deepEqual(await page.errors(), []);
    await page.close();
  });

  test(`the Embed snippet, pasted into a course page on another origin, fits its frame to the page's height, in ${name}`, { timeout: 60_000 }, async () => {
    const page = await engine.open(`${server.url}#lesson=count&mode=gather`);
    await page.click("[data-testid=embed]");
    const snippet = await page.waitFor(() => {
      const text = document.querySelector("[data-testid=embed-snippet]")?.value ?? "";
      return text.includes("</script>") && text;
    });
    assert.deepEqual(await page.errors(), []);
    await page.close();
    // The course page records every height message it hears, from anyone; only the snippet's own
    // script sizes the frame.
    const course = await servePage(`<!DOCTYPE html><title>Course page</title><h1>Week 3</h1>
      <script>
        window.heights = [];
        addEventListener("message", (e) => { if (e.data && e.data.type === "async-kitchen:height") window.heights.push(e.data.height); });
      </script>
      ${snippet}<p>After the lesson.</p>`);
    try {
      const page = await engine.open(course.url, "iframe");
      const fitted = () => page.waitFor(() => {
        const frame = document.querySelector("iframe");
        const mine = window.heights.filter((h) => h !== 7);
        return mine.length > 0 && frame.getBoundingClientRect().height === mine.at(-1) && mine.at(-1);
      }, [], 30_000);
      const height = await fitted();
      assert.ok(height > 200, `the frame is ${height} px tall`);
      // A height from the course page itself, not from the frame, is ignored.
      await page.evaluate(() => window.postMessage({ type: "async-kitchen:height", height: 7 }, "*"));
      await page.waitFor(() => window.heights.at(-1) === 7);
      assert.equal(await page.evaluate(() => document.querySelector("iframe").getBoundingClientRect().height), height);
      console.log(`# the embedded count() lesson fitted to ${height} px`);
      assert.deepEqual(await page.errors(), []);
      await page.close();
    } finally {
      await course.close();
    }
  });

  test(`Escape closes the Lessons drawer, focus back on its button, and Present restyles the page, in ${name}`, { timeout: 60_000 }, async () => {
    const page = await engine.open(`${server.url}#lesson=cake&scale=2`);
    await page.click("[data-testid=lessons-toggle]");
    await page.waitFor(() => document.querySelector("#library [data-testid=lesson-count]")?.offsetParent);
    // Escape pressed in the drawer: a key event as the browser sends it (WebDriver classic has no
    // key for the page alone), from the lesson focused in it.
    await page.evaluate(() => {
      const lesson = document.querySelector("#library [data-testid=lesson-count]");
      lesson.focus();
      lesson.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    });
    await page.waitFor(() => document.querySelector("[data-testid=lessons-toggle]").getAttribute("aria-expanded") === "false");
    assert.equal(await page.evaluate(() => document.querySelector("#library").offsetParent), null, "the drawer is closed");
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "lessons-toggle");

    // Present: the times in minutes only, no planned strip, the key beside the stage's chart.
    const forecast = () => page.evaluate(() => document.querySelector("[data-testid=forecast]").textContent);
    assert.match(await forecast(), /min \([\d\s\u202f]+ ms\)/);
    await page.click("[data-testid=mode-gather]");
    await page.click("[data-testid=run]");
    await page.waitFor(() => document.querySelector("[data-testid=total-gather]"), [], 30_000);
    await page.click("[data-testid=present]");
    await page.waitFor(() => document.documentElement.classList.contains("present"));
    assert.match(await forecast(), /^Predicted: [\d.]+ min\./);
    const shown = await page.evaluate(() => {
      const plan = document.querySelector("[data-testid=timeline-gather] .plan");
      const key = document.querySelector(".stage .timeline-legend")?.getBoundingClientRect();
      const chart = document.querySelector("[data-testid=timeline-gather]").getBoundingClientRect();
      return { plan: getComputedStyle(plan).display, beside: key ? key.left >= chart.right - 1 && key.top < chart.bottom : false };
    });
    assert.deepEqual(shown, { plan: "none", beside: true });
    await page.click("[data-testid=present]");
    await page.waitFor(() => !document.documentElement.classList.contains("present"));
    assert.deepEqual(await page.errors(), []);
    await page.close();
  });
  test(`the live heartbeat stops while a blocking run holds the thread, and Compare's table lists each mode, in ${name}`, { timeout: 180_000 }, async () => {
    const page = await engine.open(`${server.url}#lesson=cake`);
    await page.evaluate(installExportHook);
    const beat = () => page.evaluate(() => {
      const e = document.querySelector("[data-testid=heartbeat-live]");
      return { beats: Number(e.dataset.beats ?? 0), stops: e.dataset.stops ?? "" };
    });
    // Idle, it beats: its count rises frame after frame.
    const idle = await beat();
    await page.waitFor((b) => Number(document.querySelector("[data-testid=heartbeat-live]").dataset.beats) >= b + 30, [idle.beats]);
    // Held, it stops: the page's own frames cannot run while a blocking run holds the thread, so
    // one of its stops since the run began lasts the run's hold at least (less two steps of the clock).
    const before = await beat();
    const { ms } = await runMode(page, "blocking");
    const after = await beat();
    const { measured, clock_step_ms: step } = await page.exported();
    const hold = longestHold(measured.trace, 2 * step);
    const held = hold.end - hold.start;
    assert.ok(held >= 0.9 * ms, `held ${held} ms of a ${ms} ms run`);
    const stops = heartbeatStops(after.stops).filter((s) => s.beat > before.beats);
    assert.ok(stops.some((s) => s.ms >= held - 2 * step), `stops since beat ${before.beats}: ${JSON.stringify(stops)}; held ${held} ms`);
    console.log(`# heartbeat: held ${held.toFixed(1)} ms, stops ${JSON.stringify(stops)}`);
    // Compare: one table, a row per mode, in the page's order, the clock's note once.
    await page.click("[data-testid=compare]");
    await page.waitFor(() => document.querySelectorAll("[data-testid=compare-table] tbody tr").length === 9
      && document.querySelector("[data-testid=status]").textContent === "", [], 150_000);
    const modes = await page.evaluate(() => [...document.querySelectorAll("[data-testid=compare-table] tbody tr")].map((tr) => tr.dataset.mode));
    assert.deepEqual(modes, ["blocking", "sequential", "gather", "spawn", "blocking-in-async", "never-awaited",
      "processes", "threads", "free-threaded"]);
    assert.equal(await page.evaluate(() => document.querySelectorAll("[data-testid=clock-step]").length), 1);
    assert.deepEqual(await page.errors(), []);
    await page.close();
  });
  test(`every tutorial program, pasted into the Python editor, runs as written, prints what CPython prints and steps through the learner's lines, in ${name}`, { timeout: 300_000 }, async () => {
    const page = await engine.open(server.url);
    await page.click("[data-testid=show-recipe]");
    // The tabs are the editor's chunk's, and the Python editor a chunk of its own: each is fetched
    // the first time it shows.
    await page.waitFor(() => document.querySelector("[data-testid=source-python]"), [], 30_000);
    await page.click("[data-testid=source-python]");
    await page.waitFor(() => document.querySelector("#python-text"), [], 30_000);
    const step = 2;
    for (const program of TUTORIAL_PROGRAMS) {
      // Pasted: the whole text at once, as one input.
      await page.evaluate((text) => {
        const area = document.querySelector("#python-text");
        area.value = text;
        area.dispatchEvent(new InputEvent("input", { bubbles: true }));
      }, program.source);
      await page.waitFor(() => document.querySelector("[data-testid=mode-as-written]")?.checked
        && !document.querySelector("[data-testid=run]").disabled);
      // A total already shown is an earlier program's: the picker's button is written anew.
      await page.evaluate(() => { window.__earlierTotal = document.querySelector("[data-testid=total-as-written]"); });
      await page.click("[data-testid=run]");
      await page.waitFor(() => {
        const total = document.querySelector("[data-testid=total-as-written]");
        return total !== null && total !== window.__earlierTotal;
      }, [], 60_000);
      const seen = await page.evaluate(() => ({
        ms: Number(document.querySelector("[data-testid=total-as-written]").dataset.ms),
        lines: [...document.querySelectorAll("[data-testid=stage] [data-testid=console] li .text")].map((t) => t.textContent),
      }));
      const expected = program.error ? [...program.lines, program.error] : program.lines;
      assert.ok(sameLines(seen.lines, expected), `${program.name}: printed ${JSON.stringify(seen.lines)}, CPython prints ${JSON.stringify(expected)}`);
      assert.ok(seen.ms >= program.seconds * 100 - 2 * step, `${program.name}: took ${seen.ms} ms`);

      // Stepping through the run marks the learner's own lines.
      const lines = program.source.split("\n").map((l) => l.trim());
      await page.click("[data-testid=step-start]");
      let marked = 0;
      for (let i = 0; i < 12; i++) {
        const current = await page.evaluate(() => document.querySelector("[data-testid=code-line-current]")?.textContent.trim() ?? null);
        if (current !== null) {
          assert.ok(lines.includes(current), `${program.name}: the marked line ${JSON.stringify(current)} is the learner's`);
          marked++;
        }
        if (await page.evaluate(() => document.querySelector("[data-testid=step-next]").disabled)) break;
        await page.click("[data-testid=step-next]");
      }
      if (program.seconds > 0 || program.lines.length > 0) {
        assert.ok(marked > 0, `${program.name}: stepping marks a line of the program`);
      }
      await page.click("[data-testid=show-recipe]");
      await page.waitFor(() => document.querySelector("#python-text"));
    }
    assert.deepEqual(await page.errors(), []);
    await page.close();
  });
}
