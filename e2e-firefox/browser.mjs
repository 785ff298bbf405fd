// Launches Debian's Firefox ESR headless through puppeteer-core over WebDriver BiDi: the stock
// browser, with no download (playwright-core drives only its own patched Firefox builds). Its pages
// offer the learner's actions the shared suite (suite.mjs) asks of every engine.
import puppeteer from "puppeteer-core";

import { exportCount, installExportHook, lastExport } from "./suite.mjs";

export const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";

/** Firefox, as the shared suite's engine: each page opened in a context of its own (its own storage). */
export async function launch() {
  const browser = await puppeteer.launch({ browser: "firefox", executablePath: FIREFOX, headless: true });
  return {
    version: await browser.version(),
    open: (url, ready, viewport) => open(browser, url, ready, viewport),
    close: () => browser.close(),
  };
}

/** A page at `url`, 1280×720 unless `viewport` says otherwise, once `ready` is shown, collecting
 * uncaught errors. */
async function open(browser, url, ready = "h2", viewport = { width: 1280, height: 720 }) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setViewport(viewport);
  await page.goto(url);
  await page.waitForSelector(ready);
  return {
    click: (css) => page.click(css),
    evaluate: (fn, ...args) => page.evaluate(fn, ...args),
    async waitFor(fn, args = [], timeout = 10_000) {
      return (await page.waitForFunction(fn, { timeout }, ...args)).jsonValue();
    },
    async fill(css, text) {
      await page.$eval(css, (input) => { input.value = ""; });
      await page.type(css, text);
      await page.keyboard.press("Tab");
    },
    async exported() {
      await page.evaluate(installExportHook);
      const before = await page.evaluate(exportCount);
      await page.click("[data-testid=export-json]");
      await page.waitForFunction((n) => window.__exports.length > n, {}, before);
      return JSON.parse(await page.evaluate(lastExport));
    },
    errors: async () => [...errors],
    close: () => context.close(),
  };
}
