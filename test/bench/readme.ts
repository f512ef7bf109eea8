/**
 * Pastes the tables of the last `npm run bench` (bench-results.json) into README.md between the bench
 * markers, and the cost table priced from the same figures between the cost markers; copies those
 * figures into infra/src/cost/measured.json, the cost model's committed fallback.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { COMMITTED, loadMeasured } from '../../infra/src/cost/measured.js';
import { costTable } from '../../infra/src/cost/table.js';
import { type BenchResults, renderReport } from './report.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** `text` with what lies between `<!-- name:start -->` and `<!-- name:end -->` replaced by `body`. */
export function between(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(`<!-- ${name}:end -->`);
  if (from < 0 || to < from) throw new Error(`README.md has no ${name} markers`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}

const resultsFile = resolve(ROOT, 'bench-results.json');
const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as BenchResults;
const { measured } = loadMeasured(resultsFile);
const when = (at: string) => `${at.slice(0, 16).replace('T', ' ')} UTC`;
const publishedAt = results.publishAt ? `; publishing and widget figures ${when(results.publishAt)}` : '';
const bench = `Latest run, ${when(results.at)}${publishedAt} (\`nproc\` ${results.machine.cpus}, ${results.machine.memoryGiB} GiB RAM, ${results.machine.cpuModel}, Node ${results.machine.node}). Load average ${results.machine.loadavg} while it ran: other test runs shared the two cores, so absolute rates are noisy; the ratios compare runs made side by side.\n\n${renderReport(results).replace(/^Machine:.*\n\n?/, '')}`;
const cost = `Figures from the bench of ${when(results.at)} (\`npm run cost\` with its defaults; one comment and one vote per 1,000 views):\n\n${costTable(measured)}`;
const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
writeFileSync(resolve(ROOT, 'README.md'), between(between(readme, 'bench', bench), 'cost', cost));
const committed = JSON.parse(readFileSync(COMMITTED, 'utf8')) as Record<string, unknown>;
const { cpus, cpuModel, node } = results.machine;
const fallback = { ...committed, at: results.at, machine: { cpus, cpuModel, node }, ...measured };
writeFileSync(COMMITTED, `${JSON.stringify(fallback, null, 2)}\n`);
console.log('README.md: bench and cost tables updated; infra/src/cost/measured.json: the same figures');
