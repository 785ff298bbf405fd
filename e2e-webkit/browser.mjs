// WebKit, the engine of Safari, as Debian builds it for GTK: WebKitWebDriver starts its MiniBrowser
// inside a virtual X display (xvfb-run), and the tests talk classic WebDriver to it (webdriver.mjs).
import { spawn } from "node:child_process";
import { createServer } from "node:net";

import { exportCount, installExportHook, lastExport } from "../e2e-firefox/suite.mjs";
import { KEY, Session } from "./webdriver.mjs";

export const DRIVER = process.env.WEBKIT_DRIVER ?? "WebKitWebDriver";

/** A free TCP port on localhost. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts WebKitWebDriver on a virtual display and one session on it (a driver serves one session at a
 * time), its window sized so that the page sees 1280×720. Resolves to { session, version, close }.
 *
 * `WEBKIT_DISABLE_DMABUF_RENDERER=1` makes WebKitGTK hand frames to the X server by shared memory:
 * with its default DMA-BUF renderer under Xvfb, frames stall for 160–190 ms during runs, which the
 * heartbeat would report as freezes the page did not cause.
 */
export async function launch() {
  const port = await freePort();
  const env = { ...process.env, WEBKIT_DISABLE_DMABUF_RENDERER: "1" };
  // Its own process group, so that closing ends the display, the driver and the browser together.
  const driver = spawn("xvfb-run", ["-a", "-s", "-screen 0 1280x800x24", DRIVER, `--port=${port}`], {
    env,
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = () => {
    try {
      process.kill(-driver.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  };
  process.once("exit", stop);
  const exited = new Promise((_, reject) => driver.once("exit", (code) => reject(new Error(`${DRIVER} exited (${code})`))));
  exited.catch(() => {});
  const url = `http://127.0.0.1:${port}`;
  const ready = (async () => {
    for (let i = 0; ; i++) {
      try {
        const status = await (await fetch(`${url}/status`)).json();
        if (status.value?.ready) return;
      } catch {
        // Not listening yet.
      }
      if (i > 300) throw new Error(`${DRIVER} did not start in 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  await Promise.race([ready, exited]);
  // `--automation` is what lets MiniBrowser be driven.
  const session = await Session.start(url, { "webkitgtk:browserOptions": { args: ["--automation"] } });
  await session.setViewport(1280, 720);
  return {
    session,
    version: `${session.capabilities.browserName} ${session.capabilities.browserVersion}`,
    async close() {
      await session.end().catch(() => {});
      stop();
      process.removeListener("exit", stop);
    },
  };
}

/** The hook every served page gets before its own scripts: WebDriver classic reports no console and
 * no errors, so the page keeps its own list of uncaught errors and rejected promises. Left out is
 * the notice a browser raises when a `ResizeObserver` callback changed a size it observes and the
 * next notification waits for the next frame ("ResizeObserver loop completed with undelivered
 * notifications"): no exception of the page's own, its event carries no error object. */
export const ERROR_HOOK = `<script>
window.__errors = [];
addEventListener("error", (e) => {
  if (!e.error && /^ResizeObserver loop/.test(e.message)) return;
  window.__errors.push(String(e.message || e.error));
});
addEventListener("unhandledrejection", (e) => window.__errors.push("unhandled rejection: " + String(e.reason?.message ?? e.reason)));
</script>`;

/** WebKit, as the shared suite's engine (e2e-firefox/suite.mjs): one driver, one session, one page at
 * a time; opening a page starts it with empty storage on its origin. */
export async function engine() {
  const driver = await launch();
  const { session } = driver;
  const fn = (f) => `return (${f}).apply(null, arguments)`;
  const evaluate = (f, ...args) => session.run(fn(f), ...args);
  // The window's size for the page on screen: the driver's one window is resized only when a page
  // asks for another size than the last one had.
  let size = "1280x720";
  return {
    version: driver.version,
    close: () => driver.close(),
    async open(url, ready = "h2", viewport = { width: 1280, height: 720 }) {
      if (`${viewport.width}x${viewport.height}` !== size) {
        await session.setViewport(viewport.width, viewport.height);
        size = `${viewport.width}x${viewport.height}`;
      }
      // A page of the same origin that is not the app, to empty the origin's storage from.
      await session.goto(new URL("/empty-storage", url).href);
      await session.run("localStorage.clear(); sessionStorage.clear();");
      await session.goto(url);
      await session.waitFor("return document.querySelector(arguments[0]) !== null", [ready], { what: ready });
      return {
        click: (css) => session.click(css),
        evaluate,
        waitFor: (f, args = [], timeout = 10_000) => session.waitFor(fn(f), args, { timeout, what: String(f) }),
        async fill(css, text) {
          // Emptied without an event (WebDriver's own clear would leave the field, and the page
          // would put its value back), then typed and left as a learner does.
          await evaluate((css) => { document.querySelector(css).value = ""; }, css);
          await session.type(css, text + KEY.tab);
        },
        async exported() {
          await evaluate(installExportHook);
          const before = await evaluate(exportCount);
          await session.click("[data-testid=export-json]");
          await session.waitFor("return window.__exports.length > arguments[0]", [before], { what: "the export" });
          return JSON.parse(await evaluate(lastExport));
        },
        async errors() {
          // The page's, then each frame's: every page the tests serve carries the hook.
          const read = "return window.__errors ?? [`${location.href} has no error hook`]";
          const errors = await session.run(read);
          const frames = await session.run("return [...document.querySelectorAll('iframe')]");
          for (const frame of frames) {
            await session.frame(frame);
            errors.push(...(await session.run(read)));
            await session.frame(null);
          }
          return errors;
        },
        close: () => session.goto("about:blank"),
      };
    },
  };
}
