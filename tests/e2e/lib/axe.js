// Run axe-core in a page with the WCAG 2.0/2.1 A and AA rules.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The axe violations of the page as it is now. */
export async function violations(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    (tags) =>
      window.axe
        .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((result) => result.violations),
    WCAG_TAGS,
  );
}

/** Violations as readable lines: rule, impact, help and the first few elements. */
export function describe(found) {
  return found
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ')}`)
        .join('\n');
      return `  ${v.id} (${v.impact}, ${v.nodes.length}×): ${v.help}\n${nodes}`;
    })
    .join('\n');
}
