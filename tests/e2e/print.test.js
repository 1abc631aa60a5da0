// The interface paper prints to A4 landscape (its @page rule) with no column
// cut off: at the printable width, in print media, nothing overflows. So do
// the internal build's papers, whose tables also hold the contact persons,
// and a sealed paper file once it is unlocked, as the institutions print it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlPages, internalDir } from './lib/site.js';
import { openPage } from './lib/browser.js';
import { PAPER, PASSPHRASE, unlock } from './lib/paper.js';

const MM = 96 / 25.4;
// A4 landscape (297 mm) less the paper's left and right margins (12 mm each).
const PRINTABLE_WIDTH = Math.floor((297 - 2 * 12) * MM);
const PRINTABLE_HEIGHT = Math.floor((210 - 12 - 20) * MM);

let server;
let page;
let internal;
openPage((opened) => ({ server, page } = opened));
openPage((opened) => (internal = opened), {}, internalDir());

/** Page sizes (in pt) of a PDF, from its /MediaBox entries. */
function mediaBoxes(pdf) {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map(
    (m) => ({ width: Number(m[3]) - Number(m[1]), height: Number(m[4]) - Number(m[2]) }),
  );
}

/** Print the page `tab` shows to PDF: A4 landscape on every sheet. */
async function assertA4Landscape(tab) {
  const pdf = await tab.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const boxes = mediaBoxes(pdf);
  assert.ok(boxes.length >= 1, 'the PDF has pages');
  for (const box of boxes) {
    // A4 landscape: 842 × 595 pt.
    assert.ok(Math.abs(box.width - 842) < 2 && Math.abs(box.height - 595) < 2, JSON.stringify(box));
  }
}

/** In print media at the printable width, nothing of the paper `tab` shows
 * (`load` brings it up) sticks out and no table cell is cut. Elements are
 * named by tag and class only, so the internal build's text stays out of
 * the logs. */
async function assertNothingCut(tab, load) {
  await tab.setViewportSize({ width: PRINTABLE_WIDTH, height: PRINTABLE_HEIGHT });
  await tab.emulateMedia({ media: 'print' });
  await load();
  const report = await tab.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const overflowing = [];
    for (const el of document.querySelectorAll('main *')) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      if (rect.right > width + 1 || rect.left < -1) {
        overflowing.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(rect.left)}–${Math.round(rect.right)}`);
      }
    }
    const tables = [...document.querySelectorAll('main table')].map((table) => {
      const box = table.getBoundingClientRect();
      const cells = [...table.querySelectorAll('th, td')];
      const cut = cells.filter((cell) => {
        const rect = cell.getBoundingClientRect();
        return rect.right > box.right + 1 || cell.scrollWidth > cell.clientWidth + 1;
      }).length;
      return { className: table.className, scrollWidth: table.scrollWidth, clientWidth: table.clientWidth, cut };
    });
    return {
      width,
      documentWidth: document.documentElement.scrollWidth,
      overflowing: overflowing.slice(0, 10),
      tables,
      matrixColumns: document.querySelectorAll('table.matrix thead th').length,
      contacts: document.querySelectorAll('main .contacts').length,
    };
  });
  assert.ok(report.matrixColumns > 3, 'the paper has a matrix');
  assert.ok(report.documentWidth <= report.width, `page ${report.documentWidth}px wide, printable ${report.width}px`);
  assert.deepEqual(report.overflowing, [], 'elements beyond the printable width');
  for (const table of report.tables) {
    assert.ok(table.scrollWidth <= table.clientWidth + 1, `table.${table.className} scrolls: ${JSON.stringify(table)}`);
    assert.equal(table.cut, 0, `cells cut in table.${table.className}`);
  }
  // No emulation any more: `screen` would also hold for page.pdf.
  await tab.emulateMedia({ media: null });
  return report;
}

test('print: the Leipzig interface paper becomes an A4 landscape PDF', async () => {
  await page.goto(`${server.url}/regionen/leipzig/schnittstellenpapier/index.html`);
  await assertA4Landscape(page);
});

const isPaper = (path) => path.endsWith('/schnittstellenpapier/index.html');

for (const path of htmlPages().filter(isPaper)) {
  test(`print: no column cut off at the printable width on /${path}`, async () => {
    const report = await assertNothingCut(page, () => page.goto(`${server.url}/${path}`));
    assert.equal(report.contacts, 0, 'the public paper has no contact persons');
  });
}

for (const path of htmlPages(internalDir()).filter(isPaper)) {
  test(`print: no column cut off on the internal /${path}, with its contact persons`, async () => {
    const tab = internal.page;
    const report = await assertNothingCut(tab, () => tab.goto(`${internal.server.url}/${path}`));
    assert.ok(report.contacts > 0, 'the internal paper shows its contact persons');
  });
}

test('print: a sealed paper file, once unlocked, prints to A4 landscape with no column cut off', async () => {
  assert.ok(PASSPHRASE, 'PAPER_PASSPHRASE is not set: run tests/e2e/run.sh');
  const tab = internal.page;
  const report = await assertNothingCut(tab, async () => {
    await unlock(tab, `${internal.server.url}/${PAPER}`, PASSPHRASE);
    await tab.waitForSelector('.contacts', { timeout: 20000 });
  });
  assert.ok(report.contacts > 3, 'the unlocked paper shows its contact persons');
  await assertA4Landscape(tab);
});
