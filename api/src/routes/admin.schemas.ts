/** Request schemas of the admin API (arktype), exported for validation and the OpenAPI description. */
import { type } from 'arktype';
import { CommentId, SiteId } from '../schemas.js';

/** Any `local@host` address (moderators may live on `localhost` in development). */
export const AdminLogin = type({ email: type(/^[^\s@]{1,128}@[^\s@]{1,125}$/), password: 'string <= 1024' });

export const AdminStatus = type("'pending' | 'approved' | 'spam' | 'deleted'");

export const AdminQueueQuery = type({
  site: SiteId,
  'status?': AdminStatus,
  'page?': 'string <= 2048',
  /** An email (exact) or part of a name. */
  'author?': 'string <= 254',
  /** Text to find in body, name or email (case-insensitive). */
  'q?': 'string <= 200',
  'limit?': /^[0-9]{1,3}$/,
  'cursor?': 'string <= 2048',
});

export const AdminBulk = type({
  ids: CommentId.array().moreThanLength(0).atMostLength(100),
  action: "'approve' | 'spam' | 'delete' | 'pending'",
});

export const AdminSetStatus = type({ status: AdminStatus });
export const AdminEdit = type({ body: 'string <= 50000' });
export const AdminReply = type({ body: 'string <= 50000' });
export const AdminPin = type({ pinned: 'boolean' });
export const AdminLock = type({ site: SiteId, page: 'string <= 2048', locked: 'boolean' });
export const AdminSiteParam = type({ site: SiteId });
export const AdminIdParam = type({ id: CommentId });

export const AdminBan = type({
  /** Ban the author of this comment: by email hash and/or by client hash. */
  commentId: CommentId,
  'email?': 'boolean',
  'client?': 'boolean',
  /** Days until the ban ends; absent = permanent. */
  'days?': '0 < number <= 3650',
  'reason?': 'string <= 300',
});

export const AdminUnban = type({ kind: "'email' | 'client'", hash: /^[0-9a-f]{8,64}$/ });

export const AdminSpamSettings = type({
  'requireComposeToken?': 'boolean',
  'minComposeSec?': '0 <= number.integer <= 600',
  'maxLinks?': '0 <= number.integer <= 100',
  'blockedWords?': type('string <= 100').array().atMostLength(500),
  'blockedAction?': "'pending' | 'reject'",
  'ratePerClient?': '0 <= number.integer <= 10000',
  'ratePerPage?': '0 <= number.integer <= 100000',
  'rateWindowSec?': '1 <= number.integer <= 86400',
  'duplicateWindowSec?': '0 <= number.integer <= 604800',
  'akismet?': 'boolean',
  /** Empty string removes the key; absent keeps it. */
  'akismetKey?': 'string <= 100',
});

export const AdminSettings = type({
  'name?': 'string <= 200',
  'origins?': type('string <= 300').array().atMostLength(50),
  'moderation?': "'none' | 'first-time' | 'all'",
  'editWindowSec?': '0 <= number.integer <= 2592000',
  'maxDepth?': '0 <= number.integer <= 50',
  'maxBodyLength?': '1 <= number.integer <= 50000',
  'spam?': AdminSpamSettings,
});

export const AdminLogQuery = type({ 'cursor?': 'string <= 1024', 'limit?': /^[0-9]{1,3}$/ });
export const AdminStatsQuery = type({ 'days?': /^[0-9]{1,3}$/ });
