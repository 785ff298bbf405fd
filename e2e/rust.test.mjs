// The learner's own Rust: the async chapter's first example and the corpus's mistakes, pasted into
// the Rust editor of the built page. The console prints what Tokio's current-thread runtime prints
// (the Tokio step of `cargo xtask test` holds the page's model to Tokio for the same files), the
// run takes at least the program's time at the page's scale, the Python twin is one click away,
// stepping marks the learner's own lines, and the mistakes are said at their lines.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { OUT_DIR } from "./browser.mjs";
import { courseSite } from "./site.mjs";
import { consoleLines, markedLines } from "./page.mjs";

const site = courseSite();

/** Real milliseconds per second of a program on the default lesson's page (`program_scale`). */
const SCALE = 100;

const CORPUS = new URL("../crates/model/src/rust/corpus/", import.meta.url);

/** A Rust corpus file's text, as a learner would paste it. */
function program(name) {
  return readFileSync(new URL(`${name}.rs`, CORPUS), "utf8");
}

/** What Tokio prints for the async chapter's first example (`r_trpl_first_example.rs`): main's
 * loop and the spawned task take turns, main first at each tick, and when main's loop ends at
 * 2 s the runtime is dropped with the spawned task in it. */
const FIRST_EXAMPLE_LINES = [1, 2, 3, 4].flatMap((i) => [
  `hi number ${i} from the second task!`,
  `hi number ${i} from the first task!`,
]);

/** Runs the program as written and holds its total to the time its steps need at the least (work
 * holds the thread, a sleep ends no earlier than asked), within the stage clock's step: a loaded
 * machine makes a run late, never early. */
async function runsItsSteps(page, predicted) {
  await page.getByTestId("run").click();
  const total = page.getByTestId("total-as-written");
  await total.waitFor({ timeout: 60_000 });
  const step = Number(await page.getByTestId("stage").getAttribute("data-clock-step-ms").catch(() => null)) || 1;
  const ms = Number(await total.getAttribute("data-ms"));
  assert.ok(ms >= predicted - 2 * step, `took ${ms} ms, less than the ${predicted} ms its steps need`);
}

/** The Rust editor's text area, once the Rust tab of the Recipe drawer is open. */
async function rustEditor(page) {
  await page.getByTestId("show-recipe").click();
  await page.getByTestId("source-rust").click();
  const editor = page.locator("#rust-text");
  await editor.waitFor();
  return editor;
}

test("the async chapter's first example runs in the Rust editor with Tokio's interleaving and time, its Python twin beside it", { timeout: 120_000 }, async () => {
  const { page, errors, context } = await site.open("", { ready: (page) => page.getByTestId("loop-panel") });
  const editor = await rustEditor(page);
  const source = program("r_trpl_first_example");
  await editor.fill(source);
  await page.waitForFunction(() => document.querySelector("[data-testid=mode-as-written]")?.checked);
  assert.equal(await page.getByTestId("errors").locator("li").count(), 0, "it reads");
  // trpl::run starts Tokio's multi-thread runtime: at the task it spawns, the page says what
  // another thread would change, and the reference lists where Tokio and the page differ.
  const spawnLine = source.split("\n").findIndex((l) => l.includes("trpl::spawn_task(")) + 1;
  const notes = await page.getByTestId("warnings").locator("li").allTextContents();
  assert.ok(
    notes.some((n) => n.startsWith(`line ${spawnLine}: `) && n.includes(`flavor = "current_thread"`)),
    `a note on threads at line ${spawnLine}: ${JSON.stringify(notes)}`,
  );
  const differences = page.getByTestId("tokio-differences");
  await differences.locator("summary").click();
  assert.equal(await differences.locator("li").count(), 4, "threads, timers, timers due together, the end of main");
  const predicted = Number(await page.getByTestId("forecast").getAttribute("data-ms"));
  assert.equal(predicted, 2 * SCALE, "the prediction is Tokio's 2 s");
  await page.screenshot({ path: `${OUT_DIR}rust-editor.png` });

  await page.getByTestId("run").click();
  const total = page.getByTestId("total-as-written");
  await total.waitFor({ timeout: 60_000 });
  const step = Number(await page.getByTestId("stage").getAttribute("data-clock-step-ms").catch(() => null)) || 1;
  const ms = Number(await total.getAttribute("data-ms"));
  assert.ok(ms >= 2 * SCALE - 2 * step, `took ${ms} ms, less than the ${2 * SCALE} ms its sleeps need`);
  assert.deepEqual(await consoleLines(page), FIRST_EXAMPLE_LINES, "Tokio's lines, in Tokio's order");

  // The code panel shows the learner's Rust, and stepping marks their own lines.
  const lines = source.split("\n").map((l) => l.trim());
  const marked = await markedLines(page, 10);
  assert.ok(marked.length > 0, "stepping marks a line of the program");
  for (const text of marked) {
    assert.ok(lines.includes(text), `the marked line ${JSON.stringify(text)} is the learner's`);
  }
  await page.getByTestId("stage").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${OUT_DIR}rust-stage.png` });

  // Its Python twin, one click away, marks its own lines at the same stops.
  await page.getByTestId("tab-python").click();
  const python = await page.getByTestId("code").textContent();
  assert.match(python, /asyncio\.run\(main\(\)\)/, "the twin is an asyncio program");
  assert.match(python, /asyncio\.create_task\(/, "the spawned task is a task");
  const twinMarked = await markedLines(page, 6);
  assert.ok(twinMarked.length > 0, "stepping marks a line of the twin");
  for (const text of twinMarked) {
    assert.ok(!lines.includes(text), `the marked line ${JSON.stringify(text)} is the twin's Python`);
  }
  await page.screenshot({ path: `${OUT_DIR}rust-stage-python.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test("a future never awaited is warned about at its line, and .await in a plain fn is rustc's E0728 at its line", { timeout: 90_000 }, async () => {
  const { page, errors, context } = await site.open("", { ready: (page) => page.getByTestId("loop-panel") });
  const editor = await rustEditor(page);

  const dropped = program("r_future_never_awaited");
  await editor.fill(dropped);
  await page.waitForFunction(() => document.querySelector("[data-testid=mode-as-written]")?.checked);
  const line = dropped.split("\n").findIndex((l) => l.trim() === "say_hello();") + 1;
  const warning = page.getByTestId("warnings").locator("li").first();
  await warning.waitFor();
  assert.match(await warning.textContent(), new RegExp(`^line ${line}: unused implementer of \`Future\` that must be used: futures do nothing unless you \`\\.await\` or poll them`));
  await page.getByTestId("run").click();
  await page.getByTestId("total-as-written").waitFor({ timeout: 60_000 });
  assert.deepEqual(await consoleLines(page), ["before", "after"], "nothing of the future runs");

  // The run closed the drawer, so that the stage is in view: open it again.
  await page.getByTestId("show-recipe").click();
  await editor.waitFor();
  const misplaced = program("r_await_in_fn");
  await editor.fill(misplaced);
  const error = page.getByTestId("errors").locator("li").first();
  await error.waitFor();
  const awaitLine = misplaced.split("\n").findIndex((l) => l.trim().endsWith(".await;")) + 1;
  assert.equal(await error.getAttribute("data-line"), String(awaitLine));
  assert.match(await error.textContent(), /error\[E0728\]: `await` is only allowed inside `async` functions and blocks/);
  assert.equal(await editor.inputValue(), misplaced, "nothing typed is lost");
  assert.ok(await page.getByTestId("run").isDisabled(), "a program rustc refuses does not run");
  await page.screenshot({ path: `${OUT_DIR}rust-mistake.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test("a share link carries the learner's Rust: it opens in the Rust editor and runs as written", { timeout: 120_000 }, async () => {
  const ready = { ready: (page) => page.getByTestId("loop-panel") };
  const { page, errors, context } = await site.open("", ready);
  const editor = await rustEditor(page);
  const source = program("r_tokio_join_three");
  await editor.fill(source);
  await page.waitForFunction(() => document.querySelector("[data-testid=mode-as-written]")?.checked);
  await page.getByTestId("share").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=share-link]")?.value.includes("lang=rust"));
  const link = await page.getByTestId("share-link").inputValue();
  const query = link.slice(site.server.url.length);

  const pupil = await site.open(query, ready);
  await pupil.page.waitForFunction((text) => document.querySelector("#rust-text")?.value === text, source);
  await pupil.page.waitForFunction(() => document.querySelector("[data-testid=mode-as-written]")?.checked);
  await pupil.page.getByTestId("run").click();
  await pupil.page.getByTestId("total-as-written").waitFor({ timeout: 60_000 });
  const printed = await consoleLines(pupil.page);
  assert.equal(printed.at(-1), "breakfast: water at 100 degrees, 2 slices, 1 egg", "the join's values print after it");
  assert.deepEqual([...errors, ...pupil.errors], []);
  await pupil.context.close();
  await context.close();
});

test("the recipe's Rust tab is the lesson written in Rust, which becomes the program when edited", { timeout: 90_000 }, async () => {
  const { page, errors, context } = await site.open("", { ready: (page) => page.getByTestId("loop-panel") });
  const editor = await rustEditor(page);
  await page.waitForFunction(() => /trpl::run\(async/.test(document.querySelector("#rust-text")?.value ?? ""));
  assert.match(await page.getByTestId("written-from").textContent(), /Written from the recipe/);
  await page.screenshot({ path: `${OUT_DIR}rust-from-recipe.png` });
  // The Rust the tab shows reads as it is: a comment added makes it the program, as written.
  const written = await editor.inputValue();
  await editor.fill(`${written}// mine now\n`);
  await page.waitForFunction(() => document.querySelector("[data-testid=mode-as-written]")?.checked);
  assert.equal(await page.getByTestId("errors").locator("li").count(), 0, "the written Rust reads");
  assert.equal(await page.getByTestId("written-from").count(), 0, "it is the program now");
  // It runs as the lesson's Gather does: its steps' time at the least (work holds the thread, a
  // sleep ends no earlier than asked).
  const predicted = Number(await page.getByTestId("forecast").getAttribute("data-ms"));
  assert.ok(predicted > 0, "the program takes the lesson's time");
  await runsItsSteps(page, predicted);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the code panel's Rust, pasted into the Rust editor, reads back as a browser program and runs as the lesson does", { timeout: 120_000 }, async () => {
  const { page, errors, context } = await site.open("", { ready: (page) => page.getByTestId("loop-panel") });
  // The lesson's Gather, as the page predicts it.
  const lesson = Number(await page.getByTestId("forecast").getAttribute("data-ms"));
  await page.getByTestId("tab-rust").click();
  // As a learner copies it: the panel's text as rendered (each line a block of its own).
  const view = await page.getByTestId("code").evaluate((pre) => pre.innerText);
  assert.match(view, /#\[wasm_bindgen\(start\)\]\s+async fn main\(\)/, "the view is a browser program");
  const editor = await rustEditor(page);
  await editor.fill(view);
  await page.waitForFunction(() => document.querySelector("[data-testid=mode-as-written]")?.checked);
  assert.deepEqual(await page.getByTestId("errors").locator("li").allTextContents(), [], "the view reads");
  assert.match(await page.locator(".mode-chosen").textContent(), /on the browser's event loop/);
  // The same program: its seconds are the lesson's real seconds (the view's first line says how
  // many milliseconds a minute is), drawn at the page's scale for programs.
  const predicted = Number(await page.getByTestId("forecast").getAttribute("data-ms"));
  const expected = (lesson / 1000) * SCALE;
  assert.ok(Math.abs(predicted - expected) <= 1, `predicted ${predicted} ms, the lesson's ${lesson} ms at ${SCALE} ms a second is ${expected} ms`);
  await runsItsSteps(page, predicted);
  assert.deepEqual(errors, []);
  await context.close();
});
