// The tutorials' programs (shared/seeds, 000–003), as the corpus holds them, with what CPython prints
// for each (run_in_cpython.py on the virtual clock: clock values masked as ⟨clock⟩) and the time it
// takes in seconds. The end-to-end tests paste each into the Python editor of the built page, run it
// as written and hold the page's console to these lines in this order. The CPython step of `cargo
// xtask test` holds the page's model of asyncio to CPython for the same files, so a change to a
// program here shows there too.
import { readFileSync } from "node:fs";

const CORPUS = new URL("../crates/model/src/python/corpus/", import.meta.url);

/** A corpus file's text, as a learner would paste it. */
export function program(name) {
  return readFileSync(new URL(`${name}.py`, CORPUS), "utf8");
}

/** Each tutorial program: its file, CPython's lines, its time in seconds and, when it ends with an
 * exception, CPython's last line of the traceback. */
export const TUTORIAL_PROGRAMS = [
  {
    name: "t000_test_async", seconds: 3,
    lines: [0, 1, 2, 3, 4].map((i) => `time passed after iter ${i} is ⟨clock⟩`).concat(["", "Total time needed was ⟨clock⟩", ""]),
  },
  {
    name: "t000_test_noasync", seconds: 15,
    lines: [0, 1, 2, 3, 4].map((i) => `time after iter ${i} is ⟨clock⟩`).concat(["", "Total time needed was ⟨clock⟩", ""]),
  },
  {
    name: "t001_sleep_and_print_sync", seconds: 9,
    lines: ["[⟨clock⟩]starting 3 sleep", "[⟨clock⟩]finished 3 sleep", "[⟨clock⟩]starting 6 sleep", "[⟨clock⟩]finished 6 sleep", "[3, 6]", "Time taken: ⟨clock⟩"],
  },
  {
    name: "t001_sleep_and_print_async_bug", seconds: 0,
    lines: ["starting 3 sleep", "finished 3 sleep", "starting 6 sleep", "finished 6 sleep", "⟨clock⟩"],
  },
  {
    name: "t001_sleep_and_print_async_fixed", seconds: 6,
    lines: ["starting 3 sleep", "starting 6 sleep", "finished 3 sleep", "finished 6 sleep", "[3, 6]", "⟨clock⟩"],
  },
  {
    name: "t002_count_sync", seconds: 3,
    lines: ["One", "Two", "One", "Two", "One", "Two"],
    error: "NameError: name 's' is not defined",
  },
  { name: "t002_count_async", seconds: 1, lines: ["One", "One", "One", "Two", "Two", "Two"] },
  {
    name: "t003_red_blue_green_sync", seconds: 9,
    lines: ["red", "blue", "green", "red", "blue", "green", "red", "blue", "green", "⟨clock⟩ sec"],
  },
  {
    name: "t003_red_blue_green_async", seconds: 3,
    lines: ["red", "red", "red", "blue", "blue", "blue", "green", "green", "green", "⟨clock⟩ sec"],
  },
  {
    name: "t003_fruit_shop", seconds: 0,
    lines: ["inside fruit shop", "waiting for water", "fetch water", "waiting for melon", "fetch melon", "fruit name : water melon"],
  },
  { name: "t003_my_func_never_awaited", seconds: 0, lines: [] },
  { name: "t003_my_func_sync", seconds: 0, lines: ["Hello World!"] },
].map((p) => ({ ...p, source: program(p.name) }));

/** Whether the console's `printed` lines are CPython's `expected` ones, a clock value standing for
 * each ⟨clock⟩ (a number, or a date and time). */
export function sameLines(printed, expected) {
  if (printed.length !== expected.length) return false;
  return expected.every((line, i) => {
    const pattern = line.split("⟨clock⟩").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[-0-9.:e ]+");
    return new RegExp(`^${pattern}$`).test(printed[i]);
  });
}
