// The Nu HTML Checker (vnu.jar from npm, run with the system's java) finds no
// error in the HTML of the built sites, public and internal, and of the
// region lists grouped by federal state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { siteDir, internalDir, statesDir, STATE_PAGES } from './lib/site.js';

const require = createRequire(import.meta.url);
const VNU = require.resolve('vnu-jar/build/dist/vnu.jar');

test('vnu: no HTML errors in the output', () => {
  const run = spawnSync(
    'java',
    [
      '-jar', VNU, '--skip-non-html', '--errors-only', '--format', 'json',
      siteDir(), internalDir(), ...STATE_PAGES.map((page) => join(statesDir(), page)),
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  assert.equal(run.error, undefined, `java could not run: ${run.error}`);
  let messages;
  try {
    ({ messages } = JSON.parse(run.stderr));
  } catch {
    assert.fail(`vnu did not report JSON (exit ${run.status}):\n${run.stderr}\n${run.stdout}`);
  }
  const errors = messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
  console.log(`# vnu errors: ${errors.length}`);
  const where = (url) =>
    decodeURIComponent(url ?? '')
      .replace(`file:${siteDir()}/`, '')
      .replace(`file:${internalDir()}/`, '(internal) ')
      .replace(`file:${statesDir()}/`, '(three states) ');
  const lines = errors.map((m) => `${where(m.url)}:${m.lastLine ?? '?'}: ${m.message}`);
  assert.deepEqual(lines, []);
  assert.equal(run.status, 0, run.stderr);
});
