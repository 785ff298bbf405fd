// The documentation pages that ship with the site: docs/embedding.md written as `embedding.html`
// beside index.html, so that the Embed panel can link a teacher to it on any host. The Markdown stays
// the one source (it reads well in the repository, and native tests hold its examples to the code);
// this renders the little of Markdown it uses: headings (with the ids GitHub gives them, so the
// file's own `#links` work in both), paragraphs, lists of `- ` items, tables, fenced code, and inline
// code, links, `**strong**` and `*emphasis*`. Anything else is written as the text it is, escaped:
// a construct this does not know shows up as its Markdown, never as markup from the file.
//
// Build/release.mjs (Trunk's post-build hook) calls `writeDocs` for every build, debug ones too.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The pages: each Markdown file of docs/ and the file it becomes in the site. */
const PAGES = [{ from: "../docs/embedding.md", to: "embedding.html" }];

/** Writes every page into `dir` (Trunk's staging directory). */
export function writeDocs(dir) {
  for (const { from, to } of PAGES) {
    const md = readFileSync(new URL(from, import.meta.url), "utf8");
    writeFileSync(join(dir, to), page(md));
  }
}

/** A whole HTML page for the Markdown `md`, titled after its first heading. */
export function page(md) {
  const body = render(md);
  const title = /^# (.*)$/m.exec(md)?.[1] ?? "Async Kitchen";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escape(plain(title))} · Async Kitchen</title>
<style>
body { font: 1rem/1.55 system-ui, sans-serif; max-width: 52rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
nav { font-size: 0.95rem; }
h1, h2, h3 { line-height: 1.25; margin: 1.6em 0 0.5em; }
h1 { margin-top: 0.6em; }
code { font: 0.9em ui-monospace, Menlo, monospace; background: color-mix(in srgb, currentColor 8%, transparent); padding: 0.05em 0.25em; border-radius: 0.2em; }
pre { overflow-x: auto; padding: 0.75rem; border: 1px solid color-mix(in srgb, currentColor 25%, transparent); border-radius: 0.3rem; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; margin: 0.75rem 0; display: block; overflow-x: auto; }
th, td { border: 1px solid color-mix(in srgb, currentColor 25%, transparent); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
a { color: LinkText; }
</style>
</head>
<body>
<nav><a href="./">← Async Kitchen</a></nav>
<main>
${body}</main>
</body>
</html>
`;
}

/** The Markdown `md` as HTML, block by block. */
export function render(md) {
  const lines = md.replace(/\r\n?/g, "\n").split("\n");
  let html = "";
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") {
      i++;
    } else if (line.startsWith("```")) {
      const lang = line.slice(3).trim();
      const end = lines.indexOf("```", i + 1);
      const last = end < 0 ? lines.length : end;
      const code = lines.slice(i + 1, last).join("\n");
      html += `<pre><code${lang ? ` class="language-${escape(lang)}"` : ""}>${escape(code)}</code></pre>\n`;
      i = last + 1;
    } else if (/^#{1,6} /.test(line)) {
      const level = line.indexOf(" ");
      const text = line.slice(level + 1).trim();
      html += `<h${level} id="${slug(text)}">${inline(text)}</h${level}>\n`;
      i++;
    } else if (line.startsWith("|") && /^\|[\s:|-]+\|$/.test(lines[i + 1] ?? "")) {
      const row = (l) => l.trim().replace(/^\||\|$/g, "").split("|").map((c) => inline(c.trim()));
      html += "<table>\n<thead><tr>" + row(line).map((c) => `<th>${c}</th>`).join("") + "</tr></thead>\n<tbody>\n";
      i += 2;
      while (i < lines.length && lines[i].startsWith("|")) {
        html += "<tr>" + row(lines[i]).map((c) => `<td>${c}</td>`).join("") + "</tr>\n";
        i++;
      }
      html += "</tbody>\n</table>\n";
    } else if (line.startsWith("- ")) {
      const items = [];
      while (i < lines.length && (lines[i].startsWith("- ") || /^ {2}\S/.test(lines[i]))) {
        if (lines[i].startsWith("- ")) items.push(lines[i].slice(2));
        else items[items.length - 1] += " " + lines[i].trim();
        i++;
      }
      html += "<ul>\n" + items.map((item) => `<li>${inline(item)}</li>\n`).join("") + "</ul>\n";
    } else {
      const para = [];
      while (i < lines.length && lines[i].trim() !== "" && !/^(```|#{1,6} |\||- )/.test(lines[i])) para.push(lines[i++].trim());
      html += `<p>${inline(para.join(" "))}</p>\n`;
    }
  }
  return html;
}

/** Inline Markdown: code spans, links (whose text may hold code), strong and emphasis. */
function inline(text) {
  const re = /`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|\*\*(.+?)\*\*|\*(\S(?:.*?\S)?)\*/g;
  let out = "";
  let last = 0;
  for (const m of text.matchAll(re)) {
    out += escape(text.slice(last, m.index));
    if (m[1] !== undefined) out += `<code>${escape(m[1])}</code>`;
    else if (m[2] !== undefined) out += `<a href="${escape(m[3])}">${inline(m[2])}</a>`;
    else if (m[4] !== undefined) out += `<strong>${inline(m[4])}</strong>`;
    else out += `<em>${inline(m[5])}</em>`;
    last = m.index + m[0].length;
  }
  return out + escape(text.slice(last));
}

/** A heading's id as GitHub writes it: lower case, punctuation dropped, spaces as hyphens. */
export function slug(text) {
  return plain(text).toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").trim().replace(/\s/g, "-");
}

/** A heading's text without its Markdown: code spans' backticks and links' brackets dropped. */
function plain(text) {
  return text.replace(/\[([^\]]+)\]\([^)]*\)/g, "$1").replace(/[`*]/g, "");
}

function escape(text) {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}
