/** Pastes the tables of the last `npm run bench` (bench-results.json) into README.md between the bench markers. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type BenchResults, renderReport } from './report.js';

const ROOT = resolve(import.meta.dirname, '../..');
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

const results = JSON.parse(readFileSync(resolve(ROOT, 'bench-results.json'), 'utf8')) as BenchResults;
const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
const from = readme.indexOf(START);
const to = readme.indexOf(END);
if (from < 0 || to < from) throw new Error('README.md has no bench markers');
const body = `Latest run, ${results.at.slice(0, 16).replace('T', ' ')} UTC (\`nproc\` ${results.machine.cpus}, ${results.machine.memoryGiB} GiB RAM, ${results.machine.cpuModel}, Node ${results.machine.node}). Load average ${results.machine.loadavg} while it ran: other test runs shared the two cores, so absolute rates are noisy; the ratios compare runs made side by side.\n\n${renderReport(results).replace(/^Machine:.*\n\n?/, '')}`;
writeFileSync(
  resolve(ROOT, 'README.md'),
  `${readme.slice(0, from + START.length)}\n${body}\n${readme.slice(to)}`,
);
console.log('README.md: bench tables updated');
