// The cake lesson, driven like a learner: open the built page, run both modes, read the totals and
// what the runs' traces show.
import { test } from "node:test";
import assert from "node:assert/strict";

import { OUT_DIR } from "./browser.mjs";
import { courseSite } from "./site.mjs";
import { exported, run } from "./page.mjs";
import { busyStretches, frames, lives, overlap, timerWaits } from "./facts.mjs";

const site = courseSite();

/** The longest freeze of `mode`'s run as its result card states it, in whole milliseconds. */
async function freeze(page, mode) {
  return Number((await page.getByTestId(`freeze-${mode}`).textContent()).replace(/[^0-9]/g, ""));
}

test("cake and groceries: blocking takes 80 min one task after the other, gather 60 by shopping while the cake bakes", { timeout: 120_000 }, async () => {
  const { page, errors, context } = await site.open("", {
    ready: (page) => page.getByRole("heading", { name: "Cake and groceries" }),
  });

  const blocking = await run(page, "blocking");
  console.log(`# blocking: ${blocking.text} (${blocking.ms.toFixed(1)} ms)`);
  // A busy-wait cannot finish early; it may run late on a loaded machine, so there is no upper bound.
  assert.ok(blocking.units >= 79.5, `blocking total ${blocking.units} min`);
  // One task after the other: the groceries start once the cake is out of the oven.
  const [cake, groceries] = lives((await exported(page)).measured.trace);
  assert.ok(groceries.start >= cake.end, `groceries started at ${groceries.start} ms, the cake ended at ${cake.end} ms`);
  // The page really froze: the heartbeat saw no frame for most of the run.
  const blockingFreeze = await freeze(page, "blocking");
  assert.ok(blockingFreeze >= 0.75 * blocking.ms, `longest freeze ${blockingFreeze} ms during a ${blocking.ms} ms blocking run`);

  const gather = await run(page, "gather");
  console.log(`# gather: ${gather.text} (${gather.ms.toFixed(1)} ms)`);
  assert.ok(gather.units >= 59.5, `gather total ${gather.units} min`);
  // Gather beats blocking by the groceries' 20 minutes because the shopping happens while the cake
  // bakes: the groceries' work overlaps the oven's timer. A busy machine makes both later, not apart.
  const gathered = await exported(page);
  const trace = gathered.measured.trace;
  const [oven] = timerWaits(trace);
  const shopping = busyStretches(trace).find((s) => s.task === groceries.task);
  assert.ok(overlap(shopping, { start: oven.armed, end: oven.fired }),
    `the shopping ran ${shopping.start}–${shopping.end} ms, the oven ${oven.armed}–${oven.fired} ms`);
  // Gather frees the thread only while waiting: the 35 minutes of work (dough, then shopping, in one
  // go) still hold it, so the heartbeat shows a freeze at least that long (the card rounds it to a
  // millisecond)…
  const workMs = 35 * gathered.scale_ms;
  const gatherFreeze = await freeze(page, "gather");
  assert.ok(gatherFreeze >= workMs - 1, `gather's longest freeze ${gatherFreeze} ms; its work lasts ${workMs} ms`);
  // …but while the cake bakes and the thread is free, the page draws.
  assert.ok(frames(trace).some((f) => f > shopping.end && f < oven.fired),
    `no frame between the shopping's end at ${shopping.end} ms and the oven's timer at ${oven.fired} ms`);

  // Both timelines are drawn from the recorded runs.
  await page.getByTestId("timeline-blocking").waitFor();
  await page.getByTestId("timeline-gather").waitFor();
  await page.screenshot({ path: `${OUT_DIR}cake.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});
