/**
 * The one page-meta update that goes with every write adding comments to a page (a post, an import
 * batch, an imported page's description): counters grown by what the write adds, the version bumped,
 * the page listed on the site's index, title and URL kept from the first write that knew them.
 */
import { keys } from './keys.js';

export interface PageGrowth {
  site: string;
  page: string;
  /** Approved comments added (the readers' count) and comments added of any status. */
  approved: number;
  total: number;
  now: string;
  /** The page's own first date (an import's source); else the first write's time is kept. */
  createdAt?: string | undefined;
  title?: string | undefined;
  /** A title as a poster claims it (kept apart from `title`). */
  claimedTitle?: string | undefined;
  url?: string | undefined;
  /** Lock the thread (an import of a closed thread). */
  lock?: boolean;
  /** Refuse the write on a locked thread (a new post). */
  unlockedOnly?: boolean;
}

export function pageGrowth(table: string, g: PageGrowth) {
  const index = keys.sitePages(g.site, g.page);
  const set = [
    '#type = :page',
    '#site = :site',
    '#page = :pageId',
    '#count = if_not_exists(#count, :zero) + :approved',
    '#total = if_not_exists(#total, :zero) + :total',
    '#version = if_not_exists(#version, :zero) + :one',
    g.createdAt ? '#createdAt = :created' : '#createdAt = if_not_exists(#createdAt, :now)',
    '#updatedAt = :now',
    'gsi3pk = :g3pk',
    'gsi3sk = :g3sk',
  ];
  const names: Record<string, string> = {};
  for (const n of ['type', 'site', 'page', 'count', 'total', 'version', 'createdAt', 'updatedAt'])
    names[`#${n}`] = n;
  const values: Record<string, unknown> = {
    ':page': 'page',
    ':site': g.site,
    ':pageId': g.page,
    ':zero': 0,
    ':one': 1,
    ':approved': g.approved,
    ':total': g.total,
    ':now': g.now,
    ':g3pk': index.gsi3pk,
    ':g3sk': index.gsi3sk,
    ...(g.createdAt ? { ':created': g.createdAt } : {}),
  };
  for (const field of ['title', 'claimedTitle', 'url'] as const) {
    if (!g[field]) continue;
    set.push(`#${field} = if_not_exists(#${field}, :${field})`);
    names[`#${field}`] = field;
    values[`:${field}`] = g[field];
  }
  if (g.lock || g.unlockedOnly) names['#locked'] = 'locked';
  if (g.lock) {
    set.push('#locked = :true');
    values[':true'] = true;
  }
  if (g.unlockedOnly) values[':false'] = false;
  return {
    TableName: table,
    Key: keys.page(g.site, g.page),
    UpdateExpression: `SET ${set.join(', ')}`,
    ...(g.unlockedOnly ? { ConditionExpression: 'attribute_not_exists(#locked) OR #locked = :false' } : {}),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
