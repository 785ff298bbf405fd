// A plain static file server for the built dist/, like the ones teachers host it on.
// It mounts the site under `base` (for example "/" or "/course/async/") to prove relative URLs work.
import { createServer } from "node:http";
import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
};

/** Serves `root` under `base` on an ephemeral localhost port; resolves to { url, close }. With
 * `maxRequestLine`, a request line longer than that many bytes is answered `414 Request-URI Too
 * Long`, as stock nginx and Apache answer one over 8 KiB. With `isolated`, every answer carries the
 * two headers that make a page cross-origin isolated (as `trunk serve` sends them, Trunk.toml), so
 * that it may share memory with its workers. */
export async function serve(root, base = "/", { maxRequestLine = Infinity, isolated = false } = {}) {
  const isolation = isolated
    ? { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" }
    : {};
  // Node refuses a request line over 16 KiB itself (431); the limit is this server's to choose.
  const server = createServer({ maxHeaderSize: 1 << 20 }, async (req, res) => {
    // "GET /path HTTP/1.1": the method, two spaces and the version around the target.
    if (req.method.length + req.url.length + 11 > maxRequestLine) {
      res.writeHead(414).end("Request-URI Too Long");
      return;
    }
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!path.startsWith(base)) {
      res.writeHead(404).end("not under " + base);
      return;
    }
    let file = normalize(join(root, path.slice(base.length)));
    if (!file.startsWith(normalize(root))) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", ...isolation });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Serves one page, `html`, from a server of its own: another origin than the site's, as a course
 * page that embeds the site is on. (A page the test runner makes up counts as public, and Chromium
 * refuses to let it frame a local server.) Resolves to { url, close }. */
export async function servePage(html) {
  const dir = await mkdtemp(join(tmpdir(), "course-"));
  await writeFile(join(dir, "index.html"), html);
  return serve(dir, "/");
}
