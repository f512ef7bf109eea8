/** Why a comment was held or flagged: one typed list of flag codes with a moderator text each (admin, mail, webhooks). */

/** Every flag a rule may set on a comment; stored in its `spamReasons`, in the order the rules ran. */
export const FLAG_CODES = [
  'too_many_links',
  'blocked_word',
  'new_author',
  'premoderation',
  'duplicate',
  'rate_limited',
  'reports',
  'external_check',
  'author_history',
  'domain_rule',
  'disposable',
  'banned',
  'akismet',
  'honeypot',
  'compose_token_missing',
  'compose_token_invalid',
  'composed_too_fast',
  'compose_token_expired',
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

/**
 * A stored flag: a code, or an external check's label with its score (0 to 1), as
 * `external_check:<LABEL>:<score>` (the label is letters, digits and `_`; the score has two decimals).
 */
export type Flag = FlagCode | `external_check:${string}:${string}`;

/** What a moderator reads for each flag (the admin page, moderator mail, webhook text). */
export const FLAG_TEXT: Record<FlagCode, string> = {
  too_many_links: 'More links than the site allows',
  blocked_word: 'Contains a blocked word',
  new_author: 'New author (not yet trusted)',
  premoderation: 'The site holds every comment for review',
  duplicate: 'Repeats a comment the author just posted',
  rate_limited: 'Posted faster than the rate limit',
  reports: 'Reported by readers',
  external_check: 'The external content check labelled it',
  author_history: 'The author has comments marked as spam here',
  domain_rule: "A rule holds comments from the author's email domain",
  disposable: 'Uses a disposable email address',
  banned: 'The address is banned',
  akismet: 'Akismet says spam',
  honeypot: 'Filled the hidden field bots fill',
  compose_token_missing: 'Posted without the form the widget gives',
  compose_token_invalid: 'The form token was forged',
  composed_too_fast: 'Written faster than a person types',
  compose_token_expired: 'The form token had expired',
};

/** An external check's label flag, as stored. */
export const LABEL_FLAG = /^external_check:([A-Za-z0-9_]{1,64}):(\d(?:\.\d{1,4})?)$/;

/** The flag of one external label above the threshold. */
export function labelFlag(name: string, score: number): Flag {
  const label = name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 64) || 'LABEL';
  const s = Math.min(Math.max(score, 0), 1).toFixed(2);
  return `external_check:${label}:${s}`;
}

export interface ParsedFlag {
  code: FlagCode;
  /** An external check's label and score. */
  label?: string;
  score?: number;
}

/** A stored flag read back; an unknown string (from before this list) is undefined. */
export function parseFlag(flag: string): ParsedFlag | undefined {
  if ((FLAG_CODES as readonly string[]).includes(flag)) return { code: flag as FlagCode };
  const m = LABEL_FLAG.exec(flag);
  return m ? { code: 'external_check', label: m[1]!, score: Number(m[2]) } : undefined;
}

/** One line for a moderator: the flag's text, with an external label's name and score. */
export function flagText(flag: string): string {
  const f = parseFlag(flag);
  if (!f) return flag.replace(/_/g, ' ');
  if (f.label === undefined) return FLAG_TEXT[f.code];
  return `${FLAG_TEXT.external_check}: ${f.label.replace(/_/g, ' ').toLowerCase()} (${Math.round((f.score ?? 0) * 100)}%)`;
}
