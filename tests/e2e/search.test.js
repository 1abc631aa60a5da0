// Search (pagefind, built in-process): finds a glossary term and a region,
// from the search page and from the search box in the header; on a site of
// several federal states, narrows the results to one state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './lib/browser.js';
import { statesDir } from './lib/site.js';

let server;
let page;
let states;
openPage((opened) => ({ server, page } = opened));
openPage((opened) => (states = opened), {}, statesDir());

/** Type `query` into the search page's box and return the result links. */
async function search(query) {
  await page.goto(`${server.url}/suche/index.html`);
  const input = page.locator('.pagefind-ui__search-input');
  await input.fill(query);
  await page.waitForSelector('.pagefind-ui__result-link');
  return page.$$eval('.pagefind-ui__result-title .pagefind-ui__result-link', (links) =>
    links.map((a) => ({ text: a.innerText.trim(), href: a.getAttribute('href') })),
  );
}

test('search finds "Duldung" with its glossary page first', async () => {
  const results = await search('Duldung');
  assert.ok(results.length >= 3, JSON.stringify(results));
  assert.equal(results[0].text, 'Duldung', JSON.stringify(results.slice(0, 3)));
  assert.equal(results[0].href, '/glossar/duldung/index.html');
});

test('search finds a region by its name', async () => {
  const results = await search('Crimmitschau');
  assert.ok(
    results.some((r) => r.href === '/regionen/crimmitschau/index.html'),
    JSON.stringify(results),
  );
});

test('a search result opens its page', async () => {
  await search('Meißen');
  await page.click('.pagefind-ui__result-title .pagefind-ui__result-link');
  await page.waitForLoadState();
  assert.match(page.url(), /\/regionen\/landkreis-meissen\//);
  assert.match(await page.locator('h1').first().innerText(), /Meißen/);
});

test('the header search box opens the search page with results', async () => {
  await page.goto(`${server.url}/regionen/leipzig/partner/index.html`);
  await page.fill('#site-search-q', 'Duldung');
  await page.press('#site-search-q', 'Enter');
  await page.waitForURL(/suche\/index\.html\?q=Duldung/);
  await page.waitForSelector('.pagefind-ui__result-link');
  assert.equal(await page.inputValue('.pagefind-ui__search-input'), 'Duldung');
});

test('search works from a sub-folder of the host', async () => {
  // The bundle derives its paths from its own URL: serving the site below
  // /netz/ must find pages below /netz/ too.
  const { createServer } = await import('node:http');
  const proxy = createServer(async (request, response) => {
    if (!request.url.startsWith('/netz/')) {
      response.writeHead(404).end();
      return;
    }
    const upstream = await fetch(server.url + request.url.slice('/netz'.length));
    response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') });
    response.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise((done) => proxy.listen(0, '127.0.0.1', done));
  try {
    await page.goto(`http://127.0.0.1:${proxy.address().port}/netz/suche/index.html?q=Duldung`);
    await page.waitForSelector('.pagefind-ui__result-link');
    const href = await page.getAttribute('.pagefind-ui__result-title .pagefind-ui__result-link', 'href');
    assert.equal(href, '/netz/glossar/duldung/index.html');
  } finally {
    await new Promise((done) => proxy.close(done));
  }
});

test('without its index the search page says so instead of staying empty', async () => {
  await page.goto(`${server.url}/suche/index.html`);
  await page.waitForSelector('.pagefind-ui__search-input');
  assert.equal(await page.locator('#suche-fehlt').isHidden(), true, 'hidden while search works');
  // What the preview shows, which makes no index: the search code is missing.
  await page.route('**/pagefind/pagefind-ui.js', (route) => route.abort());
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await page.goto(`${server.url}/suche/index.html?q=Duldung`);
    await page.locator('#suche-fehlt').waitFor({ state: 'visible' });
    assert.match(await page.locator('#suche-fehlt').innerText(), /Suchindex fehlt/);
    assert.deepEqual(errors, []);
  } finally {
    await page.unroute('**/pagefind/pagefind-ui.js');
  }
});

test('on a site of several states, search narrows the results to one', async () => {
  const { server: site, page: tab } = states;
  await tab.goto(`${site.url}/suche/index.html?q=Jobcenter`);
  await tab.waitForSelector('.pagefind-ui__result-link');
  const panel = tab.locator('.pagefind-ui__filter-panel');
  await panel.getByText('Bundesland').first().waitFor();
  const options = await panel.locator('.pagefind-ui__filter-label').allInnerTexts();
  assert.deepEqual(
    options.map((o) => o.replace(/\s*\(\d+\)$/, '')),
    ['Bayern', 'Sachsen', 'Thüringen'],
  );
  await panel.getByLabel(/^Bayern/).check();
  // The results are replaced after the tick: wait until some are shown and
  // all of them are Bayern's (an empty list in between is no answer).
  await tab.waitForFunction(() => {
    const links = [
      ...document.querySelectorAll('.pagefind-ui__result-title .pagefind-ui__result-link'),
    ];
    return (
      links.length > 0 &&
      links.every((a) => a.getAttribute('href').startsWith('/regionen/beispielort-'))
    );
  });
});
