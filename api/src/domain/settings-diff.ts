/** What a settings save changed, field by field (old → new), for the moderation log; secrets only as "set". */
import { REPORT_LIMITS } from '../contract/limits.js';
import type { SiteItem } from '../store/items.js';

export interface SettingChange {
  /** `name`, `origins`, `spam.maxLinks`…: the field's name in the settings. */
  field: string;
  /** The value shown as text; null when unset. */
  from: string | null;
  to: string | null;
}

/** Fields never compared: keys, times, and webhooks (their secrets are not the log's business). */
const SKIP = new Set([
  'type',
  'pk',
  'sk',
  'id',
  'createdAt',
  'updatedAt',
  'webhooks',
  'spam',
  'remote',
  'reactions',
  'version',
]);
const SECRET = new Set(['spam.akismetKey']);
/** What an absent field means (so a form sending the default it showed changes nothing). */
const ABSENT: Record<string, unknown> = {
  'spam.blockedAction': 'pending',
  'spam.trustAfter': 1,
  'spam.contentThreshold': 80,
  reportThreshold: REPORT_LIMITS.threshold,
};
const MAX_VALUE = 200;

/** The value as it acts: off, empty and absent are one; an absent field takes its default. */
function effective(field: string, v: unknown): unknown {
  const x = v === undefined || v === null ? ABSENT[field] : v;
  if (x === false || x === '' || (Array.isArray(x) && x.length === 0)) return undefined;
  return x;
}

function show(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  // A list of rules (email domains) reads as `example.com hold, example.net block`.
  const item = (x: unknown) => (typeof x === 'object' && x !== null ? Object.values(x).join(' ') : String(x));
  const text = Array.isArray(v) ? v.map(item).join(', ') : String(v);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function fields(s: Partial<SiteItem>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(s)) if (!SKIP.has(k)) out.set(k, v);
  for (const [k, v] of Object.entries(s.spam ?? {})) out.set(`spam.${k}`, v);
  // Remote replies' switches one by one (an absent switch is off).
  for (const [k, v] of Object.entries(s.remote ?? {})) out.set(`remote.${k}`, v);
  // Reactions' sets one by one (`reactions.comments`, `reactions.page`: an empty set is off).
  for (const [k, v] of Object.entries(s.reactions ?? {})) out.set(`reactions.${k}`, v);
  return out;
}

/** The fields whose value differs between `before` and `after`, in the order of `after`, then removals. */
export function settingsDiff(before: Partial<SiteItem>, after: Partial<SiteItem>): SettingChange[] {
  const a = fields(before);
  const b = fields(after);
  const changes: SettingChange[] = [];
  for (const field of new Set([...b.keys(), ...a.keys()])) {
    const from = effective(field, a.get(field));
    const to = effective(field, b.get(field));
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    if (SECRET.has(field)) {
      changes.push({ field, from: from ? 'set' : null, to: to ? (from ? 'changed' : 'set') : null });
      continue;
    }
    // A switch reads on/off (off and absent are one).
    const flag = typeof a.get(field) === 'boolean' || typeof b.get(field) === 'boolean';
    const f = flag ? (from ? 'on' : 'off') : show(from);
    const t = flag ? (to ? 'on' : 'off') : show(to);
    if (f !== t) changes.push({ field, from: f, to: t });
  }
  return changes;
}
