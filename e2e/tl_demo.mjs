import { launch } from "./browser.mjs";
const out = "/work/wt-timeline/target/shots/";
const browser = await launch();
for (const scheme of ["light", "dark"]) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on("pageerror", (e) => console.log("pageerror", e.message));
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto("http://localhost:8091/");
  await page.locator("#demo-fruit figure").first().waitFor();
  for (const id of ["live", "big", "chores", "fruit"]) {
    await page.locator(`#demo-${id} section`).screenshot({ path: `${out}demo-${id}-${scheme}.png` });
  }
  if (scheme === "light") {
    const t0 = Date.now();
    await page.locator("#demo-big details summary").click();
    await page.locator("#demo-big table").waitFor();
    await page.locator("#demo-big figure").screenshot({ path: `${out}demo-big-table.png` });
    await page.locator("#demo-fruit rect[tabindex]").nth(2).focus();
    await page.locator("#demo-fruit figure").nth(1).screenshot({ path: `${out}demo-fruit-focus.png` });
    const snap = await page.accessibility?.snapshot?.({ root: await page.locator("#demo-fruit svg").first().elementHandle() });
    console.log(JSON.stringify(snap)?.slice(0, 800));
    console.log("counts", await page.$$eval("svg", els => els.map(e => e.querySelectorAll("*").length)));
  }
  await page.close();
}
await browser.close();
