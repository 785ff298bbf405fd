// The cake lesson, driven like a learner: open the built page, run both modes, read the totals.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";

import { serve } from "./serve.mjs";
import { launch, OUT_DIR } from "./browser.mjs";
import { run } from "./page.mjs";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
let server;
let browser;

before(async () => {
  await mkdir(OUT_DIR, { recursive: true });
  // A sub-path, as on GitHub Pages: the built page must not assume it lives at "/".
  server = await serve(DIST, "/course/async-kitchen/");
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("cake and groceries: blocking takes about 80 min, gather about 60", { timeout: 120_000 }, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.getByRole("heading", { name: "Cake and groceries" }).waitFor();

  const blocking = await run(page, "blocking");
  console.log(`# blocking: ${blocking.text} (${blocking.ms.toFixed(1)} ms)`);
  // A busy-wait cannot finish early; it may run late on a loaded machine.
  assert.ok(blocking.units >= 79.5 && blocking.units <= 95, `blocking total ${blocking.units} min`);
  // The page really froze: the heartbeat saw no frame for most of the run.
  const freeze = Number((await page.getByTestId("freeze-blocking").textContent()).replace(/[^0-9]/g, ""));
  assert.ok(freeze >= 0.75 * blocking.ms, `longest freeze ${freeze} ms during a ${blocking.ms} ms blocking run`);

  const gather = await run(page, "gather");
  console.log(`# gather: ${gather.text} (${gather.ms.toFixed(1)} ms)`);
  assert.ok(gather.units >= 59.5 && gather.units <= 72, `gather total ${gather.units} min`);
  assert.ok(gather.units < blocking.units - 10, "gather must beat blocking by the groceries' 20 minutes");
  // Gather frees the thread only while waiting: the 35 minutes of work (dough, then shopping) still
  // hold it, and the heartbeat must show that freeze too.
  const workMs = (35 / 60) * gather.ms;
  const gatherFreeze = Number((await page.getByTestId("freeze-gather").textContent()).replace(/[^0-9]/g, ""));
  assert.ok(gatherFreeze >= 0.75 * workMs && gatherFreeze < 0.9 * blocking.ms,
    `gather's longest freeze ${gatherFreeze} ms; its work lasts ${workMs.toFixed(0)} ms`);

  // Both timelines are drawn from the recorded runs.
  await page.getByTestId("timeline-blocking").waitFor();
  await page.getByTestId("timeline-gather").waitFor();
  await page.screenshot({ path: `${OUT_DIR}cake.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
