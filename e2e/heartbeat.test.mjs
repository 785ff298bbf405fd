// The freeze felt and told truly: the live heartbeat beside Run beats while the page is idle and
// stops while a Blocking run holds the thread; chores' texts say what its runs show; Compare's table
// is in view on a projector when the comparison ends.
//
// Nothing here is timed. The heartbeat is drawn by the page's own requestAnimationFrame, which cannot
// run while the thread is held: so the gap it records across a blocking run is at least the run's
// hold as the trace stamps it, however loaded the machine (load only makes gaps longer).
import { test } from "node:test";
import assert from "node:assert/strict";

import { OUT_DIR } from "./browser.mjs";
import { courseSite } from "./site.mjs";
import { exported, run } from "./page.mjs";
import { busyStretches, frames, heartbeatStops, longestHold, timerWaits } from "./facts.mjs";

const site = courseSite();

/** The heartbeat's count of frames and its recorded stops. */
async function heartbeat(page) {
  return page.getByTestId("heartbeat-live").evaluate((e) => ({
    beats: Number(e.dataset.beats ?? 0),
    stops: e.dataset.stops ?? "",
    dot: e.querySelector(".hb-dot")?.getAttribute("style") ?? "",
  }));
}

test("the live heartbeat beats while the page is idle and stops while a blocking run holds the thread", { timeout: 120_000 }, async () => {
  const { page, errors, context } = await site.open("#lesson=cake");
  const live = page.getByTestId("heartbeat-live");
  // Beside the Run button, in view on a projector.
  const [runBox, beatBox] = await Promise.all([page.getByTestId("run").boundingBox(), live.boundingBox()]);
  assert.ok(Math.abs(runBox.y + runBox.height / 2 - (beatBox.y + beatBox.height / 2)) < runBox.height,
    `Run at y ${runBox.y}, the heartbeat at y ${beatBox.y}`);
  assert.ok(beatBox.y + beatBox.height <= 720, `the heartbeat at y ${beatBox.y}`);

  // Idle: the count rises and the dot moves, frame after frame.
  const idle = await heartbeat(page);
  await page.waitForFunction((b) => Number(document.querySelector("[data-testid=heartbeat-live]").dataset.beats) >= b + 30, idle.beats);
  await page.waitForFunction((d) => document.querySelector("[data-testid=heartbeat-live] .hb-dot").getAttribute("style") !== d, idle.dot);

  // What the heartbeat says on screen, caught as the page writes it (after the freeze, as the page
  // can write nothing during it).
  await live.evaluate((e) => {
    window.__heartbeatWords = [];
    new MutationObserver(() => {
      window.__heartbeatWords.push(e.querySelector(".hb-word").textContent);
    }).observe(e, { subtree: true, childList: true, characterData: true });
  });
  const before = await heartbeat(page);
  const blocking = await run(page, "blocking");
  const after = await heartbeat(page);
  const { measured, clock_step_ms: step } = await exported(page);
  const hold = longestHold(measured.trace, 2 * step);
  const held = hold.end - hold.start;
  console.log(`# blocking ${blocking.ms.toFixed(1)} ms, held ${held.toFixed(1)} ms; heartbeat ${before.beats} → ${after.beats} beats, stops ${after.stops}`);
  assert.ok(held >= 0.9 * blocking.ms, `the blocking run held the thread ${held} ms of ${blocking.ms}`);
  // The heartbeat did not beat while the thread was held: among the stops it recorded since the run
  // began, one lasted at least the hold (less two steps of the clock, the trace's and the frame's).
  const stops = heartbeatStops(after.stops).filter((s) => s.beat > before.beats);
  assert.ok(stops.some((s) => s.ms >= held - 2 * step && s.beat <= after.beats),
    `the heartbeat's stops since beat ${before.beats}: ${JSON.stringify(stops)}; the run held the thread ${held} ms`);
  // And it beats again, saying in its word's place how long it froze.
  assert.ok(after.beats > before.beats);
  const words = await page.evaluate(() => window.__heartbeatWords);
  assert.ok(words.some((w) => /^froze \d/.test(w)), JSON.stringify(words));
  assert.deepEqual(errors, []);
  await context.close();
});

test("chores' texts say what its runs show: Sequential's heartbeat stops for dinner and the plants, Blocking's throughout", { timeout: 120_000 }, async () => {
  const { page, errors, context } = await site.open("#lesson=chores");
  const tryThis = await page.locator(".try-this").first().textContent();
  assert.doesNotMatch(tryThis, /never stops/);
  assert.match(tryThis, /Sequential: 180 minutes, as slow as Blocking, but the heartbeat stops only while the cook works, for dinner's 60 minutes and the plants' 30, and beats on while the machines run\. Blocking stops it for the whole run\./);

  await run(page, "sequential");
  const sequential = await exported(page);
  const { trace } = sequential.measured;
  const step = sequential.clock_step_ms;
  const drawn = frames(trace);
  const works = busyStretches(trace).filter((s) => s.activity === "Work");
  assert.equal(works.length, 2, JSON.stringify(works));
  // The heartbeat stops while the cook works: no frame inside dinner or the plants, each lasting at
  // least its planned 60 or 30 minutes (less a step of the clock)…
  for (const [work, minutes] of works.map((w, i) => [w, [60, 30][i]])) {
    assert.ok(work.end - work.start >= minutes * sequential.scale_ms - step, JSON.stringify(work));
    const inside = drawn.filter((f) => f > work.start && f < work.end);
    assert.deepEqual(inside, [], `frames during ${JSON.stringify(work)}`);
  }
  // …and beats on while the machines run: frames while each timer is pending, the thread free.
  for (const wait of timerWaits(trace)) {
    assert.ok(drawn.some((f) => f > wait.armed && f < wait.fired), `no frame while ${JSON.stringify(wait)} waited`);
  }

  await run(page, "blocking");
  const blocking = await exported(page);
  const hold = longestHold(blocking.measured.trace, 2 * blocking.clock_step_ms);
  assert.ok(hold.end - hold.start >= 180 * blocking.scale_ms - 2 * blocking.clock_step_ms, JSON.stringify(hold));
  assert.deepEqual(frames(blocking.measured.trace).filter((f) => f > hold.start && f < hold.end), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("after Compare, its table is in view on a projector, a row per mode, and says why Gather froze longer", { timeout: 180_000 }, async () => {
  const { page, errors, context } = await site.open("#lesson=cake");
  await page.getByTestId("compare").click();
  await page.getByTestId("total-free-threaded").waitFor({ timeout: 150_000 });
  const table = page.getByTestId("compare-table");
  // The page brings the table into view once the last run has finished.
  await page.waitForFunction(() => {
    const r = document.querySelector("[data-testid=compare-table]")?.getBoundingClientRect();
    return r && r.top >= 0 && r.bottom <= window.innerHeight;
  });
  const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => ({
    mode: tr.dataset.mode,
    alive: tr.dataset.alive,
    freeze: Number(tr.querySelector("td.freeze").dataset.ms),
    cells: tr.children.length,
  })));
  console.log(`# compare table: ${JSON.stringify(rows)}`);
  assert.deepEqual(rows.map((r) => r.mode), ["blocking", "sequential", "gather", "spawn", "blocking-in-async",
    "never-awaited", "processes", "threads", "free-threaded"]);
  assert.ok(rows.every((r) => r.cells === 4));
  // Blocking froze the page throughout: its one hold spans the run.
  assert.equal(rows[0].alive, "no");
  // The sentence on Gather's longer freeze is there exactly when the table shows it, naming the two
  // tasks whose work ran back to back.
  const [, seq, gather] = rows;
  const why = page.getByTestId("compare-why");
  if (gather.freeze > seq.freeze) {
    assert.match(await why.textContent(), /when cake lets go of it, gather polls groceries at once/);
  } else {
    assert.equal(await why.count(), 0);
  }
  // The clock's note once, not on every card.
  assert.equal(await page.getByTestId("clock-step").count(), 1);
  await page.screenshot({ path: `${OUT_DIR}compare-table.png` });
  assert.deepEqual(errors, []);
  await context.close();
});
