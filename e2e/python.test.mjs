// The learner's own Python: each tutorial program, pasted as it is into the Python editor of the
// built page, runs as written — the console prints what CPython prints, in CPython's order; the
// run takes at least the tutorial's time at the page's scale, which is what the page predicts;
// stepping through it marks the learner's own lines, and the Rust tab's statements the page runs for
// them — and a program with a mistake says where.
import { test } from "node:test";
import assert from "node:assert/strict";

import { OUT_DIR } from "./browser.mjs";
import { courseSite } from "./site.mjs";
import { TUTORIAL_PROGRAMS, program, sameLines } from "./python-programs.mjs";
import { consoleLines, markedLines, setScale, stepTimes } from "./page.mjs";

const site = courseSite();

/** Real milliseconds per second of a program on the default lesson's page (`program_scale`). */
const SCALE = 100;

/** The Python editor's text area, once the Python tab of the Recipe drawer is open. */
async function pythonEditor(page) {
  await page.getByTestId("show-recipe").click();
  await page.getByTestId("source-python").click();
  const editor = page.locator("#python-text");
  await editor.waitFor();
  return editor;
}

test("every tutorial program runs as written and prints what CPython prints, in its order", { timeout: 300_000 }, async () => {
  const { page, errors, context } = await site.open("", { ready: (page) => page.getByTestId("loop-panel") });
  const editor = await pythonEditor(page);
  const step = Number(await page.getByTestId("stage").getAttribute("data-clock-step-ms").catch(() => null)) || 1;
  for (const program of TUTORIAL_PROGRAMS) {
    await editor.fill(program.source);
    // The program reads: no mistake listed, and the picker runs it as written.
    await page.waitForFunction(() => document.querySelector("[data-testid=mode-as-written]")?.checked);
    assert.equal(await page.getByTestId("errors").locator("li").count(), 0, `${program.name} reads`);
    const predicted = Number(await page.getByTestId("forecast").getAttribute("data-ms"));
    assert.equal(predicted, program.seconds * SCALE, `${program.name}: the prediction is the tutorial's time`);

    await page.getByTestId("run").click();
    const total = page.getByTestId("total-as-written");
    await total.waitFor({ timeout: 60_000 });
    const ms = Number(await total.getAttribute("data-ms"));
    // Waits never end early and blocking holds the thread its whole length: at least the
    // tutorial's time, less two steps of the clock. How much longer it took is the bench's.
    assert.ok(ms >= program.seconds * SCALE - 2 * step, `${program.name}: took ${ms} ms, less than ${program.seconds * SCALE} ms`);

    const printed = await consoleLines(page);
    const expected = program.error ? [...program.lines, program.error] : program.lines;
    assert.ok(sameLines(printed, expected), `${program.name}: printed ${JSON.stringify(printed)}, CPython prints ${JSON.stringify(expected)}`);

    // Stepping through the run marks the learner's own lines.
    const lines = program.source.split("\n").map((l) => l.trim());
    const marked = await markedLines(page, 12);
    for (const text of marked) {
      assert.ok(lines.includes(text), `${program.name}: the marked line ${JSON.stringify(text)} is the learner's`);
    }
    if (program.seconds > 0 || program.lines.length > 0) {
      assert.ok(marked.length > 0, `${program.name}: stepping marks a line of the program`);
    }

    // The Rust tab is the Rust the page runs for it, and stepping marks its statements.
    await page.getByTestId("tab-rust").click();
    const rust = await page.getByTestId("code").textContent();
    assert.match(rust, /^(async )?fn main\(\)/m, `${program.name}: the Rust view has a main`);
    const rustMarked = await markedLines(page, 6);
    for (const text of rustMarked) {
      assert.ok(!lines.includes(text), `${program.name}: the marked line ${JSON.stringify(text)} is Rust, not the learner's Python`);
      assert.match(text, /;( \/\/.*)?$/, `${program.name}: the marked line ${JSON.stringify(text)} is a Rust statement`);
    }
    if (program.seconds > 0 || program.lines.length > 0) {
      assert.ok(rustMarked.length > 0, `${program.name}: stepping marks a line of the Rust`);
    }
    await page.getByTestId("tab-python").click();
    await page.getByTestId("show-recipe").click();
    await editor.waitFor();
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("edit either, the other is written from it: the recipe of the learner's tasks runs in every mode, and the learner's Python stays saved", { timeout: 120_000 }, async () => {
  const { page, errors, context } = await site.open("", { ready: (page) => page.getByTestId("loop-panel") });
  // Before the learner writes any, the Python tab is the recipe's twin, and says so.
  const editor = await pythonEditor(page);
  assert.match(await page.getByTestId("written-from").textContent(), /Written from the recipe/);
  assert.match(await editor.inputValue(), /async def cake\(\)/);
  assert.equal(await page.getByTestId("lead-python").count(), 0, "no Python of their own yet");
  assert.equal(await page.getByTestId("mode-as-written").count(), 0);

  // Their Python is the program: the recipe tab shows its tasks as a recipe.
  const program = TUTORIAL_PROGRAMS.find((p) => p.name.includes("test_async"));
  await editor.fill(program.source);
  await page.waitForFunction(() => document.querySelector("[data-testid=mode-as-written]")?.checked);
  await page.getByTestId("source-recipe").click();
  const recipe = page.locator("#recipe-text");
  await page.waitForFunction(() => document.querySelector("#recipe-text")?.value.includes("task example_coroutine x5"));
  assert.match(await page.getByTestId("written-from").textContent(), /Written from your Python/);
  // Every other mode runs those tasks: blocking, the five 3 s waits one after another.
  await page.getByTestId("mode-blocking").check();
  const forecast = (ms) => page.waitForFunction((ms) => Number(document.querySelector("[data-testid=forecast]")?.getAttribute("data-ms")) === ms, ms);
  await forecast(15 * SCALE);
  await page.getByTestId("mode-gather").check();
  await forecast(3 * SCALE);

  // The learner edits the recipe: it is the program, the Python tab is its twin, theirs is saved.
  await recipe.fill((await recipe.inputValue()).replace("x5", "x2"));
  await page.waitForFunction(() => !document.querySelector("[data-testid=written-from]"));
  await forecast(3 * SCALE);
  assert.equal(await page.getByTestId("mode-as-written").count(), 0, "As written is their Python's");
  await page.getByTestId("source-python").click();
  await page.getByTestId("lead-python").waitFor();
  const twin = await page.locator("#python-text").inputValue();
  assert.match(twin, /range\(2\)|example_coroutine\(\)[^\n]*\n[^]*example_coroutine\(\)/, "the twin of two copies");
  assert.notEqual(twin, program.source);

  // "Open my Python" brings theirs back as the program, as typed.
  await page.getByTestId("lead-python").click();
  await page.waitForFunction((text) => document.querySelector("#python-text")?.value === text, program.source);
  await page.waitForFunction(() => document.querySelector("[data-testid=mode-as-written]")?.checked);
  await page.getByTestId("source-recipe").click();
  await page.getByTestId("lead-recipe").click();
  await page.waitForFunction(() => document.querySelector("#recipe-text")?.value.includes("x2"));

  // A program a recipe cannot say: the Recipe tab says why, a mode has nothing to run and says so.
  await page.getByTestId("source-python").click();
  await page.locator("#python-text").fill("import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n    print(s)\n\nasyncio.run(main())\n");
  await page.waitForFunction(() => document.querySelector("[data-testid=mode-as-written]")?.checked);
  await page.getByTestId("source-recipe").click();
  assert.match(await page.getByTestId("written-from").textContent(), /cannot be written as a recipe: line 5: .*NameError/);
  await page.getByTestId("mode-gather").check();
  await page.waitForFunction(() => /and there is none/.test(document.querySelector("[data-testid=forecast]")?.textContent ?? ""));
  assert.ok(await page.getByTestId("run").isDisabled());
  assert.deepEqual(errors, []);
  await context.close();
});

test("a mistake is listed with its line and column, the typed text is kept, and one click puts the cursor there", { timeout: 90_000 }, async () => {
  const { page, errors, context } = await site.open("", { ready: (page) => page.getByTestId("loop-panel") });
  const editor = await pythonEditor(page);
  const text = "import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n    print('done'\n\nasyncio.run(main())\n";
  await editor.fill(text);
  const error = page.getByTestId("errors").locator("li").first();
  await error.waitFor();
  assert.equal(await error.getAttribute("data-line"), "5");
  assert.match(await error.textContent(), /line 5, column \d+/);
  assert.equal(await editor.inputValue(), text, "nothing typed is lost");
  assert.ok(await page.getByTestId("run").isDisabled(), "a program with a mistake does not run");
  // The stage keeps the last program that read (the recipe's twin, which the tab started from),
  // marked out of date.
  await page.getByTestId("out-of-date").waitFor();
  await page.screenshot({ path: `${OUT_DIR}python-mistake.png` });
  await error.locator("button").click();
  const caret = await editor.evaluate((area) => area.value.slice(0, area.selectionStart).split("\n").length);
  assert.equal(caret, 5, "the cursor is on the mistake's line");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the learner's Python is kept as typed across a reload", { timeout: 90_000 }, async () => {
  const { page, errors, context } = await site.open("", { ready: (page) => page.getByTestId("loop-panel") });
  const editor = await pythonEditor(page);
  const typed = TUTORIAL_PROGRAMS[0].source.replace("range(5)", "range(2)  # two, for the class");
  await editor.fill(typed);
  await page.waitForFunction(() => document.querySelector("[data-testid=mode-as-written]")?.checked);
  await page.reload();
  await page.getByTestId("loop-panel").waitFor();
  const again = await pythonEditor(page);
  await page.waitForFunction((text) => document.querySelector("#python-text")?.value === text, typed);
  assert.equal(await again.inputValue(), typed, "nothing typed is lost");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the learner's program on a projector: the stage shows their lines, the run and its total", { timeout: 90_000 }, async () => {
  const { page, errors, context } = await site.open("", { ready: (page) => page.getByTestId("loop-panel") });
  const editor = await pythonEditor(page);
  await editor.fill(TUTORIAL_PROGRAMS[0].source);
  await page.waitForFunction(() => document.querySelector("[data-testid=mode-as-written]")?.checked);
  await page.screenshot({ path: `${OUT_DIR}python-editor.png` });
  await page.getByTestId("run").click();
  await page.getByTestId("total-as-written").waitFor({ timeout: 60_000 });
  await page.getByTestId("step-start").click();
  for (let i = 0; i < 6; i++) await page.getByTestId("step-next").click();
  await page.getByTestId("stage").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${OUT_DIR}python-stage.png` });
  // The same stop in the Rust the page runs for it.
  await page.getByTestId("tab-rust").click();
  await page.getByTestId("code-line-current").waitFor();
  await page.screenshot({ path: `${OUT_DIR}python-stage-rust.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test("worker processes run as written on cooks: their work overlaps on two, and they print what CPython prints", { timeout: 120_000 }, async () => {
  const { page, errors, context } = await site.open("", { ready: (page) => page.getByTestId("loop-panel") });
  const editor = await pythonEditor(page);
  const total = page.getByTestId("total-as-written");
  /** Runs `name` as written, once the page predicts `ms` for it, and returns its console's lines. */
  const runProgram = async (name, ms) => {
    await editor.fill(program(name));
    await page.waitForFunction(() => document.querySelector("[data-testid=mode-as-written]")?.checked);
    assert.equal(await page.getByTestId("errors").locator("li").count(), 0, `${name} reads`);
    // At real time: the jobs' fifth of a second apart decides their order, however loaded the
    // machine.
    await setScale(page, 1000);
    await page.waitForFunction((ms) => Number(document.querySelector("[data-testid=forecast]")?.dataset.ms) === ms, ms);
    await page.getByTestId("run").click();
    await total.waitFor({ timeout: 60_000 });
    const printed = await consoleLines(page);
    await page.getByTestId("show-recipe").click();
    await editor.waitFor();
    return printed;
  };
  // First, with no cook started yet: the third job waits for a free cook, and the jobs end in
  // CPython's order (the cooks start before the run, as CPython's worker processes start at once).
  const queued = await runProgram("p_process_pool_queue", 600);
  const cpython = ["toast done", "boil done", "roast done", "all done: [0.6, 0.2, 0.2]"];
  assert.ok(sameLines(queued, cpython), `printed ${JSON.stringify(queued)}, CPython prints ${JSON.stringify(cpython)}`);
  const printed = await runProgram("p_process_pool_work", 1000);
  await page.getByTestId("show-recipe").click();
  // (No bound on the run's time: a cook's work is computation, at the pace the page measured,
  // which a cook on a free core may outrun; how long it took is the bench's.)
  // Which job's work ends first depends on the cores each cook gets, as with CPython's worker
  // processes on a loaded machine: both lines come before main's, in either order.
  const expected = ["slicing done", "dicing done", "all done: [0.5, 1.0]", "in ⟨clock⟩ s"];
  const jobsFirst = [...printed.slice(0, 2)].sort().reverse().concat(printed.slice(2));
  assert.ok(sameLines(jobsFirst, expected), `printed ${JSON.stringify(printed)}, CPython prints ${JSON.stringify(expected)}`);

  // Each job's work on a cook of its own, at the same time (the timeline's table, in the program's
  // milliseconds): the pool of two ran both at once, as CPython's two worker processes do.
  const work = (await stepTimes(page, "as-written")).filter((row) => /^work /.test(row.step));
  assert.deepEqual(work.map((row) => row.task), ["job('slicing', 0.5)", "job('dicing', 1.0)"], "each job works once");
  const [a, b] = work.map((row) => row.measured);
  assert.ok(a.start < b.end && b.start < a.end, `their work overlapped: ${JSON.stringify(work)}`);
  assert.match(await page.getByTestId("loop-cooks").textContent(), /cook 1.*cook 2/s, "the panel names both cooks");
  await page.getByTestId("timeline-as-written").locator("text=cook 2").first().waitFor();
  // The Rust tab hands each job to a cook.
  await page.getByTestId("tab-rust").click();
  assert.match(await page.getByTestId("code").textContent(), /let task_0 = spawn_on_cook\(move \|\| job\(\)\);/);
  await page.getByTestId("stage").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${OUT_DIR}python-processes-1280x720.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test("a share link carries the learner's Python: it opens in the Python editor and runs as written, and the learner's own stays saved", { timeout: 120_000 }, async () => {
  const ready = { ready: (page) => page.getByTestId("loop-panel") };
  const { page, errors, context } = await site.open("", ready);
  const editor = await pythonEditor(page);
  const program = TUTORIAL_PROGRAMS.find((p) => p.name.includes("red_blue_green_async")) ?? TUTORIAL_PROGRAMS[1];
  await editor.fill(program.source);
  await page.waitForFunction(() => document.querySelector("[data-testid=mode-as-written]")?.checked);
  await page.getByTestId("share").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=share-link]")?.value.includes("lang=python"));
  const link = await page.getByTestId("share-link").inputValue();
  const query = link.slice(site.server.url.length);

  // A class opens the link: the program is in the Python editor, the stage runs it as written.
  const pupil = await site.open(query, ready);
  await pupil.page.waitForFunction((text) => document.querySelector("#python-text")?.value === text, program.source);
  await pupil.page.waitForFunction(() => document.querySelector("[data-testid=mode-as-written]")?.checked);
  assert.equal(await pupil.page.getByTestId("notice").count(), 0, "nothing to say to a learner with no program of their own");
  await pupil.page.getByTestId("run").click();
  await pupil.page.getByTestId("total-as-written").waitFor({ timeout: 60_000 });
  assert.ok(sameLines(await consoleLines(pupil.page), program.lines), `${program.name} prints CPython's lines`);
  await pupil.context.close();

  // A learner with a program of their own opens it: theirs stays saved until they edit the link's.
  const own = "import asyncio\n\nasync def main():\n    print('mine')\n\nasyncio.run(main())\n";
  await editor.fill(own);
  await page.waitForFunction(() => document.querySelector("[data-testid=mode-as-written]")?.checked);
  const again = await site.open(query, { ...ready, context });
  await again.page.waitForFunction((text) => document.querySelector("#python-text")?.value === text, program.source);
  assert.match(await again.page.getByTestId("notice").textContent(), /yours stays saved until you edit this one/);
  // Read as it came and never edited, the link's program is not saved over theirs.
  const later = await site.open("", { ...ready, context });
  const back = await pythonEditor(later.page);
  await later.page.waitForFunction((text) => document.querySelector("#python-text")?.value === text, own);
  assert.equal(await back.inputValue(), own, "the learner's own program was kept");
  assert.deepEqual([...errors, ...pupil.errors, ...again.errors, ...later.errors], []);
  await context.close();
});
