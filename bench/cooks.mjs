// The bench's cooks: chop-and-dice on one cook, two and as many as the browser reports cores,
// against blocking on the page's own thread; what starting a cook costs; a message's round trip.
import { median } from "./stats.mjs";

const LESSON = "chop-and-dice";

const hooks = (page) => ({
  blocking: async () => JSON.parse(await page.evaluate((id) => window.wasmBindings.benchLesson(id, "blocking"), LESSON)),
  onCooks: async (k) => JSON.parse(await page.evaluate(([id, k]) => window.wasmBindings.benchCooks(id, k), [LESSON, k])),
  startups: async (n) => JSON.parse(await page.evaluate((n) => window.wasmBindings.benchCookStartup(n), n)),
  pings: async (n) => JSON.parse(await page.evaluate((n) => window.wasmBindings.benchCookPing(n), n)),
});

/**
 * Measures the cooks on `page`: `repeats` runs of each figure. A run on K cooks is first run once
 * to start the cooks it lacks, and not counted: the speed-up is the warm pool's, and start-up is
 * measured on its own.
 */
export async function cooks(page, repeats) {
  const bench = hooks(page);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const blockingRuns = [];
  for (let i = 0; i < repeats; i++) {
    const run = await bench.blocking();
    if (!run.fidelity) throw new Error(`${LESSON} blocking was refused: ${run.refused}`);
    blockingRuns.push(run.fidelity.measured_ms);
  }
  const blockingMs = median(blockingRuns);
  const speedups = [];
  for (const k of [...new Set([1, 2, Math.min(Math.max(cores, 1), 16)])]) {
    await bench.onCooks(k);
    const runs = [];
    for (let i = 0; i < repeats; i++) runs.push(await bench.onCooks(k));
    const runsMs = runs.map((r) => r.total_ms);
    const medianMs = median(runsMs);
    speedups.push({ cooks: k, runsMs, medianMs, predictedMs: median(runs.map((r) => r.predicted_ms)), speedup: blockingMs / medianMs });
    console.error(`bench: ${LESSON} on ${k} cooks: ${medianMs.toFixed(1)} ms, ${(blockingMs / medianMs).toFixed(2)}× blocking's ${blockingMs.toFixed(1)} ms`);
  }
  const startupMs = await bench.startups(repeats);
  const pingMs = await bench.pings(Math.max(10, repeats * 10));
  console.error(`bench: a cook starts in ${median(startupMs).toFixed(1)} ms; a round trip takes ${median(pingMs).toFixed(2)} ms`);
  return { lesson: LESSON, cores, blockingMs, blockingRuns, speedups, startupMs, startupP50Ms: median(startupMs), pingMs, pingP50Ms: median(pingMs) };
}
