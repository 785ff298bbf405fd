// The bench's measurements that drive the page like a learner: loading it, and a live run's frames.
import { median, rank } from "./stats.mjs";

/** Marks, on the page's own clock, the moment the Run button first exists and is enabled. */
function watchForRunButton() {
  const seen = () => {
    const button = document.querySelector("[data-testid=run]");
    if (button && !button.disabled && window.__interactiveAt === undefined) {
      window.__interactiveAt = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(seen);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
}

/**
 * Loads the page `loads` times, each in a fresh context (an empty cache, as on a learner's first
 * visit), and measures the time from navigation to an enabled Run button, on the page's clock.
 */
export async function measureInteractive(browser, url, loads) {
  const runs = [];
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext();
    await context.addInitScript(watchForRunButton);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.__interactiveAt !== undefined, null, { timeout: 30_000 });
    runs.push(await page.evaluate(() => window.__interactiveAt));
    await context.close();
  }
  return { runs, medianMs: median(runs), maxMs: Math.max(...runs) };
}

/** A thousand tasks that only wait, in six rounds of half a second: three seconds of live drawing. */
export function thousandTaskRecipe() {
  const waits = Array.from({ length: 6 }, (_, i) => `  wait 500 "round ${i + 1}"`).join("\n");
  return `recipe "A thousand timers, drawn live"\nunit ms\nscale 1\n\ntask timer x1000\n${waits}\n`;
}

/**
 * Runs `recipe` in gather mode through the page (editor, mode picker, Run) and records the gap
 * between every two frames the page draws while the run is live, with `requestAnimationFrame`
 * (a CSS animation would keep moving even if the thread were stuck). Also counts the live
 * timeline's redraws, to prove the frames were measured while it was being drawn.
 */
export async function frameGaps(page, recipe) {
  // The editor is in the recipe drawer, which a run closes.
  if (!(await page.getByTestId("editor").isVisible())) await page.getByTestId("show-recipe").click();
  await page.getByTestId("editor").fill(recipe);
  await page.getByTestId("mode-gather").check();
  await page.evaluate(() => {
    const state = { frames: [], redraws: 0, live: 0, stop: false };
    window.__frameBench = state;
    const tick = (t) => {
      state.frames.push(t);
      if (document.querySelector("figure.timeline.live")) state.live += 1;
      if (!state.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    state.observer = new MutationObserver(() => {
      if (document.querySelector("figure.timeline.live")) state.redraws += 1;
    });
    state.observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await page.getByTestId("run").click();
  await page.getByTestId("total-gather").waitFor({ timeout: 60_000 });
  const state = await page.evaluate(() => {
    const { frames, live, redraws, observer } = window.__frameBench;
    window.__frameBench.stop = true;
    observer.disconnect();
    return { frames, live, redraws };
  });
  const gaps = state.frames.slice(1).map((t, i) => t - state.frames[i]);
  return {
    tasks: 1000,
    frames: state.frames.length,
    liveFrames: state.live,
    liveRedraws: state.redraws,
    p50Ms: rank(gaps, 0.5),
    p95Ms: rank(gaps, 0.95),
    maxMs: Math.max(...gaps),
  };
}
