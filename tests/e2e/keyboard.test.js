// Keyboard use: the skip link is the first stop, visible when focused, and
// moves focus to the main content; focused links show a visible outline. The
// same on pages of the internal build, below its confidentiality banner, and
// through its contact persons' links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './lib/browser.js';
import { internalDir } from './lib/site.js';

let server;
let page;
let internal;
openPage((opened) => ({ server, page } = opened));
openPage((opened) => (internal = opened), {}, internalDir());

const PAGES = [
  'index.html',
  'glossar/duldung/index.html',
  'regionen/leipzig/matrix/index.html',
  'leitfaden/index.html',
  'suche/index.html',
];

/** Internal pages: contact persons on the partner page and the paper. */
const INTERNAL_PAGES = [
  'index.html',
  'regionen/leipzig/partner/index.html',
  'regionen/leipzig/schnittstellenpapier/index.html',
];

/** What the focused element is and how it looks. */
function focused() {
  const el = document.activeElement;
  const rect = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    className: el.className,
    href: el.getAttribute('href'),
    inViewport: rect.width > 1 && rect.height > 1 && rect.bottom > 0 && rect.top < innerHeight
      && rect.right > 0 && rect.left < innerWidth,
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
  };
}

/** On the page at `path` of the build `opened` serves, the skip link is the
 * first Tab stop, visible, and Enter on it moves the focus into main. */
async function assertSkipLink({ server, page: tab }, path) {
  await tab.goto(`${server.url}/${path}`);
  await tab.keyboard.press('Tab');
  const first = await tab.evaluate(focused);
  assert.equal(first.className, 'skip-link', `first Tab stop is ${JSON.stringify(first)}`);
  assert.ok(first.inViewport, 'the focused skip link is on screen');
  assert.notEqual(first.outlineStyle, 'none', 'the focused skip link has an outline');
  assert.ok(first.outlineWidth >= 2, `outline width ${first.outlineWidth}px`);
  await tab.keyboard.press('Enter');
  const afterEnter = await tab.evaluate(focused);
  assert.equal(afterEnter.id, 'main', `focus after Enter: ${JSON.stringify(afterEnter)}`);
  // The next Tab continues inside main, not back in the header.
  await tab.keyboard.press('Tab');
  const inMain = await tab.evaluate(() => Boolean(document.activeElement.closest('main')));
  assert.ok(inMain, 'the Tab after the skip link lands in main');
}

for (const path of PAGES) {
  test(`keyboard: skip link first, visible, leads to main on /${path}`, () =>
    assertSkipLink({ server, page }, path));
}

for (const path of INTERNAL_PAGES) {
  test(`keyboard: the same on the internal /${path}`, () => assertSkipLink(internal, path));
}

test('keyboard: every contact link of the internal partner page shows a visible outline', async () => {
  const { server: host, page: tab } = internal;
  await tab.goto(`${host.url}/regionen/leipzig/partner/index.html`);
  const links = await tab.evaluate(
    () => document.querySelectorAll('main .contacts a[href^="mailto:"], main .contacts a[href^="tel:"]').length,
  );
  assert.ok(links > 3, `${links} contact links`);
  let seen = 0;
  for (let i = 0; i < 400 && seen < links; i += 1) {
    await tab.keyboard.press('Tab');
    const state = await tab.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return {
        contact: Boolean(el.closest('.contacts')) && /^(mailto|tel):/.test(el.getAttribute('href') ?? ''),
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth),
        tag: el.tagName.toLowerCase(),
      };
    });
    if (state.tag === 'body') break;
    if (!state.contact) continue;
    seen += 1;
    // Tag and outline only: the contact's address stays out of the logs.
    assert.ok(state.outlineStyle !== 'none' && state.outlineWidth >= 2, `no visible focus outline on a contact link: ${JSON.stringify(state)}`);
  }
  assert.equal(seen, links, 'every contact link is reached by Tab');
});

test('keyboard: every focused link of the start page has a visible outline', async () => {
  await page.goto(`${server.url}/index.html`);
  const stops = await page.evaluate(
    () => document.querySelectorAll('a[href], input, button, [tabindex="0"]').length,
  );
  const seen = [];
  for (let i = 0; i < stops; i += 1) {
    await page.keyboard.press('Tab');
    const state = await page.evaluate(focused);
    if (state.tag === 'body') break;
    seen.push(state);
    assert.ok(
      state.outlineStyle !== 'none' && state.outlineWidth >= 2,
      `no visible focus outline on ${JSON.stringify(state)}`,
    );
  }
  assert.ok(seen.length >= 10, `only ${seen.length} focus stops`);
  assert.ok(seen.some((s) => s.id === 'site-search-q'), 'the search box is reachable by Tab');
});
