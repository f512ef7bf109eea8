/**
 * Which stream records change what readers see, and so which files to publish: a listed comment
 * created, approved, edited, deleted, voted or pinned (its old or new image listed); a page's count,
 * lock, title, URL or Webmention likes and reposts changed; a site's public settings changed (its file and all its pages' files).
 * A vote or a reaction changes only counts (a score, a comment's or the page's reactions), which only the thread
 * JSON shows: its page's JSON alone is written.
 */
import type { DynamoDBRecord } from 'aws-lambda';
import { publicComment, publicSettings } from '../domain/present.js';
import { decodeImage } from '../store/images.js';
import { type CommentItem, isComment, isPage, isSite } from '../store/items.js';
import { isListedState } from '../store/keys.js';

export interface Targets {
  /**
   * Pages whose thread files to write; `atLeast`: the version the file must carry (a removed page);
   * `scoresOnly`: only scores changed (a vote), so only the thread JSON (the fragment and the site file
   * show no scores).
   */
  pages: { site: string; page: string; atLeast?: number; scoresOnly?: boolean }[];
  /** The site whose file to write. */
  site?: string;
  /** Every page of `site` too (its settings, which each thread file holds, changed). */
  allPages?: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** What a comment shows but its score and reactions. */
const scoreless = (c: CommentItem) => ({ ...publicComment(c), score: 0, reactions: undefined });

export function targetsOf(record: DynamoDBRecord): Targets {
  const after = decodeImage(record.dynamodb?.NewImage);
  const before = decodeImage(record.dynamodb?.OldImage);
  const either = after ?? before;
  if (isComment(either)) {
    const a = isComment(after) ? after : undefined;
    const b = isComment(before) ? before : undefined;
    const listed = [a, b].some((c) => c && isListedState(c.status, c.placeholder));
    if (!listed) return { pages: [] };
    if (a && b && a.page === b.page && same(scoreless(a), scoreless(b)))
      return { pages: [{ site: a.site, page: a.page, scoresOnly: true }] };
    const pages = [a, b]
      .filter((c) => c !== undefined)
      .map((c) => ({ site: c.site, page: c.page }))
      .filter((p, i, all) => i === 0 || p.page !== all[0]!.page || p.site !== all[0]!.site);
    return { pages, site: either.site };
  }
  if (isPage(either)) {
    const a = isPage(after) ? after : undefined;
    const b = isPage(before) ? before : undefined;
    const view = (p: typeof a) =>
      p && [p.count, p.locked === true, p.title, p.url, p.mentionLikes ?? 0, p.mentionReposts ?? 0];
    if (a && b && same(view(a), view(b)))
      return same(a.reactions ?? {}, b.reactions ?? {})
        ? { pages: [] }
        : { pages: [{ site: a.site, page: a.page, scoresOnly: true }] };
    // A page removed (moved away): its file is emptied, above the last version the page had.
    const atLeast = !a && b ? (b.version ?? 0) + 1 : undefined;
    return {
      pages: [{ site: either.site, page: either.page, ...(atLeast ? { atLeast } : {}) }],
      site: either.site,
    };
  }
  if (isSite(after)) {
    const b = isSite(before) ? before : undefined;
    if (b && same(publicSettings(b), publicSettings(after))) return { pages: [] };
    return { pages: [], site: after.id, allPages: true };
  }
  return { pages: [] };
}
