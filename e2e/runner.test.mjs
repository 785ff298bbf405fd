// The runner's chunk: what starts a run on the page's thread comes with the results' numbers
// (lazy::RUNNER), not with the first look. It is fetched as the learner's pointer reaches the run
// controls, or by Run; a download that fails says so, and Run tries again.
import { test } from "node:test";
import assert from "node:assert/strict";

import { courseSite, PROJECTOR } from "./site.mjs";
import { run } from "./page.mjs";

const site = courseSite();
const runner = (name) => /^async-kitchen-[0-9a-f]+_results\.wasm$/.test(name);

test("the runner is fetched as the pointer reaches the run controls; a failed download says so on Run, and Run tries again", { timeout: 60_000 }, async () => {
  const net = { offline: true };
  const context = await site.browser.newContext({ viewport: PROJECTOR });
  const fetched = [];
  context.on("requestfinished", (r) => fetched.push(new URL(r.url()).pathname.split("/").pop()));
  await context.route(/_results\.wasm$/, (route) => (net.offline ? route.abort("internetdisconnected") : route.continue()));
  const { page, errors } = await site.open("", { context });
  await page.getByTestId("run").waitFor();
  // The pointer stays on the lesson: nothing of the runner is fetched.
  await page.mouse.move(5, 5);
  await page.waitForTimeout(500);
  assert.ok(!fetched.some(runner), `the first look fetched the runner: ${fetched}`);

  // Offline: the pointer's prefetch fails quietly, and Run says why nothing started.
  await page.getByTestId("run").click();
  const notice = page.getByTestId("notice");
  await notice.waitFor({ timeout: 10_000 });
  assert.match(await notice.textContent(), /could not download what runs the recipe/);
  assert.ok(await page.getByTestId("run").isEnabled(), "the page can run again");

  // Online again: the pointer on the controls fetches it before Run, and the run goes.
  net.offline = false;
  await page.mouse.move(5, 5);
  await page.getByTestId("run").hover();
  await page.waitForFunction(() => performance.getEntriesByType("resource")
    .some((e) => /_results\.wasm$/.test(e.name) && e.decodedBodySize > 0), null, { timeout: 10_000 });
  await run(page, "gather");
  assert.deepEqual(errors, []);
  await context.close();
});
