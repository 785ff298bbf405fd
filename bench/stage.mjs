// The bench's measurements of the stage: how long one step of the cursor takes to redraw, and how
// long the scrubber takes to move across a huge run, both in the page a learner has open.
import { median, rank } from "./stats.mjs";

/** `tasks` copies of one task that waits `ms`: the ten-thousand-timers lesson at any size. */
export function timersRecipe(tasks, ms = 50) {
  return `recipe "${tasks} timers on the stage"\nunit ms\nscale 1\n\ntask timer x${tasks}\n  wait ${ms}\n`;
}

/**
 * Puts `recipe` in the editor with gather chosen, so that the stage shows its prediction, and waits
 * until the stage has it: returns how long that took (the simulation, the timeline and the replay's
 * index, built once) and how many stops the run has.
 */
async function stage(page, recipe) {
  if (!(await page.getByTestId("editor").isVisible())) await page.getByTestId("show-recipe").click();
  await page.getByTestId("mode-gather").check();
  const started = await page.evaluate(() => performance.now());
  await page.getByTestId("editor").fill(recipe);
  // The editor's drawer would push the stage down; it is closed again for the measurements.
  await page.getByTestId("show-recipe").click();
  const scrubber = page.getByTestId("scrubber");
  await page.waitForFunction((text) => document.querySelector("[data-testid=stage] .timeline")
    ?.getAttribute("aria-label")?.includes(text), recipe.split('"')[1], { timeout: 120_000 });
  const ready = await page.evaluate(() => performance.now());
  return { readyMs: ready - started, stops: Number(await scrubber.getAttribute("max")) + 1 };
}

/**
 * In the page: runs `act(i)` `n` times and returns how long each took until the stage had drawn its
 * result — the stop counter changed and the page's style and layout were brought up to date —
 * letting a frame pass between two, as a learner's key presses would.
 */
export function timeRedraws(page, n, act) {
  return page.evaluate(async ([n, act]) => {
    const counter = () => document.querySelector("[data-testid=stage] .stop-count");
    const run = new Function("i", act);
    const times = [];
    for (let i = 0; i < n; i++) {
      const before = counter().textContent;
      const start = performance.now();
      run(i);
      if (counter().textContent === before) {
        await new Promise((done) => {
          const observer = new MutationObserver(() => {
            if (counter().textContent !== before) {
              observer.disconnect();
              done();
            }
          });
          observer.observe(counter(), { childList: true, characterData: true, subtree: true });
        });
      }
      void document.body.offsetHeight;
      times.push(performance.now() - start);
      await new Promise((done) => requestAnimationFrame(() => done()));
    }
    return times;
  }, [n, act]);
}

/** Steps the stage's cursor `steps` times with → through the prediction of `tasks` timers. */
export async function stepRedraws(page, tasks, steps) {
  const { readyMs, stops } = await stage(page, timersRecipe(tasks));
  // A prediction opens at its start; Home makes sure.
  await page.keyboard.press("Home");
  const times = await timeRedraws(page, steps,
    "document.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));");
  return { tasks, stops, readyMs, steps: times.length, p50Ms: rank(times, 0.5), p95Ms: rank(times, 0.95), maxMs: Math.max(...times) };
}

/** Drags the scrubber across the prediction of `tasks` timers, `positions` moves from end to end. */
export async function scrubRedraws(page, tasks, positions) {
  const { readyMs, stops } = await stage(page, timersRecipe(tasks));
  // From the end, so that the first move (to the start) changes something.
  await page.keyboard.press("End");
  const times = await timeRedraws(page, positions, `
    const scrubber = document.querySelector("[data-testid=scrubber]");
    const max = Number(scrubber.max);
    // Moves that jump far, back and forth, as a hand dragging across the whole run does.
    const at = (i * 7919) % (${positions});
    scrubber.value = String(Math.round(max * at / (${positions} - 1)));
    scrubber.dispatchEvent(new Event("input", { bubbles: true }));`);
  return { tasks, stops, readyMs, moves: times.length, p50Ms: rank(times, 0.5), p95Ms: rank(times, 0.95), maxMs: Math.max(...times), medianMs: median(times) };
}
