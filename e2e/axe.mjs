// Accessibility checks with axe-core (npm `axe-core`, pinned in package.json): its script is injected
// into the page as it is at that moment, and every violation is reported by rule id with the
// selectors of the elements that break it.
import assert from "node:assert/strict";
import { createRequire } from "node:module";

/** The path of axe-core's browser build, in the repository's node_modules. */
export const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Runs axe-core on `page`'s document as it is now and returns the violations it finds. */
export async function violations(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations;
}

/** The violations as text: per rule its id, impact and help, then each offending element's selector
 * and what is wrong with it. */
export function describe(found) {
  return found
    .map((v) => {
      const nodes = v.nodes.map((n) => {
        const why = (n.failureSummary ?? "").split("\n").map((l) => l.trim()).filter(Boolean).join(" ");
        return `    ${n.target.join(" >>> ")}\n      ${why}`;
      });
      const count = `${nodes.length} element${nodes.length === 1 ? "" : "s"}`;
      return `  ${v.id} (${v.impact}, ${count}): ${v.help}\n${nodes.join("\n")}`;
    })
    .join("\n");
}

/** The views one test checks and what axe-core found wrong in each: every view is checked, and the
 * test fails at its end with all of them, so that one run reports every violation. */
export class Audit {
  constructor() {
    this.failed = [];
    this.checked = 0;
  }

  /** Runs axe-core on `page` as it is now; `view` names it in the report. */
  async check(page, view) {
    const found = await violations(page);
    this.checked += 1;
    console.log(`axe: ${view}: ${found.length ? found.map((v) => v.id).join(", ") : "no violations"}`);
    if (found.length) this.failed.push(`${view}:\n${describe(found)}`);
  }

  /** Fails with every violation of every view checked, if there was one. */
  done() {
    assert.ok(this.checked > 0, "no view was checked");
    assert.equal(this.failed.length, 0,
      `axe-core found violations in ${this.failed.length} of ${this.checked} views:\n${this.failed.join("\n")}`);
  }
}

/** The contrast of each name written on a bar of the timelines (the thread's holder, in the page's
 * text colour on the task's own), which axe-core leaves for review: in SVG, the bar under a text is
 * its sibling, not its background. Returns `{ label, bar, ratio }` for every such name. */
export async function barLabelContrast(page) {
  return page.evaluate(() => {
    const rgb = (css) => css.match(/[\d.]+/g).slice(0, 3).map(Number);
    const luminance = (colour) => {
      const [r, g, b] = rgb(colour).map((c) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    return [...document.querySelectorAll("text.span-label")].map((text) => {
      // A name starts 4 px into its bar, which is drawn before it in the same group.
      const x = Number(text.getAttribute("x")) - 4;
      const bar = [...text.parentNode.querySelectorAll("rect")]
        .find((r) => Math.abs(Number(r.getAttribute("x")) - x) < 0.01);
      if (!bar) return { label: text.textContent, bar: "none", ratio: 0 };
      const [a, b] = [luminance(getComputedStyle(text).fill), luminance(getComputedStyle(bar).fill)];
      return { label: text.textContent, bar: bar.getAttribute("class"), ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
    });
  });
}
