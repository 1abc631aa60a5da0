// Every page of the built sites, public and internal, passes axe-core's WCAG
// 2.0/2.1 A and AA rules, and so do the search page with results shown and
// the region lists grouped by federal state.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { htmlPages, internalDir, statesDir, STATE_PAGES } from './lib/site.js';
import { openPage } from './lib/browser.js';
import { violations, describe } from './lib/axe.js';

let server;
let page;
let internal;
let states;
let total = 0;
openPage((opened) => ({ server, page } = opened));
openPage((opened) => (internal = opened), {}, internalDir());
openPage((opened) => (states = opened), {}, statesDir());

after(() => {
  console.log(`# axe violations in total: ${total}`);
});

test('axe: finds a planted violation (the check is live)', async () => {
  await page.setContent('<!doctype html><html><body><img src="x.png"><a href="#"></a></body></html>');
  const found = await violations(page);
  const ids = found.map((v) => v.id);
  assert.ok(ids.includes('image-alt') && ids.includes('html-has-lang'), ids.join(', '));
});

/** Check the page at `path` of the build `opened` serves (named in messages
 * after `build`, if given). */
async function checkPage({ server, page: tab }, path, build = '') {
  const response = await tab.goto(`${server.url}/${path}`);
  assert.ok(response.ok() || path === '404.html', `HTTP ${response.status()}`);
  if (path.startsWith('suche/')) await tab.waitForSelector('.pagefind-ui__search-input');
  const found = await violations(tab);
  total += found.length;
  const name = `${build ? `${build}: ` : ''}/${path}`;
  assert.equal(found.length, 0, `axe violations on ${name}:\n${describe(found)}`);
}

for (const path of htmlPages()) {
  test(`axe: /${path}`, () => checkPage({ server, page }, path));
}

test('axe: search page with results', async () => {
  await page.goto(`${server.url}/suche/index.html?q=Duldung`);
  await page.waitForSelector('.pagefind-ui__result-link');
  const found = await violations(page);
  total += found.length;
  assert.equal(found.length, 0, `axe violations on the search results:\n${describe(found)}`);
});

// The internal build, as the institutions receive it: contact persons, the
// confidential banner, and each region's paper file sealed behind a form.
for (const path of htmlPages(internalDir())) {
  test(`axe (internal): /${path}`, () => checkPage(internal, path, 'the internal build'));
}

test('axe (regions in three states): search results with the filter by state', async () => {
  await states.page.goto(`${states.server.url}/suche/index.html?q=Jobcenter`);
  await states.page.waitForSelector('.pagefind-ui__filter-panel .pagefind-ui__filter-label');
  const found = await violations(states.page);
  total += found.length;
  assert.equal(found.length, 0, `axe violations on the filtered search:\n${describe(found)}`);
});

for (const path of STATE_PAGES) {
  test(`axe (regions in three states): /${path}`, () =>
    checkPage(states, path, 'regions in three states'));
}
