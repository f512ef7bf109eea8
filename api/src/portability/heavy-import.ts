/**
 * `npm run test:heavy`: imports a generated Disqus file of 100,000 comments (and one of 10,000 to
 * compare) through the real CLI in a child process, sampling its memory, and checks the counts.
 * Flat memory = the peak RSS barely grows from 10k to 100k comments. Prints the numbers.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { createStore } from '../store/index.js';
import { startLocalDynamo } from '../store/local.js';

const PER_THREAD = 100;
const SECRET = 'heavy-import-secret-0123456789';
const BIN = resolve(import.meta.dirname, '../../bin/afterword.mjs');
const HEAP_CAP_MB = 128;

/** Writes a Disqus export: threads first, then posts; every third a reply, some deleted, some spam. */
async function writeDisqus(file: string, comments: number): Promise<{ approved: number }> {
  const out = createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  const threads = Math.ceil(comments / PER_THREAD);
  await write(
    '<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n',
  );
  for (let t = 0; t < threads; t++)
    await write(
      `<thread dsq:id="t${t}"><link>https://old.example.com/posts/${t}/</link><title>Post ${t} &amp; more</title></thread>\n`,
    );
  let approved = 0;
  const base = Date.parse('2015-01-01T00:00:00Z');
  for (let i = 0; i < comments; i++) {
    const t = Math.floor(i / PER_THREAD);
    const deleted = i % 50 === 7;
    const spam = i % 50 === 9;
    if (!deleted && !spam) approved++;
    const parent = i % 3 === 2 && i % PER_THREAD > 2 ? `<parent dsq:id="p${i - 1}"/>` : '';
    await write(
      `<post dsq:id="p${i}"><message><![CDATA[<p>Comment ${i} with <b>some</b> text, ünïcødé and <script>x()</script> ${'words '.repeat(i % 40)}</p>]]></message>` +
        `<createdAt>${new Date(base + i * 1000).toISOString()}</createdAt><isDeleted>${deleted}</isDeleted><isSpam>${spam}</isSpam>` +
        `<author><name>Reader ${i % 997}</name><email>reader${i % 997}@example.com</email></author><thread dsq:id="t${t}"/>${parent}</post>\n`,
    );
  }
  await write('</disqus>\n');
  out.end();
  await once(out, 'finish');
  return { approved };
}

function procStatus(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(s)?.[1] ?? 0);
    return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
  } catch {
    return undefined;
  }
}

async function run(endpoint: string, n: number, dir: string) {
  const table = `heavy${n}`;
  const config = loadConfig(
    {},
    { dynamodbEndpoint: endpoint, table, secret: SECRET, siteCacheMs: 0, dataDir: dir },
  );
  const store = createStore(config);
  await store.ensureTable();
  await store.sites.put('heavy', { origins: ['https://blog.example.com'] }, 'create');
  const file = join(dir, `disqus-${n}.xml`);
  const { approved } = await writeDisqus(file, n);
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      // A capped heap: a leak would end the import with an out-of-memory error instead of passing.
      `--max-old-space-size=${HEAP_CAP_MB}`,
      BIN,
      'import',
      file,
      '--site',
      'heavy',
      '--format',
      'disqus',
      '--rewrite',
      'old.example.com=blog.example.com',
    ],
    {
      env: { ...process.env, DYNAMODB_ENDPOINT: endpoint, AFTERWORD_TABLE: table, AFTERWORD_SECRET: SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let progressLines = 0;
  const samples: { at: number; rss: number; pct: number }[] = [];
  let pct = 0;
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d: Buffer) => {
    for (const line of d.toString().split('\n')) {
      const m = /\]\s+(\d+)%(.*)/.exec(line);
      if (m) {
        pct = Number(m[1]);
        progressLines++;
        const s = child.pid ? procStatus(child.pid) : undefined;
        const elapsed = ((performance.now() - started) / 1000).toFixed(0);
        console.log(
          `  ${n}: ${pct}%${m[2]} | ${elapsed}s | rss ${s ? (s.rss / 1048576).toFixed(0) : '?'} MB`,
        );
      }
    }
  });
  let hwm = 0;
  const timer = setInterval(() => {
    const s = child.pid ? procStatus(child.pid) : undefined;
    if (s) {
      hwm = Math.max(hwm, s.hwm);
      samples.push({ at: performance.now() - started, rss: s.rss, pct });
    }
  }, 200);
  const [code] = (await once(child, 'exit')) as [number];
  clearInterval(timer);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`import exited ${code}: ${stdout}`);
  // Counts: the pages' approved counts add up to the approved comments of the file.
  const listed = await store.pages.all('heavy');
  const counted = listed.reduce((n, p) => n + p.count, 0);
  const pages = listed.length;
  store.close();
  const at = (p: number) => samples.find((s) => s.pct >= p)?.rss ?? 0;
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  const result = {
    comments: n,
    fileMB: +(statSync(file).size / 1024 / 1024).toFixed(1),
    seconds: +seconds.toFixed(1),
    perSecond: Math.round(n / seconds),
    peakRss: mb(hwm),
    rssAt10: mb(at(10)),
    rssAt50: mb(at(50)),
    rssAt90: mb(at(90)),
    progressLines,
    pages,
    countsRight: counted === approved,
    summary: stdout.trim(),
  };
  rmSync(file);
  return { result, hwm };
}

const dir = mkdtempSync(join(tmpdir(), 'aw-heavy-'));
const sizes = (process.argv[2] ?? '10000,100000').split(',').map(Number);
// In memory: DynamoDB Local on disk writes a few dozen items a second on a small machine.
const local = await startLocalDynamo();
try {
  const peaks: number[] = [];
  for (const n of sizes) {
    const { result, hwm } = await run(local.endpoint, n, dir);
    peaks.push(hwm);
    console.log(JSON.stringify(result));
    if (!result.countsRight) throw new Error('page counts do not add up');
    if (result.progressLines < 3) throw new Error('no progress was shown');
  }
  if (peaks.length > 1) {
    const growth = peaks.at(-1)! / peaks[0]!;
    console.log(`peak RSS ${sizes[0]} → ${sizes.at(-1)} comments: ×${growth.toFixed(2)}`);
    if (growth > 1.6) throw new Error('memory grew with the file: not flat');
  }
} finally {
  await local.stop();
  rmSync(dir, { recursive: true, force: true });
}
