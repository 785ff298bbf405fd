// The classroom page, driven like a learner in the release build served from a sub-path.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";

import { serve, servePage } from "./serve.mjs";
import { OUT_DIR } from "./browser.mjs";
import { BASE, courseSite, DIST, PROJECTOR } from "./site.mjs";
import { chooseMode, exported, forecast, openLesson, recipeEditor, run, setScale, stepTimes, tabTo, warmPool, watchErrors } from "./page.mjs";
import { departures, lives } from "./facts.mjs";

const site = courseSite();

/** A fresh page (its own storage) at the app's address plus `query`. */
function open(query = "", viewport = PROJECTOR, colorScheme = "light") {
  return site.open(query, { viewport, colorScheme });
}

/** Asserts that a measured total is no shorter than its prediction, whatever the load: a busy-wait
 * never ends early and a timer never fires early, though its delay is whole milliseconds, so a wait
 * may be due half a millisecond before its planned end. A loaded machine makes a run longer, never
 * shorter, so the total has no upper bound here: what stands in for one is what the trace shows. */
function notEarly(measured, what) {
  assert.ok(measured.ms >= measured.predictedMs - 2,
    `${what}: measured ${measured.ms.toFixed(1)} ms, predicted ${measured.predictedMs.toFixed(1)} ms`);
}

/** Asserts that the latest run, as exported, keeps to what its prediction guarantees on any machine
 * (e2e/facts.mjs `departures`): tasks under way at once as predicted (gather overlapping its waits,
 * blocking one task after another), the same steps and lines, no timer or busy-wait early, and no
 * frame drawn while a task held the thread. */
async function keepsToPrediction(page, what) {
  assert.deepEqual(departures(await exported(page)), [], what);
}

test("every lesson runs in gather and blocking as its prediction says", { timeout: 300_000 }, async () => {
  const { page, errors, context } = await open();
  const ids = await page.locator("[data-testid^=lesson-]").evaluateAll(
    (buttons) => buttons.map((b) => b.dataset.testid.slice("lesson-".length)));
  assert.ok(ids.length >= 13, `the library lists ${ids.length} lessons`);
  for (const id of ids) {
    await openLesson(page, id);
    // The lesson opens in its own mode: a pitfall's mode for the pitfalls.
    const own = await page.locator("input[name=mode]:checked").evaluate((i) => i.id.slice("mode-".length));
    await chooseMode(page, "blocking");
    const blockingForecast = await forecast(page);
    if (id === "ten-thousand-timers") {
      // N × D of blocking would freeze the page for minutes: the page refuses before it starts.
      assert.ok(blockingForecast.freezeMs > 30_000, `${id}: blocking freeze ${blockingForecast.freezeMs}`);
      assert.match(blockingForecast.text, /over the 30 s limit/);
      assert.ok(await page.getByTestId("run").isDisabled(), `${id}: blocking cannot be started`);
      const gather = await run(page, "gather");
      console.log(`# ${id}: gather ${gather.ms.toFixed(1)} ms, predicted ${gather.predictedMs.toFixed(1)} ms`);
      // Ten thousand timers cost the browser real time beyond the model's (the bench measures it);
      // what the trace must show is all ten thousand waiting at once.
      notEarly(gather, `${id} gather`);
      await keepsToPrediction(page, `${id} gather`);
      continue;
    }
    // A fast scale: blocking in at most about 300 ms, so the whole library runs in seconds; and at
    // least 100 ms, so that no step is so short that the clock's 0.1 ms step and the bookkeeping
    // around each of 200 tiny tasks decide the total (the tiny-tasks lesson's own 0.1 ms steps).
    const scale = Number(await page.getByTestId("scale").inputValue());
    if (blockingForecast.ms > 300) await setScale(page, (scale * 300) / blockingForecast.ms);
    if (blockingForecast.ms < 100 && blockingForecast.ms > 0) await setScale(page, (scale * 100) / blockingForecast.ms);

    const gather = await run(page, "gather");
    console.log(`# ${id}: gather ${gather.ms.toFixed(1)} ms, predicted ${gather.predictedMs.toFixed(1)} ms`);
    notEarly(gather, `${id} gather`);
    await keepsToPrediction(page, `${id} gather`);
    const expectedOrder = page.locator(".console .order");
    if (await expectedOrder.count()) {
      assert.equal(await expectedOrder.getAttribute("class"), "order same",
        `${id}: the console order differs from the tutorial's: ${await page.getByTestId("console").textContent()}`);
    }
    const blocking = await run(page, "blocking");
    console.log(`# ${id}: blocking ${blocking.ms.toFixed(1)} ms, predicted ${blocking.predictedMs.toFixed(1)} ms`);
    notEarly(blocking, `${id} blocking`);
    await keepsToPrediction(page, `${id} blocking`);
    if (own !== "gather" && own !== "blocking") {
      // A lesson on cooks or threads starts its pool first (page.mjs warmPool): the run to look at
      // finds its workers all ready, as its prediction does.
      if (own === "processes" || own === "threads") await warmPool(page, own);
      const pitfall = await run(page, own);
      console.log(`# ${id}: ${own} ${pitfall.ms.toFixed(1)} ms, predicted ${pitfall.predictedMs.toFixed(1)} ms`);
      // A cook's (or a thread's) work is computation calibrated to the page's speed, and may be
      // quicker than predicted: only a run on the page's own thread has a total no shorter than
      // its prediction.
      if (own !== "processes" && own !== "threads") notEarly(pitfall, `${id} ${own}`);
      await keepsToPrediction(page, `${id} ${own}`);
      await page.getByTestId(`timeline-${own}`).waitFor();
    }
    await page.getByTestId("timeline-blocking").waitFor();
    await page.getByTestId("timeline-gather").waitFor();
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("the cake lesson compares every mode side by side", { timeout: 180_000 }, async () => {
  const { page, errors, context } = await open();
  await page.getByTestId("compare").click();
  // Every mode, free-threaded last.
  await page.getByTestId("total-free-threaded").waitFor({ timeout: 150_000 });
  const totals = {};
  for (const mode of ["blocking", "sequential", "gather", "spawn"]) {
    totals[mode] = Number(await page.getByTestId(`total-${mode}`).getAttribute("data-units"));
  }
  console.log(`# compare: ${JSON.stringify(totals)}`);
  // No mode finishes before its planned end: a busy-wait or a timer is never early. A busy machine
  // makes every mode later, so what tells them apart is the order each run's table shows: gather and
  // spawn shop while the cake bakes, blocking and sequential only once it is out of the oven.
  for (const [mode, planned, concurrent] of [["blocking", 80, false], ["sequential", 80, false], ["gather", 60, true], ["spawn", 60, true]]) {
    assert.ok(totals[mode] >= planned - 0.5, `${mode} ${totals[mode]}`);
    const steps = await stepTimes(page, mode);
    const oven = steps.find((s) => /bake in the oven/.test(s.step)).measured;
    const shopping = steps.find((s) => /buy groceries/.test(s.step)).measured;
    assert.equal(shopping.start < oven.end, concurrent,
      `${mode}: the shopping ran ${shopping.start}–${shopping.end} min, the baking ${oven.start}–${oven.end} min`);
  }
  // The speed-up is the two measured totals' ratio, whatever they are.
  const speedup = await page.getByTestId("speedup-gather").textContent();
  assert.match(speedup, /^\d+\.\d\d× as fast$/);
  const [blockingMs, gatherMs] = await Promise.all(["blocking", "gather"].map(async (mode) =>
    Number(await page.getByTestId(`total-${mode}`).getAttribute("data-ms"))));
  assert.ok(Math.abs(parseFloat(speedup) - blockingMs / gatherMs) < 0.006, `${speedup}: ${blockingMs} ms against ${gatherMs} ms`);
  await page.screenshot({ path: `${OUT_DIR}compare.png`, fullPage: true });

  // The latest run (free-threaded) exports as a standalone SVG and as JSON with the trace and prediction.
  const [svg] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-svg").click()]);
  assert.equal(svg.suggestedFilename(), "cake-free-threaded.svg");
  const svgText = await readFile(await svg.path(), "utf8");
  assert.match(svgText, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svgText, /<style>/);
  await writeFile(`${OUT_DIR}cake-free-threaded.svg`, svgText);
  const [json] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-json").click()]);
  const run = JSON.parse(await readFile(await json.path(), "utf8"));
  assert.equal(run.format, "async-kitchen-run");
  assert.equal(run.mode, "free-threaded");
  assert.ok(run.measured.trace.events.length > 10 && run.predicted.trace.events.length > 10);
  assert.deepEqual(departures(run), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a mistake in the recipe is shown with its position and blocks the run; reset undoes it", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await open();
  // The scale field says what a blocking run would do to the page: 80 min at 20 ms per minute.
  assert.equal(await page.getByTestId("scale-freeze").textContent(), "blocking freezes the page for 1.6 s");
  const editor = await recipeEditor(page);
  const original = await editor.inputValue();
  await editor.fill(original.replace("wait 45", "wait ten"));
  const message = page.getByTestId("errors");
  await message.getByText("expected a number of units after `wait`, found `ten`").waitFor();
  assert.match(await message.textContent(), /line \d+, column \d+/);
  assert.ok(await page.getByTestId("run").isDisabled(), "the run button is disabled while the text is invalid");
  await page.screenshot({ path: `${OUT_DIR}error.png` });
  await page.getByTestId("reset").click();
  assert.equal(await editor.inputValue(), original);
  assert.ok(await page.getByTestId("run").isEnabled());
  assert.deepEqual(errors, []);
  await context.close();
});

test("a share link reproduces the recipe, mode and scale; a broken one opens the default lesson", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await open();
  await openLesson(page, "chores");
  const editor = await recipeEditor(page);
  const edited = (await editor.inputValue()) + "\ntask extra\n  wait 5 \"one more thing\"\n";
  await editor.fill(edited);
  await chooseMode(page, "spawn");
  await setScale(page, 3.5);
  await page.getByTestId("share").click();
  const link = await page.getByTestId("share-link").inputValue();
  await page.getByTestId("embed").click();
  // The panel is a chunk, and its snippet is written once the recipe is compressed: wait for it.
  await page.waitForFunction(() => document.querySelector("[data-testid=embed-snippet]")?.value);
  const snippet = await page.getByTestId("embed-snippet").inputValue();
  assert.match(snippet, /^<iframe src="[^"]*#[^"]*embed=1[^"]*" title="Async Kitchen: Chores"/);
  assert.ok(link.startsWith(site.server.url + "#"), `the link ${link} stays under ${site.server.url}, in the fragment`);
  // The recipe travels compressed: at most 60 % of the base64 of its text, as links carried it before.
  const z = new URLSearchParams(link.split("#")[1]).get("z");
  const before = Buffer.from(edited, "utf8").toString("base64url").length;
  console.log(`# chores edited: recipe ${before} characters as base64, ${z.length} deflated (${(z.length / before).toFixed(2)})`);
  assert.ok(z.length <= 0.6 * before, `z has ${z.length} characters, the base64 ${before}`);

  const other = await open(link.slice(site.server.url.length));
  assert.equal(await (await recipeEditor(other.page)).inputValue(), edited);
  assert.ok(await other.page.getByTestId("mode-spawn").isChecked());
  assert.equal(await other.page.getByTestId("scale").inputValue(), "3.5");
  assert.equal(await other.page.getByTestId("lesson-chores").getAttribute("aria-current"), "page");
  await other.context.close();

  const broken = await open("?recipe=%E2%9C%93not-base64");
  const notice = await broken.page.getByTestId("notice").textContent();
  assert.match(notice, /not valid base64url/);
  assert.match(notice, /default lesson/);
  await broken.page.getByRole("heading", { name: "Cake and groceries" }).waitFor();
  assert.deepEqual([...errors, ...broken.errors], []);
  await broken.context.close();
  await context.close();
});

test("a recipe at the 256 KiB limit opens from a link on a host that refuses request lines over 8 KiB", { timeout: 60_000 }, async () => {
  const strict = await serve(DIST, BASE, { maxRequestLine: 8192 });
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    const errors = watchErrors(page);
    // A recipe of 256 KiB that deflate cannot shrink much: comments of random letters.
    const lines = ["task a", "  wait 1"];
    let size = lines.join("\n").length + 1;
    for (let i = 0; size < 262_144 - 80; i++) {
      let line = "# ";
      for (let j = 0; j < 76; j++) line += String.fromCharCode(97 + Math.floor(Math.random() * 26));
      lines.push(line);
      size += line.length + 1;
    }
    const text = lines.join("\n") + "\n";
    assert.ok(text.length > 261_000 && text.length <= 262_144, `${text.length} bytes`);
    await page.goto(strict.url);
    await page.getByRole("heading", { level: 2 }).first().waitFor();
    const editor = await recipeEditor(page);
    // As a paste: Playwright's `fill` takes minutes over a quarter of a megabyte.
    await editor.evaluate((area, t) => {
      area.value = t;
      area.dispatchEvent(new InputEvent("input", { bubbles: true }));
    }, text);
    await page.getByTestId("share").click();
    const link = await page.getByTestId("share-link").inputValue();
    console.log(`# a 256 KiB recipe's link: ${link.length} characters`);
    assert.ok(link.length > 8192, "the link is longer than any request line the host takes");
    // The old form of the same link is refused by this host; the new one opens.
    const old = await page.request.get(`${strict.url}?recipe=${Buffer.from(text).toString("base64url")}`);
    assert.equal(old.status(), 414);
    const other = await context.newPage();
    const otherErrors = watchErrors(other);
    await other.goto(link);
    await other.getByRole("heading", { level: 2 }).first().waitFor();
    const opened = await recipeEditor(other);
    await other.waitForFunction((n) => document.querySelector("[data-testid=editor]")?.value.length === n, text.length);
    assert.equal(await opened.inputValue(), text);
    assert.deepEqual([...errors, ...otherErrors], []);
  } finally {
    await context.close();
    await strict.close();
  }
});

test("the Python twin copies and downloads as a file that runs as is in CPython", { timeout: 60_000 }, async () => {
  const context = await site.browser.newContext({
    viewport: { width: 1280, height: 720 },
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(site.server.url);
  await page.getByRole("heading", { level: 2 }).first().waitFor();
  // The buttons belong to the Python tab (cake's own, as a lesson from a Python tutorial).
  await page.getByTestId("tab-rust").click();
  assert.equal(await page.getByTestId("download-py").count(), 0);
  await page.getByTestId("tab-python").click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-py").click()]);
  assert.equal(download.suggestedFilename(), "cake_gather.py");
  const path = await download.path();
  const file = await readFile(path, "utf8");
  assert.match(file, /^SCALE = 20 \/ 1000 /m);
  assert.match(file, /^def work\(units\):$/m);
  assert.match(file, /^ {4}await asyncio\.sleep\(45 \* SCALE\)/m);
  assert.match(file, /^ {4}await asyncio\.gather\(/m);
  await page.getByText("Saved cake_gather.py").waitFor();
  // It runs as is, and prints its total as the tutorials do: an hour at least (CPython's sleeps and
  // busy-waits are never early either; a busy machine may make them late), in real milliseconds at
  // 20 ms a minute.
  const out = execFileSync(process.env.PYTHON ?? "python3", [path], { encoding: "utf8" });
  const [, minutes, ms] = out.match(/^Total time: (\d+\.\d) min \((\d+) ms\)\n$/) ?? [];
  assert.ok(Number(minutes) >= 60, out);
  assert.ok(Math.abs(Number(ms) - 20 * Number(minutes)) <= 1.5, out);
  // Copy gives the file of the mode on the stage.
  await chooseMode(page, "blocking");
  await page.getByTestId("copy-py").click();
  await page.getByText("Copied").waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /^SCALE = 20 \/ 1000 /m);
  assert.match(copied, /^def work\(units\):$/m);
  assert.match(copied, /^def main\(\):$/m);
  assert.match(copied, /^ {4}time\.sleep\(45 \* SCALE\)/m);
  assert.deepEqual(errors, []);
  await context.close();
});

test("edits survive a reload, even in the middle of a run", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await open();
  await openLesson(page, "count");
  const editor = await recipeEditor(page);
  const edited = (await editor.inputValue()).replace('"One"', '"Uno"');
  await editor.fill(edited);
  await chooseMode(page, "sequential");
  await page.getByTestId("run").click();
  await page.reload();
  await page.getByRole("heading", { level: 2 }).first().waitFor();
  assert.equal(await (await recipeEditor(page)).inputValue(), edited);
  assert.ok(await page.getByTestId("mode-sequential").isChecked());
  assert.equal(await page.getByTestId("lesson-count").getAttribute("aria-current"), "page");
  // Unreadable saved data is set aside with a message, not a crash.
  await page.evaluate(() => localStorage.setItem("async-kitchen/v1", "{not json"));
  await page.reload();
  await page.getByTestId("notice").waitFor();
  assert.match(await page.getByTestId("notice").textContent(), /set aside/);
  assert.equal(await page.evaluate(() => localStorage.getItem("async-kitchen/v1/unreadable")), "{not json");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a live run grows its timeline and can be cancelled", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await open();
  // Five downloads only wait, so the thread is free and the page draws the run as it goes.
  await openLesson(page, "downloads");
  await chooseMode(page, "gather");
  // The gather run lasts 12 s at this scale: long enough to be seen live and cancelled however
  // slowly a busy machine lets the test go, and cancelled, it costs no more than a short one.
  await setScale(page, 4000);
  await page.getByTestId("run").click();
  // Its timeline is drawn while it runs.
  await page.getByTestId("timeline-gather").waitFor();
  assert.equal(await page.getByTestId("result-gather").getAttribute("aria-busy"), "true");
  await page.screenshot({ path: `${OUT_DIR}live.png`, fullPage: true });
  await page.getByTestId("cancel").click();
  await page.getByTestId("cancelled-gather").waitFor();
  // It stopped early: its trace says so, and no download got to its end.
  const { measured: { trace } } = await exported(page);
  assert.equal(trace.cancelled, true);
  assert.deepEqual(lives(trace).filter((l) => l.ended), [], "no task ended");
  assert.deepEqual(errors, []);
  await context.close();
});

test("an embedded lesson autoruns and posts its height and result to the parent page", { timeout: 60_000 }, async () => {
  const context = await site.browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const src = `${site.server.url}?lesson=count&mode=gather&scale=50&autorun=1&embed=1`;
  const parent = `<!DOCTYPE html><title>Course page</title><h1>Week 3: async</h1>
    <iframe id="kitchen" title="Async Kitchen" src="${src}" style="width:100%;border:0" height="300"></iframe>
    <script>
      window.messages = [];
      addEventListener("message", (e) => {
        window.messages.push(e.data);
        if (e.data && e.data.type === "async-kitchen:height") document.getElementById("kitchen").height = e.data.height;
      });
    </script>`;
  // The course page is served by a second server: another origin, as on a real course site.
  const courseServer = await servePage(parent);
  // Closed whatever happens: a server left listening would keep this file's process from ending.
  try {
    await page.goto(courseServer.url);
    const result = await page.waitForFunction(
      () => window.messages.find((m) => m && m.type === "async-kitchen:run"), null, { timeout: 20_000 });
    const message = await result.jsonValue();
    console.log(`# embed posted: ${JSON.stringify(message)}`);
    assert.equal(message.lesson, "count");
    assert.equal(message.mode, "gather");
    // count() gathered takes at least its one second: a timer is never early.
    assert.ok(message.measured.total_units >= 0.99, `count() gathers in about 1 s: ${message.measured.total_units}`);
    assert.equal(message.cancelled, false);
    const heights = await page.evaluate(() => window.messages.filter((m) => m && m.type === "async-kitchen:height"));
    assert.ok(heights.length >= 1 && heights.at(-1).height > 200, `heights ${JSON.stringify(heights)}`);
    // Each height also goes out as SPLICE's resize request, with an id of its own.
    const resizes = await page.evaluate(() => window.messages.filter((m) => m && m.subject === "lti.frameResize"));
    assert.ok(resizes.length >= 1 && resizes.every((m) => typeof m.message_id === "string" && m.height > 0),
      `resize requests ${JSON.stringify(resizes)}`);
    assert.equal(new Set(resizes.map((m) => m.message_id)).size, resizes.length, "every id is new");
    const frame = page.frameLocator("#kitchen");
    // It ran gathered: its three Ones before any Two, as the tutorial prints them (one count() after
    // another would print One, Two, One, Two, One, Two).
    assert.equal(await frame.locator(".console .order").getAttribute("class"), "order same",
      `the console's order: ${await frame.getByTestId("console").textContent()}`);
    assert.equal(await frame.locator(".library").count(), 0, "an embedded page has no library");
    await frame.getByTestId("timeline-gather").waitFor();
    await page.screenshot({ path: `${OUT_DIR}embed.png`, fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await courseServer.close();
  }
});

test("the page works from the keyboard alone", { timeout: 60_000 }, async () => {
  const { page, errors, context } = await open();
  // On a projector the library is a drawer: its button opens it.
  await tabTo(page, "[data-testid=lessons-toggle]");
  await page.keyboard.press("Enter");
  await tabTo(page, "[data-testid=lesson-count]");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "count(): One … Two" }).waitFor();
  await tabTo(page, "[data-testid=run]");
  await page.keyboard.press("Enter");
  await page.getByTestId("total-gather").waitFor();
  // Timeline segments take the focus one by one; a step's segment says what it was, planned and measured.
  await tabTo(page, "#timeline-svg-gather [tabindex='0']");
  const detail = page.getByTestId("timeline-detail-gather");
  for (let i = 0; i < 10 && !/Step:/.test(await detail.textContent()); i++) await page.keyboard.press("Tab");
  assert.match(await detail.textContent(), /Step: .*Planned .*; measured .*; late/);
  // The focused segment is outlined by a thick stroke, since SVG shapes draw no focus ring.
  assert.equal(await page.evaluate(() => getComputedStyle(document.activeElement).strokeWidth), "3px");
  assert.deepEqual(errors, []);
  await context.close();
});

test("screenshots of the main views, light and dark, projector and laptop", { timeout: 120_000 }, async () => {
  for (const [name, viewport, scheme] of [
    ["projector-light", { width: 1280, height: 720 }, "light"],
    ["projector-dark", { width: 1280, height: 720 }, "dark"],
    ["laptop-light", { width: 1440, height: 900 }, "light"],
  ]) {
    const { page, errors, context } = await open("", viewport, scheme);
    await page.screenshot({ path: `${OUT_DIR}first-look-${name}.png` });
    await run(page, "blocking");
    await run(page, "gather");
    await page.screenshot({ path: `${OUT_DIR}ran-${name}.png`, fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  }
  await writeFile(`${OUT_DIR}screenshots.txt`, "first-look-*.png ran-*.png compare.png error.png live.png embed.png\n");
});
