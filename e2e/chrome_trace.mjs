// A Chrome trace (the Trace Event Format's JSON, "Export Chrome trace") held to the format's rules as
// Perfetto reads them: the JavaScript twin of model::export::chrome_trace's tests, for a real run.

const EPS = 1e-6;

/** What is wrong with the trace `root` ({ traceEvents }), as a list of sentences: empty when nothing. */
export function traceProblems(root) {
  const problems = [];
  const events = root?.traceEvents;
  if (!Array.isArray(events)) return ["no traceEvents array"];
  const slices = [];
  const open = new Map();
  const flows = new Map();
  for (const e of events) {
    if (typeof e.ph !== "string" || typeof e.name !== "string" || !Number.isInteger(e.pid)) {
      problems.push(`an event without its phase, name or process: ${JSON.stringify(e)}`);
      continue;
    }
    if (["M", "X", "s", "f", "i"].includes(e.ph) && !Number.isInteger(e.tid)) problems.push(`no thread: ${JSON.stringify(e)}`);
    if (e.ph === "M") {
      if (typeof e.args?.name !== "string") problems.push(`a metadata event without its name: ${JSON.stringify(e)}`);
      continue;
    }
    if (!Number.isFinite(e.ts) || e.ts < 0) {
      problems.push(`no time, or one before the run: ${JSON.stringify(e)}`);
      continue;
    }
    if (e.ph === "X") {
      if (!Number.isFinite(e.dur) || e.dur < 0) problems.push(`a complete event without its length: ${JSON.stringify(e)}`);
      else slices.push([e.tid, e.ts, e.ts + e.dur]);
    } else if (e.ph === "b" || e.ph === "e") {
      if (typeof e.cat !== "string" || !Number.isInteger(e.id)) {
        problems.push(`an async event without its category and id: ${JSON.stringify(e)}`);
        continue;
      }
      const key = `${e.cat}/${e.id}`;
      const stack = open.get(key) ?? [];
      open.set(key, stack);
      if (e.ph === "b") stack.push(e.ts);
      else if (!stack.length) problems.push(`an async end with nothing begun: ${JSON.stringify(e)}`);
      else if (e.ts + EPS < stack.pop()) problems.push(`an async end before its beginning: ${JSON.stringify(e)}`);
    } else if (e.ph === "s" || e.ph === "f") {
      if (!Number.isInteger(e.id)) problems.push(`a flow without its id: ${JSON.stringify(e)}`);
      const flow = flows.get(e.id) ?? {};
      flows.set(e.id, flow);
      if (e.ph === "s") {
        if (flow.start) problems.push(`flow ${e.id} begun twice`);
        flow.start = [e.tid, e.ts];
      } else {
        if (e.bp !== "e") problems.push(`flow ${e.id}'s end is not bound to its slice`);
        if (!flow.start || flow.end) problems.push(`flow ${e.id} ended without a beginning, or twice`);
        flow.end = [e.tid, e.ts];
      }
    } else if (e.ph === "i") {
      if (!["t", "p", "g"].includes(e.s)) problems.push(`an instant without its scope: ${JSON.stringify(e)}`);
    } else if (e.ph === "C") {
      if (!e.args || !Object.values(e.args).every(Number.isFinite)) problems.push(`a counter without numbers: ${JSON.stringify(e)}`);
    } else {
      problems.push(`an unknown phase: ${JSON.stringify(e)}`);
    }
  }
  for (const [key, stack] of open) if (stack.length) problems.push(`async slice ${key} never ended`);
  const bound = ([tid, ts]) => slices.some(([t, from, to]) => t === tid && from <= ts + EPS && ts <= to + EPS);
  for (const [id, { start, end }] of flows) {
    if (!start || !end) problems.push(`flow ${id} is not begun and ended`);
    else if (!bound(start) || !bound(end)) problems.push(`flow ${id} is bound to no slice`);
  }
  // Complete events nest per thread: one that starts inside another ends inside it.
  slices.sort((a, b) => a[0] - b[0] || a[1] - b[1] || b[2] - a[2]);
  const stack = [];
  for (const slice of slices) {
    while (stack.length && (stack.at(-1)[0] !== slice[0] || stack.at(-1)[2] <= slice[1] + EPS)) stack.pop();
    if (stack.length && slice[2] > stack.at(-1)[2] + EPS) problems.push(`slices overlap on thread ${slice[0]}: ${stack.at(-1)} and ${slice}`);
    stack.push(slice);
  }
  return problems;
}

/** The names of the trace's threads, by id. */
export function threadNames(root) {
  return new Map(root.traceEvents.filter((e) => e.ph === "M" && e.name === "thread_name").map((e) => [e.tid, e.args.name]));
}
