// Link check of the built output: every internal href, src and form action
// points to a file of the output, and every #fragment to an id in its target.
// Pages link relatively and to files (…/index.html), never to a folder or the
// host's root, so the site works from the file system and from any sub-folder;
// only the 404 page, which a server shows at any URL, links from the root.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { siteDir, internalDir, walk } from './lib/site.js';

const EXTERNAL = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

function decode(value) {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attributes(html, names) {
  const pattern = new RegExp(`\\s(?:${names})="([^"]*)"`, 'g');
  return [...html.matchAll(pattern)].map((m) => decode(m[1]));
}

/** Every broken internal link of the site in `dir`, as "page: link" lines. */
export function brokenLinks(dir) {
  const files = new Set(walk(dir));
  const pages = [...files].filter((path) => path.endsWith('.html'));
  const html = new Map(pages.map((path) => [path, readFileSync(join(dir, path), 'utf8')]));
  const ids = new Map(pages.map((path) => [path, new Set(attributes(html.get(path), 'id'))]));
  const broken = [];
  let checked = 0;
  for (const page of pages) {
    for (const link of attributes(html.get(page), 'href|src|action')) {
      if (EXTERNAL.test(link)) continue;
      checked += 1;
      const [beforeHash, fragment] = link.split('#', 2);
      const pathPart = decodeURIComponent(beforeHash.split('?')[0]);
      const anywhere = page === '404.html';
      if (pathPart.startsWith('/') && !anywhere) {
        broken.push(`${page}: ${link} (root-absolute: breaks from the file system and in a sub-folder)`);
        continue;
      }
      if (pathPart.endsWith('/') && !anywhere) {
        broken.push(`${page}: ${link} (a folder, not its index.html: breaks from the file system)`);
        continue;
      }
      let target;
      if (pathPart === '') target = page;
      else if (pathPart.startsWith('/')) target = pathPart.slice(1); // base_url's path is "/"
      else target = posix.normalize(posix.join(posix.dirname(page), pathPart));
      if (target === '' || target.endsWith('/')) target += 'index.html';
      if (target.startsWith('..') || !files.has(target)) {
        broken.push(`${page}: ${link} (no file ${target})`);
      } else if (fragment && !ids.get(target)?.has(decodeURIComponent(fragment))) {
        broken.push(`${page}: ${link} (no id "${fragment}" in ${target})`);
      }
    }
  }
  return { broken, checked, pages: pages.length };
}

for (const [build, dir] of [
  ['', siteDir],
  [' (internal)', internalDir],
]) {
  test(`links: no broken internal link or anchor in the output${build}`, () => {
    const { broken, checked, pages } = brokenLinks(dir());
    console.log(`# links checked${build}: ${checked} on ${pages} pages, broken: ${broken.length}`);
    assert.ok(checked > pages * 10, `only ${checked} links checked`);
    assert.deepEqual(broken, []);
  });
}

test('links: the checker itself finds a broken link and a broken anchor', async () => {
  const { mkdtempSync, writeFileSync, mkdirSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'links-'));
  try {
    mkdirSync(join(dir, 'a'));
    writeFileSync(
      join(dir, 'index.html'),
      '<a href="a/index.html#x">ok</a> <a href="a/index.html#nope">bad anchor</a> <a href="b/index.html">missing</a>'
        + ' <a href="https://x.org/">external</a> <a href="&#x2f;a&#x2f;index.html">root</a> <a href="a/">folder</a><p id="top">',
    );
    writeFileSync(join(dir, 'a', 'index.html'), '<h2 id="x">X</h2><a href="../index.html#top">up</a>');
    writeFileSync(join(dir, '404.html'), '<a href="/a/">home</a>');
    const { broken } = brokenLinks(dir);
    assert.deepEqual(
      broken.map((line) => line.split(' (')[0]),
      ['index.html: a/index.html#nope', 'index.html: b/index.html', 'index.html: /a/index.html', 'index.html: a/'],
    );
  } finally {
    rmSync(dir, { recursive: true });
  }
});
