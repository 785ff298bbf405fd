// A run for Perfetto: "Export Chrome trace" writes a cooks run as a Chrome trace that keeps the
// format's rules, and "Open in Perfetto" hands it to ui.perfetto.dev by its PING/PONG protocol. Those
// machines cannot reach ui.perfetto.dev: the test answers for it at its own address, with a page that
// plays Perfetto's side (answers PING with PONG, keeps what it is sent).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

import { courseSite } from "./site.mjs";
import { warmPool, run } from "./page.mjs";
import { threadNames, traceProblems } from "./chrome_trace.mjs";

const site = courseSite();

/** Perfetto's side of the protocol, as its docs give it. */
const PERFETTO = `<!doctype html><title>Perfetto UI</title><script>
  window.addEventListener("message", (e) => {
    if (e.data === "PING") { e.source.postMessage("PONG", "*"); return; }
    const p = e.data && e.data.perfetto;
    if (p) window.__received = { title: p.title, fileName: p.fileName, text: new TextDecoder().decode(p.buffer), origin: e.origin };
  });
</script>`;

test("a cooks run exports as a well-formed Chrome trace, and opens in Perfetto's tab by its handshake", { timeout: 120_000 }, async () => {
  const { page, errors, context } = await site.open("?lesson=chop-and-dice");
  await context.route("https://ui.perfetto.dev/**", (route) => route.fulfill({ contentType: "text/html", body: PERFETTO }));
  await warmPool(page, "processes");
  await run(page, "processes");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-trace").click()]);
  assert.equal(download.suggestedFilename(), "chop-and-dice-processes.trace.json");
  const root = JSON.parse(await readFile(await download.path(), "utf8"));
  assert.deepEqual(traceProblems(root), []);
  // The page's thread and a thread per cook, each cook's task a poll with its work inside.
  const names = threadNames(root);
  assert.equal(names.get(1), "the page's thread");
  assert.deepEqual([...names.values()].filter((n) => n.startsWith("cook")).sort(), ["cook 1", "cook 2"]);
  for (const [tid, name] of names) {
    if (!name.startsWith("cook")) continue;
    const on = root.traceEvents.filter((e) => e.ph === "X" && e.tid === tid);
    assert.ok(on.some((e) => e.cat === "poll") && on.some((e) => e.cat === "work"), `${name} polled and worked`);
  }
  // Each task is an async track, begun and ended.
  const tracks = new Set(root.traceEvents.filter((e) => e.ph === "b" && e.cat === "task").map((e) => e.id));
  assert.equal(tracks.size, 2);

  // Open in Perfetto: a new tab at Perfetto's address, the handshake, then the same trace.
  const [tab] = await Promise.all([context.waitForEvent("page"), page.getByTestId("open-perfetto").click()]);
  await tab.waitForFunction(() => window.__received, null, { timeout: 30_000 });
  const received = await tab.evaluate(() => window.__received);
  assert.equal(new URL(tab.url()).origin, "https://ui.perfetto.dev");
  assert.equal(received.fileName, "chop-and-dice-processes.trace.json");
  assert.match(received.title, /Chop salad, dice onions/);
  assert.deepEqual(traceProblems(JSON.parse(received.text)), []);
  assert.deepEqual(JSON.parse(received.text), root);
  await page.getByText("Opened the run in Perfetto's tab.").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
