// The bench's measurement of the Python editor: how long the page takes, from a key press in the
// learner's program, to read it, predict its run and redraw the stage — for a program the size of a
// lesson (the first tutorial's `test_async.py`) and for one at the page's limit (256 KiB).
import { readFile } from "node:fs/promises";

import { rank } from "./stats.mjs";
import { timeRedraws } from "./stage.mjs";

const CORPUS = new URL("../crates/model/src/python/corpus/", import.meta.url);

/** The page's limit on a program's text (`model::text::limits::MAX_TEXT_BYTES`). */
export const MAX_TEXT_BYTES = 256 * 1024;

/** The first tutorial's program, as shared/seeds prints it: a lesson-size program. */
export function lessonProgram() {
  return readFile(new URL("t000_test_async.py", CORPUS), "utf8");
}

/**
 * A program of nearly `bytes` bytes that reads and runs: as many cooks as fit, each a coroutine
 * that prints, waits and returns, all gathered by `main`, which prints their results — the shape
 * of the tutorials' programs, made as long as the page allows.
 */
export function limitProgram(bytes = MAX_TEXT_BYTES) {
  const cook = (k) => `async def cook_${k}(order):
    print(f"cook ${k} starts order {order}")
    await asyncio.sleep(${(k % 5) + 1})
    print(f"cook ${k} serves order {order}")
    return order * 2

`;
  const main = (n) => `async def main():
    results = await asyncio.gather(${Array.from({ length: n }, (_, k) => `cook_${k}(${k})`).join(", ")})
    print(f"{len(results)} orders served")

asyncio.run(main())
`;
  const head = "import asyncio\n\n";
  let cooks = "";
  let n = 0;
  while (head.length + cooks.length + cook(n).length + main(n + 1).length + edit(1).length <= bytes) {
    cooks += cook(n);
    n++;
  }
  return head + cooks + main(n);
}

/**
 * The `i`th edit a learner makes at the end of a program: a line printed after the run, whose
 * presence adds a stop to the prediction (so that the stage visibly changes with each edit).
 */
function edit(i) {
  return `print("edit ${i}")\n`;
}

/** Opens the Recipe drawer's Python tab (its chunk fetched) and runs programs as written. */
async function openPythonEditor(page) {
  if (!(await page.getByTestId("editor").isVisible())) await page.getByTestId("show-recipe").click();
  await page.getByTestId("source-python").click();
  await page.locator("#python-text").waitFor({ timeout: 60_000 });
}

/**
 * Puts `program` in the Python editor (waiting until the stage runs it as written), then makes
 * `edits` edits as a learner's keyboard does — alternately typing a line at the program's end
 * and undoing it, through the browser's own editing commands, so that the text area edits its
 * text as it would for a key press — and measures each, from the key press until the stage has
 * redrawn the new prediction.
 */
export async function readRedraws(page, program, edits) {
  await openPythonEditor(page);
  // Set as a whole, as a paste would: Playwright's `fill` types it in through an editing command,
  // which the browser takes minutes over at 256 KiB.
  await page.evaluate((text) => {
    const area = document.getElementById("python-text");
    area.value = text;
    area.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
  }, program);
  await page.waitForFunction(() => document.querySelector("[data-testid=mode-as-written]")?.checked,
    null, { timeout: 120_000 });
  const errors = await page.getByTestId("errors").locator("li").allTextContents();
  if (errors.length) throw new Error(`the bench's program does not read: ${errors.join("; ")}`);
  // The learner is in the text, at its end, before the first key press, as after a click there:
  // focusing a text area of 256 KiB costs Chromium some 60 ms of its own, once, which no key
  // press pays.
  await page.evaluate(() => {
    const area = document.getElementById("python-text");
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
  });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const times = await timeRedraws(page, edits, `
    const area = document.getElementById("python-text");
    if (i % 2 === 0) {
      area.setSelectionRange(area.value.length, area.value.length);
      document.execCommand("insertText", false, ${JSON.stringify(edit(1))});
    } else {
      document.execCommand("undo");
    }`);
  const text = await page.locator("#python-text").inputValue();
  if (text !== program && text !== program + edit(1)) throw new Error("the bench's edits did not edit the program's end");
  return {
    bytes: Buffer.byteLength(program),
    lines: program.split("\n").length,
    edits: times.length,
    p50Ms: rank(times, 0.5),
    p95Ms: rank(times, 0.95),
    maxMs: Math.max(...times),
  };
}
