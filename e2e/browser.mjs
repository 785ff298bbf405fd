// Launches the machine's Chromium headless with the flags that keep it off the network.
import { chromium } from "playwright-core";

export const CHROME = process.env.CHROME_PATH ?? "/usr/bin/chromium";

export async function launch() {
  return chromium.launch({
    executablePath: CHROME,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Where screenshots and other test output go (ignored by git). */
export const OUT_DIR = new URL("../target/e2e/", import.meta.url).pathname;
