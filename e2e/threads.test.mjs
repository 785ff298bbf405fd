// Threads and the GIL: the two threads lessons in the release build, driven like a learner. What is
// held is what the trace shows — two GIL threads never hold the lock at once and hand it over many
// times, five sleeping threads overlap, free-threaded threads compute at once — never how long a
// run took (the bench measures that: bench/threads.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";

import { OUT_DIR } from "./browser.mjs";
import { BASE, DIST, courseSite } from "./site.mjs";
import { serve } from "./serve.mjs";
import { chooseMode, exported, run, setScale } from "./page.mjs";
import { eventsOf, gilHolds, gilOverlaps } from "./facts.mjs";

const site = courseSite();

function open(query) {
  return site.open(query, { ready: (page) => page.getByTestId("loop-panel") });
}

test("chopping on two GIL threads takes turns on the GIL; free-threaded, the threads compute at once", { timeout: 120_000 }, async () => {
  const { page, errors, context } = await open("?lesson=threads-for-chopping");
  await page.getByTestId("mode-threads").waitFor();
  assert.equal(await page.getByTestId("free-threaded").isChecked(), false);
  await run(page, "threads");
  const { measured: { trace } } = await exported(page);
  const held = gilHolds(trace);
  const both = gilOverlaps(trace);
  // A release and the next take are two messages apart through the page; on their own clocks
  // they may meet within a step or two of the clocks (0.1 ms each).
  assert.ok(both.every((ms) => ms <= 1), `two threads held the GIL at once: ${both.map((ms) => ms.toFixed(2))}`);
  const tasks = new Set(held.map((h) => h.task));
  assert.equal(tasks.size, 2, "both threads held the GIL");
  const handovers = held.filter((h, i) => i > 0 && h.task !== held[i - 1].task).length;
  assert.ok(handovers >= 20, `${handovers} hand-overs`);
  assert.deepEqual(eventsOf(trace, "Threads").map((t) => [t.free_threaded, t.shared_memory]), [[false, false]]);
  // The GIL's row is drawn, and the threads panel names the threads.
  await page.getByTestId("gil-lane").first().waitFor();
  assert.match(await page.getByTestId("loop-cooks").textContent(), /thread 1.*thread 2/s);
  console.log(`# threads: ${held.length} holds, ${handovers} hand-overs`);
  await page.screenshot({ path: `${OUT_DIR}threads-1280x720.png` });

  // Free-threaded: the switch, then the same run without the lock.
  await page.getByTestId("free-threaded").check();
  await page.getByTestId("run").click();
  await page.getByTestId("total-free-threaded").waitFor({ timeout: 60_000 });
  const free = (await exported(page)).measured.trace;
  assert.deepEqual(eventsOf(free, "Threads").map((t) => t.free_threaded), [true]);
  assert.equal(eventsOf(free, "GilWanted").length, 0, "nobody waits for a lock that is not there");
  const cores = await page.evaluate(() => navigator.hardwareConcurrency || 1);
  if (cores >= 2) {
    // On two cores the two threads run at once, for as long as the shorter job (at the least).
    const together = gilOverlaps(free).reduce((sum, ms) => sum + ms, 0);
    assert.ok(together > 100, `free-threaded work overlapped only ${together.toFixed(1)} ms`);
  }
  const chart = page.getByTestId("timeline-free-threaded");
  await chart.waitFor();
  assert.equal(await chart.getByTestId("gil-lane").count(), 0, "no GIL row without a GIL");
  assert.deepEqual(errors, []);
  await context.close();
});

test("on a cross-origin-isolated page the GIL is a lock in the threads' shared memory, and they still take turns", { timeout: 120_000 }, async () => {
  const server = await serve(DIST, BASE, { isolated: true });
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    await page.goto(server.url + "?lesson=threads-for-chopping");
    await page.getByTestId("loop-panel").waitFor();
    assert.equal(await page.evaluate(() => self.crossOriginIsolated), true);
    await run(page, "threads");
    const { measured: { trace } } = await exported(page);
    assert.deepEqual(eventsOf(trace, "Threads").map((t) => [t.free_threaded, t.shared_memory]), [[false, true]]);
    const held = gilHolds(trace);
    const both = gilOverlaps(trace);
    assert.ok(both.every((ms) => ms <= 1), `two threads held the GIL at once: ${both.map((ms) => ms.toFixed(2))}`);
    assert.equal(new Set(held.map((h) => h.task)).size, 2, "both threads held the GIL");
    const handovers = held.filter((h, i) => i > 0 && h.task !== held[i - 1].task).length;
    assert.ok(handovers >= 20, `${handovers} hand-overs`);
    // Each thread waited for the GIL and was handed it: as many takes after a wait as waits.
    const wanted = eventsOf(trace, "GilWanted").length;
    assert.ok(wanted >= handovers, `${wanted} waits for ${handovers} hand-overs`);
    console.log(`# threads in shared memory: ${held.length} holds, ${handovers} hand-overs`);
  } finally {
    await context.close();
    await server.close();
  }
});

test("five downloads on five threads sleep at once, and the threads panel says who sleeps", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await open("?lesson=threads-for-downloads");
  await run(page, "threads");
  const { measured: { trace } } = await exported(page);
  // A thread's time.sleep lets the GIL go: it is recorded as a wait (`Await`), not a busy sleep.
  const sleeps = eventsOf(trace, "StepStart").filter((s) => s.activity === "Await");
  assert.equal(sleeps.length, 5);
  const same = (a, b) => a.task === b.task && JSON.stringify(a.step) === JSON.stringify(b.step);
  const ends = eventsOf(trace, "StepEnd").filter((e) => sleeps.some((s) => same(s, e)));
  assert.equal(ends.length, 5);
  const latestStart = Math.max(...sleeps.map((s) => s.at));
  const earliestEnd = Math.min(...ends.map((e) => e.at));
  assert.ok(latestStart < earliestEnd, `the five sleeps never all overlap: ${latestStart} ≥ ${earliestEnd}`);
  // Five threads, each its own download; at the end the panel has them all done.
  assert.match(await page.getByTestId("loop-cooks").textContent(), /thread 1.*thread 5/s);
  assert.match(await page.getByTestId("loop-done").textContent(), /5 of 5/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the four ways' table fills from real runs, and a cell puts its run on the stage", { timeout: 240_000 }, async () => {
  const { page, errors, context } = await open("?lesson=four-ways");
  await page.getByTestId("four-ways-run").click();
  const cells = page.locator("[data-testid=four-ways] td[data-ms]");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=four-ways] td[data-ms]").length === 8
    && !document.querySelector("[data-testid=four-ways-run]").disabled, null, { timeout: 200_000 });
  const ids = await cells.evaluateAll((tds) => tds.map((td) => td.dataset.testid));
  assert.deepEqual(ids, ["blocking", "threads", "gather", "processes"].flatMap((m) => [`four-ways-${m}-io`, `four-ways-${m}-cpu`]));
  const table = await page.getByTestId("four-ways").innerText();
  console.log(`# four ways:\n${table.split("\n").map((l) => `#   ${l}`).join("\n")}`);
  // Each cell's speed-up is its blocking total over its own, as the cells' totals say.
  for (const kind of ["io", "cpu"]) {
    const blocking = Number(await page.getByTestId(`four-ways-blocking-${kind}`).getAttribute("data-ms"));
    const threads = page.getByTestId(`four-ways-threads-${kind}`);
    const ms = Number(await threads.getAttribute("data-ms"));
    const speedup = parseFloat(await threads.locator(".four-ways-speedup").textContent());
    assert.ok(Math.abs(speedup - blocking / ms) < 0.006, `${kind}: ${speedup} against ${blocking} / ${ms}`);
  }
  // The CPU-bound threads cell: its run goes on the stage (the recipe on screen becomes chop and
  // dice), where its trace shows the two threads taking turns on the GIL.
  await page.getByTestId("four-ways-threads-cpu").locator("button").click();
  await page.getByTestId("timeline-threads").locator("text=Threads for chopping").first().waitFor();
  const { measured: { trace } } = await exported(page);
  const both = gilOverlaps(trace);
  assert.ok(both.every((ms) => ms <= 1), `two threads held the GIL at once: ${both.map((ms) => ms.toFixed(2))}`);
  assert.equal(new Set(gilHolds(trace).map((h) => h.task)).size, 2);
  // And an I/O-bound cell brings the downloads back.
  await page.getByTestId("four-ways-gather-io").locator("button").click();
  await page.getByTestId("timeline-gather").locator("text=Four ways, two kinds of work").first().waitFor();
  await page.getByTestId("four-ways").screenshot({ path: `${OUT_DIR}four-ways.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test("cancel ends every thread, and the next threads run starts a new pool", { timeout: 90_000 }, async () => {
  const { page, errors, context } = await open("?lesson=threads-for-chopping");
  // Work long enough to be cancelled however slowly a busy machine lets the test go.
  await setScale(page, 5000);
  await chooseMode(page, "threads");
  await page.getByTestId("run").click();
  await page.locator("[data-testid=timeline-threads].live").waitFor();
  while (page.workers().length < 2) await page.waitForEvent("worker");
  const ended = page.workers().map((worker) => new Promise((resolve) => worker.once("close", resolve)));
  await page.getByTestId("cancel").click();
  await page.getByTestId("cancelled-threads").waitFor();
  await Promise.all(ended);
  assert.equal(page.workers().length, 0, "cancel terminated every thread");
  await setScale(page, 10);
  await run(page, "threads");
  assert.equal(page.workers().length, 2, "a new pool of two threads");
  assert.deepEqual(errors, []);
  await context.close();
});
