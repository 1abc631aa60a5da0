// Debian's Chromium, driven by playwright-core. Never a downloaded browser:
// the executable is /usr/bin/chromium (or CHROMIUM_PATH). Playwright gives
// every launch a fresh temporary profile (user data dir) and removes it on close.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { serve } from './site.js';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launch headless Chromium. */
export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * For the tests of one file: before them, serve the built site (or the one in
 * `dir`) and open a browser page on it (in a context with `options`, such as
 * JavaScript off), handing `{ server, page }` to `use`; after them, close both.
 */
export function openPage(use, options = {}, dir = undefined) {
  let server;
  let browser;
  before(async () => {
    server = await serve(dir);
    browser = await launch();
    const context = await browser.newContext(options);
    use({ server, page: await context.newPage() });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}
