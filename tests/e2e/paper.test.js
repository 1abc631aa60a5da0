// A sealed paper file of the internal build, opened as its recipients open
// it: from the file system (an e-mail attachment) or from a web server, by
// keyboard alone. The right passphrase shows the paper with its contact
// persons, without a console error or a blocked resource; a wrong one says so
// and leaves the field empty with the focus in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { internalDir } from './lib/site.js';
import { openPage } from './lib/browser.js';
import { PAPER, PASSPHRASE, unlock } from './lib/paper.js';

let internal;
openPage((opened) => (internal = opened), {}, internalDir());

for (const [how, url] of [
  ['from the file system', () => pathToFileURL(join(internalDir(), PAPER)).href],
  ['from a web server', () => `${internal.server.url}/${PAPER}`],
]) {
  test(`paper: the sealed file opens with its passphrase, ${how}`, async () => {
    assert.ok(PASSPHRASE, 'PAPER_PASSPHRASE is not set: run tests/e2e/run.sh');
    const { page } = internal;
    const errors = await unlock(page, url(), PASSPHRASE);
    await page.waitForSelector('.contacts', { timeout: 20000 });
    assert.equal(await page.locator('h1').first().innerText(), 'Schnittstellenpapier Leipzig');
    assert.equal(await page.locator('#passphrase').count(), 0, 'the form is gone');
    assert.ok((await page.locator('.contacts').count()) > 3, 'contact persons are shown');
    assert.ok(await page.locator('table.matrix').isVisible(), 'the matrix is shown');
    assert.deepEqual(errors, []);
  });
}

test('paper: a wrong passphrase is refused, and the field is ready again', async () => {
  const { page } = internal;
  const errors = await unlock(page, `${internal.server.url}/${PAPER}`, 'nicht die richtige Passphrase');
  const wrong = await page.locator('#unlock').getAttribute('data-wrong');
  await page.waitForFunction(
    (text) => document.getElementById('unlock-status')?.textContent === text,
    wrong,
  );
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'passphrase');
  assert.equal(await page.inputValue('#passphrase'), '');
  assert.equal(await page.locator('.contacts').count(), 0, 'nothing of the paper is shown');
  assert.deepEqual(errors, []);
});
