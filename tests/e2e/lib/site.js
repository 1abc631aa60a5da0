// The built sites under test: their folders (SITE_DIR, INTERNAL_DIR and
// STATES_DIR, set by run.sh), their pages, and a small static server for one
// on loopback.
import { createServer } from 'node:http';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, extname, resolve, sep } from 'node:path';

/** The output folder named by the environment variable `name`. */
function builtDir(name) {
  const dir = process.env[name];
  if (!dir || !existsSync(join(dir, 'index.html'))) {
    throw new Error(`${name} is not set to a built site: run tests/e2e/run.sh`);
  }
  return resolve(dir);
}

/** The public output folder run.sh built. */
export function siteDir() {
  return builtDir('SITE_DIR');
}

/** The internal output folder run.sh built (with sealed paper files). */
export function internalDir() {
  return builtDir('INTERNAL_DIR');
}

/** The site run.sh built of the shipped regions spread over three federal
 * states, plus copies: the region lists grouped by state. */
export function statesDir() {
  return builtDir('STATES_DIR');
}

/** The pages of that site that list its regions in short or by state. */
export const STATE_PAGES = [
  'index.html',
  'regionen/index.html',
  'vergleich/index.html',
  'institutionen/index.html',
  'daten/index.html',
];

/** Every file below `dir`, as sorted `/`-separated paths relative to it. */
export function walk(dir, base = dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path, base));
    else out.push(path.slice(base.length + 1).split(sep).join('/'));
  }
  return out.sort();
}

/** Every HTML page of the site, relative paths. */
export function htmlPages(dir = siteDir()) {
  return walk(dir).filter((path) => path.endsWith('.html'));
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/**
 * Serve `dir` on 127.0.0.1 (a free port) like a plain static host: a folder
 * URL serves its index.html, a missing file the site's 404.html with status 404.
 * Resolves to { url, close }.
 */
export function serve(dir = siteDir()) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    let file = join(dir, path);
    if (!file.startsWith(dir)) file = join(dir, '404.html');
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    let status = 200;
    if (!existsSync(file)) {
      status = 404;
      file = join(dir, '404.html');
    }
    response.writeHead(status, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    response.end(readFileSync(file));
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      done({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((closed) => server.close(closed)),
      });
    });
  });
}
