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
 * after `build`, if given), once `shown` (a selector) is on it, if given. */
async function checkPage({ server, page: tab }, path, build = '', shown = '') {
  const response = await tab.goto(`${server.url}/${path}`);
  assert.ok(response.ok() || path === '404.html', `HTTP ${response.status()}`);
  if (path.startsWith('suche/')) await tab.waitForSelector('.pagefind-ui__search-input');
  if (shown) await tab.waitForSelector(shown);
  const found = await violations(tab);
  total += found.length;
  const name = `${build ? `${build}: ` : ''}/${path}`;
  assert.equal(found.length, 0, `axe violations on ${name}:\n${describe(found)}`);
}

for (const path of htmlPages()) {
  test(`axe: /${path}`, () => checkPage({ server, page }, path));
}

test('axe: search page with results', () =>
  checkPage({ server, page }, 'suche/index.html?q=Duldung', '', '.pagefind-ui__result-link'));

// The internal build, as the institutions receive it: contact persons, the
// confidential banner, and each region's paper file sealed behind a form.
for (const path of htmlPages(internalDir())) {
  test(`axe (internal): /${path}`, () => checkPage(internal, path, 'the internal build'));
}

test('axe (regions in three states): search results with the filter by state', () =>
  checkPage(
    states,
    'suche/index.html?q=Jobcenter',
    'regions in three states',
    '.pagefind-ui__filter-panel .pagefind-ui__filter-label',
  ));

for (const path of STATE_PAGES) {
  test(`axe (regions in three states): /${path}`, () =>
    checkPage(states, path, 'regions in three states'));
}
