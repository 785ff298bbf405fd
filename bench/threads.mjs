// The bench's threads: chop and dice on two threads taking turns on the page's GIL, against blocking
// on the page's own thread; the five downloads on five threads, against gather; the same chopping
// free-threaded; and what a hand-over of the GIL costs (a release on one thread to the take on the
// next, two messages through the page).
import { median } from "./stats.mjs";

const hooks = (page) => ({
  lesson: async (id, mode) => JSON.parse(await page.evaluate(([id, mode]) => window.wasmBindings.benchLesson(id, mode), [id, mode])),
  threads: async (id, k, free) =>
    JSON.parse(await page.evaluate(([id, k, free]) => window.wasmBindings.benchThreads(id, k, free), [id, k, free])),
});

/** The median measured total of `repeats` runs of a lesson in a mode on the page's own thread. */
async function onPage(bench, id, mode, repeats) {
  const runs = [];
  for (let i = 0; i < repeats; i++) {
    const run = await bench.lesson(id, mode);
    if (!run.fidelity) throw new Error(`${id} ${mode} was refused: ${run.refused}`);
    runs.push(run.fidelity.measured_ms);
  }
  return median(runs);
}

/** The runs of a lesson on `k` threads, after one run that starts the workers it lacks. */
async function onThreads(bench, id, k, free, repeats) {
  await bench.threads(id, k, free);
  const runs = [];
  for (let i = 0; i < repeats; i++) runs.push(await bench.threads(id, k, free));
  return runs;
}

/** Measures the threads on `page`: `repeats` runs of each figure. */
export async function threads(page, repeats) {
  const bench = hooks(page);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const blockingMs = await onPage(bench, "chop-and-dice", "blocking", repeats);
  const gatherMs = await onPage(bench, "downloads", "gather", repeats);
  const chop = await onThreads(bench, "chop-and-dice", 2, false, repeats);
  const free = await onThreads(bench, "chop-and-dice", 2, true, repeats);
  const downloads = await onThreads(bench, "downloads", 5, false, repeats);
  const total = (runs) => median(runs.map((r) => r.total_ms));
  const handoverMs = chop.flatMap((r) => r.handover_ms);
  const turns = chop.flatMap((r) => r.running.flat().map(([a, b]) => b - a));
  const result = {
    cores,
    blockingMs,
    gatherMs,
    chopMs: total(chop),
    chopPredictedMs: median(chop.map((r) => r.predicted_ms)),
    freeMs: total(free),
    freePredictedMs: median(free.map((r) => r.predicted_ms)),
    downloadsMs: total(downloads),
    downloadsPredictedMs: median(downloads.map((r) => r.predicted_ms)),
    handovers: median(chop.map((r) => r.handovers)),
    handoverP50Ms: median(handoverMs),
    turnP50Ms: median(turns),
  };
  console.error(
    `bench: chop and dice on 2 GIL threads ${result.chopMs.toFixed(1)} ms (blocking ${blockingMs.toFixed(1)}), ` +
      `free-threaded ${result.freeMs.toFixed(1)} ms; downloads on 5 threads ${result.downloadsMs.toFixed(1)} ms ` +
      `(gather ${gatherMs.toFixed(1)}); a hand-over ${result.handoverP50Ms.toFixed(2)} ms at p50`,
  );
  return result;
}

/** Chop and dice on two GIL threads on a cross-origin-isolated `page`, where the GIL is a lock in
 * the threads' shared memory handed over with Atomics: its total and what a hand-over costs. */
export async function sharedThreads(page, repeats) {
  if (!(await page.evaluate(() => self.crossOriginIsolated))) throw new Error("the bench's isolated page is not cross-origin isolated");
  const chop = await onThreads(hooks(page), "chop-and-dice", 2, false, repeats);
  const result = {
    chopMs: median(chop.map((r) => r.total_ms)),
    chopPredictedMs: median(chop.map((r) => r.predicted_ms)),
    handovers: median(chop.map((r) => r.handovers)),
    handoverP50Ms: median(chop.flatMap((r) => r.handover_ms)),
  };
  console.error(
    `bench: chop and dice on 2 GIL threads in shared memory ${result.chopMs.toFixed(1)} ms; a hand-over ${result.handoverP50Ms.toFixed(3)} ms at p50`,
  );
  return result;
}
