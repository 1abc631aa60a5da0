// Without JavaScript every page still works (only search needs it): content,
// navigation, the matrix; the search page says that search needs JavaScript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlPages } from './lib/site.js';
import { openPage } from './lib/browser.js';

let server;
let page;
openPage((opened) => ({ server, page } = opened), { javaScriptEnabled: false });

test('no JS: every page shows its heading, main content and navigation', async () => {
  const problems = [];
  for (const path of htmlPages()) {
    await page.goto(`${server.url}/${path}`);
    const state = await page.evaluate(() => ({
      h1: document.querySelector('main h1')?.innerText.trim() ?? '',
      main: document.querySelector('main')?.innerText.trim().length ?? 0,
      navLinks: [...document.querySelectorAll('nav.site-nav a')].filter((a) => a.offsetParent)
        .length,
      scripts: document.querySelectorAll('script').length,
    }));
    if (!state.h1 || state.main < 40 || state.navLinks < 3) problems.push(`/${path}: ${JSON.stringify(state)}`);
    if (state.scripts > 0 && !path.startsWith('suche/')) problems.push(`/${path} has a script`);
  }
  assert.deepEqual(problems, []);
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
