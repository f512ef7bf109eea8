/** axe-core in a page: the violations it finds, loaded from a same-origin URL (the admin page's CSP allows no inline script). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function axeViolations(p: Page): Promise<Array<{ id: string; nodes: string[] }>> {
  const url = `${new URL(p.url()).origin}/__axe-core.js`;
  await p.route(url, (route) => route.fulfill({ contentType: 'text/javascript', body: AXE }));
  await p.addScriptTag({ url });
  return p.evaluate(async () => {
    const axe = (window as any).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: { id: string; nodes: Array<{ target: string[] }> }) => ({
      id: v.id,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
}
