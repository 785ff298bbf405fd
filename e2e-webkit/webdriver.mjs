// A small client of classic W3C WebDriver (https://w3c.github.io/webdriver/) over Node's fetch:
// WebKitWebDriver speaks nothing else (no BiDi, so neither puppeteer nor playwright-core), and the
// few commands these tests send need no package (selenium-webdriver would add a dependency tree
// and warn on Node 20 for the same dozen endpoints).

/** The key W3C WebDriver names a web element by in JSON. */
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

/** The WebDriver code of a few keys. */
export const KEY = { tab: "\uE004", enter: "\uE007" };

/** A WebDriver session at `driver` (the driver's base URL, such as `http://127.0.0.1:4444`). */
export class Session {
  constructor(driver, id, capabilities) {
    this.base = `${driver}/session/${id}`;
    this.capabilities = capabilities;
  }

  /** Starts a session with `capabilities` (the `alwaysMatch` object). */
  static async start(driver, capabilities = {}) {
    const value = await command(driver, "POST", "/session", { capabilities: { alwaysMatch: capabilities } });
    return new Session(driver, value.sessionId, value.capabilities);
  }

  call(method, path, body) {
    return command(this.base, method, path, body);
  }

  /** Ends the session, which closes its browser. */
  end() {
    return this.call("DELETE", "");
  }

  /** Loads `url` and waits for its load event. */
  goto(url) {
    return this.call("POST", "/url", { url });
  }

  /** Runs `script` (a function's body: `arguments` holds `args`) in the page and returns its value;
   * elements come and go as {@link ELEMENT} references. A promise returned is awaited. */
  run(script, ...args) {
    return this.call("POST", "/execute/sync", { script, args });
  }

  /** Polls `script` until it returns something truthy, and returns that; throws after `timeout` ms
   * with `what` in the message. */
  async waitFor(script, args = [], { timeout = 10_000, what = script } = {}) {
    const until = Date.now() + timeout;
    for (;;) {
      const value = await this.run(script, ...args);
      if (value) return value;
      if (Date.now() > until) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The first element matching `css`, or a "no such element" error. */
  async find(css) {
    const value = await this.call("POST", "/element", { using: "css selector", value: css });
    return value[ELEMENT];
  }

  /** Clicks the element matching `css` as a user would: scrolled into view, at its centre.
   *
   * WebKitGTK's driver synthesizes the click in the browser's own process, and once in a CI run
   * (stop 31: an enabled *Lock in and run*, on a layout that had not moved for a second) the page
   * never saw it. So a listener on the element says whether the click reached the page: a click it
   * did not reach is sent again, at most {@link CLICK_TRIES} times in all, and then it is an error
   * that says what was at the element's centre. A click that reached the page is never repeated, so
   * what the page did with it is still the test's to hold. */
  async click(css) {
    const id = await this.find(css);
    const element = { [ELEMENT]: id };
    for (let tries = 1; ; tries++) {
      const token = await this.run(WATCH_CLICK, element);
      await this.call("POST", `/element/${id}/click`, {});
      // Asked again and again, each answer from a page free to run a script: a page busy with
      // what came before (drawing a long run) delays the answers, not the verdict. Counted in
      // answers rather than time, so that no load makes a click that arrived late look lost.
      for (let polls = 0; polls < CLICK_POLLS; polls++) {
        // A page that navigated away has no token: the click reached the page it left.
        if (await this.run("return window.__clickTokens?.has(arguments[0]) ?? true", token)) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      if (tries === CLICK_TRIES) {
        const centre = await this.run(CLICK_TARGET, element).catch((e) => String(e.message));
        throw new Error(`${tries} clicks on ${css} never reached it: ${centre}`);
      }
      const centre = await this.run(CLICK_TARGET, element).catch((e) => String(e.message));
      console.error(`# WebKit: a click on ${css} did not reach the page after ${CLICK_POLLS} questions (${centre}); sent again`);
    }
  }

  /** Types `text` into the element matching `css` (keys from {@link KEY} included). */
  async type(css, text) {
    await this.call("POST", `/element/${await this.find(css)}/value`, { text });
  }

  /** Makes the page's viewport `width` × `height` CSS pixels by sizing the window around it. */
  async setViewport(width, height) {
    await this.call("POST", "/window/rect", { width, height });
    const [w, h] = await this.run("return [outerWidth - innerWidth, outerHeight - innerHeight]");
    await this.call("POST", "/window/rect", { width: width + w, height: height + h });
  }

  /** Moves into the frame `element` (a reference from {@link run}), or back to the top with null. */
  frame(element) {
    return this.call("POST", "/frame", { id: element });
  }

  /** A PNG of the viewport. */
  async screenshot() {
    return Buffer.from(await this.call("GET", "/screenshot"), "base64");
  }
}

/** How many times a click that never reached its element is sent, and how many times the page is
 * asked whether it did (50 ms apart: two seconds at least) before it is sent again. */
const CLICK_TRIES = 3;
const CLICK_POLLS = 40;

/** Run in the page on an element about to be clicked: a new token, which a click reaching the
 * element (on it or inside it, before the page's own handlers at the document) puts in
 * `window.__clickTokens`. */
const WATCH_CLICK = `
  const element = arguments[0];
  window.__clickTokens ??= new Set();
  const token = (window.__clickCount = (window.__clickCount ?? 0) + 1);
  element.addEventListener("click", () => window.__clickTokens.add(token), { capture: true, once: true });
  return token;`;

/** Run in the page on an element a click missed: what is at its centre, and whether it can be
 * clicked at all. */
const CLICK_TARGET = `
  const element = arguments[0];
  const r = element.getBoundingClientRect();
  const at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
  const name = (e) => e ? e.tagName.toLowerCase() + (e.dataset.testid ? "[data-testid=" + e.dataset.testid + "]" : "") : "nothing";
  return "at its centre (" + Math.round(r.x + r.width / 2) + ", " + Math.round(r.y + r.height / 2) + ") is " + name(at) +
    (element.disabled ? "; it is disabled" : "") + (element.isConnected ? "" : "; it left the page");`;

/** Sends one command and returns its `value`, or throws the driver's error. */
async function command(base, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json; charset=utf-8" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const { value } = await response.json();
  if (!response.ok || value?.error) {
    throw new Error(`WebDriver ${method} ${path}: ${value?.error}: ${value?.message}`);
  }
  return value;
}
