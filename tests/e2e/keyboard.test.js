// Keyboard use: the skip link is the first stop, visible when focused, and
// moves focus to the main content; focused links show a visible outline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './lib/browser.js';

let server;
let page;
openPage((opened) => ({ server, page } = opened));

const PAGES = [
  'index.html',
  'glossar/duldung/index.html',
  'regionen/leipzig/matrix/index.html',
  'leitfaden/index.html',
  'suche/index.html',
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

for (const path of PAGES) {
  test(`keyboard: skip link first, visible, leads to main on /${path}`, async () => {
    await page.goto(`${server.url}/${path}`);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(focused);
    assert.equal(first.className, 'skip-link', `first Tab stop is ${JSON.stringify(first)}`);
    assert.ok(first.inViewport, 'the focused skip link is on screen');
    assert.notEqual(first.outlineStyle, 'none', 'the focused skip link has an outline');
    assert.ok(first.outlineWidth >= 2, `outline width ${first.outlineWidth}px`);
    await page.keyboard.press('Enter');
    const afterEnter = await page.evaluate(focused);
    assert.equal(afterEnter.id, 'main', `focus after Enter: ${JSON.stringify(afterEnter)}`);
    // The next Tab continues inside main, not back in the header.
    await page.keyboard.press('Tab');
    const inMain = await page.evaluate(() => Boolean(document.activeElement.closest('main')));
    assert.ok(inMain, 'the Tab after the skip link lands in main');
  });
}

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
