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

  /** Clicks the element matching `css` as a user would: scrolled into view, at its centre. */
  async click(css) {
    await this.call("POST", `/element/${await this.find(css)}/click`, {});
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
