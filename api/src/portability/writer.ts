/**
 * Writes imported comments: deterministic ids from (format, source site, source id) (a re-import adds
 * nothing), replies after their parents, each comment built by the one comment builder, and written with
 * its locator and its page's counters in one transaction (store/imports.ts), so two imports at once
 * never double a count. Replies waiting for a parent are bounded; releasing them gives the loop turns.
 */
import { avatarSeed, cleanAuthor, prepareBody } from '../domain/comment/prepare.js';
import { remoteCommentId, remoteIdentity } from '../domain/comment/remote.js';
import { cleanLine } from '../domain/text.js';
import { idempotentId } from '../domain/tokens.js';
import {
  IMPORT_TX_BYTES,
  IMPORT_TX_COMMENTS,
  type ImportEntry,
  type ImportedPage,
} from '../store/imports.js';
import type { Store } from '../store/index.js';
import { MAX_BODY_CHARS, MAX_HELD_CHARS, MAX_ID_CHARS } from './limits.js';
import type { PathMap } from './map.js';
import { pacer } from './pace.js';
import { mapPage } from './pages.js';
import type { ImportComment, ImportPage, ImportRecord } from './record.js';
import { createSeen, type Seen } from './seen.js';

export interface ImportOptions {
  store: Pick<Store, 'imports'>;
  secret: string;
  site: string;
  /** Names the source in deterministic ids, so two systems' id spaces never collide. */
  source: string;
  /** The source site for records that name none (two such files of one format are told apart by it). */
  origin?: string;
  /** Host rewrites applied to page URLs before the page rules: old host → new host. */
  rewrite?: Record<string, string>;
  /** Path rules applied to page keys after the host rewrites (portability/map.ts). */
  map?: PathMap;
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

/** Comments gathered before a round of writes; their pages' transactions run a few at a time. */
const BATCH = 48;
const IN_FLIGHT = 3;

export function createImportWriter(opts: ImportOptions) {
  const { store, secret, site } = opts;
  const now = opts.now ?? (() => new Date());
  /** Source ids scoped by the source site: `<origin>\0<id>`, or the bare id (as before) without one. */
  const scoped = (origin: string | undefined, id: string) => (origin ? `${origin}\u0000${id}` : id);
  const idOf = (key: string) => idempotentId(secret, site, `import\u0000${opts.source}\u0000${key}`);
  // A reply fetched from elsewhere takes the id a refresh makes for it (so a refresh after the import finds
  // it instead of adding it again); its replies look it up by its source id here (remote replies are few).
  const remoteIds = new Map<string, string>();
  const seen = createSeen((key) => remoteIds.get(key) ?? idOf(key));
  /** Replies whose parent has not come yet, by the parent's key, oldest first; and their size. */
  const waiting = new Map<string, ImportComment[]>();
  let heldOrder: { parent: string; r: ImportComment }[] = [];
  let heldChars = 0;
  let heldCount = 0;
  /** Replies whose parent came: accepted a few at a time by `add`, with turns of the event loop. */
  let released: ImportComment[] = [];
  const pace = pacer();
  const pages = new Map<string, ImportedPage & { comments: number; explicit?: boolean }>();
  const placeholders = new Map<string, { page: string; createdAt: string }>();
  const progress: ImportProgress = { records: 0, imported: 0, existing: 0, problems: 0 };
  const problemList: { where: string; message: string }[] = [];
  let pending: ImportEntry[] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let lastReport = 0;

  function problem(where: string, message: string) {
    progress.problems++;
    if (problemList.length < (opts.keepProblems ?? 1000))
      problemList.push({ where: where.slice(0, 200), message: message.slice(0, 500) });
  }

  function tally(page: string) {
    let t = pages.get(page);
    if (!t) {
      t = { comments: 0 };
      pages.set(page, t);
    }
    return t;
  }

  /** The one comment builder, as every source uses it; imports keep what the old system held. */
  function build(r: ImportComment, page: string, parent: Seen | undefined): ImportEntry {
    const body = prepareBody(
      r.html !== undefined
        ? { html: r.html, text: r.body }
        : r.bodyFormat === 'html'
          ? { html: r.body }
          : { markdown: r.body },
      Number.POSITIVE_INFINITY,
      true,
    );
    const remote = r.remote;
    const key = scoped(r.origin, r.sourceId);
    const id = remote ? remoteCommentId(secret, site, remote) : idOf(key);
    if (remote) remoteIds.set(key, id);
    // A remote reply's author is the account there: its keyed hashes (bans name it), no email.
    const who = remote ? remoteIdentity(secret, remote) : undefined;
    const author = cleanAuthor(secret, {
      name: r.authorName,
      email: remote ? undefined : r.authorEmail,
      website: remote?.profile ?? r.authorWebsite,
    });
    const up = Math.max(0, Math.trunc(r.up ?? 0));
    const down = Math.max(0, Math.trunc(r.down ?? 0));
    return {
      comment: {
        id,
        site,
        page,
        parentId: parent?.id ?? null,
        depth: parent ? parent.depth + 1 : 0,
        ...body,
        authorName: author.name,
        ...(author.email ? { authorEmail: author.email, emailHash: author.emailHash } : {}),
        ...(author.website ? { authorWebsite: author.website } : {}),
        avatar:
          r.avatar && /^[0-9a-f]{12}$/.test(r.avatar) ? r.avatar : avatarSeed(secret, site, author, 'import'),
        status: r.status,
        ...(r.placeholder ? { placeholder: true } : {}),
        createdAt: r.createdAt,
        ...(r.editedAt ? { editedAt: r.editedAt } : {}),
        ...(r.statusAt ? { statusAt: r.statusAt } : {}),
        ...(r.pinned ? { pinned: true } : {}),
        ...(r.reactions ? { reactions: r.reactions } : {}),
        ...(r.moderator ? { byModerator: true } : {}),
        ...(r.notify && author.email ? { notify: true } : {}),
        ...(remote && who ? { remote, emailHash: who.emailHash, ipHash: who.ipHash } : {}),
      },
      up,
      down,
      votes: (r.votes ?? []).map((v) => ({
        voter: v.voter,
        value: v.value,
        createdAt: v.createdAt ?? r.createdAt,
      })),
    };
  }

  /** Writes one page's share of a round: skips what is there, then transactions of bounded size. */
  async function writePage(page: string, entries: ImportEntry[]) {
    const there = await store.imports.existing(entries.map((e) => e.comment.id));
    const fresh = entries.filter((e) => !there.has(e.comment.id));
    progress.existing += there.size;
    const at = now().toISOString();
    let chunk: ImportEntry[] = [];
    let bytes = 0;
    const flush = async () => {
      if (chunk.length === 0) return;
      const already = await store.imports.write(site, page, chunk, at);
      progress.existing += already.size;
      progress.imported += chunk.length - already.size;
      tally(page).comments += chunk.length - already.size;
      chunk = [];
      bytes = 0;
    };
    for (const e of fresh) {
      const size = 2 * (e.comment.body.length + e.comment.html.length) + 1024;
      if (chunk.length >= IMPORT_TX_COMMENTS || bytes + size > IMPORT_TX_BYTES) await flush();
      chunk.push(e);
      bytes += size;
    }
    await flush();
  }

  async function schedule(force: boolean) {
    while (pending.length >= BATCH || (force && pending.length > 0)) {
      const round = pending.slice(0, BATCH);
      pending = pending.slice(BATCH);
      const byPage = new Map<string, ImportEntry[]>();
      for (const e of round) byPage.set(e.comment.page, [...(byPage.get(e.comment.page) ?? []), e]);
      for (const [page, entries] of byPage) {
        const p = writePage(page, entries).catch((err) => {
          failure ??= err;
        });
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
        while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
        if (failure) throw failure;
      }
    }
  }

  const sizeOf = (r: ImportComment) => r.body.length + (r.html?.length ?? 0) + 512;

  /** Holds a reply until its parent comes; past the budget the oldest held go in at the top level. */
  function hold(parent: string, r: ImportComment) {
    const list = waiting.get(parent) ?? [];
    list.push(r);
    waiting.set(parent, list);
    heldOrder.push({ parent, r });
    heldChars += sizeOf(r);
    heldCount++;
    while (heldChars > MAX_HELD_CHARS && heldOrder.length > 0) {
      const oldest = heldOrder.shift()!;
      const list = waiting.get(oldest.parent);
      const at = list?.indexOf(oldest.r) ?? -1;
      if (!list || at === -1) continue;
      list.splice(at, 1);
      if (list.length === 0) waiting.delete(oldest.parent);
      heldChars -= sizeOf(oldest.r);
      heldCount--;
      problem(
        oldest.r.sourceId,
        'its parent had not come after too many waiting replies; kept as a top-level comment',
      );
      released.push({ ...oldest.r, parentSourceId: undefined });
    }
  }

  function accept(r: ImportComment) {
    if (r.sourceId.length > MAX_ID_CHARS || (r.parentSourceId?.length ?? 0) > MAX_ID_CHARS)
      return problem(r.sourceId, `an id longer than ${MAX_ID_CHARS} characters`);
    if (r.body.length > MAX_BODY_CHARS || (r.html?.length ?? 0) > 2 * MAX_BODY_CHARS)
      return problem(r.sourceId, `a body longer than ${MAX_BODY_CHARS} characters; skipped`);
    const origin = r.origin ?? opts.origin;
    const key = scoped(origin, r.sourceId);
    const mapped = mapPage(r.pageUrl, opts.rewrite, opts.map);
    if (!mapped) return problem(r.sourceId, `no usable page for "${r.pageUrl.slice(0, 200)}"`);
    if (seen.has(key)) return problem(r.sourceId, 'the same comment id appears twice; kept the first');
    let parent: Seen | undefined;
    if (r.parentSourceId) {
      const parentKey = scoped(origin, r.parentSourceId);
      parent = seen.recall(parentKey);
      if (!parent) {
        // The parent may come later in the file: hold the reply until it does.
        if (parentKey === key) {
          problem(r.sourceId, 'replies to itself; kept as a top-level comment');
          return accept({ ...r, parentSourceId: undefined });
        }
        return hold(parentKey, { ...r, origin });
      }
      if (parent.page !== mapped.page) {
        problem(r.sourceId, 'replies to a comment on another page; kept as a top-level comment');
        parent = undefined;
      }
    }
    const entry = build({ ...r, origin }, mapped.page, parent);
    const t = tally(mapped.page);
    if (r.title && !t.title) t.title = cleanLine(r.title).slice(0, 300);
    if (mapped.url && !t.url) t.url = mapped.url;
    if (parent?.deletedAt) placeholders.set(parent.id, { page: parent.page, createdAt: parent.deletedAt });
    const c = entry.comment;
    seen.remember(key, c.page, c.depth, c.status === 'deleted' ? c.createdAt : undefined);
    pending.push(entry);
    const children = waiting.get(key);
    if (children) {
      waiting.delete(key);
      for (const child of children) heldChars -= sizeOf(child);
      heldCount -= children.length;
      for (const child of children) released.push(child);
    }
  }

  /** Accepts the replies released so far (and those they release), writing as batches fill. */
  async function drain() {
    for (let i = 0; i < released.length; i++) {
      accept(released[i]!);
      await schedule(false);
      await pace();
    }
    released = [];
    // Forget entries of replies already released, so the order list never outgrows what is held.
    if (heldOrder.length > 2 * heldCount + 1024) {
      const still = new Set<ImportComment>();
      for (const list of waiting.values()) for (const r of list) still.add(r);
      heldOrder = heldOrder.filter((h) => still.has(h.r));
    }
  }

  function page(p: ImportPage) {
    const mapped = mapPage(p.pageUrl, opts.rewrite, opts.map);
    if (!mapped) return problem(p.pageUrl.slice(0, 200), 'not a usable page URL or path');
    const t = tally(mapped.page);
    t.explicit = true;
    if (p.title) t.title = cleanLine(p.title).slice(0, 300);
    const url = p.url ? mapPage(p.url, opts.rewrite, opts.map)?.url : mapped.url;
    if (url) t.url = url;
    if (p.locked) t.locked = true;
    if (p.createdAt) t.createdAt = p.createdAt;
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
      await drain();
      if (opts.onProgress && progress.records - lastReport >= 500) {
        lastReport = progress.records;
        opts.onProgress({ ...progress });
      }
    },

    async finish(): Promise<ImportResult> {
      // Replies whose parent never came: keep them, as top-level comments.
      for (const [parentKey, children] of waiting) {
        waiting.delete(parentKey);
        for (const child of children) {
          problem(
            child.sourceId,
            `parent "${child.parentSourceId ?? parentKey}" is not in the file; kept as a top-level comment`,
          );
          released.push({ ...child, parentSourceId: undefined });
        }
        await drain();
      }
      heldOrder = [];
      heldCount = 0;
      heldChars = 0;
      await drain();
      await schedule(true);
      await Promise.all(inFlight);
      if (failure) throw failure;
      const at = now().toISOString();
      for (const [pagePath, t] of pages) {
        if (t.explicit || t.title || t.url) await store.imports.describePage(site, pagePath, t, at);
      }
      for (const [id, p] of placeholders) await store.imports.markPlaceholder(site, p.page, p.createdAt, id);
      opts.onProgress?.({ ...progress });
      return {
        ...progress,
        pages: [...pages.values()].filter((t) => t.comments > 0 || t.explicit).length,
        problemList,
      };
    },
  };
}
