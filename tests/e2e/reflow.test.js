// Reflow (WCAG 2.1, 1.4.10): at 320 CSS pixels wide, no page of the public or
// the internal build, nor a region list grouped by federal state, scrolls
// sideways. A long German word breaks; a table wider than the screen scrolls
// inside its own region, which takes the keyboard focus and has a name. The
// same holds, and no text is cut off, with the text spacing of WCAG 1.4.12
// forced on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlPages, internalDir, statesDir, STATE_PAGES } from './lib/site.js';
import { openPage } from './lib/browser.js';

const NARROW = { viewport: { width: 320, height: 640 } };
// WCAG 1.4.12: what a reader's own style sheet may set.
const TEXT_SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`;
let server;
let page;
let internal;
let states;
openPage((opened) => ({ server, page } = opened), NARROW);
openPage((opened) => (internal = opened), NARROW, internalDir());
openPage((opened) => (states = opened), NARROW, statesDir());

/** How far the page reaches beyond the window, and the innermost elements
 * that stick out (outside a region that scrolls by itself), with the start of
 * their text unless `quiet` (the internal build's text stays out of logs). */
function overflow(quiet = false) {
  const width = document.documentElement.clientWidth;
  const scrollsItself = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(up).overflowX)) return true;
    }
    return false;
  };
  // An element's box, or the text in it: a word too long for its box
  // overflows the box without widening it.
  const right = (el) => {
    let edge = el.getBoundingClientRect().right;
    for (const node of el.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) edge = Math.max(edge, rect.right);
    }
    return edge;
  };
  const sticksOut = (el) => right(el) > width + 1;
  const culprits = [...document.body.querySelectorAll('*')]
    .filter((el) => sticksOut(el) && !scrollsItself(el) && ![...el.children].some(sticksOut))
    .slice(0, 3)
    .map((el) =>
      quiet
        ? `<${el.localName} class="${el.className}">`
        : `<${el.localName}> "${el.textContent.trim().replace(/\s+/g, ' ').slice(0, 40)}"`,
    );
  return { beyond: document.documentElement.scrollWidth - width, culprits };
}

test('reflow: the checks find a page that scrolls sideways and a box that cuts text off (they are live)', async () => {
  await page.goto(`${server.url}/index.html`);
  await page.evaluate(() => {
    const wide = document.createElement('p');
    wide.style.whiteSpace = 'nowrap';
    wide.textContent = 'Arbeitsmarktintegrationsnetzwerkkoordinierungsstelle '.repeat(2);
    document.querySelector('main').append(wide);
  });
  const found = await page.evaluate(overflow);
  assert.ok(found.beyond > 0, JSON.stringify(found));
  assert.match(found.culprits.join(' '), /<p> "Arbeitsmarkt/);
  await page.evaluate(() => {
    const box = document.createElement('div');
    box.className = 'planted';
    box.style.cssText = 'height: 1.6em; overflow: hidden';
    box.innerHTML = 'Eine Zeile<br>und eine zweite';
    document.querySelector('main').append(box);
  });
  assert.deepEqual(await page.evaluate(clipped), ['<div class="planted">']);
});

/** Elements that cut their text off (overflow hidden, content taller). */
function clipped() {
  return [...document.body.querySelectorAll('*')]
    .filter((el) => {
      const style = getComputedStyle(el);
      const hides = [style.overflowX, style.overflowY].some((o) => o === 'hidden' || o === 'clip');
      return hides && el.clientHeight > 2 && el.scrollHeight > el.clientHeight + 1;
    })
    .map((el) => `<${el.localName} class="${el.className}">`);
}

/** Check `path` on `opened` as it is and with the text spacing forced on. */
async function checkPage({ server, page: tab }, path, quiet) {
  const name = `${quiet ? 'the internal ' : ''}/${path}`;
  await tab.goto(`${server.url}/${path}`);
  let found = await tab.evaluate(overflow, quiet);
  assert.equal(found.beyond, 0, `${name} is ${found.beyond} px too wide: ${found.culprits.join(', ')}`);
  await tab.addStyleTag({ content: TEXT_SPACING });
  found = await tab.evaluate(overflow, quiet);
  assert.equal(
    found.beyond,
    0,
    `${name} is ${found.beyond} px too wide with the text spacing: ${found.culprits.join(', ')}`,
  );
  assert.deepEqual(await tab.evaluate(clipped), [], `${name} cuts text off with the text spacing`);
}

for (const path of htmlPages()) {
  test(`reflow at 320 px: /${path}`, () => checkPage({ server, page }, path, false));
}

for (const path of htmlPages(internalDir())) {
  test(`reflow at 320 px (internal): /${path}`, () => checkPage(internal, path, true));
}

for (const path of STATE_PAGES) {
  test(`reflow at 320 px (regions in three states): /${path}`, () =>
    checkPage(states, path, false));
}

for (const [path, name] of [
  ['leitfaden/schritt-fuer-schritt/index.html', /^Tabelle: Zeitpunkt, Schritt, Ergebnis$/],
  ['regionen/leipzig/matrix/index.html', /Matrix/],
]) {
  test(`reflow: the wide table of /${path} scrolls in its own named region, by keyboard`, async () => {
    await page.goto(`${server.url}/${path}`);
    const region = page.locator('.table-scroll', { has: page.locator('table') }).first();
    assert.equal(await region.getAttribute('role'), 'region');
    assert.match((await region.getAttribute('aria-label')) ?? '', name);
    const wider = await region.evaluate((el) => el.scrollWidth > el.clientWidth);
    assert.ok(wider, 'the table is wider than its region at 320 px');
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((el) => el.scrollLeft > 0, await region.elementHandle());
  });
}
