// Prints the bench report as Markdown tables, ready to paste into the README's "Performance" section.

const ms = (x, digits = 1) => (x === undefined || x === null || Number.isNaN(x) ? "–" : `${x.toFixed(digits)} ms`);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const verdict = (ok) => (ok ? "met" : "**missed**");
// Rounded to whole percent; `|| 0` keeps a tiny negative from printing as "-0 %".
const percent = (x) => `${Math.round(100 * x) || 0} %`;
const spread = (s, digits) => (s ? `${s.p50.toFixed(digits)} / ${s.p99.toFixed(digits)} / ${s.max.toFixed(digits)}` : "–");

function table(header, rows) {
  console.log(`| ${header.join(" | ")} |`);
  console.log(`|${header.map(() => "---").join("|")}|`);
  for (const row of rows) console.log(`| ${row.join(" | ")} |`);
}

/** The worst of a spread's figure over the lessons' runs, with the run it came from. */
function worst(lessons, kind, key) {
  let found = { value: -Infinity, where: "–" };
  for (const run of lessons) {
    const s = run.fidelity?.[kind];
    if (s && s[key] > found.value) found = { value: s[key], where: `${run.lesson} (${run.mode})` };
  }
  return found;
}

export function printTable(r) {
  printMain(r);
  if (r.ways) printWays(r);
  if (r.stage) printStage(r);
  if (r.pythonEditor) printPythonEditor(r);
  if (r.cooks) printCooks(r);
  if (r.threads) printThreads(r);
}

/** Every lesson gathered with its tasks written each way: the same program's totals (issue 23). */
export function printWays(r) {
  console.log("\n### Three ways: every lesson gathered, its tasks as async/await, callbacks and state machines\n");
  const total = (v) => (v == null ? "refused" : ms(v));
  table(["lesson", "predicted", "async/await", "callbacks", "state machines"],
    r.ways.map((w) => [w.lesson, total(w.predictedMs), total(w.measuredMs.async), total(w.measuredMs.callbacks),
      total(w.measuredMs["state-machine"])]));
}

/** More cooks: the speed-ups, a cook's start-up and a message's round trip. */
export function printCooks(r) {
  const c = r.cooks;
  console.log(`\n### More cooks: chop and dice (8 + 6 min of work, blocking ${ms(c.blockingMs)}), on a browser reporting ${c.cores} cores\n`);
  table(["cooks", "total (median of the warm runs)", "vs blocking", "goal", ""],
    c.speedups.map((s) => [String(s.cooks), ms(s.medianMs), `${s.speedup.toFixed(2)}×`,
      s.cooks === 2 ? `≥ ${r.goals.cookSpeedup}×` : "", s.cooks === 2 ? verdict(s.speedup >= r.goals.cookSpeedup) : ""]));
  console.log();
  table(["figure", "p50", "runs"], [
    ["a cook starts (its worker loads and compiles its wasm)", ms(c.startupP50Ms), String(c.startupMs.length)],
    ["a message's round trip, page to cook and back", ms(c.pingP50Ms, 2), String(c.pingMs.length)],
  ]);
}

/** Threads and the GIL: the four kinds of run side by side, and what a hand-over costs. */
export function printThreads(r) {
  const t = r.threads;
  const g = r.goals;
  const within = (x, of, goal) => `${(100 * (x / of - 1)).toFixed(1)} %`;
  console.log(`\n### Threads and the GIL, on a browser reporting ${t.cores} cores\n`);
  table(["run", "total (median)", "predicted", "against", "goal", ""], [
    ["chop and dice, 2 threads with the GIL", ms(t.chopMs), ms(t.chopPredictedMs), `blocking ${ms(t.blockingMs)}: ${within(t.chopMs, t.blockingMs)}`,
      `within ${percent(g.threadsVsBlocking)}`, verdict(Math.abs(t.chopMs / t.blockingMs - 1) <= g.threadsVsBlocking)],
    ["five downloads, 5 threads", ms(t.downloadsMs), ms(t.downloadsPredictedMs), `gather ${ms(t.gatherMs)}: ${within(t.downloadsMs, t.gatherMs)}`,
      `within ${percent(g.downloadsVsGather)}`, verdict(Math.abs(t.downloadsMs / t.gatherMs - 1) <= g.downloadsVsGather)],
    ["chop and dice, 2 threads free-threaded", ms(t.freeMs), ms(t.freePredictedMs), `blocking: ${(t.blockingMs / t.freeMs).toFixed(2)}×`,
      `≥ ${g.freeThreadedSpeedup}× on 2 cores`, t.cores >= 2 ? verdict(t.blockingMs / t.freeMs >= g.freeThreadedSpeedup) : "one core"],
    ...(t.shared
      ? [["chop and dice, 2 threads, the GIL in shared memory", ms(t.shared.chopMs), ms(t.shared.chopPredictedMs),
          `blocking ${ms(t.blockingMs)}: ${within(t.shared.chopMs, t.blockingMs)}`, `within ${percent(g.threadsVsBlocking)}`,
          verdict(Math.abs(t.shared.chopMs / t.blockingMs - 1) <= g.threadsVsBlocking)]]
      : []),
  ]);
  console.log();
  table(["figure", "p50"], [
    ["a hand-over of the GIL kept by the page (release to the next thread's take)", ms(t.handoverP50Ms, 2)],
    ...(t.shared ? [["a hand-over of the GIL in shared memory (Atomics)", ms(t.shared.handoverP50Ms, 3)]] : []),
    ["a turn holding the GIL while both compute", ms(t.turnP50Ms, 2)],
    ["hand-overs in a run of chop and dice", String(t.handovers)],
  ]);
}

// A file's name without Trunk's content hash, which changes with every build.
const unhashed = (name) => name.replace(/-[0-9a-f]{16}(?=[._])/, "-…");
// A change in bytes, with its sign and in KiB: "+1536 B (+1.5 KiB)", "±0 B".
const change = (bytes) =>
  bytes === 0 ? "±0 B" : `${bytes > 0 ? "+" : "−"}${Math.abs(bytes)} B (${bytes > 0 ? "+" : "−"}${kb(Math.abs(bytes))})`;

/**
 * What a learner downloads (measured by `cargo xtask bench`, xtask/src/dist_sizes.rs): the first look, which
 * index.html loads at start, with and without its CSS and HTML, and each lazy module; then the first look
 * against its budget (bench/budget.json): the hard 300 KiB by gzip, and the last committed figure.
 */
export function printSize(size) {
  const sizes = (t) => [kb(t.raw), kb(t.gzip), kb(t.brotli)];
  const names = (files) => files.map((f) => unhashed(f.name)).join(", ");
  console.log("### Size and start\n");
  table(["what a learner downloads", "files", "raw", "gzip -9", "brotli q11"], [
    ["the first look (what index.html loads at start)", names(size.firstLook.files), ...sizes(size.firstLook)],
    ["the first look with CSS and HTML", `+ ${names(size.cssAndHtml.files)}`, ...sizes(size.withCssAndHtml)],
    ...size.lazy.map((m) => [`lazy: ${m.name} (loaded when the page asks for it)`, names(m.files), ...sizes(m)]),
  ]);
  const b = size.budget;
  const over = size.firstLook.gzip - b.budgetGzip;
  const grew = b.growthGzip > 0 ? "**grew**" : b.growthGzip < 0 ? "shrank" : "unchanged";
  console.log();
  table(["the first look's budget", "measured", "budget", ""], [
    ["the first look, gzip -9", `${kb(size.firstLook.gzip)} (${size.firstLook.gzip} B)`, `≤ ${kb(b.budgetGzip)}`,
      over <= 0 ? `within (${kb(-over)} to spare)` : `**over** by ${kb(over)} (${over} B)`],
    [`against the last committed figure (${b.file}: ${kb(b.committedGzip)} gzip, ${kb(b.committedBrotli)} brotli)`,
      `${change(b.growthGzip)} gzip, ${change(b.growthBrotli)} brotli`, "never grows", grew],
  ]);
}

function printMain(r) {
  const g = r.goals;
  console.log(`\n## Async Kitchen bench, ${r.when.slice(0, 10)}${r.quick ? " (quick)" : ""}`);
  console.log(`${r.machine.cpus} × ${r.machine.cpu}, Chromium ${r.machine.chromium}, headless\n`);

  printSize(r.size);
  console.log();
  table(["figure", "measured", "goal", ""], [
    [`navigation → enabled Run button (median of ${r.interactive.runs.length} cold loads)`, ms(r.interactive.medianMs, 0),
      `≤ ${g.interactiveMs} ms`, verdict(r.interactive.medianMs <= g.interactiveMs)],
  ]);

  console.log("\n### Fidelity: every lesson at its default scale\n");
  console.log("Per-step lateness = measured minus predicted duration of each step, p50 / p99 / max in ms.");
  console.log(`The browser's clock ticks every ${r.lessons[0]?.clock_step_ms ?? "?"} ms: lateness below that is noise.\n`);
  table(["lesson", "mode", "predicted", "measured", "total late", "timer waits", "busy-waits"],
    r.lessons.map((run) => {
      const f = run.fidelity;
      if (!f) return [run.lesson, run.mode, "–", "refused: freeze over the 30 s limit", "", "", ""];
      return [run.lesson, run.mode, ms(f.predicted_ms), ms(f.measured_ms), ms(f.measured_ms - f.predicted_ms, 2),
        spread(f.timer, 2), spread(f.busy, 3)];
    }));
  const timer = worst(r.lessons, "timer", "p99");
  const busy = worst(r.lessons, "busy", "p99");
  console.log();
  table(["figure", "worst", "in", "goal", ""], [
    ["timer wait p99", ms(timer.value, 2), timer.where, `≤ ${g.timerP99Ms} ms`, verdict(timer.value <= g.timerP99Ms)],
    ["busy-wait p99", ms(busy.value, 3), busy.where, `≤ ${g.busyP99Ms} ms`, verdict(busy.value <= g.busyP99Ms)],
  ]);

  console.log(`\n### Scale: N tasks that each wait ${r.scale[0]?.waitMs ?? 50} ms, gathered (median of the repeats)\n`);
  const py = new Map(r.python.rows.map((row) => [row.tasks, row.medianMs]));
  table(["tasks", "JS Promise.all", "Rust untraced", "Rust traced", "untraced overhead ÷ JS's", "tracing cost",
    "browser timeouts", `Python asyncio${r.python.version ? ` (${r.python.version})` : ""}`],
    r.scale.map((row) => [row.tasks.toLocaleString("en"), ms(row.medianMs.js), ms(row.medianMs.untraced),
      ms(row.medianMs.traced), `${row.ratioToJs.untraced.toFixed(2)}×`, percent(row.tracingCost),
      row.timeouts.toLocaleString("en"), py.has(row.tasks) ? ms(py.get(row.tasks)) : "–"]));
  const top = r.scale[r.scale.length - 1];
  if (top) {
    console.log();
    table(["figure", "measured", "goal", ""], [
      [`untraced overhead ÷ JS's at ${top.tasks.toLocaleString("en")}`, `${top.ratioToJs.untraced.toFixed(2)}×`,
        `≤ ${g.overheadRatio}×`, verdict(top.ratioToJs.untraced <= g.overheadRatio)],
      [`tracing cost at ${top.tasks.toLocaleString("en")}`, percent(top.tracingCost),
        `≤ ${100 * g.tracingCost} %`, verdict(top.tracingCost <= g.tracingCost)],
    ]);
  }

  console.log(`\n### Frames while a ${r.frames.tasks}-task gather draws its live timeline\n`);
  table(["frames", "live redraws", "gap p50", "gap p95", "gap max", "goal", ""], [[
    String(r.frames.frames), String(r.frames.liveRedraws), ms(r.frames.p50Ms), ms(r.frames.p95Ms), ms(r.frames.maxMs),
    `p95 ≤ ${g.frameP95Ms} ms`, verdict(r.frames.p95Ms <= g.frameP95Ms)]]);
}

/** The stage's table: stepping and scrubbing, against issue 11's goals. */
export function printStage(r) {
  const g = r.goals;
  const { steps, scrub } = r.stage;
  console.log(`\n### The stage: the event loop panel at the cursor, redrawn\n`);
  console.log("From the key press or the scrubber's move to the stage drawn and laid out, in the page.\n");
  table(["what", "tasks", "stops", "stage ready", "p50", "p95", "max", "goal", ""], [
    [`${steps.steps} steps with →`, steps.tasks.toLocaleString("en"), steps.stops.toLocaleString("en"),
      ms(steps.readyMs, 0), ms(steps.p50Ms), ms(steps.p95Ms), ms(steps.maxMs),
      `p95 ≤ ${g.stepP95Ms} ms`, verdict(steps.p95Ms <= g.stepP95Ms)],
    [`${scrub.moves} scrubber moves, end to end`, scrub.tasks.toLocaleString("en"), scrub.stops.toLocaleString("en"),
      ms(scrub.readyMs, 0), ms(scrub.p50Ms), ms(scrub.p95Ms), ms(scrub.maxMs),
      `max ≤ ${g.scrubMaxMs} ms`, verdict(scrub.maxMs <= g.scrubMaxMs)],
  ]);
}

/** The Python editor's table: a key press in the learner's program, read, predicted and redrawn. */
export function printPythonEditor(r) {
  const g = r.goals;
  console.log(`\n### The Python editor: a key press, read, predicted and redrawn\n`);
  console.log("From a line typed (or undone) at the program's end to the stage drawn and laid out, in the page.\n");
  table(["program", "size", "lines", "edits", "p50", "p95", "max", "goal", ""],
    [[r.pythonEditor.lesson, "the first tutorial's test_async.py", g.pythonLessonP95Ms],
      [r.pythonEditor.limit, "cooks gathered, at the page's limit", g.pythonLimitP95Ms]].map(([p, what, goal]) => [
      what, kb(p.bytes), p.lines.toLocaleString("en"), String(p.edits), ms(p.p50Ms), ms(p.p95Ms), ms(p.maxMs),
      `p95 ≤ ${goal} ms`, verdict(p.p95Ms <= goal)]));
}
