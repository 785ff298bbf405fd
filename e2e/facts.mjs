// What a recorded run shows, read from the page's JSON export ("Export JSON", format
// "async-kitchen-run"): pure functions over its traces, with no browser in them, so that the
// Chromium, Firefox and WebKit suites hold runs to the same facts.
//
// Every fact here is one a busy machine cannot change: who held a thread, which stretches overlapped,
// what was printed, and lower bounds (a timer never fires before it is due, a busy-wait never ends
// early). A loaded machine makes everything later, so an upper bound on time fails there; how long
// a run took is the bench's business (`cargo xtask bench`), never a test's.
//
// An export has `mode`, `clock_step_ms` (the step the browser's clock moves by) and, for `measured`
// and `predicted` alike, `trace` ({ events, end, cancelled }), `totals` and `timeline`. An event is
// { at, kind }, its time in milliseconds since the run began and its kind written as serde writes a
// Rust enum: a bare name ("Frame"), or one key holding the fields ({ "Sent": { "task": 1, "cook": 0 } }).
// src/model/trace.rs says what each kind means.

/** An event's kind as one object: `{ name, ...fields }`, such as `{ name: "Sent", task: 1, cook: 0 }`. */
export function kindOf(event) {
  if (typeof event.kind === "string") return { name: event.kind };
  const [name] = Object.keys(event.kind);
  return { name, ...event.kind[name] };
}

/** The trace's events of kind `name`, each as `{ at, ...fields }`, in the order recorded. */
export function eventsOf(trace, name) {
  return trace.events.flatMap((e) => {
    const { name: n, ...fields } = kindOf(e);
    return n === name ? [{ at: e.at, ...fields }] : [];
  });
}

/** Which cook each task was handed to (task → cook), in the processes mode; empty in the others. */
export function cooksOf(trace) {
  return new Map(eventsOf(trace, "Sent").map((s) => [s.task, s.cook]));
}

/** Each task's life, from being handed to its driver to its end: `{ task, how, start, end, ended }`,
 * in the order the tasks started. `how` is "Called" (a plain function) or "Scheduled"; a task that
 * never ended (a cancelled run) ends with the trace and has `ended` false. */
export function lives(trace) {
  const ends = new Map(eventsOf(trace, "TaskEnd").map((e) => [e.task, e.at]));
  return eventsOf(trace, "TaskStart").map(({ task, how, at }) => ({
    task, how, start: at, end: ends.get(task) ?? trace.end, ended: ends.has(task),
  }));
}

/** The stretches in which a task held a thread: each poll of its future, and the whole life of a task
 * called as a plain function. `{ task, cook, start, end }`; `cook` is null for the page's own thread. */
export function holds(trace) {
  const cooks = cooksOf(trace);
  const called = lives(trace).filter((l) => l.how === "Called");
  return [...called, ...pairs(trace, "PollStart", "PollEnd", (e) => e.task)]
    .map(({ task, start, end }) => ({ task, cook: cooks.get(task) ?? null, start, end }))
    .sort((a, b) => a.start - b.start);
}

/** Each busy stretch: a `work` step, or a `wait` done as a busy-wait (the blocking modes' sleep),
 * which holds its thread from start to end. `{ task, cook, activity, step, start, end }`, where
 * `activity` is "Work" or "Sleep", `step` the step's id and `cook` null on the page's thread. */
export function busyStretches(trace) {
  const cooks = cooksOf(trace);
  return pairs(trace, "StepStart", "StepEnd", stepKey)
    .filter((s) => s.activity === "Work" || s.activity === "Sleep")
    .map(({ task, activity, step, start, end }) => ({ task, cook: cooks.get(task) ?? null, activity, step, start, end }));
}

/** Each timer a task armed: `{ task, cook, armed, due, fired }`; `fired` is null when its callback
 * never ran (the run was cancelled first). */
export function timerWaits(trace) {
  const cooks = cooksOf(trace);
  return pairs(trace, "TimerArmed", "TimerFired", (e) => e.task, false)
    .map(({ task, due, start, end }) => ({ task, cook: cooks.get(task) ?? null, armed: start, due, fired: end }));
}

/** The lines the tasks printed, in the order they were printed: `{ at, task, text }`. */
export function printed(trace) {
  return eventsOf(trace, "Print");
}

/** When the page drew its frames (its heartbeat), in order. */
export function frames(trace) {
  return eventsOf(trace, "Frame").map((f) => f.at);
}

/** The longest stretch in which the page drew no frame, or null if it drew fewer than two. */
export function longestFrameGap(trace) {
  const at = frames(trace);
  return at.length < 2 ? null : Math.max(...at.slice(1).map((t, i) => t - at[i]));
}

/** Whether two stretches `{ start, end }` share a moment: each begins before the other ends. Stretches
 * that only touch (one ends as the other begins) do not overlap. */
export function overlap(a, b) {
  return a.start < b.end && b.start < a.end;
}

/** The most distinct keys (tasks, unless `keyOf` says otherwise) with a stretch in progress at one
 * moment. Only moments inside stretches count, so a stretch of no length adds nothing. */
export function peak(stretches, keyOf = (s) => s.task) {
  // Ends before starts at the same time: stretches that only touch are not in progress together.
  const edges = stretches.flatMap((s) => [[s.start, 1, keyOf(s)], [s.end, -1, keyOf(s)]])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  // Per key, how many of its stretches are open; a stretch of no length dips below zero and back.
  const open = new Map();
  let keys = 0;
  let most = 0;
  for (let i = 0; i < edges.length; i++) {
    const [at, change, key] = edges[i];
    const before = open.get(key) ?? 0;
    open.set(key, before + change);
    keys += Number(before <= 0 && before + change > 0) - Number(before > 0 && before + change <= 0);
    // Counted once every edge at this moment is in: what is open then lasts until the next moment.
    if (edges[i + 1]?.[0] !== at) most = Math.max(most, keys);
  }
  return most;
}

/** The stretches in which a task was under way: holding a thread, or waiting on its timer.
 * `{ task, start, end }`. A task that is only ready (woken, waiting for the thread) is not. */
export function engaged(trace) {
  const waits = timerWaits(trace).map((w) => ({ task: w.task, start: w.armed, end: w.fired ?? trace.end }));
  return [...holds(trace), ...waits];
}

/** The most tasks under way at one moment ({@link engaged}): one for a run that did one thing at a
 * time, more where one task's wait overlapped another's work or wait, or two cooks worked at once. */
export function concurrency(trace) {
  return peak(engaged(trace));
}

/** The modes whose tasks run one after another, each to its end before the next starts. */
export const ONE_AT_A_TIME = ["blocking", "sequential"];

/**
 * Where a finished run departs from what its prediction guarantees whatever the machine's load,
 * as sentences (none for a run that keeps to it):
 * - no timer fired before it was due, less two steps of the clock (two readings), and no
 *   busy-wait on the page's thread ended before its planned length, less one (a busy-wait on a
 *   cook is computation, calibrated to the page's speed, and may be quicker);
 * - every step ran as often as predicted, and the same lines were printed (in whatever order: lines
 *   predicted at one moment may come in either order on a busy machine);
 * - at least as many tasks were under way at once as predicted (load can make stretches overlap
 *   more, never less), and in a one-at-a-time mode no two tasks' lives overlapped;
 * - the tasks went to as many cooks as predicted;
 * - no frame was drawn while a task held the page's thread: the heartbeat is real.
 */
export function departures(run) {
  if (run.measured.trace.cancelled) return ["the run was cancelled"];
  return [early, unlike, apart, drawnWhileHeld].flatMap((check) => check(run));
}

/** The timers that fired, and the busy-waits on the page's thread that ended, before their time. */
function early({ measured: { trace: m }, predicted: { trace: p }, clock_step_ms: step }) {
  // A timer's due time and its firing are two readings of the clock, and Chromium rounds each up
  // or down to its step (at a random point of each step): they may say up to two steps less than
  // the time between them, as tests/common's `jitter` allows its twin of this check. A busy-wait
  // needs one step at most: it spins until its own readings are its length apart.
  const found = timerWaits(m).filter((w) => w.fired !== null && w.fired < w.due - 2 * step)
    .map((w) => `task ${w.task}'s timer fired at ${ms(w.fired)}, before it was due at ${ms(w.due)}`);
  const planned = byOccurrence(busyStretches(p));
  for (const [key, s] of byOccurrence(busyStretches(m))) {
    const plan = planned.get(key);
    if (s.cook === null && plan && s.end - s.start < plan.end - plan.start - step) {
      found.push(`the busy-wait ${key} lasted ${ms(s.end - s.start)}, planned ${ms(plan.end - plan.start)}`);
    }
  }
  return found;
}

/** The steps run, and the lines printed, a different number of times than predicted. */
function unlike({ measured: { trace: m }, predicted: { trace: p } }) {
  const steps = (trace) => counts(eventsOf(trace, "StepStart").map(stepKey));
  const lines = (trace) => counts(printed(trace).map((l) => `task ${l.task} printed “${l.text}”`));
  return [...differences("step", steps(m), steps(p)), ...differences("line", lines(m), lines(p))];
}

/** Where the tasks were less together than predicted: fewer under way at once, lives that overlap
 * in a one-at-a-time mode, or fewer or more cooks. */
function apart({ mode, measured: { trace: m }, predicted: { trace: p } }) {
  const found = [];
  const [most, predicted] = [concurrency(m), concurrency(p)];
  if (most < predicted) found.push(`at most ${most} tasks were under way at once; the prediction has ${predicted}`);
  if (ONE_AT_A_TIME.includes(mode) && peak(lives(m)) > 1) {
    found.push(`two tasks' lives overlapped in the ${mode} mode, which runs them one after another`);
  }
  const [cooks, predictedCooks] = [m, p].map((trace) => new Set(cooksOf(trace).values()).size);
  if (cooks !== predictedCooks) found.push(`the tasks went to ${cooks} cooks; the prediction's to ${predictedCooks}`);
  return found;
}

/** The frames drawn while a task held the page's thread, which cannot be if the hold was real. */
function drawnWhileHeld({ measured: { trace: m }, clock_step_ms: step }) {
  const drawn = frames(m);
  return holds(m).filter((h) => h.cook === null).flatMap((h) => {
    const inside = drawn.find((f) => f > h.start + step && f < h.end - step);
    return inside === undefined ? []
      : [`a frame was drawn at ${ms(inside)} while task ${h.task} held the page's thread (${ms(h.start)}–${ms(h.end)})`];
  });
}

/** Each stretch opened by an event of kind `open` and closed by the next `close` with the same
 * `keyOf`: `{ ...the opening fields, start, end }`. One never closed ends with the trace, or has
 * `end` null if `endless` is false. */
function pairs(trace, open, close, keyOf, endless = true) {
  const pending = new Map();
  const done = [];
  for (const e of trace.events) {
    const { name, ...fields } = kindOf(e);
    if (name !== open && name !== close) continue;
    const key = keyOf(fields);
    if (name === open) {
      const stretch = { ...fields, start: e.at, end: null };
      done.push(stretch);
      pending.set(key, [...(pending.get(key) ?? []), stretch]);
    } else if (pending.get(key)?.length) {
      pending.get(key).shift().end = e.at;
    }
  }
  if (endless) for (const s of done) s.end ??= trace.end;
  return done;
}

/** In a threads run, each stretch in which a task's thread held the GIL (free-threaded: ran
 * Python), from its `GilTaken` to its `GilReleased`: `{ task, start, end }`, in the order taken. */
export function gilHolds(trace) {
  return pairs(trace, "GilTaken", "GilReleased", (e) => e.task).map(({ task, start, end }) => ({ task, start, end }));
}

/** How long, in milliseconds, two different tasks' GIL holds overlap, one entry per overlapping
 * pair. Two workers' clocks agree to a step or two, so a release and the next take a message apart
 * may seem to overlap by that much; a real overlap (free-threaded) lasts as long as the work. */
export function gilOverlaps(trace) {
  const held = gilHolds(trace);
  const out = [];
  for (let i = 0; i < held.length; i++) {
    for (let j = i + 1; j < held.length && held[j].start < held[i].end; j++) {
      if (held[j].task !== held[i].task) out.push(Math.min(held[i].end, held[j].end) - held[j].start);
    }
  }
  return out;
}

/** A step occurrence's task and step, as text: the same in a measured and a predicted trace. */
function stepKey({ task, step }) {
  return `${task}/${JSON.stringify(step)}`;
}

/** Stretches keyed by their step and which time the task ran it (`0/{…}#2`), for matching a
 * measured occurrence with its predicted one. */
function byOccurrence(stretches) {
  const seen = new Map();
  return new Map(stretches.map((s) => {
    const key = stepKey(s);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    return [`${key}#${seen.get(key)}`, s];
  }));
}

/** How many times each text occurs. */
function counts(texts) {
  const n = new Map();
  for (const t of texts) n.set(t, (n.get(t) ?? 0) + 1);
  return n;
}

/** Sentences for every `what` counted differently in a measured run and its prediction. */
function differences(what, measured, predicted) {
  return [...new Set([...measured.keys(), ...predicted.keys()])]
    .filter((k) => measured.get(k) !== predicted.get(k))
    .map((k) => `${what} ${k}: ${measured.get(k) ?? 0} times, predicted ${predicted.get(k) ?? 0}`);
}

/** A time for a message. */
function ms(t) {
  return `${t.toFixed(2)} ms`;
}

/** The longest stretch in which the page's own thread was held without a break: its holds joined
 * where one begins within `slack` milliseconds of the last one's end (a blocking run calls its tasks
 * back to back). `{ start, end }`, or null if the thread was never held. */
export function longestHold(trace, slack = 0) {
  const joined = [];
  for (const h of holds(trace).filter((h) => h.cook === null)) {
    const last = joined.at(-1);
    if (last && h.start <= last.end + slack) last.end = Math.max(last.end, h.end);
    else joined.push({ start: h.start, end: h.end });
  }
  return joined.reduce((best, s) => (best === null || s.end - s.start > best.end - best.start ? s : best), null);
}

/** The live heartbeat's record of its stops (its `data-stops`): `{ beat, ms }` for each gap between
 * two of its frames long enough to be a freeze, `beat` being the count of the frame that ended it. */
export function heartbeatStops(attribute) {
  return (attribute ?? "").split(",").filter(Boolean).map((pair) => {
    const [beat, ms] = pair.split(":").map(Number);
    return { beat, ms };
  });
}
