// The bench's parts, exercised small on the built page, so that `cargo xtask bench` cannot rot unseen:
// the hooks (in the release build made with them, target/dist-bench/) answer sensibly, and the
// page-driving measurements work.
// The figures themselves are the bench's business, never this test's: only sanity is checked here.
import { test } from "node:test";
import assert from "node:assert/strict";

import { courseSite } from "./site.mjs";
import { frameGaps, measureInteractive } from "../bench/page.mjs";
import { MAX_TEXT_BYTES, lessonProgram, limitProgram, readRedraws } from "../bench/python.mjs";
import { scrubRedraws, stepRedraws } from "../bench/stage.mjs";

// The release build, and beside it the one with the bench's hooks, which these tests call.
const site = courseSite({ hooks: true });

/** A fresh page on the build with the hooks (or the shipped one), once its Run button is there. */
function open({ hooks = true } = {}) {
  return site.open("", { hooks, ready: (page) => page.getByTestId("run") });
}

test("the page learners download has no bench hooks", { timeout: 30_000 }, async () => {
  const { page, context } = await open({ hooks: false });
  const hooks = await page.evaluate(() => Object.keys(window.wasmBindings).filter((k) => k.startsWith("bench")));
  assert.deepEqual(hooks, []);
  await context.close();
});

test("the bench hooks run lessons and gathers in the release build", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await open();

  const cake = JSON.parse(await page.evaluate(() => window.wasmBindings.benchLesson("cake", "gather")));
  assert.equal(cake.lesson, "cake");
  assert.equal(cake.fidelity.predicted_ms, 1200);
  assert.ok(cake.fidelity.measured_ms >= 1198, `cake gather took ${cake.fidelity.measured_ms} ms`);
  // The oven is a timer; the dough and the shopping are busy-waits.
  assert.equal(cake.fidelity.timer.count, 1);
  assert.equal(cake.fidelity.busy.count, 2);

  // The cake with its tasks written as callbacks: the same timer and busy-waits, in that way.
  const callbacks = JSON.parse(await page.evaluate(() => window.wasmBindings.benchWay("cake", "gather", "callbacks")));
  assert.equal(callbacks.way, "callbacks");
  assert.equal(callbacks.fidelity.predicted_ms, 1200);
  assert.equal(callbacks.fidelity.timer.count, 1);
  assert.equal(callbacks.fidelity.busy.count, 2);
  await assert.rejects(page.evaluate(() => window.wasmBindings.benchWay("cake", "gather", "telepathy")), /no way/);

  const refused = JSON.parse(await page.evaluate(() => window.wasmBindings.benchLesson("ten-thousand-timers", "blocking")));
  assert.match(refused.refused, /freeze the page/);

  for (const traced of [false, true]) {
    const run = JSON.parse(await page.evaluate((traced) => window.wasmBindings.benchGather(2000, 30, traced), traced));
    assert.equal(run.tasks, 2000);
    assert.ok(run.total_ms >= 29.4, `2000 waits of 30 ms took ${run.total_ms} ms`);
    assert.ok(run.timeouts >= 1 && run.timeouts < 2000, `${run.timeouts} timeouts for 2000 waits`);
  }
  await assert.rejects(page.evaluate(() => window.wasmBindings.benchLesson("no-such-lesson", "gather")), /no lesson/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the bench measures start-up and the frames of a live run", { timeout: 60_000 }, async () => {
  const start = await measureInteractive(site.browser, site.hooks.url, 1);
  assert.ok(start.medianMs > 0 && start.medianMs < 30_000);

  const { page, context } = await open();
  const recipe = `recipe "drawn live"\nunit ms\nscale 1\n\ntask timer x200\n  wait 400\n  wait 400\n`;
  const frames = await frameGaps(page, recipe);
  // At least the two frames the page waits for before a run and the one after it: how many more a
  // busy machine draws in 800 ms is the bench's to report.
  assert.ok(frames.frames >= 3, `${frames.frames} frames in an 800 ms run`);
  assert.ok(frames.liveRedraws > 0, "the live timeline was drawn while the frames were counted");
  assert.ok(frames.p95Ms > 0 && frames.p95Ms <= frames.maxMs);
  await context.close();
});

test("the bench times the stage's steps and scrubbing", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await open();
  const steps = await stepRedraws(page, 300, 12);
  assert.equal(steps.steps, 12);
  assert.ok(steps.stops > 600, `${steps.stops} stops for 300 timers`);
  assert.ok(steps.p95Ms > 0 && steps.p95Ms <= steps.maxMs);
  const scrub = await scrubRedraws(page, 500, 8);
  assert.equal(scrub.moves, 8);
  assert.ok(scrub.maxMs > 0 && scrub.readyMs > 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the bench times edits of the learner's Python", { timeout: 120_000 }, async () => {
  const { page, errors, context } = await open({ hooks: false });
  const lesson = await readRedraws(page, await lessonProgram(), 4);
  assert.equal(lesson.edits, 4);
  assert.ok(lesson.p50Ms > 0 && lesson.p95Ms <= lesson.maxMs);
  // The limit's program is as long as the page reads, less the bench's edit; one of its shape but
  // smaller reads without a mistake (readRedraws refuses one that does not) and keeps this quick.
  const limit = limitProgram();
  assert.ok(limit.length <= MAX_TEXT_BYTES && limit.length > MAX_TEXT_BYTES - 200, `${limit.length} bytes`);
  const small = await readRedraws(page, limitProgram(16 * 1024), 2);
  assert.ok(small.lines > 400, `${small.lines} lines`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the bench's cooks hooks run on real workers", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await open();
  const run = JSON.parse(await page.evaluate(() => window.wasmBindings.benchCooks("chop-and-dice", 2)));
  assert.equal(run.cooks, 2);
  assert.ok(run.total_ms > 1000 && run.predicted_ms > 1000, JSON.stringify(run));
  const startups = JSON.parse(await page.evaluate(() => window.wasmBindings.benchCookStartup(2)));
  assert.equal(startups.length, 2);
  assert.ok(startups.every((ms) => ms > 0));
  const pings = JSON.parse(await page.evaluate(() => window.wasmBindings.benchCookPing(5)));
  assert.equal(pings.length, 5);
  assert.ok(pings.every((ms) => ms >= 0));
  assert.deepEqual(errors, []);
  await context.close();
});

/** Each overlap of two lists of `[from, to]` stretches, in milliseconds. */
function overlaps(a, b) {
  const found = [];
  for (const [a0, a1] of a) {
    for (const [b0, b1] of b) {
      const both = Math.min(a1, b1) - Math.max(a0, b0);
      if (both > 0) found.push(both);
    }
  }
  return found;
}

/** How long two lists of `[from, to]` stretches overlap in all, in milliseconds. */
function overlapMs(a, b) {
  return overlaps(a, b).reduce((sum, ms) => sum + ms, 0);
}

// Threads on the page's workers, with a real lock: what the trace shows, never how long it took.
// The threads' facts are stamped on their own workers' clocks and moved onto the page's by the
// clocks' origins; a hand-over goes through the page (two messages), so one thread's release and
// the next one's take are a message apart: far more than the clocks' step.
test("the bench's threads hook runs tasks on threads that take turns on the GIL", { timeout: 90_000 }, async () => {
  const { page, errors, context } = await open();
  const threads = (id, count, free) =>
    page.evaluate(([id, count, free]) => window.wasmBindings.benchThreads(id, count, free), [id, count, free]).then(JSON.parse);

  // Chop and dice on two threads: CPU-bound work that never runs at once, the GIL changing hands.
  const chop = await threads("chop-and-dice", 2, false);
  assert.equal(chop.running.length, 2);
  // Two workers' clocks agree to a step or two (0.1 ms each): an "overlap" that short is where
  // one thread's release and the next one's take meet, a message apart on their own clocks. A
  // real one, as free-threaded below, lasts hundreds of milliseconds.
  const both = overlaps(chop.running[0], chop.running[1]);
  assert.ok(both.every((ms) => ms <= 1), `the two threads held the GIL at once: ${both.map((ms) => ms.toFixed(2))}`);
  // Both worked (1 200 and 900 ms at the lesson's scale) in turns: a few hundred at 5 ms each.
  const held = chop.running.map((s) => s.reduce((sum, [a, b]) => sum + b - a, 0));
  const apart = both.reduce((sum, ms) => sum + ms, 0);
  assert.ok(apart < 0.01 * Math.min(...held), `held at once for ${apart.toFixed(2)} ms in all`);
  assert.ok(held[0] >= 1199 && held[1] >= 899, `held ${held}`);
  assert.ok(chop.handovers >= 20, `${chop.handovers} hand-overs`);
  assert.ok(chop.handover_ms.every((ms) => ms >= 0), JSON.stringify(chop.handover_ms.slice(0, 5)));

  // Five downloads on five threads: their sleeps, without the GIL, overlap.
  const downloads = await threads("downloads", 5, false);
  const asleep = downloads.sleeping.map((s) => s[0]);
  const latestStart = Math.max(...asleep.map(([a]) => a));
  const earliestEnd = Math.min(...asleep.map(([, b]) => b));
  assert.ok(latestStart < earliestEnd, `the five sleeps never all overlap: ${JSON.stringify(asleep)}`);

  // Free-threaded, on a machine of two cores or more, the same work does run at once.
  const cores = await page.evaluate(() => navigator.hardwareConcurrency || 1);
  const free = await threads("chop-and-dice", 2, true);
  assert.equal(free.handovers, 0);
  if (cores >= 2) {
    const together = overlapMs(free.running[0], free.running[1]);
    assert.ok(together > 400, `free-threaded work overlapped only ${together.toFixed(1)} ms`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
