// Without JavaScript every page still works (only search needs it): content,
// navigation, the matrix; the search page says that search needs JavaScript.
// So do the internal build's pages; its sealed paper files, which decrypt in
// the browser, say that they need JavaScript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlPages, internalDir } from './lib/site.js';
import { openPage } from './lib/browser.js';
import { PAPER } from './lib/paper.js';

let server;
let page;
let internal;
openPage((opened) => ({ server, page } = opened), { javaScriptEnabled: false });
openPage((opened) => (internal = opened), { javaScriptEnabled: false }, internalDir());

/** The sealed paper files of the internal build. */
const isSealed = (path) => /\/schnittstellenpapier-[^/]+\.html$/.test(path);

/** The pages of the build `opened` serves that do not show their heading,
 * main content and navigation, or that have a script (but the search page). */
async function brokenWithoutScript({ server, page: tab }, paths) {
  const problems = [];
  for (const path of paths) {
    await tab.goto(`${server.url}/${path}`);
    const state = await tab.evaluate(() => ({
      h1: document.querySelector('main h1')?.innerText.trim() ?? '',
      main: document.querySelector('main')?.innerText.trim().length ?? 0,
      navLinks: [...document.querySelectorAll('nav.site-nav a')].filter((a) => a.offsetParent)
        .length,
      scripts: document.querySelectorAll('script').length,
    }));
    // Counts only: the internal build's text stays out of the logs.
    if (!state.h1 || state.main < 40 || state.navLinks < 3) problems.push(`/${path}: ${JSON.stringify({ ...state, h1: state.h1.length })}`);
    if (state.scripts > 0 && !path.startsWith('suche/')) problems.push(`/${path} has a script`);
  }
  return problems;
}

test('no JS: every page shows its heading, main content and navigation', async () => {
  assert.deepEqual(await brokenWithoutScript({ server, page }, htmlPages()), []);
});

test('no JS: every page of the internal build too, but the sealed paper files', async () => {
  const paths = htmlPages(internalDir()).filter((path) => !isSealed(path));
  assert.deepEqual(await brokenWithoutScript(internal, paths), []);
});

test('no JS: a sealed paper file says that it needs JavaScript, and shows nothing of the paper', async () => {
  const { page: tab, server: host } = internal;
  await tab.goto(`${host.url}/${PAPER}`);
  assert.match(await tab.locator('main .notice').innerText(), /JavaScript/);
  assert.equal(await tab.locator('.contacts').count(), 0);
});

test('no JS: the matrix is visible as a table with its legend', async () => {
  await page.goto(`${server.url}/regionen/leipzig/matrix/index.html`);
  const table = page.locator('table.matrix');
  assert.ok(await table.isVisible(), 'matrix table visible');
  const cells = await table.locator('tbody td').count();
  assert.ok(cells > 10, `${cells} matrix cells`);
  assert.ok(await page.locator('.legend').first().isVisible(), 'legend visible');
});

test('no JS: the header search leads to the search page, which says search needs JavaScript', async () => {
  await page.goto(`${server.url}/glossar/index.html`);
  await page.fill('#site-search-q', 'Duldung');
  await page.press('#site-search-q', 'Enter');
  await page.waitForURL(/suche\/index\.html\?q=Duldung/);
  const note = await page.locator('main .notice:visible').innerText();
  assert.match(note, /JavaScript/);
});
