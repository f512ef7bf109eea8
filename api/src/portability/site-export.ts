/** Writes a whole site, native or WXR, to a writable stream chunk by chunk (bounded memory). */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { SiteItem } from '../store/items.js';
import { type ExportSource, exportChunk } from './export.js';
import { NATIVE_FORMAT, NATIVE_VERSION, type NativeComment, nativePage, nativeSite } from './native.js';
import { WXR_TAIL, wxrHead, wxrItem } from './wxr.js';

export type ExportFormat = 'native' | 'wxr';

export async function writeSiteExport(
  store: ExportSource,
  site: SiteItem,
  format: ExportFormat,
  out: Writable,
  onProgress?: (done: number, total: number) => void,
  now: Date = new Date(),
): Promise<{ pages: number; comments: number }> {
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  const pages = await store.pages.all(site.id);
  const total = pages.reduce((n, p) => n + (p.total ?? 0), 0);
  const byPage = new Map(pages.map((p) => [p.page, p]));
  let done = 0;
  let first = true;
  const numbers = new Map<string, number>();
  const number = (id: string) => {
    let n = numbers.get(id);
    if (n === undefined) {
      n = numbers.size + 1;
      numbers.set(id, n);
    }
    return n;
  };
  let current: { page: string; comments: NativeComment[] } | undefined;
  const flushWxrPage = async () => {
    if (!current) return;
    const meta = byPage.get(current.page);
    await write(
      wxrItem(
        meta ? nativePage(meta) : { page: current.page },
        pages.findIndex((p) => p.page === current!.page) + 1,
        site.origins[0],
        current.comments,
        number,
      ),
    );
    current = undefined;
  };

  if (format === 'native') {
    const head = {
      format: NATIVE_FORMAT,
      version: NATIVE_VERSION,
      exportedAt: now.toISOString(),
      site: nativeSite(site),
      pages: pages.map(nativePage),
    };
    await write(`${JSON.stringify(head).slice(0, -1)},"comments":[\n`);
  } else {
    await write(wxrHead(site));
  }
  let cursor: string | undefined;
  do {
    const chunk = await exportChunk(store, site, cursor, {
      maxBytes: 4 * 1024 * 1024,
      remainingMs: () => Number.POSITIVE_INFINITY,
      reserveMs: 0,
    });
    for (const c of chunk.comments) {
      if (format === 'native') {
        await write(`${first ? '' : ',\n'}${JSON.stringify(c)}`);
        first = false;
      } else {
        if (current && current.page !== c.page) await flushWxrPage();
        current ??= { page: c.page, comments: [] };
        current.comments.push(c);
      }
      done++;
    }
    onProgress?.(done, Math.max(total, done));
    cursor = chunk.nextCursor ?? undefined;
  } while (cursor);
  if (format === 'native') await write('\n],"nextCursor":null}\n');
  else {
    await flushWxrPage();
    await write(WXR_TAIL);
  }
  return { pages: pages.length, comments: done };
}
