/**
 * An import's dry run: the records read as the writer would read them, each thread's page mapped (host
 * rewrites, page rules, path map), nothing written. Answers old → new per page with its comment count.
 */
import type { PathMap } from './map.js';
import { mapPage } from './pages.js';
import type { ImportRecord } from './record.js';
import type { ImportProgress, ImportResult } from './writer.js';

export interface PageMapping {
  /** The page key before the path map (after host rewrites and the page rules). */
  from: string;
  to: string;
  comments: number;
  /** The rule that mapped it (absent when the page stays where it is). */
  rule?: string;
}

export interface MappingResult {
  pages: PageMapping[];
  /** Rules of the map that matched no page of the file (a typo shows here). */
  unusedRules: string[];
}

export interface PreviewOptions {
  rewrite?: Record<string, string>;
  map?: PathMap;
  keepProblems?: number;
  onProgress?: (p: ImportProgress) => void;
}

export function createImportPreview(opts: PreviewOptions) {
  const progress: ImportProgress = { records: 0, imported: 0, existing: 0, problems: 0 };
  const problemList: { where: string; message: string }[] = [];
  const pages = new Map<string, PageMapping>();
  let lastReport = 0;

  function problem(where: string, message: string) {
    progress.problems++;
    if (problemList.length < (opts.keepProblems ?? 1000))
      problemList.push({ where: where.slice(0, 200), message: message.slice(0, 500) });
  }

  function entry(pageUrl: string) {
    const m = mapPage(pageUrl, opts.rewrite, opts.map);
    if (!m) return undefined;
    const from = m.from ?? m.page;
    let e = pages.get(from);
    if (!e) {
      e = { from, to: m.page, comments: 0, ...(m.rule ? { rule: m.rule } : {}) };
      pages.set(from, e);
    }
    return e;
  }

  return {
    async add(record: ImportRecord): Promise<void> {
      if (record.kind === 'problem') {
        progress.records++;
        return problem(record.where, record.message);
      }
      if (record.kind === 'page') {
        if (!entry(record.pageUrl)) problem(record.pageUrl.slice(0, 200), 'not a usable page URL or path');
        return;
      }
      progress.records++;
      const e = entry(record.pageUrl);
      if (e) e.comments++;
      else problem(record.sourceId, `no usable page for "${record.pageUrl.slice(0, 200)}"`);
      if (opts.onProgress && progress.records - lastReport >= 500) {
        lastReport = progress.records;
        opts.onProgress({ ...progress });
      }
    },

    async finish(): Promise<ImportResult & { mapping: MappingResult }> {
      opts.onProgress?.({ ...progress });
      const list = [...pages.values()].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
      const used = new Set(list.map((p) => p.rule));
      return {
        ...progress,
        pages: new Set(list.map((p) => p.to)).size,
        problemList,
        mapping: { pages: list, unusedRules: (opts.map?.rules ?? []).filter((r) => !used.has(r)) },
      };
    },
  };
}
