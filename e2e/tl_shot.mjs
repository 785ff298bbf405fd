// Temporary screenshot helper for the timeline worktree (not committed).
import { launch } from "./browser.mjs";
const out = process.env.OUT ?? "/work/wt-timeline/target/shots/";
const url = process.env.URL ?? "http://localhost:8091/";
const browser = await launch();
for (const scheme of ["light", "dark"]) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on("pageerror", (e) => console.log("pageerror", e.message));
  page.on("console", (m) => { if (m.type() === "error") console.log("console", m.text()); });
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(url);
  if (!process.env.NORUN) {
    for (const mode of ["blocking", "gather"]) {
      await page.getByTestId(`run-${mode}`).click();
      await page.getByTestId(`timeline-${mode}`).waitFor({ timeout: 30000 });
      await page.waitForTimeout(300);
    }
  } else {
    await page.waitForTimeout(Number(process.env.NORUN));
  }
  const first = page.locator("figure.timeline").first();
  await first.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${out}page-${scheme}.png`, fullPage: true });
  await page.locator("section.timelines").screenshot({ path: `${out}timelines-${scheme}.png` });
  if (scheme === "light") {
    // Focus the first segment and read the detail line.
    await page.locator("figure.timeline rect[tabindex]").first().focus();
    console.log("detail:", await page.locator(".timeline-detail").first().textContent());
    const svgs = await page.$$eval("svg[id^=timeline-svg-]", (els) => els.map((e) => [e.id, e.outerHTML]));
    const fs = await import("node:fs");
    for (const [id, html] of svgs) fs.writeFileSync(`${out}${id}.svg`, html);
    const snap = await page.locator("figure.timeline rect[tabindex]").first().evaluate((e) => e.outerHTML.slice(0, 300));
    console.log(snap);
  }
  await page.close();
}
await browser.close();
