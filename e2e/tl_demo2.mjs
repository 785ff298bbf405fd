import { launch } from "./browser.mjs";
const out = "/work/wt-timeline/target/shots/";
const browser = await launch();
for (const scheme of ["light", "dark"]) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on("pageerror", (e) => console.log("pageerror", e.message));
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto("http://localhost:8091/");
  await page.locator("#demo-count figure").first().waitFor();
  await page.locator("#demo-count rect[tabindex]").nth(3).focus();
  await page.locator("#demo-count [data-testid=timeline-table-gather] summary").click();
  for (const id of ["na", "count"]) {
    await page.locator(`#demo-${id} section`).screenshot({ path: `${out}demo2-${id}-${scheme}.png` });
  }
  await page.close();
}
await browser.close();
