/**
 * Writes imported comments: deterministic ids from source ids (a re-import adds nothing), the comment
 * and its locator together, replies after their parents, and page counters added up as it goes.
 */
import { BatchGetCommand, BatchWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { cleanWebsite, htmlToText, renderMarkdown, sanitize } from '../domain/markdown.js';
import { normalizePage } from '../domain/page-path.js';
import { idempotentId, keyedHash, normalizeEmail } from '../domain/tokens.js';
import { cleanLine, cleanText } from '../routes/helpers.js';
import type { Db } from '../store/client.js';
import type { CommentItem } from '../store/items.js';
import { keys } from '../store/keys.js';
import type { ImportComment, ImportPage, ImportRecord } from './record.js';

export interface ImportOptions {
  db: Db;
  secret: string;
  site: string;
  /** Names the source in deterministic ids, so two systems' id spaces never collide. */
  source: string;
  /** Host rewrites applied to page URLs before the page rules: old host → new host. */
  rewrite?: Record<string, string>;
  now?: () => Date;
  /** Called now and then, and once at the end. */
  onProgress?: (p: ImportProgress) => void;
  /** How many problems are kept with their text (all are counted). */
  keepProblems?: number;
}

export interface ImportProgress {
  records: number;
  imported: number;
  existing: number;
  problems: number;
}

export interface ImportResult extends ImportProgress {
  pages: number;
  problemList: { where: string; message: string }[];
}

/** What a reply needs of its parent. */
interface Seen {
  id: string;
  page: string;
  depth: number;
  /** Set when the parent is deleted: where to mark it as a placeholder. */
  deletedKey?: { pk: string; sk: string };
}

/** Depths above this are stored as this (the widget flattens deep replies anyway). */
const MAX_DEPTH = 1023;

interface PageTally {
  approved: number;
  total: number;
  title?: string;
  url?: string;
  locked?: boolean;
  explicit?: boolean;
  createdAt?: string;
}

type Put = { PutRequest: { Item: Record<string, unknown> } };

/** Comments per existence check (one BatchGetItem); their writes go as parallel BatchWriteItems. */
const BATCH = 48;
const IN_FLIGHT = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Applies the host rewrite map, then the page rules; also returns the URL to keep as the page's url. */
export function mapPage(
  raw: string,
  rewrite: Record<string, string> = {},
): { page: string; url?: string } | undefined {
  let url: string | undefined;
  let input = raw.trim();
  if (/^https?:\/\//i.test(input) || input.startsWith('//')) {
    try {
      const u = new URL(input.startsWith('//') ? `https:${input}` : input);
      const to = rewrite[u.host.toLowerCase()];
      if (to) u.host = to;
      url = u.href;
      input = u.href;
    } catch {
      return undefined;
    }
  }
  const page = normalizePage(input);
  return page ? { page, ...(url ? { url } : {}) } : undefined;
}

export function createImportWriter(opts: ImportOptions) {
  const { db, secret, site } = opts;
  const now = opts.now ?? (() => new Date());
  const hash = (purpose: string, value: string) => keyedHash(secret, purpose, value);
  const idOf = (sourceId: string) =>
    idempotentId(secret, site, `import\u0000${opts.source}\u0000${sourceId}`);
  // Per comment only a number (page, depth, deleted) is kept, so 100,000 comments cost a few MB.
  const seen = new Map<string, number>();
  const pageNos = new Map<string, number>();
  const pageList: string[] = [];
  const deletedKeys = new Map<string, { pk: string; sk: string }>();
  const remember = (
    sourceId: string,
    page: string,
    depth: number,
    deletedKey?: { pk: string; sk: string },
  ) => {
    let no = pageNos.get(page);
    if (no === undefined) {
      no = pageList.push(page) - 1;
      pageNos.set(page, no);
    }
    seen.set(sourceId, (no * (MAX_DEPTH + 1) + Math.min(depth, MAX_DEPTH)) * 2 + (deletedKey ? 1 : 0));
    if (deletedKey) deletedKeys.set(sourceId, deletedKey);
  };
  const recall = (sourceId: string): Seen | undefined => {
    const packed = seen.get(sourceId);
    if (packed === undefined) return undefined;
    const deleted = packed % 2 === 1;
    const rest = Math.floor(packed / 2);
    const deletedKey = deleted ? deletedKeys.get(sourceId) : undefined;
    return {
      id: idOf(sourceId),
      page: pageList[Math.floor(rest / (MAX_DEPTH + 1))]!,
      depth: rest % (MAX_DEPTH + 1),
      ...(deletedKey ? { deletedKey } : {}),
    };
  };
  const waiting = new Map<string, ImportComment[]>();
  const pages = new Map<string, PageTally>();
  const placeholders = new Map<string, { pk: string; sk: string }>();
  const progress: ImportProgress = { records: 0, imported: 0, existing: 0, problems: 0 };
  const problemList: { where: string; message: string }[] = [];
  let pending: { item: CommentItem; extra: Put[] }[] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let lastReport = 0;

  function problem(where: string, message: string) {
    progress.problems++;
    if (problemList.length < (opts.keepProblems ?? 1000)) problemList.push({ where, message });
  }

  function tally(page: string): PageTally {
    let t = pages.get(page);
    if (!t) {
      t = { approved: 0, total: 0 };
      pages.set(page, t);
    }
    return t;
  }

  function build(r: ImportComment, page: string, parent: Seen | undefined): CommentItem {
    const id = idOf(r.sourceId);
    const text = cleanText(r.body ?? '');
    let body: string;
    let html: string;
    if (r.html !== undefined) {
      body = text;
      html = sanitize(r.html).trim();
    } else if (r.bodyFormat === 'html') {
      html = sanitize(text).trim();
      body = htmlToText(html);
    } else {
      body = text;
      html = renderMarkdown(text);
    }
    const email = r.authorEmail ? normalizeEmail(cleanLine(r.authorEmail)) : undefined;
    const validEmail = email && /^[^\s@]+@[^\s@]+$/.test(email) && email.length <= 254 ? email : undefined;
    const emailHash = validEmail ? hash('email', validEmail) : undefined;
    const name = cleanLine(r.authorName).slice(0, 80) || 'Anonymous';
    const avatar =
      r.avatar && /^[0-9a-f]{12}$/.test(r.avatar)
        ? r.avatar
        : hash('avatar', emailHash ?? `${name}\u0000import`).slice(0, 12);
    const up = Math.max(0, Math.trunc(r.up ?? 0));
    const down = Math.max(0, Math.trunc(r.down ?? 0));
    return {
      type: 'comment',
      ...keys.comment(site, page, r.createdAt, id),
      ...keys.queue(site, r.status, r.createdAt, id),
      ...(emailHash ? keys.author(site, emailHash, r.createdAt, id) : {}),
      id,
      site,
      page,
      parentId: parent?.id ?? null,
      depth: parent ? parent.depth + 1 : 0,
      body,
      html,
      authorName: name,
      ...(validEmail ? { authorEmail: validEmail, emailHash } : {}),
      ...(cleanWebsite(r.authorWebsite) ? { authorWebsite: cleanWebsite(r.authorWebsite) } : {}),
      avatar,
      status: r.status,
      ...(r.placeholder ? { placeholder: true } : {}),
      score: up - down,
      up,
      down,
      createdAt: r.createdAt,
      ...(r.editedAt ? { editedAt: r.editedAt } : {}),
      ...(r.statusAt ? { statusAt: r.statusAt } : {}),
      ...(r.pinned ? { pinned: true } : {}),
      ...(r.moderator ? { byModerator: true } : {}),
      ...(r.notify && validEmail ? { notify: true } : {}),
    };
  }

  async function batchWrite(requests: Put[]) {
    const parts: Put[][] = [];
    for (let i = 0; i < requests.length; i += 25) parts.push(requests.slice(i, i + 25));
    await Promise.all(parts.map(writePart));
  }

  async function writePart(part: Put[]) {
    let left: Put[] = part;
    for (let attempt = 0; left.length > 0; attempt++) {
      if (attempt > 0) await sleep(Math.min(2000, 50 * 2 ** attempt));
      const res = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.table]: left } }));
      left = (res.UnprocessedItems?.[db.table] as Put[] | undefined) ?? [];
      if (attempt > 10 && left.length > 0) throw new Error('storage kept refusing the import writes');
    }
  }

  /** Writes a batch: the locators already there mean the comment was imported before. */
  async function flushBatch(batch: { item: CommentItem; extra: Put[] }[]) {
    const refKeys = batch.map((b) => keys.commentRef(b.item.id));
    const found = new Set<string>();
    let ask: Record<string, unknown>[] = refKeys;
    for (let attempt = 0; ask.length > 0; attempt++) {
      if (attempt > 0) await sleep(Math.min(2000, 50 * 2 ** attempt));
      const res = await db.doc.send(
        new BatchGetCommand({ RequestItems: { [db.table]: { Keys: ask, ProjectionExpression: 'pk' } } }),
      );
      for (const it of res.Responses?.[db.table] ?? []) found.add(String(it.pk));
      ask = (res.UnprocessedKeys?.[db.table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
    const writes: Put[] = [];
    for (const { item, extra } of batch) {
      if (found.has(keys.commentRef(item.id).pk)) {
        progress.existing++;
        continue;
      }
      writes.push(
        {
          PutRequest: {
            Item: {
              type: 'commentRef',
              ...keys.commentRef(item.id),
              id: item.id,
              site,
              page: item.page,
              commentSk: item.sk,
            },
          },
        },
        { PutRequest: { Item: item as unknown as Record<string, unknown> } },
        ...extra,
      );
      const t = tally(item.page);
      t.total++;
      if (item.status === 'approved') t.approved++;
      progress.imported++;
    }
    await batchWrite(writes);
  }

  async function schedule(force: boolean) {
    while (pending.length >= BATCH || (force && pending.length > 0)) {
      const batch = pending.slice(0, BATCH);
      pending = pending.slice(BATCH);
      const p = flushBatch(batch).catch((err) => {
        failure ??= err;
      });
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
      while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
      if (failure) throw failure;
    }
  }

  function accept(r: ImportComment) {
    const mapped = mapPage(r.pageUrl, opts.rewrite);
    if (!mapped) return problem(r.sourceId, `no usable page for "${r.pageUrl.slice(0, 200)}"`);
    if (seen.has(r.sourceId)) return problem(r.sourceId, 'the same comment id appears twice; kept the first');
    let parent: Seen | undefined;
    if (r.parentSourceId) {
      parent = recall(r.parentSourceId);
      if (!parent) {
        // The parent may come later in the file: hold the reply until it does.
        const list = waiting.get(r.parentSourceId) ?? [];
        list.push(r);
        waiting.set(r.parentSourceId, list);
        return;
      }
      if (parent.page !== mapped.page) {
        problem(r.sourceId, 'replies to a comment on another page; kept as a top-level comment');
        parent = undefined;
      }
    }
    const item = build(r, mapped.page, parent);
    const t = tally(mapped.page);
    if (r.title && !t.title) t.title = cleanLine(r.title).slice(0, 300);
    if (mapped.url && !t.url) t.url = mapped.url;
    if (parent?.deletedKey) placeholders.set(parent.id, parent.deletedKey);
    remember(
      r.sourceId,
      item.page,
      item.depth,
      item.status === 'deleted' ? { pk: item.pk, sk: item.sk } : undefined,
    );
    const extra: Put[] = (r.votes ?? []).map((v) => ({
      PutRequest: {
        Item: {
          type: 'vote',
          ...keys.vote(item.id, v.voter),
          commentId: item.id,
          value: v.value,
          createdAt: v.createdAt ?? r.createdAt,
        },
      },
    }));
    pending.push({ item, extra });
    const children = waiting.get(r.sourceId);
    if (children) {
      waiting.delete(r.sourceId);
      for (const child of children) accept(child);
    }
  }

  function page(p: ImportPage) {
    const mapped = mapPage(p.pageUrl, opts.rewrite);
    if (!mapped) return problem(p.pageUrl.slice(0, 200), 'not a usable page URL or path');
    const t = tally(mapped.page);
    t.explicit = true;
    if (p.title) t.title = cleanLine(p.title).slice(0, 300);
    const url = p.url ? mapPage(p.url, opts.rewrite)?.url : mapped.url;
    if (url) t.url = url;
    if (p.locked) t.locked = true;
    if (p.createdAt) t.createdAt = p.createdAt;
  }

  async function finishPages() {
    const at = now().toISOString();
    for (const [page, t] of pages) {
      if (t.total === 0 && !t.explicit) continue;
      const index = keys.sitePages(site, page);
      await db.doc.send(
        new UpdateCommand({
          TableName: db.table,
          Key: keys.page(site, page),
          UpdateExpression:
            'SET #type = :page, #site = :site, #page = :pageId, #count = if_not_exists(#count, :zero) + :a, ' +
            '#total = if_not_exists(#total, :zero) + :t, #version = if_not_exists(#version, :zero) + :one, ' +
            '#createdAt = if_not_exists(#createdAt, :created), #updatedAt = :now, #title = if_not_exists(#title, :title), ' +
            '#url = if_not_exists(#url, :url), gsi3pk = :g3pk, gsi3sk = :g3sk' +
            (t.locked ? ', #locked = :true' : ''),
          ExpressionAttributeNames: {
            '#type': 'type',
            '#site': 'site',
            '#page': 'page',
            '#count': 'count',
            '#total': 'total',
            '#version': 'version',
            '#createdAt': 'createdAt',
            '#updatedAt': 'updatedAt',
            '#title': 'title',
            '#url': 'url',
            ...(t.locked ? { '#locked': 'locked' } : {}),
          },
          ExpressionAttributeValues: {
            ':page': 'page',
            ':site': site,
            ':pageId': page,
            ':zero': 0,
            ':one': 1,
            ':a': t.approved,
            ':t': t.total,
            ':now': at,
            ':created': t.createdAt ?? at,
            ':title': t.title ?? '',
            ':url': t.url ?? '',
            ':g3pk': index.gsi3pk,
            ':g3sk': index.gsi3sk,
            ...(t.locked ? { ':true': true } : {}),
          },
        }),
      );
    }
  }

  return {
    async add(record: ImportRecord) {
      if (record.kind === 'problem') {
        progress.records++;
        return problem(record.where, record.message);
      }
      if (record.kind === 'page') return page(record);
      progress.records++;
      accept(record);
      await schedule(false);
      if (opts.onProgress && progress.records - lastReport >= 500) {
        lastReport = progress.records;
        opts.onProgress({ ...progress });
      }
    },

    async finish(): Promise<ImportResult> {
      // Replies whose parent never came: keep them, as top-level comments.
      for (const [parentId, children] of waiting) {
        waiting.delete(parentId);
        for (const child of children) {
          problem(child.sourceId, `parent "${parentId}" is not in the file; kept as a top-level comment`);
          accept({ ...child, parentSourceId: undefined });
        }
      }
      await schedule(true);
      await Promise.all(inFlight);
      if (failure) throw failure;
      await finishPages();
      for (const key of placeholders.values()) {
        await db.doc
          .send(
            new UpdateCommand({
              TableName: db.table,
              Key: key,
              UpdateExpression: 'SET placeholder = :true',
              ConditionExpression: 'attribute_exists(pk) AND #status = :deleted',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':true': true, ':deleted': 'deleted' },
            }),
          )
          .catch((err: Error) => {
            if (err.name !== 'ConditionalCheckFailedException') throw err;
          });
      }
      opts.onProgress?.({ ...progress });
      return {
        ...progress,
        pages: [...pages.values()].filter((t) => t.total > 0 || t.explicit).length,
        problemList,
      };
    },
  };
}
