// Launches Debian's Firefox ESR headless through puppeteer-core over WebDriver BiDi: the stock
// browser, with no download (playwright-core drives only its own patched Firefox builds).
import puppeteer from "puppeteer-core";

export const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";

export function launch() {
  return puppeteer.launch({ browser: "firefox", executablePath: FIREFOX, headless: true });
}

/** A page of its own (its own storage) at `url`, 1280×720, collecting uncaught errors. */
export async function open(browser, url, viewport = { width: 1280, height: 720 }) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setViewport(viewport);
  await page.goto(url);
  await page.waitForSelector("h2");
  return { page, errors, context };
}

/** Chooses `mode`, runs it and returns the measured and predicted totals and the clock's step. */
export async function run(page, mode, timeout = 60_000) {
  await page.click(`[data-testid=mode-${mode}]`);
  await page.click("[data-testid=run]");
  const total = await page.waitForSelector(`[data-testid=total-${mode}]`, { timeout });
  return page.evaluate((total, mode) => ({
    ms: Number(total.dataset.ms),
    predictedMs: Number(document.querySelector(`[data-testid=predicted-${mode}]`).dataset.ms),
    clockStepMs: Number(document.querySelector("[data-testid=results]").dataset.clockStepMs),
  }), total, mode);
}

/** The forecast of the chosen mode, in milliseconds. */
export function forecastMs(page) {
  return page.$eval("[data-testid=forecast]", (p) => Number(p.dataset.ms));
}

/** Sets the scale as a learner does: type, then leave the field. */
export async function setScale(page, ms) {
  await page.$eval("[data-testid=scale]", (input) => { input.value = ""; });
  await page.type("[data-testid=scale]", String(ms));
  await page.keyboard.press("Tab");
}
