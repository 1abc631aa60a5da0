// A sealed paper file of the internal build, unlocked as its recipients do:
// by keyboard, with the passphrase.
import assert from 'node:assert/strict';

/** The sealed Leipzig paper, relative to the internal output. */
export const PAPER = 'regionen/leipzig/schnittstellenpapier-leipzig.html';

/** The passphrase run.sh sealed the paper files with. */
export const PASSPHRASE = process.env.PAPER_PASSPHRASE;

/** Open `url` in `page`, tab to the passphrase field, type `passphrase` and
 * press Enter. Returns the console errors the page logged meanwhile. */
export async function unlock(page, url, passphrase) {
  const errors = [];
  const log = (message) => message.type() === 'error' && errors.push(message.text());
  page.on('console', log);
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  for (let tab = 0; tab < 10; tab += 1) {
    if (await page.evaluate(() => document.activeElement?.id === 'passphrase')) break;
    await page.keyboard.press('Tab');
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'passphrase', 'the field is reached by Tab');
  await page.keyboard.type(passphrase);
  await page.keyboard.press('Enter');
  return errors;
}
